r"""How sure is an estimate?  Error bars by subsampling.

* :func:`subsample_error`: the standard error of any estimator of the
  library, and the trend of its bias with the sample size, from the
  estimates on disjoint parts of the data (Holmes and Nemenman, 2019).

All results are in the units of the estimator (nats unless its ``base``).
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._validation import _asarray, check_int, check_returned_number, check_seed

__all__ = ["SubsampleErrorResult", "subsample_error"]

# Largest n_repeats accepted: the estimator then runs 10**4 * sum(splits) times on parts,
# already hours for most estimators; a larger request is a typo (10**12), refused by name.
_MAX_REPEATS = 10**4


@dataclass(frozen=True, eq=False)
class SubsampleErrorResult:
    r"""Outcome of :func:`subsample_error`.

    Attributes
    ----------
    estimate : float
        The estimator on all :math:`n` rows.
    std_error : float
        Its standard error at :math:`n`: the root of the slope of the line
        through the origin fitted to the variances at :math:`n/m` against
        :math:`m`.  It covers the estimate's spread, not its bias.
    splits : ndarray of int, shape (s,)
        The numbers of parts :math:`m`, in the order given (read-only).
    sizes : ndarray of int, shape (s,)
        Rows per part, :math:`\lfloor n/m \rfloor` (read-only).
    means : ndarray of float, shape (s,)
        Mean of the estimates on the parts of each :math:`m`, over all parts
        and repeats (read-only).  Against ``sizes`` (with ``estimate`` at
        :math:`n`) it is the bias trend.
    stds : ndarray of float, shape (s,)
        Standard deviation of one estimate at size :math:`\lfloor n/m \rfloor`:
        the root of the mean over repeats of the variance (``ddof=1``) of
        the :math:`m` estimates of one split (read-only).
    n_repeats : int
        Random splits per :math:`m`.
    estimates : tuple of ndarray
        For each :math:`m`, the estimates on the parts, shape
        ``(n_repeats, m)``: row ``r`` holds the :math:`m` parts of repeat
        ``r`` (read-only).  Two estimators run with the same ``seed`` on data
        of the same length see the same parts, so the row-by-row differences
        of their estimates are paired (see Notes of :func:`subsample_error`).
    """

    estimate: float
    std_error: float
    splits: np.ndarray
    sizes: np.ndarray
    means: np.ndarray
    stds: np.ndarray
    n_repeats: int
    estimates: tuple[np.ndarray, ...]


def subsample_error(
    estimator: Callable[..., float],
    *samples: ArrayLike,
    splits: Sequence[int] = (2, 3, 4, 5),
    n_repeats: int = 10,
    seed: int | np.random.Generator | None = None,
    **options: Any,
) -> SubsampleErrorResult:
    r"""Standard error and bias trend of an estimate, by splitting the data into parts.

    The subsampling method of Holmes and Nemenman [1]_.  For each
    :math:`m` in ``splits`` and each of ``n_repeats`` repeats, the rows of
    ``samples`` are shuffled together (row :math:`i` of every sample stays
    with row :math:`i` of the others) and cut into :math:`m` disjoint parts
    of :math:`\lfloor n/m \rfloor` rows; ``estimator(*part, **options)`` is
    computed on each part.  The variance of an estimate falls like
    :math:`1/n` for the estimators of this library on dependent data (not
    at zero mutual information: see Notes), so the variance
    :math:`v_m` of the estimates at size :math:`n/m` is about :math:`m`
    times the variance at :math:`n`.  The line :math:`v_m = \sigma^2 m`
    through the origin, fitted by least squares over ``splits``, gives

    .. math:: \hat\sigma^2 = \frac{\sum_m m\, v_m}{\sum_m m^2}, \qquad
              \mathrm{SE} = \hat\sigma,

    the ``std_error`` of the result, where :math:`v_m` is the variance
    (``ddof=1``) of the :math:`m` estimates of one split, averaged over the
    repeats.  Since the parts of one split are disjoint, their estimates are
    independent, and
    :math:`v_m` is an unbiased estimate of the variance at
    :math:`\lfloor n/m \rfloor` rows.

    Parameters
    ----------
    estimator : callable
        ``estimator(*samples, **options) -> float``, e.g.
        :func:`~infotheory.ksg_mutual_information`,
        :func:`~infotheory.mixed_mutual_information`,
        :func:`~infotheory.mutual_information` (with
        ``correction=`` for Miller-Madow or shrinkage),
        :func:`~infotheory.ksg_conditional_mutual_information` (three
        samples) or :func:`~infotheory.differential_entropy` (one), or any
        function of paired arrays that returns one finite number.
    *samples : array-like, each of shape (n_samples, ...)
        The data, paired along the first axis: labels, continuous samples of
        shape (n,) or (n, d).  At least one.
    splits : sequence of int, default=(2, 3, 4, 5)
        Distinct numbers of parts :math:`m`, each at least 2 and at most
        :math:`n`.
    n_repeats : int, default=10
        Random splits per :math:`m`, from 1 to ``10**4``.  More repeats steady
        ``std_error`` and ``means``; the estimator is called
        ``n_repeats * sum(splits)`` times on parts, plus once on all rows.
    seed : int, numpy.random.Generator or None, optional
        ``None``, a non-negative integer or a Generator, passed to
        :func:`numpy.random.default_rng`; the same seed gives the same
        splits and result.
    **options
        Keyword arguments of ``estimator`` (``k=3``, ``base=2``,
        ``correction="miller-madow"``, ...).

    Returns
    -------
    SubsampleErrorResult
        ``estimate``, ``std_error``, and per :math:`m`: ``splits``,
        ``sizes``, ``means``, ``stds``.

    Raises
    ------
    TypeError
        If ``estimator`` is not callable, or returns something that is not
        a real number.
    ValueError
        If no sample is given, a sample is a scalar or empty, the samples
        differ in length, ``splits`` is empty or holds a non-integer, a
        value below 2, above :math:`n` or a repeated value, the parts of
        some :math:`m` are too small for the estimator (KSG needs at least
        ``k + 1`` rows; the estimator's own message is quoted), ``n_repeats``
        is not an integer from 1 to ``10**4``, ``seed`` is not a seed, or ``estimator``
        returns NaN, inf or more than one number.  The estimator's own
        errors on all the data (wrong options, bad samples) propagate
        unchanged.

    Notes
    -----
    **What the error bar covers.**  ``std_error`` estimates the standard
    deviation of ``estimate`` over independent data sets of :math:`n` rows:
    its *spread*.  It says nothing about its *bias*, the gap between the
    estimator's mean and the true value.  The plug-in mutual information of
    independent variables on 20 x 20 bins is about 0.2 nats at
    :math:`n = 1000` with a spread of a few hundredths: an interval of two
    standard errors around it excludes the true 0.

    **How to read the bias trend.**  ``means`` are the average estimates at
    the smaller sizes ``sizes``; with ``estimate`` at :math:`n` they show
    how the estimator's mean moves with the sample size.  If they drift
    (the plug-in MI falls as :math:`n` grows, by about
    :math:`(B_x - 1)(B_y - 1)/(2n)` for independent variables), the
    estimate at :math:`n` is biased too, in the direction of the drift and
    by a similar amount per halving of :math:`1/n`.  If they stay level, the
    bias is small at these sizes (it cannot be ruled out: a bias that no
    longer changes with :math:`n` leaves no trend).  The means and the
    estimate come from the same data, so the noise of a drift between them
    is at most about twice ``std_error``: a drift of several standard errors
    is a trend, one within two is not evidence of any.

    **Where the 1/n law fails: zero mutual information.**  The method
    assumes that the variance falls like :math:`1/n` over the sizes used;
    check that ``stds**2 / splits`` is roughly constant.  It is not at
    independence.  There the plug-in mutual information with well-filled
    cells obeys :math:`2n\hat I \sim \chi^2_{d}`, :math:`d = (B_x - 1)(B_y
    - 1)` (the G-test), so :math:`\operatorname{Var}\hat I = d/(2n^2)`
    falls like :math:`1/n^2`; :math:`v_m` then grows like :math:`m^2`,
    ``stds**2 / splits`` grows like :math:`m`, and the fitted line overstates
    the standard error by about :math:`\sqrt{\sum_m m^3 / \sum_m m^2}`,
    2.04 for the default ``splits``.  The error bar is then conservative
    (too wide, not too narrow); with sparse cells the variance falls more
    slowly than :math:`1/n^2` and the excess is smaller; the KSG estimator's
    spread at independence still falls about like :math:`1/n`.  Fitting
    :math:`\log v_m` against :math:`\log m` shows it: a slope near 1 for
    dependent data, near 2 at independence.  The
    :math:`n - m \lfloor n/m \rfloor` rows left over by a split are not
    used in it.  Holmes and Nemenman's own code weights the :math:`v_m` by
    their degrees of freedom :math:`m - 1` instead of fitting the line by
    least squares; the two agree to within the noise of :math:`v_m`.

    **Paired comparisons.**  The parts depend only on ``seed``, :math:`n`,
    ``splits`` and ``n_repeats``, never on the estimator.  So the standard
    error of a *difference* between two estimates of the same data (two
    features' MI with one label, say) is ``subsample_error`` of an estimator
    that returns the difference; equivalently, the same fit applied to the
    differences of the ``estimates`` of two runs with one seed.  It is
    usually smaller than the two standard errors combined as if independent,
    because estimates from the same rows err together.

    References
    ----------
    .. [1] C. M. Holmes and I. Nemenman, "Estimation of mutual information
       for real-valued data with error bars and controlled bias",
       *Physical Review E* 100(2), 022404, 2019.

    Examples
    --------
    The sample mean has standard error :math:`s / \sqrt{n}`; subsampling
    recovers it:

    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(1000)
    >>> result = subsample_error(np.mean, x, n_repeats=50, seed=1)
    >>> result.sizes.tolist()
    [500, 333, 250, 200]
    >>> bool(abs(result.std_error / (x.std() / np.sqrt(1000)) - 1) < 0.15)
    True

    The fit through the origin, by hand:

    >>> v, m = result.stds**2, result.splits
    >>> bool(np.isclose(result.std_error, np.sqrt(m @ v / (m @ m))))
    True

    With a library estimator and its options:

    >>> from infotheory import ksg_mutual_information, sample_gaussian_pair
    >>> x, y = sample_gaussian_pair(1000, 0.6, seed=2)
    >>> result = subsample_error(ksg_mutual_information, x, y, k=3, seed=3)
    >>> bool(0.005 < result.std_error < 0.05)
    True
    """
    if not callable(estimator):
        raise TypeError(f"estimator must be callable, got {reprlib.repr(estimator)}")
    arrays = _check_samples(samples)
    n = arrays[0].shape[0]
    ms = _check_splits(splits, n)
    n_repeats = check_int(n_repeats, "n_repeats", minimum=1, maximum=_MAX_REPEATS)
    rng = check_seed(seed)
    # The original objects go to the estimator, so that its own checks see them as given.
    estimate = _value(estimator(*samples, **options), "all the data")
    sizes = n // ms
    means = np.empty(ms.size)
    variances = np.empty(ms.size)
    estimates = []
    for i, (m, size) in enumerate(zip(ms.tolist(), sizes.tolist(), strict=True)):
        values = np.empty((n_repeats, m))
        for r in range(n_repeats):
            # One permutation of the rows per repeat (memory O(n) whatever n_repeats is);
            # its first m * size entries, cut into m parts.
            parts = rng.permuted(np.arange(n))[: m * size].reshape(m, size)
            for p, rows in enumerate(parts):
                try:
                    value = estimator(*(a[rows] for a in arrays), **options)
                except ValueError as error:
                    raise ValueError(
                        f"splits: the parts for m = {m} have {size} rows, too few for the "
                        f"estimator ({error}); use smaller numbers of parts"
                    ) from error
                values[r, p] = _value(value, f"a part of {size} rows")
        values.setflags(write=False)
        estimates.append(values)
        means[i] = values.mean()
        variances[i] = values.var(axis=1, ddof=1).mean()
    m_float = ms.astype(float)
    slope = float(m_float @ variances / (m_float @ m_float))
    stds = np.sqrt(variances)
    for arr in (ms, sizes, means, stds):
        arr.setflags(write=False)
    return SubsampleErrorResult(
        estimate=estimate,
        std_error=float(np.sqrt(slope)),
        splits=ms,
        sizes=sizes,
        means=means,
        stds=stds,
        n_repeats=n_repeats,
        estimates=tuple(estimates),
    )


def _check_samples(samples: tuple) -> list[np.ndarray]:
    """The samples as arrays of one length along axis 0, at least one, none empty."""
    if not samples:
        raise ValueError("samples: give at least one sample (an array of rows) after estimator")
    arrays = []
    for i, sample in enumerate(samples):
        name = f"samples[{i}]"
        arr = _asarray(sample, name)
        if arr.ndim == 0:
            raise ValueError(f"{name} must be an array of rows, got the scalar {arr!r}")
        if arr.shape[0] == 0:
            raise ValueError(f"{name} must not be empty")
        arrays.append(arr)
    lengths = [a.shape[0] for a in arrays]
    if len(set(lengths)) > 1:
        raise ValueError(f"samples must have the same length (rows), got {lengths}")
    return arrays


def _check_splits(splits: object, n: int) -> np.ndarray:
    """``splits`` as a 1-D int64 array of distinct values in [2, n]."""
    if isinstance(splits, (str, bytes)) or not isinstance(splits, (Sequence, np.ndarray)):
        raise ValueError(f"splits must be a sequence of integers >= 2, got {reprlib.repr(splits)}")
    values = (
        list(np.asarray(splits, dtype=object).ravel())
        if isinstance(splits, np.ndarray)
        else list(splits)
    )
    if not values:
        raise ValueError("splits must not be empty")
    checked = [check_int(m, "splits", minimum=2) for m in values]
    # Python ints, compared before any conversion: 2**70 must not overflow int64 first.
    if max(checked) > n:
        raise ValueError(f"splits must be at most the number of rows ({n}), got {max(checked)}")
    if len(set(checked)) != len(checked):
        raise ValueError(f"splits must not repeat a value, got {checked}")
    return np.array(checked, dtype=np.int64)


def _value(value: object, where: str) -> float:
    """One value returned by ``estimator``, as a finite float."""
    return check_returned_number(value, "estimator", where)
