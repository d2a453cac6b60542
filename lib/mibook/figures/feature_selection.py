r"""Figure of the feature-selection page: relevance by MI against relevance by :math:`|r|`.

The builder draws a :class:`~mibook.experiments_continuous.FeatureRanking`;
it computes nothing itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..experiments_continuous import FeatureRanking
from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["relevance_figure"]


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
