"""Tests of the clustering-by-chance figure."""

import matplotlib.pyplot as plt
import pytest
from matplotlib.container import ErrorbarContainer

from mibook.experiments import chance_scores
from mibook.figures.chance import chance_figure


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def sweep():
    return chance_scores([2, 5, 10, 25, 50], n=300, n_seeds=3)


def test_chance_figure_plots_nmi_and_ami(sweep):
    fig = chance_figure(sweep)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "number of clusters"
    assert ax.get_ylabel() == "score"
    assert "300" in ax.get_title()
    nmi, ami = (c for c in ax.containers if isinstance(c, ErrorbarContainer))
    assert nmi.lines[0].get_xdata().tolist() == [2, 5, 10, 25, 50]
    assert nmi.lines[0].get_ydata() == pytest.approx(sweep.nmi_mean)
    assert ami.lines[0].get_ydata() == pytest.approx(sweep.ami_mean)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["NMI", "AMI"]
    # The zero line that AMI should follow.
    assert list(ax.lines[0].get_ydata()) == [0, 0]


@pytest.mark.mpl_image_compare(baseline_dir="baseline", tolerance=2, style="default")
def test_chance_figure_image(sweep):
    return chance_figure(sweep)
