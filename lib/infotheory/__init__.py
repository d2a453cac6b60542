"""infotheory: entropy, KL divergence and mutual information, tested.

Measures and estimators of information for labels and samples, with numpy and
scipy alone: entropies, KL divergence, mutual information (plug-in, Miller-Madow,
shrinkage, k-nearest-neighbour), chance-adjusted clustering scores, permutation
tests, and three-variable measures.  Logarithms are natural (nats) unless
``base`` is given.

It is the library behind the mutual-information book, whose own machinery
(figures, explorers, experiments) lives in the separate package ``mibook``.
"""

__version__ = "0.2.0"

from .clustering import (
    adjusted_mutual_information,
    expected_mutual_information,
    normalized_mutual_information,
)
from .continuous import (
    differential_entropy,
    ksg_conditional_mutual_information,
    mixed_mutual_information,
)
from .discrete import (
    conditional_entropy,
    conditional_mutual_information,
    contingency_table,
    discretize,
    entropy,
    joint_distribution,
    kl_divergence,
    mutual_information,
)
from .estimators import (
    PermutationTestResult,
    ksg_mutual_information,
    permutation_test,
    plugin_bias,
)
from .feature_selection import mrmr
from .gaussian import (
    gaussian_mutual_information,
    informational_correlation,
    sample_gaussian_pair,
)
from .multivariate import interaction_information, total_correlation

__all__ = [
    "PermutationTestResult",
    "adjusted_mutual_information",
    "conditional_entropy",
    "conditional_mutual_information",
    "contingency_table",
    "differential_entropy",
    "discretize",
    "entropy",
    "expected_mutual_information",
    "gaussian_mutual_information",
    "informational_correlation",
    "interaction_information",
    "joint_distribution",
    "kl_divergence",
    "ksg_conditional_mutual_information",
    "ksg_mutual_information",
    "mixed_mutual_information",
    "mrmr",
    "mutual_information",
    "normalized_mutual_information",
    "permutation_test",
    "plugin_bias",
    "sample_gaussian_pair",
    "total_correlation",
]
