"""One colour-blind-safe, legible look for every figure in the book.

The Okabe-Ito palette stays distinguishable under the common colour-vision
deficiencies, and a white figure background keeps plots legible on the
site's dark theme too.

Legibility rule (every figure builder must follow it)
-----------------------------------------------------
The book shows figures as SVG with the text kept as text
(``svg.fonttype = "none"``), at their natural size and never upscaled; the
browser test ``tests/site/test_figure_text.py`` measures every text of every
figure on every page and fails below **11 CSS px at a 1280 px window** and
**9 CSS px at a 375 px window**.  An SVG from matplotlib is
``width_in * 96`` CSS px wide and a ``s`` pt font is ``s * 4/3`` px, and the
text column holds an output about 672 px wide on a desktop and 327 px on a
phone, so a figure is legible at both widths when

* it is at most :data:`MAX_WIDTH_IN` (5.2 in, 499 px) wide, so it is shown
  at natural size on a desktop and shrunk by at most 327/499 on a phone;
* every text in it is at least :data:`MIN_FONT_PT` (11 pt, 14.7 px): then
  it displays at >= 14.7 px on a desktop and >= 9.6 px on a phone.
  (Sub- and superscripts of mathtext count as part of their text.)

So: draw at ``figsize=(FIG_WIDTH_IN, ...)`` or narrower; never use the
relative sizes ``"small"``, ``"x-small"``, ``"xx-small"`` or numbers below
``MIN_FONT_PT`` (:data:`STYLE` already sets ticks, labels, legends and
titles to 11-13 pt); give a figure with several panels a layout that fits
5.2 in (stack the panels, or a 2 x 2 grid) instead of a wide row; and wrap
long titles or captions (``wrap=True`` or explicit line breaks).
:func:`check_legible` states the rule as code; each figure's test calls it.
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler
from matplotlib.figure import Figure
from matplotlib.text import Text

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}

#: Widest figure, in inches, that stays legible on a 375 px phone (see the module docstring).
MAX_WIDTH_IN = 5.2
#: The width a full-column figure is drawn at.
FIG_WIDTH_IN = 5.2
#: Smallest font, in points, of any text in a figure.
MIN_FONT_PT = 11.0

STYLE = {
    "axes.prop_cycle": cycler(
        color=[PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")]
    ),
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.title_fontsize": 11,
    "figure.titlesize": 13,
    "figure.labelsize": 11,
    "figure.figsize": (FIG_WIDTH_IN, 3.6),
    "figure.dpi": 100,
    # SVG output keeps text as text (crisp, searchable, measurable by the browser tests), and
    # fixed element ids make the same figure give the same file on every run.
    "svg.fonttype": "none",
    "svg.hashsalt": "infotheory",
}


def apply_style() -> None:
    """Set the book's matplotlib defaults (palette, white background, legible sizes).

    In an IPython kernel (a chapter being executed) it also makes figures display as SVG, with
    the text kept as text, no timestamp and ``bbox_inches="tight"``, so that the same figure
    gives the same output on every run; elsewhere it only sets :data:`STYLE`.
    """
    mpl.rcParams.update(STYLE)
    _display_as_svg()


def _display_as_svg() -> None:
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
    except ImportError:  # pragma: no cover - IPython ships with the book's environment
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "display_formatter", None) is None:
        return
    select_figure_formats(shell, {"svg"}, bbox_inches="tight", metadata={"Date": None})


def check_legible(fig: Figure) -> list[str]:
    """List what breaks the book's legibility rule in a figure; empty when it is legible.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    list of str
        One line per problem: the figure wider than :data:`MAX_WIDTH_IN`
        inches, or a visible, non-empty text smaller than :data:`MIN_FONT_PT`
        points (quoted with its size).

    Examples
    --------
    >>> fig = Figure(figsize=(4, 3))
    >>> _ = fig.text(0.5, 0.5, "tiny", fontsize=6)
    >>> check_legible(fig)
    ["text 'tiny' is 6.0 pt (< 11.0 pt)"]
    """
    problems = []
    width = float(fig.get_figwidth())
    if width > MAX_WIDTH_IN + 1e-9:
        problems.append(f"figure is {width:.2f} in wide (> {MAX_WIDTH_IN} in)")
    for text in fig.findobj(Text):
        if not (text.get_visible() and text.get_text().strip()):
            continue
        if text.axes is not None and not text.axes.get_visible():
            continue
        size = float(text.get_fontsize())
        if size < MIN_FONT_PT - 1e-9:
            problems.append(f"text {text.get_text()[:40]!r} is {size:.1f} pt (< {MIN_FONT_PT} pt)")
    return problems
