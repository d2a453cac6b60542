r"""The four-relationship figure: Pearson :math:`r` misses what mutual information sees.

One source of truth: :func:`relationship_values` computes the numbers, and
both the figure's titles and the chapter's glued values come from it.
:class:`RelationshipGrid` owns the figure and updates its artists in place,
so the live explorer redraws without building
a new figure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from infotheory._validation import check_choice, check_int
from infotheory.discrete import discretize, mutual_information
from infotheory.estimators import ksg_mutual_information, permutation_test
from infotheory.gaussian import informational_correlation
from infotheory.uncertainty import subsample_error

from ..datasets import RELATIONSHIP_NOISE, _check_fraction, relationships
from ._style import MIN_FONT_PT, PALETTE, STYLE

__all__ = [
    "ESTIMATORS",
    "SUPTITLE",
    "RelationshipGrid",
    "estimate_mutual_information",
    "null_bands",
    "relationship_errors",
    "relationship_values",
    "true_correlations",
]

ESTIMATORS = ("plug-in", "miller-madow", "ksg")
ESTIMATOR_NAMES = {"plug-in": "plug-in", "miller-madow": "Miller-Madow", "ksg": "KSG"}
SUPTITLE = "Mutual information of four relationships, against its permutation null"
KSG_NEIGHBOURS = 3
NULL_LEVEL = 0.95

Data = Mapping[str, tuple[np.ndarray, np.ndarray]]


def _check_estimator(estimator: str) -> str:
    return check_choice(estimator, "estimator", ESTIMATORS)


def _binned_statistic(estimator: str, bins: int):
    """MI of already-discretised labels under the chosen correction."""
    correction = "miller-madow" if estimator == "miller-madow" else None

    def statistic(x_labels: np.ndarray, y_labels: np.ndarray) -> float:
        return mutual_information(x_labels, y_labels, correction=correction)

    return statistic


def estimate_mutual_information(
    x: np.ndarray, y: np.ndarray, *, bins: int = 20, estimator: str = "plug-in"
) -> float:
    r"""Mutual information of continuous samples by one of the chapter's estimators.

    ``"plug-in"`` is
    ``mutual_information(discretize(x, bins), discretize(y, bins))`` with
    quantile bins, ``"miller-madow"`` adds the Miller-Madow correction to
    it, and ``"ksg"`` is the Kraskov-Stögbauer-Grassberger estimate with
    :math:`k = 3` on the raw samples (``bins`` is then ignored).

    Parameters
    ----------
    x, y : ndarray of shape (n_samples,)
        Paired continuous samples.
    bins : int, default=20
        Quantile bins per variable for the binned estimators.
    estimator : {"plug-in", "miller-madow", "ksg"}, default="plug-in"

    Returns
    -------
    float
        The estimate in nats.  Miller-Madow and KSG can be slightly
        negative for independent samples.

    Raises
    ------
    ValueError
        If ``estimator`` is unknown or ``bins`` is not an integer >= 1.

    Examples
    --------
    >>> x = np.linspace(-1, 1, 400)
    >>> bool(np.isclose(estimate_mutual_information(x, x, bins=4), np.log(4)))
    True
    """
    _check_estimator(estimator)
    bins = check_int(bins, "bins", minimum=1)
    if estimator == "ksg":
        return float(ksg_mutual_information(x, y, k=KSG_NEIGHBOURS))
    return _binned_statistic(estimator, bins)(discretize(x, bins), discretize(y, bins))


def relationship_values(
    data: Data, *, bins: int = 20, estimator: str = "plug-in"
) -> dict[str, dict[str, float]]:
    r"""Pearson :math:`r`, Linfoot's :math:`r_I` and MI of each relationship.

    For each ``(x, y)`` pair, ``r`` is the Pearson correlation, ``mi`` the
    mutual information in nats from :func:`estimate_mutual_information`, and
    ``r_I`` Linfoot's informational correlation
    :math:`r_I = \sqrt{1 - e^{-2 I}}`, which equals :math:`|r|` for a
    bivariate Gaussian.  A negative estimate (Miller-Madow, KSG) gives
    :math:`r_I = 0`.

    The figure's titles show the ``mi`` (to two decimals), and the chapter
    glues these same values.

    Parameters
    ----------
    data : mapping of str to (x, y)
        As returned by :func:`mibook.datasets.relationships`.
    bins : int, default=20
        Quantile bins per variable (ignored by ``"ksg"``).
    estimator : {"plug-in", "miller-madow", "ksg"}, default="plug-in"

    Returns
    -------
    dict of str to dict
        ``{name: {"r": float, "r_I": float, "mi": float}}`` in the order of
        ``data``.

    Raises
    ------
    ValueError
        If ``estimator`` is unknown or ``bins`` is not an integer >= 1.

    Examples
    --------
    >>> from mibook.datasets import relationships
    >>> values = relationship_values(relationships(1000, noise=0.0))
    >>> round(values["Linear"]["r"], 12)
    1.0
    >>> bool(np.isclose(values["Linear"]["mi"], np.log(20)))
    True
    >>> abs(values["Quadratic"]["r"]) < 0.2 < values["Quadratic"]["mi"]
    True
    """
    _check_estimator(estimator)
    bins = check_int(bins, "bins", minimum=1)
    values = {}
    for name, (x, y) in data.items():
        mi = estimate_mutual_information(x, y, bins=bins, estimator=estimator)
        values[name] = {
            "r": float(np.corrcoef(x, y)[0, 1]),
            "r_I": float(informational_correlation(max(mi, 0.0))),
            "mi": mi,
        }
    return values


def true_correlations(*, noise: float = 1.0) -> dict[str, float]:
    r"""Population Pearson correlation of each of the four relationships.

    With :math:`X \sim N(0, 1)`, noise scales :math:`\sigma` from
    :data:`~mibook.datasets.RELATIONSHIP_NOISE` times ``noise``, and Stein's
    identity :math:`E[X g(X)] = E[g'(X)]`:

    * linear, :math:`Y = 2X + \sigma\varepsilon`: :math:`\rho = 2 / \sqrt{4 + \sigma^2}`;
    * quadratic: :math:`\operatorname{cov}(X, X^2) = E[X^3] = 0`, so :math:`\rho = 0`;
    * sinusoidal, :math:`Y = \sin 3X + \sigma\varepsilon`: :math:`E[X \sin 3X] = 3 e^{-9/2}`
      and :math:`\operatorname{var}(\sin 3X) = (1 - e^{-18}) / 2`, so
      :math:`\rho = 3 e^{-9/2} / \sqrt{(1 - e^{-18}) / 2 + \sigma^2}`;
    * independent: :math:`\rho = 0`.

    Parameters
    ----------
    noise : float, default=1.0
        The noise multiplier :math:`s` of :func:`~mibook.datasets.relationships`.

    Returns
    -------
    dict of str to float
        ``{name: rho}`` in the order of :func:`~mibook.datasets.relationships`.

    Examples
    --------
    >>> rho = true_correlations()
    >>> round(rho["Linear"], 4), round(rho["Sinusoidal"], 4), rho["Quadratic"]
    (0.9701, 0.0454, 0.0)
    """
    s = _check_fraction(noise, "noise", upper=None)  # the same check as the data's
    sigma = {name: scale * s for name, scale in RELATIONSHIP_NOISE.items()}
    sin_var = (1 - np.exp(-18.0)) / 2
    return {
        "Linear": float(2 / np.sqrt(4 + sigma["Linear"] ** 2)),
        "Quadratic": 0.0,
        "Sinusoidal": float(3 * np.exp(-4.5) / np.sqrt(sin_var + sigma["Sinusoidal"] ** 2)),
        "Independent": 0.0,
    }


def _pearson_r(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def _ksg_r_i(x: np.ndarray, y: np.ndarray) -> float:
    return float(informational_correlation(max(ksg_mutual_information(x, y, k=KSG_NEIGHBOURS), 0)))


def relationship_errors(
    data: Data, *, bins: int = 20, n_repeats: int = 10, seed: int = 0
) -> dict[str, dict[str, float]]:
    r"""Standard errors of Pearson :math:`r`, the plug-in and KSG MI, and KSG's :math:`r_I`.

    Each is :func:`infotheory.subsample_error` of the statistic (the
    subsampling method of Holmes and Nemenman: the spread of the estimate on
    disjoint halves, thirds, quarters and fifths of the data, scaled to
    :math:`n` by :math:`\mathrm{var} \propto 1/n`), with the same ``seed``
    for every statistic and pair.  The standard error covers the estimate's
    spread, not its bias.

    Subsampling assumes that the variance falls like :math:`1/n`.  Under
    independence the plug-in estimate's falls faster (its null distribution
    is about :math:`\chi^2/(2n)`), so there its error comes out too wide: an
    independent pair is judged by its permutation null (:func:`null_bands`).

    Parameters
    ----------
    data : mapping of str to (x, y)
        As returned by :func:`mibook.datasets.relationships`.
    bins : int, default=20
        Quantile bins per variable of the plug-in estimate.
    n_repeats : int, default=10
        Random splits per number of parts (``subsample_error``).
    seed : int, default=0
        Seed of the splits.

    Returns
    -------
    dict of str to dict
        ``{name: {"r": se, "mi": se, "ksg": se, "r_I_ksg": se}}``, where
        ``"mi"`` is the plug-in MI with ``bins`` quantile bins (nats),
        ``"ksg"`` the KSG MI with :math:`k = 3` (nats) and ``"r_I_ksg"``
        Linfoot's :math:`r_I` of the KSG estimate.

    Raises
    ------
    ValueError
        If ``bins``, ``n_repeats`` or ``seed`` is out of range (the message
        names it).

    Examples
    --------
    >>> from mibook.datasets import relationships
    >>> errors = relationship_errors(relationships(400), n_repeats=2)
    >>> list(errors["Linear"])
    ['r', 'mi', 'ksg', 'r_I_ksg']
    >>> 0 < errors["Linear"]["r"] < 0.05
    True
    """
    bins = check_int(bins, "bins", minimum=1)
    n_repeats = check_int(n_repeats, "n_repeats", minimum=1)
    seed = check_int(seed, "seed", minimum=0)
    statistics = {
        "r": _pearson_r,
        "mi": lambda x, y: estimate_mutual_information(x, y, bins=bins),
        "ksg": lambda x, y: estimate_mutual_information(x, y, estimator="ksg"),
        "r_I_ksg": _ksg_r_i,
    }
    return {
        name: {
            key: subsample_error(statistic, x, y, n_repeats=n_repeats, seed=seed).std_error
            for key, statistic in statistics.items()
        }
        for name, (x, y) in data.items()
    }


def null_bands(
    data: Data,
    *,
    bins: int = 20,
    estimator: str = "plug-in",
    n_permutations: int = 1000,
    seed: int | np.random.Generator | None = 0,
) -> dict[str, tuple[float, float]]:
    r"""Central 95% band of each relationship's permutation null distribution.

    Shuffling ``y`` against ``x`` keeps both margins and destroys any
    dependence; the band holds the middle 95% of the estimates over
    ``n_permutations`` shuffles (:func:`infotheory.estimators.permutation_test`),
    so an observed MI inside it is what independent data of this size would
    give.  Binned estimators shuffle the discretised labels.

    With quantile bins the margins are the same whatever the noise level, so
    the band of a binned estimator depends only on ``n`` and ``bins``.

    Parameters
    ----------
    data : mapping of str to (x, y)
        As returned by :func:`mibook.datasets.relationships`.
    bins : int, default=20
        Quantile bins per variable (ignored by ``"ksg"``).
    estimator : {"plug-in", "miller-madow", "ksg"}, default="plug-in"
        ``"ksg"`` is about a hundred times slower per shuffle.
    n_permutations : int, default=1000
        Shuffles per relationship, at least 1.
    seed : int, Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`; each relationship gets
        its own child stream.

    Returns
    -------
    dict of str to (float, float)
        ``{name: (low, high)}``: the 2.5% and 97.5% quantiles of the null, nats.

    Raises
    ------
    ValueError
        If ``estimator`` is unknown, ``bins`` or ``n_permutations`` is not a
        positive integer.

    Examples
    --------
    >>> from mibook.datasets import relationships
    >>> data = relationships(1000)
    >>> bands = null_bands(data, n_permutations=200)
    >>> low, high = bands["Independent"]
    >>> bool(low <= relationship_values(data)["Independent"]["mi"] <= high)
    True
    >>> bool(relationship_values(data)["Quadratic"]["mi"] > bands["Quadratic"][1])
    True
    """
    _check_estimator(estimator)
    bins = check_int(bins, "bins", minimum=1)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    streams = np.random.default_rng(seed).spawn(len(data))
    tail = 100 * (1 - NULL_LEVEL) / 2
    bands = {}
    for (name, (x, y)), rng in zip(data.items(), streams, strict=True):
        if estimator == "ksg":
            result = permutation_test(
                x, y, n_permutations=n_permutations, seed=rng, statistic=ksg_mutual_information
            )
        else:
            result = permutation_test(
                discretize(x, bins),
                discretize(y, bins),
                n_permutations=n_permutations,
                seed=rng,
                # None selects the vectorised plug-in null, one bincount per block.
                statistic=None if estimator == "plug-in" else _binned_statistic(estimator, bins),
            )
        low, high = np.percentile(result.null_distribution, [tail, 100 - tail])
        bands[name] = (float(low), float(high))
    return bands


def _y_limits(y: np.ndarray, *more: np.ndarray) -> tuple[float, float]:
    lo = min(float(a.min()) for a in (y, *more))
    hi = max(float(a.max()) for a in (y, *more))
    pad = 0.05 * (hi - lo or 1.0)
    return lo - pad, hi + pad


class RelationshipGrid:
    r"""The four-relationship figure, with artists that :meth:`update` changes in place.

    In a 2 x 2 grid, one scatter plot per relationship of
    :func:`mibook.datasets.relationships`, titled with its MI (nats) from
    :func:`relationship_values` (only the MI: Pearson :math:`r` and
    Linfoot's :math:`r_I` are on other scales, and the page tabulates them
    with their standard errors).  Under each, a thin strip on a shared
    "MI (nats)" axis marks the observed MI (a dot) and, when given, the
    central 95% band of the permutation null (grey).  A line under the
    suptitle states the current bins, noise multiplier and estimator, so
    every frame of an animation names its parameters.

    Parameters
    ----------
    n : int, default=1000
        Samples per relationship.
    seed : int, default=0
        Seed of the data (:func:`~mibook.datasets.relationships`); an
        integer, so that every update reuses the same draws.
    bins : int, default=20
        Quantile bins per variable for the binned estimators.
    noise : float, default=1.0
        Noise multiplier (1.0 = the lesson's noise scales).
    estimator : {"plug-in", "miller-madow", "ksg"}, default="plug-in"
    null_bands : dict of str to (float, float), optional
        Bands from :func:`null_bands` computed for these ``bins`` and
        ``estimator``; ``None`` draws no band.
    values : dict of str to dict, optional
        The :func:`relationship_values` of these settings, already computed
        (e.g. read from :func:`mibook.explorers.relationship_grid`, so the
        figure and the explorers show one computation); ``None`` computes them.
    max_noise : float, optional
        Fix every scatter's limits to cover all noise multipliers up to this
        one, so frames of an animation share their axes.  ``None`` fits the
        limits to the data at each update.
    mi_max : float, optional
        Fix the strips' MI axis to end here, unless an estimate lies beyond
        it (the axis then stretches to show it); ``None`` fits the axis to
        the estimates at each update.
    figsize : (float, float), default=(5.2, 8.6)
        Figure size in inches; the panels sit in a 2 x 2 grid so that the
        figure fits a phone's column (see :mod:`mibook.figures._style`).
    dpi : float, default=100

    Attributes
    ----------
    fig : matplotlib.figure.Figure
        Not registered with pyplot: displaying ``grid.fig`` in a notebook
        shows it once, and nothing else does.
    axes, strip_axes : dict of str to Axes
        Scatter and strip axes by relationship name.
    scatters : dict of str to PathCollection
    titles : dict of str to Text
    markers : dict of str to Line2D
        The observed MI on each strip.
    bands : dict of str to Rectangle
        The null band on each strip (hidden when there is none).
    settings_text : Text
        The line that names the current settings.
    data : dict of str to (x, y)
    values : dict of str to dict
        The current :func:`relationship_values`.
    """

    def __init__(
        self,
        n: int = 1000,
        *,
        seed: int = 0,
        bins: int = 20,
        noise: float = 1.0,
        estimator: str = "plug-in",
        null_bands: Mapping[str, tuple[float, float]] | None = None,
        values: Mapping[str, Mapping[str, float]] | None = None,
        max_noise: float | None = None,
        mi_max: float | None = None,
        figsize: tuple[float, float] = (5.2, 8.6),
        dpi: float = 100,
    ) -> None:
        # An int, not a Generator: every update redraws the same data from it.
        self.n, self.seed = n, check_int(seed, "seed", minimum=0)
        self.bins = check_int(bins, "bins", minimum=1)
        self.estimator = _check_estimator(estimator)
        self.noise = noise
        self.data = relationships(n, noise=noise, seed=seed)
        self.mi_max = mi_max
        self._fixed_ylim = None
        if max_noise is not None:
            low, high = (
                relationships(n, noise=0.0, seed=seed),
                relationships(n, noise=max_noise, seed=seed),
            )
            # Each point moves linearly in the noise multiplier, so the two
            # extremes bound every frame in between.
            self._fixed_ylim = {name: _y_limits(low[name][1], high[name][1]) for name in low}
        self._band_key = self._settings_key() if null_bands is not None else None
        self._bands_values = dict(null_bands) if null_bands is not None else None
        with mpl.rc_context(STYLE):
            self._build(figsize, dpi)
        self.update(values=values)

    def _settings_key(self) -> tuple:
        # A binned estimator's null depends only on the margins, which quantile
        # bins keep fixed as the noise changes; KSG's null moves with the noise.
        noise = self.noise if self.estimator == "ksg" else None
        return (self.estimator, None if self.estimator == "ksg" else self.bins, noise)

    def _build(self, figsize: tuple[float, float], dpi: float) -> None:
        fig = Figure(figsize=figsize, dpi=dpi)
        # Two relationships per row, each a scatter over its MI strip: at 5.2 in wide every
        # text stays legible on a phone (see _style.py).
        columns = 2
        rows = -(-len(self.data) // columns)
        outer = fig.add_gridspec(
            rows, columns, left=0.12, right=0.94, top=0.76, bottom=0.06, wspace=0.5, hspace=0.62
        )
        cells = [
            outer[k // columns, k % columns].subgridspec(2, 1, height_ratios=(5, 1), hspace=0.75)
            for k in range(len(self.data))
        ]
        fig.suptitle(textwrap.fill(SUPTITLE, 46), y=0.99, fontweight="bold")
        self.settings_text = fig.text(0.5, 0.915, "", ha="center", va="top", color="0.15")
        self.axes, self.strip_axes = {}, {}
        self.scatters, self.titles, self.markers, self.bands = {}, {}, {}, {}
        first_strip = None
        for column, (name, (x, y)) in enumerate(self.data.items()):
            ax = fig.add_subplot(cells[column][0])
            self.scatters[name] = ax.scatter(
                x, y, s=4, color=PALETTE["blue"], alpha=0.6, linewidths=0
            )
            ax.set_xlabel("x", labelpad=1)
            ax.set_ylabel("y", labelpad=1)
            pad = 0.05 * float(np.ptp(x))
            ax.set_xlim(float(x.min()) - pad, float(x.max()) + pad)
            self.titles[name] = ax.set_title(
                "", loc="center", linespacing=1.4, fontsize=MIN_FONT_PT
            )
            strip = fig.add_subplot(cells[column][1], sharex=first_strip)
            first_strip = first_strip or strip
            strip.set_yticks([])
            strip.set_ylim(0, 1)
            strip.spines["left"].set_visible(False)
            strip.set_xlabel("MI (nats)", labelpad=1)
            strip.xaxis.set_major_locator(MaxNLocator(4))
            self.bands[name] = strip.axvspan(0, 0, color=PALETTE["grey"], alpha=0.45, lw=0)
            (self.markers[name],) = strip.plot(
                [0], [0.5], "o", color=PALETTE["vermillion"], markersize=6, zorder=3
            )
            self.axes[name], self.strip_axes[name] = ax, strip
        self.fig = fig

    def update(
        self,
        *,
        bins: int | None = None,
        noise: float | None = None,
        estimator: str | None = None,
        null_bands: Mapping[str, tuple[float, float]] | None = None,
        values: Mapping[str, Mapping[str, float]] | None = None,
    ) -> dict[str, dict[str, float]]:
        """Recompute the data and values for new settings and redraw the artists in place.

        Parameters
        ----------
        bins, noise, estimator : optional
            New settings; ``None`` keeps the current one.
        null_bands : dict of str to (float, float), optional
            Bands for the new settings.  Without them, bands computed for
            other bins or another estimator are hidden, since they no
            longer describe the statistic shown.
        values : dict of str to dict, optional
            The :func:`relationship_values` of the new settings, already
            computed (e.g. read from :func:`mibook.explorers.relationship_grid`);
            ``None`` computes them.

        Returns
        -------
        dict of str to dict
            The new :func:`relationship_values`, also kept as ``values``.

        Raises
        ------
        ValueError
            If a setting is invalid; the figure is then left unchanged.
        """
        new_bins = self.bins if bins is None else check_int(bins, "bins", minimum=1)
        new_estimator = self.estimator if estimator is None else _check_estimator(estimator)
        new_noise = self.noise if noise is None else noise
        data = (
            self.data
            if new_noise == self.noise
            else relationships(self.n, noise=new_noise, seed=self.seed)
        )
        self.values = (
            relationship_values(data, bins=new_bins, estimator=new_estimator)
            if values is None
            else {name: dict(v) for name, v in values.items()}
        )
        self.data, self.bins, self.noise, self.estimator = data, new_bins, new_noise, new_estimator
        if null_bands is not None:
            self._bands_values, self._band_key = dict(null_bands), self._settings_key()
        show_bands = self._bands_values is not None and self._band_key == self._settings_key()
        for name, (x, y) in self.data.items():
            self.scatters[name].set_offsets(np.column_stack((x, y)))
            self.axes[name].set_ylim(*(self._fixed_ylim or {}).get(name, _y_limits(y)))
            v = self.values[name]
            self.titles[name].set_text(
                # MI alone, with its unit: Pearson r and r_I live on other scales
                # and, without their standard errors, belong in the page's tables.
                f"{name}\nMI = {v['mi']:.2f} nats"
            )
            self.markers[name].set_xdata([v["mi"]])
            band = self.bands[name]
            band.set_visible(show_bands)
            if show_bands:
                low, high = self._bands_values[name]
                band.set_x(low)
                band.set_width(high - low)
        self._set_mi_limits(show_bands)
        self.settings_text.set_text(self._describe(show_bands))
        return self.values

    def _set_mi_limits(self, show_bands: bool) -> None:
        mis = [v["mi"] for v in self.values.values()]
        if show_bands:
            mis += [high for _, high in self._bands_values.values()]
        largest = max(mis)
        if self.mi_max is not None and largest <= 0.97 * self.mi_max:
            top = self.mi_max
        else:
            top = 1.1 * max(largest, 0.05)
        # A fixed margin below 0 leaves room for small negative estimates
        # (Miller-Madow, KSG) without moving the axis as they come and go.
        bottom = -0.05 * top if min(mis) >= -0.03 * top else min(mis) - 0.05 * top
        next(iter(self.strip_axes.values())).set_xlim(bottom, top)

    def _describe(self, show_bands: bool) -> str:
        if self.estimator == "ksg":
            method = f"KSG estimator (k = {KSG_NEIGHBOURS}, no bins)"
        else:
            method = f"{self.bins} quantile bins per axis, {ESTIMATOR_NAMES[self.estimator]} MI"
        # One short line each, so that the text fits the narrow figure at a legible size.
        text = f"{method}\nnoise \N{MULTIPLICATION SIGN} {self.noise:g}   ·   n = {self.n}"
        if show_bands:
            text += "\ndot: estimate, grey: central 95% of its permutation null"
        return text
