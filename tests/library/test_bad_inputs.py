"""Every kind of bad input, through every public function of infotheory.

A registry says how to call each public name (its arguments, and the kind of
each: labels, continuous samples, a distribution, an integer, a base, ...).  Each
kind has a list of bad values, the ones the older functions were tested with one
by one: empty, wrong ndim, ragged, masked, object and mixed arrays, strings where
numbers are needed, NaN and +-inf, bools, complex, datetime, integers beyond
float64, structured dtypes, wrong lengths, and for the options non-integers,
bools, 2**70 and bad seeds.  Each bad value replaces one argument of a good call,
and the call must raise ValueError (or TypeError where the type is plainly wrong)
whose message names that argument: never a crash inside NumPy, an OverflowError,
a MemoryError, a warning, or a silent number.

A public name without an entry fails ``test_every_public_name_has_an_entry``, so
a new function joins the sweep when it joins ``infotheory.__all__``: add a line to
``REGISTRY`` naming its arguments' kinds (and, for a kind not yet here, its bad
values to ``BAD``).
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pytest

import infotheory
import infotheory as it
from infotheory import tasks

N = 40  # samples in every good call: small, so that the sweep stays quick
RNG = np.random.default_rng(0)
LABELS = np.tile([0, 1, 2, 0, 1], N // 5)
LABELS_2 = np.tile([1, 1, 0, 0, 2, 2, 0, 1], N // 8)
SAMPLES = RNG.standard_normal(N)
SAMPLES_2 = SAMPLES + RNG.standard_normal(N)
SAMPLES_3 = RNG.standard_normal(N)
MATRIX = np.column_stack([SAMPLES, SAMPLES_2, SAMPLES_3])
TABLE = np.array([[5, 1, 0], [1, 4, 1], [0, 2, 3]])
SCORES = RNG.standard_normal((6, 6))
STRUCTURED = np.zeros(N, dtype=[("a", np.int64), ("b", float)])


def _with(good: np.ndarray, index: int, value: object) -> np.ndarray:
    out = np.array(good, dtype=float)
    out.flat[index] = value
    return out


# --- the kinds of argument and their bad values ------------------------------------------------
#
# Each bad value is a function of the good one, so that it keeps the good length (a NaN in an
# otherwise good array, not a different array), and a short id for the test name.


def _bad_arrays(good: np.ndarray) -> dict[str, object]:
    """Bad values of any array argument: wrong container or element type."""
    good = np.asarray(good)
    mask = np.zeros(good.shape, dtype=bool)
    mask.flat[0] = True
    return {
        "empty": [],
        "ragged": [[0, 1], [1]],
        "masked": np.ma.array(good, mask=mask),
        "structured": np.zeros(good.shape, dtype=[("a", np.int64), ("b", float)]),
        "object-mixed": np.array(["a", *good.ravel()[1:]], dtype=object).reshape(good.shape),
        "none": None,
    }


def _bad_numbers(good: np.ndarray) -> dict[str, object]:
    """Bad values of an array that must hold finite real numbers (samples, scores)."""
    return {
        **_bad_arrays(good),
        "strings": np.full(good.shape, "1.5"),
        "nan": _with(good, 1, np.nan),
        "inf": _with(good, 1, np.inf),
        "-inf": _with(good, 1, -np.inf),
        "complex": np.asarray(good) + 1j,
        "datetime": np.zeros(good.shape, dtype="M8[D]"),
        "beyond-float64": np.array([10**400, *([1] * (good.size - 1))], dtype=object).reshape(
            good.shape
        ),
    }


def bad_labels(good):
    n = len(good)
    return {
        **_bad_arrays(good),
        "2-D": np.zeros((n, 2)),
        "scalar": 3,
        "nan": _with(good, 1, np.nan),
        "inf": _with(good, 1, np.inf),
        "-inf": _with(good, 1, -np.inf),
        "complex-nan": np.asarray(good) + 0j * _with(good, 1, np.nan),
        "nat": np.array(["2020-01-01"] * (n - 1) + ["NaT"], dtype="M8[D]"),
        "mixed-list": ["a", *list(good)[1:]],
        "short": good[:-1],
    }


def bad_samples(good):
    n = len(good)
    return {
        **_bad_numbers(good),
        "3-D": np.zeros((n, 2, 2)),
        "scalar": 3.0,
        "no-columns": np.zeros((n, 0)),
        "short": good[:-1],
    }


def bad_sample_alone(good):  # the only sample argument: any length is fine
    return {k: v for k, v in bad_samples(good).items() if k != "short"}


def bad_matrix(good):  # a 2-D (n, columns) array, nothing else
    return {**bad_samples(good), "1-D": good[:, 0]}


def bad_distribution(good):
    return {
        **_bad_numbers(good),
        "2-D": np.ones((2, 2)),
        "scalar": 1.0,
        "negative": _with(good, 0, -1.0),
        "all-zero": np.zeros(good.shape),
    }


def bad_counts(good):
    return {
        **_bad_numbers(good),
        "scalar": 5,
        "1-D": good.ravel(),  # a table is 2-D unless x= and y= label its entries
        "3-D": np.ones((2, 2, 2)),
        "negative": _with(good, 0, -1),
        "all-zero": np.zeros(good.shape),
        "bools": good > 0,
    }


def bad_scores(good):  # a square (K, K) matrix of finite reals
    return {
        **_bad_numbers(good),
        "1-D": good[0],
        "not-square": good[:, :-1],
        "1x1": good[:1, :1],
        "bools": good > 0,
    }


def bad_real(good):  # a number or array of real numbers without NaN (rho, mi)
    return {
        "string": "0.5",
        "complex": 0.5j,
        "nan": np.nan,
        "masked": np.ma.array([0.5, 0.1], mask=[1, 0]),
        "ragged": [[0.5], [0.1, 0.2]],
        "structured": np.zeros(2, dtype=[("a", float)]),
        "datetime": np.zeros(2, dtype="M8[D]"),
        "object": np.array([0.5, "a"], dtype=object),
        "none": None,
        "bool": True,
    }


def bad_rho(good):
    return {**bad_real(good), "above-one": 1.5, "below-minus-one": -1.01, "inf": np.inf}


def bad_open_rho(good):  # strictly inside (-1, 1)
    return {**bad_rho(good), "one": 1.0}


def bad_mi(good):
    return {**bad_real(good), "negative": -0.1}


def bad_positive_ints(good):  # an integer or array of integers >= 1 (plugin_bias)
    return {
        "zero": 0,
        "float": 2.5,
        "bool": True,
        "string": "3",
        "nan": np.nan,
        "masked": np.ma.array([3, 4], mask=[0, 1]),
        "ragged": [[2], [3, 4]],
        "structured": np.zeros(2, dtype=[("a", np.int64)]),
        "none": None,
        "bools": np.array([True, True]),
    }


def bad_int(minimum, *, huge=True):
    """Bad values of an integer option >= ``minimum``; 2**70 is too large for every one."""

    def bad(good):
        values = {
            "below-minimum": minimum - 1,
            "float": 2.5,
            "integral-float": np.float64(3),
            "bool": True,
            "numpy-bool": np.bool_(True),
            "string": "3",
            "none": None,
            "list": [3],
            "nan": math.nan,
        }
        if huge:
            values["2**70"] = 2**70
        return values

    return bad


def bad_base(good):
    return {
        "zero": 0,
        "one": 1,
        "one-float": 1.0,
        "negative": -2,
        "string": "two",
        "bool": True,
        "nan": math.nan,
        "inf": math.inf,
        "list": [2],
        "beyond-float64": 10**400,
        "decimal": Decimal(2),
    }


def bad_seed(good):
    return {
        "negative": -1,
        "float": 1.5,
        "string": "3",
        "nan": math.nan,
        "bool": True,
        "list": [1, 2],
        "object": object(),
    }


def bad_choice(good):
    return {"unknown": "no-such-option", "empty": "", "bool": True, "list": [good], "number": 3}


def bad_callable(good):
    return {"number": 3, "string": "mutual_information"}


def bad_splits(good):
    return {
        "one": [1],
        "2**70": [2, 2**70],
        "float": [2.5],
        "bool": [True, 2],
        "empty": [],
        "string": "23",
        "repeated": [2, 2],
        "none": None,
    }


def bad_task_id(good):
    return {"unknown": "no-such-task", "number": 3, "none": None, "list": [good]}


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """How to call one public function: good arguments, and the kind of each.

    ``args`` maps each argument to ``(good value, bad-values function)``;
    ``call`` turns a dict of arguments into the call (default: all by keyword).
    ``huge`` names the sample arguments to try near +-1e308, ``scale_invariant``
    those whose rescaling alone by a power of two changes no result, and
    ``jointly_invariant`` says that rescaling all of ``huge`` together by the same
    power of two changes no result (KSG: the max-norm compares x with y); such
    samples must give the same result or be refused.  ``aliases`` names, for an
    argument passed on to another function, the names its messages may use.
    """

    func: Callable
    args: dict[str, tuple[object, Callable]]
    call: Callable | None = None
    scale_invariant: tuple[str, ...] = ()
    huge: tuple[str, ...] = field(default=())
    jointly_invariant: bool = False
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def run(self, values: dict) -> object:
        if self.call is not None:
            return self.call(self.func, values)
        return self.func(**values)

    def good(self) -> dict:
        return {name: value for name, (value, _) in self.args.items()}


def labels_xy(func, **extra):
    return Entry(func, {"x": (LABELS, bad_labels), "y": (LABELS_2, bad_labels), **extra})


def labels_xyz(func, **extra):
    return Entry(
        func,
        {"x": (LABELS, bad_labels), "y": (LABELS_2, bad_labels), "z": (LABELS[::-1], bad_labels),
         **extra},
    )


BASE = (None, bad_base)
K = (3, bad_int(1))


def _samples_xy(func, *, extra=None, invariant=True):
    names = ("x", "y")
    return Entry(
        func,
        {"x": (SAMPLES, bad_samples), "y": (SAMPLES_2, bad_samples), **(extra or {})},
        scale_invariant=names if invariant else (),
        huge=names,
        jointly_invariant=True,
    )


def _sample_task(task_id):
    return lambda func, v: tasks.get_task(task_id).sample(**v)


REGISTRY: dict[str, Entry] = {
    # discrete.py
    "entropy": Entry(it.entropy, {"p": (np.array([1.0, 2.0, 3.0]), bad_distribution),
                                  "base": BASE}, scale_invariant=("p",), huge=("p",)),
    "kl_divergence": Entry(
        it.kl_divergence,
        {"p": (np.array([1.0, 2.0, 3.0]), bad_distribution),
         "q": (np.array([2.0, 2.0, 1.0]), bad_distribution), "base": BASE},
        scale_invariant=("p", "q"), huge=("p", "q"),
    ),
    "contingency_table": labels_xy(it.contingency_table),
    "joint_distribution": labels_xy(it.joint_distribution),
    "mutual_information": labels_xy(
        it.mutual_information, base=BASE, correction=(None, bad_choice)
    ),
    "conditional_entropy": labels_xy(it.conditional_entropy, base=BASE),
    "conditional_mutual_information": labels_xyz(it.conditional_mutual_information, base=BASE),
    "discretize": Entry(
        it.discretize,
        {"a": (SAMPLES, lambda g: {**bad_sample_alone(g), "2-D": np.zeros((N, 1))}),
         "bins": (4, bad_int(1)), "strategy": ("uniform", bad_choice)},
        scale_invariant=("a",), huge=("a",),
    ),
    # counts.py
    "mutual_information_from_counts": Entry(
        it.mutual_information_from_counts,
        {"counts": (TABLE, bad_counts), "base": BASE, "correction": ("miller-madow", bad_choice)},
    ),
    "conditional_entropy_from_counts": Entry(
        it.conditional_entropy_from_counts, {"counts": (TABLE, bad_counts), "base": BASE}
    ),
    # the triplet form: counts of labelled entries, which may repeat
    "mutual_information_from_counts[triplets]": Entry(
        it.mutual_information_from_counts,
        {"counts": (np.array([3, 1, 2, 4, 1]), lambda g: {
            **{k: v for k, v in bad_counts(g).items() if k not in ("1-D", "3-D")},
            "2-D": TABLE, "short": g[:-1],
        }), "x": (np.array([5, 6, 5, 7, 6]), bad_labels),
         "y": (np.array([0, 0, 1, 1, 0]), bad_labels), "correction": ("shrinkage", bad_choice)},
    ),
    "entropy_from_counts[labels]": Entry(
        it.entropy_from_counts,
        {"counts": (np.array([3, 1, 2]), lambda g: {
            **{k: v for k, v in bad_counts(g).items() if k not in ("1-D", "3-D")},
            "2-D": TABLE, "short": g[:-1],
        }), "labels": (np.array([5, 6, 5]), lambda g: {  # None: no labels, a histogram
            k: v for k, v in bad_labels(g).items() if k != "none"
        })},
    ),
    "entropy_from_counts": Entry(
        it.entropy_from_counts,
        {"counts": (np.array([3, 1, 4]), lambda g: {
            k: v for k, v in bad_counts(g).items() if k not in ("1-D", "3-D")
        }), "base": BASE, "correction": ("miller-madow", bad_choice)},
    ),
    # clustering.py
    "normalized_mutual_information": labels_xy(
        it.normalized_mutual_information, method=("max", bad_choice)
    ),
    "adjusted_mutual_information": labels_xy(
        it.adjusted_mutual_information, method=("min", bad_choice)
    ),
    "expected_mutual_information": labels_xy(it.expected_mutual_information),
    # estimators.py
    "ksg_mutual_information": _samples_xy(
        it.ksg_mutual_information, extra={"k": K}, invariant=False
    ),
    "permutation_test": labels_xy(
        it.permutation_test,
        n_permutations=(9, bad_int(1)),
        seed=(0, bad_seed),
        statistic=(None, bad_callable),
    ),
    "plugin_bias": Entry(
        it.plugin_bias,
        {"bins_x": (3, bad_positive_ints), "bins_y": (np.array([2, 5]), bad_positive_ints),
         "n": (100, bad_positive_ints)},
    ),
    # continuous.py
    "differential_entropy": Entry(
        it.differential_entropy,
        {"x": (MATRIX[:, :2], bad_sample_alone), "k": K, "base": BASE}, huge=("x",),
    ),
    "ksg_conditional_mutual_information": Entry(
        it.ksg_conditional_mutual_information,
        {"x": (SAMPLES, bad_samples), "y": (SAMPLES_2, bad_samples),
         "z": (SAMPLES_3, bad_samples), "k": K},
        huge=("x", "y", "z"), jointly_invariant=True,
    ),
    "mixed_mutual_information": Entry(
        it.mixed_mutual_information,
        {"x": (SAMPLES + LABELS, bad_samples), "y": (LABELS, bad_labels), "k": K},
        scale_invariant=("x",), huge=("x",),
    ),
    # feature_selection.py
    "mrmr": Entry(
        it.mrmr,
        {"X": (MATRIX + LABELS[:, None], bad_matrix), "y": (LABELS, bad_labels),
         "n_features": (2, bad_int(1)), "k": K},
        scale_invariant=("X",), huge=("X",),
    ),
    # gaussian.py
    "gaussian_mutual_information": Entry(
        it.gaussian_mutual_information, {"rho": (np.array([0.0, 0.5]), bad_rho)}
    ),
    "informational_correlation": Entry(
        it.informational_correlation, {"mi": (np.array([0.0, 0.5]), bad_mi)}
    ),
    "sample_gaussian_pair": Entry(
        it.sample_gaussian_pair,
        {"n": (5, bad_int(1)), "rho": (0.5, lambda g: {**bad_rho(g), "array": [0.5, 0.1]}),
         "seed": (0, bad_seed)},
    ),
    # multivariate.py
    "interaction_information": labels_xyz(it.interaction_information, base=BASE),
    "total_correlation": Entry(
        it.total_correlation,
        {"labels[0]": (LABELS, bad_labels), "labels[1]": (LABELS_2, bad_labels), "base": BASE},
        call=lambda f, v: f(v["labels[0]"], v["labels[1]"], base=v["base"]),
    ),
}

# Functions other engineers add: an entry each when the name is public.
_LATER: dict[str, Callable[[], Entry]] = {
    "co_information": lambda: labels_xyz(it.co_information, base=BASE),
    "covariance_mutual_information": lambda: _samples_xy(
        it.covariance_mutual_information, extra={"base": BASE}
    ),
    "gaussian_copula_mutual_information": lambda: _samples_xy(
        it.gaussian_copula_mutual_information, extra={"base": BASE}
    ),
    "subsample_error": lambda: Entry(
        it.subsample_error,
        {"estimator": (it.ksg_mutual_information, bad_callable),
         "samples[0]": (SAMPLES, lambda g: {
             k: v for k, v in bad_samples(g).items() if k != "3-D"
         }),
         "splits": ((2, 3), bad_splits), "n_repeats": (2, bad_int(1)), "seed": (0, bad_seed)},
        call=lambda f, v: f(v["estimator"], v["samples[0]"], SAMPLES_2, splits=v["splits"],
                            n_repeats=v["n_repeats"], seed=v["seed"]),
        # the samples go to the estimator, whose checks name its own argument
        aliases={"samples[0]": ("x",)},
    ),
    "infonce": lambda: Entry(it.infonce, {"scores": (SCORES, bad_scores)}),
    "nwj": lambda: Entry(it.nwj, {"scores": (SCORES, bad_scores)}),
    "donsker_varadhan": lambda: Entry(it.donsker_varadhan, {"scores": (SCORES, bad_scores)}),
    "gaussian_log_density_ratio": lambda: Entry(
        it.gaussian_log_density_ratio,
        {"x": (SAMPLES, lambda g: {
            k: v for k, v in _bad_numbers(g).items() if k not in ("empty",)
        }), "y": (SAMPLES_2, lambda g: {
            k: v for k, v in _bad_numbers(g).items() if k not in ("empty",)
        }), "rho": (0.5, bad_open_rho)},
    ),
    "fit_quadratic_critic": lambda: Entry(
        it.fit_quadratic_critic,
        {"x": (SAMPLES, bad_samples), "y": (SAMPLES_2, bad_samples),
         "bound": ("infonce", bad_choice), "batch_size": (8, bad_int(2)),
         # max_iter only bounds the iterations (they stop at convergence): 2**70 is fine
         "seed": (0, bad_seed), "max_iter": (3, bad_int(1, huge=False))},
    ),
    "QuadraticCritic": lambda: Entry(
        it.QuadraticCritic,
        {"cross": (np.array([[0.5]]), lambda g: {
            k: v for k, v in bad_real(g).items() if k not in ("bool",)
        }), "quad_x": (np.array([[-0.1]]), bad_real), "quad_y": (np.array([[-0.1]]), bad_real),
         "lin_x": (np.array([0.0]), bad_real), "lin_y": (np.array([0.0]), bad_real),
         "const": (0.1, bad_real)},
    ),
}
for _name, _make in _LATER.items():
    if _name in it.__all__:
        REGISTRY[_name] = _make()

# infotheory.tasks is a public module (not a name in __all__): its functions join the sweep too.
_TASK = next(iter(tasks.TASKS))
REGISTRY["tasks.get_task"] = Entry(tasks.get_task, {"task_id": (_TASK, bad_task_id)})
REGISTRY["tasks.Task"] = Entry(  # a task's sampler, Task.sample(n, seed)
    tasks.get_task(_TASK).sample, {"n": (5, bad_int(1)), "seed": (0, bad_seed)}
)

# Public names that are not functions taking data: result types, and the warning class.
NOT_CALLED = {
    "ContinuousLabelsWarning": "a warning class (tests/library/test_continuous_labels.py)",
    "PermutationTestResult": "the frozen result of permutation_test",
    "SubsampleErrorResult": "the frozen result of subsample_error",
    "QuadraticCriticFit": "the frozen result of fit_quadratic_critic",
    "tasks.TASKS": "a dict of Task objects (their sample method is the tasks.Task entry)",
    "tasks.FAMILIES": "the names of the task families",
}

# Defects the sweep found in functions of other modules, still open: strict xfails, so that
# each fix turns its case into a failure until its line here is deleted.
KNOWN_DEFECTS: dict[str, str] = {}


def _param(*values, id):
    known = id in KNOWN_DEFECTS
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[id])] if known else []
    return pytest.param(*values, id=id, marks=marks)


def _outcome(entry: Entry, values: dict) -> tuple[object, ValueError | None]:
    """The result of a call, or the ValueError it raised."""
    try:
        return entry.run(values), None
    except ValueError as error:
        return None, error


def _cases():
    for name, entry in REGISTRY.items():
        for arg, (good, bad) in entry.args.items():
            for bad_id, value in bad(good).items():
                yield _param(name, arg, value, id=f"{name}-{arg}-{bad_id}")


def _names_the_argument(message: str, arg: str) -> bool:
    """Whether ``message`` names ``arg`` as a word (``labels[1]`` as ``labels`` too)."""
    names = {arg, arg.split("[")[0], arg.split(".")[-1]}
    return any(re.search(rf"(?<![\w.]){re.escape(a)}(?!\w)", message) for a in names)


def _public_names() -> list[str]:
    """``infotheory.__all__``, a public module (``tasks``) replaced by its own public names."""
    names = []
    for name in infotheory.__all__:
        obj = getattr(infotheory, name)
        if inspect.ismodule(obj):
            names += [f"{name}.{inner}" for inner in obj.__all__]
        else:
            names.append(name)
    return names


def test_every_public_name_has_an_entry():
    # A new public name must join the sweep: add it to REGISTRY (or NOT_CALLED, with why).
    public = _public_names()
    missing = [n for n in public if n not in REGISTRY and n not in NOT_CALLED]
    assert missing == []
    stale = [n for n in NOT_CALLED if n not in public]
    assert stale == []


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_good_call_works(name):
    # The bad calls differ from these in one argument, so each failure below is that argument's.
    REGISTRY[name].run(REGISTRY[name].good())


@pytest.mark.parametrize(("name", "arg", "value"), list(_cases()))
def test_bad_input_is_refused_naming_the_argument(name, arg, value):
    entry = REGISTRY[name]
    values = entry.good()
    values[arg] = value
    with pytest.raises((ValueError, TypeError)) as info:
        entry.run(values)
    # Only ValueError and TypeError themselves (UFuncTypeError is a TypeError raised inside
    # NumPy, a LinAlgError a ValueError raised inside it): the library's own message.
    assert type(info.value) in (ValueError, TypeError), repr(info.value)
    names = (arg, *entry.aliases.get(arg, ()))
    assert any(_names_the_argument(str(info.value), a) for a in names), str(info.value)


def _huge_cases():
    for name, entry in REGISTRY.items():
        for arg in entry.huge:
            yield _param(name, arg, id=f"{name}-{arg}")


@pytest.mark.parametrize(("name", "arg"), list(_huge_cases()))
def test_samples_near_the_float64_limit_are_exact_or_refused(name, arg):
    # Samples scaled so that their largest magnitude is 2**1023 (9e307) and their range
    # overflows float64: the result is the unscaled one (scale-invariant functions; a
    # power-of-two scale is exact) or a finite number, or a ValueError naming the argument,
    # never an overflow warning (an error here) or a silent zero (mrmr once standardised
    # such a column to all zeros).
    entry = REGISTRY[name]
    values = entry.good()
    good = np.asarray(values[arg], dtype=float)
    exponent = 1023 - int(np.ceil(np.log2(np.max(np.abs(good)))))
    values[arg] = good * 2.0**exponent
    assert np.all(np.isfinite(values[arg]))
    result, error = _outcome(entry, values)
    if error is not None:
        assert _names_the_argument(str(error), arg), str(error)
        return
    expected = entry.run(entry.good())
    if arg in entry.scale_invariant:
        np.testing.assert_allclose(result, expected, rtol=1e-9)
    else:
        assert np.all(np.isfinite(result))


@pytest.mark.parametrize(
    "name", [_param(name, id=name) for name, entry in REGISTRY.items() if entry.jointly_invariant]
)
def test_all_samples_near_the_float64_limit_together(name):
    # Every sample argument scaled by the same power of two, up to 2**1023: the result of
    # an estimator that depends on the samples only through ratios of distances (KSG,
    # Frenzel-Pompe, the covariance and copula estimators) is exact, or the call is refused.
    entry = REGISTRY[name]
    values = entry.good()
    top = max(np.max(np.abs(values[a])) for a in entry.huge)
    scale = 2.0 ** (1023 - int(np.ceil(np.log2(top))))
    for arg in entry.huge:
        values[arg] = np.asarray(values[arg], dtype=float) * scale
    result, error = _outcome(entry, values)
    if error is not None:
        assert any(_names_the_argument(str(error), a) for a in entry.huge), str(error)
        return
    np.testing.assert_allclose(result, entry.run(entry.good()), rtol=1e-9)


STRUCTURED_14 = [
    it.contingency_table,
    it.joint_distribution,
    it.mutual_information,
    it.conditional_entropy,
    it.normalized_mutual_information,
    it.adjusted_mutual_information,
    it.expected_mutual_information,
]


@pytest.mark.parametrize("func", STRUCTURED_14)
@pytest.mark.parametrize("arg", ["x", "y"])
def test_structured_dtypes_are_refused_by_name(func, arg):
    # The 14 cases: these ended in NumPy's UFuncTypeError.
    values = {"x": LABELS, "y": LABELS_2, arg: STRUCTURED}
    with pytest.raises(
        ValueError,
        match=rf"^{arg} must be a plain array, not a structured \(record\) array of dtype .*"
        rf"pass one field, e\.g\. {arg}\['a'\]",
    ):
        func(**values)


@pytest.mark.parametrize(
    "func",
    [it.mutual_information, it.conditional_entropy, it.normalized_mutual_information,
     it.adjusted_mutual_information, it.expected_mutual_information, it.contingency_table],
)
@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_infinite_labels_are_refused_like_nan(func, value):
    # scikit-learn's rule: an infinite value is no category.  inf was a valid label before.
    x = np.array([0.0, 1.0, value, 1.0])
    with pytest.raises(ValueError, match=r"^x must not contain inf or -inf"):
        func(x, [0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"^y must not contain inf or -inf"):
        func([0, 1, 0, 1], x)
    # in a list, and in an object array mixing big integers with floats, too
    with pytest.raises(ValueError, match=r"^x must not contain inf or -inf"):
        func([2**60, 1.5, float(value), 3], [0, 1, 0, 1])


def test_mrmr_keeps_a_masked_arrays_mask_out_and_huge_columns_in():
    # Two of the defects the sweep found: mrmr took np.asarray of a masked X (dropping the
    # mask silently) and standardised a column holding +-1e308 by an infinite standard
    # deviation, to all zeros, so that the column lost its information.
    X = MATRIX + LABELS[:, None]
    with pytest.raises(ValueError, match="X is a masked array; masks are not honoured"):
        it.mrmr(np.ma.array(X, mask=np.zeros_like(X, dtype=bool)), LABELS, 2)
    huge = X.copy()
    huge[:, 0] *= 2.0**1021  # a scale that changes no rank: the picks must not change
    assert it.mrmr(huge, LABELS, 3).tolist() == it.mrmr(X, LABELS, 3).tolist()
