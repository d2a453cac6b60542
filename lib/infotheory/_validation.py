"""Input checks shared by every public function.

Each check runs before any arithmetic and raises :class:`ValueError` with a
message that names the offending argument, so that a reader never meets a
failure deep inside NumPy or, worse, a silently wrong number.

Rules shared by every public function:

* Masked arrays (:class:`numpy.ma.MaskedArray`) are refused.  Honouring a mask
  would need a rule per function (is a masked weight zero or missing?  which
  pairs of two label arrays survive?), and ignoring it gives silently wrong
  numbers; ``a.compressed()`` or ``a.filled(v)`` states the intent.
* Ragged nested sequences are refused with a message naming the argument.
* Distributions and continuous samples must be real numbers representable as
  float64: strings, complex, datetime64/timedelta64 (their value depends on
  the unit) and integers beyond the float64 range (``10**400``) are refused.
* Structured (record) arrays are refused by every function, naming the
  argument: a record holds several values, and which one is meant is the
  caller's choice (``a["field"]``).
* Labels may be ints, bools, strings, bytes, floats, complex numbers or
  datetime64/timedelta64 values; NaN, +-inf and NaT are refused (scikit-learn's
  rule: an infinite value is no category).  A list mixing strings and numbers is
  refused like the object array of the same values (NumPy would silently turn
  the numbers into strings), and integers beyond 2**53 mixed with floats keep
  their exact values.
* Labels that look continuous raise a :class:`ContinuousLabelsWarning` in the
  label estimators (see :func:`warn_if_continuous` for the rule).
"""

from __future__ import annotations

import math
import numbers
import os
import reprlib
import sys
import warnings
from collections.abc import Hashable

import numpy as np
from numpy.typing import ArrayLike


def check_distribution(p: ArrayLike, name: str) -> np.ndarray:
    """Return ``p`` as a 1-D float array of non-negative weights summing to 1.

    Raises ValueError if ``p`` is empty, not 1-D, non-numeric, holds a
    NaN, inf or negative entry, or sums to zero.
    """
    arr = _real(p, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    if np.any(arr < 0):
        raise ValueError(f"{name} must be non-negative")
    with np.errstate(over="ignore"):
        total = arr.sum()
    if total == 0:
        raise ValueError(f"{name} must not be all zero")
    if not np.isfinite(total) or total < np.finfo(float).tiny:
        # The sum overflows (1e308 + 1e308) or is subnormal: scale by the largest
        # weight first, which changes no ratio.  Ordinary input skips this, so its
        # result is bit for bit what the plain division gives.
        arr = arr / arr.max()
        total = arr.sum()
    return arr / total


def check_labels(a: ArrayLike, name: str) -> np.ndarray:
    """Return ``a`` as a non-empty 1-D array of labels without NaN, +-inf or NaT.

    Labels may be ints (negative too), bools, strings, bytes, floats, complex
    numbers, or datetime64/timedelta64 values.  A list or tuple that NumPy would
    coerce (strings mixed with numbers become strings; ints above 2**53 mixed
    with floats become floats) is checked element by element like an object
    array, so it is refused or kept exact rather than silently merged.
    """
    arr = _asarray(a, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if isinstance(a, (list, tuple)) and arr.dtype.kind in "USf":
        arr = _object_labels(np.asarray(a, dtype=object), name, coerced=arr)
    elif arr.dtype.kind == "O":
        arr = _object_labels(arr, name)
    if arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
        if np.any(np.isnan(arr)):
            raise ValueError(f"{name} must not contain NaN")
        raise ValueError(f"{name} must not contain inf or -inf (refused as labels, like NaN)")
    if arr.dtype.kind in "mM" and np.any(np.isnat(arr)):
        raise ValueError(f"{name} must not contain NaT")
    return arr


def check_paired_labels(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Check two label arrays and that they have the same length."""
    x_arr, y_arr = check_labels(x, "x"), check_labels(y, "y")
    if x_arr.shape[0] != y_arr.shape[0]:
        raise ValueError(
            f"x and y must have the same length, got {x_arr.shape[0]} and {y_arr.shape[0]}"
        )
    return x_arr, y_arr


class ContinuousLabelsWarning(UserWarning):
    """A label array given to a label estimator looks like continuous samples.

    Raised by :func:`~infotheory.mutual_information` and the other label
    estimators when an array of float labels has at least
    ``CONTINUOUS_MIN_SAMPLES`` (20) entries of which more than half
    (``CONTINUOUS_DISTINCT_SHARE``) are distinct.  Each distinct value is then
    its own label, so the plug-in estimate approaches the logarithm of the number
    of distinct values whatever the dependence.  Continuous samples need
    :func:`~infotheory.ksg_mutual_information` (both continuous) or
    :func:`~infotheory.mixed_mutual_information` (continuous ``x``, discrete
    ``y``), or binning first with :func:`~infotheory.discretize`.
    """


#: A float label array warns only from this many samples on: below it, a float labelling with
#: many levels (a hand-made example, [0.5, 1.5, 2.5]) is as likely as a continuous sample.
CONTINUOUS_MIN_SAMPLES = 20

#: ... and only if more than this share of its values are distinct: a label then has fewer than
#: two samples on average, so the plug-in estimate measures little beyond the number of labels.
CONTINUOUS_DISTINCT_SHARE = 0.5

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def warn_if_continuous(arr: np.ndarray, n_distinct: int, name: str, function: str) -> None:
    """Warn with :class:`ContinuousLabelsWarning` if the checked labels ``arr`` look continuous.

    The rule: ``arr`` has a floating dtype (float16/32/64; ints, bools, strings,
    complex numbers, datetimes and object arrays never warn), at least
    ``CONTINUOUS_MIN_SAMPLES`` (20) entries, and ``n_distinct`` (its number of
    distinct values, which the caller has counted anyway) above
    ``CONTINUOUS_DISTINCT_SHARE`` (half) of its entries.  So 0.0/1.0 labels, or a
    few repeated float levels, never warn, nor do rounded measurements with
    ties in most places; 1,000 draws of a Gaussian always do.  Casting labels to
    int (``labels.astype(int)`` for integer-valued floats such as IDs read as
    float) states that they are categories and silences it.  The warning points
    at the caller's line, outside this package.
    """
    n = arr.shape[0]
    if (
        arr.dtype.kind != "f"
        or n < CONTINUOUS_MIN_SAMPLES
        or n_distinct <= CONTINUOUS_DISTINCT_SHARE * n
    ):
        return
    if function == "conditional_mutual_information":
        remedy = "ksg_conditional_mutual_information estimates I(X; Y | Z) of continuous samples"
    elif function in ("mixed_mutual_information", "mrmr"):
        remedy = "ksg_mutual_information estimates MI of two continuous samples"
    else:
        remedy = (
            "ksg_mutual_information (both continuous) or mixed_mutual_information "
            "(continuous x, discrete labels y) estimate MI of continuous samples"
        )
    warnings.warn(
        f"{name} looks continuous: {n_distinct:,} of its {n:,} float values are distinct, "
        f"so {function} treats each value as its own label and measures little beyond "
        f"the number of labels; {remedy}, or bin them first with discretize "
        "(integer-coded labels never warn)",
        ContinuousLabelsWarning,
        stacklevel=_stacklevel_outside_package(),
    )


def _stacklevel_outside_package() -> int:
    """The ``stacklevel`` of the first caller outside ``infotheory``, for ``warnings.warn``.

    Counted from the function that calls ``warnings.warn`` (the caller of this
    one), so a warning points at the user's line however deep inside the
    package it is raised (``interaction_information`` calls
    ``mutual_information``, say).
    """
    level, frame = 1, sys._getframe(1)
    while frame is not None and _in_package(frame.f_code.co_filename):
        level += 1
        frame = frame.f_back
    return level


def _in_package(filename: str) -> bool:
    folder = os.path.dirname(os.path.abspath(filename))
    return folder == _PACKAGE_DIR or folder.startswith(_PACKAGE_DIR + os.sep)


def check_samples(a: ArrayLike, name: str) -> np.ndarray:
    """Return continuous samples as a finite float array of shape (n, d)."""
    arr = _real(a, name)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D or 2-D (n, d), got shape {arr.shape}")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return arr


def check_base(base: float | None) -> float | None:
    """Check a logarithm base: ``None`` (nats) or a finite number > 0 other than 1."""
    if base is None:
        return None
    if isinstance(base, bool) or not isinstance(base, numbers.Real):
        raise ValueError(f"base must be a positive number other than 1, got {base!r}")
    # Any numbers.Real (Fraction(2), np.float32(2)) is used as its float value.
    try:
        value = float(base)
    except OverflowError:
        raise ValueError(f"base must be a positive number other than 1, got {base!r}") from None
    if not np.isfinite(value) or value <= 0 or value == 1:
        raise ValueError(f"base must be a positive number other than 1, got {base!r}")
    return value


# The most samples a function that *draws* data will draw: 1e8 pairs of float64 take 1.6 GB, and
# a request beyond it is a typo (10**12), which must not end in a MemoryError deep in NumPy.
MAX_SAMPLES = 10**8


def check_int(value: object, name: str, *, minimum: int, maximum: int | None = None) -> int:
    """Check that ``value`` is an integer (not a bool) in ``[minimum, maximum]``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be an integer <= {maximum}, got {value!r}")
    return int(value)


def check_choice(value: object, name: str, choices: tuple) -> object:
    """Check that ``value`` is one of ``choices`` (strings or None, say).

    The comparison is by kind and value: a string matches only a string (a
    NumPy string scalar too), a number only a number that is not a bool, None
    only None; so an array (``np.array(['max'])``), a list, bytes, or a bool
    for an int never matches.  Returns the matching entry of ``choices``.
    """
    if isinstance(value, Hashable) and not isinstance(value, np.ndarray):
        for choice in choices:
            if _same_choice(value, choice):
                return choice
    options = ", ".join(repr(c) for c in choices)
    raise ValueError(f"{name} must be one of {options}, got {value!r}")


def _same_choice(value: object, choice: object) -> bool:
    if choice is None or value is None:
        return value is choice
    if isinstance(choice, str) or isinstance(value, str):
        return isinstance(choice, str) and isinstance(value, str) and value == choice
    flags = (bool, np.bool_)
    if isinstance(choice, flags) or isinstance(value, flags):
        return isinstance(choice, flags) and isinstance(value, flags) and value == choice
    if isinstance(choice, numbers.Number) and isinstance(value, numbers.Number):
        return bool(value == choice)
    return type(value) is type(choice) and bool(value == choice)


def _as_real(a: ArrayLike) -> np.ndarray:
    """Convert to float, refusing strings (``"0.5"``) and complex numbers.

    ``np.asarray(..., dtype=float)`` alone parses numeric strings and drops
    imaginary parts with only a warning.
    """
    arr = np.asarray(a)
    if arr.dtype.kind in "USc" or (
        arr.dtype.kind == "O" and not all(isinstance(v, (numbers.Real, np.bool_)) for v in arr.flat)
    ):
        raise TypeError("not real numbers")
    return arr.astype(float, copy=False)


_FLOAT_EXACT = 2**53


def _object_labels(arr: np.ndarray, name: str, coerced: np.ndarray | None = None) -> np.ndarray:
    """Give an object array of labels one NumPy dtype without merging labels.

    ``np.unique`` needs mutually comparable labels, so a mix of strings and
    numbers is refused.  Integers stay exact: int64 when they fit, otherwise
    Python ints, because float64 would merge labels above 2**53; so does a mix
    of floats with such integers (kept as Python numbers, which compare exactly).
    ``coerced`` is NumPy's own conversion of the same list, returned when it
    lost nothing.
    """
    if arr.ndim != 1:  # a list NumPy could not make 1-D; check_labels reports the shape
        return arr if coerced is None else coerced
    if all(isinstance(v, str) for v in arr):
        return arr.astype(str) if coerced is None or coerced.dtype.kind != "U" else coerced
    if all(isinstance(v, bytes) for v in arr):
        return arr.astype(bytes) if coerced is None or coerced.dtype.kind != "S" else coerced
    if all(isinstance(v, (numbers.Integral, np.bool_)) for v in arr):
        try:
            return arr.astype(np.int64)
        except OverflowError:
            return arr
    if all(isinstance(v, (numbers.Real, np.bool_)) for v in arr):
        big = [isinstance(v, numbers.Integral) and abs(int(v)) > _FLOAT_EXACT for v in arr]
        if not any(big):
            return coerced if coerced is not None else arr.astype(float, copy=False)
        if any(v != v for v in arr):
            raise ValueError(f"{name} must not contain NaN")
        if any(isinstance(v, float) and math.isinf(v) for v in arr):
            raise ValueError(f"{name} must not contain inf or -inf (refused as labels, like NaN)")
        # Python compares int with float exactly, so np.unique keeps 2**53 + 1 and
        # 2.0**53 apart; floats equal to an int (1.0 and 1) are one label, as in Python.
        return np.array(
            [int(v) if isinstance(v, numbers.Integral) else float(v) for v in arr], dtype=object
        )
    raise ValueError(
        f"{name} must hold labels of one kind: all numbers, all strings or all bytes"
    )


def _asarray(a: ArrayLike, name: str) -> np.ndarray:
    """``np.asarray(a)``, refusing masked arrays and ragged nested sequences by name."""
    if isinstance(a, np.ma.MaskedArray):
        raise ValueError(
            f"{name} is a masked array; masks are not honoured, so pass "
            f"{name}.compressed() (or the unmasked entries) instead"
        )
    try:
        arr = np.asarray(a)
    except ValueError:
        raise ValueError(
            f"{name} must be a rectangular array, got a ragged nested sequence"
        ) from None
    if arr.dtype.kind == "V":
        fields = arr.dtype.names
        hint = f"; pass one field, e.g. {name}[{fields[0]!r}]" if fields else ""
        raise ValueError(
            f"{name} must be a plain array, not a structured (record) array of dtype "
            f"{arr.dtype}{hint}"
        )
    return arr


def _real(a: ArrayLike, name: str) -> np.ndarray:
    """``a`` as a float array, with a message naming ``name`` for anything not a real number."""
    arr = _asarray(a, name)
    if arr.dtype.kind in "mM":
        raise ValueError(
            f"{name} must hold numbers, not {arr.dtype} values (convert them to numbers first)"
        )
    try:
        return _as_real(arr)
    except OverflowError:
        raise ValueError(
            f"{name} must hold numbers within the float64 range (|value| < 1.8e308)"
        ) from None
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers, got {a!r}") from None


def check_real_array(a: ArrayLike, name: str) -> np.ndarray:
    """Return ``a`` (a number or array of any shape) as a float array without NaN.

    Infinities pass; callers check the range they need.
    """
    arr = _asarray(a, name)
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold real numbers, got {a!r}")
    arr = arr.astype(float)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    return arr


def check_int_array(a: ArrayLike, name: str, *, minimum: int) -> np.ndarray:
    """Return ``a`` (an integer or array of integers, any shape) as int64, all >= ``minimum``."""
    arr = _asarray(a, name)
    if arr.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integers >= {minimum}, got {a!r}")
    if np.any(arr < minimum):
        raise ValueError(f"{name} must hold integers >= {minimum}, got {a!r}")
    return arr.astype(np.int64)


#: Types that :func:`numpy.random.default_rng` takes as they are.
_SEED_OBJECTS = (np.random.Generator, np.random.BitGenerator, np.random.SeedSequence)


def check_seed(seed: object, name: str = "seed") -> np.random.Generator:
    """Return ``numpy.random.default_rng(seed)`` after checking ``seed``.

    Accepted: ``None`` (fresh entropy from the operating system), a
    non-negative integer (not a bool; NumPy integers too, of any size), or a
    :class:`numpy.random.Generator` (returned as it is, so draws continue its
    stream), :class:`~numpy.random.BitGenerator` or
    :class:`~numpy.random.SeedSequence`.  Anything else (``-1``, ``1.5``,
    ``'3'``, NaN, ``True``, a list) raises ValueError naming ``name``.
    """
    if seed is None or isinstance(seed, _SEED_OBJECTS):
        return np.random.default_rng(seed)
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(
            f"{name} must be None, a non-negative integer or a numpy.random.Generator, "
            f"got {seed!r}"
        )
    return np.random.default_rng(int(seed))


def check_returned_number(value: object, name: str, where: str) -> float:
    """One value returned by a user's callable ``name``, as a finite float.

    Shared by ``permutation_test`` (its ``statistic``) and ``subsample_error`` (its
    ``estimator``): a bool, a non-number or a non-real array is a TypeError; an array of more
    than one value, NaN or an infinity is a ValueError; each message names ``name`` and says
    ``where`` (which shuffle or part) it happened.
    """
    shown = reprlib.repr(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise TypeError(
            f"{name} must return a real number, got {shown} of type "
            f"{type(value).__name__} on {where}"
        )
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iuf":
            raise TypeError(f"{name} must return a real number, got {shown} on {where}")
        if value.size != 1:
            raise ValueError(
                f"{name} must return a single number, got an array of shape "
                f"{value.shape} on {where}"
            )
        value = value.reshape(())[()]
    try:
        result = float(value)
    except OverflowError:  # a Python int beyond the float range
        result = np.inf
    if not np.isfinite(result):
        raise ValueError(f"{name} must return a finite number, got {shown} on {where}")
    return result
