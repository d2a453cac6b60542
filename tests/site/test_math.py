"""Every formula fits: nothing clipped at 1280 px; on a phone long display math scrolls, whole.

A MathJax container clips its own content (the book's CSS lets display math scroll sideways), so
a page-level overflow test cannot see a cut-off formula: this test measures each mjx-container
against the union of the boxes of everything typeset inside it (an inline formula, which cannot
scroll or break, against the text block it sits in). At 1280 px no formula may need
scrolling or stick out of its container. At 375 px a display formula may scroll, but every part
of it must be reachable (nothing cut off on the left, where a scrollbar cannot reach) and an
equation number must not sit on top of the formula it numbers.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Sub-pixel rounding of glyph boxes, in CSS px.
SLACK_PX = 1.0

MEASURE = r"""() => {
  const article = document.querySelector('.bd-article') || document.body;
  const union = (nodes) => {
    let left = Infinity, right = -Infinity;
    for (const node of nodes) {
      for (const r of node.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue;
        left = Math.min(left, r.left); right = Math.max(right, r.right);
      }
    }
    return {left, right};
  };
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  return [...article.querySelectorAll('mjx-container')].map((box, index) => {
    const display = box.getAttribute('display') === 'true';
    const rect = box.getBoundingClientRect();
    const glyphs = [...box.querySelectorAll('mjx-c, mjx-utext, mjx-line, mjx-stretchy-h')];
    const labels = [...box.querySelectorAll('mjx-labels')];
    const body = union(glyphs.filter((g) => !g.closest('mjx-labels')));
    const numbers = labels.flatMap((l) => [...l.querySelectorAll('mjx-mtd')])
      .map((cell) => cell.getBoundingClientRect()).filter((r) => r.width > 0);
    // The formula's rows, to compare with the equation numbers beside them.
    const rows = [...box.querySelectorAll('mjx-itable > mjx-mtr, mjx-mlabeledtr')]
      .map((row) => [...row.children].filter((c) => !c.matches('mjx-mtd[id^="mjx-eqn"]')))
      .flat().map((cell) => cell.getBoundingClientRect()).filter((r) => r.width > 0);
    // Sphinx puts the number of a labelled equation in a span.eqno floated beside the formula.
    const eqno = display ? box.closest('div.math')?.querySelector(':scope > span.eqno') : null;
    if (eqno) numbers.push(eqno.getBoundingClientRect());
    const shown = {left: Math.max(body.left, rect.left), right: Math.min(body.right, rect.right),
                   top: rect.top, bottom: rect.bottom};
    const overlapping = numbers.some((n) => overlap(n, shown) || rows.some((r) => overlap(n, r)));
    const style = getComputedStyle(box);
    const tex = (box.parentElement.getAttribute('data-tex')
      || box.querySelector('mjx-assistive-mml, math')?.textContent || '').replace(/\s+/g, ' ');
    const context = (box.closest('p, li, div.math')?.textContent || tex).replace(/\s+/g, ' ');
    const kind = display ? 'display' : 'inline';
    const name = `${kind} #${index} near "${context.trim().slice(0, 60)}"`;
    // The text block the formula sits in: an inline formula must stay inside it.
    const block = box.parentElement.closest('p, li, dd, dt, td, th, div, section, figcaption');
    const column = block ? block.getBoundingClientRect() : rect;
    return {
      name, display, overflowX: style.overflowX,
      left: display ? rect.left : column.left, right: display ? rect.right : column.right,
      boxLeft: rect.left, boxRight: rect.right, clientWidth: box.clientWidth,
      scrollWidth: box.scrollWidth, bodyLeft: body.left, bodyRight: body.right, overlapping,
      viewport: document.documentElement.clientWidth,
    };
  });
}"""


def _cut(formulas: list[dict]) -> list[str]:
    return [
        f"{f['name']}: content {f['bodyLeft']:.0f}-{f['bodyRight']:.0f} px, box "
        f"{f['left']:.0f}-{f['right']:.0f} px"
        for f in formulas
        if f["bodyLeft"] < f["left"] - SLACK_PX or f["bodyRight"] > f["right"] + SLACK_PX
    ]


def test_no_formula_is_clipped_on_a_desktop(settled, page_path):
    formulas = settled(page_path, "1280px").page.evaluate(MEASURE)
    assert _cut(formulas) == [], (
        "formulas cut off by their container (or sticking out of their text) at 1280 px"
    )
    scrolling = [
        f["name"]
        for f in formulas
        if f["display"] and f["scrollWidth"] > f["clientWidth"] + SLACK_PX
    ]
    assert scrolling == [], "formulas that need scrolling at 1280 px"
    assert [f["name"] for f in formulas if f["overlapping"]] == [], "equation numbers on formulas"


def test_phone_formulas_scroll_whole_and_numbers_stay_clear(settled, page_path):
    formulas = settled(page_path, "375px", "dark").page.evaluate(MEASURE)
    # A formula wider than its column may scroll inside its own box (display math, and on a
    # phone long inline math too); otherwise it must fit its text.
    scrolls = [f for f in formulas if f["overflowX"] in ("auto", "scroll")]
    fixed = [f for f in formulas if f["overflowX"] not in ("auto", "scroll")]
    assert _cut(fixed) == [], "formulas cut off at 375 px (and not scrollable)"
    unreachable = [
        f"{f['name']}: starts at {f['bodyLeft']:.0f} px, its box at {f['boxLeft']:.0f} px"
        for f in scrolls
        if f["bodyLeft"] < f["boxLeft"] - SLACK_PX
    ]
    assert unreachable == [], "formulas cut off on the left, where no scrollbar reaches"
    outside = [
        f"{f['name']}: box {f['boxLeft']:.0f}-{f['boxRight']:.0f} px, text {f['left']:.0f}-"
        f"{f['right']:.0f} px"
        for f in scrolls
        if f["boxRight"] > f["right"] + SLACK_PX
    ]
    assert outside == [], "scrolling formula boxes wider than their text column"
    assert [f["name"] for f in formulas if f["overlapping"]] == [], "equation numbers on formulas"
