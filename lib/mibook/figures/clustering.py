r"""Grouped bars of NMI (every normalisation) and AMI for a few clusterings.

:func:`clustering_scores` and :func:`clustering_comparison` compute the
numbers; :class:`ClusteringChart` draws them and updates its bars and labels
in place, for the live explorer.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from infotheory.clustering import (
    METHODS,
    adjusted_mutual_information,
    normalized_mutual_information,
)

from ..datasets import clustering_labels
from ._style import PALETTE, STYLE

__all__ = ["SCORE_NAMES", "ClusteringChart", "clustering_comparison", "clustering_scores"]

SCORE_NAMES = (*(f"NMI ({method})" for method in METHODS), "AMI")
SCORE_COLOURS = dict(
    zip(SCORE_NAMES, ("blue", "sky", "green", "purple", "vermillion"), strict=True)
)

Scores = Mapping[str, Mapping[str, float]]


def clustering_scores(true: ArrayLike, predicted: ArrayLike) -> dict[str, float]:
    r"""NMI under every normalisation, and AMI, of a clustering against the truth.

    Parameters
    ----------
    true, predicted : array-like of shape (n_samples,)
        Two labelings of the same points.

    Returns
    -------
    dict of str to float
        Keys :data:`SCORE_NAMES`: ``"NMI (arithmetic)"``, ``"NMI (geometric)"``,
        ``"NMI (max)"``, ``"NMI (min)"`` from
        :func:`infotheory.clustering.normalized_mutual_information`, and
        ``"AMI"`` from :func:`infotheory.clustering.adjusted_mutual_information`
        (arithmetic normalisation, scikit-learn's default).  All are 1 for
        identical partitions; only AMI is about 0 for unrelated ones.

    Raises
    ------
    ValueError
        If the labelings have different lengths or are not valid labels.

    Examples
    --------
    >>> scores = clustering_scores([0, 0, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2])
    >>> sorted(set(scores.values()))
    [1.0]
    >>> clustering_scores([0, 1] * 10, [0, 0, 1, 1] * 5)["NMI (max)"]
    0.0
    """
    scores = {
        f"NMI ({method})": normalized_mutual_information(true, predicted, method=method)
        for method in METHODS
    }
    scores["AMI"] = adjusted_mutual_information(true, predicted)
    return scores


def clustering_comparison(
    n: int = 300,
    n_clusters: int = 3,
    *,
    reassign: float = 0.05,
    seed: int | np.random.Generator | None = 0,
) -> dict[str, dict[str, float]]:
    r"""Scores of a perfect, a near-perfect and a random clustering of the same truth.

    The three clusterings come from
    :func:`mibook.datasets.clustering_labels` with the same true labels
    and ``reassign`` equal to 0, ``reassign`` and 1.

    Parameters
    ----------
    n : int, default=300
        Number of points.
    n_clusters : int, default=3
        Number of true (and predicted) clusters.
    reassign : float, default=0.05
        Fraction of labels redrawn at random in the near-perfect clustering.
    seed : int, Generator or None, default=0

    Returns
    -------
    dict of str to dict
        ``{"Perfect": scores, "Near-perfect": scores, "Random": scores}``,
        each from :func:`clustering_scores`.

    Raises
    ------
    ValueError
        If an argument is invalid (see :func:`~mibook.datasets.clustering_labels`).

    Examples
    --------
    >>> scores = clustering_comparison(300, 10)
    >>> scores["Perfect"]["AMI"], abs(scores["Random"]["AMI"]) < 0.05
    (1.0, True)
    >>> scores["Random"]["NMI (arithmetic)"] > 0.02
    True
    """
    # One integer seed for all three calls, so that they share the true labels.
    if not isinstance(seed, numbers.Integral):
        seed = int(np.random.default_rng(seed).integers(2**63))
    comparison = {}
    for name, fraction in (("Perfect", 0.0), ("Near-perfect", reassign), ("Random", 1.0)):
        true, predicted = clustering_labels(n, n_clusters, reassign=fraction, seed=seed)
        comparison[name] = clustering_scores(true, predicted)
    return comparison


class ClusteringChart:
    """Grouped bar chart of clustering scores, updated in place.

    One group of bars per clustering, one bar per score, each labelled with
    its value to two decimals.

    Parameters
    ----------
    scores : mapping of str to mapping of str to float
        ``{clustering: {score name: value}}``, e.g. from
        :func:`clustering_comparison`; every clustering has the same scores.
    title : str, optional
        Figure title.
    figsize : (float, float), default=(5.2, 3.8)
    dpi : float, default=100

    Attributes
    ----------
    fig : matplotlib.figure.Figure
        Not registered with pyplot, so a notebook shows it only when asked.
    ax : Axes
    bars : dict of str to BarContainer
        The bars of each score name, one per clustering.
    labels : dict of (str, str) to Text
        The value label of each (clustering, score name).
    scores : dict of str to dict
        The values currently drawn.
    """

    def __init__(
        self,
        scores: Scores,
        *,
        title: str | None = None,
        figsize: tuple[float, float] = (5.2, 3.8),
        dpi: float = 100,
    ) -> None:
        self.groups, self.score_names = self._check(scores)
        with mpl.rc_context(STYLE):
            self._build(figsize, dpi)
        self.update(scores, title=title)

    @staticmethod
    def _check(scores: Scores) -> tuple[list[str], list[str]]:
        groups = list(scores)
        if not groups:
            raise ValueError("scores must hold at least one clustering")
        names = list(scores[groups[0]])
        if not names or any(list(scores[g]) != names for g in groups):
            raise ValueError("scores must give every clustering the same, non-empty score names")
        return groups, names

    def _build(self, figsize: tuple[float, float], dpi: float) -> None:
        fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        ax = fig.add_subplot()
        width = 0.8 / len(self.score_names)
        centres = np.arange(len(self.groups))
        self.bars, self.labels = {}, {}
        for i, name in enumerate(self.score_names):
            offsets = centres + (i - (len(self.score_names) - 1) / 2) * width
            colour = PALETTE[SCORE_COLOURS.get(name, "grey")]
            self.bars[name] = ax.bar(
                offsets, np.zeros(len(self.groups)), width, color=colour, label=name
            )
            for group, x in zip(self.groups, offsets, strict=True):
                self.labels[group, name] = ax.text(x, 0, "", ha="center", va="bottom", rotation=90)
        ax.axhline(0, color=PALETTE["black"], linewidth=0.8)
        ax.set_xticks(centres, self.groups)
        ax.set_ylabel("score (1 = same partition)")
        ax.legend(
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=min(len(self.score_names), 3),
            frameon=False,
        )
        self.fig, self.ax = fig, ax

    def update(self, scores: Scores, *, title: str | None = None) -> None:
        """Set the bar heights, value labels and group names to new scores.

        Parameters
        ----------
        scores : mapping of str to mapping of str to float
            As many clusterings as at construction, with the same score names;
            the clusterings may be renamed.
        title : str, optional
            New figure title; ``None`` keeps the current one.

        Raises
        ------
        ValueError
            If ``scores`` has another shape than the chart.
        """
        groups, names = self._check(scores)
        if len(groups) != len(self.groups) or names != self.score_names:
            raise ValueError(
                f"scores must have {len(self.groups)} clusterings scored by {self.score_names}"
            )
        if groups != self.groups:
            self.ax.set_xticks(self.ax.get_xticks(), groups)
            self.labels = {
                (new, name): self.labels[old, name]
                for new, old in zip(groups, self.groups, strict=True)
                for name in names
            }
            self.groups = groups
        lowest = 0.0
        for name in names:
            for group, rect in zip(groups, self.bars[name], strict=True):
                value = float(scores[group][name])
                rect.set_height(value)
                label = self.labels[group, name]
                label.set_y(max(value, 0.0) + 0.01)
                label.set_text(f"{value:.2f}")
                lowest = min(lowest, value)
        self.ax.set_ylim(min(-0.05, 1.2 * lowest), 1.25)
        if title is not None:
            self.fig.suptitle(title)
        self.scores = {g: {name: float(scores[g][name]) for name in names} for g in groups}
