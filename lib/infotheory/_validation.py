"""Input checks shared by every public function.

Each check runs before any arithmetic and raises :class:`ValueError` with a
message that names the offending argument, so that a reader never meets a
failure deep inside NumPy or, worse, a silently wrong number.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike


def check_distribution(p: ArrayLike, name: str) -> np.ndarray:
    """Return ``p`` as a 1-D float array of non-negative weights summing to 1.

    Raises ValueError if ``p`` is empty, not 1-D, non-numeric, holds a
    NaN, inf or negative entry, or sums to zero.
    """
    try:
        arr = _as_real(p)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers, got {p!r}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    if np.any(arr < 0):
        raise ValueError(f"{name} must be non-negative")
    total = arr.sum()
    if total == 0:
        raise ValueError(f"{name} must not be all zero")
    return arr / total


def check_labels(a: ArrayLike, name: str) -> np.ndarray:
    """Return ``a`` as a non-empty 1-D array of labels without NaN.

    Labels may be ints (negative too), bools, strings or floats.
    """
    arr = np.asarray(a)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if arr.dtype.kind == "O":
        arr = _object_labels(arr, name)
    if arr.dtype.kind in "fc" and np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    return arr


def check_paired_labels(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Check two label arrays and that they have the same length."""
    x_arr, y_arr = check_labels(x, "x"), check_labels(y, "y")
    if x_arr.shape[0] != y_arr.shape[0]:
        raise ValueError(
            f"x and y must have the same length, got {x_arr.shape[0]} and {y_arr.shape[0]}"
        )
    return x_arr, y_arr


def check_samples(a: ArrayLike, name: str) -> np.ndarray:
    """Return continuous samples as a finite float array of shape (n, d)."""
    try:
        arr = _as_real(a)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers") from None
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
    if not np.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"base must be a positive number other than 1, got {base!r}")
    return float(base)


def check_int(value: object, name: str, *, minimum: int) -> int:
    """Check that ``value`` is an integer (not a bool) no smaller than ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_choice(value: object, name: str, choices: tuple) -> object:
    """Check that ``value`` is one of ``choices``."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


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


def _object_labels(arr: np.ndarray, name: str) -> np.ndarray:
    """Give an object array of labels one NumPy dtype without merging labels.

    ``np.unique`` needs mutually comparable labels, so a mix of strings and
    numbers is refused.  Integers stay exact: int64 when they fit, otherwise
    Python ints, because float64 would merge labels above 2**53.
    """
    if all(isinstance(v, str) for v in arr):
        return arr.astype(str)
    if all(isinstance(v, (numbers.Integral, np.bool_)) for v in arr):
        try:
            return arr.astype(np.int64)
        except OverflowError:
            return arr
    if all(isinstance(v, (numbers.Real, np.bool_)) for v in arr):
        return arr.astype(float, copy=False)
    raise ValueError(f"{name} must hold labels of one kind: all numbers or all strings")


def check_real_array(a: ArrayLike, name: str) -> np.ndarray:
    """Return ``a`` (a number or array of any shape) as a float array without NaN.

    Infinities pass; callers check the range they need.
    """
    arr = np.asarray(a)
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold real numbers, got {a!r}")
    arr = arr.astype(float)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    return arr


def check_int_array(a: ArrayLike, name: str, *, minimum: int) -> np.ndarray:
    """Return ``a`` (an integer or array of integers, any shape) as int64, all >= ``minimum``."""
    arr = np.asarray(a)
    if arr.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integers >= {minimum}, got {a!r}")
    if np.any(arr < minimum):
        raise ValueError(f"{name} must hold integers >= {minimum}, got {a!r}")
    return arr.astype(np.int64)
