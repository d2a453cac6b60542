"""ContinuousLabelsWarning: label estimators given continuous samples say so.

The rule (``infotheory._validation.warn_if_continuous``): a float array of at least 20
labels of which more than half are distinct.  Every label estimator warns, naming the
array and pointing to the continuous estimators; integer-coded labels and genuinely
discrete float labels never warn.  pytest runs with ``filterwarnings = error``, so a
call below that is not inside ``pytest.warns`` fails if it warns.
"""

import warnings

import numpy as np
import pytest

import infotheory as it
from infotheory import ContinuousLabelsWarning, _validation

RNG = np.random.default_rng(0)
N = 200
CONTINUOUS = RNG.standard_normal(N)  # 200 distinct floats
LABELS = RNG.integers(0, 3, N)


def tied(a):
    """``a`` with its last 10 entries copies of its first 10: Ross's estimator needs a label
    with two samples (mixed_mutual_information and mrmr refuse all-distinct labels)."""
    return np.concatenate([a[:-10], a[:10]])


# Every label estimator, called with the array under test as one argument and integer
# labels as the others; the name is that of the argument the warning names.
CALLS = {
    "mutual_information-x": (lambda a: it.mutual_information(a, LABELS), "x"),
    "mutual_information-y": (lambda a: it.mutual_information(LABELS, a), "y"),
    "mutual_information-miller-madow": (
        lambda a: it.mutual_information(a, LABELS, correction="miller-madow"), "x"
    ),
    "conditional_entropy-x": (lambda a: it.conditional_entropy(a, LABELS), "x"),
    "conditional_entropy-y": (lambda a: it.conditional_entropy(LABELS, a), "y"),
    "conditional_mutual_information-x": (
        lambda a: it.conditional_mutual_information(a, LABELS, LABELS[::-1]), "x"
    ),
    "conditional_mutual_information-y": (
        lambda a: it.conditional_mutual_information(LABELS, a, LABELS[::-1]), "y"
    ),
    "conditional_mutual_information-z": (
        lambda a: it.conditional_mutual_information(LABELS, LABELS[::-1], a), "z"
    ),
    "normalized_mutual_information-x": (
        lambda a: it.normalized_mutual_information(a, LABELS), "x"
    ),
    "normalized_mutual_information-y": (
        lambda a: it.normalized_mutual_information(LABELS, a), "y"
    ),
    "adjusted_mutual_information-x": (lambda a: it.adjusted_mutual_information(a, LABELS), "x"),
    "adjusted_mutual_information-y": (lambda a: it.adjusted_mutual_information(LABELS, a), "y"),
    "expected_mutual_information-x": (lambda a: it.expected_mutual_information(a, LABELS), "x"),
    "expected_mutual_information-y": (lambda a: it.expected_mutual_information(LABELS, a), "y"),
    "permutation_test-x": (
        lambda a: it.permutation_test(a, LABELS, n_permutations=9, seed=0), "x"
    ),
    "permutation_test-y": (
        lambda a: it.permutation_test(LABELS, a, n_permutations=9, seed=0), "y"
    ),
    "mixed_mutual_information-y": (
        lambda a: it.mixed_mutual_information(CONTINUOUS + LABELS, tied(a)), "y"
    ),
    "mrmr-y": (lambda a: it.mrmr(np.column_stack([CONTINUOUS, LABELS]), tied(a), 1), "y"),
    # the three-variable measures call mutual_information and its conditional form
    "interaction_information-x": (
        lambda a: it.interaction_information(a, LABELS, LABELS[::-1]), "x"
    ),
    "co_information-x": (lambda a: it.co_information(a, LABELS, LABELS[::-1]), "x"),
}
# The functions the warning tells the reader to use instead, by the function warning.
REMEDY = {
    "conditional_mutual_information": "ksg_conditional_mutual_information",
    "mixed_mutual_information": "ksg_mutual_information",
    "mrmr": "ksg_mutual_information",
}


@pytest.mark.parametrize("case", sorted(CALLS))
def test_continuous_labels_warn_naming_the_array_and_the_remedy(case):
    call, name = CALLS[case]
    function = case.split("-")[0]
    remedy = REMEDY.get(function, "ksg_mutual_information .both continuous. or mixed_mutual")
    if function in ("interaction_information", "co_information"):
        # warned by the calls inside it, each naming itself
        function, remedy = "(conditional_)?mutual_information", "ksg_"
    distinct = 190 if function in ("mixed_mutual_information", "mrmr") else 200
    match = (
        rf"^{name} looks continuous: {distinct} of its 200 float values are distinct, so "
        rf"{function} treats each value as its own label.*{remedy}"
    )
    with pytest.warns(ContinuousLabelsWarning, match=match):
        call(CONTINUOUS)


# Arrays that are labels, whatever their dtype: none of them may warn.
NOT_CONTINUOUS = {
    "int codes": RNG.integers(0, 1000, N),  # all-distinct ints too: integer-coded never warns
    "nearly all-distinct ints": tied(np.arange(N)),
    "0.0/1.0 floats": RNG.integers(0, 2, N).astype(float),
    "a few float levels": RNG.choice([0.5, 1.5, 2.25, -3.0], N),
    "rounded measurements": np.round(RNG.standard_normal(N), 1),  # ~50 levels of 200
    "float32 levels": RNG.integers(0, 5, N).astype(np.float32),
    "strings": RNG.standard_normal(N).astype(str),
    "bools": RNG.random(N) < 0.5,
    "complex": RNG.standard_normal(N) + 1j,  # labels only in a generalised sense: no rule
    "exactly half distinct": np.repeat(RNG.standard_normal(N // 2), 2),  # not more than half
}


@pytest.mark.parametrize("case", sorted(CALLS))
@pytest.mark.parametrize("kind", sorted(NOT_CONTINUOUS))
def test_labels_never_warn(case, kind):
    call, _ = CALLS[case]
    labels = NOT_CONTINUOUS[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails, ContinuousLabelsWarning above all
        call(labels)


def test_the_rule_at_its_boundaries():
    # One more distinct value than half warns; 20 samples warn, 19 do not.
    half = np.repeat(np.arange(50.0) + 0.5, 2)  # 100 floats, 50 distinct
    it.mutual_information(half, LABELS[:100])
    one_more = half.copy()
    one_more[0] = -7.25  # 51 distinct of 100
    with pytest.warns(ContinuousLabelsWarning, match="x looks continuous: 51 of its 100"):
        it.mutual_information(one_more, LABELS[:100])
    with pytest.warns(ContinuousLabelsWarning, match="y looks continuous: 20 of its 20"):
        it.mutual_information(LABELS[:20], CONTINUOUS[:20])
    it.mutual_information(LABELS[:19], CONTINUOUS[:19])
    assert _validation.CONTINUOUS_MIN_SAMPLES == 20
    assert _validation.CONTINUOUS_DISTINCT_SHARE == 0.5


def test_the_warning_points_at_the_callers_line():
    # However deep inside the library it is raised (interaction_information calls
    # mutual_information), the warning names this file, where the mistake is.
    with pytest.warns(ContinuousLabelsWarning) as record:
        it.mutual_information(CONTINUOUS, LABELS)
    assert record[0].filename == __file__
    with pytest.warns(ContinuousLabelsWarning) as record:
        it.interaction_information(CONTINUOUS, LABELS, LABELS[::-1])
    assert {w.filename for w in record} == {__file__}


def test_the_values_do_not_change():
    # A warning, not a refusal: all-distinct x gives H(X) = log n and I(X; Y) = H(Y).
    with pytest.warns(ContinuousLabelsWarning):
        mi = it.mutual_information(CONTINUOUS, LABELS)
    assert mi == pytest.approx(it.mutual_information(LABELS, LABELS), abs=1e-12)


def test_what_does_not_warn():
    # Counting functions count faithfully; a custom statistic decides for itself; the
    # continuous estimators take continuous samples; the warning is a UserWarning, exported.
    it.contingency_table(CONTINUOUS, LABELS)
    it.joint_distribution(CONTINUOUS, LABELS)
    it.permutation_test(
        CONTINUOUS, LABELS, n_permutations=9, seed=0,
        statistic=lambda a, b: it.mixed_mutual_information(a, b),
    )
    it.ksg_mutual_information(CONTINUOUS, CONTINUOUS + RNG.standard_normal(N))
    assert issubclass(ContinuousLabelsWarning, UserWarning)
    assert "ContinuousLabelsWarning" in it.__all__
