"""The estimator arena on the built "Choosing an estimator" page: numbers, controls, layout, a11y.

The explorer is driven through its native controls (a select list for the task, radio buttons for
n and the estimator), and the numbers it then shows are compared with what ``infotheory`` computes
for that setting *in this test*: each task sampled with the arena's seeds (drawn here from
``ARENA_SEED``, not read from the data file) and each estimator applied as
:func:`mibook.arena.arena_estimate` does, formatted as the page formats them. The settings are
cheap ones (the slow samplers and KSG on 5-D tasks at n = 10,000 are covered by
``tests/book/test_arena.py``'s sampled points instead).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conftest import DESKTOP, NEXT_FRAME, PHONE, OfflineSession
from infotheory.tasks import TASKS
from mibook.arena import (
    ARENA_N,
    ARENA_SEED,
    ARENA_SEEDS,
    BINNED,
    ESTIMATOR_LABELS,
    ESTIMATORS,
    arena_point,
)
from mibook.experiments import _seed_streams
from mibook.vega import format_number

pytestmark = pytest.mark.browser

PAGE = "chapters/choosing_estimator.html"
READY = 'div.explorer[data-state="ready"]'
TASK_IDS = list(TASKS)
SEEDS = _seed_streams(ARENA_SEED, ARENA_SEEDS)
LIVE_TEXT = """box => [...box.querySelector('.explorer-chart')
    .querySelectorAll('g[class*=" live_"] text')]
  .map((node) => node.textContent.trim()).filter((text) => text !== '')"""
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# (task, n, estimator): every family of task shape, small and large n, every estimator once.
SETTINGS = [
    ("1v1-normal-0.75", 1000, "ksg3"),
    ("student-identity-1-1-1", 10000, "copula"),
    ("multinormal-sparse-3-3-2-2.0", 500, "plug-in"),
    ("gamma-exponential-0.5", 100, "shrinkage"),
    ("spiral-multinormal-sparse-3-3-2-2.0", 2000, "gaussian"),
    ("1v1-additive-0.1", 200, "ksg10"),
    ("wiggly-1v1-normal-0.75", 5000, "miller-madow"),
]


def stats(task: str, estimator: str, n: int) -> tuple[float, float]:
    values = [arena_point(task, estimator, n, seed) for seed in SEEDS]
    return float(np.mean(values)), float(np.std(values, ddof=1))


def expected(task_id: str, n: int, estimator: str) -> list[str]:
    """The explorer's text for a setting, from estimates computed here."""
    task = TASKS[task_id]
    truth = task.mutual_information
    one_d = task.dim_x == 1 and task.dim_y == 1
    lines = [task.name, f"true MI {format_number(truth)} nats; n = {n:,}, {len(SEEDS)} seeds"]
    for key in ESTIMATORS:
        if key in BINNED and not one_d:
            continue
        mean, sd = stats(task_id, key, n)
        lines.append(f"{ESTIMATOR_LABELS[key]}: {format_number(mean)} \u00b1 {format_number(sd)}")
    if not one_d:
        lines.append("binned estimators: need 1-D X and Y")
    lines.append(f"{ESTIMATOR_LABELS[estimator]}: mean \u2212 truth \u00b1 sd")
    if estimator in BINNED and not one_d:
        lines.append("not defined here: it bins 1-D X and Y")
    else:
        for m in ARENA_N:
            mean, sd = stats(task_id, estimator, m)
            lines.append(f"n = {m:,}: {format_number(mean - truth)} \u00b1 {format_number(sd)}")
    return lines


def set_setting(box, task: str, n: int, estimator: str) -> None:
    box.locator('.vega-bind select[name="task"]').select_option(str(TASK_IDS.index(task)))
    box.locator(f'.vega-bind input[name="n"][value="{n}"]').check()
    box.locator(f'.vega-bind input[name="estimator"][value="{estimator}"]').check()


def live_texts(session, box) -> list[str]:
    # Wait for Vega's asynchronous re-render after the input event.
    session.page.wait_for_timeout(50)
    session.page.evaluate(f"() => {NEXT_FRAME}")
    return box.evaluate(LIVE_TEXT)


@pytest.fixture
def explorer(offline_page, site_dir):
    if '<div class="explorer">' not in (site_dir / PAGE).read_text(encoding="utf-8"):
        pytest.fail(f"{PAGE} has no kernel-free explorer", pytrace=False)

    def _open(viewport: dict = DESKTOP):
        session = offline_page(PAGE, viewport)
        session.page.wait_for_selector(READY, timeout=30_000)
        box = session.page.locator("div.explorer").first
        box.scroll_into_view_if_needed()
        return session, box

    return _open


def test_numbers_equal_the_library_at_sampled_settings(explorer):
    session, box = explorer()
    # The default state first, with no control touched.
    assert live_texts(session, box) == expected(*SETTINGS[0])
    for setting in SETTINGS[1:]:
        set_setting(box, *setting)
        shown = live_texts(session, box)
        assert shown == expected(*setting), setting
        summary = box.locator(".explorer-summary")
        assert summary.get_attribute("aria-live") == "polite"
        assert summary.text_content() == "; ".join(shown)
    assert session.visit.console_errors == []
    assert session.visit.blocked == []


def test_every_control_changes_the_numbers(explorer):
    session, box = explorer()
    base = ("1v1-normal-0.75", 1000, "ksg3")
    for changed in (
        ("half_cube-1v1-normal-0.75", 1000, "ksg3"),
        ("1v1-normal-0.75", 100, "ksg3"),
        ("1v1-normal-0.75", 1000, "copula"),
    ):
        set_setting(box, *base)
        before = live_texts(session, box)
        set_setting(box, *changed)
        assert live_texts(session, box) != before, f"{changed} showed the same numbers"


def test_the_keyboard_alone_moves_every_control(explorer):
    session, box = explorer()
    page = session.page
    select = box.locator('.vega-bind select[name="task"]')
    before = live_texts(session, box)
    select.focus()
    page.keyboard.press("ArrowDown")
    assert select.input_value() == "1"
    moved = live_texts(session, box)
    assert moved != before
    assert moved[0] == TASKS[TASK_IDS[1]].name
    for name in ("n", "estimator"):
        checked = box.locator(f'.vega-bind input[name="{name}"]:checked')
        old = checked.get_attribute("value")
        checked.focus()
        page.keyboard.press("ArrowRight")  # a radio group moves its choice with the arrows
        assert box.locator(f'.vega-bind input[name="{name}"]:checked').get_attribute("value") != old
        assert live_texts(session, box) != moved
        moved = live_texts(session, box)


@pytest.mark.parametrize(("viewport", "smallest"), [(DESKTOP, 11.0), (PHONE, 9.0)])
def test_layout_fits_and_text_is_legible(explorer, viewport, smallest):
    session, box = explorer(viewport)
    # The longest task name in the select list and the widest panels must fit too.
    set_setting(box, "normal_cdf-multinormal-sparse-3-3-2-2.0", 10000, "miller-madow")
    live_texts(session, box)
    seen = box.evaluate("""box => {
      const svg = box.querySelector('.explorer-chart svg');
      const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
      const sizes = [...svg.querySelectorAll('text')]
        .filter((node) => node.textContent.trim() !== '' && getComputedStyle(node).opacity !== '0'
                && node.getAttribute('opacity') !== '0')
        .map((node) => parseFloat(getComputedStyle(node).fontSize) * scale);
      const style = getComputedStyle(box);
      const controls = [...box.querySelectorAll('.vega-bind')]
        .map((node) => node.getBoundingClientRect().right);
      return {
        svg: svg.getBoundingClientRect().width,
        column: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        right: box.getBoundingClientRect().right,
        controls: Math.max(...controls),
        smallest: Math.min(...sizes),
        page: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
        scrolls: box.scrollWidth > box.clientWidth,
      };
    }""")
    assert seen["svg"] <= seen["column"] + 0.5, seen
    assert seen["controls"] <= seen["right"] + 0.5, seen
    assert not seen["scrolls"], seen
    assert seen["page"] <= seen["viewport"], seen
    assert seen["smallest"] >= smallest, seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("window", ["1280px", "375px"])
def test_axe_finds_no_violation_in_the_explorer(reader, site_dir, scheme, window):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`", pytrace=False)
    session = reader(PAGE, window, scheme)
    session.page.wait_for_selector(READY, timeout=30_000)
    assert session.page.evaluate("() => document.documentElement.dataset.theme") == scheme
    session.page.add_script_tag(path=str(AXE_JS))
    violations = session.page.evaluate(
        """async () => (await axe.run('div.explorer', {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
           .map((v) => v.id + ': '
             + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))"""
    )
    assert violations == []


def test_dark_mode_keeps_the_chart_on_white(browser, site_url, site_dir):
    session = OfflineSession(browser, site_url, PAGE, PHONE, color_scheme="dark")
    try:
        session.open()
        session.page.wait_for_selector(READY, timeout=30_000)
        colours = session.page.locator("div.explorer").first.evaluate("""box => ({
          box: getComputedStyle(box).backgroundColor,
          bindings: getComputedStyle(box.querySelector('.vega-bindings')).color,
        })""")
        assert colours == {"box": "rgb(255, 255, 255)", "bindings": "rgb(34, 34, 34)"}
        assert session.visit.console_errors == []
    finally:
        session.close()
