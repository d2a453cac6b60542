"""Tests of the continuous-case and feature-selection computations."""

import numpy as np
import pytest
from scipy.stats import norm
from sklearn.tree import DecisionTreeClassifier

import infotheory as it
from infotheory.continuous import mixed_mutual_information
from mibook.datasets import relationships
from mibook.experiments_continuous import (
    FeatureRanking,
    best_split,
    bin_width_sweep,
    binned_gaussian_pair_mi,
    binned_normal_entropy,
    binned_plugin_mi,
    gaussian_differential_entropy,
    gaussian_repetitions,
    rank_features,
    sinusoid_binned_mutual_information,
    sinusoid_mutual_information,
    split_information_gain,
)

# --- gaussian_differential_entropy -------------------------------------------------------


@pytest.mark.parametrize("sigma", [0.05, 0.5, 1.0, 3.0])
def test_gaussian_entropy_matches_scipy(sigma):
    # scipy integrates the same closed form: agreement to rounding.
    assert gaussian_differential_entropy(sigma) == pytest.approx(
        norm(scale=sigma).entropy(), rel=1e-12
    )


def test_gaussian_entropy_scaling_and_sign():
    # h(aX) = h(X) + ln a exactly (to rounding); negative below sigma = 1/sqrt(2 pi e).
    h1 = gaussian_differential_entropy(1.0)
    assert gaussian_differential_entropy(10.0) - h1 == pytest.approx(np.log(10.0), rel=1e-12)
    assert gaussian_differential_entropy(0.2) < 0 < gaussian_differential_entropy(0.25)


@pytest.mark.parametrize("sigma", [0.0, -1.0, np.inf, np.nan, True, "1"])
def test_gaussian_entropy_bad_sigma(sigma):
    with pytest.raises(ValueError, match="sigma must be a finite number > 0"):
        gaussian_differential_entropy(sigma)


# --- bin_width_sweep ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sweep():
    return bin_width_sweep(10.0 ** np.arange(-4, 0.5, 0.5), n=50_000, rho=0.8, seed=3)


def test_sweep_matches_plugin_estimates_of_the_binned_sample(sweep):
    # Oracle: the library's plug-in entropy and MI of the same binned sample.
    x, y = it.sample_gaussian_pair(50_000, 0.8, seed=3)
    for width, h, mi in zip(
        sweep.widths[4:], sweep.entropy[4:], sweep.mutual_information[4:], strict=True
    ):
        bx, by = np.floor(x / width).astype(int), np.floor(y / width).astype(int)
        assert h == pytest.approx(it.entropy(np.bincount(bx - bx.min())), rel=1e-12)
        assert mi == pytest.approx(it.mutual_information(bx, by), rel=1e-9, abs=1e-12)


def test_sweep_limits(sweep):
    assert sweep.h_true == pytest.approx(0.5 * np.log(2 * np.pi * np.e), rel=1e-15)
    assert sweep.mi_true == pytest.approx(-0.5 * np.log(1 - 0.8**2), rel=1e-15)
    # Never above the ln n ceiling of a sample of n points.
    assert np.all(sweep.entropy <= np.log(sweep.n) + 1e-12)
    # At Delta = 0.1 the Riemann-sum error of h - ln(Delta) is ~Delta^2/24 * Fisher info
    # (~4e-4) and the sampling error of H at n = 5e4 is ~0.005: 0.02 is generous.
    mid = np.argmin(np.abs(np.log(sweep.widths / 0.1)))
    assert sweep.entropy[mid] == pytest.approx(sweep.entropy_limit[mid], abs=0.02)
    # Coarse bins lose information (data processing); very fine bins are dominated by bias.
    assert sweep.mutual_information[-1] < sweep.mi_true - 0.05
    assert sweep.mutual_information[0] > sweep.mi_true + 1.0


def test_sweep_sorts_widths():
    s = bin_width_sweep([1.0, 0.1], n=1000)
    assert s.widths.tolist() == [0.1, 1.0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"widths": []}, "widths must be"),
        ({"widths": [0.1, 0.0]}, "widths must be"),
        ({"widths": [np.inf]}, "widths must be"),
        ({"widths": [1e-7]}, "widths must be .* >= 1e-6"),
        ({"widths": [0.1], "n": 1}, "n must be an integer >= 2"),
        ({"widths": [0.1], "rho": 1.0}, r"rho must be a number in \(-1, 1\)"),
    ],
)
def test_sweep_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        bin_width_sweep(**kwargs)


# --- binned_normal_entropy --------------------------------------------------------------


def test_binned_entropy_matches_an_independent_sum():
    # Oracle: scipy's entropy of the bin probabilities from norm.cdf over the whole grid
    # (the function itself folds the grid at 0 and uses the survival function).  Tails
    # beyond |x| = 12 hold < 1e-32, so the two agree to round-off.
    from scipy.stats import entropy as scipy_entropy

    for width in (0.05, 0.3, 1.0, 2.5):
        edges = np.arange(-np.ceil(12 / width), np.ceil(12 / width) + 1) * width
        expected = scipy_entropy(np.diff(norm.cdf(edges)))
        assert binned_normal_entropy(width) == pytest.approx(expected, rel=1e-10)


def test_binned_entropy_closed_forms():
    # One bin each side of 0: two halves, ln 2 (the tails beyond 50 are 0 in float64).
    assert binned_normal_entropy(50.0) == pytest.approx(np.log(2), rel=1e-14)
    # Small widths: H + ln(Delta) - h = D(f || bin average) ~ Delta^2 / 24 (Fisher
    # information 1), so the gap is positive and within 10% of Delta^2 / 24.
    h = 0.5 * np.log(2 * np.pi * np.e)
    for width in (0.05, 0.1, 0.2):
        gap = binned_normal_entropy(width) + np.log(width) - h
        assert gap == pytest.approx(width**2 / 24, rel=0.1)


def test_binned_entropy_is_never_below_the_limit(sweep):
    # D(f || bin-averaged f) >= 0 at every width, and the sweep carries these exact values.
    np.testing.assert_allclose(
        sweep.entropy_exact, [binned_normal_entropy(w) for w in sweep.widths], rtol=1e-15
    )
    assert np.all(sweep.entropy_exact >= sweep.entropy_limit - 1e-9)
    # At the widest bin the gap is large (0.04 nats at Delta = 1), not round-off.
    assert sweep.entropy_exact[-1] - sweep.entropy_limit[-1] > 0.03


@pytest.mark.parametrize("width", [0.0, -1.0, 1e-7, np.inf, np.nan, True, "1"])
def test_binned_entropy_bad_width(width):
    with pytest.raises(ValueError, match="width must be a finite number >= 1e-6"):
        binned_normal_entropy(width)


# --- rank_features --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ranked():
    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, size=600)
    X = np.column_stack(
        [
            y + rng.standard_normal(600),  # linear signal
            rng.standard_normal(600) * np.where(y == 1, 3.0, 1.0),  # spread only
            rng.standard_normal(600),  # noise
        ]
    )
    return X, y, rank_features(X, y, names=["a", "b", "c"])


def test_rank_features_against_oracles(ranked):
    X, y, r = ranked
    # |r|: numpy's Pearson correlation, to rounding.
    expected_r = [abs(np.corrcoef(X[:, j], y)[0, 1]) for j in range(3)]
    np.testing.assert_allclose(r.abs_r, expected_r, rtol=1e-12)
    # MI: the library's Ross estimator, column by column (the same computation).
    np.testing.assert_allclose(r.mi, [mixed_mutual_information(X[:, j], y) for j in range(3)])
    assert r.names == ("a", "b", "c")


def test_rank_features_disagreement(ranked):
    _, _, r = ranked
    # The spread-only feature: MI sees it, |r| does not.
    assert r.abs_r[1] < 0.1 < r.mi[1]
    assert r.by_mi[-1] == 2
    assert r.by_r[0] == 0  # the mean shift is what a correlation sees
    np.testing.assert_array_equal(r.rank("mi")[r.by_mi], [1, 2, 3])
    np.testing.assert_array_equal(r.rank("r")[r.by_r], [1, 2, 3])


def test_rank_features_labels_of_any_kind():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, size=200)
    X = np.column_stack([y + rng.standard_normal(200), rng.standard_normal(200)])
    by_int = rank_features(X, y)
    by_str = rank_features(X, np.where(y == 1, "benign", "malignant"))
    assert by_int.names == ("x0", "x1")
    # Relabelling 0/1 as strings flips the sign of r, not |r|.
    np.testing.assert_allclose(by_str.abs_r, by_int.abs_r, rtol=1e-12)
    np.testing.assert_allclose(by_str.mi, by_int.mi, rtol=1e-12)


def test_rank_features_rounded_data_need_no_preparation():
    # Rounded columns repeat values; the estimator breaks those ties itself, so the raw
    # columns give its values, and rescaling a column changes no score.  Measured
    # identical: the rescaled values differ by rounding (1e-16 relative), which could
    # move a count only where two distances agree that closely, and the tie noise
    # (1e-10 of the range) leaves no such pair here.  |r| is rescaled by rounding only.
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 800)
    X = np.round(np.column_stack([y + rng.standard_normal(800), rng.standard_normal(800)]), 1)
    ranked = rank_features(X, y)
    np.testing.assert_array_equal(ranked.mi, [mixed_mutual_information(c, y) for c in X.T])
    for scale in ([1e-3, 1e4], [7.0, 0.3]):
        rescaled = rank_features(X * np.array(scale), y)
        np.testing.assert_array_equal(rescaled.mi, ranked.mi)
        np.testing.assert_allclose(rescaled.abs_r, ranked.abs_r, rtol=1e-12)


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "match"),
    [
        (np.arange(4.0), [0, 1, 0, 1], {}, "X must be 2-D"),
        (np.arange(8.0).reshape(4, 2), [0, 1, 0], {}, "y must have one label per row"),
        (np.arange(8.0).reshape(4, 2), [0, 1, 2, 1], {}, "y must take exactly two values"),
        (np.arange(8.0).reshape(4, 2), [0, 1, 0, 1], {"names": ["a"]}, "names must have one"),
        (np.c_[np.arange(4.0), np.ones(4)], [0, 1, 0, 1], {}, "constant column"),
    ],
)
def test_rank_features_bad_input(X, y, kwargs, match):
    with pytest.raises(ValueError, match=match):
        rank_features(X, y, **kwargs)


def test_ranking_rank_bad_key():
    r = FeatureRanking(("a",), np.array([0.1]), np.array([0.2]))
    with pytest.raises(ValueError, match="by must be 'mi' or 'r'"):
        r.rank("pearson")


# --- information gain -----------------------------------------------------------------------


def test_split_information_gain_by_hand():
    # Left (x <= 3.5): 3 of class a, 1 of b; right: 4 of b.  H(Y) = H_b(3/8).
    x = np.arange(8.0)
    y = np.array(list("aaabbbbb"))

    def h_b(p):
        return -(p * np.log2(p) + (1 - p) * np.log2(1 - p))

    expected = h_b(3 / 8) - 0.5 * h_b(0.25) - 0.5 * 0.0
    gain = split_information_gain(x, y, 3.5, base=2)
    # Closed form and plug-in MI sum the same logs in another order: rounding only.
    assert gain == pytest.approx(expected, rel=1e-12)
    assert gain == pytest.approx(it.mutual_information(x <= 3.5, y, base=2), rel=1e-12)
    assert split_information_gain(x, y, 100.0) == 0.0


def _brute_force_best(x, y):
    values = np.unique(x)
    thresholds = (values[:-1] + values[1:]) / 2
    gains = [it.mutual_information(x <= t, y) for t in thresholds]
    return thresholds[int(np.argmax(gains))], max(gains)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_best_split_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 15, size=120).astype(float)  # ties on purpose
    y = rng.integers(0, 3, size=120) + (x > 7)
    s = best_split(x, y)
    threshold, gain = _brute_force_best(x, y)
    assert s.threshold == threshold
    # Two summation orders of the same entropies: agreement to rounding.
    assert s.gain == pytest.approx(gain, rel=1e-10)
    left = np.bincount(np.unique(y, return_inverse=True)[1][x <= threshold], minlength=4)
    assert s.left_counts == tuple(left[: len(s.left_counts)])
    assert sum(s.left_counts) + sum(s.right_counts) == 120


def test_best_split_matches_scikit_learn_tree():
    rng = np.random.default_rng(4)
    x = rng.standard_normal(300)
    y = (x + 0.8 * rng.standard_normal(300) > 0.3).astype(int)
    s = best_split(x, y, base=2)
    tree = DecisionTreeClassifier(criterion="entropy", max_depth=1).fit(x[:, None], y).tree_
    n = tree.weighted_n_node_samples
    decrease = tree.impurity[0] - (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]
    # sklearn stores the threshold as float32-rounded midpoints: compare to 1e-6.
    assert s.threshold == pytest.approx(tree.threshold[0], abs=1e-6)
    assert s.gain == pytest.approx(decrease, rel=1e-9)


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([1.0, 1.0, 1.0], [0, 1, 0], "x must take at least two distinct values"),
        ([[1.0, 2.0]], [0], "x must be 1-D"),
        ([1.0, 2.0], [0, 1, 1], "y must have the same length as x"),
        ([1.0, np.nan], [0, 1], "x must be finite"),
    ],
)
def test_best_split_bad_input(x, y, match):
    with pytest.raises(ValueError, match=match):
        best_split(x, y)


def test_split_information_gain_bad_input():
    with pytest.raises(ValueError, match="x must be 1-D"):
        split_information_gain([[1.0, 2.0]], [0], 1.5)
    with pytest.raises(ValueError, match="y must have the same length as x"):
        split_information_gain([1.0, 2.0], [0], 1.5)
    with pytest.raises(ValueError, match="base must be"):
        split_information_gain([1.0, 2.0], [0, 1], 1.5, base=1)


# --- binned_gaussian_pair_mi ------------------------------------------------------------------


@pytest.mark.parametrize(("width", "rho"), [(1.5, 0.8), (0.75, -0.5), (3.0, 0.95)])
def test_binned_pair_mi_matches_the_bivariate_normal_cdf(width, rho):
    # Independent oracle: cell probabilities from scipy's bivariate normal CDF (Genz's
    # algorithm, asked for 1e-10) at the grid's corners, by inclusion-exclusion, with the
    # outer bins open to infinity (the function cuts at |x| = 9, which drops < 1e-18).
    from scipy.stats import entropy as scipy_entropy
    from scipy.stats import multivariate_normal

    k = int(np.ceil(9 / width))
    inner = np.arange(-k + 1, k) * width
    grid = np.stack(np.meshgrid(inner, inner, indexing="ij"), axis=-1)
    corner = np.zeros((inner.size + 2, inner.size + 2))
    corner[1:-1, 1:-1] = multivariate_normal.cdf(
        grid, mean=[0.0, 0.0], cov=[[1.0, rho], [rho, 1.0]], abseps=1e-10, releps=1e-10
    )
    corner[-1, 1:-1] = norm.cdf(inner)  # x = +inf
    corner[1:-1, -1] = norm.cdf(inner)
    corner[-1, -1] = 1.0
    p = np.clip(np.diff(np.diff(corner, axis=0), axis=1), 0, None)
    expected = scipy_entropy(p.sum(1)) + scipy_entropy(p.sum(0)) - scipy_entropy(p.ravel())
    # Genz's error ~1e-10 per corner; a few hundred cells: 1e-7 is ample.
    assert binned_gaussian_pair_mi(width, rho) == pytest.approx(expected, abs=1e-7)


def test_binned_pair_mi_grows_towards_the_true_mi():
    # Halving the width splits every bin (a finer grid on the same edges): by data
    # processing the binned MI can only grow, and stays below -1/2 ln(1 - rho^2).
    exact = -0.5 * np.log(1 - 0.8**2)
    values = [binned_gaussian_pair_mi(w, 0.8) for w in (1.6, 0.8, 0.4, 0.2, 0.1)]
    assert np.all(np.diff(values) > 0)
    assert values[-1] < exact
    # The loss shrinks like Delta^2 (a smooth density): 0.0015 nats at 0.1 (0.3% of I).
    assert exact - values[-1] == pytest.approx(0.0015, abs=2e-4)
    assert binned_gaussian_pair_mi(0.5, 0.0) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"width": 0.01}, "width must be a finite number >= 0.05"),
        ({"width": np.inf}, "width must be"),
        ({"width": True}, "width must be"),
        ({"width": 0.1, "rho": 1.0}, r"rho must be a number in \(-1, 1\)"),
    ],
)
def test_binned_pair_mi_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        binned_gaussian_pair_mi(**kwargs)


def test_binned_plugin_mi_estimates_the_binned_pair_mi():
    # Oracle: the library's plug-in MI of the same binned samples.
    est = binned_plugin_mi(0.8, n=20_000, rho=0.8, seeds=range(10))
    for seed, value in zip(range(10), est, strict=True):
        x, y = it.sample_gaussian_pair(20_000, 0.8, seed=seed)
        bx, by = np.floor(x / 0.8).astype(int), np.floor(y / 0.8).astype(int)
        assert value == pytest.approx(it.mutual_information(bx, by), rel=1e-12)
    # Their mean sits above the population value by about the first-order plug-in bias
    # (about 60 occupied cells: ~40 / (2 n) = 0.001), within 4 standard errors of the mean.
    target = binned_gaussian_pair_mi(0.8, 0.8)
    se = est.std(ddof=1) / np.sqrt(est.size)
    assert abs(est.mean() - target - 0.001) < 4 * se + 0.001
    with pytest.raises(ValueError, match="seeds must hold at least one seed"):
        binned_plugin_mi(0.8, seeds=[])
    with pytest.raises(ValueError, match="width must be a finite number >= 1e-6"):
        binned_plugin_mi(0.0)


# --- the sinusoidal pair ------------------------------------------------------------------------


def test_sinusoid_mi_matches_adaptive_quadrature():
    # Independent oracle: f_Y on a y grid by scipy's adaptive quad_vec over x (the
    # function uses fixed Gauss-Legendre nodes), then h(Y) by Simpson's rule, and
    # I = h(Y) - h(0.2 eps).  Both rules converge fast on this smooth density:
    # agreement to 1e-5 nats.
    from scipy.integrate import quad_vec, simpson

    sigma = 0.2
    ys = np.linspace(-1 - 8 * sigma, 1 + 8 * sigma, 641)
    f = quad_vec(
        lambda x: norm.pdf(x) * norm.pdf(ys, np.sin(3 * x), sigma),
        -8,
        8,
        epsabs=1e-12,
        epsrel=1e-10,
        points=list(np.arange(-8, 8, np.pi / 3)),
    )[0]
    h_y = simpson(-f * np.log(f), x=ys)
    expected = h_y - norm(scale=sigma).entropy()
    assert sinusoid_mutual_information(0.2) == pytest.approx(expected, abs=1e-5)


def test_sinusoid_binned_mi_against_a_large_sample():
    # Oracle: the plug-in MI of 20 x 20 quantile bins of two million samples of the
    # same pair; its bias is ~19^2 / (2 n) = 1e-4 and its sd ~1e-3: within 0.004.
    x, y = relationships(2_000_000, seed=4)["Sinusoidal"]
    plugin = it.mutual_information(it.discretize(x, 20), it.discretize(y, 20))
    binned = sinusoid_binned_mutual_information(20)
    assert binned == pytest.approx(plugin, abs=0.004)
    # Data processing: 10 quantile bins are a coarsening of 20 (nested cuts), and both
    # lose information against the true MI.
    assert sinusoid_binned_mutual_information(10) < binned < sinusoid_mutual_information()


@pytest.mark.parametrize(
    ("func", "kwargs", "match"),
    [
        (sinusoid_mutual_information, {"noise": 0.0}, r"noise must be a number in \[0.05"),
        (sinusoid_binned_mutual_information, {"bins": 1}, "bins must be an integer >= 2"),
        (sinusoid_binned_mutual_information, {"noise": "0.2"}, "noise must be"),
    ],
)
def test_sinusoid_bad_input(func, kwargs, match):
    with pytest.raises(ValueError, match=match):
        func(**kwargs)


# --- gaussian_repetitions ---------------------------------------------------------------------


def test_gaussian_repetitions_match_the_library():
    # Oracle: the library's estimators on the same seeded samples, one by one.
    from infotheory.continuous import differential_entropy

    reps = gaussian_repetitions(800, rho=0.6, seeds=[5, 6, 7])
    for i, seed in enumerate([5, 6, 7]):
        x, y = it.sample_gaussian_pair(800, 0.6, seed=seed)
        assert reps.h_x[i] == pytest.approx(differential_entropy(x), rel=1e-12)
        assert reps.h_y[i] == pytest.approx(differential_entropy(y), rel=1e-12)
        assert reps.h_xy[i] == pytest.approx(
            differential_entropy(np.column_stack([x, y])), rel=1e-12
        )
        assert reps.ksg[i] == pytest.approx(it.ksg_mutual_information(x, y), rel=1e-12)
        assert reps.r[i] == pytest.approx(np.corrcoef(x, y)[0, 1], rel=1e-12)
    assert reps.mi_true == pytest.approx(-0.5 * np.log(1 - 0.36), rel=1e-14)
    # The three-entropy error splits exactly into the margins' error minus the joint's.
    np.testing.assert_allclose(
        reps.three_entropies - reps.mi_true, reps.margins_error - reps.joint_error, atol=1e-12
    )
    exact_joint = np.log(2 * np.pi * np.e) + 0.5 * np.log(1 - 0.36)
    np.testing.assert_allclose(reps.joint_error, reps.h_xy - exact_joint, atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 3}, "n must be an integer >= 4"),
        ({"n": 100, "seeds": [1]}, "seeds must hold at least two seeds"),
        ({"n": 100, "rho": -1.0}, r"rho must be a number in \(-1, 1\)"),
        ({"n": 100, "k": 0}, "k must be an integer >= 1"),
    ],
)
def test_gaussian_repetitions_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        gaussian_repetitions(**kwargs)
