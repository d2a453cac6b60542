"""Tests of the Monte Carlo sweeps behind the chapter's figures, on their real values."""

import numpy as np
import pytest
from scipy.stats import chi2

from infotheory import discretize
from infotheory.estimators import permutation_test
from infotheory.gaussian import gaussian_mutual_information, sample_gaussian_pair
from mibook import experiments as ex
from mibook.datasets import relationships

TRUTH_09 = -0.5 * np.log(1 - 0.9**2)  # 0.8304 nats


@pytest.fixture(scope="module")
def bias_20_bins():
    return ex.independent_bias([1000, 10000], 20, n_seeds=20)


@pytest.fixture(scope="module")
def table():
    return {(row.estimator, row.rho): row for row in ex.estimator_bias_table(n_seeds=20)}


def test_plugin_bias_at_n_1000_is_first_order_term_plus_a_little(bias_20_bins):
    # (B-1)^2/(2n) = 361/2000 = 0.1805 nats.  The expansion omits terms of
    # order 1/n^2: for the 400-cell joint entropy the next one is
    # (m^2 - 1)/(12 n^2) = 0.013 nats (7 %), and with only 2.5 samples per
    # cell later terms add a few % more, all positive.  Seed noise of the
    # mean is 0.018/sqrt(20) = 0.004 (2 %).  So the ratio lies in (1, 1.15).
    assert bias_20_bins.first_order[0] == pytest.approx(0.1805)
    ratio = bias_20_bins.plugin_mean / bias_20_bins.first_order
    assert 1.0 < ratio[0] < 1.15
    # At n = 10000 the 1/n^2 terms shrink tenfold (< 1 %); 5 % is 3 seed-SEs.
    assert ratio[1] == pytest.approx(1.0, abs=0.05)
    assert abs(ratio[1] - 1) < abs(ratio[0] - 1)


def test_miller_madow_removes_the_bias_when_cells_are_well_filled():
    # 10 x 10 bins at n = 1000: 10 samples per cell, all cells occupied, so
    # the (m - 1)/(2n) corrections are the exact first-order terms.  The
    # plug-in bias is 0.04; seed noise of the mean is 0.007/sqrt(20) = 0.002.
    sweep = ex.independent_bias(1000, 10, n_seeds=20)
    assert sweep.plugin_mean[0] > 0.035
    assert abs(sweep.miller_madow_mean[0]) < 0.01


def test_miller_madow_falls_short_with_empty_cells(bias_20_bins):
    # 20 x 20 bins at n = 1000 leave about 400 * exp(-2.5) = 33 cells empty,
    # and Miller-Madow counts only occupied cells, so it under-corrects by
    # about 33/2000 = 0.016 plus the higher-order bias: it keeps a clearly
    # positive remainder of roughly a fifth of the plug-in bias.
    mm, plugin = bias_20_bins.miller_madow_mean[0], bias_20_bins.plugin_mean[0]
    assert 0.02 < mm < 0.25 * plugin


def test_bias_grows_with_bins_and_shrinks_with_n():
    by_bins = ex.independent_bias(500, [2, 5, 10, 20], n_seeds=5)
    by_n = ex.independent_bias([100, 1000, 10000], 8, n_seeds=5)
    assert np.all(np.diff(by_bins.plugin_mean) > 0)
    assert np.all(np.diff(by_n.plugin_mean) < 0)
    assert by_bins.n.tolist() == [500] * 4
    assert by_n.bins.tolist() == [8] * 3
    assert by_n.first_order == pytest.approx(49 / (2 * np.array([100, 1000, 10000])))


def test_ksg_is_close_to_the_truth_at_rho_09(table):
    # KSG (k = 3, n = 1000) at rho = 0.9 has a small positive bias of about
    # +0.014 nats (100 seeds; the estimator agrees with scikit-learn's
    # _compute_mi_cc to 1e-15) and a per-estimate sd of 0.03-0.04, so the
    # mean of 20 seeds has an SE of 0.008: 0.05 = bias + 4.5 SE.
    ksg = table[("ksg", 0.9)]
    assert ksg.truth == pytest.approx(TRUTH_09)
    assert ksg.mean == pytest.approx(TRUTH_09, abs=0.05)
    # The 20-bin plug-in is biased upwards by about 0.085 at rho = 0.9.
    assert table[("plug-in", 0.9)].bias > 0.06
    assert table[("plug-in", 0.9)].bias > 1.5 * abs(ksg.bias)


def test_estimators_on_independent_data(table):
    # True MI 0.  Plug-in 0.18-0.21 (see above); KSG is nearly unbiased
    # with sd 0.03, SE of the mean 0.006.
    assert 0.18 < table[("plug-in", 0.0)].mean < 0.21
    assert 0.02 < table[("miller-madow", 0.0)].mean < 0.06
    assert abs(table[("ksg", 0.0)].mean) < 0.02
    assert all(row.std > 0 for row in table.values())


def test_table_rows_and_labels(table):
    rows = ex.estimator_bias_table([0.3], n=200, bins=8, k=4, n_seeds=2)
    assert [r.label for r in rows] == ["plug-in (8 bins)", "Miller-Madow (8 bins)", "KSG (k = 4)"]
    assert {r.rho for r in rows} == {0.3}
    assert rows[0].bias == pytest.approx(rows[0].mean - rows[0].truth)


def test_gaussian_truth_sweep_shapes_and_trends():
    rhos = [0.0, 0.5, 0.9, 0.99]
    sweep = ex.gaussian_truth(rhos, n=500, bins=(5, 20), n_seeds=4)
    assert sweep.truth == pytest.approx(gaussian_mutual_information(np.array(rhos)))
    assert sweep.plugin_mean.shape == sweep.plugin_std.shape == (2, 4)
    assert sweep.ksg_mean.shape == sweep.miller_madow_mean.shape == (4,)
    assert np.all(np.diff(sweep.plugin_mean, axis=1) > 0)
    # Coarse bins lose information (data processing): 5 bins per variable
    # cannot carry the 1.96 nats at rho = 0.99 (at most ln 5 = 1.61).
    assert sweep.plugin_mean[0, -1] < np.log(5) < sweep.truth[-1]
    # More bins, more upward bias on independent data.
    assert sweep.plugin_mean[1, 0] > sweep.plugin_mean[0, 0] > 0
    assert (sweep.n, sweep.k, sweep.n_seeds, sweep.miller_madow_bins) == (500, 3, 4, 20)


def test_chance_nmi_grows_with_clusters_while_ami_stays_at_zero():
    sweep = ex.chance_scores([2, 10, 50, 100], n=1000, n_seeds=5)
    assert np.all(np.diff(sweep.nmi_mean) > 0)
    # Plug-in MI of random labelings ~ (c-1)^2/(2n) before saturating: NMI
    # of 100 clusters on 1000 items is far from 0.
    assert sweep.nmi_mean[-1] > 0.4
    assert sweep.nmi_mean[0] < 0.005
    # AMI's expectation is exactly 0 under random labelings; its sd here is
    # below 0.007, so the mean of 5 seeds is within 0.01.
    assert np.all(np.abs(sweep.ami_mean) < 0.01)
    assert sweep.method == "arithmetic"


def test_g_test_null_is_chi2_with_full_cells_and_not_with_sparse_ones():
    few, many = ex.g_test_null((4, 20), n=1000, n_permutations=1000)
    assert (few.dof, many.dof) == (9, 361)
    # 62.5 samples per cell: permutation mean of G within 10 % of dof (the
    # mean of 1000 chi2_9 draws has SE 0.13 = 1.5 %).
    assert few.null.mean() == pytest.approx(few.dof, rel=0.1)
    # 2.5 samples per cell: G runs about 10 % above chi2_361 (whose SE of the
    # mean over 1000 draws is 0.85 = 0.2 %).
    assert many.null.mean() > 1.05 * many.dof
    assert few.chi2_pvalue == pytest.approx(chi2.sf(few.statistic, 9))


def test_g_test_null_is_the_scaled_permutation_null():
    (res,) = ex.g_test_null(5, n=400, rho=0.5, n_permutations=50, seed=3)
    # Recompute with the same stream: the sample is drawn first, then the
    # permutations.
    rng = np.random.default_rng(3)
    x, y = sample_gaussian_pair(400, 0.5, seed=rng)
    test = permutation_test(discretize(x, 5), discretize(y, 5), n_permutations=50, seed=rng)
    assert res.statistic == pytest.approx(800 * test.statistic)
    assert res.null == pytest.approx(800 * test.null_distribution)
    # A correlated sample is far in the tail.
    assert res.permutation_pvalue == pytest.approx(1 / 51)


def test_permutation_nulls_of_the_four_relationships():
    results = ex.permutation_nulls(relationships(1000), bins=20, n_permutations=199)
    names = [r.name for r in results]
    assert names == ["Linear", "Quadratic", "Sinusoidal", "Independent"]
    by_name = dict(zip(names, results, strict=True))
    for name in ("Linear", "Quadratic", "Sinusoidal"):
        assert by_name[name].pvalue == pytest.approx(1 / 200)
        assert by_name[name].statistic > 0.5
    # The null sits at the plug-in bias, about 0.2 nats for 20 x 20 bins.
    assert by_name["Independent"].null.mean() == pytest.approx(0.2, abs=0.02)
    assert by_name["Independent"].pvalue > 0.05


@pytest.mark.parametrize(
    ("call", "fields"),
    [
        (lambda s: ex.independent_bias([100, 300], 5, n_seeds=3, seed=s), ["plugin_mean"]),
        (
            lambda s: ex.gaussian_truth([0.2, 0.7], n=200, bins=(4,), n_seeds=2, seed=s),
            ["plugin_mean", "ksg_mean", "miller_madow_std"],
        ),
        (lambda s: ex.chance_scores([3, 8], n=200, n_seeds=3, seed=s), ["nmi_mean", "ami_std"]),
        (lambda s: ex.g_test_null(3, n=200, n_permutations=20, seed=s)[0], ["null"]),
    ],
)
def test_same_seed_same_result_other_seed_other_result(call, fields):
    a, b, c = call(7), call(7), call(8)
    for field in fields:
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
        assert not np.array_equal(getattr(a, field), getattr(c, field))
    gen = call(np.random.default_rng(7))
    np.testing.assert_array_equal(getattr(gen, fields[0]), getattr(a, fields[0]))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: ex.independent_bias(1, 5), "ns"),
        (lambda: ex.independent_bias([100, 200], [2, 3, 4]), "broadcast"),
        (lambda: ex.independent_bias(100, 5.0), "bins"),
        (lambda: ex.independent_bias(100, 5, n_seeds=1), "n_seeds"),
        (lambda: ex.gaussian_truth([0.5, 1.0]), "rhos"),
        (lambda: ex.gaussian_truth(0.5, n=4, k=3), "n"),
        (lambda: ex.chance_scores([1, 5]), "n_clusters_list"),
        (lambda: ex.chance_scores([2], method="median"), "method"),
        (lambda: ex.g_test_null(1), "bins"),
        (lambda: ex.g_test_null(4, rho=-1.5), "rho must"),
        (lambda: ex.binned_gaussian_mutual_information(1.0, 20), "rho must"),
        (lambda: ex.binned_gaussian_mutual_information([0.1, 0.2], 20), "rho must"),
        (lambda: ex.binned_gaussian_mutual_information(0.5, 1), "bins"),
        (lambda: ex.binned_gaussian_mutual_information(0.5, 2.5), "bins"),
        (
            lambda: ex.permutation_nulls({"a": ([0.0, 1.0], [1.0, 0.0])}, n_permutations=0),
            "n_permutations",
        ),
    ],
)
def test_bad_arguments_raise(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_binned_gaussian_mi_matches_scipys_bivariate_normal_cdf():
    # An independent route to the same number: the cell probabilities as
    # rectangle differences of scipy's bivariate normal CDF (Genz's algorithm,
    # asked for 1e-10 absolute error) at the equiprobable edges; +-12 stands
    # for infinity (the mass beyond 12 sd is below 1e-32).  The summed MI
    # then agrees to about 400 cells x 1e-10 x |log ratio| < 1e-6.
    from scipy.stats import multivariate_normal, norm

    rho, bins = 0.9, 20
    edges = norm.ppf(np.linspace(0, 1, bins + 1))
    edges[0], edges[-1] = -12.0, 12.0
    mvn = multivariate_normal([0.0, 0.0], [[1.0, rho], [rho, 1.0]], abseps=1e-10, releps=0)
    grid = np.array([[a, b] for a in edges for b in edges])
    cdf = mvn.cdf(grid).reshape(bins + 1, bins + 1)
    cells = np.clip(np.diff(np.diff(cdf, axis=0), axis=1), 1e-300, None)
    oracle = np.sum(cells * np.log(cells * bins**2))
    assert ex.binned_gaussian_mutual_information(rho, bins) == pytest.approx(oracle, abs=1e-6)


def test_binned_gaussian_mi_two_bins_is_the_orthant_closed_form():
    # P(X > 0, Y > 0) = 1/4 + arcsin(rho)/(2 pi) (Sheppard); quadrature to 1e-13.
    for rho in (-0.7, 0.3, 0.95):
        q = 0.25 + np.arcsin(rho) / (2 * np.pi)
        exact = 2 * q * np.log(4 * q) + 2 * (0.5 - q) * np.log(4 * (0.5 - q))
        got = ex.binned_gaussian_mutual_information(rho, 2)
        assert got == pytest.approx(exact, abs=1e-12)


def test_binned_gaussian_mi_loses_information_and_less_with_more_bins():
    # Data processing: below the truth; finer equiprobable bins refine the
    # coarser ones only when they nest (5 -> 10 -> 20 -> 40), so the MI rises
    # along that chain; 200 bins lose under 1% at rho = 0.9.  Zero at rho = 0.
    values = [ex.binned_gaussian_mutual_information(0.9, b) for b in (5, 10, 20, 40)]
    assert np.all(np.diff(values) > 0)
    assert values[-1] < TRUTH_09
    assert ex.binned_gaussian_mutual_information(0.9, 200) == pytest.approx(TRUTH_09, rel=0.01)
    assert ex.binned_gaussian_mutual_information(0.0, 7) == pytest.approx(0.0, abs=1e-14)
