"""Latency of one slider update of the relationship explorer, against rebuilding the figure.

Run ``.venv/bin/python benchmarks/bench_widgets.py``.  Each timing is the median over
``UPDATES`` updates at n = 1000 and includes everything the notebook waits for: the new
data and estimates, the redraw, and the PNG the ``ipywidgets.Image`` receives.

* ``explorer``: a slider value set on :func:`mibook.widgets.relationship_explorer`,
  which updates the existing artists and repaints only the changing ones.
* ``update + savefig``: the same in-place update followed by a full ``fig.savefig``.
* ``fresh figure``: a new :class:`RelationshipGrid` and ``savefig`` per change, what a
  notebook without in-place updates would do.

Timings on a shared machine are noisy, so besides the absolute target (median plug-in
update < 100 ms) the speed-up over a fresh figure is a ratio measured in the same run.
"""

from __future__ import annotations

import io
import itertools
import statistics
import sys
import time
from collections.abc import Callable, Iterator

import numpy as np

from _timing import report
from mibook.figures.relationships import RelationshipGrid
from mibook.widgets import relationship_explorer

N = 1000
UPDATES = 30
DPI = 72
TARGET_MS = 100.0
TARGET_SPEEDUP = 3.0
BINS = [5, 8, 12, 20, 30, 45, 60, 40, 25, 15]
NOISE = [round(s, 2) for s in np.linspace(0.1, 3.0, 11)]


def median_ms(step: Callable[[object], object], values: Iterator, repeats: int = UPDATES) -> float:
    """Median wall time of ``step(value)`` in milliseconds over ``repeats`` values."""
    times = []
    for value in itertools.islice(values, repeats):
        start = time.perf_counter()
        step(value)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def savefig_png(grid: RelationshipGrid) -> bytes:
    buffer = io.BytesIO()
    grid.fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def main() -> int:
    start = time.perf_counter()
    explorer = relationship_explorer(N)
    rows = {}

    def set_control(control):
        def step(value):
            control.value = value

        return step

    rows["bins (plug-in)"] = median_ms(set_control(explorer.bins), itertools.cycle(BINS))
    rows["noise (plug-in)"] = median_ms(set_control(explorer.noise), itertools.cycle(NOISE))
    rows["estimator plug-in <-> Miller-Madow"] = median_ms(
        set_control(explorer.estimator), itertools.cycle(["miller-madow", "plug-in"])
    )
    rows["estimator plug-in <-> KSG"] = median_ms(
        set_control(explorer.estimator), itertools.cycle(["ksg", "plug-in"])
    )
    explorer.estimator.value = "ksg"
    rows["noise (KSG)"] = median_ms(set_control(explorer.noise), itertools.cycle(NOISE))

    grid = RelationshipGrid(N, max_noise=3.0, dpi=DPI)
    in_place = median_ms(lambda b: (grid.update(bins=b), savefig_png(grid)), itertools.cycle(BINS))
    fresh = median_ms(
        lambda b: savefig_png(RelationshipGrid(N, bins=b, max_noise=3.0, dpi=DPI)),
        itertools.cycle(BINS),
        repeats=UPDATES // 2,
    )

    print(f"Relationship explorer, n = {N}, PNG at {DPI} dpi; median of {UPDATES} updates")
    print(f"{'change':<38}{'explorer (ms)':>15}")
    for name, ms in rows.items():
        print(f"{name:<38}{ms:>15.1f}")
    print(f"\nbins change, update + full savefig:    {in_place:8.1f} ms")
    print(f"bins change, fresh figure + savefig:   {fresh:8.1f} ms")

    plug_in = max(rows["bins (plug-in)"], rows["noise (plug-in)"])
    speedup = fresh / rows["bins (plug-in)"]
    checks = [
        (
            f"plug-in slider update: median {plug_in:.1f} ms (target < {TARGET_MS:.0f} ms)",
            plug_in < TARGET_MS,
        ),
        (
            f"explorer bins update {speedup:.1f}x faster than a fresh figure "
            f"(target >= {TARGET_SPEEDUP:.0f}x)",
            speedup >= TARGET_SPEEDUP,
        ),
    ]
    return report(checks, start)


if __name__ == "__main__":
    sys.exit(main())
