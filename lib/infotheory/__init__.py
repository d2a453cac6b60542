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

from . import tasks
from ._validation import ContinuousLabelsWarning
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
from .counts import (
    conditional_entropy_from_counts,
    entropy_from_counts,
    mutual_information_from_counts,
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
from .multivariate import co_information, interaction_information, total_correlation
from .parametric import covariance_mutual_information, gaussian_copula_mutual_information
from .uncertainty import SubsampleErrorResult, subsample_error
from .variational import (
    QuadraticCritic,
    QuadraticCriticFit,
    donsker_varadhan,
    fit_quadratic_critic,
    gaussian_log_density_ratio,
    infonce,
    nwj,
)

__all__ = [
    "ContinuousLabelsWarning",
    "PermutationTestResult",
    "QuadraticCritic",
    "QuadraticCriticFit",
    "SubsampleErrorResult",
    "adjusted_mutual_information",
    "co_information",
    "conditional_entropy",
    "conditional_entropy_from_counts",
    "conditional_mutual_information",
    "contingency_table",
    "covariance_mutual_information",
    "differential_entropy",
    "discretize",
    "donsker_varadhan",
    "entropy",
    "entropy_from_counts",
    "expected_mutual_information",
    "fit_quadratic_critic",
    "gaussian_copula_mutual_information",
    "gaussian_log_density_ratio",
    "gaussian_mutual_information",
    "infonce",
    "informational_correlation",
    "interaction_information",
    "joint_distribution",
    "kl_divergence",
    "ksg_conditional_mutual_information",
    "ksg_mutual_information",
    "mixed_mutual_information",
    "mrmr",
    "mutual_information",
    "mutual_information_from_counts",
    "normalized_mutual_information",
    "nwj",
    "permutation_test",
    "plugin_bias",
    "sample_gaussian_pair",
    "subsample_error",
    "tasks",
    "total_correlation",
]
