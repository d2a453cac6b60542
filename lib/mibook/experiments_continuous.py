r"""Computations behind the continuous-case and feature-selection pages.

Three small experiments, each returning a frozen dataclass of NumPy arrays
so that a figure only draws what was computed here:

* :func:`bin_width_sweep` bins a Gaussian pair with a fixed bin width
  :math:`\Delta` and records the plug-in entropy and MI of the binned
  variables, beside the exact entropy of the binned variable and the
  closed forms :math:`h(X) - \log\Delta` and
  :math:`-\tfrac12\log(1 - \rho^2)`;
* :func:`rank_features` scores each column of a feature matrix by its
  mutual information with a class label and by :math:`|r|`;
* :func:`best_split` finds the threshold split of one feature with the
  largest information gain, which is the mutual information between the
  split and the label.

All values are in nats unless ``base`` is given.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import norm

from infotheory._validation import check_base, check_int, check_labels, check_samples
from infotheory.discrete import entropy, mutual_information
from infotheory.gaussian import gaussian_mutual_information, sample_gaussian_pair

__all__ = [
    "BinWidthSweep",
    "FeatureRanking",
    "GaussianRepetitions",
    "Split",
    "best_split",
    "bin_width_sweep",
    "binned_gaussian_pair_mi",
    "binned_normal_entropy",
    "binned_plugin_mi",
    "gaussian_differential_entropy",
    "gaussian_repetitions",
    "rank_features",
    "sinusoid_binned_mutual_information",
    "sinusoid_mutual_information",
    "split_information_gain",
]


def gaussian_differential_entropy(sigma: float = 1.0) -> float:
    r"""Differential entropy of a normal distribution with standard deviation ``sigma``.

    .. math:: h(X) = \tfrac12 \log(2 \pi e \sigma^2) \quad \text{nats}

    It is negative for :math:`\sigma < 1/\sqrt{2\pi e} \approx 0.242`: a
    density, unlike a probability, can exceed 1.

    Parameters
    ----------
    sigma : float, default=1.0
        Standard deviation, > 0 and finite.

    Returns
    -------
    float
        :math:`h(X)` in nats.

    Raises
    ------
    ValueError
        If ``sigma`` is not a finite number > 0.

    Examples
    --------
    >>> bool(np.isclose(gaussian_differential_entropy(1.0), 0.5 * np.log(2 * np.pi * np.e)))
    True
    >>> bool(np.isclose(gaussian_differential_entropy(2.0) - gaussian_differential_entropy(1.0),
    ...                 np.log(2.0)))
    True
    """
    if isinstance(sigma, bool) or not isinstance(sigma, numbers.Real) or not 0 < sigma < np.inf:
        raise ValueError(f"sigma must be a finite number > 0, got {sigma!r}")
    return float(0.5 * np.log(2 * np.pi * np.e * sigma**2))


def _bin(values: np.ndarray, width: float) -> np.ndarray:
    """Codes ``floor(values / width)``, shifted to start at 0."""
    codes = np.floor(values / width).astype(np.int64)
    return codes - codes.min()


def binned_normal_entropy(width: float) -> float:
    r"""Exact entropy of a standard normal binned on the grid :math:`[k\Delta, (k+1)\Delta)`.

    .. math:: H(X^\Delta) = -\sum_k p_k \log p_k, \qquad
              p_k = \Phi\big((k+1)\Delta\big) - \Phi(k\Delta)

    It is never below the small-width limit :math:`h(X) - \log\Delta`:
    :math:`H(X^\Delta) + \log\Delta` is the differential entropy of the
    density averaged over each bin, :math:`\bar f_\Delta`, and

    .. math:: H(X^\Delta) + \log\Delta - h(X) = D(f \,\|\, \bar f_\Delta) \ge 0,

    which vanishes as :math:`\Delta \to 0`.

    Parameters
    ----------
    width : float
        Bin width :math:`\Delta`, finite and at least ``1e-6`` (the sum has
        :math:`12/\Delta` terms).

    Returns
    -------
    float
        :math:`H(X^\Delta)` in nats.  The grid is symmetric about 0 (an
        edge), so the sum runs over :math:`k \ge 0` with the survival
        function, which keeps the tail probabilities accurate, and doubles.
        Bins beyond :math:`|x| = 12` (probability below :math:`10^{-32}`)
        are left out.

    Raises
    ------
    ValueError
        If ``width`` is not a finite number >= 1e-6.

    Examples
    --------
    >>> round(binned_normal_entropy(50.0), 12) == round(float(np.log(2)), 12)  # two halves
    True
    >>> h = 0.5 * np.log(2 * np.pi * np.e)
    >>> bool(binned_normal_entropy(0.01) - (h - np.log(0.01)) < 1e-5)  # about width**2 / 24
    True
    """
    if isinstance(width, bool) or not isinstance(width, numbers.Real) or not 1e-6 <= width < np.inf:
        raise ValueError(f"width must be a finite number >= 1e-6, got {width!r}")
    edges = np.arange(int(np.ceil(12.0 / width)) + 1) * float(width)
    p = -np.diff(norm.sf(edges))  # bins [k w, (k+1) w) for k >= 0
    p = p[p > 0]
    return float(-2.0 * np.dot(p, np.log(p)))


@dataclass(frozen=True, eq=False)
class BinWidthSweep:
    r"""Plug-in entropy and MI of a binned Gaussian pair against the bin width.

    Attributes
    ----------
    widths : ndarray
        Bin widths :math:`\Delta`, increasing; both variables use the same
        grid :math:`[k\Delta, (k+1)\Delta)`.
    entropy : ndarray
        Plug-in entropy :math:`\hat H(X^\Delta)` of the binned :math:`X` (nats).
    mutual_information : ndarray
        Plug-in :math:`\hat I(X^\Delta; Y^\Delta)` (nats).
    entropy_exact : ndarray
        The exact entropy :math:`H(X^\Delta)` of the binned standard normal
        variable, from its bin probabilities (nats): what the plug-in
        entropy estimates.  It is never below :math:`h(X) - \log\Delta`
        (see :func:`binned_normal_entropy`).
    h_true : float
        :math:`h(X) = \tfrac12\log(2\pi e)` for the standard normal :math:`X`.
    mi_true : float
        :math:`I(X;Y) = -\tfrac12 \log(1 - \rho^2)`.
    n : int
        Sample size; :math:`\hat H \le \log n` for every width.
    rho : float
        Correlation of the pair.
    """

    widths: NDArray[np.float64]
    entropy: NDArray[np.float64]
    mutual_information: NDArray[np.float64]
    entropy_exact: NDArray[np.float64]
    h_true: float
    mi_true: float
    n: int
    rho: float

    @property
    def entropy_limit(self) -> NDArray[np.float64]:
        r""":math:`h(X) - \log\Delta`, the small-width limit of :math:`H(X^\Delta)`."""
        return self.h_true - np.log(self.widths)


def bin_width_sweep(
    widths: ArrayLike, *, n: int = 100_000, rho: float = 0.8, seed: int = 0
) -> BinWidthSweep:
    r"""Bin one standard Gaussian pair with each width and estimate :math:`H` and :math:`I`.

    For a density :math:`f` and bins of width :math:`\Delta`,
    :math:`P(\text{bin } k) \approx f(x_k)\Delta`, so

    .. math:: H(X^\Delta) \approx -\sum_k f(x_k)\Delta \log\big(f(x_k)\Delta\big)
              \to h(X) - \log \Delta \quad (\Delta \to 0),

    which diverges; in :math:`I = H(X^\Delta) + H(Y^\Delta) - H(X^\Delta,
    Y^\Delta)` the :math:`\log\Delta` terms cancel (two in the margins, two
    in the joint) and :math:`I(X^\Delta; Y^\Delta) \to I(X; Y)`.  The same
    ``n`` samples are binned at every width, so the curves differ only
    by the width.  From samples, :math:`\hat H` cannot exceed :math:`\log n`
    (every sample in its own bin), and the plug-in MI rises above the
    truth once the joint table has many cells per sample (its bias).

    Parameters
    ----------
    widths : array-like of float
        Bin widths, each finite and at least ``1e-6`` (the exact entropy
        sums :math:`12/\Delta` bins).
    n : int, default=100_000
        Sample size, at least 2.
    rho : float, default=0.8
        Correlation in :math:`(-1, 1)`.
    seed : int, default=0
        Seed of :func:`~infotheory.gaussian.sample_gaussian_pair`.

    Returns
    -------
    BinWidthSweep
        Widths sorted increasing, with the estimates in nats.

    Raises
    ------
    ValueError
        If ``widths`` is empty or holds a value that is not finite and >= 1e-6,
        ``n`` is not an integer >= 2, or ``rho`` is not in :math:`(-1, 1)`.

    Examples
    --------
    >>> s = bin_width_sweep([0.05, 0.5], n=20_000, seed=1)
    >>> bool(abs(s.entropy[0] - s.entropy_limit[0]) < 0.02)  # plug-in bias and noise ~0.01
    True
    """
    w = np.atleast_1d(np.asarray(widths, dtype=float))
    if w.ndim != 1 or w.size == 0 or not np.all(np.isfinite(w)) or np.any(w < 1e-6):
        raise ValueError(
            f"widths must be a non-empty 1-D sequence of finite numbers >= 1e-6, got {widths!r}"
        )
    n = check_int(n, "n", minimum=2)
    if isinstance(rho, bool) or not isinstance(rho, numbers.Real) or not -1 < rho < 1:
        raise ValueError(f"rho must be a number in (-1, 1), got {rho!r}")
    w = np.sort(w)
    x, y = sample_gaussian_pair(n, rho, seed=seed)
    h = np.empty(w.size)
    mi = np.empty(w.size)
    for i, width in enumerate(w):  # one pass over all samples per width
        bx, by = _bin(x, width), _bin(y, width)
        joint = np.unique(bx * (int(by.max()) + 1) + by, return_inverse=True)[1]
        h_x, h_y = entropy(np.bincount(bx)), entropy(np.bincount(by))
        h[i] = h_x
        # I = H(X) + H(Y) - H(X, Y) of the empirical distribution: the plug-in MI.
        mi[i] = h_x + h_y - entropy(np.bincount(joint.reshape(-1)))
    return BinWidthSweep(
        widths=w,
        entropy=h,
        mutual_information=mi,
        entropy_exact=np.array([binned_normal_entropy(width) for width in w]),
        h_true=gaussian_differential_entropy(1.0),
        mi_true=float(gaussian_mutual_information(rho)),
        n=n,
        rho=float(rho),
    )


@dataclass(frozen=True, eq=False)
class FeatureRanking:
    r"""Relevance of each feature to a class label, by MI and by :math:`|r|`.

    Attributes
    ----------
    names : tuple of str
        Feature names, in column order.
    mi : ndarray
        :math:`\hat I(X_j; Y)` in nats, by the estimator given to
        :func:`rank_features`.
    abs_r : ndarray
        :math:`|r(X_j, Y)|`, Pearson's correlation with the 0/1 label (the
        point-biserial correlation).
    """

    names: tuple[str, ...]
    mi: NDArray[np.float64]
    abs_r: NDArray[np.float64]

    @property
    def by_mi(self) -> NDArray[np.int64]:
        """Column indices from the largest MI down (ties by column order)."""
        return np.argsort(-self.mi, kind="stable")

    @property
    def by_r(self) -> NDArray[np.int64]:
        """Column indices from the largest :math:`|r|` down (ties by column order)."""
        return np.argsort(-self.abs_r, kind="stable")

    def rank(self, by: str) -> NDArray[np.int64]:
        """Rank (1 = best) of each column, by ``"mi"`` or ``"r"``."""
        if by not in ("mi", "r"):
            raise ValueError(f"by must be 'mi' or 'r', got {by!r}")
        order = self.by_mi if by == "mi" else self.by_r
        ranks = np.empty(order.size, dtype=np.int64)
        ranks[order] = np.arange(1, order.size + 1)
        return ranks


def rank_features(
    X: ArrayLike, y: ArrayLike, *, names: Sequence[str] | None = None, k: int = 3
) -> FeatureRanking:
    r"""Score every column of ``X`` by its MI with the labels ``y`` and by :math:`|r|`.

    The MI of a continuous column with the discrete label is the Ross (2014)
    nearest-neighbour estimate :func:`infotheory.continuous.mixed_mutual_information`
    with ``k`` neighbours, unclipped (it can be slightly negative for an
    irrelevant feature).  Rounded data, whose columns repeat values, need no
    preparation: that estimator breaks the ties itself with deterministic
    noise, as scikit-learn does.  Neither score depends on a column's units
    (up to rounding).  :math:`|r|` needs a numeric label, so ``y`` must take
    exactly two values; they are coded 0 and 1 in sorted order.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Finite feature values.
    y : array-like of shape (n_samples,)
        Class labels with exactly two distinct values.
    names : sequence of str, optional
        One name per column; default ``"x0", "x1", ...``.
    k : int, default=3
        Neighbours of the MI estimator.

    Returns
    -------
    FeatureRanking

    Raises
    ------
    ValueError
        If ``X`` is not 2-D or not finite, ``y`` does not have one label per
        row or does not take exactly two values, ``names`` has the wrong
        length, or a column is constant.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 400)
    >>> X = np.column_stack([y + rng.normal(size=400), rng.normal(size=400)])
    >>> rank_features(X, y).by_mi.tolist()
    [0, 1]
    """
    from infotheory.continuous import mixed_mutual_information

    X_arr = np.asarray(X)
    if X_arr.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X_arr.shape}")
    X_arr = check_samples(X_arr, "X")
    y_arr = check_labels(y, "y")
    if y_arr.shape[0] != X_arr.shape[0]:
        raise ValueError(
            f"y must have one label per row of X, got {y_arr.shape[0]} and {X_arr.shape[0]}"
        )
    classes, codes = np.unique(y_arr, return_inverse=True)
    if classes.size != 2:
        raise ValueError(f"y must take exactly two values, got {classes.size}")
    d = X_arr.shape[1]
    names = tuple(f"x{j}" for j in range(d)) if names is None else tuple(str(s) for s in names)
    if len(names) != d:
        raise ValueError(f"names must have one entry per column of X, got {len(names)} and {d}")
    centred = X_arr - X_arr.mean(axis=0)
    scale = np.sqrt((centred**2).sum(axis=0))
    if np.any(scale == 0):
        raise ValueError(f"X must not have a constant column, got column {int(np.argmin(scale))}")
    c = codes.reshape(-1) - codes.mean()
    abs_r = np.abs(centred.T @ c) / (scale * np.sqrt(c @ c))
    mi = np.array([mixed_mutual_information(X_arr[:, j], y_arr, k=k) for j in range(d)])
    return FeatureRanking(names=names, mi=mi, abs_r=abs_r)


def split_information_gain(
    x: ArrayLike, y: ArrayLike, threshold: float, *, base: float | None = None
) -> float:
    r"""Information gain of the split ``x <= threshold`` about the labels ``y``.

    .. math:: \mathrm{IG} = H(Y) - \Big(\tfrac{n_L}{n} H(Y_L) + \tfrac{n_R}{n} H(Y_R)\Big)
              = H(Y) - H(Y \mid S) = I(S; Y)

    where :math:`S` is the side of the split each sample falls on: the
    gain is the plug-in mutual information between the split and the label.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        Feature values.
    y : array-like of shape (n_samples,)
        Labels.
    threshold : float
        Samples with ``x <= threshold`` go left.
    base : float, optional
        Logarithm base; ``None`` gives nats (decision-tree software
        usually reports bits, ``base=2``).

    Returns
    -------
    float
        The gain, >= 0; 0.0 if every sample falls on one side.

    Raises
    ------
    ValueError
        If ``x`` is not 1-D finite numbers, or ``y`` has another length.

    Examples
    --------
    >>> split_information_gain([1, 2, 3, 4], ["a", "a", "b", "b"], 2.5, base=2)
    1.0
    """
    x_arr = check_samples(np.asarray(x), "x")
    if np.asarray(x).ndim != 1:
        raise ValueError(f"x must be 1-D, got shape {np.asarray(x).shape}")
    y_arr = check_labels(y, "y")
    if y_arr.shape[0] != x_arr.shape[0]:
        raise ValueError(
            f"y must have the same length as x, got {y_arr.shape[0]} and {x_arr.shape[0]}"
        )
    return mutual_information(x_arr[:, 0] <= threshold, y_arr, base=check_base(base))


@dataclass(frozen=True)
class Split:
    r"""The best threshold split of one feature.

    Attributes
    ----------
    threshold : float
        Midpoint between the two neighbouring distinct values the split
        falls between (as scikit-learn's trees choose it); ``x <= threshold``
        goes left.
    gain : float
        :math:`H(Y) - H(Y \mid S) = I(S; Y)`, in nats unless ``base``.
    left_counts, right_counts : tuple of int
        Label counts on each side, in the sorted order of the labels.
    """

    threshold: float
    gain: float
    left_counts: tuple[int, ...]
    right_counts: tuple[int, ...]


def best_split(x: ArrayLike, y: ArrayLike, *, base: float | None = None) -> Split:
    r"""The threshold on ``x`` with the largest information gain about ``y``.

    Every cut between two neighbouring distinct sorted values is scored at
    once: cumulative label counts give each side's entropy, vectorised over
    the :math:`n - 1` cuts.  This is the entropy criterion of a decision
    tree's root split (ID3/C4.5, or scikit-learn's
    ``DecisionTreeClassifier(criterion="entropy", max_depth=1)``).

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        Finite feature values, at least two distinct.
    y : array-like of shape (n_samples,)
        Labels.
    base : float, optional
        Logarithm base; ``None`` gives nats.

    Returns
    -------
    Split
        The first cut (smallest threshold) among those of maximal gain.

    Raises
    ------
    ValueError
        If ``x`` is not 1-D finite numbers or is constant, or ``y`` has
        another length.

    Examples
    --------
    >>> s = best_split([1.0, 2.0, 3.0, 4.0], [0, 0, 1, 1], base=2)
    >>> s.threshold, s.gain, s.left_counts, s.right_counts
    (2.5, 1.0, (2, 0), (0, 2))
    """
    raw = np.asarray(x)
    if raw.ndim != 1:
        raise ValueError(f"x must be 1-D, got shape {raw.shape}")
    x_arr = check_samples(raw, "x")[:, 0]
    y_arr = check_labels(y, "y")
    if y_arr.shape[0] != x_arr.shape[0]:
        raise ValueError(
            f"y must have the same length as x, got {y_arr.shape[0]} and {x_arr.shape[0]}"
        )
    base = check_base(base)
    order = np.argsort(x_arr, kind="stable")
    xs = x_arr[order]
    cuts = np.flatnonzero(xs[1:] > xs[:-1])  # cut after sorted position i
    if cuts.size == 0:
        raise ValueError("x must take at least two distinct values")
    codes = np.unique(y_arr, return_inverse=True)[1].reshape(-1)[order]
    n, m = codes.size, int(codes.max()) + 1
    left = np.cumsum(np.eye(m, dtype=np.int64)[codes], axis=0)[cuts]  # (cuts, m)
    right = np.bincount(codes, minlength=m) - left

    def side_entropy(counts: np.ndarray) -> np.ndarray:
        size = counts.sum(axis=1, keepdims=True)
        p = counts / size
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(counts > 0, p * np.log(p), 0.0)
        return -terms.sum(axis=1)

    n_left = left.sum(axis=1)
    h_cond = (n_left * side_entropy(left) + (n - n_left) * side_entropy(right)) / n
    gains = entropy(np.bincount(codes)) - h_cond
    best = int(np.argmax(gains))
    i = cuts[best]
    scale = 1.0 if base is None else np.log(base)
    return Split(
        threshold=float((xs[i] + xs[i + 1]) / 2),
        gain=float(max(gains[best], 0.0) / scale),
        left_counts=tuple(int(c) for c in left[best]),
        right_counts=tuple(int(c) for c in right[best]),
    )


# --- population MI of binned pairs, by quadrature -------------------------------------------


def _check_rho(rho: float) -> float:
    if isinstance(rho, bool) or not isinstance(rho, numbers.Real) or not -1 < rho < 1:
        raise ValueError(f"rho must be a number in (-1, 1), got {rho!r}")
    return float(rho)


def _table_mi(p: np.ndarray) -> float:
    """MI in nats of a joint probability table (rows X, columns Y)."""
    p = p / p.sum()
    return float(entropy(p.sum(axis=1)) + entropy(p.sum(axis=0)) - entropy(p.ravel()))


def _legendre_nodes(edges: np.ndarray, order: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre nodes and weights, ``order`` per interval of ``edges``, in runs."""
    t, w = np.polynomial.legendre.leggauss(order)
    lo, hi = edges[:-1, None], edges[1:, None]
    nodes = (lo + hi) / 2 + (hi - lo) / 2 * t
    weights = (hi - lo) / 2 * w
    return nodes.ravel(), weights.ravel()


def binned_gaussian_pair_mi(width: float, rho: float = 0.8) -> float:
    r"""Population MI of a standard Gaussian pair binned on the grid :math:`[k\Delta, (k+1)\Delta)`.

    What the plug-in MI of :func:`bin_width_sweep` estimates at one width:

    .. math:: I(X^\Delta; Y^\Delta) = \sum_{i,j} p_{ij} \log\frac{p_{ij}}{p_i\, p_j},
              \qquad
              p_{ij} = \int_{i\Delta}^{(i+1)\Delta} \varphi(x)
              \Big[\Phi\Big(\tfrac{(j+1)\Delta - \rho x}{s}\Big)
                   - \Phi\Big(\tfrac{j\Delta - \rho x}{s}\Big)\Big] dx,

    with :math:`s = \sqrt{1 - \rho^2}` (given :math:`X = x`, :math:`Y` is
    normal with mean :math:`\rho x` and sd :math:`s`).  Each integral is
    done by 16-point Gauss-Legendre quadrature over its bin, exact to
    round-off for these smooth integrands; bins beyond :math:`|x| = 9`
    (probability below :math:`10^{-18}`) are left out.  By the
    data-processing inequality it never exceeds
    :math:`-\tfrac12\log(1 - \rho^2)`, and it tends to it as
    :math:`\Delta \to 0`.

    Parameters
    ----------
    width : float
        Bin width :math:`\Delta`, finite and at least 0.05 (the table has
        about :math:`(18/\Delta)^2` cells, and 16 quadrature nodes per row).
    rho : float, default=0.8
        Correlation in :math:`(-1, 1)`.

    Returns
    -------
    float
        :math:`I(X^\Delta; Y^\Delta)` in nats.

    Raises
    ------
    ValueError
        If ``width`` is not a finite number >= 0.05 or ``rho`` is not in
        :math:`(-1, 1)`.

    Examples
    --------
    >>> exact = -0.5 * np.log(1 - 0.8**2)
    >>> bool(exact - 0.01 < binned_gaussian_pair_mi(0.1) < exact)  # a small loss
    True
    >>> round(binned_gaussian_pair_mi(100.0, 0.0), 12)  # one cut at 0, independent
    0.0
    """
    if isinstance(width, bool) or not isinstance(width, numbers.Real) or not 0.05 <= width < np.inf:
        raise ValueError(f"width must be a finite number >= 0.05, got {width!r}")
    rho = _check_rho(rho)
    k = int(np.ceil(9.0 / width))
    edges = np.arange(-k, k + 1) * float(width)
    x, w = _legendre_nodes(edges, 16)
    s = np.sqrt(1 - rho**2)
    cond = np.diff(norm.cdf((edges[None, :] - rho * x[:, None]) / s), axis=1)  # (nodes, bins)
    m = edges.size - 1  # the nodes come in runs of 16 per bin of X: sum each run
    p = ((w * norm.pdf(x))[:, None] * cond).reshape(m, 16, m).sum(axis=1)
    return _table_mi(p)


def binned_plugin_mi(
    width: float, *, n: int = 100_000, rho: float = 0.8, seeds: Sequence[int] = range(1, 21)
) -> NDArray[np.float64]:
    r"""Plug-in MI of fresh Gaussian pairs binned with one width, one per seed.

    Each seed draws :func:`~infotheory.gaussian.sample_gaussian_pair`
    ``(n, rho, seed=seed)``, bins both variables on the grid
    :math:`[k\Delta, (k+1)\Delta)` as :func:`bin_width_sweep` does, and
    takes the plug-in MI of the binned pair: their spread is the sampling
    noise of one point of the sweep, and their mean minus
    :func:`binned_gaussian_pair_mi` is the plug-in bias.

    Parameters
    ----------
    width : float
        Bin width, finite and at least ``1e-6``.
    n : int, default=100_000
        Sample size, at least 2.
    rho : float, default=0.8
        Correlation in :math:`(-1, 1)`.
    seeds : sequence of int, default=range(1, 21)
        One sample per seed; at least one.

    Returns
    -------
    ndarray
        The estimates in nats, in the order of ``seeds``.

    Raises
    ------
    ValueError
        If ``width``, ``n`` or ``rho`` is out of range, or ``seeds`` is empty.

    Examples
    --------
    >>> est = binned_plugin_mi(0.5, n=2000, seeds=[0])
    >>> bool(est[0] == bin_width_sweep([0.5], n=2000, seed=0).mutual_information[0])
    True
    """
    if isinstance(width, bool) or not isinstance(width, numbers.Real) or not 1e-6 <= width < np.inf:
        raise ValueError(f"width must be a finite number >= 1e-6, got {width!r}")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must hold at least one seed")
    return np.array(
        [bin_width_sweep([width], n=n, rho=rho, seed=s).mutual_information[0] for s in seeds]
    )


def _sinusoid_nodes(edges_x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Quadrature nodes over X ~ N(0, 1) on [-9, 9], split at ``edges_x`` (inner cuts)."""
    cuts = np.concatenate([[-9.0], edges_x, [9.0]])
    # sin(3x) has period 2.09: 200 Legendre nodes per piece (the widest is 7.4) resolve it.
    x, w = _legendre_nodes(cuts, 200)
    return x, w * norm.pdf(x)


def _check_noise(noise: float) -> float:
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not 0.05 <= noise < 10:
        raise ValueError(f"noise must be a number in [0.05, 10), got {noise!r}")
    return float(noise)


def sinusoid_mutual_information(noise: float = 0.2) -> float:
    r"""True :math:`I(X;Y)` of :math:`Y = \sin 3X + \sigma\varepsilon`, by quadrature.

    With :math:`X, \varepsilon` independent standard normal (the
    ``"Sinusoidal"`` pair of :func:`mibook.datasets.relationships`, where
    :math:`\sigma = 0.2`),

    .. math:: I(X;Y) = h(Y) - h(Y \mid X) = h(Y) - \tfrac12\log(2\pi e\sigma^2),
              \qquad f_Y(y) = \int \varphi(x)\, \varphi_\sigma(y - \sin 3x)\, dx .

    :math:`f_Y` is integrated over :math:`x \in [-9, 9]` by Gauss-Legendre
    quadrature, and :math:`h(Y)` by the trapezoid rule on a grid of step
    :math:`\sigma / 100` over :math:`|y| \le 1 + 10\sigma` (both errors far
    below :math:`10^{-6}` nats).

    Parameters
    ----------
    noise : float, default=0.2
        :math:`\sigma`, in [0.05, 10).

    Returns
    -------
    float
        :math:`I(X;Y)` in nats.

    Raises
    ------
    ValueError
        If ``noise`` is not a number in [0.05, 10).

    Examples
    --------
    >>> round(sinusoid_mutual_information(0.2), 4)
    1.1542
    """
    sigma = _check_noise(noise)
    x, w = _sinusoid_nodes(np.array([]))
    y = np.arange(-1 - 10 * sigma, 1 + 10 * sigma + sigma / 200, sigma / 100)
    f = np.zeros_like(y)
    for chunk in np.array_split(np.arange(x.size), max(1, x.size // 100)):
        f += (w[chunk, None] * norm.pdf(y[None, :], np.sin(3 * x[chunk, None]), sigma)).sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        integrand = np.where(f > 0, -f * np.log(f), 0.0)
    h_y = float(np.trapezoid(integrand, y))
    return h_y - gaussian_differential_entropy(sigma)


def sinusoid_binned_mutual_information(bins: int = 20, noise: float = 0.2) -> float:
    r"""Population MI of the sinusoidal pair, each variable cut into ``bins`` quantile bins.

    What the plug-in MI of :func:`infotheory.discretize` ``(x, bins)``
    and ``(y, bins)`` estimates for :math:`Y = \sin 3X + \sigma\varepsilon`:
    the bins are the population quantiles (normal for :math:`X`; for
    :math:`Y` solved from :math:`F_Y(y) = \int \varphi(x)
    \Phi\big((y - \sin 3x)/\sigma\big) dx`), and each cell probability is

    .. math:: p_{ij} = \int_{\text{bin } i} \varphi(x)
              \Big[\Phi\Big(\tfrac{b_{j+1} - \sin 3x}{\sigma}\Big)
                   - \Phi\Big(\tfrac{b_j - \sin 3x}{\sigma}\Big)\Big] dx,

    by Gauss-Legendre quadrature over each bin of :math:`X`.  By the
    data-processing inequality it is below
    :func:`sinusoid_mutual_information`: the gap is the information lost to
    the bins, which no sample size recovers.

    Parameters
    ----------
    bins : int, default=20
        Bins per variable, 2 to 200.
    noise : float, default=0.2
        :math:`\sigma`, in [0.05, 10).

    Returns
    -------
    float
        :math:`I(X^{b}; Y^{b})` in nats.

    Raises
    ------
    ValueError
        If ``bins`` is not an integer in [2, 200] or ``noise`` is out of range.

    Examples
    --------
    >>> binned = sinusoid_binned_mutual_information(20)
    >>> bool(0.9 < binned < sinusoid_mutual_information())
    True
    """
    from scipy.optimize import brentq

    bins = check_int(bins, "bins", minimum=2, maximum=200)
    sigma = _check_noise(noise)
    q = np.arange(1, bins) / bins
    x, w = _sinusoid_nodes(norm.ppf(q))
    s = np.sin(3 * x)

    def cdf_y(t: float) -> float:
        return float(np.dot(w, norm.cdf((t - s) / sigma)))

    lo, hi = -1 - 12 * sigma, 1 + 12 * sigma
    cuts = np.array([brentq(lambda t, qi=qi: cdf_y(t) - qi, lo, hi, xtol=1e-12) for qi in q])
    edges_y = np.concatenate([[-np.inf], cuts, [np.inf]])
    cond = np.diff(norm.cdf((edges_y[None, :] - s[:, None]) / sigma), axis=1)
    p = (w[:, None] * cond).reshape(bins, -1, bins).sum(axis=1)  # runs of nodes per bin
    return _table_mi(p)


# --- repeated estimates on fresh Gaussian pairs ---------------------------------------------


@dataclass(frozen=True, eq=False)
class GaussianRepetitions:
    r"""Estimates from fresh samples of one standard Gaussian pair, one row per seed.

    Attributes
    ----------
    h_x, h_y, h_xy : ndarray
        Kozachenko-Leonenko estimates of :math:`h(X)`, :math:`h(Y)` and
        :math:`h(X, Y)` (nats).
    ksg : ndarray
        KSG estimates of :math:`I(X;Y)` (nats).
    r : ndarray
        Pearson's :math:`r` of each sample.
    n : int
        Sample size.
    rho : float
        Correlation of the pair.
    """

    h_x: NDArray[np.float64]
    h_y: NDArray[np.float64]
    h_xy: NDArray[np.float64]
    ksg: NDArray[np.float64]
    r: NDArray[np.float64]
    n: int
    rho: float

    @property
    def mi_true(self) -> float:
        r""":math:`-\tfrac12\log(1 - \rho^2)`."""
        return float(gaussian_mutual_information(self.rho))

    @property
    def three_entropies(self) -> NDArray[np.float64]:
        r""":math:`\hat h(X) + \hat h(Y) - \hat h(X, Y)`, the MI from three entropies."""
        return self.h_x + self.h_y - self.h_xy

    @property
    def margins_error(self) -> NDArray[np.float64]:
        r"""Error of :math:`\hat h(X) + \hat h(Y)`, against :math:`\log(2\pi e)`."""
        return self.h_x + self.h_y - 2 * gaussian_differential_entropy(1.0)

    @property
    def joint_error(self) -> NDArray[np.float64]:
        r"""Error of :math:`\hat h(X, Y)` against :math:`\tfrac12\log((2\pi e)^2(1 - \rho^2))`."""
        exact = gaussian_differential_entropy(1.0) * 2 + 0.5 * np.log(1 - self.rho**2)
        return self.h_xy - exact


def gaussian_repetitions(
    n: int, *, rho: float = 0.8, seeds: Sequence[int] = range(100, 200), k: int = 3
) -> GaussianRepetitions:
    r"""The three-entropy and KSG estimates of :math:`I(X;Y)` on fresh Gaussian pairs.

    For each seed, :func:`~infotheory.gaussian.sample_gaussian_pair`
    ``(n, rho, seed=seed)`` is estimated four ways with ``k`` neighbours:
    :func:`infotheory.differential_entropy` of :math:`X`, of :math:`Y` and
    of the pair, and :func:`infotheory.ksg_mutual_information`.  The
    three-entropy error splits exactly into the margins' error minus the
    joint's, :math:`(\hat I - I) = (\hat h_X + \hat h_Y - 2h_1) -
    (\hat h_{XY} - h_{XY})`, which says which term a bias comes from.

    Parameters
    ----------
    n : int
        Sample size, at least ``k + 1``.
    rho : float, default=0.8
        Correlation in :math:`(-1, 1)`.
    seeds : sequence of int, default=range(100, 200)
        One sample per seed; at least two (a spread needs two).
    k : int, default=3
        Neighbours of both estimators.

    Returns
    -------
    GaussianRepetitions

    Raises
    ------
    ValueError
        If ``n`` or ``k`` is not a valid integer, ``rho`` is not in
        :math:`(-1, 1)`, or ``seeds`` holds fewer than two seeds.

    Examples
    --------
    >>> reps = gaussian_repetitions(500, seeds=[1, 2])
    >>> bool(np.allclose(reps.three_entropies - reps.mi_true,
    ...                  reps.margins_error - reps.joint_error))
    True
    """
    from infotheory.continuous import differential_entropy
    from infotheory.estimators import ksg_mutual_information

    k = check_int(k, "k", minimum=1)
    n = check_int(n, "n", minimum=k + 1)
    rho = _check_rho(rho)
    seeds = list(seeds)
    if len(seeds) < 2:
        raise ValueError(f"seeds must hold at least two seeds, got {len(seeds)}")
    rows = np.empty((len(seeds), 5))
    for i, seed in enumerate(seeds):  # one sample per seed; each estimate is vectorised
        x, y = sample_gaussian_pair(n, rho, seed=seed)
        rows[i] = (
            differential_entropy(x, k=k),
            differential_entropy(y, k=k),
            differential_entropy(np.column_stack([x, y]), k=k),
            ksg_mutual_information(x, y, k=k),
            np.corrcoef(x, y)[0, 1],
        )
    return GaussianRepetitions(*rows.T, n=n, rho=rho)
