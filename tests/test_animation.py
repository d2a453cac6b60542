"""Tests for infotheory.animation.scrubber_html: self-contained, offline players."""

import base64
import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from infotheory.animation import BUTTON_GLYPHS, _make_offline, scrubber_html
from infotheory.figures import PALETTE

URL = re.compile(r"https?://", re.IGNORECASE)
FRAME = re.compile(r'frames\[(\d+)\] = "data:image/(\w+);base64,((?:[^"\\]|\\\n)+)"')
BUTTONS = [
    "Decrease speed",
    "First frame",
    "Previous frame",
    "Play backwards",
    "Pause",
    "Play",
    "Next frame",
    "Last frame",
    "Increase speed",
]


def bar_figure():
    fig = Figure(figsize=(2, 1))
    ax = fig.add_subplot()
    (bar,) = ax.bar([0], [0.0])
    ax.set_ylim(0, 10)
    label = fig.text(0.5, 0.95, "", ha="center", va="top")
    return fig, bar, label


def frame_image(frame_data):
    return Image.open(io.BytesIO(base64.b64decode(frame_data.replace("\\\n", ""))))


def decode(frame_data):
    return np.asarray(frame_image(frame_data).convert("RGBA"))


def test_every_frame_is_embedded_in_order():
    fig, bar, label = bar_figure()
    calls = []

    def update(height):
        calls.append(height)
        bar.set_height(height)
        label.set_text(f"height = {height}")

    page = scrubber_html(fig, update, range(1, 6), dpi=30)
    assert calls == [1, 2, 3, 4, 5]
    frames = FRAME.findall(page)
    assert [int(i) for i, _, _ in frames] == [0, 1, 2, 3, 4]
    assert {kind for _, kind, _ in frames} == {"png"}
    images = [decode(data) for _, _, data in frames]
    assert images[0].shape == (30, 60, 4)
    # Taller bars paint more pixels: the frames differ and follow the update.
    dark = [np.count_nonzero(im[..., :3].mean(axis=2) < 200) for im in images]
    assert dark == sorted(dark)
    assert dark[0] < dark[-1]


def test_output_has_no_off_site_reference_and_labelled_buttons():
    fig, bar, _ = bar_figure()
    page = scrubber_html(fig, bar.set_height, [1, 2], dpi=20, alt='Bars & "heights"')
    assert not URL.search(page)
    assert "<link" not in page
    assert "font-awesome" not in page
    assert 'class="fa' not in page
    for title in BUTTONS:
        assert f'title="{title}" aria-label="{title}"' in page
    for glyph in BUTTON_GLYPHS.values():
        assert f'<span aria-hidden="true">{glyph}</span>' in page
    assert 'alt="Bars &amp; &quot;heights&quot;"' in page
    assert 'value="once" id="_anim_radio1_' in page
    assert re.search(r'value="once" id="[^"]+"\s+checked', page)


def test_pyplot_figure_is_closed():
    fig = plt.figure(figsize=(1, 1))
    number = fig.number
    text = fig.text(0.5, 0.5, "")
    scrubber_html(fig, text.set_text, ["a", "b"], dpi=20)
    assert not plt.fignum_exists(number)


def test_frame_format_and_resolution():
    fig, bar, _ = bar_figure()
    page = scrubber_html(fig, bar.set_height, [1, 2, 3], fmt="jpeg", dpi=40)
    frames = FRAME.findall(page)
    assert [kind for _, kind, _ in frames] == ["jpeg"] * 3
    assert decode(frames[0][2]).shape[:2] == (40, 80)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"frames": []}, "frames must hold at least one item"),
        ({"fmt": "gif"}, "fmt must be one of"),
        ({"interval": 0}, "interval must be an integer >= 1"),
        ({"palette_colors": 1}, "palette_colors must be an integer >= 2"),
        ({"palette_colors": 2.5}, "palette_colors must be an integer >= 2"),
        ({"palette_colors": 257}, "palette_colors must be at most 256"),
    ],
)
def test_bad_arguments_raise(kwargs, match):
    fig, bar, _ = bar_figure()
    arguments = {"frames": [1], **kwargs}
    with pytest.raises(ValueError, match=match):
        scrubber_html(fig, bar.set_height, **arguments)


def test_unknown_icon_or_remaining_url_is_an_error():
    with pytest.raises(RuntimeError, match="icon this module does not know: 'rocket'"):
        _make_offline('<button><i class="fa fa-rocket"></i></button>', "alt")
    with pytest.raises(RuntimeError, match="off-site URL"):
        _make_offline('<script src="https://example.org/x.js"></script>', "alt")
    cleaned = _make_offline(
        '<link rel="stylesheet"\nhref="https://cdn.example/fa.css"><i class="fa fa-play"></i>', "a"
    )
    assert cleaned == '<span aria-hidden="true">\u25b6\ufe0e</span>'


def scatter_figure():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    rng = np.random.default_rng(0)
    points = ax.scatter(*rng.standard_normal((2, 400)), s=4, color=PALETTE["blue"])
    ax.plot([0], [0], "o", color=PALETTE["vermillion"], markersize=8)
    return fig, points


def test_png_frames_get_an_exact_small_palette():
    def sweep(palette_colors):
        fig, points = scatter_figure()

        def shift(dx):
            points.set_offsets(points.get_offsets() + dx)

        return scrubber_html(fig, shift, [0.0, 0.1], dpi=60, palette_colors=palette_colors)

    page, full = sweep(64), sweep(None)
    frames, full_frames = FRAME.findall(page), FRAME.findall(full)
    images = [frame_image(data) for _, _, data in frames]
    assert {image.mode for image in images} == {"P"}
    assert all(len(image.getcolors()) <= 64 for image in images)
    assert frame_image(full_frames[0][2]).mode == "RGBA"
    assert len(page) < 0.6 * len(full)
    # The saturated marker keeps its exact colour, so the palette stays colour-blind-safe.
    orange = tuple(int(PALETTE["vermillion"][i : i + 2], 16) for i in (1, 3, 5))
    colours = {rgb for _, rgb in images[0].convert("RGB").getcolors()}
    assert orange in colours
