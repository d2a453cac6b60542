"""Tests of mibook.feature_ranking: relevances with error bars, ranking gaps, mRMR margins."""

import numpy as np
import pytest

from infotheory import (
    ksg_mutual_information,
    mixed_mutual_information,
    mrmr,
    subsample_error,
)
from mibook.feature_ranking import (
    abs_correlation,
    difference_error,
    mrmr_margins,
    relevance_errors,
)


def _data(n=300, seed=0):
    """Two strong copies of one signal, a weaker independent signal, and noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    signal = y + 0.5 * rng.standard_normal(n)
    X = np.column_stack(
        [
            signal,
            signal + 0.05 * rng.standard_normal(n),  # redundant with column 0
            y + 0.9 * rng.standard_normal(n),  # weaker, but new information
            rng.standard_normal(n),  # irrelevant
        ]
    )
    return X, y


X, Y = _data()
RELEVANCE = relevance_errors(X, Y, names=["a", "a copy", "b", "noise"], n_repeats=3, seed=1)


def test_abs_correlation_is_pearson():
    rng = np.random.default_rng(2)
    x, y = rng.standard_normal(50), rng.integers(0, 2, 50)
    assert abs_correlation(x, y) == pytest.approx(abs(np.corrcoef(x, y)[0, 1]), rel=1e-12)


def test_relevances_are_the_library_estimates_and_errors():
    # Each column's result is subsample_error of Ross's estimator with the stored seed.
    for j in range(X.shape[1]):
        column = X[:, j] / X[:, j].std()
        expected = subsample_error(
            mixed_mutual_information, column, Y, k=3, n_repeats=3, seed=RELEVANCE.seed
        )
        assert RELEVANCE.estimate[j] == expected.estimate
        assert RELEVANCE.std_error[j] == expected.std_error
    # The standardisation changes no single-column estimate (to rounding).
    np.testing.assert_allclose(
        RELEVANCE.estimate,
        [mixed_mutual_information(X[:, j], Y) for j in range(4)],
        rtol=1e-9,
    )


def test_order_ranks_and_gaps():
    mi = RELEVANCE.estimate
    assert RELEVANCE.order.tolist() == np.argsort(-mi, kind="stable").tolist()
    assert RELEVANCE.order[-1] == 3  # the noise column comes last
    np.testing.assert_allclose(RELEVANCE.gap, -np.diff(mi[RELEVANCE.order]), rtol=1e-12)
    ranks = RELEVANCE.rank()
    assert ranks[RELEVANCE.order].tolist() == [1, 2, 3, 4]


def test_gap_error_equals_subsample_error_of_the_difference():
    # The paired error from stored part estimates equals subsample_error of an estimator
    # that returns the difference, on the same parts (the same seed).
    a, b = int(RELEVANCE.order[1]), int(RELEVANCE.order[2])
    xa, xb = X[:, a] / X[:, a].std(), X[:, b] / X[:, b].std()

    def difference(u, v, labels):
        return mixed_mutual_information(u, labels) - mixed_mutual_information(v, labels)

    direct = subsample_error(difference, xa, xb, Y, n_repeats=3, seed=RELEVANCE.seed)
    assert RELEVANCE.gap_error[1] == pytest.approx(direct.std_error, rel=1e-9)
    assert RELEVANCE.difference(a, b)[1] == pytest.approx(direct.std_error, rel=1e-9)


def test_distinguishable_tiers_and_separation():
    # Columns 0 and 1 are near copies: level.  The weaker signal and the noise are each
    # far below them (measured: gaps of several standard errors).
    assert set(RELEVANCE.order[:2].tolist()) == {0, 1}
    assert RELEVANCE.distinguishable.tolist() == [False, True, True]
    assert RELEVANCE.tiers() == [RELEVANCE.order[:2].tolist(), [2], [3]]
    assert not RELEVANCE.separated(0, 1)
    assert RELEVANCE.separated(0, 3)
    assert RELEVANCE.nearest_separated(int(RELEVANCE.order[0])) == 2
    assert RELEVANCE.nearest_separated(3) is None


def test_difference_error_of_a_result_with_itself_is_zero():
    result = RELEVANCE.results[0]
    assert difference_error(result, result) == 0.0


def test_difference_error_refuses_unpaired_results():
    other = subsample_error(np.mean, X[:, 0], n_repeats=2, seed=0)
    with pytest.raises(ValueError, match="first and second must come from the same splits"):
        difference_error(RELEVANCE.results[0], other)


def test_custom_estimator_gives_abs_r():
    correlation = relevance_errors(X, Y, estimator=abs_correlation, n_repeats=2, seed=1)
    np.testing.assert_allclose(
        correlation.estimate, [abs(np.corrcoef(X[:, j], Y)[0, 1]) for j in range(4)], rtol=1e-12
    )


def test_mrmr_margins_replay_the_library():
    margins = mrmr_margins(X, Y, 3, relevance=RELEVANCE, group=[0, 1])
    # The same picks as infotheory.mrmr: the best signal, then the new information, not
    # the copy.
    assert margins.selected.tolist() == mrmr(X, Y, 3).tolist()
    assert margins.selected[1] == 2
    # Step 0 compares relevances only.
    best, second = margins.selected[0], margins.runner_up[0]
    np.testing.assert_allclose(
        margins.margin[0], RELEVANCE.estimate[best] - RELEVANCE.estimate[second], rtol=1e-12
    )
    assert margins.margin_error[0] == pytest.approx(
        RELEVANCE.difference(int(best), int(second))[1], rel=1e-12
    )
    # The pick is in the group at step 0; at step 1 the copy trails by far.
    assert margins.group_best[0] == -1
    assert np.isnan(margins.group_margin[0])
    copy = margins.group_best[1]
    assert copy in (0, 1)
    assert margins.group_margin[1] > 4 * margins.group_margin_error[1]
    # scores: -inf for the columns already picked
    assert np.isneginf(margins.scores[1, margins.selected[0]])


def test_mrmr_margin_error_equals_a_direct_subsample():
    margins = mrmr_margins(X, Y, 2, relevance=RELEVANCE)
    pick, runner, first = (int(j) for j in (*margins.selected[1:], margins.runner_up[1], 0))
    first = int(margins.selected[0])
    std = X.std(axis=0)

    def margin(a, b, s, labels):
        # relevance minus redundancy with the one earlier pick, pick minus runner-up
        score_a = mixed_mutual_information(a, labels) - ksg_mutual_information(a, s)
        score_b = mixed_mutual_information(b, labels) - ksg_mutual_information(b, s)
        return score_a - score_b

    direct = subsample_error(
        margin,
        X[:, pick] / std[pick],
        X[:, runner] / std[runner],
        X[:, first] / std[first],
        Y,
        n_repeats=3,
        seed=RELEVANCE.seed,
    )
    assert margins.margin[1] == pytest.approx(direct.estimate, rel=1e-9)
    assert margins.margin_error[1] == pytest.approx(direct.std_error, rel=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_features": 4}, r"n_features must be an integer <= 3"),
        ({"n_features": 0}, r"n_features must be an integer >= 1"),
        ({"n_features": 2, "group": [4]}, r"group holds indices outside 0..3"),
    ],
)
def test_mrmr_margins_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        mrmr_margins(X, Y, relevance=RELEVANCE, **kwargs)


def test_mrmr_margins_refuse_other_data():
    with pytest.raises(ValueError, match="relevance must come from relevance_errors"):
        mrmr_margins(X[:, :3], Y, 2, relevance=RELEVANCE)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((X[:, 0], Y), {}, r"X must be 2-D"),
        ((X, Y[:-1]), {}, r"X and y must have the same length"),
        ((X, Y), {"names": ["a"]}, r"names must have one entry per column of X, got 1 and 4"),
        ((X, Y), {"threshold": 0}, r"threshold must be a positive number"),
        ((X, Y), {"splits": (1, 2)}, r"splits must be an integer >= 2"),
        ((X, Y), {"seed": -1}, r"seed must be None"),
    ],
)
def test_relevance_errors_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        relevance_errors(*args, **kwargs)
