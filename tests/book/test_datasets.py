"""Tests for mibook.datasets: the four relationships and the clustering labels."""

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from mibook.datasets import RELATIONSHIP_NOISE, clustering_labels, relationships

SIGNALS = {"Linear": lambda x: 2 * x, "Quadratic": np.square, "Sinusoidal": lambda x: np.sin(3 * x)}


def test_relationships_order_shapes_and_shared_x():
    data = relationships(250, seed=3)
    assert list(data) == ["Linear", "Quadratic", "Sinusoidal", "Independent"]
    x0 = data["Linear"][0]
    assert x0.shape == (250,)
    for x, y in data.values():
        assert x.dtype == y.dtype == np.float64
        assert y.shape == (250,)
        np.testing.assert_array_equal(x, x0)


@pytest.mark.parametrize("name", list(SIGNALS))
def test_noise_zero_is_the_deterministic_function(name):
    x, y = relationships(300, noise=0.0)[name]
    np.testing.assert_allclose(y, SIGNALS[name](x), rtol=0, atol=1e-15)


@pytest.mark.parametrize("name", list(SIGNALS))
def test_noise_rescales_one_fixed_draw(name):
    x, y1 = relationships(400, noise=1.0, seed=5)[name]
    _, y25 = relationships(400, noise=2.5, seed=5)[name]
    residual = y1 - SIGNALS[name](x)
    np.testing.assert_allclose(y25 - SIGNALS[name](x), 2.5 * residual, atol=1e-12)
    # At noise 1 the residual is N(0, scale^2): its sample SD is within 10%.
    assert abs(residual.std() / RELATIONSHIP_NOISE[name] - 1) < 0.1


def test_noise_draws_are_independent_across_relationships():
    data = relationships(5000, seed=1)
    residuals = [data[name][1] - SIGNALS[name](data[name][0]) for name in SIGNALS]
    corr = np.corrcoef(residuals)
    assert np.all(np.abs(corr[np.triu_indices(3, 1)]) < 0.05)


def test_independent_ignores_noise_and_is_uncorrelated():
    quiet = relationships(5000, noise=0.0, seed=2)["Independent"]
    loud = relationships(5000, noise=3.0, seed=2)["Independent"]
    np.testing.assert_array_equal(quiet[1], loud[1])
    assert abs(np.corrcoef(*quiet)[0, 1]) < 0.05
    assert abs(quiet[1].std() - 1) < 0.05


def test_relationships_seed_reproducible_and_generator_accepted():
    a, b = relationships(100, seed=7), relationships(100, seed=7)
    c = relationships(100, seed=8)
    d = relationships(100, seed=np.random.default_rng(7))
    for name in a:
        np.testing.assert_array_equal(a[name][1], b[name][1])
        np.testing.assert_array_equal(a[name][1], d[name][1])
        assert not np.array_equal(a[name][1], c[name][1])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 1}, "n must be an integer >= 2"),
        ({"n": 10.0}, "n must be an integer"),
        ({"n": 10**12}, "n must be an integer <= 100000000"),  # not a MemoryError inside NumPy
        ({"noise": -0.1}, "noise must be >= 0"),
        ({"noise": float("nan")}, "noise must be a finite number"),
        ({"noise": "loud"}, "noise must be a finite number"),
        ({"noise": True}, "noise must be a finite number"),
    ],
)
def test_relationships_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        relationships(**kwargs)


def test_clustering_labels_balanced_and_perfect_at_zero():
    true, predicted = clustering_labels(301, 4, reassign=0.0, seed=1)
    assert true.dtype == predicted.dtype == np.int64
    np.testing.assert_array_equal(true, predicted)
    assert sorted(np.bincount(true).tolist()) == [75, 75, 75, 76]


def test_clustering_labels_reassigns_exactly_the_fraction():
    n, k = 1000, 5
    true, _ = clustering_labels(n, k, reassign=0.0, seed=4)
    mismatches = []
    for fraction in (0.1, 0.3, 0.6):
        true_f, predicted = clustering_labels(n, k, reassign=fraction, seed=4)
        np.testing.assert_array_equal(true_f, true)
        assert predicted.min() >= 0
        assert predicted.max() <= k - 1
        wrong = true != predicted
        # Redrawn labels hit the true one with chance 1/k, so about
        # fraction * (1 - 1/k) end up wrong; never more than the fraction.
        assert wrong.sum() <= round(fraction * n)
        assert abs(wrong.mean() - fraction * (1 - 1 / k)) < 0.04
        mismatches.append(wrong)
    # The points redrawn at a smaller fraction stay redrawn at a larger one.
    assert np.all(mismatches[1][mismatches[0]])
    assert np.all(mismatches[2][mismatches[1]])


def test_clustering_labels_fully_random_at_one():
    true, predicted = clustering_labels(3000, 3, reassign=1.0, seed=0)
    assert normalized_mutual_info_score(true, predicted) < 0.01
    assert abs(np.mean(true == predicted) - 1 / 3) < 0.03


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 0}, "n must be an integer >= 1"),
        ({"n": 10**12}, "n must be an integer <= 100000000"),
        ({"n_clusters": 0}, "n_clusters must be an integer >= 1"),
        ({"reassign": 1.5}, r"reassign must be in \[0, 1.0\]"),
        ({"reassign": -0.01}, r"reassign must be in \[0, 1.0\]"),
        ({"reassign": None}, "reassign must be a finite number"),
    ],
)
def test_clustering_labels_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        clustering_labels(**kwargs)
