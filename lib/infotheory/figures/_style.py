"""One colour-blind-safe look for every figure in the book.

The Okabe-Ito palette stays distinguishable under the common colour-vision
deficiencies, and a white figure background keeps plots legible on the
site's dark theme too.
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler

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

STYLE = {
    "axes.prop_cycle": cycler(
        color=[PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")]
    ),
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": "medium",
    "font.size": 10,
    "figure.dpi": 100,
}


def apply_style() -> None:
    """Set the book's matplotlib defaults (palette, white background, light frame)."""
    mpl.rcParams.update(STYLE)
