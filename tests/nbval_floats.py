"""nbval compares the numbers in notebook outputs at a stated precision, not to the last digit.

The last digits of a float are not portable: NumPy's math kernels differ by SIMD level, so the
same chapter executed on two CPUs can glue ``0.002154647039517497`` on one and
``0.0021546470395174965`` on the other. nbval compares outputs as strings, which would make every
reference notebook machine-specific.

This plugin (loaded by the root ``conftest.py``) makes nbval compare every output *number by
number*: the text between numbers must match exactly, integers must match exactly, and two
non-integer numbers match when they agree to a relative ``RTOL`` = 1e-9 (about nine significant
digits), or, for values that are round-off around zero, to an absolute ``ATOL`` = 1e-14.
Round-off between CPUs is about 1e-16 relative, so a reference survives a change of machine with
seven orders of magnitude to spare, while a real change of a result (a different estimator, seed,
bin count or bug) moves it by far more than 1e-9 and still fails. JSON outputs (glued records,
Vega-Lite specifications) are compared the same way, after serialising them with sorted keys.

The regular-expression sanitiser in ``tests/notebooks/sanitize.cfg`` still runs first.

Figures are not compared here: nbval skips PNG and JPEG outputs itself, and this plugin adds SVG
(the book's figure format), because ``make references`` stores the references without images and
each figure builder has its own image test (pytest-mpl, ``tests/book/baseline/``).
"""

from __future__ import annotations

import json
import math
import re

RTOL = 1e-9
ATOL = 1e-14

# A number in text: optional sign, digits with an optional fraction, or a bare fraction, with an
# optional exponent. Identifiers such as ``x2`` or ``v5`` are excluded by the look-behind.
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?!\w)")


def _is_integer_literal(token: str) -> bool:
    return not any(c in token for c in ".eE")


def numbers_match(a: str, b: str) -> bool:
    """Whether two number literals agree at the stated precision (integers exactly)."""
    if _is_integer_literal(a) and _is_integer_literal(b):
        return int(a) == int(b)
    x, y = float(a), float(b)
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= max(ATOL, RTOL * max(abs(x), abs(y)))


def texts_match(a: str, b: str) -> bool:
    """Whether two output texts are equal apart from numbers that agree to ``RTOL``/``ATOL``."""
    if a == b:
        return True
    parts_a, parts_b = NUMBER.split(a), NUMBER.split(b)
    if parts_a != parts_b:
        return False
    return all(
        numbers_match(x, y) for x, y in zip(NUMBER.findall(a), NUMBER.findall(b), strict=True)
    )


class NumericText(str):
    """A sanitised output whose ``==`` compares numbers at the stated precision."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, str):
            return NotImplemented
        return texts_match(str(self), str(other))

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = str.__hash__


def as_comparable(value: object) -> object:
    """What nbval compares for one output value: text, or JSON serialised with sorted keys."""
    if isinstance(value, str):
        return NumericText(value)
    if isinstance(value, (dict, list)):
        return NumericText(json.dumps(value, sort_keys=True))
    return value


SKIPPED_IMAGES = ("image/svg+xml",)


def install() -> None:
    """Wrap nbval's per-output sanitiser so that its result compares numbers at ``RTOL``,
    and have nbval skip SVG figures as it skips PNG ones."""
    from nbval.plugin import IPyNbCell, IPyNbFile

    if getattr(IPyNbCell.sanitize, "_numeric", False):
        return
    original = IPyNbCell.sanitize
    original_init = IPyNbFile.__init__

    def sanitize(self, s):
        return as_comparable(original(self, s))

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.skip_compare = (*self.skip_compare, *SKIPPED_IMAGES)

    sanitize._numeric = True
    IPyNbCell.sanitize = sanitize
    IPyNbFile.__init__ = init


def pytest_configure(config) -> None:
    install()
