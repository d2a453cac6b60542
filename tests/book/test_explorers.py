"""Tests for mibook.explorers: the grids every explorer reads.

Each grid point must equal, to the last bit, what the library computes for that one setting
(the functions the live explorers call), so comparisons here are exact (``==``) unless stated.
"""

import numpy as np
import pytest

from infotheory.discrete import discretize
from infotheory.gaussian import gaussian_mutual_information, informational_correlation
from mibook.datasets import relationships
from mibook.experiments import gaussian_truth
from mibook.explorers import (
    GAUSSIAN_N,
    GAUSSIAN_RHOS,
    RELATIONSHIP_BINS,
    RELATIONSHIP_NOISE,
    clustering_grid,
    gaussian_grid,
    relationship_grid,
)
from mibook.figures.clustering import clustering_comparison
from mibook.figures.relationships import null_bands, relationship_values

BINS, NOISE = (2, 5, 20), (0.0, 0.5, 1.0, 2.5)


@pytest.fixture(scope="module")
def grid():
    return relationship_grid(300, seed=3, bins=BINS, noise=NOISE, n_permutations=30, n_shown=40)


def test_default_axes_cover_every_setting_the_issue_asks_for():
    assert tuple(range(2, 61)) == RELATIONSHIP_BINS
    assert RELATIONSHIP_NOISE[0] == 0.0
    assert RELATIONSHIP_NOISE[-1] == 3.0
    assert np.allclose(np.diff(RELATIONSHIP_NOISE), 0.1, rtol=0, atol=1e-12)
    # Evenly spaced, so a slider of step 0.09 reaches each one, from 0 to 0.99.
    assert GAUSSIAN_RHOS[0] == 0.0
    assert GAUSSIAN_RHOS[-1] == 0.99
    assert np.allclose(np.diff(GAUSSIAN_RHOS), 0.09, rtol=0, atol=1e-12)
    assert (GAUSSIAN_N[0], GAUSSIAN_N[-1]) == (100, 10000)


@pytest.mark.parametrize("estimator", ["plug-in", "miller-madow", "ksg"])
def test_relationship_grid_equals_relationship_values_at_every_setting(grid, estimator):
    for noise in NOISE:
        data = relationships(300, noise=noise, seed=3)
        for bins in BINS:
            expected = relationship_values(data, bins=bins, estimator=estimator)
            assert grid.values(bins=bins, noise=noise, estimator=estimator) == expected


def test_relationship_grid_known_values(grid):
    # Noiseless linear pair: both variables get the same quantile labels, so I = H = log(bins).
    for bins in BINS:
        mi = grid.values(bins=bins, noise=0.0)["Linear"]["mi"]
        assert mi == pytest.approx(np.log(bins), abs=1e-12)  # float rounding of the sums only
    r_i = grid.r_I["plug-in"]
    assert np.array_equal(r_i, informational_correlation(np.maximum(grid.mi["plug-in"], 0)))
    assert np.all(grid.r_I["ksg"][grid.mi["ksg"] < 0] == 0)


def test_relationship_grid_keeps_the_drawn_points(grid):
    for j, noise in enumerate(NOISE):
        data = relationships(300, noise=noise, seed=3)
        for c, name in enumerate(grid.names):
            x, y = data[name]
            assert np.array_equal(grid.x, x[:40])
            assert np.array_equal(grid.y[j, c], y[:40])


def test_quantile_margins_do_not_depend_on_noise_or_relationship():
    # Why one null band per bin count serves every panel and noise level.
    for bins in (3, 7, 20, 60):
        margins = {
            tuple(np.bincount(discretize(y, bins), minlength=bins))
            for noise in (0.0, 0.7, 3.0)
            for x, y in relationships(1000, noise=noise, seed=0).values()
        }
        assert len(margins) == 1


def test_relationship_bands_are_null_bands_of_one_pair(grid):
    pair = {"Independent": relationships(300, noise=1.0, seed=3)["Independent"]}
    for estimator in ("plug-in", "miller-madow"):
        for i, bins in enumerate(BINS):
            expected = null_bands(pair, bins=bins, estimator=estimator, n_permutations=30, seed=3)[
                "Independent"
            ]
            assert tuple(grid.bands[estimator][i]) == expected
            assert grid.band(bins=bins, estimator=estimator) == expected
    assert grid.band(bins=5, estimator="ksg") is None


def test_grids_are_deterministic(grid):
    again = relationship_grid(300, seed=3, bins=BINS, noise=NOISE, n_permutations=30, n_shown=40)
    for key in grid.mi:
        assert np.array_equal(grid.mi[key], again.mi[key])
    for key in grid.bands:
        assert np.array_equal(grid.bands[key], again.bands[key])
    one = clustering_grid(60, reassign=(0.0, 0.3), n_clusters=(2, 4))
    two = clustering_grid(60, reassign=(0.0, 0.3), n_clusters=(2, 4))
    assert np.array_equal(one.values, two.values)


def test_clustering_grid_equals_clustering_comparison():
    fractions, ks = (0.0, 0.05, 0.5, 1.0), (2, 3, 7)
    grid = clustering_grid(120, seed=4, reassign=fractions, n_clusters=ks)
    assert grid.values.shape == (4, 3, 3, 5)
    for f in fractions:
        for k in ks:
            expected = clustering_comparison(120, k, reassign=f, seed=4)
            assert grid.comparison(reassign=f, n_clusters=k) == expected
    # Reassigning nothing leaves the near-perfect clustering perfect.
    assert np.all(grid.values[0, :, 1, :] == 1.0)


def test_gaussian_grid_slices_equal_gaussian_truth():
    grid = gaussian_grid(rhos=(0.0, 0.5, 0.9), n=(100, 300), bins=(5, 10), n_seeds=3, seed=2)
    assert np.array_equal(grid.truth, gaussian_mutual_information(np.array([0.0, 0.5, 0.9])))
    for n in (100, 300):
        for mm_bins in (5, 10):
            sweep = grid.sweep(n=n, miller_madow_bins=mm_bins)
            expected = gaussian_truth(
                [0.0, 0.5, 0.9], n=n, bins=(5, 10), miller_madow_bins=mm_bins, n_seeds=3, seed=2
            )
            for field in (
                "rho",
                "truth",
                "bins",
                "plugin_mean",
                "plugin_std",
                "miller_madow_mean",
                "miller_madow_std",
                "ksg_mean",
                "ksg_std",
            ):
                assert np.array_equal(getattr(sweep, field), getattr(expected, field)), field
            assert (sweep.n, sweep.k, sweep.n_seeds, sweep.miller_madow_bins) == (n, 3, 3, mm_bins)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: relationship_grid(4), "n must be"),
        (lambda: relationship_grid(50, bins=(0,)), "bins must be"),
        (lambda: relationship_grid(50, bins=()), "bins and noise"),
        (lambda: relationship_grid(50, noise=(-0.5,)), "noise must hold"),
        (lambda: relationship_grid(50, noise=(np.nan,)), "noise must hold"),
        (lambda: relationship_grid(50, n_permutations=0), "n_permutations must be"),
        (lambda: clustering_grid(50, n_clusters=(0,)), "n_clusters must be"),
        (lambda: clustering_grid(50, reassign=()), "reassign and n_clusters"),
        (lambda: clustering_grid(50, reassign=(1.5,)), "reassign must be"),
        (lambda: gaussian_grid(rhos=(1.0,)), "rhos must hold"),
        (lambda: gaussian_grid(n=(3,)), "n must be"),
        (lambda: gaussian_grid(n_seeds=1), "n_seeds must be"),
    ],
)
def test_bad_arguments_name_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_settings_off_the_grid_are_refused(grid):
    with pytest.raises(ValueError, match=r"bins must be one of the grid's values \[2, 5, 20\]"):
        grid.values(bins=7)
    with pytest.raises(ValueError, match="noise must be one of"):
        grid.values(noise=0.3)
    with pytest.raises(ValueError, match="estimator"):
        grid.values(estimator="kde")
    small = gaussian_grid(rhos=(0.0, 0.5), n=(100,), bins=(5,), n_seeds=2)
    with pytest.raises(ValueError, match="miller_madow_bins must be one of"):
        small.sweep(n=100, miller_madow_bins=20)
    clusters = clustering_grid(30, reassign=(0.0,), n_clusters=(2,))
    with pytest.raises(ValueError, match="n_clusters must be one of"):
        clusters.comparison(reassign=0.0, n_clusters=3)
