"""The kernel-free explorers on the built site: controls, numbers, layout, print, file://.

Each explorer is driven through its native controls (range inputs and radio buttons that Vega
binds to its params), and the numbers it then shows are compared with what ``infotheory``
computes for that setting *in this test* (not read from the precomputed grid), formatted as the
page formats them. The settings and seeds are the chapters' (``n = 1000, seed = 0`` on the
mutual-information page, ``n = 300, seed = 0`` on the clustering page, ``n_seeds = 20, seed = 5``
on the estimation page).
"""

from __future__ import annotations

import pytest

from conftest import DESKTOP, NEXT_FRAME, PHONE, SCREENSHOTS, SITE, OfflineSession, cannot_run
from infotheory.gaussian import gaussian_mutual_information
from mibook.datasets import relationships
from mibook.experiments import gaussian_truth
from mibook.figures.clustering import clustering_comparison
from mibook.figures.relationships import relationship_values
from mibook.vega import format_number

pytestmark = pytest.mark.browser

PAGES = {
    "relationship": "chapters/mutual_information.html",
    "clustering": "chapters/clustering.html",
    "gaussian": "chapters/estimation.html",
}

READY = 'div.explorer[data-state="ready"]'
LIVE_TEXT = """box => [...box.querySelector('.explorer-chart')
    .querySelectorAll('g[class*=" live_"] text')]
  .map((node) => node.textContent.trim()).filter((text) => text !== '')"""
SET_RANGE = """(input, value) => {
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
}"""


def relationship_expected(bins: int, noise: float, estimator: str) -> list[str]:
    values = relationship_values(
        relationships(1000, noise=noise, seed=0), bins=bins, estimator=estimator
    )
    texts = []
    for name, v in values.items():
        texts += [
            name,
            f"MI = {format_number(v['mi'])} nats",
            f"r = {format_number(v['r'], 2)}",
            f"r_I = {format_number(v['r_I'], 2)}",
        ]
    return texts


def clustering_expected(reassign: float, n_clusters: int) -> list[str]:
    scores = clustering_comparison(300, n_clusters, reassign=reassign, seed=0)
    return [
        f"{group}, {name}: {format_number(value)}"
        for group, values in scores.items()
        for name, value in values.items()
    ]


def gaussian_expected(rho: float, n: int, bins: int) -> list[str]:
    sweep = gaussian_truth(
        [rho], n=n, bins=(bins,), miller_madow_bins=bins, k=3, n_seeds=20, seed=5
    )
    truth = float(gaussian_mutual_information(rho))
    lines = [f"\u03c1 = {format_number(rho, 2)}, n = {n:,}", f"truth: {format_number(truth)} nats"]
    for label, mean, std in (
        (f"plug-in ({bins} bins)", sweep.plugin_mean[0, 0], sweep.plugin_std[0, 0]),
        (f"Miller-Madow ({bins} bins)", sweep.miller_madow_mean[0], sweep.miller_madow_std[0]),
        ("KSG (k = 3)", sweep.ksg_mean[0], sweep.ksg_std[0]),
    ):
        lines.append(f"{label}: {format_number(mean)} \u00b1 {format_number(std)}")
        lines.append(f"mean \u2212 truth: {format_number(mean - truth)}")
    return lines


# (control values by bound param name, expected texts) for at least five settings each.
SETTINGS = {
    "relationship": [
        ({"bins": 20, "noise": 1.0, "estimator": "plug-in"}, None),
        ({"bins": 2, "noise": 0.0, "estimator": "plug-in"}, None),
        ({"bins": 40, "noise": 2.5, "estimator": "miller-madow"}, None),
        ({"bins": 7, "noise": 0.3, "estimator": "ksg"}, None),
        ({"bins": 60, "noise": 3.0, "estimator": "plug-in"}, None),
        ({"bins": 13, "noise": 1.7, "estimator": "miller-madow"}, None),
    ],
    "clustering": [
        ({"reassign": 0.05, "clusters": 3}, None),
        ({"reassign": 0.5, "clusters": 10}, None),
        ({"reassign": 1.0, "clusters": 2}, None),
        ({"reassign": 0.23, "clusters": 20}, None),
        ({"reassign": 0.0, "clusters": 7}, None),
    ],
    "gaussian": [
        ({"rho": 0.9, "n": 1000, "bins": 20}, None),
        ({"rho": 0.0, "n": 100, "bins": 40}, None),
        ({"rho": 0.45, "n": 10000, "bins": 5}, None),
        ({"rho": 0.99, "n": 500, "bins": 10}, None),
        ({"rho": 0.27, "n": 2000, "bins": 20}, None),
    ],
}
EXPECTED = {
    "relationship": lambda s: relationship_expected(s["bins"], s["noise"], s["estimator"]),
    "clustering": lambda s: clustering_expected(s["reassign"], s["clusters"]),
    "gaussian": lambda s: gaussian_expected(s["rho"], s["n"], s["bins"]),
}


def control(box, name: str):
    """The bound input of a Vega param: its range input, or its radio group."""
    return box.locator(f'.vega-bind input[name="{name}"]')


def set_control(box, name: str, value) -> None:
    inputs = control(box, name)
    if inputs.first.get_attribute("type") == "radio":
        box.locator(f'.vega-bind input[name="{name}"][value="{value}"]').check()
    else:
        inputs.first.evaluate(SET_RANGE, str(value))


def live_texts(session, box) -> list[str]:
    # Wait for Vega's asynchronous re-render after the input event.
    session.page.wait_for_timeout(50)
    session.page.evaluate(f"() => {NEXT_FRAME}")
    return box.evaluate(LIVE_TEXT)


def open_explorer(offline_page, kind: str, viewport: dict = DESKTOP):
    session = offline_page(PAGES[kind], viewport)
    session.page.wait_for_selector(READY, timeout=30_000)
    box = session.page.locator("div.explorer").first
    box.scroll_into_view_if_needed()
    return session, box


@pytest.fixture(params=list(PAGES))
def kind(request, site_dir):
    page = site_dir / PAGES[request.param]
    if '<div class="explorer">' not in page.read_text(encoding="utf-8"):
        pytest.fail(f"{PAGES[request.param]} has no kernel-free explorer", pytrace=False)
    return request.param


def test_numbers_equal_the_library_at_sampled_settings(offline_page, kind):
    session, box = open_explorer(offline_page, kind)
    for settings, _ in SETTINGS[kind]:
        for name, value in settings.items():
            set_control(box, name, value)
        shown = live_texts(session, box)
        assert shown == EXPECTED[kind](settings), settings
        summary = box.locator(".explorer-summary")
        assert summary.get_attribute("aria-live") == "polite"
        assert summary.text_content() == "; ".join(shown)
    assert session.visit.console_errors == []
    assert session.visit.blocked == []


def test_every_control_changes_the_numbers_and_the_keyboard_moves_it(offline_page, kind):
    session, box = open_explorer(offline_page, kind)
    first, _ = SETTINGS[kind][0]
    for name in first:
        other = next(s[name] for s, _ in SETTINGS[kind] if s[name] != first[name])
        for setting, value in first.items():
            set_control(box, setting, value)
        before = live_texts(session, box)
        set_control(box, name, other)
        assert live_texts(session, box) != before, f"moving {name} changed nothing"
    # A native range input moves with the arrow keys.
    slider = box.locator('.vega-bind input[type="range"]').first
    slider.evaluate(SET_RANGE, slider.get_attribute("min"))
    before = live_texts(session, box)
    slider.focus()
    session.page.keyboard.press("ArrowRight")
    assert live_texts(session, box) != before


def test_three_states_are_screenshotted(offline_page, kind):
    session, box = open_explorer(offline_page, kind)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for state, (settings, _) in zip(("default", "second", "third"), SETTINGS[kind], strict=False):
        for name, value in settings.items():
            set_control(box, name, value)
        live_texts(session, box)
        path = SCREENSHOTS / f"explorer-{kind}-{state}.png"
        box.screenshot(path=str(path))
        assert path.stat().st_size > 5_000


@pytest.mark.parametrize(("viewport", "smallest"), [(DESKTOP, 11.0), (PHONE, 9.0)])
def test_layout_fits_and_text_is_legible(offline_page, kind, viewport, smallest):
    _, box = open_explorer(offline_page, kind, viewport)
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


def test_dark_mode_keeps_the_chart_on_white(browser, site_url, kind):
    session = OfflineSession(browser, site_url, PAGES[kind], PHONE, color_scheme="dark")
    try:
        session.open()
        session.page.wait_for_selector(READY, timeout=30_000)
        assert session.page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        colours = session.page.locator("div.explorer").first.evaluate("""box => ({
          box: getComputedStyle(box).backgroundColor,
          bindings: getComputedStyle(box.querySelector('.vega-bindings')).color,
          svg: box.querySelector('svg rect.background, svg .background')
            ? getComputedStyle(box.querySelector('svg .background')).fill : 'white',
        })""")
        assert colours["box"] == "rgb(255, 255, 255)"
        assert colours["bindings"] == "rgb(34, 34, 34)"
        assert session.visit.console_errors == []
    finally:
        session.close()


def test_print_shows_the_default_state(offline_page, kind):
    session, box = open_explorer(offline_page, kind)
    default = live_texts(session, box)
    settings, _ = SETTINGS[kind][1]
    for name, value in settings.items():
        set_control(box, name, value)
    assert live_texts(session, box) != default
    session.page.emulate_media(media="print")
    assert not box.locator(".explorer-chart").is_visible()
    snapshot = box.locator(".explorer-print svg")
    assert snapshot.is_visible()
    printed = box.evaluate(LIVE_TEXT.replace(".explorer-chart", ".explorer-print"))
    assert printed == default


def test_works_from_file_urls(browser, kind):
    if not (SITE / PAGES[kind]).is_file():
        cannot_run(f"no built page at {SITE / PAGES[kind]}")
    context = browser.new_context(viewport=DESKTOP)
    errors, other = [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file://") or url.startswith("data:"):
            request_route.continue_()
        else:
            other.append(url)
            request_route.abort("blockedbyclient")

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((SITE / PAGES[kind]).as_uri(), wait_until="load")
        page.wait_for_selector(READY, timeout=30_000)
        assert page.locator(f"{READY} .explorer-chart svg").count() == 1
        assert errors == []
        assert other == []
    finally:
        context.close()
