"""Tests of the probability-square figure."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Rectangle

from mibook.figures._style import check_legible
from mibook.figures.probability_square import probability_square

IMAGE = {"baseline_dir": "baseline", "tolerance": 2, "style": "default"}
UMBRELLA = np.array([[0.30, 0.05], [0.10, 0.55]])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _boxes(ax):
    return sorted(
        (p.get_x(), p.get_y(), p.get_width(), p.get_height())
        for p in ax.patches
        if isinstance(p, Rectangle)
    )


def test_box_areas_are_the_joint_probabilities():
    fig = probability_square(UMBRELLA)
    table, independent = fig.axes
    boxes = _boxes(table)
    assert len(boxes) == 4
    areas = sorted(w * h for _, _, w, h in boxes)
    np.testing.assert_allclose(areas, np.sort(UMBRELLA.ravel()), rtol=1e-12)
    # Widths are p(x); the columns tile the unit square.
    np.testing.assert_allclose(sorted({round(w, 12) for _, _, w, _ in boxes}), [0.35, 0.65])
    np.testing.assert_allclose(sum(w * h for _, _, w, h in boxes), 1.0, rtol=1e-12)
    # Independence: the same cut height in every column (straight lines).
    cuts = {round(y + h, 12) for _, y, _, h in _boxes(independent) if y == 0}
    assert cuts == {0.4}
    product = sorted(w * h for _, _, w, h in _boxes(independent))
    np.testing.assert_allclose(product, np.sort(np.outer([0.35, 0.65], [0.4, 0.6]).ravel()))


def test_labels_and_counts_normalised():
    fig = probability_square(
        100 * UMBRELLA, x_names=("rain", "dry"), y_names=("umbrella", "no umbrella")
    )
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "rain\n0.35" in texts
    assert "dry\n0.65" in texts
    assert "0.86" in texts
    assert "0.85" in texts
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["umbrella", "no umbrella"]


def test_probability_square_is_legible():
    assert check_legible(probability_square(UMBRELLA)) == []


@pytest.mark.parametrize(
    ("joint", "kwargs", "match"),
    [
        ([0.5, 0.5], {}, "joint must be a 2-D array"),
        ([[0.5, 0.5], [0.0, 0.0]], {}, "joint must not have a row of zeros"),
        ([[-0.5, 0.5], [0.5, 0.5]], {}, "joint must be non-negative"),
        (UMBRELLA, {"x_names": ("a",)}, "x_names must have 2 entries"),
        (UMBRELLA, {"y_names": ("a", "b", "c")}, "y_names must have 2 entries"),
        (UMBRELLA, {"titles": ("one",)}, "titles must have 2 entries"),
    ],
)
def test_bad_input(joint, kwargs, match):
    with pytest.raises(ValueError, match=match):
        probability_square(joint, **kwargs)


@pytest.mark.mpl_image_compare(**IMAGE)
def test_probability_square_image():
    return probability_square(
        UMBRELLA, x_names=("rain", "dry"), y_names=("umbrella", "no umbrella")
    )
