r"""Entropy, KL divergence and mutual information of discrete distributions and labels.

All logarithms are natural (results in nats) unless ``base`` is given;
``base=2`` gives bits.  The conventions follow :func:`scipy.special.entr` and
:func:`scipy.special.rel_entr`: :math:`0 \log 0 = 0`, and a term with
:math:`q = 0 < p` makes the divergence infinite.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import entr, rel_entr

from ._validation import (
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

CORRECTIONS = (None, "miller-madow")
_INT64_MAX = int(np.iinfo(np.int64).max)


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
        Labels: ints (negative too), bools, strings, or floats without NaN.

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
        If the lengths differ, or either array is empty, not 1-D or holds NaN.

    Examples
    --------
    >>> counts, xv, yv = contingency_table([0, 0, 1, 1], ["a", "b", "b", "b"])
    >>> counts.tolist(), xv.tolist(), yv.tolist()
    ([[1, 1], [0, 2]], [0, 1], ['a', 'b'])
    """
    x_arr, y_arr = check_paired_labels(x, y)
    fast = _small_range_table(x_arr, y_arr)
    if fast is not None:
        return fast
    x_values, x_codes = np.unique(x_arr, return_inverse=True)
    y_values, y_codes = np.unique(y_arr, return_inverse=True)
    n_y = y_values.size
    cells = x_codes.reshape(-1).astype(np.int64) * n_y + y_codes.reshape(-1)
    counts = np.bincount(cells, minlength=x_values.size * n_y).reshape(x_values.size, n_y)
    return counts, x_values, y_values


def joint_distribution(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Empirical joint distribution of two paired label arrays.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, or floats without NaN.

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
        If the lengths differ, or either array is empty, not 1-D or holds NaN.

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
        Labels: ints (negative too), bools, strings, or floats without NaN.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.
    correction : {None, "miller-madow"}, default=None
        ``"miller-madow"`` adds :math:`(m - 1) / (2n)` to each of the three
        plug-in entropies, :math:`m` the number of occupied cells of that
        distribution, which removes the leading term of their bias [2]_.

    Returns
    -------
    float
        The plug-in value lies in :math:`[0, \min(\hat H(X), \hat H(Y))]`;
        round-off below zero is clipped to 0.0, so a constant array gives
        exactly 0.0.  The Miller-Madow value can be negative.

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

    Counting is one :func:`numpy.bincount` over joint cell indices; small-range
    integer labels skip the sort in :func:`numpy.unique`.

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*,
       2nd ed., Wiley, 2006, ch. 2.
    .. [2] G. A. Miller, "Note on the bias of information estimates", in
       *Information Theory in Psychology*, 1955, pp. 95-100.
    .. [3] L. Paninski, "Estimation of entropy and mutual information",
       *Neural Computation* 15(6), 2003.

    Examples
    --------
    >>> round(mutual_information([0, 0, 1, 1], ["a", "a", "b", "b"], base=2), 12)
    1.0
    >>> mutual_information([0, 1, 0, 1], [0, 0, 1, 1])
    0.0
    """
    base = check_base(base)
    check_choice(correction, "correction", CORRECTIONS)
    counts, _, _ = contingency_table(x, y)
    n = int(counts.sum())
    rows, cols = np.nonzero(counts)
    n_ij = counts[rows, cols].astype(float)
    a = counts.sum(axis=1).astype(float)
    b = counts.sum(axis=0).astype(float)
    # One log of a ratio of products of counts: the products are exact below 2**53, so
    # an exactly independent table gives log(1.0) = 0.0 rather than round-off.
    mi = np.dot(n_ij, np.log(n * n_ij / (a[rows] * b[cols]))) / n
    mi = max(float(mi), 0.0)
    if correction == "miller-madow":
        # (m_x - 1) + (m_y - 1) - (m_xy - 1): every row and column is occupied.
        mi += (a.size + b.size - n_ij.size - 1) / (2 * n)
    return _in_base(mi, base)


def conditional_entropy(x: ArrayLike, y: ArrayLike, *, base: float | None = None) -> float:
    r"""Plug-in conditional entropy :math:`H(X \mid Y)` of paired labels.

    .. math:: H(X \mid Y) = H(X, Y) - H(Y)
              = -\sum_{ij} p_{ij} \log \frac{p_{ij}}{p_{\cdot j}}

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, or floats without NaN.
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
    counts, _, _ = contingency_table(x, y)
    n = int(counts.sum())
    h_xy = _entropy_of_counts(counts, n)
    h_y = _entropy_of_counts(counts.sum(axis=0), n)
    return _in_base(max(h_xy - h_y, 0.0), base)


def discretize(a: ArrayLike, bins: int = 20, *, strategy: str = "quantile") -> np.ndarray:
    r"""Bin continuous samples into integer labels ``0 .. bins - 1``.

    Parameters
    ----------
    a : array-like of shape (n_samples,)
        Finite numbers.
    bins : int, default=20
        Number of bins, at least 1.
    strategy : {"quantile", "uniform"}, default="quantile"
        ``"quantile"`` puts about ``n / bins`` samples in each bin (edges at
        the sample quantiles; ties can merge bins, so fewer labels may
        appear, never more).  ``"uniform"`` uses ``bins`` equal-width bins
        over :math:`[\min a, \max a]`; the maximum falls in the top bin.

    Returns
    -------
    ndarray of int64, shape (n_samples,)
        The bin of each sample.  A sample on an interior edge goes to the
        upper bin.  A constant array gives all zeros.

    Raises
    ------
    ValueError
        If ``bins`` is not an integer >= 1, ``strategy`` is unknown, or ``a``
        is empty, not 1-D, or holds NaN or inf.

    Examples
    --------
    >>> discretize([0.1, 0.4, 0.35, 0.8], bins=2).tolist()
    [0, 1, 0, 1]
    >>> discretize([0.0, 1.0, 2.0, 10.0], bins=5, strategy="uniform").tolist()
    [0, 0, 1, 4]
    """
    bins = check_int(bins, "bins", minimum=1)
    check_choice(strategy, "strategy", ("quantile", "uniform"))
    samples = np.asarray(a)
    if samples.ndim != 1:
        raise ValueError(f"a must be 1-D, got shape {samples.shape}")
    values = check_samples(samples, "a")[:, 0]
    lo, hi = values.min(), values.max()
    if lo == hi:
        return np.zeros(values.size, dtype=np.int64)
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
        Labels: ints (negative too), bools, strings, or floats without NaN.
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
