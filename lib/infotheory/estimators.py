r"""Estimating mutual information from samples, and testing it for significance.

* :func:`ksg_mutual_information`: the Kraskov-Stoegbauer-Grassberger
  k-nearest-neighbour estimator for continuous samples, no binning needed.
* :func:`permutation_test`: is an observed mutual information larger than
  chance would give?  Shuffling ``y`` destroys any dependence while keeping
  both marginal distributions.
* :func:`plugin_bias`: the leading term of the plug-in estimator's upward bias.

All results are in nats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import KDTree
from scipy.special import digamma, xlogy

from ._validation import (
    check_int,
    check_int_array,
    check_paired_labels,
    check_samples,
)
from .discrete import mutual_information

__all__ = [
    "PermutationTestResult",
    "ksg_mutual_information",
    "permutation_test",
    "plugin_bias",
]

# Array elements per vectorised block of permutations: bounds the memory of
# permutation_test at a few such arrays (512 KiB each) whatever n_permutations
# is, and keeps them in cache, which measured faster than larger blocks.
_PERMUTATION_BLOCK = 1 << 16

# As in scipy.stats.permutation_test: null values within this relative
# distance below the statistic count as ties, so that round-off cannot turn
# a tie into a "smaller" value and shrink the p-value.
_TIE_RTOL = 100 * np.finfo(float).eps


def ksg_mutual_information(x: ArrayLike, y: ArrayLike, *, k: int = 3) -> float:
    r"""Kraskov-Stoegbauer-Grassberger (KSG) estimate of :math:`I(X; Y)`.

    Algorithm 1 of Kraskov et al. [1]_ with the max-norm: for each sample
    :math:`i`, :math:`\epsilon_i` is the distance to its k-th nearest
    neighbour in the joint space :math:`(x, y)`, and :math:`n_x(i)`,
    :math:`n_y(i)` count the other samples strictly closer than
    :math:`\epsilon_i` in the x- and y-space alone.  Then

    .. math:: \hat I = \psi(k) + \psi(n) - \langle \psi(n_x + 1) + \psi(n_y + 1) \rangle

    with :math:`\psi` the digamma function and :math:`\langle\cdot\rangle` the
    mean over samples.

    Parameters
    ----------
    x : array-like of shape (n_samples,) or (n_samples, d_x)
        Continuous samples of :math:`X`, finite.
    y : array-like of shape (n_samples,) or (n_samples, d_y)
        Continuous samples of :math:`Y`, paired with ``x``.
    k : int, default=3
        Number of neighbours, ``1 <= k < n_samples``.  Larger ``k`` lowers the
        variance and raises the bias; Kraskov et al. suggest 2 to 4.

    Returns
    -------
    float
        The raw estimate in nats.  It is not clipped: for independent
        variables it scatters around 0 and is negative about half the time,
        which shows the estimator's noise honestly.

    Raises
    ------
    ValueError
        If ``k`` is not an integer with ``1 <= k < n_samples``, the lengths
        differ, or either array is empty, more than 2-D, or holds NaN or inf.

    Notes
    -----
    Mutual information is unchanged by a strictly monotone transformation
    of a one-dimensional ``x`` or ``y``; the estimate only approximately so,
    because the transformation changes the distances and hence which points
    are neighbours.

    :math:`\epsilon_i` comes from a k-d tree query
    (:class:`scipy.spatial.KDTree`, ``p=inf``).  "Strictly closer" is
    implemented by counting the points within ``np.nextafter(eps, 0)``, the
    largest float below :math:`\epsilon_i`: with the tree's
    ``query_ball_point(..., return_length=True)`` for a multi-dimensional
    marginal, and by an equivalent exact binary search over the sorted
    values for a one-dimensional one.

    The method assumes continuous data without ties.  With more than ``k``
    copies of a sample, :math:`\epsilon_i = 0`: then the count includes the
    exact marginal duplicates (distance :math:`0 \le 0`) instead of being
    empty, and ties in general bias the estimate.  No noise is added here
    (scikit-learn's :func:`~sklearn.feature_selection.mutual_info_regression`
    adds a little to break ties): add jitter yourself if your data are
    rounded.

    Cost: one k-nearest-neighbour query in the joint space and two counting
    passes in the marginals, :math:`O(n \log n)` for low dimensions.

    References
    ----------
    .. [1] A. Kraskov, H. Stoegbauer and P. Grassberger, "Estimating mutual
       information", *Physical Review E* 69, 066138, 2004.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(2000)
    >>> y = 0.8 * x + 0.6 * rng.standard_normal(2000)
    >>> truth = -0.5 * np.log(1 - 0.8**2)
    >>> bool(abs(ksg_mutual_information(x, y) - truth) < 0.05)
    True
    """
    k = check_int(k, "k", minimum=1)
    xs, ys = check_samples(x, "x"), check_samples(y, "y")
    n = xs.shape[0]
    if ys.shape[0] != n:
        raise ValueError(f"x and y must have the same length, got {n} and {ys.shape[0]}")
    if k >= n:
        raise ValueError(f"k must be smaller than the number of samples ({n}), got {k}")
    joint = np.hstack((xs, ys))
    # The (k+1)-th nearest point counting the sample itself is its k-th neighbour.
    eps, _ = KDTree(joint).query(joint, k=[k + 1], p=np.inf)
    radius = np.nextafter(eps[:, 0], 0)
    # Each count includes the sample itself, so it is n_x + 1 already.
    n_x1, n_y1 = _count_within(xs, radius), _count_within(ys, radius)
    return float(digamma(k) + digamma(n) - np.mean(digamma(n_x1) + digamma(n_y1)))


def _count_within(points: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """Count the points within max-norm distance ``radius[i]`` of ``points[i]``, itself too.

    In one dimension a vectorised binary search over the sorted values gives
    the same counts as a k-d tree ball query several times faster.  It
    searches with the very test the tree applies, ``|v_j - v_i| <= r_i`` in
    floating point, which is monotone in ``v_j`` because rounding is, so
    the counts are exact, not subject to round-off in ``v_i +- r_i``.
    """
    if points.shape[1] > 1:
        return KDTree(points).query_ball_point(points, radius, p=np.inf, return_length=True)
    values = points[:, 0]
    ordered = np.sort(values)
    n = ordered.size
    # first_above: first j with v_j - v_i > r; first_inside: first j with v_i - v_j <= r.
    first_above = np.full(n, n)
    lo_above = np.zeros(n, dtype=first_above.dtype)
    first_inside = np.full(n, n)
    lo_inside = np.zeros(n, dtype=first_inside.dtype)
    for _ in range(n.bit_length()):
        mid = (lo_above + first_above) // 2
        above = (mid == n) | (ordered[np.minimum(mid, n - 1)] - values > radius)
        first_above = np.where(above, mid, first_above)
        lo_above = np.where(above, lo_above, mid + 1)
        mid = (lo_inside + first_inside) // 2
        inside = (mid == n) | (values - ordered[np.minimum(mid, n - 1)] <= radius)
        first_inside = np.where(inside, mid, first_inside)
        lo_inside = np.where(inside, lo_inside, mid + 1)
    return first_above - first_inside


@dataclass(frozen=True, eq=False)
class PermutationTestResult:
    """Outcome of :func:`permutation_test`.

    Attributes
    ----------
    statistic : float
        The statistic of the observed pairing (plug-in mutual information in
        nats unless a custom ``statistic`` was given).
    null_distribution : ndarray of shape (n_permutations,)
        The statistic of each shuffled pairing (read-only).
    pvalue : float
        (1 + number of null values >= statistic) / (1 + n_permutations).
    n_permutations : int
        Number of shuffles drawn.
    """

    statistic: float
    null_distribution: np.ndarray
    pvalue: float
    n_permutations: int


def _permutation_blocks(
    rng: np.random.Generator, n: int, n_permutations: int, width: int
) -> Iterator[np.ndarray]:
    """Yield (rows, n) arrays of independent permutations of ``range(n)``.

    ``rows`` is chosen so that a block and its derived (rows, width) arrays
    stay near ``_PERMUTATION_BLOCK`` elements.  ``Generator.permuted`` shuffles
    row after row from one stream, so the blocking does not change the draws.
    """
    rows = max(1, _PERMUTATION_BLOCK // max(n, width))
    identity = np.broadcast_to(np.arange(n), (rows, n))
    for start in range(0, n_permutations, rows):
        size = min(rows, n_permutations - start)
        yield rng.permuted(identity[:size], axis=1)


def permutation_test(
    x: ArrayLike,
    y: ArrayLike,
    *,
    n_permutations: int = 1000,
    seed: int | np.random.Generator | None = None,
    statistic: Callable[[np.ndarray, np.ndarray], float] | None = None,
) -> PermutationTestResult:
    r"""Permutation test of independence based on mutual information.

    Under the null hypothesis that :math:`X` and :math:`Y` are independent,
    every pairing of the observed ``x`` with a shuffle of the observed ``y``
    is as likely as the observed one.  The test shuffles ``y``
    ``n_permutations`` times and reports the exact-in-finite-samples p-value

    .. math:: p = \frac{1 + \#\{b : I_b \ge I_{\text{obs}}\}}{1 + B}

    which counts the observed pairing as one of the permutations, so it is
    never 0 and the test has the nominal level [1]_.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Paired labels (ints, bools, strings, or floats without NaN); with a
        custom ``statistic``, any arrays with the same length along axis 0.
    n_permutations : int, default=1000
        Number of shuffles :math:`B`, at least 1.  The smallest attainable
        p-value is :math:`1 / (B + 1)`.
    seed : int, numpy.random.Generator or None, optional
        Seed for :func:`numpy.random.default_rng`; the same seed gives the same
        shuffles and result.
    statistic : callable, optional
        ``statistic(x, y) -> float``, larger meaning more dependent.  ``None``
        (default) or :func:`~infotheory.mutual_information` itself uses the
        plug-in mutual information in nats, computed for all shuffles at once;
        any other callable is evaluated once per shuffle.

    Returns
    -------
    PermutationTestResult
        ``statistic``, ``null_distribution`` (shape ``(n_permutations,)``),
        ``pvalue`` and ``n_permutations``.

    Raises
    ------
    ValueError
        If ``n_permutations`` is not an integer >= 1, ``statistic`` is not
        callable, or ``x`` and ``y`` fail the checks of
        :func:`~infotheory.mutual_information` (with a custom statistic: if
        their lengths differ or they are empty).

    Notes
    -----
    Shuffling ``y`` keeps both margins of the contingency table, so for the
    default statistic only :math:`S = \sum_{ij} n_{ij} \log n_{ij}` varies:
    :math:`\hat I = \log n + (S - \sum_i a_i \log a_i - \sum_j b_j \log b_j)/n`.
    The labels are coded once; each block of shuffles is counted with one
    :func:`numpy.bincount` over (shuffle, cell) indices, so no Python loop
    runs per shuffle and memory stays bounded by the block size.  Null values
    equal to the statistic up to round-off (relative ``100 * eps``, as in
    :func:`scipy.stats.permutation_test`) count as ties, i.e. as
    :math:`\ge`.  The shuffles are the same for any statistic, so, e.g.,
    ``statistic=lambda a, b: mutual_information(a, b)`` reproduces the
    default's null distribution up to round-off, one call per shuffle.

    References
    ----------
    .. [1] B. Phipson and G. K. Smyth, "Permutation p-values should never be
       zero", *Statistical Applications in Genetics and Molecular Biology*
       9(1), 2010.

    Examples
    --------
    >>> x = np.repeat([0, 1, 2], 20)
    >>> result = permutation_test(x, x, n_permutations=99, seed=0)
    >>> result.pvalue, result.null_distribution.shape
    (0.01, (99,))
    """
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    rng = np.random.default_rng(seed)
    if statistic is None or statistic is mutual_information:
        observed, null, count = _mutual_information_null(x, y, rng, n_permutations)
    else:
        observed, null = _custom_null(x, y, rng, n_permutations, statistic)
        count = int(np.count_nonzero(null >= observed - _TIE_RTOL * abs(observed)))
    null.setflags(write=False)
    return PermutationTestResult(
        statistic=observed,
        null_distribution=null,
        pvalue=(1 + count) / (1 + n_permutations),
        n_permutations=n_permutations,
    )


def _mutual_information_null(
    x: ArrayLike, y: ArrayLike, rng: np.random.Generator, n_permutations: int
) -> tuple[float, np.ndarray, int]:
    """Observed plug-in MI, its null distribution, and the count of null >= observed."""
    x_arr, y_arr = check_paired_labels(x, y)
    x_values, x_codes = np.unique(x_arr, return_inverse=True)
    y_values, y_codes = np.unique(y_arr, return_inverse=True)
    y_codes = y_codes.astype(np.int64)
    n, k_y = x_codes.size, y_values.size
    cells = x_values.size * k_y
    x_cells = x_codes.astype(np.int64) * k_y
    n_log_n = xlogy(np.arange(n + 1), np.arange(n + 1))
    margins = n_log_n[np.bincount(x_codes)].sum() + n_log_n[np.bincount(y_codes)].sum()
    s_obs = n_log_n[np.bincount(x_cells + y_codes, minlength=cells)].sum()
    s_null = np.empty(n_permutations)
    done = 0
    for perms in _permutation_blocks(rng, n, n_permutations, cells):
        rows = perms.shape[0]
        # Offsetting each shuffle's cells by row * cells makes one bincount
        # count every shuffle's table at once.
        flat = y_codes[perms]
        flat += x_cells
        flat += cells * np.arange(rows)[:, None]
        tables = np.bincount(flat.ravel(), minlength=rows * cells).reshape(rows, cells)
        s_null[done : done + rows] = n_log_n[tables].sum(axis=1)
        done += rows
    # Compare on S, a sum of non-negative terms, so the tolerance is relative
    # to a quantity whose round-off is relative too.
    count = int(np.count_nonzero(s_null >= s_obs - _TIE_RTOL * s_obs))
    null = np.maximum(np.log(n) + (s_null - margins) / n, 0.0)
    observed = max(float(np.log(n) + (s_obs - margins) / n), 0.0)
    return observed, null, count


def _custom_null(
    x: ArrayLike,
    y: ArrayLike,
    rng: np.random.Generator,
    n_permutations: int,
    statistic: Callable[[np.ndarray, np.ndarray], float],
) -> tuple[float, np.ndarray]:
    if not callable(statistic):
        raise ValueError(f"statistic must be callable or None, got {statistic!r}")
    x_arr, y_arr = np.asarray(x), np.asarray(y)
    if x_arr.ndim == 0 or y_arr.ndim == 0 or x_arr.shape[0] == 0:
        raise ValueError("x and y must be non-empty arrays")
    n = x_arr.shape[0]
    if y_arr.shape[0] != n:
        raise ValueError(f"x and y must have the same length, got {n} and {y_arr.shape[0]}")
    observed = float(statistic(x_arr, y_arr))
    null = np.array(
        [
            float(statistic(x_arr, y_arr[perm]))
            for perms in _permutation_blocks(rng, n, n_permutations, 1)
            for perm in perms
        ]
    )
    return observed, null


def plugin_bias(bins_x: ArrayLike, bins_y: ArrayLike, n: ArrayLike) -> float | np.ndarray:
    r"""First-order bias of the plug-in mutual information of independent variables.

    .. math:: E[\hat I] - I \approx \frac{(B_x - 1)(B_y - 1)}{2n}

    For independent :math:`X` and :math:`Y` with :math:`B_x` and :math:`B_y`
    occupied bins (labels), the plug-in estimate from :math:`n` samples
    exceeds the true value 0 by this much on average, to first order in
    :math:`1/n` (Miller [1]_, Paninski [2]_); :math:`2n\hat I` is then
    approximately :math:`\chi^2` with :math:`(B_x - 1)(B_y - 1)` degrees of
    freedom, the G-test.

    Parameters
    ----------
    bins_x, bins_y : int or array-like of int
        Numbers of bins, at least 1.
    n : int or array-like of int
        Sample sizes, at least 1.  The three arguments broadcast together.

    Returns
    -------
    float or ndarray
        The bias in nats; a float when all three arguments are scalars.

    Raises
    ------
    ValueError
        If an argument holds a non-integer (bools included) or a value below 1,
        or the shapes do not broadcast.

    References
    ----------
    .. [1] G. A. Miller, "Note on the bias of information estimates", in
       *Information Theory in Psychology*, 1955, pp. 95-100.
    .. [2] L. Paninski, "Estimation of entropy and mutual information",
       *Neural Computation* 15(6), 2003.

    Examples
    --------
    >>> plugin_bias(10, 10, 1000)
    0.0405
    >>> plugin_bias(np.array([2, 5, 10]), 5, 100).tolist()
    [0.02, 0.08, 0.18]
    """
    bx = check_int_array(bins_x, "bins_x", minimum=1)
    by = check_int_array(bins_y, "bins_y", minimum=1)
    size = check_int_array(n, "n", minimum=1)
    try:
        bias = (bx - 1) * (by - 1) / (2.0 * size)
    except ValueError:
        raise ValueError(
            f"bins_x, bins_y and n must broadcast together, got shapes "
            f"{bx.shape}, {by.shape} and {size.shape}"
        ) from None
    return float(bias) if bias.ndim == 0 else bias
