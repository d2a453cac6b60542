r"""The bivariate Gaussian: the one continuous case with a closed-form mutual information.

For a bivariate normal pair with correlation :math:`\rho` the mutual
information depends on :math:`\rho` alone, which makes it the ground truth
against which the chapter measures every estimator.  Results are in nats.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import MAX_SAMPLES, check_int, check_real_array, check_seed

__all__ = [
    "gaussian_mutual_information",
    "informational_correlation",
    "sample_gaussian_pair",
]


def _float_or_array(values: np.ndarray) -> float | np.ndarray:
    return float(values) if values.ndim == 0 else values


def _check_correlation(rho: ArrayLike) -> np.ndarray:
    r = check_real_array(rho, "rho")
    if np.any(np.abs(r) > 1):
        raise ValueError(f"rho must lie in [-1, 1], got {rho!r}")
    return r


def gaussian_mutual_information(rho: ArrayLike) -> float | np.ndarray:
    r"""Mutual information of a bivariate normal pair with correlation :math:`\rho`.

    .. math:: I(X; Y) = -\tfrac12 \log(1 - \rho^2)

    It does not depend on the means or variances, is even in :math:`\rho`,
    and grows without bound as :math:`|\rho| \to 1`.

    Parameters
    ----------
    rho : float or array-like
        Correlation coefficient(s) in :math:`[-1, 1]`.

    Returns
    -------
    float or ndarray
        Mutual information in nats, of the same shape as ``rho`` (a float for
        a scalar).  0.0 at :math:`\rho = 0`; ``inf`` at :math:`\rho = \pm 1`
        (then :math:`Y` is a deterministic function of :math:`X`).

    Raises
    ------
    ValueError
        If ``rho`` is not numeric, holds NaN, or has an entry with
        :math:`|\rho| > 1`.

    Notes
    -----
    Computed as :math:`-\tfrac12 \operatorname{log1p}(-\rho^2)` for
    :math:`|\rho| < 1/2` and as :math:`-\tfrac12(\operatorname{log1p}(-|\rho|) +
    \operatorname{log1p}(|\rho|))` otherwise, which keeps full relative
    precision both for tiny :math:`\rho` (where :math:`1 - \rho^2` rounds to
    1) and near :math:`|\rho| = 1` (where :math:`\rho^2` rounds).

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*,
       2nd ed., Wiley, 2006, Example 8.5.1.

    Examples
    --------
    >>> gaussian_mutual_information(0.0)
    0.0
    >>> bool(np.isclose(gaussian_mutual_information(0.6), -0.5 * np.log(0.64)))
    True
    >>> gaussian_mutual_information([-1.0, 1.0]).tolist()
    [inf, inf]
    """
    r = np.abs(_check_correlation(rho))
    with np.errstate(divide="ignore"):
        near_zero = -0.5 * np.log1p(-r * r)
        near_one = -0.5 * (np.log1p(-r) + np.log1p(r))
    return _float_or_array(np.where(r < 0.5, near_zero, near_one) + 0.0)


def informational_correlation(mi: ArrayLike) -> float | np.ndarray:
    r"""Linfoot's informational coefficient of correlation.

    .. math:: r_I = \sqrt{1 - e^{-2 I}}

    It maps a mutual information :math:`I \in [0, \infty]` (nats) onto
    :math:`[0, 1]`, and inverts :func:`gaussian_mutual_information`: for a
    bivariate normal pair :math:`r_I = |\rho|` [1]_.  It thus reads any
    mutual information on the familiar scale of a correlation coefficient.

    Parameters
    ----------
    mi : float or array-like
        Mutual information(s) in nats, :math:`\ge 0`; ``inf`` is allowed.

    Returns
    -------
    float or ndarray
        :math:`r_I \in [0, 1]`, of the same shape as ``mi`` (a float for a
        scalar); 0.0 for :math:`I = 0` and 1.0 for :math:`I = \infty`.

    Raises
    ------
    ValueError
        If ``mi`` is not numeric, holds NaN, or has a negative entry.

    Notes
    -----
    Computed as :math:`\sqrt{-\operatorname{expm1}(-2I)}` for precision at
    small :math:`I`.

    References
    ----------
    .. [1] E. H. Linfoot, "An informational measure of correlation",
       *Information and Control* 1(1), 1957, pp. 85-89.

    Examples
    --------
    >>> bool(np.isclose(informational_correlation(gaussian_mutual_information(-0.8)), 0.8))
    True
    >>> informational_correlation([0.0, np.inf]).tolist()
    [0.0, 1.0]
    """
    values = check_real_array(mi, "mi")
    if np.any(values < 0):
        raise ValueError(f"mi must be >= 0, got {mi!r}")
    return _float_or_array(np.sqrt(-np.expm1(-2.0 * values)))


def sample_gaussian_pair(
    n: int, rho: float, *, seed: int | np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""Draw ``n`` samples of a standard bivariate normal pair with correlation ``rho``.

    .. math:: X = Z_1, \qquad Y = \rho Z_1 + \sqrt{1 - \rho^2}\, Z_2

    with :math:`Z_1, Z_2` independent standard normals, so that :math:`X` and
    :math:`Y` have mean 0, variance 1 and correlation :math:`\rho`, and
    :math:`I(X; Y)` is :func:`gaussian_mutual_information` of ``rho``.

    Parameters
    ----------
    n : int
        Number of samples, 1 to ``10**8`` (1.6 GB of float64 pairs; a larger
        request is refused rather than left to fail inside NumPy).
    rho : float
        Population correlation in :math:`[-1, 1]`; :math:`\pm 1` gives
        :math:`Y = \pm X`.
    seed : int, numpy.random.Generator or None, optional
        ``None``, a non-negative integer, or a Generator (its stream is used
        and advanced), passed to :func:`numpy.random.default_rng`; the same
        seed gives the same samples.

    Returns
    -------
    x, y : ndarray of shape (n,)
        The paired samples.

    Raises
    ------
    ValueError
        If ``n`` is not an integer in ``[1, 10**8]``, ``rho`` is not a single number in
        :math:`[-1, 1]`, or ``seed`` is not None, a non-negative integer or a
        Generator.

    Examples
    --------
    >>> x, y = sample_gaussian_pair(100_000, 0.6, seed=0)
    >>> bool(abs(np.corrcoef(x, y)[0, 1] - 0.6) < 0.01)
    True
    >>> x, y = sample_gaussian_pair(5, -1.0, seed=1)
    >>> bool(np.array_equal(y, -x))
    True
    """
    n = check_int(n, "n", minimum=1, maximum=MAX_SAMPLES)
    r = _check_correlation(rho)
    if r.ndim != 0:
        raise ValueError(f"rho must be a single number, got shape {r.shape}")
    z = check_seed(seed).standard_normal((2, n))
    r = float(r)
    return z[0], r * z[0] + np.sqrt(1.0 - r * r) * z[1]
