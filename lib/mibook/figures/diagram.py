r"""Area-proportional information diagram of two discrete variables.

Two circles have areas :math:`H(X)` and :math:`H(Y)` and overlap in a lens
of area :math:`I(X;Y)`, so the three regions have areas
:math:`H(X \mid Y)`, :math:`I(X;Y)` and :math:`H(Y \mid X)` and the union
has area :math:`H(X, Y)`.  Unlike a schematic Venn diagram the picture is
to scale: one square unit of the plot is one nat.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from infotheory._validation import check_distribution
from infotheory.discrete import entropy

from ._style import FIG_WIDTH_IN, MIN_FONT_PT, PALETTE, apply_style

__all__ = ["circle_separation", "information_diagram", "lens_area"]

# Relative tolerance below which the overlap counts as "none" or "all"; the
# entropies come from sums of p log p, which carry round-off of this order.
_EDGE_RTOL = 1e-9
# A label goes inside its region only if it takes at most this fraction of
# the region's width, so that it keeps clear of the circle edges.
_FILL = 0.8


def lens_area(r1: float, r2: float, d: float) -> float:
    r"""Area of the overlap of circles of radii ``r1``, ``r2`` with centres ``d`` apart.

    .. math:: A = r_1^2 \arccos\frac{d^2 + r_1^2 - r_2^2}{2 d r_1}
              + r_2^2 \arccos\frac{d^2 + r_2^2 - r_1^2}{2 d r_2}
              - \tfrac12 \sqrt{(-d + r_1 + r_2)(d + r_1 - r_2)(d - r_1 + r_2)(d + r_1 + r_2)}

    Returns 0 for :math:`d \ge r_1 + r_2` (disjoint or touching) and the
    area of the smaller circle for :math:`d \le |r_1 - r_2|` (one inside the
    other).

    Examples
    --------
    >>> lens_area(1.0, 1.0, 2.0)
    0.0
    >>> bool(np.isclose(lens_area(1.0, 2.0, 0.5), np.pi))
    True
    >>> bool(np.isclose(lens_area(1.0, 1.0, 0.0), np.pi))
    True
    """
    if d >= r1 + r2:
        return 0.0
    if d <= abs(r1 - r2):
        return float(np.pi * min(r1, r2) ** 2)
    a1 = r1**2 * np.arccos(np.clip((d**2 + r1**2 - r2**2) / (2 * d * r1), -1, 1))
    a2 = r2**2 * np.arccos(np.clip((d**2 + r2**2 - r1**2) / (2 * d * r2), -1, 1))
    kite = 0.5 * np.sqrt(max((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2), 0))
    return float(a1 + a2 - kite)


def circle_separation(area1: float, area2: float, overlap: float) -> float:
    r"""Distance between the centres of two circles with given areas and overlap area.

    Solves :math:`A(d) = \text{overlap}` for :math:`d` with
    :func:`scipy.optimize.brentq`; the lens area :math:`A(d)` of
    :func:`lens_area` falls monotonically from :math:`\min(\text{area}_1,
    \text{area}_2)` at :math:`d = |r_1 - r_2|` to 0 at :math:`d = r_1 + r_2`.

    Parameters
    ----------
    area1, area2 : float
        Circle areas, >= 0.
    overlap : float
        Wanted lens area.  Values within a relative ``1e-9`` of 0 or of
        :math:`\min(\text{area}_1, \text{area}_2)` (round-off in the
        entropies) give the touching distance :math:`r_1 + r_2` or the
        nested distance :math:`|r_1 - r_2|` exactly.

    Returns
    -------
    float
        The centre distance :math:`d`, in the units whose square is the area.

    Raises
    ------
    ValueError
        If an area is negative, or ``overlap`` is outside
        :math:`[0, \min(\text{area}_1, \text{area}_2)]` beyond round-off.

    Examples
    --------
    >>> r = np.sqrt(1 / np.pi)
    >>> bool(np.isclose(circle_separation(1.0, 1.0, 0.0), 2 * r))
    True
    >>> d = circle_separation(2.0, 1.0, 0.5)
    >>> bool(np.isclose(lens_area(np.sqrt(2 / np.pi), r, d), 0.5))
    True
    """
    if area1 < 0 or area2 < 0:
        raise ValueError(f"areas must be >= 0, got {area1!r} and {area2!r}")
    r1, r2 = np.sqrt(area1 / np.pi), np.sqrt(area2 / np.pi)
    smaller = min(area1, area2)
    scale = max(area1, area2, 1.0)
    if overlap < -_EDGE_RTOL * scale or overlap > smaller + _EDGE_RTOL * scale:
        raise ValueError(f"overlap must lie in [0, {smaller!r}], got {overlap!r}")
    if overlap <= _EDGE_RTOL * scale:
        return float(r1 + r2)
    if overlap >= smaller - _EDGE_RTOL * scale:
        return float(abs(r1 - r2))
    lo, hi = abs(r1 - r2), r1 + r2
    return float(brentq(lambda d: lens_area(r1, r2, d) - overlap, lo, hi, xtol=1e-14, rtol=1e-15))


def _check_joint(joint: ArrayLike) -> np.ndarray:
    arr = np.asarray(joint, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"joint must be a 2-D array of probabilities, got shape {arr.shape}")
    return check_distribution(arr.ravel(), "joint").reshape(arr.shape)


def _label(
    ax, text: str, region: tuple[float, float], outside_y: float, empty_shift: float = 0.0
) -> None:
    """Write ``text`` inside the region ``[lo, hi]`` on the x axis if it fits, else beside it.

    The fit is measured on the rendered text.  A label moved outside gets a
    leader line to its region, unless the region is empty (width 0): then
    it moves sideways by ``empty_shift`` so two empty regions' labels
    don't overprint.
    """
    lo, hi = region
    centre = (0.5 * (lo + hi), 0.0)
    label = ax.text(*centre, text, ha="center", va="center", fontsize=MIN_FONT_PT)
    extent = label.get_window_extent(ax.figure.canvas.get_renderer())
    (x0, _), (x1, _) = ax.transData.inverted().transform([[extent.x0, 0], [extent.x1, 0]])
    if x1 - x0 <= _FILL * (hi - lo):
        return
    label.remove()
    arrow = {"arrowstyle": "-", "color": PALETTE["black"], "lw": 0.8} if hi > lo else None
    shift = 0.0 if hi > lo else empty_shift
    ax.annotate(
        text,
        xy=centre,
        xytext=(centre[0] + shift, outside_y),
        ha="center",
        va="center",
        fontsize=MIN_FONT_PT,
        arrowprops=arrow,
    )


def information_diagram(
    joint: ArrayLike,
    *,
    names: tuple[str, str] = ("X", "Y"),
    figsize: tuple[float, float] = (FIG_WIDTH_IN, 4.4),
) -> Figure:
    r"""Draw the area-proportional information diagram of a joint distribution.

    The circle of ``names[0]`` has area :math:`H(X)` (entropy of the row
    margin), the other :math:`H(Y)` (column margin), and their overlap is
    the lens of area :math:`I(X;Y) = H(X) + H(Y) - H(X, Y)`, all in nats.
    The centre distance comes from :func:`circle_separation`.  Independent
    variables (:math:`I = 0`) give circles that touch; when one variable is
    a function of the other (:math:`I = \min(H(X), H(Y))`) its circle lies
    inside the other's, touching it from within.

    Parameters
    ----------
    joint : array-like of shape (k_x, k_y)
        Joint probabilities (or non-negative counts; they are normalised)
        with rows indexing ``X`` and columns ``Y``.
    names : tuple of str, default=("X", "Y")
        Variable names used in the labels.
    figsize : tuple of float, default=(5.2, 4.4)
        Figure size in inches.

    Returns
    -------
    matplotlib.figure.Figure
        One axes holding two :class:`matplotlib.patches.Circle` patches
        (``names[0]`` first), the region labels
        :math:`H(X \mid Y)`, :math:`I(X;Y)`, :math:`H(Y \mid X)` with their
        values, and a footer with :math:`H(X, Y)`.

    Raises
    ------
    ValueError
        If ``joint`` is not 2-D, holds a negative, NaN or inf entry, or is
        all zero.

    Examples
    --------
    >>> fig = information_diagram([[0.4, 0.1], [0.1, 0.4]])
    >>> [type(p).__name__ for p in fig.axes[0].patches]
    ['Circle', 'Circle']
    """
    p = _check_joint(joint)
    h_x, h_y = entropy(p.sum(axis=1)), entropy(p.sum(axis=0))
    h_xy = entropy(p.ravel())
    mi = float(np.clip(h_x + h_y - h_xy, 0.0, min(h_x, h_y)))
    r1, r2 = np.sqrt(h_x / np.pi), np.sqrt(h_y / np.pi)
    d = circle_separation(h_x, h_y, mi)
    x_name, y_name = names

    apply_style()
    fig = Figure(figsize=figsize)
    # Label placement measures text, which needs a renderer; Agg gives one without pyplot.
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    # Y sits to the right of X.  Nested circles touch from within at the
    # left, so the larger circle's own region is the crescent on the right
    # (for Y) or is reached by putting Y on the left inside X.
    nested_y_in_x = d <= abs(r1 - r2) and r2 < r1
    c1, c2 = 0.0, -d if nested_y_in_x else d
    for centre, radius, colour, name, h in (
        (c1, r1, PALETTE["blue"], x_name, h_x),
        (c2, r2, PALETTE["orange"], y_name, h_y),
    ):
        ax.add_patch(
            Circle(
                (centre, 0),
                radius,
                facecolor=colour,
                alpha=0.3,
                edgecolor=colour,
                lw=2,
                label=f"${name}$: area $H({name})$ = {h:.3f} nats",
            )
        )

    left, right = min(c1 - r1, c2 - r2), max(c1 + r1, c2 + r2)
    # A constant variable has a circle of radius 0; the floor keeps the
    # axes limits distinct when both are constant.
    top = max(r1, r2, 0.1)
    span = max(right - left, 2 * top)
    lens = (max(c1 - r1, c2 - r2), min(c1 + r1, c2 + r2))
    if nested_y_in_x:
        only_x, only_y = (c2 + r2, c1 + r1), (c2, c2)
    elif d <= abs(r1 - r2):
        only_x, only_y = (c1, c1), (c1 + r1, c2 + r2)
    else:
        only_x, only_y = (c1 - r1, min(c1 + r1, c2 - r2)), (max(c2 - r2, c1 + r1), c2 + r2)
    below, above = -1.35 * top, 1.35 * top

    ax.set_xlim(left - 0.06 * span, right + 0.06 * span)
    ax.set_ylim(-1.62 * top, 1.62 * top)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.subplots_adjust(left=0.02, right=0.98, top=0.84, bottom=0.14)
    # Labels are fitted against the final layout, so fix the box first.
    ax.apply_aspect()
    _label(ax, f"$H({x_name}\\mid {y_name})$\n{h_x - mi:.3f} nats", only_x, below, -0.3 * span)
    _label(ax, f"$I({x_name};{y_name})$\n{mi:.3f} nats", lens, above)
    _label(ax, f"$H({y_name}\\mid {x_name})$\n{h_y - mi:.3f} nats", only_y, below, 0.3 * span)

    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=1,
        frameon=False,
        handlelength=1.2,
    )
    fig.text(
        0.5,
        0.02,
        f"Union area $H({x_name},{y_name})$ = {h_xy:.3f} nats\n"
        "(one square unit of the plot is one nat)",
        ha="center",
        va="bottom",
    )
    return fig
