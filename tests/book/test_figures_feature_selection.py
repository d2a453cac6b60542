"""Tests of the feature-relevance figure of the feature-selection page."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mibook.experiments_continuous import FeatureRanking
from mibook.figures._style import check_legible
from mibook.figures.feature_selection import ranking_figure, relevance_figure

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


# --- the ranking with error bars -----------------------------------------------------------


def _errors():
    from mibook.feature_ranking import relevance_errors

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    signal = y + 0.5 * rng.standard_normal(300)
    X = np.column_stack(
        [
            signal,
            signal + 0.05 * rng.standard_normal(300),
            y + 0.9 * rng.standard_normal(300),
            rng.standard_normal(300),
        ]
    )
    return relevance_errors(X, y, names=["a", "a copy", "b", "noise"], n_repeats=3, seed=1)


ERRORS = _errors()


def test_ranking_points_and_bars_are_the_errors():
    ax = ranking_figure(ERRORS).axes[0]
    order = ERRORS.order
    assert [t.get_text() for t in ax.get_yticklabels()] == [ERRORS.names[j] for j in order]
    assert ax.get_xlabel() == "MI with the label (nats)"
    line = ax.lines[0]  # the errorbar's markers
    np.testing.assert_allclose(line.get_xdata(), ERRORS.estimate[order])
    np.testing.assert_allclose(line.get_ydata(), np.arange(4))
    # each bar spans estimate -/+ one standard error
    (bars,) = [c for c in ax.collections if len(c.get_segments()) == 4]
    spans = np.array([[seg[0, 0], seg[1, 0]] for seg in bars.get_segments()])
    np.testing.assert_allclose(spans[:, 0], (ERRORS.estimate - ERRORS.std_error)[order])
    np.testing.assert_allclose(spans[:, 1], (ERRORS.estimate + ERRORS.std_error)[order])
    # a dashed line between the places of each distinguishable gap, none elsewhere
    dashed = [ln.get_ydata()[0] for ln in ax.lines if ln.get_linestyle() == "--"]
    assert dashed == [i + 0.5 for i in np.flatnonzero(ERRORS.distinguishable)] == [1.5, 2.5]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "gap > 2 standard errors",
        "estimate \u00b1 1 standard error",
    ]


def test_ranking_figure_is_legible():
    assert check_legible(ranking_figure(ERRORS)) == []


@pytest.mark.mpl_image_compare(**IMAGE)
def test_ranking_figure_image():
    return ranking_figure(ERRORS)
