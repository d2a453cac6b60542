r"""Parametric estimates of mutual information: the Gaussian and the Gaussian copula.

* :func:`covariance_mutual_information`: the mutual information of the
  Gaussian that has the sample covariance, exact for Gaussian data.
* :func:`gaussian_copula_mutual_information`: the same on the normal scores of
  each column's ranks (Ince et al. [1]_); unchanged by strictly increasing maps
  of each column, and for one-dimensional :math:`X` or :math:`Y` a lower bound
  (in the population) on the mutual information of any continuous pair.

Both cost one covariance matrix (the copula estimate a sort per column more),
so they run on millions of samples where a nearest-neighbour estimator would
not.  Results are in nats unless ``base`` is given.

References
----------
.. [1] R. A. A. Ince, B. L. Giordano, C. Kayser, G. A. Rousselet, J. Gross and
   P. G. Schyns, "A statistical framework for neuroimaging data analysis based
   on mutual information estimated via a Gaussian copula", *Human Brain
   Mapping* 38(3), 2017, pp. 1541-1573.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import ndtri
from scipy.stats import rankdata

from ._validation import check_base, check_samples

__all__ = ["covariance_mutual_information", "gaussian_copula_mutual_information"]

# A correlation matrix whose smallest eigenvalue is below this many times d * eps
# (d its size) is singular to working precision: the eigenvalues of a matrix with
# entries of size 1 carry absolute errors of about d * eps.
_SINGULAR_ULPS = 64


def _check_pair(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x_arr, y_arr = check_samples(x, "x"), check_samples(y, "y")
    n = x_arr.shape[0]
    if y_arr.shape[0] != n:
        raise ValueError(
            f"x and y must have the same number of samples, got {n} and {y_arr.shape[0]}"
        )
    d = x_arr.shape[1] + y_arr.shape[1]
    if n <= d:
        raise ValueError(
            f"x and y need more samples than columns in all (n > {d}) for a sample "
            f"covariance of full rank, got n = {n}"
        )
    return x_arr, y_arr


def _standardize(a: np.ndarray) -> np.ndarray:
    """Centre each column and scale it to unit norm, dropping constant columns.

    A constant column carries no information about anything, so dropping it
    changes no mutual information.  Each column is first divided by the power
    of two just above its largest magnitude, which is exact and keeps the
    sums below (the mean, the norm) from overflowing near 1.8e308.
    """
    a = a[:, np.any(a != a[0], axis=0)]
    if a.shape[1] == 0:
        return a
    a = np.ldexp(a, -np.frexp(np.max(np.abs(a), axis=0))[1])
    a = a - a.mean(axis=0)
    norms = np.sqrt(np.einsum("ij,ij->j", a, a))
    # A column whose values differ by a few ulps can centre to all zeros.
    nonzero = norms > 0
    return a[:, nonzero] / norms[nonzero]


def _gaussian_mi(x: np.ndarray, y: np.ndarray, base: float | None, what: str = "columns") -> float:
    """Mutual information (nats, or ``base``) of the Gaussian with the sample correlation.

    ``what`` names the columns in the message for linearly dependent ones.
    """
    zx, zy = _standardize(x), _standardize(y)
    dx, dy = zx.shape[1], zy.shape[1]
    if dx == 0 or dy == 0:
        return 0.0
    joint = np.concatenate([zx, zy], axis=1)
    corr = joint.T @ joint
    # Symmetric by construction up to rounding; eigvalsh reads one triangle.
    tol = _SINGULAR_ULPS * np.finfo(float).eps
    logdets = []
    for name, block in (("x", corr[:dx, :dx]), ("y", corr[dx:, dx:]), (None, corr)):
        eig = np.linalg.eigvalsh(block)
        if eig[0] <= tol * block.shape[0]:
            if name is not None:
                raise ValueError(
                    f"{name} has linearly dependent {what} (their sample correlation matrix "
                    "is singular to working precision); drop the redundant columns, which "
                    "changes no mutual information"
                )
            # X and Y are linearly dependent while neither is on its own: the Gaussian with
            # this covariance has Y a linear function of X, and infinite mutual information.
            return float("inf")
        logdets.append(np.sum(np.log(eig)))
    mi = 0.5 * (logdets[0] + logdets[1] - logdets[2])
    # Fischer's inequality makes the exact value >= 0; rounding can leave -1e-16.
    mi = max(mi, 0.0)
    if base is not None:
        mi /= np.log(base)
    return float(mi)


def covariance_mutual_information(
    x: ArrayLike, y: ArrayLike, *, base: float | None = None
) -> float:
    r"""Mutual information of the Gaussian with the sample covariance of ``x`` and ``y``.

    .. math::

        \hat I = \frac12 \ln \frac{\det S_{X} \det S_{Y}}{\det S}

    where :math:`S` is the sample covariance of the joint samples
    :math:`(x_i, y_i)` and :math:`S_X`, :math:`S_Y` its diagonal blocks.  For a
    Gaussian pair this is the exact mutual information at the true covariance
    [1]_, and the estimate converges to it as :math:`n` grows.  It depends on
    the data only through linear correlations, so it is unchanged by an
    invertible affine map of :math:`X` or of :math:`Y`.

    Parameters
    ----------
    x : array-like of shape (n,) or (n, d_x)
        Samples of :math:`X`, finite real numbers; a 1-D array is one column.
    y : array-like of shape (n,) or (n, d_y)
        Samples of :math:`Y`, paired row by row with ``x``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, 2 gives bits.

    Returns
    -------
    float
        The estimate, :math:`\ge 0`.  ``0.0`` when ``x`` or ``y`` is
        constant; ``inf`` when some linear combination of the columns of
        ``y`` equals one of ``x`` (to working precision) while neither ``x``
        nor ``y`` has linearly dependent columns on its own.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is empty, not 1-D or 2-D, non-numeric or not finite;
        if their lengths differ; if ``n`` is not larger than
        :math:`d_x + d_y` (the sample covariance would be singular); if the
        non-constant columns of ``x`` (or of ``y``) are linearly dependent;
        or if ``base`` is not a positive number other than 1.

    See Also
    --------
    gaussian_copula_mutual_information : the same on normal scores of ranks.
    infotheory.gaussian_mutual_information : the closed form from :math:`\rho`.

    Notes
    -----
    Computed from the sample *correlation* matrix (the ratio of
    determinants does not change when columns are rescaled), whose
    log-determinants are sums of the logarithms of its eigenvalues
    (:func:`numpy.linalg.eigvalsh`), like :func:`numpy.linalg.slogdet` free of
    overflow in high dimension, and which also detect a singular matrix.
    Rules at the edges:

    * a constant column (all values equal) is dropped: it is independent of
      everything, so this changes no mutual information;
    * linearly dependent columns within ``x`` (or within ``y``) make
      :math:`\det S_X = \det S = 0` and the ratio 0/0, so they are refused
      with a message naming the argument;
    * a singular joint matrix with non-singular blocks is the Gaussian with
      :math:`Y` a linear function of :math:`X`: the result is ``inf``, as
      :func:`~infotheory.gaussian_mutual_information` gives at
      :math:`\rho = \pm 1`.  "Singular" means an eigenvalue of the
      correlation matrix below :math:`64\, d\, \epsilon` (:math:`d` its size,
      :math:`\epsilon` the float64 spacing at 1);
    * the exact value is :math:`\ge 0` (Fischer's inequality); a negative
      rounding residue (about :math:`10^{-16}`) is returned as 0.0;
    * each column is divided by a power of two (exact) before any sum, so data
      near the float64 limit (:math:`10^{308}`) give the same estimate.

    **Neither a lower nor an upper bound in general.**  With
    :math:`D(X) = \mathrm{KL}(p_X \,\|\, N(\mu_X, \Sigma_X))`, the distance
    of a law from the Gaussian with its own mean and covariance,

    .. math:: I_{\mathrm{Gauss}} - I = D(X) + D(Y) - D(X, Y)

    (the Gaussian has the largest entropy at a given covariance, and
    :math:`h = h_{\mathrm{Gauss}} - D`).  The right side takes either sign: it
    is negative when the dependence is non-linear (an uncorrelated but
    dependent pair gives 0 < I), and positive when non-Gaussian marginals
    mimic dependence (a shared random sign across the columns of :math:`X` and
    of :math:`Y` can make it exceed the truth).  With heavy tails the sample
    covariance need not converge at all (Cauchy data).

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*,
       2nd ed., Wiley, 2006: Theorem 8.4.1 (the Gaussian's entropy), Example
       8.5.1 (its mutual information) and Theorem 8.6.5 (the Gaussian has the
       largest entropy at a given covariance).

    Examples
    --------
    A Gaussian pair with correlation 0.8 has
    :math:`I = -\tfrac12 \ln(1 - 0.8^2) \approx 0.511` nats:

    >>> from infotheory import sample_gaussian_pair
    >>> x, y = sample_gaussian_pair(100_000, 0.8, seed=0)
    >>> mi = covariance_mutual_information(x, y)
    >>> bool(abs(mi - (-0.5 * np.log(1 - 0.8**2))) < 0.01)
    True

    In one dimension it is the closed form at the sample correlation:

    >>> r = np.corrcoef(x, y)[0, 1]
    >>> bool(np.isclose(mi, -0.5 * np.log(1 - r**2)))
    True

    A linear function of ``x`` carries infinite Gaussian information:

    >>> covariance_mutual_information(x, 2 * x + 1)
    inf
    """
    base = check_base(base)
    x_arr, y_arr = _check_pair(x, y)
    return _gaussian_mi(x_arr, y_arr, base)


def _normal_scores(a: np.ndarray) -> np.ndarray:
    r"""Replace each column by :math:`\Phi^{-1}(r / (n + 1))`, :math:`r` its (average) ranks.

    The upper half is computed as :math:`-\Phi^{-1}((n + 1 - r) / (n + 1))`,
    which keeps full relative precision near 1 and makes the scores of a
    reversed column exactly the negated scores.
    """
    n = a.shape[0]
    ranks = rankdata(a, method="average", axis=0)
    upper = ranks > 0.5 * (n + 1)
    tail = np.where(upper, n + 1 - ranks, ranks) / (n + 1)
    scores = ndtri(tail)
    return np.where(upper, -scores, scores)


def gaussian_copula_mutual_information(
    x: ArrayLike, y: ArrayLike, *, base: float | None = None
) -> float:
    r"""Gaussian-copula estimate of :math:`I(X; Y)` (Ince et al. 2017).

    Each column of ``x`` and of ``y`` is replaced by the normal scores of its
    ranks, :math:`z_i = \Phi^{-1}(r_i / (n + 1))`, and the mutual information
    of the Gaussian with the sample covariance of the scores is returned
    (:func:`covariance_mutual_information`) [1]_.

    The ranks discard everything but the order of each column, so the estimate
    is **unchanged by any strictly increasing map of any column** (exactly:
    the same ranks give the same numbers).  It is cheap (a sort per column
    and one covariance matrix), and exact in the large-sample limit when the
    data have a Gaussian copula, that is, when increasing maps of the columns
    make them jointly Gaussian.

    Parameters
    ----------
    x : array-like of shape (n,) or (n, d_x)
        Samples of :math:`X`, finite real numbers; a 1-D array is one column.
    y : array-like of shape (n,) or (n, d_y)
        Samples of :math:`Y`, paired row by row with ``x``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, 2 gives bits.

    Returns
    -------
    float
        The estimate, :math:`\ge 0`.  ``0.0`` when ``x`` or ``y`` is
        constant; ``inf`` when the scores of ``y`` are linearly dependent on
        those of ``x`` while neither is on its own (``y`` an increasing or
        decreasing function of a one-dimensional ``x``, say).

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is empty, not 1-D or 2-D, non-numeric or not finite;
        if their lengths differ; if ``n`` is not larger than
        :math:`d_x + d_y`; if the scores of the non-constant columns of ``x``
        (or ``y``) are linearly dependent (two columns in the same order, as
        when one is an increasing function of another); or if ``base`` is not
        a positive number other than 1.

    See Also
    --------
    covariance_mutual_information : the same on the raw values.

    Notes
    -----
    **Ties** get the average of the ranks they span
    (:func:`scipy.stats.rankdata`, ``method="average"``), so tied values get
    one score; a constant column gets the score 0 everywhere and is dropped
    as in :func:`covariance_mutual_information`.  In floating point a strictly
    increasing function can merge values closer than its output's spacing
    (:math:`\Phi(9)` and :math:`\Phi(10)` both round to 1), which then tie.

    **A lower bound when X or Y is one-dimensional.**  For continuous
    :math:`X` and :math:`Y`, the population version of the estimate is
    :math:`I_G = I_{\mathrm{Gauss}}(Z_X; Z_Y)` with
    :math:`Z = \Phi^{-1}(F(\cdot))` applied to each column, and
    :math:`I(X; Y) = I(Z_X; Z_Y)` (invertible maps keep mutual information).
    In one dimension the scores are standard normal, and the Gaussian has the
    largest joint entropy at a given covariance, so
    :math:`I = h(Z_X) + h(Z_Y) - h(Z_X, Z_Y) \ge I_G`, with equality exactly
    under a Gaussian copula.  In terms of the distance :math:`D` from the
    Gaussian with the same covariance,
    :math:`I_G - I = D(Z_X) + D(Z_Y) - D(Z_X, Z_Y)`, and since a marginal is
    never farther from Gaussian than the joint, this is :math:`\le 0` as soon
    as one side is one-dimensional (its :math:`D` is 0).

    **No bound for vectors.**  Per-column scores do not make a vector's joint
    law Gaussian, and the estimate can then exceed the truth.  Example: a fair
    random sign :math:`S` and independent standard normals :math:`G_j`,
    :math:`H_j`, with :math:`X = S\,(|G_1|, \dots, |G_5|)` and
    :math:`Y = S\,(|H_1|, \dots, |H_5|)`.  Every column is standard normal
    and :math:`I(X; Y) = H(S) = \ln 2 \approx 0.693` nats, but all columns
    are correlated at :math:`c = 2/\pi`, and the estimate tends to
    :math:`\tfrac12 \ln\bigl((1 + 4c)^2 / ((1 - c)(1 + 9c))\bigr) \approx
    0.819` nats.  With heavy tails, bimodality or non-monotone dependence the
    estimate can also fall far below the truth (an uncorrelated pair of
    scores gives about 0 whatever the dependence).

    References
    ----------
    .. [1] R. A. A. Ince, B. L. Giordano, C. Kayser, G. A. Rousselet, J. Gross
       and P. G. Schyns, "A statistical framework for neuroimaging data
       analysis based on mutual information estimated via a Gaussian copula",
       *Human Brain Mapping* 38(3), 2017, pp. 1541-1573.

    Examples
    --------
    Increasing maps of the columns change nothing:

    >>> from infotheory import sample_gaussian_pair
    >>> x, y = sample_gaussian_pair(10_000, 0.8, seed=0)
    >>> mi = gaussian_copula_mutual_information(x, y)
    >>> mi == gaussian_copula_mutual_information(np.exp(x), y**3)
    True

    and on Gaussian data it estimates the true value:

    >>> bool(abs(mi - (-0.5 * np.log(1 - 0.8**2))) < 0.02)
    True

    while the covariance estimate, which sees only linear dependence, drops
    on the mapped data:

    >>> covariance_mutual_information(np.exp(x), y**3) < mi - 0.1
    True
    """
    base = check_base(base)
    x_arr, y_arr = _check_pair(x, y)
    return _gaussian_mi(
        _normal_scores(x_arr),
        _normal_scores(y_arr),
        base,
        "columns of normal scores (two columns in the same order?)",
    )
