"""Tests for the live explorers: callbacks called directly, as the sliders would."""

import io

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

from mibook.datasets import relationships
from mibook.figures.clustering import clustering_comparison
from mibook.figures.relationships import relationship_values
from mibook.widgets import (
    EXPLORER_MI_AXIS,
    ClusteringExplorer,
    RelationshipExplorer,
    clustering_explorer,
    relationship_explorer,
)


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("RGB")).astype(int)


@pytest.fixture
def explorer():
    return relationship_explorer()


def test_relationship_explorer_controls_and_first_image(explorer):
    assert isinstance(explorer, RelationshipExplorer)
    assert isinstance(explorer.widget, widgets.VBox)
    assert (explorer.bins.min, explorer.bins.max, explorer.bins.value) == (2, 60, 20)
    assert (explorer.noise.min, explorer.noise.max, explorer.noise.value) == (0.0, 3.0, 1.0)
    assert explorer.estimator.options == (
        ("Plug-in", "plug-in"),
        ("Miller-Madow", "miller-madow"),
        ("KSG", "ksg"),
    )
    assert explorer.estimator.value == "plug-in"
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert explorer.grid.values == relationship_values(relationships(1000))
    bundle = explorer._repr_mimebundle_()
    assert (
        bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id
    )


def test_sliders_update_the_grid_in_place(explorer):
    grid, fig, titles = explorer.grid, explorer.grid.fig, dict(explorer.grid.titles)
    first = bytes(explorer.image.value)
    explorer.bins.value = 7
    expected = relationship_values(relationships(1000), bins=7)
    assert grid.values == expected
    assert explorer.grid is grid
    assert grid.fig is fig
    assert grid.titles == titles
    assert f"MI = {expected['Linear']['mi']:.2f} nats" in titles["Linear"].get_text()
    assert bytes(explorer.image.value) != first

    explorer.noise.value = 2.5
    assert grid.noise == 2.5
    np.testing.assert_array_equal(
        grid.scatters["Linear"].get_offsets(),
        np.column_stack(relationships(1000, noise=2.5)["Linear"]),
    )

    explorer.estimator.value = "ksg"
    assert explorer.bins.disabled
    assert grid.values == relationship_values(relationships(1000, noise=2.5), estimator="ksg")
    explorer.estimator.value = "miller-madow"
    assert not explorer.bins.disabled
    assert grid.values == relationship_values(
        relationships(1000, noise=2.5), bins=7, estimator="miller-madow"
    )


def test_on_change_can_be_called_directly(explorer):
    explorer.bins.unobserve(explorer.on_change, names="value")
    explorer.bins.value = 33
    assert explorer.grid.bins == 20
    values = explorer.on_change()
    assert explorer.grid.bins == 33
    assert values == relationship_values(relationships(1000), bins=33)


def test_fast_redraw_matches_a_full_draw(explorer):
    explorer.bins.value = 4
    explorer.noise.value = 0.4
    fast = pixels(explorer.image.value)
    explorer.grid.fig.canvas.draw()
    full = np.asarray(explorer.grid.fig.canvas.buffer_rgba())[..., :3].astype(int)
    assert fast.shape == full.shape
    # Only the scatter's overlap with the axis spines is painted in another
    # order; a stale title or point would differ over far more pixels.
    differing = np.any(np.abs(fast - full) > 8, axis=2).mean()
    assert differing < 0.002


def test_limits_stay_fixed_while_dragging(explorer):
    limits = [ax.get_ylim() for ax in explorer.grid.axes.values()]
    for noise in (0.0, 3.0):
        explorer.noise.value = noise
        assert [ax.get_ylim() for ax in explorer.grid.axes.values()] == limits
    for bins in (2, 60):
        explorer.bins.value = bins
        assert explorer.grid.strip_axes["Linear"].get_xlim()[1] == EXPLORER_MI_AXIS
    assert np.log(60) <= EXPLORER_MI_AXIS


def test_clustering_explorer_values_equal_the_scores():
    explorer = clustering_explorer(seed=3)
    assert isinstance(explorer, ClusteringExplorer)
    assert (explorer.reassign.min, explorer.reassign.max, explorer.reassign.value) == (
        0.0,
        1.0,
        0.05,
    )
    assert (explorer.n_clusters.min, explorer.n_clusters.max, explorer.n_clusters.value) == (
        2,
        20,
        3,
    )
    assert explorer.scores == clustering_comparison(300, 3, reassign=0.05, seed=3)
    first = bytes(explorer.image.value)

    explorer.n_clusters.value = 12
    explorer.reassign.value = 0.4
    expected = clustering_comparison(300, 12, reassign=0.4, seed=3)
    assert explorer.scores == expected
    assert explorer.chart.scores == expected
    for name, bars in explorer.chart.bars.items():
        assert [rect.get_height() for rect in bars] == [expected[g][name] for g in expected]
    assert f"<td>{expected['Random']['NMI (arithmetic)']:.3f}</td>" in explorer.table.value
    assert f"<td>{expected['Random']['AMI']:.3f}</td>" in explorer.table.value
    assert "12 clusters" in explorer.chart.fig._suptitle.get_text()
    assert "40% of labels" in explorer.chart.fig._suptitle.get_text()
    image = bytes(explorer.image.value)
    assert image.startswith(b"\x89PNG")
    assert image != first
    assert explorer.on_change() == expected


# The live explorers read the kernel-free explorers' grid for the settings on it.


@pytest.fixture(scope="module")
def small_grid():
    from mibook.explorers import relationship_grid

    return relationship_grid(300, seed=0, bins=(10, 20), noise=(0.5, 1.0), n_permutations=20)


def test_relationship_explorer_reads_the_grid_on_it_and_computes_off_it(small_grid):
    explorer = relationship_explorer(300, seed=0, grid=small_grid)
    values = explorer.on_change()
    assert values == small_grid.values(bins=20, noise=1.0)
    band = small_grid.band(bins=20)
    assert explorer.grid.bands["Linear"].get_visible()
    assert explorer.grid.bands["Linear"].get_x() == band[0]
    explorer.noise.value = 0.75  # between the grid's noise levels: computed live
    expected = relationship_values(relationships(300, noise=0.75, seed=0), bins=20)
    assert explorer.grid.values == expected
    # Quantile bins keep the margins, so the band of 20 bins still describes the statistic.
    assert explorer.grid.bands["Linear"].get_visible()
    explorer.bins.value = 15  # off the grid's bins: computed live, and no band for 15 bins
    assert explorer.grid.values == relationship_values(
        relationships(300, noise=0.75, seed=0), bins=15
    )
    assert not explorer.grid.bands["Linear"].get_visible()
    explorer.estimator.value = "ksg"
    explorer.noise.value = 0.5
    assert explorer.grid.values == small_grid.values(noise=0.5, estimator="ksg")
    assert not explorer.grid.bands["Linear"].get_visible()  # KSG has no band


def test_relationship_explorer_refuses_a_grid_of_other_data(small_grid):
    with pytest.raises(ValueError, match="grid must be computed for n=1000, seed=0"):
        relationship_explorer(1000, seed=0, grid=small_grid)


def test_clustering_explorer_reads_the_grid():
    from mibook.explorers import clustering_grid

    grid = clustering_grid(300, seed=0, reassign=(0.0, 0.05), n_clusters=(3, 4))
    explorer = clustering_explorer(seed=0, grid=grid)
    assert explorer.scores == grid.comparison(reassign=0.05, n_clusters=3)
    explorer.reassign.value = 0.5  # off the grid: computed live
    assert explorer.scores == clustering_comparison(300, 3, reassign=0.5, seed=0)
    with pytest.raises(ValueError, match="grid must be computed for n=200"):
        clustering_explorer(n=200, seed=0, grid=grid)
