"""Figure of the clustering page: agreement of random labelings by chance."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..experiments import ChanceSweep
from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["chance_figure"]


def chance_figure(result: ChanceSweep) -> Figure:
    r"""NMI and AMI of two independent random labelings against the number of clusters.

    Two unrelated labelings share no information, yet their NMI grows with
    the number of clusters because the plug-in MI it normalises is biased
    upwards; AMI subtracts the MI expected by chance and stays near 0.
    Points are the mean over seeds, error bars one standard deviation.

    Parameters
    ----------
    result : ChanceSweep
        :func:`~mibook.experiments.chance_scores`.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with two error-bar series (NMI, AMI), a zero line, x label
        ``"number of clusters"`` and y label ``"score"``.

    Examples
    --------
    >>> from mibook.experiments import chance_scores
    >>> fig = chance_figure(chance_scores([2, 10], n=100, n_seeds=2))
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('number of clusters', 'score')
    """
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, 3.8), layout="constrained")
    ax = fig.subplots()
    ax.axhline(0, color=PALETTE["grey"], lw=1)
    style = {"capsize": 2.5, "elinewidth": 1, "markersize": 5, "lw": 1.5}
    ax.errorbar(
        result.n_clusters,
        result.nmi_mean,
        result.nmi_std,
        fmt="o-",
        color=PALETTE["blue"],
        label="NMI",
        **style,
    )
    ax.errorbar(
        result.n_clusters,
        result.ami_mean,
        result.ami_std,
        fmt="s-",
        color=PALETTE["orange"],
        label="AMI",
        **style,
    )
    ax.set_xlabel("number of clusters")
    ax.set_ylabel("score")
    ax.set_title(
        f"Two independent random labelings of $n$ = {result.n} items\n"
        f"({result.method} normalisation)"
    )
    ax.legend(loc="upper left", frameon=False)
    return fig
