"""Tests for infotheory.variational: InfoNCE, NWJ and DV bounds, the Gaussian critic, the fit."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import check_grad
from scipy.stats import multivariate_normal, norm

import infotheory as it
from infotheory import (
    QuadraticCritic,
    donsker_varadhan,
    fit_quadratic_critic,
    gaussian_log_density_ratio,
    gaussian_mutual_information,
    infonce,
    informational_correlation,
    nwj,
    sample_gaussian_pair,
)
from infotheory.variational import BOUNDS, _bound_and_gradient, _objective

BOUND_FUNCTIONS = {"infonce": infonce, "nwj": nwj, "donsker_varadhan": donsker_varadhan}


def gaussian_scores(rho: float, k: int, seed) -> np.ndarray:
    x, y = sample_gaussian_pair(k, rho, seed=seed)
    return gaussian_log_density_ratio(x[:, None], y[None, :], rho)


def over_batches(rho: float, k: int, n_batches: int, seed: int):
    """Optimal-critic InfoNCE, DV and NWJ (scores + 1) of each batch, as three arrays."""
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_batches):
        s = gaussian_scores(rho, k, rng)
        values.append((infonce(s), donsker_varadhan(s), nwj(s + 1.0)))
    return np.array(values).T


def mean_and_se(values: np.ndarray) -> tuple[float, float]:
    return float(values.mean()), float(values.std(ddof=1) / math.sqrt(values.size))


# --- the formulas, transcribed directly -------------------------------------------------------


def infonce_direct(s):
    k = len(s)
    return sum(s[i][i] - math.log(sum(math.exp(v) for v in s[i]) / k) for i in range(k)) / k


def off_diagonal_mean_exp(s):
    k = len(s)
    return sum(math.exp(s[i][j]) for i in range(k) for j in range(k) if i != j) / (k * (k - 1))


def nwj_direct(s):
    k = len(s)
    return sum(s[i][i] for i in range(k)) / k - math.exp(-1) * off_diagonal_mean_exp(s)


def dv_direct(s):
    k = len(s)
    return sum(s[i][i] for i in range(k)) / k - math.log(off_diagonal_mean_exp(s))


DIRECT = {"infonce": infonce_direct, "nwj": nwj_direct, "donsker_varadhan": dv_direct}

# Matrices of moderate scores, so that the transcriptions (plain exp, no shift) do not overflow.
moderate_scores = st.integers(2, 7).flatmap(
    lambda k: hnp.arrays(np.float64, (k, k), elements=st.floats(-30, 30))
)


@pytest.mark.parametrize("name", BOUNDS)
@given(s=moderate_scores)
def test_each_bound_equals_its_formula(name, s):
    # Same sums in another order and without the log-sum-exp shift: agreement to rounding.
    expected = DIRECT[name](s.tolist())
    value = BOUND_FUNCTIONS[name](s)
    assert type(value) is float
    assert value == pytest.approx(expected, rel=1e-11, abs=1e-11)


@pytest.mark.parametrize("name", BOUNDS)
def test_known_values(name):
    # A constant critic cannot tell pairs apart: InfoNCE and DV give 0, NWJ gives c - e^(c-1).
    c = 0.7
    expected = {"infonce": 0.0, "donsker_varadhan": 0.0, "nwj": c - math.exp(c - 1)}[name]
    assert BOUND_FUNCTIONS[name](np.full((5, 5), c)) == pytest.approx(expected, abs=1e-15)


# Any finite float64, the extremes included: the ln K ceiling must survive overflow too.
any_scores = st.integers(2, 9).flatmap(
    lambda k: hnp.arrays(
        np.float64, (k, k), elements=st.floats(allow_nan=False, allow_infinity=False)
    )
)


@given(s=any_scores)
def test_infonce_never_exceeds_log_k(s):
    # Exactly, not to a tolerance: each row's log-sum-exp includes exp(0) = 1, so it is >= 0.
    assert infonce(s) <= math.log(s.shape[0])


@given(s=moderate_scores)
def test_dv_is_never_below_nwj(s):
    # DV - NWJ = m/e - log m >= 0 for the off-diagonal mean m of exp(S); tolerance: rounding.
    assert donsker_varadhan(s) >= nwj(s) - 1e-12 * (1 + np.abs(s).max())


def test_dv_equals_nwj_when_the_off_diagonal_mean_is_e():
    rng = np.random.default_rng(3)
    s = np.ones((6, 6))  # off-diagonal mean of exp(S) is e exactly
    np.fill_diagonal(s, rng.normal(size=6))
    assert donsker_varadhan(s) == pytest.approx(nwj(s), abs=1e-14)
    s[0, 1] = 2.0  # now m > e: DV strictly above NWJ
    assert donsker_varadhan(s) - nwj(s) > 1e-3


def test_infonce_reaches_log_k_when_the_diagonal_dominates():
    k = 6
    assert infonce(40.0 * np.eye(k)) == pytest.approx(math.log(k), abs=1e-15)


def test_invariances():
    rng = np.random.default_rng(4)
    s = rng.normal(size=(7, 7))
    row_shift = rng.normal(size=(7, 1))
    # InfoNCE ignores any function of x_i alone (a shift of row i); DV ignores a constant.
    assert infonce(s + row_shift) == pytest.approx(infonce(s), abs=1e-13)
    assert donsker_varadhan(s + 2.5) == pytest.approx(donsker_varadhan(s), abs=1e-13)
    # NWJ does not: a constant c moves it by c - (e^c - 1) times the exponential term.
    assert abs(nwj(s + 2.5) - nwj(s)) > 0.1
    assert abs(donsker_varadhan(s + row_shift) - donsker_varadhan(s)) > 1e-3


def test_extreme_scores_give_minus_infinity_not_a_warning():
    # Differences beyond the float64 range: the bounds are then below -1.8e308.
    s = np.array([[-1e308, 1e308], [0.0, 0.0]])
    assert infonce(s) == -math.inf
    s = np.full((3, 3), 800.0)
    np.fill_diagonal(s, 0.0)
    assert nwj(s) == -math.inf
    assert donsker_varadhan(s) == pytest.approx(-800.0)


# --- the Gaussian optimal critic --------------------------------------------------------------


@pytest.mark.parametrize("rho", [-0.95, -0.3, 0.0, 0.5, 0.9, 0.999])
def test_gaussian_log_density_ratio_against_scipy(rho):
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=(2, 50)) * 1.5
    joint = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]])
    expected = joint.logpdf(np.column_stack([x, y])) - norm.logpdf(x) - norm.logpdf(y)
    # scipy's logpdf loses about 1/(1 - rho^2) ulps near |rho| = 1: relative 1e-9 covers it.
    np.testing.assert_allclose(
        gaussian_log_density_ratio(x, y, rho), expected, rtol=1e-9, atol=1e-9
    )


def test_gaussian_log_density_ratio_broadcasts_to_the_score_matrix():
    x, y = sample_gaussian_pair(5, 0.7, seed=6)
    s = gaussian_log_density_ratio(x[:, None], y[None, :], 0.7)
    assert s.shape == (5, 5)
    assert s[2, 3] == gaussian_log_density_ratio(x[2], y[3], 0.7)
    assert type(gaussian_log_density_ratio(0.3, -0.2, 0.7)) is float


@pytest.mark.parametrize("mi", [0.2, 1.0, 2.0])
def test_gaussian_log_density_ratio_averages_to_the_mi(mi):
    rho = informational_correlation(mi)
    x, y = sample_gaussian_pair(200_000, rho, seed=7)
    ratio = gaussian_log_density_ratio(x, y, rho)
    mean, se = mean_and_se(ratio)
    # Four standard errors: seeded, and a false alarm for a correct formula is 6e-5 likely.
    assert abs(mean - mi) < 4 * se


@pytest.mark.parametrize("mi", [0.1, 0.5, 1.0])
def test_dv_and_nwj_with_the_optimal_critic_average_to_the_mi(mi):
    rho = informational_correlation(mi)
    _, dv, nwj_shifted = over_batches(rho, 128, 200, seed=8)
    for values in (dv, nwj_shifted):
        mean, se = mean_and_se(values)
        # Three standard errors (seeded): NWJ without its +1 shift misses by about 1/e nats,
        # roughly 60 standard errors, and DV's log-of-a-mean bias is O(1/K^2) here.
        assert abs(mean - mi) < 3 * se, (mean, se)


def test_nwj_without_the_shift_misses_by_one_over_e():
    # NWJ(r) = mean r - mean(e^r)/e, and e^r averages to 1 off the diagonal: I - 1/e.
    mi, k = 0.5, 128
    rng = np.random.default_rng(8)
    values = np.array(
        [nwj(gaussian_scores(informational_correlation(mi), k, rng)) for _ in range(200)]
    )
    mean, se = mean_and_se(values)
    assert abs(mean - (mi - math.exp(-1))) < 3 * se
    assert mi - mean > 30 * se


def test_infonce_approaches_min_of_mi_and_log_k_from_below():
    mi = 1.0
    rho = informational_correlation(mi)
    ks = [2, 8, 32, 128]
    means, ses = zip(*(mean_and_se(over_batches(rho, k, 200, seed=9)[0]) for k in ks), strict=True)
    ceilings = [min(mi, math.log(k)) for k in ks]
    gaps = [c - m for c, m in zip(ceilings, means, strict=True)]
    # Below the ceiling at every K (each gap at least 3 standard errors: 200 batches are enough
    # to see the bias up to K = 32 at 1 nat), and the gap closes as K grows.
    for gap, se in zip(gaps[:3], ses[:3], strict=True):
        assert gap > 3 * se
    assert gaps[-1] < 3 * ses[-1] + 0.03
    assert all(a > b for a, b in itertools.pairwise(gaps))


def test_infonce_saturates_at_log_k_for_high_mi():
    rho = 0.999  # 3.107 nats
    values = over_batches(rho, 16, 100, seed=10)[0]
    assert np.all(values <= math.log(16))
    assert gaussian_mutual_information(rho) - values.mean() > 0.3


# --- the quadratic critic ---------------------------------------------------------------------


def optimal_quadratic_critic(rho: float) -> QuadraticCritic:
    q = rho * rho / (2 * (1 - rho * rho))
    return QuadraticCritic(
        cross=[[rho / (1 - rho * rho)]],
        quad_x=[[-q]],
        quad_y=[[-q]],
        lin_x=[0.0],
        lin_y=[0.0],
        const=gaussian_mutual_information(rho),
    )


def test_quadratic_critic_holds_the_gaussian_optimum():
    x, y = sample_gaussian_pair(9, 0.8, seed=11)
    expected = gaussian_log_density_ratio(x[:, None], y[None, :], 0.8)
    np.testing.assert_allclose(optimal_quadratic_critic(0.8).scores(x, y), expected, rtol=1e-12)


def test_quadratic_critic_vector_scores_match_a_loop():
    rng = np.random.default_rng(12)
    d_x, d_y, k = 3, 2, 5
    a, b, c = rng.normal(size=(d_x, d_y)), rng.normal(size=(d_x, d_x)), rng.normal(size=(d_y, d_y))
    u, v = rng.normal(size=d_x), rng.normal(size=d_y)
    critic = QuadraticCritic(a, b, c, u, v, 0.25)
    x, y = rng.normal(size=(k, d_x)), rng.normal(size=(k, d_y))
    expected = [
        [
            x[i] @ a @ y[j] + x[i] @ b @ x[i] + y[j] @ c @ y[j] + u @ x[i] + v @ y[j] + 0.25
            for j in range(k)
        ]
        for i in range(k)
    ]
    np.testing.assert_allclose(critic.scores(x, y), expected, rtol=1e-12)


@pytest.mark.parametrize("bound", BOUNDS)
def test_batched_bounds_equal_the_public_functions(bound):
    # The fit maximises the stacked form; it must be the same bound.
    s = np.random.default_rng(13).normal(size=(4, 6, 6)) * 3
    values, _ = _bound_and_gradient(s, bound)
    expected = [BOUND_FUNCTIONS[bound](m) for m in s]
    np.testing.assert_allclose(values, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("bound", BOUNDS)
def test_analytic_gradient_matches_finite_differences(bound):
    rng = np.random.default_rng(14)
    x, y = rng.normal(size=(3, 6, 2)), rng.normal(size=(3, 6, 3))
    theta = 0.3 * rng.normal(size=2 * 3 + 4 + 9 + 2 + 3 + 1)
    error = check_grad(
        lambda t: _objective(t, x, y, bound)[0], lambda t: _objective(t, x, y, bound)[1], theta
    )
    # Forward differences with step 1.5e-8 are good to about 1e-6 on gradients of order 1.
    assert error < 1e-5


@pytest.mark.parametrize(
    ("bound", "held"), [("infonce", ("quad_x", "lin_x", "const")), ("donsker_varadhan", ("const",))]
)
def test_parameters_a_bound_ignores_stay_at_zero(bound, held):
    x, y = sample_gaussian_pair(2_000, 0.6, seed=15)
    fit = fit_quadratic_critic(x, y, bound=bound, batch_size=50, seed=0)
    for name in held:
        assert np.all(np.asarray(getattr(fit.critic, name)) == 0.0), name


def test_fitted_critic_reaches_the_optimal_infonce():
    rho, k = 0.9, 128
    x, y = sample_gaussian_pair(128 * 60, rho, seed=16)
    fit = fit_quadratic_critic(x, y, bound="infonce", batch_size=k, seed=17)
    assert fit.converged
    assert fit.n_batches == 60
    rng = np.random.default_rng(18)
    fitted, optimal = [], []
    for _ in range(200):
        xb, yb = sample_gaussian_pair(k, rho, seed=rng)
        fitted.append(infonce(fit.critic.scores(xb, yb)))
        optimal.append(infonce(gaussian_log_density_ratio(xb[:, None], yb[None, :], rho)))
    fitted, optimal = np.array(fitted), np.array(optimal)
    _, se = mean_and_se(optimal)
    # On the same fresh batches the fitted critic's InfoNCE is within one standard error of the
    # optimal critic's, and its cross and y^2 coefficients are within 5% of rho/(1 - rho^2) and
    # -rho^2/(2(1 - rho^2)) (60 batches of 128 pin them to about 2%).
    assert abs(fitted.mean() - optimal.mean()) < se
    best = optimal_quadratic_critic(rho)
    assert fit.critic.cross[0, 0] == pytest.approx(best.cross[0, 0], rel=0.05)
    assert fit.critic.quad_y[0, 0] == pytest.approx(best.quad_y[0, 0], rel=0.05)


@pytest.mark.parametrize("bound", ["nwj", "donsker_varadhan"])
def test_fits_of_nwj_and_dv_recover_the_whole_optimum(bound):
    rho = 0.6
    x, y = sample_gaussian_pair(20_000, rho, seed=19)
    fit = fit_quadratic_critic(x, y, bound=bound, batch_size=100, seed=20)
    best = optimal_quadratic_critic(rho)
    assert fit.converged
    # 200 batches of 100: each coefficient within 0.1 of the optimum (its sd is about 0.02).
    for name in ("cross", "quad_x", "quad_y"):
        assert np.asarray(getattr(fit.critic, name)) == pytest.approx(
            np.asarray(getattr(best, name)), abs=0.1
        ), name
    if bound == "nwj":  # NWJ's optimum is the log ratio plus one
        assert fit.critic.const == pytest.approx(best.const + 1, abs=0.1)
    assert fit.value == pytest.approx(gaussian_mutual_information(rho), abs=0.03)


def test_fit_is_deterministic_given_the_seed():
    x, y = sample_gaussian_pair(1_000, 0.5, seed=21)
    first = fit_quadratic_critic(x, y, batch_size=20, seed=3)
    second = fit_quadratic_critic(x, y, batch_size=20, seed=3)
    assert first.value == second.value
    assert np.array_equal(first.critic.cross, second.critic.cross)
    assert np.array_equal(first.critic.quad_y, second.critic.quad_y)


def test_exported_from_the_package():
    for name in (
        "infonce",
        "nwj",
        "donsker_varadhan",
        "gaussian_log_density_ratio",
        "fit_quadratic_critic",
        "QuadraticCritic",
        "QuadraticCriticFit",
    ):
        assert name in it.__all__
        assert getattr(it, name) is getattr(it.variational, name)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BOUNDS)
@pytest.mark.parametrize(
    ("scores", "message"),
    [
        (np.zeros((3, 4)), "scores must be square"),
        (np.zeros(4), "scores must be a 2-D"),
        (np.zeros((2, 2, 2)), "scores must be a 2-D"),
        (np.zeros((1, 1)), "scores must be at least 2 x 2"),
        (np.zeros((0, 0)), "scores must be at least 2 x 2"),
        ([[0.0, np.nan], [0.0, 0.0]], "scores must not contain NaN"),
        ([[0.0, np.inf], [0.0, 0.0]], "scores must be finite"),
        ([[0.0, -np.inf], [0.0, 0.0]], "scores must be finite"),
        ([["a", "b"], ["c", "d"]], "scores must hold real numbers"),
        ([[True, False], [False, True]], "scores must hold real numbers"),
        ([[1.0, 2.0], [3.0]], "scores must be a rectangular array"),
        (np.ma.masked_array(np.zeros((2, 2))), "scores is a masked array"),
    ],
)
def test_bad_scores(name, scores, message):
    with pytest.raises(ValueError, match=message):
        BOUND_FUNCTIONS[name](scores)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0.0, 0.0, 1.0), "rho must lie strictly between -1 and 1"),
        ((0.0, 0.0, -1.0), "rho must lie strictly between -1 and 1"),
        ((0.0, 0.0, np.nan), "rho must not contain NaN"),
        ((0.0, 0.0, [0.1, 0.2]), "rho must be a single number"),
        ((0.0, 0.0, "0.5"), "rho must hold real numbers"),
        ((np.inf, 0.0, 0.5), "x must be finite"),
        ((0.0, [np.nan], 0.5), "y must not contain NaN"),
        ((np.zeros(3), np.zeros(4), 0.5), "x and y must have shapes that broadcast"),
    ],
)
def test_bad_gaussian_ratio_input(args, message):
    with pytest.raises(ValueError, match=message):
        gaussian_log_density_ratio(*args)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bound": "mine"}, "bound must be one of"),
        ({"batch_size": 1}, "batch_size must be an integer >= 2"),
        ({"batch_size": 11}, "batch_size must be an integer <= 10"),
        ({"batch_size": 2.0}, "batch_size must be an integer"),
        ({"max_iter": 0}, "max_iter must be an integer >= 1"),
        ({"seed": -1}, "seed must be None"),
    ],
)
def test_bad_fit_options(kwargs, message):
    x, y = sample_gaussian_pair(10, 0.5, seed=0)
    with pytest.raises(ValueError, match=message):
        fit_quadratic_critic(x, y, **{"batch_size": 5, **kwargs})


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        (np.zeros(5), np.zeros(4), "x and y must have the same number of samples"),
        (np.zeros(1), np.zeros(1), "x and y must hold at least 2 samples"),
        ([0.0, np.inf], [0.0, 1.0], "x must be finite"),
        (np.zeros((2, 2, 2)), np.zeros(2), "x must be 1-D or 2-D"),
    ],
)
def test_bad_fit_samples(x, y, message):
    with pytest.raises(ValueError, match=message):
        fit_quadratic_critic(x, y)


def test_bad_critic_parameters():
    good = {
        "cross": [[1.0]],
        "quad_x": [[0.0]],
        "quad_y": [[0.0]],
        "lin_x": [0.0],
        "lin_y": [0.0],
        "const": 0.0,
    }
    with pytest.raises(ValueError, match=r"quad_y must have shape \(1, 1\)"):
        QuadraticCritic(**{**good, "quad_y": [[0.0, 0.0]]})
    with pytest.raises(ValueError, match="cross must be a 2-D"):
        QuadraticCritic(**{**good, "cross": [1.0]})
    with pytest.raises(ValueError, match="const must be finite"):
        QuadraticCritic(**{**good, "const": np.inf})
    critic = QuadraticCritic(**good)
    with pytest.raises(ValueError, match="x must have 1 feature"):
        critic.scores(np.zeros((3, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="x and y must have the same number of samples"):
        critic.scores(np.zeros(3), np.zeros(4))
