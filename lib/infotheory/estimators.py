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

import numbers
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import KDTree
from scipy.special import digamma, xlogy

from ._counting import label_codes
from ._validation import (
    _asarray,
    check_int,
    check_paired_labels,
    check_returned_number,
    check_samples,
    check_seed,
    warn_if_continuous,
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

# KSG breaks ties (repeated values in a column) with deterministic normal noise of
# this standard deviation relative to the column's range, at least _TIE_ULPS
# float spacings, drawn from default_rng(_TIE_SEED); see ksg_mutual_information.
# The seed is the ASCII of "KSG ties", not 0: data drawn with default_rng(0), as in
# many examples, would otherwise be jittered by its own values and keep sub-grid
# information (rounded Gaussian data then gave 2.5 nats instead of 0.34).
_TIE_NOISE = 1e-10
_TIE_ULPS = 16
_TIE_SEED = int.from_bytes(b"KSG ties", "big")

# Largest n_permutations accepted: the null distribution then takes 80 MB.
_MAX_PERMUTATIONS = 10**7

# permutation_test counts each shuffle's table densely (one bincount) up to
# this many cells per sample and by sorting cell keys beyond: the dense pass
# costs O(n + cells) per shuffle and the sort O(n log n), which measured
# equal near 4 to 8 cells per sample for n = 1e3 to 1e5.
_DENSE_CELLS_PER_SAMPLE = 4


def ksg_mutual_information(
    x: ArrayLike, y: ArrayLike, *, k: int = 3
) -> float:
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
        which shows the estimator's noise honestly.  Exactly 0.0 when ``x``
        or ``y`` is constant (all rows equal): a constant carries no
        information.

    Raises
    ------
    ValueError
        If ``k`` is not an integer with ``1 <= k < n_samples`` (bools are
        refused), the lengths differ, either array is empty, more than 2-D,
        or holds NaN, inf or values beyond the float64 range, or a column's
        range (max - min) overflows float64, so that distances would be
        infinite.

    Notes
    -----
    Mutual information is unchanged by a strictly monotone transformation
    of a one-dimensional ``x`` or ``y``; the estimate only approximately so,
    because the transformation changes the distances and hence which points
    are neighbours.

    :math:`\epsilon_i` comes from a k-d tree query
    (:class:`scipy.spatial.KDTree`, ``p=inf``, built with
    ``balanced_tree=False``, the sliding-midpoint rule, which builds faster
    than median splits), with the points queried in the tree's own order so
    that successive queries visit the same nodes.  The distances are computed
    exactly, point to point, so neither choice changes any result.
    "Strictly closer" is implemented by counting the points within
    ``np.nextafter(eps, 0)``, the largest float below :math:`\epsilon_i`:
    with the tree's ``query_ball_point(..., return_length=True)`` for a
    multi-dimensional marginal, and for a one-dimensional one by a sorted
    search (:func:`numpy.searchsorted` for :math:`v_i \pm r_i`) followed by an
    exact boundary fix-up, so that the counts equal the tree's test
    :math:`|v_j - v_i| \le r_i` in floating point whatever the rounding of
    :math:`v_i \pm r_i`.

    **Ties.**  The method assumes continuous data without ties; rounded data
    have them, and then both the strict count and :math:`\epsilon_i` itself
    break down: on a grid, :math:`\epsilon_i` is often exactly one grid step,
    so "strictly closer" drops every neighbour on the next grid line (Gaussian
    data with true MI 0.35 nats, rounded to 2 decimals: 0.62 at
    :math:`n = 10^4`), and with more than ``k`` copies of a point
    :math:`\epsilon_i = 0`.  The rule here:

    * a constant ``x`` or ``y`` gives exactly 0.0;
    * every non-constant column of ``x`` or ``y`` that repeats a value gets
      deterministic normal noise with standard deviation ``1e-10`` times the
      column's range (at least 16 float spacings of its largest magnitude,
      so that every value moves), from a fixed seed; columns without a
      repeated value, and so all tie-free data, are used bit for bit.  This
      is scikit-learn's remedy (its ``mutual_info_regression`` adds
      ``1e-10``-scale noise always, after scaling to unit variance)
      restricted to the columns that need it, so that tie-free data keep the
      raw estimate.  The rounded example above then
      gives 0.350, scikit-learn 0.348; 100,000 copies of a fair coin flip
      paired with themselves give 0.691 (:math:`\log 2 = 0.693`), where
      without noise the k-d tree query alone took minutes (it cannot split
      equal points).  The noise is a fixed function of the data, so the
      estimate does not depend on any global random state;
    * should a sample still have :math:`\epsilon_i = 0` (more than ``k``
      exact copies in the joint space after the noise, e.g. for values near
      the float resolution), it uses :math:`k_i` = its number of exact joint
      copies other than itself in place of :math:`k`, and :math:`n_x(i)`,
      :math:`n_y(i)` = its numbers of exact copies in each marginal: the
      zero-distance rule of Gao et al. [2]_, with :math:`\psi(n)` as in
      algorithm 1.  For purely discrete data that term is
      :math:`\psi(n_{xy} - 1) + \psi(n) - \psi(a) - \psi(b)` with cell count
      :math:`n_{xy}` and margins :math:`a, b`, close to the plug-in
      :math:`\log(n\,n_{xy}/(a b))`, never the large negative value that
      keeping :math:`k` gives (:math:`\psi(3) - \psi(100) \approx -3.68` for
      100 identical points).

    Cost: one k-nearest-neighbour query in the joint space and two counting
    passes in the marginals, :math:`O(n \log n)` for low dimensions.

    References
    ----------
    .. [1] A. Kraskov, H. Stoegbauer and P. Grassberger, "Estimating mutual
       information", *Physical Review E* 69, 066138, 2004.
    .. [2] W. Gao, S. Kannan, S. Oh and P. Viswanath, "Estimating mutual
       information for discrete-continuous mixtures", *Advances in Neural
       Information Processing Systems* 30, 2017.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(2000)
    >>> y = 0.8 * x + 0.6 * rng.standard_normal(2000)
    >>> truth = -0.5 * np.log(1 - 0.8**2)
    >>> bool(abs(ksg_mutual_information(x, y) - truth) < 0.05)
    True
    >>> ksg_mutual_information(np.ones(100), np.ones(100))
    0.0
    """
    k = check_int(k, "k", minimum=1)
    xs, ys = check_samples(x, "x"), check_samples(y, "y")
    n = xs.shape[0]
    if ys.shape[0] != n:
        raise ValueError(
            "x and y must have the same length, "
            f"got {n} and {ys.shape[0]}"
        )
    if k >= n:
        raise ValueError(
            "k must be smaller than the number of samples "
            f"({n}), got {k}"
        )
    spreads = []
    for name, arr in (("x", xs), ("y", ys)):
        with np.errstate(over="ignore"):
            spreads.append(arr.max(axis=0) - arr.min(axis=0))
        if not np.all(np.isfinite(spreads[-1])):
            raise ValueError(
                f"{name} must have a range (max - min) below the "
                "float64 maximum, so that distances are finite; "
                "rescale it"
            )
    if not (np.any(spreads[0]) and np.any(spreads[1])):
        return 0.0  # a constant x or y
    rng = np.random.default_rng(_TIE_SEED)
    xs, x_order = _break_ties(xs, spreads[0], rng)
    ys, y_order = _break_ties(ys, spreads[1], rng)
    joint = np.hstack((xs, ys))
    tree = KDTree(joint, balanced_tree=False)
    # The (k+1)-th nearest point, counting the sample itself, is
    # its k-th neighbour. Querying in the tree's order keeps
    # successive queries in the same nodes.
    order = tree.indices
    eps = np.empty(n)
    eps[order] = tree.query(joint[order], k=[k + 1], p=np.inf)[0][:, 0]
    radius = np.nextafter(eps, 0)
    # Each count includes the sample itself, so it is n_x + 1 already.
    n_x1 = _count_within(xs, radius, order=x_order)
    n_y1 = _count_within(ys, radius, order=y_order)
    tied = eps == 0
    if not np.any(tied):
        marginal = np.mean(digamma(n_x1) + digamma(n_y1))
        return float(digamma(k) + digamma(n) - marginal)
    # Gao et al.'s rule for eps = 0: k_i = the number of exact
    # joint copies other than i. (+ 0.0 turns -0.0 into 0.0: equal,
    # as distances see it.)
    _, copies, counts = np.unique(
        joint + 0.0, axis=0, return_inverse=True, return_counts=True
    )
    k_i = np.where(tied, counts[copies.reshape(-1)] - 1, k)
    marginal = digamma(n_x1) + digamma(n_y1)
    return float(digamma(n) + np.mean(digamma(k_i) - marginal))


def _break_ties(
    arr: np.ndarray, spread: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray | None]:
    """Add deterministic tiny noise to each non-constant column of ``arr`` that repeats a value.

    The noise is normal with standard deviation ``_TIE_NOISE`` times the
    column's range, and at least ``_TIE_ULPS`` floating-point spacings of its
    largest magnitude so that it changes every value.  Columns without a
    repeated value are returned bit for bit.  Also returns the argsort of a
    one-dimensional result (None for several columns), which the tie check
    computes anyway and :func:`_count_within_sorted` reuses.
    """
    order = np.argsort(arr, axis=0)
    ordered = np.take_along_axis(arr, order, axis=0)
    repeats = np.any(ordered[1:] == ordered[:-1], axis=0) & (spread > 0)
    if np.any(repeats):
        arr = arr.copy()
        for column in np.flatnonzero(repeats):
            values = arr[:, column]
            scale = max(_TIE_NOISE * spread[column], _TIE_ULPS * np.spacing(np.max(np.abs(values))))
            arr[:, column] = values + scale * rng.standard_normal(values.size)
        order = np.argsort(arr, axis=0)
    return arr, (order[:, 0] if arr.shape[1] == 1 else None)


def _count_within(
    points: np.ndarray, radius: np.ndarray, *, order: np.ndarray | None = None
) -> np.ndarray:
    """Count the points within max-norm distance ``radius[i]`` of ``points[i]``, itself too.

    ``points`` has shape (n, d) and ``radius`` shape (n,), non-negative.  The
    counts are exactly those of a k-d tree ball query,
    ``KDTree(points).query_ball_point(points, radius, p=inf, return_length=True)``.
    ``order``, optional, is ``np.argsort(points[:, 0])`` of one-dimensional
    points, if already known.
    """
    if points.shape[1] > 1:
        tree = KDTree(points)
        in_tree = tree.indices  # query in tree order: same counts, better locality
        counts = np.empty(points.shape[0], dtype=np.intp)
        counts[in_tree] = tree.query_ball_point(
            points[in_tree], radius[in_tree], p=np.inf, return_length=True
        )
        return counts
    return _count_within_sorted(points[:, 0], radius, order=order)


def _count_within_sorted(
    values: np.ndarray, radius: np.ndarray, *, order: np.ndarray | None = None
) -> np.ndarray:
    """One-dimensional :func:`_count_within` by a sorted search with an exact fix-up.

    In sorted order ``v``, the points within ``r_i`` of ``v_i`` are the range
    ``lo <= j < hi`` with ``hi`` the first ``j`` where ``v_j - v_i > r_i`` and
    ``lo`` the first ``j`` where ``v_i - v_j <= r_i``, both computed in floating
    point as the tree does (rounding is monotone, so each test changes value
    once along ``v``).  :func:`numpy.searchsorted` for ``v_i + r_i`` and
    ``v_i - r_i`` lands on or next to these boundaries; the rounding of
    ``v_i +- r_i`` can put it one distinct value off, which the fix-up
    corrects by re-testing the exact condition at the boundary, stepping one
    position first (the common case, distinct values) and then jumping over
    runs of tied values with another search until the test holds.
    """
    if order is None:
        order = np.argsort(values)
    v, r = values[order], radius[order]
    n = v.size
    with np.errstate(over="ignore"):  # v +- r may overflow to +-inf: still the right side
        hi = np.searchsorted(v, v + r, side="right")
        lo = np.searchsorted(v, v - r, side="left")
    # hi too small: v[hi] is still inside.  (hi >= 1: v_i itself is always inside.)
    grow = np.flatnonzero(v[np.minimum(hi, n - 1)] - v <= r)
    grow = grow[hi[grow] < n]
    while grow.size:
        hi[grow] = np.searchsorted(v, v[hi[grow]], side="right")
        grow = grow[hi[grow] < n]
        grow = grow[v[hi[grow]] - v[grow] <= r[grow]]
    # hi too large: v[hi - 1] is outside.  Step once, then jump over tied runs.
    shrink = np.flatnonzero(v[hi - 1] - v > r)
    hi[shrink] -= 1
    shrink = shrink[v[hi[shrink] - 1] - v[shrink] > r[shrink]]
    while shrink.size:
        hi[shrink] = np.searchsorted(v, v[hi[shrink] - 1], side="left")
        shrink = shrink[v[hi[shrink] - 1] - v[shrink] > r[shrink]]
    # lo too large: v[lo - 1] is still inside.
    grow = np.flatnonzero(v - v[np.maximum(lo - 1, 0)] <= r)
    grow = grow[lo[grow] > 0]
    while grow.size:
        lo[grow] = np.searchsorted(v, v[lo[grow] - 1], side="left")
        grow = grow[lo[grow] > 0]
        grow = grow[v[grow] - v[lo[grow] - 1] <= r[grow]]
    # lo too small: v[lo] is outside.  (lo <= i: v_i itself is always inside.)
    shrink = np.flatnonzero(v - v[lo] > r)
    lo[shrink] += 1
    shrink = shrink[v[shrink] - v[lo[shrink]] > r[shrink]]
    while shrink.size:
        lo[shrink] = np.searchsorted(v, v[lo[shrink]], side="right")
        shrink = shrink[v[shrink] - v[lo[shrink]] > r[shrink]]
    counts = np.empty(n, dtype=np.intp)
    counts[order] = hi - lo
    return counts


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
        Paired labels (ints, bools, strings, or floats without NaN or +-inf); with a
        custom ``statistic``, any arrays with the same length along axis 0.
    n_permutations : int, default=1000
        Number of shuffles :math:`B`, from 1 to ``10**7``.  The smallest
        attainable p-value is :math:`1 / (B + 1)`.
    seed : int, numpy.random.Generator or None, optional
        ``None``, a non-negative integer, or a Generator (its stream is used
        and advanced), passed to :func:`numpy.random.default_rng`; the same
        seed gives the same shuffles and result.
    statistic : callable, optional
        ``statistic(x, y) -> float``, larger meaning more dependent.  ``None``
        (default) or :func:`~infotheory.mutual_information` itself uses the
        plug-in mutual information in nats, computed for all shuffles at once;
        any other callable is evaluated once per shuffle and must return one
        finite real number each time.

    Returns
    -------
    PermutationTestResult
        ``statistic``, ``null_distribution`` (shape ``(n_permutations,)``),
        ``pvalue`` and ``n_permutations``.

    Raises
    ------
    ValueError
        If ``n_permutations`` is not an integer from 1 to ``10**7``, ``seed`` is
        not None, a non-negative integer or a Generator, ``statistic`` is not
        callable or returns NaN, inf or an array of more than one value (on
        the observed data or on any shuffle), or ``x`` and ``y`` fail the
        checks of :func:`~infotheory.mutual_information` (with a custom
        statistic: if their lengths differ, they are empty, ragged nested
        sequences or masked arrays, whose masks shuffling would not keep).
    TypeError
        If ``statistic`` returns something that is not a real number (None,
        a string, a bool, a complex number).

    Warns
    -----
    ContinuousLabelsWarning
        With the default statistic (a custom one decides for itself), if ``x``
        or ``y`` looks continuous: a float array of at least 20 labels, more
        than half of them distinct (the rule of
        :class:`~infotheory.ContinuousLabelsWarning`).  Each value is then its
        own label and the plug-in MI measures little beyond the number of
        labels; for continuous samples pass
        ``statistic=ksg_mutual_information``.  Integer labels never warn.

    Notes
    -----
    Shuffling ``y`` keeps both margins of the contingency table, so for the
    default statistic only :math:`S = \sum_{ij} n_{ij} \log n_{ij}` varies:
    :math:`\hat I = \log n + (S - \sum_i a_i \log a_i - \sum_j b_j \log b_j)/n`,
    and :math:`S` only depends on the occupied cells.  The labels are coded
    once, and each block of shuffles is counted at once, in one of two ways
    chosen by the size :math:`k_x k_y` of the table:

    * at most :math:`4n` cells: one :func:`numpy.bincount` over (shuffle,
      cell) indices, :math:`O(n + k_x k_y)` per shuffle;
    * more cells (many distinct labels): the cell keys
      :math:`x_i k_y + y_{\pi(i)}` of each shuffle are sorted and :math:`S`
      summed over the runs of equal keys, :math:`O(n \log n)` per shuffle, so
      memory is :math:`O(n)` however many distinct labels there are (a dense
      table of 10,000 all-distinct labels alone would take 800 MB).  Samples
      whose ``x`` label occurs once are left out of the keys: each is alone
      in its cell in every shuffle and adds :math:`1 \log 1 = 0`.

    No Python loop runs per shuffle and memory stays bounded by the block
    size (about :math:`2^{16}` elements per array).  Null values equal to the
    statistic up to round-off (relative ``100 * eps``, as in
    :func:`scipy.stats.permutation_test`) count as ties, i.e. as
    :math:`\ge`.  The shuffles are the same for any statistic and either
    counting path, so, e.g., ``statistic=lambda a, b: mutual_information(a, b)``
    reproduces the default's null distribution up to round-off, one call per
    shuffle.

    ``n_permutations`` is capped at ``10**7``: the null distribution then
    takes 80 MB and a p-value resolution of :math:`10^{-7}` is far below any
    level in use; larger requests (``10**12`` would need 8 TB) are refused
    rather than left to fail inside NumPy.

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
    if n_permutations > _MAX_PERMUTATIONS:
        raise ValueError(
            f"n_permutations must be at most {_MAX_PERMUTATIONS:_} (10**7), got {n_permutations:_}"
        )
    rng = check_seed(seed)
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
    _, x_codes = label_codes(x_arr, values=False)
    _, y_codes = label_codes(y_arr, values=False)
    k_x, k_y = int(x_codes.max()) + 1, int(y_codes.max()) + 1
    warn_if_continuous(x_arr, k_x, "x", "permutation_test")
    warn_if_continuous(y_arr, k_y, "y", "permutation_test")
    n = x_codes.size
    cells = k_x * k_y
    n_log_n = xlogy(np.arange(n + 1), np.arange(n + 1))
    margins = n_log_n[np.bincount(x_codes)].sum() + n_log_n[np.bincount(y_codes)].sum()
    s_null = np.empty(n_permutations)
    done = 0
    if cells <= _DENSE_CELLS_PER_SAMPLE * n:
        y_codes = y_codes.astype(np.int64)
        x_cells = x_codes.astype(np.int64) * k_y
        s_obs = n_log_n[np.bincount(x_cells + y_codes, minlength=cells)].sum()
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
    else:
        # Sorting 32-bit keys measured about 3x faster than 64-bit ones.
        dtype = np.int32 if cells <= np.iinfo(np.int32).max else np.int64
        y_codes = y_codes.astype(dtype)
        x_cells = x_codes.astype(dtype) * dtype(k_y)
        # A sample whose x label occurs once is alone in its cell whatever y it is
        # paired with, and 1 log 1 = 0: only the other samples' keys need sorting.
        keep = np.flatnonzero(np.bincount(x_codes)[x_codes] > 1)
        x_kept = x_cells[keep]
        s_obs = 0.0
        if keep.size:
            s_obs = _sum_n_log_n_of_runs(np.sort(x_kept + y_codes[keep])[None, :], n_log_n)[0]
        for perms in _permutation_blocks(rng, n, n_permutations, n):
            rows = perms.shape[0]
            if keep.size == 0:
                s_null[done : done + rows] = 0.0
            else:
                keys = y_codes[perms if keep.size == n else perms[:, keep]]
                keys += x_kept
                keys.sort(axis=1)
                s_null[done : done + rows] = _sum_n_log_n_of_runs(keys, n_log_n)
            done += rows
    # Compare on S, a sum of non-negative terms, so the tolerance is relative
    # to a quantity whose round-off is relative too.
    count = int(np.count_nonzero(s_null >= s_obs - _TIE_RTOL * s_obs))
    null = np.maximum(np.log(n) + (s_null - margins) / n, 0.0)
    observed = max(float(np.log(n) + (s_obs - margins) / n), 0.0)
    return observed, null, count


def _sum_n_log_n_of_runs(keys: np.ndarray, n_log_n: np.ndarray) -> np.ndarray:
    """Per row of ``keys`` (sorted along axis 1), the sum of c log c over runs of equal keys.

    A run of ``c`` equal keys is one occupied cell with count ``c``.
    """
    rows, n = keys.shape
    # Run starts, flattened, plus a sentinel start one past the end.
    starts = np.empty(rows * n + 1, dtype=bool)
    grid = starts[:-1].reshape(rows, n)
    grid[:, 0] = True  # every row starts a run, so runs never cross rows
    np.not_equal(keys[:, 1:], keys[:, :-1], out=grid[:, 1:])
    starts[-1] = True
    first = np.flatnonzero(starts)
    lengths = first[1:] - first[:-1]
    row_first_run = np.searchsorted(first, np.arange(rows) * n)
    return np.add.reduceat(n_log_n[lengths], row_first_run)


def _custom_null(
    x: ArrayLike,
    y: ArrayLike,
    rng: np.random.Generator,
    n_permutations: int,
    statistic: Callable[[np.ndarray, np.ndarray], float],
) -> tuple[float, np.ndarray]:
    if not callable(statistic):
        raise ValueError(f"statistic must be callable or None, got {statistic!r}")
    x_arr, y_arr = _asarray(x, "x"), _asarray(y, "y")
    if x_arr.ndim == 0 or y_arr.ndim == 0 or x_arr.shape[0] == 0:
        raise ValueError("x and y must be non-empty arrays")
    n = x_arr.shape[0]
    if y_arr.shape[0] != n:
        raise ValueError(f"x and y must have the same length, got {n} and {y_arr.shape[0]}")
    observed = _statistic_value(statistic(x_arr, y_arr), "the observed data")
    null = np.empty(n_permutations)
    done = 0
    for perms in _permutation_blocks(rng, n, n_permutations, 1):
        for perm in perms:
            null[done] = _statistic_value(statistic(x_arr, y_arr[perm]), f"shuffle {done}")
            done += 1
    return observed, null


def _statistic_value(value: object, where: str) -> float:
    """One value returned by ``statistic``, as a finite float."""
    return check_returned_number(value, "statistic", where)


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
    bx = _positive_integers(bins_x, "bins_x")
    by = _positive_integers(bins_y, "bins_y")
    size = _positive_integers(n, "n")
    try:
        with np.errstate(over="ignore"):
            bias = (bx - 1) * (by - 1) / (2 * size)
    except ValueError:
        raise ValueError(
            f"bins_x, bins_y and n must broadcast together, got shapes "
            f"{bx.shape}, {by.shape} and {size.shape}"
        ) from None
    if not np.all(np.isfinite(bias)):
        raise ValueError("bins_x * bins_y is too large: the bias overflows float64 (above 1.8e308)")
    return float(bias) if bias.ndim == 0 else bias


def _positive_integers(a: ArrayLike, name: str) -> np.ndarray:
    """``a``, an integer or array of integers >= 1 (not bools), as float64.

    Converting before any arithmetic avoids int64 wrap-around in products
    (``(2**62 - 1) * 3``); integers beyond 2**53 (Python ints of any size
    too) are rounded to the nearest float, a relative error below 1.2e-16.
    """
    message = f"{name} must hold integers >= 1, got {a!r}"
    arr = _asarray(a, name)  # masked, ragged and structured arrays refused by name
    if arr.dtype.kind == "O":
        items = arr.ravel().tolist()
        if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in items):
            raise ValueError(message)
        if any(v < 1 for v in items):
            raise ValueError(message)
        try:
            return np.array([float(v) for v in items]).reshape(arr.shape)
        except OverflowError:
            raise ValueError(f"{name} is too large (above 1.8e308)") from None
    if arr.dtype.kind not in "iu" or np.any(arr < 1):
        raise ValueError(message)
    return arr.astype(float)
