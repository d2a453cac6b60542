r"""The estimator arena: every estimate the "Choosing an estimator" page shows, computed once.

The arena runs the library's estimators on the benchmark tasks of Czyz et
al. (2023), :mod:`infotheory.tasks`, whose mutual information is known
exactly, over sample sizes from 100 to 10,000 and several seeds, and on
Gaussian pairs up to a correlation of 0.9999 (KSG's failure at high MI).
The kernel-free explorer (:mod:`mibook.vega_arena`), the page's figure
(:mod:`mibook.figures.arena`) and its glued numbers all read these two
computations; no drawing code recomputes them.

The whole computation takes minutes (KSG at n = 10,000 on the
five-dimensional tasks is the cost), more than the book's build budget, so
``make arena`` (``python -m mibook.arena``) runs it once and writes
:data:`DATA_FILE`, which the page loads with :func:`load_arena`.  Every
number in that file is a pure function of the library and the stored
seeds: :func:`arena_point` and :func:`sweep_point` recompute any single
one, and the tests recompute a sample of them.

One estimate, :func:`arena_estimate`
    Each column of ``x`` and ``y`` is first standardised to mean 0 and
    standard deviation 1 (an invertible affine map of each variable, so the
    MI is unchanged), as the benchmark does before every estimator.  Then:

    * ``"ksg3"``, ``"ksg10"``: :func:`infotheory.ksg_mutual_information`
      with k = 3 and k = 10;
    * ``"gaussian"``: :func:`infotheory.covariance_mutual_information`;
    * ``"copula"``: :func:`infotheory.gaussian_copula_mutual_information`;
    * ``"plug-in"``, ``"miller-madow"``, ``"shrinkage"`` (one-dimensional
      ``x`` and ``y`` only): :func:`infotheory.mutual_information` of the
      two variables binned into :func:`arena_bins` quantile bins
      (:func:`infotheory.discretize`), with ``correction`` None,
      ``"miller-madow"`` and ``"shrinkage"``.

Seeds
    Repetition ``s`` draws ``task.sample(n, seed=seeds[s])`` with the same
    integer seeds for every task and every ``n`` (common random numbers):
    a transformed task transforms its base task's very samples, so the
    difference between their estimates is the transform's doing, not fresh
    sampling noise.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from infotheory import (
    covariance_mutual_information,
    discretize,
    gaussian_copula_mutual_information,
    gaussian_mutual_information,
    ksg_mutual_information,
    mutual_information,
)
from infotheory._validation import check_choice, check_int
from infotheory.tasks import TASKS, Task, get_task

from .experiments import _seed_streams

__all__ = [
    "ARENA_N",
    "ARENA_SEED",
    "ARENA_SEEDS",
    "BINNED",
    "DATA_FILE",
    "ESTIMATORS",
    "ESTIMATOR_LABELS",
    "PREFERENCE",
    "SWEEP_DIMS",
    "SWEEP_RHOS",
    "ArenaData",
    "ArenaGrid",
    "HighMISweep",
    "MarkdownTable",
    "Recommendation",
    "arena_bins",
    "arena_estimate",
    "arena_grid",
    "arena_point",
    "compute_arena",
    "error_table",
    "high_mi_sweep",
    "invariance_rows",
    "invariance_table",
    "load_arena",
    "paired_difference",
    "recommendation_table",
    "recommendations",
    "samples_needed",
    "save_arena",
    "standardise",
    "sweep_point",
]

#: Estimators of the arena, in the order the explorer lists them.
ESTIMATORS = ("ksg3", "ksg10", "gaussian", "copula", "plug-in", "miller-madow", "shrinkage")
#: Their names on the page.
ESTIMATOR_LABELS = {
    "ksg3": "KSG (k = 3)",
    "ksg10": "KSG (k = 10)",
    "gaussian": "Gaussian (covariance)",
    "copula": "Gaussian copula",
    "plug-in": "plug-in (binned)",
    "miller-madow": "Miller-Madow (binned)",
    "shrinkage": "shrinkage (binned)",
}
#: The estimators defined only for one-dimensional X and Y (they bin each variable).
BINNED = ("plug-in", "miller-madow", "shrinkage")
#: Sample sizes of the arena.
ARENA_N = (100, 200, 500, 1000, 2000, 5000, 10000)
#: Repetitions (seeds) per setting.
ARENA_SEEDS = 10
#: The seed from which the repetitions' seeds are drawn.
ARENA_SEED = 2023
#: Correlations of the high-MI sweep (each of the ``d`` pairs has this correlation).
SWEEP_RHOS = (0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999)
#: Dimensions of the high-MI sweep: ``d`` independent Gaussian pairs.
SWEEP_DIMS = (1, 3)
#: Where ``make arena`` writes the computation and the page reads it.
DATA_FILE = Path(__file__).resolve().parent / "data" / "arena.json"
#: Samples per task whose first values are stored, to notice a changed sampler.
_PROBE_N, _PROBE_SEED = 4, 0
_FORMAT = 1


def arena_bins(n: int) -> int:
    r"""Quantile bins per variable of the binned estimators: :math:`\sqrt{n/5}`, rounded, >= 2.

    With :math:`b` bins per variable the table has :math:`b^2` cells, so
    this rule keeps about 5 samples per cell on average whatever ``n`` is
    (4 bins at n = 100, 14 at 1,000, 45 at 10,000), and the bins grow
    with ``n`` so that the estimate can approach the truth.

    Examples
    --------
    >>> [arena_bins(n) for n in (100, 1000, 10000)]
    [4, 14, 45]
    """
    n = check_int(n, "n", minimum=1)
    return max(2, round(math.sqrt(n / 5)))


def standardise(a) -> NDArray[np.float64]:
    """Each column of ``a`` (shape (n,) or (n, d)) shifted and scaled to mean 0 and sd 1.

    A constant column is only shifted.  Returns a 2-D float array.

    Examples
    --------
    >>> standardise([1.0, 2.0, 3.0]).ravel().round(4).tolist()
    [-1.2247, 0.0, 1.2247]
    """
    arr = np.asarray(a, dtype=float)
    arr = arr.reshape(arr.shape[0], -1)
    sd = arr.std(axis=0)
    return (arr - arr.mean(axis=0)) / np.where(sd > 0, sd, 1.0)


def arena_estimate(x, y, estimator: str) -> float:
    """One estimate of :math:`I(X;Y)` in nats, as the arena computes it (see the module notes).

    Parameters
    ----------
    x, y : array-like of shape (n,) or (n, d)
        Paired samples.
    estimator : str
        One of :data:`ESTIMATORS`; the binned ones need one-dimensional
        ``x`` and ``y``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``estimator`` is unknown, or binned with a multi-dimensional
        ``x`` or ``y``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(2000)
    >>> y = 0.6 * x + 0.8 * rng.standard_normal(2000)
    >>> round(arena_estimate(x, y, "gaussian"), 2), round(-0.5 * math.log(1 - 0.36), 2)
    (0.22, 0.22)
    """
    estimator = check_choice(estimator, "estimator", ESTIMATORS)
    xs, ys = standardise(x), standardise(y)
    if estimator in ("ksg3", "ksg10"):
        return ksg_mutual_information(xs, ys, k=3 if estimator == "ksg3" else 10)
    if estimator == "gaussian":
        return covariance_mutual_information(xs, ys)
    if estimator == "copula":
        return gaussian_copula_mutual_information(xs, ys)
    if xs.shape[1] != 1 or ys.shape[1] != 1:
        raise ValueError(
            f"estimator {estimator!r} bins each variable and needs one-dimensional x and y; "
            f"got {xs.shape[1]} and {ys.shape[1]} columns"
        )
    b = arena_bins(xs.shape[0])
    correction = None if estimator == "plug-in" else estimator
    return mutual_information(
        discretize(xs[:, 0], b), discretize(ys[:, 0], b), correction=correction
    )


def _applies(task: Task, estimator: str) -> bool:
    return estimator not in BINNED or (task.dim_x == 1 and task.dim_y == 1)


@dataclass(frozen=True, eq=False)
class ArenaGrid:
    r"""Estimates of every task's MI by every estimator at every n, over seeds.

    Attributes
    ----------
    tasks : tuple of str
        Task ids, in the order of :data:`infotheory.tasks.TASKS`.
    names, families : tuple of str
    dim_x, dim_y : ndarray of int, shape (n_tasks,)
    truth : ndarray of shape (n_tasks,)
        The exact MI of each task (nats).
    estimators : tuple of str
        :data:`ESTIMATORS`.
    n : ndarray of int
        Sample sizes.
    seeds : tuple of int
        The integer seed of each repetition.
    values : ndarray of shape (n_tasks, n_estimators, n_n, n_seeds)
        Every estimate (nats); NaN where an estimator does not apply (a
        binned estimator on a multi-dimensional task).
    seed : int
        The seed the repetitions' seeds were drawn from.
    """

    tasks: tuple[str, ...]
    names: tuple[str, ...]
    families: tuple[str, ...]
    dim_x: NDArray[np.int64]
    dim_y: NDArray[np.int64]
    truth: NDArray[np.float64]
    estimators: tuple[str, ...]
    n: NDArray[np.int64]
    seeds: tuple[int, ...]
    values: NDArray[np.float64]
    seed: int

    @property
    def mean(self) -> NDArray[np.float64]:
        """Mean over seeds, shape (n_tasks, n_estimators, n_n) (NaN where not applicable)."""
        return self.values.mean(axis=-1)

    @property
    def std(self) -> NDArray[np.float64]:
        """Sample standard deviation (ddof = 1) over seeds, same shape as :attr:`mean`."""
        return self.values.std(axis=-1, ddof=1)

    def index(self, task: str, estimator: str, n: int) -> tuple[int, int, int]:
        """Positions of a setting on the grid's axes, or a ValueError naming the argument."""
        if task not in self.tasks:
            raise ValueError(
                f"task must be one of the grid's tasks {list(self.tasks)}; got {task!r}"
            )
        if estimator not in self.estimators:
            raise ValueError(
                f"estimator must be one of {list(self.estimators)}; got {estimator!r}"
            )
        where = np.flatnonzero(self.n == n)
        if where.size == 0:
            raise ValueError(f"n must be one of the grid's sizes {self.n.tolist()}; got {n!r}")
        return self.tasks.index(task), self.estimators.index(estimator), int(where[0])

    def stats(self, task: str, estimator: str, n: int) -> tuple[float, float]:
        """Mean and sd over seeds of one setting (NaN, NaN where it does not apply)."""
        t, e, i = self.index(task, estimator, n)
        return float(self.mean[t, e, i]), float(self.std[t, e, i])

    def applies(self, task: str, estimator: str) -> bool:
        """Whether ``estimator`` is defined on ``task`` (binned ones need 1-D X and Y)."""
        t, e, _ = self.index(task, estimator, int(self.n[0]))
        return not np.isnan(self.values[t, e, 0, 0])


def arena_point(task: Task | str, estimator: str, n: int, seed: int) -> float:
    """One estimate of the arena: ``arena_estimate(*task.sample(n, seed=seed), estimator)``.

    ``task`` is a :class:`~infotheory.tasks.Task` or its id.
    """
    if isinstance(task, str):
        task = get_task(task)
    x, y = task.sample(n, seed=seed)
    return arena_estimate(x, y, estimator)


def arena_grid(
    *,
    tasks: Mapping[str, Task] | Sequence[Task] | None = None,
    n: Sequence[int] = ARENA_N,
    estimators: Sequence[str] = ESTIMATORS,
    n_seeds: int = ARENA_SEEDS,
    seed: int = ARENA_SEED,
    progress: bool = False,
) -> ArenaGrid:
    """Every estimator on every task at every sample size, over ``n_seeds`` seeds.

    Each sample is drawn once and given to every estimator, so
    ``values[t, e, i, s] == arena_point(tasks[t], estimators[e], n[i],
    seeds[s])`` to the last bit.

    Parameters
    ----------
    tasks : mapping or sequence of Task, optional
        Default: every task of :data:`infotheory.tasks.TASKS`.
    n : sequence of int, default=ARENA_N
        Sample sizes, each >= 12 (KSG with k = 10 needs 11 neighbours).
    estimators : sequence of str, default=ESTIMATORS
    n_seeds : int, default=ARENA_SEEDS
        Repetitions (>= 2).
    seed : int, default=ARENA_SEED
    progress : bool, default=False
        Print each task's time to stderr.

    Returns
    -------
    ArenaGrid

    Raises
    ------
    ValueError
        If an argument is out of range (the message names it).

    Examples
    --------
    >>> from infotheory.tasks import get_task
    >>> grid = arena_grid(tasks=[get_task("1v1-normal-0.75")], n=(200,),
    ...                   estimators=("ksg3", "copula"), n_seeds=3)
    >>> grid.values.shape
    (1, 2, 1, 3)
    """
    if tasks is None:
        tasks = TASKS
    chosen = list(tasks.values()) if isinstance(tasks, Mapping) else list(tasks)
    if not chosen:
        raise ValueError("tasks must hold at least one task")
    ns = np.array([check_int(m, "n", minimum=12) for m in n], dtype=np.int64)
    keys = tuple(check_choice(e, "estimators", ESTIMATORS) for e in estimators)
    n_seeds = check_int(n_seeds, "n_seeds", minimum=2)
    seed = check_int(seed, "seed", minimum=0)
    if ns.size == 0 or not keys:
        raise ValueError("n and estimators must each hold at least one value")
    seeds = tuple(_seed_streams(seed, n_seeds))
    values = np.full((len(chosen), len(keys), ns.size, n_seeds), np.nan)
    for t, task in enumerate(chosen):
        start = time.process_time()
        for i, m in enumerate(ns):
            for s, stream in enumerate(seeds):
                x, y = task.sample(int(m), seed=stream)
                for e, key in enumerate(keys):
                    if _applies(task, key):
                        values[t, e, i, s] = arena_estimate(x, y, key)
        if progress:
            print(f"{task.id}: {time.process_time() - start:.1f} s", file=sys.stderr)
    return ArenaGrid(
        tasks=tuple(task.id for task in chosen),
        names=tuple(task.name for task in chosen),
        families=tuple(task.family for task in chosen),
        dim_x=np.array([task.dim_x for task in chosen], dtype=np.int64),
        dim_y=np.array([task.dim_y for task in chosen], dtype=np.int64),
        truth=np.array([float(task.mutual_information) for task in chosen]),
        estimators=keys,
        n=ns,
        seeds=seeds,
        values=values,
        seed=seed,
    )


def paired_difference(
    grid: ArenaGrid, task: str, base: str, estimator: str, n: int
) -> tuple[float, float]:
    """Mean and sd over seeds of ``estimate(task) - estimate(base)``, seed by seed.

    A transformed task maps its base task's very samples (same seed), so this
    difference is what the transform alone does to the estimate; its sd is
    the noise of that difference.
    """
    t, e, i = grid.index(task, estimator, n)
    b, _, _ = grid.index(base, estimator, n)
    diff = grid.values[t, e, i] - grid.values[b, e, i]
    return float(diff.mean()), float(diff.std(ddof=1))


def samples_needed(
    grid: ArenaGrid, task: str, estimator: str, tolerance: float = 0.1, *, optimistic: bool = False
) -> int | None:
    r"""The smallest n of the grid from which on the estimator is within ``tolerance`` beyond noise.

    "Within" means that the mean error is within the tolerance with two
    standard errors to spare, :math:`|\bar x - I| + 2\,s/\sqrt{m} \le
    \text{tolerance}\cdot I` (sd :math:`s` over the :math:`m` seeds), at that
    n and at every larger n of the grid: a mean that lands near the truth by
    luck with a wide spread does not count.  ``None`` if not even at the
    largest n (or if the estimator does not apply to the task).

    With ``optimistic``, the two standard errors are granted instead of
    demanded (:math:`|\bar x - I| - 2\,s/\sqrt{m} \le \text{tolerance}\cdot I`):
    the smallest n from which the seeds cannot show the estimator to be
    *outside* the tolerance.
    """
    t, e, _ = grid.index(task, estimator, int(grid.n[0]))
    truth = grid.truth[t]
    se = grid.std[t, e] / math.sqrt(len(grid.seeds))
    ok = np.abs(grid.mean[t, e] - truth) + (-2 if optimistic else 2) * se <= tolerance * truth
    if not ok[-1]:
        return None
    first = ok.size - int(np.argmin(ok[::-1])) if not ok.all() else 0
    return int(grid.n[first])


@dataclass(frozen=True)
class Recommendation:
    """The arena's advice for one family of tasks (see :func:`recommendations`).

    Attributes
    ----------
    family : str
    tasks : tuple of str
        The family's task ids.
    best : tuple of str
        The estimator with the smallest n and those the seeds cannot tell from
        it: whose n is at most one step of the grid above it, or whose
        optimistic n (``samples_needed(..., optimistic=True)``, largest over
        the family) is at most the smallest n.  Listed by n and then by
        :data:`PREFERENCE`; empty if none gets within the tolerance by the
        largest n.
    n : int or None
        The smallest n.
    deciding : dict of str to tuple
        For each of ``best``: the task that sets its n (of those needing the
        largest n, the one with the largest ``|error| + 2 se`` there), as
        ``(task, relative error, relative sd)`` at that estimator's n, both
        relative to the task's true MI.
    needed : dict of str to int or None
        Every applicable estimator's n (the largest over the family's tasks;
        ``None``: not within the tolerance by the largest n on some task).
    """

    family: str
    tasks: tuple[str, ...]
    best: tuple[str, ...]
    n: int | None
    deciding: dict[str, tuple[str, float, float]]
    needed: dict[str, int | None]


def recommendations(grid: ArenaGrid, tolerance: float = 0.1) -> list[Recommendation]:
    """For each family of tasks, the estimators that reach ``tolerance`` with the fewest samples.

    An estimator's n for a family is the largest :func:`samples_needed` over
    the family's tasks (``None`` if some task never gets there).  The n are
    steps of the grid and the criterion is judged on a few seeds, so n one
    step apart are not told apart, nor is an estimator that the seeds cannot
    show to be outside the tolerance at the smallest n: both are among
    ``best`` (see :class:`Recommendation`).
    """
    families = list(dict.fromkeys(grid.families))
    steps = [int(m) for m in grid.n]
    root = math.sqrt(len(grid.seeds))
    advice = []
    for family in families:
        members = tuple(t for t, f in zip(grid.tasks, grid.families, strict=True) if f == family)
        needed: dict[str, int | None] = {}
        per_task: dict[str, list[int | None]] = {}
        for key in grid.estimators:
            if not all(grid.applies(t, key) for t in members):
                continue
            per_task[key] = [samples_needed(grid, t, key, tolerance) for t in members]
            ns = per_task[key]
            needed[key] = None if any(m is None for m in ns) else max(ns)
        reached = [m for m in needed.values() if m is not None]
        n_best = min(reached) if reached else None
        best: tuple[str, ...] = ()
        if n_best is not None:
            limit = steps[min(steps.index(n_best) + 1, len(steps) - 1)]
            tied = [
                k
                for k, m in needed.items()
                if m is not None
                and (
                    m <= limit
                    or max(
                        samples_needed(grid, t, k, tolerance, optimistic=True) or math.inf
                        for t in members  # None: never, not even optimistically
                    )
                    <= n_best
                )
            ]
            best = tuple(sorted(tied, key=lambda k: (needed[k], PREFERENCE.index(k))))
        deciding = {}
        for key in best:
            m = needed[key]
            rows = []
            for t, task_n in zip(members, per_task[key], strict=True):
                mean, sd = grid.stats(t, key, m)
                truth = float(grid.truth[grid.tasks.index(t)])
                error = (mean - truth) / truth
                rows.append((task_n == m, abs(error) + 2 * sd / root / truth, t, error, sd / truth))
            *_, t, error, rel_sd = max(rows)
            deciding[key] = (t, error, rel_sd)
        advice.append(Recommendation(family, members, best, n_best, deciding, needed))
    return advice


# --------------------------------------------------------------------------- high-MI sweep


def _correlated_pairs(n: int, rho: float, d: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``d`` independent standard Gaussian pairs, each with correlation ``rho``: (n, d) each."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d))
    y = rho * x + math.sqrt(1 - rho * rho) * rng.standard_normal((n, d))
    return x, y


def sweep_point(rho: float, n: int, d: int, seed: int, *, estimator: str = "ksg3") -> float:
    r"""One estimate of the high-MI sweep: ``d`` Gaussian pairs of correlation ``rho``.

    ``x`` is ``n`` draws of a standard normal vector of dimension ``d`` and
    :math:`y = \rho x + \sqrt{1-\rho^2}\,\varepsilon` (both from
    ``np.random.default_rng(seed)``), so :math:`I(X;Y) = -\tfrac d2 \ln(1-\rho^2)`;
    the estimate is :func:`arena_estimate`.
    """
    x, y = _correlated_pairs(n, rho, d, seed)
    return arena_estimate(x, y, estimator)


@dataclass(frozen=True, eq=False)
class HighMISweep:
    r"""KSG against the truth on Gaussian pairs of rising correlation.

    Attributes
    ----------
    dims : ndarray of int
        ``d``: the number of independent pairs (X and Y each ``d``-dimensional).
    rho : ndarray of float
        Correlation of each pair.
    truth : ndarray of shape (n_dims, n_rho)
        :math:`-\tfrac d2\ln(1-\rho^2)` nats.
    n : ndarray of int
    seeds : tuple of int
    values : ndarray of shape (n_dims, n_rho, n_n, n_seeds)
        KSG estimates (``estimator``), nats.
    estimator : str
    seed : int
    """

    dims: NDArray[np.int64]
    rho: NDArray[np.float64]
    truth: NDArray[np.float64]
    n: NDArray[np.int64]
    seeds: tuple[int, ...]
    values: NDArray[np.float64]
    estimator: str
    seed: int

    @property
    def mean(self) -> NDArray[np.float64]:
        return self.values.mean(axis=-1)

    @property
    def std(self) -> NDArray[np.float64]:
        return self.values.std(axis=-1, ddof=1)

    @property
    def relative_error(self) -> NDArray[np.float64]:
        """(mean − truth) / truth, shape (n_dims, n_rho, n_n)."""
        return self.mean / self.truth[:, :, None] - 1

    def within(self, tolerance: float) -> NDArray[np.bool_]:
        """Where both ``|mean - truth|`` and the sd are at most ``tolerance`` times the truth
        (as :func:`samples_needed` asks of the grid), shape (n_dims, n_rho, n_n)."""
        relative_sd = self.std / self.truth[:, :, None]
        return (np.abs(self.relative_error) <= tolerance) & (relative_sd <= tolerance)

    def largest_rho_within(self, tolerance: float, *, n: int, d: int = 1) -> float | None:
        """The largest correlation up to which KSG is within ``tolerance`` (see :meth:`within`)
        at every correlation of the sweep, at sample size ``n``; ``None`` if not even the first
        is."""
        a = int(np.flatnonzero(self.dims == d)[0])
        i = int(np.flatnonzero(self.n == n)[0])
        within = self.within(tolerance)[a, :, i]
        if not within[0]:
            return None
        last = int(np.argmin(within)) - 1 if not within.all() else within.size - 1
        return float(self.rho[last])

    def samples_needed(self, tolerance: float, *, d: int = 1) -> list[int | None]:
        """For each correlation, the smallest n of the sweep from which on KSG stays within
        ``tolerance`` (see :meth:`within`) at every larger n; ``None`` if it never does."""
        a = int(np.flatnonzero(self.dims == d)[0])
        needed = []
        for r in range(self.rho.size):
            within = self.within(tolerance)[a, r]
            if not within[-1]:
                needed.append(None)
                continue
            first = within.size - int(np.argmin(within[::-1])) if not within.all() else 0
            needed.append(int(self.n[first]))
        return needed


def high_mi_sweep(
    *,
    rhos: Sequence[float] = SWEEP_RHOS,
    n: Sequence[int] = ARENA_N,
    dims: Sequence[int] = SWEEP_DIMS,
    estimator: str = "ksg3",
    n_seeds: int = ARENA_SEEDS,
    seed: int = ARENA_SEED,
) -> HighMISweep:
    """KSG (or another arena estimator) on ``d`` Gaussian pairs of each correlation and size.

    ``values[a, r, i, s] == sweep_point(rhos[r], n[i], dims[a], seeds[s],
    estimator=estimator)``, with the seeds drawn as in :func:`arena_grid`.

    Examples
    --------
    >>> sweep = high_mi_sweep(rhos=(0.9,), n=(500,), dims=(1,), n_seeds=2)
    >>> sweep.values.shape, round(float(sweep.truth[0, 0]), 3)
    ((1, 1, 1, 2), 0.83)
    """
    rho = np.asarray(rhos, dtype=float)
    if rho.ndim != 1 or rho.size == 0 or not np.all(np.abs(rho) < 1):
        raise ValueError(f"rhos must hold correlations in (-1, 1); got {rho.tolist()}")
    ns = np.array([check_int(m, "n", minimum=12) for m in n], dtype=np.int64)
    ds = np.array([check_int(d, "dims", minimum=1) for d in dims], dtype=np.int64)
    estimator = check_choice(estimator, "estimator", ESTIMATORS)
    n_seeds = check_int(n_seeds, "n_seeds", minimum=2)
    seed = check_int(seed, "seed", minimum=0)
    seeds = tuple(_seed_streams(seed, n_seeds))
    values = np.empty((ds.size, rho.size, ns.size, n_seeds))
    for a, d in enumerate(ds):
        for r, value in enumerate(rho):
            for i, m in enumerate(ns):
                for s, stream in enumerate(seeds):
                    values[a, r, i, s] = sweep_point(
                        float(value), int(m), int(d), stream, estimator=estimator
                    )
    truth = ds[:, None] * np.asarray(gaussian_mutual_information(rho), dtype=float)[None, :]
    return HighMISweep(ds, rho, truth, ns, seeds, values, estimator, seed)


# --------------------------------------------------------------------------- the data file


@dataclass(frozen=True, eq=False)
class ArenaData:
    """What :data:`DATA_FILE` holds: the grid, the sweep and how long each took (processor
    seconds)."""

    grid: ArenaGrid
    sweep: HighMISweep
    seconds: dict[str, float]


def _nested(values: np.ndarray) -> list:
    """A nested list of Python floats (``None`` for NaN): JSON keeps every bit (repr)."""
    return [None if np.isnan(v) else float(v) for v in values.ravel()]


def _probe(task: Task) -> list[float]:
    """The first samples of a task at a fixed seed: a cheap fingerprint of its sampler."""
    x, y = task.sample(_PROBE_N, seed=_PROBE_SEED)
    return [float(v) for v in np.concatenate([np.ravel(x), np.ravel(y)])]


def compute_arena(*, progress: bool = False) -> ArenaData:
    """The page's whole computation with the default settings (minutes: ``make arena``).

    The recorded times are processor seconds of this process (``time.process_time``), which,
    unlike the wall clock, do not grow when other jobs share the machine.
    """
    start = time.process_time()
    grid = arena_grid(progress=progress)
    middle = time.process_time()
    sweep = high_mi_sweep()
    end = time.process_time()
    return ArenaData(grid, sweep, {"grid": middle - start, "sweep": end - middle})


def save_arena(data: ArenaData, path: Path | str = DATA_FILE) -> Path:
    """Write ``data`` as JSON (every float to the last bit) and return the path."""
    grid, sweep = data.grid, data.sweep
    document = {
        "format": _FORMAT,
        "about": (
            "Estimates of the MI of the benchmark tasks of Czyz et al. (2023) and of Gaussian "
            "pairs, written by `make arena` (python -m mibook.arena); read by mibook.arena."
            "load_arena. Values are nats, flattened in C order."
        ),
        "seconds": {key: round(value, 1) for key, value in data.seconds.items()},
        "grid": {
            "tasks": list(grid.tasks),
            "names": list(grid.names),
            "families": list(grid.families),
            "dim_x": grid.dim_x.tolist(),
            "dim_y": grid.dim_y.tolist(),
            "truth": grid.truth.tolist(),
            "probes": [_probe(TASKS[t]) for t in grid.tasks],
            "estimators": list(grid.estimators),
            "n": grid.n.tolist(),
            "seed": grid.seed,
            "seeds": list(grid.seeds),
            "values": _nested(grid.values),
        },
        "sweep": {
            "dims": sweep.dims.tolist(),
            "rho": sweep.rho.tolist(),
            "n": sweep.n.tolist(),
            "estimator": sweep.estimator,
            "seed": sweep.seed,
            "seeds": list(sweep.seeds),
            "values": _nested(sweep.values),
        },
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def _close(a, b) -> bool:
    return bool(np.allclose(a, b, rtol=1e-12, atol=0))


def load_arena(path: Path | str = DATA_FILE, *, check: bool = True) -> ArenaData:
    """Read :data:`DATA_FILE`; with ``check``, refuse data the library no longer reproduces.

    The check is cheap: every task must still exist with the same exact MI
    and dimensions, and its first few samples at a fixed seed must be the
    stored ones (relative 1e-12), so a changed task or sampler stops the
    build with the remedy (``make arena``) instead of showing stale numbers.
    The tests recompute sampled estimates in full.

    Raises
    ------
    ValueError
        If the file is stale or malformed (the message says what differs).
    """
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    if document.get("format") != _FORMAT:
        raise ValueError(f"path {path} is not an arena file of format {_FORMAT}")
    g, w = document["grid"], document["sweep"]
    shape = (len(g["tasks"]), len(g["estimators"]), len(g["n"]), len(g["seeds"]))
    values = np.array([np.nan if v is None else v for v in g["values"]], dtype=float)
    grid = ArenaGrid(
        tasks=tuple(g["tasks"]),
        names=tuple(g["names"]),
        families=tuple(g["families"]),
        dim_x=np.array(g["dim_x"], dtype=np.int64),
        dim_y=np.array(g["dim_y"], dtype=np.int64),
        truth=np.array(g["truth"], dtype=float),
        estimators=tuple(g["estimators"]),
        n=np.array(g["n"], dtype=np.int64),
        seeds=tuple(int(s) for s in g["seeds"]),
        values=values.reshape(shape),
        seed=int(g["seed"]),
    )
    dims, rho = np.array(w["dims"], dtype=np.int64), np.array(w["rho"], dtype=float)
    sweep_shape = (dims.size, rho.size, len(w["n"]), len(w["seeds"]))
    sweep = HighMISweep(
        dims=dims,
        rho=rho,
        truth=dims[:, None] * np.asarray(gaussian_mutual_information(rho), dtype=float)[None, :],
        n=np.array(w["n"], dtype=np.int64),
        seeds=tuple(int(s) for s in w["seeds"]),
        values=np.array(w["values"], dtype=float).reshape(sweep_shape),
        estimator=w["estimator"],
        seed=int(w["seed"]),
    )
    if check:
        stale = []
        if set(TASKS) != set(grid.tasks):
            stale.append(f"the tasks are now {list(TASKS)}")
        for t, task_id in enumerate(grid.tasks):
            task = TASKS.get(task_id)
            if task is None:
                continue
            if not _close(task.mutual_information, grid.truth[t]):
                stale.append(f"{task_id}: MI {task.mutual_information!r} != {grid.truth[t]!r}")
            if (task.dim_x, task.dim_y) != (grid.dim_x[t], grid.dim_y[t]):
                stale.append(f"{task_id}: dimensions changed")
            if not _close(_probe(task), g["probes"][t]):
                stale.append(f"{task_id}: its samples changed")
        if stale:
            raise ValueError(
                f"path {path} is stale against the library ({'; '.join(stale)}): run `make arena`"
            )
        grid = _in_order(grid, tuple(TASKS))
    return ArenaData(grid, sweep, dict(document.get("seconds", {})))


def _in_order(grid: ArenaGrid, order: tuple[str, ...]) -> ArenaGrid:
    """The same numbers with the tasks in ``order`` (the library's order of :data:`TASKS`) and
    the library's current names and families (labels only: they change no number)."""
    at = [grid.tasks.index(task_id) for task_id in order]
    return ArenaGrid(
        tasks=order,
        names=tuple(TASKS[task_id].name for task_id in order),
        families=tuple(TASKS[task_id].family for task_id in order),
        dim_x=grid.dim_x[at],
        dim_y=grid.dim_y[at],
        truth=grid.truth[at],
        estimators=grid.estimators,
        n=grid.n,
        seeds=grid.seeds,
        values=grid.values[at],
        seed=grid.seed,
    )


def main() -> None:
    """``python -m mibook.arena [path]``: compute everything and write the data file."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_FILE
    data = compute_arena(progress=True)
    save_arena(data, path)
    print(
        f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB): grid {data.seconds['grid']:.0f} s, "
        f"sweep {data.seconds['sweep']:.0f} s of processor time",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()


# --------------------------------------------------------------------------- the page's tables


class MarkdownTable:
    """A table that a notebook displays as Markdown (``{glue:md}`` on the page) or plain text.

    Parameters
    ----------
    header : sequence of str
    rows : sequence of sequence of str
        Cells already formatted (numbers formatted in Python).

    Examples
    --------
    >>> print(MarkdownTable(["a", "b"], [["1", "2"]])._repr_markdown_())
    | a | b |
    | --- | --- |
    | 1 | 2 |
    """

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if any(len(row) != len(header) for row in rows):
            raise ValueError("rows must each have one cell per column of header")
        self.header, self.rows = list(header), [list(row) for row in rows]

    def _repr_markdown_(self) -> str:
        lines = ["| " + " | ".join(self.header) + " |", "|" + " --- |" * len(self.header)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self._repr_markdown_()


def _pm(mean: float, sd: float, digits: int = 3) -> str:
    from .vega import format_number  # late: vega imports this module

    return f"{format_number(mean, digits)} ± {format_number(sd, digits)}"


def invariance_rows(grid: ArenaGrid, n: int, estimators: Sequence[str]) -> list[dict]:
    """For each task that maps another task's samples, the change of each estimate at ``n``.

    Returns one dict per transformed task (in the grid's order): ``task``,
    ``base``, ``name``, and for each estimator that applies, the
    :func:`paired_difference` ``(mean, sd)`` under its key.
    """
    rows = []
    for task_id in grid.tasks:
        base = TASKS[task_id].base
        if base is None or base not in grid.tasks:
            continue
        row = {"task": task_id, "base": base, "name": grid.names[grid.tasks.index(task_id)]}
        for key in estimators:
            if grid.applies(task_id, key):
                row[key] = paired_difference(grid, task_id, base, key, n)
        rows.append(row)
    return rows


def invariance_table(grid: ArenaGrid, n: int, estimators: Sequence[str]) -> MarkdownTable:
    """:func:`invariance_rows` as a table: estimate(task) − estimate(base), mean ± sd (nats)."""
    rows = invariance_rows(grid, n, estimators)
    cells = [
        [row["name"]] + [_pm(*row[k]) if k in row else "(1-D only)" for k in estimators]
        for row in rows
    ]
    return MarkdownTable(["task"] + [ESTIMATOR_LABELS[k] for k in estimators], cells)


def error_table(grid: ArenaGrid, estimator: str, n: int) -> MarkdownTable:
    """Every task's truth and ``estimator``'s mean ± sd and error at ``n``, with a verdict.

    The verdict compares the error (mean − truth) with its standard error
    (sd / sqrt(seeds)): "over" or "under" beyond 3 standard errors, else
    "within noise".
    """
    cells = []
    root = math.sqrt(len(grid.seeds))
    for t, task_id in enumerate(grid.tasks):
        if not grid.applies(task_id, estimator):
            continue
        mean, sd = grid.stats(task_id, estimator, n)
        error = mean - float(grid.truth[t])
        verdict = "within noise"
        if abs(error) > 3 * sd / root:
            verdict = "over" if error > 0 else "under"
        cells.append(
            [grid.names[t], f"{grid.truth[t]:.3f}", _pm(mean, sd), _pm(error, sd / root), verdict]
        )
    return MarkdownTable(
        ["task", "truth", "mean ± sd", "mean \u2212 truth ± s.e.", "verdict"], cells
    )


#: The order in which tied estimators are listed: the cheapest first (one covariance matrix; the
#: same on ranks; ranks and a table of counts; nearest-neighbour searches).
PREFERENCE = ("gaussian", "copula", "plug-in", "miller-madow", "shrinkage", "ksg3", "ksg10")


def recommendation_table(grid: ArenaGrid, tolerance: float = 0.1) -> MarkdownTable:
    """:func:`recommendations` as a table a reader can act on.

    One row per family: the estimators whose n is the smallest or one grid
    step above it (tied: not distinguishable with the grid's seeds), each with
    its n, cheapest first among equal n; the deciding task of the first of
    them with its relative error there (mean − truth over truth ± sd over
    seeds over truth, percent); and every other applicable estimator with its
    n ("never": not by the grid's largest n).
    """
    from .vega import MINUS  # late: vega imports this module
    from .vega_arena import SHORT_LABELS  # late: vega_arena imports this module

    def entry(key: str, m: int | None) -> str:
        # No-break spaces keep "KSG k=3 5,000" on one line of a narrow table cell.
        return f"{SHORT_LABELS[key]} {'never' if m is None else f'{m:,}'}".replace(" ", "\u00a0")

    def percent(value: float) -> str:
        return f"{value:+.1%}".replace("-", MINUS)

    cells = []
    for advice in recommendations(grid, tolerance):
        others = "; ".join(
            entry(k, m)
            for k, m in sorted(
                advice.needed.items(), key=lambda item: (item[1] is None, item[1] or 0)
            )
            if k not in advice.best
        )
        if advice.best:
            task, error, rel_sd = advice.deciding[advice.best[0]]
            name = grid.names[grid.tasks.index(task)]
            row = [
                "; ".join(entry(k, advice.needed[k]) for k in advice.best),
                f"{name}: {percent(error)} ± {rel_sd:.1%}",
            ]
        else:
            row = [f"none by n = {int(grid.n[-1]):,}", "\u2014"]
        cells.append([advice.family, str(len(advice.tasks)), *row, others or "\u2014"])
    return MarkdownTable(
        [
            "data (family)",
            "tasks",
            "use (not told apart by the seeds), from n",
            "deciding task of the first: error ± sd over seeds, % of the truth",
            "the others, from n",
        ],
        cells,
    )
