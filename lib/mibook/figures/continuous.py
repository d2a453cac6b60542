r"""Figure of the continuous-case page: binned entropy and MI against the bin width.

The builder draws a :class:`~mibook.experiments_continuous.BinWidthSweep`;
it computes nothing itself.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from ..experiments_continuous import BinWidthSweep
from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["bin_width_figure"]


def bin_width_figure(sweep: BinWidthSweep) -> Figure:
    r"""Plug-in :math:`H(X^\Delta)` and :math:`I(X^\Delta; Y^\Delta)` against the bin width.

    Top: the entropy of the binned :math:`X` (points) over the line
    :math:`h(X) - \ln\Delta` it follows as :math:`\Delta` shrinks, and the
    ceiling :math:`\ln n` that no sample of size :math:`n` can pass.
    Bottom: the binned MI (points) against the true :math:`I(X;Y)`; its
    y axis is logarithmic because at small widths the plug-in bias carries
    the estimate far above the truth.  Both x axes are logarithmic.

    Parameters
    ----------
    sweep : BinWidthSweep
        :func:`~mibook.experiments_continuous.bin_width_sweep`.

    Returns
    -------
    matplotlib.figure.Figure
        Two stacked axes sharing the x axis ``"bin width Δ"``, y labels in
        nats; each has a legend.

    Examples
    --------
    >>> from mibook.experiments_continuous import bin_width_sweep
    >>> fig = bin_width_figure(bin_width_sweep([0.01, 0.1, 1.0], n=2000))
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['entropy (nats)', 'MI (nats)']
    """
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, 6.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    w = sweep.widths
    grid = np.geomspace(w.min(), w.max(), 200)
    top.plot(
        grid,
        sweep.h_true - np.log(grid),
        color=PALETTE["black"],
        ls="--",
        lw=1.2,
        label=r"$h(X) - \ln\Delta$",
    )
    top.axhline(np.log(sweep.n), color=PALETTE["grey"], ls=":", lw=1.5, label=r"$\ln n$")
    top.plot(w, sweep.entropy, "o", color=PALETTE["blue"], ms=5, label=r"plug-in $H(X^\Delta)$")
    top.set_ylabel("entropy (nats)")
    top.set_title(f"Standard normal $X$, $n$ = {sweep.n:,}")
    top.legend(frameon=False, loc="lower left")

    bottom.axhline(sweep.mi_true, color=PALETTE["black"], ls="--", lw=1.2, label=r"true $I(X;Y)$")
    bottom.plot(
        w,
        sweep.mutual_information,
        "o",
        color=PALETTE["vermillion"],
        ms=5,
        label=r"plug-in $I(X^\Delta;Y^\Delta)$",
    )
    bottom.set_yscale("log")
    # Plain numbers (0.5, 1, 2, 5) instead of powers of ten on the MI axis.
    bottom.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    bottom.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    bottom.yaxis.set_minor_formatter(NullFormatter())
    bottom.set_xscale("log")
    bottom.set_ylabel("MI (nats)")
    bottom.set_xlabel("bin width \N{GREEK CAPITAL LETTER DELTA}")
    bottom.set_title(f"Gaussian pair, \N{GREEK SMALL LETTER RHO} = {sweep.rho:g}")
    bottom.legend(frameon=False, loc="upper right")
    return fig
