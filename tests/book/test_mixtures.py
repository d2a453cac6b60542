"""Tests for mibook.mixtures: the exact MI of a class and its Gaussian signal."""

import numpy as np
import pytest
from scipy.special import logsumexp

from mibook.mixtures import (
    class_signal_mutual_information,
    mixed_estimate_repeats,
    sample_class_signal,
)


def _gauss_hermite_mi(means, sd, weights, nodes=200):
    """I(S; C) by Gauss-Hermite quadrature: a second, independent rule.

    E over Z ~ N(0, 1) of ln phi_c(mu_c + sd Z) - ln f(mu_c + sd Z), with the
    probabilists' Hermite nodes; the integrand is smooth and grows like z**2,
    which this rule integrates almost exactly.
    """
    mu = np.asarray(means, float)
    w = np.asarray(weights, float)
    z, g = np.polynomial.hermite_e.hermegauss(nodes)
    g = g / g.sum()
    total = 0.0
    for c in range(mu.size):
        s = mu[c] + sd * z
        log_phi = -0.5 * ((s[:, None] - mu) / sd) ** 2
        ratio = log_phi[:, c] - logsumexp(log_phi, b=w, axis=1)
        total += w[c] * np.sum(g * ratio)
    return total


@pytest.mark.parametrize(
    ("means", "sd", "weights"),
    [
        ([0, 1, 2], 1.0, [1 / 3] * 3),  # the own-data page's model
        ([0, 0.5], 0.3, [0.2, 0.8]),
        ([-1, 0, 4, 4.5], 2.0, [0.1, 0.2, 0.3, 0.4]),
    ],
)
def test_agrees_with_gauss_hermite(means, sd, weights):
    # Two unrelated quadrature rules; both are accurate to ~1e-10 on these smooth
    # integrands, so 1e-8 leaves room and would still catch any wrong term.
    got = class_signal_mutual_information(means, sd=sd, weights=weights)
    assert got == pytest.approx(_gauss_hermite_mi(means, sd, weights), abs=1e-8)


def test_agrees_with_monte_carlo():
    # I = E[ln phi_C(S) - ln f(S)] over draws of the model; 200 000 draws give a
    # standard error near 1e-3, and the quadrature must lie within 4 of them.
    means = np.array([0.0, 1.0, 2.0])
    s, c = sample_class_signal(200_000, means, seed=7)
    log_phi = -0.5 * (s[:, None] - means) ** 2
    terms = log_phi[np.arange(s.size), c] - logsumexp(log_phi, b=1 / 3, axis=1)
    se = terms.std(ddof=1) / np.sqrt(terms.size)
    assert abs(class_signal_mutual_information(means) - terms.mean()) < 4 * se


def test_equals_entropy_of_the_mixture_minus_the_noise():
    # The identity I = h(S) - h(S | C), with h(S) by scipy's quad on the mixture density.
    from scipy import integrate, stats

    def f(s):
        return np.mean([stats.norm.pdf(s - m) for m in (0, 1, 2)], axis=0)

    h_s = integrate.quad(lambda s: -f(s) * np.log(f(s)), -12, 14, limit=200)[0]
    expected = h_s - 0.5 * np.log(2 * np.pi * np.e)
    assert class_signal_mutual_information([0, 1, 2]) == pytest.approx(expected, abs=1e-9)


def test_limits():
    # One class or equal means: S says nothing about C (exactly 0).
    assert class_signal_mutual_information([3.0]) == 0.0
    assert class_signal_mutual_information([1.0, 1.0]) == pytest.approx(0.0, abs=1e-12)
    # Means 1000 sd apart: S names its class, I = H(C) (here with unequal weights).
    w = np.array([0.25, 0.75])
    h_c = -np.sum(w * np.log(w))
    got = class_signal_mutual_information([0, 1000], weights=w)
    assert got == pytest.approx(h_c, abs=1e-10)
    assert isinstance(got, float)


def test_scale_invariance():
    # Scaling means and sd together changes nothing (MI is invariant to S -> aS).
    a = class_signal_mutual_information([0, 1, 2], sd=1.0)
    b = class_signal_mutual_information([0, 10, 20], sd=10.0)
    assert a == pytest.approx(b, abs=1e-10)


def test_repeats_are_seeded_and_scatter_around_the_truth():
    first = mixed_estimate_repeats(1000, [0, 1, 2], repeats=20, seed=5)
    again = mixed_estimate_repeats(1000, [0, 1, 2], repeats=20, seed=5)
    np.testing.assert_array_equal(first, again)
    assert first.shape == (20,)
    assert np.unique(first).size == 20  # fresh samples each time
    # The mean of 20 estimates is within 4 standard errors of the exact value
    # (the Ross estimator's bias at n = 1000 is far below its noise).
    se = first.std(ddof=1) / np.sqrt(first.size)
    assert abs(first.mean() - class_signal_mutual_information([0, 1, 2])) < 4 * se


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"means": []}, "means"),
        ({"means": [[0, 1]]}, "means"),
        ({"means": [0, np.nan]}, "means"),
        ({"means": ["a", "b"]}, "means"),
        ({"means": [0, 1], "sd": 0}, "sd"),
        ({"means": [0, 1], "sd": -1.0}, "sd"),
        ({"means": [0, 1], "sd": np.inf}, "sd"),
        ({"means": [0, 1], "sd": True}, "sd"),
        ({"means": [0, 1], "weights": [1, 1, 1]}, "weights"),
        ({"means": [0, 1], "weights": [-1, 2]}, "weights"),
    ],
)
def test_bad_model(kwargs, match):
    kwargs = dict(kwargs)  # the parametrised dict is shared; do not mutate it
    means = kwargs.pop("means")
    with pytest.raises(ValueError, match=match):
        class_signal_mutual_information(means, **kwargs)


def test_bad_sampling_arguments():
    with pytest.raises(ValueError, match="n must be"):
        sample_class_signal(0, [0, 1])
    with pytest.raises(ValueError, match="seed"):
        sample_class_signal(10, [0, 1], seed=-1)
    with pytest.raises(ValueError, match="repeats"):
        mixed_estimate_repeats(100, [0, 1], repeats=1)
