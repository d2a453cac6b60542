"""Timing and memory helpers shared by the benchmark scripts.

Every benchmark reports ratios against a peer measured in the same run, because the
machines are shared and noisy: absolute times vary run to run, ratios much less.
"""

from __future__ import annotations

import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable

import numpy as np


def best_time(
    func: Callable[[], object], *, budget: float = 0.3, max_repeats: int = 7, min_repeats: int = 2
) -> float:
    """Best time per call in seconds, timeit-style, with repeats scaled to the call's cost.

    Fast calls are looped so each measurement lasts at least ~10 ms; slow ones get
    ``min_repeats`` repeats so the largest sizes stay quick.
    """
    start = time.perf_counter()
    func()
    first = time.perf_counter() - start
    number = max(1, int(0.01 / max(first, 1e-9)))
    repeats = max(min_repeats, min(max_repeats, int(budget / (first * number))))
    return min(timeit.repeat(func, number=number, repeat=repeats)) / number


def fmt_time(seconds: float | None) -> str:
    """Seconds with a unit that keeps three significant figures; ``None`` is "skipped"."""
    if seconds is None:
        return "skipped"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def peak_bytes(func: Callable[[], object]) -> int:
    """Peak bytes that Python and NumPy allocate during one call (tracemalloc)."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(checks: list[tuple[str, bool]], started: float) -> int:
    """Print each target with PASS or FAIL, the run's total time and versions; exit status 0."""
    print()
    print("Targets:")
    for text, ok in checks:
        print(f"  {verdict(ok)}  {text}")
    print(
        f"\nTotal time {time.perf_counter() - started:.0f} s; numpy {np.__version__}, "
        f"Python {sys.version.split()[0]}."
    )
    return 0
