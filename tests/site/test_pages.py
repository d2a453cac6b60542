"""Every page of the built book, read offline in Chromium: complete, legible and light.

Each page is visited once (see ``visit`` in conftest.py) and the tests below check what that visit
recorded, so a failure names both the page and the property.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# The budget for a chapter page with its interactive figures, applied to every page.
PAGE_BUDGET_BYTES = 5_000_000
PHONE_WIDTH = 375
_FILENAME = re.compile(r"\.(png|jpe?g|gif|svg|webp)$", re.IGNORECASE)


def test_page_needs_no_other_host(visit, page_path):
    seen = visit(page_path)
    print(
        f"{page_path}: {seen.transfer_bytes / 1e6:.3f} MB, "
        f"{len(seen.blocked)} blocked off-site requests"
    )
    assert seen.blocked == [], f"requests to other hosts (blocked): {seen.blocked}"
    assert seen.failed == [], f"requests to the site that failed: {seen.failed}"


def test_no_console_errors(visit, page_path):
    assert visit(page_path).console_errors == []


def test_math_is_typeset(visit, page_path):
    math = visit(page_path).math
    assert math["untypeset"] == [], "formulas MathJax did not typeset"
    assert math["raw"] == [], "raw TeX left in the page text"
    assert math["errors"] == [], "MathJax reported TeX errors"
    assert math["typeset"] >= math["formulas"]


def test_every_image_loads(visit, page_path):
    broken = [image["src"] for image in visit(page_path).images if not image["loaded"]]
    assert broken == []


def test_every_figure_has_alt_text(visit, page_path):
    # myst-nb falls back to the image's file path for alt; that describes nothing.
    missing = [
        image["src"]
        for image in visit(page_path).images
        if image["inArticle"]
        and (not (image["alt"] or "").strip() or _FILENAME.search(image["alt"].strip()))
    ]
    assert missing == [], "images whose alt text is missing or just a file name"


def test_theme_icons_are_drawn(visit, page_path):
    seen = visit(page_path)
    assert seen.icons, "no visible icon found (the theme's header buttons have some)"
    assert [icon["icon"] for icon in seen.icons if not icon["drawn"]] == []
    if any(icon["tag"] == "i" for icon in seen.icons):
        assert seen.icon_font, "the Font Awesome web font did not load"


def test_code_blocks_have_copy_buttons(visit, page_path):
    math = visit(page_path).math
    assert math["copyButtons"] == math["codeBlocks"]


def test_no_horizontal_overflow_on_a_phone(visit, page_path):
    overflow = visit(page_path).overflow
    assert overflow["viewport"] == PHONE_WIDTH
    assert overflow["scrollWidth"] <= overflow["viewport"], (
        f"page is {overflow['scrollWidth']} px wide at {overflow['viewport']} px; "
        f"sticking out: {overflow['offenders']}"
    )


def test_dark_mode_keeps_figures_on_white(visit, page_path):
    seen = visit(page_path)
    assert seen.dark_theme == "dark", "the theme ignored the system's dark colour scheme"
    for image in seen.dark_images:
        assert image["background"] == "rgb(255, 255, 255)", image
        assert image["filter"] == "none", image


def test_page_weight_within_budget(visit, page_path):
    seen = visit(page_path)
    # Within budget gzipped, as a web host serves it, and also uncompressed, as a copy opened
    # from disk or a server without compression loads it.
    assert 0 < seen.transfer_bytes < PAGE_BUDGET_BYTES, (
        f"{page_path} transfers {seen.transfer_bytes / 1e6:.2f} MB "
        f"(budget {PAGE_BUDGET_BYTES / 1e6:.0f} MB)"
    )
    assert seen.decoded_bytes < PAGE_BUDGET_BYTES, (
        f"{page_path} weighs {seen.decoded_bytes / 1e6:.2f} MB uncompressed "
        f"(budget {PAGE_BUDGET_BYTES / 1e6:.0f} MB)"
    )


def test_root_redirects_to_the_landing_page(offline_page):
    session = offline_page("index.html", settle=False)
    session.page.wait_for_url(re.compile(r"/chapters/index\.html$"))
    session.page.wait_for_load_state("networkidle")
    assert session.page.locator("h1").first.inner_text().strip() != ""
    assert session.visit.console_errors == []
