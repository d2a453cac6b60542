"""Figures of the estimation page: plug-in bias, Gaussian ground truth, permutation nulls.

Each builder takes the result of the matching sweep in
:mod:`mibook.experiments` and returns a :class:`~matplotlib.figure.Figure`.
Error bars are one standard deviation of a single estimate over the seeds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from scipy.stats import chi2

from infotheory.estimators import plugin_bias
from infotheory.gaussian import gaussian_mutual_information

from ..experiments import BiasSweep, GaussianSweep, GTestNull, PermutationNull
from ._style import FIG_WIDTH_IN, PALETTE, apply_style

__all__ = ["bias_figure", "g_test_figure", "gaussian_truth_figure", "permutation_null_figure"]

MI_LABEL = "MI (nats)"
# Plug-in curves from coarse to fine binning: light to dark, then purple.
_BIN_COLOURS = (PALETTE["sky"], PALETTE["blue"], PALETTE["purple"], PALETTE["black"])
_ERRORBAR = {"capsize": 2.5, "elinewidth": 1, "markersize": 5}


def _single(values: np.ndarray, name: str) -> int:
    unique = np.unique(values)
    if unique.size != 1:
        raise ValueError(f"the sweep must hold one {name}, got {unique.tolist()}")
    return int(unique[0])


def _bias_panel(ax: Axes, sweep: BiasSweep, *, over: str) -> None:
    x = sweep.n if over == "n" else sweep.bins
    # Nudge the two estimators apart so their error bars don't overprint.
    nudge = (x * 0.97, x * 1.03) if over == "n" else (x - 0.2, x + 0.2)
    ax.axhline(0, color=PALETTE["grey"], lw=1, label="true MI = 0")
    if over == "n":
        bins = _single(sweep.bins, "bin count")
        grid = np.unique(np.geomspace(x.min(), x.max(), 200).astype(int))
        curve = [plugin_bias(bins, bins, int(n)) for n in grid]
    else:
        n = _single(sweep.n, "sample size")
        grid = np.arange(x.min(), x.max() + 1)
        curve = [plugin_bias(int(b), int(b), n) for b in grid]
    ax.plot(grid, curve, color=PALETTE["black"], ls="--", lw=1.2, label="$(B-1)^2/(2n)$")
    ax.errorbar(
        nudge[0],
        sweep.plugin_mean,
        sweep.plugin_std,
        fmt="o",
        color=PALETTE["blue"],
        label="plug-in",
        **_ERRORBAR,
    )
    ax.errorbar(
        nudge[1],
        sweep.miller_madow_mean,
        sweep.miller_madow_std,
        fmt="s",
        color=PALETTE["vermillion"],
        label="Miller-Madow",
        **_ERRORBAR,
    )
    ax.set_ylabel(MI_LABEL)
    if over == "n":
        ax.set_xscale("log")
        ax.set_xlabel("sample size $n$")
        ax.set_title(f"Independent data, {bins} \N{MULTIPLICATION SIGN} {bins} quantile bins")
    else:
        ax.set_xlabel("bins per variable $B$")
        ax.set_title(f"Independent data, $n$ = {n}")


def bias_figure(result_n: BiasSweep, result_bins: BiasSweep) -> Figure:
    r"""Plug-in MI of independent data against sample size and against bin count.

    Top: estimates against :math:`n` (log axis) at a fixed bin count;
    bottom: against the number of bins :math:`B` at a fixed :math:`n`.  Both
    panels show the plug-in and Miller-Madow estimates (mean ± one standard
    deviation over seeds), the true value 0, and the first-order bias
    :math:`(B - 1)^2 / (2n)` as a dashed curve.

    Parameters
    ----------
    result_n : BiasSweep
        :func:`~mibook.experiments.independent_bias` over sizes, one
        bin count.
    result_bins : BiasSweep
        The same over bin counts, one sample size.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes with the y label ``"MI (nats)"`` and one shared legend
        above them.

    Raises
    ------
    ValueError
        If ``result_n`` mixes bin counts or ``result_bins`` mixes sizes.

    Examples
    --------
    >>> from mibook.experiments import independent_bias
    >>> fig = bias_figure(independent_bias([100, 1000], 5, n_seeds=2),
    ...                   independent_bias(1000, [2, 5], n_seeds=2))
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['MI (nats)', 'MI (nats)']
    """
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, 7.4), layout="constrained")
    left, right = fig.subplots(2, 1)
    _bias_panel(left, result_n, over="n")
    _bias_panel(right, result_bins, over="bins")
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncol=2, frameon=False)
    return fig


def gaussian_truth_figure(result: GaussianSweep) -> Figure:
    r"""Estimates of the MI of a bivariate Gaussian against the truth, over the correlation.

    Top: the true :math:`-\tfrac12 \ln(1 - \rho^2)` (black), the plug-in
    estimate for each bin count (lines with a ± one standard deviation
    band), Miller-Madow and KSG (points with error bars).  Bottom: the error
    (estimate minus truth) of the same estimators, where the differences at
    small :math:`\rho` are visible.

    Parameters
    ----------
    result : GaussianSweep
        :func:`~mibook.experiments.gaussian_truth`.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes, x label ``"correlation ρ"``, y labels in nats, and one
        shared legend above them.

    Examples
    --------
    >>> from mibook.experiments import gaussian_truth
    >>> fig = gaussian_truth_figure(gaussian_truth([0.0, 0.9], n=200, bins=(5,), n_seeds=2))
    >>> len(fig.axes), fig.axes[1].get_ylabel()
    (2, 'estimate − truth (nats)')
    """
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, 8.2), layout="constrained")
    ax, err = fig.subplots(2, 1, sharex=True)
    rho = result.rho
    grid = np.linspace(rho.min(), rho.max(), 300)
    ax.plot(
        grid,
        gaussian_mutual_information(grid),
        color=PALETTE["black"],
        lw=2,
        label=r"truth $-\ln(1-\rho^2)/2$",
    )
    err.axhline(0, color=PALETTE["black"], lw=2)
    for j, b in enumerate(result.bins):
        colour = _BIN_COLOURS[j % len(_BIN_COLOURS)]
        mean, std = result.plugin_mean[j], result.plugin_std[j]
        for axis, centre in ((ax, mean), (err, mean - result.truth)):
            axis.plot(rho, centre, color=colour, lw=1.5, marker=".", label=f"plug-in, {b} bins")
            axis.fill_between(rho, centre - std, centre + std, color=colour, alpha=0.2, lw=0)
    estimators = (
        (
            result.miller_madow_mean,
            result.miller_madow_std,
            "s",
            PALETTE["vermillion"],
            f"Miller-Madow, {result.miller_madow_bins} bins",
        ),
        (result.ksg_mean, result.ksg_std, "D", PALETTE["green"], f"KSG, $k$ = {result.k}"),
    )
    # Nudge the two point series apart so their error bars don't overprint.
    shift = 0.006 * max(np.ptp(rho), 0.1)
    for (mean, std, marker, colour, label), at in zip(
        estimators, (rho - shift, rho + shift), strict=True
    ):
        for axis, centre in ((ax, mean), (err, mean - result.truth)):
            axis.errorbar(at, centre, std, fmt=marker, color=colour, label=label, **_ERRORBAR)
    ax.set_ylabel(MI_LABEL)
    ax.set_title(f"Bivariate Gaussian, $n$ = {result.n}")
    err.set_ylabel("estimate \N{MINUS SIGN} truth (nats)")
    err.set_title("Error of each estimator")
    for axis in (ax, err):
        axis.set_xlabel("correlation \N{GREEK SMALL LETTER RHO}")
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncol=2, frameon=False)
    return fig


def g_test_figure(results: Sequence[GTestNull]) -> Figure:
    r"""Permutation null of :math:`G = 2n\hat I` against the :math:`\chi^2` density.

    One panel per bin count: a density histogram of :math:`G` over the
    permutations, the :math:`\chi^2` density with
    :math:`(B_x - 1)(B_y - 1)` degrees of freedom, and the observed
    :math:`G` with both p-values.

    Parameters
    ----------
    results : sequence of GTestNull
        :func:`~mibook.experiments.g_test_null`.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per result, with the x label :math:`G = 2n\hat I` (MI in
        nats) and one shared legend above them.

    Examples
    --------
    >>> from mibook.experiments import g_test_null
    >>> fig = g_test_figure(g_test_null((3, 5), n=200, n_permutations=50))
    >>> [ax.get_title().split(",")[0] for ax in fig.axes]
    ['3 × 3 bins (22.2 per cell)', '5 × 5 bins (8.0 per cell)']
    """
    apply_style()
    # One panel per row, so that the figure fits a phone's column (see _style.py).
    fig = Figure(figsize=(FIG_WIDTH_IN, 2.9 * len(results) + 0.6), layout="constrained")
    axes = fig.subplots(len(results), 1, squeeze=False)
    for ax, res in zip(axes[:, 0], results, strict=True):
        ax.hist(
            res.null,
            bins=30,
            density=True,
            color=PALETTE["blue"],
            alpha=0.45,
            label="permutation null",
        )
        lo = min(res.null.min(), chi2.ppf(0.001, res.dof), res.statistic)
        hi = max(res.null.max(), chi2.ppf(0.999, res.dof), res.statistic)
        grid = np.linspace(lo, hi, 300)
        ax.plot(
            grid,
            chi2.pdf(grid, res.dof),
            color=PALETTE["vermillion"],
            lw=2,
            label="$\\chi^2$ density",
        )
        ax.axvline(res.statistic, color=PALETTE["black"], ls="--", lw=1.2, label="observed $G$")
        cells = res.n / (res.bins_x * res.bins_y)
        ax.set_title(
            f"{res.bins_x} \N{MULTIPLICATION SIGN} {res.bins_y} bins ({cells:.1f} per cell), "
            f"dof = {res.dof}\n"
            f"p = {res.permutation_pvalue:.2f} (permutation), {res.chi2_pvalue:.2f} ($\\chi^2$)"
        )
        ax.set_xlabel("$G = 2n\\hat I$ ($\\hat I$ in nats)")
    for ax in axes[:, 0]:
        ax.set_ylabel("density")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncol=3, frameon=False)
    return fig


def permutation_null_figure(results: Sequence[PermutationNull]) -> Figure:
    r"""Permutation null of the binned plug-in MI for each pair, with the observed value.

    Parameters
    ----------
    results : sequence of PermutationNull
        :func:`~mibook.experiments.permutation_nulls`.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per pair on a shared MI axis (nats): a histogram of the
        null and a vertical line at the observed :math:`\hat I`.

    Examples
    --------
    >>> from mibook.datasets import relationships
    >>> from mibook.experiments import permutation_nulls
    >>> fig = permutation_null_figure(permutation_nulls(relationships(200), bins=5,
    ...                                                 n_permutations=50))
    >>> [ax.get_title().splitlines()[0] for ax in fig.axes]
    ['Linear', 'Quadratic', 'Sinusoidal', 'Independent']
    """
    apply_style()
    # Two panels per row, so that the figure fits a phone's column (see _style.py).
    rows = -(-len(results) // 2)
    columns = min(len(results), 2)
    fig = Figure(figsize=(FIG_WIDTH_IN, 2.9 * rows + 0.9), layout="constrained")
    axes = fig.subplots(rows, columns, sharex=True, squeeze=False)
    for ax in axes.flat[len(results) :]:
        ax.set_visible(False)
    top = max(max(r.statistic, r.null.max()) for r in results)
    for ax, res in zip(axes.flat, results, strict=False):
        ax.hist(res.null, bins=25, color=PALETTE["blue"], alpha=0.6, label="null")
        ax.axvline(res.statistic, color=PALETTE["vermillion"], lw=2, label="observed")
        ax.set_title(f"{res.name}\n$\\hat I$ = {res.statistic:.3f} nats\np = {res.pvalue:.2g}")
        ax.set_xlim(0, 1.08 * top)
        ax.xaxis.set_major_locator(MaxNLocator(4))
    fig.supxlabel(f"plug-in MI, {results[0].bins} bins (nats)")
    fig.supylabel("permutations")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncol=2, frameon=False)
    return fig
