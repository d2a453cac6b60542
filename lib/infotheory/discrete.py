r"""Entropy, KL divergence and mutual information of discrete distributions and labels.

All logarithms are natural (results in nats) unless ``base`` is given;
``base=2`` gives bits.  The conventions follow :func:`scipy.special.entr` and
:func:`scipy.special.rel_entr`: :math:`0 \log 0 = 0`, and a term with
:math:`q = 0 < p` makes the divergence infinite.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import entr, rel_entr

from ._validation import (
    _asarray,
    check_base,
    check_choice,
    check_distribution,
    check_int,
    check_labels,
    check_paired_labels,
    check_samples,
)

__all__ = [
    "conditional_entropy",
    "conditional_mutual_information",
    "contingency_table",
    "discretize",
    "entropy",
    "joint_distribution",
    "kl_divergence",
    "mutual_information",
]

CORRECTIONS = (None, "miller-madow", "shrinkage")
_INT64_MAX = int(np.iinfo(np.int64).max)

# contingency_table and joint_distribution return dense arrays; beyond this many
# cells (80 MB as int64) they refuse, and the counting functions, which store only
# the occupied cells, are the way to go.
DENSE_TABLE_LIMIT = 10**7

# Joint cell codes x_code * k_y + y_code are int64; beyond this k_x * k_y they could
# overflow (n > 3e9 samples) and the pairs are sorted with np.lexsort instead.
_JOINT_CODE_LIMIT = _INT64_MAX

# Coded labels with at most max(n, this) joint cells are counted with one bincount.
_BINCOUNT_CELLS = 1 << 16

# Strings longer than this many uint64 keys (3 code points or 8 bytes each) are
# sorted as strings; shorter ones as packed integer keys (see _sort_order).
_MAX_STRING_KEYS = 4

# The most bins discretize accepts: its edges array has bins - 1 entries.
MAX_BINS = 10**6


def _in_base(value: float, base: float | None) -> float:
    return float(value) if base is None else float(value / np.log(base))


def entropy(p: ArrayLike, *, base: float | None = None) -> float:
    r"""Shannon entropy of a discrete distribution.

    .. math:: H(p) = -\sum_i p_i \log p_i

    ``p`` may hold probabilities or non-negative counts; it is normalised
    first, as :func:`scipy.stats.entropy` does.  The result does not depend on
    the order of the entries.

    Parameters
    ----------
    p : array-like of shape (m,)
        Non-negative weights, not all zero.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        :math:`0 \le H \le \log m`.  Zero entries contribute 0
        (:math:`0 \log 0 = 0`).

    Raises
    ------
    ValueError
        If ``p`` is empty, not 1-D, holds a negative, NaN or inf entry, or
        is all zero; or if ``base`` is not a positive number other than 1.

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)
    1.0
    >>> entropy([1, 1, 2]) == entropy([0.25, 0.25, 0.5])
    True
    """
    base = check_base(base)
    pk = check_distribution(p, "p")
    return _in_base(entr(pk).sum(), base)


def kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> float:
    r"""Kullback-Leibler divergence :math:`D_{KL}(p \,\|\, q)`.

    .. math:: D_{KL}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i}

    Both arguments are normalised first.  Terms with :math:`p_i = 0`
    contribute 0; a term with :math:`q_i = 0 < p_i` makes the result
    ``inf``.  The divergence is not symmetric in ``p`` and ``q``.

    Parameters
    ----------
    p, q : array-like of shape (m,)
        Non-negative weights, not all zero, of the same shape.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        :math:`\ge 0`, zero exactly when ``p`` and ``q`` are equal after
        normalisation; ``inf`` if ``p`` puts weight where ``q`` has none.

    Raises
    ------
    ValueError
        If the shapes differ, or either argument fails the checks of
        :func:`entropy`.

    Examples
    --------
    >>> bool(np.isclose(kl_divergence([0.5, 0.5], [0.25, 0.75], base=2),
    ...                 0.5 * np.log2(0.5 / 0.25) + 0.5 * np.log2(0.5 / 0.75)))
    True
    >>> kl_divergence([1, 0], [0, 1])
    inf
    """
    base = check_base(base)
    pk, qk = check_distribution(p, "p"), check_distribution(q, "q")
    if pk.shape != qk.shape:
        raise ValueError(f"p and q must have the same shape, got {pk.shape} and {qk.shape}")
    return _in_base(rel_entr(pk, qk).sum(), base)


class SparseTable(NamedTuple):
    """The occupied cells of a contingency table, and its margins.

    ``counts[k]`` samples have ``x == x_values[rows[k]]`` and
    ``y == y_values[cols[k]]``; the cells come in row-major order, each once, and
    only occupied cells are stored.  ``a`` and ``b`` are the row and column sums
    (every entry >= 1).  Memory is O(n + occupied cells) whatever the number of labels.
    """

    counts: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    a: np.ndarray
    b: np.ndarray
    x_values: np.ndarray
    y_values: np.ndarray

    @property
    def n(self) -> int:
        return int(self.a.sum())

    @property
    def shape(self) -> tuple[int, int]:
        return self.a.size, self.b.size


def _sparse_from_dense(
    counts: np.ndarray, x_values: np.ndarray, y_values: np.ndarray
) -> SparseTable:
    rows, cols = np.nonzero(counts)
    return SparseTable(
        counts[rows, cols], rows, cols, counts.sum(axis=1), counts.sum(axis=0), x_values, y_values
    )


def _label_codes(arr: np.ndarray, *, values: bool = True) -> tuple[np.ndarray | None, np.ndarray]:
    """The sorted distinct labels of a checked 1-D label array, and each sample's index into them.

    What ``np.unique(arr, return_inverse=True)`` returns (labels equal under ``==``
    are one label, so ``-0.0`` and ``0.0`` too), at about 25 bytes per sample of
    peak memory rather than 49; with ``values=False`` the labels are not kept.
    """
    order = _sort_order(arr)
    ordered = arr[order]
    new = np.empty(arr.size, dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    distinct = ordered[new] if values else None
    del ordered
    ranks = np.cumsum(new, dtype=np.intp)
    ranks -= 1
    del new
    codes = np.empty(arr.size, dtype=np.intp)
    codes[order] = ranks
    return distinct, codes


def _sort_order(arr: np.ndarray) -> np.ndarray:
    """Indices that sort ``arr``; short strings are sorted as packed integer keys.

    Comparing strings is far slower than comparing integers, so unicode labels
    of up to 12 characters (21 bits per code point, 3 per uint64) and byte
    labels of up to 32 bytes (8 per uint64) are packed into at most
    ``_MAX_STRING_KEYS`` uint64 keys in the same lexicographic order (NumPy pads
    with zeros, which sort first, as NumPy's own comparison does) and sorted with
    :func:`numpy.lexsort`: about 3x faster than sorting the strings for labels of
    a few characters.
    """
    kind, n = arr.dtype.kind, arr.size
    if kind not in "US" or n == 0:
        return np.argsort(arr)
    if kind == "U":
        width, bits, per_key = arr.dtype.itemsize // 4, 21, 3
        units = np.ascontiguousarray(arr, dtype=f"<U{width}").view("<u4")
    else:
        width, bits, per_key = arr.dtype.itemsize, 8, 8
        units = np.ascontiguousarray(arr).view(np.uint8)
    units = units.reshape(n, width)
    # The dtype's width can exceed every label's length (str of int64s is <U21): only
    # the columns up to the last non-zero one matter.
    used = np.flatnonzero(units.any(axis=0))
    width = int(used[-1]) + 1 if used.size else 0
    n_keys = -(-width // per_key)
    if width == 0 or n_keys > _MAX_STRING_KEYS:
        return np.argsort(arr)
    keys = []
    for start in range(0, n_keys * per_key, per_key):
        key = np.zeros(n, dtype=np.uint64)
        for j in range(start, start + per_key):
            key <<= np.uint64(bits)
            if j < width:
                key |= units[:, j]
        keys.append(key)
    return np.argsort(keys[0]) if n_keys == 1 else np.lexsort(keys[::-1])


def _sparse_of_codes(
    cx: np.ndarray, cy: np.ndarray, k_x: int, k_y: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Occupied cells (counts, rows, cols), row-major, of two code arrays in O(n) memory."""
    n = cx.size
    if k_x == n:
        # Every x label occurs once: each sample is its own cell, ordered by its row.
        rows = np.arange(n)
        cols = np.empty(n, dtype=np.int64)
        cols[cx] = cy
        return np.ones(n, dtype=np.int64), rows, cols
    if k_x * k_y <= max(n, _BINCOUNT_CELLS):
        # Few cells (20 x 20 string labels, say): one bincount, no sort, at most 8n bytes.
        counts = np.bincount(cx.astype(np.int64) * k_y + cy, minlength=k_x * k_y)
        cells = np.flatnonzero(counts)
        rows, cols = np.divmod(cells, k_y)
        return counts[cells], rows, cols
    if k_x * k_y <= _JOINT_CODE_LIMIT:
        cells, counts = np.unique(cx.astype(np.int64) * k_y + cy, return_counts=True)
        rows, cols = np.divmod(cells, k_y)
        return counts, rows, cols
    order = np.lexsort((cy, cx))
    sx, sy = cx[order], cy[order]
    starts = np.flatnonzero(np.concatenate(([True], (np.diff(sx) != 0) | (np.diff(sy) != 0))))
    counts = np.diff(np.append(starts, n))
    return counts, sx[starts].astype(np.int64), sy[starts].astype(np.int64)


def sparse_table(x: np.ndarray, y: np.ndarray, *, values: bool = True) -> SparseTable:
    """Sparse contingency table of two *checked* label arrays (see :class:`SparseTable`).

    Small-range integer labels are counted with one :func:`numpy.bincount` (no
    sort); all others are coded by sorting (as :func:`numpy.unique` does) and the
    occupied joint cells counted by sorting their int64 codes, so no k_x x k_y
    array is built.  With ``values=False`` the label values are not kept
    (``x_values`` and ``y_values`` may be None), which saves memory.
    """
    fast = _small_range_table(x, y)
    if fast is not None:
        return _sparse_from_dense(*fast)
    x_values, cx = _label_codes(x, values=values)
    y_values, cy = _label_codes(y, values=values)
    k_x, k_y = int(cx.max()) + 1, int(cy.max()) + 1
    counts, rows, cols = _sparse_of_codes(cx, cy, k_x, k_y)
    a = np.bincount(cx, minlength=k_x)
    b = np.bincount(cy, minlength=k_y)
    return SparseTable(counts, rows, cols, a, b, x_values, y_values)


def _small_range_table(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """Contingency table of small-range integer labels without sorting, or None.

    Offsetting by the minimum maps each label to its own cell in O(n),
    whereas ``np.unique`` sorts in O(n log n); the range check keeps the
    table small when labels are sparse (IDs up to 1e9, say).
    """
    if x.dtype.kind not in "iub" or y.dtype.kind not in "iub":
        return None
    # Python ints: the span of int64 labels can overflow int64 (-2**63 and 2**63 - 1).
    x_min, x_max, y_min, y_max = (int(v) for v in (x.min(), x.max(), y.min(), y.max()))
    if max(x_max, y_max) > _INT64_MAX:
        return None
    span_x, span_y = x_max - x_min + 1, y_max - y_min + 1
    if span_x * span_y > max(4 * x.size, 1 << 16):
        return None
    # One fresh array updated in place: on large inputs, allocating temporaries
    # costs more than the arithmetic.  Adding y before subtracting y_min may wrap
    # around, but int64 arithmetic is modulo 2**64 and the final index fits.
    cells = np.subtract(x, x_min, dtype=np.int64)
    cells *= span_y
    np.add(cells, y, out=cells, dtype=np.int64, casting="unsafe")
    if y_min:
        cells -= y_min
    counts = np.bincount(cells, minlength=span_x * span_y).reshape(span_x, span_y)
    rows = np.flatnonzero(counts.any(axis=1))
    cols = np.flatnonzero(counts.any(axis=0))
    x_values = (rows + x_min).astype(x.dtype)
    y_values = (cols + y_min).astype(y.dtype)
    return counts[np.ix_(rows, cols)], x_values, y_values


def contingency_table(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Counts of each pair of labels in two paired label arrays.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN, or datetime64/timedelta64 values without NaT.  A
        list mixing strings and numbers, and masked arrays, are refused.

    Returns
    -------
    counts : ndarray of int64, shape (k_x, k_y)
        ``counts[i, j]`` is the number of samples with
        ``x == x_values[i]`` and ``y == y_values[j]``; every row and column
        has at least one count.
    x_values, y_values : ndarray
        The sorted unique labels of ``x`` and ``y``.

    Raises
    ------
    ValueError
        If the lengths differ, or either array is empty, not 1-D or holds NaN;
        or if the dense table would have more than ``DENSE_TABLE_LIMIT``
        (10**7) cells, 80 MB as int64: with many distinct labels (say 1e5
        distinct floats) it would be almost all zeros.
        :func:`mutual_information`, :func:`conditional_entropy` and the
        clustering scores count only the occupied cells and need no table.

    Examples
    --------
    >>> counts, xv, yv = contingency_table([0, 0, 1, 1], ["a", "b", "b", "b"])
    >>> counts.tolist(), xv.tolist(), yv.tolist()
    ([[1, 1], [0, 2]], [0, 1], ['a', 'b'])
    """
    x_arr, y_arr = check_paired_labels(x, y)
    fast = _small_range_table(x_arr, y_arr)
    if fast is not None:
        _check_dense_size(*fast[0].shape, np.count_nonzero(fast[0]))
        return fast
    table = sparse_table(x_arr, y_arr)
    k_x, k_y = table.shape
    _check_dense_size(k_x, k_y, table.counts.size)
    counts = np.zeros(k_x * k_y, dtype=np.int64)
    counts[table.rows * k_y + table.cols] = table.counts
    return counts.reshape(k_x, k_y), table.x_values, table.y_values


def _check_dense_size(k_x: int, k_y: int, occupied: int) -> None:
    cells = k_x * k_y
    if cells > DENSE_TABLE_LIMIT:
        raise ValueError(
            f"the contingency table of x and y would have {k_x} x {k_y} = {cells:,} cells "
            f"({8 * cells / 2**30:.1f} GiB as int64), more than the limit of "
            f"{DENSE_TABLE_LIMIT:,}, of which only {occupied:,} are occupied; "
            "mutual_information, conditional_entropy and the clustering scores count "
            "only the occupied cells and need no table"
        )


def joint_distribution(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Empirical joint distribution of two paired label arrays.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN, or datetime64/timedelta64 values without NaT.  A
        list mixing strings and numbers, and masked arrays, are refused.

    Returns
    -------
    joint : ndarray of shape (k_x, k_y)
        ``joint[i, j] = P(x = x_values[i], y = y_values[j])``, the fraction
        of samples with that pair; it sums to 1.
    x_values, y_values : ndarray
        The sorted unique labels of ``x`` and ``y``.

    Raises
    ------
    ValueError
        If the lengths differ, or either array is empty, not 1-D or holds NaN;
        or if the dense table would have more than 10**7 cells (see
        :func:`contingency_table`).

    Examples
    --------
    >>> joint, xv, yv = joint_distribution([0, 0, 1, 1], [0, 1, 1, 1])
    >>> joint.tolist()
    [[0.25, 0.25], [0.0, 0.5]]
    """
    counts, x_values, y_values = contingency_table(x, y)
    return counts / counts.sum(), x_values, y_values


def _entropy_of_counts(counts: np.ndarray, n: int) -> float:
    nz = counts[counts > 0].astype(float)
    return float(np.log(n) - np.dot(nz, np.log(nz)) / n)


def mutual_information(
    x: ArrayLike,
    y: ArrayLike,
    *,
    base: float | None = None,
    correction: str | None = None,
) -> float:
    r"""Plug-in mutual information of two paired label arrays.

    With :math:`n_{ij}` the number of samples with the i-th label of ``x``
    and the j-th label of ``y``, and :math:`a_i`, :math:`b_j` the margins,

    .. math:: \hat I = \sum_{ij} \frac{n_{ij}}{n} \log \frac{n\, n_{ij}}{a_i b_j}
              = \hat H(X) + \hat H(Y) - \hat H(X, Y).

    The value is symmetric in ``x`` and ``y`` and independent of the label
    values themselves: any relabelling of either array gives the same result.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN, or datetime64/timedelta64 values without NaT.  A
        list mixing strings and numbers, and masked arrays, are refused.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.
    correction : {None, "miller-madow", "shrinkage"}, default=None
        ``"miller-madow"`` adds :math:`(m - 1) / (2n)` to each of the three
        plug-in entropies, :math:`m` the number of occupied cells of that
        distribution, which removes the leading term of their bias [2]_.
        ``"shrinkage"`` is the James-Stein shrinkage estimator of Hausser and
        Strimmer [4]_, as ``mi.shrink`` of the R package ``entropy`` computes
        it (see Notes).

    Returns
    -------
    float
        The plug-in value lies in :math:`[0, \min(\hat H(X), \hat H(Y))]`;
        round-off below zero is clipped to 0.0, so a constant array gives
        exactly 0.0.  The Miller-Madow value can be negative.  The shrinkage
        value is :math:`\ge 0` (round-off clipped) and 0.0 when
        :math:`\lambda = 1`.

    Raises
    ------
    ValueError
        If the lengths differ, either array is empty, not 1-D or holds NaN,
        ``correction`` is unknown, or ``base`` is invalid.

    Notes
    -----
    The plug-in estimate is biased upwards: for independent variables with
    :math:`B_x` and :math:`B_y` occupied labels it is about
    :math:`(B_x - 1)(B_y - 1) / (2n)` nats [3]_.

    Only occupied cells are counted, so memory is O(n + occupied cells)
    whatever the number of distinct labels (1e6 distinct floats are fine):
    small-range integer labels are counted with one :func:`numpy.bincount`
    (no sort); other labels are coded by sorting (as :func:`numpy.unique`
    does) and the occupied joint cells counted by sorting their int64 codes.
    At 1e6 distinct floats the peak is about 56 bytes per sample.

    **Shrinkage.**  With :math:`K = k_x k_y` the number of cells of the table of
    the observed labels (empty cells included) and :math:`\hat p_{ij} = n_{ij}/n`,
    the frequencies are shrunk towards the uniform target :math:`1/K`,

    .. math:: \hat p^{\,\mathrm{shrink}}_{ij} = \frac{\lambda}{K} + (1 - \lambda)\, \hat p_{ij},
              \qquad
              \lambda = \frac{1 - \sum_{ij} \hat p_{ij}^2}
                             {(n - 1) \sum_{ij} (1/K - \hat p_{ij})^2},

    with :math:`\lambda` clipped to :math:`[0, 1]`, and the result is the
    plug-in MI of :math:`\hat p^{\,\mathrm{shrink}}` with its own marginals.
    As in the R code, :math:`\lambda = 1` when :math:`n = 1` or when the
    denominator is zero (the table is already uniform), and then the value is
    0.0.  The sums over all :math:`K` cells are done in closed form (every empty
    cell holds :math:`\lambda / K`), so no dense table is built.  Shrinkage pulls
    a clearly dependent table towards independence, below the plug-in value, but
    it can lift a sample that is exactly independent with uneven margins above
    0 (a mixture of two product tables is not a product).

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*,
       2nd ed., Wiley, 2006, ch. 2.
    .. [2] G. A. Miller, "Note on the bias of information estimates", in
       *Information Theory in Psychology*, 1955, pp. 95-100.
    .. [3] L. Paninski, "Estimation of entropy and mutual information",
       *Neural Computation* 15(6), 2003.
    .. [4] J. Hausser and K. Strimmer, "Entropy inference and the James-Stein
       estimator, with application to nonlinear gene association networks",
       *JMLR* 10, 2009, pp. 1469-1484.

    Examples
    --------
    >>> round(mutual_information([0, 0, 1, 1], ["a", "a", "b", "b"], base=2), 12)
    1.0
    >>> mutual_information([0, 1, 0, 1], [0, 0, 1, 1])
    0.0

    Shrinkage pulls the copy of a fair coin, 1000 samples, towards independence:
    :math:`\lambda = 0.5 / (999 \cdot 0.25)`.

    >>> x = [0, 1] * 500
    >>> round(mutual_information(x, x, correction="shrinkage", base=2), 4)
    0.9886
    """
    base = check_base(base)
    correction = check_choice(correction, "correction", CORRECTIONS)
    x_arr, y_arr = check_paired_labels(x, y)
    table = sparse_table(x_arr, y_arr, values=False)
    n = table.n
    if correction == "shrinkage":
        return _in_base(_shrinkage_mi(table, n), base)
    mi = max(_plugin_mi(table, n), 0.0)
    if correction == "miller-madow":
        # (m_x - 1) + (m_y - 1) - (m_xy - 1); all rows, cols occupied.
        k_x, k_y = table.shape
        mi += (k_x + k_y - table.counts.size - 1) / (2 * n)
    return _in_base(mi, base)


def _plugin_mi(table: SparseTable, n: int) -> float:
    """Plug-in MI in nats of a sparse table, without clipping; a few arrays of occupied cells."""
    # One log of a ratio of products of counts: the products are exact below 2**53, so
    # an exactly independent table gives log(1.0) = 0.0 rather than round-off.  The
    # int64 product a_i b_j (no overflow below n ~ 3e9) rounds to the same float as
    # the float product; in-place steps keep the peak at three arrays of cells.
    margins = table.a[table.rows]
    margins *= table.b[table.cols]
    ratio = np.multiply(table.counts, float(n))
    np.divide(ratio, margins, out=ratio)
    del margins
    np.log(ratio, out=ratio)
    return float(np.dot(table.counts.astype(float), ratio) / n)


def shrinkage_lambda(table: SparseTable, n: int) -> float:
    """Hausser-Strimmer shrinkage intensity of a sparse table (see mutual_information)."""
    if n == 1:
        return 1.0
    k_x, k_y = table.shape
    cells = k_x * k_y  # a Python int: no overflow however many labels
    p = table.counts / n
    empty = cells - p.size
    # sum over all K cells of (1/K - p)^2: occupied ones directly, each empty one 1/K^2.
    misfit = float(np.sum((1.0 / cells - p) ** 2) + empty / cells**2)
    if misfit == 0.0:
        return 1.0
    lam = (1.0 - float(np.dot(p, p))) / ((n - 1) * misfit)
    return min(max(lam, 0.0), 1.0)


def _shrinkage_mi(table: SparseTable, n: int) -> float:
    lam = shrinkage_lambda(table, n)
    k_x, k_y = table.shape
    cells = k_x * k_y
    empty = cells - table.counts.size
    q = lam / cells + (1.0 - lam) * (table.counts / n)
    rows = lam / k_x + (1.0 - lam) * (table.a / n)
    cols = lam / k_y + (1.0 - lam) * (table.b / n)
    # I = H(rows) + H(cols) - H(q), the empty cells all holding lambda / K.
    h_q = entr(q).sum() + empty * entr(lam / cells)
    return max(float(entr(rows).sum() + entr(cols).sum() - h_q), 0.0)


def conditional_entropy(x: ArrayLike, y: ArrayLike, *, base: float | None = None) -> float:
    r"""Plug-in conditional entropy :math:`H(X \mid Y)` of paired labels.

    .. math:: H(X \mid Y) = H(X, Y) - H(Y)
              = -\sum_{ij} p_{ij} \log \frac{p_{ij}}{p_{\cdot j}}

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN, or datetime64/timedelta64 values without NaT.  A
        list mixing strings and numbers, and masked arrays, are refused.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        :math:`0 \le H(X \mid Y) \le H(X)`; 0.0 when ``x`` is a function of
        ``y`` (round-off below zero is clipped).

    Raises
    ------
    ValueError
        If the lengths differ, or either array is empty, not 1-D or holds NaN,
        or ``base`` is invalid.

    Examples
    --------
    >>> conditional_entropy([0, 1, 0, 1], [0, 0, 1, 1], base=2)
    1.0
    >>> conditional_entropy([0, 0, 1, 1], [5, 5, 7, 7])
    0.0
    """
    base = check_base(base)
    table = sparse_table(*check_paired_labels(x, y), values=False)
    n = table.n
    h_xy = _entropy_of_counts(table.counts, n)
    h_y = _entropy_of_counts(table.b, n)
    return _in_base(max(h_xy - h_y, 0.0), base)


def discretize(
    a: ArrayLike, bins: int = 20, *, strategy: str = "quantile"
) -> np.ndarray:
    r"""Bin continuous samples into integer labels ``0 .. bins - 1``.

    Parameters
    ----------
    a : array-like of shape (n_samples,)
        Finite numbers.
    bins : int, default=20
        Number of bins, from 1 to ``MAX_BINS`` (10**6; the edges take
        ``8 * bins`` bytes).
    strategy : {"quantile", "uniform"}, default="quantile"
        ``"quantile"`` puts about ``n / bins`` samples in each bin (edges at
        the sample quantiles; ties can merge bins, so fewer labels may
        appear, never more).  ``"uniform"`` uses ``bins`` equal-width bins
        over :math:`[\min a, \max a]`; the maximum falls in the top bin.
        Samples whose span :math:`\max a - \min a` overflows float64 (say
        ``-1e308`` and ``1e308``) are binned as ``a / 2``, which changes no
        bin and keeps the edges finite.

    Returns
    -------
    ndarray of int64, shape (n_samples,)
        The bin of each sample.  A sample on an interior edge goes to the
        upper bin.  A constant array gives all zeros.

    Raises
    ------
    ValueError
        If ``bins`` is not an integer from 1 to 10**6, ``strategy`` is
        unknown, or ``a`` is empty, not 1-D, a masked array, or holds NaN,
        inf, or anything but real numbers (strings, datetimes, 10**400).

    Examples
    --------
    >>> discretize([0.1, 0.4, 0.35, 0.8], bins=2).tolist()
    [0, 1, 0, 1]
    >>> discretize([0.0, 1.0, 2.0, 10.0], bins=5, strategy="uniform").tolist()
    [0, 0, 1, 4]
    """
    bins = check_int(bins, "bins", minimum=1)
    if bins > MAX_BINS:
        raise ValueError(
            f"bins must be an integer from 1 to {MAX_BINS:,}, "
            f"got {bins!r}"
        )
    strategies = ("quantile", "uniform")
    strategy = check_choice(strategy, "strategy", strategies)
    samples = _asarray(a, "a")
    if samples.ndim != 1:
        raise ValueError(f"a must be 1-D, got shape {samples.shape}")
    values = check_samples(samples, "a")[:, 0]
    lo, hi = values.min(), values.max()
    if lo == hi:
        return np.zeros(values.size, dtype=np.int64)
    with np.errstate(over="ignore"):
        span = hi - lo
    if not np.isfinite(span):
        # Halving is exact (bar subnormals), keeps order; the span fits.
        values = values / 2
        lo, hi = lo / 2, hi / 2
    if strategy == "quantile":
        edges = np.quantile(values, np.linspace(0, 1, bins + 1)[1:-1])
    else:
        edges = np.linspace(lo, hi, bins + 1)[1:-1]
    return np.searchsorted(edges, values, side="right").astype(np.int64)


def _joint_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Compact codes 0..k-1 of the pairs (a_i, b_i) of two code arrays."""
    # Re-coding after each pair keeps cell indices below n**2, so int64 never overflows.
    return np.unique(a * (int(b.max()) + 1) + b, return_inverse=True)[1].reshape(-1)


def conditional_mutual_information(
    x: ArrayLike, y: ArrayLike, z: ArrayLike, *, base: float | None = None
) -> float:
    r"""Plug-in conditional mutual information :math:`I(X; Y \mid Z)` of paired labels.

    .. math:: I(X; Y \mid Z) = \sum_z p(z)\, I(X; Y \mid Z = z)
              = H(X, Z) + H(Y, Z) - H(X, Y, Z) - H(Z)

    It is what ``y`` tells about ``x`` beyond what ``z`` already tells, and
    satisfies the chain rule :math:`I(X; (Y, Z)) = I(X; Z) + I(X; Y \mid Z)`
    exactly for the empirical distribution.  Symmetric in ``x`` and ``y``;
    invariant under relabelling of any of the three arrays.

    Parameters
    ----------
    x, y, z : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN, or datetime64/timedelta64 values without NaT.  A
        list mixing strings and numbers, and masked arrays, are refused.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        :math:`\ge 0` (round-off below zero is clipped); 0.0 when ``z`` is
        constant and ``x``, ``y`` are independent in the sample, and equal to
        :func:`mutual_information` when ``z`` is constant.

    Raises
    ------
    ValueError
        If the lengths differ, or any array is empty, not 1-D or holds NaN.

    Notes
    -----
    The labels and their pairs are coded with :func:`numpy.unique`, so memory
    is O(n) whatever the number of distinct labels.

    Examples
    --------
    >>> x = [0, 0, 1, 1, 0, 0, 1, 1]
    >>> z = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> y = [0, 0, 1, 1, 1, 1, 0, 0]  # y = x xor z: independent of x, determined by (x, z)
    >>> round(mutual_information(x, y), 12)
    0.0
    >>> round(conditional_mutual_information(x, y, z, base=2), 12)
    1.0
    """
    base = check_base(base)
    x_arr, y_arr = check_paired_labels(x, y)
    z_arr = check_labels(z, "z")
    if z_arr.shape[0] != x_arr.shape[0]:
        raise ValueError(
            f"z must have the same length as x and y, got {z_arr.shape[0]} and {x_arr.shape[0]}"
        )
    cx, cy, cz = (np.unique(a, return_inverse=True)[1].reshape(-1) for a in (x_arr, y_arr, z_arr))
    n = cx.size

    def h(codes: np.ndarray) -> float:
        return _entropy_of_counts(np.bincount(codes), n)

    xz, yz = _joint_codes(cx, cz), _joint_codes(cy, cz)
    cmi = h(xz) + h(yz) - h(_joint_codes(xz, cy)) - h(cz)
    return _in_base(max(cmi, 0.0), base)
