"""Visible code fits its column at 1280 px: no code cell scrolls sideways on a desktop.

Long lines are fixed in the chapter source (shorter names, one argument per line), not with a
smaller font: the test also checks that the theme's code font stays readable (>= 13 CSS px).
Code inside a closed dropdown ("Show code cell source", a library source listing) is not
visible, so it is not checked until it is opened; the failure lists each offending cell by its
first line and how many CSS px it sticks out.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MIN_CODE_FONT_PX = 13.0

MEASURE = r"""() => {
  const article = document.querySelector('.bd-article') || document.body;
  return [...article.querySelectorAll('div.highlight pre')]
    .filter((pre) => pre.getClientRects().length > 0 && !pre.closest('details:not([open])'))
    .map((pre) => ({
      first: pre.textContent.split('\n').find((line) => line.trim()) || '',
      longest: Math.max(...pre.textContent.split('\n').map((line) => line.length)),
      over: pre.scrollWidth - pre.clientWidth,
      font: parseFloat(getComputedStyle(pre).fontSize),
    }));
}"""


def test_visible_code_fits_on_a_desktop(settled, page_path):
    cells = settled(page_path, "1280px").page.evaluate(MEASURE)
    small = sorted({cell["font"] for cell in cells if cell["font"] < MIN_CODE_FONT_PX})
    assert small == [], f"code font below {MIN_CODE_FONT_PX} px"
    wide = [
        f"{cell['first'].strip()[:60]!r}: {cell['longest']} characters, {cell['over']} px too wide"
        for cell in cells
        if cell["over"] > 1
    ]
    print(f"{page_path}: {len(wide)} of {len(cells)} visible code cells scroll sideways")
    assert not wide, f"{len(wide)} visible code cells scroll sideways at 1280 px:\n" + "\n".join(
        wide
    )
