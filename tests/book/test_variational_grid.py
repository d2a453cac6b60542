"""The representation-learning explorer's numbers: the grid, its precomputed copy and its spec.

The precomputed grid (mibook/variational_data.py) is checked against the library itself: sampled
settings are recomputed here, batch by batch, with infotheory's sampler, optimal critic and bounds.
"""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest

from infotheory import (
    donsker_varadhan,
    gaussian_log_density_ratio,
    gaussian_mutual_information,
    infonce,
    informational_correlation,
    nwj,
    sample_gaussian_pair,
)
from mibook.variational_grid import (
    BOUND_NAMES,
    EXPLORER_K,
    EXPLORER_MI,
    EXPLORER_N_BATCHES,
    EXPLORER_SEED,
    batch_bounds,
    explorer_rhos,
    nwj_population_variance,
    precomputed_grid,
    variational_grid,
    write_precomputed,
)
from mibook.variational_vega import setting_lines, variational_explorer, variational_spec
from mibook.vega import VEGALITE_MIME, format_number


def library_cell(rho: float, k: int, n_batches: int, seed: int) -> dict[str, float]:
    """Mean and sd over batches, from infotheory alone (the documented batch streams)."""
    values = {name: [] for name in BOUND_NAMES}
    for child in np.random.SeedSequence([seed, k]).spawn(n_batches):
        x, y = sample_gaussian_pair(k, rho, seed=child)
        scores = gaussian_log_density_ratio(x[:, None], y[None, :], rho)
        values["infonce"].append(infonce(scores))
        values["dv"].append(donsker_varadhan(scores))
        values["nwj"].append(nwj(scores + 1.0))
    out = {}
    for name, v in values.items():
        out[f"{name}_mean"] = float(np.mean(v))
        out[f"{name}_sd"] = float(np.std(v, ddof=1))
    return out


@pytest.fixture(scope="module")
def grid():
    return precomputed_grid()


def test_precomputed_grid_has_the_explorer_axes(grid):
    assert grid.rho.tolist() == list(explorer_rhos())
    assert grid.k.tolist() == list(EXPLORER_K)
    assert (grid.n_batches, grid.seed) == (EXPLORER_N_BATCHES, EXPLORER_SEED)
    # The slider's axis: the true MI of each rho is the intended 0, 0.5, ..., 5 nats (to 1e-9:
    # at 5 nats 1 - rho is 2e-5, so rho's last bit moves the MI by about 1e-12).
    np.testing.assert_allclose(grid.truth, EXPLORER_MI, rtol=0, atol=1e-9)
    for stat in (grid.mean, grid.sd):
        assert all(stat[name].shape == (11, 10) for name in BOUND_NAMES)


# Cheap settings across the grid, and two large batches (K = 256 and 512, a few seconds each).
SAMPLED = [
    (0.0, 2),
    (0.5, 8),
    (1.0, 128),
    (2.5, 64),
    (3.0, 16),
    (5.0, 4),
    (4.5, 256),
    pytest.param(2.0, 512, marks=pytest.mark.slow),
]


@pytest.mark.parametrize(("mi", "k"), SAMPLED)
def test_precomputed_settings_equal_the_library(grid, mi, k):
    i = EXPLORER_MI.index(mi)
    expected = library_cell(grid.rho[i], k, EXPLORER_N_BATCHES, EXPLORER_SEED)
    cell = grid.cell(rho=grid.rho[i], k=k)
    for key, value in expected.items():
        # The same float64 operations in the same order: equal to the last bit on the machine that
        # wrote the file; 1e-12 relative allows another CPU's last-bit exp/log over 200 batches.
        assert cell[key] == pytest.approx(value, rel=1e-12, abs=1e-14), key


def test_grid_obeys_the_bounds_identities(grid):
    log_k = np.log(grid.k)[None, :]
    # InfoNCE never exceeds ln K, batch by batch, so neither does its mean.
    assert np.all(grid.mean["infonce"] <= log_k)
    # Independent data (I = 0): the optimal critic is 0, and every bound is 0 in every batch.
    for name in BOUND_NAMES:
        np.testing.assert_allclose(grid.mean[name][0], 0.0, atol=1e-12)
        np.testing.assert_allclose(grid.sd[name][0], 0.0, atol=1e-12)
    # DV is never below NWJ for the same critic: here DV(S) vs NWJ(S + 1) differ by m - 1 - log m
    # for the off-diagonal mean m of e^S, which is >= 0 batch by batch.
    assert np.all(grid.mean["dv"] >= grid.mean["nwj"] - 1e-12)


def test_grid_shows_the_ceiling_and_the_spread(grid):
    # What the page says: at K = 16 InfoNCE stays below ln 16 at 5 nats, and the spread of DV and
    # NWJ grows with the MI while InfoNCE's does not (5 nats against 1, K = 16).
    j = list(EXPLORER_K).index(16)
    one, five = EXPLORER_MI.index(1.0), EXPLORER_MI.index(5.0)
    assert grid.mean["infonce"][five, j] < math.log(16) < grid.truth[five]
    for name in ("dv", "nwj"):
        assert grid.sd[name][five, j] > 2 * grid.sd[name][one, j]
    assert grid.sd["infonce"][five, j] < grid.sd["infonce"][one, j]


def test_batch_bounds_equals_the_library_and_the_grid_function():
    bounds = batch_bounds(0.7, 6, n_batches=5, seed=3)
    expected = library_cell(0.7, 6, 5, 3)
    assert float(np.mean(bounds.nwj)) == expected["nwj_mean"]
    small = variational_grid([0.7], [6], n_batches=5, seed=3)
    cell = small.cell(rho=0.7, k=6)
    for key, value in expected.items():
        assert cell[key] == value
    assert cell["truth"] == gaussian_mutual_information(0.7)
    assert cell["infonce_se"] == pytest.approx(cell["infonce_sd"] / math.sqrt(5))


def test_cells_are_independent_of_the_rest_of_the_grid():
    # A cell depends only on (rho, K, n_batches, seed): that is what lets tests recompute one.
    alone = variational_grid([0.9], [8], n_batches=4)
    within = variational_grid([0.2, 0.9], [4, 8], n_batches=4)
    for name in BOUND_NAMES:
        assert within.mean[name][1, 1] == alone.mean[name][0, 0]


def test_write_and_load_round_trip(tmp_path):
    small = variational_grid([0.0, informational_correlation(0.5)], [2, 4], n_batches=3, seed=1)
    path = write_precomputed(tmp_path / "data.py", grid=small)
    spec = importlib.util.spec_from_file_location("variational_data_copy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    loaded = precomputed_grid(module)
    assert loaded.rho.tolist() == small.rho.tolist()
    for name in BOUND_NAMES:
        assert np.array_equal(loaded.mean[name], small.mean[name])
        assert np.array_equal(loaded.sd[name], small.sd[name])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: batch_bounds(1.0, 4), "rho must lie strictly between -1 and 1"),
        (lambda: batch_bounds(0.5, 1), "k must be an integer >= 2"),
        (lambda: batch_bounds(0.5, 4, n_batches=1), "n_batches must be an integer >= 2"),
        (lambda: variational_grid([], [4]), "rhos and ks must each hold at least one value"),
        (lambda: variational_grid([0.5], [4], n_batches=2).cell(rho=0.4, k=4), "rho must be one"),
        (lambda: variational_grid([0.5], [4], n_batches=2).cell(rho=0.5, k=8), "k must be one"),
    ],
)
def test_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- the Vega-Lite explorer -------------------------------------------------------------------


def test_setting_lines_format_the_cell(grid):
    i = EXPLORER_MI.index(3.0)
    cell = grid.cell(rho=grid.rho[i], k=16)
    lines = setting_lines(cell, grid.n_batches)
    assert lines[0] == f"I = 3.000 nats (\u03c1 = {format_number(grid.rho[i], 4)}), K = 16"
    assert lines[1] == f"ln K = {format_number(math.log(16))} nats"
    mean, sd = cell["infonce_mean"], cell["infonce_sd"]
    assert lines[2] == (
        f"InfoNCE: {format_number(mean)} \u00b1 {format_number(sd)}"
        f" (mean \u2212 truth {format_number(mean - 3.0)})"
    )
    assert lines[-1] == "mean \u00b1 sd over 200 batches"


def test_spec_holds_every_setting_and_its_numbers(grid):
    spec = variational_spec(grid)
    assert {p["name"] for p in spec["params"]} == {"mi", "k"}
    slider = next(p for p in spec["params"] if p["name"] == "mi")["bind"]
    assert (slider["min"], slider["max"], slider["step"]) == (0.0, 5.0, 0.5)
    radios = next(p for p in spec["params"] if p["name"] == "k")["bind"]
    assert radios["options"] == list(EXPLORER_K)
    numbers = spec["datasets"]["numbers"]
    assert len({(r["i"], r["k"]) for r in numbers}) == 110
    # Every setting's text equals setting_lines of the grid's cell.
    for i, k in [(0, 2), (6, 16), (10, 1024)]:
        shown = [
            r["t"] for r in sorted(numbers, key=lambda r: r["o"]) if r["i"] == i and r["k"] == k
        ]
        assert shown == setting_lines(grid.cell(rho=grid.rho[i], k=k), grid.n_batches)
    curves = spec["datasets"]["curves"]
    row = next(r for r in curves if r["i"] == 6 and r["k"] == 16 and r["s"] == "dv")
    j = list(EXPLORER_K).index(16)
    assert row["mean"] == round(grid.mean["dv"][6, j], 4)
    assert row["hi"] == round(grid.mean["dv"][6, j] + grid.sd["dv"][6, j], 4)
    assert spec["usermeta"]["explorer"]["columns"] == [3, 2, 1]


def test_explorer_displays_as_vega_lite_only(grid):
    bundle = variational_explorer(grid)._repr_mimebundle_()
    assert set(bundle) == {VEGALITE_MIME, "text/plain"}
    assert "11 values of the true MI x 10 batch sizes, 200 batches each" in bundle["text/plain"]


def simulated_nwj(rho: float, k: int, n_batches: int, seed: int) -> np.ndarray:
    """NWJ with the optimal critic plus one for ``n_batches`` batches, vectorised over batches.

    Written out here (diagonal mean of log r, plus one, minus the off-diagonal mean of r) rather
    than with ``infotheory.nwj`` batch by batch, so that 200,000 batches take a second; the first
    batch is checked against the library below.
    """
    x, y = sample_gaussian_pair(n_batches * k, rho, seed=seed)
    x, y = x.reshape(n_batches, k), y.reshape(n_batches, k)
    scores = gaussian_log_density_ratio(x[:, :, None], y[:, None, :], rho)
    off = ~np.eye(k, dtype=bool)
    out = 1 + np.einsum("bii->bi", scores).mean(axis=1) - np.exp(scores[:, off]).mean(axis=1)
    assert math.isclose(out[0], nwj(scores[0] + 1), rel_tol=1e-12)
    return out


@pytest.mark.parametrize(("rho", "k", "n_batches"), [(0.3, 8, 200_000), (0.3, 2, 400_000)])
def test_nwj_population_variance_matches_simulation(rho, k, n_batches):
    # At rho = 0.3 the density ratio has finite moments under p(x)p(y) up to order
    # 1 + 1/rho = 4.3 > 4, so the sample variance has a finite variance of its own and
    # converges like 1/sqrt(n): its relative standard error here, measured over 40
    # sub-blocks, is 0.36% (K = 8) and 0.5% (K = 2). A 2% tolerance is 4-6 of those,
    # and still catches a formula without the r_ij/r_ji covariance term, which is
    # 1.1% of the variance at K = 8 and 4.2% at K = 2 (the K = 2 case is there for it).
    values = simulated_nwj(rho, k, n_batches, seed=20)
    assert values.var(ddof=1) == pytest.approx(nwj_population_variance(rho, k), rel=0.02)
    # The estimator is unbiased: its mean is the true MI, within four standard errors.
    se = values.std(ddof=1) / math.sqrt(n_batches)
    assert abs(values.mean() - gaussian_mutual_information(rho)) < 4 * se


def test_nwj_population_variance_closed_form_values():
    # At rho = 0 the ratio is identically 1 and every batch gives exactly 0.
    assert nwj_population_variance(0.0, 16) == 0.0
    # Hand-computed at rho = 0.5, K = 4: 0.25/4 + (1/3 + 0.0625/0.9375)/12 = 0.0625 + 0.4/12.
    assert nwj_population_variance(0.5, 4) == pytest.approx(0.0625 + 0.4 / 12, rel=1e-14)
    # Symmetric in rho, and near rho = 1 the variance grows like e^{2I}/(K(K-1)) + ...:
    # K(K-1) Var (1 - rho^2) -> 1 + 1/2 as rho -> 1.
    assert nwj_population_variance(-0.7, 8) == nwj_population_variance(0.7, 8)
    rho = 1 - 1e-9
    assert 8 * 7 * nwj_population_variance(rho, 8) * (1 - rho**2) == pytest.approx(1.5, rel=1e-6)


@pytest.mark.parametrize(
    ("rho", "k", "match"),
    [(1.0, 8, "rho"), (-1.5, 8, "rho"), (0.5, 1, "k"), (0.5, 2.0, "k"), (0.5, True, "k")],
)
def test_nwj_population_variance_rejects_bad_input(rho, k, match):
    with pytest.raises(ValueError, match=match):
        nwj_population_variance(rho, k)
