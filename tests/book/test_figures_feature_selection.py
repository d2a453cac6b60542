"""Tests of the feature-relevance figure of the feature-selection page."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mibook.experiments_continuous import FeatureRanking
from mibook.figures._style import check_legible
from mibook.figures.feature_selection import relevance_figure

IMAGE = {"baseline_dir": "baseline", "tolerance": 2, "style": "default"}
RANKING = FeatureRanking(
    names=("radius", "perimeter", "texture", "symmetry", "noise"),
    mi=np.array([0.45, 0.47, 0.10, 0.07, -0.01]),
    abs_r=np.array([0.73, 0.74, 0.42, 0.33, 0.01]),
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _figure():
    return relevance_figure(
        RANKING,
        group=[0, 1],
        group_label="size",
        selected=[1, 2],
        selected_label="mRMR picks",
        annotate=[2],
    )


def test_points_are_the_ranking():
    ax = _figure().axes[0]
    assert ax.get_xlabel() == "|r| with the label"
    assert ax.get_ylabel() == "MI with the label (nats)"
    others, group, selected = ax.collections
    np.testing.assert_allclose(others.get_offsets(), np.c_[RANKING.abs_r, RANKING.mi][2:])
    np.testing.assert_allclose(group.get_offsets(), np.c_[RANKING.abs_r, RANKING.mi][:2])
    np.testing.assert_allclose(selected.get_offsets(), np.c_[RANKING.abs_r, RANKING.mi][[1, 2]])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "other features",
        "size",
        "mRMR picks",
    ]
    assert [t.get_text() for t in ax.texts] == ["texture"]
    # The negative raw estimate of the noise feature stays on the plot.
    assert ax.get_ylim()[0] < -0.01


def test_relevance_figure_is_legible():
    assert check_legible(_figure()) == []


def test_bad_index():
    with pytest.raises(ValueError, match=r"selected holds indices outside 0..4: \[5\]"):
        relevance_figure(RANKING, selected=[5])


@pytest.mark.mpl_image_compare(**IMAGE)
def test_relevance_figure_image():
    return _figure()
