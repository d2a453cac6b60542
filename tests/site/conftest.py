"""Fixtures that serve the built book on 127.0.0.1 and drive Debian's Chromium through it.

The site is ``_build/html`` (``make book``), or the folder named by ``BOOK_HTML_DIR``. Chromium is
``CHROMIUM`` if set, else ``/usr/bin/chromium`` or ``chromium`` on the PATH; Playwright only drives
it and never downloads a browser. Without a built site or a Chromium the tests skip with the reason,
except under CI (``CI=true``), where a test that cannot run is a failure.

Every request to a host other than 127.0.0.1 is aborted and counted; each page's transfer size and
blocked requests are printed at the end of the run and saved, with full-page screenshots, under
``test-artifacts/`` (recorded through ``tests/site_artifacts.py``, so that under pytest-xdist the
root ``conftest.py`` merges every worker's pages). The server and the browser are session fixtures:
one of each per process (per xdist worker).
"""

from __future__ import annotations

import copy
import functools
import gzip
import http.server
import os
import shutil
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

import site_artifacts

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("BOOK_HTML_DIR", ROOT / "_build" / "html")).resolve()
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# Flags for a quiet, reproducible headless run that phones nowhere on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The longest Playwright waits for a navigation, a load state or an element (see OfflineSession).
WAIT_TIMEOUT_MS = 90_000

# Pages of the site that are not reading pages: the root only redirects to the landing page.
_NOT_PAGES = {"index.html"}
_SKIP_DIRS = {"_static", "_sources", "_images"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def cannot_run(reason: str) -> None:
    """Skip, or fail under CI, where every browser test must run."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def site_pages() -> list[str]:
    """Paths, relative to the site root, of the HTML pages a reader can visit."""
    if not (SITE / "index.html").is_file():
        return []
    pages = []
    for path in sorted(SITE.rglob("*.html")):
        relative = path.relative_to(SITE)
        if relative.parts[0] in _SKIP_DIRS or relative.as_posix() in _NOT_PAGES:
            continue
        pages.append(relative.as_posix())
    return pages


def explorer_pages() -> list[str]:
    """Pages holding a kernel-free Vega-Lite explorer (``div.explorer``, see vega_renderer)."""
    return [
        page
        for page in site_pages()
        if '<div class="explorer">' in (SITE / page).read_text(encoding="utf-8")
    ]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # A missing site still yields one test, so that it reports (skip or CI failure) why.
    if "page_path" in metafunc.fixturenames:
        pages = site_pages() or ["<site not built>"]
        metafunc.parametrize("page_path", pages, ids=pages)
    if "explorer_page" in metafunc.fixturenames:
        pages = explorer_pages() or ["<no page with an explorer>"]
        metafunc.parametrize("explorer_page", pages, ids=pages)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        cannot_run(f"no built site at {SITE}: run `make book` first")
    return SITE


class _StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does: text compressed with gzip when the browser accepts it.

    So the transfer the tests measure is what a reader downloads from GitHub Pages, Netlify or
    nginx, not the uncompressed size http.server alone would send.
    """

    _COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".ipynb", ".md")
    _cache: ClassVar[dict[tuple[str, int], bytes]] = {}

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in self._COMPRESSIBLE):
            super().do_GET()
            return
        key = (str(path), path.stat().st_mtime_ns)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """Base URL of the site served by http.server from a thread on an ephemeral port."""
    handler = functools.partial(_StaticHostHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser(site_url: str):
    """Debian's Chromium driven by Playwright, with a fresh profile and no network of its own."""
    executable = find_chromium()
    if executable is None:
        cannot_run("no Chromium found (set CHROMIUM or `apt-get install chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cannot_run("the playwright package is not installed (pip install -r requirements.txt)")
    with sync_playwright() as playwright:
        # launch() starts Chromium on a new, empty temporary profile and deletes it on close.
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageVisit:
    """What one offline visit of a page observed."""

    page: str
    transfer_bytes: int = 0
    decoded_bytes: int = 0
    requests: int = 0
    largest: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    math: dict = field(default_factory=dict)
    images: list[dict] = field(default_factory=list)
    icons: list[dict] = field(default_factory=list)
    icon_font: bool = False
    overflow: dict = field(default_factory=dict)
    dark_theme: str = ""
    dark_images: list[dict] = field(default_factory=list)
    screenshots: list[str] = field(default_factory=list)


VISITS: dict[str, PageVisit] = {}


class OfflineSession:
    """A browser context per page: empty cache, other hosts blocked, console watched."""

    def __init__(
        self, browser, site_url: str, page_path: str, viewport: dict, color_scheme: str = "light"
    ) -> None:
        self.visit = PageVisit(page_path)
        # What ``visit`` saw right after the page settled (set by the ``settled`` fixture).
        self.settled_visit: PageVisit | None = None
        self.context = browser.new_context(
            viewport=viewport, color_scheme=color_scheme, service_workers="block"
        )
        # Playwright's own waits (navigation, load states, locators) get more than its default
        # 30 s: two workers' browsers on a loaded 2-core machine took longer than that to load a
        # page. A test's explicit timeouts still apply.
        self.context.set_default_timeout(WAIT_TIMEOUT_MS)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self._finished = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.visit.console_errors.append(str(error)))
        self.page.on("requestfinished", lambda request: self._finished.append(request))
        self.page.on("requestfailed", self._request_failed)
        self.url = site_url + page_path

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.visit.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            self.visit.console_errors.append(f"{message.text} [{location}]")

    def _request_failed(self, request) -> None:
        if urlsplit(request.url).hostname == "127.0.0.1":
            self.visit.failed.append(f"{request.url}: {request.failure}")

    def open(self) -> None:
        response = self.page.goto(self.url, wait_until="load")
        assert response is not None, f"no response from {self.url}"
        assert response.ok, f"{self.url} answered {response.status}"
        wait_until_settled(self.page)

    def transfer(self) -> None:
        """Sum the bytes on the wire (headers and encoded bodies) and the decoded bodies."""
        transfer = decoded = 0
        largest = []
        for request in self._finished:
            sizes = request.sizes()
            transfer += sizes["responseHeadersSize"] + sizes["responseBodySize"]
            response = request.response()
            body = len(response.body()) if response is not None and response.status == 200 else 0
            decoded += body
            largest.append((body, urlsplit(request.url).path))
        self.visit.transfer_bytes = transfer
        self.visit.decoded_bytes = decoded
        self.visit.requests = len(self._finished)
        self.visit.largest = [f"{path} {size / 1e3:.0f} kB" for size, path in sorted(largest)[-5:]]

    def close(self) -> None:
        self.context.close()


# Every wait inside the page is bounded: Playwright puts no timeout on page.evaluate, so a promise
# that never settles (a frame that a background tab never paints, say) would hang the whole run.
TYPESET = """async () => {
  const timeout = (ms, what) => new Promise((_, reject) =>
    setTimeout(() => reject(new Error(what + ' did not settle in ' + ms + ' ms')), ms));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await Promise.race([MathJax.startup.promise, timeout(30000, 'MathJax')]);
  }
  await Promise.race([document.fonts.ready, timeout(30000, 'document.fonts.ready')]);
}"""

# One painted frame, or half a second, whichever comes first.
NEXT_FRAME = (
    "new Promise((done) => { requestAnimationFrame(() => done()); setTimeout(done, 500); })"
)

# Scroll through the page so that any lazily loaded image is fetched before it is checked.
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await """ + NEXT_FRAME + """;
  }
  window.scrollTo(0, 0);
}"""


# Sphinx wraps each formula in an element of class "math"; MathJax adds an mjx-container to it.
# Outside code, any TeX delimiter or $...\command...$ left in the text was not typeset.
MATH = r"""() => {
  const article = document.querySelector('.bd-article') || document.body;
  const formulas = [...article.querySelectorAll('.math')];
  const untypeset = formulas
    .filter((node) => !node.querySelector('mjx-container'))
    .map((node) => node.textContent.trim().slice(0, 80));
  const clone = article.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, textarea, mjx-container')
    .forEach((node) => node.remove());
  const text = clone.textContent;
  const raw = [];
  const tex = /\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{|\$[^$\n]*\\[A-Za-z]+[^$\n]*\$/g;
  for (const match of text.matchAll(tex)) {
    raw.push(text.slice(Math.max(0, match.index - 30), match.index + 40).replace(/\s+/g, ' '));
    if (raw.length >= 5) break;
  }
  return {
    formulas: formulas.length,
    typeset: article.querySelectorAll('mjx-container').length,
    untypeset,
    raw,
    errors: [...article.querySelectorAll('mjx-merror')].map((node) => node.textContent),
    codeBlocks: article.querySelectorAll('div.highlight pre').length,
    copyButtons: article.querySelectorAll('div.highlight button.copybtn').length,
  };
}"""

# Font Awesome icons of the theme (header buttons, navigation): drawn from the web font by the
# theme's stylesheet, since site/assets/scripts/fontawesome.js replaces the SVG bundle.
# (The theme's own bundle would swap each <i> for an <svg>; both count.)
ICONS = """() => [...document.querySelectorAll('i[class*="fa-"], svg[class*="fa-"]')]
  .filter((icon) => icon.getClientRects().length > 0)
  .map((icon) => {
    const glyph = getComputedStyle(icon, '::before');
    const width = icon.getBoundingClientRect().width;
    return {
      icon: icon.getAttribute('class'),
      tag: icon.tagName.toLowerCase(),
      drawn: width > 0 && (icon.tagName.toLowerCase() === 'svg'
        || (glyph.content !== 'none' && glyph.content !== 'normal'
            && glyph.fontFamily.includes('Font Awesome'))),
    };
  })"""

IMAGES = """() => [...document.images].map((img) => ({
  src: img.currentSrc.startsWith('data:') ? img.currentSrc.slice(0, 30) + '...' : img.currentSrc,
  alt: img.getAttribute('alt'),
  loaded: img.complete && img.naturalWidth > 0,
  inArticle: img.closest('.bd-article') !== null,
}))"""

# Horizontal overflow of the page; the offenders (elements sticking out on the right, outside
# any scrolling or clipping box and not fixed off-canvas panels) are listed to help fix it.
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const clipped = (node) => {
    for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.position === 'fixed'
          || ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) {
        return true;
      }
    }
    return false;
  };
  const offenders = [];
  for (const node of document.body.querySelectorAll('*')) {
    const box = node.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && getComputedStyle(node).position !== 'fixed'
        && !clipped(node)) {
      const name = node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
        + (node.className && typeof node.className === 'string'
           ? '.' + node.className.trim().split(/\\s+/).join('.') : '');
      offenders.push(`${name} (right edge ${Math.round(box.right)} px)`);
      if (offenders.length >= 8) break;
    }
  }
  return {
    viewport: width,
    scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth),
    offenders,
  };
}"""

# Figures: notebook output images, figure directives and animation frames.
IMAGE_BACKGROUNDS = """() => [...document.querySelectorAll(
    '.bd-article .cell_output img, .bd-article figure img, .bd-article .animation img')]
  .map((img) => {
    const style = getComputedStyle(img);
    return {alt: img.getAttribute('alt'), background: style.backgroundColor, filter: style.filter};
  })"""


# The longest any one settling step may take. Settling a page takes seconds (under a minute on a
# machine loaded tenfold); a renderer that froze would otherwise hold the test until
# pytest-timeout's 10 minutes.
SETTLE_TIMEOUT_MS = 120_000


def run_bounded(page, script: str, what: str, timeout_ms: int = SETTLE_TIMEOUT_MS) -> None:
    """Run an async page function once, and fail if it has not finished within ``timeout_ms``.

    ``page.evaluate`` waits for a promise forever (the in-page timeouts of TYPESET cannot fire if
    the page's main thread is stuck); ``wait_for_function`` has a deadline that Playwright keeps
    outside the page. Timer polling, not animation frames, so that a page that never paints a
    frame still gets its first call, which returns true once the function has finished.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(
            f"async () => {{ await ({script})(); return true; }}",
            timeout=timeout_ms,
            polling=1000,
        )
    except PlaywrightTimeoutError:
        pytest.fail(f"{page.url}: {what} did not finish in {timeout_ms / 1000:.0f} s")


def wait_until_settled(page) -> None:
    page.wait_for_load_state("load")
    run_bounded(page, TYPESET, "typesetting and loading fonts")
    run_bounded(page, SCROLL_THROUGH, "scrolling through the page")
    page.wait_for_load_state("networkidle")
    run_bounded(page, TYPESET, "typesetting and loading fonts")


def screenshot(page, page_path: str, suffix: str) -> str:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = page_path.removesuffix(".html").replace("/", "__") + suffix + ".png"
    path = SCREENSHOTS / name
    # The API reference is about 100,000 px tall on a phone, and a full-page screenshot of it
    # outlasts playwright's 30 s timeout on a loaded machine: keep the first 40,000 px.
    height = min(page.evaluate("document.documentElement.scrollHeight"), 40_000)
    width = page.viewport_size["width"]
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
    )
    return str(path.relative_to(ROOT))


# What a reader sees (figure text, math, code width, axe, the pages' visits): each check opens a
# page in a given window and colour scheme, from an empty cache, offline, settled (math typeset,
# images loaded). The windows, by name:
VIEWPORTS = {"1280px": DESKTOP, "375px": PHONE}

# Checks that only read a settled page share it: opening and settling a page (loading it from an
# empty cache, typesetting, scrolling through, waiting for the network to idle) is most of a
# browser check's time, and one page is read by a dozen checks in the same window. The last few
# stay open; the xdist groups in the root conftest.py run each page's checks together.
SETTLED_OPEN = 4


@pytest.fixture(scope="session")
def settled(browser, site_url: str):
    """Open a page once per (page, window, scheme) for checks that do not change it.

    Yields ``open(page_path, window, color_scheme="light") -> OfflineSession``. A check that
    clicks, types or changes the media opens its own page with ``reader`` instead. The session's
    ``visit`` is filled in as it was right after the page settled (requests, their sizes, console
    errors), before any check ran a script in it.
    """
    sessions: OrderedDict[tuple[str, str, str], OfflineSession] = OrderedDict()

    def _open(page_path: str, window: str, color_scheme: str = "light") -> OfflineSession:
        key = (page_path, window, color_scheme)
        if key in sessions:
            sessions.move_to_end(key)
            return sessions[key]
        session = OfflineSession(
            browser, site_url, page_path, VIEWPORTS[window], color_scheme=color_scheme
        )
        try:
            session.open()
            if (window, color_scheme) == ("1280px", "light"):
                session.transfer()  # the page weight, measured on the desktop visit only
        except BaseException:
            session.close()
            raise
        session.settled_visit = copy.deepcopy(session.visit)
        sessions[key] = session
        while len(sessions) > SETTLED_OPEN:
            sessions.popitem(last=False)[1].close()
        return session

    yield _open
    for session in sessions.values():
        session.close()


@pytest.fixture(scope="session")
def visit(settled):
    """Visit a page twice, each time from an empty cache, and remember what was seen.

    First on a desktop in the light theme (weight, math, images, copy buttons), then on a phone
    whose system asks for dark colours (overflow, the theme's automatic dark mode).
    """

    def _visit(page_path: str) -> PageVisit:
        if page_path in VISITS:
            return VISITS[page_path]
        desktop = settled(page_path, "1280px")
        seen = copy.deepcopy(desktop.settled_visit)
        seen.math = desktop.page.evaluate(MATH)
        seen.images = desktop.page.evaluate(IMAGES)
        seen.icons = desktop.page.evaluate(ICONS)
        seen.icon_font = desktop.page.evaluate(
            "() => document.fonts.check('900 16px \"Font Awesome 6 Free\"')"
        )
        seen.screenshots.append(screenshot(desktop.page, page_path, ""))
        phone = settled(page_path, "375px", "dark")
        seen.overflow = phone.page.evaluate(OVERFLOW)
        seen.dark_theme = phone.page.evaluate("() => document.documentElement.dataset.theme")
        seen.dark_images = phone.page.evaluate(IMAGE_BACKGROUNDS)
        seen.screenshots.append(screenshot(phone.page, page_path, "-375px-dark"))
        seen.console_errors += phone.settled_visit.console_errors
        seen.blocked += phone.settled_visit.blocked
        seen.failed += phone.settled_visit.failed
        VISITS[page_path] = seen
        site_artifacts.record("site-pages", page_path, value=asdict(seen))
        return seen

    return _visit


@pytest.fixture
def offline_page(browser, site_url: str):
    """A fresh offline page for interactive checks; yields a function that opens a path."""
    sessions: list[OfflineSession] = []

    def _open(page_path: str, viewport: dict = DESKTOP, *, settle: bool = True) -> OfflineSession:
        session = OfflineSession(browser, site_url, page_path, viewport)
        sessions.append(session)
        if settle:
            session.open()
        else:
            session.page.goto(session.url)
        return session

    yield _open
    for session in sessions:
        session.close()


@pytest.fixture
def reader(browser, site_url: str):
    """Open a page of its own, for a check that changes it (clicks, types, print media).

    Yields ``open(page_path, window, color_scheme="light") -> OfflineSession``, ``window`` being
    "1280px" or "375px"; the pages close after the test. Checks that only read use ``settled``.
    """
    sessions: list[OfflineSession] = []

    def _open(page_path: str, window: str, color_scheme: str = "light") -> OfflineSession:
        viewport = VIEWPORTS[window]
        session = OfflineSession(browser, site_url, page_path, viewport, color_scheme=color_scheme)
        sessions.append(session)
        session.open()
        return session

    yield _open
    for session in sessions:
        session.close()
