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

from ._counting import (
    CORRECTIONS,
    conditional_entropy_of_table,
    dense_table,
    entropy_of_counts,
    in_base,
    joint_codes,
    label_codes,
    mutual_information_of_table,
    sparse_table,
)
from ._validation import (
    _asarray,
    check_base,
    check_choice,
    check_distribution,
    check_int,
    check_labels,
    check_paired_labels,
    check_samples,
    warn_if_continuous,
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

# The most bins discretize accepts: its edges array has bins - 1 entries.
MAX_BINS = 10**6


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
    return in_base(entr(pk).sum(), base)


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
    return in_base(rel_entr(pk, qk).sum(), base)


def contingency_table(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Counts of each pair of labels in two paired label arrays.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.

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
        If the lengths differ, or either array is empty, not 1-D, structured
        or holds NaN or +-inf; or if the dense table would have more than ``DENSE_TABLE_LIMIT``
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
    return dense_table(*check_paired_labels(x, y))


def joint_distribution(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Empirical joint distribution of two paired label arrays.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.

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
        If the lengths differ, or either array is empty, not 1-D, structured
        or holds NaN or +-inf; or if the dense table would have more than 10**7 cells (see
        :func:`contingency_table`).

    Examples
    --------
    >>> joint, xv, yv = joint_distribution([0, 0, 1, 1], [0, 1, 1, 1])
    >>> joint.tolist()
    [[0.25, 0.25], [0.0, 0.5]]
    """
    counts, x_values, y_values = contingency_table(x, y)
    return counts / counts.sum(), x_values, y_values


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
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.
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
        If the lengths differ, either array is empty, not 1-D, masked,
        structured or holds NaN or +-inf, ``correction`` is unknown, or
        ``base`` is invalid.

    Warns
    -----
    ContinuousLabelsWarning
        If ``x`` or ``y`` looks continuous: a float array of at least 20 labels,
        more than half of them distinct (the rule of
        :class:`~infotheory.ContinuousLabelsWarning`).  Each value is then its
        own label and the estimate measures little beyond the number of
        labels; continuous samples need
        :func:`~infotheory.ksg_mutual_information` or
        :func:`~infotheory.mixed_mutual_information` (or
        :func:`~infotheory.discretize` first).  Integer labels never warn.

    See Also
    --------
    infotheory.mutual_information_from_counts : The same value from a table of counts,
        for data counted chunk by chunk (beyond memory).

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
    _warn_continuous(x_arr, y_arr, table.shape, "mutual_information")
    return in_base(mutual_information_of_table(table, correction), base)


def conditional_entropy(x: ArrayLike, y: ArrayLike, *, base: float | None = None) -> float:
    r"""Plug-in conditional entropy :math:`H(X \mid Y)` of paired labels.

    .. math:: H(X \mid Y) = H(X, Y) - H(Y)
              = -\sum_{ij} p_{ij} \log \frac{p_{ij}}{p_{\cdot j}}

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.
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
        If the lengths differ, or either array is empty, not 1-D, masked,
        structured or holds NaN or +-inf, or ``base`` is invalid.

    Warns
    -----
    ContinuousLabelsWarning
        If ``x`` or ``y`` looks continuous: a float array of at least 20 labels,
        more than half of them distinct (the rule of
        :class:`~infotheory.ContinuousLabelsWarning`).  Each value is then its
        own label and the estimate measures little beyond the number of
        labels; continuous samples need
        :func:`~infotheory.ksg_mutual_information` or
        :func:`~infotheory.mixed_mutual_information` (or
        :func:`~infotheory.discretize` first).  Integer labels never warn.

    Examples
    --------
    >>> conditional_entropy([0, 1, 0, 1], [0, 0, 1, 1], base=2)
    1.0
    >>> conditional_entropy([0, 0, 1, 1], [5, 5, 7, 7])
    0.0
    """
    base = check_base(base)
    x_arr, y_arr = check_paired_labels(x, y)
    table = sparse_table(x_arr, y_arr, values=False)
    _warn_continuous(x_arr, y_arr, table.shape, "conditional_entropy")
    return in_base(conditional_entropy_of_table(table), base)


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


def conditional_mutual_information(
    x: ArrayLike, y: ArrayLike, z: ArrayLike, *, base: float | None = None
) -> float:
    r"""Plug-in conditional mutual information :math:`I(X; Y \mid Z)` of paired labels.

    .. math:: I(X; Y \mid Z) &= \sum_z p(z)\, I(X; Y \mid Z = z) \\
              &= H(X, Z) + H(Y, Z) - H(X, Y, Z) - H(Z)

    It is what ``y`` tells about ``x`` beyond what ``z`` already tells, and
    satisfies the chain rule :math:`I(X; (Y, Z)) = I(X; Z) + I(X; Y \mid Z)`
    exactly for the empirical distribution.  Symmetric in ``x`` and ``y``;
    invariant under relabelling of any of the three arrays.

    Parameters
    ----------
    x, y, z : array-like of shape (n_samples,)
        Labels: ints (negative too), bools, strings, bytes, floats or complex
        numbers without NaN or +-inf, or datetime64/timedelta64 values without
        NaT.  A list mixing strings and numbers, masked arrays and structured
        (record) arrays are refused.
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
        If the lengths differ, or any array is empty, not 1-D, masked,
        structured or holds NaN or +-inf, or ``base`` is invalid.

    Warns
    -----
    ContinuousLabelsWarning
        If ``x``, ``y`` or ``z`` looks continuous: a float array of at least 20 labels,
        more than half of them distinct (the rule of
        :class:`~infotheory.ContinuousLabelsWarning`).  Each value is then its
        own label and the estimate measures little beyond the number of
        labels; continuous samples need
        :func:`~infotheory.ksg_conditional_mutual_information` (or
        :func:`~infotheory.discretize` first).  Integer labels never warn.

    Notes
    -----
    The labels and their pairs are coded by sorting (as :func:`numpy.unique`
    does), so memory is O(n) whatever the number of distinct labels.

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
    cx, cy, cz = (label_codes(a, values=False)[1] for a in (x_arr, y_arr, z_arr))
    n = cx.size
    for name, arr, codes in (("x", x_arr, cx), ("y", y_arr, cy), ("z", z_arr, cz)):
        warn_if_continuous(arr, int(codes.max()) + 1, name, "conditional_mutual_information")

    def h(codes: np.ndarray) -> float:
        return entropy_of_counts(np.bincount(codes), n)

    xz, yz = joint_codes(cx, cz), joint_codes(cy, cz)
    cmi = h(xz) + h(yz) - h(joint_codes(xz, cy)) - h(cz)
    return in_base(max(cmi, 0.0), base)


def _warn_continuous(
    x: np.ndarray, y: np.ndarray, shape: tuple[int, int], function: str
) -> None:
    """Warn (ContinuousLabelsWarning) if ``x`` or ``y`` looks continuous (see ``_validation``)."""
    warn_if_continuous(x, shape[0], "x", function)
    warn_if_continuous(y, shape[1], "y", function)
