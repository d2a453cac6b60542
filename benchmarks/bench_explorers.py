"""Latency of one slider step of the kernel-free explorers on the built site, in headless Chromium.

Run ``.venv/bin/python benchmarks/bench_explorers.py`` after building the book; the site is
``_build/html`` or ``BOOK_HTML_DIR``, opened from ``file://`` (as a reader who downloaded it
would), Chromium is ``CHROMIUM`` or ``/usr/bin/chromium`` driven by Playwright.

For each explorer and each of its controls, the script steps the native input through its
values one step at a time, as a reader dragging it does, and times in the page, from the
``input`` event to the end of Vega's run (dataflow, lookup of the precomputed row, and the SVG
redraw); the next frame's paint is timed separately. It prints the median and 90th percentile
per control and each page's size. Target (issue 10): median update per slider step < 50 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from _timing import report

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("BOOK_HTML_DIR", ROOT / "_build" / "html")).resolve()
PAGES = {
    "relationship": "chapters/mutual_information.html",
    "clustering": "chapters/clustering.html",
    "ground truth": "chapters/estimation.html",
}
TARGET_MS = 50.0
MAX_STEPS = 40  # per control and direction

STEP = """async ({name, values}) => {
  const box = document.querySelector('div.explorer[data-state="ready"]');
  const view = box.explorerView;
  const inputs = [...box.querySelectorAll(`.vega-bind input[name="${name}"]`)];
  const update = [], paint = [];
  for (const value of values) {
    const input = inputs.length > 1
      ? inputs.find((node) => node.value === String(value)) : inputs[0];
    const start = performance.now();
    if (input.type === 'radio') {
      input.checked = true;
      input.dispatchEvent(new Event('change', {bubbles: true}));
    } else {
      input.value = String(value);
      input.dispatchEvent(new Event('input', {bubbles: true}));
    }
    await view.runAsync();
    const drawn = performance.now();
    await new Promise(requestAnimationFrame);
    update.push(drawn - start);
    paint.push(performance.now() - drawn);
  }
  return {update, paint};
}"""

CONTROLS = """() => {
  const box = document.querySelector('div.explorer[data-state="ready"]');
  return [...box.querySelectorAll('.vega-bind input')].reduce((controls, input) => {
    const control = controls[input.name] || {type: input.type, values: []};
    if (input.type === 'range') {
      const low = Number(input.min), high = Number(input.max), step = Number(input.step);
      const count = Math.round((high - low) / step);
      for (let i = 0; i <= count; i += 1) control.values.push(+(low + i * step).toFixed(6));
    } else {
      control.values.push(input.value);
    }
    controls[input.name] = control;
    return controls;
  }, {});
}"""


def sweep(values: list, limit: int = MAX_STEPS) -> list:
    """Up and back down through ``values`` one step at a time (at most ``limit`` each way)."""
    up = values[1 : limit + 1]
    return up + up[-2::-1] + values[:1]


def main() -> int:
    start = time.perf_counter()
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (SITE / PAGES["relationship"]).is_file():
        print(f"No built site at {SITE}: build the book first.", file=sys.stderr)
        return 1
    results, sizes = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--headless", "--no-sandbox"]
        )
        try:
            for explorer, page_path in PAGES.items():
                sizes[explorer] = (SITE / page_path).stat().st_size
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto((SITE / page_path).as_uri(), wait_until="load")
                page.wait_for_selector('div.explorer[data-state="ready"]', timeout=60_000)
                page.locator("div.explorer").first.scroll_into_view_if_needed()
                for name, control in page.evaluate(CONTROLS).items():
                    values = control["values"]
                    steps = sweep(values) if control["type"] == "range" else values[1:] + values[:1]
                    timings = page.evaluate(STEP, {"name": name, "values": steps})
                    results[(explorer, name)] = (timings["update"], timings["paint"])
                page.close()
        finally:
            browser.close()

    print(f"Kernel-free explorers, {SITE} from file://, headless Chromium, 1280 px")
    print(
        f"{'explorer':<14}{'control':<12}{'steps':>6}{'median (ms)':>13}{'p90 (ms)':>10}"
        f"{'paint (ms)':>12}"
    )
    medians = {}
    for (explorer, name), (update, paint) in results.items():
        p90 = statistics.quantiles(update, n=10)[-1] if len(update) >= 2 else update[0]
        medians[(explorer, name)] = statistics.median(update)
        print(
            f"{explorer:<14}{name:<12}{len(update):>6}{medians[(explorer, name)]:>13.1f}"
            f"{p90:>10.1f}{statistics.median(paint):>12.1f}"
        )
    print()
    for explorer, size in sizes.items():
        print(f"{explorer:<14} page HTML {size / 1e6:.2f} MB uncompressed")
    checks = []
    for explorer in PAGES:
        worst = max(ms for (e, _), ms in medians.items() if e == explorer)
        checks.append(
            (
                f"{explorer} explorer: slowest control's median update {worst:.1f} ms "
                f"(target < {TARGET_MS:.0f} ms)",
                worst < TARGET_MS,
            )
        )
    return report(checks, start)


if __name__ == "__main__":
    sys.exit(main())
