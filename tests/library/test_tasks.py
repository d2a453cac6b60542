"""Tests of infotheory.tasks: the ground-truth tasks of the "Beyond normal" benchmark.

Every mutual information is checked against a value computed here by another route
(quadrature, a different matrix formula); every sampler's margins against their analytic
CDF and its dependence against a statistic of known law (Kolmogorov-Smirnov, n = 20,000);
every transformed task against the map of its base task's draw; and ids, MI values and
sample laws against the reference implementation (benchmark-mi 0.1.3), read from a data
fixture (tests/library/data/bmi_oracle.json: numbers only, dumped once from that package).

KS threshold: a sampler passes when p >= 1e-4.  At n = 20,000 that refuses any CDF error
larger than about 2.2 / sqrt(n) = 0.016 (the KS critical value at 1e-4), while with the
~80 KS tests below a correct sampler fails one with probability under 1% for a given seed;
the seeds are fixed, so the suite is deterministic.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from scipy import integrate, linalg, optimize, special, stats

from infotheory import sample_gaussian_pair, tasks
from infotheory.tasks import FAMILIES, TASKS, Task, get_task

N_KS = 20_000
P_MIN = 1e-4
ORACLE = json.loads((Path(__file__).parent / "data" / "bmi_oracle.json").read_text())

BENCHMARK_IDS = [
    "1v1-normal-0.75",
    "1v1-additive-0.1",
    "1v1-additive-0.75",
    "1v1-bimodal-0.75",
    "wiggly-1v1-normal-0.75",
    "half_cube-1v1-normal-0.75",
    "normal_cdf-1v1-normal-0.75",
    "student-identity-1-1-1",
    "asinh-student-identity-1-1-1",
    "swissroll_x-normal_cdf-1v1-normal-0.75",
    "multinormal-dense-2-2-0.5",
    "multinormal-dense-5-5-0.5",
    "multinormal-sparse-3-3-2-2.0",
    "student-identity-2-2-1",
    "student-identity-3-3-2",
    "spiral-multinormal-sparse-3-3-2-2.0",
    "half_cube-multinormal-sparse-3-3-2-2.0",
    "normal_cdf-multinormal-sparse-3-3-2-2.0",
]
GAMMA_IDS = {"gamma-exponential-1": 1.0, "gamma-exponential-0.5": 0.5}


# ---------------------------------------------------------------------------------------------
# Independent definitions (from the paper and the reference code's documentation)


def dense_covariance(dim):
    """All variances 1, all correlations 0.5."""
    cov = np.full((2 * dim, 2 * dim), 0.5)
    np.fill_diagonal(cov, 1.0)
    return cov


def sparse_covariance():
    """The benchmark's latent-variable model: X_i = E_i + 2 Z_i, Y_i = F_i + 2 Z_i for i < 2,
    X_i = E_i + 2 V_i, Y_i = F_i + 2 W_i otherwise (all latents independent N(0, 1)),
    standardised to unit variances; built from its mixing matrix, not from a formula."""
    # latents: Z1, Z2, E1..E3, F1..F3, V3, W3
    mixing = np.zeros((6, 10))
    for i in range(3):
        mixing[i, 2 + i] = 1.0  # E_i
        mixing[3 + i, 5 + i] = 1.0  # F_i
    for i in range(2):
        mixing[i, i] = mixing[3 + i, i] = 2.0  # Z_i shared by X_i and Y_i
    mixing[2, 8] = 2.0  # V_3
    mixing[5, 9] = 2.0  # W_3
    cov = mixing @ mixing.T
    sd = np.sqrt(np.diag(cov))
    return cov / np.outer(sd, sd)


GAUSSIAN_COVARIANCE = {
    "1v1-normal-0.75": np.array([[1.0, 0.75], [0.75, 1.0]]),
    "multinormal-dense-2-2-0.5": dense_covariance(2),
    "multinormal-dense-5-5-0.5": dense_covariance(5),
    "multinormal-sparse-3-3-2-2.0": sparse_covariance(),
}


def canonical_mi(cov, dim_x):
    """-1/2 sum log(1 - rho_i^2) over the canonical correlations rho_i (eigenvalues of
    S_xx^-1 S_xy S_yy^-1 S_yx): a different formula from the ratio of determinants."""
    sxx, sxy, syy = cov[:dim_x, :dim_x], cov[:dim_x, dim_x:], cov[dim_x:, dim_x:]
    rho2 = np.linalg.eigvals(np.linalg.solve(sxx, sxy) @ np.linalg.solve(syy, sxy.T)).real
    return float(-0.5 * np.sum(np.log1p(-rho2)))


def student_entropy_by_quadrature(dim, df):
    """h of a dim-variate t (identity dispersion): -int S r^(dim-1) f(r) log f(r) dr over
    the radius, with scipy's multivariate_t density and the sphere's area S."""
    dist = stats.multivariate_t(loc=np.zeros(dim), shape=np.eye(dim), df=df)
    area = 2 * np.pi ** (dim / 2) / special.gamma(dim / 2)

    def integrand(r):
        point = np.zeros(dim)
        point[0] = r
        logf = dist.logpdf(point)
        return -area * r ** (dim - 1) * np.exp(logf) * logf

    return integrate.quad(integrand, 0, np.inf, limit=500, epsabs=1e-13, epsrel=1e-12)[0]


def additive_mi_by_quadrature(eps):
    """h(Y) - h(N) with Y = X + N, X ~ U(0, 1), N ~ U(-eps, eps): the density of Y is the
    convolution, (min(y + eps, 1) - max(y - eps, 0))^+ / (2 eps)."""

    def density(y):
        return max(min(y + eps, 1.0) - max(y - eps, 0.0), 0.0) / (2 * eps)

    corners = sorted({-eps, eps, 1 - eps, 1 + eps})
    h_y = integrate.quad(
        lambda y: -special.xlogy(density(y), density(y)),
        -eps,
        1 + eps,
        points=corners[1:-1],
        epsabs=1e-13,
        limit=200,
    )[0]
    return h_y - np.log(2 * eps)


def gamma_exponential_mi_by_quadrature(theta):
    """E[log p(x, y) / (p(x) p(y))] by nested quadrature of the density
    x^theta e^(-x - xy) / Gamma(theta): p(x) is Gamma(theta, 1), p(y) = theta (1 + y)^-(theta+1),
    so the pointwise MI is log x - xy - log theta + (theta + 1) log(1 + y)."""

    def inner(x):  # over y given x, with t = xy exponential(1)
        def f(t):
            return np.exp(-t) * (np.log(x) - t - np.log(theta) + (theta + 1) * np.log1p(t / x))

        return integrate.quad(f, 0, np.inf, epsabs=1e-13, epsrel=1e-12, limit=200)[0]

    def outer(x):
        return np.exp((theta - 1) * np.log(x) - x - special.gammaln(theta)) * inner(x)

    opts = {"epsabs": 1e-12, "epsrel": 1e-11, "limit": 200}
    return integrate.quad(outer, 0, 1, **opts)[0] + integrate.quad(outer, 1, np.inf, **opts)[0]


# The maps, written from the paper's definitions (not imported from the module)
def half_cube(x):
    return x * np.sqrt(np.abs(x))


def wiggly_x(x):
    return x + 0.4 * np.sin(1.0 * x) + 0.2 * np.sin(1.7 * x + 1) + 0.03 * np.sin(3.3 * x - 2.5)


def wiggly_y(x):
    return x - 0.4 * np.sin(0.4 * x) + 0.17 * np.sin(1.3 * x + 3.5) + 0.02 * np.sin(4.3 * x - 2.5)


def swiss_roll(u):
    t = 1.5 * np.pi * (1 + 2 * u[:, 0])
    return np.column_stack([t * np.cos(t), t * np.sin(t)]) / 21.0


def spiral_by_expm(x, i, j):
    """x -> expm(A |x|^2 / d) x row by row, A the so(d) generator with A[i, j] = -1, A[j, i] = 1."""
    d = x.shape[1]
    generator = np.zeros((d, d))
    generator[i, j], generator[j, i] = -1.0, 1.0
    return np.array([linalg.expm(generator * (row @ row) / d) @ row for row in x])


def mixture_cdf(weights, means):
    return lambda v: sum(w * stats.norm.cdf(v - m) for w, m in zip(weights, means, strict=True))


BIMODAL_X = mixture_cdf([0.3, 0.7], [0.0, 5.0])
BIMODAL_Y = mixture_cdf([0.5, 0.5], [-1.0, 3.0])


def bimodal_by_brentq(z, cdf):
    """The mixture quantile at Phi(z), one root at a time (scipy's brentq on the CDF)."""

    def root(s):
        p = stats.norm.cdf(s)
        return optimize.brentq(lambda v: cdf(v) - p, -40, 45, xtol=1e-14)

    return np.array([root(s) for s in z])


# The invertible maps of each transformed task, and the base task they apply to
TRANSFORMS = {
    "normal_cdf-1v1-normal-0.75": ("1v1-normal-0.75", special.ndtr, special.ndtr),
    "wiggly-1v1-normal-0.75": ("1v1-normal-0.75", wiggly_x, wiggly_y),
    "half_cube-1v1-normal-0.75": ("1v1-normal-0.75", half_cube, half_cube),
    "asinh-student-identity-1-1-1": ("student-identity-1-1-1", np.arcsinh, np.arcsinh),
    "swissroll_x-normal_cdf-1v1-normal-0.75": (
        "normal_cdf-1v1-normal-0.75",
        swiss_roll,
        lambda y: y,
    ),
    "spiral-multinormal-sparse-3-3-2-2.0": (
        "multinormal-sparse-3-3-2-2.0",
        lambda x: spiral_by_expm(x, 0, 1),
        lambda y: spiral_by_expm(y, 1, 2),
    ),
    "half_cube-multinormal-sparse-3-3-2-2.0": (
        "multinormal-sparse-3-3-2-2.0",
        half_cube,
        half_cube,
    ),
    "normal_cdf-multinormal-sparse-3-3-2-2.0": (
        "multinormal-sparse-3-3-2-2.0",
        special.ndtr,
        special.ndtr,
    ),
}


# ---------------------------------------------------------------------------------------------
# The registry


def test_registry_holds_the_benchmark_tasks_and_two_gamma_exponential_pairs_in_order():
    expected = BENCHMARK_IDS[:9] + list(GAMMA_IDS) + BENCHMARK_IDS[9:]
    assert list(TASKS) == expected
    assert list(ORACLE["tasks"]) == BENCHMARK_IDS  # the fixture covers every benchmark id


@pytest.mark.parametrize("task", TASKS.values(), ids=list(TASKS))
def test_task_fields(task):
    assert isinstance(task, Task)
    assert task.id in TASKS
    assert get_task(task.id) is task
    assert task.family in FAMILIES
    assert isinstance(task.mutual_information, float)
    assert task.mutual_information > 0
    assert task.name
    assert task.description.endswith(".")
    assert task.base is None or task.base in TASKS
    x, y = task.sample(7, seed=0)
    assert x.shape == (7, task.dim_x)
    assert y.shape == (7, task.dim_y)
    assert x.dtype == y.dtype == np.float64
    assert np.all(np.isfinite(x))
    assert np.all(np.isfinite(y))


def test_families_are_listed_in_the_order_of_the_tasks():
    seen = [task.family for task in TASKS.values()]
    assert list(dict.fromkeys(seen)) == list(FAMILIES)


def test_task_is_frozen():
    task = get_task("1v1-normal-0.75")
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.mutual_information = 1.0


def test_a_task_built_directly_has_no_sampler():
    task = Task("mine", "Mine", "Gaussian", 1, 1, 0.5)
    with pytest.raises(ValueError, match="task 'mine' has no sampler: use the tasks of"):
        task.sample(10)


def test_task_pickles_by_id():
    task = get_task("spiral-multinormal-sparse-3-3-2-2.0")
    assert pickle.loads(pickle.dumps(task)) is task


def test_get_task_refuses_an_unknown_id_naming_it_and_close_ids():
    with pytest.raises(ValueError, match=r"task_id '1v1-normal-0\.7' is not a task; close ids: "
                       r"'1v1-normal-0\.75'"):  # fmt: skip
        get_task("1v1-normal-0.7")
    with pytest.raises(ValueError, match=r"task_id 'nothing-like-it' is not a task; the 20 tasks"):
        get_task("nothing-like-it")
    with pytest.raises(ValueError, match="task_id must be a string"):
        get_task(3)


def test_module_is_reachable_from_the_package():
    import infotheory

    assert infotheory.tasks is tasks
    assert "tasks" in infotheory.__all__  # the API page documents it as a module


# ---------------------------------------------------------------------------------------------
# Sampling: arguments, seeds


def test_same_seed_same_samples_and_generators_continue_their_stream():
    task = get_task("student-identity-2-2-1")
    a = task.sample(50, seed=3)
    b = task.sample(50, seed=3)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    rng = np.random.default_rng(3)
    first = task.sample(50, seed=rng)
    second = task.sample(50, seed=rng)
    np.testing.assert_array_equal(first[0], a[0])  # a Generator at seed 3 draws as seed 3
    assert not np.array_equal(second[0], first[0])


def test_bivariate_normal_task_is_the_librarys_gaussian_pair():
    # Documented in the sampler: the same seed gives sample_gaussian_pair's values.
    x, y = get_task("1v1-normal-0.75").sample(100, seed=11)
    gx, gy = sample_gaussian_pair(100, 0.75, seed=11)
    np.testing.assert_array_equal(x[:, 0], gx)
    np.testing.assert_array_equal(y[:, 0], gy)


@pytest.mark.parametrize(
    ("n", "message"),
    [
        (0, r"n must be an integer >= 1, got 0"),
        (2.0, r"n must be an integer >= 1, got 2\.0"),
        (True, r"n must be an integer >= 1, got True"),
        ("5", r"n must be an integer >= 1, got '5'"),
        (10**8 + 1, r"n must be an integer <= 100000000, got 100000001"),
    ],
)
def test_sample_refuses_a_bad_n(n, message):
    with pytest.raises(ValueError, match=message):
        get_task("1v1-normal-0.75").sample(n)


def test_sample_limit_scales_with_dimension():
    # 10 coordinates: at most 2e8 / 10 rows, the numbers of 1e8 pairs.
    task = get_task("multinormal-dense-5-5-0.5")
    assert task.max_samples == 2 * 10**7
    with pytest.raises(ValueError, match=r"n must be an integer <= 20000000"):
        task.sample(2 * 10**7 + 1)


@pytest.mark.parametrize("seed", [-1, 1.5, "3", True, [1, 2]])
def test_sample_refuses_a_bad_seed(seed):
    with pytest.raises(ValueError, match="seed must be None, a non-negative integer"):
        get_task("1v1-normal-0.75").sample(5, seed=seed)


# ---------------------------------------------------------------------------------------------
# Mutual information against closed forms computed here


@pytest.mark.parametrize("task_id", list(GAUSSIAN_COVARIANCE))
def test_gaussian_mi_from_canonical_correlations(task_id):
    task = get_task(task_id)
    expected = canonical_mi(GAUSSIAN_COVARIANCE[task_id], task.dim_x)
    # Two exact formulas in float64: agreement to rounding.
    assert task.mutual_information == pytest.approx(expected, rel=1e-12)


def test_gaussian_mi_closed_forms_by_hand():
    # rho = 0.75: -1/2 log(1 - 0.5625); sparse: two pairs at rho = 4/5.
    assert get_task("1v1-normal-0.75").mutual_information == pytest.approx(
        -0.5 * np.log(0.4375), rel=1e-14
    )
    assert get_task("multinormal-sparse-3-3-2-2.0").mutual_information == pytest.approx(
        -np.log(1 - 0.64), rel=1e-14
    )


@pytest.mark.parametrize("eps", [0.1, 0.75])
def test_additive_noise_mi_by_quadrature(eps):
    # quad on a piecewise-linear density: accurate to ~1e-12.
    task = get_task(f"1v1-additive-{eps}")
    assert task.mutual_information == pytest.approx(additive_mi_by_quadrature(eps), abs=1e-9)


@pytest.mark.parametrize(("dim", "df"), [(1, 1), (2, 1), (3, 2)])
def test_student_mi_is_the_entropy_difference_by_quadrature(dim, df):
    # h(X) + h(Y) - h(X, Y), each entropy a radial quadrature of scipy's multivariate_t
    # density (accurate to ~1e-12, measured), not the closed form the module uses.
    expected = 2 * student_entropy_by_quadrature(dim, df) - student_entropy_by_quadrature(
        2 * dim, df
    )
    task = get_task(f"student-identity-{dim}-{dim}-{df}")
    assert task.mutual_information == pytest.approx(expected, abs=1e-9)
    # ... and scipy's own closed-form entropies agree.
    h = {k: stats.multivariate_t(shape=np.eye(k), df=df).entropy() for k in (dim, 2 * dim)}
    assert task.mutual_information == pytest.approx(2 * h[dim] - h[2 * dim], abs=1e-12)


def test_bivariate_cauchy_mi_in_closed_form():
    # df = 1 in 1 x 1: the margins are Cauchy, h = log(4 pi), and the bivariate Cauchy has
    # h = log(2 pi) + 3, so I = 2 log(4 pi) - log(2 pi) - 3 = log(8 pi) - 3.
    assert get_task("student-identity-1-1-1").mutual_information == pytest.approx(
        np.log(8 * np.pi) - 3, rel=1e-13
    )


@pytest.mark.parametrize(("task_id", "theta"), list(GAMMA_IDS.items()))
def test_gamma_exponential_mi(task_id, theta):
    task = get_task(task_id)
    # Kraskov et al. (2004): psi(theta + 1) - log(theta) ...
    assert task.mutual_information == pytest.approx(
        special.digamma(theta + 1) - np.log(theta), rel=1e-14
    )
    # ... which nested quadrature of the density confirms (to ~3e-13, measured).
    assert task.mutual_information == pytest.approx(
        gamma_exponential_mi_by_quadrature(theta), abs=1e-9
    )


@pytest.mark.parametrize("task_id", [t for t in TASKS if TASKS[t].base is not None])
def test_transformed_task_keeps_its_base_mi(task_id):
    task = get_task(task_id)
    assert task.mutual_information == get_task(task.base).mutual_information


@pytest.mark.parametrize("task_id", BENCHMARK_IDS)
def test_mi_and_dimensions_equal_the_reference_implementation(task_id):
    ref = ORACLE["tasks"][task_id]
    task = get_task(task_id)
    assert (task.dim_x, task.dim_y) == (ref["dim_x"], ref["dim_y"])
    # The reference computes the additive-noise MI in float32 (JAX): 1e-7 relative there.
    rel = 1e-7 if task_id == "1v1-additive-0.1" else 1e-12
    assert task.mutual_information == pytest.approx(ref["mutual_information"], rel=rel)


# ---------------------------------------------------------------------------------------------
# Samplers: margins against analytic CDFs (KS, n = 20,000, p >= 1e-4; see the module docstring)


def additive_y_cdf(eps):
    # F(y) = E_N[P(X <= y - N)] = (G(y + eps) - G(y - eps)) / (2 eps), G the integral of
    # clip(s, 0, 1): 0, s^2 / 2, s - 1/2.
    def g(s):
        return np.where(s < 0, 0.0, np.where(s <= 1, 0.5 * s * s, s - 0.5))

    return lambda y: (g(y + eps) - g(y - eps)) / (2 * eps)


def inverse_by_grid(f):
    """Inverse of an increasing map by interpolation on a fine grid (error ~1e-9)."""
    grid = np.linspace(-12, 12, 400_001)
    values = f(grid)
    assert np.all(np.diff(values) > 0)
    return lambda v: np.interp(v, values, grid)


NORMAL = stats.norm.cdf
UNIFORM = stats.uniform.cdf


def half_cube_cdf(v):
    return stats.norm.cdf(np.sign(v) * np.abs(v) ** (2 / 3))


WIGGLY_X_INV, WIGGLY_Y_INV = inverse_by_grid(wiggly_x), inverse_by_grid(wiggly_y)

MARGIN_CDFS = {
    "1v1-normal-0.75": ([NORMAL], [NORMAL]),
    "1v1-additive-0.1": ([UNIFORM], [additive_y_cdf(0.1)]),
    "1v1-additive-0.75": ([UNIFORM], [additive_y_cdf(0.75)]),
    "1v1-bimodal-0.75": ([BIMODAL_X], [BIMODAL_Y]),
    "wiggly-1v1-normal-0.75": (
        [lambda v: NORMAL(WIGGLY_X_INV(v))],
        [lambda v: NORMAL(WIGGLY_Y_INV(v))],
    ),
    "half_cube-1v1-normal-0.75": ([half_cube_cdf], [half_cube_cdf]),
    "normal_cdf-1v1-normal-0.75": ([UNIFORM], [UNIFORM]),
    "student-identity-1-1-1": ([stats.t(1).cdf], [stats.t(1).cdf]),
    "asinh-student-identity-1-1-1": (
        [lambda v: stats.t(1).cdf(np.sinh(v))],
        [lambda v: stats.t(1).cdf(np.sinh(v))],
    ),
    "gamma-exponential-1": ([stats.gamma(1.0).cdf], [stats.lomax(1.0).cdf]),
    "gamma-exponential-0.5": ([stats.gamma(0.5).cdf], [stats.lomax(0.5).cdf]),
    # X is 2-D: its law is checked through the radius below.
    "swissroll_x-normal_cdf-1v1-normal-0.75": ([], [UNIFORM]),
    "multinormal-dense-2-2-0.5": ([NORMAL] * 2, [NORMAL] * 2),
    "multinormal-dense-5-5-0.5": ([NORMAL] * 5, [NORMAL] * 5),
    "multinormal-sparse-3-3-2-2.0": ([NORMAL] * 3, [NORMAL] * 3),
    "student-identity-2-2-1": ([stats.t(1).cdf] * 2, [stats.t(1).cdf] * 2),
    "student-identity-3-3-2": ([stats.t(2).cdf] * 3, [stats.t(2).cdf] * 3),
    # Only the coordinates the spiral does not rotate (X3, Y1) keep a normal margin.
    "spiral-multinormal-sparse-3-3-2-2.0": ([None, None, NORMAL], [NORMAL, None, None]),
    "half_cube-multinormal-sparse-3-3-2-2.0": ([half_cube_cdf] * 3, [half_cube_cdf] * 3),
    "normal_cdf-multinormal-sparse-3-3-2-2.0": ([UNIFORM] * 3, [UNIFORM] * 3),
}


def assert_ks(sample, cdf, what):
    result = stats.kstest(sample, cdf)
    assert result.pvalue >= P_MIN, f"{what}: KS D = {result.statistic:.4f}, p = {result.pvalue:.2e}"


def draw(task_id, n=N_KS):
    # One fixed seed per task, so that the KS tests are deterministic.
    return get_task(task_id).sample(n, seed=2026 + list(TASKS).index(task_id))


def test_every_task_has_margin_cdfs():
    assert set(MARGIN_CDFS) == set(TASKS)


@pytest.mark.parametrize("task_id", list(TASKS))
def test_margins_follow_their_analytic_cdf(task_id):
    x, y = draw(task_id)
    cdfs_x, cdfs_y = MARGIN_CDFS[task_id]
    for name, data, cdfs in (("x", x, cdfs_x), ("y", y, cdfs_y)):
        for j, cdf in enumerate(cdfs):
            if cdf is not None:
                assert_ks(data[:, j], cdf, f"{task_id} {name}[{j}]")


# Dependence: a statistic of each directly sampled task whose law is known


@pytest.mark.parametrize("task_id", list(GAUSSIAN_COVARIANCE))
def test_gaussian_joint_law_whitened_norm_is_chi_square(task_id):
    # If (x, y) ~ N(0, C), then |L^-1 (x, y)|^2 ~ chi2(d) for C = L L^T: this tests every
    # entry of the covariance, not the margins alone.
    x, y = draw(task_id)
    cov = GAUSSIAN_COVARIANCE[task_id]
    white = linalg.solve_triangular(np.linalg.cholesky(cov), np.hstack([x, y]).T, lower=True)
    assert_ks(np.sum(white**2, axis=0), stats.chi2(cov.shape[0]).cdf, task_id)


@pytest.mark.parametrize("eps", [0.1, 0.75])
def test_additive_noise_is_uniform_and_independent_of_x(eps):
    x, y = draw(f"1v1-additive-{eps}")
    noise = (y - x)[:, 0]
    low = x[:, 0] < 0.5
    # The noise is uniform on (-eps, eps) whether x is small or large.
    for part in (noise[low], noise[~low]):
        assert_ks(part, stats.uniform(-eps, 2 * eps).cdf, f"additive {eps}")


@pytest.mark.parametrize(("dim", "df"), [(1, 1), (2, 1), (3, 2)])
def test_student_joint_law_squared_norm_is_f_distributed(dim, df):
    # For a k-variate t with identity dispersion, |t|^2 / k ~ F(k, df): one chi-square
    # scale shared by all coordinates (independent scales would not give this law).
    x, y = draw(f"student-identity-{dim}-{dim}-{df}")
    k = 2 * dim
    norm2 = np.sum(x**2, axis=1) + np.sum(y**2, axis=1)
    assert_ks(norm2 / k, stats.f(k, df).cdf, f"student {dim} {df}")


@pytest.mark.parametrize(("task_id", "theta"), list(GAMMA_IDS.items()))
def test_gamma_exponential_joint_law(task_id, theta):
    # Given X = x, Y is exponential with rate x, so X Y ~ Exp(1) whatever X is.
    x, y = draw(task_id)
    product = (x * y)[:, 0]
    low = x[:, 0] < np.median(x)
    for part in (product[low], product[~low]):
        assert_ks(part, stats.expon.cdf, task_id)


def test_swiss_roll_lies_on_its_spiral_with_a_uniform_parameter():
    x, y = draw("swissroll_x-normal_cdf-1v1-normal-0.75")
    t = 21.0 * np.hypot(x[:, 0], x[:, 1])  # the radius is t / 21
    u = (t / (1.5 * np.pi) - 1) / 2
    assert_ks(u, UNIFORM, "swiss roll parameter")
    # The angle of each point is t (mod 2 pi): the point is on the spiral.
    angle = np.arctan2(x[:, 1], x[:, 0])
    np.testing.assert_allclose(np.cos(angle - t), 1.0, atol=1e-12)
    # y is the other uniform, and the pair keeps the Gaussian copula: y = Phi(z_y) with
    # corr(Phi^-1(u), Phi^-1(y)) = 0.75 (5 standard errors: (1 - rho^2) / sqrt(n) each).
    r = np.corrcoef(special.ndtri(u), special.ndtri(y[:, 0]))[0, 1]
    assert abs(r - 0.75) < 5 * (1 - 0.75**2) / np.sqrt(N_KS)


def test_spiral_keeps_the_norm_of_each_variable():
    x, y = draw("spiral-multinormal-sparse-3-3-2-2.0")
    # A rotation keeps |x|, and X, Y are each standard normal in R^3: |x|^2 ~ chi2(3).
    assert_ks(np.sum(x**2, axis=1), stats.chi2(3).cdf, "spiral |x|^2")
    assert_ks(np.sum(y**2, axis=1), stats.chi2(3).cdf, "spiral |y|^2")


# ---------------------------------------------------------------------------------------------
# Transformed tasks: exactly the map of the base task's draw with the same seed


@pytest.mark.parametrize("task_id", list(TRANSFORMS))
def test_transformed_task_maps_its_base_draw(task_id):
    base_id, f, g = TRANSFORMS[task_id]
    task = get_task(task_id)
    assert task.base == base_id
    x, y = task.sample(300, seed=5)
    bx, by = get_task(base_id).sample(300, seed=5)
    # The maps here are written from the paper; the spiral through a matrix exponential per
    # row (scipy.linalg.expm), so agreement is to rounding (1e-12), not bit for bit.
    np.testing.assert_allclose(x, f(bx), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(y, g(by), rtol=1e-12, atol=1e-13)


def test_bimodal_task_maps_the_bivariate_normal_through_mixture_quantiles():
    task = get_task("1v1-bimodal-0.75")
    assert task.base == "1v1-normal-0.75"
    x, y = task.sample(200, seed=8)
    zx, zy = get_task("1v1-normal-0.75").sample(200, seed=8)
    # brentq to xtol 1e-14 on the mixture CDF, one root at a time.
    np.testing.assert_allclose(x[:, 0], bimodal_by_brentq(zx[:, 0], BIMODAL_X), atol=1e-10)
    np.testing.assert_allclose(y[:, 0], bimodal_by_brentq(zy[:, 0], BIMODAL_Y), atol=1e-10)


def test_bimodal_quantile_keeps_relative_precision_in_both_tails():
    # Far in the tails the CDF (lower) or survival function (upper) of the mixture must
    # match Phi(z) or Phi(-z) to ~1e-13 relative, where a bisection on the CDF would stop
    # at +-10 (the reference's bracket) or lose all digits near 1.
    z = np.array([-30.0, -12.0, -6.0, 6.0, 12.0, 30.0])
    x = tasks._bimodal_x(z[:, None])[:, 0]
    lower, upper = z < 0, z > 0
    cdf = 0.3 * stats.norm.cdf(x) + 0.7 * stats.norm.cdf(x - 5)
    sf = 0.3 * stats.norm.sf(x) + 0.7 * stats.norm.sf(x - 5)
    np.testing.assert_allclose(cdf[lower], stats.norm.cdf(z[lower]), rtol=1e-12)
    np.testing.assert_allclose(sf[upper], stats.norm.sf(z[upper]), rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# The reference implementation's samples (fixture: benchmark-mi 0.1.3, n = 20,000, seed 0)


def spearman_cross(x, y, absolute=False):
    joint = np.abs(np.hstack([x, y])) if absolute else np.hstack([x, y])
    rho = np.atleast_2d(stats.spearmanr(joint).statistic)
    if rho.shape == (1, 1):
        rho = np.array([[1.0, rho[0, 0]], [rho[0, 0], 1.0]])
    return rho[: x.shape[1], x.shape[1] :]


@pytest.mark.parametrize("task_id", BENCHMARK_IDS)
def test_sample_law_matches_the_reference_implementation(task_id):
    ref = ORACLE["tasks"][task_id]
    n, levels = ORACLE["n"], np.array(ORACLE["levels"])
    x, y = get_task(task_id).sample(n, seed=7)
    # Two independent samples of size n: the share of ours below the reference's p-quantile
    # has sd sqrt(2 p (1 - p) / n) (0.007 at the median).  Allow 4.5 sd: ~500 comparisons
    # would all pass by chance with probability 0.997, and a shift of 0.03 in a CDF fails.
    sd = np.sqrt(2 * levels * (1 - levels) / n)
    for name, data, key in (("x", x, "quantiles_x"), ("y", y, "quantiles_y")):
        for j, quantiles in enumerate(ref[key]):
            share = np.mean(data[:, j][:, None] <= np.array(quantiles)[None, :], axis=0)
            z = np.abs(share - levels) / sd
            assert z.max() < 4.5, f"{task_id} {name}[{j}]: {z.max():.2f} sd at {levels}"
    # Dependence: Spearman correlations of x_i with y_j, and of |x_i| with |y_j| (which sees
    # the Student-t's shared scale); each has sd <= 1/sqrt(n) per sample, so a difference of
    # two has sd <= 0.01: allow 4.5 sd.
    for absolute in (False, True):
        key = "spearman_abs_xy" if absolute else "spearman_xy"
        diff = np.abs(spearman_cross(x, y, absolute) - np.array(ref[key]))
        assert diff.max() < 0.045, f"{task_id} {key}: {diff.max():.3f}"
