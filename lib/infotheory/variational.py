r"""Variational lower bounds on mutual information from a critic's scores.

In high dimensions there is no density to plug in, so representation learning
estimates (and maximises) mutual information through *lower bounds* that need
only a critic :math:`f(x, y)`, a function that should score joint pairs above
independent ones.  For a batch of :math:`K` pairs :math:`(x_i, y_i)` drawn from
the joint distribution, the critic's **score matrix** is

.. math:: S_{ij} = f(x_i, y_j), \qquad i, j = 1, \dots, K:

its diagonal holds the :math:`K` joint samples, and the :math:`K(K - 1)`
off-diagonal entries pair an :math:`x` with an unrelated :math:`y`, standing for
samples of the product of the marginals.  The three bounds here take that matrix
and follow the definitions of Poole et al. (2019) [1]_; all are in nats:

* :func:`infonce`, van den Oord et al.'s InfoNCE [2]_, never above :math:`\ln K`;
* :func:`nwj`, Nguyen, Wainwright and Jordan's bound [3]_;
* :func:`donsker_varadhan`, the Donsker-Varadhan bound that MINE maximises [4]_.

For the standard bivariate Gaussian the best critic is known in closed form
(:func:`gaussian_log_density_ratio`) and is a quadratic function of
:math:`(x, y)`, so a quadratic critic (:class:`QuadraticCritic`) fitted by
:func:`fit_quadratic_critic` can reach it without a neural network.

References
----------
.. [1] B. Poole, S. Ozair, A. van den Oord, A. A. Alemi and G. Tucker, "On
   variational bounds of mutual information", *ICML*, 2019.
.. [2] A. van den Oord, Y. Li and O. Vinyals, "Representation learning with
   contrastive predictive coding", arXiv:1807.03748, 2018.
.. [3] X. Nguyen, M. J. Wainwright and M. I. Jordan, "Estimating divergence
   functionals and the likelihood ratio by convex risk minimization", *IEEE
   Transactions on Information Theory* 56(11), 2010.
.. [4] M. I. Belghazi et al., "Mutual information neural estimation", *ICML*, 2018.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize
from scipy.special import logsumexp

from ._validation import check_choice, check_int, check_real_array, check_samples, check_seed
from .gaussian import gaussian_mutual_information

__all__ = [
    "BOUNDS",
    "QuadraticCritic",
    "QuadraticCriticFit",
    "donsker_varadhan",
    "fit_quadratic_critic",
    "gaussian_log_density_ratio",
    "infonce",
    "nwj",
]

#: The bounds :func:`fit_quadratic_critic` can maximise.
BOUNDS = ("infonce", "nwj", "donsker_varadhan")


def _check_scores(scores: ArrayLike) -> np.ndarray:
    """``scores`` as a finite square float matrix with at least two rows."""
    s = check_real_array(scores, "scores")
    if s.ndim != 2:
        raise ValueError(f"scores must be a 2-D (K, K) matrix, got shape {s.shape}")
    if s.shape[0] != s.shape[1]:
        raise ValueError(f"scores must be square (K, K), got shape {s.shape}")
    if s.shape[0] < 2:
        raise ValueError(f"scores must be at least 2 x 2 (a batch of K >= 2 pairs), got {s.shape}")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores must be finite (no inf)")
    return s


def _log_mean_exp_off_diagonal(s: np.ndarray) -> np.ndarray:
    r""":math:`\log \frac{1}{K(K-1)} \sum_{i \ne j} e^{S_{ij}}` over the last two axes."""
    k = s.shape[-1]
    off = np.where(np.eye(k, dtype=bool), -np.inf, s)
    return logsumexp(off, axis=(-2, -1)) - np.log(k * (k - 1.0))


def _mean_diagonal(s: np.ndarray) -> np.ndarray:
    """Mean of the diagonal over the last two axes, without overflow (each term over K first)."""
    k = s.shape[-1]
    return np.sum(np.diagonal(s, axis1=-2, axis2=-1) / k, axis=-1)


def infonce(scores: ArrayLike) -> float:
    r"""InfoNCE lower bound on mutual information from a batch's score matrix.

    .. math::

        I_\text{NCE} = \frac1K \sum_{i=1}^K \left[S_{ii}
            - \log \frac1K \sum_{j=1}^K e^{S_{ij}}\right]
        = \ln K - \frac1K \sum_{i=1}^K \log \sum_{j=1}^K e^{S_{ij} - S_{ii}}

    Each row asks the critic to pick the true partner :math:`y_i` of
    :math:`x_i` out of the :math:`K` candidates of the batch; the bound is
    :math:`\ln K` minus the mean cross-entropy of that classification.  Its
    expectation over batches is a lower bound on :math:`I(X; Y)` for any critic
    [1]_ [2]_, and it can never exceed :math:`\ln K`: every inner sum contains the
    term :math:`e^0 = 1`, so every logarithm is :math:`\ge 0`.

    Parameters
    ----------
    scores : array-like of shape (K, K)
        ``scores[i, j]`` :math:`= f(x_i, y_j)`; the diagonal holds the joint
        pairs, the off-diagonal entries the product of the marginals.

    Returns
    -------
    float
        The bound in nats, at most :math:`\ln K` (the computation guarantees
        it, rounding included); :math:`\ln K` is approached when every
        diagonal entry dominates its row, and 0.0 for a constant matrix (a
        critic that cannot tell pairs apart).

    Raises
    ------
    ValueError
        If ``scores`` is not numeric, not 2-D, not square, smaller than
        2 x 2, or holds NaN or inf.

    See Also
    --------
    nwj, donsker_varadhan : the other two bounds on the same matrix.

    Notes
    -----
    Invariant to adding any function of :math:`x_i` alone to row :math:`i`
    (the critic's terms in :math:`x` alone cancel).  The logarithms are
    :func:`scipy.special.logsumexp` of :math:`S_{ij} - S_{ii}`, which never
    overflows for scores of ordinary size; where :math:`S_{ij} - S_{ii}`
    exceeds the float64 range (scores near :math:`\pm 10^{308}`) the row's term
    is :math:`-\infty`, as is then the result.

    References
    ----------
    .. [1] A. van den Oord, Y. Li and O. Vinyals, "Representation learning with
       contrastive predictive coding", arXiv:1807.03748, 2018.
    .. [2] B. Poole, S. Ozair, A. van den Oord, A. A. Alemi and G. Tucker, "On
       variational bounds of mutual information", *ICML*, 2019.

    Examples
    --------
    A critic that cannot tell the pairs apart scores nothing; one that
    always picks the right partner approaches :math:`\ln K`:

    >>> infonce(np.zeros((4, 4)))
    0.0
    >>> bool(np.isclose(infonce(50 * np.eye(4)), np.log(4)))
    True
    >>> bool(infonce(1e6 * np.eye(4)) <= np.log(4))
    True
    """
    s = _check_scores(scores)
    k = s.shape[0]
    with np.errstate(over="ignore"):
        # log sum_j exp(S_ij - S_ii) >= 0 exactly: the j = i term is exp(0) = 1.
        logs = logsumexp(s - np.diagonal(s)[:, None], axis=1)
        return float(np.log(k) - np.sum(logs / k))


def nwj(scores: ArrayLike) -> float:
    r"""NWJ (Nguyen-Wainwright-Jordan, "f-GAN KL") lower bound on mutual information.

    .. math::

        I_\text{NWJ} = \frac1K \sum_{i=1}^K S_{ii}
            - \frac1e \cdot \frac{1}{K(K-1)} \sum_{i \ne j} e^{S_{ij}}

    The expectation of this estimate is a lower bound on :math:`I(X; Y)` for
    every critic, and equals it for the critic
    :math:`f = 1 + \log \frac{p(x, y)}{p(x)\,p(y)}`: note the **shift by one**
    [1]_ [2]_.  Each batch's estimate is unbiased for that expectation (both
    terms are plain means), but its variance grows like :math:`e^{I}` as the
    off-diagonal exponentials become rare large values.

    Parameters
    ----------
    scores : array-like of shape (K, K)
        ``scores[i, j]`` :math:`= f(x_i, y_j)`; the diagonal holds the joint
        pairs, the off-diagonal entries the product of the marginals.

    Returns
    -------
    float
        The estimate in nats; it has no upper limit and may be negative.
        :math:`-e^{-1}` for an all-zero matrix.

    Raises
    ------
    ValueError
        If ``scores`` is not numeric, not 2-D, not square, smaller than
        2 x 2, or holds NaN or inf.

    See Also
    --------
    donsker_varadhan : never below ``nwj`` for the same scores.

    Notes
    -----
    The mean of the exponentials is computed as
    :math:`\exp(\operatorname{logsumexp} - \log K(K-1) - 1)`, so it does not
    overflow before the mean itself does; a mean beyond the float64 range
    (off-diagonal scores above about 709) gives :math:`-\infty`, the float
    nearest the true value.

    References
    ----------
    .. [1] X. Nguyen, M. J. Wainwright and M. I. Jordan, "Estimating divergence
       functionals and the likelihood ratio by convex risk minimization", *IEEE
       Transactions on Information Theory* 56(11), 2010.
    .. [2] B. Poole, S. Ozair, A. van den Oord, A. A. Alemi and G. Tucker, "On
       variational bounds of mutual information", *ICML*, 2019.

    Examples
    --------
    >>> bool(np.isclose(nwj(np.zeros((3, 3))), -np.exp(-1)))
    True
    >>> s = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> bool(np.isclose(nwj(s), 2.0 - np.exp(-1)))
    True
    """
    s = _check_scores(scores)
    with np.errstate(over="ignore"):
        return float(_mean_diagonal(s) - np.exp(_log_mean_exp_off_diagonal(s) - 1.0))


def donsker_varadhan(scores: ArrayLike) -> float:
    r"""Donsker-Varadhan (MINE) lower bound on mutual information.

    .. math::

        I_\text{DV} = \frac1K \sum_{i=1}^K S_{ii}
            - \log \frac{1}{K(K-1)} \sum_{i \ne j} e^{S_{ij}}

    The Donsker-Varadhan representation of :math:`\mathrm{KL}(p_{XY} \,\|\,
    p_X p_Y)` with the expectations replaced by the batch's means, as in MINE
    [1]_ [2]_.  With the population means in place of the batch's it is a lower
    bound on :math:`I(X; Y)` for every critic, tight for
    :math:`f = \log \frac{p(x, y)}{p(x)\,p(y)} + c` for any constant :math:`c`;
    the log of a batch mean makes each estimate biased, and its variance grows
    like :math:`e^{I}`.

    Parameters
    ----------
    scores : array-like of shape (K, K)
        ``scores[i, j]`` :math:`= f(x_i, y_j)`; the diagonal holds the joint
        pairs, the off-diagonal entries the product of the marginals.

    Returns
    -------
    float
        The estimate in nats, unbounded above and possibly negative; 0.0 for
        a constant matrix.  Never below :func:`nwj` of the same scores, equal
        to it exactly when the off-diagonal mean of :math:`e^{S_{ij}}` is
        :math:`e` (since :math:`\log m \le m / e`).

    Raises
    ------
    ValueError
        If ``scores`` is not numeric, not 2-D, not square, smaller than
        2 x 2, or holds NaN or inf.

    Notes
    -----
    Invariant to adding a constant to every score.  The log-mean-exp is
    :func:`scipy.special.logsumexp` over the off-diagonal entries minus
    :math:`\log K(K-1)`, so it never overflows; the diagonal mean is summed
    term by term divided by :math:`K`, so it does not overflow either.

    References
    ----------
    .. [1] M. I. Belghazi et al., "Mutual information neural estimation",
       *ICML*, 2018.
    .. [2] B. Poole, S. Ozair, A. van den Oord, A. A. Alemi and G. Tucker, "On
       variational bounds of mutual information", *ICML*, 2019.

    Examples
    --------
    >>> donsker_varadhan(np.full((3, 3), 7.0))
    0.0
    >>> s = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> donsker_varadhan(s)
    2.0
    >>> donsker_varadhan(s) >= nwj(s)
    True
    """
    s = _check_scores(scores)
    with np.errstate(over="ignore"):
        return float(_mean_diagonal(s) - _log_mean_exp_off_diagonal(s))


def gaussian_log_density_ratio(x: ArrayLike, y: ArrayLike, rho: float) -> float | np.ndarray:
    r"""The optimal critic of a standard bivariate Gaussian: its log density ratio.

    For :math:`(X, Y)` standard normal with correlation :math:`\rho`,

    .. math::

        \log \frac{p(x, y)}{p(x)\,p(y)}
        = -\tfrac12 \log(1 - \rho^2)
          - \frac{\rho\,(\rho x^2 - 2 x y + \rho y^2)}{2 (1 - \rho^2)},

    a quadratic function of :math:`(x, y)` whose mean over the joint
    distribution is :math:`I(X; Y) = -\tfrac12\log(1-\rho^2)`.  It is the
    critic that makes the Donsker-Varadhan bound tight (and, plus one, the NWJ
    bound).  ``x`` and ``y`` broadcast against each other, so
    ``gaussian_log_density_ratio(x[:, None], y[None, :], rho)`` is the score
    matrix of a batch.

    Parameters
    ----------
    x, y : float or array-like
        Values of :math:`X` and :math:`Y`, finite, of shapes that broadcast.
    rho : float
        The correlation, :math:`-1 < \rho < 1`.

    Returns
    -------
    float or ndarray
        The log density ratio in nats, of the broadcast shape of ``x`` and
        ``y`` (a float when both are scalars).  0.0 everywhere at
        :math:`\rho = 0`.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not numeric or not finite, if their shapes do
        not broadcast, or if ``rho`` is not a single number with
        :math:`|\rho| < 1` (at :math:`\pm 1` the joint has no density).

    Notes
    -----
    Computed in the form
    :math:`I - \frac{\rho^2 (x - y)^2}{2(1-\rho^2)} + \frac{\rho\, x y}{1 + \rho}`,
    which keeps its precision as :math:`\rho \to \pm 1`, with :math:`I` from
    :func:`~infotheory.gaussian_mutual_information`.

    Examples
    --------
    Its mean over joint samples is the mutual information:

    >>> from infotheory import gaussian_mutual_information, sample_gaussian_pair
    >>> x, y = sample_gaussian_pair(200_000, 0.8, seed=0)
    >>> mean = gaussian_log_density_ratio(x, y, 0.8).mean()
    >>> bool(abs(mean - gaussian_mutual_information(0.8)) < 0.01)
    True
    >>> gaussian_log_density_ratio(x[:4, None], y[None, :4], 0.8).shape
    (4, 4)
    >>> gaussian_log_density_ratio(1.0, 2.0, 0.0)
    0.0
    """
    x_arr, y_arr = check_real_array(x, "x"), check_real_array(y, "y")
    for name, arr in (("x", x_arr), ("y", y_arr)):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must be finite (no inf)")
    try:
        np.broadcast_shapes(x_arr.shape, y_arr.shape)
    except ValueError:
        raise ValueError(
            f"x and y must have shapes that broadcast, got {x_arr.shape} and {y_arr.shape}"
        ) from None
    r = check_real_array(rho, "rho")
    if r.ndim != 0:
        raise ValueError(f"rho must be a single number, got shape {r.shape}")
    r = float(r)
    if not abs(r) < 1:
        raise ValueError(f"rho must lie strictly between -1 and 1, got {rho!r}")
    one_minus_r2 = (1.0 - r) * (1.0 + r)
    ratio = (
        gaussian_mutual_information(r)
        - r * r * (x_arr - y_arr) ** 2 / (2.0 * one_minus_r2)
        + r * x_arr * y_arr / (1.0 + r)
    )
    return float(ratio) if ratio.ndim == 0 else ratio + 0.0


# --------------------------------------------------------------------------- quadratic critic


@dataclass(frozen=True, eq=False)  # arrays inside: compare the parameters, not the objects
class QuadraticCritic:
    r"""A critic quadratic in :math:`(x, y)`: the family holding the Gaussian optimum.

    .. math::

        f(x, y) = x^\top A\, y + x^\top B\, x + y^\top C\, y + u^\top x + v^\top y + d

    for :math:`x \in \mathbb R^{d_x}`, :math:`y \in \mathbb R^{d_y}`.  For
    scalars it reads :math:`f = a x y + b x^2 + c y^2 + u x + v y + d`, and
    :func:`gaussian_log_density_ratio` is the member with
    :math:`a = \rho / (1 - \rho^2)`, :math:`b = c = -\rho^2 / (2(1 - \rho^2))`,
    :math:`u = v = 0`, :math:`d = -\tfrac12\log(1 - \rho^2)`.

    Parameters
    ----------
    cross : array-like of shape (d_x, d_y)
        :math:`A`.
    quad_x : array-like of shape (d_x, d_x)
        :math:`B` (only its symmetric part matters).
    quad_y : array-like of shape (d_y, d_y)
        :math:`C` (only its symmetric part matters).
    lin_x : array-like of shape (d_x,)
        :math:`u`.
    lin_y : array-like of shape (d_y,)
        :math:`v`.
    const : float
        :math:`d`.

    Raises
    ------
    ValueError
        If a parameter is not finite or the shapes disagree (the message names it).

    Examples
    --------
    >>> rho = 0.6
    >>> critic = QuadraticCritic(
    ...     cross=[[rho / (1 - rho**2)]],
    ...     quad_x=[[-(rho**2) / (2 * (1 - rho**2))]],
    ...     quad_y=[[-(rho**2) / (2 * (1 - rho**2))]],
    ...     lin_x=[0.0], lin_y=[0.0], const=-0.5 * np.log(1 - rho**2),
    ... )
    >>> x, y = np.array([0.1, -1.0, 2.0]), np.array([0.3, 0.5, 1.5])
    >>> exact = gaussian_log_density_ratio(x[:, None], y[None, :], rho)
    >>> bool(np.allclose(critic.scores(x, y), exact))
    True
    """

    cross: NDArray[np.float64]
    quad_x: NDArray[np.float64]
    quad_y: NDArray[np.float64]
    lin_x: NDArray[np.float64]
    lin_y: NDArray[np.float64]
    const: float

    def __post_init__(self) -> None:
        arrays = {}
        for name in ("cross", "quad_x", "quad_y", "lin_x", "lin_y", "const"):
            arr = check_real_array(getattr(self, name), name)
            if not np.all(np.isfinite(arr)):
                raise ValueError(f"{name} must be finite (no inf)")
            arrays[name] = arr
        cross = arrays["cross"]
        if cross.ndim != 2:
            raise ValueError(f"cross must be a 2-D (d_x, d_y) matrix, got shape {cross.shape}")
        d_x, d_y = cross.shape
        expected = {
            "quad_x": (d_x, d_x),
            "quad_y": (d_y, d_y),
            "lin_x": (d_x,),
            "lin_y": (d_y,),
            "const": (),
        }
        for name, shape in expected.items():
            if arrays[name].shape != shape:
                raise ValueError(
                    f"{name} must have shape {shape} to match cross {cross.shape}, "
                    f"got {arrays[name].shape}"
                )
        for name, arr in arrays.items():
            object.__setattr__(self, name, float(arr) if name == "const" else arr)

    def scores(self, x: ArrayLike, y: ArrayLike) -> np.ndarray:
        r"""The score matrix :math:`S_{ij} = f(x_i, y_j)` of a batch.

        Parameters
        ----------
        x : array-like of shape (K,) or (K, d_x)
        y : array-like of shape (K,) or (K, d_y)
            Paired samples (a 1-D array is one feature).

        Returns
        -------
        ndarray of shape (K, K)

        Raises
        ------
        ValueError
            If the samples are not finite, differ in length or do not match
            the critic's dimensions.
        """
        x_arr, y_arr = check_samples(x, "x"), check_samples(y, "y")
        if x_arr.shape[0] != y_arr.shape[0]:
            raise ValueError(
                f"x and y must have the same number of samples, got {x_arr.shape[0]} "
                f"and {y_arr.shape[0]}"
            )
        for name, arr, d in zip("xy", (x_arr, y_arr), self.cross.shape, strict=True):
            if arr.shape[1] != d:
                raise ValueError(
                    f"{name} must have {d} feature(s) for this critic, got {arr.shape[1]}"
                )
        return _quadratic_scores(self._vector(), x_arr[None], y_arr[None])[0]

    def _vector(self) -> np.ndarray:
        return np.concatenate(
            [
                self.cross.ravel(),
                self.quad_x.ravel(),
                self.quad_y.ravel(),
                self.lin_x,
                self.lin_y,
                [self.const],
            ]
        )

    @classmethod
    def _from_vector(cls, theta: np.ndarray, d_x: int, d_y: int) -> QuadraticCritic:
        return cls(*_unpack(theta, d_x, d_y))


def _unpack(theta: np.ndarray, d_x: int, d_y: int):
    parts = np.split(theta, np.cumsum([d_x * d_y, d_x * d_x, d_y * d_y, d_x, d_y]))
    return (
        parts[0].reshape(d_x, d_y),
        parts[1].reshape(d_x, d_x),
        parts[2].reshape(d_y, d_y),
        parts[3],
        parts[4],
        parts[5][0],
    )


def _quadratic_scores(theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Score matrices of batches ``x`` (n_b, K, d_x) and ``y`` (n_b, K, d_y): (n_b, K, K)."""
    a, b, c, u, v, d = _unpack(theta, x.shape[-1], y.shape[-1])
    own_x = np.sum((x @ b) * x, axis=-1) + x @ u
    own_y = np.sum((y @ c) * y, axis=-1) + y @ v
    return x @ a @ np.swapaxes(y, -1, -2) + own_x[:, :, None] + own_y[:, None, :] + d


def _bound_and_gradient(s: np.ndarray, bound: str) -> tuple[np.ndarray, np.ndarray]:
    """Each batch's bound (n_b,) and its gradient with respect to the scores (n_b, K, K).

    The same formulas as the public functions, for a stack of score matrices; the
    exponentials are shifted by their maximum (the log-sum-exp trick) and reused
    for the gradient, which is the softmax of the scores.
    """
    k = s.shape[-1]
    eye = np.eye(k, dtype=bool)
    mean_diagonal = np.mean(np.diagonal(s, axis1=-2, axis2=-1), axis=-1)
    if bound == "infonce":
        top = s.max(axis=-1, keepdims=True)
        e = np.exp(s - top)
        total = e.sum(axis=-1, keepdims=True)
        lse = top[..., 0] + np.log(total[..., 0])
        return mean_diagonal - np.mean(lse, axis=-1) + np.log(k), (eye - e / total) / k
    off = np.where(eye, -np.inf, s)
    top = off.max(axis=(-2, -1), keepdims=True)
    e = np.exp(off - top)
    total = e.sum(axis=(-2, -1), keepdims=True)
    log_mean = (top + np.log(total))[:, 0, 0] - np.log(k * (k - 1.0))
    if bound == "donsker_varadhan":
        return mean_diagonal - log_mean, eye / k - e / total
    scale = np.exp(top - 1.0) / (k * (k - 1.0))
    return mean_diagonal - np.exp(log_mean - 1.0), eye / k - e * scale


def _frozen(bound: str, d_x: int, d_y: int) -> np.ndarray:
    """Mask of the parameters a bound ignores (zero gradient in exact arithmetic), held at 0."""
    sizes = [d_x * d_y, d_x * d_x, d_y * d_y, d_x, d_y, 1]
    part = np.repeat(np.arange(6), sizes)  # 0 A, 1 B, 2 C, 3 u, 4 v, 5 d
    ignored = {"infonce": (1, 3, 5), "donsker_varadhan": (5,), "nwj": ()}[bound]
    return np.isin(part, ignored)


def _objective(theta: np.ndarray, x: np.ndarray, y: np.ndarray, bound: str):
    """Minus the mean bound over batches and its gradient in the critic's parameters."""
    with np.errstate(over="ignore", invalid="ignore"):
        s = _quadratic_scores(theta, x, y)
        values, w = _bound_and_gradient(s, bound)
        n_b = x.shape[0]
        w = w / n_b  # the objective is the mean over batches
        rows, cols = w.sum(axis=-1), w.sum(axis=-2)  # (n_b, K)
        x_flat, y_flat = x.reshape(-1, x.shape[-1]), y.reshape(-1, y.shape[-1])
        rows_flat, cols_flat = rows.ravel(), cols.ravel()
        grad = np.concatenate(
            [
                np.sum(np.swapaxes(x, -1, -2) @ (w @ y), axis=0).ravel(),
                ((x_flat * rows_flat[:, None]).T @ x_flat).ravel(),
                ((y_flat * cols_flat[:, None]).T @ y_flat).ravel(),
                rows_flat @ x_flat,
                cols_flat @ y_flat,
                [rows_flat.sum()],
            ]
        )
        value = float(np.mean(values))
    grad[_frozen(bound, x.shape[-1], y.shape[-1])] = 0.0
    if not np.isfinite(value) or not np.all(np.isfinite(grad)):
        return np.inf, np.zeros_like(theta)  # tells the line search to step back
    return -value, -grad


@dataclass(frozen=True, eq=False)
class QuadraticCriticFit:
    """What :func:`fit_quadratic_critic` found.

    Attributes
    ----------
    critic : QuadraticCritic
        The fitted critic.
    bound : str
        The bound maximised: "infonce", "nwj" or "donsker_varadhan".
    value : float
        Its mean over the training batches at the optimum (nats); an
        optimistic estimate, since the critic was fitted to those batches.
    batch_size, n_batches : int
        The batches the bound was averaged over.
    n_iterations : int
        Iterations of L-BFGS-B.
    converged : bool
        Whether L-BFGS-B reported convergence.
    """

    critic: QuadraticCritic
    bound: str
    value: float
    batch_size: int
    n_batches: int
    n_iterations: int
    converged: bool


def fit_quadratic_critic(
    x: ArrayLike,
    y: ArrayLike,
    *,
    bound: str = "infonce",
    batch_size: int = 128,
    seed: int | np.random.Generator | None = None,
    max_iter: int = 1000,
) -> QuadraticCriticFit:
    r"""Fit a :class:`QuadraticCritic` by maximising a variational bound over batches.

    The samples are shuffled (with ``seed``) and cut into
    :math:`\lfloor n / K \rfloor` batches of :math:`K` = ``batch_size`` pairs
    (the remainder is left out); the objective is the mean, over these fixed
    batches, of the chosen bound of each batch's score matrix
    (:func:`infonce`, :func:`nwj` or :func:`donsker_varadhan`), maximised
    over the critic's parameters :math:`(A, B, C, u, v, d)` by
    :func:`scipy.optimize.minimize` with ``method="L-BFGS-B"`` from
    :math:`f = 0`, with the analytic gradient.

    The critic is linear in its parameters, and each bound is a linear term
    minus a log-sum-exp or a sum of exponentials of the scores, so the
    objective is **concave**: the optimiser finds its global maximum.  Some
    parameters cannot move the bound: InfoNCE ignores the terms in :math:`x`
    alone (:math:`B`, :math:`u`, :math:`d`) and Donsker-Varadhan the constant
    :math:`d`, so these are held at 0.

    Parameters
    ----------
    x : array-like of shape (n,) or (n, d_x)
    y : array-like of shape (n,) or (n, d_y)
        Paired samples of the joint distribution, finite.
    bound : {"infonce", "nwj", "donsker_varadhan"}, default="infonce"
    batch_size : int, default=128
        :math:`K`, from 2 to :math:`n`.
    seed : int, numpy.random.Generator or None, optional
        Seed of the shuffle.
    max_iter : int, default=1000
        Most iterations of L-BFGS-B.

    Returns
    -------
    QuadraticCriticFit

    Raises
    ------
    ValueError
        If the samples are not finite or differ in length, or an option is
        out of range (the message names it).

    Notes
    -----
    Memory is :math:`O(n K)` (one :math:`K \times K` matrix per batch) and so
    is each iteration's work.  If the critic can make every diagonal score the
    largest of its row in every batch, InfoNCE's supremum :math:`\ln K` lies at
    infinity, and the fit stops at ``max_iter`` with ``converged`` False.
    The fitted value is measured on the training batches; evaluate the critic
    on fresh batches for an honest estimate.

    Examples
    --------
    On Gaussian data the fit recovers the optimal critic's cross term
    :math:`\rho / (1 - \rho^2)`:

    >>> from infotheory import sample_gaussian_pair
    >>> x, y = sample_gaussian_pair(5_000, 0.6, seed=1)
    >>> fit = fit_quadratic_critic(x, y, bound="nwj", batch_size=50, seed=2)
    >>> fit.converged
    True
    >>> bool(abs(fit.critic.cross[0, 0] - 0.6 / (1 - 0.36)) < 0.1)
    True
    """
    x_arr, y_arr = check_samples(x, "x"), check_samples(y, "y")
    n = x_arr.shape[0]
    if y_arr.shape[0] != n:
        raise ValueError(
            f"x and y must have the same number of samples, got {n} and {y_arr.shape[0]}"
        )
    bound = check_choice(bound, "bound", BOUNDS)
    if n < 2:
        raise ValueError(f"x and y must hold at least 2 samples, got {n}")
    batch_size = check_int(batch_size, "batch_size", minimum=2, maximum=n)
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    rng = check_seed(seed)
    n_batches = n // batch_size
    order = rng.permutation(n)[: n_batches * batch_size]
    d_x, d_y = x_arr.shape[1], y_arr.shape[1]
    xb = x_arr[order].reshape(n_batches, batch_size, d_x)
    yb = y_arr[order].reshape(n_batches, batch_size, d_y)
    theta0 = np.zeros(d_x * d_y + d_x * d_x + d_y * d_y + d_x + d_y + 1)
    result = minimize(
        _objective,
        theta0,
        args=(xb, yb, bound),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iter},
    )
    return QuadraticCriticFit(
        critic=QuadraticCritic._from_vector(result.x, d_x, d_y),
        bound=bound,
        value=-float(result.fun),
        batch_size=batch_size,
        n_batches=n_batches,
        n_iterations=int(result.nit),
        converged=bool(result.success),
    )
