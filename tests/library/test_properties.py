"""Property tests: the information identities hold for every labelling hypothesis tries."""

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import mutual_info_score

from infotheory import (
    conditional_entropy,
    contingency_table,
    discretize,
    entropy,
    kl_divergence,
    mutual_information,
)

TOL = 1e-12
EXAMPLES = settings(max_examples=60)


@st.composite
def label_pairs(draw, max_labels=6, max_size=60):
    """Two paired lists of small non-negative int labels of the same length >= 1."""
    n = draw(st.integers(1, max_size))
    labels = st.integers(0, draw(st.integers(0, max_labels - 1)))
    x = draw(st.lists(labels, min_size=n, max_size=n))
    y = draw(st.lists(st.integers(0, draw(st.integers(0, max_labels - 1))), min_size=n, max_size=n))
    return np.array(x), np.array(y)


def labels_entropy(labels):
    _, counts = np.unique(labels, return_counts=True)
    return scipy.stats.entropy(counts)


def joint_entropy(x, y):
    return entropy(contingency_table(x, y)[0].ravel())


@EXAMPLES
@given(label_pairs())
def test_mi_is_non_negative_and_bounded_by_each_entropy(pair):
    x, y = pair
    mi = mutual_information(x, y)
    assert mi >= 0.0
    assert mi <= min(labels_entropy(x), labels_entropy(y)) + TOL


@EXAMPLES
@given(label_pairs())
def test_mi_is_symmetric(pair):
    x, y = pair
    assert mutual_information(x, y) == pytest.approx(mutual_information(y, x), abs=TOL)


@EXAMPLES
@given(label_pairs())
def test_mi_with_itself_is_entropy(pair):
    x, _ = pair
    assert mutual_information(x, x) == pytest.approx(labels_entropy(x), abs=TOL)


@EXAMPLES
@given(label_pairs())
def test_mi_entropy_identities(pair):
    x, y = pair
    mi = mutual_information(x, y)
    h_x, h_y, h_xy = labels_entropy(x), labels_entropy(y), joint_entropy(x, y)
    assert mi == pytest.approx(h_x + h_y - h_xy, abs=TOL)
    assert mi == pytest.approx(h_x - conditional_entropy(x, y), abs=TOL)
    assert mi == pytest.approx(h_y - conditional_entropy(y, x), abs=TOL)
    assert conditional_entropy(x, y) == pytest.approx(h_xy - h_y, abs=TOL)
    assert -TOL <= conditional_entropy(x, y) <= h_x + TOL


@EXAMPLES
@given(label_pairs(), st.permutations(range(6)), st.permutations(range(6)))
def test_mi_invariant_under_relabelling(pair, perm_x, perm_y):
    x, y = pair
    expected = mutual_information(x, y)
    px, py = np.array(perm_x)[x], np.array(perm_y)[y]
    relabelled = [
        (px, py),
        (np.array([f"x{v}" for v in px]), py),
        (-3 * px - 1, np.array([f"{v}" for v in py], dtype=object)),
        (px * 0.25 - 7.5, -py),
        (px.astype(np.int64) * 2**58 - 2**62, py + 2**62),
        (px * 10**12, py.astype(np.uint8)),
        (np.array([float(v) if v % 2 else int(v) for v in px], dtype=object), py),
    ]
    for rx, ry in relabelled:
        assert mutual_information(rx, ry) == pytest.approx(expected, abs=TOL)


@st.composite
def binary_and_labels(draw):
    n = draw(st.integers(1, 60))
    x = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    y = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    return np.array(x), np.array(y)


@EXAMPLES
@given(binary_and_labels())
def test_mi_of_bool_labels_equals_mi_of_ints(pair):
    x, y = pair
    expected = mutual_info_score(x.astype(int), y)
    assert mutual_information(x, y) == pytest.approx(expected, abs=TOL)
    assert mutual_information(y, ~x) == pytest.approx(expected, abs=TOL)
    assert mutual_information(x.astype(str), y) == pytest.approx(expected, abs=TOL)


bases = st.floats(1.01, 100.0) | st.floats(0.01, 0.99) | st.sampled_from([2, 10, math.e])


@EXAMPLES
@given(label_pairs(), bases)
def test_base_conversion(pair, base):
    x, y = pair
    ln_b = math.log(base)
    assert mutual_information(x, y, base=base) == pytest.approx(
        mutual_information(x, y) / ln_b, rel=1e-12, abs=TOL
    )
    assert conditional_entropy(x, y, base=base) == pytest.approx(
        conditional_entropy(x, y) / ln_b, rel=1e-12, abs=TOL
    )
    mm = mutual_information(x, y, correction="miller-madow")
    assert mutual_information(x, y, base=base, correction="miller-madow") == pytest.approx(
        mm / ln_b, rel=1e-12, abs=TOL
    )


@settings(max_examples=150)
@given(label_pairs(max_labels=12, max_size=200))
def test_mi_agrees_with_sklearn(pair):
    x, y = pair
    assert mutual_information(x, y) == pytest.approx(mutual_info_score(x, y), abs=TOL)


@EXAMPLES
@given(label_pairs())
def test_miller_madow_adds_the_occupied_cell_correction(pair):
    x, y = pair
    counts = contingency_table(x, y)[0]
    m_x, m_y, m_xy = counts.shape[0], counts.shape[1], np.count_nonzero(counts)
    shift = (m_x + m_y - m_xy - 1) / (2 * x.size)
    assert mutual_information(x, y, correction="miller-madow") == pytest.approx(
        mutual_information(x, y) + shift, abs=TOL
    )


@EXAMPLES
@given(label_pairs())
def test_sparse_counting_agrees_with_the_bincount_path(pair):
    # Floats and strings go through sorting and sparse cells; small ints through one bincount.
    x, y = pair
    xf, ys = x * 0.5 + 0.25, np.array([f"y{v}" for v in y])
    assert mutual_information(xf, ys) == pytest.approx(mutual_information(x, y), abs=TOL)
    assert conditional_entropy(xf, ys) == pytest.approx(conditional_entropy(x, y), abs=TOL)
    np.testing.assert_array_equal(contingency_table(xf, ys)[0], contingency_table(x, y)[0])
    for correction in ("miller-madow", "shrinkage"):
        assert mutual_information(xf, ys, correction=correction) == pytest.approx(
            mutual_information(x, y, correction=correction), abs=TOL
        )


@EXAMPLES
@given(label_pairs())
def test_shrinkage_is_bounded_and_converts_base(pair):
    # Not bounded by the plug-in in general (see test_discrete's independent-table case),
    # but by the entropy of the smaller label set of the shrunk table.
    x, y = pair
    shrunk = mutual_information(x, y, correction="shrinkage")
    k_x, k_y = contingency_table(x, y)[0].shape
    assert 0.0 <= shrunk <= math.log(min(k_x, k_y)) + TOL
    assert mutual_information(x, y, correction="shrinkage", base=2) == pytest.approx(
        shrunk / math.log(2), rel=1e-12, abs=TOL
    )


weights = st.lists(
    st.floats(0.0, 1e6, allow_subnormal=False) | st.just(0.0), min_size=1, max_size=40
).filter(lambda w: sum(w) > 0)


@settings(max_examples=150)
@given(weights, st.sampled_from([None, 2, 10, 0.5]))
def test_entropy_agrees_with_scipy_and_is_bounded(p, base):
    h = entropy(p, base=base)
    assert h == pytest.approx(scipy.stats.entropy(p, base=base), rel=1e-12, abs=TOL)
    h_nats = entropy(p)
    assert -TOL <= h_nats <= math.log(len(p)) + TOL
    assert entropy(p[::-1]) == pytest.approx(h_nats, abs=TOL)


@st.composite
def distribution_pairs(draw):
    m = draw(st.integers(1, 30))
    p = draw(st.lists(st.floats(0.0, 1e3, allow_subnormal=False), min_size=m, max_size=m))
    q = draw(st.lists(st.floats(1e-3, 1e3), min_size=m, max_size=m))
    return p, q


@settings(max_examples=150)
@given(distribution_pairs())
def test_kl_agrees_with_scipy_and_gibbs_inequality(pq):
    p, q = pq
    if sum(p) == 0:
        with pytest.raises(ValueError, match="p must not be all zero"):
            kl_divergence(p, q)
        return
    d = kl_divergence(p, q)
    assert d == pytest.approx(scipy.stats.entropy(p, q), rel=1e-10, abs=1e-12)
    assert d >= -TOL
    assert kl_divergence(p, p) == pytest.approx(0.0, abs=TOL)


# Multiples of 1/64 keep scaling by 4 exact through np.quantile's interpolation.
samples = st.lists(st.integers(-(10**6), 10**6).map(lambda v: v / 64), min_size=1, max_size=80)


@settings(max_examples=100)
@given(samples, st.integers(1, 30), st.sampled_from(["quantile", "uniform"]))
def test_discretize_is_monotone_in_range_and_scale_free(a, bins, strategy):
    a = np.array(a)
    labels = discretize(a, bins=bins, strategy=strategy)
    assert labels.dtype == np.int64
    assert labels.shape == a.shape
    assert labels.min() >= 0
    assert labels.max() <= bins - 1
    order = np.argsort(a, kind="stable")
    assert (np.diff(labels[order]) >= 0).all()
    # equal samples share a label, so there are never more labels than distinct values
    assert np.unique(labels).size <= min(bins, np.unique(a).size)
    np.testing.assert_array_equal(discretize(4 * a, bins=bins, strategy=strategy), labels)
    if np.ptp(a) == 0:
        assert (labels == 0).all()
    elif strategy == "uniform":
        assert labels[np.argmax(a)] == bins - 1


@settings(max_examples=100)
@given(st.integers(1, 400), st.integers(1, 25), st.integers(0, 2**32 - 1))
def test_discretize_quantile_balances_distinct_samples(n, bins, seed):
    a = np.random.default_rng(seed).standard_normal(n)
    counts = np.bincount(discretize(a, bins=bins), minlength=bins)
    assert counts.sum() == n
    assert counts.max() <= -(-n // bins) + 1
    if n >= bins:
        assert counts.min() >= n // bins - 1
