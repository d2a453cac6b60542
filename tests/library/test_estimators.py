"""Tests for infotheory.estimators: KSG, the permutation test and the plug-in bias formula."""

import dataclasses
import inspect

import numpy as np
import pytest
from scipy.special import digamma

import infotheory.estimators as estimators
from infotheory import (
    ContinuousLabelsWarning,
    PermutationTestResult,
    expected_mutual_information,
    gaussian_mutual_information,
    ksg_mutual_information,
    mutual_information,
    permutation_test,
    plugin_bias,
    sample_gaussian_pair,
)


def ksg_brute_force(x, y, k, *, ties="documented"):
    """KSG algorithm 1 from all O(n^2) max-norm distances.

    ``ties="textbook"`` counts the other samples with distance < eps, as in the
    paper; ``"documented"`` is the library's stated rule: all samples with distance
    <= nextafter(eps, 0), and for eps = 0 (more than k exact joint copies) k replaced
    by the number of exact joint copies other than the sample itself.  The two differ
    only when some eps = 0.
    """
    xs, ys = np.asarray(x, float), np.asarray(y, float)
    xs, ys = xs.reshape(len(xs), -1), ys.reshape(len(ys), -1)
    n = len(xs)
    dx = np.abs(xs[:, None, :] - xs[None, :, :]).max(axis=2)
    dy = np.abs(ys[:, None, :] - ys[None, :, :]).max(axis=2)
    dz = np.maximum(dx, dy)
    eps = np.sort(dz, axis=1)[:, k]  # column 0 is the sample itself
    k_i = np.full(n, k)
    if ties == "textbook":
        inside_x, inside_y = dx < eps[:, None], dy < eps[:, None]
    else:
        below = np.nextafter(eps, 0)[:, None]
        inside_x, inside_y = dx <= below, dy <= below
        k_i = np.where(eps == 0, (dz == 0).sum(axis=1) - 1, k)
    np.fill_diagonal(inside_x, False)  # the sample itself (distance 0) is always inside
    np.fill_diagonal(inside_y, False)
    n_x, n_y = inside_x.sum(axis=1), inside_y.sum(axis=1)
    psi_xy = digamma(n_x + 1) + digamma(n_y + 1)
    if np.all(k_i == k):
        return float(digamma(k) + digamma(n) - np.mean(psi_xy))
    return float(digamma(n) + np.mean(digamma(k_i) - psi_xy))


# --- KSG -------------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 3, 7])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ksg_equals_brute_force(k, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(300)
    y = np.sin(2 * x) + 0.5 * rng.standard_normal(300)
    expected = ksg_brute_force(x, y, k, ties="textbook")
    assert ksg_mutual_information(x, y, k=k) == expected
    assert ksg_brute_force(x, y, k) == expected


@pytest.mark.parametrize("k", [1, 4])
def test_ksg_equals_brute_force_multidimensional(k):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((250, 2))
    y = np.column_stack([x[:, 0] + rng.standard_normal(250), rng.exponential(size=250), x[:, 1]])
    expected = ksg_brute_force(x, y, k, ties="textbook")
    assert ksg_mutual_information(x, y, k=k) == expected
    assert ksg_mutual_information(x[:, 0], y, k=k) == ksg_brute_force(x[:, 0], y, k)


def _without_tie_noise(monkeypatch):
    monkeypatch.setattr(estimators, "_TIE_NOISE", 0.0)
    monkeypatch.setattr(estimators, "_TIE_ULPS", 0)


def _tie_broken(x, y):
    """The library's deterministic tie-breaking of x and y, as arrays of shape (n, d)."""
    xs, ys = np.asarray(x, float).reshape(len(x), -1), np.asarray(y, float).reshape(len(y), -1)
    rng = np.random.default_rng(estimators._TIE_SEED)
    spread = [a.max(axis=0) - a.min(axis=0) for a in (xs, ys)]
    return estimators._break_ties(xs, spread[0], rng)[0], estimators._break_ties(
        ys, spread[1], rng
    )[0]


@pytest.mark.parametrize("k", [1, 3])
def test_ksg_ties_are_broken_by_documented_noise(k):
    # Rounded data: many eps = 0 (more than k duplicates of a point) and equal distances.
    rng = np.random.default_rng(9)
    x = rng.integers(0, 4, 200).astype(float)
    y = np.round(x + rng.standard_normal(200), 0)
    xj, yj = _tie_broken(x, y)
    # The noise moves every value, by about 1e-10 of the range, and leaves no tie.
    assert np.all(xj[:, 0] != x)
    assert np.all(yj[:, 0] != y)
    assert np.abs(xj[:, 0] - x).max() < 1e-8 * np.ptp(x)
    assert np.unique(xj).size == 200
    assert np.unique(yj).size == 200
    estimate = ksg_mutual_information(x, y, k=k)
    assert estimate == ksg_brute_force(xj, yj, k, ties="textbook")
    # Deterministic: the noise comes from a fixed seed, not from any global state.
    assert ksg_mutual_information(x, y, k=k) == estimate
    # Without noise the textbook counts (none strictly inside eps = 0) overestimate wildly.
    assert ksg_brute_force(x, y, k, ties="textbook") > 1
    # x has 4 levels and y = round(x + N(0, 1)): true MI 0.379 nats (from the normal cdf);
    # the estimate is 0.596 (k = 1) and 0.413 (k = 3), the plug-in 0.412.  KSG is no
    # estimator for discrete data; the rule only keeps it finite and near the plug-in.
    assert estimate == pytest.approx(0.379, abs=0.25 if k == 1 else 0.05)


def test_ksg_tie_free_columns_are_untouched():
    rng = np.random.default_rng(17)
    x = rng.standard_normal(300)
    y = np.round(x + rng.standard_normal(300), 1)
    xj, yj = _tie_broken(x, y)
    assert np.array_equal(xj[:, 0], x)
    assert not np.array_equal(yj[:, 0], y)
    assert ksg_mutual_information(x, y) == ksg_brute_force(xj, yj, 3, ties="textbook")


def test_ksg_rounded_gaussian_near_truth(monkeypatch):
    # Gaussian data (rho = 0.6, true MI 0.2231 nats, n = 1e4; unrounded estimate 0.2232)
    # rounded to 2 and 1 decimals: grid distances tie.  With the noise rule the estimates
    # are 0.2294 and 0.2205; the strict counts without it gave 0.537 and 0.178.  The KSG
    # sd at this n is about 0.008 nats: 0.02 is 2.5 sd.
    x, y = sample_gaussian_pair(10_000, 0.6, seed=0)
    truth = gaussian_mutual_information(0.6)
    for decimals in (2, 1):
        rounded = ksg_mutual_information(np.round(x, decimals), np.round(y, decimals))
        assert rounded == pytest.approx(truth, abs=0.02)
    _without_tie_noise(monkeypatch)
    assert ksg_mutual_information(np.round(x, 2), np.round(y, 2)) > truth + 0.2


@pytest.mark.parametrize("k", [1, 3])
def test_ksg_zero_distance_rule_without_noise(monkeypatch, k):
    # With the noise switched off, eps = 0 samples follow the documented rule of Gao et al.
    _without_tie_noise(monkeypatch)
    rng = np.random.default_rng(9)
    x = rng.integers(0, 4, 200).astype(float)
    y = np.round(x + rng.standard_normal(200), 0)
    assert ksg_mutual_information(x, y, k=k) == pytest.approx(ksg_brute_force(x, y, k), abs=1e-12)


def test_ksg_constant_input_is_exactly_zero():
    rng = np.random.default_rng(12)
    noise = rng.standard_normal(100)
    # 100 identical points gave psi(3) - psi(100) = -3.68 with the previous counts.
    assert ksg_mutual_information(np.ones(100), np.ones(100)) == 0.0
    assert ksg_mutual_information(np.full(100, -2.5), noise) == 0.0
    assert ksg_mutual_information(noise, np.zeros((100, 3))) == 0.0
    assert ksg_mutual_information(np.r_[0.0, np.full(99, -0.0)], noise) == 0.0
    # One constant column of a 2-D x is not a constant x, and gets no noise.
    x = np.column_stack([np.ones(100), noise + rng.standard_normal(100)])
    assert np.array_equal(_tie_broken(x, noise)[0], x)
    assert ksg_mutual_information(x, noise) == ksg_brute_force(x, noise, 3)
    assert ksg_mutual_information(x, noise) > 0.1


def test_ksg_discrete_data_closed_form(monkeypatch):
    # Purely discrete data, every cell with more than k members, noise off: every eps is 0
    # and the zero-distance rule gives psi(n_xy - 1) + psi(n) - psi(a) - psi(b) per sample.
    rng = np.random.default_rng(13)
    x = rng.integers(0, 3, 600)
    y = (x + (rng.random(600) < 0.3)) % 3
    table = np.zeros((3, 3), int)
    np.add.at(table, (x, y), 1)
    assert table[table > 0].min() > 3
    n_xy, a, b = table[x, y], table.sum(axis=1)[x], table.sum(axis=0)[y]
    expected = np.mean(digamma(n_xy - 1) + digamma(600) - digamma(a) - digamma(b))
    with monkeypatch.context() as patch:
        _without_tie_noise(patch)
        estimate = ksg_mutual_information(x.astype(float), y.astype(float), k=3)
    assert estimate == pytest.approx(expected, abs=1e-12)
    # ... which is within O(cells / n) of the plug-in estimate (here 0.005 nats apart).
    assert estimate == pytest.approx(mutual_information(x, y), abs=0.02)
    # With the noise (the default), a copy of a discrete variable gives about its entropy
    # (1.070 here against log 3 = 1.099: the k-NN bias within clusters of 200 copies).
    copy = ksg_mutual_information(x.astype(float), x.astype(float))
    assert copy == pytest.approx(np.log(3), abs=0.05)


def test_ksg_heavy_ties_never_large_negative():
    # Independent, heavily rounded data (about 6 levels each): the estimate stays near 0,
    # over these 20 seeds in [-0.064, 0.056]; the textbook counts without noise give above 1.
    for seed in range(20):
        rng = np.random.default_rng(seed)
        x = np.round(rng.standard_normal(300))
        y = np.round(rng.standard_normal(300))
        assert abs(ksg_mutual_information(x, y)) < 0.1
    assert ksg_brute_force(x, y, 3, ties="textbook") > 1


def test_ksg_many_copies_fast():
    # 100,000 fair coin flips paired with themselves: MI = log 2.  Without the noise the
    # k-d tree query alone took minutes (equal points cannot be split).
    x = np.random.default_rng(5).integers(0, 2, 100_000).astype(float)
    assert ksg_mutual_information(x, x) == pytest.approx(np.log(2), abs=0.01)


@pytest.mark.parametrize(("n", "d"), [(2, 1), (3, 2), (60, 20)])
def test_ksg_small_n_and_many_dimensions(n, d):
    rng = np.random.default_rng(n + d)
    x = rng.standard_normal((n, d))
    y = x[:, :1] + rng.standard_normal((n, 1))
    assert ksg_mutual_information(x, y, k=1) == pytest.approx(ksg_brute_force(x, y, 1), abs=1e-12)


def test_ksg_counts_match_kd_tree_adversarial():
    # Radii equal to actual distances (and one float below), tied values, huge and tiny
    # scales: the sorted search with its fix-up must give the tree's counts exactly.
    from scipy.spatial import KDTree

    rng = np.random.default_rng(14)
    for trial in range(120):
        n = int(rng.integers(1, 300))
        values = [
            rng.standard_normal(n),
            np.round(rng.standard_normal(n), 1),
            1.0 + 1e-300 * rng.standard_normal(n),
            np.full(n, 2.5),
            rng.integers(-3, 4, n) * 0.1 + 1e6,
            8e307 * rng.uniform(-1, 1, n),
        ][trial % 6]
        distance = np.abs(values - values[rng.integers(0, n, n)])
        radius = np.where(rng.random(n) < 0.5, distance, np.nextafter(distance, 0))
        points = values[:, None]
        tree_counts = KDTree(points).query_ball_point(points, radius, p=np.inf, return_length=True)
        np.testing.assert_array_equal(estimators._count_within(points, radius), tree_counts)


def test_ksg_counts_match_kd_tree_multidimensional():
    from scipy.spatial import KDTree

    rng = np.random.default_rng(15)
    points = np.round(rng.standard_normal((400, 2)), 1)
    radius = np.abs(points - points[rng.permutation(400)]).max(axis=1)
    tree_counts = KDTree(points).query_ball_point(points, radius, p=np.inf, return_length=True)
    np.testing.assert_array_equal(estimators._count_within(points, radius), tree_counts)


def test_ksg_gaussian_truth():
    # The KSG estimator (k = 3, n = 2000) has standard deviation 0.016-0.026 nats for these rho
    # (measured over 100 seeds; it scales as 1/sqrt(n)) and a bias below 0.006 nats for Gaussian
    # data (Kraskov et al. 2004, Fig. 4).  The mean of 5 seeds then has sd <= 0.012, so the
    # 0.05 tolerance is about 4 sd plus the bias; a wrong digamma term or neighbour count
    # shifts the estimate by 0.1 nats or more.
    for rho in (0.0, 0.3, 0.6, 0.9):
        estimates = [
            ksg_mutual_information(*sample_gaussian_pair(2000, rho, seed=seed)) for seed in range(5)
        ]
        assert np.mean(estimates) == pytest.approx(gaussian_mutual_information(rho), abs=0.05)


def test_ksg_is_raw_not_clipped():
    # Independent samples: the raw estimate scatters around 0, negative about half the time.
    estimates = np.array(
        [ksg_mutual_information(*sample_gaussian_pair(500, 0.0, seed=s)) for s in range(20)]
    )
    assert np.any(estimates < 0)
    assert np.any(estimates > 0)
    assert abs(estimates.mean()) < 0.02


def test_ksg_exact_symmetries():
    rng = np.random.default_rng(3)
    x = rng.standard_normal(400)
    y = x**3 + rng.standard_normal(400)
    estimate = ksg_mutual_information(x, y)
    # Swapping, negating and scaling both by a power of two leave every distance comparison intact.
    assert ksg_mutual_information(y, x) == estimate
    assert ksg_mutual_information(-x, y) == estimate
    assert ksg_mutual_information(4 * x, 4 * y) == estimate
    assert ksg_mutual_information(x[:, None], y.reshape(-1, 1)) == estimate
    order = rng.permutation(400)
    assert ksg_mutual_information(x[order], y[order]) == pytest.approx(estimate, abs=1e-14)


def test_ksg_monotone_transform():
    # MI is invariant to x -> exp(x); the estimator only approximately (distances change).
    # Over 50 seeds at n = 2000 the difference has mean 0.005 and sd 0.013 nats: 0.06 is 4.5 sd.
    x, y = sample_gaussian_pair(2000, 0.6, seed=0)
    assert ksg_mutual_information(np.exp(x), y) == pytest.approx(
        ksg_mutual_information(x, y), abs=0.06
    )


def test_ksg_multidimensional_gaussian():
    # X = (Z1, Z2) with Z2 independent noise, Y = rho Z1 + ...: I(X; Y) = I(Z1; Y).
    rng = np.random.default_rng(4)
    z1, y = sample_gaussian_pair(4000, 0.8, seed=rng)
    x = np.column_stack([z1, rng.standard_normal(4000)])
    truth = gaussian_mutual_information(0.8)
    # Extra noise dimensions add bias; 0.1 nats covers it and 4 sd at n = 4000.
    assert ksg_mutual_information(x, y) == pytest.approx(truth, abs=0.1)
    assert ksg_mutual_information(x, y, k=5) == pytest.approx(truth, abs=0.1)


def test_ksg_returns_python_float():
    assert type(ksg_mutual_information([0.1, 0.5, 0.2, 0.9], [1.0, 0.3, 0.2, 0.4], k=1)) is float


@pytest.mark.parametrize("k", [0, -1, 2.5, True, np.bool_(True), "3", None, np.float64(3)])
def test_ksg_bad_k(k):
    with pytest.raises(ValueError, match="k must be an integer"):
        ksg_mutual_information(np.arange(10.0), np.arange(10.0), k=k)


def test_ksg_numpy_integer_k():
    x, y = sample_gaussian_pair(100, 0.5, seed=0)
    assert ksg_mutual_information(x, y, k=np.int64(3)) == ksg_mutual_information(x, y, k=3)


@pytest.mark.parametrize("k", [10, 11, 10**30])
def test_ksg_k_not_below_n(k):
    with pytest.raises(ValueError, match=r"k must be smaller than the number of samples \(10\)"):
        ksg_mutual_information(np.arange(10.0), np.arange(10.0), k=k)


def test_ksg_bad_samples():
    good = np.arange(10.0)
    with pytest.raises(ValueError, match="x must be finite"):
        ksg_mutual_information(np.r_[good[:-1], np.nan], good)
    with pytest.raises(ValueError, match="y must be finite"):
        ksg_mutual_information(good, np.r_[good[:-1], np.inf])
    with pytest.raises(ValueError, match="x and y must have the same length"):
        ksg_mutual_information(good, good[:-1])
    with pytest.raises(ValueError, match="x must be 1-D or 2-D"):
        ksg_mutual_information(good.reshape(5, 2, 1), good)
    with pytest.raises(ValueError, match="y must not be empty"):
        ksg_mutual_information(good, np.empty((10, 0)))
    with pytest.raises(ValueError, match="x must hold numbers"):
        ksg_mutual_information(["a"] * 10, good)
    with pytest.raises(ValueError, match="y must hold numbers"):
        ksg_mutual_information(good, [10**400] + [1] * 9)
    with pytest.raises(ValueError, match="x must be a rectangular array"):
        ksg_mutual_information([[0.0, 1.0], [1.0]] + [[0.0, 1.0]] * 8, good)
    with pytest.raises(ValueError, match="x and y must have the same length"):
        ksg_mutual_information(good[:1], good[:2], k=1)
    with pytest.raises(ValueError, match=r"k must be smaller than the number of samples \(1\)"):
        ksg_mutual_information(good[:1], good[:1], k=1)


def test_ksg_range_overflow():
    # Distances between -1e308 and 1e308 overflow to inf: refused, not a NaN or crash.
    x = np.r_[-1e308, 1e308, np.arange(8.0)]
    with pytest.raises(ValueError, match=r"x must have a range \(max - min\) below"):
        ksg_mutual_information(x, np.arange(10.0))
    with pytest.raises(ValueError, match=r"y must have a range \(max - min\) below"):
        ksg_mutual_information(np.arange(10.0), np.column_stack([np.arange(10.0), x]))
    # A range just inside float64 is fine.
    assert np.isfinite(ksg_mutual_information(x / 2, np.arange(10.0), k=2))


# --- permutation test ------------------------------------------------------------------------


def test_permutation_dependent_data_gets_smallest_pvalue():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 4, 300)
    y = np.where(rng.random(300) < 0.8, x, rng.integers(0, 4, 300))
    for n_permutations in (1, 99, 999):
        result = permutation_test(x, y, n_permutations=n_permutations, seed=1)
        assert result.pvalue == 1 / (n_permutations + 1)
        assert result.n_permutations == n_permutations
        assert result.null_distribution.shape == (n_permutations,)


def test_permutation_independent_pvalues_are_uniform():
    # Under independence P(p <= j / (B + 1)) <= j / (B + 1), with equality up to ties.
    # 300 tests: the fraction below 0.1 has sd sqrt(0.1 * 0.9 / 300) = 0.017.
    rng = np.random.default_rng(2)
    pvalues = np.array(
        [
            permutation_test(
                rng.integers(0, 5, 80), rng.integers(0, 3, 80), n_permutations=99, seed=rng
            ).pvalue
            for _ in range(300)
        ]
    )
    assert np.mean(pvalues <= 0.1) == pytest.approx(0.1, abs=4 * 0.017)
    assert np.mean(pvalues <= 0.5) == pytest.approx(0.5, abs=4 * 0.029)
    assert pvalues.min() >= 0.01


def test_permutation_result_contents():
    rng = np.random.default_rng(5)
    x = rng.integers(0, 6, 200)
    y = (x + rng.integers(0, 3, 200)) % 6
    result = permutation_test(x, y, n_permutations=500, seed=7)
    assert isinstance(result, PermutationTestResult)
    assert result.statistic == pytest.approx(mutual_information(x, y), abs=1e-13)
    assert type(result.statistic) is float
    assert type(result.pvalue) is float
    count = np.count_nonzero(result.null_distribution >= result.statistic)
    assert result.pvalue == (1 + count) / 501
    # The null is the plug-in MI of shuffled data: mean close to the permutation-model EMI.
    assert result.null_distribution.mean() == pytest.approx(
        expected_mutual_information(x, y), rel=0.1
    )
    assert np.all(result.null_distribution >= 0)
    with pytest.raises(ValueError, match="read-only"):
        result.null_distribution[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.pvalue = 0.5


def test_permutation_null_is_mutual_information_of_actual_shuffles():
    rng = np.random.default_rng(6)
    x = np.array(list("abcab"))[rng.integers(0, 5, 150)]
    y = rng.integers(-3, 4, 150)
    seen = []

    def recording_mi(a, b):
        seen.append(b.copy())
        return mutual_information(a, b)

    fast = permutation_test(x, y, n_permutations=200, seed=3)
    slow = permutation_test(x, y, n_permutations=200, seed=3, statistic=recording_mi)
    np.testing.assert_allclose(fast.null_distribution, slow.null_distribution, rtol=0, atol=1e-13)
    assert fast.statistic == pytest.approx(slow.statistic, abs=1e-13)
    assert fast.pvalue == slow.pvalue
    shuffles = np.array(seen[1:])
    assert shuffles.shape == (200, 150)
    assert np.all(np.sort(shuffles, axis=1) == np.sort(y))
    assert len({row.tobytes() for row in shuffles}) == 200


def test_permutation_mutual_information_statistic_takes_fast_path(monkeypatch):
    x, y = np.arange(40) % 4, np.arange(40) % 5
    fast = permutation_test(x, y, n_permutations=50, seed=0)

    def fail(*args):
        raise AssertionError("custom path used")

    monkeypatch.setattr(estimators, "_custom_null", fail)
    same = permutation_test(x, y, n_permutations=50, seed=0, statistic=mutual_information)
    np.testing.assert_array_equal(same.null_distribution, fast.null_distribution)


def test_permutation_blocking_does_not_change_result(monkeypatch):
    rng = np.random.default_rng(8)
    x, y = rng.integers(0, 7, 120), rng.integers(0, 3, 120)
    whole = permutation_test(x, y, n_permutations=300, seed=11)
    monkeypatch.setattr(estimators, "_PERMUTATION_BLOCK", 500)  # 4 shuffles per block
    blocked = permutation_test(x, y, n_permutations=300, seed=11)
    np.testing.assert_array_equal(blocked.null_distribution, whole.null_distribution)
    assert blocked.pvalue == whole.pvalue


def test_permutation_reproducible():
    rng = np.random.default_rng(1)
    x, y = rng.integers(0, 3, 100), rng.integers(0, 3, 100)
    first = permutation_test(x, y, n_permutations=100, seed=42)
    again = permutation_test(x, y, n_permutations=100, seed=42)
    other = permutation_test(x, y, n_permutations=100, seed=43)
    generator = permutation_test(x, y, n_permutations=100, seed=np.random.default_rng(42))
    np.testing.assert_array_equal(first.null_distribution, again.null_distribution)
    np.testing.assert_array_equal(first.null_distribution, generator.null_distribution)
    assert not np.array_equal(first.null_distribution, other.null_distribution)


def test_permutation_ties_count_as_at_least():
    # A constant y: every shuffle has MI 0, all tie with the statistic, p = 1.
    result = permutation_test([0, 1, 0, 1, 2], [5, 5, 5, 5, 5], n_permutations=20, seed=0)
    assert result.statistic == 0.0
    assert result.pvalue == 1.0
    # Two samples: each shuffle either keeps or swaps the pairing; both give MI log 2.
    result = permutation_test([0, 1], [0, 1], n_permutations=30, seed=0)
    assert result.statistic == pytest.approx(np.log(2), abs=1e-15)
    assert result.pvalue == 1.0


def test_permutation_custom_statistic():
    x, y = sample_gaussian_pair(200, 0.7, seed=0)

    def correlation(a, b):
        return float(np.corrcoef(a, b)[0, 1])

    result = permutation_test(x, y, n_permutations=99, seed=1, statistic=correlation)
    assert result.statistic == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-15)
    assert result.pvalue == 0.01
    assert abs(result.null_distribution).max() < 0.4


@pytest.mark.parametrize(
    ("x", "y"),
    [
        (np.arange(600) % 200, (np.arange(600) * 7) % 150),  # 30,000 cells for 600 samples
        (np.arange(300), np.arange(300) // 2),  # all-distinct x
        (np.array(list("abcdefghij"))[np.arange(500) % 10], np.arange(500) % 301),
        (np.arange(50) % 3, np.arange(50) % 40),  # 120 cells: the dense path by default
        (np.r_[np.arange(200), np.arange(300) % 5], np.arange(500) % 250),  # 200 singletons
    ],
)
def test_permutation_sorted_and_dense_counting_agree(monkeypatch, x, y):
    # Same shuffles, two ways of counting each table: the same S up to summation order.
    # 1e-13 nats covers the round-off of sums of a few hundred n log n terms divided by n.
    default = permutation_test(x, y, n_permutations=40, seed=5)
    monkeypatch.setattr(estimators, "_DENSE_CELLS_PER_SAMPLE", 0)
    by_sorting = permutation_test(x, y, n_permutations=40, seed=5)
    monkeypatch.setattr(estimators, "_DENSE_CELLS_PER_SAMPLE", 10**9)
    dense = permutation_test(x, y, n_permutations=40, seed=5)
    for result in (default, by_sorting):
        np.testing.assert_allclose(result.null_distribution, dense.null_distribution, atol=1e-13)
        assert result.statistic == pytest.approx(dense.statistic, abs=1e-13)
        assert result.pvalue == dense.pvalue
    # And both are the MI of the actual shuffles, one call per shuffle.
    loop = permutation_test(
        x, y, n_permutations=40, seed=5, statistic=lambda a, b: mutual_information(a, b)
    )
    np.testing.assert_allclose(by_sorting.null_distribution, loop.null_distribution, atol=1e-13)


def test_permutation_many_distinct_labels_memory():
    # All-distinct labels at n = 1e4: a dense table would have 1e8 cells (800 MB) per
    # shuffle.  With all-distinct x every table has n cells of count 1: MI = log n exactly.
    import tracemalloc

    x, y = np.arange(10_000), np.random.default_rng(0).permutation(10_000)
    tracemalloc.start()
    try:
        result = permutation_test(x, y, n_permutations=20, seed=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # About 2.5 MiB of block arrays (2**16 elements) plus O(n) codes; 8 MiB leaves slack.
    assert peak < 8 * 2**20
    np.testing.assert_allclose(result.null_distribution, np.log(10_000), rtol=1e-14)
    assert result.pvalue == 1.0
    # Float labels, as in x = rng.random(n): the same.
    floats = np.random.default_rng(1).random(10_000)
    with pytest.warns(ContinuousLabelsWarning, match="^[xy] looks continuous"):
        result = permutation_test(floats, floats, n_permutations=3, seed=0)
    assert result.pvalue == 1.0


def test_permutation_sorted_path_blocking_does_not_change_result(monkeypatch):
    rng = np.random.default_rng(16)
    x, y = rng.integers(0, 300, 400), rng.integers(0, 200, 400)
    whole = permutation_test(x, y, n_permutations=50, seed=2)
    monkeypatch.setattr(estimators, "_PERMUTATION_BLOCK", 1000)  # 2 shuffles per block
    blocked = permutation_test(x, y, n_permutations=50, seed=2)
    np.testing.assert_array_equal(blocked.null_distribution, whole.null_distribution)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (
            float("nan"),
            ValueError,
            "statistic must return a finite number, got nan on the observed",
        ),
        (np.inf, ValueError, "statistic must return a finite number, got inf on the observed"),
        (10**400, ValueError, "statistic must return a finite number"),
        (None, TypeError, "statistic must return a real number, got None of type NoneType"),
        ("0.5", TypeError, "statistic must return a real number, got '0.5'"),
        (True, TypeError, "statistic must return a real number, got True"),
        (1j, TypeError, "statistic must return a real number"),
        ([0.5], TypeError, "statistic must return a real number, got \\[0.5\\]"),
        (
            np.array([0.1, 0.2]),
            ValueError,
            r"statistic must return a single number, got an array of shape \(2,\)",
        ),
        (np.array(["a"]), TypeError, "statistic must return a real number"),
    ],
)
def test_permutation_bad_statistic_value(value, error, message):
    with pytest.raises(error, match=message):
        permutation_test(
            [0, 1, 2], [0, 1, 1], n_permutations=5, seed=0, statistic=lambda a, b: value
        )


def test_permutation_bad_statistic_value_on_a_shuffle():
    # A NaN on any shuffle used to count as "smaller" and shrink the p-value.
    calls = []

    def flaky(a, b):
        calls.append(1)
        return float("nan") if len(calls) == 4 else 0.5

    with pytest.raises(
        ValueError, match="statistic must return a finite number, got nan on shuffle 2"
    ):
        permutation_test([0, 1, 2], [0, 1, 1], n_permutations=10, seed=0, statistic=flaky)


def test_permutation_statistic_numpy_scalars_accepted():
    x, y = np.arange(30) % 3, np.arange(30) % 5
    for wrap in (np.float32, np.int64, np.array):
        result = permutation_test(
            x,
            y,
            n_permutations=9,
            seed=0,
            statistic=lambda a, b, w=wrap: w(mutual_information(a, b)),
        )
        assert result.null_distribution.dtype == float
        assert result.pvalue == permutation_test(x, y, n_permutations=9, seed=0).pvalue


def test_permutation_n_permutations_capped():
    with pytest.raises(ValueError, match="n_permutations must be at most 10_000_000"):
        permutation_test([0, 1], [0, 1], n_permutations=10**12)
    with pytest.raises(ValueError, match="n_permutations must be at most 10_000_000"):
        permutation_test([0, 1], [0, 1], n_permutations=10**7 + 1)


@pytest.mark.parametrize(
    "seed", [-1, 1.5, "3", float("nan"), True, np.bool_(False), [1, 2], object()]
)
def test_permutation_bad_seed(seed):
    with pytest.raises(ValueError, match="seed must be None, a non-negative integer or a numpy"):
        permutation_test([0, 1, 0, 1], [0, 1, 1, 0], seed=seed)
    with pytest.raises(ValueError, match="seed must be None"):
        permutation_test([0, 1, 0, 1], [0, 1, 1, 0], seed=seed, statistic=lambda a, b: 0.0)


def test_permutation_seed_kinds():
    x, y = np.arange(40) % 4, np.arange(40) % 5
    reference = permutation_test(x, y, n_permutations=20, seed=7).null_distribution
    for seed in (np.int64(7), np.uint8(7), np.random.SeedSequence(7), np.random.PCG64(7)):
        same = permutation_test(x, y, n_permutations=20, seed=seed).null_distribution
        np.testing.assert_array_equal(same, reference)
    # A huge integer seed is valid entropy for SeedSequence.
    assert permutation_test(x, y, n_permutations=5, seed=2**200).n_permutations == 5
    # A Generator is used and advanced: two calls on one generator draw different shuffles.
    rng = np.random.default_rng(7)
    first = permutation_test(x, y, n_permutations=20, seed=rng).null_distribution
    second = permutation_test(x, y, n_permutations=20, seed=rng).null_distribution
    np.testing.assert_array_equal(first, reference)
    assert not np.array_equal(first, second)


@pytest.mark.parametrize("n_permutations", [0, -5, 2.5, True, "100", None])
def test_permutation_bad_n_permutations(n_permutations):
    with pytest.raises(ValueError, match="n_permutations must be an integer >= 1"):
        permutation_test([0, 1], [0, 1], n_permutations=n_permutations)


def test_permutation_bad_input():
    with pytest.raises(ValueError, match="x and y must have the same length"):
        permutation_test([0, 1, 2], [0, 1])
    with pytest.raises(ValueError, match="y must not contain NaN"):
        permutation_test([0, 1], [0.0, np.nan])
    with pytest.raises(ValueError, match="x must not be empty"):
        permutation_test([], [])
    with pytest.raises(ValueError, match="statistic must be callable or None"):
        permutation_test([0, 1], [0, 1], statistic="mi")
    with pytest.raises(ValueError, match="x and y must have the same length"):
        permutation_test([0.0, 1.0], [0.0], statistic=lambda a, b: 0.0)
    with pytest.raises(ValueError, match="x and y must be non-empty arrays"):
        permutation_test([], [], statistic=lambda a, b: 0.0)
    with pytest.raises(ValueError, match="y must be a rectangular array"):
        permutation_test([0, 1], [[0, 1], [1]], statistic=lambda a, b: 0.0)
    with pytest.raises(ValueError, match="x is a masked array"):
        permutation_test(np.ma.array([0, 1], mask=[0, 1]), [0, 1], statistic=lambda a, b: 0.0)
    # The default statistic applies the label checks of mutual_information.
    with pytest.raises(ValueError, match="x must be a rectangular array"):
        permutation_test([[0, 1], [1]], [0, 1])
    with pytest.raises(ValueError, match="y is a masked array"):
        permutation_test([0, 1], np.ma.array([0, 1], mask=[0, 1]))
    with pytest.raises(ValueError, match="x must hold labels of one kind"):
        permutation_test(["1", 1, "1", 1], [0, 1, 0, 1])


# --- plug-in bias ----------------------------------------------------------------------------


def test_plugin_bias_values():
    assert plugin_bias(10, 10, 1000) == pytest.approx(81 / 2000, abs=1e-17)
    assert plugin_bias(1, 50, 7) == 0.0
    assert type(plugin_bias(2, 2, 2)) is float
    np.testing.assert_allclose(
        plugin_bias(np.array([[2], [5]]), [2, 3, 4], 100),
        [[1 / 200, 2 / 200, 3 / 200], [4 / 200, 8 / 200, 12 / 200]],
        rtol=1e-15,
    )


def test_plugin_bias_predicts_expected_mutual_information():
    # E[MI] of independent labels with fixed margins is EMI; its leading term is the bias.
    rng = np.random.default_rng(0)
    x, y = rng.integers(0, 5, 20000), rng.integers(0, 8, 20000)
    assert expected_mutual_information(x, y) == pytest.approx(plugin_bias(5, 8, 20000), rel=0.01)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0, 3, 10), "bins_x"),
        ((3, [2, 0], 10), "bins_y"),
        ((3, 3, 0), "n"),
        ((2.0, 3, 10), "bins_x"),
        ((2, True, 10), "bins_y"),
        ((2, 3, "10"), "n"),
        ((2, 3, np.nan), "n"),
        ((2, 3, np.array([5, True], dtype=object)), "n"),
        ((2, 3, np.array([5, 2.0], dtype=object)), "n"),
        ((2j, 3, 5), "bins_x"),
    ],
)
def test_plugin_bias_bad_input(args, name):
    with pytest.raises(ValueError, match=f"{name} must hold integers >= 1"):
        plugin_bias(*args)


def test_plugin_bias_large_values_do_not_wrap():
    # (2**62 - 1) * 3 wraps around in int64 (it gave -2.3e17); the bias is computed in float.
    assert plugin_bias(2**62, 4, 10) == pytest.approx((2**62 - 1) * 3 / 20, rel=1e-15)
    assert plugin_bias(np.uint64(2**63), 2, 1) == pytest.approx(2.0**62, rel=1e-15)
    assert plugin_bias(2**70, 2, 1) == pytest.approx(2.0**69, rel=1e-15)  # a Python int
    np.testing.assert_allclose(
        plugin_bias(np.array([2**62, 3]), 4, 10), [(2**62 - 1) * 3 / 20, 0.3], rtol=1e-15
    )
    assert plugin_bias(10, 10, 10**30) == pytest.approx(81 / 2e30, rel=1e-15)


def test_plugin_bias_overflowing_input():
    with pytest.raises(ValueError, match=r"bins_x is too large \(above 1.8e308\)"):
        plugin_bias(10**400, 2, 3)
    with pytest.raises(ValueError, match=r"n is too large \(above 1.8e308\)"):
        plugin_bias(2, 2, [10**400])
    with pytest.raises(ValueError, match="bins_x \\* bins_y is too large"):
        plugin_bias(10**200, 10**200, 1)
    with pytest.raises(ValueError, match="bins_y must hold integers >= 1"):
        plugin_bias(2, [2**70, 0], 3)
    with pytest.raises(ValueError, match="bins_x must be a rectangular array"):
        plugin_bias([[2, 3], [4]], 2, 3)
    with pytest.raises(ValueError, match="n is a masked array; masks are not honoured"):
        plugin_bias(2, 2, np.ma.array([3, 4], mask=[0, 1]))


def test_plugin_bias_shapes_must_broadcast():
    with pytest.raises(ValueError, match="must broadcast together"):
        plugin_bias([2, 3], [2, 3, 4], 10)


# --- seeds across the library ----------------------------------------------------------------


def _seeded_calls():
    """One small call of every public function of infotheory that takes a seed, seed left open.

    The book's functions with a seed (mibook) are checked the same way in
    tests/book/test_seeds.py; library tests do not import the book's package.
    """
    import infotheory

    calls = {
        "permutation_test": lambda seed: permutation_test([0, 1, 0, 1], [0, 1, 1, 0], seed=seed),
        "sample_gaussian_pair": lambda seed: sample_gaussian_pair(5, 0.5, seed=seed),
    }
    optional = {
        "subsample_error": lambda seed: infotheory.subsample_error(
            mutual_information, [0, 1, 0, 1, 1, 0], [0, 1, 1, 1, 0, 0], splits=(2,),
            n_repeats=1, seed=seed,
        ),
        "fit_quadratic_critic": lambda seed: infotheory.fit_quadratic_critic(
            np.arange(8.0), np.arange(8.0)[::-1], batch_size=4, max_iter=2, seed=seed
        ),
    }
    calls.update({name: call for name, call in optional.items() if name in infotheory.__all__})
    # Every public function with a seed parameter is covered.
    for name in infotheory.__all__:
        func = getattr(infotheory, name)
        if inspect.isfunction(func) and "seed" in inspect.signature(func).parameters:
            assert name in calls, name
    return calls


@pytest.mark.parametrize("seed", [-1, 1.5, "3", float("nan"), True])
def test_every_seed_is_checked(seed):
    # Each function taking a seed refuses a bad one with the same message; each also
    # runs with a good seed, so the failure is the seed's.
    for call in _seeded_calls().values():
        call(seed=0)
        with pytest.raises(ValueError, match="seed must be None, a non-negative integer"):
            call(seed=seed)
