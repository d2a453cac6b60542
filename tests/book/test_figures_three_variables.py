"""Tests of the chain-rule figure of the three-variables page."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mibook.figures._style import check_legible
from mibook.figures.three_variables import chain_rule_figure

IMAGE = {"baseline_dir": "baseline", "tolerance": 2, "style": "default"}
ROWS = {
    "XOR": {"i_xy": 0.0, "i_xz": 0.0, "i_xy_given_z": 1.0, "i_xz_given_y": 1.0},
    "copies": {"i_xy": 1.0, "i_xz": 1.0, "i_xy_given_z": 0.0, "i_xz_given_y": 0.0},
    "noisy": {"i_xy": 0.531, "i_xz": 0.531, "i_xy_given_z": 0.214, "i_xz_given_y": 0.214},
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_bars_are_the_two_chain_rule_orders():
    fig = chain_rule_figure(ROWS)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "information (bits)"
    bars = ax.patches
    assert len(bars) == 4 * len(ROWS)
    # Per example: [I(X;Y), I(X;Z|Y)] on the upper bar, [I(X;Z), I(X;Y|Z)] on the lower one.
    widths = np.array([b.get_width() for b in bars]).reshape(len(ROWS), 2, 2)
    for (name, row), w in zip(ROWS.items(), widths, strict=True):
        np.testing.assert_allclose(w[0], [row["i_xy"], row["i_xz_given_y"]], err_msg=name)
        np.testing.assert_allclose(w[1], [row["i_xz"], row["i_xy_given_z"]], err_msg=name)
        # Both orders add up to I(X; Y, Z).
        assert w[0].sum() == pytest.approx(w[1].sum())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:2] == ["I(X;Y) + I(X;Z|Y)", "I(X;Z) + I(X;Y|Z)"]
    assert {"XOR", "copies", "noisy"} <= {t.get_text() for t in ax.texts}


def test_chain_rule_figure_is_legible():
    assert check_legible(chain_rule_figure(ROWS)) == []


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        ({}, "rows must hold at least one example"),
        ({"a": {"i_xy": 0.0}}, "misses i_xz, i_xy_given_z, i_xz_given_y"),
        ({"a": {**ROWS["XOR"], "i_xy": -0.1}}, "negative information term"),
    ],
)
def test_bad_input(rows, match):
    with pytest.raises(ValueError, match=match):
        chain_rule_figure(rows)


@pytest.mark.mpl_image_compare(**IMAGE)
def test_chain_rule_figure_image():
    return chain_rule_figure(ROWS)
