"""infotheory: entropy, KL divergence and mutual information, tested.

The library behind the mutual-information chapter: every number the chapter
shows is computed here.  Logarithms are natural (nats) unless ``base`` is given.
"""

from .discrete import (
    conditional_entropy,
    contingency_table,
    discretize,
    entropy,
    joint_distribution,
    kl_divergence,
    mutual_information,
)

__all__ = [
    "conditional_entropy",
    "contingency_table",
    "discretize",
    "entropy",
    "joint_distribution",
    "kl_divergence",
    "mutual_information",
]
