"""Tests for the four-relationship figure, its values and null bands."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.stats import pearsonr

from infotheory.discrete import discretize, mutual_information
from infotheory.estimators import ksg_mutual_information, permutation_test
from infotheory.gaussian import informational_correlation
from mibook.datasets import relationships
from mibook.figures.relationships import (
    SUPTITLE,
    RelationshipGrid,
    estimate_mutual_information,
    null_bands,
    relationship_errors,
    relationship_values,
    true_correlations,
)

NAMES = ["Linear", "Quadratic", "Sinusoidal", "Independent"]


@pytest.fixture(scope="module")
def data():
    return relationships(1000)


@pytest.fixture(scope="module")
def bands(data):
    return null_bands(data, n_permutations=200, seed=1)


def expected_title(name, values):
    # Only the MI, with its unit: r and r_I are on other scales (see the chapter's tables).
    return f"{name}\nMI = {values['mi']:.2f} nats"


def test_values_match_their_definitions(data):
    values = relationship_values(data, bins=12)
    assert list(values) == NAMES
    for name, (x, y) in data.items():
        v = values[name]
        assert v["r"] == pytest.approx(pearsonr(x, y).statistic, abs=1e-12)
        assert v["mi"] == pytest.approx(
            mutual_information(discretize(x, 12), discretize(y, 12)), abs=1e-12
        )
        assert v["r_I"] == pytest.approx(np.sqrt(1 - np.exp(-2 * v["mi"])), abs=1e-12)
        assert all(type(value) is float for value in v.values())


def test_lesson_story_pearson_misses_what_mi_sees(data):
    values = relationship_values(data)
    assert values["Linear"]["r"] > 0.95
    for name in ("Quadratic", "Sinusoidal"):
        assert abs(values[name]["r"]) < 0.15
        assert values[name]["mi"] > 3 * values["Independent"]["mi"]
    # The plug-in bias of 20 x 20 bins at n = 1000: about 19^2 / 2000 nats.
    assert values["Independent"]["mi"] == pytest.approx(19**2 / 2000, rel=0.3)


def test_noise_free_linear_has_unit_r_and_log_bins_mi():
    values = relationship_values(relationships(1000, noise=0.0), bins=20)
    assert abs(values["Linear"]["r"]) == pytest.approx(1.0, abs=1e-12)
    assert values["Linear"]["mi"] == pytest.approx(np.log(20), abs=1e-12)
    # Binning caps the estimate at log 20, so r_I = sqrt(1 - 1/20^2), not 1.
    assert values["Linear"]["r_I"] == pytest.approx(np.sqrt(1 - 1 / 400), abs=1e-12)


def test_estimators_match_the_library(data):
    x, y = data["Sinusoidal"]
    mm = relationship_values(data, bins=8, estimator="miller-madow")["Sinusoidal"]["mi"]
    assert mm == pytest.approx(
        mutual_information(discretize(x, 8), discretize(y, 8), correction="miller-madow")
    )
    ksg = relationship_values(data, bins=8, estimator="ksg")
    assert ksg["Sinusoidal"]["mi"] == pytest.approx(ksg_mutual_information(x, y, k=3))
    # Linear Gaussian pair: Linfoot's r_I from KSG recovers |r|.
    assert ksg["Linear"]["r_I"] == pytest.approx(abs(ksg["Linear"]["r"]), abs=0.01)
    # KSG ignores bins.
    assert relationship_values(data, bins=3, estimator="ksg") == ksg


def test_negative_estimate_gives_zero_informational_correlation():
    pair = {"Independent": relationships(200, seed=0)["Independent"]}
    values = relationship_values(pair, bins=3, estimator="miller-madow")["Independent"]
    assert values["mi"] < 0
    assert values["r_I"] == 0.0
    assert informational_correlation(0.0) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"estimator": "kde"}, "estimator must be one of"),
        ({"bins": 0}, "bins must be an integer >= 1"),
        ({"bins": 2.5}, "bins must be an integer >= 1"),
    ],
)
def test_bad_settings_raise(data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        relationship_values(data, **kwargs)
    with pytest.raises(ValueError, match=match):
        estimate_mutual_information(*data["Linear"], **kwargs)


def test_null_bands_are_the_permutation_quantiles(data, bands):
    streams = np.random.default_rng(1).spawn(4)
    for (name, (x, y)), rng in zip(data.items(), streams, strict=True):
        null = permutation_test(
            discretize(x, 20), discretize(y, 20), n_permutations=200, seed=rng
        ).null_distribution
        assert bands[name] == pytest.approx(tuple(np.percentile(null, [2.5, 97.5])))
    values = relationship_values(data)
    low, high = bands["Independent"]
    assert low <= values["Independent"]["mi"] <= high
    for name in ("Linear", "Quadratic", "Sinusoidal"):
        assert values[name]["mi"] > bands[name][1]


def test_miller_madow_null_band_is_shifted_down(data, bands):
    mm = null_bands(data, estimator="miller-madow", n_permutations=100, seed=1)
    for name in NAMES:
        # The correction removes most of the ~0.18 nats of bias.
        assert mm[name][1] < bands[name][0]
        assert mm[name][0] < 0.05 < mm[name][1] + 0.1


def test_null_bands_reject_bad_input(data):
    with pytest.raises(ValueError, match="n_permutations must be an integer >= 1"):
        null_bands(data, n_permutations=0)
    with pytest.raises(ValueError, match="estimator must be one of"):
        null_bands(data, estimator="kde")


def test_grid_titles_show_the_glued_values(data, bands):
    grid = RelationshipGrid(null_bands=bands)
    values = relationship_values(data)
    assert grid.values == values
    # The title is wrapped onto lines that fit the narrow figure.
    assert " ".join(grid.fig._suptitle.get_text().split()) == SUPTITLE
    assert list(grid.titles) == NAMES
    for name in NAMES:
        assert grid.titles[name].get_text() == expected_title(name, values[name])
        assert grid.axes[name].get_xlabel() == "x"
        assert grid.axes[name].get_ylabel() == "y"
        assert grid.strip_axes[name].get_xlabel() == "MI (nats)"
        assert grid.markers[name].get_xdata()[0] == values[name]["mi"]
        band = grid.bands[name]
        assert band.get_visible()
        assert (band.get_x(), band.get_x() + band.get_width()) == pytest.approx(bands[name])
    assert "20 quantile bins per axis" in grid.settings_text.get_text()
    assert "permutation null" in grid.settings_text.get_text()


def test_update_changes_artists_in_place(bands):
    figures_before = plt.get_fignums()
    grid = RelationshipGrid(null_bands=bands)
    fig, scatters, titles = grid.fig, dict(grid.scatters), dict(grid.titles)
    offsets = {name: s.get_offsets().copy() for name, s in scatters.items()}

    values = grid.update(bins=5)
    assert values == relationship_values(relationships(1000), bins=5)
    assert grid.fig is fig
    assert grid.scatters == scatters
    assert grid.titles == titles
    for name in NAMES:
        assert titles[name].get_text() == expected_title(name, values[name])
        np.testing.assert_array_equal(scatters[name].get_offsets(), offsets[name])
        # Bands computed for 20 bins no longer describe a 5-bin estimate.
        assert not grid.bands[name].get_visible()
    assert "5 quantile bins" in grid.settings_text.get_text()

    grid.update(noise=2.0)
    noisy = relationships(1000, noise=2.0)
    for name in NAMES:
        np.testing.assert_array_equal(scatters[name].get_offsets(), np.column_stack(noisy[name]))
    assert not np.array_equal(scatters["Linear"].get_offsets(), offsets["Linear"])
    np.testing.assert_array_equal(scatters["Independent"].get_offsets(), offsets["Independent"])
    assert "noise \N{MULTIPLICATION SIGN} 2" in grid.settings_text.get_text()
    assert plt.get_fignums() == figures_before


def test_bands_survive_noise_change_but_not_estimator_change(bands):
    grid = RelationshipGrid(null_bands=bands)
    grid.update(noise=0.5)
    assert all(band.get_visible() for band in grid.bands.values())
    grid.update(estimator="miller-madow")
    assert not any(band.get_visible() for band in grid.bands.values())
    grid.update(estimator="plug-in")
    assert all(band.get_visible() for band in grid.bands.values())
    new = dict.fromkeys(NAMES, (0.1, 0.3))
    grid.update(bins=7, null_bands=new)
    assert grid.bands["Linear"].get_visible()
    assert grid.bands["Linear"].get_width() == pytest.approx(0.2)


def test_estimator_switch_changes_mi_and_titles(data):
    grid = RelationshipGrid()
    plug_in = grid.values["Independent"]["mi"]
    ksg = grid.update(estimator="ksg")["Independent"]["mi"]
    assert ksg == pytest.approx(ksg_mutual_information(*data["Independent"], k=3))
    # KSG has no binning bias: near 0 where the plug-in estimate is ~0.2 nats.
    assert abs(ksg) < 0.05 < plug_in - 0.1
    assert f"MI = {ksg:.2f} nats" in grid.titles["Independent"].get_text()
    assert "KSG" in grid.settings_text.get_text()
    mm = grid.update(estimator="miller-madow")["Independent"]["mi"]
    assert mm < grid.update(estimator="plug-in")["Independent"]["mi"] - 0.1


def test_invalid_update_leaves_figure_unchanged():
    grid = RelationshipGrid()
    before = {name: t.get_text() for name, t in grid.titles.items()}
    with pytest.raises(ValueError, match="bins must be an integer >= 1"):
        grid.update(bins=0)
    with pytest.raises(ValueError, match="estimator must be one of"):
        grid.update(estimator="kde")
    with pytest.raises(ValueError, match="noise must be >= 0"):
        grid.update(noise=-1.0)
    assert {name: t.get_text() for name, t in grid.titles.items()} == before
    assert (grid.bins, grid.noise, grid.estimator) == (20, 1.0, "plug-in")


def test_grid_needs_an_integer_seed():
    with pytest.raises(ValueError, match="seed must be an integer >= 0"):
        RelationshipGrid(seed=np.random.default_rng(0))


def test_fixed_limits_cover_every_noise_level():
    grid = RelationshipGrid(max_noise=3.0, mi_max=4.0)
    limits = {name: ax.get_ylim() for name, ax in grid.axes.items()}
    for noise in (0.0, 1.7, 3.0):
        grid.update(noise=noise)
        for name, (_, y) in grid.data.items():
            assert grid.axes[name].get_ylim() == limits[name]
            assert limits[name][0] < y.min() < y.max() < limits[name][1]
        assert grid.strip_axes["Linear"].get_xlim()[1] == 4.0
    # An estimate beyond mi_max stretches the axis rather than leaving the plot.
    grid.update(noise=0.0, estimator="ksg")
    assert grid.strip_axes["Linear"].get_xlim()[1] > grid.values["Linear"]["mi"] > 4.0


def test_unfixed_limits_follow_the_data():
    grid = RelationshipGrid(noise=0.0)
    quiet = grid.axes["Linear"].get_ylim()
    grid.update(noise=3.0)
    loud = grid.axes["Linear"].get_ylim()
    assert loud[0] < quiet[0] < quiet[1] < loud[1]


@pytest.mark.mpl_image_compare(
    baseline_dir="baseline", tolerance=3, style="default", savefig_kwargs={"dpi": 40}
)
def test_relationship_figure_image(bands):
    return RelationshipGrid(null_bands=bands).fig


@pytest.mark.mpl_image_compare(
    baseline_dir="baseline", tolerance=3, style="default", savefig_kwargs={"dpi": 40}
)
def test_relationship_figure_after_update_image():
    grid = RelationshipGrid()
    grid.update(bins=6, noise=0.5, estimator="miller-madow")
    return grid.fig


def test_sweep_frames_are_labelled_by_the_settings_line():
    grid = RelationshipGrid(max_noise=3.0)
    for b in (2, 15, 60):
        grid.update(bins=b)
        assert grid.settings_text.get_text().startswith(f"{b} quantile bins per axis")
    for s in (0.0, 1.25, 3.0):
        grid.update(noise=s)
        assert f"noise \N{MULTIPLICATION SIGN} {s:g}" in grid.settings_text.get_text()


@pytest.fixture(scope="module")
def errors(data):
    return relationship_errors(data)


def test_error_of_pearson_r_matches_its_closed_form(errors):
    # The linear pair is bivariate Gaussian with rho = 2 / sqrt(4.25); the large-sample standard
    # error of r is (1 - rho^2) / sqrt(n). 20%: a subsampled error from 10 repeats scatters by
    # about 10% (it is itself estimated from some 140 part estimates).
    rho = 2 / np.sqrt(2**2 + 0.5**2)
    assert errors["Linear"]["r"] == pytest.approx((1 - rho**2) / np.sqrt(1000), rel=0.2)


def test_errors_match_the_spread_over_fresh_samples(errors):
    # The oracle: the standard deviation of each estimate over 30 independent data sets of the
    # same size. Each side is uncertain by 10-15% (an sd from 30 values; a subsampled error from
    # 10 repeats), so the ratio is held to [0.6, 1.6], about three combined standard errors.
    fresh = [relationships(1000, seed=seed)["Linear"] for seed in range(1, 31)]
    spread = {
        "mi": np.std([estimate_mutual_information(x, y) for x, y in fresh], ddof=1),
        "ksg": np.std(
            [estimate_mutual_information(x, y, estimator="ksg") for x, y in fresh], ddof=1
        ),
    }
    for key, sd in spread.items():
        assert 0.6 < sd / errors["Linear"][key] < 1.6, key


def test_error_of_r_i_is_the_error_of_ksg_through_the_mapping(errors, data):
    # Delta method: r_I = sqrt(1 - exp(-2 I)) has slope exp(-2 I) / r_I, so away from I = 0 the
    # error of r_I is the error of KSG times that slope (to first order; 15% for the two
    # subsampled errors, drawn from the same splits, and the curvature).
    mi = estimate_mutual_information(*data["Linear"], estimator="ksg")
    slope = np.exp(-2 * mi) / informational_correlation(mi)
    assert errors["Linear"]["r_I_ksg"] == pytest.approx(slope * errors["Linear"]["ksg"], rel=0.15)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"bins": 0}, "bins"), ({"n_repeats": 0}, "n_repeats"), ({"seed": -1}, "seed")],
)
def test_errors_reject_bad_settings(data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        relationship_errors(data, **kwargs)


def test_true_correlations_match_a_large_sample():
    # Closed forms against the sample r of 2,000,000 draws: the sample r's standard error is
    # about (1 - rho^2) / sqrt(n) <= 0.0007, so 0.0035 is five of them.
    n = 2_000_000
    for noise in (0.0, 1.0, 2.5):
        rho = true_correlations(noise=noise)
        assert list(rho) == NAMES
        for name, (x, y) in relationships(n, noise=noise, seed=4).items():
            assert rho[name] == pytest.approx(pearsonr(x, y).statistic, abs=0.0035)
    # Without noise the line is exact, and the sinusoid's r is the bare 3 e^(-9/2) / sd(sin 3X).
    assert true_correlations(noise=0.0)["Linear"] == 1.0
    assert true_correlations(noise=0.0)["Sinusoidal"] == pytest.approx(
        3 * np.exp(-4.5) / np.sqrt((1 - np.exp(-18)) / 2), rel=1e-12
    )
    with pytest.raises(ValueError, match="noise must be >= 0"):
        true_correlations(noise=-1.0)
