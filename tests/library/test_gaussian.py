"""Tests for infotheory.gaussian: closed-form Gaussian MI, Linfoot's r_I, correlated samples."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infotheory import (
    gaussian_mutual_information,
    informational_correlation,
    mutual_information,
    sample_gaussian_pair,
)

# --- gaussian_mutual_information -------------------------------------------------------------


@pytest.mark.parametrize(
    ("rho", "expected"),
    [
        (0.0, 0.0),
        (0.5, -0.5 * math.log(0.75)),
        (-0.6, -0.5 * math.log(0.64)),
        (0.8, -0.5 * math.log(0.36)),
        (math.sqrt(1 - math.exp(-2)), 1.0),  # 1 nat exactly
        (math.sqrt(0.75), math.log(2)),  # 1 bit
    ],
)
def test_gaussian_mi_known_values(rho, expected):
    value = gaussian_mutual_information(rho)
    assert type(value) is float
    assert value == pytest.approx(expected, rel=1e-14, abs=1e-300)


def test_gaussian_mi_zero_is_positive_zero():
    assert math.copysign(1.0, gaussian_mutual_information(0.0)) == 1.0
    assert math.copysign(1.0, gaussian_mutual_information(-0.0)) == 1.0


def test_gaussian_mi_perfect_correlation_is_infinite():
    assert gaussian_mutual_information(1.0) == math.inf
    assert gaussian_mutual_information(-1) == math.inf


def test_gaussian_mi_precision_at_extremes():
    # Small rho: I = rho^2 / 2 + rho^4 / 4 + ...; 1 - rho^2 would round to 1 and give 0.
    for rho in (1e-9, 1e-16, 1e-100):
        assert gaussian_mutual_information(rho) == pytest.approx(rho**2 / 2, rel=1e-15)
    # rho close to 1: 1 - rho^2 = (1 - rho)(1 + rho) with 1 - rho = 2^-40 exactly.
    rho = 1 - 2.0**-40
    assert gaussian_mutual_information(rho) == pytest.approx(
        -0.5 * (math.log(2.0**-40) + math.log1p(rho)), rel=1e-15
    )


def test_gaussian_mi_vectorised():
    rho = np.array([[0.0, 0.5], [-0.5, 1.0]])
    values = gaussian_mutual_information(rho)
    assert isinstance(values, np.ndarray)
    assert values.shape == (2, 2)
    np.testing.assert_allclose(
        values, [[0.0, -0.5 * math.log(0.75)], [-0.5 * math.log(0.75), math.inf]], rtol=1e-15
    )
    assert gaussian_mutual_information([0.3]).shape == (1,)


@pytest.mark.parametrize("rho", [1.0000001, -2, math.inf, -math.inf, [0.5, 1.5]])
def test_gaussian_mi_rho_out_of_range(rho):
    with pytest.raises(ValueError, match=r"rho must lie in \[-1, 1\]"):
        gaussian_mutual_information(rho)


def test_gaussian_mi_rho_not_numeric():
    with pytest.raises(ValueError, match="rho must not contain NaN"):
        gaussian_mutual_information([0.1, math.nan])
    with pytest.raises(ValueError, match="rho must hold real numbers"):
        gaussian_mutual_information("0.5")
    with pytest.raises(ValueError, match="rho must hold real numbers"):
        gaussian_mutual_information(0.5 + 0j)
    with pytest.raises(ValueError, match="rho must hold real numbers"):
        gaussian_mutual_information(True)


# --- informational_correlation ---------------------------------------------------------------


def test_informational_correlation_known_values():
    assert informational_correlation(0.0) == 0.0
    assert informational_correlation(math.inf) == 1.0
    assert informational_correlation(math.log(2)) == pytest.approx(math.sqrt(0.75), rel=1e-15)
    assert informational_correlation(1e-20) == pytest.approx(math.sqrt(2e-20), rel=1e-12)
    assert type(informational_correlation(1)) is float


@given(st.floats(-1.0, 1.0))
def test_informational_correlation_inverts_gaussian_mi(rho):
    # Below |rho| ~ 1e-154, rho^2 / 2 is subnormal and loses relative precision.
    assert informational_correlation(gaussian_mutual_information(rho)) == pytest.approx(
        abs(rho), rel=1e-12, abs=1e-150
    )


@given(st.floats(0.0, 1e6), st.floats(0.0, 1e6))
def test_informational_correlation_monotone_in_unit_interval(a, b):
    r_a, r_b = informational_correlation(a), informational_correlation(b)
    assert 0.0 <= r_a <= 1.0
    if a <= b:
        assert r_a <= r_b


def test_informational_correlation_vectorised():
    mi = gaussian_mutual_information(np.linspace(-0.99, 0.99, 7))
    np.testing.assert_allclose(
        informational_correlation(mi), np.abs(np.linspace(-0.99, 0.99, 7)), rtol=1e-13
    )
    assert informational_correlation(np.zeros((2, 3))).shape == (2, 3)


@pytest.mark.parametrize("mi", [-1e-12, -math.inf, [0.1, -0.1]])
def test_informational_correlation_negative(mi):
    with pytest.raises(ValueError, match="mi must be >= 0"):
        informational_correlation(mi)


def test_informational_correlation_not_numeric():
    with pytest.raises(ValueError, match="mi must not contain NaN"):
        informational_correlation(math.nan)
    with pytest.raises(ValueError, match="mi must hold real numbers"):
        informational_correlation(["a"])


# --- sample_gaussian_pair --------------------------------------------------------------------


@pytest.mark.parametrize("rho", [-0.9, 0.0, 0.3, 0.8])
def test_sample_moments(rho):
    n = 200_000
    x, y = sample_gaussian_pair(n, rho, seed=1)
    assert x.shape == y.shape == (n,)
    # Standard errors: mean 1/sqrt(n) = 0.0022, variance sqrt(2/n) = 0.0032,
    # correlation (1 - rho^2)/sqrt(n) <= 0.0022; tolerances are 5 of them.
    assert abs(x.mean()) < 0.012
    assert abs(y.mean()) < 0.012
    assert x.var() == pytest.approx(1.0, abs=0.016)
    assert y.var() == pytest.approx(1.0, abs=0.016)
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(rho, abs=0.012)


def test_sample_perfect_correlation():
    x, y = sample_gaussian_pair(50, 1.0, seed=0)
    np.testing.assert_array_equal(y, x)
    x, y = sample_gaussian_pair(50, -1, seed=0)
    np.testing.assert_array_equal(y, -x)


def test_sample_reproducible():
    first = sample_gaussian_pair(100, 0.5, seed=3)
    again = sample_gaussian_pair(100, 0.5, seed=np.random.default_rng(3))
    other = sample_gaussian_pair(100, 0.5, seed=4)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first[0], other[0])


def test_sample_binned_mi_approaches_truth():
    # Binned plug-in MI of many samples is close to the closed form (bias 49/(2n), binning loss).
    x, y = sample_gaussian_pair(200_000, 0.8, seed=2)
    edges = np.linspace(-4, 4, 41)
    estimate = mutual_information(np.digitize(x, edges), np.digitize(y, edges))
    assert estimate == pytest.approx(gaussian_mutual_information(0.8), abs=0.02)


@pytest.mark.parametrize("n", [0, -3, 2.0, True, None])
def test_sample_bad_n(n):
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        sample_gaussian_pair(n, 0.5)


@pytest.mark.parametrize("n", [10**8 + 1, 10**12])
def test_sample_refuses_sizes_that_would_exhaust_memory(n):
    with pytest.raises(ValueError, match=r"n must be an integer <= 100000000, got"):
        sample_gaussian_pair(n, 0.5)


def test_sample_bad_rho():
    with pytest.raises(ValueError, match=r"rho must lie in \[-1, 1\]"):
        sample_gaussian_pair(10, 1.5)
    with pytest.raises(ValueError, match="rho must not contain NaN"):
        sample_gaussian_pair(10, math.nan)
    with pytest.raises(ValueError, match="rho must be a single number"):
        sample_gaussian_pair(10, [0.1, 0.2])


def test_ragged_and_huge_input_named():
    # numpy's "inhomogeneous shape" error and OverflowError never reach the caller.
    with pytest.raises(ValueError, match="rho must be a rectangular array"):
        gaussian_mutual_information([[0.1, 0.2], [0.3]])
    with pytest.raises(ValueError, match="mi must be a rectangular array"):
        informational_correlation([[0.1, 0.2], [0.3]])
    with pytest.raises(ValueError, match="rho must be a rectangular array"):
        sample_gaussian_pair(5, [[0.1, 0.2], [0.3]])
    with pytest.raises(ValueError, match="rho must hold real numbers"):
        gaussian_mutual_information(10**400)
    with pytest.raises(ValueError, match="mi must hold real numbers"):
        informational_correlation([10**400, 1])


def test_masked_input_refused():
    with pytest.raises(ValueError, match="rho is a masked array"):
        gaussian_mutual_information(np.ma.array([0.1, 0.2], mask=[0, 1]))


@pytest.mark.parametrize("seed", [-1, 1.5, "3", float("nan"), True, np.bool_(True), [1, 2]])
def test_sample_bad_seed(seed):
    with pytest.raises(ValueError, match="seed must be None, a non-negative integer or a numpy"):
        sample_gaussian_pair(10, 0.5, seed=seed)


def test_sample_seed_kinds():
    reference = sample_gaussian_pair(10, 0.5, seed=3)
    for seed in (np.int64(3), np.uint16(3), np.random.SeedSequence(3), np.random.PCG64(3)):
        for a, b in zip(sample_gaussian_pair(10, 0.5, seed=seed), reference, strict=True):
            np.testing.assert_array_equal(a, b)
    assert sample_gaussian_pair(3, 0.5, seed=2**100)[0].shape == (3,)
    assert sample_gaussian_pair(3, 0.5, seed=None)[0].shape == (3,)
