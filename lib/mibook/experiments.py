r"""Monte Carlo sweeps behind the chapter's estimation and clustering figures.

Each function repeats one small experiment over ``n_seeds`` independent
samples and returns a frozen dataclass of NumPy arrays: the mean and the
standard deviation (``ddof=1``) of each estimate over the seeds, so error
bars show the spread of *one* estimate, not of the mean.  All values are
in nats.  The same ``seed`` gives the same result; an int or a
:class:`numpy.random.Generator` is accepted.

The defaults are the chapter's settings and each sweep takes a few seconds
at most; the book executes them on every build.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.integrate import quad_vec
from scipy.special import log_ndtr, ndtr, ndtri
from scipy.stats import chi2

from infotheory._validation import check_choice, check_int, check_seed
from infotheory.clustering import adjusted_mutual_information, normalized_mutual_information
from infotheory.discrete import discretize, mutual_information
from infotheory.estimators import ksg_mutual_information, permutation_test, plugin_bias
from infotheory.gaussian import gaussian_mutual_information, sample_gaussian_pair

__all__ = [
    "BiasSweep",
    "ChanceSweep",
    "EstimatorSummary",
    "GTestNull",
    "GaussianSweep",
    "PermutationNull",
    "binned_gaussian_mutual_information",
    "chance_scores",
    "estimator_bias_table",
    "g_test_null",
    "gaussian_truth",
    "independent_bias",
    "permutation_nulls",
]

Seed = int | np.random.Generator | None


def _seed_streams(seed: Seed, n_seeds: int) -> list[int]:
    """One integer seed per repetition, drawn reproducibly from ``seed``.

    Reusing these streams for every parameter value gives common random
    numbers: the curves of a sweep differ by the parameter, not by fresh
    sampling noise, so they come out smooth with few seeds.
    """
    rng = check_seed(seed)
    return [int(s) for s in rng.integers(0, 2**63 - 1, size=n_seeds)]


def _int_array(values: ArrayLike, name: str, *, minimum: int) -> NDArray[np.int64]:
    arr = np.atleast_1d(np.asarray(values))
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be an integer or a non-empty 1-D sequence of integers")
    return np.array([check_int(v.item(), name, minimum=minimum) for v in arr], dtype=np.int64)


def _mean_std(samples: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Mean and sample standard deviation over the last axis (the seeds)."""
    return samples.mean(axis=-1), samples.std(axis=-1, ddof=1)


@dataclass(frozen=True, eq=False)
class BiasSweep:
    r"""Plug-in and Miller-Madow MI of independent data over sample sizes and bin counts.

    Arrays have one entry per sweep point ``(n[i], bins[i])``.

    Attributes
    ----------
    n, bins : ndarray of int
        Sample size and number of quantile bins per variable.
    plugin_mean, plugin_std : ndarray
        Plug-in :math:`\hat I` (nats) over seeds; the true MI is 0.
    miller_madow_mean, miller_madow_std : ndarray
        The Miller-Madow corrected estimate over seeds.
    first_order : ndarray
        The first-order bias :math:`(B - 1)^2 / (2n)` of
        :func:`~infotheory.estimators.plugin_bias`.
    n_seeds : int
        Number of independent samples per point.
    """

    n: NDArray[np.int64]
    bins: NDArray[np.int64]
    plugin_mean: NDArray[np.float64]
    plugin_std: NDArray[np.float64]
    miller_madow_mean: NDArray[np.float64]
    miller_madow_std: NDArray[np.float64]
    first_order: NDArray[np.float64]
    n_seeds: int


def independent_bias(
    ns: int | Sequence[int],
    bins: int | Sequence[int] = 20,
    *,
    n_seeds: int = 20,
    seed: Seed = 0,
) -> BiasSweep:
    r"""Bias of the plug-in MI on independent data, over sample sizes or bin counts.

    For each point, ``n`` pairs of independent :math:`N(0, 1)` variables are
    cut into ``bins`` quantile bins each (:func:`~infotheory.discretize`) and
    the plug-in and Miller-Madow estimates are recorded.  The true MI is 0,
    so the estimates *are* the bias; to first order it is

    .. math:: E[\hat I] \approx \frac{(B - 1)^2}{2n}.

    Parameters
    ----------
    ns : int or sequence of int
        Sample sizes (>= 2).
    bins : int or sequence of int, default=20
        Quantile bins per variable (>= 1).  ``ns`` and ``bins`` are
        broadcast against each other: sweep one, fix the other.
    n_seeds : int, default=20
        Repetitions per point (>= 2).  Each repetition draws one stream of
        ``max(ns)`` pairs and uses its first ``n``, so the points share
        random numbers.
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    BiasSweep

    Raises
    ------
    ValueError
        If a size or count is not an integer in range, or ``ns`` and
        ``bins`` cannot be broadcast.

    Examples
    --------
    >>> sweep = independent_bias([200, 2000], 5, n_seeds=5)
    >>> sweep.first_order.tolist()
    [0.04, 0.004]
    >>> bool(np.all(sweep.plugin_mean > sweep.miller_madow_mean))
    True
    """
    ns_arr = _int_array(ns, "ns", minimum=2)
    bins_arr = _int_array(bins, "bins", minimum=1)
    n_seeds = check_int(n_seeds, "n_seeds", minimum=2)
    try:
        ns_arr, bins_arr = np.broadcast_arrays(ns_arr, bins_arr)
    except ValueError:
        raise ValueError(
            f"ns and bins must broadcast: got {ns_arr.size} sizes and {bins_arr.size} bin counts"
        ) from None
    n_max = int(ns_arr.max())
    plugin = np.empty((ns_arr.size, n_seeds))
    corrected = np.empty_like(plugin)
    for s, stream in enumerate(_seed_streams(seed, n_seeds)):
        xy = np.random.default_rng(stream).standard_normal((2, n_max))
        for i, (n, b) in enumerate(zip(ns_arr, bins_arr, strict=True)):
            xb, yb = discretize(xy[0, :n], int(b)), discretize(xy[1, :n], int(b))
            plugin[i, s] = mutual_information(xb, yb)
            corrected[i, s] = mutual_information(xb, yb, correction="miller-madow")
    first_order = np.asarray(plugin_bias(bins_arr, bins_arr, ns_arr), dtype=float)
    return BiasSweep(
        np.array(ns_arr),
        np.array(bins_arr),
        *_mean_std(plugin),
        *_mean_std(corrected),
        first_order,
        n_seeds,
    )


@dataclass(frozen=True, eq=False)
class GaussianSweep:
    r"""Estimates of the MI of a bivariate Gaussian against its true value, over :math:`\rho`.

    Attributes
    ----------
    rho : ndarray of shape (m,)
        Correlations.
    truth : ndarray of shape (m,)
        :math:`-\tfrac12 \ln(1 - \rho^2)` (nats).
    bins : ndarray of int, shape (b,)
        Quantile bin counts of the plug-in estimates.
    plugin_mean, plugin_std : ndarray of shape (b, m)
        Plug-in estimate with ``bins[j]`` bins per variable, row ``j``.
    miller_madow_bins : int
        Bins per variable of the Miller-Madow estimate.
    miller_madow_mean, miller_madow_std : ndarray of shape (m,)
    ksg_mean, ksg_std : ndarray of shape (m,)
        KSG estimate with ``k`` neighbours.
    n, k, n_seeds : int
        Sample size, KSG neighbours, repetitions.
    """

    rho: NDArray[np.float64]
    truth: NDArray[np.float64]
    bins: NDArray[np.int64]
    plugin_mean: NDArray[np.float64]
    plugin_std: NDArray[np.float64]
    miller_madow_bins: int
    miller_madow_mean: NDArray[np.float64]
    miller_madow_std: NDArray[np.float64]
    ksg_mean: NDArray[np.float64]
    ksg_std: NDArray[np.float64]
    n: int
    k: int
    n_seeds: int


def _check_rhos(rhos: ArrayLike, name: str = "rhos") -> NDArray[np.float64]:
    arr = np.atleast_1d(np.asarray(rhos, dtype=float))
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a number or a non-empty 1-D sequence")
    if not np.all(np.isfinite(arr)) or np.any(np.abs(arr) >= 1):
        raise ValueError(f"{name} must lie in (-1, 1), got {arr.tolist()}")
    return arr


def gaussian_truth(
    rhos: ArrayLike,
    *,
    n: int = 1000,
    bins: Sequence[int] = (5, 10, 20),
    miller_madow_bins: int = 20,
    k: int = 3,
    n_seeds: int = 20,
    seed: Seed = 0,
) -> GaussianSweep:
    r"""Plug-in, Miller-Madow and KSG estimates against the known MI of a Gaussian pair.

    For a standard bivariate normal pair with correlation :math:`\rho`,

    .. math:: I(X;Y) = -\tfrac12 \ln(1 - \rho^2)

    (:func:`~infotheory.gaussian.gaussian_mutual_information`).  Each
    repetition draws ``n`` pairs with
    :func:`~infotheory.gaussian.sample_gaussian_pair` and records the
    plug-in estimate on quantile bins for each count in ``bins``, the
    Miller-Madow estimate on ``miller_madow_bins`` bins and the KSG estimate
    with ``k`` neighbours.  Repetition ``s`` uses the same seed for every
    :math:`\rho`, so the curves share random numbers.

    Parameters
    ----------
    rhos : float or sequence of float
        Correlations in :math:`(-1, 1)`.
    n : int, default=1000
        Sample size (>= ``k + 2``).
    bins : sequence of int, default=(5, 10, 20)
        Quantile bin counts for the plug-in estimate.
    miller_madow_bins : int, default=20
        Quantile bin count for the Miller-Madow estimate.
    k : int, default=3
        KSG neighbours.
    n_seeds : int, default=20
        Repetitions (>= 2).
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    GaussianSweep

    Raises
    ------
    ValueError
        If a correlation is outside :math:`(-1, 1)` or a count is out of range.

    Examples
    --------
    >>> sweep = gaussian_truth([0.0, 0.9], n=300, bins=(10,), n_seeds=3)
    >>> sweep.truth.round(3).tolist()
    [0.0, 0.83]
    >>> sweep.plugin_mean.shape
    (1, 2)
    """
    rho = _check_rhos(rhos)
    k = check_int(k, "k", minimum=1)
    n = check_int(n, "n", minimum=k + 2)
    bins_arr = _int_array(bins, "bins", minimum=1)
    miller_madow_bins = check_int(miller_madow_bins, "miller_madow_bins", minimum=1)
    n_seeds = check_int(n_seeds, "n_seeds", minimum=2)
    plugin = np.empty((bins_arr.size, rho.size, n_seeds))
    corrected = np.empty((rho.size, n_seeds))
    ksg = np.empty((rho.size, n_seeds))
    for s, stream in enumerate(_seed_streams(seed, n_seeds)):
        for i, r in enumerate(rho):
            x, y = sample_gaussian_pair(n, float(r), seed=stream)
            for j, b in enumerate(bins_arr):
                plugin[j, i, s] = mutual_information(discretize(x, int(b)), discretize(y, int(b)))
            corrected[i, s] = mutual_information(
                discretize(x, miller_madow_bins),
                discretize(y, miller_madow_bins),
                correction="miller-madow",
            )
            ksg[i, s] = ksg_mutual_information(x, y, k=k)
    return GaussianSweep(
        rho,
        np.asarray(gaussian_mutual_information(rho), dtype=float),
        bins_arr,
        *_mean_std(plugin),
        miller_madow_bins,
        *_mean_std(corrected),
        *_mean_std(ksg),
        n,
        k,
        n_seeds,
    )


def binned_gaussian_mutual_information(rho: float, bins: int) -> float:
    r"""Exact MI of a standard bivariate Gaussian cut into equiprobable bins (nats).

    Each variable is cut at its quantiles :math:`a_j = \Phi^{-1}(j/B)`,
    :math:`j = 0, \dots, B`, the population version of
    :func:`~infotheory.discrete.discretize` with ``bins`` :math:`= B`.  The
    probability of row :math:`i` jointly with the columns below :math:`a_j`
    is the one-dimensional integral

    .. math:: F_{ij} = \int_{a_i}^{a_{i+1}} \varphi(x)\,
              \Phi\!\left(\frac{a_j - \rho x}{\sqrt{1 - \rho^2}}\right) dx,

    computed by adaptive quadrature (:func:`scipy.integrate.quad_vec`, all
    the :math:`j` of one row at once, absolute error below ``1e-13``); the
    cell probabilities :math:`P_{ij}` are its differences in :math:`j`, and
    the result is :math:`\sum_{ij} P_{ij} \ln\big(P_{ij} / (P_{i\cdot}
    P_{\cdot j})\big)`, the mutual information of the binned variables
    (:math:`P_{i\cdot} = P_{\cdot j} = 1/B`).  By the data-processing
    inequality it lies below :math:`-\tfrac12\ln(1 - \rho^2)`, and it
    approaches that value as ``bins`` grows: the gap is the information the
    bins lose, which no estimator on these bins recovers at any :math:`n`.

    Parameters
    ----------
    rho : float
        Correlation, :math:`|\rho| < 1`.
    bins : int
        Equiprobable bins per variable, from 2 to 1000.

    Returns
    -------
    float
        Mutual information of the binned pair, in nats.

    Raises
    ------
    ValueError
        If ``rho`` is not in (-1, 1) or ``bins`` is not an integer from 2 to 1000.

    Examples
    --------
    With two bins per variable the orthant probability
    :math:`q = \tfrac14 + \arcsin(\rho)/(2\pi)` gives it in closed form:

    >>> rho = 0.6
    >>> q = 0.25 + np.arcsin(rho) / (2 * np.pi)
    >>> exact = 2 * q * np.log(4 * q) + 2 * (0.5 - q) * np.log(4 * (0.5 - q))
    >>> bool(np.isclose(binned_gaussian_mutual_information(rho, 2), exact, atol=1e-12))
    True
    """
    rho_arr = _check_rhos(rho, "rho")
    if rho_arr.size != 1:
        raise ValueError(f"rho must be a single number, got {rho_arr.tolist()}")
    r = float(rho_arr[0])
    bins = check_int(bins, "bins", minimum=2, maximum=1000)
    edges = ndtri(np.arange(bins + 1) / bins)  # -inf, ..., +inf
    inner = edges[1:-1]
    scale = np.sqrt(1.0 - r * r)

    def below(x: float) -> NDArray[np.float64]:
        # the density of x times P(Y <= each inner edge | x)
        return np.exp(-0.5 * x * x + log_ndtr((inner - r * x) / scale)) / np.sqrt(2 * np.pi)

    cumulative = np.zeros((bins, bins + 1))
    for i in range(bins):
        cumulative[i, 1:-1] = quad_vec(below, edges[i], edges[i + 1], epsabs=1e-13)[0]
        cumulative[i, -1] = ndtr(edges[i + 1]) - ndtr(edges[i])  # the whole row
    cells = np.clip(np.diff(cumulative, axis=1), 0.0, None)
    px, py = cells.sum(axis=1, keepdims=True), cells.sum(axis=0, keepdims=True)
    nonzero = cells > 0
    ratio = cells[nonzero] / (px * py)[nonzero]
    # max: at rho = 0 rounding can leave -1e-17 where the value is 0
    return max(float(np.sum(cells[nonzero] * np.log(ratio))), 0.0)


@dataclass(frozen=True)
class EstimatorSummary:
    r"""Mean and spread of one estimator at one correlation.

    Attributes
    ----------
    estimator : str
        ``"plug-in"``, ``"miller-madow"`` or ``"ksg"``.
    label : str
        Display name with its setting, e.g. ``"plug-in (20 bins)"``.
    rho, truth, mean, std : float
        Correlation, true MI, and mean and standard deviation (nats) of the
        estimate over seeds.
    """

    estimator: str
    label: str
    rho: float
    truth: float
    mean: float
    std: float

    @property
    def bias(self) -> float:
        """Mean estimate minus the true MI (nats)."""
        return self.mean - self.truth


def estimator_bias_table(
    rhos: Sequence[float] = (0.0, 0.9),
    *,
    n: int = 1000,
    bins: int = 20,
    k: int = 3,
    n_seeds: int = 20,
    seed: Seed = 0,
) -> tuple[EstimatorSummary, ...]:
    r"""Plug-in, Miller-Madow and KSG side by side at a few correlations.

    A thin view of :func:`gaussian_truth` with one bin count, for the
    chapter's comparison table: one row per estimator and correlation,
    ordered by correlation then estimator.

    Parameters
    ----------
    rhos : sequence of float, default=(0.0, 0.9)
        Correlations in :math:`(-1, 1)`; 0 gives independent data.
    n : int, default=1000
        Sample size.
    bins : int, default=20
        Quantile bins per variable for plug-in and Miller-Madow.
    k : int, default=3
        KSG neighbours.
    n_seeds : int, default=20
        Repetitions (>= 2).
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    tuple of EstimatorSummary

    Examples
    --------
    >>> rows = estimator_bias_table([0.5], n=300, n_seeds=3)
    >>> [row.label for row in rows]
    ['plug-in (20 bins)', 'Miller-Madow (20 bins)', 'KSG (k = 3)']
    >>> round(rows[0].truth, 4)
    0.1438
    """
    bins = check_int(bins, "bins", minimum=1)
    sweep = gaussian_truth(
        rhos, n=n, bins=(bins,), miller_madow_bins=bins, k=k, n_seeds=n_seeds, seed=seed
    )
    rows = []
    for i, r in enumerate(sweep.rho):
        truth = float(sweep.truth[i])
        for name, label, mean, std in (
            ("plug-in", f"plug-in ({bins} bins)", sweep.plugin_mean[0], sweep.plugin_std[0]),
            (
                "miller-madow",
                f"Miller-Madow ({bins} bins)",
                sweep.miller_madow_mean,
                sweep.miller_madow_std,
            ),
            ("ksg", f"KSG (k = {k})", sweep.ksg_mean, sweep.ksg_std),
        ):
            rows.append(
                EstimatorSummary(name, label, float(r), truth, float(mean[i]), float(std[i]))
            )
    return tuple(rows)


@dataclass(frozen=True, eq=False)
class ChanceSweep:
    r"""Scores of two independent uniformly random labelings against the number of clusters.

    Attributes
    ----------
    n_clusters : ndarray of int
        Number of labels each labeling draws from.
    nmi_mean, nmi_std : ndarray
        Normalized mutual information over seeds.
    ami_mean, ami_std : ndarray
        Adjusted mutual information over seeds; its expectation is 0.
    method : str
        Normalisation of both scores.
    n, n_seeds : int
        Number of labelled items and repetitions.
    """

    n_clusters: NDArray[np.int64]
    nmi_mean: NDArray[np.float64]
    nmi_std: NDArray[np.float64]
    ami_mean: NDArray[np.float64]
    ami_std: NDArray[np.float64]
    method: str
    n: int
    n_seeds: int


def chance_scores(
    n_clusters_list: Sequence[int],
    *,
    n: int = 1000,
    method: str = "arithmetic",
    n_seeds: int = 10,
    seed: Seed = 0,
) -> ChanceSweep:
    r"""NMI and AMI of two unrelated random labelings, as the number of clusters grows.

    Both labelings assign each of ``n`` items a label drawn uniformly from
    ``c`` values, independently of each other, so any agreement is chance.
    The plug-in MI of the two is then about :math:`(c - 1)^2 / (2n)` nats,
    so NMI grows with :math:`c`, while AMI subtracts the expected MI under
    random labelings with the same cluster sizes and stays near 0.

    Parameters
    ----------
    n_clusters_list : sequence of int
        Numbers of clusters (>= 2).
    n : int, default=1000
        Items per labeling (>= 2).
    method : {"arithmetic", "geometric", "max", "min"}, default="arithmetic"
        Normalisation for both scores.
    n_seeds : int, default=10
        Repetitions (>= 2).
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    ChanceSweep

    Examples
    --------
    >>> sweep = chance_scores([2, 50], n=200, n_seeds=3)
    >>> bool(sweep.nmi_mean[1] > 10 * sweep.nmi_mean[0])
    True
    >>> bool(np.all(np.abs(sweep.ami_mean) < 0.05))
    True
    """
    clusters = _int_array(n_clusters_list, "n_clusters_list", minimum=2)
    n = check_int(n, "n", minimum=2)
    check_choice(method, "method", ("arithmetic", "geometric", "max", "min"))
    n_seeds = check_int(n_seeds, "n_seeds", minimum=2)
    rng = check_seed(seed)
    nmi = np.empty((clusters.size, n_seeds))
    ami = np.empty_like(nmi)
    for i, c in enumerate(clusters):
        labels = rng.integers(0, int(c), size=(n_seeds, 2, n))
        for s in range(n_seeds):
            a, b = labels[s]
            nmi[i, s] = normalized_mutual_information(a, b, method=method)
            ami[i, s] = adjusted_mutual_information(a, b, method=method)
    return ChanceSweep(clusters, *_mean_std(nmi), *_mean_std(ami), method, n, n_seeds)


@dataclass(frozen=True, eq=False)
class GTestNull:
    r"""Permutation null of the G statistic :math:`G = 2n\hat I` on a binned pair.

    Under independence :math:`G` is approximately :math:`\chi^2` with
    :math:`(B_x - 1)(B_y - 1)` degrees of freedom.

    Attributes
    ----------
    bins_x, bins_y : int
        Occupied quantile bins of each variable.
    dof : int
        :math:`(B_x - 1)(B_y - 1)`.
    n : int
        Sample size.
    statistic : float
        :math:`2n\hat I` of the sample (``\hat I`` in nats).
    null : ndarray of shape (n_permutations,)
        :math:`2n\hat I` after each random permutation of ``y``.
    permutation_pvalue : float
        :math:`(1 + \#\{\text{null} \ge G\}) / (1 + n_\text{perm})`.
    chi2_pvalue : float
        :math:`P(\chi^2_\text{dof} \ge G)`.
    """

    bins_x: int
    bins_y: int
    dof: int
    n: int
    statistic: float
    null: NDArray[np.float64]
    permutation_pvalue: float
    chi2_pvalue: float


def g_test_null(
    bins: int | Sequence[int] = (4, 10, 20),
    *,
    n: int = 1000,
    rho: float = 0.0,
    n_permutations: int = 1000,
    seed: Seed = 0,
) -> tuple[GTestNull, ...]:
    r"""Compare the permutation null of :math:`2n\hat I` with the :math:`\chi^2` approximation.

    The G-test statistic :math:`G = 2n\hat I` (plug-in MI in nats) is
    asymptotically :math:`\chi^2_{(B_x-1)(B_y-1)}` under independence.  One
    Gaussian sample of ``n`` pairs with correlation ``rho`` is cut into
    ``b`` quantile bins per variable for each ``b`` in ``bins``, and
    :func:`~infotheory.estimators.permutation_test` gives the exact null of
    :math:`G` given the margins, to set against the :math:`\chi^2` density.
    With few samples per cell (:math:`n / B^2` below about 5) the
    approximation degrades.

    Parameters
    ----------
    bins : int or sequence of int, default=(4, 10, 20)
        Quantile bins per variable (>= 2), one result each.
    n : int, default=1000
        Sample size (>= 4).
    rho : float, default=0.0
        Correlation of the sample; 0 makes the null hypothesis true.
    n_permutations : int, default=1000
        Permutations of ``y`` (>= 1).
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    tuple of GTestNull
        One per bin count.

    Examples
    --------
    >>> (res,) = g_test_null(3, n=300, n_permutations=200)
    >>> res.dof, res.null.shape
    (4, (200,))
    >>> bool(np.allclose(res.null.mean(), res.dof, rtol=0.25))
    True
    """
    bins_arr = _int_array(bins, "bins", minimum=2)
    n = check_int(n, "n", minimum=4)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    rng = check_seed(seed)
    rho_arr = _check_rhos(rho, "rho")
    if rho_arr.size != 1:
        raise ValueError(f"rho must be a single number, got {rho_arr.tolist()}")
    x, y = sample_gaussian_pair(n, float(rho_arr[0]), seed=rng)
    results = []
    for b in bins_arr:
        xb, yb = discretize(x, int(b)), discretize(y, int(b))
        test = permutation_test(xb, yb, n_permutations=n_permutations, seed=rng)
        bins_x, bins_y = np.unique(xb).size, np.unique(yb).size
        dof = (bins_x - 1) * (bins_y - 1)
        g = 2 * n * test.statistic
        results.append(
            GTestNull(
                bins_x,
                bins_y,
                dof,
                n,
                float(g),
                2 * n * np.asarray(test.null_distribution, dtype=float),
                float(test.pvalue),
                float(chi2.sf(g, dof)),
            )
        )
    return tuple(results)


@dataclass(frozen=True, eq=False)
class PermutationNull:
    r"""Observed plug-in MI of one named pair and its permutation null.

    Attributes
    ----------
    name : str
        Name of the pair.
    statistic : float
        Plug-in :math:`\hat I` (nats) on quantile bins.
    null : ndarray of shape (n_permutations,)
        :math:`\hat I` after each random permutation of ``y``.
    pvalue : float
        :math:`(1 + \#\{\text{null} \ge \hat I\}) / (1 + n_\text{perm})`.
    bins : int
        Quantile bins per variable.
    """

    name: str
    statistic: float
    null: NDArray[np.float64]
    pvalue: float
    bins: int


def permutation_nulls(
    pairs: Mapping[str, tuple[ArrayLike, ArrayLike]],
    *,
    bins: int = 20,
    n_permutations: int = 1000,
    seed: Seed = 0,
    statistic: Callable[[np.ndarray, np.ndarray], float] | None = None,
) -> tuple[PermutationNull, ...]:
    r"""Permutation test of the binned plug-in MI for each named pair.

    Each pair is cut into ``bins`` quantile bins per variable and passed to
    :func:`~infotheory.estimators.permutation_test`, so the null
    distribution carries the same bias as the observed value: a dependent
    pair stands far to the right of its null, an independent one inside it.

    Parameters
    ----------
    pairs : mapping of str to (x, y)
        Paired continuous samples, e.g. :func:`~mibook.datasets.relationships`.
    bins : int, default=20
        Quantile bins per variable (>= 1).
    n_permutations : int, default=1000
        Permutations of ``y`` per pair (>= 1).
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.
    statistic : callable, optional
        ``statistic(x_labels, y_labels) -> float`` of the binned labels;
        ``None`` (default) is the plug-in MI in nats, vectorised over the
        permutations.

    Returns
    -------
    tuple of PermutationNull
        In the order of ``pairs``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = rng.standard_normal(300)
    >>> dep, ind = permutation_nulls({"dep": (x, x + 0.3 * rng.standard_normal(300)),
    ...                               "ind": (x, rng.standard_normal(300))},
    ...                              bins=5, n_permutations=99)
    >>> dep.pvalue, ind.null.shape
    (0.01, (99,))
    >>> bool(dep.statistic > dep.null.max())
    True
    """
    bins = check_int(bins, "bins", minimum=1)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    rng = check_seed(seed)
    results = []
    for name, (x, y) in pairs.items():
        test = permutation_test(
            discretize(np.asarray(x, dtype=float), bins),
            discretize(np.asarray(y, dtype=float), bins),
            n_permutations=n_permutations,
            seed=rng,
            statistic=statistic,
        )
        results.append(
            PermutationNull(
                name,
                float(test.statistic),
                np.asarray(test.null_distribution, dtype=float),
                float(test.pvalue),
                bins,
            )
        )
    return tuple(results)
