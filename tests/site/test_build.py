"""The built HTML itself: assets served from the site, downloads, navigation aids, landing page.

These read files only, so they run without a browser (but need ``make book`` first).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
_DECLARATION = re.compile(r"\b(?:const|let|class)\s+([A-Za-z_$][\w$]*)")
_OFFSITE_ASSET = re.compile(
    r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(?:https?:)?//"
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|modulepreload|icon)\")[^>]*\bhref=\"(?:https?:)?//",
    re.IGNORECASE,
)
_CSS_OFFSITE = re.compile(r"url\(\s*['\"]?(?:https?:)?//|@import\s+['\"](?:https?:)?//")


def _top_level_declarations(script: str) -> list[str]:
    """Names declared with const/let/class outside any block (they clash across scripts)."""
    names, depth, start = [], 0, 0
    for index, char in enumerate(script + "{"):
        if char in "{}":
            if depth == 0:
                names += _DECLARATION.findall(script[start:index])
            depth += 1 if char == "{" else -1
            start = index + 1
    return names


def _is_javascript(attributes: str) -> bool:
    kind = re.search(r'\btype="([^"]*)"', attributes)
    return kind is None or kind.group(1) in {"text/javascript", "module", "application/javascript"}


def _pages(site: Path) -> list[Path]:
    return [
        path
        for path in sorted(site.rglob("*.html"))
        if path.relative_to(site).parts[0] not in {"_static", "_sources", "_images"}
    ]


def _chapter_notebooks(site: Path) -> list[str]:
    """Pages built from MyST notebooks: their Markdown source declares a kernelspec."""
    return [
        source.relative_to(site / "_sources").with_suffix("").as_posix()
        for source in sorted((site / "_sources").rglob("*.md"))
        if re.search(r"^kernelspec:", source.read_text(encoding="utf-8"), re.MULTILINE)
    ]


def test_inline_scripts_do_not_declare_a_name_twice(site_dir):
    # sphinx_thebe used to emit `const THEBE_JS_URL` twice per page (see _config.yml).
    for page in _pages(site_dir):
        names = [
            name
            for attributes, body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8"))
            if _is_javascript(attributes)
            for name in _top_level_declarations(body)
        ]
        repeated = sorted({name for name in names if names.count(name) > 1})
        assert repeated == [], f"{page.relative_to(site_dir)} declares {repeated} twice"


def test_no_asset_comes_from_another_host(site_dir):
    for page in _pages(site_dir):
        text = page.read_text(encoding="utf-8")
        found = [match.group(0) for match in _OFFSITE_ASSET.finditer(text)]
        assert found == [], f"{page.relative_to(site_dir)} loads {found}"
        assert "text/x-thebe-config" not in text
    for stylesheet in (site_dir / "_static").rglob("*.css"):
        found = _CSS_OFFSITE.findall(stylesheet.read_text(encoding="utf-8"))
        assert found == [], f"{stylesheet.relative_to(site_dir)} imports {found}"


def test_math_pages_load_the_vendored_mathjax(site_dir):
    math_pages = [page for page in _pages(site_dir) if 'class="math' in page.read_text("utf-8")]
    assert math_pages, "no page has math"
    for page in math_pages:
        scripts = re.findall(r'<script[^>]*\bsrc="([^"]*mathjax[^"]*)"', page.read_text("utf-8"))
        assert len(scripts) == 1, f"{page.relative_to(site_dir)}: {scripts}"
        assert re.fullmatch(r"(\.\./)*_static/mathjax/tex-chtml\.js(\?v=\w+)?", scripts[0])


def test_vendored_mathjax_holds_only_what_the_pages_load(site_dir):
    mathjax = site_dir / "_static" / "mathjax"
    files = {path.relative_to(mathjax).as_posix() for path in mathjax.rglob("*") if path.is_file()}
    assert "tex-chtml.js" in files
    assert any(name.startswith("output/chtml/fonts/woff-v2/MathJax_Main-Regular") for name in files)
    allowed = re.compile(
        r"tex-chtml\.js|output/chtml/fonts/woff-v2/[\w-]+\.woff|input/tex/extensions/\w+\.js"
    )
    assert sorted(name for name in files if not allowed.fullmatch(name)) == []


def test_notebook_pages_offer_ipynb_and_markdown_downloads(site_dir):
    notebooks = _chapter_notebooks(site_dir)
    assert notebooks, "no page was built from a MyST notebook"
    for name in notebooks:
        html = (site_dir / f"{name}.html").read_text(encoding="utf-8")
        for suffix in (".ipynb", ".md"):
            assert f'_sources/{name}{suffix}"' in html, f"{name}.html offers no {suffix} download"
        notebook = json.loads((site_dir / "_sources" / f"{name}.ipynb").read_text("utf-8"))
        assert notebook["nbformat"] == 4
        assert any(cell["cell_type"] == "code" for cell in notebook["cells"])


def test_pages_with_sections_have_a_page_contents_list(site_dir):
    for page in _pages(site_dir):
        html = page.read_text(encoding="utf-8")
        sections = re.findall(r'<section id="([^"]+)">\s*<h2>', html)
        if len(sections) >= 2:
            toc = html[html.index('id="pst-page-toc-nav"') :]
            for section in sections:
                assert f'href="#{section}"' in toc, f"{page.name}: {section} not in its contents"


def test_landing_page_explains_the_book_and_how_to_run_it(site_dir):
    html = (site_dir / "chapters" / "index.html").read_text(encoding="utf-8")
    assert (site_dir / "index.html").read_text("utf-8").count('url=chapters/index.html"') == 1
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    for phrase in ("What you will learn", "make book", "make test", "jupyter lab", "Jupytext"):
        assert phrase in text, phrase
    chapters = [name for name in _chapter_notebooks(site_dir) if name != "chapters/index"]
    for name in chapters:
        assert f'href="{Path(name).name}.html"' in html, f"landing page does not link {name}"
