"""Tests for the clustering scores and their grouped bar chart."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_mutual_info_score, normalized_mutual_info_score

from mibook.datasets import clustering_labels
from mibook.figures.clustering import (
    SCORE_NAMES,
    ClusteringChart,
    clustering_comparison,
    clustering_scores,
)

METHODS = ["arithmetic", "geometric", "max", "min"]


def test_scores_match_scikit_learn():
    rng = np.random.default_rng(0)
    true = rng.integers(0, 4, 200)
    predicted = np.where(rng.random(200) < 0.3, rng.integers(0, 6, 200), true)
    scores = clustering_scores(true, predicted)
    assert tuple(scores) == SCORE_NAMES
    for method in METHODS:
        assert scores[f"NMI ({method})"] == pytest.approx(
            normalized_mutual_info_score(true, predicted, average_method=method), abs=1e-12
        )
    assert scores["AMI"] == pytest.approx(adjusted_mutual_info_score(true, predicted), abs=1e-10)
    # Unequal cluster counts make the normalisations differ: min <= geometric <= max.
    assert scores["NMI (max)"] < scores["NMI (geometric)"] < scores["NMI (min)"]


def test_scores_reject_mismatched_labelings():
    with pytest.raises(ValueError, match="same length"):
        clustering_scores([0, 1, 1], [0, 1])


def test_comparison_uses_one_truth_for_three_clusterings():
    scores = clustering_comparison(300, 10, reassign=0.2, seed=4)
    assert list(scores) == ["Perfect", "Near-perfect", "Random"]
    assert set(scores["Perfect"].values()) == {1.0}
    true, near = clustering_labels(300, 10, reassign=0.2, seed=4)
    _, random = clustering_labels(300, 10, reassign=1.0, seed=4)
    assert scores["Near-perfect"] == clustering_scores(true, near)
    assert scores["Random"] == clustering_scores(true, random)
    # The lesson: NMI rewards a random clustering into many clusters; AMI does not.
    assert scores["Random"]["NMI (arithmetic)"] > 0.05
    assert abs(scores["Random"]["AMI"]) < 0.03


def test_comparison_with_a_generator_still_shares_the_truth():
    scores = clustering_comparison(200, 4, reassign=0.0, seed=np.random.default_rng(3))
    assert scores["Near-perfect"] == scores["Perfect"]


def heights(chart):
    return {
        (group, name): rect.get_height()
        for name, bars in chart.bars.items()
        for group, rect in zip(chart.groups, bars, strict=True)
    }


def test_chart_draws_the_scores():
    scores = clustering_comparison(300, 3)
    chart = ClusteringChart(scores, title="Three clusterings")
    assert chart.fig._suptitle.get_text() == "Three clusterings"
    assert [t.get_text() for t in chart.ax.get_xticklabels()] == list(scores)
    assert [t.get_text() for t in chart.ax.get_legend().get_texts()] == list(SCORE_NAMES)
    for (group, name), height in heights(chart).items():
        assert height == scores[group][name]
        assert chart.labels[group, name].get_text() == f"{scores[group][name]:.2f}"
    assert chart.ax.get_ylim()[1] > 1.0


def test_chart_updates_bars_in_place():
    chart = ClusteringChart(clustering_comparison(300, 3))
    rects = [rect for bars in chart.bars.values() for rect in bars]
    new = clustering_comparison(300, 12, reassign=0.5, seed=2)
    renamed = {f"{group} (12)": values for group, values in new.items()}
    chart.update(renamed, title="Twelve clusters")
    assert [rect for bars in chart.bars.values() for rect in bars] == rects
    assert chart.scores == renamed
    assert [t.get_text() for t in chart.ax.get_xticklabels()] == list(renamed)
    for (group, name), height in heights(chart).items():
        assert height == renamed[group][name]
        assert chart.labels[group, name].get_text() == f"{renamed[group][name]:.2f}"
    assert chart.fig._suptitle.get_text() == "Twelve clusters"


def test_chart_makes_room_for_negative_scores():
    scores = {"A": {"AMI": -0.2}, "B": {"AMI": 0.5}}
    chart = ClusteringChart(scores)
    assert chart.ax.get_ylim()[0] < -0.2
    assert chart.labels["A", "AMI"].get_text() == "-0.20"


@pytest.mark.parametrize(
    ("scores", "match"),
    [
        ({}, "at least one clustering"),
        ({"A": {"AMI": 1.0}, "B": {"NMI": 1.0}}, "same, non-empty score names"),
        ({"A": {}}, "same, non-empty score names"),
    ],
)
def test_chart_rejects_malformed_scores(scores, match):
    with pytest.raises(ValueError, match=match):
        ClusteringChart(scores)


def test_update_rejects_another_shape():
    chart = ClusteringChart(clustering_comparison(100, 3))
    with pytest.raises(ValueError, match="must have 3 clusterings"):
        chart.update({"Perfect": clustering_comparison(100, 3)["Perfect"]})


@pytest.mark.mpl_image_compare(
    baseline_dir="baseline", tolerance=3, style="default", savefig_kwargs={"dpi": 50}
)
def test_clustering_chart_image():
    scores = clustering_comparison(300, 10, reassign=0.2)
    return ClusteringChart(scores, title="300 points, 10 clusters").fig
