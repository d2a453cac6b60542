r"""Information shared by more than two discrete variables.

* :func:`co_information`: Bell's co-information
  :math:`I(X; Y) - I(X; Y \mid Z)`, negative for synergy;
* :func:`interaction_information`: McGill's interaction information with
  dit's sign, :math:`I(X; Y \mid Z) - I(X; Y)`, positive for synergy (for
  three variables it is minus the co-information);
* :func:`total_correlation`: Watanabe's multi-information
  :math:`\sum_i H(X_i) - H(X_1, \ldots, X_m) \ge 0`.

All are plug-in values of label arrays, in nats unless ``base`` is given.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import check_base, check_labels
from .discrete import conditional_mutual_information, mutual_information

__all__ = ["co_information", "interaction_information", "total_correlation"]


def co_information(x: ArrayLike, y: ArrayLike, z: ArrayLike, *, base: float | None = None) -> float:
    r"""Plug-in co-information of three paired label arrays.

    .. math:: \operatorname{CoI}(X; Y; Z) &= I(X; Y) - I(X; Y \mid Z) \\
              &= H(X) + H(Y) + H(Z) - H(X, Y) \\
              &\quad - H(X, Z) - H(Y, Z) + H(X, Y, Z)

    Bell's co-information [1]_ (``dit.multivariate.coinformation`` [2]_,
    and the :math:`I(X;Y;Z)` of Cover and Thomas's exercise on Venn
    diagrams): positive when the variables share information redundantly
    (conditioning on :math:`Z` removes some of what :math:`X` says about
    :math:`Y`), negative when they are synergistic (conditioning creates
    information: for :math:`Y = X \oplus Z` with fair independent bits it is
    -1 bit).  It is symmetric in all three arguments.  For three variables
    it is minus :func:`interaction_information`.

    Parameters
    ----------
    x, y, z : array-like of shape (n_samples,)
        Paired labels: ints (negative too), bools, strings, or floats without NaN.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        Between :math:`-\min(I(X;Y \mid Z), I(X;Z \mid Y), I(Y;Z \mid X))` and
        :math:`\min(I(X;Y), I(X;Z), I(Y;Z))`.  It can be negative, which is why a
        three-circle Venn diagram of entropies misleads.

    Raises
    ------
    ValueError
        If the lengths differ, any array is empty, not 1-D or holds NaN, or
        ``base`` is invalid.

    Notes
    -----
    The two terms are :func:`~infotheory.mutual_information` and
    :func:`~infotheory.conditional_mutual_information` of the empirical
    distribution (both clipped at 0 against round-off), so the value is
    exactly their difference.  The literature uses both signs for three
    variables: McGill's interaction information [3]_ and Jakulin and
    Bratko's interaction gain have the opposite sign (see
    :func:`interaction_information`); some texts call this quantity the
    interaction information too.  Check the sign before comparing numbers.

    References
    ----------
    .. [1] A. J. Bell, "The co-information lattice", in *Proc. ICA 2003*,
       921-926, 2003.
    .. [2] R. G. James, C. J. Ellison and J. P. Crutchfield, "dit: a Python
       package for discrete information theory", *Journal of Open Source
       Software* 3(25), 738, 2018.
    .. [3] W. J. McGill, "Multivariate information transmission",
       *Psychometrika* 19(2), 97-116, 1954.

    Examples
    --------
    >>> x = [0, 0, 1, 1]
    >>> z = [0, 1, 0, 1]
    >>> y = [0, 1, 1, 0]  # x xor z: I(X;Y) = 0, I(X;Y|Z) = 1 bit
    >>> round(co_information(x, y, z, base=2), 12)
    -1.0
    >>> round(co_information(x, x, x, base=2), 12)  # three copies: H(X)
    1.0
    """
    base = check_base(base)
    return mutual_information(x, y, base=base) - conditional_mutual_information(x, y, z, base=base)


def interaction_information(
    x: ArrayLike, y: ArrayLike, z: ArrayLike, *, base: float | None = None
) -> float:
    r"""Plug-in interaction information of three paired label arrays, with dit's sign.

    .. math:: I(X; Y; Z) = I(X; Y \mid Z) - I(X; Y)
              = -\operatorname{CoI}(X; Y; Z)

    McGill's interaction information [1]_ with the sign of
    ``dit.multivariate.interaction_information`` [2]_ and of Jakulin and
    Bratko's interaction gain [3]_, :math:`I(X, Y; Z) - I(X; Z) - I(Y; Z)`:
    positive when the variables are synergistic (conditioning on :math:`Z`
    creates information between :math:`X` and :math:`Y`: for
    :math:`Y = X \oplus Z` with fair independent bits it is +1 bit),
    negative when they share information redundantly (three copies of a
    fair bit give -1 bit).  It is symmetric in all three arguments.

    Parameters
    ----------
    x, y, z : array-like of shape (n_samples,)
        Paired labels: ints (negative too), bools, strings, or floats without NaN.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        Between :math:`-\min(I(X;Y), I(X;Z), I(Y;Z))` and
        :math:`\min(I(X;Y \mid Z), I(X;Z \mid Y), I(Y;Z \mid X))`.

    Raises
    ------
    ValueError
        If the lengths differ, any array is empty, not 1-D or holds NaN, or
        ``base`` is invalid.

    Notes
    -----
    For three variables this is exactly minus :func:`co_information`
    (dit: the interaction information of :math:`m` variables is
    :math:`(-1)^m` times the co-information).  Sign conventions differ in
    the literature: Bell's co-information, and the :math:`I(X;Y;Z)` of some
    textbooks and encyclopaedias, is :math:`I(X;Y) - I(X;Y \mid Z)` and is
    sometimes called interaction information too.  Check the sign before
    comparing numbers.  The two terms are plug-in values of the empirical
    distribution (both clipped at 0 against round-off).

    References
    ----------
    .. [1] W. J. McGill, "Multivariate information transmission",
       *Psychometrika* 19(2), 97-116, 1954.
    .. [2] R. G. James, C. J. Ellison and J. P. Crutchfield, "dit: a Python
       package for discrete information theory", *Journal of Open Source
       Software* 3(25), 738, 2018.
    .. [3] A. Jakulin and I. Bratko, "Quantifying and visualizing attribute
       interactions: an approach based on entropy", arXiv:cs/0308002, 2003.

    Examples
    --------
    >>> x = [0, 0, 1, 1]
    >>> z = [0, 1, 0, 1]
    >>> y = [0, 1, 1, 0]  # x xor z: synergy
    >>> round(interaction_information(x, y, z, base=2), 12)
    1.0
    >>> round(interaction_information(x, x, x, base=2), 12)  # three copies: redundancy
    -1.0
    """
    base = check_base(base)
    return conditional_mutual_information(x, y, z, base=base) - mutual_information(x, y, base=base)


def total_correlation(*labels: ArrayLike, base: float | None = None) -> float:
    r"""Plug-in total correlation (multi-information) of paired label arrays.

    .. math:: C(X_1, \ldots, X_m) = \sum_{i=1}^{m} H(X_i) - H(X_1, \ldots, X_m)

    Watanabe's total correlation [1]_: the Kullback-Leibler divergence of the
    joint distribution from the product of its marginals, so it is
    :math:`\ge 0` and zero exactly when the variables are independent in the
    sample.  For two arrays it is their :func:`~infotheory.mutual_information`.

    Parameters
    ----------
    *labels : array-like of shape (n_samples,)
        One or more paired label arrays: ints, bools, strings, or floats
        without NaN.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    float
        :math:`0 \le C \le \sum_i H(X_i) - \max_i H(X_i)`; 0.0 for a single
        array (round-off below zero is clipped to 0.0).

    Raises
    ------
    ValueError
        If no array is given, the lengths differ, any array is empty, not 1-D
        or holds NaN, or ``base`` is invalid.

    Notes
    -----
    The labels are coded once each; the joint entropy counts one compact code
    per distinct row, built pairwise so the codes never overflow.

    References
    ----------
    .. [1] S. Watanabe, "Information theoretical analysis of multivariate
       correlation", *IBM Journal of Research and Development* 4(1), 66-82,
       1960.

    Examples
    --------
    >>> x = [0, 0, 1, 1]
    >>> z = [0, 1, 0, 1]
    >>> round(total_correlation(x, z, [0, 1, 1, 0], base=2), 12)  # 3 x 1 bit - 2 bits
    1.0
    >>> total_correlation(x, z)
    0.0
    """
    base = check_base(base)
    if not labels:
        raise ValueError("labels must hold at least one label array, got none")
    arrays = [check_labels(a, f"labels[{i}]") for i, a in enumerate(labels)]
    n = arrays[0].shape[0]
    for i, a in enumerate(arrays[1:], start=1):
        if a.shape[0] != n:
            raise ValueError(
                f"labels must all have the same length, got {n} (labels[0]) and "
                f"{a.shape[0]} (labels[{i}])"
            )
    codes = [np.unique(a, return_inverse=True)[1].reshape(-1) for a in arrays]
    joint = codes[0]
    for c in codes[1:]:
        # Re-coding after each pair keeps the codes below n, so int64 never overflows.
        joint = np.unique(joint * (int(c.max()) + 1) + c, return_inverse=True)[1].reshape(-1)
    tc = sum(_entropy_of_codes(c, n) for c in codes) - _entropy_of_codes(joint, n)
    tc = max(float(tc), 0.0)
    return tc if base is None else tc / float(np.log(base))


def _entropy_of_codes(codes: np.ndarray, n: int) -> float:
    counts = np.bincount(codes).astype(float)
    counts = counts[counts > 0]
    return float(np.log(n) - np.dot(counts, np.log(counts)) / n)
