r"""The numbers of the representation-learning page: variational bounds over MI and batch size.

For a standard bivariate Gaussian with correlation :math:`\rho` and a batch of
:math:`K` pairs, each batch's score matrix is the **optimal critic**
:func:`infotheory.gaussian_log_density_ratio` (no fitting), and each batch
gives three estimates: :func:`infotheory.infonce` and
:func:`infotheory.donsker_varadhan` of the scores, and :func:`infotheory.nwj`
of the scores plus one (NWJ's optimal critic carries that shift).
:func:`batch_bounds` returns them batch by batch, :func:`variational_grid`
their mean and standard deviation over batches for every :math:`(\rho, K)`.

Batch :math:`b` of size :math:`K` is ``sample_gaussian_pair(K, rho,
seed=children[b])`` with ``children = SeedSequence([seed, K]).spawn(n_batches)``:
a cell depends only on its own :math:`(\rho, K)`, the number of batches and the
seed (so any cell can be recomputed alone), and every :math:`\rho` sees the same
standard normal draws (common random numbers, so the curves over :math:`\rho`
are smooth).

The page's kernel-free explorer covers 11 values of the true MI times 10 batch
sizes up to 1,024 with 200 batches each, which takes minutes, so its grid is
computed once by :func:`write_precomputed` into :mod:`mibook.variational_data`
(committed), and loaded by :func:`precomputed_grid`; a test recomputes sampled
cells with the library and requires them equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from infotheory import (
    donsker_varadhan,
    gaussian_log_density_ratio,
    gaussian_mutual_information,
    infonce,
    informational_correlation,
    nwj,
    sample_gaussian_pair,
)
from infotheory._validation import check_int

__all__ = [
    "BOUND_NAMES",
    "EXPLORER_K",
    "EXPLORER_MI",
    "EXPLORER_N_BATCHES",
    "EXPLORER_SEED",
    "BatchBounds",
    "VariationalGrid",
    "batch_bounds",
    "explorer_rhos",
    "nwj_population_variance",
    "precomputed_grid",
    "variational_grid",
    "write_precomputed",
]

#: The bounds, in the order the page shows them, and their display names.
BOUND_NAMES = {"infonce": "InfoNCE", "dv": "DV", "nwj": "NWJ"}
#: True MI (nats) of the explorer's settings: 0 to 5 in steps of 0.5.
EXPLORER_MI = tuple(0.5 * i for i in range(11))
#: Batch sizes of the explorer: 2, 4, ..., 1024.
EXPLORER_K = tuple(2**p for p in range(1, 11))
#: Batches per setting of the explorer.
EXPLORER_N_BATCHES = 200
#: Seed of the explorer's batches.
EXPLORER_SEED = 18


@dataclass(frozen=True)
class BatchBounds:
    """The three estimates of every batch of one setting (nats).

    Attributes
    ----------
    rho : float
    k : int
        Batch size.
    infonce, dv, nwj : ndarray of shape (n_batches,)
        InfoNCE and DV of the optimal critic's scores, NWJ of the scores plus one.
    """

    rho: float
    k: int
    infonce: NDArray[np.float64]
    dv: NDArray[np.float64]
    nwj: NDArray[np.float64]


def _check_rho(rho: float) -> float:
    value = float(rho)
    if not abs(value) < 1:
        raise ValueError(f"rho must lie strictly between -1 and 1, got {rho!r}")
    return value


def batch_bounds(rho: float, k: int, *, n_batches: int = 200, seed: int = 0) -> BatchBounds:
    r"""InfoNCE, DV and NWJ with the optimal critic, for each of ``n_batches`` batches.

    Parameters
    ----------
    rho : float
        Correlation of the standard bivariate Gaussian, :math:`|\rho| < 1`.
    k : int
        Batch size :math:`K \ge 2`.
    n_batches : int, default=200
    seed : int, default=0

    Returns
    -------
    BatchBounds

    Raises
    ------
    ValueError
        If an argument is out of range (the message names it).

    Examples
    --------
    >>> b = batch_bounds(0.0, 8, n_batches=3)
    >>> b.infonce.tolist(), b.dv.tolist(), b.nwj.tolist()
    ([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0])
    """
    rho = _check_rho(rho)
    k = check_int(k, "k", minimum=2)
    n_batches = check_int(n_batches, "n_batches", minimum=2)
    seed = check_int(seed, "seed", minimum=0)
    values = np.empty((3, n_batches))
    for b, child in enumerate(np.random.SeedSequence([seed, k]).spawn(n_batches)):
        x, y = sample_gaussian_pair(k, rho, seed=child)
        scores = gaussian_log_density_ratio(x[:, None], y[None, :], rho)
        values[:, b] = infonce(scores), donsker_varadhan(scores), nwj(scores + 1.0)
    return BatchBounds(rho, k, *values)


@dataclass(frozen=True)
class VariationalGrid:
    r"""Mean and spread over batches of the three bounds at every :math:`(\rho, K)`.

    Attributes
    ----------
    rho, truth : ndarray of shape (n_rho,)
        Correlations and the true MI :math:`-\tfrac12\ln(1-\rho^2)` (nats).
    k : ndarray of int, shape (n_k,)
        Batch sizes.
    mean, sd : dict of str to ndarray of shape (n_rho, n_k)
        Mean and standard deviation (``ddof=1``) over batches of each bound,
        keyed ``"infonce"``, ``"dv"``, ``"nwj"`` (nats).
    n_batches, seed : int
    """

    rho: NDArray[np.float64]
    truth: NDArray[np.float64]
    k: NDArray[np.int64]
    mean: dict[str, NDArray[np.float64]]
    sd: dict[str, NDArray[np.float64]]
    n_batches: int
    seed: int

    def cell(self, *, rho: float, k: int) -> dict[str, float]:
        """The numbers of one setting: ``truth``, ``log_k`` and ``<bound>_mean``/``_sd``/``_se``.

        Raises
        ------
        ValueError
            If ``rho`` or ``k`` is not on the grid.
        """
        i = _position(self.rho, rho, "rho")
        j = _position(self.k, k, "k")
        out = {"rho": float(self.rho[i]), "truth": float(self.truth[i]), "k": int(self.k[j])}
        out["log_k"] = float(np.log(self.k[j]))
        for name in BOUND_NAMES:
            out[f"{name}_mean"] = float(self.mean[name][i, j])
            out[f"{name}_sd"] = float(self.sd[name][i, j])
            out[f"{name}_se"] = float(self.sd[name][i, j] / np.sqrt(self.n_batches))
        return out


def _position(axis: np.ndarray, value: float, name: str) -> int:
    hits = np.flatnonzero(np.isclose(axis, value, rtol=0, atol=1e-12))
    if hits.size == 0:
        raise ValueError(f"{name} must be one of the grid's values {axis.tolist()}; got {value!r}")
    return int(hits[0])


def variational_grid(
    rhos: Sequence[float],
    ks: Sequence[int] = EXPLORER_K,
    *,
    n_batches: int = EXPLORER_N_BATCHES,
    seed: int = EXPLORER_SEED,
) -> VariationalGrid:
    r"""The mean and standard deviation over batches of :func:`batch_bounds` at every cell.

    Parameters
    ----------
    rhos : sequence of float
        Correlations, each :math:`|\rho| < 1`.
    ks : sequence of int, default=EXPLORER_K
        Batch sizes, each >= 2.
    n_batches : int, default=200
    seed : int, default=18

    Returns
    -------
    VariationalGrid

    Raises
    ------
    ValueError
        If an argument is out of range (the message names it).

    Examples
    --------
    >>> grid = variational_grid([0.5], [4], n_batches=50)
    >>> cell = grid.cell(rho=0.5, k=4)
    >>> bool(cell["infonce_mean"] <= np.log(4)), round(cell["truth"], 4)
    (True, 0.1438)
    """
    rho = np.array([_check_rho(r) for r in rhos], dtype=float)
    k = np.array([check_int(m, "ks", minimum=2) for m in ks], dtype=np.int64)
    if rho.size == 0 or k.size == 0:
        raise ValueError("rhos and ks must each hold at least one value")
    mean = {name: np.empty((rho.size, k.size)) for name in BOUND_NAMES}
    sd = {name: np.empty((rho.size, k.size)) for name in BOUND_NAMES}
    for i, r in enumerate(rho):
        for j, m in enumerate(k):
            bounds = batch_bounds(float(r), int(m), n_batches=n_batches, seed=seed)
            for name in BOUND_NAMES:
                values = getattr(bounds, name)
                mean[name][i, j] = np.mean(values)
                sd[name][i, j] = np.std(values, ddof=1)
    truth = np.asarray(gaussian_mutual_information(rho), dtype=float)
    return VariationalGrid(rho, truth, k, mean, sd, n_batches, seed)


def nwj_population_variance(rho: float, k: int) -> float:
    r"""The exact variance over batches of one batch's NWJ estimate with the optimal critic (nats²).

    For a standard bivariate Gaussian with correlation :math:`\rho`, a batch of
    :math:`K` joint pairs and the critic :math:`f = 1 + \log r`, with
    :math:`r = p(x, y) / (p(x)\,p(y))`, one batch's NWJ estimate is
    :math:`1 + \frac1K\sum_i \log r_{ii} - \frac{1}{K(K-1)}\sum_{i \ne j} r_{ij}`
    (:func:`infotheory.nwj` of the scores plus one), and its variance is

    .. math::

        \operatorname{Var} = \frac{\rho^2}{K}
        + \frac{1}{K(K-1)}\left(\frac{\rho^2}{1-\rho^2}
        + \frac{\rho^4}{1-\rho^4}\right).

    The first term is the variance of the diagonal mean (:math:`\log r` has
    variance :math:`\rho^2` under the joint). By Mehler's expansion
    :math:`r(x, y) = \sum_n \rho^n \mathrm{He}_n(x)\,\mathrm{He}_n(y)/n!`, an
    off-diagonal :math:`r_{ij}` has mean 1 and second moment
    :math:`\sum_n \rho^{2n} = 1/(1-\rho^2)`, :math:`r_{ij}` and its transpose
    :math:`r_{ji}` have covariance :math:`\rho^4/(1-\rho^4)`, and every other
    pair of entries (sharing one index or none, or diagonal against
    off-diagonal) is uncorrelated, because :math:`\mathbb E_y\, r(x, y) = 1`
    for every :math:`x`.

    As :math:`\rho \to 1`, :math:`\rho^2/(1-\rho^2) \approx e^{2I}` with
    :math:`I = -\tfrac12\ln(1-\rho^2)`, so the standard deviation grows like
    :math:`e^{I}`. The variance is finite for every :math:`|\rho| < 1`, but
    :math:`r` has finite moments under the product of the marginals only of
    order below :math:`1 + 1/|\rho|`: near :math:`\rho = 1` the variance is
    carried by rare batches, and the standard deviation of a few hundred
    batches typically comes out far below it.

    Parameters
    ----------
    rho : float
        Correlation, :math:`|\rho| < 1`.
    k : int
        Batch size :math:`K \ge 2`.

    Returns
    -------
    float
        The variance, in nats squared; 0 at :math:`\rho = 0`, where
        :math:`r \equiv 1` and every batch gives exactly 0.

    Raises
    ------
    ValueError
        If ``rho`` is not strictly between -1 and 1 or ``k`` is not an integer
        of at least 2.

    Examples
    --------
    At :math:`K = 2` the two terms are :math:`\rho^2/2` and half the bracket:

    >>> rho = 0.5
    >>> expected = rho**2 / 2 + (rho**2 / (1 - rho**2) + rho**4 / (1 - rho**4)) / 2
    >>> bool(abs(nwj_population_variance(rho, 2) - expected) < 1e-15)
    True
    >>> nwj_population_variance(0.0, 16)
    0.0
    """
    rho = _check_rho(rho)
    k = check_int(k, "k", minimum=2)
    r2 = rho * rho
    r4 = r2 * r2
    return float(r2 / k + (r2 / (1 - r2) + r4 / (1 - r4)) / (k * (k - 1)))


def explorer_rhos() -> tuple[float, ...]:
    """The explorer's correlations: Linfoot's :math:`\\sqrt{1 - e^{-2I}}` of :data:`EXPLORER_MI`."""
    return tuple(float(informational_correlation(mi)) for mi in EXPLORER_MI)


_DATA_MODULE = Path(__file__).with_name("variational_data.py")


def write_precomputed(path: Path | str = _DATA_MODULE, grid: VariationalGrid | None = None) -> Path:
    """Write a grid (by default the explorer's, computed here: minutes) as a Python module.

    Run ``python -c "from mibook.variational_grid import write_precomputed;
    write_precomputed()"`` after changing the library's bounds or this module's
    constants, then run ``tests/book/test_variational_grid.py``.

    Parameters
    ----------
    path : path-like, default: ``mibook/variational_data.py``
    grid : VariationalGrid, optional
        What to write; ``None`` computes the explorer's grid.

    Returns
    -------
    Path
        ``path``.
    """
    if grid is None:
        grid = variational_grid(explorer_rhos(), EXPLORER_K)
    lines = [
        "# ruff: noqa: E501",
        '"""The representation-learning explorer\'s grid, precomputed (do not edit).',
        "",
        "Written by ``mibook.variational_grid.write_precomputed``; loaded by",
        "``mibook.variational_grid.precomputed_grid``.  Values are ``repr`` of float64, so",
        "they load bit for bit.",
        '"""',
        "",
        f"RHOS = {[float(r) for r in grid.rho]!r}",
        f"KS = {[int(m) for m in grid.k]!r}",
        f"N_BATCHES = {grid.n_batches}",
        f"SEED = {grid.seed}",
    ]
    for stat in ("mean", "sd"):
        lines.append(f"{stat.upper()} = {{")
        for name in BOUND_NAMES:
            rows = getattr(grid, stat)[name]
            lines.append(f"    {name!r}: [")
            lines += [f"        {[float(v) for v in row]!r}," for row in rows]
            lines.append("    ],")
        lines.append("}")
    target = Path(path)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def precomputed_grid(data=None) -> VariationalGrid:
    """The explorer's grid as :func:`write_precomputed` stored it.

    Parameters
    ----------
    data : module, optional
        A module written by :func:`write_precomputed`; by default
        :mod:`mibook.variational_data`.
    """
    if data is None:
        from . import variational_data as data

    rho = np.array(data.RHOS, dtype=float)
    return VariationalGrid(
        rho=rho,
        truth=np.asarray(gaussian_mutual_information(rho), dtype=float),
        k=np.array(data.KS, dtype=np.int64),
        mean={name: np.array(data.MEAN[name], dtype=float) for name in BOUND_NAMES},
        sd={name: np.array(data.SD[name], dtype=float) for name in BOUND_NAMES},
        n_batches=data.N_BATCHES,
        seed=data.SEED,
    )
