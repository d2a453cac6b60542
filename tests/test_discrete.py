"""Unit tests for infotheory.discrete: known values, oracles, label kinds and bad input."""

import math

import numpy as np
import pytest
import scipy.stats
from sklearn.metrics import mutual_info_score
from sklearn.metrics.cluster import contingency_matrix

from infotheory import (
    conditional_entropy,
    conditional_mutual_information,
    contingency_table,
    discretize,
    entropy,
    joint_distribution,
    kl_divergence,
    mutual_information,
)

LN2 = math.log(2)

# sklearn's test_adjusted_mutual_info_score pair (sklearn/metrics/cluster/tests/test_supervised.py).
SKLEARN_A = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]
SKLEARN_B = [1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2]
SKLEARN_TABLE = [[5, 1, 0], [1, 4, 1], [0, 2, 3]]

BAD_BASES = [0, 0.0, 1, 1.0, -2, "two", True, False, float("nan"), float("inf"), [2]]


def mi_from_table(table):
    """Mutual information written out term by term from a nested list of counts."""
    n = sum(map(sum, table))
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table, strict=True)]
    return sum(
        c / n * math.log(n * c / (rows[i] * cols[j]))
        for i, r in enumerate(table)
        for j, c in enumerate(r)
        if c
    )


def entropy_of_labels(labels):
    _, counts = np.unique(np.asarray(labels), return_counts=True)
    return scipy.stats.entropy(counts)


# --- entropy -------------------------------------------------------------------------------


def test_entropy_scipy_known_value():
    # scipy's test_entropy: stats.entropy([0, 1, 2]) == 0.63651416829481278.
    assert entropy([0, 1, 2]) == pytest.approx(0.63651416829481278, abs=1e-14)
    assert entropy([0, 1, 2]) == pytest.approx(math.log(3) - 2 / 3 * math.log(2), abs=1e-15)


@pytest.mark.parametrize(
    ("p", "expected_bits"),
    [
        ([0.5, 0.5], 1.0),
        ([0.25] * 4, 2.0),
        ([1, 0, 0], 0.0),
        ([7], 0.0),
        ([0.5, 0.25, 0.25], 1.5),
        ([0.5, 0.25, 0.125, 0.125], 1.75),
        ([0, 0.5, 0, 0.5], 1.0),
    ],
)
def test_entropy_known_values_in_bits(p, expected_bits):
    assert entropy(p, base=2) == pytest.approx(expected_bits, abs=1e-14)
    assert entropy(p) == pytest.approx(expected_bits * LN2, abs=1e-14)


@pytest.mark.parametrize("m", [1, 2, 3, 10, 1000])
def test_entropy_of_uniform_is_log_m(m):
    assert entropy(np.ones(m)) == pytest.approx(math.log(m), abs=1e-12)
    assert entropy(np.full(m, 3.0), base=2) == pytest.approx(math.log2(m), abs=1e-12)


def test_entropy_counts_equal_probabilities_and_order_does_not_matter():
    assert entropy([1, 1, 2]) == pytest.approx(entropy([0.25, 0.25, 0.5]), abs=1e-15)
    assert entropy([3, 1, 0, 6]) == pytest.approx(entropy([6, 0, 3, 1]), abs=1e-15)
    assert entropy([3, 1, 6]) == pytest.approx(entropy([30, 10, 60]), abs=1e-15)


def test_entropy_returns_python_float():
    assert type(entropy([1, 2])) is float
    assert type(entropy([1, 2], base=2)) is float
    assert type(entropy(np.array([1.0]))) is float


@pytest.mark.parametrize("base", [2, 10, math.e, 0.5, 3.7, np.float64(2.0), np.int64(2)])
def test_entropy_base_conversion(base):
    p = [0.1, 0.2, 0.3, 0.4]
    assert entropy(p, base=base) == pytest.approx(entropy(p) / math.log(base), rel=1e-14)


@pytest.mark.parametrize("seed", range(20))
def test_entropy_matches_scipy(seed):
    rng = np.random.default_rng(seed)
    p = rng.random(rng.integers(1, 40))
    p[rng.random(p.size) < 0.3] = 0.0
    p[0] = 0.5  # not all zero
    assert entropy(p) == pytest.approx(scipy.stats.entropy(p), abs=1e-13)
    assert entropy(p, base=2) == pytest.approx(scipy.stats.entropy(p, base=2), abs=1e-13)


@pytest.mark.parametrize(
    ("p", "match"),
    [
        ([], "p must not be empty"),
        ([0.5, -0.1, 0.6], "p must be non-negative"),
        ([0.5, np.nan], r"p must be finite \(no NaN or inf\)"),
        ([0.5, np.inf], "p must be finite"),
        ([0.5, -np.inf], "p must be finite"),
        ([0, 0, 0], "p must not be all zero"),
        ([[0.5, 0.5]], r"p must be 1-D, got shape \(1, 2\)"),
        ([[0.5], [0.5]], r"p must be 1-D, got shape \(2, 1\)"),
        (0.5, r"p must be 1-D, got shape \(\)"),
        (["a", "b"], "p must hold numbers"),
        (["0.5", "0.5"], "p must hold numbers"),
        ([0.5, 0.5j], "p must hold numbers"),
        ([[1], [1, 2]], "p must hold numbers"),
        (np.array([0.5, None], dtype=object), "p must hold numbers"),
    ],
)
def test_entropy_bad_distribution(p, match):
    with pytest.raises(ValueError, match=match):
        entropy(p)


@pytest.mark.parametrize("base", BAD_BASES)
def test_entropy_bad_base(base):
    with pytest.raises(ValueError, match="base must be a positive number other than 1"):
        entropy([0.5, 0.5], base=base)


# --- kl_divergence --------------------------------------------------------------------------


def test_kl_known_value():
    p, q = [0.5, 0.2, 0.3], [0.1, 0.25, 0.65]
    expected = 0.5 * math.log(5) + 0.2 * math.log(0.8) + 0.3 * math.log(0.3 / 0.65)
    assert kl_divergence(p, q) == pytest.approx(expected, abs=1e-15)
    assert kl_divergence(p, q, base=2) == pytest.approx(expected / LN2, abs=1e-15)


def test_kl_of_a_distribution_with_itself_is_zero():
    assert kl_divergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == 0.0
    # normalised first: counts and probabilities describe the same distribution
    assert kl_divergence([2, 3, 5], [0.2, 0.3, 0.5]) == pytest.approx(0.0, abs=1e-15)


def test_kl_infinite_where_q_is_zero_and_zero_p_contributes_nothing():
    assert kl_divergence([1, 0], [0, 1]) == math.inf
    assert kl_divergence([0.5, 0.5, 0.0], [0.5, 0.0, 0.5]) == math.inf
    # p_i = 0 terms vanish, so only the first entry counts: 1 * log(1 / 0.5)
    assert kl_divergence([1, 0], [0.5, 0.5]) == pytest.approx(math.log(2), abs=1e-15)


def test_kl_is_not_symmetric():
    p, q = [0.9, 0.1], [0.5, 0.5]
    forward = 0.9 * math.log(1.8) + 0.1 * math.log(0.2)
    backward = 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(5)
    assert kl_divergence(p, q) == pytest.approx(forward, abs=1e-15)
    assert kl_divergence(q, p) == pytest.approx(backward, abs=1e-15)
    assert forward != pytest.approx(backward)


@pytest.mark.parametrize("seed", range(20))
def test_kl_matches_scipy_and_is_non_negative(seed):
    rng = np.random.default_rng(seed)
    m = rng.integers(1, 30)
    p = rng.random(m)
    p[rng.random(m) < 0.3] = 0.0
    p[0] = 1.0
    q = rng.random(m) + 1e-3
    d = kl_divergence(p, q)
    assert d == pytest.approx(scipy.stats.entropy(p, q), abs=1e-13)
    assert d >= 0.0
    assert kl_divergence(p, q, base=10) == pytest.approx(scipy.stats.entropy(p, q, base=10))


def test_kl_entropy_identity():
    # D(p || uniform) = log m - H(p)
    p = np.array([0.1, 0.2, 0.3, 0.4])
    assert kl_divergence(p, np.ones(4)) == pytest.approx(math.log(4) - entropy(p), abs=1e-15)


@pytest.mark.parametrize(
    ("p", "q", "match"),
    [
        ([0.5, 0.5], [1 / 3] * 3, r"p and q must have the same shape, got \(2,\) and \(3,\)"),
        ([], [0.5, 0.5], "p must not be empty"),
        ([0.5, 0.5], [], "q must not be empty"),
        ([0.5, -0.5], [0.5, 0.5], "p must be non-negative"),
        ([0.5, 0.5], [-0.5, 0.5], "q must be non-negative"),
        ([np.nan, 0.5], [0.5, 0.5], "p must be finite"),
        ([0.5, 0.5], [np.inf, 0.5], "q must be finite"),
        ([0.5, 0.5], [0.0, 0.0], "q must not be all zero"),
        ([0.0, 0.0], [0.5, 0.5], "p must not be all zero"),
        ([[0.5, 0.5]], [0.5, 0.5], "p must be 1-D"),
        ([0.5, 0.5], [[0.5, 0.5]], "q must be 1-D"),
        ([0.5, 0.5], ["x", "y"], "q must hold numbers"),
    ],
)
def test_kl_bad_input(p, q, match):
    with pytest.raises(ValueError, match=match):
        kl_divergence(p, q)


@pytest.mark.parametrize("base", BAD_BASES)
def test_kl_bad_base(base):
    with pytest.raises(ValueError, match="base must be a positive number other than 1"):
        kl_divergence([0.5, 0.5], [0.25, 0.75], base=base)


# --- contingency_table and joint_distribution -----------------------------------------------


def test_contingency_table_known_example():
    counts, xv, yv = contingency_table([0, 0, 1, 1], ["a", "b", "b", "b"])
    assert counts.tolist() == [[1, 1], [0, 2]]
    assert xv.tolist() == [0, 1]
    assert yv.tolist() == ["a", "b"]
    assert counts.dtype == np.int64


def test_contingency_table_of_sklearn_pair():
    counts, xv, yv = contingency_table(SKLEARN_A, SKLEARN_B)
    assert counts.tolist() == SKLEARN_TABLE
    assert xv.tolist() == [1, 2, 3]
    assert yv.tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    ("x", "y", "table", "x_values", "y_values"),
    [
        ([-3, 5, -3, 5, -3], [2, 2, 2, 7, 7], [[2, 1], [1, 1]], [-3, 5], [2, 7]),
        ([True, False, True], [0, 0, 1], [[1, 0], [1, 1]], [False, True], [0, 1]),
        (["b", "a", "b"], ["y", "x", "x"], [[1, 0], [1, 1]], ["a", "b"], ["x", "y"]),
        ([0.5, -1.5, 0.5], [2.0, 2.0, 3.0], [[1, 0], [1, 1]], [-1.5, 0.5], [2.0, 3.0]),
        ([1, 2.5, 1], [True, False, True], [[0, 2], [1, 0]], [1.0, 2.5], [False, True]),
    ],
)
def test_contingency_table_label_kinds(x, y, table, x_values, y_values):
    counts, xv, yv = contingency_table(x, y)
    assert counts.tolist() == table
    assert xv.tolist() == x_values
    assert yv.tolist() == y_values


def test_contingency_table_keeps_bool_and_unsigned_dtypes():
    _, xv, yv = contingency_table(np.array([True, False]), np.array([3, 200], dtype=np.uint8))
    assert xv.dtype == bool
    assert yv.dtype == np.uint8
    assert yv.tolist() == [3, 200]


@pytest.mark.parametrize("seed", range(12))
def test_contingency_table_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    x = rng.integers(-5, int(rng.integers(-4, 40)), n)
    y = rng.integers(0, int(rng.integers(1, 60)), n) * int(rng.integers(1, 7))
    counts, xv, yv = contingency_table(x, y)
    np.testing.assert_array_equal(counts, contingency_matrix(x, y))
    np.testing.assert_array_equal(xv, np.unique(x))
    np.testing.assert_array_equal(yv, np.unique(y))
    assert counts.sum() == n
    assert (counts.sum(axis=1) > 0).all()
    assert (counts.sum(axis=0) > 0).all()


def test_small_integer_dtypes_do_not_overflow_when_combined():
    # (x - min) * 256 + y overflows uint8/int16 arithmetic; the codes must be int64.
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, 5000).astype(np.uint8)
    y = rng.integers(-128, 128, 5000).astype(np.int8)
    counts, xv, yv = contingency_table(x, y)
    np.testing.assert_array_equal(counts, contingency_matrix(x.astype(int), y.astype(int)))
    np.testing.assert_array_equal(xv, np.unique(x))
    np.testing.assert_array_equal(yv, np.unique(y))


@pytest.mark.parametrize(
    ("offset_x", "offset_y"),
    [(2**62, 0), (-(2**62), 2**62), (2**63 - 100, -(2**63)), (-(2**63), 2**63 - 100)],
)
def test_labels_near_int64_limits_with_small_span(offset_x, offset_y):
    rng = np.random.default_rng(1)
    small_x, small_y = rng.integers(0, 20, 2000), rng.integers(0, 30, 2000)
    x, y = small_x + np.int64(offset_x), small_y + np.int64(offset_y)
    counts, xv, yv = contingency_table(x, y)
    np.testing.assert_array_equal(counts, contingency_matrix(small_x, small_y))
    assert xv.tolist() == [v + offset_x for v in range(20)]
    assert yv.tolist() == [v + offset_y for v in range(30)]
    assert mutual_information(x, y) == pytest.approx(mutual_info_score(small_x, small_y), abs=1e-12)


def test_extreme_int64_labels_whose_span_overflows():
    x = np.array([-(2**63), 2**63 - 1, 0, 5, -(2**63), 2**63 - 1])
    y = np.array([0, 1, 0, 1, 0, 1])
    counts, xv, _ = contingency_table(x, y)
    assert xv.tolist() == [-(2**63), 0, 5, 2**63 - 1]
    assert counts.tolist() == [[2, 0], [1, 0], [0, 1], [0, 2]]
    assert mutual_information(x, y) == pytest.approx(math.log(2), abs=1e-15)


def test_sparse_huge_range_labels_fall_back_correctly():
    # A span of 1e12 cannot be tabulated directly; the values must still come back right.
    x = np.array([0, 10**12, 7, 10**12, 0, -(10**12)])
    y = np.array([1, 2, 1, 2, 3, 3])
    counts, xv, yv = contingency_table(x, y)
    assert xv.tolist() == [-(10**12), 0, 7, 10**12]
    assert yv.tolist() == [1, 2, 3]
    assert counts.tolist() == [[0, 0, 1], [1, 0, 1], [1, 0, 0], [0, 2, 0]]
    assert mutual_information(x, y) == pytest.approx(mutual_info_score(x, y), abs=1e-15)


def test_uint64_labels_beyond_int64():
    big = 2**64 - 1
    x = np.array([0, big, 0, big, 2**63], dtype=np.uint64)
    y = np.array([0, 1, 0, 1, 1])
    counts, xv, _ = contingency_table(x, y)
    assert xv.dtype == np.uint64
    assert xv.tolist() == [0, 2**63, big]
    assert counts.tolist() == [[2, 0], [0, 1], [0, 2]]
    # a small span entirely above int64: must not be squeezed through int64 arithmetic
    x = np.array([big, big - 1, big, big - 3], dtype=np.uint64)
    counts, xv, _ = contingency_table(x, [1, 0, 1, 0])
    assert xv.tolist() == [big - 3, big - 1, big]
    assert counts.tolist() == [[1, 0], [1, 0], [0, 2]]
    assert mutual_information(x, [1, 0, 1, 0]) == pytest.approx(math.log(2), abs=1e-15)


def test_object_arrays_of_python_ints_stay_exact():
    # float64 would merge 2**62 and 2**62 + 1 (and 2**70 cannot be int64 at all).
    for big in (2**62, 2**70):
        x = np.array([big, big + 1, big, big + 1], dtype=object)
        counts, xv, _ = contingency_table(x, [0, 1, 0, 1])
        assert xv.tolist() == [big, big + 1]
        assert counts.tolist() == [[2, 0], [0, 2]]
        assert mutual_information(x, [0, 1, 0, 1]) == pytest.approx(math.log(2), abs=1e-15)


def test_object_arrays_of_mixed_numbers_and_of_strings():
    counts, xv, _ = contingency_table(np.array([1, 2.5, True, 1], dtype=object), [0, 1, 0, 0])
    assert xv.tolist() == [1.0, 2.5]  # True == 1, as in Python
    assert counts.tolist() == [[3, 0], [0, 1]]
    counts, xv, _ = contingency_table(np.array(["u", "v", "u"], dtype=object), [1, 1, 2])
    assert xv.tolist() == ["u", "v"]
    assert counts.tolist() == [[1, 1], [1, 0]]


def test_joint_distribution_known_example():
    joint, xv, yv = joint_distribution([0, 0, 1, 1], [0, 1, 1, 1])
    assert joint.tolist() == [[0.25, 0.25], [0.0, 0.5]]
    assert xv.tolist() == [0, 1]
    assert yv.tolist() == [0, 1]


def test_joint_distribution_is_counts_over_n():
    joint, xv, _ = joint_distribution(SKLEARN_A, SKLEARN_B)
    np.testing.assert_allclose(joint, np.array(SKLEARN_TABLE) / 17, rtol=0, atol=1e-16)
    assert joint.sum() == pytest.approx(1.0, abs=1e-15)
    assert xv.tolist() == [1, 2, 3]


# --- mutual_information -------------------------------------------------------------------


def test_mutual_information_sklearn_known_value():
    mi = mutual_information(SKLEARN_A, SKLEARN_B)
    assert mi == pytest.approx(0.41022, abs=5e-6)
    assert mi == pytest.approx(mi_from_table(SKLEARN_TABLE), abs=1e-15)
    assert mi == pytest.approx(mutual_info_score(SKLEARN_A, SKLEARN_B), abs=1e-15)


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ([0, 0, 1, 1], ["a", "a", "b", "b"], math.log(2)),
        ([0, 1, 0, 1], [0, 0, 1, 1], 0.0),
        ([0, 1, 2, 3], [3, 2, 1, 0], math.log(4)),
        ([0, 1, 2, 3], [0, 0, 1, 1], math.log(2)),
        ([0, 0, 0, 1], [0, 0, 1, 1], mi_from_table([[2, 1], [0, 1]])),
        ([5, 5, 5], [1, 2, 3], 0.0),
        (["only"], ["one"], 0.0),
    ],
)
def test_mutual_information_known_values(x, y, expected):
    assert mutual_information(x, y) == pytest.approx(expected, abs=1e-15)
    assert mutual_information(x, y, base=2) == pytest.approx(expected / LN2, abs=1e-15)


def test_mutual_information_hand_computed_table():
    # n = 8: [[3, 1], [1, 3]] -> 2 * (3/8 log(3/2) + 1/8 log(1/2))
    x = [0, 0, 0, 0, 1, 1, 1, 1]
    y = [0, 0, 0, 1, 0, 1, 1, 1]
    expected = 0.75 * math.log(1.5) + 0.25 * math.log(0.5)
    assert mutual_information(x, y) == pytest.approx(expected, abs=1e-15)
    assert expected == pytest.approx(0.1308121, abs=1e-7)


def test_mutual_information_exact_zero_for_constant_and_independent():
    assert mutual_information([3] * 10, list(range(10))) == 0.0
    assert mutual_information(list(range(10)), ["c"] * 10) == 0.0
    # a perfectly balanced product table is independent; round-off is clipped to 0.0
    x = np.repeat(np.arange(7), 11)
    y = np.tile(np.arange(11), 7)
    assert mutual_information(x, y) == 0.0


def test_mutual_information_returns_python_float():
    assert type(mutual_information([0, 1], [0, 1])) is float
    assert type(mutual_information([0, 1], [0, 1], base=2)) is float
    assert type(mutual_information([0, 1], [0, 1], correction="miller-madow")) is float


def test_mutual_information_with_itself_is_entropy():
    x = [0, 0, 1, 2, 2, 2, 3, 3, 3, 3]
    assert mutual_information(x, x) == pytest.approx(entropy([2, 1, 3, 4]), abs=1e-15)


@pytest.mark.parametrize("base", [2, 10, math.e, 0.5, 7.25])
def test_mutual_information_base_conversion(base):
    mi = mutual_information(SKLEARN_A, SKLEARN_B)
    assert mutual_information(SKLEARN_A, SKLEARN_B, base=base) == pytest.approx(
        mi / math.log(base), rel=1e-14
    )


def test_mutual_information_bits_equal_nats_over_ln2():
    assert mutual_information(SKLEARN_A, SKLEARN_B, base=2) == pytest.approx(
        0.41022 / LN2, abs=1e-5
    )


@pytest.mark.parametrize("seed", range(30))
def test_mutual_information_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5000))
    kx, ky = int(rng.integers(1, 30)), int(rng.integers(1, 30))
    x = rng.integers(0, kx, n)
    y = (x + rng.integers(0, ky, n)) % ky if seed % 2 else rng.integers(0, ky, n)
    expected = mutual_info_score(x, y)
    assert mutual_information(x, y) == pytest.approx(expected, abs=1e-12)
    assert mutual_information(y, x) == pytest.approx(expected, abs=1e-12)


def test_mutual_information_matches_sklearn_on_large_input():
    rng = np.random.default_rng(99)
    x = rng.integers(0, 20, 200_000)
    y = (x + rng.integers(0, 3, x.size)) % 20
    assert mutual_information(x, y) == pytest.approx(mutual_info_score(x, y), abs=1e-12)
    assert mutual_information(x.astype(str), y) == pytest.approx(mutual_info_score(x, y), abs=1e-12)


@pytest.mark.parametrize(
    "relabel",
    [
        lambda v: v,
        lambda v: -7 * v - 3,
        lambda v: v * 2**40 + 2**61,
        lambda v: (v * 10**9).astype(np.int64),
        lambda v: v.astype(np.int8),
        lambda v: v.astype(np.uint16),
        lambda v: v * 0.5 - 1.25,
        lambda v: np.array([f"label {i}" for i in v]),
        lambda v: np.array([f"label {i}" for i in v], dtype=object),
        lambda v: np.array([float(i) if i % 2 else int(i) for i in v], dtype=object),
    ],
)
def test_mutual_information_same_for_every_label_kind(relabel):
    rng = np.random.default_rng(5)
    x = rng.integers(0, 6, 400)
    y = (x + rng.integers(0, 4, 400)) % 5
    expected = mutual_info_score(x, y)
    assert mutual_information(relabel(x), y) == pytest.approx(expected, abs=1e-12)
    assert mutual_information(x, relabel(y)) == pytest.approx(expected, abs=1e-12)
    assert mutual_information(relabel(x), relabel(y)) == pytest.approx(expected, abs=1e-12)


def test_mutual_information_bool_labels():
    x = np.array([True, True, False, False, True, False])
    y = np.array([1, 1, 0, 0, 0, 0])
    assert mutual_information(x, y) == pytest.approx(mutual_info_score(x.astype(int), y), abs=1e-15)
    assert mutual_information(x, y) == pytest.approx(mi_from_table([[3, 0], [1, 2]]), abs=1e-15)


def test_mutual_information_negative_int_labels():
    assert mutual_information([-1, -1, -5, -5], [-9, -9, 3, 3]) == pytest.approx(
        math.log(2), abs=1e-15
    )


def _miller_madow_from_entropies(x, y):
    """H_MM(X) + H_MM(Y) - H_MM(X, Y) with H_MM = H + (m - 1) / (2n), from scipy."""
    n = len(x)
    pairs = [f"{a}|{b}" for a, b in zip(x, y, strict=True)]
    total = 0.0
    for sign, labels in ((1, x), (1, y), (-1, pairs)):
        _, counts = np.unique(np.asarray(labels), return_counts=True)
        total += sign * (scipy.stats.entropy(counts) + (counts.size - 1) / (2 * n))
    return total


def test_miller_madow_known_values():
    # independent 2x2 table: plug-in 0, correction (2 + 2 - 4 - 1) / (2 * 4) = -1/8
    assert mutual_information([0, 0, 1, 1], [0, 1, 0, 1], correction="miller-madow") == (
        pytest.approx(-0.125, abs=1e-15)
    )
    # perfectly dependent 2x2: log 2 + (2 + 2 - 2 - 1) / 8
    assert mutual_information([0, 0, 1, 1], [0, 0, 1, 1], correction="miller-madow") == (
        pytest.approx(math.log(2) + 0.125, abs=1e-15)
    )
    # a constant array has m = 1 everywhere: no correction
    assert mutual_information([1, 1, 1], [0, 1, 2], correction="miller-madow") == 0.0
    x, y = SKLEARN_A, SKLEARN_B  # 3 + 3 - 7 occupied cells - 1 = -2, n = 17
    assert mutual_information(x, y, correction="miller-madow") == pytest.approx(
        mi_from_table(SKLEARN_TABLE) - 2 / 34, abs=1e-15
    )


@pytest.mark.parametrize("seed", range(10))
def test_miller_madow_equals_corrected_entropies(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 500))
    x = rng.integers(0, int(rng.integers(1, 8)), n)
    y = rng.integers(0, int(rng.integers(1, 8)), n)
    mm = mutual_information(x, y, correction="miller-madow")
    assert mm == pytest.approx(_miller_madow_from_entropies(x, y), abs=1e-12)
    assert mutual_information(x, y, correction="miller-madow", base=2) == pytest.approx(
        mm / LN2, abs=1e-12
    )
    assert mutual_information(x, y, correction=None) == pytest.approx(
        mutual_info_score(x, y), abs=1e-12
    )


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([0, 1, 2], [0, 1], "x and y must have the same length, got 3 and 2"),
        ([], [], "x must not be empty"),
        ([0], [], "y must not be empty"),
        ([0.0, np.nan], [0, 1], "x must not contain NaN"),
        ([0, 1], [1.0, np.nan], "y must not contain NaN"),
        (np.array([0.5, None], dtype=object), [0, 1], "x must not contain NaN|x must hold"),
        ([[0, 1], [1, 0]], [0, 1], r"x must be 1-D, got shape \(2, 2\)"),
        ([0, 1], [[0], [1]], r"y must be 1-D, got shape \(2, 1\)"),
        (3, [0], r"x must be 1-D, got shape \(\)"),
        (np.array(["a", 1], dtype=object), [0, 1], "x must hold labels of one kind"),
        ([0, 1], np.array(["1", 2.0], dtype=object), "y must hold labels of one kind"),
    ],
)
def test_mutual_information_bad_labels(x, y, match):
    with pytest.raises(ValueError, match=match):
        mutual_information(x, y)
    with pytest.raises(ValueError, match=match):
        contingency_table(x, y)
    with pytest.raises(ValueError, match=match):
        conditional_entropy(x, y)


@pytest.mark.parametrize("correction", ["Miller-Madow", "mm", "jackknife", "", 0, True])
def test_mutual_information_unknown_correction(correction):
    with pytest.raises(ValueError, match="correction must be one of None, 'miller-madow'"):
        mutual_information([0, 1], [0, 1], correction=correction)


@pytest.mark.parametrize("base", BAD_BASES)
def test_mutual_information_bad_base(base):
    with pytest.raises(ValueError, match="base must be a positive number other than 1"):
        mutual_information([0, 1], [0, 1], base=base)
    with pytest.raises(ValueError, match="base must be a positive number other than 1"):
        conditional_entropy([0, 1], [0, 1], base=base)


# --- conditional_entropy ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "expected_bits"),
    [
        ([0, 1, 0, 1], [0, 0, 1, 1], 1.0),
        ([0, 0, 1, 1], [5, 5, 7, 7], 0.0),
        ([0, 1, 2, 3], [0, 0, 1, 1], 1.0),
        ([0, 0, 1, 1], [0, 1, 2, 3], 0.0),
        ([0, 1, 2, 3], [9, 9, 9, 9], 2.0),
        ([0, 0, 0, 1], [0, 0, 1, 1], 0.5),
    ],
)
def test_conditional_entropy_known_values(x, y, expected_bits):
    assert conditional_entropy(x, y, base=2) == pytest.approx(expected_bits, abs=1e-15)
    assert conditional_entropy(x, y) == pytest.approx(expected_bits * LN2, abs=1e-15)


@pytest.mark.parametrize("seed", range(10))
def test_conditional_entropy_chain_rule(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 6, 300)
    y = (x + rng.integers(0, 3, 300)) % 4
    h_xy = entropy_of_labels([f"{a},{b}" for a, b in zip(x, y, strict=True)])
    h_x, h_y = entropy_of_labels(x), entropy_of_labels(y)
    assert conditional_entropy(x, y) == pytest.approx(h_xy - h_y, abs=1e-12)
    assert conditional_entropy(y, x) == pytest.approx(h_xy - h_x, abs=1e-12)
    assert mutual_information(x, y) == pytest.approx(h_x - conditional_entropy(x, y), abs=1e-12)
    assert type(conditional_entropy(x, y)) is float


def test_conditional_entropy_of_a_function_is_exactly_zero():
    x = np.arange(50) % 7
    assert conditional_entropy(x % 3, x) == 0.0
    assert conditional_entropy(x, x) == 0.0


# --- discretize ---------------------------------------------------------------------------


def test_discretize_docstring_examples():
    assert discretize([0.1, 0.4, 0.35, 0.8], bins=2).tolist() == [0, 1, 0, 1]
    assert discretize([0.0, 1.0, 2.0, 10.0], bins=5, strategy="uniform").tolist() == [0, 0, 1, 4]


def test_discretize_quantile_gives_equal_counts():
    rng = np.random.default_rng(0)
    a = rng.standard_normal(1000)
    labels = discretize(a, bins=20)
    assert labels.dtype == np.int64
    assert np.bincount(labels).tolist() == [50] * 20
    # the default is 20 quantile bins
    np.testing.assert_array_equal(discretize(a), labels)


@pytest.mark.parametrize(("n", "bins"), [(1000, 7), (999, 10), (37, 5), (10, 10), (5, 9)])
def test_discretize_quantile_counts_within_one_of_n_over_bins(n, bins):
    a = np.random.default_rng(n).exponential(size=n)
    counts = np.bincount(discretize(a, bins=bins), minlength=bins)
    if n >= bins:
        assert counts.min() >= n // bins - 1
    assert counts.max() <= -(-n // bins) + 1
    assert counts.sum() == n


def test_discretize_quantile_ties_merge_bins():
    a = np.array([0.0] * 60 + [1.0] * 30 + [2.0] * 10)
    labels = discretize(a, bins=10)
    # Edges at the deciles are [0, 0, 0, 0, 0, 0.4, 1, 1, 1.1]; a sample on an edge goes
    # up, so 0 -> 5, 1 -> 8, 2 -> 9: three labels for ten bins, order kept.
    expected = np.array([5] * 60 + [8] * 30 + [9] * 10)
    np.testing.assert_array_equal(labels, expected)
    assert mutual_information(labels, a) == pytest.approx(entropy([60, 30, 10]), abs=1e-15)


def test_discretize_uniform_equal_width():
    a = np.arange(100.0)
    labels = discretize(a, bins=10, strategy="uniform")
    np.testing.assert_array_equal(labels, np.arange(100) // 10)
    assert np.bincount(labels).tolist() == [10] * 10
    # the width is (max - min) / bins, regardless of where the samples sit
    skewed = np.array([0.0, 0.1, 0.2, 0.3, 9.9, 10.0])
    assert discretize(skewed, bins=4, strategy="uniform").tolist() == [0, 0, 0, 0, 3, 3]
    # a sample on an interior edge goes to the upper bin
    assert discretize([0.0, 2.5, 5.0, 10.0], bins=4, strategy="uniform").tolist() == [0, 1, 2, 3]


@pytest.mark.parametrize("strategy", ["quantile", "uniform"])
def test_discretize_maximum_in_top_bin_minimum_in_bottom(strategy):
    a = np.random.default_rng(3).uniform(-5, 5, 500)
    labels = discretize(a, bins=8, strategy=strategy)
    assert labels[np.argmax(a)] == 7
    assert labels[np.argmin(a)] == 0
    assert labels.min() == 0
    assert labels.max() == 7


@pytest.mark.parametrize("strategy", ["quantile", "uniform"])
@pytest.mark.parametrize("a", [[3.0] * 10, [7], [-2, -2]])
def test_discretize_constant_input_gives_zeros(a, strategy):
    labels = discretize(a, bins=5, strategy=strategy)
    assert labels.dtype == np.int64
    assert labels.tolist() == [0] * len(a)


@pytest.mark.parametrize("strategy", ["quantile", "uniform"])
def test_discretize_one_bin_gives_zeros(strategy):
    assert discretize([5.0, -1.0, 3.0], bins=1, strategy=strategy).tolist() == [0, 0, 0]


@pytest.mark.parametrize("strategy", ["quantile", "uniform"])
@pytest.mark.parametrize("bins", [2, 5, 20, 64])
def test_discretize_monotone_and_in_range(strategy, bins):
    rng = np.random.default_rng(bins)
    a = rng.standard_t(2, size=777)
    labels = discretize(a, bins=bins, strategy=strategy)
    assert labels.min() >= 0
    assert labels.max() <= bins - 1
    order = np.argsort(a, kind="stable")
    assert (np.diff(labels[order]) >= 0).all()  # order-preserving
    assert np.unique(labels).size <= bins


def test_discretize_integer_and_bool_input():
    assert discretize(np.arange(6), bins=3).tolist() == [0, 0, 1, 1, 2, 2]
    assert discretize([True, False, True], bins=2, strategy="uniform").tolist() == [1, 0, 1]
    assert discretize([1, 2, 3, 4], bins=np.int64(2)).tolist() == [0, 0, 1, 1]


@pytest.mark.parametrize("bins", [0, -1, 2.5, 3.0, True, False, "3", None, [3]])
def test_discretize_bad_bins(bins):
    with pytest.raises(ValueError, match="bins must be an integer >= 1"):
        discretize([0.1, 0.2, 0.3], bins=bins)


@pytest.mark.parametrize(
    ("a", "match"),
    [
        ([0.1, np.nan, 0.3], r"a must be finite \(no NaN or inf\)"),
        ([0.1, np.inf, 0.3], "a must be finite"),
        ([-np.inf, 0.3], "a must be finite"),
        ([], "a must not be empty"),
        ([[0.1, 0.2], [0.3, 0.4]], r"a must be 1-D, got shape \(2, 2\)"),
        (0.5, r"a must be 1-D, got shape \(\)"),
        (["x", "y"], "a must hold numbers"),
        (["0.5", "0.7"], "a must hold numbers"),
    ],
)
def test_discretize_bad_samples(a, match):
    with pytest.raises(ValueError, match=match):
        discretize(a, bins=2)


@pytest.mark.parametrize("strategy", ["Quantile", "kmeans", "", None])
def test_discretize_unknown_strategy(strategy):
    with pytest.raises(ValueError, match="strategy must be one of 'quantile', 'uniform'"):
        discretize([0.1, 0.2], bins=2, strategy=strategy)


# --- conditional_mutual_information ---------------------------------------------------------


def _cmi_from_entropies(x, y, z):
    """I(X;Y|Z) = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z), each entropy from scipy."""

    def h(*arrays):
        _, counts = np.unique(np.stack(arrays, axis=1), axis=0, return_counts=True)
        return scipy.stats.entropy(counts)

    return h(x, z) + h(y, z) - h(x, y, z) - h(z)


def test_cmi_of_xor_is_one_bit():
    # y = x xor z: y tells nothing about x alone, everything once z is known.
    x = np.array([0, 0, 1, 1, 0, 0, 1, 1])
    z = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    y = x ^ z
    assert mutual_information(x, y) == pytest.approx(0.0, abs=1e-15)
    assert conditional_mutual_information(x, y, z, base=2) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(5))
def test_cmi_matches_entropy_identity_and_chain_rule(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 4, size=3000)
    y = np.where(rng.random(3000) < 0.6, x, rng.integers(0, 5, size=3000))
    z = np.where(rng.random(3000) < 0.5, y, rng.integers(-3, 3, size=3000))
    cmi = conditional_mutual_information(x, z, y)
    assert cmi == pytest.approx(_cmi_from_entropies(x, z, y), abs=1e-12)
    # chain rule: I(X; (Y, Z)) = I(X; Y) + I(X; Z | Y), exact for the empirical distribution
    yz = np.array([f"{a}|{b}" for a, b in zip(y, z, strict=True)])
    assert mutual_information(x, yz) == pytest.approx(mutual_information(x, y) + cmi, abs=1e-12)
    # symmetric in x and y, invariant under relabelling of the condition
    assert conditional_mutual_information(z, x, y) == pytest.approx(cmi, abs=1e-12)
    assert conditional_mutual_information(x, z, y.astype(str)) == pytest.approx(cmi, abs=1e-12)


def test_cmi_with_constant_condition_is_mi():
    rng = np.random.default_rng(7)
    x, y = rng.integers(0, 6, size=(2, 500))
    assert conditional_mutual_information(x, y, np.zeros(500)) == pytest.approx(
        mutual_information(x, y), abs=1e-12
    )


def test_cmi_markov_chain_is_near_zero():
    # x -> y -> z: given y, z carries no further information about x (up to plug-in bias).
    rng = np.random.default_rng(8)
    x = rng.integers(0, 3, size=200_000)
    y = np.where(rng.random(x.size) < 0.8, x, rng.integers(0, 3, size=x.size))
    z = np.where(rng.random(x.size) < 0.8, y, rng.integers(0, 3, size=x.size))
    assert conditional_mutual_information(x, z, y) < 1e-4 < mutual_information(x, z)


@pytest.mark.parametrize(
    ("z", "match"),
    [
        (np.zeros(3), "z must have the same length"),
        (np.array([0.0, np.nan, 1.0, 2.0]), "z must not contain NaN"),
        (np.zeros((4, 1)), "z must be 1-D"),
        (np.array([]), "z must not be empty"),
    ],
)
def test_cmi_bad_condition(z, match):
    with pytest.raises(ValueError, match=match):
        conditional_mutual_information([0, 1, 0, 1], [1, 1, 0, 0], z)


def test_cmi_bad_xy_and_base():
    with pytest.raises(ValueError, match="x and y must have the same length"):
        conditional_mutual_information([0, 1], [0, 1, 1], [0, 0])
    with pytest.raises(ValueError, match="base"):
        conditional_mutual_information([0, 1], [0, 1], [0, 0], base=1)
