r"""Synthetic data sets behind the chapter's figures and explorers.

Every generator takes ``seed`` (an int or a :class:`numpy.random.Generator`)
and is reproducible: the same arguments give the same arrays.
"""

from __future__ import annotations

import numbers

import numpy as np

from infotheory._validation import MAX_SAMPLES, check_int, check_seed

__all__ = ["RELATIONSHIP_NOISE", "clustering_labels", "relationships"]

#: Noise scale of each relationship at ``noise=1.0`` (the seed lesson's values).
RELATIONSHIP_NOISE = {"Linear": 0.5, "Quadratic": 0.5, "Sinusoidal": 0.2}


def _check_fraction(value: object, name: str, *, upper: float | None = 1.0) -> float:
    """Check a finite real number >= 0 (and <= ``upper`` unless ``upper`` is None)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if value < 0 or (upper is not None and value > upper):
        bound = f"in [0, {upper}]" if upper is not None else ">= 0"
        raise ValueError(f"{name} must be {bound}, got {value!r}")
    return float(value)


def relationships(
    n: int = 1000, *, noise: float = 1.0, seed: int | np.random.Generator | None = 0
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    r"""Four paired samples: three dependent relationships and an independent pair.

    With :math:`X \sim N(0, 1)` shared by all four and independent standard
    normal noise :math:`\varepsilon` (one draw per relationship),

    * ``"Linear"``: :math:`Y = 2X + 0.5\,s\,\varepsilon`
    * ``"Quadratic"``: :math:`Y = X^2 + 0.5\,s\,\varepsilon`
    * ``"Sinusoidal"``: :math:`Y = \sin 3X + 0.2\,s\,\varepsilon`
    * ``"Independent"``: :math:`Y \sim N(0, 1)` independent of :math:`X`

    where :math:`s` is ``noise``.  The noise draws depend only on ``n`` and
    ``seed``, so changing ``noise`` rescales the same :math:`\varepsilon`:
    a slider over ``noise`` moves points smoothly instead of reshuffling them.

    Parameters
    ----------
    n : int, default=1000
        Number of samples, at least 2.
    noise : float, default=1.0
        Multiplier of the noise scales above (:data:`RELATIONSHIP_NOISE`);
        ``0`` makes the first three relationships deterministic.  It does not
        affect ``"Independent"``.
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    dict of str to (x, y)
        Keys in the order above; each ``x`` and ``y`` is a float array of
        shape ``(n,)``.  All four ``x`` arrays hold the same values.

    Raises
    ------
    ValueError
        If ``n`` is not an integer >= 2 or ``noise`` is negative or not finite.

    Examples
    --------
    >>> data = relationships(500, noise=0.0)
    >>> list(data)
    ['Linear', 'Quadratic', 'Sinusoidal', 'Independent']
    >>> x, y = data["Linear"]
    >>> bool(np.allclose(y, 2 * x))
    True
    >>> bool(np.allclose(relationships(500, noise=2.0)["Quadratic"][1] - x**2,
    ...                  2 * (relationships(500)["Quadratic"][1] - x**2)))
    True
    """
    n = check_int(n, "n", minimum=2, maximum=MAX_SAMPLES)
    noise = _check_fraction(noise, "noise", upper=None)
    rng = check_seed(seed)
    x = rng.standard_normal(n)
    eps = rng.standard_normal((len(RELATIONSHIP_NOISE), n))
    y_independent = rng.standard_normal(n)
    signals = {"Linear": 2 * x, "Quadratic": x**2, "Sinusoidal": np.sin(3 * x)}
    data = {
        name: (x, signals[name] + noise * scale * e)
        for (name, scale), e in zip(RELATIONSHIP_NOISE.items(), eps, strict=True)
    }
    data["Independent"] = (x, y_independent)
    return data


def clustering_labels(
    n: int = 300,
    n_clusters: int = 3,
    *,
    reassign: float = 0.05,
    seed: int | np.random.Generator | None = 0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""True cluster labels and a clustering that gets a fraction of them wrong.

    The true labels are balanced: cluster ``c`` holds ``n // n_clusters`` or
    one more of the ``n`` points, in random order.  The predicted labels copy
    them, except that ``round(reassign * n)`` points, chosen at random, get a
    label drawn uniformly from ``0 .. n_clusters - 1`` (which may happen to be
    the true one).  ``reassign=0`` is a perfect clustering and
    ``reassign=1`` a random one, independent of the truth.

    The true labels depend only on ``n``, ``n_clusters`` and ``seed``, so
    calls that differ only in ``reassign`` share them.

    Parameters
    ----------
    n : int, default=300
        Number of points, at least 1.
    n_clusters : int, default=3
        Number of clusters, at least 1.
    reassign : float, default=0.05
        Fraction of points whose label is redrawn, in :math:`[0, 1]`.
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    true, predicted : ndarray of int64, shape (n,)
        Labels in ``0 .. n_clusters - 1``.

    Raises
    ------
    ValueError
        If ``n`` or ``n_clusters`` is not an integer >= 1, or ``reassign`` is
        not a number in [0, 1].

    Examples
    --------
    >>> true, predicted = clustering_labels(300, 3, reassign=0.0)
    >>> bool(np.array_equal(true, predicted)), np.bincount(true).tolist()
    (True, [100, 100, 100])
    >>> true, predicted = clustering_labels(300, 3, reassign=0.5)
    >>> bool(np.mean(true != predicted) <= 0.5)
    True
    """
    n = check_int(n, "n", minimum=1, maximum=MAX_SAMPLES)
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    reassign = _check_fraction(reassign, "reassign")
    rng = check_seed(seed)
    true = rng.permutation(np.arange(n, dtype=np.int64) % n_clusters)
    # Draw the full-length positions and labels whatever `reassign` is, so that
    # the points redrawn at a smaller fraction stay redrawn at a larger one.
    order = rng.permutation(n)
    new_labels = rng.integers(0, n_clusters, size=n, dtype=np.int64)
    chosen = order[: round(reassign * n)]
    predicted = true.copy()
    predicted[chosen] = new_labels[chosen]
    return true, predicted
