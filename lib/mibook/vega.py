r"""Kernel-free explorers: Vega-Lite 5 specifications of the precomputed grids.

Each builder turns a grid of :mod:`mibook.explorers` into a Vega-Lite 5
specification (built with Vega-Altair) whose sliders and radio buttons are
Vega params.  The browser only *selects* a row of the inline data and draws
it: every number shown is formatted here, in Python, as a string (with the
Unicode minus sign U+2212, as the book's figures print negatives), and every
coordinate is rounded (3 significant digits for points, 4 decimals for
estimates), so the output is deterministic to the last character and a
last-digit change of the CPU's arithmetic cannot show.

An :class:`Explorer` displays in a notebook as
``application/vnd.vegalite.v5+json`` plus ``text/plain`` and nothing else:
JupyterLab 4 draws that mime type with its built-in, offline Vega renderer,
and the book's myst-nb plugin (:mod:`mibook.vega_renderer`) writes the
chart, its data and a loader for the vendored Vega scripts into the page.

Conventions the loader relies on (``usermeta.explorer``):

* the top level is a ``concat``; the page picks the first entry of
  ``columns`` whose panels fit the text column at no less than ``minWidth``
  px each (plus ``overhead`` px of axes per panel), and gives every view
  whose ``width`` (or ``height``) is ``panelWidth`` the width that fills
  the column, up to ``panelWidth``: the panels reflow on a phone instead of
  overflowing, and are never scaled, so their text keeps its size;
* text marks whose view name starts with ``live_`` are read, in document
  order, into an ``aria-live`` summary for screen readers after every
  change.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import numpy as np

from .explorers import ClusteringGrid, GaussianGrid, RelationshipGrid
from .figures._style import PALETTE
from .figures.clustering import SCORE_COLOURS
from .figures.relationships import KSG_NEIGHBOURS, NULL_LEVEL

__all__ = [
    "VEGALITE_MIME",
    "Explorer",
    "clustering_explorer",
    "clustering_spec",
    "format_number",
    "gaussian_explorer",
    "gaussian_spec",
    "relationship_explorer",
    "relationship_spec",
]

#: The mime type JupyterLab 4.6 draws offline (Altair 5 emits it; Altair 6's v6 key it does not).
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
MINUS = "\N{MINUS SIGN}"
FONT_SIZE = 12
SMALL_FONT_SIZE = 11
_CONFIG = {
    "font": "sans-serif",
    "background": "white",
    "axis": {"labelFontSize": SMALL_FONT_SIZE, "titleFontSize": FONT_SIZE, "labelColor": "#222"},
    "header": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE},
    "legend": {"labelFontSize": SMALL_FONT_SIZE, "titleFontSize": SMALL_FONT_SIZE},
    "title": {"fontSize": FONT_SIZE + 1, "color": "#111"},
    "text": {"fontSize": FONT_SIZE, "color": "#111"},
    "concat": {"spacing": 12},
    "view": {"stroke": "#bbb"},
}


def format_number(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` decimals, with U+2212 for a minus and no ``-0.000``.

    Examples
    --------
    >>> format_number(-0.0123), format_number(-0.0001), format_number(2.5, 1)
    ('−0.012', '0.000', '2.5')
    """
    text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = text[1:] if float(text[1:]) == 0 else MINUS + text[1:]
    return text


def _sig(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant digits (a short, exact JSON number)."""
    return float(f"{value:.{digits}g}")


def _round(value: float, decimals: int = 4) -> float:
    return round(float(value), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0


def _slider(name: str, value: float, axis: np.ndarray, label: str) -> alt.Parameter:
    """A Vega param bound to a range input over a grid axis (every integer for an int axis)."""
    if np.asarray(axis).dtype.kind in "iu":
        low, high, step = int(axis.min()), int(axis.max()), 1
    else:
        low, high = float(axis.min()), float(axis.max())
        step = _round(float(axis[1] - axis[0]), 6)
    return alt.param(
        name=name,
        value=value,
        bind=alt.binding_range(min=low, max=high, step=step, name=label),
    )


def _sample_size_radio(value: int, sizes: np.ndarray) -> alt.Parameter:
    """The Vega param ``n``: radio buttons over a grid's sample sizes, labelled 1,000 style."""
    return alt.param(
        name="n",
        value=value,
        bind=alt.binding_radio(
            options=[int(m) for m in sizes],
            labels=[_thousands(int(m)) for m in sizes],
            name="sample size n ",
        ),
    )


def _index_expr(param: str, values: Iterable[float]) -> str:
    """A Vega expression for the index of ``param``'s value on an evenly spaced axis."""
    values = [float(v) for v in values]
    step = (values[-1] - values[0]) / (len(values) - 1) if len(values) > 1 else 1.0
    return f"round(({param} - {values[0]:.10g}) / {step:.10g})"


class Explorer:
    """A Vega-Lite explorer that a notebook displays with no kernel callback.

    Parameters
    ----------
    spec : dict
        A Vega-Lite 5 specification (from one of this module's builders).
    text : str
        What a plain-text front end shows instead.

    Attributes
    ----------
    spec : dict
    text : str
    """

    def __init__(self, spec: dict, text: str) -> None:
        self.spec, self.text = spec, text

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        # Only these two: JupyterLab prefers a JS or HTML fallback to Vega-Lite in one bundle.
        return {VEGALITE_MIME: self.spec, "text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


def _finish(
    chart: alt.TopLevelMixin,
    datasets: dict[str, list],
    *,
    columns: list[int],
    panel_width: int,
    min_width: int | None = None,
    overhead: int = 0,
) -> dict:
    """The chart's dict with its data inline once (top-level ``datasets``) and the page hints."""
    spec = chart.to_dict()
    spec["datasets"] = datasets
    spec["config"] = _CONFIG
    spec["usermeta"] = {
        "explorer": {
            "columns": columns,
            "panelWidth": panel_width,
            "minWidth": panel_width if min_width is None else min_width,
            "overhead": overhead,
        }
    }
    return spec


def _text_view(
    data: alt.Data,
    name: str,
    lines: list[tuple[str, int, bool]],
    *,
    width: int,
    height: int,
    filters: list[str],
    calculate: dict[str, str],
    title=None,
    align: str = "center",
    lookup: tuple[str, str, list[str]] | None = None,
    spoken: str | None = None,
) -> alt.LayerChart:
    """Lines of text from the selected row: ``(field, y in px, bold)`` each."""
    base = alt.Chart(data)
    for expression in filters:
        base = base.transform_filter(expression)
    if lookup is not None:
        key, source, fields = lookup
        base = base.transform_lookup(
            lookup=key, from_=alt.LookupData(data=alt.Data(name=source), key=key, fields=fields)
        )
    if calculate:
        base = base.transform_calculate(**calculate)
    x = width / 2 if align == "center" else 0
    # First, unseen, the panel's name for the aria-live summary (Vega draws a title after it).
    layers = (
        [
            base.transform_calculate(spoken=f"datum.{spoken}")
            .mark_text(opacity=0)
            .encode(text="spoken:N", x=alt.value(0), y=alt.value(0))
            .properties(name=f"live_{name}_name")
        ]
        if spoken
        else []
    )
    layers += [
        base.mark_text(
            align=align,
            baseline="middle",
            fontSize=FONT_SIZE,
            fontWeight="bold" if bold else "normal",
        )
        .encode(text=alt.Text(f"{field}:N"), x=alt.value(x), y=alt.value(y))
        .properties(name=f"live_{name}_{i}")
        for i, (field, y, bold) in enumerate(lines)
    ]
    chart = alt.layer(*layers).properties(
        width=width, height=height, view=alt.ViewConfig(stroke=None)
    )
    if title is not None:
        chart = chart.properties(title=title)
    return chart


# --------------------------------------------------------------------------- relationships


def relationship_spec(
    grid: RelationshipGrid,
    *,
    bins: int = 20,
    noise: float = 1.0,
    estimator: str = "plug-in",
    width: int = 140,
) -> dict:
    r"""The relationship explorer: bins, noise and estimator over the four relationships.

    One panel per relationship: a header with the MI (nats, 3 decimals),
    Pearson :math:`r` and :math:`r_I` (2 decimals, as the figure's titles),
    the scatter of ``grid``'s shown points at the current noise, and a strip
    on a shared, symmetric-log MI axis (so that a null band a few tenths of a
    nat wide stays visible next to estimates of up to log 60 nats) with the
    estimate (dot) and, for the binned
    estimators, the central 95% of the permutation null (grey band).  KSG
    has no band (see :func:`~mibook.explorers.relationship_grid`) and
    ignores the bins slider.

    Parameters
    ----------
    grid : RelationshipGrid
    bins, noise, estimator :
        The initial setting (the chapter's defaults).
    width : int, default=140
        Width of each panel in CSS px.

    Returns
    -------
    dict
        A Vega-Lite 5 specification.
    """
    j_expr = _index_expr("noise", grid.noise)
    names = grid.names
    points = []
    for c, name in enumerate(names):
        for p in range(grid.x.size):
            points.append(
                {
                    "rel": name,
                    "x": _sig(grid.x[p]),
                    "ys": [_sig(v) for v in grid.y[:, c, p]],
                }
            )
    rows = []
    for c, name in enumerate(names):
        for estimator_key in ("plug-in", "miller-madow", "ksg"):
            bin_axis = [0] if estimator_key == "ksg" else list(range(grid.bins.size))
            for i in bin_axis:
                mi = (
                    grid.mi[estimator_key][:, c]
                    if estimator_key == "ksg"
                    else grid.mi[estimator_key][i, :, c]
                )
                r_i = (
                    grid.r_I[estimator_key][:, c]
                    if estimator_key == "ksg"
                    else grid.r_I[estimator_key][i, :, c]
                )
                row = {
                    "rel": name,
                    "e": estimator_key,
                    "b": 0 if estimator_key == "ksg" else int(grid.bins[i]),
                    "mi": [_round(v, 3) for v in mi],
                    "mt": [format_number(v) for v in mi],
                    "ri": [format_number(v, 2) for v in r_i],
                }
                if estimator_key != "ksg":
                    low, high = grid.bands[estimator_key][i]
                    row["lo"], row["hi"] = _round(low), _round(high)
                rows.append(row)
    pearson = [
        {"rel": name, "rt": [format_number(v, 2) for v in grid.r[:, c]]}
        for c, name in enumerate(names)
    ]
    datasets = {"points": points, "values": rows, "pearson": pearson}
    points_data, values_data = alt.Data(name="points"), alt.Data(name="values")
    all_mi = np.concatenate([v.ravel() for v in grid.mi.values()] + [grid.bands["plug-in"].ravel()])
    mi_domain = [_round(min(-0.01, 1.05 * all_mi.min()), 2), _round(1.05 * all_mi.max(), 2)]
    x_pad = 0.05 * float(np.ptp(grid.x))
    x_domain = [_sig(grid.x.min() - x_pad), _sig(grid.x.max() + x_pad)]

    bins_param = _slider("bins", bins, grid.bins, "bins per axis ")
    noise_param = _slider("noise", noise, grid.noise, "noise \N{MULTIPLICATION SIGN} ")
    estimator_param = alt.param(
        name="estimator",
        value=estimator,
        bind=alt.binding_radio(
            options=["plug-in", "miller-madow", "ksg"],
            labels=["plug-in", "Miller-Madow", f"KSG (k = {KSG_NEIGHBOURS})"],
            name="estimator ",
        ),
    )
    selected = "datum.e == estimator && (datum.e == 'ksg' || datum.b == bins)"
    panels = []
    for c, name in enumerate(names):
        rel = f"datum.rel == '{name}'"
        header = _text_view(
            values_data,
            f"r{c}",
            [("l1", 8, False), ("l2", 24, False), ("l3", 40, False)],
            width=width,
            height=48,
            align="left",
            filters=[rel, selected],
            calculate={
                "l1": f"'MI = ' + datum.mt[{j_expr}] + ' nats'",
                "l2": f"'r = ' + datum.rt[{j_expr}]",
                "l3": f"'r_I = ' + datum.ri[{j_expr}]",
            },
            lookup=("rel", "pearson", ["rt"]),
            spoken="rel",
            title=alt.TitleParams(name, fontSize=FONT_SIZE + 1),
        )
        y_all = grid.y[:, c, :]
        y_pad = 0.05 * float(y_all.max() - y_all.min() or 1.0)
        scatter = (
            alt.Chart(points_data)
            .transform_filter(rel)
            .transform_calculate(y=f"datum.ys[{j_expr}]")
            .mark_circle(size=10, opacity=0.55, color=PALETTE["blue"])
            .encode(
                x=alt.X(
                    "x:Q",
                    scale=alt.Scale(domain=x_domain, nice=False),
                    axis=alt.Axis(labels=False, ticks=False, grid=False, title="x"),
                ),
                y=alt.Y(
                    "y:Q",
                    scale=alt.Scale(
                        domain=[_sig(y_all.min() - y_pad), _sig(y_all.max() + y_pad)], nice=False
                    ),
                    axis=alt.Axis(labels=False, ticks=False, grid=False, title="y", titlePadding=2),
                ),
            )
            .properties(width=width, height=width)
        )
        strip_base = alt.Chart(values_data).transform_filter(rel).transform_filter(selected)
        # A symmetric-log axis: the estimates run from about 0 to log 60 nats, and a linear
        # one would squeeze the null band (about 0.2 nats wide at most) to a pixel.
        mi_scale = alt.Scale(type="symlog", constant=0.05, domain=mi_domain, nice=False)
        mi_axis = alt.Axis(title="MI (nats)", values=[0, 0.2, 1, 4], format=".1~f", grid=False)
        mi_x = alt.X("m:Q", scale=mi_scale, axis=mi_axis)
        band = (
            strip_base.transform_filter("isValid(datum.lo)")
            .mark_rect(color=PALETTE["grey"], opacity=0.6)
            .encode(
                x=alt.X("lo:Q", scale=mi_scale, axis=mi_axis),
                x2="hi:Q",
            )
        )
        dot = (
            strip_base.transform_calculate(m=f"datum.mi[{j_expr}]")
            .mark_point(filled=True, size=60, color=PALETTE["vermillion"], opacity=1)
            .encode(x=mi_x, y=alt.value(9))
        )
        strip = alt.layer(band, dot).properties(width=width, height=18)
        panels.append(alt.vconcat(header, scatter, strip, spacing=4))
    chart = alt.concat(*panels, columns=4).add_params(bins_param, noise_param, estimator_param)
    chart = chart.properties(
        description=(
            "Four scatter plots (linear, quadratic, sinusoidal, independent) with their mutual "
            "information, Pearson r and informational correlation for the chosen bins, noise and "
            "estimator; under each, the estimate against the central "
            f"{NULL_LEVEL:.0%} of its permutation null."
        )
    )
    return _finish(
        chart, datasets, columns=[4, 2, 1], panel_width=width, min_width=100, overhead=40
    )


def relationship_explorer(grid: RelationshipGrid, **kwargs) -> Explorer:
    """:func:`relationship_spec` as an :class:`Explorer` (what a notebook cell displays)."""
    return Explorer(
        relationship_spec(grid, **kwargs),
        f"Relationship explorer (Vega-Lite 5): {grid.bins.size} bin counts x "
        f"{grid.noise.size} noise levels x 3 estimators, n = {grid.n}",
    )


# --------------------------------------------------------------------------- clustering

_SHORT_SCORE = {
    "NMI (arithmetic)": "NMI arith.",
    "NMI (geometric)": "NMI geom.",
    "NMI (max)": "NMI max",
    "NMI (min)": "NMI min",
    "AMI": "AMI",
}


def clustering_spec(
    grid: ClusteringGrid, *, reassign: float = 0.05, n_clusters: int = 3, width: int = 150
) -> dict:
    """The clustering explorer: NMI (every normalisation) and AMI of three clusterings.

    One panel per clustering (perfect, near-perfect, random), one bar per
    score with its value to three decimals; sliders for the fraction of
    labels reassigned in the near-perfect clustering and the number of
    clusters.

    Parameters
    ----------
    grid : ClusteringGrid
    reassign, n_clusters :
        The initial setting.
    width : int, default=150
        Width of each panel's bars in CSS px.

    Returns
    -------
    dict
        A Vega-Lite 5 specification.
    """
    i_expr = _index_expr("reassign", grid.reassign)
    rows = []
    for j, k in enumerate(grid.n_clusters):
        for g, group in enumerate(grid.groups):
            for s, score in enumerate(grid.scores):
                values = grid.values[:, j, g, s]
                rows.append(
                    {
                        "k": int(k),
                        "g": group,
                        "s": _SHORT_SCORE[score],
                        "v": [_round(v) for v in values],
                        "t": [format_number(v) for v in values],
                        "f": score,
                    }
                )
    datasets, data = {"scores": rows}, alt.Data(name="scores")
    reassign_param = _slider("reassign", reassign, grid.reassign, "fraction reassigned ")
    clusters_param = _slider("clusters", n_clusters, grid.n_clusters, "clusters ")
    order = [_SHORT_SCORE[s] for s in grid.scores]
    colours = [PALETTE[SCORE_COLOURS[s]] for s in grid.scores]
    low = min(-0.05, _round(1.1 * float(grid.values.min()), 2))
    panels = []
    for g, group in enumerate(grid.groups):
        base = (
            alt.Chart(data)
            .transform_filter(f"datum.g == '{group}' && datum.k == clusters")
            .transform_calculate(
                # New fields: Vega's formula writes into the shared source rows, so overwriting
                # "v" or "t" would leave a number where the next step looks up an array.
                spoken=f"'{group}, ' + datum.f + ': ' + datum.t[{i_expr}]",
                value=f"datum.v[{i_expr}]",
                label=f"datum.t[{i_expr}]",
            )
        )
        y = alt.Y("s:N", sort=order, axis=alt.Axis(title=None, labelFontSize=SMALL_FONT_SIZE))
        x = alt.X(
            "value:Q",
            scale=alt.Scale(domain=[low, 1.3], nice=False),
            axis=alt.Axis(title="score", values=[0, 0.5, 1], grid=True),
        )
        bars = base.mark_bar().encode(
            x=x,
            y=y,
            color=alt.Color("s:N", scale=alt.Scale(domain=order, range=colours), legend=None),
        )
        labels = base.mark_text(align="left", dx=3, fontSize=SMALL_FONT_SIZE).encode(
            x=x, y=y, text="label:N"
        )
        spoken = (
            base.mark_text(opacity=0)
            .encode(x=alt.value(0), y=y, text="spoken:N")
            .properties(name=f"live_c{g}")
        )
        panels.append(
            alt.layer(bars, labels, spoken).properties(width=width, height=120, title=group)
        )
    chart = alt.concat(*panels, columns=3).add_params(reassign_param, clusters_param)
    chart = chart.properties(
        description=(
            f"Bar charts of NMI under four normalisations and AMI for a perfect, a near-perfect "
            f"and a random clustering of {grid.n} points, for the chosen fraction of reassigned "
            "labels and number of clusters."
        )
    )
    return _finish(
        chart, datasets, columns=[3, 1], panel_width=width, min_width=100, overhead=90
    )


def clustering_explorer(grid: ClusteringGrid, **kwargs) -> Explorer:
    """:func:`clustering_spec` as an :class:`Explorer`."""
    return Explorer(
        clustering_spec(grid, **kwargs),
        f"Clustering explorer (Vega-Lite 5): {grid.reassign.size} fractions x "
        f"{grid.n_clusters.size} cluster counts, n = {grid.n}",
    )


# --------------------------------------------------------------------------- ground truth


def _thousands(n: int) -> str:
    return f"{n:,}"


def gaussian_spec(
    grid: GaussianGrid, *, rho: float = 0.9, n: int = 1000, bins: int = 20, width: int = 260
) -> dict:
    r"""The ground-truth explorer: estimates of a Gaussian pair's MI against the truth.

    Left: the true MI :math:`-\frac12\ln(1-\rho^2)` and the mean plug-in
    (chosen bins), Miller-Madow (same bins) and KSG estimates over every
    correlation of the grid, with bars of one standard deviation over seeds,
    at the chosen sample size.  Right: the numbers at the chosen
    correlation.  Controls: the correlation (slider), ``n`` and the bins
    (radio buttons).

    Parameters
    ----------
    grid : GaussianGrid
    rho, n, bins :
        The initial setting, each on the grid.
    width : int, default=260
        Width of the plot in CSS px.

    Returns
    -------
    dict
        A Vega-Lite 5 specification.
    """
    names = {"plug-in": "plug-in", "miller-madow": "Miller-Madow", "ksg": f"KSG (k = {grid.k})"}
    colours = {
        "truth": PALETTE["black"],
        "plug-in": PALETTE["blue"],
        "miller-madow": PALETTE["orange"],
        "ksg": PALETTE["green"],
    }
    series = ["truth", "plug-in", "miller-madow", "ksg"]
    labels = ["truth", "plug-in", "Miller-Madow", names["ksg"]]
    plot_rows, text_rows = [], []
    for a, m in enumerate(grid.n):
        for i, r in enumerate(grid.rho):
            truth = float(grid.truth[i])
            plot_rows.append(
                {
                    "n": int(m),
                    "b": 0,
                    "s": "truth",
                    "rho": _round(r, 2),
                    "mean": _round(truth),
                    "lo": _round(truth),
                    "hi": _round(truth),
                }
            )
            for key in ("plug-in", "miller-madow", "ksg"):
                bin_axis = [None] if key == "ksg" else list(range(grid.bins.size))
                for j in bin_axis:
                    if key == "ksg":
                        mean, std, b = grid.ksg_mean[a, i], grid.ksg_std[a, i], 0
                    elif key == "plug-in":
                        mean, std, b = (
                            grid.plugin_mean[a, j, i],
                            grid.plugin_std[a, j, i],
                            int(grid.bins[j]),
                        )
                    else:
                        mean, std, b = (
                            grid.mm_mean[a, j, i],
                            grid.mm_std[a, j, i],
                            int(grid.bins[j]),
                        )
                    plot_rows.append(
                        {
                            "n": int(m),
                            "b": b,
                            "s": key,
                            "rho": _round(r, 2),
                            "mean": _round(mean),
                            "lo": _round(mean - std),
                            "hi": _round(mean + std),
                        }
                    )
            for j, b in enumerate(grid.bins):
                estimates = {
                    "plug-in": (grid.plugin_mean[a, j, i], grid.plugin_std[a, j, i]),
                    "miller-madow": (grid.mm_mean[a, j, i], grid.mm_std[a, j, i]),
                    "ksg": (grid.ksg_mean[a, i], grid.ksg_std[a, i]),
                }
                lines = [
                    f"\N{GREEK SMALL LETTER RHO} = {format_number(r, 2)}, n = {_thousands(int(m))}",
                    f"truth: {format_number(truth)} nats",
                ]
                for key, (mean, std) in estimates.items():
                    label = names[key] + (f" ({int(b)} bins)" if key != "ksg" else "")
                    lines.append(
                        f"{label}: {format_number(mean)} \N{PLUS-MINUS SIGN} {format_number(std)}"
                    )
                    lines.append(f"mean \N{MINUS SIGN} truth: {format_number(mean - truth)}")
                for line_no, line in enumerate(lines):
                    text_rows.append({"n": int(m), "b": int(b), "i": i, "o": line_no, "t": line})
    datasets = {"estimates": plot_rows, "numbers": text_rows, "one": [{"z": 0}]}
    plot_data, text_data = alt.Data(name="estimates"), alt.Data(name="numbers")
    rho_param = _slider("rho", rho, grid.rho, "correlation \N{GREEK SMALL LETTER RHO} ")
    n_param = _sample_size_radio(n, grid.n)
    bins_param = alt.param(
        name="bins",
        value=bins,
        bind=alt.binding_radio(
            options=[int(b) for b in grid.bins],
            labels=[str(int(b)) for b in grid.bins],
            name="bins per axis ",
        ),
    )
    top = float(
        max(
            np.max(grid.plugin_mean + grid.plugin_std),
            np.max(grid.mm_mean + grid.mm_std),
            np.max(grid.ksg_mean + grid.ksg_std),
            np.max(grid.truth),
        )
    )
    bottom = float(min(np.min(grid.mm_mean - grid.mm_std), np.min(grid.ksg_mean - grid.ksg_std), 0))
    y_domain = [_round(1.05 * bottom - 0.05, 2), _round(1.05 * top, 2)]
    base = alt.Chart(plot_data).transform_filter(
        "datum.n == n && (datum.b == 0 || datum.b == bins)"
    )
    x = alt.X(
        "rho:Q",
        scale=alt.Scale(domain=[0, 1], nice=False),
        axis=alt.Axis(
            title="correlation \N{GREEK SMALL LETTER RHO}",
            values=[0, 0.2, 0.4, 0.6, 0.8, 1],
            format=".1f",
            grid=False,
        ),
    )
    y = alt.Y(
        "mean:Q",
        scale=alt.Scale(domain=y_domain, nice=False),
        axis=alt.Axis(title="MI (nats)", grid=True, tickCount=5),
    )
    colour = alt.Color(
        "s:N",
        scale=alt.Scale(domain=series, range=[colours[s] for s in series]),
        legend=alt.Legend(
            title=None,
            orient="top",
            columns=2,
            labelExpr=(
                " : ".join(
                    f"datum.value == '{s}' ? '{lab}'" for s, lab in zip(series, labels, strict=True)
                )
                + " : datum.value"
            ),
        ),
    )
    lines = base.mark_line(strokeWidth=1.5).encode(x=x, y=y, color=colour, detail="s:N")
    dots = (
        base.transform_filter("datum.s != 'truth'")
        .mark_point(filled=True, size=30)
        .encode(x=x, y=y, color=colour)
    )
    spread = (
        base.transform_filter("datum.s != 'truth'")
        .mark_rule()
        .encode(
            x=x,
            y=alt.Y("lo:Q", scale=alt.Scale(domain=y_domain, nice=False)),
            y2="hi:Q",
            color=colour,
        )
    )
    rule_data = alt.Data(name="one")
    marker = (
        alt.Chart(rule_data)
        .transform_calculate(rho="rho")
        .mark_rule(color="#777", strokeDash=[4, 3])
        .encode(x=alt.X("rho:Q", scale=alt.Scale(domain=[0, 1], nice=False)))
    )
    plot = alt.layer(marker, lines, spread, dots).properties(width=width, height=220)
    # One text mark per row, stacked by the row's order; the first row (the setting) in bold.
    text_base = alt.Chart(text_data).transform_filter(
        f"datum.n == n && datum.b == bins && datum.i == {_index_expr('rho', grid.rho)}"
    )
    rows_y = alt.Y("o:O", axis=None, scale=alt.Scale(domain=list(range(8)), paddingOuter=0.3))
    numbers = alt.layer(
        *(
            text_base.transform_filter(test)
            .mark_text(align="left", baseline="middle", fontSize=FONT_SIZE, fontWeight=weight)
            .encode(text="t:N", x=alt.value(0), y=rows_y)
            .properties(name=f"live_g{part}")
            for part, (test, weight) in enumerate(
                (("datum.o == 0", "bold"), ("datum.o > 0", "normal"))
            )
        )
    ).properties(width=width, height=170, view=alt.ViewConfig(stroke=None))
    chart = alt.concat(plot, numbers, columns=2).add_params(rho_param, n_param, bins_param)
    chart = chart.properties(
        description=(
            "Mean and spread over seeds of the plug-in, Miller-Madow and KSG estimates of the "
            "mutual information of a bivariate Gaussian against its true value, for the chosen "
            "correlation, sample size and bins."
        )
    )
    return _finish(chart, datasets, columns=[2, 1], panel_width=width, overhead=55)


def gaussian_explorer(grid: GaussianGrid, **kwargs) -> Explorer:
    """:func:`gaussian_spec` as an :class:`Explorer`."""
    return Explorer(
        gaussian_spec(grid, **kwargs),
        f"Ground-truth explorer (Vega-Lite 5): {grid.rho.size} correlations x {grid.n.size} "
        f"sample sizes x {grid.bins.size} bin counts, {grid.n_seeds} seeds",
    )
