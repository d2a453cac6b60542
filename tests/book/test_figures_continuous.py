"""Tests of the continuous-case figure: structure, labels, legibility and the rendered image."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mibook.experiments_continuous import bin_width_sweep
from mibook.figures._style import check_legible
from mibook.figures.continuous import bin_width_figure

IMAGE = {"baseline_dir": "baseline", "tolerance": 2, "style": "default"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def sweep():
    return bin_width_sweep(10.0 ** np.arange(-3, 0.5, 0.5), n=20_000, seed=0)


def test_bin_width_figure_draws_the_sweep(sweep):
    fig = bin_width_figure(sweep)
    top, bottom = fig.axes
    assert [ax.get_ylabel() for ax in fig.axes] == ["entropy (nats)", "MI (nats)"]
    assert bottom.get_xlabel() == "bin width \N{GREEK CAPITAL LETTER DELTA}"
    assert top.get_xscale() == bottom.get_xscale() == "log"
    assert bottom.get_yscale() == "log"
    points = {line.get_label(): line for ax in fig.axes for line in ax.get_lines()}
    np.testing.assert_array_equal(points[r"plug-in $H(X^\Delta)$"].get_ydata(), sweep.entropy)
    np.testing.assert_array_equal(
        points[r"plug-in $I(X^\Delta;Y^\Delta)$"].get_ydata(), sweep.mutual_information
    )
    np.testing.assert_allclose(points[r"$\ln n$"].get_ydata(), np.log(sweep.n))
    np.testing.assert_allclose(points[r"true $I(X;Y)$"].get_ydata(), sweep.mi_true)
    limit = points[r"$h(X) - \ln\Delta$"]
    np.testing.assert_allclose(
        limit.get_ydata(), sweep.h_true - np.log(limit.get_xdata()), rtol=1e-12
    )


def test_bin_width_figure_is_legible(sweep):
    assert check_legible(bin_width_figure(sweep)) == []


@pytest.mark.mpl_image_compare(**IMAGE)
def test_bin_width_figure_image(sweep):
    return bin_width_figure(sweep)
