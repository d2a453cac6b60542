"""Every figure builder follows the book's legibility rule (mibook.figures._style).

At most 5.2 in wide and no text under 11 pt: shown as SVG at natural size, such a figure's text is
>= 14.7 CSS px on a desktop and >= 9.6 px in a phone's 327 px column. The browser test
tests/site/test_figure_text.py measures the same on the built pages; this catches a builder that
breaks the rule before a build. The sizes compared are exact (matplotlib stores them as set).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mibook import experiments as ex
from mibook.datasets import relationships
from mibook.figures._style import MAX_WIDTH_IN, MIN_FONT_PT, STYLE, check_legible
from mibook.figures.chance import chance_figure
from mibook.figures.clustering import ClusteringChart, clustering_comparison
from mibook.figures.diagram import information_diagram
from mibook.figures.estimation import (
    bias_figure,
    g_test_figure,
    gaussian_truth_figure,
    permutation_null_figure,
)
from mibook.figures.relationships import RelationshipGrid, null_bands


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _relationship_grid() -> Figure:
    data = relationships(300, seed=0)
    return RelationshipGrid(
        n=300, bins=10, null_bands=null_bands(data, bins=10, n_permutations=20)
    ).fig


def _relationship_grid_ksg() -> Figure:
    grid = RelationshipGrid(n=200, bins=10)
    grid.update(estimator="ksg", noise=2.0)
    return grid.fig


BUILDERS = {
    "relationship grid": _relationship_grid,
    "relationship grid, KSG": _relationship_grid_ksg,
    "clustering chart": lambda: ClusteringChart(clustering_comparison(300, 10, reassign=0.2)).fig,
    "chance": lambda: chance_figure(ex.chance_scores([2, 10, 50], n=100, n_seeds=2)),
    "diagram": lambda: information_diagram([[0.4, 0.1], [0.1, 0.4]], names=("rain", "umbrella")),
    "diagram, nested": lambda: information_diagram([[0.5, 0.0], [0.25, 0.25]]),
    "bias": lambda: bias_figure(
        ex.independent_bias([100, 1000], 5, n_seeds=2), ex.independent_bias(500, [2, 5], n_seeds=2)
    ),
    "gaussian truth": lambda: gaussian_truth_figure(
        ex.gaussian_truth([0.0, 0.9], n=200, bins=(5,), n_seeds=2)
    ),
    "g test": lambda: g_test_figure(ex.g_test_null((3, 5, 8), n=200, n_permutations=30)),
    "permutation nulls": lambda: permutation_null_figure(
        ex.permutation_nulls(relationships(200), bins=5, n_permutations=30)
    ),
}


@pytest.mark.parametrize("name", list(BUILDERS))
def test_figure_is_legible_on_a_phone(name):
    fig = BUILDERS[name]()
    assert check_legible(fig) == []
    # The notebook saves figures with bbox_inches="tight", which grows the image to hold any
    # text drawn outside the figure: the drawn extent must fit the rule's width too (0.01 in of
    # slack for anti-aliasing).
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = fig.get_tightbbox(canvas.get_renderer())
    assert drawn.width <= MAX_WIDTH_IN + 0.01, f"drawn {drawn.width:.2f} in wide"


def test_check_legible_names_each_problem():
    fig = Figure(figsize=(MAX_WIDTH_IN + 1, 3))
    fig.text(0.5, 0.5, "tick", fontsize=MIN_FONT_PT - 2)
    fig.text(0.5, 0.2, "fine", fontsize=MIN_FONT_PT)
    assert check_legible(fig) == [
        f"figure is {MAX_WIDTH_IN + 1:.2f} in wide (> {MAX_WIDTH_IN} in)",
        f"text 'tick' is {MIN_FONT_PT - 2:.1f} pt (< {MIN_FONT_PT} pt)",
    ]


def test_style_keeps_svg_text_as_text():
    # The browser test reads the font sizes from the SVG's <text> elements.
    assert STYLE["svg.fonttype"] == "none"
    assert STYLE["svg.hashsalt"]
    sizes = [value for key, value in STYLE.items() if key.endswith(("font.size", "labelsize"))]
    assert len(sizes) >= 4
    assert min(sizes) >= MIN_FONT_PT
