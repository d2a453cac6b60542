"""Printing a page (the theme's PDF button) gives the article, without chrome or controls.

Each page is printed to PDF by Chromium (page.pdf, which uses the print stylesheet) and the PDF's
text is read with pypdf (a pinned pip package, so no system binary is needed); the page's title
must be in it, and no label of a control may be: the theme's buttons and search field, the "Show
code cell source" toggles, the animation player's buttons and repeat modes. With print media
emulated, visible code wraps instead of being cut at the page's edge, and math is not clipped by a
scrolling box.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

# Control labels as they would print: the theme's, myst-nb's toggles, the matplotlib player's.
CONTROL_LABELS = [
    "Show code cell source",
    "Hide code cell source",
    "Show code cell output",
    "Skip to main content",
    "Back to top",
    "Ctrl+K",
    "Search this book",
    "Toggle navigation",
    "\N{BLACK RIGHT-POINTING TRIANGLE}",  # play
    "\u25ae\u25ae",  # pause
    "Once",
    "Loop",
    "Reflect",
]

PRINT_LAYOUT = r"""() => {
  const article = document.querySelector('.bd-article') || document.body;
  const shown = (node) => node.getClientRects().length > 0;
  return {
    code: [...article.querySelectorAll('div.highlight pre')].filter(shown)
      .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
      .map((pre) => pre.textContent.trim().split('\n')[0].slice(0, 60)),
    math: [...article.querySelectorAll('mjx-container')].filter(shown)
      .filter((box) => ['auto', 'scroll', 'hidden', 'clip']
        .includes(getComputedStyle(box).overflowX) && box.scrollWidth > box.clientWidth + 1)
      .map((box) => box.textContent.slice(0, 60)),
  };
}"""


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text in reading order, with every run of white space made one space.

    pypdf's layout mode pads words into columns, so a label could otherwise differ from the page
    by its spacing alone; a label broken across lines still counts.
    """
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "\n".join(page.extract_text(extraction_mode="layout") for page in pages)
    return re.sub(r"\s+", " ", text)


# The article's title as printed: the heading without its "#" permalink.
TITLE = """() => {
  const heading = document.querySelector('.bd-article h1');
  if (!heading) return '';
  const copy = heading.cloneNode(true);
  copy.querySelectorAll('.headerlink').forEach((link) => link.remove());
  return copy.textContent.replace(/\\s+/g, ' ').trim();
}"""


def test_print_has_no_controls(settled, page_path):
    # The page's shared desktop window (tests/site/conftest.py), set back to screen media after.
    page = settled(page_path, "1280px").page
    page.emulate_media(media="print")
    try:
        _check_print(page)
    finally:
        page.emulate_media(media="null")


def _check_print(page) -> None:
    layout = page.evaluate(PRINT_LAYOUT)
    assert layout["code"] == [], "code cut at the edge in print (it should wrap)"
    assert layout["math"] == [], "formulas clipped by a scrolling box in print"
    has_text = page.evaluate(
        "() => (document.querySelector('.bd-article') || document.body).innerText.trim() !== ''"
    )
    title = page.evaluate(TITLE)
    text = _pdf_text(page.pdf(format="A4", print_background=True))
    if has_text:
        assert text.strip(), "the printed page has no text"
        # The PDF's text is the page's words (else an absent label would prove nothing).
        if title:
            assert title in text, f"the title {title!r} is not in the PDF's text"
    found = [
        label for label in CONTROL_LABELS if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)
    ]
    assert found == [], "control labels in the printed page"
