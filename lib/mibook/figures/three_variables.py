r"""Figure of the three-variables page: the chain rule drawn as stacked bars.

For each example, the information that the pair :math:`(Y, Z)` carries
about :math:`X` is one bar, cut two ways by the chain rule:

.. math:: I(X; Y, Z) = I(X; Z) + I(X; Y \mid Z) = I(X; Y) + I(X; Z \mid Y).

Both cuts have the same total length; which pieces are empty shows whether
a variable's information is unique, shared (redundant) or only available
jointly (synergistic).
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["CHAIN_TERMS", "chain_rule_figure"]

#: The four terms a row of :func:`chain_rule_figure` needs.
CHAIN_TERMS = ("i_xy", "i_xz", "i_xy_given_z", "i_xz_given_y")

_COLOURS = {"first": PALETTE["blue"], "second": PALETTE["orange"]}


def chain_rule_figure(rows: Mapping[str, Mapping[str, float]], *, unit: str = "bits") -> Figure:
    r"""Two chain-rule decompositions of :math:`I(X; Y, Z)` for each example.

    Each example gets two horizontal bars: the upper one is
    :math:`I(X; Y)` (blue) followed by :math:`I(X; Z \mid Y)` (orange), the
    lower one :math:`I(X; Z)` (blue) followed by :math:`I(X; Y \mid Z)`
    (orange).  Each piece is labelled with its value when it is long
    enough to hold the text.

    Parameters
    ----------
    rows : mapping of str to mapping
        Example name to its terms ``i_xy``, ``i_xz``, ``i_xy_given_z`` and
        ``i_xz_given_y`` (see :data:`CHAIN_TERMS`), in ``unit``; drawn top
        to bottom in the mapping's order.
    unit : str, default="bits"
        Unit named in the x-axis label.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with two bars per example and its x label
        ``"information (<unit>)"``.

    Raises
    ------
    ValueError
        If ``rows`` is empty, a row misses a term, or a term is negative
        beyond round-off.

    Examples
    --------
    >>> row = {"i_xy": 0.0, "i_xz": 0.0, "i_xy_given_z": 1.0, "i_xz_given_y": 1.0}
    >>> fig = chain_rule_figure({"XOR": row})
    >>> len(fig.axes[0].patches)
    4
    """
    if not rows:
        raise ValueError("rows must hold at least one example")
    for name, row in rows.items():
        missing = [t for t in CHAIN_TERMS if t not in row]
        if missing:
            raise ValueError(f"rows[{name!r}] misses {', '.join(missing)}")
        if any(row[t] < -1e-9 for t in CHAIN_TERMS):
            raise ValueError(f"rows[{name!r}] holds a negative information term")
    apply_style()
    n = len(rows)
    fig = Figure(figsize=(FIG_WIDTH_IN, 1.0 + 1.3 * n), layout="constrained")
    ax = fig.subplots()
    total = max(
        max(r["i_xy"] + r["i_xz_given_y"], r["i_xz"] + r["i_xy_given_z"]) for r in rows.values()
    )
    total = max(total, 1e-12)
    ticks, labels = [], []
    for i, (name, row) in enumerate(rows.items()):
        centre = -2.2 * i
        pairs = (
            (centre + 0.35, ("i_xy", "i_xz_given_y"), ("I(X;Y)", "I(X;Z|Y)")),
            (centre - 0.35, ("i_xz", "i_xy_given_z"), ("I(X;Z)", "I(X;Y|Z)")),
        )
        for y, terms, names in pairs:
            start = 0.0
            for term, colour in zip(terms, _COLOURS.values(), strict=True):
                value = max(float(row[term]), 0.0)
                ax.barh(y, value, left=start, height=0.6, color=colour, alpha=0.75)
                if value >= 0.15 * total:
                    ax.text(
                        start + value / 2, y, f"{value:.2f}", ha="center", va="center", fontsize=11
                    )
                start += value
            ticks.append(y)
            labels.append(f"{names[0]} + {names[1]}")
        ax.text(0, centre + 0.75, name, ha="left", va="bottom", fontsize=12, fontweight="bold")
    ax.set_yticks(ticks, labels)
    ax.set_xlim(0, 1.05 * total)
    ax.set_ylim(-2.2 * (n - 1) - 0.75, 1.3)
    ax.set_xlabel(f"information ({unit})")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    fig.legend(
        [Patch(color=c, alpha=0.75) for c in _COLOURS.values()],
        ["first term", "second (conditional) term"],
        loc="outside upper center",
        ncol=2,
        frameon=False,
    )
    return fig
