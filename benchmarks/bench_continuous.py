"""Speed of the continuous estimators (Ross, Frenzel-Pompe, Kozachenko-Leonenko) against peers.

Run ``.venv/bin/python benchmarks/bench_continuous.py``.  Prints best-of-several timings
with both estimates side by side, and marks each target PASS or FAIL.  Timings on a shared
machine are noisy, so every target is a ratio measured in the same run.

* ``mixed_mutual_information`` vs ``sklearn.feature_selection.mutual_info_classif``
  (k = 3, 1-D x, 3 classes).  sklearn also rescales x and adds 1e-10-scale noise, and clips
  at 0; on this tie-free data the estimates agree to round-off.
* ``ksg_conditional_mutual_information`` vs ``ennemi.estimate_mi(y, x, cond=z)`` (k = 3,
  1-D x, y, z; ennemi's defaults: unit-variance rescaling and 1e-10 noise, a series for
  digamma good to 1.2e-5).
* ``differential_entropy`` vs ``scipy.stats.differential_entropy`` (Vasicek spacings: a
  different estimator, timed for scale, no target), and vs ``ennemi.estimate_entropy``
  (the same k-NN estimator) in 1-D and 3-D.
* ``infotheory.feature_selection.mrmr`` on scikit-learn's breast-cancer data (569 x 30,
  five picks), for scale.
"""

from __future__ import annotations

import sys
import time

import ennemi
import numpy as np
from scipy.stats import differential_entropy as scipy_differential_entropy
from sklearn.datasets import load_breast_cancer
from sklearn.feature_selection import mutual_info_classif

from _timing import best_time, fmt_time, report
from infotheory import (
    differential_entropy,
    ksg_conditional_mutual_information,
    mixed_mutual_information,
)
from infotheory.feature_selection import mrmr

SIZES = [10**3, 10**4, 10**5]
MIXED_TARGET_N, CMI_TARGET_N = 10**5, 10**4
TARGET_SPEEDUP = 2.0


def mixed_table(rng: np.random.Generator) -> dict[int, tuple[float, float]]:
    print("Ross mixed MI, k = 3, 1-D x, 3 classes (x ~ N(0.7 y, 1)); best of several repeats.")
    header = (
        f"{'n':>7} {'infotheory':>11} {'sklearn':>10} {'sklearn/ours':>13}"
        f" {'ours (nats)':>12} {'sklearn (nats)':>15}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for n in SIZES:
        y = rng.integers(0, 3, n)
        x = rng.normal(loc=0.7 * y)
        xs = x[:, None]
        ours = best_time(lambda x=x, y=y: mixed_mutual_information(x, y, k=3))
        theirs = best_time(
            lambda xs=xs, y=y: mutual_info_classif(xs, y, n_neighbors=3, random_state=0)
        )
        ours_value = mixed_mutual_information(x, y, k=3)
        their_value = mutual_info_classif(xs, y, n_neighbors=3, random_state=0)[0]
        print(
            f"{n:>7.0e} {fmt_time(ours):>11} {fmt_time(theirs):>10} {theirs / ours:12.2f}x"
            f" {ours_value:12.6f} {their_value:15.6f}"
        )
        results[n] = (ours, theirs)
    return results


def cmi_table(rng: np.random.Generator) -> dict[int, tuple[float, float]]:
    print()
    print(
        "Frenzel-Pompe conditional MI, k = 3, x = z + e, y = 0.5 x + z + e"
        " (true 0.1116 nats); best of several repeats."
    )
    header = (
        f"{'n':>7} {'infotheory':>11} {'ennemi':>10} {'ennemi/ours':>12}"
        f" {'ours (nats)':>12} {'ennemi (nats)':>14}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for n in SIZES:
        z = rng.standard_normal(n)
        x = z + rng.standard_normal(n)
        y = 0.5 * x + z + rng.standard_normal(n)
        ours = best_time(lambda x=x, y=y, z=z: ksg_conditional_mutual_information(x, y, z, k=3))
        theirs = best_time(lambda x=x, y=y, z=z: ennemi.estimate_mi(y, x, cond=z, k=3))
        ours_value = ksg_conditional_mutual_information(x, y, z, k=3)
        their_value = ennemi.estimate_mi(y, x, cond=z, k=3)[0, 0]
        print(
            f"{n:>7.0e} {fmt_time(ours):>11} {fmt_time(theirs):>10} {theirs / ours:11.2f}x"
            f" {ours_value:12.6f} {their_value:14.6f}"
        )
        results[n] = (ours, theirs)
    return results


def entropy_table(rng: np.random.Generator) -> None:
    print()
    print("Differential entropy, k = 3, standard normal (true 1.4189 nats per dimension).")
    header = (
        f"{'n':>7} {'d':>2} {'infotheory':>11} {'scipy':>10} {'ennemi':>10}"
        f" {'ours (nats)':>12} {'scipy (nats)':>13} {'ennemi (nats)':>14}"
    )
    print(header)
    print("-" * len(header))
    for d in (1, 3):
        for n in SIZES:
            x = rng.standard_normal((n, d)) if d > 1 else rng.standard_normal(n)
            ours = best_time(lambda x=x: differential_entropy(x))
            theirs_en = best_time(lambda x=x: ennemi.estimate_entropy(x, k=3, multidim=True))
            ours_value = differential_entropy(x)
            en_value = float(ennemi.estimate_entropy(x, k=3, multidim=True))
            if d == 1:
                theirs_sp = best_time(lambda x=x: scipy_differential_entropy(x))
                sp_time, sp_value = fmt_time(theirs_sp), f"{scipy_differential_entropy(x):13.6f}"
            else:
                sp_time, sp_value = "1-D only", f"{'':>13}"
            print(
                f"{n:>7.0e} {d:>2} {fmt_time(ours):>11} {sp_time:>10} {fmt_time(theirs_en):>10}"
                f" {ours_value:12.6f} {sp_value} {en_value:14.6f}"
            )


def mrmr_row() -> None:
    print()
    data = load_breast_cancer()
    seconds = best_time(lambda: mrmr(data.data, data.target, 5), max_repeats=3)
    chosen = mrmr(data.data, data.target, 5)
    print(f"mrmr, breast cancer (569 x 30), 5 picks: {fmt_time(seconds)}  -> {chosen.tolist()}")


def main() -> int:
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    mixed = mixed_table(rng)
    cmi = cmi_table(rng)
    entropy_table(rng)
    mrmr_row()

    mixed_ours, mixed_theirs = mixed[MIXED_TARGET_N]
    cmi_ours, cmi_theirs = cmi[CMI_TARGET_N]
    checks = [
        (
            f"mixed_mutual_information n = 1e5: {mixed_theirs / mixed_ours:.2f}x faster than"
            f" sklearn's mutual_info_classif (target >= {TARGET_SPEEDUP:.0f}x)",
            mixed_theirs / mixed_ours >= TARGET_SPEEDUP,
        ),
        (
            f"ksg_conditional_mutual_information n = 1e4: {cmi_theirs / cmi_ours:.2f}x faster"
            f" than ennemi's conditional estimate_mi (target >= {TARGET_SPEEDUP:.0f}x)",
            cmi_theirs / cmi_ours >= TARGET_SPEEDUP,
        ),
    ]
    return report(checks, start)


if __name__ == "__main__":
    sys.exit(main())
