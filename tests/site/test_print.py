"""Printing a page (the theme's PDF button) gives the article, without chrome or controls.

Each page is printed to PDF by Chromium (page.pdf, which uses the print stylesheet) and the PDF's
text is read with pdftotext (poppler-utils); no label of a control may be in it: the theme's
buttons and search field, the "Show code cell source" toggles, the animation player's buttons
and repeat modes. With print media emulated, visible code wraps instead of being cut at the
page's edge, and math is not clipped by a scrolling box.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

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


def _pdf_text(pdf: bytes, tmp_path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        reason = "pdftotext not found (apt-get install poppler-utils)"
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
        pytest.skip(reason)
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def test_print_has_no_controls(reader, page_path, tmp_path):
    page = reader(page_path, "1280px").page
    page.emulate_media(media="print")
    layout = page.evaluate(PRINT_LAYOUT)
    assert layout["code"] == [], "code cut at the edge in print (it should wrap)"
    assert layout["math"] == [], "formulas clipped by a scrolling box in print"
    has_text = page.evaluate(
        "() => (document.querySelector('.bd-article') || document.body).innerText.trim() !== ''"
    )
    text = _pdf_text(page.pdf(format="A4", print_background=True), tmp_path)
    if has_text:
        assert text.strip(), "the printed page has no text"
    found = [
        label for label in CONTROL_LABELS if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)
    ]
    assert found == [], "control labels in the printed page"
