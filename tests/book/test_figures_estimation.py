"""Tests of the estimation-page figures: structure, labels and rendered images."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.container import ErrorbarContainer
from scipy.stats import chi2

from mibook import experiments as ex
from mibook.datasets import relationships
from mibook.figures.estimation import (
    bias_figure,
    g_test_figure,
    gaussian_truth_figure,
    permutation_null_figure,
)

IMAGE = {"baseline_dir": "baseline", "tolerance": 2, "style": "default"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def bias_sweeps():
    by_n = ex.independent_bias([100, 300, 1000, 3000], 10, n_seeds=4)
    by_bins = ex.independent_bias(1000, [2, 5, 10, 15, 20], n_seeds=4)
    return by_n, by_bins


@pytest.fixture(scope="module")
def gaussian_sweep():
    return ex.gaussian_truth([0.0, 0.3, 0.6, 0.9], n=400, bins=(5, 10), n_seeds=3)


@pytest.fixture(scope="module")
def g_nulls():
    return ex.g_test_null((3, 8), n=400, n_permutations=300)


@pytest.fixture(scope="module")
def nulls():
    return ex.permutation_nulls(relationships(400), bins=8, n_permutations=200)


def _errorbars(ax):
    return [c for c in ax.containers if isinstance(c, ErrorbarContainer)]


def test_bias_figure_panels_series_and_labels(bias_sweeps):
    by_n, by_bins = bias_sweeps
    fig = bias_figure(by_n, by_bins)
    left, right = fig.axes
    assert left.get_xscale() == "log"
    assert right.get_xscale() == "linear"
    for ax, x in ((left, by_n.n), (right, by_bins.bins)):
        assert ax.get_ylabel() == "MI (nats)"
        plugin, mm = _errorbars(ax)
        # Points are the sweep means, nudged sideways only.
        assert plugin.lines[0].get_ydata() == pytest.approx(
            (by_n if ax is left else by_bins).plugin_mean
        )
        assert mm.lines[0].get_xdata() == pytest.approx(x, rel=0.05, abs=0.25)
    # The dashed curve is the first-order bias, exact at the sweep's points.
    curve = next(line for line in left.lines if line.get_linestyle() == "--")
    xs, ys = curve.get_data()
    assert np.interp(1000, xs, ys) == pytest.approx(81 / 2000, rel=1e-3)
    assert "10 \N{MULTIPLICATION SIGN} 10" in left.get_title()
    assert "1000" in right.get_title()
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["true MI = 0", "$(B-1)^2/(2n)$", "plug-in", "Miller-Madow"]
    assert tuple(fig.get_size_inches()) == (5.2, 7.4)


def test_bias_figure_rejects_mixed_sweeps(bias_sweeps):
    by_n, by_bins = bias_sweeps
    with pytest.raises(ValueError, match="one bin count"):
        bias_figure(by_bins, by_bins)
    with pytest.raises(ValueError, match="one sample size"):
        bias_figure(by_n, by_n)


def test_gaussian_truth_figure_shows_every_estimator(gaussian_sweep):
    fig = gaussian_truth_figure(gaussian_sweep)
    value, error = fig.axes
    assert value.get_xlabel() == error.get_xlabel() == "correlation \N{GREEK SMALL LETTER RHO}"
    assert "nats" in value.get_ylabel()
    assert "nats" in error.get_ylabel()
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == [
        r"truth $-\ln(1-\rho^2)/2$",
        "plug-in, 5 bins",
        "plug-in, 10 bins",
        "Miller-Madow, 20 bins",
        "KSG, $k$ = 3",
    ]
    # One band per plug-in curve on each panel; two error-bar series each.
    for ax in (value, error):
        assert sum(isinstance(c, PolyCollection) for c in ax.collections) == 2
        assert len(_errorbars(ax)) == 2
    ksg = _errorbars(error)[1].lines[0]
    assert ksg.get_ydata() == pytest.approx(gaussian_sweep.ksg_mean - gaussian_sweep.truth)
    truth = value.lines[0]
    assert np.interp(0.9, *truth.get_data()) == pytest.approx(0.8304, abs=1e-3)


def test_g_test_figure_overlays_chi2_density_with_the_right_dof(g_nulls):
    fig = g_test_figure(g_nulls)
    assert len(fig.axes) == 2
    for ax, res in zip(fig.axes, g_nulls, strict=True):
        assert f"dof = {res.dof}" in ax.get_title()
        assert "nats" in ax.get_xlabel()
        density = ax.lines[0]
        xs, ys = density.get_data()
        # The drawn curve is the chi2 density with that dof.
        assert ys == pytest.approx(chi2.pdf(xs, res.dof))
        heights = [p.get_height() for p in ax.patches]
        widths = [p.get_width() for p in ax.patches]
        assert np.dot(heights, widths) == pytest.approx(1.0)  # a density histogram
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["permutation null", r"$\chi^2$ density", "observed $G$"]


def test_permutation_null_figure_marks_the_observed_values(nulls):
    fig = permutation_null_figure(nulls)
    assert len(fig.axes) == 4
    for ax, res in zip(fig.axes, nulls, strict=True):
        assert ax.get_title().startswith(res.name)
        assert ax.get_xlabel() == ""  # one shared x label, in nats
        (observed,) = ax.lines
        assert observed.get_xdata()[0] == pytest.approx(res.statistic)
        assert sum(p.get_height() for p in ax.patches) == res.null.size
    assert "nats" in fig.get_supxlabel()


@pytest.mark.mpl_image_compare(**IMAGE)
def test_bias_figure_image(bias_sweeps):
    return bias_figure(*bias_sweeps)


@pytest.mark.mpl_image_compare(**IMAGE)
def test_gaussian_truth_figure_image(gaussian_sweep):
    return gaussian_truth_figure(gaussian_sweep)


@pytest.mark.mpl_image_compare(**IMAGE)
def test_g_test_figure_image(g_nulls):
    return g_test_figure(g_nulls)


@pytest.mark.mpl_image_compare(**IMAGE)
def test_permutation_null_figure_image(nulls):
    return permutation_null_figure(nulls)
