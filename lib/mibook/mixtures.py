r"""A class label and a signal that depends on it: exact MI and repeated estimates.

The model behind the mixed estimator's example on the own-data page: a class
:math:`C` takes the value :math:`\mu_c` with probability :math:`w_c`, and the
signal is :math:`S = \mu_C + \sigma Z` with :math:`Z \sim N(0, 1)`.  Then

.. math::

    I(S; C) = h(S) - h(S \mid C)
            = \sum_c w_c \int \phi_c(s) \ln \frac{\phi_c(s)}{f(s)} \, ds,

where :math:`\phi_c` is the density of :math:`N(\mu_c, \sigma^2)` and
:math:`f = \sum_c w_c \phi_c` is the mixture.  The integral has no closed
form; :func:`class_signal_mutual_information` computes it by adaptive
quadrature.  :func:`mixed_estimate_repeats` runs
:func:`infotheory.mixed_mutual_information` on fresh samples of the model, so
a page can show the estimator's spread beside the truth.

All values are in nats.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import integrate
from scipy.special import logsumexp

from infotheory._validation import MAX_SAMPLES, check_distribution, check_int, check_seed
from infotheory.continuous import mixed_mutual_information

__all__ = [
    "class_signal_mutual_information",
    "mixed_estimate_repeats",
    "sample_class_signal",
]

# Each integral runs over mu_c +- _REACH sd: the Gaussian mass beyond 12 sd is about 4e-33, far
# below double-precision resolution of a result of order 0.1 nats.
_REACH = 12.0


def _check_model(
    means: ArrayLike, sd: float, weights: ArrayLike | None
) -> tuple[np.ndarray, float, np.ndarray]:
    """Return the means, sd and weights as checked float values."""
    try:
        mu = np.asarray(means, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"means must be real numbers, got {means!r}") from None
    if mu.ndim != 1 or mu.size == 0:
        raise ValueError(f"means must be a non-empty 1-D array, got shape {mu.shape}")
    if not np.all(np.isfinite(mu)):
        raise ValueError("means must be finite (no NaN or inf)")
    if isinstance(sd, bool) or not isinstance(sd, (int, float, np.floating, np.integer)):
        raise ValueError(f"sd must be a positive finite number, got {sd!r}")
    if not np.isfinite(sd) or sd <= 0:
        raise ValueError(f"sd must be a positive finite number, got {sd!r}")
    if weights is None:
        w = np.full(mu.size, 1.0 / mu.size)
    else:
        w = check_distribution(weights, "weights")
        if w.size != mu.size:
            raise ValueError(
                f"weights must have one entry per mean ({mu.size}), got {w.size}"
            )
    return mu, float(sd), w


def _log_ratio(s: np.ndarray, c: int, mu: np.ndarray, sd: float, w: np.ndarray) -> np.ndarray:
    r""":math:`\ln \phi_c(s) - \ln f(s)`, through logsumexp so the tails never underflow."""
    s = np.asarray(s, dtype=float)
    log_phi = -0.5 * ((s[..., None] - mu) / sd) ** 2  # common factors cancel in the ratio
    return log_phi[..., c] - logsumexp(log_phi, b=w, axis=-1)


def class_signal_mutual_information(
    means: ArrayLike, *, sd: float = 1.0, weights: ArrayLike | None = None
) -> float:
    r"""Mutual information between a class and its Gaussian signal, by quadrature.

    For :math:`C` with :math:`P(C = c) = w_c` and
    :math:`S = \mu_C + \sigma Z`, :math:`Z \sim N(0, 1)`:

    .. math::

        I(S; C) = \sum_c w_c \int \phi_c(s) \ln \frac{\phi_c(s)}{f(s)} \, ds,
        \qquad f = \sum_c w_c \phi_c,

    which equals :math:`h(S) - \tfrac12 \ln(2 \pi e \sigma^2)`.  Each
    integral is taken by :func:`scipy.integrate.quad` over
    :math:`\mu_c \pm 12\sigma`, with the other means as break points.

    Parameters
    ----------
    means : array_like, shape (K,)
        The signal's mean in each class, :math:`\mu_c`.  Equal means are allowed.
    sd : float, default 1.0
        The noise's standard deviation :math:`\sigma > 0`.
    weights : array_like, shape (K,), optional
        Class probabilities :math:`w_c` (normalised to sum 1); equal by default.

    Returns
    -------
    float
        :math:`I(S; C)` in nats, in :math:`[0, H(C)]`: 0.0 for a single class or
        equal means, close to :math:`H(C)` when the means are many
        :math:`\sigma` apart.

    Raises
    ------
    ValueError
        If ``means`` is empty, not 1-D or not finite, ``sd`` is not a positive
        finite number, or ``weights`` is not a distribution with one entry per
        mean.

    Examples
    --------
    >>> round(class_signal_mutual_information([0, 1, 2]), 4)
    0.2538
    >>> class_signal_mutual_information([5.0])  # one class: nothing to learn
    0.0
    >>> bool(abs(class_signal_mutual_information([0, 100]) - np.log(2)) < 1e-12)
    True
    """
    mu, sd, w = _check_model(means, sd, weights)
    total = 0.0
    for c in range(mu.size):
        if w[c] == 0:
            continue
        lo, hi = mu[c] - _REACH * sd, mu[c] + _REACH * sd
        breaks = np.unique(mu[(mu > lo) & (mu < hi)])

        def integrand(s: float, c: int = c) -> float:
            z = (s - mu[c]) / sd
            density = np.exp(-0.5 * z * z) / (sd * np.sqrt(2 * np.pi))
            return float(density * _log_ratio(np.array(s), c, mu, sd, w))

        value, _ = integrate.quad(integrand, lo, hi, points=breaks, limit=200,
                                  epsabs=1e-13, epsrel=1e-11)
        total += w[c] * value
    # Rounding can leave -1e-17 for equal means; the quantity is non-negative.
    return float(max(total, 0.0))


def sample_class_signal(
    n: int,
    means: ArrayLike,
    *,
    sd: float = 1.0,
    weights: ArrayLike | None = None,
    seed: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Draw ``n`` pairs (signal, class) of the model above.

    Returns
    -------
    signal : ndarray of float, shape (n,)
        :math:`\mu_C + \sigma Z`.
    classes : ndarray of int, shape (n,)
        :math:`C`, in ``0 .. K-1``.

    Raises
    ------
    ValueError
        If ``n`` is not an integer >= 1, ``seed`` is not a valid seed, or the
        model is invalid (see :func:`class_signal_mutual_information`).

    Examples
    --------
    >>> s, c = sample_class_signal(4, [0, 1, 2], seed=0)
    >>> s.shape, c.shape, bool(np.all((c >= 0) & (c <= 2)))
    ((4,), (4,), True)
    """
    n = check_int(n, "n", minimum=1, maximum=MAX_SAMPLES)
    mu, sd, w = _check_model(means, sd, weights)
    rng = check_seed(seed)
    classes = rng.choice(mu.size, size=n, p=w)
    return mu[classes] + sd * rng.standard_normal(n), classes


def mixed_estimate_repeats(
    n: int,
    means: ArrayLike,
    *,
    sd: float = 1.0,
    k: int = 3,
    repeats: int = 30,
    seed: int | np.random.Generator | None = None,
) -> np.ndarray:
    r"""Estimates of :math:`I(S; C)` by :func:`infotheory.mixed_mutual_information`.

    Each of ``repeats`` estimates uses a fresh sample of ``n`` pairs from
    :func:`sample_class_signal` (classes equally likely), all drawn from one
    generator seeded by ``seed``.

    Returns
    -------
    ndarray of shape (repeats,)
        The estimates in nats.

    Raises
    ------
    ValueError
        If ``repeats`` is not an integer from 2 to 10 000 (two are needed for
        a spread), or another argument is invalid.

    Examples
    --------
    >>> est = mixed_estimate_repeats(200, [0, 1, 2], repeats=3, seed=0)
    >>> est.shape
    (3,)
    """
    repeats = check_int(repeats, "repeats", minimum=2, maximum=10_000)
    rng = check_seed(seed)
    _check_model(means, sd, None)
    return np.array([
        mixed_mutual_information(*sample_class_signal(n, means, sd=sd, seed=rng), k=k)
        for _ in range(repeats)
    ])
