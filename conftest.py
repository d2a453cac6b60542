"""Root pytest configuration: names the doctests in ``lib/`` may use without importing."""

import numpy as np
import pytest

# nbval compares numbers in outputs at a stated precision (tests/nbval_floats.py); pytester
# runs nbval itself in tests/test_nbval_floats.py.
pytest_plugins = ["nbval_floats", "pytester"]


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    doctest_namespace["np"] = np
