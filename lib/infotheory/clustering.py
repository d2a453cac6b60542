r"""Normalized, adjusted and expected mutual information of two clusterings.

Two labelings of the same samples are compared through their contingency
table.  The definitions and edge-case conventions follow scikit-learn's
:func:`sklearn.metrics.normalized_mutual_info_score` and
:func:`sklearn.metrics.adjusted_mutual_info_score` [1]_; the results agree
with them to round-off (about 1e-12), except where scikit-learn's floating-point
clamps return an arbitrary value (see the Notes of
:func:`adjusted_mutual_information`).  All information quantities are in nats.

Only the occupied cells of the table are counted (as scikit-learn's sparse
contingency matrix does), and the expected MI needs only the margins, so
memory is O(n + occupied cells + distinct pairs of cluster sizes) whatever the
number of clusters: two labelings with 2,000 clusters each are cheap.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import gammaln

from ._counting import SparseTable, entropy_of_counts, plugin_mutual_information, sparse_table
from ._validation import check_choice, check_paired_labels, warn_if_continuous

__all__ = [
    "adjusted_mutual_information",
    "expected_mutual_information",
    "normalized_mutual_information",
]

METHODS = ("arithmetic", "geometric", "max", "min")

# Hypergeometric tail mass, summed over all cells, that the EMI may skip (see
# _expected_mutual_information_of_margins): far below the round-off of the sum.
_EMI_TAIL = 1e-16

# Terms evaluated per vectorised block of the EMI sum: bounds its memory, and
# cache-sized blocks (256 KiB per array) measured faster than larger ones.
_EMI_BLOCK = 1 << 15


def _table(x: ArrayLike, y: ArrayLike, function: str) -> SparseTable:
    """The occupied cells and margins of two labelings: O(n + occupied cells) memory.

    Warns (ContinuousLabelsWarning) if either labeling looks continuous.
    """
    x_arr, y_arr = check_paired_labels(x, y)
    table = sparse_table(x_arr, y_arr, values=False)
    warn_if_continuous(x_arr, table.shape[0], "x", function)
    warn_if_continuous(y_arr, table.shape[1], "y", function)
    return table


def _mi_of_table(table: SparseTable, n: int) -> float:
    """Plug-in MI from a sparse table, as :func:`~infotheory.mutual_information` computes it."""
    return max(plugin_mutual_information(table, n), 0.0)


def _same_partition(table: SparseTable) -> bool:
    """True if the labelings are relabellings of each other (both constant, say).

    Every row and column of a contingency table is occupied, so one non-zero
    cell per row and per column means a one-to-one matching of the labels.
    """
    k_x, k_y = table.shape
    return k_x == k_y == table.counts.size


def _generalized_mean(h_x: float, h_y: float, method: str) -> float:
    if method == "arithmetic":
        return 0.5 * (h_x + h_y)
    if method == "geometric":
        return float(np.sqrt(h_x * h_y))
    if method == "max":
        return max(h_x, h_y)
    return min(h_x, h_y)


def _expected_mutual_information_of_margins(a: np.ndarray, b: np.ndarray, n: int) -> float:
    """EMI of a table with row sums ``a`` and column sums ``b`` (int64, all >= 1).

    Each cell (i, j) contributes the sum over ``n_ij`` of the hypergeometric
    probability times :math:`(n_{ij}/n)\\log(n\\,n_{ij}/(a_i b_j))`, which
    depends on the cell only through :math:`(a_i, b_j)`; so each distinct pair
    of margin values is summed once and weighted by how often it occurs.  The
    terms of all pairs are laid end to end and evaluated in blocks of about
    ``_EMI_BLOCK`` terms (a block holds whole pairs), so memory stays
    O(n + number of distinct pairs), never O(n k_x k_y).
    """
    if a.size == 1 or b.size == 1:
        return 0.0
    a_values, a_repeats = np.unique(a, return_counts=True)
    b_values, b_repeats = np.unique(b, return_counts=True)
    # log m! for m = 0 .. n, looked up instead of evaluated per term.
    log_fact = gammaln(np.arange(n + 2, dtype=float))[1:]
    a_c, b_c = np.repeat(a_values, b_values.size), np.tile(b_values, a_values.size)
    log_weight = np.log(np.outer(a_repeats, b_repeats).ravel())
    lo = np.maximum(1, a_c + b_c - n)
    hi = np.minimum(a_c, b_c)
    # Hoeffding: P(|n_ij - a b / n| >= t) <= 2 exp(-2 t^2 / min(a, b)), so the
    # skipped terms of all k_x k_y cells together hold probability <= _EMI_TAIL,
    # and each term's factor is at most log(n) in size.
    half_width = np.sqrt(0.5 * hi * np.log(2 * a.size * b.size / _EMI_TAIL))
    centre = a_c * (b_c / n)
    lo = np.maximum(lo, np.ceil(centre - half_width).astype(np.int64))
    hi = np.minimum(hi, np.floor(centre + half_width).astype(np.int64))
    length = np.maximum(hi - lo + 1, 0)
    keep = length > 0
    a_c, b_c, lo, length = a_c[keep], b_c[keep], lo[keep], length[keep]
    log_const = (
        log_fact[a_c] + log_fact[b_c] + log_fact[n - a_c] + log_fact[n - b_c] - log_fact[n]
    ) + log_weight[keep]
    log_ratio = np.log(n) - np.log(a_c) - np.log(b_c)
    ends = np.cumsum(length)
    cuts = np.searchsorted(ends, np.arange(_EMI_BLOCK, ends[-1], _EMI_BLOCK)) + 1
    cuts = np.unique(np.concatenate(([0], cuts, [a_c.size])))
    total = 0.0
    for start, stop in pairwise(cuts):
        run = length[start:stop]
        first = np.repeat(np.cumsum(run) - run, run)
        n_ij = np.arange(first.size) - first + np.repeat(lo[start:stop], run)
        a_t, b_t = np.repeat(a_c[start:stop], run), np.repeat(b_c[start:stop], run)
        log_p = (
            np.repeat(log_const[start:stop], run)
            - log_fact[n_ij]
            - log_fact[a_t - n_ij]
            - log_fact[b_t - n_ij]
            - log_fact[n - a_t - b_t + n_ij]
        )
        log_term = np.log(n_ij) + np.repeat(log_ratio[start:stop], run)
        total += np.dot(n_ij * log_term, np.exp(log_p))
    return float(total / n)


def expected_mutual_information(x: ArrayLike, y: ArrayLike) -> float:
    r"""Expected mutual information of two labelings under random permutation.

    With the margins :math:`a_i` (row sums) and :math:`b_j` (column sums) of
    the contingency table held fixed, every pairing of the two labelings is
    equally likely (the permutation model); then each cell count
    :math:`n_{ij}` is hypergeometric and

    .. math::
        E[\hat I] = {} & \sum_{i,j} \sum_{n_{ij}} \frac{n_{ij}}{n}
        \log\frac{n\, n_{ij}}{a_i b_j} \\
        & \times
        \frac{a_i!\, b_j!\, (n - a_i)!\, (n - b_j)!}
             {n!\, n_{ij}!\, (a_i - n_{ij})!\, (b_j - n_{ij})!\, (n - a_i - b_j + n_{ij})!}

    with :math:`n_{ij}` from :math:`\max(1, a_i + b_j - n)` to
    :math:`\min(a_i, b_j)` [2]_.  This is the baseline that
    :func:`adjusted_mutual_information` subtracts.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.

    Returns
    -------
    float
        :math:`E[\hat I]` in nats, in :math:`[0, \min(\hat H(X), \hat H(Y))]`.
        0.0 when either labeling is constant.

    Raises
    ------
    ValueError
        If the lengths differ, or either array is empty, not 1-D, masked,
        structured, or holds NaN, +-inf or NaT.

    Warns
    -----
    ContinuousLabelsWarning
        If ``x`` or ``y`` looks continuous: a float array of at least 20 labels,
        more than half of them distinct (the rule of
        :class:`~infotheory.ContinuousLabelsWarning`).  Each value is then its
        own label and the estimate measures little beyond the number of
        labels; a clustering is a labelling, and
        continuous samples need :func:`~infotheory.ksg_mutual_information`
        or :func:`~infotheory.mixed_mutual_information`.  Integer labels
        never warn.

    Notes
    -----
    Only the margins matter, so ``y``'s labels may be shuffled freely.  The
    triple sum is evaluated with NumPy over all :math:`(i, j, n_{ij})` at
    once, in blocks of terms to bound memory, with :math:`\log m!` looked up in
    a table of ``scipy.special.gammaln`` values; cells with the same pair of
    margins :math:`(a_i, b_j)` are summed once and weighted by their number,
    which makes many equal-sized clusters cheap.  Terms of a cell whose
    :math:`n_{ij}` lies so far from :math:`a_i b_j / n` that their probability,
    summed over all cells, is below :math:`10^{-16}` (Hoeffding's bound for the
    hypergeometric tail) are skipped; that changes the result by less than
    :math:`10^{-16} \log n` nats, far below the round-off of the sum (the
    log-factorial differences lose about :math:`\log(n!)\,\epsilon` each, as
    in scikit-learn's implementation), and makes large :math:`n` cheap.

    References
    ----------
    .. [1] F. Pedregosa et al., "Scikit-learn: Machine Learning in Python",
       *JMLR* 12, 2011.
    .. [2] N. X. Vinh, J. Epps and J. Bailey, "Information theoretic measures
       for clusterings comparison", *JMLR* 11, 2010.

    Examples
    --------
    Two balanced two-group labelings of four samples: the table is
    ``[[2, 0], [0, 2]]`` with probability 1/6, ``[[0, 2], [2, 0]]`` with 1/6
    (both :math:`\log 2` nats) and ``[[1, 1], [1, 1]]`` otherwise (0 nats).

    >>> bool(np.isclose(expected_mutual_information([0, 0, 1, 1], [0, 1, 0, 1]),
    ...                 np.log(2) / 3))
    True
    >>> expected_mutual_information([0, 0, 0, 0], [0, 1, 2, 3])
    0.0
    """
    table = _table(x, y, "expected_mutual_information")
    a, b, n = table.a, table.b, table.n
    return _expected_mutual_information_of_margins(a, b, n)


def normalized_mutual_information(
    x: ArrayLike, y: ArrayLike, *, method: str = "arithmetic"
) -> float:
    r"""Mutual information of two labelings scaled to :math:`[0, 1]`.

    .. math:: \mathrm{NMI}(X, Y) = \frac{\hat I(X; Y)}{M(\hat H(X), \hat H(Y))}

    where :math:`M` is the arithmetic mean, geometric mean, maximum or minimum
    of the two plug-in entropies.  Since :math:`\hat I \le \min(\hat H(X),
    \hat H(Y)) \le M`, the value lies in :math:`[0, 1]`, and it is symmetric
    in ``x`` and ``y`` and unchanged by relabelling either.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.
    method : {"arithmetic", "geometric", "max", "min"}, default="arithmetic"
        The mean :math:`M` of the entropies (scikit-learn's ``average_method``).

    Returns
    -------
    float
        Exactly 1.0 when the labelings are the same partition up to
        relabelling, including when both are constant (nothing is split, so
        they agree perfectly); 0.0 when exactly one is constant (its entropy
        is zero, and so is the mutual information); otherwise
        :math:`\hat I / M \in [0, 1]`.

    Raises
    ------
    ValueError
        If the lengths differ, either array is empty, not 1-D, masked,
        structured, or holds NaN, +-inf or NaT, or ``method`` is not one of
        the four strings.

    Warns
    -----
    ContinuousLabelsWarning
        If ``x`` or ``y`` looks continuous: a float array of at least 20 labels,
        more than half of them distinct (the rule of
        :class:`~infotheory.ContinuousLabelsWarning`).  Each value is then its
        own label and the estimate measures little beyond the number of
        labels; a clustering is a labelling, and
        continuous samples need :func:`~infotheory.ksg_mutual_information`
        or :func:`~infotheory.mixed_mutual_information`.  Integer labels
        never warn.

    Notes
    -----
    The denominator is zero only when a labeling is constant, and those
    cases are settled before dividing, as scikit-learn does.  Identical
    partitions are recognised from the table (one non-zero cell per row and
    column) rather than left to round-off, and any other round-off excess
    above 1 is clipped to 1.0.

    Examples
    --------
    >>> normalized_mutual_information([0, 0, 1, 1], ["b", "b", "a", "a"])
    1.0
    >>> normalized_mutual_information([0, 1, 0, 1], [0, 0, 1, 1])
    0.0
    >>> normalized_mutual_information([0, 0, 0, 0], [0, 1, 2, 3])
    0.0
    """
    method = check_choice(method, "method", METHODS)
    table = _table(x, y, "normalized_mutual_information")
    k_x, k_y = table.shape
    if _same_partition(table):
        return 1.0
    if k_x == 1 or k_y == 1:
        return 0.0
    n = table.n
    mi = _mi_of_table(table, n)
    h_x = entropy_of_counts(table.a, n)
    h_y = entropy_of_counts(table.b, n)
    return min(mi / _generalized_mean(h_x, h_y, method), 1.0)


def adjusted_mutual_information(x: ArrayLike, y: ArrayLike, *, method: str = "arithmetic") -> float:
    r"""Mutual information of two labelings adjusted for chance.

    .. math:: \mathrm{AMI}(X, Y) =
              \frac{\hat I(X; Y) - E[\hat I]}{M(\hat H(X), \hat H(Y)) - E[\hat I]}

    where :math:`E[\hat I]` is :func:`expected_mutual_information` (the mean
    over random pairings with the same cluster sizes) and :math:`M` is the
    chosen mean of the two plug-in entropies.  AMI is 1 for identical
    partitions, about 0 on average for unrelated ones, and can be negative.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.
    method : {"arithmetic", "geometric", "max", "min"}, default="arithmetic"
        The mean :math:`M` of the entropies (scikit-learn's ``average_method``).

    Returns
    -------
    float
        At most 1.0.  Exactly 1.0 when the labelings are the same partition
        up to relabelling, including when both are constant; 0.0 when exactly
        one is constant (see Notes for the remaining zero-denominator cases).

    Raises
    ------
    ValueError
        If the lengths differ, either array is empty, not 1-D, masked,
        structured, or holds NaN, +-inf or NaT, or ``method`` is not one of
        the four strings.

    Warns
    -----
    ContinuousLabelsWarning
        If ``x`` or ``y`` looks continuous: a float array of at least 20 labels,
        more than half of them distinct (the rule of
        :class:`~infotheory.ContinuousLabelsWarning`).  Each value is then its
        own label and the estimate measures little beyond the number of
        labels; a clustering is a labelling, and
        continuous samples need :func:`~infotheory.ksg_mutual_information`
        or :func:`~infotheory.mixed_mutual_information`.  Integer labels
        never warn.

    Notes
    -----
    The denominator :math:`M - E[\hat I]` vanishes exactly when every random
    pairing yields the same mutual information :math:`M`:

    * both labelings constant: returns 1.0, as scikit-learn does;
    * exactly one labeling constant: :math:`\hat I = E[\hat I] = 0`; returns
      0.0, as scikit-learn does;
    * one labeling puts every sample in its own cluster and either
      ``method="min"`` or the other does so too: then
      :math:`\hat I = E[\hat I] = M` and AMI is 0/0; returns 1.0 (the other
      labeling is a function of the singleton one, which NMI also scores 1.0).
      scikit-learn instead divides round-off residues clamped to
      ``finfo.eps`` and returns values such as 0.5 or 1.25 for ``"min"``.

    In every other case :math:`M > E[\hat I]` strictly and the ratio is
    computed as is, without clamping.  Identical partitions are recognised
    from the table (one non-zero cell per row and column) and give exactly
    1.0; any other round-off excess above 1 is clipped to 1.0.

    Examples
    --------
    >>> adjusted_mutual_information([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> adjusted_mutual_information([0, 0, 0, 0], [0, 1, 2, 3])
    0.0

    Here ``x`` is a function of ``y``: :math:`\hat I = \log 2`, the entropies
    are :math:`\log 2` and :math:`1.5 \log 2`, and :math:`E[\hat I] = \tfrac23 \log 2`.

    >>> bool(np.isclose(adjusted_mutual_information([0, 0, 1, 1], [0, 0, 1, 2]),
    ...                 (1 - 2 / 3) / (1.25 - 2 / 3)))
    True
    """
    method = check_choice(method, "method", METHODS)
    table = _table(x, y, "adjusted_mutual_information")
    k_x, k_y = table.shape
    n = table.n
    if _same_partition(table):
        return 1.0
    if k_x == 1 or k_y == 1:
        return 0.0
    if (k_x == n and (k_y == n or method == "min")) or (k_y == n and method == "min"):
        return 1.0
    a, b = table.a, table.b
    mi = _mi_of_table(table, n)
    emi = _expected_mutual_information_of_margins(a, b, n)
    normalizer = _generalized_mean(entropy_of_counts(a, n), entropy_of_counts(b, n), method)
    return min(float((mi - emi) / (normalizer - emi)), 1.0)
