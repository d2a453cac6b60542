"""Tests for infotheory.estimators: KSG, the permutation test and the plug-in bias formula."""

import dataclasses

import numpy as np
import pytest
from scipy.special import digamma

import infotheory.estimators as estimators
from infotheory import (
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
    paper; ``"documented"`` counts all samples with distance <= nextafter(eps, 0),
    the library's stated rule, which differs from the paper only when eps = 0.
    """
    xs, ys = np.asarray(x, float), np.asarray(y, float)
    xs, ys = xs.reshape(len(xs), -1), ys.reshape(len(ys), -1)
    n = len(xs)
    dx = np.abs(xs[:, None, :] - xs[None, :, :]).max(axis=2)
    dy = np.abs(ys[:, None, :] - ys[None, :, :]).max(axis=2)
    eps = np.sort(np.maximum(dx, dy), axis=1)[:, k]  # column 0 is the sample itself
    if ties == "textbook":
        inside_x, inside_y = dx < eps[:, None], dy < eps[:, None]
        np.fill_diagonal(inside_x, False)
        np.fill_diagonal(inside_y, False)
    else:
        below = np.nextafter(eps, 0)[:, None]
        inside_x, inside_y = dx <= below, dy <= below
        np.fill_diagonal(inside_x, False)  # the sample itself (distance 0) is always inside
        np.fill_diagonal(inside_y, False)
    n_x, n_y = inside_x.sum(axis=1), inside_y.sum(axis=1)
    return float(digamma(k) + digamma(n) - np.mean(digamma(n_x + 1) + digamma(n_y + 1)))


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


@pytest.mark.parametrize("k", [1, 3])
def test_ksg_ties_follow_documented_rule(k):
    # Rounded data: many eps = 0 (more than k duplicates of a point) and equal distances.
    rng = np.random.default_rng(9)
    x = rng.integers(0, 4, 200).astype(float)
    y = np.round(x + rng.standard_normal(200), 0)
    estimate = ksg_mutual_information(x, y, k=k)
    assert estimate == ksg_brute_force(x, y, k)
    assert estimate != ksg_brute_force(x, y, k, ties="textbook")


def test_ksg_one_dimensional_counts_match_kd_tree():
    # The 1-D marginal count (a binary search) must give the k-d tree's counts, ties included.
    from scipy.spatial import KDTree

    rng = np.random.default_rng(11)
    for values in (
        rng.standard_normal(500),
        np.round(rng.standard_normal(500), 1),
        1.0 + 1e-300 * rng.standard_normal(500),
        np.full(500, 2.5),
    ):
        points = values[:, None]
        radius = np.nextafter(np.abs(rng.standard_normal(500)) * rng.choice([0, 1e-3, 1]), 0)
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


@pytest.mark.parametrize("k", [0, -1, 2.5, True, "3", None])
def test_ksg_bad_k(k):
    with pytest.raises(ValueError, match="k must be an integer"):
        ksg_mutual_information(np.arange(10.0), np.arange(10.0), k=k)


@pytest.mark.parametrize("k", [10, 11])
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
    ],
)
def test_plugin_bias_bad_input(args, name):
    with pytest.raises(ValueError, match=f"{name} must hold integers >= 1"):
        plugin_bias(*args)


def test_plugin_bias_shapes_must_broadcast():
    with pytest.raises(ValueError, match="must broadcast together"):
        plugin_bias([2, 3], [2, 3, 4], 10)
