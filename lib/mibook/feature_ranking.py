r"""Error bars for the feature-selection page: relevances, ranking gaps, mRMR margins.

Every standard error here comes from :func:`infotheory.subsample_error`, the
subsampling method of Holmes and Nemenman: each estimate is repeated on
disjoint parts of the rows and the spread of the parts, scaled to the full
sample size, is the error bar.  All runs share one ``seed``, so they cut the
rows into the *same* parts; the error of a difference between two estimates
(two features' relevances, two candidates' mRMR scores) is then the same fit
applied to the part-by-part differences, which keeps the correlation between
estimates made from the same rows.

A difference counts as *distinguishable* when it exceeds ``threshold``
(default 2) times its standard error: roughly a two-sided 95% criterion for
one comparison.  With many comparisons a few pass by chance, and a ranking
chosen on the same data makes its own gaps look larger, so it is a guide to
which places the data support, not a formal test.

All values are in nats.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infotheory import (
    SubsampleErrorResult,
    ksg_mutual_information,
    mixed_mutual_information,
    subsample_error,
)
from infotheory._validation import check_int, check_labels, check_samples, check_seed

__all__ = [
    "MrmrMargins",
    "RelevanceErrors",
    "abs_correlation",
    "difference_error",
    "mrmr_margins",
    "relevance_errors",
]

Seed = int | np.random.Generator | None


def difference_error(first: SubsampleErrorResult, second: SubsampleErrorResult) -> float:
    r"""Standard error of ``first.estimate - second.estimate`` from paired parts.

    Both results must come from :func:`~infotheory.subsample_error` with the
    same ``seed``, ``splits`` and ``n_repeats`` on data of the same length,
    so that their ``estimates`` are on the same parts.  The differences of
    the part estimates go through the same fit as one estimator's:

    .. math:: \hat\sigma^2_\Delta = \frac{\sum_m m\, v_m}{\sum_m m^2}

    with :math:`v_m` the variance (``ddof=1``) of the :math:`m` differences of
    one split, averaged over the repeats.  It equals ``subsample_error`` of
    an estimator that returns the difference, without computing either
    estimate again.

    Raises
    ------
    ValueError
        If the two results differ in ``splits``, ``sizes`` or ``n_repeats``.

    Examples
    --------
    >>> import infotheory as it
    >>> x = np.random.default_rng(0).standard_normal(200)
    >>> a = it.subsample_error(np.mean, x, seed=1)
    >>> difference_error(a, a)
    0.0
    """
    if (
        first.splits.tolist() != second.splits.tolist()
        or first.sizes.tolist() != second.sizes.tolist()
        or first.n_repeats != second.n_repeats
    ):
        raise ValueError(
            "first and second must come from the same splits, sizes and n_repeats "
            "(run subsample_error with one seed on data of one length)"
        )
    return _fit(
        first.splits, [a - b for a, b in zip(first.estimates, second.estimates, strict=True)]
    )


def _fit(splits: NDArray[np.int64], estimates: Sequence[NDArray[np.float64]]) -> float:
    """Root of the least-squares slope through the origin of v_m against m."""
    m = np.asarray(splits, dtype=float)
    v = np.array([e.var(axis=1, ddof=1).mean() for e in estimates])
    return float(np.sqrt(m @ v / (m @ m)))


def _standardise(X: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], np.ndarray]:
    """``X`` divided by each column's standard deviation, as :func:`infotheory.mrmr` does."""
    features = np.asarray(X)
    if features.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {features.shape}")
    features = check_samples(features, "X")
    labels = check_labels(y, "y")
    if labels.shape[0] != features.shape[0]:
        raise ValueError(
            f"X and y must have the same length, got {features.shape[0]} and {labels.shape[0]}"
        )
    spread = features.std(axis=0)
    return features / np.where(spread > 0, spread, 1.0), labels


def _names(names: Sequence[str] | None, p: int) -> tuple[str, ...]:
    out = tuple(f"x{j}" for j in range(p)) if names is None else tuple(str(s) for s in names)
    if len(out) != p:
        raise ValueError(f"names must have one entry per column of X, got {len(out)} and {p}")
    return out


def _seed_int(seed: Seed) -> int:
    """One integer seed, so that every run below cuts the rows into the same parts."""
    return int(check_seed(seed).integers(0, 2**63 - 1))


def abs_correlation(x: ArrayLike, y: ArrayLike) -> float:
    r"""Pearson's :math:`|r|` of two paired 1-D arrays (with a 0/1 label, the point-biserial).

    Examples
    --------
    >>> abs_correlation([1.0, 2.0, 3.0], [0, 0, 1])
    0.8660254037844385
    """
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    a, b = a - a.mean(), b - b.mean()
    return float(abs(a @ b) / np.sqrt((a @ a) * (b @ b)))


@dataclass(frozen=True, eq=False)
class RelevanceErrors:
    r"""Each feature's relevance to the label, its standard error, and the gaps of the ranking.

    Attributes
    ----------
    names : tuple of str
        Feature names, in column order.
    results : tuple of SubsampleErrorResult
        One per column: :func:`~infotheory.subsample_error` of the relevance
        estimator (by default :func:`~infotheory.mixed_mutual_information`),
        all on the same parts.
    order : ndarray of int
        Column indices from the largest relevance down (ties by column order).
    gap, gap_error : ndarray of shape (n_features - 1,)
        ``estimate[order[i]] - estimate[order[i + 1]]`` and its standard
        error (paired).
    threshold : float
        A gap is distinguishable when it exceeds ``threshold * gap_error``.
    seed : int
        The integer seed of every run, drawn from the ``seed`` given; other
        runs with it (:func:`mrmr_margins`) cut the rows into the same parts.
    """

    names: tuple[str, ...]
    results: tuple[SubsampleErrorResult, ...]
    order: NDArray[np.int64]
    gap: NDArray[np.float64]
    gap_error: NDArray[np.float64]
    threshold: float
    seed: int

    @property
    def estimate(self) -> NDArray[np.float64]:
        """The relevance of each column on all rows (nats for MI)."""
        return np.array([r.estimate for r in self.results])

    @property
    def std_error(self) -> NDArray[np.float64]:
        """The standard error of each column's relevance."""
        return np.array([r.std_error for r in self.results])

    @property
    def distinguishable(self) -> NDArray[np.bool_]:
        """Whether place ``i`` and place ``i + 1`` of ``order`` are told apart."""
        return self.gap > self.threshold * self.gap_error

    def rank(self) -> NDArray[np.int64]:
        """Rank (1 = largest relevance) of each column."""
        ranks = np.empty(self.order.size, dtype=np.int64)
        ranks[self.order] = np.arange(1, self.order.size + 1)
        return ranks

    def tiers(self) -> list[list[int]]:
        """Runs of consecutive places (as column indices) with no distinguishable gap inside."""
        tiers, current = [], [int(self.order[0])]
        for j, cut in zip(self.order[1:], self.distinguishable, strict=True):
            if cut:
                tiers.append(current)
                current = []
            current.append(int(j))
        tiers.append(current)
        return tiers

    def difference(self, a: int, b: int) -> tuple[float, float]:
        """``estimate[a] - estimate[b]`` and its standard error."""
        ra, rb = self.results[a], self.results[b]
        return ra.estimate - rb.estimate, difference_error(ra, rb)

    def separated(self, a: int, b: int) -> bool:
        """Whether columns ``a`` and ``b`` differ by more than ``threshold`` standard errors."""
        diff, error = self.difference(a, b)
        return bool(abs(diff) > self.threshold * error)

    def nearest_separated(self, a: int) -> int | None:
        """The highest-ranked column below ``a`` in ``order`` that ``a`` is separated from."""
        place = int(np.flatnonzero(self.order == a)[0])
        for b in self.order[place + 1 :]:
            if self.separated(a, int(b)):
                return int(b)
        return None


def relevance_errors(
    X: ArrayLike,
    y: ArrayLike,
    *,
    names: Sequence[str] | None = None,
    estimator: Callable[[np.ndarray, np.ndarray], float] | None = None,
    k: int = 3,
    splits: Sequence[int] = (2, 3, 4, 5),
    n_repeats: int = 5,
    threshold: float = 2.0,
    seed: Seed = 0,
) -> RelevanceErrors:
    r"""Relevance of each column to the labels, with standard errors and ranking gaps.

    Each column of ``X`` (divided by its standard deviation, which changes
    no estimate) gets :func:`~infotheory.subsample_error` of the relevance
    estimator, by default Ross's MI
    :func:`~infotheory.mixed_mutual_information` with ``k`` neighbours; all
    columns are cut into the same parts, so the gap between two adjacent
    places of the ranking gets the standard error of the *paired*
    difference (:func:`difference_error`).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Finite feature values.
    y : array-like of shape (n_samples,)
        Class labels.
    names : sequence of str, optional
        One per column; default ``"x0", "x1", ...``.
    estimator : callable, optional
        ``estimator(column, y) -> float``; ``None`` (default) is
        :func:`~infotheory.mixed_mutual_information` with ``k`` neighbours
        (:func:`abs_correlation` gives :math:`|r|`).
    k : int, default=3
        Neighbours of the default estimator.
    splits, n_repeats : optional
        Passed to :func:`~infotheory.subsample_error`; the estimator runs
        ``n_repeats * sum(splits)`` times per column on parts.
    threshold : float, default=2.0
        Gaps above ``threshold`` standard errors are distinguishable.
    seed : int, Generator or None, default=0
        Seed of the parts.

    Returns
    -------
    RelevanceErrors

    Raises
    ------
    ValueError
        If ``X`` is not 2-D finite numbers, ``y`` does not match it,
        ``names`` has the wrong length, ``threshold`` is not positive, or
        :func:`~infotheory.subsample_error` refuses ``k``, ``splits`` or
        ``n_repeats``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 300)
    >>> X = np.column_stack([y + rng.normal(size=300), rng.normal(size=300)])
    >>> errors = relevance_errors(X, y, n_repeats=2)
    >>> errors.order.tolist(), errors.distinguishable.tolist()
    ([0, 1], [True])
    """
    features, labels = _standardise(X, y)
    p = features.shape[1]
    names = _names(names, p)
    if not np.isfinite(threshold) or threshold <= 0:
        raise ValueError(f"threshold must be a positive number, got {threshold!r}")
    seed_int = _seed_int(seed)
    options = {"k": k} if estimator is None else {}
    results = tuple(
        subsample_error(
            mixed_mutual_information if estimator is None else estimator,
            features[:, j],
            labels,
            splits=splits,
            n_repeats=n_repeats,
            seed=seed_int,
            **options,
        )
        for j in range(p)
    )
    value = np.array([r.estimate for r in results])
    order = np.argsort(-value, kind="stable")
    gap = value[order[:-1]] - value[order[1:]]
    gap_error = np.array(
        [difference_error(results[a], results[b]) for a, b in itertools.pairwise(order)]
    )
    return RelevanceErrors(names, results, order, gap, gap_error, float(threshold), seed_int)


@dataclass(frozen=True, eq=False)
class MrmrMargins:
    r"""The mRMR picks, and by how much each beat the runner-up.

    Attributes
    ----------
    names : tuple of str
        Feature names.
    selected : ndarray of int, shape (t,)
        The picks in order, as :func:`infotheory.mrmr` makes them.
    runner_up : ndarray of int, shape (t,)
        The column with the second-highest score at each step.
    scores : ndarray of shape (t, n_features)
        The score of every column at each step (relevance minus mean
        redundancy with the earlier picks; relevance alone at step 0);
        ``-inf`` for columns already picked.
    margin, margin_error : ndarray of shape (t,)
        Score of the pick minus score of the runner-up, and its standard
        error, with the earlier picks held fixed.
    threshold : float
        A margin is distinguishable when it exceeds ``threshold * margin_error``.
    group_best : ndarray of int, shape (t,)
        The best-scoring remaining column of the ``group`` given to
        :func:`mrmr_margins` at each step (-1 where the pick is in the
        group, or none of it remains).
    group_margin, group_margin_error : ndarray of shape (t,)
        Score of the pick minus score of ``group_best``, and its standard
        error (NaN where ``group_best`` is -1).
    """

    names: tuple[str, ...]
    selected: NDArray[np.int64]
    runner_up: NDArray[np.int64]
    scores: NDArray[np.float64]
    margin: NDArray[np.float64]
    margin_error: NDArray[np.float64]
    threshold: float
    group_best: NDArray[np.int64]
    group_margin: NDArray[np.float64]
    group_margin_error: NDArray[np.float64]

    @property
    def distinguishable(self) -> NDArray[np.bool_]:
        """Whether each pick beat its runner-up by more than its noise."""
        return self.margin > self.threshold * self.margin_error


def mrmr_margins(
    X: ArrayLike,
    y: ArrayLike,
    n_features: int,
    *,
    relevance: RelevanceErrors,
    k: int = 3,
    group: Sequence[int] = (),
) -> MrmrMargins:
    r"""Replay :func:`infotheory.mrmr` and put a standard error on each decisive margin.

    At step :math:`t` with earlier picks :math:`S`, every remaining column
    scores :math:`I(X_j; Y) - \frac{1}{|S|}\sum_{s \in S} I(X_j; X_s)`
    (relevance alone at step 0); the pick has the highest score, the
    runner-up the second highest.  The margin between them is re-estimated
    on the parts of ``relevance`` (its ``seed``, ``splits`` and
    ``n_repeats``): the relevances' part estimates are reused, and the KSG
    redundancies of the two candidates with each earlier pick are
    subsampled on the same parts.  The earlier picks are held fixed: the
    error says whether *this* step was decided by the data, given the steps
    before it.

    Parameters
    ----------
    X, y : array-like
        As for :func:`relevance_errors`.
    n_features : int
        Number of picks, ``1 <= n_features < n_columns`` (a runner-up must
        remain at the last step).
    relevance : RelevanceErrors
        :func:`relevance_errors` of the same ``X`` and ``y``.
    k : int, default=3
        Neighbours of the KSG redundancy estimates.
    group : sequence of int, optional
        Columns (e.g. a family of redundant features) whose best member the
        pick is also compared with at each step.

    Returns
    -------
    MrmrMargins

    Raises
    ------
    ValueError
        If ``n_features`` is out of range, ``relevance`` does not match
        ``X`` (other number of columns or rows), or ``group`` holds an index
        that is not a column.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 300)
    >>> s = y + 0.5 * rng.normal(size=300)
    >>> X = np.column_stack([s, s + 0.01 * rng.normal(size=300), y + rng.normal(size=300)])
    >>> rel = relevance_errors(X, y, n_repeats=2)
    >>> margins = mrmr_margins(X, y, 2, relevance=rel)
    >>> from infotheory import mrmr
    >>> margins.selected.tolist() == mrmr(X, y, 2).tolist()  # the copy is skipped
    True
    >>> int(margins.selected[1])
    2
    """
    features, _ = _standardise(X, y)
    n, p = features.shape
    n_features = check_int(n_features, "n_features", minimum=1, maximum=p - 1)
    first = relevance.results[0]
    if len(relevance.results) != p or first.sizes.tolist() != (n // first.splits).tolist():
        raise ValueError("relevance must come from relevance_errors of the same X and y")
    group_arr = np.array([int(j) for j in group], dtype=np.int64)
    if np.any((group_arr < 0) | (group_arr >= p)):
        raise ValueError(f"group holds indices outside 0..{p - 1}: {group_arr.tolist()}")
    sub: dict[tuple[int, int], SubsampleErrorResult] = {}

    def redundancy(j: int, s: int) -> SubsampleErrorResult:
        key = (min(j, s), max(j, s))
        if key not in sub:
            sub[key] = subsample_error(
                ksg_mutual_information,
                features[:, key[0]],
                features[:, key[1]],
                k=k,
                splits=first.splits,
                n_repeats=first.n_repeats,
                seed=relevance.seed,
            )
        return sub[key]

    relevance_mi = relevance.estimate
    selected: list[int] = []
    runner: list[int] = []
    margin, margin_error = [], []
    group_best, group_margin, group_margin_error = [], [], []
    scores = np.empty((n_features, p))
    total = np.zeros(p)
    for step in range(n_features):
        if step:
            last = features[:, selected[-1]]
            for j in range(p):
                if j not in selected:
                    total[j] += ksg_mutual_information(features[:, j], last, k=k)
        score = relevance_mi - (total / step if step else 0.0)
        score[selected] = -np.inf
        scores[step] = score
        best, second = (int(j) for j in np.argsort(-score, kind="stable")[:2])
        selected.append(best)
        runner.append(second)
        margin.append(score[best] - score[second])
        margin_error.append(_margin_error(relevance, redundancy, best, second, selected[:-1]))
        candidates = [int(j) for j in group_arr if j not in selected]
        if best in group_arr or not candidates:
            group_best.append(-1)
            group_margin.append(np.nan)
            group_margin_error.append(np.nan)
        else:
            other = max(candidates, key=lambda j: (score[j], -j))
            group_best.append(other)
            group_margin.append(score[best] - score[other])
            group_margin_error.append(
                _margin_error(relevance, redundancy, best, other, selected[:-1])
            )
    return MrmrMargins(
        relevance.names,
        np.array(selected, dtype=np.int64),
        np.array(runner, dtype=np.int64),
        scores,
        np.array(margin),
        np.array(margin_error),
        relevance.threshold,
        np.array(group_best, dtype=np.int64),
        np.array(group_margin),
        np.array(group_margin_error),
    )


def _margin_error(
    relevance: RelevanceErrors,
    redundancy: Callable[[int, int], SubsampleErrorResult],
    best: int,
    second: int,
    earlier: list[int],
) -> float:
    """Standard error of score[best] - score[second] from the part estimates."""
    rel_best, rel_second = relevance.results[best], relevance.results[second]
    parts = [a - b for a, b in zip(rel_best.estimates, rel_second.estimates, strict=True)]
    for s in earlier:
        red_best, red_second = redundancy(best, s), redundancy(second, s)
        parts = [
            d - (a - b) / len(earlier)
            for d, a, b in zip(parts, red_best.estimates, red_second.estimates, strict=True)
        ]
    return _fit(rel_best.splits, parts)
