"""axe-core finds no WCAG 2.1 A/AA violation on any page, light and dark, desktop and phone.

axe-core is the npm package pinned in package.json (node_modules/axe-core, installed by `npm ci`);
its script is injected into the page under test, never copied into the site. Colour contrast is
included, so the run waits for the theme, MathJax and the fonts to settle first. A failure lists
each rule with its help text and the first few elements it flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWS = {
    "1280px-light": ("1280px", "light"),
    "1280px-dark": ("1280px", "dark"),
    "375px-light": ("375px", "light"),
    "375px-dark": ("375px", "dark"),
}

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' | ' + n.failureSummary
      .replace(/\\s+/g, ' ').slice(0, 160)),
    count: v.nodes.length,
  }));
}"""


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_wcag_violations(settled, page_path, view):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`", pytrace=False)
    window, scheme = VIEWS[view]
    session = settled(page_path, window, scheme)
    assert session.page.evaluate("() => document.documentElement.dataset.theme") == scheme
    session.page.add_script_tag(path=str(AXE_JS))
    violations = session.page.evaluate(RUN_AXE, TAGS)
    report = [
        f"{v['id']} ({v['impact']}, {v['count']} elements): {v['help']}; " + " ; ".join(v["nodes"])
        for v in violations
    ]
    assert not report, f"axe-core: WCAG 2.1 A/AA violations at {view}:\n" + "\n".join(report)
