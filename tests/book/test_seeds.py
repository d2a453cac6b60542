"""Every function of the book's package that takes a seed checks it as the library does.

Moved from tests/library/test_estimators.py: library tests do not import mibook.  The
library's own functions with a seed are checked there and in tests/library/test_bad_inputs.py.
"""

import inspect

import numpy as np
import pytest

import mibook.datasets as datasets
import mibook.experiments as experiments


def _seeded_calls():
    """One small call of every public mibook function that takes a seed, seed left open."""
    pair = {"a": (np.arange(20.0), np.arange(20.0))}
    calls = {
        "clustering_labels": lambda seed: datasets.clustering_labels(seed=seed),
        "relationships": lambda seed: datasets.relationships(50, seed=seed),
        "chance_scores": lambda seed: experiments.chance_scores([2], n=20, n_seeds=2, seed=seed),
        "estimator_bias_table": lambda seed: experiments.estimator_bias_table(
            (0.0,), n=20, bins=2, k=1, n_seeds=2, seed=seed
        ),
        "g_test_null": lambda seed: experiments.g_test_null(2, n=20, n_permutations=2, seed=seed),
        "gaussian_truth": lambda seed: experiments.gaussian_truth(
            [0.0], n=20, bins=(2,), miller_madow_bins=2, k=1, n_seeds=2, seed=seed
        ),
        "independent_bias": lambda seed: experiments.independent_bias(20, 2, n_seeds=2, seed=seed),
        "permutation_nulls": lambda seed: experiments.permutation_nulls(
            pair, bins=2, n_permutations=2, seed=seed
        ),
    }
    # Every public function with a seed parameter is covered.
    for module in (datasets, experiments):
        for name in module.__all__:
            func = getattr(module, name)
            if inspect.isfunction(func) and "seed" in inspect.signature(func).parameters:
                assert name in calls, name
    return calls


@pytest.mark.parametrize("seed", [-1, 1.5, "3", float("nan"), True])
def test_every_seed_is_checked(seed):
    # Each function taking a seed refuses a bad one with the same message; each also
    # runs with a good seed, so the failure is the seed's.
    for call in _seeded_calls().values():
        call(seed=0)
        with pytest.raises(ValueError, match="seed must be None, a non-negative integer"):
            call(seed=seed)
