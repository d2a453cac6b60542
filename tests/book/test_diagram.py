"""Tests of the area-proportional information diagram."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Circle
from scipy.integrate import quad

from infotheory import entropy
from mibook.figures.diagram import circle_separation, information_diagram, lens_area

BSC = np.array([[0.4, 0.1], [0.1, 0.4]])
# X has 3 values, Y 2; partly dependent.
MIXED = np.array([[0.3, 0.0], [0.0, 0.2], [0.25, 0.25]])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _entropies(joint):
    p = np.asarray(joint, dtype=float) / np.sum(joint)
    h_x, h_y, h_xy = entropy(p.sum(axis=1)), entropy(p.sum(axis=0)), entropy(p.ravel())
    return h_x, h_y, h_x + h_y - h_xy, h_xy


def _circles(fig):
    circles = [p for p in fig.axes[0].patches if isinstance(p, Circle)]
    assert len(circles) == 2
    return circles


def _overlap_by_quadrature(c1, r1, c2, r2):
    """Lens area as the integral of the common vertical chord, independent of lens_area."""

    def chord(x):
        h1 = np.sqrt(max(r1**2 - (x - c1) ** 2, 0.0))
        h2 = np.sqrt(max(r2**2 - (x - c2) ** 2, 0.0))
        return 2 * min(h1, h2)

    lo, hi = max(c1 - r1, c2 - r2), min(c1 + r1, c2 + r2)
    if hi <= lo:
        return 0.0
    corners = [c for c in (c1 - r1, c1 + r1, c2 - r2, c2 + r2) if lo < c < hi]
    return quad(chord, lo, hi, points=corners or None, epsabs=1e-13, epsrel=1e-12, limit=200)[0]


def _geometry(fig):
    a, b = _circles(fig)
    (c1, _), (c2, _) = a.center, b.center
    return c1, a.radius, c2, b.radius


@pytest.mark.parametrize(
    "joint",
    [
        BSC,
        MIXED,
        [[0.3, 0.05, 0.0], [0.02, 0.3, 0.1], [0.0, 0.03, 0.2]],
        [[0.49, 0.01], [0.01, 0.49]],
    ],
)
def test_areas_are_entropies_and_overlap_is_mutual_information(joint):
    h_x, h_y, mi, _ = _entropies(joint)
    c1, r1, c2, r2 = _geometry(information_diagram(joint))
    assert np.pi * r1**2 == pytest.approx(h_x, rel=1e-12)
    assert np.pi * r2**2 == pytest.approx(h_y, rel=1e-12)
    assert _overlap_by_quadrature(c1, r1, c2, r2) == pytest.approx(mi, rel=1e-6)


def test_labels_show_the_region_values_and_joint_entropy():
    h_x, h_y, mi, h_xy = _entropies(MIXED)
    fig = information_diagram(MIXED, names=("A", "B"))
    texts = [t.get_text() for t in fig.axes[0].texts] + [t.get_text() for t in fig.texts]
    everything = "\n".join(texts)
    assert f"$H(A\\mid B)$\n{h_x - mi:.3f} nats" in texts
    assert f"$I(A;B)$\n{mi:.3f} nats" in texts
    assert f"$H(B\\mid A)$\n{h_y - mi:.3f} nats" in texts
    assert f"{h_xy:.3f} nats" in everything
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == [f"$A$: area $H(A)$ = {h_x:.3f} nats", f"$B$: area $H(B)$ = {h_y:.3f} nats"]


def test_independent_variables_give_touching_circles():
    joint = np.outer([0.5, 0.5], [0.2, 0.3, 0.5])
    c1, r1, c2, r2 = _geometry(information_diagram(joint))
    assert abs(c2 - c1) == pytest.approx(r1 + r2, rel=1e-12)


@pytest.mark.parametrize(
    ("joint", "inner"),
    [
        ([[0.25, 0.25, 0.0, 0.0], [0.0, 0.0, 0.25, 0.25]], "x"),  # X is a function of Y
        ([[0.25, 0.0], [0.25, 0.0], [0.0, 0.5]], "y"),  # Y is a function of X
    ],
)
def test_function_of_the_other_gives_nested_circles(joint, inner):
    c1, r1, c2, r2 = _geometry(information_diagram(joint))
    small, big = (r1, r2) if inner == "x" else (r2, r1)
    assert small < big
    assert abs(c2 - c1) == pytest.approx(big - small, rel=1e-12)


def test_identical_variables_give_one_circle():
    c1, r1, c2, r2 = _geometry(information_diagram(np.diag([0.25, 0.25, 0.5])))
    assert (c1, r1) == pytest.approx((c2, r2))


def test_constant_variables_draw_without_warnings():
    fig = information_diagram([[1.0]])
    assert [c.radius for c in _circles(fig)] == [0.0, 0.0]


@pytest.mark.parametrize(
    ("joint", "match"),
    [
        ([0.5, 0.5], "2-D"),
        ([[0.5, -0.1], [0.3, 0.3]], "non-negative"),
        ([[0.0, 0.0]], "all zero"),
        ([[np.nan, 0.5]], "finite"),
    ],
)
def test_bad_joint_raises(joint, match):
    with pytest.raises(ValueError, match=match):
        information_diagram(joint)


def test_lens_area_matches_quadrature():
    for r1, r2, d in [(1.0, 1.0, 1.0), (1.0, 0.5, 0.9), (0.3, 1.2, 1.1)]:
        assert lens_area(r1, r2, d) == pytest.approx(
            _overlap_by_quadrature(0.0, r1, d, r2), rel=1e-9
        )


def test_circle_separation_inverts_lens_area():
    for overlap in (1e-6, 0.1, 0.4, 0.5 - 1e-6):
        d = circle_separation(1.0, 0.5, overlap)
        assert lens_area(np.sqrt(1 / np.pi), np.sqrt(0.5 / np.pi), d) == pytest.approx(
            overlap, rel=1e-9
        )


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((1.0, 0.5, 0.6), "overlap must lie"),
        ((1.0, 0.5, -0.1), "overlap"),
        ((-1.0, 0.5, 0.1), "areas"),
    ],
)
def test_circle_separation_rejects_impossible_overlaps(args, match):
    with pytest.raises(ValueError, match=match):
        circle_separation(*args)


@pytest.mark.mpl_image_compare(baseline_dir="baseline", tolerance=2, style="default")
def test_diagram_image_partial_overlap():
    return information_diagram(MIXED)


@pytest.mark.mpl_image_compare(baseline_dir="baseline", tolerance=2, style="default")
def test_diagram_image_nested():
    return information_diagram([[0.25, 0.25, 0.0, 0.0], [0.0, 0.0, 0.25, 0.25]])
