"""Tests of the Gaussian (covariance) and Gaussian-copula estimators of mutual information.

Sampling tolerances: for a Gaussian pair the estimate from n samples has standard deviation
about sqrt(sum_i rho_i^2 / n) (rho_i the canonical correlations; the delta method on
-1/2 log(1 - r^2) gives rho / sqrt(n) in one dimension) and an upward bias of about
d_x d_y / (2 n); tests allow the bias plus 5 standard deviations.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special, stats

from infotheory import (
    covariance_mutual_information,
    gaussian_copula_mutual_information,
    gaussian_mutual_information,
    sample_gaussian_pair,
)
from infotheory.tasks import get_task

ESTIMATORS = [covariance_mutual_information, gaussian_copula_mutual_information]


def direct_gaussian_mi(x, y):
    """1/2 log(det S_x det S_y / det S), transcribed with np.cov and np.linalg.det."""
    x, y = np.atleast_2d(x.T).T, np.atleast_2d(y.T).T
    dx = x.shape[1]
    s = np.atleast_2d(np.cov(np.hstack([x, y]), rowvar=False))
    det = np.linalg.det
    return 0.5 * np.log(det(s[:dx, :dx]) * det(s[dx:, dx:]) / det(s))


def direct_copula_mi(x, y):
    """Ince et al.'s recipe: average ranks, ndtri(rank / (n + 1)), then the Gaussian MI."""
    n = len(x)

    def scores(a):
        return special.ndtri(stats.rankdata(a, method="average", axis=0) / (n + 1))

    return direct_gaussian_mi(scores(x), scores(y))


def correlated_vectors(n, dx, dy, seed):
    """A Gaussian vector pair with a random dense covariance."""
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(dx + dy, dx + dy))
    xy = rng.standard_normal((n, dx + dy)) @ mixing.T
    return xy[:, :dx], xy[:, dx:]


def sign_pair(n, dx, dy, seed):
    """X = S (|G_1|, ..., |G_dx|), Y = S (|H_1|, ..., |H_dy|) with one fair random sign S.

    Every column is standard normal (a half-normal with a random sign), I(X; Y) = H(S) = log 2
    (S is a function of X and of Y, and given S they are independent), and every pair of
    columns has correlation E|G| E|H| = 2 / pi.
    """
    rng = np.random.default_rng(seed)
    sign = rng.choice([-1.0, 1.0], size=(n, 1))
    return sign * np.abs(rng.standard_normal((n, dx))), sign * np.abs(rng.standard_normal((n, dy)))


def sign_pair_population_estimate(dx, dy):
    """The Gaussian MI at the sign pair's correlation matrix (all off-diagonal 2 / pi)."""
    d = dx + dy
    corr = np.full((d, d), 2 / np.pi)
    np.fill_diagonal(corr, 1.0)
    det = np.linalg.det
    return 0.5 * np.log(det(corr[:dx, :dx]) * det(corr[dx:, dx:]) / det(corr))


def canonical_correlations(cov, dx):
    sxx, sxy, syy = cov[:dx, :dx], cov[:dx, dx:], cov[dx:, dx:]
    rho2 = np.linalg.eigvals(np.linalg.solve(sxx, sxy) @ np.linalg.solve(syy, sxy.T)).real
    return np.sqrt(np.clip(rho2, 0, 1))


def dense(dim):
    cov = np.full((2 * dim, 2 * dim), 0.5)
    np.fill_diagonal(cov, 1.0)
    return cov


def sparse():
    cov = np.eye(6)
    cov[0, 3] = cov[3, 0] = cov[1, 4] = cov[4, 1] = 0.8  # checked in test_tasks.py
    return cov


GAUSSIAN_TASKS = {
    "1v1-normal-0.75": np.array([[1.0, 0.75], [0.75, 1.0]]),
    "multinormal-dense-2-2-0.5": dense(2),
    "multinormal-dense-5-5-0.5": dense(5),
    "multinormal-sparse-3-3-2-2.0": sparse(),
}
# Tasks whose copula is Gaussian (increasing maps of each column of a Gaussian task)
GAUSSIAN_COPULA_TASKS = {
    "1v1-normal-0.75": "1v1-normal-0.75",
    "1v1-bimodal-0.75": "1v1-normal-0.75",
    "wiggly-1v1-normal-0.75": "1v1-normal-0.75",
    "half_cube-1v1-normal-0.75": "1v1-normal-0.75",
    "normal_cdf-1v1-normal-0.75": "1v1-normal-0.75",
    "multinormal-dense-2-2-0.5": "multinormal-dense-2-2-0.5",
    "multinormal-dense-5-5-0.5": "multinormal-dense-5-5-0.5",
    "multinormal-sparse-3-3-2-2.0": "multinormal-sparse-3-3-2-2.0",
    "half_cube-multinormal-sparse-3-3-2-2.0": "multinormal-sparse-3-3-2-2.0",
    "normal_cdf-multinormal-sparse-3-3-2-2.0": "multinormal-sparse-3-3-2-2.0",
}
# 1 x 1 tasks whose copula is not Gaussian: the copula estimate must fall below the truth
NON_GAUSSIAN_1D = [
    "1v1-additive-0.1",
    "1v1-additive-0.75",
    "student-identity-1-1-1",
    "asinh-student-identity-1-1-1",
    "gamma-exponential-1",
    "gamma-exponential-0.5",
]


def tolerance(cov, dx, n):
    """Bias plus 5 standard deviations of the Gaussian MI estimate (module docstring)."""
    rho = canonical_correlations(cov, dx)
    dy = cov.shape[0] - dx
    return dx * dy / (2 * n) + 5 * np.sqrt(np.sum(rho**2) / n)


# ---------------------------------------------------------------------------------------------
# The covariance estimator


def test_one_dimension_is_the_closed_form_at_the_sample_correlation():
    x, y = sample_gaussian_pair(500, -0.4, seed=1)
    r = np.corrcoef(x, y)[0, 1]
    # Two formulas in float64 (log1p and determinants): agreement to rounding.
    assert covariance_mutual_information(x, y) == pytest.approx(
        gaussian_mutual_information(r), rel=1e-12
    )


@pytest.mark.parametrize(("dx", "dy"), [(1, 3), (2, 2), (3, 4)])
def test_covariance_estimate_agrees_with_a_direct_transcription(dx, dy):
    x, y = correlated_vectors(300, dx, dy, seed=dx * 10 + dy)
    result = covariance_mutual_information(x, y)
    assert type(result) is float
    # Eigenvalues of the correlation matrix against determinants of the covariance: 1e-10.
    assert result == pytest.approx(direct_gaussian_mi(x, y), rel=1e-10)


@pytest.mark.parametrize("task_id", list(GAUSSIAN_TASKS))
def test_covariance_estimate_converges_to_the_gaussian_mi(task_id):
    task, n = get_task(task_id), 200_000
    x, y = task.sample(n, seed=4)
    error = covariance_mutual_information(x, y) - task.mutual_information
    assert abs(error) < tolerance(GAUSSIAN_TASKS[task_id], task.dim_x, n)


def test_base_scales_the_result():
    x, y = correlated_vectors(200, 2, 2, seed=0)
    nats = covariance_mutual_information(x, y)
    assert covariance_mutual_information(x, y, base=2) == pytest.approx(nats / np.log(2), 1e-14)
    assert gaussian_copula_mutual_information(x, y, base=10) == pytest.approx(
        gaussian_copula_mutual_information(x, y) / np.log(10), rel=1e-14
    )


def test_covariance_estimate_is_unchanged_by_invertible_affine_maps():
    x, y = correlated_vectors(400, 3, 2, seed=3)
    rng = np.random.default_rng(9)
    a, b = rng.normal(size=(3, 3)), rng.normal(size=(2, 2))
    mapped = covariance_mutual_information(x @ a + 5.0, y @ b - 2.0)
    assert mapped == pytest.approx(covariance_mutual_information(x, y), rel=1e-9)


def test_covariance_estimate_is_neither_a_lower_nor_an_upper_bound():
    n = 100_000
    # Below: additive uniform noise (true 1.709 nats; estimate 1.63, sd ~0.003).
    task = get_task("1v1-additive-0.1")
    assert covariance_mutual_information(*task.sample(n, seed=1)) < task.mutual_information - 0.05
    # Above: the sign pair in 5 + 5 dimensions (true log 2; estimate -> 0.819, sd 0.0015).
    assert covariance_mutual_information(*sign_pair(n, 5, 5, seed=1)) > np.log(2) + 0.1


# ---------------------------------------------------------------------------------------------
# The Gaussian-copula estimator


@pytest.mark.parametrize(("dx", "dy"), [(1, 1), (2, 3)])
def test_copula_estimate_agrees_with_a_direct_transcription(dx, dy):
    x, y = correlated_vectors(300, dx, dy, seed=dx + dy)
    x = np.exp(x)  # the ranks, hence the estimate, ignore this
    # Scores in the upper half are computed from the other tail, which changes their last
    # bits: agreement to 1e-10.
    assert gaussian_copula_mutual_information(x, y) == pytest.approx(
        direct_copula_mi(x, y), rel=1e-10
    )


def test_ties_get_average_ranks():
    rng = np.random.default_rng(2)
    z = rng.standard_normal((400, 2))
    x = np.round(z[:, 0])  # about 7 distinct values
    y = np.floor(2 * (z[:, 0] + z[:, 1]))
    assert gaussian_copula_mutual_information(x, y) == pytest.approx(
        direct_copula_mi(x, y), rel=1e-10
    )
    # The order of the rows (hence of the tied values) does not matter.
    order = rng.permutation(400)
    assert gaussian_copula_mutual_information(x[order], y[order]) == pytest.approx(
        gaussian_copula_mutual_information(x, y), rel=1e-12
    )


def test_copula_estimate_is_exactly_unchanged_by_increasing_maps_of_each_column():
    x, y = get_task("multinormal-sparse-3-3-2-2.0").sample(2000, seed=6)
    mapped_x = np.column_stack([np.exp(x[:, 0]), np.arctan(x[:, 1]), x[:, 2] ** 3 + x[:, 2]])
    mapped_y = np.column_stack([3 * y[:, 0] - 7, np.tanh(y[:, 1]), special.ndtr(y[:, 2])])
    # Same ranks, same numbers: exact equality.
    assert gaussian_copula_mutual_information(
        mapped_x, mapped_y
    ) == gaussian_copula_mutual_information(x, y)


def test_copula_estimate_under_a_decreasing_map_is_equal_up_to_rounding():
    x, y = get_task("multinormal-dense-2-2-0.5").sample(2000, seed=6)
    flipped = x.copy()
    flipped[:, 0] = -flipped[:, 0]
    # Reversed ranks give exactly negated scores; the determinants may differ in the last bits.
    assert gaussian_copula_mutual_information(flipped, y) == pytest.approx(
        gaussian_copula_mutual_information(x, y), rel=1e-12
    )


@pytest.mark.parametrize("task_id", list(GAUSSIAN_COPULA_TASKS))
def test_copula_estimate_equals_the_base_tasks_estimate_and_converges(task_id):
    base_id = GAUSSIAN_COPULA_TASKS[task_id]
    task, n = get_task(task_id), 100_000
    estimate = gaussian_copula_mutual_information(*task.sample(n, seed=12))
    # Increasing maps of each column of the base draw: the very same estimate.
    assert estimate == gaussian_copula_mutual_information(*get_task(base_id).sample(n, seed=12))
    # Exact in the limit under a Gaussian copula.
    assert abs(estimate - task.mutual_information) < tolerance(
        GAUSSIAN_TASKS[base_id], task.dim_x, n
    )


@pytest.mark.parametrize("task_id", NON_GAUSSIAN_1D)
def test_copula_estimate_is_below_the_truth_in_one_dimension(task_id):
    # Population lower bound for 1 x 1; the measured gaps are 0.09 to 0.44 nats, and the sd
    # of the estimate at n = 100,000 is below 1 / sqrt(n) = 0.003: a margin of 0.05 is
    # more than 15 sd.
    task = get_task(task_id)
    estimate = gaussian_copula_mutual_information(*task.sample(100_000, seed=3))
    assert estimate < task.mutual_information - 0.05


def test_copula_estimate_overshoots_for_vectors():
    # The sign pair, 5 + 5 columns: every column is exactly standard normal, so the copula
    # estimate tends to the Gaussian MI at the correlation matrix (all 2/pi), 0.819 nats,
    # above the true log 2 = 0.693.  sd over seeds at n = 100,000: 0.0015 (measured).
    population = sign_pair_population_estimate(5, 5)
    assert population == pytest.approx(0.8188518574, rel=1e-9)
    estimate = gaussian_copula_mutual_information(*sign_pair(100_000, 5, 5, seed=0))
    assert estimate == pytest.approx(population, abs=0.01)
    assert estimate > np.log(2) + 0.1


def test_copula_estimate_stays_below_when_one_side_is_one_dimensional():
    # The same construction with Y one-dimensional: the bound holds again (population 0.424).
    population = sign_pair_population_estimate(5, 1)
    assert population < np.log(2)
    estimate = gaussian_copula_mutual_information(*sign_pair(100_000, 5, 1, seed=0))
    assert estimate == pytest.approx(population, abs=0.01)


# ---------------------------------------------------------------------------------------------
# Edge cases shared by both estimators


@pytest.mark.parametrize("estimator", ESTIMATORS)
def test_a_constant_column_is_dropped(estimator):
    x, y = correlated_vectors(1000, 2, 2, seed=5)
    # 0.1 * 1000 / 1000 != 0.1 in float64: centring leaves a residue of rounding, which the
    # rule (all values equal) must not read as a column of tiny variance.
    constant = np.full(1000, 0.1)
    assert constant.mean() != 0.1
    assert estimator(np.column_stack([x, constant]), y) == estimator(x, y)
    assert estimator(x, np.column_stack([constant, y])) == estimator(x, y)
    assert estimator(constant, y) == 0.0


@pytest.mark.parametrize("estimator", ESTIMATORS)
def test_samples_near_the_float64_limit_give_the_same_estimate(estimator):
    # Columns are rescaled by powers of two before any sum, so 2**1020 (sums would overflow)
    # and 2**-1000 change nothing, bit for bit; a RuntimeWarning would fail here.
    x, y = correlated_vectors(300, 2, 2, seed=8)
    expected = estimator(x, y)
    assert estimator(x * 2.0**1020, y) == expected
    assert estimator(x, y * 2.0**-1000) == expected
    assert estimator(x * 2.0**1020, y * 2.0**1021) == expected


@pytest.mark.parametrize("estimator", ESTIMATORS)
def test_exactly_uncorrelated_data_give_zero(estimator):
    x = np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0])
    y = np.array([1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
    assert estimator(x, y) == 0.0


@pytest.mark.parametrize("estimator", ESTIMATORS)
def test_linear_dependence_across_x_and_y_is_infinite(estimator):
    x, _ = sample_gaussian_pair(100, 0.0, seed=0)
    assert estimator(x, 2 * x + 1) == np.inf
    assert estimator(x, -x) == np.inf


def test_a_linear_combination_across_columns_is_infinite():
    x, _ = correlated_vectors(100, 2, 1, seed=0)
    assert covariance_mutual_information(x, x[:, 0] - 3 * x[:, 1]) == np.inf


def test_copula_of_a_monotone_function_is_infinite():
    x, _ = sample_gaussian_pair(100, 0.0, seed=0)
    assert gaussian_copula_mutual_information(x, np.exp(x)) == np.inf


@pytest.mark.parametrize("estimator", ESTIMATORS)
def test_linearly_dependent_columns_within_x_or_y_are_refused(estimator):
    x, y = correlated_vectors(100, 2, 2, seed=1)
    with pytest.raises(ValueError, match="x has linearly dependent columns"):
        estimator(np.column_stack([x, x[:, 0]]), y)
    with pytest.raises(ValueError, match="y has linearly dependent columns"):
        estimator(x, np.column_stack([y, 2 * y[:, 1]]))


def test_copula_refuses_columns_in_the_same_order():
    x, y = correlated_vectors(100, 1, 1, seed=1)
    with pytest.raises(ValueError, match=r"x has linearly dependent columns of normal scores"):
        gaussian_copula_mutual_information(np.column_stack([x, np.exp(x)]), y)
    # The covariance estimator sees two different columns there.
    assert np.isfinite(covariance_mutual_information(np.column_stack([x, np.exp(x)]), y))


BAD = [
    (([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0]), r"same number of samples, got 4 and 3"),
    (([1.0, 2.0], [2.0, 1.0]), r"x and y need more samples than columns in all \(n > 2\)"),
    ((np.ones((4, 2)), np.ones((4, 2))), r"more samples than columns in all \(n > 4\)"),
    (([1.0, np.nan, 3.0, 4.0], [1.0, 2.0, 3.0, 5.0]), r"x must be finite"),
    (([1.0, 2.0, 3.0, 4.0], [1.0, np.inf, 3.0, 5.0]), r"y must be finite"),
    ((["a", "b", "c", "d"], [1.0, 2.0, 3.0, 4.0]), r"x must hold numbers"),
    ((np.ones((4, 1, 1)), np.ones(4)), r"x must be 1-D or 2-D"),
    (([], []), r"x must not be empty"),
    ((np.ma.masked_array([1.0, 2.0, 3.0]), [1.0, 2.0, 3.0]), r"x is a masked array"),
]


@pytest.mark.parametrize("estimator", ESTIMATORS)
@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_is_refused_by_name(estimator, args, message):
    with pytest.raises(ValueError, match=message):
        estimator(*args)


@pytest.mark.parametrize("estimator", ESTIMATORS)
@pytest.mark.parametrize("base", [0, 1, -2.0, "e", np.nan])
def test_bad_base_is_refused(estimator, base):
    x, y = sample_gaussian_pair(50, 0.5, seed=0)
    with pytest.raises(ValueError, match="base must be a positive number other than 1"):
        estimator(x, y, base=base)
