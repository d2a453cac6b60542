"""Tests for infotheory.clustering: NMI, AMI and EMI against sklearn, exact sums and identities."""

import itertools
import math
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import adjusted_mutual_info_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix
from sklearn.metrics.cluster._expected_mutual_info_fast import (
    expected_mutual_information as sklearn_emi,
)

from infotheory import (
    ContinuousLabelsWarning,
    adjusted_mutual_information,
    expected_mutual_information,
    mutual_information,
    normalized_mutual_information,
)

METHODS = ("arithmetic", "geometric", "max", "min")

# sklearn's test_adjusted_mutual_info_score pair (sklearn/metrics/cluster/tests/test_supervised.py),
# for which sklearn asserts MI 0.41022, EMI 0.15042 and AMI 0.27821 (5 decimals).
SKLEARN_A = np.array([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3])
SKLEARN_B = np.array([1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2])


def exact_emi(a, b):
    """EMI of margins a, b as a 50-digit Decimal sum of exact hypergeometric probabilities."""
    getcontext().prec = 50
    n = sum(a)
    total = Decimal(0)
    for ai, bj in itertools.product(a, b):
        for nij in range(max(1, ai + bj - n), min(ai, bj) + 1):
            p = Fraction(math.comb(bj, nij) * math.comb(n - bj, ai - nij), math.comb(n, ai))
            log_term = (Decimal(n * nij) / Decimal(ai * bj)).ln()
            total += Decimal(p.numerator) / Decimal(p.denominator) * nij / n * log_term
    return float(total)


def margins(x, y):
    table = contingency_matrix(x, y)
    return table.sum(axis=1).tolist(), table.sum(axis=0).tolist()


def random_pairs(count, seed):
    """Random label pairs of many sizes, cluster counts and balances (incl. constant ones)."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(1, 400))
        k_x, k_y = int(rng.integers(1, 15)), int(rng.integers(1, 15))
        p_x, p_y = rng.dirichlet(np.ones(k_x) * 0.5), rng.dirichlet(np.ones(k_y) * 0.5)
        x = rng.choice(k_x, size=n, p=p_x)
        y = np.where(rng.random(n) < rng.random(), x, rng.choice(k_y, size=n, p=p_y))
        yield x, y


def is_singletons(labels):
    return len(set(labels.tolist())) == len(labels) > 1


# --- known values ----------------------------------------------------------------------------


def test_sklearn_known_values():
    assert mutual_information(SKLEARN_A, SKLEARN_B) == pytest.approx(0.41022, abs=5e-6)
    assert expected_mutual_information(SKLEARN_A, SKLEARN_B) == pytest.approx(0.15042, abs=5e-6)
    assert adjusted_mutual_information(SKLEARN_A, SKLEARN_B) == pytest.approx(0.27821, abs=5e-6)
    # The same arrays through sklearn itself, to far more digits.
    table = contingency_matrix(SKLEARN_A, SKLEARN_B)
    assert expected_mutual_information(SKLEARN_A, SKLEARN_B) == pytest.approx(
        sklearn_emi(table, 17), abs=1e-14
    )
    assert adjusted_mutual_information(SKLEARN_A, SKLEARN_B) == pytest.approx(
        adjusted_mutual_info_score(SKLEARN_A, SKLEARN_B), abs=1e-14
    )


def test_sklearn_known_value_large_array():
    # sklearn: the pair repeated 110 times has AMI 0.38 (2 decimals).
    a, b = np.tile(SKLEARN_A, 110), np.tile(SKLEARN_B, 110)
    assert adjusted_mutual_information(a, b) == pytest.approx(0.38, abs=5e-3)
    assert adjusted_mutual_information(a, b) == pytest.approx(
        adjusted_mutual_info_score(a, b), abs=1e-10
    )


def test_emi_matches_exact_sum():
    cases = [
        (SKLEARN_A, SKLEARN_B),
        ([0, 0, 1, 1], [0, 1, 0, 1]),
        ([0, 0, 0, 1, 1, 2], [0, 1, 1, 1, 2, 2]),
        (np.repeat([0, 1, 2, 3], [1, 7, 30, 62]), np.tile([0, 1, 2], 34)[:100]),
    ]
    for x, y in cases:
        exact = exact_emi(*margins(x, y))
        assert expected_mutual_information(x, y) == pytest.approx(exact, rel=1e-12)


def test_emi_matches_exact_sum_large_margins():
    # Long hypergeometric tails that the Hoeffding window cuts: the result is still exact.
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 3, 600), rng.integers(0, 2, 600)
    assert expected_mutual_information(x, y) == pytest.approx(exact_emi(*margins(x, y)), rel=1e-11)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1]),
        ([0, 1, 1, 2, 2, 2], [5, 5, 6, 6, 7, 8]),
        ([0, 0, 0, 0, 1, 1, 1], [0, 1, 0, 1, 0, 1, 2]),
    ],
)
def test_emi_is_the_mean_over_all_permutations(x, y):
    shuffles = itertools.permutations(range(len(y)))
    mis = [mutual_information(x, np.asarray(y)[list(p)]) for p in shuffles]
    assert expected_mutual_information(x, y) == pytest.approx(np.mean(mis), abs=1e-14)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1]),
        ([0, 1, 1, 2, 2, 2], [5, 5, 6, 6, 7, 8]),
    ],
)
@pytest.mark.parametrize("method", METHODS)
def test_ami_averages_to_zero_over_all_permutations(x, y, method):
    # With the margins fixed, E[MI] = EMI and the denominator is constant, so E[AMI] = 0 exactly.
    amis = [
        adjusted_mutual_information(x, np.asarray(y)[list(p)], method=method)
        for p in itertools.permutations(range(len(y)))
    ]
    assert np.mean(amis) == pytest.approx(0.0, abs=1e-12)


def test_ami_averages_to_zero_for_random_labelings():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 5, 100)
    y = rng.integers(0, 8, 100)
    amis = np.array([adjusted_mutual_information(x, rng.permutation(y)) for _ in range(400)])
    standard_error = amis.std(ddof=1) / np.sqrt(amis.size)
    assert abs(amis.mean()) < 4 * standard_error
    # NMI of the same random pairings is clearly positive: the bias AMI removes.
    nmi = np.mean([normalized_mutual_information(x, rng.permutation(y)) for _ in range(50)])
    assert nmi > 10 * standard_error


# --- sklearn as oracle -----------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_nmi_matches_sklearn(method):
    for x, y in random_pairs(150, seed=1):
        expected = normalized_mutual_info_score(x, y, average_method=method)
        assert normalized_mutual_information(x, y, method=method) == pytest.approx(
            expected, abs=1e-10
        )


@pytest.mark.parametrize("method", METHODS)
def test_ami_matches_sklearn(method):
    for x, y in random_pairs(150, seed=2):
        if is_singletons(x) or is_singletons(y):
            continue  # sklearn's eps-clamped 0/0; see test_ami_singleton_cases
        expected = adjusted_mutual_info_score(x, y, average_method=method)
        assert adjusted_mutual_information(x, y, method=method) == pytest.approx(
            expected, abs=1e-10
        )


def test_emi_matches_sklearn():
    for x, y in random_pairs(150, seed=3):
        table = contingency_matrix(x, y)
        expected = sklearn_emi(table, int(table.sum()))
        assert expected_mutual_information(x, y) == pytest.approx(expected, abs=1e-10)


@pytest.mark.parametrize(("n", "k_x", "k_y"), [(5000, 20, 20), (20000, 2, 50), (3000, 60, 3)])
def test_ami_and_emi_match_sklearn_large(n, k_x, k_y):
    rng = np.random.default_rng(n)
    x = rng.integers(0, k_x, n)
    y = np.where(rng.random(n) < 0.3, x % k_y, rng.integers(0, k_y, n))
    table = contingency_matrix(x, y)
    assert expected_mutual_information(x, y) == pytest.approx(sklearn_emi(table, n), abs=1e-10)
    for method in METHODS:
        assert adjusted_mutual_information(x, y, method=method) == pytest.approx(
            adjusted_mutual_info_score(x, y, average_method=method), abs=1e-10
        )


def test_emi_many_clusters_with_repeated_sizes():
    # 300 clusters of 5 against 40 uneven ones: 12000 cells but few distinct margin pairs.
    rng = np.random.default_rng(12)
    x = np.repeat(np.arange(300), 5)
    y = rng.choice(40, size=1500, p=rng.dirichlet(np.ones(40)))
    table = contingency_matrix(x, y)
    assert expected_mutual_information(x, y) == pytest.approx(sklearn_emi(table, 1500), abs=1e-10)
    assert adjusted_mutual_information(x, y) == pytest.approx(
        adjusted_mutual_info_score(x, y), abs=1e-10
    )


def test_margin_products_do_not_overflow():
    # a_i * b_j = 60000**2 > 2**31; int32 arithmetic would wrap around.
    x = np.repeat([0, 1], [60000, 10000])
    y = np.concatenate([np.repeat([0, 1], [55000, 5000]), np.repeat([0, 1], [5000, 5000])])
    table = contingency_matrix(x, y)
    assert expected_mutual_information(x, y) == pytest.approx(sklearn_emi(table, 70000), abs=1e-10)
    assert adjusted_mutual_information(x, y) == pytest.approx(
        adjusted_mutual_info_score(x, y), abs=1e-10
    )
    assert normalized_mutual_information(x, y) == pytest.approx(
        normalized_mutual_info_score(x, y), abs=1e-10
    )


# --- edge cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_both_constant(method):
    for x, y in [([3], [7]), ([1, 1, 1], ["a", "a", "a"])]:
        assert normalized_mutual_information(x, y, method=method) == 1.0
        assert adjusted_mutual_information(x, y, method=method) == 1.0
        assert normalized_mutual_info_score(x, y, average_method=method) == 1.0
        assert expected_mutual_information(x, y) == 0.0


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("x", "y"),
    [([0, 0, 0, 0], [0, 1, 2, 3]), ([0, 1, 1, 0, 1, 1], [5] * 6), ([2] * 469, [1] + [2] * 468)],
)
def test_one_constant(method, x, y):
    assert normalized_mutual_information(x, y, method=method) == 0.0
    assert normalized_mutual_information(y, x, method=method) == 0.0
    assert adjusted_mutual_information(x, y, method=method) == 0.0
    assert adjusted_mutual_information(y, x, method=method) == 0.0
    assert expected_mutual_information(x, y) == 0.0
    assert normalized_mutual_info_score(x, y, average_method=method) == 0.0
    assert adjusted_mutual_info_score(x, y, average_method=method) == 0.0


@pytest.mark.parametrize("n", [2, 3, 10, 17, 1000])
@pytest.mark.parametrize("method", METHODS)
def test_ami_singleton_cases(n, method):
    singletons = np.arange(n)
    # Both labelings put every sample alone: identical partitions.
    assert adjusted_mutual_information(singletons, singletons[::-1], method=method) == 1.0
    assert adjusted_mutual_info_score(singletons, singletons[::-1], average_method=method) == 1.0
    # One does: MI = EMI = min entropy, AMI_min is 0/0, defined as 1.0.
    other = singletons % 2
    if method == "min":
        assert adjusted_mutual_information(singletons, other, method=method) == 1.0
        assert adjusted_mutual_information(other, singletons, method=method) == 1.0
    elif n > 2:
        expected = adjusted_mutual_info_score(singletons, other, average_method=method)
        assert adjusted_mutual_information(singletons, other, method=method) == pytest.approx(
            expected, abs=1e-10
        )


def test_nmi_bounded_below_one_for_imperfect_match():
    # sklearn's test_normalized_mutual_info_score_bounded (issue #13836).
    labels2 = [1] + [0] * 468
    labels3 = [0, 1] + [0] * 467
    for method in METHODS:
        assert 0 <= normalized_mutual_information(labels2, labels3, method=method) < 1


@pytest.mark.parametrize("method", METHODS)
def test_identical_partitions_score_exactly_one(method):
    rng = np.random.default_rng(7)
    x = rng.integers(0, 9, 500)
    relabelled = np.array(list("abcdefghi"))[(x * 4) % 9]
    assert normalized_mutual_information(x, relabelled, method=method) == 1.0
    assert adjusted_mutual_information(x, relabelled, method=method) == 1.0


def test_label_kinds():
    x = [-1, -1, 2, 2, 7]
    assert normalized_mutual_information(x, ["u", "u", "v", "v", "w"]) == 1.0
    assert adjusted_mutual_information([0.5, 0.5, 1.5, 1.5], [True, True, False, False]) == 1.0
    assert expected_mutual_information([0, 0, 1, 1], ["a", "b", "a", "b"]) == pytest.approx(
        math.log(2) / 3, abs=1e-15
    )


def test_results_are_python_floats():
    x, y = SKLEARN_A, SKLEARN_B
    for value in (
        normalized_mutual_information(x, y),
        adjusted_mutual_information(x, y),
        expected_mutual_information(x, y),
        adjusted_mutual_information([0, 0], [1, 1]),
        normalized_mutual_information([0, 1], [1, 1]),
    ):
        assert type(value) is float


# --- properties ------------------------------------------------------------------------------

paired_labels = st.integers(1, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 5), min_size=n, max_size=n),
        st.lists(st.integers(-2, 3), min_size=n, max_size=n),
    )
)


@given(paired_labels, st.sampled_from(METHODS))
def test_nmi_properties(pair, method):
    x, y = map(np.asarray, pair)
    nmi = normalized_mutual_information(x, y, method=method)
    assert 0.0 <= nmi <= 1.0
    assert normalized_mutual_information(y, x, method=method) == pytest.approx(nmi, abs=1e-12)
    relabelled = np.array(["p", "q", "r", "s", "t", "u"])[5 - x]
    assert normalized_mutual_information(relabelled, y, method=method) == pytest.approx(
        nmi, abs=1e-12
    )


@given(paired_labels, st.sampled_from(METHODS))
def test_ami_properties(pair, method):
    x, y = map(np.asarray, pair)
    ami = adjusted_mutual_information(x, y, method=method)
    assert ami <= 1.0
    assert adjusted_mutual_information(y, x, method=method) == pytest.approx(ami, abs=1e-12)
    assert adjusted_mutual_information(x, x, method=method) == 1.0
    assert adjusted_mutual_information(x + 10, -x, method=method) == 1.0
    emi = expected_mutual_information(x, y)
    assert -1e-15 <= emi <= min(mutual_information(x, x), mutual_information(y, y)) + 1e-12
    assert expected_mutual_information(y, x) == pytest.approx(emi, abs=1e-14)


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function",
    [normalized_mutual_information, adjusted_mutual_information, expected_mutual_information],
)
def test_bad_labels(function):
    with pytest.raises(ValueError, match="x and y must have the same length"):
        function([0, 1, 2], [0, 1])
    with pytest.raises(ValueError, match="x must not be empty"):
        function([], [])
    with pytest.raises(ValueError, match="y must not contain NaN"):
        function([0, 1], [0.0, np.nan])
    with pytest.raises(ValueError, match="x must be 1-D"):
        function([[0, 1]], [[0, 1]])


@pytest.mark.parametrize("function", [normalized_mutual_information, adjusted_mutual_information])
@pytest.mark.parametrize("method", ["mean", "Arithmetic", None, 1])
def test_bad_method(function, method):
    with pytest.raises(ValueError, match="method must be one of"):
        function([0, 1], [0, 1], method=method)


# --- many clusters: sparse tables --------------------------------------------------------------


def test_many_clusters_match_sklearn():
    # 400 clusters each at n = 8000 (160,000 cells, at most 8000 occupied); sklearn as oracle
    # to 1e-10, as in the 20 x 20 tests (its EMI sums log-factorials the same way).
    rng = np.random.default_rng(30)
    x = rng.integers(0, 400, 8000)
    y = np.where(rng.random(8000) < 0.5, x, rng.integers(0, 400, 8000))
    assert expected_mutual_information(x, y) == pytest.approx(
        sklearn_emi(contingency_matrix(x, y), 8000), abs=1e-10
    )
    for method in METHODS:
        assert adjusted_mutual_information(x, y, method=method) == pytest.approx(
            adjusted_mutual_info_score(x, y, average_method=method), abs=1e-10
        )
        assert normalized_mutual_information(x, y, method=method) == pytest.approx(
            normalized_mutual_info_score(x, y, average_method=method), abs=1e-12
        )


def test_distinct_float_labels_need_no_dense_table():
    # 1e5 distinct floats would be a 74.5 GiB dense table; only the occupied cells are kept.
    # Such labels look continuous: every call warns (ContinuousLabelsWarning), and still counts.
    rng = np.random.default_rng(31)
    x = rng.random(100_000)
    groups = np.floor(x * 1000)  # 1000 clusters, a function of x
    assert continuous(lambda: normalized_mutual_information(x, x[::-1])) == 1.0
    assert continuous(lambda: adjusted_mutual_information(x, x * 2)) == 1.0
    # x singleton: every pairing gives I = H(groups).  2e-9: the hypergeometric terms take
    # differences of log-factorials near log(1e5!) ~ 1e6, each exact to ~1e6 * eps ~ 1e-10.
    assert continuous(lambda: expected_mutual_information(x, groups)) == pytest.approx(
        mutual_information(groups, groups), abs=2e-9
    )
    codes = np.unique(groups, return_inverse=True)[1]
    x_codes = np.argsort(np.argsort(x))
    assert continuous(lambda: normalized_mutual_information(x, groups)) == pytest.approx(
        normalized_mutual_info_score(x_codes, codes), abs=1e-12
    )


def continuous(call):
    """The value of ``call()``, which must warn that its float labels look continuous."""
    with pytest.warns(ContinuousLabelsWarning, match="^[xyz] looks continuous"):
        value = call()
    return value


@pytest.mark.parametrize(
    "function",
    [normalized_mutual_information, adjusted_mutual_information, expected_mutual_information],
)
def test_bad_labels_of_every_kind(function):
    with pytest.raises(ValueError, match="x is a masked array; masks are not honoured"):
        function(np.ma.array([0, 1, 1], mask=[0, 0, 1]), [0, 1, 0])
    with pytest.raises(ValueError, match="y must be a rectangular array, got a ragged"):
        function([0, 1], [[0, 1], [1]])
    with pytest.raises(ValueError, match="x must hold labels of one kind"):
        function(["1", 1, "1", 1], [0, 1, 0, 1])
    with pytest.raises(ValueError, match="y must not contain NaT"):
        function([0, 1], np.array([1, "NaT"], dtype="m8[s]"))


@pytest.mark.parametrize("function", [normalized_mutual_information, adjusted_mutual_information])
@pytest.mark.parametrize("method", [np.array(["max"]), ["max"], ("max",), b"max"])
def test_method_must_be_a_string(function, method):
    with pytest.raises(ValueError, match="method must be one of"):
        function([0, 1, 1], [0, 1, 0], method=method)
    assert function([0, 1, 1], [0, 1, 0], method=np.str_("max")) == function(
        [0, 1, 1], [0, 1, 0], method="max"
    )
