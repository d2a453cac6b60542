r"""Figures of the feature-selection page.

* :func:`relevance_figure`: relevance by MI against relevance by :math:`|r|`,
  from a :class:`~mibook.experiments_continuous.FeatureRanking`;
* :func:`ranking_figure`: the features ranked by MI with their error bars,
  from a :class:`~mibook.feature_ranking.RelevanceErrors`.

The builders draw; they compute nothing themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..experiments_continuous import FeatureRanking
from ..feature_ranking import RelevanceErrors
from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["ranking_figure", "relevance_figure"]


def relevance_figure(
    ranking: FeatureRanking,
    *,
    group: Sequence[int] = (),
    group_label: str = "group",
    selected: Sequence[int] = (),
    selected_label: str = "selected",
    annotate: Sequence[int] = (),
) -> Figure:
    r"""Scatter each feature's :math:`|r|` (x) against its MI with the label (y).

    Parameters
    ----------
    ranking : FeatureRanking
        :func:`~mibook.experiments_continuous.rank_features`.
    group : sequence of int, optional
        Columns drawn in vermillion (e.g. a family of redundant features).
    group_label : str, default="group"
        Legend entry of ``group``.
    selected : sequence of int, optional
        Columns ringed in black (e.g. a selection).
    selected_label : str, default="selected"
        Legend entry of ``selected``.
    annotate : sequence of int, optional
        Columns whose name is written beside their point.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with x label ``"|r| with the label"`` and y label
        ``"MI with the label (nats)"``.

    Raises
    ------
    ValueError
        If an index in ``group``, ``selected`` or ``annotate`` is not a
        column of the ranking.

    Examples
    --------
    >>> r = FeatureRanking(("a", "b"), np.array([0.2, 0.1]), np.array([0.5, 0.6]))
    >>> relevance_figure(r, annotate=[0]).axes[0].get_xlabel()
    '|r| with the label'
    """
    d = len(ranking.names)
    for name, idx in (("group", group), ("selected", selected), ("annotate", annotate)):
        bad = [j for j in idx if not 0 <= int(j) < d]
        if bad:
            raise ValueError(f"{name} holds indices outside 0..{d - 1}: {bad}")
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, 4.2), layout="constrained")
    ax = fig.subplots()
    in_group = np.zeros(d, dtype=bool)
    in_group[list(group)] = True
    r, mi = ranking.abs_r, ranking.mi
    ax.scatter(r[~in_group], mi[~in_group], s=30, color=PALETTE["blue"], label="other features")
    if in_group.any():
        ax.scatter(
            r[in_group],
            mi[in_group],
            s=30,
            color=PALETTE["vermillion"],
            marker="s",
            label=group_label,
        )
    if len(selected):
        sel = list(selected)
        ax.scatter(
            r[sel],
            mi[sel],
            s=150,
            facecolors="none",
            edgecolors=PALETTE["black"],
            lw=1.5,
            label=selected_label,
        )
    for j in annotate:
        ax.annotate(
            ranking.names[j],
            (r[j], mi[j]),
            xytext=(-45, 25),
            textcoords="offset points",
            fontsize=11,
            ha="right",
            va="center",
            arrowprops={"arrowstyle": "-", "color": PALETTE["black"], "lw": 0.8},
        )
    ax.set_xlabel("|r| with the label")
    ax.set_ylabel("MI with the label (nats)")
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, float(mi.min()) - 0.02), 1.1 * float(mi.max()) + 0.02)
    ax.legend(frameon=False, loc="upper left")
    return fig


def ranking_figure(errors: RelevanceErrors, *, unit: str = "nats") -> Figure:
    r"""Each feature's relevance with its standard error, from the first place down.

    One row per feature, the first place at the top: a dot at the estimate
    and a bar of one standard error either side.  A dashed line between two
    places marks a gap larger than ``errors.threshold`` standard errors of
    the (paired) difference: the places above and below it are
    distinguishable, places between two lines are not told apart by their
    neighbours.

    Parameters
    ----------
    errors : RelevanceErrors
        :func:`~mibook.feature_ranking.relevance_errors`.
    unit : str, default="nats"
        Unit of the x axis label.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, x label ``"MI with the label ({unit})"``, the feature
        names as y tick labels in rank order.

    Examples
    --------
    >>> from mibook.feature_ranking import relevance_errors
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 200)
    >>> X = np.column_stack([y + rng.normal(size=200), rng.normal(size=200)])
    >>> fig = ranking_figure(relevance_errors(X, y, n_repeats=2))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['x0', 'x1']
    """
    apply_style()
    p = errors.order.size
    fig = Figure(figsize=(FIG_WIDTH_IN, 1.0 + 0.22 * p), layout="constrained")
    ax = fig.subplots()
    value, error = errors.estimate[errors.order], errors.std_error[errors.order]
    place = np.arange(p)
    ax.errorbar(
        value,
        place,
        xerr=error,
        fmt="o",
        ms=4,
        color=PALETTE["blue"],
        ecolor=PALETTE["blue"],
        elinewidth=1.2,
        capsize=0,
        label="estimate \u00b1 1 standard error",
    )
    for i in np.flatnonzero(errors.distinguishable):
        ax.axhline(
            i + 0.5,
            color=PALETTE["black"],
            ls="--",
            lw=1,
            label=f"gap > {errors.threshold:g} standard errors"
            if i == np.flatnonzero(errors.distinguishable)[0]
            else None,
        )
    ax.set_yticks(place, [errors.names[j] for j in errors.order])
    ax.set_ylim(p - 0.5, -0.5)
    ax.set_xlabel(f"MI with the label ({unit})")
    ax.axvline(0, color=PALETTE["grey"], lw=0.8)
    ax.legend(frameon=False, loc="lower right")
    return fig
