"""Root pytest configuration: names the doctests in ``lib/`` may use without importing."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    doctest_namespace["np"] = np
