"""The search field: its magnifier icon stays clear of the query, and search works offline.

The theme draws the icon over the input's left padding; the query's first letter must start to
the right of the icon (2 px apart at least), on a desktop and on a phone, in the search dialog
opened from the header and in the field on the search page. Searching for a word the chapters
use returns results without any other host (the index is a file of the site).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

GAP_PX = 2.0

FIELDS = r"""() => [...document.querySelectorAll('form.bd-search')]
  .map((form) => ({form, input: form.querySelector('input'),
                   icon: form.querySelector('i, svg')}))
  .filter(({input, icon}) => input && icon && input.getClientRects().length > 0)
  .map(({input, icon}) => {
    const style = getComputedStyle(input);
    const box = input.getBoundingClientRect();
    return {
      textStart: box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
      iconRight: icon.getBoundingClientRect().right,
      value: input.value,
    };
  })"""


@pytest.mark.parametrize("window", ["1280px", "375px"])
def test_search_icon_clears_the_query(reader, window):
    page = reader("chapters/index.html", window).page
    page.locator(
        "button.search-button-field:visible, button.search-button__button:visible"
    ).first.click()
    page.keyboard.type("entropy")
    fields = page.evaluate(FIELDS)
    assert fields, "no visible search field after opening the search dialog"
    assert any(field["value"] == "entropy" for field in fields), "the query did not reach the field"
    overlapping = [f for f in fields if f["iconRight"] + GAP_PX > f["textStart"]]
    assert overlapping == [], "the search icon covers the start of the query"


@pytest.mark.parametrize("window", ["1280px", "375px"])
def test_search_page_finds_offline(reader, window):
    session = reader("search.html?q=entropy", window)
    page = session.page
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    assert page.locator("#search-results ul.search li").count() > 0
    overlapping = [f for f in page.evaluate(FIELDS) if f["iconRight"] + GAP_PX > f["textStart"]]
    assert overlapping == [], "the search icon covers the start of the query"
    assert session.visit.blocked == []
