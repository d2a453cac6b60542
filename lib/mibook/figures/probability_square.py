r"""The probability square of a two-variable table (colah's "Visual Information Theory").

A unit square is cut into columns of width :math:`p(x)`, and each column
into boxes of height :math:`p(y \mid x)`, so each box has area
:math:`p(x, y)`.  If the variables are independent every column is cut at
the same heights and the cuts line up into straight lines across the
square; dependence shows as cuts that jump from column to column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

from infotheory._validation import check_distribution

from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["probability_square"]

_COLOURS = (PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["purple"])


def _check_joint(joint: ArrayLike) -> np.ndarray:
    arr = np.asarray(joint, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"joint must be a 2-D array of probabilities, got shape {arr.shape}")
    p = check_distribution(arr.ravel(), "joint").reshape(arr.shape)
    if np.any(p.sum(axis=1) == 0):
        raise ValueError("joint must not have a row of zeros (p(y | x) is undefined there)")
    return p


def _draw(ax: Axes, p: np.ndarray, x_names, y_names, title: str) -> None:
    p_x = p.sum(axis=1)
    cond = p / p_x[:, None]
    left = 0.0
    for i, width in enumerate(p_x):
        bottom = 0.0
        for j, height in enumerate(cond[i]):
            ax.add_patch(
                Rectangle(
                    (left, bottom),
                    width,
                    height,
                    facecolor=_COLOURS[j % len(_COLOURS)],
                    alpha=0.35 + 0.3 * (j % 2),
                    edgecolor="white",
                    lw=2,
                )
            )
            if height >= 0.12:
                ax.text(
                    left + width / 2,
                    bottom + height / 2,
                    f"{height:.2f}",
                    ha="center",
                    va="center",
                    fontsize=11,
                )
            bottom += height
        ax.text(
            left + width / 2,
            -0.04,
            f"{x_names[i]}\n{width:.2f}",
            ha="center",
            va="top",
            fontsize=11,
        )
        left += width
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(title)


def probability_square(
    joint: ArrayLike,
    *,
    x_names: Sequence[str] = ("x = 0", "x = 1"),
    y_names: Sequence[str] = ("y = 0", "y = 1"),
    titles: Sequence[str] = ("the table", "if independent"),
) -> Figure:
    r"""Draw a joint table as a probability square beside its independent counterpart.

    Left: columns of width :math:`p(x)` cut at heights :math:`p(y \mid x)`
    (the numbers in the boxes; boxes lower than 0.12 go unlabelled).  Right:
    the product of the same margins, :math:`p(x)\,p(y)`, whose cuts run
    straight across.  A box's area is its joint probability.  With
    :math:`H(Y \mid X) = \sum_x p(x)\, H(Y \mid X = x)`, the conditional
    entropy is the width-weighted average of each column's entropy.

    Parameters
    ----------
    joint : array-like of shape (k_x, k_y)
        Joint probabilities (or non-negative counts; normalised), rows
        indexing :math:`X`; at most four columns get distinct colours.
    x_names, y_names : sequence of str
        Names of the values of :math:`X` (under the columns) and of
        :math:`Y` (in the legend).
    titles : sequence of two str
        Titles of the two squares.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes, each holding ``k_x * k_y`` rectangles, and a legend of
        the values of :math:`Y` above them.

    Raises
    ------
    ValueError
        If ``joint`` is not 2-D, holds a negative, NaN or inf entry, is all
        zero or has a zero row, or a name list has the wrong length.

    Examples
    --------
    >>> fig = probability_square([[0.3, 0.05], [0.1, 0.55]])
    >>> [len(ax.patches) for ax in fig.axes]
    [4, 4]
    """
    p = _check_joint(joint)
    if len(x_names) != p.shape[0]:
        raise ValueError(f"x_names must have {p.shape[0]} entries, got {len(x_names)}")
    if len(y_names) != p.shape[1]:
        raise ValueError(f"y_names must have {p.shape[1]} entries, got {len(y_names)}")
    if len(titles) != 2:
        raise ValueError(f"titles must have 2 entries, got {len(titles)}")
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, 3.5), layout="constrained")
    axes = fig.subplots(1, 2)
    independent = np.outer(p.sum(axis=1), p.sum(axis=0))
    for ax, table, title in zip(axes, (p, independent), titles, strict=True):
        _draw(ax, table, x_names, y_names, title)
    axes[0].set_ylabel("height $p(y \\mid x)$, width $p(x)$")
    handles = [
        Rectangle((0, 0), 1, 1, facecolor=_COLOURS[j % len(_COLOURS)], alpha=0.35 + 0.3 * (j % 2))
        for j in range(p.shape[1])
    ]
    fig.legend(handles, list(y_names), loc="outside upper center", ncol=p.shape[1], frameon=False)
    return fig
