"""Live explorers for the notebook: sliders that redraw a figure in place.

Each explorer owns one figure and, on every change, updates its existing
artists and sends a fresh PNG to an :class:`ipywidgets.Image`.  That works
with the default inline backend in JupyterLab and classic Notebook, with no
``ipympl``.  The callbacks are ordinary methods, so tests (and readers) can
call them without a browser.  Nothing is computed at import time.

Given a precomputed grid from :mod:`mibook.explorers` (the one the page's
kernel-free explorer draws), an explorer reads the numbers of every setting on
that grid from it, so the notebook and the static page show the same values;
any other setting (any noise or fraction between the grid's steps, any ``n``)
is computed live, by the same functions the grid was built with.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
import PIL.Image
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .explorers import ClusteringGrid
from .explorers import RelationshipGrid as ExplorerGrid
from .figures.clustering import ClusteringChart, clustering_comparison
from .figures.relationships import RelationshipGrid

__all__ = [
    "ClusteringExplorer",
    "RelationshipExplorer",
    "clustering_explorer",
    "relationship_explorer",
]

#: The explorer's MI axis spans every binned estimate its sliders reach (at
#: most log 60 nats), so dragging them never rescales it.
EXPLORER_MI_AXIS = float(np.ceil(10 * np.log(60) * 1.05) / 10)
_SLIDER_LAYOUT = {"width": "380px"}
_SLIDER_STYLE = {"description_width": "110px"}


class _PngRenderer:
    """Render a figure to PNG bytes, repainting only the artists that change.

    Ticks and tick labels take most of a full draw.  While every axis keeps
    its limits, the rest of the figure is pasted from a saved background and
    only ``artists`` are drawn over it; a change of limits (or no
    ``artists``) falls back to a full draw, which also refreshes the
    background.
    """

    def __init__(self, fig: Figure, artists: Callable[[], list[Artist]] | None = None) -> None:
        self.fig, self.artists = fig, artists
        FigureCanvasAgg(fig)
        self._background, self._key = None, None

    def _layout_key(self) -> tuple:
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.fig.axes)
        return (*limits, tuple(self.fig.get_size_inches()), self.fig.dpi)

    def render(self) -> bytes:
        canvas = self.fig.canvas
        if self.artists is None:
            canvas.draw()
        else:
            artists, key = self.artists(), self._layout_key()
            if key == self._key:
                canvas.restore_region(self._background)
            else:
                for artist in artists:
                    artist.set_animated(True)
                try:
                    canvas.draw()
                finally:
                    for artist in artists:
                        artist.set_animated(False)
                self._background, self._key = canvas.copy_from_bbox(self.fig.bbox), key
            for artist in artists:
                self.fig.draw_artist(artist)
        width, height = canvas.get_width_height(physical=True)
        image = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw")
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", compress_level=3)
        return buffer.getvalue()


class _Explorer:
    """Shared display plumbing: the notebook shows ``widget``."""

    widget: widgets.Widget

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class RelationshipExplorer(_Explorer):
    """Bins, noise and estimator controls over one :class:`RelationshipGrid`.

    Parameters
    ----------
    n : int, default=1000
        Samples per relationship.
    seed : int, default=0
        Seed of the data.
    dpi : float, default=72
        Resolution of the PNG sent to the notebook.
    grid : mibook.explorers.RelationshipGrid, optional
        Precomputed values for the same ``n`` and ``seed``: settings on it are
        read from it (with its permutation-null band for the binned
        estimators), others computed live.

    Attributes
    ----------
    widget : ipywidgets.VBox
        What the notebook displays (the explorer itself displays as it).
    grid : RelationshipGrid
        The figure, updated in place.
    bins, noise, estimator : ipywidgets controls
        ``IntSlider`` 2-60, ``FloatSlider`` 0-3 (noise multiplier) and
        ``ToggleButtons`` (plug-in, Miller-Madow, KSG).  The bins slider is
        disabled for KSG, which does not bin.
    image : ipywidgets.Image
        The rendered figure.
    """

    def __init__(
        self, n: int = 1000, *, seed: int = 0, dpi: float = 72, grid: ExplorerGrid | None = None
    ) -> None:
        if grid is not None and (grid.n, grid.seed) != (n, seed):
            raise ValueError(
                f"grid must be computed for n={n}, seed={seed}; got n={grid.n}, seed={grid.seed}"
            )
        self.values_grid = grid
        self.grid = RelationshipGrid(n, seed=seed, max_noise=3.0, mi_max=EXPLORER_MI_AXIS, dpi=dpi)
        self._renderer = _PngRenderer(self.grid.fig, self._changing_artists)
        self.bins = widgets.IntSlider(
            value=self.grid.bins,
            min=2,
            max=60,
            description="bins per axis",
            layout=_SLIDER_LAYOUT,
            style=_SLIDER_STYLE,
        )
        self.noise = widgets.FloatSlider(
            value=self.grid.noise,
            min=0.0,
            max=3.0,
            step=0.05,
            description="noise \N{MULTIPLICATION SIGN}",
            readout_format=".2f",
            layout=_SLIDER_LAYOUT,
            style=_SLIDER_STYLE,
        )
        self.estimator = widgets.ToggleButtons(
            options=[("Plug-in", "plug-in"), ("Miller-Madow", "miller-madow"), ("KSG", "ksg")],
            value=self.grid.estimator,
            description="estimator",
            style=_SLIDER_STYLE,
        )
        self.image = widgets.Image(
            value=self._renderer.render(), format="png", layout={"max_width": "100%"}
        )
        for control in (self.bins, self.noise, self.estimator):
            control.observe(self.on_change, names="value")
        self.widget = widgets.VBox(
            [widgets.HBox([self.bins, self.noise]), self.estimator, self.image]
        )

    def on_change(self, change: dict | None = None) -> dict[str, dict[str, float]]:
        """Redraw for the controls' current values (the observer of every control).

        Returns
        -------
        dict of str to dict
            The grid's new :func:`~mibook.figures.relationships.relationship_values`.
        """
        self.bins.disabled = self.estimator.value == "ksg"
        settings = {
            "bins": self.bins.value,
            "noise": self.noise.value,
            "estimator": self.estimator.value,
        }
        known, bands = None, None
        grid = self.values_grid
        if grid is not None and grid.covers(n=self.grid.n, seed=self.grid.seed, **settings):
            known = grid.values(**settings)
            band = grid.band(bins=settings["bins"], estimator=settings["estimator"])
            bands = None if band is None else dict.fromkeys(known, band)
        values = self.grid.update(**settings, null_bands=bands, values=known)
        self.image.value = self._renderer.render()
        return values

    def _changing_artists(self) -> list[Artist]:
        grid = self.grid
        return [
            grid.settings_text,
            *grid.titles.values(),
            *grid.scatters.values(),
            *grid.bands.values(),
            *grid.markers.values(),
        ]


class ClusteringExplorer(_Explorer):
    """Sliders over the clustering comparison, with a bar chart and a table of scores.

    Parameters
    ----------
    n : int, default=300
        Number of points.
    seed : int, default=0
    dpi : float, default=72
        Resolution of the PNG sent to the notebook.
    grid : mibook.explorers.ClusteringGrid, optional
        Precomputed scores for the same ``n`` and ``seed``: settings on it are
        read from it, others computed live.

    Attributes
    ----------
    widget : ipywidgets.VBox
    chart : ClusteringChart
        Updated in place.
    reassign : ipywidgets.FloatSlider
        Fraction of labels redrawn in the near-perfect clustering, 0-1.
    n_clusters : ipywidgets.IntSlider
        Number of clusters, 2-20.
    table : ipywidgets.HTML
        The scores to three decimals.
    image : ipywidgets.Image
    scores : dict of str to dict
        The current :func:`~mibook.figures.clustering.clustering_comparison`.
    """

    def __init__(
        self, n: int = 300, *, seed: int = 0, dpi: float = 72, grid: ClusteringGrid | None = None
    ) -> None:
        if grid is not None and (grid.n, grid.seed) != (n, seed):
            raise ValueError(
                f"grid must be computed for n={n}, seed={seed}; got n={grid.n}, seed={grid.seed}"
            )
        self.n, self.seed, self.values_grid = n, seed, grid
        self.reassign = widgets.FloatSlider(
            value=0.05,
            min=0.0,
            max=1.0,
            step=0.01,
            description="reassigned",
            readout_format=".0%",
            layout=_SLIDER_LAYOUT,
            style=_SLIDER_STYLE,
        )
        self.n_clusters = widgets.IntSlider(
            value=3,
            min=2,
            max=20,
            description="clusters",
            layout=_SLIDER_LAYOUT,
            style=_SLIDER_STYLE,
        )
        self.scores = self._compute()
        self.chart = ClusteringChart(self.scores, title=self._title(), dpi=dpi)
        self._renderer = _PngRenderer(self.chart.fig)
        self.table = widgets.HTML(_scores_table(self.scores))
        self.image = widgets.Image(
            value=self._renderer.render(), format="png", layout={"max_width": "100%"}
        )
        for control in (self.reassign, self.n_clusters):
            control.observe(self.on_change, names="value")
        self.widget = widgets.VBox(
            [widgets.HBox([self.reassign, self.n_clusters]), self.image, self.table]
        )

    def _compute(self) -> dict[str, dict[str, float]]:
        settings = {"reassign": self.reassign.value, "n_clusters": self.n_clusters.value}
        grid = self.values_grid
        if grid is not None and grid.covers(n=self.n, seed=self.seed, **settings):
            return grid.comparison(**settings)
        return clustering_comparison(
            self.n, self.n_clusters.value, reassign=self.reassign.value, seed=self.seed
        )

    def _title(self) -> str:
        return (
            f"{self.n} points, {self.n_clusters.value} clusters; "
            f"near-perfect: {self.reassign.value:.0%} of labels reassigned"
        )

    def on_change(self, change: dict | None = None) -> dict[str, dict[str, float]]:
        """Recompute the scores for the sliders' values and redraw (the sliders' observer).

        Returns
        -------
        dict of str to dict
            The new scores, also kept as ``scores``.
        """
        self.scores = self._compute()
        self.chart.update(self.scores, title=self._title())
        self.table.value = _scores_table(self.scores)
        self.image.value = self._renderer.render()
        return self.scores


def _scores_table(scores: dict[str, dict[str, float]]) -> str:
    names = list(next(iter(scores.values())))
    head = "".join(f"<th>{html.escape(name)}</th>" for name in names)
    rows = "".join(
        f"<tr><th>{html.escape(group)}</th>"
        + "".join(f"<td>{values[name]:.3f}</td>" for name in names)
        + "</tr>"
        for group, values in scores.items()
    )
    return f"<table><thead><tr><th>clustering</th>{head}</tr></thead><tbody>{rows}</tbody></table>"


def relationship_explorer(
    n: int = 1000, *, seed: int = 0, grid: ExplorerGrid | None = None
) -> RelationshipExplorer:
    """A live explorer of the four relationships: bins, noise and estimator.

    Parameters
    ----------
    n : int, default=1000
        Samples per relationship.
    seed : int, default=0
    grid : mibook.explorers.RelationshipGrid, optional
        Precomputed values (see :class:`RelationshipExplorer`).

    Returns
    -------
    RelationshipExplorer
        Displays as its ``widget`` when it ends a notebook cell; its
        ``on_change`` redraws for the controls' values.
    """
    return RelationshipExplorer(n, seed=seed, grid=grid)


def clustering_explorer(
    *, n: int = 300, seed: int = 0, grid: ClusteringGrid | None = None
) -> ClusteringExplorer:
    """A live explorer of NMI (every normalisation) and AMI as a clustering degrades.

    Parameters
    ----------
    n : int, default=300
        Number of points.
    seed : int, default=0
    grid : mibook.explorers.ClusteringGrid, optional
        Precomputed scores (see :class:`ClusteringExplorer`).

    Returns
    -------
    ClusteringExplorer
        Displays as its ``widget`` when it ends a notebook cell.
    """
    return ClusteringExplorer(n, seed=seed, grid=grid)
