r"""The "Choosing an estimator" page's figure: KSG against the truth at high MI.

It draws :class:`mibook.arena.HighMISweep` (read from the arena's data file),
so the figure, the page's glued numbers and the tests share one computation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..arena import HighMISweep
from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["high_mi_figure"]

_N_COLOURS = (PALETTE["vermillion"], PALETTE["green"], PALETTE["blue"], PALETTE["orange"])
_MARKERS = ("o", "s", "D", "^")


def high_mi_figure(
    sweep: HighMISweep, *, n: Sequence[int] = (100, 1000, 10000), tolerance: float = 0.1
) -> Figure:
    r"""KSG's relative error against the true MI of ``d`` Gaussian pairs, one panel per ``d``.

    Each panel plots (mean − truth) / truth in percent against the true MI
    (nats) of the sweep's correlations, one line per sample size in ``n``,
    with bars of ± one standard deviation over seeds (also relative to the
    truth), and a grey band of ± ``tolerance``.

    Parameters
    ----------
    sweep : HighMISweep
    n : sequence of int, default=(100, 1000, 10000)
        Sample sizes drawn (each on the sweep's grid).
    tolerance : float, default=0.1

    Returns
    -------
    matplotlib.figure.Figure
        One axis per dimension of the sweep, stacked, sharing the y axis.

    Raises
    ------
    ValueError
        If a size in ``n`` is not on the sweep's grid.

    Examples
    --------
    >>> from mibook.arena import high_mi_sweep
    >>> sweep = high_mi_sweep(rhos=(0.5, 0.9), n=(100, 1000), dims=(1,), n_seeds=2)
    >>> fig = high_mi_figure(sweep, n=(100, 1000))
    >>> len(fig.axes), fig.axes[0].get_xlabel()
    (1, 'true MI (nats)')
    """
    columns = []
    for m in n:
        where = np.flatnonzero(sweep.n == m)
        if where.size == 0:
            raise ValueError(f"n must hold sizes of the sweep {sweep.n.tolist()}; got {m!r}")
        columns.append(int(where[0]))
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, 2.9 * sweep.dims.size + 0.9), layout="constrained")
    axes = np.atleast_1d(fig.subplots(sweep.dims.size, 1, sharey=True))
    relative = 100 * sweep.relative_error
    spread = 100 * sweep.std / sweep.truth[:, :, None]
    for a, (ax, d) in enumerate(zip(axes, sweep.dims, strict=True)):
        truth = sweep.truth[a]
        ax.axhspan(-100 * tolerance, 100 * tolerance, color=PALETTE["grey"], alpha=0.25, lw=0)
        ax.axhline(0, color=PALETTE["black"], lw=1)
        for c, i in enumerate(columns):
            ax.errorbar(
                truth,
                relative[a, :, i],
                yerr=spread[a, :, i],
                color=_N_COLOURS[c % len(_N_COLOURS)],
                marker=_MARKERS[c % len(_MARKERS)],
                ms=5,
                lw=1.5,
                capsize=2,
                label=f"n = {int(sweep.n[i]):,}",
            )
        pairs = "one pair" if d == 1 else f"{d} independent pairs"
        ax.set_title(f"X, Y each {d}-D: {pairs}", loc="left")
        ax.set_xlabel("true MI (nats)")
        ax.set_ylabel("(mean \u2212 truth) / truth (%)")
    axes[0].legend(loc="lower left", frameon=False)
    return fig
