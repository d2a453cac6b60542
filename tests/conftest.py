"""Shared test configuration: a headless plotting backend and a deterministic hypothesis profile."""

import matplotlib

matplotlib.use("Agg")

from hypothesis import settings

# scipy's profile: reproducible, no example database, no deadline on a noisy machine.
settings.register_profile("deterministic", derandomize=True, database=None, deadline=None)
settings.load_profile("deterministic")
