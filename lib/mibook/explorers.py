r"""Every number the chapter's explorers show, computed once over the whole grid of settings.

The kernel-free explorers on the static site (:mod:`mibook.vega`), the
matplotlib figures for the default settings and the live ipywidgets explorers
(:mod:`mibook.widgets`) all read their numbers from the grids here, so no
drawing code recomputes them.  Each grid is computed by the library's own
functions, point by point, with the same arguments a live explorer passes for
one setting, and is deterministic: the same arguments give bit-identical
arrays.

Three grids:

* :func:`relationship_grid`: the four relationships of
  :func:`mibook.datasets.relationships` for every bin count, noise
  multiplier and estimator (plug-in, Miller-Madow, KSG), with Pearson
  :math:`r`, Linfoot's :math:`r_I` and the permutation-null band of each
  binned estimator;
* :func:`clustering_grid`: NMI (every normalisation) and AMI of a perfect, a
  near-perfect and a random clustering for every reassigned fraction and
  number of clusters (:func:`~mibook.figures.clustering.clustering_comparison`);
* :func:`gaussian_grid`: plug-in, Miller-Madow and KSG estimates of a
  bivariate Gaussian's MI against the truth for every correlation, sample size
  and bin count, mean and spread over seeds (the computation of
  :func:`~mibook.experiments.gaussian_truth`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from infotheory._validation import check_choice, check_int
from infotheory.discrete import discretize, mutual_information
from infotheory.estimators import ksg_mutual_information
from infotheory.gaussian import (
    gaussian_mutual_information,
    informational_correlation,
    sample_gaussian_pair,
)

from .datasets import relationships
from .experiments import GaussianSweep, _mean_std, _seed_streams
from .figures.clustering import SCORE_NAMES, clustering_comparison
from .figures.relationships import ESTIMATORS, KSG_NEIGHBOURS, null_bands

__all__ = [
    "CLUSTERING_GROUPS",
    "GAUSSIAN_BINS",
    "GAUSSIAN_N",
    "GAUSSIAN_RHOS",
    "RELATIONSHIP_BINS",
    "RELATIONSHIP_NOISE",
    "ClusteringGrid",
    "GaussianGrid",
    "RelationshipGrid",
    "clustering_grid",
    "gaussian_grid",
    "relationship_grid",
]

#: Bins per axis of the relationship explorer: every integer from 2 to 60.
RELATIONSHIP_BINS = tuple(range(2, 61))
#: Noise multipliers of the relationship explorer: 0 to 3 in steps of 0.1.
RELATIONSHIP_NOISE = tuple(round(0.1 * i, 1) for i in range(31))
#: The clusterings compared, in the order of :func:`clustering_comparison`.
CLUSTERING_GROUPS = ("Perfect", "Near-perfect", "Random")
#: Correlations of the ground-truth explorer: 0 to 0.99 in even steps of 0.09.
GAUSSIAN_RHOS = tuple(round(0.09 * i, 2) for i in range(12))
#: Sample sizes of the ground-truth explorer.
GAUSSIAN_N = (100, 200, 500, 1000, 2000, 5000, 10000)
#: Quantile bin counts of the ground-truth explorer's plug-in and Miller-Madow estimates.
GAUSSIAN_BINS = (5, 10, 20, 40)


def _index(values: Sequence, value, name: str) -> int:
    """Position of ``value`` on a grid axis, or a ValueError naming the argument."""
    for i, v in enumerate(values):
        if np.isclose(v, value, rtol=0, atol=1e-9):
            return i
    allowed = np.asarray(values).tolist()
    raise ValueError(f"{name} must be one of the grid's values {allowed}; got {value!r}")


@dataclass(frozen=True)
class RelationshipGrid:
    r"""The relationship explorer's numbers at every (bins, noise, estimator).

    Attributes
    ----------
    n, seed : int
        Samples per relationship and seed of :func:`~mibook.datasets.relationships`.
    names : tuple of str
        The relationships, in the order of :func:`~mibook.datasets.relationships`.
    bins, noise : ndarray
        The grid axes: bins per axis (int) and noise multipliers (float).
    r : ndarray of shape (n_noise, n_names)
        Pearson correlation at each noise level.
    mi : dict of str to ndarray
        MI in nats: ``"plug-in"`` and ``"miller-madow"`` of shape
        ``(n_bins, n_noise, n_names)``; ``"ksg"`` (no bins) of shape
        ``(n_noise, n_names)``.
    r_I : dict of str to ndarray
        Linfoot's :math:`\sqrt{1 - e^{-2\max(I, 0)}}` of each ``mi``.
    bands : dict of str to ndarray of shape (n_bins, 2)
        Central 95% of the permutation null (nats) of each binned estimator,
        one band per bin count (see :func:`relationship_grid`).
    x : ndarray of shape (n_shown,)
        The ``x`` of the points drawn (the first ``n_shown`` samples).
    y : ndarray of shape (n_noise, n_names, n_shown)
        Their ``y`` at each noise level.
    n_permutations : int
    """

    n: int
    seed: int
    names: tuple[str, ...]
    bins: NDArray[np.int64]
    noise: NDArray[np.float64]
    r: NDArray[np.float64]
    mi: dict[str, NDArray[np.float64]]
    r_I: dict[str, NDArray[np.float64]]  # noqa: N815 (Linfoot's r_I, as the figures name it)
    bands: dict[str, NDArray[np.float64]]
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    n_permutations: int

    def values(
        self, *, bins: int = 20, noise: float = 1.0, estimator: str = "plug-in"
    ) -> dict[str, dict[str, float]]:
        """The numbers of one setting, in the form of ``relationship_values``.

        Parameters
        ----------
        bins : int, default=20
            One of :attr:`bins` (ignored by ``"ksg"``).
        noise : float, default=1.0
            One of :attr:`noise`.
        estimator : {"plug-in", "miller-madow", "ksg"}, default="plug-in"

        Returns
        -------
        dict of str to dict
            ``{name: {"r": float, "r_I": float, "mi": float}}``.

        Raises
        ------
        ValueError
            If a setting is not on the grid.
        """
        estimator = check_choice(estimator, "estimator", ESTIMATORS)
        j = _index(self.noise, noise, "noise")
        mi, r_i = self.mi[estimator], self.r_I[estimator]
        if estimator != "ksg":
            i = _index(self.bins, bins, "bins")
            mi, r_i = mi[i], r_i[i]
        return {
            name: {"r": float(self.r[j, c]), "r_I": float(r_i[j, c]), "mi": float(mi[j, c])}
            for c, name in enumerate(self.names)
        }

    def covers(self, *, n: int, seed: int, bins: int, noise: float, estimator: str) -> bool:
        """Whether the setting is on the grid (same data, and bins unless KSG, and noise)."""
        on_noise = bool(np.any(np.isclose(self.noise, noise, rtol=0, atol=1e-9)))
        on_bins = estimator == "ksg" or bool(np.any(self.bins == bins))
        return n == self.n and seed == self.seed and on_noise and on_bins

    def band(self, *, bins: int = 20, estimator: str = "plug-in") -> tuple[float, float] | None:
        """The null band of a binned estimator at ``bins``, or ``None`` for KSG."""
        estimator = check_choice(estimator, "estimator", ESTIMATORS)
        if estimator == "ksg":
            return None
        low, high = self.bands[estimator][_index(self.bins, bins, "bins")]
        return float(low), float(high)


def relationship_grid(
    n: int = 1000,
    *,
    seed: int = 0,
    bins: Sequence[int] = RELATIONSHIP_BINS,
    noise: Sequence[float] = RELATIONSHIP_NOISE,
    n_permutations: int = 200,
    n_shown: int = 250,
) -> RelationshipGrid:
    r"""MI, Pearson :math:`r` and :math:`r_I` of the four relationships over a grid of settings.

    At each noise multiplier :math:`s` the data are
    ``relationships(n, noise=s, seed=seed)``; the binned estimates are
    ``mutual_information(discretize(x, b), discretize(y, b))`` (plug-in) and
    the same with ``correction="miller-madow"``, and KSG is
    ``ksg_mutual_information(x, y, k=3)``: exactly what
    :func:`~mibook.figures.relationships.relationship_values` computes for
    one setting, so the grid at ``(b, s, estimator)`` equals it to the last bit.

    The permutation null is computed once per bin count.  Quantile bins give
    every margin about :math:`n/b` counts whatever the relationship and the
    noise (the counts depend only on the ranks), so a shuffle of one pair's
    labels has the same null distribution as any other's: the band is
    :func:`~mibook.figures.relationships.null_bands` of the independent
    pair at noise 1.  KSG has no band: its null depends on the noise and the
    relationship, and would cost about a hundred KSG runs per setting.

    Parameters
    ----------
    n : int, default=1000
        Samples per relationship (>= 5).
    seed : int, default=0
        Seed of the data and of the shuffles.
    bins : sequence of int, default=RELATIONSHIP_BINS
        Bins per axis, each >= 1.
    noise : sequence of float, default=RELATIONSHIP_NOISE
        Noise multipliers, each >= 0.
    n_permutations : int, default=200
        Shuffles per null band.
    n_shown : int, default=250
        Points kept for drawing (the first ``n_shown`` samples, which are
        already in random order).

    Returns
    -------
    RelationshipGrid

    Raises
    ------
    ValueError
        If an argument is out of range (the message names it).

    Examples
    --------
    >>> grid = relationship_grid(300, bins=(5, 20), noise=(0.0, 1.0), n_permutations=20)
    >>> grid.mi["plug-in"].shape, grid.mi["ksg"].shape
    ((2, 2, 4), (2, 4))
    >>> bool(np.isclose(grid.values(bins=5, noise=0.0)["Linear"]["mi"], np.log(5)))
    True
    """
    n = check_int(n, "n", minimum=KSG_NEIGHBOURS + 2)
    seed = check_int(seed, "seed", minimum=0)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    n_shown = check_int(n_shown, "n_shown", minimum=1)
    bins_arr = np.array([check_int(b, "bins", minimum=1) for b in bins], dtype=np.int64)
    noise_arr = np.asarray(noise, dtype=float)
    if bins_arr.size == 0 or noise_arr.ndim != 1 or noise_arr.size == 0:
        raise ValueError("bins and noise must each hold at least one value")
    if not np.all(np.isfinite(noise_arr)) or np.any(noise_arr < 0):
        raise ValueError(f"noise must hold finite multipliers >= 0; got {noise_arr.tolist()}")
    datasets = [relationships(n, noise=float(s), seed=seed) for s in noise_arr]
    names = tuple(datasets[0])
    x = datasets[0][names[0]][0]  # every relationship shares x
    shape = (bins_arr.size, noise_arr.size, len(names))
    plug_in, miller_madow = np.empty(shape), np.empty(shape)
    for i, b in enumerate(bins_arr):
        x_labels = discretize(x, int(b))
        for j, data in enumerate(datasets):
            for c, name in enumerate(names):
                y_labels = discretize(data[name][1], int(b))
                plug_in[i, j, c] = mutual_information(x_labels, y_labels)
                miller_madow[i, j, c] = mutual_information(
                    x_labels, y_labels, correction="miller-madow"
                )
    ksg = np.array(
        [
            [ksg_mutual_information(*data[name], k=KSG_NEIGHBOURS) for name in names]
            for data in datasets
        ]
    )
    r = np.array([[np.corrcoef(*data[name])[0, 1] for name in names] for data in datasets])
    reference = relationships(n, noise=1.0, seed=seed)
    pair = {"Independent": reference["Independent"]}
    bands = {
        estimator: np.array(
            [
                null_bands(
                    pair, bins=int(b), estimator=estimator, n_permutations=n_permutations, seed=seed
                )["Independent"]
                for b in bins_arr
            ]
        )
        for estimator in ("plug-in", "miller-madow")
    }
    mi = {"plug-in": plug_in, "miller-madow": miller_madow, "ksg": ksg}
    shown = slice(0, min(n_shown, n))
    return RelationshipGrid(
        n=n,
        seed=seed,
        names=names,
        bins=bins_arr,
        noise=noise_arr,
        r=r,
        mi=mi,
        r_I={k: np.asarray(informational_correlation(np.maximum(v, 0.0))) for k, v in mi.items()},
        bands=bands,
        x=x[shown].copy(),
        y=np.array([[data[name][1][shown] for name in names] for data in datasets]),
        n_permutations=n_permutations,
    )


@dataclass(frozen=True)
class ClusteringGrid:
    """The clustering explorer's scores at every (reassigned fraction, number of clusters).

    Attributes
    ----------
    n, seed : int
        Points and seed of :func:`~mibook.figures.clustering.clustering_comparison`.
    reassign : ndarray of float
        Fractions of labels redrawn in the near-perfect clustering.
    n_clusters : ndarray of int
    groups : tuple of str
        :data:`CLUSTERING_GROUPS`.
    scores : tuple of str
        :data:`~mibook.figures.clustering.SCORE_NAMES`.
    values : ndarray of shape (n_reassign, n_clusters, n_groups, n_scores)
    """

    n: int
    seed: int
    reassign: NDArray[np.float64]
    n_clusters: NDArray[np.int64]
    groups: tuple[str, ...]
    scores: tuple[str, ...]
    values: NDArray[np.float64]

    def covers(self, *, n: int, seed: int, reassign: float, n_clusters: int) -> bool:
        """Whether the setting is on the grid."""
        return (
            n == self.n
            and seed == self.seed
            and bool(np.any(np.isclose(self.reassign, reassign, rtol=0, atol=1e-9)))
            and bool(np.any(self.n_clusters == n_clusters))
        )

    def comparison(self, *, reassign: float, n_clusters: int) -> dict[str, dict[str, float]]:
        """One setting's scores, in the form of ``clustering_comparison``.

        Raises
        ------
        ValueError
            If a setting is not on the grid.
        """
        i = _index(self.reassign, reassign, "reassign")
        j = _index(self.n_clusters, n_clusters, "n_clusters")
        return {
            group: {name: float(self.values[i, j, g, s]) for s, name in enumerate(self.scores)}
            for g, group in enumerate(self.groups)
        }


def clustering_grid(
    n: int = 300,
    *,
    seed: int = 0,
    reassign: Sequence[float] = tuple(round(0.01 * i, 2) for i in range(101)),
    n_clusters: Sequence[int] = tuple(range(2, 21)),
) -> ClusteringGrid:
    """NMI (every normalisation) and AMI of three clusterings over a grid of settings.

    Each point is
    ``clustering_comparison(n, k, reassign=f, seed=seed)``, the function the
    live clustering explorer calls.

    Parameters
    ----------
    n : int, default=300
        Number of points.
    seed : int, default=0
    reassign : sequence of float, default=0, 0.01, ..., 1
        Fractions in [0, 1].
    n_clusters : sequence of int, default=2, ..., 20

    Returns
    -------
    ClusteringGrid

    Raises
    ------
    ValueError
        If an argument is invalid (the message names it).

    Examples
    --------
    >>> grid = clustering_grid(100, reassign=(0.0, 1.0), n_clusters=(3,))
    >>> grid.comparison(reassign=0.0, n_clusters=3)["Near-perfect"]["AMI"]
    1.0
    """
    n = check_int(n, "n", minimum=1)
    seed = check_int(seed, "seed", minimum=0)
    fractions = np.asarray(reassign, dtype=float)
    ks = np.array([check_int(k, "n_clusters", minimum=1) for k in n_clusters], dtype=np.int64)
    if fractions.ndim != 1 or fractions.size == 0 or ks.size == 0:
        raise ValueError("reassign and n_clusters must each hold at least one value")
    values = np.empty((fractions.size, ks.size, len(CLUSTERING_GROUPS), len(SCORE_NAMES)))
    for i, f in enumerate(fractions):
        for j, k in enumerate(ks):
            comparison = clustering_comparison(n, int(k), reassign=float(f), seed=seed)
            values[i, j] = [[comparison[g][s] for s in SCORE_NAMES] for g in CLUSTERING_GROUPS]
    return ClusteringGrid(n, seed, fractions, ks, CLUSTERING_GROUPS, SCORE_NAMES, values)


@dataclass(frozen=True)
class GaussianGrid:
    r"""The ground-truth explorer's estimates at every (n, rho, bins), over seeds.

    Attributes
    ----------
    rho, truth : ndarray of shape (n_rho,)
        Correlations and the true MI :math:`-\tfrac12\ln(1-\rho^2)` (nats).
    n : ndarray of int
        Sample sizes.
    bins : ndarray of int
        Quantile bin counts of the plug-in and Miller-Madow estimates.
    plugin_mean, plugin_std, mm_mean, mm_std : ndarray of shape (n_n, n_bins, n_rho)
        Mean and standard deviation over seeds of the plug-in and
        Miller-Madow estimates (nats).
    ksg_mean, ksg_std : ndarray of shape (n_n, n_rho)
        The same for KSG with ``k`` neighbours.
    k, n_seeds, seed : int
    """

    rho: NDArray[np.float64]
    truth: NDArray[np.float64]
    n: NDArray[np.int64]
    bins: NDArray[np.int64]
    plugin_mean: NDArray[np.float64]
    plugin_std: NDArray[np.float64]
    mm_mean: NDArray[np.float64]
    mm_std: NDArray[np.float64]
    ksg_mean: NDArray[np.float64]
    ksg_std: NDArray[np.float64]
    k: int
    n_seeds: int
    seed: int

    def sweep(self, *, n: int = 1000, miller_madow_bins: int = 20) -> GaussianSweep:
        """The grid at one sample size as a :class:`~mibook.experiments.GaussianSweep`.

        It equals ``gaussian_truth(grid.rho, n=n, bins=grid.bins,
        miller_madow_bins=miller_madow_bins, k=grid.k, n_seeds=grid.n_seeds,
        seed=grid.seed)``, so :func:`~mibook.figures.estimation.gaussian_truth_figure`
        draws it.

        Raises
        ------
        ValueError
            If ``n`` or ``miller_madow_bins`` is not on the grid.
        """
        i = _index(self.n, n, "n")
        b = _index(self.bins, miller_madow_bins, "miller_madow_bins")
        return GaussianSweep(
            self.rho,
            self.truth,
            self.bins,
            self.plugin_mean[i],
            self.plugin_std[i],
            int(self.bins[b]),
            self.mm_mean[i, b],
            self.mm_std[i, b],
            self.ksg_mean[i],
            self.ksg_std[i],
            int(self.n[i]),
            self.k,
            self.n_seeds,
        )


def gaussian_grid(
    *,
    rhos: Sequence[float] = GAUSSIAN_RHOS,
    n: Sequence[int] = GAUSSIAN_N,
    bins: Sequence[int] = GAUSSIAN_BINS,
    k: int = KSG_NEIGHBOURS,
    n_seeds: int = 10,
    seed: int = 5,
) -> GaussianGrid:
    r"""Estimates of a bivariate Gaussian's MI against the truth over correlation, n and bins.

    Repetition ``s`` draws ``sample_gaussian_pair(n, rho, seed=stream_s)``
    (the streams of :func:`~mibook.experiments.gaussian_truth`, shared by
    every :math:`\rho` and :math:`n`), then records the plug-in and
    Miller-Madow estimates on ``b`` quantile bins for each ``b`` in ``bins``
    and the KSG estimate: at each ``n`` this is
    :func:`~mibook.experiments.gaussian_truth` with ``bins`` as plug-in
    bins, and Miller-Madow at every bin count.

    Parameters
    ----------
    rhos : sequence of float, default=GAUSSIAN_RHOS
        Correlations in (-1, 1).
    n : sequence of int, default=GAUSSIAN_N
        Sample sizes, each >= ``k + 2``.
    bins : sequence of int, default=GAUSSIAN_BINS
    k : int, default=3
        KSG neighbours.
    n_seeds : int, default=10
        Repetitions (>= 2).
    seed : int, default=5

    Returns
    -------
    GaussianGrid

    Raises
    ------
    ValueError
        If an argument is out of range (the message names it).

    Examples
    --------
    >>> grid = gaussian_grid(rhos=(0.0, 0.9), n=(200,), bins=(10,), n_seeds=3)
    >>> grid.truth.round(3).tolist()
    [0.0, 0.83]
    >>> grid.plugin_mean.shape, grid.ksg_mean.shape
    ((1, 1, 2), (1, 2))
    """
    rho = np.asarray(rhos, dtype=float)
    if rho.ndim != 1 or rho.size == 0 or not np.all(np.abs(rho) < 1):
        raise ValueError(f"rhos must hold correlations in (-1, 1); got {rho.tolist()}")
    k = check_int(k, "k", minimum=1)
    ns = np.array([check_int(m, "n", minimum=k + 2) for m in n], dtype=np.int64)
    bins_arr = np.array([check_int(b, "bins", minimum=1) for b in bins], dtype=np.int64)
    n_seeds = check_int(n_seeds, "n_seeds", minimum=2)
    seed = check_int(seed, "seed", minimum=0)
    if ns.size == 0 or bins_arr.size == 0:
        raise ValueError("n and bins must each hold at least one value")
    plugin = np.empty((ns.size, bins_arr.size, rho.size, n_seeds))
    corrected = np.empty_like(plugin)
    ksg = np.empty((ns.size, rho.size, n_seeds))
    for s, stream in enumerate(_seed_streams(seed, n_seeds)):
        for a, m in enumerate(ns):
            for i, r in enumerate(rho):
                x, y = sample_gaussian_pair(int(m), float(r), seed=stream)
                for j, b in enumerate(bins_arr):
                    x_labels, y_labels = discretize(x, int(b)), discretize(y, int(b))
                    plugin[a, j, i, s] = mutual_information(x_labels, y_labels)
                    corrected[a, j, i, s] = mutual_information(
                        x_labels, y_labels, correction="miller-madow"
                    )
                ksg[a, i, s] = ksg_mutual_information(x, y, k=k)
    return GaussianGrid(
        rho,
        np.asarray(gaussian_mutual_information(rho), dtype=float),
        ns,
        bins_arr,
        *_mean_std(plugin),
        *_mean_std(corrected),
        *_mean_std(ksg),
        k,
        n_seeds,
        seed,
    )
