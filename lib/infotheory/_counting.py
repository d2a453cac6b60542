r"""How labels are counted: label codes, sparse contingency tables, and the plug-in sums over them.

Every label measure of the library is a function of a table of counts, so they all
start here:

* :func:`label_codes` gives the sorted distinct labels of a checked label array and each
  sample's index into them (what ``np.unique(..., return_inverse=True)`` returns, faster
  for strings and leaner in memory);
* :func:`sparse_table` counts the occupied cells of the contingency table of two label
  arrays in O(n + occupied cells) memory whatever the number of labels, with one
  :func:`numpy.bincount` for small-range integer labels (no sort);
* :func:`dense_table` is the same table as a dense array, refused beyond
  ``DENSE_TABLE_LIMIT`` cells;
* :func:`table_of_cells` builds the table from weighted cells (the counts entry point);
* :func:`joint_codes` codes the pairs of two code arrays (three-variable measures);
* :func:`entropy_of_counts`, :func:`plugin_mutual_information`,
  :func:`mutual_information_of_table` and :func:`conditional_entropy_of_table` are the
  plug-in sums over a table that :func:`~infotheory.mutual_information`, the clustering
  scores and :func:`~infotheory.mutual_information_from_counts` share, so each formula
  exists once.

Nothing here checks its input: the public functions check it first (``_validation``).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy.special import entr

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

# Below this n the int64 product of two margins a_i b_j <= n**2 cannot overflow; a table
# of counts from data beyond memory can exceed it, and then the product is taken in float.
_EXACT_MARGIN_PRODUCTS = math.isqrt(_INT64_MAX)


class SparseTable(NamedTuple):
    """The occupied cells of a contingency table, and its margins.

    ``counts[k]`` samples have ``x == x_values[rows[k]]`` and
    ``y == y_values[cols[k]]``; the cells come in row-major order, each once, and
    only occupied cells are stored.  ``a`` and ``b`` are the row and column sums
    (every entry > 0).  Memory is O(n + occupied cells) whatever the number of labels.
    The counts are int64, or float64 for a table of weights (see :func:`table_of_cells`).
    """

    counts: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    a: np.ndarray
    b: np.ndarray
    x_values: np.ndarray | None
    y_values: np.ndarray | None

    @property
    def n(self) -> int | float:
        """The number of samples (the total weight of a table of weights)."""
        total = self.a.sum()
        return int(total) if self.a.dtype.kind in "iu" else float(total)

    @property
    def shape(self) -> tuple[int, int]:
        return self.a.size, self.b.size


# --- labels to codes ----------------------------------------------------------------------


def label_codes(arr: np.ndarray, *, values: bool = True) -> tuple[np.ndarray | None, np.ndarray]:
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


def joint_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Compact codes 0..k-1 of the pairs (a_i, b_i) of two code arrays."""
    # Re-coding after each pair keeps cell indices below n**2, so int64 never overflows.
    return np.unique(a * (int(b.max()) + 1) + b, return_inverse=True)[1].reshape(-1)


# --- codes to tables ----------------------------------------------------------------------


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
    fast = small_range_table(x, y)
    if fast is not None:
        return _sparse_from_dense(*fast)
    x_values, cx = label_codes(x, values=values)
    y_values, cy = label_codes(y, values=values)
    k_x, k_y = int(cx.max()) + 1, int(cy.max()) + 1
    counts, rows, cols = _sparse_of_codes(cx, cy, k_x, k_y)
    a = np.bincount(cx, minlength=k_x)
    b = np.bincount(cy, minlength=k_y)
    return SparseTable(counts, rows, cols, a, b, x_values, y_values)


def _sparse_from_dense(
    counts: np.ndarray, x_values: np.ndarray, y_values: np.ndarray
) -> SparseTable:
    rows, cols = np.nonzero(counts)
    return SparseTable(
        counts[rows, cols], rows, cols, counts.sum(axis=1), counts.sum(axis=0), x_values, y_values
    )


def small_range_table(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...] | None:
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


def dense_table(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The dense contingency table of two *checked* label arrays, and their sorted labels.

    Refused (ValueError) beyond ``DENSE_TABLE_LIMIT`` cells, before the array is built.
    """
    fast = small_range_table(x, y)
    if fast is not None:
        _check_dense_size(*fast[0].shape, np.count_nonzero(fast[0]))
        return fast
    table = sparse_table(x, y)
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


def table_of_cells(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray) -> SparseTable:
    """The sparse table of weighted cells: ``weights[k]`` samples in cell ``(rows[k], cols[k])``.

    ``rows`` and ``cols`` are non-negative integer codes (int64) and ``weights``
    non-negative int64 counts or float64 weights, all of one length.  A cell may
    appear several times (its weights add up, as counts of chunks do) and cells
    of weight zero are dropped; rows and columns left without weight are dropped
    and the others renumbered in order, so the table is what
    :func:`sparse_table` gives for the samples the weights describe (up to the
    label values, which are not kept).  Memory is O(number of cells given).
    """
    keep = weights > 0
    rows, cols, weights = rows[keep], cols[keep], weights[keep]
    _, rows = np.unique(rows, return_inverse=True)
    _, cols = np.unique(cols, return_inverse=True)
    rows, cols = rows.reshape(-1), cols.reshape(-1)
    k_x, k_y = int(rows.max()) + 1, int(cols.max()) + 1
    if k_x * k_y <= _JOINT_CODE_LIMIT:
        cells, where = np.unique(rows.astype(np.int64) * k_y + cols, return_inverse=True)
        cell_rows, cell_cols = np.divmod(cells, k_y)
    else:
        order = np.lexsort((cols, rows))
        sx, sy = rows[order], cols[order]
        new = np.concatenate(([True], (np.diff(sx) != 0) | (np.diff(sy) != 0)))
        cell_rows, cell_cols = sx[new].astype(np.int64), sy[new].astype(np.int64)
        where = np.empty(rows.size, dtype=np.intp)
        where[order] = np.cumsum(new) - 1
    where = where.reshape(-1)
    counts = sum_by(where, weights, cell_rows.size)
    return SparseTable(
        counts,
        cell_rows,
        cell_cols,
        sum_by(rows, weights, k_x),
        sum_by(cols, weights, k_y),
        None,
        None,
    )


def sum_by(groups: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """The sum of ``weights`` in each group ``0 .. size - 1``, exact for int64 counts."""
    if weights.dtype.kind == "f":
        return np.bincount(groups, weights=weights, minlength=size)
    # np.bincount sums weights in float64, which is inexact beyond 2**53: sum int64 by sorting.
    order = np.argsort(groups, kind="stable")
    starts = np.searchsorted(groups[order], np.arange(size))
    return np.add.reduceat(weights[order], starts).astype(np.int64)


# --- tables to the plug-in sums -----------------------------------------------------------


def in_base(value: float, base: float | None) -> float:
    """``value`` in nats converted to logarithm base ``base`` (None: nats), as a Python float."""
    return float(value) if base is None else float(value / np.log(base))


def entropy_of_counts(counts: np.ndarray, n: int | float) -> float:
    r"""Plug-in entropy in nats of counts summing to ``n``.

    :math:`\log n - \sum_i c_i \log c_i / n`; zero counts contribute 0.
    """
    nz = counts[counts > 0].astype(float)
    return float(np.log(n) - np.dot(nz, np.log(nz)) / n)


def plugin_mutual_information(table: SparseTable, n: int | float) -> float:
    """Plug-in MI in nats of a sparse table, without clipping; a few arrays of occupied cells."""
    # One log of a ratio of products of counts: the products are exact below 2**53, so
    # an exactly independent table gives log(1.0) = 0.0 rather than round-off.  The
    # int64 product a_i b_j rounds to the same float as the float product; in-place
    # steps keep the peak at three arrays of cells.  Beyond n ~ 3e9 (a table counted
    # from data beyond memory) the int64 product could overflow and is taken in float.
    margins = table.a[table.rows]
    if margins.dtype.kind in "iu" and n > _EXACT_MARGIN_PRODUCTS:
        margins = margins.astype(float)
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


def shrinkage_mutual_information(table: SparseTable, n: int) -> float:
    """The James-Stein shrinkage MI in nats of a sparse table (see mutual_information)."""
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


def mutual_information_of_table(table: SparseTable, correction: str | None) -> float:
    """MI in nats of a sparse table: plug-in (clipped at 0), Miller-Madow or shrinkage.

    The one implementation behind :func:`~infotheory.mutual_information` and
    :func:`~infotheory.mutual_information_from_counts`; ``correction`` is checked.
    """
    n = table.n
    if correction == "shrinkage":
        return shrinkage_mutual_information(table, n)
    mi = max(plugin_mutual_information(table, n), 0.0)
    if correction == "miller-madow":
        # (m_x - 1) + (m_y - 1) - (m_xy - 1); all rows, cols occupied.
        k_x, k_y = table.shape
        mi += (k_x + k_y - table.counts.size - 1) / (2 * n)
    return mi


def conditional_entropy_of_table(table: SparseTable) -> float:
    """Plug-in :math:`H(X \\mid Y) = H(X, Y) - H(Y)` in nats of a sparse table, clipped at 0."""
    n = table.n
    return max(entropy_of_counts(table.counts, n) - entropy_of_counts(table.b, n), 0.0)
