"""Scrubbable figures that work without a kernel or a network connection.

:func:`scrubber_html` renders every frame of a figure into one HTML snippet
with matplotlib's JavaScript player, so a static page (the built book) can
step through a parameter sweep.  The player's stock icons come from an
off-site Font Awesome stylesheet; here they are plain Unicode glyphs, so the
page makes no third-party request and its buttons stay labelled offline.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Callable, Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure
from PIL import Image

from ._validation import check_choice, check_int

__all__ = ["BUTTON_GLYPHS", "scrubber_html"]

#: Font Awesome icon name of each player button and the glyph that replaces it.
#: Only Geometric Shapes characters, which common fonts cover (the media-control
#: symbols U+23EE-U+23F8 are often missing); U+FE0E asks for the text, not
#: emoji, form of the triangles.
BUTTON_GLYPHS = {
    "minus": "\u2212",
    "fast-backward": "|\u25c0\ufe0e\u25c0\ufe0e",
    "step-backward": "|\u25c0\ufe0e",
    "play fa-flip-horizontal": "\u25c0\ufe0e",
    "pause": "\u25ae\u25ae",
    "play": "\u25b6\ufe0e",
    "step-forward": "\u25b6\ufe0e|",
    "fast-forward": "\u25b6\ufe0e\u25b6\ufe0e|",
    "plus": "+",
}

_ICON = re.compile(r'<i class="fa fa-([a-z -]+)"></i>')
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_URL = re.compile(r"https?://", re.IGNORECASE)
_FRAME_FORMATS = ("png", "jpeg", "svg")
# A PNG frame as to_jshtml embeds it: base64 wrapped with backslash-newline continuations.
_PNG_FRAME = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\\\s]+)")


def _palette_png(match: re.Match, colors: int) -> str:
    """Re-encode one embedded PNG frame with an adaptive palette of ``colors`` colours."""
    raw = base64.b64decode(re.sub(r"[\\\s]", "", match.group(1)))
    # Fast octree keeps small, saturated marks (the orange estimate dots) at their exact
    # colour; median cut folds them into a neighbouring brown at 64-128 colours.
    image = Image.open(io.BytesIO(raw)).convert("RGB").quantize(
        colors=colors, method=Image.Quantize.FASTOCTREE
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _glyph(match: re.Match) -> str:
    name = match.group(1)
    if name not in BUTTON_GLYPHS:
        raise RuntimeError(f"matplotlib's player has an icon this module does not know: {name!r}")
    return f'<span aria-hidden="true">{BUTTON_GLYPHS[name]}</span>'


def _make_offline(snippet: str, alt: str) -> str:
    """Drop the stylesheet link, swap icons for glyphs and describe the image."""
    snippet = _ICON.sub(_glyph, _LINK.sub("", snippet))
    snippet = snippet.replace(
        '<img id="_anim_img',
        f'<img alt="{html.escape(alt)}" style="max-width: 100%; height: auto;" id="_anim_img',
    )
    if _URL.search(snippet):
        raise RuntimeError("the animation HTML still refers to an off-site URL")
    return snippet


def scrubber_html(
    fig: Figure,
    update: Callable[[object], object],
    frames: Iterable,
    *,
    interval: int = 500,
    fmt: str = "png",
    dpi: float | None = None,
    palette_colors: int | None = 128,
    alt: str = "Animated figure; use the slider to step through the frames.",
) -> str:
    """Render a figure at each frame into a self-contained HTML player.

    For each item of ``frames`` the player shows ``fig`` after
    ``update(item)``; ``update`` should change the existing artists (and
    should name the frame's parameter in a text artist, since the player
    shows only a frame number).  The snippet comes from
    :meth:`matplotlib.animation.Animation.to_jshtml` with
    ``default_mode="once"``, then made self-contained: the Font Awesome
    ``<link>`` is removed and each button's icon becomes a Unicode glyph
    (the buttons keep their ``title`` and ``aria-label``).  The image gets
    ``alt`` text and shrinks to fit narrow pages.

    The figure is closed afterwards, so a notebook does not show it again.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    update : callable
        Called once per frame with the frame's item.
    frames : iterable
        The items, at least one.
    interval : int, default=500
        Milliseconds per frame when playing.
    fmt : {"png", "jpeg", "svg"}, default="png"
        Image format of the embedded frames.
    dpi : float, optional
        Resolution of the frames; ``None`` uses the figure's.
    palette_colors : int or None, default=128
        For PNG frames, re-encode each with an adaptive palette of this many
        colours (2 to 256), which makes plots of a few flat colours about
        five times smaller without a visible change; ``None`` keeps
        matplotlib's full-colour frames.
    alt : str
        Alternative text of the image.

    Returns
    -------
    str
        HTML with every frame embedded as a ``data:`` URI and no ``http(s)``
        URL; display it with :class:`IPython.display.HTML`.

    Raises
    ------
    ValueError
        If ``frames`` is empty, ``interval`` is not a positive integer or
        ``fmt`` is unknown, or ``palette_colors`` is not an integer in 2..256.

    Examples
    --------
    >>> fig = Figure(figsize=(2, 1))
    >>> text = fig.text(0.5, 0.5, "")
    >>> page = scrubber_html(fig, lambda k: text.set_text(f"k = {k}"), [1, 2, 3], dpi=20)
    >>> page.count("data:image/png;base64"), "https://" in page, "fa-play" in page
    (3, False, False)
    """
    items = list(frames)
    if not items:
        raise ValueError("frames must hold at least one item")
    interval = check_int(interval, "interval", minimum=1)
    check_choice(fmt, "fmt", _FRAME_FORMATS)
    if palette_colors is not None:
        palette_colors = check_int(palette_colors, "palette_colors", minimum=2)
        if palette_colors > 256:
            raise ValueError(f"palette_colors must be at most 256, got {palette_colors}")

    def draw(item: object) -> list:
        update(item)
        return []

    rc = {"animation.frame_format": fmt, "savefig.dpi": "figure" if dpi is None else dpi}
    try:
        with mpl.rc_context(rc):
            # An empty init_func keeps FuncAnimation from drawing frame 0 twice.
            animation = FuncAnimation(
                fig,
                draw,
                frames=items,
                init_func=list,
                interval=interval,
                repeat=False,
                cache_frame_data=False,
            )
            snippet = animation.to_jshtml(default_mode="once")
    finally:
        plt.close(fig)
    if fmt == "png" and palette_colors is not None:
        snippet = _PNG_FRAME.sub(lambda m: _palette_png(m, palette_colors), snippet)
    return _make_offline(snippet, alt)
