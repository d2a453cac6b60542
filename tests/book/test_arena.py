"""Tests of mibook.arena (the estimator arena's computation and data file), its explorer spec
(mibook.vega_arena) and its figure (mibook.figures.arena).

The committed data file is checked against the library by recomputing a sample of its numbers
from scratch: each is a pure function of the library and the stored seeds, so they must agree to
a relative 1e-12 (bit for bit on the machine that wrote the file; 1e-12 leaves room for the last
bits of libm on another CPU, far below any digit the page prints).
"""

from __future__ import annotations

import json
import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.container import ErrorbarContainer

import infotheory as it
from infotheory.tasks import TASKS, get_task
from mibook import arena
from mibook.arena import (
    ARENA_N,
    BINNED,
    DATA_FILE,
    ESTIMATORS,
    ArenaGrid,
    HighMISweep,
    arena_bins,
    arena_estimate,
    arena_grid,
    arena_point,
    high_mi_sweep,
    load_arena,
    paired_difference,
    recommendations,
    samples_needed,
    save_arena,
    standardise,
    sweep_point,
)
from mibook.figures._style import check_legible
from mibook.figures.arena import high_mi_figure
from mibook.vega import MINUS, VEGALITE_MIME, format_number
from mibook.vega_arena import arena_explorer, arena_lines, arena_spec

RTOL = 1e-12  # see the module docstring


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def data():
    return load_arena()


@pytest.fixture(scope="module")
def small():
    """A small grid: two 1-D tasks (one the other's transform) and one 3 x 3 task."""
    tasks = [get_task(t) for t in ("1v1-normal-0.75", "half_cube-1v1-normal-0.75")]
    tasks.append(get_task("multinormal-sparse-3-3-2-2.0"))
    return arena_grid(tasks=tasks, n=(100, 300), n_seeds=3, seed=7)


# ------------------------------------------------------------------ one estimate


@pytest.mark.parametrize(("n", "bins"), [(5, 2), (100, 4), (200, 6), (1000, 14), (10000, 45)])
def test_bins_keep_about_five_samples_per_cell(n, bins):
    assert arena_bins(n) == bins
    # The rule: round(sqrt(n / 5)), at least 2.
    assert bins == max(2, round(math.sqrt(n / 5)))


def test_standardise_gives_mean_zero_and_unit_sd_per_column():
    a = np.random.default_rng(0).normal(3.0, [2.0, 0.5], size=(500, 2))
    z = standardise(a)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1, rtol=1e-12)
    # A constant column is only centred, never divided by zero.
    assert np.array_equal(standardise(np.full(4, 2.0)), np.zeros((4, 1)))


def test_each_estimate_is_the_library_function_on_standardised_columns():
    x, y = get_task("1v1-normal-0.75").sample(400, seed=3)
    xs, ys = standardise(x), standardise(y)
    b = arena_bins(400)
    expected = {
        "ksg3": it.ksg_mutual_information(xs, ys, k=3),
        "ksg10": it.ksg_mutual_information(xs, ys, k=10),
        "gaussian": it.covariance_mutual_information(xs, ys),
        "copula": it.gaussian_copula_mutual_information(xs, ys),
        "plug-in": it.mutual_information(it.discretize(xs[:, 0], b), it.discretize(ys[:, 0], b)),
        "miller-madow": it.mutual_information(
            it.discretize(xs[:, 0], b), it.discretize(ys[:, 0], b), correction="miller-madow"
        ),
        "shrinkage": it.mutual_information(
            it.discretize(xs[:, 0], b), it.discretize(ys[:, 0], b), correction="shrinkage"
        ),
    }
    for key in ESTIMATORS:
        assert arena_estimate(x, y, key) == expected[key], key


def test_rank_based_estimates_ignore_the_standardisation():
    # The copula and the quantile-binned estimates depend on ranks only, which standardising
    # keeps; so they equal the library's value on the raw samples (up to round-off).
    x, y = get_task("student-identity-1-1-1").sample(500, seed=1)
    assert arena_estimate(x, y, "copula") == pytest.approx(
        it.gaussian_copula_mutual_information(x, y), rel=1e-9
    )
    b = arena_bins(500)
    raw = it.mutual_information(it.discretize(x[:, 0], b), it.discretize(y[:, 0], b))
    assert arena_estimate(x, y, "plug-in") == pytest.approx(raw, rel=1e-12)


def test_binned_estimators_refuse_vectors_and_unknown_names_are_refused():
    x, y = get_task("multinormal-sparse-3-3-2-2.0").sample(100, seed=0)
    with pytest.raises(ValueError, match="needs one-dimensional x and y"):
        arena_estimate(x, y, "plug-in")
    with pytest.raises(ValueError, match="estimator"):
        arena_estimate(x, y, "kde")


# ------------------------------------------------------------------ grids


def test_grid_entries_are_single_points_bit_for_bit(small):
    for t, task_id in enumerate(small.tasks):
        for e, key in enumerate(small.estimators):
            for i, n in enumerate(small.n):
                for s, seed in enumerate(small.seeds):
                    value = small.values[t, e, i, s]
                    if key in BINNED and small.dim_x[t] > 1:
                        assert np.isnan(value)
                    else:
                        assert value == arena_point(task_id, key, int(n), seed)


def test_grid_statistics_and_lookups(small):
    t, e, i = small.index("1v1-normal-0.75", "ksg3", 300)
    values = small.values[t, e, i]
    assert small.stats("1v1-normal-0.75", "ksg3", 300) == (
        float(values.mean()),
        float(values.std(ddof=1)),
    )
    assert small.applies("1v1-normal-0.75", "shrinkage")
    assert not small.applies("multinormal-sparse-3-3-2-2.0", "shrinkage")
    assert small.truth.tolist() == [TASKS[t].mutual_information for t in small.tasks]
    with pytest.raises(ValueError, match="n must be one of"):
        small.index("1v1-normal-0.75", "ksg3", 1000)
    with pytest.raises(ValueError, match="task must be one of"):
        small.index("no-such-task", "ksg3", 100)
    with pytest.raises(ValueError, match="task_id"):
        arena_point("no-such-task", "ksg3", 100, 0)


def test_bad_grid_arguments_name_the_argument():
    with pytest.raises(ValueError, match="n"):
        arena_grid(tasks=[get_task("1v1-normal-0.75")], n=(5,), n_seeds=2)
    with pytest.raises(ValueError, match="n_seeds"):
        arena_grid(tasks=[get_task("1v1-normal-0.75")], n=(100,), n_seeds=1)
    with pytest.raises(ValueError, match="estimators"):
        arena_grid(tasks=[get_task("1v1-normal-0.75")], n=(100,), estimators=("kde",))
    with pytest.raises(ValueError, match="tasks"):
        arena_grid(tasks=[], n=(100,))
    with pytest.raises(ValueError, match="rhos"):
        high_mi_sweep(rhos=(1.0,), n=(100,))


def test_a_transform_of_the_base_samples_keeps_the_rank_estimates_exactly(small):
    # half-cube is strictly increasing and maps the base task's very samples (same seeds), so
    # the copula and binned estimates are unchanged seed by seed, while KSG's move.
    pair = ("half_cube-1v1-normal-0.75", "1v1-normal-0.75")
    for key in ("copula", "plug-in", "miller-madow", "shrinkage"):
        assert paired_difference(small, *pair, key, 300) == (0.0, 0.0), key
    _, sd = paired_difference(small, *pair, "ksg3", 300)
    assert sd > 0


def synthetic_grid(means: list[list[float]], sds: list[list[float]], truth: float) -> ArenaGrid:
    """A one-task grid whose seeds are mean - sd, mean, mean + sd (sample sd = sd exactly)."""
    means, sds = np.array(means), np.array(sds)  # (n_estimators, n_n)
    values = np.stack([means - sds, means, means + sds], axis=-1)[None]
    return ArenaGrid(
        tasks=("a",),
        names=("A",),
        families=("f",),
        dim_x=np.array([1]),
        dim_y=np.array([1]),
        truth=np.array([truth]),
        estimators=("ksg3", "copula"),
        n=np.array([100, 1000, 10000]),
        seeds=(1, 2, 3),
        values=values,
        seed=0,
    )


def test_samples_needed_asks_for_the_mean_within_the_tolerance_beyond_noise_from_then_on():
    # Three seeds: mean - sd, mean, mean + sd, so the standard error is sd / sqrt(3) exactly.
    grid = synthetic_grid(
        # ksg3: |error| + 2 se = 0.5 + 0.115, 0.05 + 0.058 (just over 0.1), 0.02 + 0.023:
        # within 10% beyond noise only at 10000.  copula: 0 + 0.0115, 0 + 0.231 (the spread too
        # wide at 1000), 0.15 + 0.0115 (out of the band again at 10000): never.
        means=[[0.5, 0.95, 1.02], [1.0, 1.0, 0.85]],
        sds=[[0.1, 0.05, 0.02], [0.01, 0.2, 0.01]],
        truth=1.0,
    )
    assert samples_needed(grid, "a", "ksg3") == 10000
    assert samples_needed(grid, "a", "copula") is None
    # With 20%: copula 0.0115, 0.231 (still out), 0.1615 -> from 10000 only.
    assert samples_needed(grid, "a", "copula", tolerance=0.2) == 10000
    assert samples_needed(grid, "a", "copula", tolerance=0.25) == 100
    # Optimistic: |error| - 2 se = 0.385, -0.008, -0.003: not shown outside from 1000 on.
    assert samples_needed(grid, "a", "ksg3", optimistic=True) == 1000
    (advice,) = recommendations(grid)
    assert advice.best == ("ksg3",)
    assert advice.n == 10000
    assert advice.needed == {"ksg3": 10000, "copula": None}
    task, error, rel_sd = advice.deciding["ksg3"]
    assert (task, error, rel_sd) == ("a", pytest.approx(0.02, abs=1e-12), pytest.approx(0.02))


def test_estimators_the_seeds_cannot_tell_apart_are_listed_together():
    # Truth 1, three seeds (se = sd / sqrt(3)).  ksg3 is within 10% beyond noise from n = 100.
    # copula: |error| + 2 se = 0.12 + 0.058, 0.05 + 0.231, 0 + 0.012: from 10000 only, two steps
    # above ksg3; but at 100 its error minus two standard errors, 0.062, is inside 10%: the seeds
    # cannot show it to be worse there, so it is listed with ksg3.
    grid = synthetic_grid(
        means=[[1.0, 1.0, 1.0], [0.88, 0.95, 1.0]],
        sds=[[0.01, 0.01, 0.01], [0.05, 0.2, 0.01]],
        truth=1.0,
    )
    (advice,) = recommendations(grid)
    assert advice.needed == {"ksg3": 100, "copula": 10000}
    assert advice.best == ("ksg3", "copula")
    # A clear loser (error 0.3 at 100, 0.24 beyond two standard errors) is not listed with it.
    grid = synthetic_grid(
        means=[[1.0, 1.0, 1.0], [0.7, 0.95, 1.0]],
        sds=[[0.01, 0.01, 0.01], [0.05, 0.2, 0.01]],
        truth=1.0,
    )
    (advice,) = recommendations(grid)
    assert advice.best == ("ksg3",)
    # One step apart (100 and 1000 here) counts as tied.
    grid = synthetic_grid(
        means=[[1.0, 1.0, 1.0], [0.7, 1.0, 1.0]],
        sds=[[0.01, 0.01, 0.01], [0.05, 0.01, 0.01]],
        truth=1.0,
    )
    (advice,) = recommendations(grid)
    assert advice.needed == {"ksg3": 100, "copula": 1000}
    assert advice.best == ("ksg3", "copula")
    # Equal n: the cheaper estimator (PREFERENCE) is listed first.
    grid = synthetic_grid(
        means=[[0.5, 1.0, 1.0], [0.5, 1.0, 1.0]],
        sds=[[0.1, 0.01, 0.01], [0.1, 0.01, 0.01]],
        truth=1.0,
    )
    (advice,) = recommendations(grid)
    assert advice.best == ("copula", "ksg3")


def test_tables_state_what_the_grid_holds(small):
    with pytest.raises(ValueError, match="one cell per column"):
        arena.MarkdownTable(["a", "b"], [["1"]])
    grid = synthetic_grid(
        means=[[0.5, 0.95, 1.02], [1.0, 1.0, 0.85]],
        sds=[[0.1, 0.05, 0.02], [0.01, 0.2, 0.01]],
        truth=1.0,
    )
    # Verdicts: beyond 3 standard errors (sd / sqrt(3) here) or within noise.
    (row,) = arena.error_table(grid, "ksg3", 10000).rows
    assert row == ["A", "1.000", "1.020 \u00b1 0.020", "0.020 \u00b1 0.012", "within noise"]
    (row,) = arena.error_table(grid, "copula", 10000).rows
    assert row[-1] == "under"
    (row,) = arena.recommendation_table(grid).rows
    assert row[:4] == ["f", "1", "KSG\u00a0k=3\u00a010,000", "A: +2.0% \u00b1 2.0%"]
    assert row[4] == "copula\u00a0never"
    # The invariance rows of the small grid: half-cube of the bivariate normal, paired by seed.
    (inv,) = arena.invariance_rows(small, 300, ("ksg3", "copula", "plug-in"))
    assert (inv["task"], inv["base"]) == ("half_cube-1v1-normal-0.75", "1v1-normal-0.75")
    assert inv["copula"] == (0.0, 0.0)
    assert inv["ksg3"] == paired_difference(small, inv["task"], inv["base"], "ksg3", 300)
    table = arena.invariance_table(small, 300, ("ksg3", "copula"))
    assert table.header == ["task", "KSG (k = 3)", "Gaussian copula"]
    assert table.rows[0][2] == "0.000 \u00b1 0.000"


def test_sweep_lookups_on_a_synthetic_sweep():
    # Relative errors at n = 10000 for rho 0.5, 0.9, 0.99: 1%, -5%, -20%.
    truth = np.asarray(it.gaussian_mutual_information(np.array([0.5, 0.9, 0.99])))
    factors = np.array([[1.3, 1.01], [0.8, 0.95], [0.5, 0.8]])  # (rho, n)
    values = (truth[:, None] * factors)[None, :, :, None] * np.ones(2)
    sweep = HighMISweep(
        dims=np.array([1]),
        rho=np.array([0.5, 0.9, 0.99]),
        truth=truth[None],
        n=np.array([100, 10000]),
        seeds=(1, 2),
        values=values,
        estimator="ksg3",
        seed=0,
    )
    assert sweep.largest_rho_within(0.1, n=10000) == 0.9
    assert sweep.largest_rho_within(0.1, n=100) is None
    assert sweep.samples_needed(0.1) == [10000, 10000, None]
    assert sweep.samples_needed(0.25) == [10000, 100, 10000]


# ------------------------------------------------------------------ the committed data file


def test_data_file_is_small_and_current(data):
    # Under 1 MB on disk; load_arena's check (MI, dimensions, first samples) passed.
    assert DATA_FILE.stat().st_size < 1_000_000
    grid = data.grid
    assert grid.tasks == tuple(TASKS)
    assert grid.estimators == ESTIMATORS
    assert grid.n.tolist() == list(ARENA_N)
    assert len(grid.seeds) >= 10
    assert grid.truth.tolist() == [TASKS[t].mutual_information for t in grid.tasks]
    # NaN exactly where a binned estimator meets a vector.
    vector = (grid.dim_x > 1) | (grid.dim_y > 1)
    for e, key in enumerate(grid.estimators):
        nan = np.isnan(grid.values[:, e]).all(axis=(1, 2))
        assert nan.tolist() == (vector if key in BINNED else np.zeros_like(vector)).tolist()
        assert not np.isnan(grid.values[~vector, e]).any()


# Points recomputed from scratch: every estimator, every family of task, small and large n,
# first and last seed (the bimodal sampler is slow, so only a small n of it).
GRID_POINTS = [
    ("1v1-normal-0.75", "ksg3", 10000, 3),
    ("1v1-additive-0.1", "ksg10", 1000, 0),
    ("1v1-bimodal-0.75", "plug-in", 500, 4),
    ("student-identity-1-1-1", "shrinkage", 1000, 9),
    ("asinh-student-identity-1-1-1", "copula", 2000, 1),
    ("gamma-exponential-0.5", "miller-madow", 200, 2),
    ("swissroll_x-normal_cdf-1v1-normal-0.75", "gaussian", 5000, 7),
    ("multinormal-dense-5-5-0.5", "copula", 10000, 9),
    ("spiral-multinormal-sparse-3-3-2-2.0", "ksg10", 1000, 5),
    ("half_cube-multinormal-sparse-3-3-2-2.0", "ksg3", 2000, 8),
    ("student-identity-3-3-2", "gaussian", 100, 6),
]


@pytest.mark.parametrize(("task", "estimator", "n", "s"), GRID_POINTS)
def test_sampled_grid_points_equal_the_library(data, task, estimator, n, s):
    t, e, i = data.grid.index(task, estimator, n)
    stored = data.grid.values[t, e, i, s]
    assert stored == pytest.approx(arena_point(task, estimator, n, data.grid.seeds[s]), rel=RTOL)


def test_sampled_mean_and_sd_equal_a_full_recomputation(data):
    # One whole setting (10 seeds), as the explorer shows it.
    task, key, n = "normal_cdf-1v1-normal-0.75", "ksg3", 1000
    values = [arena_point(task, key, n, seed) for seed in data.grid.seeds]
    mean, sd = data.grid.stats(task, key, n)
    assert mean == pytest.approx(np.mean(values), rel=RTOL)
    assert sd == pytest.approx(np.std(values, ddof=1), rel=RTOL)


@pytest.mark.parametrize(
    ("d", "rho", "n", "s"), [(1, 0.9999, 10000, 0), (1, 0.5, 100, 9), (3, 0.999, 1000, 4)]
)
def test_sampled_sweep_points_equal_the_library(data, d, rho, n, s):
    sweep = data.sweep
    a = int(np.flatnonzero(sweep.dims == d)[0])
    r = int(np.flatnonzero(np.isclose(sweep.rho, rho, rtol=0, atol=1e-12))[0])
    i = int(np.flatnonzero(sweep.n == n)[0])
    expected = sweep_point(rho, n, d, sweep.seeds[s], estimator=sweep.estimator)
    assert sweep.values[a, r, i, s] == pytest.approx(expected, rel=RTOL)
    assert sweep.truth[a, r] == pytest.approx(-d / 2 * math.log(1 - rho * rho), rel=1e-12)


def test_a_stale_or_foreign_file_is_refused(tmp_path):
    document = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    document["grid"]["truth"][0] += 1e-6
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ValueError, match=r"stale .*MI.*make arena"):
        load_arena(stale)
    document = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    document["grid"]["probes"][2][0] *= 1.001
    stale.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ValueError, match="samples changed"):
        load_arena(stale)
    document["format"] = 99
    stale.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ValueError, match="format"):
        load_arena(stale)


def test_a_file_in_another_task_order_loads_in_the_library_order(data, tmp_path):
    # The values belong to task ids, not positions: reversing the file's tasks changes nothing.
    document = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    g = document["grid"]
    shape = (len(g["tasks"]), -1)
    for key in ("tasks", "names", "families", "dim_x", "dim_y", "truth", "probes"):
        g[key] = g[key][::-1]
    g["values"] = np.array(g["values"], dtype=float).reshape(shape)[::-1].ravel().tolist()
    g["values"] = [None if np.isnan(v) else v for v in g["values"]]
    path = tmp_path / "reversed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    back = load_arena(path).grid
    assert back.tasks == data.grid.tasks == tuple(TASKS)
    assert np.array_equal(back.values, data.grid.values, equal_nan=True)


def test_save_and_load_keep_every_bit(small, tmp_path):
    sweep = high_mi_sweep(rhos=(0.9, 0.99), n=(100, 200), dims=(1, 2), n_seeds=2)
    both = arena.ArenaData(small, sweep, {"grid": 1.0, "sweep": 2.0})
    path = save_arena(both, tmp_path / "a.json")
    back = load_arena(path, check=False)  # a three-task grid is not the library's twenty
    assert np.array_equal(back.grid.values, small.values, equal_nan=True)
    assert back.grid.seeds == small.seeds
    assert back.grid.tasks == small.tasks
    assert np.array_equal(back.sweep.values, sweep.values)
    assert np.array_equal(back.sweep.truth, sweep.truth)
    with pytest.raises(ValueError, match="stale"):
        load_arena(path)


# ------------------------------------------------------------------ the explorer's spec


def test_spec_holds_every_setting_inline_with_python_formatted_numbers(small):
    spec = arena_spec(small, task="half_cube-1v1-normal-0.75", n=300, estimator="copula")
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"task", "n", "estimator"}
    assert params["task"]["value"] == 1
    assert params["n"]["value"] == 300
    assert params["task"]["bind"]["labels"] == list(small.names)
    assert params["estimator"]["bind"]["options"] == list(ESTIMATORS)
    assert params["n"]["bind"]["options"] == [100, 300]
    rows = spec["datasets"]["atn"]
    for t, task in enumerate(small.tasks):
        for n in (100, 300):
            ordered = sorted(rows, key=lambda r: r["o"])
            shown = [r["s"] for r in ordered if r["t"] == t and r["n"] == n]
            assert shown == arena_lines(small, task, n, "ksg3")[0]
        for key in ESTIMATORS:
            shown = [r["s"] for r in spec["datasets"]["acrossn"] if r["t"] == t and r["e"] == key]
            assert shown == arena_lines(small, task, 100, key)[1]
    # No binned rows for the 3 x 3 task; the plotted numbers are the grid's, rounded.
    est = spec["datasets"]["est"]
    assert not [r for r in est if r["t"] == 2 and r["e"] in BINNED]
    row = next(r for r in est if r["t"] == 0 and r["e"] == "ksg3" and r["n"] == 300)
    mean, sd = small.stats("1v1-normal-0.75", "ksg3", 300)
    assert row["mean"] == round(mean, 4)
    assert row["hi"] == round(mean + sd, 4)
    assert json.loads(json.dumps(spec)) == spec
    with pytest.raises(ValueError, match="n must be one of"):
        arena_spec(small, n=1000)


def test_lines_state_the_setting_and_use_the_unicode_minus(small):
    at_n, across = arena_lines(small, "multinormal-sparse-3-3-2-2.0", 100, "plug-in")
    truth = TASKS["multinormal-sparse-3-3-2-2.0"].mutual_information
    assert at_n[1] == f"true MI {format_number(truth)} nats; n = 100, 3 seeds"
    assert len(at_n) == 2 + 4 + 1
    assert at_n[-1] == "binned estimators: need 1-D X and Y"
    assert across == [
        "plug-in (binned): mean \u2212 truth \u00b1 sd",
        "not defined here: it bins 1-D X and Y",
    ]
    _, across = arena_lines(small, "1v1-normal-0.75", 100, "ksg3")
    mean, sd = small.stats("1v1-normal-0.75", "ksg3", 100)
    error = format_number(mean - small.truth[0])
    assert across[1] == f"n = 100: {error} \u00b1 {format_number(sd)}"
    # Negative numbers carry U+2212, never an ASCII hyphen.
    assert all("-" not in line.split(":")[-1] for line in across[1:])
    assert format_number(-0.5) == MINUS + "0.500"


def test_the_page_explorer_fits_the_weight_budget(data):
    explorer = arena_explorer(data.grid)
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {VEGALITE_MIME, "text/plain"}
    size = len(json.dumps(bundle[VEGALITE_MIME], ensure_ascii=False).encode())
    assert size < 1_000_000, size
    assert bundle["text/plain"].startswith(f"Estimator arena (Vega-Lite 5): {len(TASKS)} tasks")


# ------------------------------------------------------------------ the figure


def test_high_mi_figure_is_legible_and_draws_each_n(data):
    fig = high_mi_figure(data.sweep)
    assert check_legible(fig) == []
    assert len(fig.axes) == data.sweep.dims.size
    for ax in fig.axes:
        bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        assert len(bars) == 3
        assert ax.get_xlabel() == "true MI (nats)"
    # The first panel's n = 10,000 line is the sweep's relative error in percent.
    line = fig.axes[0].containers[2].lines[0]
    i = int(np.flatnonzero(data.sweep.n == 10000)[0])
    np.testing.assert_allclose(line.get_ydata(), 100 * data.sweep.relative_error[0, :, i])
    with pytest.raises(ValueError, match="n must hold sizes"):
        high_mi_figure(data.sweep, n=(123,))
