"""Speed and memory of infotheory.mutual_information against sklearn, pure Python and bincount.

Run ``.venv/bin/python benchmarks/bench_mutual_information.py``.  Prints one table of
best-of-several timings for 20 x 20 integer labels from 1e3 to 1e7 samples, then string
labels, then peak memory; each target is marked PASS or FAIL.  Timings on a shared
machine are noisy, so the targets compare ratios measured in the same run.
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np
from sklearn.metrics import mutual_info_score

from _timing import best_time, fmt_time, peak_bytes, report
from infotheory import mutual_information

K = 20
SIZES = [10**3, 10**4, 10**5, 10**6, 10**7]
PYTHON_LIMIT = 10**5
STRING_SIZES = [10**5, 10**6]
TARGET_VS_SKLEARN = 20.0  # infotheory at least this many times faster at 1e6
TARGET_VS_FLOOR = 3.0  # and at most this many times slower than one bincount pass
TARGET_BYTES_PER_SAMPLE = 32.0  # a few int64 arrays of length n; n x k would be 8 * k


def python_mutual_information(x: list, y: list) -> float:
    """Mutual information as a first lesson would write it: dictionaries and a loop."""
    n = len(x)
    joint: dict = {}
    count_x: dict = {}
    count_y: dict = {}
    for a, b in zip(x, y, strict=True):
        joint[a, b] = joint.get((a, b), 0) + 1
        count_x[a] = count_x.get(a, 0) + 1
        count_y[b] = count_y.get(b, 0) + 1
    return sum(c / n * math.log(n * c / (count_x[a] * count_y[b])) for (a, b), c in joint.items())


def integer_table(rng: np.random.Generator) -> dict[int, dict[str, float]]:
    print(f"Integer labels, {K} x {K} (rng.integers(0, {K})); best of several repeats.")
    print(f"Pure Python is skipped above n = {PYTHON_LIMIT:.0e} (it would take minutes).")
    header = (
        f"{'n':>9} {'infotheory':>11} {'sklearn':>10} {'pure Python':>12} {'floor':>10}"
        f" {'sklearn/ours':>13} {'ours/floor':>11} {'Python/ours':>12} {'max |diff|':>11}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for n in SIZES:
        x, y = rng.integers(0, K, n), rng.integers(0, K, n)
        ours = best_time(lambda x=x, y=y: mutual_information(x, y))
        theirs = best_time(lambda x=x, y=y: mutual_info_score(x, y), max_repeats=5)
        floor = best_time(lambda x=x, y=y: np.bincount(x * K + y, minlength=K * K))
        diff = abs(mutual_information(x, y) - mutual_info_score(x, y))
        python = None
        if n <= PYTHON_LIMIT:
            xl, yl = x.tolist(), y.tolist()
            python = best_time(lambda xl=xl, yl=yl: python_mutual_information(xl, yl))
            diff = max(diff, abs(python_mutual_information(xl, yl) - mutual_information(x, y)))
        py_ratio = f"{python / ours:12.0f}x" if python is not None else f"{'-':>13}"
        print(
            f"{n:>9.0e} {fmt_time(ours):>11} {fmt_time(theirs):>10} {fmt_time(python):>12}"
            f" {fmt_time(floor):>10} {theirs / ours:12.1f}x {ours / floor:10.2f}x"
            f" {py_ratio} {diff:11.1e}"
        )
        results[n] = {"ours": ours, "sklearn": theirs, "floor": floor}
    return results


def string_table(rng: np.random.Generator) -> list[tuple[int, float, float]]:
    print()
    print("String labels (the same kind of labels as str; both sort with np.unique).")
    header = f"{'n':>9} {'infotheory':>11} {'sklearn':>10} {'sklearn/ours':>13}"
    print(header)
    print("-" * len(header))
    rows = []
    for n in STRING_SIZES:
        x, y = rng.integers(0, K, n).astype(str), rng.integers(0, K, n).astype(str)
        ours = best_time(lambda x=x, y=y: mutual_information(x, y), max_repeats=5)
        theirs = best_time(lambda x=x, y=y: mutual_info_score(x, y), max_repeats=5)
        print(f"{n:>9.0e} {fmt_time(ours):>11} {fmt_time(theirs):>10} {theirs / ours:12.2f}x")
        rows.append((n, ours, theirs))
    return rows


def memory_table(rng: np.random.Generator) -> float:
    n = 10**6
    x, y = rng.integers(0, K, n), rng.integers(0, K, n)
    xs, ys = x.astype(str), y.astype(str)
    print()
    print(f"Peak memory above the inputs (tracemalloc), n = {n:.0e}:")
    cases = [
        ("infotheory, int64 labels", lambda: mutual_information(x, y)),
        ("sklearn, int64 labels", lambda: mutual_info_score(x, y)),
        ("infotheory, str labels", lambda: mutual_information(xs, ys)),
    ]
    ours = 0.0
    for name, func in cases:
        per_sample = peak_bytes(func) / n
        if name == "infotheory, int64 labels":
            ours = per_sample
        print(f"  {name:<26} {per_sample:7.1f} bytes/sample")
    print(f"  (an n x k float64 intermediate would be {8 * K} bytes/sample)")
    return ours


def main() -> int:
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    ints = integer_table(rng)
    strings = string_table(rng)
    per_sample = memory_table(rng)

    at = ints[10**6]
    vs_sklearn = at["sklearn"] / at["ours"]
    vs_floor = at["ours"] / at["floor"]
    checks = [
        (
            f"1e6 int labels: {vs_sklearn:.1f}x faster than sklearn (target >= "
            f"{TARGET_VS_SKLEARN:.0f}x)",
            vs_sklearn >= TARGET_VS_SKLEARN,
        ),
        (
            f"1e6 int labels: {vs_floor:.2f}x the bincount floor (target <= "
            f"{TARGET_VS_FLOOR:.0f}x)",
            vs_floor <= TARGET_VS_FLOOR,
        ),
    ]
    for n, ours, theirs in strings:
        checks.append(
            (
                f"{n:.0e} str labels: {theirs / ours:.2f}x sklearn's speed (target >= 1x)",
                ours <= theirs,
            )
        )
    checks.append(
        (
            f"1e6 int labels: peak {per_sample:.1f} bytes/sample (target <= "
            f"{TARGET_BYTES_PER_SAMPLE:.0f}, no n x k intermediates)",
            per_sample <= TARGET_BYTES_PER_SAMPLE,
        )
    )
    return report(checks, start)


if __name__ == "__main__":
    sys.exit(main())
