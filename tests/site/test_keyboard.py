"""The explorers work from the keyboard alone: each control is reached with Tab and moves the chart.

For each page with a kernel-free explorer (div.explorer), Tab is pressed from the top of the page
until focus has passed through the explorer; every input and select in it must have been focused
on the way, each with a visible focus indicator (an outline or box-shadow). Then, on the first
slider, ArrowRight must change the chart (its SVG markup) and the slider's value.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CONTROLS = "div.explorer :is(input, select, button, textarea)"
MAX_TABS = 1000  # pages with many links (citations, API entries) before the explorer


def test_explorer_controls_work_from_the_keyboard(reader, explorer_page):
    page = reader(explorer_page, "1280px").page
    total = page.locator(CONTROLS).count()
    assert total > 0, f"{explorer_page}: the explorer has no controls"
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.explorer')].every((e) => e.querySelector('svg'))",
        timeout=15_000,
    )
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    reached, unmarked = set(), []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """(selector) => {
              const node = document.activeElement;
              const all = [...document.querySelectorAll(selector)];
              const index = all.indexOf(node);
              if (index < 0) return null;
              const style = getComputedStyle(node);
              const marked = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== 'none';
              return {index, marked, name: node.name || node.id || node.type};
            }""",
            CONTROLS,
        )
        if focus is not None:
            reached.add(focus["index"])
            if not focus["marked"]:
                unmarked.append(focus["name"])
        if len(reached) == total:
            break
    # A group of radio buttons is one Tab stop: its other buttons are reached with the arrows.
    radios = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
             .map((node, index) => [index, node.type === 'radio' && !node.checked])
             .filter(([, unchecked]) => unchecked).map(([index]) => index)""",
        CONTROLS,
    )
    missing = set(range(total)) - reached - set(radios)
    assert missing == set(), f"explorer controls never reached with Tab: {sorted(missing)}"
    assert unmarked == [], "controls with no visible focus indicator"
    # A range input, or a select list where an explorer has none (the arena's task list).
    slider = page.locator("div.explorer :is(input[type=range], select)").first
    explorer = page.locator("div.explorer").first
    before = (slider.input_value(), explorer.inner_html())
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)
    after = (slider.input_value(), explorer.inner_html())
    assert after[0] != before[0], "ArrowRight did not move the slider"
    assert after[1] != before[1], "moving the slider from the keyboard did not redraw the chart"
