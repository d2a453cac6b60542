r"""Entropy and information of continuous samples by k-nearest-neighbour estimators.

* :func:`differential_entropy`: the Kozachenko-Leonenko estimate of :math:`h(X)`.
* :func:`ksg_conditional_mutual_information`: :math:`I(X; Y \mid Z)` by the
  Frenzel-Pompe extension of the KSG estimator.
* :func:`mixed_mutual_information`: :math:`I(X; Y)` of continuous ``x`` and
  discrete labels ``y`` by Ross's estimator.

All three use the max-norm (Chebyshev distance), as Kraskov et al. do, and
never bin.  Results are in nats unless ``base`` is given; they are raw
estimates, not clipped at zero.  The two mutual-information estimators
break ties (repeated values, as in rounded data) as
:func:`~infotheory.ksg_mutual_information` does, with the same deterministic
noise; :func:`differential_entropy` refuses samples with ``k`` or more
exact copies instead.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import KDTree
from scipy.special import digamma

from . import estimators as _estimators
from ._counting import label_codes
from ._validation import check_base, check_int, check_labels, check_samples, warn_if_continuous
from .estimators import _break_ties, _count_within

__all__ = [
    "differential_entropy",
    "ksg_conditional_mutual_information",
    "mixed_mutual_information",
]


def differential_entropy(x: ArrayLike, *, k: int = 3, base: float | None = None) -> float:
    r"""Kozachenko-Leonenko k-nearest-neighbour estimate of the differential entropy.

    With :math:`r_i` the max-norm distance from sample :math:`i` to its k-th
    nearest neighbour and :math:`\epsilon_i = 2 r_i` (the side of the smallest
    cube centred on :math:`x_i` that holds it), Kraskov et al. [2]_, eq. (20),
    with the max-norm's unit-ball volume :math:`c_d = 1`:

    .. math:: \hat h = -\psi(k) + \psi(n) + \frac{d}{n} \sum_{i=1}^{n} \log \epsilon_i

    for :math:`n` samples in :math:`d` dimensions, :math:`\psi` the digamma
    function.  The estimator goes back to Kozachenko and Leonenko [1]_.

    Parameters
    ----------
    x : array-like of shape (n_samples,) or (n_samples, d)
        Continuous samples, finite.
    k : int, default=3
        Number of neighbours, ``1 <= k < n_samples``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        The estimate; it can be negative (a density above 1, e.g. a narrow
        Gaussian), as differential entropy can.

    Raises
    ------
    ValueError
        If ``k`` is not an integer with ``1 <= k < n_samples``; ``x`` is empty,
        more than 2-D, or holds NaN or inf; ``base`` is invalid; or some sample
        has ``k`` or more exact copies (see Notes), or the range of ``x``
        (max - min) overflows float64.

    Notes
    -----
    Scaling is exact: :math:`\hat h(a X) = \hat h(X) + d \log |a|` whenever
    the products :math:`a x_i` are exact (e.g. :math:`a` a power of two),
    because scaling multiplies every :math:`\epsilon_i` by :math:`|a|` and
    keeps the neighbours; otherwise it holds up to round-off.

    Ties: a sample with ``k`` or more exact copies has :math:`\epsilon_i = 0`
    and :math:`\log \epsilon_i = -\infty`.  The differential entropy of data
    with atoms is indeed :math:`-\infty`, but such data are almost always
    rounded continuous data, for which :math:`-\infty` is no useful answer,
    so the estimator refuses them with a ValueError; add jitter below the
    rounding, or use :func:`~infotheory.entropy` on the labels.  Fewer than
    ``k`` copies are harmless.

    The neighbour distances come from one :class:`scipy.spatial.KDTree`
    query (``p=inf``); for one-dimensional ``x`` from a sort and a scan over
    the ``k + 1`` windows of consecutive values that contain each sample,
    which gives the same distances.  :func:`scipy.stats.differential_entropy`
    is a different estimator (Vasicek's spacings by default, 1-D only).

    References
    ----------
    .. [1] L. F. Kozachenko and N. N. Leonenko, "Sample estimate of the
       entropy of a random vector", *Problems of Information Transmission*
       23(2), 95-101, 1987.
    .. [2] A. Kraskov, H. Stoegbauer and P. Grassberger, "Estimating mutual
       information", *Physical Review E* 69, 066138, 2004.

    Examples
    --------
    >>> x = np.random.default_rng(0).normal(scale=2.0, size=20000)
    >>> truth = 0.5 * np.log(2 * np.pi * np.e * 2.0**2)
    >>> bool(abs(differential_entropy(x) - truth) < 0.02)
    True
    >>> bool(np.isclose(differential_entropy(4 * x), differential_entropy(x) + np.log(4)))
    True
    """
    k = check_int(k, "k", minimum=1)
    base = check_base(base)
    xs = check_samples(x, "x")
    n, d = xs.shape
    if k >= n:
        raise ValueError(f"k must be smaller than the number of samples ({n}), got {k}")
    _check_range(xs, "x")
    if d == 1:
        r = _kth_distance_1d(xs[:, 0], np.zeros(n, dtype=np.int64), np.full(n, k))
    else:
        r = _kth_distance(xs, k)
    if np.any(r == 0):
        raise ValueError(
            f"x has a sample with {k} or more exact copies (k-th neighbour distance 0, "
            "entropy -inf); add jitter below the rounding of x"
        )
    # log(2 r) as log 2 + log r: 2 r could overflow for a range near the float64 maximum.
    h = -digamma(k) + digamma(n) + d * (np.log(2) + np.mean(np.log(r)))
    return float(h) if base is None else float(h / np.log(base))


def ksg_conditional_mutual_information(
    x: ArrayLike, y: ArrayLike, z: ArrayLike, *, k: int = 3
) -> float:
    r"""Frenzel-Pompe (KSG) estimate of the conditional mutual information :math:`I(X; Y \mid Z)`.

    For each sample :math:`i`, :math:`\epsilon_i` is the max-norm distance to
    its k-th nearest neighbour in the joint space :math:`(x, y, z)`, and
    :math:`n_{xz}(i)`, :math:`n_{yz}(i)`, :math:`n_z(i)` count the other
    samples strictly closer than :math:`\epsilon_i` in the :math:`(x, z)`,
    :math:`(y, z)` and :math:`z` subspaces.  Then (Frenzel and Pompe [1]_)

    .. math:: \hat I = \psi(k) - \langle \psi(n_{xz} + 1) + \psi(n_{yz} + 1)
              - \psi(n_z + 1) \rangle

    with :math:`\psi` the digamma function and :math:`\langle\cdot\rangle` the
    mean over samples.  It is :func:`~infotheory.ksg_mutual_information`'s
    algorithm 1 with every space extended by :math:`z`.

    Parameters
    ----------
    x : array-like of shape (n_samples,) or (n_samples, d_x)
        Continuous samples of :math:`X`, finite.
    y : array-like of shape (n_samples,) or (n_samples, d_y)
        Continuous samples of :math:`Y`, paired with ``x``.
    z : array-like of shape (n_samples,) or (n_samples, d_z)
        Continuous samples of the condition :math:`Z`, paired with ``x``.
    k : int, default=3
        Number of neighbours, ``1 <= k < n_samples``.

    Returns
    -------
    float
        The raw estimate in nats, not clipped: when :math:`X` and :math:`Y` are
        conditionally independent it scatters around 0.

    Raises
    ------
    ValueError
        If ``k`` is not an integer with ``1 <= k < n_samples``, the lengths
        differ, or any array is empty, more than 2-D, holds NaN or inf, or
        has a range (max - min) that overflows float64.

    Notes
    -----
    The estimate is symmetric in ``x`` and ``y``: exactly (the counts swap)
    unless both of them have a column that needs tie-breaking noise (see
    Ties), which then depends on the order; otherwise up to that noise.
    "Strictly closer" is implemented, as in
    :func:`~infotheory.ksg_mutual_information`, by counting within
    ``np.nextafter(eps, 0)``: a k-d tree ball count
    (:class:`scipy.spatial.KDTree`, ``p=inf``) in the multi-dimensional
    subspaces and, for one-dimensional ``z``, an exact sorted search for
    :math:`n_z` and wavelet-matrix range counts for :math:`n_{xz}`,
    :math:`n_{yz}` (a one-dimensional ``x`` or ``y``), all giving exactly the
    tree's counts.  Scale matters: the max-norm compares the coordinates
    directly, so give them comparable spreads (e.g. standardise) when their
    units differ.

    **Ties.**  The method assumes continuous data without ties; rounded data
    have them, and then :math:`\epsilon_i` is often exactly a grid step (so
    "strictly closer" drops whole grid lines) or 0.  The rule is
    :func:`~infotheory.ksg_mutual_information`'s, with the same noise:

    * a constant ``x`` or ``y`` gives exactly 0.0;
    * every non-constant column of ``x``, ``y`` or ``z`` that repeats a value
      gets deterministic normal noise with standard deviation ``1e-10``
      times the column's range (at least 16 float spacings of its largest
      magnitude), drawn from the fixed seed of
      :func:`~infotheory.ksg_mutual_information` for the columns of ``x``,
      then ``y``, then ``z``; columns without a repeated value, and so all
      tie-free data, are used bit for bit.  The result is a fixed function
      of the data, independent of any global random state.  Gaussian data
      with :math:`I(X; Y \mid Z) = 0.112` nats (``x = z + e``,
      ``y = x / 2 + z + e'``, unit normal ``z``, ``e``, ``e'``,
      :math:`n = 5000`; estimate 0.129 unrounded), rounded to one decimal:
      0.129 with the noise, 0.671 without;
    * should a sample still have :math:`\epsilon_i = 0` (more than ``k``
      exact joint copies after the noise, e.g. for values near the float
      resolution), it uses :math:`k_i` = its number of exact joint copies
      (other than itself) in place of :math:`k`, and :math:`n_{xz}(i)`,
      :math:`n_{yz}(i)`, :math:`n_z(i)` = its numbers of exact copies in each
      subspace: the zero-distance rule of Gao et al. [2]_.  For purely
      discrete data each term would be
      :math:`\psi(n_{xyz} - 1) - \psi(n_{xz}) - \psi(n_{yz}) + \psi(n_z)`,
      close to the plug-in :math:`\log(n_{xyz} n_z / (n_{xz} n_{yz}))`.

    References
    ----------
    .. [1] S. Frenzel and B. Pompe, "Partial mutual information for coupling
       analysis of multivariate time series", *Physical Review Letters* 99,
       204101, 2007.
    .. [2] W. Gao, S. Kannan, S. Oh and P. Viswanath, "Estimating mutual
       information for discrete-continuous mixtures", *Advances in Neural
       Information Processing Systems* 30, 2017.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> z = rng.standard_normal(4000)
    >>> x = z + rng.standard_normal(4000)
    >>> y = z + rng.standard_normal(4000)  # x and y depend on each other only through z
    >>> bool(abs(ksg_conditional_mutual_information(x, y, z)) < 0.02)
    True
    """
    k = check_int(k, "k", minimum=1)
    xs, ys, zs = check_samples(x, "x"), check_samples(y, "y"), check_samples(z, "z")
    n = xs.shape[0]
    if ys.shape[0] != n:
        raise ValueError(f"x and y must have the same length, got {n} and {ys.shape[0]}")
    if zs.shape[0] != n:
        raise ValueError(f"z must have the same length as x and y, got {zs.shape[0]} and {n}")
    if k >= n:
        raise ValueError(f"k must be smaller than the number of samples ({n}), got {k}")
    spreads = [_check_range(arr, name) for name, arr in (("x", xs), ("y", ys), ("z", zs))]
    if not (np.any(spreads[0]) and np.any(spreads[1])):
        return 0.0  # a constant x or y
    # The tie rule of ksg_mutual_information, with its noise stream: x, then y, then z.
    rng = np.random.default_rng(_estimators._TIE_SEED)
    xs, _ = _break_ties(xs, spreads[0], rng)
    ys, _ = _break_ties(ys, spreads[1], rng)
    zs, z_order = _break_ties(zs, spreads[2], rng)
    joint = np.hstack((xs, ys, zs))
    eps = _kth_distance(joint, k)
    radius = np.nextafter(eps, 0)
    # Each count includes the sample itself, so it is n_xz + 1 etc. already.
    if zs.shape[1] == 1:
        z_values = zs[:, 0]
        z_lo, z_hi = _window(z_values[z_order], z_values, radius)
        z_rank = np.empty(n, dtype=np.int64)
        z_rank[z_order] = np.arange(n)
        n_z1 = z_hi - z_lo
        n_xz1, n_yz1 = (
            _count_within(np.hstack((u, zs)), radius)
            if u.shape[1] > 1
            else _count_in_squares(u[:, 0], radius, z_rank, z_lo, z_hi)
            for u in (xs, ys)
        )
    else:
        n_xz1 = _count_within(np.hstack((xs, zs)), radius)
        n_yz1 = _count_within(np.hstack((ys, zs)), radius)
        n_z1 = _count_within(zs, radius)
    tied = eps == 0
    if not np.any(tied):
        return float(digamma(k) - np.mean(digamma(n_xz1) + digamma(n_yz1) - digamma(n_z1)))
    # Gao et al.'s rule for eps = 0: k_i = the number of exact joint copies other than i.
    k_i = np.where(tied, _copies(joint) - 1, k)
    return float(np.mean(digamma(k_i) - (digamma(n_xz1) + digamma(n_yz1) - digamma(n_z1))))


def mixed_mutual_information(x: ArrayLike, y: ArrayLike, *, k: int = 3) -> float:
    r"""Ross's estimate of :math:`I(X; Y)` for continuous ``x`` and discrete labels ``y``.

    For each sample :math:`i` with label :math:`y_i`, shared by
    :math:`N_{y_i}` samples, let :math:`k_i = \min(k, N_{y_i} - 1)`, let
    :math:`d_i` be the max-norm distance in x-space to its :math:`k_i`-th
    nearest neighbour among the samples with the same label, and let
    :math:`m_i` count all samples, whatever their label and itself included,
    strictly closer than :math:`d_i`.  Then (Ross [1]_, eq. (2))

    .. math:: \hat I = \psi(N) + \langle \psi(k_i) \rangle
              - \langle \psi(N_{y_i}) \rangle - \langle \psi(m_i) \rangle

    over the :math:`N` samples kept (see below), :math:`\psi` the digamma
    function.

    Parameters
    ----------
    x : array-like of shape (n_samples,) or (n_samples, d)
        Continuous samples, finite.
    y : array-like of shape (n_samples,)
        Labels paired with ``x``: ints, bools, strings, or floats without NaN
        or +-inf.
    k : int, default=3
        Number of neighbours, ``1 <= k < n_samples``; labels with at most ``k``
        members use :math:`k_i = N_{y_i} - 1`.

    Returns
    -------
    float
        The raw estimate in nats, not clipped: for independent ``x`` and
        ``y`` it scatters around 0.

    Raises
    ------
    ValueError
        If ``k`` is not an integer with ``1 <= k < n_samples`` (bools are
        refused), the lengths differ, ``x`` is empty, more than 2-D, holds NaN
        or inf or has a range that overflows float64, ``y`` fails the label
        checks of :func:`~infotheory.mutual_information` (NaN, +-inf, a
        structured or masked array, ...), or no label of ``y`` has two or more
        samples.

    Warns
    -----
    ContinuousLabelsWarning
        If ``y`` looks continuous: float labels, at least 20 of them, more than
        half distinct (:class:`~infotheory.ContinuousLabelsWarning`); then
        :func:`~infotheory.ksg_mutual_information` is the estimator to use.

    Notes
    -----
    Small labels are handled as scikit-learn's
    :func:`~sklearn.feature_selection.mutual_info_classif` does: a sample
    whose label occurs once has no neighbour of its own label and is
    dropped (:math:`N` counts the rest), and :math:`k_i` is capped at
    :math:`N_{y_i} - 1`.  On one-dimensional data without ties the result
    equals scikit-learn's before its clipping at 0 (scikit-learn also scales
    ``x`` and adds noise of relative size 1e-10, which moves no count unless
    two distances are that close).  On tied data both add such noise, from
    different streams, so they agree to the noise's effect on the counts
    (see Ties).  For ``d > 1`` this function uses the max-norm, scikit-learn
    the Euclidean norm.

    "Strictly closer" counts within ``np.nextafter(d_i, 0)``, which keeps
    the sample itself and its :math:`k_i - 1` nearer same-label neighbours,
    so :math:`m_i \ge k_i`.

    **Ties.**  Rounded data repeat values, and then :math:`d_i` is often
    exactly a grid step, so that "strictly closer" drops every sample on the
    next grid line, or 0.  The rule is
    :func:`~infotheory.ksg_mutual_information`'s, with the same noise:

    * a constant ``x``, or a single label left after dropping, gives exactly
      0.0;
    * every non-constant column of ``x`` that repeats a value among the
      samples kept gets deterministic normal noise with standard deviation
      ``1e-10`` times the column's range (at least 16 float spacings of its
      largest magnitude), from the fixed seed of
      :func:`~infotheory.ksg_mutual_information`; columns without a repeated
      value, and so all tie-free data, are used bit for bit.  The result is a
      fixed function of the data.  This is scikit-learn's remedy restricted
      to the columns that need it.  On scikit-learn's breast-cancer data
      (rounded measurements) the "worst radius" feature gives 0.453 nats,
      scikit-learn 0.452 to 0.455 (``random_state`` 0 to 9), and 0.587
      without the noise;
    * should a sample still have :math:`d_i = 0` (more than :math:`k_i`
      exact copies within its label after the noise), it uses :math:`k_i` =
      its number of exact copies within its label (other than itself) and
      :math:`m_i` = its number of exact copies in all labels (itself
      included): the zero-distance rule of Gao et al. [2]_, as in
      :func:`~infotheory.ksg_mutual_information`.  Each such term is then
      close to the plug-in :math:`\log(N\, n_{xy} / (N_y\, n_x))`, where
      keeping :math:`k_i` would give a large negative one.

    Computation: for one-dimensional ``x`` the same-label distances come
    from one sort by (label, value) and a scan over the ``k + 1`` windows of
    consecutive same-label values around each sample, and :math:`m_i` from an
    exact binary search over the sorted values; for ``d > 1`` from one k-d
    tree per label and a ball count in one tree over all samples.

    References
    ----------
    .. [1] B. C. Ross, "Mutual information between discrete and continuous
       data sets", *PLoS ONE* 9(2), e87357, 2014.
    .. [2] W. Gao, S. Kannan, S. Oh and P. Viswanath, "Estimating mutual
       information for discrete-continuous mixtures", *Advances in Neural
       Information Processing Systems* 30, 2017.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 5000)
    >>> x = rng.normal(loc=4.0 * y)  # unit Gaussians 4 apart: I = 0.6327 nats (quadrature)
    >>> bool(abs(mixed_mutual_information(x, y) - 0.6327) < 0.01)
    True
    """
    k = check_int(k, "k", minimum=1)
    xs = check_samples(x, "x")
    labels = check_labels(y, "y")
    if labels.shape[0] != xs.shape[0]:
        raise ValueError(
            f"x and y must have the same length, got {xs.shape[0]} and {labels.shape[0]}"
        )
    if k >= xs.shape[0]:
        # k_i = min(k, N_y - 1) < n always; a k this large is a mistake (k=2**70 once
        # ended in an OverflowError inside NumPy), refused as the other k-NN estimators do.
        raise ValueError(f"k must be smaller than the number of samples ({xs.shape[0]}), got {k}")
    _, codes = label_codes(labels, values=False)
    sizes = np.bincount(codes)
    warn_if_continuous(labels, sizes.size, "y", "mixed_mutual_information")
    return _mixed_mutual_information(xs, codes, sizes, k)


def _mixed_mutual_information(
    xs: np.ndarray, codes: np.ndarray, sizes: np.ndarray, k: int
) -> float:
    """:func:`mixed_mutual_information` of checked samples ``xs`` (n, d) and label codes.

    ``codes`` are the labels' codes ``0 .. m - 1`` and ``sizes`` their counts
    (``np.bincount(codes)``); :func:`~infotheory.mrmr` codes its labels once.
    """
    label_size = sizes[codes]
    keep = label_size > 1
    if not np.any(keep):
        raise ValueError("y must have at least one label with two or more samples")
    if not np.all(keep):
        xs, codes, label_size = xs[keep], codes[keep], label_size[keep]
    spread = _check_range(xs, "x")
    if not np.any(spread) or np.all(codes == codes[0]):
        return 0.0  # a constant x, or one label
    # The tie rule of ksg_mutual_information, with its noise, on the samples kept.
    xs, x_order = _break_ties(xs, spread, np.random.default_rng(_estimators._TIE_SEED))
    n = xs.shape[0]
    k_each = np.minimum(k, label_size - 1)
    if xs.shape[1] == 1:
        d = _kth_distance_1d(xs[:, 0], codes, k_each)
    else:
        d = np.empty(n)
        for code in np.unique(codes):
            members = np.flatnonzero(codes == code)
            d[members] = _kth_distance(xs[members], int(k_each[members[0]]))
    m = _count_within(xs, np.nextafter(d, 0), order=x_order)
    tied = d == 0
    if np.any(tied):
        # Gao et al.'s rule for d = 0: k_i = the exact copies within the label, other than i.
        k_each = np.where(tied, _copies(np.column_stack((codes, xs))) - 1, k_each)
    return float(
        digamma(n) + np.mean(digamma(k_each)) - np.mean(digamma(label_size)) - np.mean(digamma(m))
    )


def _check_range(arr: np.ndarray, name: str) -> np.ndarray:
    """Each column's range (max - min); refuse one that overflows: distances would be inf."""
    with np.errstate(over="ignore"):
        spread = arr.max(axis=0) - arr.min(axis=0)
    if not np.all(np.isfinite(spread)):
        raise ValueError(
            f"{name} must have a range (max - min) below the float64 maximum, so that "
            "distances are finite; rescale it"
        )
    return spread


def _copies(rows: np.ndarray) -> np.ndarray:
    """For each row, how many rows equal it exactly, itself included."""
    # Adding 0.0 turns -0.0 into 0.0, which np.unique would otherwise keep apart by its bits.
    _, inverse, counts = np.unique(rows + 0.0, axis=0, return_inverse=True, return_counts=True)
    return counts[inverse.reshape(-1)]


def _kth_distance(points: np.ndarray, k: int) -> np.ndarray:
    """Max-norm distance from each point to its k-th nearest other point (k-d tree).

    The points are queried in the tree's own order, so that successive
    queries visit the same nodes; the distances are exact, so the order
    changes no result.
    """
    tree = KDTree(points, balanced_tree=False)
    order = tree.indices
    out = np.empty(points.shape[0])
    out[order] = tree.query(points[order], k=[k + 1], p=np.inf)[0][:, 0]
    return out


def _kth_distance_1d(values: np.ndarray, groups: np.ndarray, k_each: np.ndarray) -> np.ndarray:
    """Distance from each value to its ``k_each[i]``-th nearest neighbour within its group.

    In one dimension the ``k`` nearest neighbours of a value and the value
    itself are ``k + 1`` consecutive entries of the group's sorted values, so
    the k-th neighbour distance is the smallest, over the ``k + 1`` windows of
    ``k + 1`` consecutive entries that contain it, of the larger of its
    distances to the window's two ends.  Each distance is the difference of
    two inputs, the same float a k-d tree computes.  Every group must have
    more than ``k_each`` members.
    """
    n = values.size
    # Sort by value, then stably by group (a radix sort for small codes): by (group, value).
    order = np.argsort(values)
    sizes = np.bincount(groups)
    if sizes.size > 1:
        small = groups.astype(np.min_scalar_type(sizes.size - 1), copy=False)
        order = order[np.argsort(small[order], kind="stable")]
    v, g, kk = values[order], groups[order], k_each[order]
    first = np.concatenate(([0], np.cumsum(sizes)))
    start, stop = first[g], first[g + 1]
    pos = np.arange(n)
    best = np.full(n, np.inf)
    for shift in range(int(kk.max()) + 1):
        lo = pos - shift
        hi = lo + kk
        valid = (shift <= kk) & (lo >= start) & (hi < stop)
        width = np.maximum(v - v[np.maximum(lo, 0)], v[np.minimum(hi, n - 1)] - v)
        np.minimum(best, np.where(valid, width, np.inf), out=best)
    out = np.empty(n)
    out[order] = best
    return out


def _window(ordered: np.ndarray, values: np.ndarray, radius: np.ndarray) -> tuple:
    """Sorted positions ``[lo, hi)`` of the entries within ``radius[i]`` of ``values[i]``.

    ``lo`` is the first position with ``values[i] - ordered[j] <= radius[i]``
    and ``hi`` the first with ``ordered[j] - values[i] > radius[i]``, found by
    a vectorised bisection that applies exactly the k-d tree's test
    ``|v_j - v_i| <= r_i`` in floating point.  Both tests are monotone in
    ``ordered[j]`` (rounding is monotone), so the range is exact, ties
    included.
    """
    n = ordered.size
    lo_hi = np.zeros(values.size, dtype=np.int64)
    hi = np.full(values.size, n, dtype=np.int64)
    lo_lo = np.zeros(values.size, dtype=np.int64)
    lo = np.full(values.size, n, dtype=np.int64)
    for _ in range(n.bit_length()):
        mid = (lo_hi + hi) >> 1
        above = (mid == n) | (ordered[np.minimum(mid, n - 1)] - values > radius)
        hi = np.where(above, mid, hi)
        lo_hi = np.where(above, lo_hi, mid + 1)
        mid = (lo_lo + lo) >> 1
        inside = (mid == n) | (values - ordered[np.minimum(mid, n - 1)] <= radius)
        lo = np.where(inside, mid, lo)
        lo_lo = np.where(inside, lo_lo, mid + 1)
    return lo, hi


def _count_in_squares(
    u: np.ndarray, radius: np.ndarray, z_rank: np.ndarray, z_lo: np.ndarray, z_hi: np.ndarray
) -> np.ndarray:
    """Count the samples j with ``|u_j - u_i| <= r_i`` and ``|z_j - z_i| <= r_i``, i itself too.

    The max-norm ball count in the plane (u, z), the same as a k-d tree's
    ``query_ball_point(..., return_length=True)``.  The u-condition selects
    the positions ``[u_lo, u_hi)`` of the u-sorted samples and the
    z-condition the z-ranks ``[z_lo, z_hi)`` (from :func:`_window`), so each
    count is the number of z-ranks inside ``[z_lo, z_hi)`` among the u-sorted
    positions ``[u_lo, u_hi)``: two rank queries on a wavelet matrix of the
    z-ranks in u order, ``O(log n)`` vectorised steps for all samples at once.
    """
    order = np.argsort(u, kind="stable")
    u_lo, u_hi = _window(u[order], u, radius)
    matrix = _WaveletMatrix(z_rank[order])
    return matrix.count_less(u_lo, u_hi, z_hi) - matrix.count_less(u_lo, u_hi, z_lo)


class _WaveletMatrix:
    """Wavelet matrix of a sequence of n integers in ``[0, n)``, for range rank queries.

    Level by level from the top bit, the sequence is split stably into its
    entries with that bit 0 and with it 1; ``rank0[level][i]`` is the number of
    zeros among the first ``i`` entries at that level.  (Claude and Navarro,
    "The wavelet matrix", SPIRE 2012.)
    """

    def __init__(self, sequence: np.ndarray) -> None:
        n = sequence.size
        # Bounds of count_less reach n itself, so the levels must cover n, not only n - 1.
        self.bits = max(1, n.bit_length())
        self.rank0: list[np.ndarray] = []
        self.zeros: list[int] = []
        current = sequence.astype(np.int64)
        for bit in range(self.bits - 1, -1, -1):
            ones = ((current >> bit) & 1).astype(bool)
            rank0 = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(~ones, out=rank0[1:])
            self.rank0.append(rank0)
            self.zeros.append(int(rank0[-1]))
            current = np.concatenate((current[~ones], current[ones]))

    def count_less(self, start: np.ndarray, stop: np.ndarray, bound: np.ndarray) -> np.ndarray:
        """For each i, how many entries of ``sequence[start[i]:stop[i]]`` are ``< bound[i]``."""
        count = np.zeros(start.size, dtype=np.int64)
        for level, bit in enumerate(range(self.bits - 1, -1, -1)):
            rank0, zeros = self.rank0[level], self.zeros[level]
            r_start, r_stop = rank0[start], rank0[stop]
            one = ((bound >> bit) & 1).astype(bool)
            # Where the bound has a 1, the entries with a 0 here are smaller: count them
            # and follow the ones; where it has a 0, follow the zeros.
            count += np.where(one, r_stop - r_start, 0)
            start = np.where(one, zeros + start - r_start, r_start)
            stop = np.where(one, zeros + stop - r_stop, r_stop)
        return count
