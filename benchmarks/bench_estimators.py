"""Speed and memory of the KSG estimator, AMI and the permutation test against references.

Run ``.venv/bin/python benchmarks/bench_estimators.py``.  Prints best-of-several timings,
then peak memory, and marks each target PASS or FAIL.  Timings on a shared machine are
noisy, so every target is a ratio measured in the same run.

* ``ksg_mutual_information`` vs ``sklearn.feature_selection.mutual_info_regression``
  (k = 3, 1-D x and y).  sklearn also scales x and y to unit variance and adds 1e-10-scale
  noise to break ties, so its estimate differs slightly; both use KSG algorithm 1.
* ``adjusted_mutual_information`` vs ``sklearn.metrics.adjusted_mutual_info_score`` on
  20 x 20 labels, and the expected mutual information alone vs sklearn's Cython loop.
* ``permutation_test`` vs a naive loop of ``mutual_information`` calls on shuffled y.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from sklearn.feature_selection import mutual_info_regression
from sklearn.metrics import adjusted_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix
from sklearn.metrics.cluster._expected_mutual_info_fast import (
    expected_mutual_information as sklearn_emi,
)

from _timing import best_time, fmt_time, peak_bytes, report
from infotheory import (
    adjusted_mutual_information,
    expected_mutual_information,
    ksg_mutual_information,
    mutual_information,
    permutation_test,
)

K = 20
KSG_SIZES = [10**3, 10**4, 10**5]
KSG_TARGET_N = 10**4
AMI_SIZES = [10**4, 10**5, 10**6]
AMI_TARGET_N = 10**5
PERM_N, PERM_B = 1000, 1000
TARGET_PERM_SPEEDUP = 2.0  # permutation_test at least this many times faster than the loop
TARGET_AMI_BYTES_PER_SAMPLE = 64.0  # an n x k_x x k_y intermediate would be 8 * 400
TARGET_PERM_PEAK_MIB = 4.0  # one unblocked (1000, 1000) int64 array alone is 7.6 MiB


def ksg_table(rng: np.random.Generator) -> dict[int, tuple[float, float]]:
    print("KSG, k = 3, 1-D x and y = x + noise (true MI 0.3466 nats); best of several repeats.")
    header = (
        f"{'n':>7} {'infotheory':>11} {'sklearn':>10} {'sklearn/ours':>13}"
        f" {'ours (nats)':>12} {'sklearn (nats)':>15}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for n in KSG_SIZES:
        x = rng.standard_normal(n)
        y = x + rng.standard_normal(n)
        xs = x[:, None]
        ours = best_time(lambda x=x, y=y: ksg_mutual_information(x, y, k=3))
        theirs = best_time(
            lambda xs=xs, y=y: mutual_info_regression(xs, y, n_neighbors=3, random_state=0)
        )
        ours_value = ksg_mutual_information(x, y, k=3)
        their_value = mutual_info_regression(xs, y, n_neighbors=3, random_state=0)[0]
        print(
            f"{n:>7.0e} {fmt_time(ours):>11} {fmt_time(theirs):>10} {theirs / ours:12.2f}x"
            f" {ours_value:12.4f} {their_value:15.4f}"
        )
        results[n] = (ours, theirs)
    return results


def ami_table(rng: np.random.Generator) -> dict[int, tuple[float, float]]:
    print()
    print(f"AMI and EMI, {K} x {K} labels (rng.integers(0, {K})); best of several repeats.")
    header = (
        f"{'n':>7} {'AMI ours':>10} {'AMI sklearn':>12} {'sklearn/ours':>13}"
        f" {'EMI ours':>10} {'EMI sklearn':>12} {'sklearn/ours':>13} {'|AMI diff|':>11}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for n in AMI_SIZES:
        x, y = rng.integers(0, K, n), rng.integers(0, K, n)
        table = contingency_matrix(x, y)
        ours = best_time(lambda x=x, y=y: adjusted_mutual_information(x, y))
        theirs = best_time(lambda x=x, y=y: adjusted_mutual_info_score(x, y), max_repeats=5)
        emi_ours = best_time(lambda x=x, y=y: expected_mutual_information(x, y))
        emi_theirs = best_time(lambda t=table, n=n: sklearn_emi(t, n), max_repeats=5)
        diff = abs(adjusted_mutual_information(x, y) - adjusted_mutual_info_score(x, y))
        print(
            f"{n:>7.0e} {fmt_time(ours):>10} {fmt_time(theirs):>12} {theirs / ours:12.2f}x"
            f" {fmt_time(emi_ours):>10} {fmt_time(emi_theirs):>12}"
            f" {emi_theirs / emi_ours:12.2f}x {diff:11.1e}"
        )
        results[n] = (ours, theirs)
    return results


def naive_permutation_test(x: np.ndarray, y: np.ndarray, n_permutations: int, seed: int) -> float:
    """The loop a first version would write: shuffle, recount, compare."""
    rng = np.random.default_rng(seed)
    observed = mutual_information(x, y)
    null = np.array([mutual_information(x, rng.permutation(y)) for _ in range(n_permutations)])
    return (1 + np.count_nonzero(null >= observed)) / (1 + n_permutations)


def permutation_row(rng: np.random.Generator) -> tuple[float, float]:
    print()
    print(f"Permutation test, n = {PERM_N}, {K} x {K} labels, {PERM_B} shuffles.")
    x = rng.integers(0, K, PERM_N)
    y = (x + rng.integers(0, 8, PERM_N)) % K
    ours = best_time(lambda: permutation_test(x, y, n_permutations=PERM_B, seed=0))
    loop = best_time(lambda: naive_permutation_test(x, y, PERM_B, 0), max_repeats=5)
    p_ours = permutation_test(x, y, n_permutations=PERM_B, seed=0).pvalue
    p_loop = naive_permutation_test(x, y, PERM_B, 0)
    print(f"  permutation_test   {fmt_time(ours):>10}   p = {p_ours:.4f}")
    print(f"  naive loop         {fmt_time(loop):>10}   p = {p_loop:.4f}")
    print(f"  loop / ours        {loop / ours:9.2f}x")
    return ours, loop


def memory_rows(rng: np.random.Generator) -> tuple[float, float, float]:
    print()
    print("Peak memory (tracemalloc), inputs excluded:")
    n = AMI_TARGET_N
    x, y = rng.integers(0, K, n), rng.integers(0, K, n)
    ami_mib = peak_bytes(lambda: adjusted_mutual_information(x, y)) / 2**20
    sk_mib = peak_bytes(lambda: adjusted_mutual_info_score(x, y)) / 2**20
    ami_per_sample = ami_mib * 2**20 / n
    print(
        f"  adjusted_mutual_information, n = {n:.0e}: {ami_mib:6.2f} MiB"
        f" ({ami_per_sample:.0f} bytes/sample; sklearn {sk_mib:.2f} MiB)"
    )
    xp, yp = rng.integers(0, K, PERM_N), rng.integers(0, K, PERM_N)
    perm_mib = peak_bytes(lambda: permutation_test(xp, yp, n_permutations=PERM_B, seed=0)) / 2**20
    perm_10x = (
        peak_bytes(lambda: permutation_test(xp, yp, n_permutations=10 * PERM_B, seed=0)) / 2**20
    )
    print(f"  permutation_test, n = {PERM_N}, {PERM_B} shuffles: {perm_mib:6.2f} MiB")
    print(f"  permutation_test, n = {PERM_N}, {10 * PERM_B} shuffles: {perm_10x:6.2f} MiB")
    return ami_per_sample, perm_mib, perm_10x


def main() -> int:
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    ksg = ksg_table(rng)
    ami = ami_table(rng)
    perm_ours, perm_loop = permutation_row(rng)
    ami_bytes, perm_mib, perm_10x = memory_rows(rng)

    ksg_ours, ksg_theirs = ksg[KSG_TARGET_N]
    ami_ours, ami_theirs = ami[AMI_TARGET_N]
    checks = [
        (
            f"KSG n = 1e4: {ksg_theirs / ksg_ours:.2f}x sklearn's speed (target >= 1x)",
            ksg_ours <= ksg_theirs,
        ),
        (
            f"AMI n = 1e5, {K} x {K}: {ami_theirs / ami_ours:.2f}x sklearn's speed (target >= 1x)",
            ami_ours <= ami_theirs,
        ),
        (
            f"permutation_test: {perm_loop / perm_ours:.2f}x faster than the naive loop"
            f" (target >= {TARGET_PERM_SPEEDUP:.0f}x)",
            perm_loop / perm_ours >= TARGET_PERM_SPEEDUP,
        ),
        (
            f"AMI n = 1e5: peak {ami_bytes:.0f} bytes/sample (target <= "
            f"{TARGET_AMI_BYTES_PER_SAMPLE:.0f}, no n x k_x x k_y intermediate)",
            ami_bytes <= TARGET_AMI_BYTES_PER_SAMPLE,
        ),
        (
            f"permutation_test: peak {perm_mib:.2f} MiB at {PERM_B} and {perm_10x:.2f} MiB at"
            f" {10 * PERM_B} shuffles (target <= {TARGET_PERM_PEAK_MIB:.0f} MiB, blocked)",
            max(perm_mib, perm_10x) <= TARGET_PERM_PEAK_MIB,
        ),
    ]
    return report(checks, start)


if __name__ == "__main__":
    sys.exit(main())
