"""Tests of co-information, interaction information and total correlation.

Hand-worked examples, identities, and dit as the oracle.  Hand examples and identities are
exact up to round-off (1e-12).  dit computes the same plug-in quantities from the empirical
distribution by another route (sums over its outcome lattice), so it must agree to round-off
as well: 1e-10 in bits.  The two three-variable measures carry opposite signs, each that of
dit's function of the same name (``coinformation``, ``interaction_information``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infotheory import (
    co_information,
    conditional_mutual_information,
    entropy,
    interaction_information,
    mutual_information,
    total_correlation,
)

# Fair independent bits x, z and y = x xor z: every pair independent, any two determine
# the third.
X = [0, 0, 1, 1]
Z = [0, 1, 0, 1]
XOR = [0, 1, 1, 0]


def test_xor_is_synergy():
    assert mutual_information(X, XOR, base=2) == pytest.approx(0.0, abs=1e-12)
    assert conditional_mutual_information(X, XOR, Z, base=2) == pytest.approx(1.0, abs=1e-12)
    # Co-information I(X;Y) - I(X;Y|Z) = -1 bit; interaction information (dit's sign) +1 bit.
    assert co_information(X, XOR, Z, base=2) == pytest.approx(-1.0, abs=1e-12)
    assert interaction_information(X, XOR, Z, base=2) == pytest.approx(1.0, abs=1e-12)
    # H = 1 bit each, joint 2 bits: C = 3 - 2.
    assert total_correlation(X, XOR, Z, base=2) == pytest.approx(1.0, abs=1e-12)


def test_copies_are_redundancy():
    # Three copies of one fair bit: I(X;Y) = 1 bit, I(X;Y|Z) = 0, co-information +1 bit,
    # interaction information -1 bit, total correlation 3 x 1 - 1 = 2 bits.
    assert co_information(X, X, X, base=2) == pytest.approx(1.0, abs=1e-12)
    assert interaction_information(X, X, X, base=2) == pytest.approx(-1.0, abs=1e-12)
    assert conditional_mutual_information(X, X, X) == pytest.approx(0.0, abs=1e-12)
    assert total_correlation(X, X, X, base=2) == pytest.approx(2.0, abs=1e-12)


def test_independent_variables_give_zero():
    # All eight combinations once: exactly independent in the sample.
    a, b, c = np.array(np.meshgrid([0, 1], [0, 1], [0, 1])).reshape(3, -1)
    assert co_information(a, b, c) == pytest.approx(0.0, abs=1e-12)
    assert interaction_information(a, b, c) == pytest.approx(0.0, abs=1e-12)
    assert total_correlation(a, b, c) == pytest.approx(0.0, abs=1e-12)


def test_co_information_is_symmetric_and_equals_entropy_sum():
    rng = np.random.default_rng(0)
    x, y, z = rng.integers(0, 3, (3, 500))
    y = (y + x) % 3
    orders = ((x, y, z), (y, x, z), (x, z, y), (z, y, x), (y, z, x), (z, x, y))
    values = [co_information(*args) for args in orders]
    np.testing.assert_allclose(values, values[0], rtol=0, atol=1e-12)
    # For three variables the interaction information is exactly minus the co-information.
    np.testing.assert_allclose(
        [interaction_information(*args) for args in orders], -values[0], rtol=0, atol=1e-12
    )

    def h(*arrays):
        codes = np.unique(np.column_stack(arrays), axis=0, return_inverse=True)[1].ravel()
        return entropy(np.bincount(codes))

    by_entropies = h(x) + h(y) + h(z) - h(x, y) - h(x, z) - h(y, z) + h(x, y, z)
    assert values[0] == pytest.approx(by_entropies, abs=1e-12)


def test_total_correlation_of_two_is_mutual_information():
    rng = np.random.default_rng(1)
    x = rng.integers(0, 4, 300)
    y = (x + rng.integers(0, 2, 300)) % 4
    assert total_correlation(x, y) == pytest.approx(mutual_information(x, y), abs=1e-12)
    assert total_correlation(x) == 0.0


def test_total_correlation_chain_rule():
    # C(X, Y, Z) = I(X; Y) + I((X, Y); Z).
    rng = np.random.default_rng(2)
    x, y, z = rng.integers(0, 3, (3, 400))
    z = (z + x * y) % 3
    xy = x * 3 + y
    expected = mutual_information(x, y) + mutual_information(xy, z)
    assert total_correlation(x, y, z) == pytest.approx(expected, abs=1e-12)


def test_labels_of_any_kind():
    strings = np.array(["a", "b"])
    value = total_correlation(strings[X], strings[XOR], Z, base=2)
    assert value == pytest.approx(1.0, abs=1e-12)
    assert co_information(strings[X], [True, False, False, True], Z, base=2) == (
        pytest.approx(-1.0, abs=1e-12)
    )
    assert interaction_information(strings[X], [True, False, False, True], Z, base=2) == (
        pytest.approx(1.0, abs=1e-12)
    )


def test_base():
    rng = np.random.default_rng(3)
    x, y, z = rng.integers(0, 3, (3, 200))
    assert co_information(x, y, z, base=2) == pytest.approx(
        co_information(x, y, z) / np.log(2), abs=1e-12
    )
    assert interaction_information(x, y, z, base=2) == pytest.approx(
        interaction_information(x, y, z) / np.log(2), abs=1e-12
    )
    assert total_correlation(x, y, z, base=10) == pytest.approx(
        total_correlation(x, y, z) / np.log(10), abs=1e-12
    )


def dit_distribution(*arrays):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import dit
    rows, counts = np.unique(np.column_stack(arrays), axis=0, return_counts=True)
    outcomes = ["".join(str(v) for v in row) for row in rows]
    return dit.Distribution(outcomes, counts / counts.sum())


def _dit_measures():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from dit.multivariate import coinformation, interaction_information
        from dit.multivariate import total_correlation as dit_total_correlation
    return coinformation, interaction_information, dit_total_correlation


# Named three-variable distributions, as rows of (x, y, z) with their counts: each term's sign
# differs, so a swapped sign in either function fails at least one of them.
NAMED = {
    # Pure synergy: I(X;Y) = 0, I(X;Y|Z) = 1 bit.
    "xor": ([(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)], [1, 1, 1, 1]),
    # Pure redundancy: three copies of a fair bit.
    "copies": ([(0, 0, 0), (1, 1, 1)], [1, 1]),
    # AND gate: Z = X and Y, mixed (co-information -0.189 bits).
    "and": ([(0, 0, 0), (0, 1, 0), (1, 0, 0), (1, 1, 1)], [1, 1, 1, 1]),
    # Common cause with unequal counts: Y and Z noisy copies of X (redundancy).
    "common_cause": (
        [(0, 0, 0), (0, 0, 1), (0, 1, 0), (1, 1, 1), (1, 0, 1), (1, 1, 0), (0, 1, 1)],
        [30, 6, 5, 28, 7, 4, 2],
    ),
}


@pytest.mark.parametrize("name", NAMED)
def test_named_distributions_match_dit(name):
    coinformation, dit_interaction_information, _ = _dit_measures()
    rows, counts = NAMED[name]
    x, y, z = np.repeat(np.array(rows), counts, axis=0).T
    d = dit_distribution(x, y, z)
    # dit works in bits.
    assert co_information(x, y, z, base=2) == pytest.approx(coinformation(d), abs=1e-10)
    assert interaction_information(x, y, z, base=2) == pytest.approx(
        dit_interaction_information(d), abs=1e-10
    )


def test_named_distributions_have_known_signs():
    # Known values, independent of dit: the interaction information I(X;Y|Z) - I(X;Y) is
    # +1 bit for XOR (synergy), -1 bit for copies (redundancy), 0.1887 bits for AND.
    signs = {}
    for name, (rows, counts) in NAMED.items():
        x, y, z = np.repeat(np.array(rows), counts, axis=0).T
        signs[name] = interaction_information(x, y, z, base=2)
    assert signs["xor"] == pytest.approx(1.0, abs=1e-12)
    assert signs["copies"] == pytest.approx(-1.0, abs=1e-12)
    # AND: I(X;Y) = 0; given Z = 0 (prob 3/4) the pair is uniform on {00, 01, 10}, whose
    # I(X;Y) = log2(3) - 4/3 bits; given Z = 1 it is fixed.
    assert signs["and"] == pytest.approx(0.75 * (np.log2(3) - 4 / 3), abs=1e-12)
    assert signs["common_cause"] < 0


@pytest.mark.parametrize("seed", range(5))
def test_matches_dit(seed):
    coinformation, dit_interaction_information, dit_total_correlation = _dit_measures()
    rng = np.random.default_rng(seed)
    x, y, z, w = rng.integers(0, 3, (4, 60))
    y = (y + x * (seed % 2)) % 3
    z = (x + y + z * (seed % 3 == 0)) % 3
    d = dit_distribution(x, y, z)
    # dit works in bits.
    assert co_information(x, y, z, base=2) == pytest.approx(coinformation(d), abs=1e-10)
    assert interaction_information(x, y, z, base=2) == pytest.approx(
        dit_interaction_information(d), abs=1e-10
    )
    assert total_correlation(x, y, z, base=2) == pytest.approx(dit_total_correlation(d), abs=1e-10)
    d4 = dit_distribution(x, y, z, w)
    assert total_correlation(x, y, z, w, base=2) == pytest.approx(
        dit_total_correlation(d4), abs=1e-10
    )


@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 3)),
        min_size=1,
        max_size=40,
    )
)
def test_properties(rows):
    x, y, z = (np.array(c) for c in zip(*rows, strict=True))
    tc = total_correlation(x, y, z)
    co = co_information(x, y, z)
    ii = interaction_information(x, y, z)
    assert tc >= 0.0
    # Co-information is bounded by the pairwise and conditional informations.
    assert co <= min(mutual_information(x, y), mutual_information(x, z)) + 1e-12
    assert -co <= conditional_mutual_information(x, y, z) + 1e-12
    # The interaction information carries the opposite sign, for any sample.
    assert ii == pytest.approx(-co, abs=1e-12)
    # C >= each pairwise mutual information inside it.
    assert tc + 1e-12 >= mutual_information(x, y)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: co_information([0, 1], [0, 1, 1], [0, 1]), "x and y must have the same"),
        (lambda: co_information([0, 1], [0, 1], [0]), "z must have the same length"),
        (lambda: co_information([0, 1], [0, 1], [0, 1], base=0), "base must be"),
        (lambda: interaction_information([0, 1], [0, 1, 1], [0, 1]), "x and y must have the same"),
        (lambda: interaction_information([0, 1], [0, 1], [0]), "z must have the same length"),
        (lambda: interaction_information([0, 1], [0, 1], [[0, 1]]), "z must be 1-D"),
        (lambda: interaction_information([], [], []), "x must not be empty"),
        (lambda: interaction_information([0, 1], [0, 1], [0, 1], base=-2), "base must be"),
        (lambda: total_correlation(), "labels must hold at least one label array"),
        (lambda: total_correlation([0, 1], [0, 1, 0]), r"labels\[0\]\) and 3 \(labels\[1\]"),
        (lambda: total_correlation([0, 1], [0.0, np.nan]), r"labels\[1\] must not contain NaN"),
        (lambda: total_correlation([0, 1], []), r"labels\[1\] must not be empty"),
        (lambda: total_correlation([0, 1], base=1), "base must be"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
