r"""The arena explorer: a Vega-Lite 5 specification of :class:`mibook.arena.ArenaGrid`.

Controls: the task (a select list), the sample size (radio buttons) and the
estimator (radio buttons).  Four panels:

* every estimator's mean and standard deviation over seeds at the chosen
  task and ``n``, against the true MI (a dashed line); the chosen estimator
  in vermillion;
* the numbers of that panel, formatted here;
* the chosen estimator's mean and sd at every ``n``, against the truth;
* its error (mean minus truth) and sd at every ``n``, formatted here.

Like the book's other explorers (:mod:`mibook.vega`), the browser only
selects rows of the inline data: every number shown is a string formatted in
Python with :func:`mibook.vega.format_number`, and the text marks whose view
names start with ``live_`` feed the page's ``aria-live`` summary.
"""

from __future__ import annotations

import altair as alt
import numpy as np

from .arena import BINNED, ESTIMATOR_LABELS, ArenaGrid
from .figures._style import PALETTE
from .vega import (
    FONT_SIZE,
    Explorer,
    _finish,
    _round,
    _sample_size_radio,
    _thousands,
    format_number,
)

__all__ = ["SHORT_LABELS", "arena_explorer", "arena_lines", "arena_spec"]

#: Estimator names on the chart's axis (the text panels use the full labels).
SHORT_LABELS = {
    "ksg3": "KSG k=3",
    "ksg10": "KSG k=10",
    "gaussian": "Gaussian",
    "copula": "copula",
    "plug-in": "plug-in",
    "miller-madow": "Miller-Madow",
    "shrinkage": "shrinkage",
}
_LINE = 16  # px between text lines


def _pm(mean: float, sd: float) -> str:
    return f"{format_number(mean)} \u00b1 {format_number(sd)}"


def arena_lines(grid: ArenaGrid, task: str, n: int, estimator: str) -> tuple[list, list]:
    """The two text panels' lines for one setting, exactly as the explorer shows them.

    Returns
    -------
    at_n : list of str
        The task, its true MI and ``n``, then each applicable estimator's
        ``mean ± sd`` at ``n`` (nats, 3 decimals).
    across_n : list of str
        The chosen estimator's label, then ``n = ...: error ± sd`` (mean minus
        truth) at every ``n``, or why it does not apply.

    Examples
    --------
    The browser test builds its expected text with this function from values
    it recomputes with the library; the spec is built from the same lines.
    """
    t = grid.tasks.index(task)
    truth = float(grid.truth[t])
    at_n = [
        grid.names[t],
        f"true MI {format_number(truth)} nats; n = {_thousands(n)}, {len(grid.seeds)} seeds",
    ]
    for key in grid.estimators:
        if grid.applies(task, key):
            mean, sd = grid.stats(task, key, n)
            at_n.append(f"{ESTIMATOR_LABELS[key]}: {_pm(mean, sd)}")
    if not all(grid.applies(task, key) for key in grid.estimators):
        at_n.append("binned estimators: need 1-D X and Y")
    across = [f"{ESTIMATOR_LABELS[estimator]}: mean \u2212 truth \u00b1 sd"]
    if grid.applies(task, estimator):
        for m in grid.n:
            mean, sd = grid.stats(task, estimator, int(m))
            across.append(f"n = {_thousands(int(m))}: {_pm(mean - truth, sd)}")
    else:
        across.append("not defined here: it bins 1-D X and Y")
    return at_n, across


def _text_panel(data_name: str, filters: str, name: str, rows: int, width: int) -> alt.LayerChart:
    """Stacked text lines of the rows passing ``filters``; the first (``o == 0``) in bold."""
    base = alt.Chart(alt.Data(name=data_name)).transform_filter(filters)
    y = alt.Y("o:O", axis=None, scale=alt.Scale(domain=list(range(rows)), paddingOuter=0.3))
    return alt.layer(
        *(
            base.transform_filter(test)
            .mark_text(align="left", baseline="middle", fontSize=FONT_SIZE, fontWeight=weight)
            .encode(text="s:N", x=alt.value(0), y=y)
            .properties(name=f"live_{name}{part}")
            for part, (test, weight) in enumerate(
                (("datum.o == 0", "bold"), ("datum.o > 0", "normal"))
            )
        )
    ).properties(width=width, height=rows * _LINE, view=alt.ViewConfig(stroke=None))


def arena_spec(
    grid: ArenaGrid,
    *,
    task: str | None = None,
    n: int = 1000,
    estimator: str = "ksg3",
    width: int = 250,
) -> dict:
    """The arena explorer's Vega-Lite 5 specification.

    Parameters
    ----------
    grid : ArenaGrid
    task : str, optional
        The initial task's id (default: the grid's first).
    n : int, default=1000
    estimator : str, default="ksg3"
    width : int, default=250
        Width of each panel in CSS px (the loader narrows them on a phone).

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        If the initial setting is not on the grid.
    """
    task = grid.tasks[0] if task is None else task
    t0, _, _ = grid.index(task, estimator, n)
    keys = list(grid.estimators)
    mean, std = grid.mean, grid.std
    plot_rows, truth_rows, at_rows, across_rows = [], [], [], []
    for t, task_id in enumerate(grid.tasks):
        truth_rows.append({"t": t, "v": _round(grid.truth[t])})
        for e, key in enumerate(keys):
            if not grid.applies(task_id, key):
                continue
            for i, m in enumerate(grid.n):
                mu, sd = float(mean[t, e, i]), float(std[t, e, i])
                plot_rows.append(
                    {
                        "t": t,
                        "e": key,
                        "l": SHORT_LABELS[key],
                        "n": int(m),
                        "mean": _round(mu),
                        "lo": _round(mu - sd),
                        "hi": _round(mu + sd),
                    }
                )
        for m in grid.n:
            at_n, _ = arena_lines(grid, task_id, int(m), keys[0])
            at_rows += [{"t": t, "n": int(m), "o": o, "s": s} for o, s in enumerate(at_n)]
        for key in keys:
            _, across = arena_lines(grid, task_id, int(grid.n[0]), key)
            across_rows += [{"t": t, "e": key, "o": o, "s": s} for o, s in enumerate(across)]
    datasets = {"est": plot_rows, "truth": truth_rows, "atn": at_rows, "acrossn": across_rows}

    task_param = alt.param(
        name="task",
        value=t0,
        bind=alt.binding_select(
            options=list(range(len(grid.tasks))), labels=list(grid.names), name="task "
        ),
    )
    n_param = _sample_size_radio(n, grid.n)
    estimator_param = alt.param(
        name="estimator",
        value=estimator,
        bind=alt.binding_radio(
            options=keys, labels=[ESTIMATOR_LABELS[k] for k in keys], name="estimator "
        ),
    )
    est, truth = alt.Data(name="est"), alt.Data(name="truth")
    mi_title = "MI (nats)"
    # Forest: every estimator at the chosen n.
    order = [SHORT_LABELS[k] for k in keys]
    forest_base = alt.Chart(est).transform_filter("datum.t == task && datum.n == n")
    y = alt.Y("l:N", sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(title=None))
    mi_scale = alt.Scale(zero=True)
    mi_axis = alt.Axis(title=mi_title, tickCount=5)
    x = alt.X("mean:Q", scale=mi_scale, axis=mi_axis)
    chosen = alt.condition(
        "datum.e == estimator", alt.value(PALETTE["vermillion"]), alt.value(PALETTE["blue"])
    )
    spread = forest_base.mark_rule(strokeWidth=2).encode(
        x=alt.X("lo:Q", scale=mi_scale, axis=mi_axis), x2="hi:Q", y=y, color=chosen
    )
    dots = forest_base.mark_point(filled=True, size=50, opacity=1).encode(x=x, y=y, color=chosen)
    truth_rule = (
        alt.Chart(truth)
        .transform_filter("datum.t == task")
        .mark_rule(color=PALETTE["black"], strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x=alt.X("v:Q", scale=mi_scale, axis=mi_axis))
    )
    forest = alt.layer(truth_rule, spread, dots).properties(
        width=width,
        height=len(keys) * 20,
        title=alt.TitleParams("Mean ± sd at the chosen n", fontSize=FONT_SIZE),
    )
    at_text = _text_panel("atn", "datum.t == task && datum.n == n", "a", len(keys) + 3, width)
    # The chosen estimator at every n.
    n_domain = [_round(0.8 * grid.n.min()), _round(1.25 * grid.n.max())]
    n_scale = alt.Scale(type="log", domain=n_domain)
    n_axis = alt.Axis(
        title="sample size n", values=[int(m) for m in grid.n if np.log10(m) % 1 == 0],
        format=",d", grid=False,
    )  # fmt: skip
    line_base = alt.Chart(est).transform_filter("datum.t == task && datum.e == estimator")
    nx = alt.X("n:Q", scale=n_scale, axis=n_axis)
    ny = alt.Y("mean:Q", scale=alt.Scale(zero=True), axis=alt.Axis(title=mi_title, tickCount=5))
    colour = PALETTE["vermillion"]
    path = line_base.mark_line(color=colour, strokeWidth=1.5).encode(x=nx, y=ny)
    bars = line_base.mark_rule(color=colour, strokeWidth=2).encode(
        x=nx, y=alt.Y("lo:Q", scale=alt.Scale(zero=True)), y2="hi:Q"
    )
    points = line_base.mark_point(filled=True, size=40, color=colour, opacity=1).encode(x=nx, y=ny)
    level = (
        alt.Chart(truth)
        .transform_filter("datum.t == task")
        .mark_rule(color=PALETTE["black"], strokeDash=[4, 3], strokeWidth=1.5)
        .encode(y=alt.Y("v:Q", scale=alt.Scale(zero=True)))
    )
    marker = (
        alt.Chart(truth)
        .transform_filter("datum.t == task")
        .transform_calculate(at="n")
        .mark_rule(color="#777", strokeDash=[2, 2])
        .encode(x=alt.X("at:Q", scale=n_scale))
    )
    across_plot = alt.layer(marker, level, bars, path, points).properties(
        width=width,
        height=170,
        title=alt.TitleParams("The chosen estimator at every n", fontSize=FONT_SIZE),
    )
    across_text = _text_panel(
        "acrossn", "datum.t == task && datum.e == estimator", "b", grid.n.size + 1, width
    )
    chart = alt.concat(forest, at_text, across_plot, across_text, columns=2).add_params(
        task_param, n_param, estimator_param
    )
    chart = chart.properties(
        description=(
            "Estimates of the mutual information of a benchmark task whose true value is known: "
            f"the mean and standard deviation over {len(grid.seeds)} seeds of each estimator at "
            "the chosen sample size, and of the chosen estimator at every sample size, against "
            "the truth (dashed)."
        )
    )
    return _finish(chart, datasets, columns=[2, 1], panel_width=width, min_width=170, overhead=95)


def arena_explorer(grid: ArenaGrid, **kwargs) -> Explorer:
    """:func:`arena_spec` as an :class:`~mibook.vega.Explorer` (what the page's cell displays)."""
    binned = sum(key in BINNED for key in grid.estimators)
    return Explorer(
        arena_spec(grid, **kwargs),
        f"Estimator arena (Vega-Lite 5): {len(grid.tasks)} tasks x {len(grid.estimators)} "
        f"estimators ({binned} binned, 1-D tasks only) x {grid.n.size} sample sizes, "
        f"{len(grid.seeds)} seeds",
    )
