r"""The representation-learning page's kernel-free explorer: InfoNCE, DV and NWJ over MI and K.

A Vega-Lite 5 specification (built with Altair, with the helpers and
conventions of :mod:`mibook.vega`) of a :class:`~mibook.variational_grid.VariationalGrid`:
a slider for the true MI (its correlation is Linfoot's
:math:`\rho = \sqrt{1 - e^{-2I}}`) and radio buttons for the batch size
:math:`K`.  Three views: the bounds against :math:`K` at the chosen MI, the
bounds against the true MI at the chosen :math:`K`, and the numbers of the
chosen setting.  Every number shown is formatted here, in Python
(:func:`setting_lines`); the browser only selects rows.
"""

from __future__ import annotations

import altair as alt
import numpy as np

from .figures._style import PALETTE
from .variational_grid import BOUND_NAMES, VariationalGrid
from .vega import (
    FONT_SIZE,
    MINUS,
    Explorer,
    _finish,
    _index_expr,
    _round,
    _slider,
    format_number,
)

__all__ = ["SERIES_COLOURS", "setting_lines", "variational_explorer", "variational_spec"]

#: Colour of each series (Okabe-Ito).
SERIES_COLOURS = {
    "truth": PALETTE["black"],
    "ln K": PALETTE["grey"],
    "infonce": PALETTE["blue"],
    "dv": PALETTE["vermillion"],
    "nwj": PALETTE["green"],
}
_LABELS = {"truth": "true MI", "ln K": "ln K", **BOUND_NAMES}
# Horizontal offsets that keep the three bars of one setting apart (K in octaves, MI in nats).
_K_OFFSET = {"infonce": 0.0, "dv": -0.12, "nwj": 0.12}
_MI_OFFSET = {"infonce": 0.0, "dv": -0.07, "nwj": 0.07}


def setting_lines(cell: dict[str, float], n_batches: int) -> list[str]:
    """The explorer's text for one setting (a :meth:`VariationalGrid.cell`), line by line.

    Examples
    --------
    >>> from mibook.variational_grid import variational_grid
    >>> grid = variational_grid([0.0], [2], n_batches=2)
    >>> setting_lines(grid.cell(rho=0.0, k=2), 2)[:2]
    ['I = 0.000 nats (ρ = 0.0000), K = 2', 'ln K = 0.693 nats']
    """
    lines = [
        f"I = {format_number(cell['truth'])} nats "
        f"(\N{GREEK SMALL LETTER RHO} = {format_number(cell['rho'], 4)}), K = {cell['k']:,}",
        f"ln K = {format_number(cell['log_k'])} nats",
    ]
    for name, label in BOUND_NAMES.items():
        mean, sd = cell[f"{name}_mean"], cell[f"{name}_sd"]
        lines.append(
            f"{label}: {format_number(mean)} \N{PLUS-MINUS SIGN} {format_number(sd)}"
            f" (mean {MINUS} truth {format_number(mean - cell['truth'])})"
        )
    lines.append(f"mean \N{PLUS-MINUS SIGN} sd over {n_batches} batches")
    return lines


def variational_spec(
    grid: VariationalGrid, *, mi: float = 3.0, k: int = 16, width: int = 260
) -> dict:
    r"""The explorer: the three bounds with the optimal critic, over true MI and batch size.

    Left: at the chosen MI, the mean of InfoNCE, DV and NWJ over batches with
    bars of one standard deviation, against :math:`K` (log axis), with the
    truth and the ceiling :math:`\ln K`.  Middle: the same at the chosen
    :math:`K` against the true MI.  Right: the numbers of the chosen setting.
    The y axis is cut at :math:`-1` and 10 nats; marks beyond are clipped
    (DV at the smallest batches, whose upward bias runs to thousands of nats).

    Parameters
    ----------
    grid : VariationalGrid
        Its ``truth`` must be evenly spaced (the slider's steps).
    mi : float, default=3.0
        The initial true MI (nats), on the grid.
    k : int, default=16
        The initial batch size, on the grid.
    width : int, default=260
        Width of each plot in CSS px.

    Returns
    -------
    dict
        A Vega-Lite 5 specification.
    """
    truth = np.round(grid.truth, 10)
    i_expr = _index_expr("mi", truth)
    lines, curve = [], []
    for i in range(grid.rho.size):
        for j, m in enumerate(grid.k):
            cell = grid.cell(rho=float(grid.rho[i]), k=int(m))
            for o, text in enumerate(setting_lines(cell, grid.n_batches)):
                lines.append({"i": i, "k": int(m), "o": o, "t": text})
            for name in BOUND_NAMES:
                mean, sd = grid.mean[name][i, j], grid.sd[name][i, j]
                curve.append(
                    {
                        "i": i,
                        "k": int(m),
                        "s": name,
                        "xk": _round(m * 2.0 ** _K_OFFSET[name], 3),
                        "xi": _round(truth[i] + _MI_OFFSET[name], 3),
                        "mean": _round(mean),
                        "lo": _round(mean - sd),
                        "hi": _round(mean + sd),
                    }
                )
            for name, value in (("truth", truth[i]), ("ln K", np.log(m))):
                curve.append(
                    {
                        "i": i,
                        "k": int(m),
                        "s": name,
                        "xk": int(m),
                        "xi": _round(truth[i], 3),
                        "mean": _round(value),
                        "lo": _round(value),
                        "hi": _round(value),
                    }
                )
    datasets = {"curves": curve, "numbers": lines, "one": [{"z": 0}]}
    data = alt.Data(name="curves")
    mi_param = _slider("mi", mi, truth, "true MI (nats) ")
    k_param = alt.param(
        name="k",
        value=k,
        bind=alt.binding_radio(
            options=[int(m) for m in grid.k],
            labels=[f"{int(m):,}" for m in grid.k],
            name="batch size K ",
        ),
    )
    series = list(SERIES_COLOURS)
    y_domain = [-1.0, 10.0]
    y = alt.Y(
        "mean:Q",
        scale=alt.Scale(domain=y_domain, nice=False, clamp=False),
        axis=alt.Axis(title="nats", grid=True, values=list(range(0, 11, 2))),
    )
    colour = alt.Color(
        "s:N",
        scale=alt.Scale(domain=series, range=[SERIES_COLOURS[s] for s in series]),
        legend=alt.Legend(
            title=None,
            orient="top",
            columns=5,
            labelExpr=" : ".join(f"datum.value == '{s}' ? '{_LABELS[s]}'" for s in series)
            + " : datum.value",
        ),
    )
    dash = alt.StrokeDash(
        "s:N",
        scale=alt.Scale(domain=series, range=[[1, 0], [5, 3], [1, 0], [1, 0], [1, 0]]),
        legend=None,
    )

    def panel(x_field: str, x_scale: alt.Scale, x_axis: alt.Axis, keep: str, marker: str):
        base = alt.Chart(data).transform_filter(keep)
        x = alt.X(f"{x_field}:Q", scale=x_scale, axis=x_axis)
        line = base.mark_line(strokeWidth=1.5, clip=True).encode(
            x=x, y=y, color=colour, strokeDash=dash, detail="s:N"
        )
        bounds = base.transform_filter("datum.s != 'truth' && datum.s != 'ln K'")
        spread = bounds.mark_rule(clip=True).encode(
            x=x,
            y=alt.Y("lo:Q", scale=alt.Scale(domain=y_domain, nice=False)),
            y2="hi:Q",
            color=colour,
        )
        dots = bounds.mark_point(filled=True, size=25, clip=True).encode(x=x, y=y, color=colour)
        rule = (
            alt.Chart(alt.Data(name="one"))
            .transform_calculate(at=marker)
            .mark_rule(color="#777", strokeDash=[4, 3])
            .encode(x=alt.X("at:Q", scale=x_scale))
        )
        return alt.layer(rule, line, spread, dots).properties(width=width, height=220)

    k_min, k_max = int(grid.k.min()), int(grid.k.max())
    by_k = panel(
        "xk",
        alt.Scale(type="log", base=2, domain=[k_min / 1.3, k_max * 1.3], nice=False),
        alt.Axis(title="batch size K", values=[2, 16, 128, 1024], format="d", grid=False),
        f"datum.i == {i_expr}",
        "k",
    ).properties(title="at the chosen true MI")
    by_mi = panel(
        "xi",
        alt.Scale(domain=[-0.2, float(truth.max()) + 0.2], nice=False),
        alt.Axis(title="true MI (nats)", values=list(range(int(truth.max()) + 1)), grid=False),
        "datum.k == k",
        "mi",
    ).properties(title="at the chosen K")
    text_base = alt.Chart(alt.Data(name="numbers")).transform_filter(
        f"datum.k == k && datum.i == {i_expr}"
    )
    n_lines = len(setting_lines(grid.cell(rho=float(grid.rho[0]), k=k_min), grid.n_batches))
    rows_y = alt.Y("o:O", axis=None, scale=alt.Scale(domain=list(range(n_lines)), paddingOuter=0.3))
    numbers = alt.layer(
        *(
            text_base.transform_filter(test)
            .mark_text(align="left", baseline="middle", fontSize=FONT_SIZE, fontWeight=weight)
            .encode(text="t:N", x=alt.value(0), y=rows_y)
            .properties(name=f"live_v{part}")
            for part, (test, weight) in enumerate(
                (("datum.o == 0", "bold"), ("datum.o > 0", "normal"))
            )
        )
    ).properties(width=width, height=150, view=alt.ViewConfig(stroke=None))
    chart = alt.concat(by_k, by_mi, numbers, columns=3).add_params(mi_param, k_param)
    chart = chart.properties(
        description=(
            "Mean and standard deviation over batches of the InfoNCE, Donsker-Varadhan and NWJ "
            "estimates of a bivariate Gaussian's mutual information with the optimal critic, "
            "against the batch size K at the chosen true MI and against the true MI at the "
            "chosen K, with the true MI and the ceiling ln K; and the numbers of the chosen "
            "setting."
        )
    )
    return _finish(chart, datasets, columns=[3, 2, 1], panel_width=width, overhead=55)


def variational_explorer(grid: VariationalGrid, **kwargs) -> Explorer:
    """:func:`variational_spec` as an :class:`~mibook.vega.Explorer` (what a cell displays)."""
    return Explorer(
        variational_spec(grid, **kwargs),
        f"Variational-bounds explorer (Vega-Lite 5): {grid.rho.size} values of the true MI x "
        f"{grid.k.size} batch sizes, {grid.n_batches} batches each",
    )
