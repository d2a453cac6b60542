"""The representation-learning page on the built site: its explorer, layout and accessibility.

The explorer is driven through its native controls (the true-MI slider and the batch-size radio
buttons), and the numbers it then shows are compared with what ``infotheory`` computes for that
setting *in this test* (the page's batches: 200 per setting, seed 18, the streams documented in
``mibook.variational_grid``), formatted as the page formats them. The helpers that drive a Vega
explorer are those of ``test_explorer_pages``; axe-core is run as in ``test_accessibility``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_accessibility import AXE_JS, RUN_AXE, TAGS
from test_explorer_pages import READY, SET_RANGE, live_texts, set_control

from conftest import DESKTOP, PHONE, OfflineSession
from infotheory import (
    donsker_varadhan,
    gaussian_log_density_ratio,
    gaussian_mutual_information,
    infonce,
    informational_correlation,
    nwj,
    sample_gaussian_pair,
)
from mibook.vega import format_number

pytestmark = pytest.mark.browser

PAGE = "chapters/representation_learning.html"
N_BATCHES, SEED = 200, 18

# (true MI in nats, batch size K): the default first, then settings across the grid. Batch sizes
# stay small enough for the test to recompute each in well under a second.
SETTINGS = [(3.0, 16), (0.0, 2), (1.5, 64), (5.0, 8), (2.5, 32), (0.5, 128)]


def expected_lines(mi: float, k: int) -> list[str]:
    """The explorer's text for one setting, computed here with the library."""
    rho = float(informational_correlation(mi))
    values = {"InfoNCE": [], "DV": [], "NWJ": []}
    for child in np.random.SeedSequence([SEED, k]).spawn(N_BATCHES):
        x, y = sample_gaussian_pair(k, rho, seed=child)
        scores = gaussian_log_density_ratio(x[:, None], y[None, :], rho)
        values["InfoNCE"].append(infonce(scores))
        values["DV"].append(donsker_varadhan(scores))
        values["NWJ"].append(nwj(scores + 1.0))
    truth = float(gaussian_mutual_information(rho))
    lines = [
        f"I = {format_number(truth)} nats (\u03c1 = {format_number(rho, 4)}), K = {k:,}",
        f"ln K = {format_number(math.log(k))} nats",
    ]
    for label, v in values.items():
        mean, sd = float(np.mean(v)), float(np.std(v, ddof=1))
        lines.append(
            f"{label}: {format_number(mean)} \u00b1 {format_number(sd)}"
            f" (mean \u2212 truth {format_number(mean - truth)})"
        )
    lines.append(f"mean \u00b1 sd over {N_BATCHES} batches")
    return lines


@pytest.fixture
def page_built(site_dir):
    path = site_dir / PAGE
    if not path.is_file() or '<div class="explorer">' not in path.read_text(encoding="utf-8"):
        pytest.fail(f"{PAGE} is missing or has no kernel-free explorer", pytrace=False)
    return PAGE


def open_explorer(offline_page, viewport: dict = DESKTOP):
    session = offline_page(PAGE, viewport)
    session.page.wait_for_selector(READY, timeout=30_000)
    box = session.page.locator("div.explorer").first
    box.scroll_into_view_if_needed()
    return session, box


def choose(box, mi: float, k: int) -> None:
    set_control(box, "mi", mi)
    set_control(box, "k", k)


def test_numbers_equal_the_library_at_sampled_settings(offline_page, page_built):
    session, box = open_explorer(offline_page)
    for mi, k in SETTINGS:
        choose(box, mi, k)
        shown = live_texts(session, box)
        assert shown == expected_lines(mi, k), (mi, k)
        summary = box.locator(".explorer-summary")
        assert summary.get_attribute("aria-live") == "polite"
        assert summary.text_content() == "; ".join(shown)
    assert session.visit.console_errors == []
    assert session.visit.blocked == []


def test_default_setting_shows_the_ceiling(offline_page, page_built):
    # The page opens at 3 nats and K = 16: InfoNCE under ln 16, which is under the truth.
    session, box = open_explorer(offline_page)
    shown = live_texts(session, box)
    assert shown[0].startswith("I = 3.000 nats")
    assert shown[0].endswith("K = 16")
    infonce_mean = float(shown[2].split(": ")[1].split(" ")[0])
    assert infonce_mean < math.log(16) < 3.0


def test_every_control_moves_the_numbers_and_the_keyboard_moves_the_slider(
    offline_page, page_built
):
    session, box = open_explorer(offline_page)
    choose(box, 3.0, 16)
    before = live_texts(session, box)
    set_control(box, "mi", 1.0)
    assert live_texts(session, box) != before, "moving the MI slider changed nothing"
    before = live_texts(session, box)
    set_control(box, "k", 256)
    assert live_texts(session, box) != before, "choosing another K changed nothing"
    # The range input moves with the arrow keys, and so do the numbers.
    slider = box.locator('.vega-bind input[type="range"]').first
    slider.evaluate(SET_RANGE, slider.get_attribute("min"))
    before = live_texts(session, box)
    slider.focus()
    session.page.keyboard.press("ArrowRight")
    after = live_texts(session, box)
    assert after != before
    assert after[0].startswith("I = 0.500 nats")
    # A radio button is reached and changed from the keyboard too.
    radio = box.locator('.vega-bind input[name="k"][value="2"]')
    radio.focus()
    session.page.keyboard.press("ArrowRight")
    assert box.locator('.vega-bind input[name="k"][value="4"]').is_checked()
    assert live_texts(session, box)[0].endswith("K = 4")


@pytest.mark.parametrize(("viewport", "smallest"), [(DESKTOP, 11.0), (PHONE, 9.0)])
def test_fits_the_column_and_the_text_is_legible(offline_page, page_built, viewport, smallest):
    _session, box = open_explorer(offline_page, viewport)
    seen = box.evaluate("""box => {
      const svg = box.querySelector('.explorer-chart svg');
      const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
      const sizes = [...svg.querySelectorAll('text')]
        .filter((node) => node.textContent.trim() !== '' && getComputedStyle(node).opacity !== '0'
                && node.getAttribute('opacity') !== '0')
        .map((node) => parseFloat(getComputedStyle(node).fontSize) * scale);
      const style = getComputedStyle(box);
      return {
        svg: svg.getBoundingClientRect().width,
        column: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        smallest: Math.min(...sizes),
        page: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
      };
    }""")
    assert seen["svg"] <= seen["column"] + 0.5, seen
    assert seen["page"] <= seen["viewport"], seen
    assert seen["smallest"] >= smallest, seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_no_wcag_violations(browser, site_url, page_built, viewport, scheme):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`", pytrace=False)
    session = OfflineSession(browser, site_url, PAGE, viewport, color_scheme=scheme)
    try:
        session.open()
        session.page.wait_for_selector(READY, timeout=30_000)
        assert session.page.evaluate("() => document.documentElement.dataset.theme") == scheme
        session.page.add_script_tag(path=str(AXE_JS))
        violations = session.page.evaluate(RUN_AXE, TAGS)
        report = [f"{v['id']} ({v['count']}): {v['help']}; {v['nodes']}" for v in violations]
        assert not report, "\n".join(report)
    finally:
        session.close()


def test_every_number_is_rendered_and_the_api_is_linked(offline_page, page_built):
    session = offline_page(PAGE, DESKTOP)
    article = session.page.locator(".bd-article")
    text = article.inner_text()
    # A glue reference that failed would leave its key in the text.
    assert "glue:text" not in text
    assert "infonce_999_16" not in text
    links = article.evaluate(
        "a => [...a.querySelectorAll('a.reference')].map((l) => l.getAttribute('href'))"
    )
    for name in ("infonce", "nwj", "donsker_varadhan", "gaussian_log_density_ratio"):
        assert any(href and href.endswith(f"#infotheory.{name}") for href in links), name
    assert session.visit.console_errors == []
