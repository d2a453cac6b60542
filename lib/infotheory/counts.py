r"""Entropies and mutual information from a table of counts: data beyond memory.

The plug-in estimates of :func:`~infotheory.mutual_information` and
:func:`~infotheory.conditional_entropy` depend on the samples only through the
counts of each pair of labels, and counts add: the counts of a data set are
the sums of the counts of its chunks.  So data too large for memory can be
counted chunk by chunk (with NumPy, or by an engine such as Dask, a database
``GROUP BY`` or a Spark job) and the counts given to these functions, which
return what the in-memory call on all the samples would:

* :func:`mutual_information_from_counts`: :math:`I(X; Y)`, with the same
  corrections as :func:`~infotheory.mutual_information`;
* :func:`conditional_entropy_from_counts`: :math:`H(X \mid Y)`;
* :func:`entropy_from_counts`: :math:`H(X)` of a histogram, or the joint
  entropy of a table.

A table is given in one of three forms:

* dense: a 2-D array, ``counts[i, j]`` the number of samples with the i-th
  label of ``x`` and the j-th of ``y`` (rows ``x``, columns ``y``, as
  :func:`~infotheory.contingency_table` returns);
* sparse: a :mod:`scipy.sparse` matrix or array of the same meaning (COO
  entries of the same cell add up);
* triplets: 1-D ``counts`` with the labels of each entry as ``x=`` and
  ``y=``: ``counts[k]`` samples have ``x == x[k]`` and ``y == y[k]``.  Labels
  may be of any kind :func:`~infotheory.mutual_information` accepts, and a
  pair may appear several times (its counts add), so the triplets of several
  chunks can simply be concatenated; a group-by of the pair ``(x, y)`` gives
  them directly.

Empty rows and columns, and cells of count zero, are ignored (a label that no
sample has is no label of the data).  The counting and the plug-in sums are
those of the in-memory functions (``_counting``), so the results agree with
them to round-off (to the last bit when the table is dense and its counts
are those of the samples).  All results are in nats unless ``base`` is given.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse
from numpy.typing import ArrayLike

from ._counting import (
    CORRECTIONS,
    SparseTable,
    conditional_entropy_of_table,
    entropy_of_counts,
    in_base,
    label_codes,
    mutual_information_of_table,
    sum_by,
    table_of_cells,
)
from ._validation import _asarray, check_base, check_choice, check_labels, check_paired_labels

__all__ = [
    "conditional_entropy_from_counts",
    "entropy_from_counts",
    "mutual_information_from_counts",
]

# The largest total count accepted: margins and cell counts are summed in int64.
MAX_TOTAL_COUNT = 2**62


def mutual_information_from_counts(
    counts: ArrayLike,
    *,
    x: ArrayLike | None = None,
    y: ArrayLike | None = None,
    base: float | None = None,
    correction: str | None = None,
) -> float:
    r"""Mutual information of the samples a table of counts describes.

    With :math:`n_{ij}` the count of cell :math:`(i, j)`, :math:`a_i`,
    :math:`b_j` the margins and :math:`n` the total,

    .. math:: \hat I = \sum_{ij} \frac{n_{ij}}{n} \log \frac{n\, n_{ij}}{a_i b_j},

    exactly what :func:`~infotheory.mutual_information` computes from the
    samples themselves (it counts them into the same table first).

    Parameters
    ----------
    counts : array-like or scipy.sparse matrix
        The table: a 2-D array (rows ``x``, columns ``y``), a
        :mod:`scipy.sparse` matrix or array, or, with ``x`` and ``y``, a 1-D
        array of the count of each (x, y) pair.  Non-negative integers (or
        integer-valued floats); with ``correction=None`` any non-negative
        finite weights, so a joint probability table works too.  Not all zero;
        the total at most 2**62.
    x, y : array-like of shape (n_entries,), optional
        The labels of each entry of a 1-D ``counts`` (both or neither).  A
        pair may appear several times; its counts add up.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.
    correction : {None, "miller-madow", "shrinkage"}, default=None
        As in :func:`~infotheory.mutual_information`; both corrections need
        the number of samples, so they need integer counts.

    Returns
    -------
    float
        The value :func:`~infotheory.mutual_information` gives for the samples
        the table counts (up to round-off), with the same conventions: the
        plug-in value is clipped at 0.0 against round-off.

    Raises
    ------
    ValueError
        If ``counts`` is empty, all zero, not 2-D (without ``x`` and ``y``) or
        not 1-D (with them), holds a negative, NaN or inf entry, a bool, a
        string or another non-number, or a non-integer with a ``correction``,
        or sums beyond 2**62; if only one of ``x`` and ``y`` is given, or
        their lengths differ from that of ``counts``, or they fail the label
        checks of :func:`~infotheory.mutual_information`; if ``correction`` or
        ``base`` is invalid.

    Notes
    -----
    Memory is O(number of entries given), whatever the number of samples they
    count.  Entries of the same cell are summed in int64 (exact), and beyond
    :math:`n \approx 3 \times 10^9` the products :math:`a_i b_j` are taken in
    float64 (relative error 1e-16) rather than int64, where they could overflow.

    Examples
    --------
    The table of ``x = [0, 0, 1, 1]`` and ``y = ["a", "a", "b", "b"]``:

    >>> mutual_information_from_counts([[2, 0], [0, 2]], base=2)
    1.0

    Counts of chunks add: the triplets of two chunks, concatenated.

    >>> chunk_1 = ([0, 1], ["a", "b"], [1, 1])  # x, y, count
    >>> chunk_2 = ([0, 1], ["a", "b"], [1, 1])
    >>> x, y, c = (a + b for a, b in zip(chunk_1, chunk_2))
    >>> mutual_information_from_counts(c, x=x, y=y, base=2)
    1.0
    """
    base = check_base(base)
    correction = check_choice(correction, "correction", CORRECTIONS)
    table = _table(counts, x, y, correction)
    return in_base(mutual_information_of_table(table, correction), base)


def conditional_entropy_from_counts(
    counts: ArrayLike,
    *,
    x: ArrayLike | None = None,
    y: ArrayLike | None = None,
    base: float | None = None,
) -> float:
    r"""Conditional entropy :math:`H(X \mid Y)` of the samples a table of counts describes.

    .. math:: H(X \mid Y) = H(X, Y) - H(Y)
              = -\sum_{ij} \frac{n_{ij}}{n} \log \frac{n_{ij}}{b_j}

    with the rows of the table for ``x`` and its columns for ``y``: what
    :func:`~infotheory.conditional_entropy` computes from the samples.

    Parameters
    ----------
    counts : array-like or scipy.sparse matrix
        The table, in any form :func:`mutual_information_from_counts` takes;
        non-negative finite counts or weights, not all zero.
    x, y : array-like of shape (n_entries,), optional
        The labels of each entry of a 1-D ``counts`` (both or neither).
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        :math:`0 \le H(X \mid Y) \le H(X)`, round-off below zero clipped.

    Raises
    ------
    ValueError
        As :func:`mutual_information_from_counts`.

    Examples
    --------
    >>> conditional_entropy_from_counts([[1, 1], [1, 1]], base=2)
    1.0
    >>> conditional_entropy_from_counts([[5, 0], [0, 7]])
    0.0
    """
    base = check_base(base)
    table = _table(counts, x, y, None)
    return in_base(conditional_entropy_of_table(table), base)


ENTROPY_CORRECTIONS = (None, "miller-madow")


def entropy_from_counts(
    counts: ArrayLike,
    *,
    labels: ArrayLike | None = None,
    base: float | None = None,
    correction: str | None = None,
) -> float:
    r"""Plug-in entropy of the samples a histogram (or a table) of counts describes.

    .. math:: \hat H = -\sum_i \frac{n_i}{n} \log \frac{n_i}{n}
              = \log n - \frac{1}{n} \sum_i n_i \log n_i

    For a 1-D histogram it is :math:`\hat H(X)`; for a table of any shape
    (dense or sparse) the joint entropy of its cells, e.g.
    :math:`\hat H(X, Y)` of a contingency table.  The margins' entropies are
    those of ``counts.sum(axis=1)`` and ``counts.sum(axis=0)``.  Unlike
    :func:`~infotheory.entropy`, which takes any distribution, it wants counts
    of samples when corrected, and takes sparse tables and labelled entries.

    Parameters
    ----------
    counts : array-like or scipy.sparse matrix
        Non-negative finite counts (integers, or any weights with
        ``correction=None``), not all zero, of any shape; with ``labels``, 1-D.
    labels : array-like of shape (n_entries,), optional
        The label of each entry of ``counts``; entries with the same label add
        up (the histograms of chunks, concatenated).
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.
    correction : {None, "miller-madow"}, default=None
        ``"miller-madow"`` adds :math:`(m - 1) / (2n)`, :math:`m` the number of
        occupied cells: the correction that
        :func:`~infotheory.mutual_information` applies to each entropy.

    Returns
    -------
    float
        :math:`0 \le \hat H \le \log m` (plug-in); 0.0 for a single occupied cell.

    Raises
    ------
    ValueError
        If ``counts`` is empty, all zero, holds a negative, NaN or inf entry or
        a non-number, or a non-integer with a ``correction``, or sums beyond
        2**62; if ``labels`` fails the label checks or its length differs; if
        ``correction`` or ``base`` is invalid.

    Examples
    --------
    >>> entropy_from_counts([5, 5], base=2)
    1.0
    >>> entropy_from_counts([3, 1], labels=["a", "b"]) == entropy_from_counts([1, 3])
    True
    >>> entropy_from_counts([[2, 0], [0, 2]], base=2)  # H(X, Y) of a table
    1.0
    """
    base = check_base(base)
    correction = check_choice(correction, "correction", ENTROPY_CORRECTIONS)
    integer = correction is not None
    if scipy.sparse.issparse(counts):
        if labels is not None:
            raise ValueError("labels name the entries of 1-D counts; leave them out for a table")
        coo = scipy.sparse.coo_array(counts)
        if coo.ndim > 2:
            raise ValueError(f"counts must be a 1-D or 2-D sparse array, got shape {coo.shape}")
        weights = _check_counts(coo.data, "counts", integer, sparse=True)
        rows = coo.coords[0].astype(np.int64)
        cols = coo.coords[1].astype(np.int64) if coo.ndim == 2 else np.zeros_like(rows)
        weights = table_of_cells(rows, cols, weights).counts  # entries of one cell add up
    else:
        weights = _check_counts(counts, "counts", integer).ravel()
    if labels is not None:
        if np.ndim(counts) != 1:
            raise ValueError(f"counts must be 1-D with labels, got shape {np.shape(counts)}")
        codes = _labels_of_entries(labels, "labels", weights.size)
        weights = sum_by(codes, weights, int(codes.max()) + 1)
    weights = weights[weights > 0]
    n = weights.sum()
    n = int(n) if weights.dtype.kind in "iu" else float(n)
    h = entropy_of_counts(weights, n)
    if correction == "miller-madow":
        h += (weights.size - 1) / (2 * n)
    return in_base(h, base)


def _table(
    counts: ArrayLike, x: ArrayLike | None, y: ArrayLike | None, correction: str | None
) -> SparseTable:
    """The checked table, in any of the three forms, as the sparse table of its occupied cells."""
    integer = correction is not None
    if (x is None) != (y is None):
        raise ValueError("x and y label the entries of 1-D counts: give both or neither")
    if scipy.sparse.issparse(counts):
        if x is not None:
            raise ValueError("x and y label the entries of 1-D counts; leave them out for a table")
        coo = scipy.sparse.coo_array(counts)
        if coo.ndim != 2:
            raise ValueError(f"counts must be 2-D (rows x, columns y), got shape {coo.shape}")
        weights = _check_counts(coo.data, "counts", integer, sparse=True)
        rows, cols = coo.coords
        return table_of_cells(rows.astype(np.int64), cols.astype(np.int64), weights)
    weights = _check_counts(counts, "counts", integer)
    if x is None:
        if weights.ndim != 2:
            raise ValueError(
                f"counts must be 2-D (rows x, columns y), got shape {weights.shape}; "
                "give x= and y= to label the entries of 1-D counts"
            )
        rows, cols = np.nonzero(weights)
        return table_of_cells(rows, cols, weights[rows, cols])
    if weights.ndim != 1:
        raise ValueError(f"counts must be 1-D with x and y, got shape {weights.shape}")
    x_arr, y_arr = check_paired_labels(x, y)
    if x_arr.shape[0] != weights.size:
        raise ValueError(
            f"x and y must have one label per entry of counts, got {x_arr.shape[0]} labels "
            f"and {weights.size} counts"
        )
    _, cx = label_codes(x_arr, values=False)
    _, cy = label_codes(y_arr, values=False)
    return table_of_cells(cx.astype(np.int64), cy.astype(np.int64), weights)


def _labels_of_entries(labels: ArrayLike, name: str, size: int) -> np.ndarray:
    arr = check_labels(labels, name)
    if arr.shape[0] != size:
        raise ValueError(
            f"{name} must have one label per entry of counts, got {arr.shape[0]} and {size}"
        )
    return label_codes(arr, values=False)[1]


def _check_counts(
    counts: ArrayLike, name: str, integer: bool, *, sparse: bool = False
) -> np.ndarray:
    """Return ``counts`` as int64 (whole numbers) or float64 (other weights), checked.

    Whole-number counts (integers, or floats with integral values as a data
    frame's sums may be) become int64, so that the plug-in sums are those of
    the in-memory functions to the last bit; other non-negative finite weights
    stay float64, refused when ``integer`` (a correction needs the number of
    samples).  ``sparse``: the stored values of a sparse matrix, which may be
    empty when the matrix is all zero.
    """
    arr = _asarray(counts, name)
    if arr.dtype.kind == "b":
        raise ValueError(f"{name} must hold counts (numbers), not bools")
    if arr.dtype.kind == "O":
        arr = _object_counts(arr, name)
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold counts (non-negative numbers), got dtype {arr.dtype}")
    if arr.ndim == 0:
        raise ValueError(f"{name} must be an array of counts, got the single number {counts!r}")
    if arr.size == 0 and not sparse:
        raise ValueError(f"{name} must not be empty")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    if arr.size and arr.min() < 0:
        raise ValueError(f"{name} must be non-negative")
    if arr.size == 0 or not np.any(arr):
        raise ValueError(f"{name} must not be all zero")
    with np.errstate(over="ignore"):
        total = float(arr.sum(dtype=float))
    if total > MAX_TOTAL_COUNT:
        raise ValueError(
            f"{name} must sum to at most 2**62 (about 4.6e18), got about {total:.3g}"
        )
    if arr.dtype.kind == "f":
        whole = bool(np.all(arr == np.floor(arr)))
        if whole:
            return arr.astype(np.int64)
        if integer:
            bad = float(arr[arr != np.floor(arr)][0])
            raise ValueError(
                f"{name} must hold whole numbers (counts of samples) for a correction, "
                f"which needs the number of samples; got {bad!r}"
            )
        return arr.astype(float, copy=False)
    return arr.astype(np.int64, copy=False)


def _object_counts(arr: np.ndarray, name: str) -> np.ndarray:
    """An object array of Python numbers as int64 (all integers) or float64 (all real)."""
    values = arr.ravel().tolist()
    if all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in values):
        if any(abs(int(v)) > MAX_TOTAL_COUNT for v in values):
            raise ValueError(f"{name} must sum to at most 2**62 (about 4.6e18)")
        return np.array(values, dtype=np.int64).reshape(arr.shape)
    if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values):
        try:
            return np.array([float(v) for v in values]).reshape(arr.shape)
        except OverflowError:
            raise ValueError(f"{name} must sum to at most 2**62 (about 4.6e18)") from None
    raise ValueError(f"{name} must hold counts (non-negative numbers), got {arr!r}")
