r"""Ground-truth tasks: distributions whose mutual information is known exactly.

The tasks of the benchmark of Czyż et al. [1]_ ("Beyond normal"), with its ids,
parameters and mutual information, plus Kraskov et al.'s gamma-exponential pair
[2]_.  Each is a :class:`Task`: an id, a human-readable name, a family, the two
dimensions, the exact mutual information :math:`I(X; Y)` in nats, and a seeded
sampler ``task.sample(n, seed)`` returning ``x`` of shape ``(n, dim_x)`` and
``y`` of shape ``(n, dim_y)``.

Many tasks apply an invertible map to each variable of another task (their
``base``): the normal CDF, the "half-cube" :math:`x \sqrt{|x|}`, :math:`\sinh^{-1}`,
two "wiggly" monotone maps, a spiral (a rotation by an angle that grows with
:math:`\|x\|^2`), a swiss roll.  Such a map leaves the mutual information
unchanged, :math:`I(f(X); g(Y)) = I(X; Y)` for smooth invertible maps [2]_
(and for the swiss roll, a smooth injective map onto a curve), while it changes
what an estimator sees.  A transformed task drawn with a seed gives exactly the
map of its base task's draw with the same seed.

Everything is numpy and scipy; nothing is imported from the benchmark's JAX
implementation (``benchmark-mi``), whose definitions this module follows.

References
----------
.. [1] P. Czyż, F. Grabowski, J. E. Vogt, N. Beerenwinkel and A. Marx, "Beyond
   normal: on the evaluation of mutual information estimators", *NeurIPS* 36,
   2023.  Reference implementation: https://github.com/cbg-ethz/bmi
.. [2] A. Kraskov, H. Stögbauer and P. Grassberger, "Estimating mutual
   information", *Physical Review E* 69, 066138, 2004.

Examples
--------
>>> from infotheory import tasks
>>> task = tasks.get_task("1v1-normal-0.75")
>>> bool(np.isclose(task.mutual_information, -0.5 * np.log(1 - 0.75**2)))
True
>>> x, y = task.sample(1000, seed=0)
>>> x.shape, y.shape
((1000, 1), (1000, 1))
>>> len(tasks.TASKS)
20
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.special import digamma, gammaln, log_ndtr, ndtr

from ._validation import MAX_SAMPLES, check_int, check_seed
from .gaussian import sample_gaussian_pair

__all__ = ["FAMILIES", "TASKS", "Task", "get_task"]

Draw = Callable[[int, np.random.Generator], "tuple[np.ndarray, np.ndarray]"]


@dataclass(frozen=True)
class Task:
    r"""A joint distribution of :math:`(X, Y)` with its exact mutual information.

    Built by this module (see :data:`TASKS`); draw from it with :meth:`sample`.
    A ``Task`` constructed directly has no sampler, and :meth:`sample` refuses.

    Attributes
    ----------
    id : str
        The benchmark's identifier, such as ``"1v1-normal-0.75"``.
    name : str
        A human-readable name, such as ``"Bivariate normal 1 × 1"``.
    family : str
        The kind of distribution, one of :data:`FAMILIES`.
    dim_x, dim_y : int
        Dimensions of :math:`X` and :math:`Y`.
    mutual_information : float
        The exact :math:`I(X; Y)` in nats.
    description : str
        One sentence saying how :math:`(X, Y)` is built.
    base : str or None
        The id of the task whose samples this one maps through invertible
        (or, for the swiss roll, injective) maps of :math:`X` and :math:`Y`;
        ``None`` for a task sampled directly.
    """

    id: str
    name: str
    family: str
    dim_x: int
    dim_y: int
    mutual_information: float
    description: str = ""
    base: str | None = None
    # The sampler, set by this module (_task); not an argument of the constructor.
    _draw: Draw | None = field(default=None, init=False, repr=False, compare=False)

    def __reduce__(self):
        # Pickled by id (its sampler is a closure), so tasks travel to worker processes.
        return (get_task, (self.id,))

    @property
    def max_samples(self) -> int:
        """The largest ``n`` that :meth:`sample` accepts.

        ``2 * 10**8 // (dim_x + dim_y)``: at most as many numbers (1.6 GB of
        float64) as the library's other samplers draw at their limit of
        ``10**8`` pairs.
        """
        return 2 * MAX_SAMPLES // (self.dim_x + self.dim_y)

    def sample(
        self, n: int, seed: int | np.random.Generator | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Draw ``n`` independent pairs :math:`(x_i, y_i)`.

        Parameters
        ----------
        n : int
            Number of pairs, 1 to :attr:`max_samples` (``10**8`` for a 1 × 1
            task; fewer in higher dimension, so that the arrays stay under
            1.6 GB).
        seed : int, numpy.random.Generator or None, optional
            ``None``, a non-negative integer, or a Generator (its stream is
            used and advanced), passed to :func:`numpy.random.default_rng`;
            the same seed gives the same samples.

        Returns
        -------
        x : ndarray of shape (n, dim_x)
        y : ndarray of shape (n, dim_y)
            Float64 arrays, two-dimensional even when a dimension is 1.

        Raises
        ------
        ValueError
            If ``n`` is not an integer in ``[1, max_samples]`` or ``seed`` is
            not None, a non-negative integer or a Generator.

        Examples
        --------
        >>> task = get_task("student-identity-2-2-1")
        >>> x, y = task.sample(3, seed=1)
        >>> x.shape, y.shape
        ((3, 2), (3, 2))
        >>> bool(np.array_equal(task.sample(3, seed=1)[0], x))
        True
        """
        n = check_int(n, "n", minimum=1, maximum=self.max_samples)
        rng = check_seed(seed)
        if self._draw is None:
            raise ValueError(
                f"task {self.id!r} has no sampler: use the tasks of infotheory.tasks.TASKS"
            )
        x, y = self._draw(n, rng)
        return np.ascontiguousarray(x, dtype=float), np.ascontiguousarray(y, dtype=float)


# ----------------------------------------------------------------------------------------------
# Closed-form mutual information


def _gaussian_mi(covariance: np.ndarray, dim_x: int) -> float:
    r""":math:`\tfrac12 \ln(\det \Sigma_{XX} \det \Sigma_{YY} / \det \Sigma)`, in nats."""
    logdet = [
        np.linalg.slogdet(block)[1]
        for block in (covariance[:dim_x, :dim_x], covariance[dim_x:, dim_x:], covariance)
    ]
    return float(0.5 * (logdet[0] + logdet[1] - logdet[2]))


def _student_entropy(dim: int, df: float) -> float:
    r"""Differential entropy (nats) of a ``dim``-variate Student-t, identity dispersion.

    .. math:: h = \ln\frac{\Gamma(\nu/2)\,(\nu\pi)^{k/2}}{\Gamma((\nu + k)/2)}
              + \frac{\nu + k}{2}\Bigl[\psi\Bigl(\frac{\nu + k}{2}\Bigr)
              - \psi\Bigl(\frac{\nu}{2}\Bigr)\Bigr]

    (Arellano-Valle, Contreras-Reyes and Genton, 2013, eq. 7).
    """
    half = 0.5 * (df + dim)
    return float(
        gammaln(0.5 * df)
        - gammaln(half)
        + 0.5 * dim * np.log(df * np.pi)
        + half * (digamma(half) - digamma(0.5 * df))
    )


def _student_mi(dim_x: int, dim_y: int, df: float) -> float:
    """h(X) + h(Y) - h(X, Y) of a multivariate Student-t with identity dispersion.

    With an identity dispersion the Gaussian part of the mutual information is
    zero, and what remains is the dependence that the shared chi-square scale
    creates.  Computed from the three entropies, as the benchmark does: the
    closed form printed by Arellano-Valle et al. is slightly off.
    """
    return (
        _student_entropy(dim_x, df)
        + _student_entropy(dim_y, df)
        - _student_entropy(dim_x + dim_y, df)
    )


# ----------------------------------------------------------------------------------------------
# Samplers: each takes (n, rng) and returns (x, y) of shapes (n, dim_x), (n, dim_y)


def _normal_pair(rho: float) -> Draw:
    def draw(n, rng):
        # The library's own sampler, so that this task and sample_gaussian_pair agree.
        x, y = sample_gaussian_pair(n, rho, seed=rng)
        return x[:, None], y[:, None]

    return draw


def _multinormal(covariance: np.ndarray, dim_x: int) -> Draw:
    factor = np.linalg.cholesky(covariance)

    def draw(n, rng):
        xy = rng.standard_normal((n, covariance.shape[0])) @ factor.T
        return xy[:, :dim_x], xy[:, dim_x:]

    return draw


def _student(dim_x: int, dim_y: int, df: float) -> Draw:
    def draw(n, rng):
        # A multivariate t: a standard normal vector divided by one shared sqrt(chi2 / df).
        z = rng.standard_normal((n, dim_x + dim_y))
        xy = z * np.sqrt(df / rng.chisquare(df, size=(n, 1)))
        return xy[:, :dim_x], xy[:, dim_x:]

    return draw


def _additive_uniform(epsilon: float) -> Draw:
    def draw(n, rng):
        x = rng.random((n, 1))
        return x, x + rng.uniform(-epsilon, epsilon, size=(n, 1))

    return draw


def _gamma_exponential(theta: float) -> Draw:
    def draw(n, rng):
        # X ~ Gamma(theta, 1), and Y given X is exponential with rate X.
        x = rng.gamma(theta, size=(n, 1))
        return x, rng.standard_exponential((n, 1)) / x

    return draw


def _transformed(
    base: Task,
    transform_x: Callable[[np.ndarray], np.ndarray],
    transform_y: Callable[[np.ndarray], np.ndarray],
) -> Draw:
    def draw(n, rng):
        x, y = base._draw(n, rng)
        return transform_x(x), transform_y(y)

    return draw


# ----------------------------------------------------------------------------------------------
# The maps that keep mutual information


def _half_cube(x: np.ndarray) -> np.ndarray:
    r"""The signed power :math:`x \sqrt{|x|}` (strictly increasing)."""
    return x * np.sqrt(np.abs(x))


def _wiggly_x(x: np.ndarray) -> np.ndarray:
    """A strictly increasing map (its derivative is at least 1 - 0.4 - 0.34 - 0.099 > 0)."""
    return x + 0.4 * np.sin(x) + 0.2 * np.sin(1.7 * x + 1) + 0.03 * np.sin(3.3 * x - 2.5)


def _wiggly_y(y: np.ndarray) -> np.ndarray:
    """A strictly increasing map (its derivative is at least 1 - 0.16 - 0.221 - 0.086 > 0)."""
    return y - 0.4 * np.sin(0.4 * y) + 0.17 * np.sin(1.3 * y + 3.5) + 0.02 * np.sin(4.3 * y - 2.5)


def _swiss_roll(u: np.ndarray) -> np.ndarray:
    r"""Embed :math:`u \in (0, 1)` in the plane on the spiral :math:`t (\cos t, \sin t) / 21`.

    With :math:`t = 1.5\pi (1 + 2u)`, the radius :math:`t/21` grows with
    :math:`u`, so the map is injective.  Shape (n, 1) to (n, 2).
    """
    t = 1.5 * np.pi * (1.0 + 2.0 * u[:, 0])
    return np.stack([t * np.cos(t), t * np.sin(t)], axis=1) / 21.0


def _spiral(i: int, j: int) -> Callable[[np.ndarray], np.ndarray]:
    r"""Rotate the :math:`(i, j)` plane of each row by the angle :math:`\|x\|^2 / d`.

    The benchmark's spiral :math:`x \mapsto \exp(A \|x\|^2 / d)\, x`, with
    :math:`A` the generator of rotations in that plane and :math:`d` the
    dimension.  A rotation keeps :math:`\|x\|`, so the angle can be read back
    from the output and the map inverted.
    """

    def transform(x: np.ndarray) -> np.ndarray:
        angle = np.einsum("ij,ij->i", x, x) / x.shape[1]
        cos, sin = np.cos(angle), np.sin(angle)
        out = x.copy()
        out[:, i] = cos * x[:, i] - sin * x[:, j]
        out[:, j] = sin * x[:, i] + cos * x[:, j]
        return out

    return transform


_ULPS = 16 * np.finfo(float).eps


def _logsumexp_columns(a: np.ndarray) -> np.ndarray:
    """``log(sum(exp(a), axis=1))`` for a few columns (faster than a strided reduce)."""
    out = a[:, 0]
    for k in range(1, a.shape[1]):
        out = np.logaddexp(out, a[:, k])
    return out


def _mixture_quantile(z: np.ndarray, weights: np.ndarray, means: np.ndarray) -> np.ndarray:
    r"""Quantile at :math:`\Phi(z)` of the mixture :math:`\sum_k w_k N(m_k, 1)`.

    Solves :math:`\ln F(x) = \ln\Phi(z)` by Newton steps kept inside a
    bracket (bisection when a step leaves it), in the lower tail for
    :math:`z < 0` and through the reflected mixture for :math:`z \ge 0`, so
    that both tails keep full relative precision.  The bracket
    :math:`[z + \min_k m_k, z + \max_k m_k]` holds the root because each
    component's CDF is below :math:`\Phi(z)` at its left end and above it at
    its right end.  A root is kept once :math:`\ln F` matches to 16 ulps
    or a step moves it by less than 16 ulps.
    """
    upper = z >= 0
    target = np.where(upper, -z, z)  # solve in the lower tail of the (reflected) mixture
    means_row = np.where(upper[:, None], -means[None, :], means[None, :])
    log_w = np.log(weights)[None, :]
    log_p = log_ndtr(target)
    lo = target + means_row.min(axis=1)
    hi = target + means_row.max(axis=1)
    x = 0.5 * (lo + hi)
    active = np.arange(z.size)
    for _ in range(100):
        xa, ma = x[active], means_row[active]
        d = xa[:, None] - ma
        log_cdf = _logsumexp_columns(log_w + log_ndtr(d))
        log_pdf = _logsumexp_columns(log_w - 0.5 * d * d) - 0.5 * np.log(2 * np.pi)
        gap = log_cdf - log_p[active]
        lo_a = np.where(gap < 0, xa, lo[active])
        hi_a = np.where(gap > 0, xa, hi[active])
        newton = xa - gap * np.exp(log_cdf - log_pdf)
        inside = (newton >= lo_a) & (newton <= hi_a)
        new = np.where(inside, newton, 0.5 * (lo_a + hi_a))
        # Done when ln F(x) matches to its rounding, or x stops moving (16 ulps each).
        matched = np.abs(gap) <= _ULPS * np.maximum(1.0, np.abs(log_p[active]))
        moving = np.abs(new - xa) > _ULPS * np.maximum(1.0, np.abs(xa))
        x[active], lo[active], hi[active] = np.where(matched, xa, new), lo_a, hi_a
        active = active[moving & ~matched]
        if active.size == 0:
            break
    return np.where(upper, -x, x)


def _bimodal_x(z: np.ndarray) -> np.ndarray:
    """Map a standard normal to the mixture 0.3 N(0, 1) + 0.7 N(5, 1) (monotone)."""
    return _mixture_quantile(z[:, 0], np.array([0.3, 0.7]), np.array([0.0, 5.0]))[:, None]


def _bimodal_y(z: np.ndarray) -> np.ndarray:
    """Map a standard normal to the mixture 0.5 N(-1, 1) + 0.5 N(3, 1) (monotone)."""
    return _mixture_quantile(z[:, 0], np.array([0.5, 0.5]), np.array([-1.0, 3.0]))[:, None]


# ----------------------------------------------------------------------------------------------
# The tasks

#: The families of the tasks (``Task.family``), in the order of :data:`TASKS`.
FAMILIES: tuple[str, ...] = (
    "Gaussian",
    "additive noise",
    "bimodal",
    "invertible transform of a Gaussian",
    "Student-t (long tails)",
    "invertible transform of a Student-t",
    "Kraskov gamma-exponential",
    "curved embedding (swiss roll)",
    "high dimension",
    "invertible transform in high dimension",
)


def _dense_covariance(dim: int, off_diag: float) -> np.ndarray:
    return np.eye(dim) * (1.0 - off_diag) + off_diag


def _sparse_correlation(dim_x: int, dim_y: int, n_interacting: int, strength: float) -> np.ndarray:
    """The benchmark's sparse ("2-pair") correlation matrix.

    Its latent-variable model gives each coordinate unit noise plus a latent
    of weight ``strength``; the first ``n_interacting`` coordinates of X and
    of Y share theirs pairwise, so corr(X_i, Y_i) = s^2 / (1 + s^2) for
    ``i < n_interacting``, and every other correlation is zero.
    """
    corr = np.eye(dim_x + dim_y)
    rho = strength**2 / (1.0 + strength**2)
    idx = np.arange(n_interacting)
    corr[idx, dim_x + idx] = corr[dim_x + idx, idx] = rho
    return corr


def _task(*, _draw: Draw, **fields) -> Task:
    """A Task with its sampler (which the constructor does not take)."""
    task = Task(**fields)
    object.__setattr__(task, "_draw", _draw)
    return task


# The order of TASKS: the benchmark's 1 × 1 tasks, the gamma-exponential pairs, the swiss roll,
# then the tasks in higher dimension.
_ORDER = (
    "1v1-normal-0.75",
    "1v1-additive-0.1",
    "1v1-additive-0.75",
    "1v1-bimodal-0.75",
    "wiggly-1v1-normal-0.75",
    "half_cube-1v1-normal-0.75",
    "normal_cdf-1v1-normal-0.75",
    "student-identity-1-1-1",
    "asinh-student-identity-1-1-1",
    "gamma-exponential-1",
    "gamma-exponential-0.5",
    "swissroll_x-normal_cdf-1v1-normal-0.75",
    "multinormal-dense-2-2-0.5",
    "multinormal-dense-5-5-0.5",
    "multinormal-sparse-3-3-2-2.0",
    "student-identity-2-2-1",
    "student-identity-3-3-2",
    "spiral-multinormal-sparse-3-3-2-2.0",
    "half_cube-multinormal-sparse-3-3-2-2.0",
    "normal_cdf-multinormal-sparse-3-3-2-2.0",
)


def _build() -> dict[str, Task]:
    tasks: list[Task] = []

    def add(task: Task) -> Task:
        tasks.append(task)
        return task

    def transform(
        base: Task,
        prefix: str,
        label: str,
        family: str,
        f: Callable[[np.ndarray], np.ndarray],
        g: Callable[[np.ndarray], np.ndarray],
        what: str,
    ) -> Task:
        return add(
            _task(
                id=f"{prefix}-{base.id}",
                name=f"{label} @ {base.name}",
                family=family,
                dim_x=base.dim_x,
                dim_y=base.dim_y,
                mutual_information=base.mutual_information,
                description=f"{base.name} with {what}.",
                base=base.id,
                _draw=_transformed(base, f, g),
            )
        )

    rho = 0.75
    normal = add(
        _task(
            id=f"1v1-normal-{rho}",
            name="Bivariate normal 1 \u00d7 1",
            family="Gaussian",
            dim_x=1,
            dim_y=1,
            mutual_information=float(-0.5 * np.log1p(-(rho**2))),
            description=f"X and Y standard normal with correlation {rho}.",
            _draw=_normal_pair(rho),
        )
    )
    gaussian_maps = "invertible transform of a Gaussian"
    uniform = transform(
        normal, "normal_cdf", "Normal CDF", gaussian_maps, ndtr, ndtr,
        "the standard normal CDF applied to X and to Y (each margin uniform on (0, 1))",
    )  # fmt: skip
    for eps in (0.1, 0.75):
        add(
            _task(
                id=f"1v1-additive-{eps}",
                name=f"Uniform 1 \u00d7 1 (additive noise = {eps})",
                family="additive noise",
                dim_x=1,
                dim_y=1,
                # h(Y) - h(noise); h(Y) of the trapezoidal density of X + noise.
                mutual_information=float(0.25 / eps if eps > 0.5 else eps - np.log(2.0 * eps)),
                description=(f"X uniform on (0, 1), Y = X + N with N uniform on (-{eps}, {eps})."),
                _draw=_additive_uniform(eps),
            )
        )
    add(
        _task(
            id=f"1v1-bimodal-{rho}",
            name="Bimodal 1 \u00d7 1",
            family="bimodal",
            dim_x=1,
            dim_y=1,
            mutual_information=normal.mutual_information,
            description=(
                f"The bivariate normal (correlation {rho}) mapped by monotone maps onto the "
                "mixtures 0.3 N(0, 1) + 0.7 N(5, 1) for X and 0.5 N(-1, 1) + 0.5 N(3, 1) for Y."
            ),
            base=normal.id,
            _draw=_transformed(normal, _bimodal_x, _bimodal_y),
        )
    )
    transform(
        normal, "wiggly", "Wiggly", gaussian_maps, _wiggly_x, _wiggly_y,
        "the increasing maps x + 0.4 sin x + 0.2 sin(1.7x + 1) + 0.03 sin(3.3x \u2212 2.5) "
        "of X and y \u2212 0.4 sin 0.4y + 0.17 sin(1.3y + 3.5) + 0.02 sin(4.3y \u2212 2.5) of Y",
    )  # fmt: skip
    transform(
        normal, "half_cube", "Half-cube", gaussian_maps, _half_cube, _half_cube,
        "the half-cube map x√|x| applied to X and to Y",
    )  # fmt: skip

    student = add(
        _task(
            id="student-identity-1-1-1",
            name="Student-t 1 \u00d7 1 (dof = 1)",
            family="Student-t (long tails)",
            dim_x=1,
            dim_y=1,
            mutual_information=_student_mi(1, 1, 1),
            description=(
                "A bivariate Student-t with 1 degree of freedom and identity dispersion "
                "(uncorrelated but dependent Cauchy margins)."
            ),
            _draw=_student(1, 1, 1),
        )
    )
    transform(
        student, "asinh", "Asinh", "invertible transform of a Student-t", np.arcsinh, np.arcsinh,
        "the inverse hyperbolic sine applied to X and to Y (shortening the tails)",
    )  # fmt: skip

    for theta in (1, 0.5):
        add(
            _task(
                id=f"gamma-exponential-{theta}",
                name=f"Gamma-exponential 1 \u00d7 1 (θ = {theta})",
                family="Kraskov gamma-exponential",
                dim_x=1,
                dim_y=1,
                mutual_information=float(digamma(theta + 1.0) - np.log(theta)),
                description=(
                    f"Density x^θ exp(\u2212x \u2212 xy) / Γ(θ) on x, y > 0 with θ = {theta}: "
                    f"X ~ Gamma({theta}, 1) and, given X, Y exponential with rate X."
                ),
                _draw=_gamma_exponential(float(theta)),
            )
        )

    add(
        _task(
            id=f"swissroll_x-{uniform.id}",
            name="Swiss roll 2 \u00d7 1",
            family="curved embedding (swiss roll)",
            dim_x=2,
            dim_y=1,
            mutual_information=uniform.mutual_information,
            description=(
                f"{uniform.name} with X (uniform on (0, 1)) embedded injectively in the plane "
                "as a swiss roll t (cos t, sin t) / 21 with t = 1.5π (1 + 2X)."
            ),
            base=uniform.id,
            _draw=_transformed(uniform, _swiss_roll, lambda y: y),
        )
    )

    for dim in (2, 5):
        off_diag = 0.5
        covariance = _dense_covariance(2 * dim, off_diag)
        add(
            _task(
                id=f"multinormal-dense-{dim}-{dim}-{off_diag}",
                name=f"Multinormal {dim} \u00d7 {dim} (dense)",
                family="high dimension",
                dim_x=dim,
                dim_y=dim,
                mutual_information=_gaussian_mi(covariance, dim),
                description=(
                    f"A {2 * dim}-variate normal with unit variances and every correlation "
                    f"{off_diag}."
                ),
                _draw=_multinormal(covariance, dim),
            )
        )
    correlation = _sparse_correlation(3, 3, 2, 2.0)
    sparse = add(
        _task(
            id="multinormal-sparse-3-3-2-2.0",
            name="Multinormal 3 \u00d7 3 (2-pair)",
            family="high dimension",
            dim_x=3,
            dim_y=3,
            mutual_information=_gaussian_mi(correlation, 3),
            description=(
                "A 6-variate standard normal in which (X1, Y1) and (X2, Y2) have correlation "
                "0.8 and every other pair is uncorrelated."
            ),
            _draw=_multinormal(correlation, 3),
        )
    )
    for dim, df in ((2, 1), (3, 2)):
        add(
            _task(
                id=f"student-identity-{dim}-{dim}-{df}",
                name=f"Student-t {dim} \u00d7 {dim} (dof = {df})",
                family="Student-t (long tails)",
                dim_x=dim,
                dim_y=dim,
                mutual_information=_student_mi(dim, dim, df),
                description=(
                    f"A {2 * dim}-variate Student-t with {df} degree{'s' if df > 1 else ''} "
                    "of freedom and identity dispersion (uncorrelated, dependent coordinates)."
                ),
                _draw=_student(dim, dim, df),
            )
        )
    high_maps = "invertible transform in high dimension"
    transform(
        sparse, "spiral", "Spiral", high_maps, _spiral(0, 1), _spiral(1, 2),
        "a spiral: X rotated in the plane of its coordinates 1 and 2, Y in that of its "
        "coordinates 2 and 3, each by its squared norm / 3 radians",
    )  # fmt: skip
    transform(
        sparse, "half_cube", "Half-cube", high_maps, _half_cube, _half_cube,
        "the half-cube map x√|x| applied to every coordinate",
    )  # fmt: skip
    transform(
        sparse, "normal_cdf", "Normal CDF", high_maps, ndtr, ndtr,
        "the standard normal CDF applied to every coordinate",
    )  # fmt: skip
    by_id = {task.id: task for task in tasks}
    assert sorted(by_id) == sorted(_ORDER), "every task is in _ORDER once"
    return {task_id: by_id[task_id] for task_id in _ORDER}


#: Every task, by id, in a fixed order.  The benchmark's 1 x 1 tasks come
#: first, then the two gamma-exponential pairs, the swiss roll, and the tasks
#: in higher dimension.
#:
#: :meta hide-value:
TASKS: dict[str, Task] = _build()


def get_task(task_id: str) -> Task:
    """Return the task with id ``task_id``.

    Parameters
    ----------
    task_id : str
        One of the keys of :data:`TASKS`, such as ``"1v1-normal-0.75"``.

    Returns
    -------
    Task

    Raises
    ------
    ValueError
        If ``task_id`` is not a string or not a task's id; the message lists
        the closest ids.

    Examples
    --------
    >>> get_task("multinormal-sparse-3-3-2-2.0").dim_x
    3
    >>> get_task("1v1-normal-0.7")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: task_id '1v1-normal-0.7' is not a task; close ids: '1v1-normal-0.75', ...
    """
    if not isinstance(task_id, str):
        raise ValueError(f"task_id must be a string, one of the keys of TASKS, got {task_id!r}")
    if task_id in TASKS:
        return TASKS[task_id]
    close = difflib.get_close_matches(task_id, list(TASKS), n=3, cutoff=0.6)
    hint = f"close ids: {', '.join(repr(c) for c in close)}; " if close else ""
    raise ValueError(
        f"task_id {task_id!r} is not a task; {hint}"
        f"the {len(TASKS)} tasks are listed in infotheory.tasks.TASKS"
    )
