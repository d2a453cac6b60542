"""Every text in every figure is large enough to read, on a desktop and on a phone.

The limits are the issue's: 11 CSS px at a 1280 px window and 9 px at 375 px. A figure is an SVG
image (matplotlib's, with the text kept as text), an inline SVG (an explorer's chart) or a canvas;
for an SVG image the test fetches the file, reads each <text>'s font size (the largest size in it,
so a subscript counts with its text) and multiplies it by the displayed width over the viewBox
width; for an inline SVG it multiplies the computed font size by the SVG's on-screen scale. A raster
image or a canvas in the article cannot be measured, so it fails: draw it as SVG. Figures are also
never shown larger than their natural size (upscaling blurs, and hides a figure drawn too small).

The smallest size per page and window is printed and saved in test-artifacts/figure-text.json.
"""

from __future__ import annotations

import pytest

import site_artifacts

pytestmark = pytest.mark.browser

LIMITS_PX = {"1280px-light": 11.0, "375px-dark": 9.0}
# Rounding slack, in CSS px, for the layout's sub-pixel widths.
SLACK_PX = 0.05
VIEWS = {"1280px-light": ("1280px", "light"), "375px-dark": ("375px", "dark")}

MEASURE = r"""async () => {
  const article = document.querySelector('.bd-article') || document.querySelector('main')
    || document.body;
  const sizeOf = (style) => {
    const match = /font(?:-size)?\s*:\s*(?:[a-z]+\s+)*([\d.]+)px/i.exec(style || '');
    return match ? parseFloat(match[1]) : null;
  };
  const figures = [];
  const contentWidth = (node) => {
    const style = getComputedStyle(node);
    return node.getBoundingClientRect().width - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth)
      - parseFloat(style.borderRightWidth);
  };
  for (const img of article.querySelectorAll('img')) {
    if (img.getClientRects().length === 0) continue;
    const name = (img.getAttribute('alt') || img.currentSrc).slice(0, 70);
    const shown = contentWidth(img);
    const src = img.currentSrc;
    const isSvg = /\.svg(\?|$)/i.test(src) || src.startsWith('data:image/svg');
    if (!isSvg) {
      figures.push({name, kind: 'raster', shown, natural: img.naturalWidth});
      continue;
    }
    const text = await (await fetch(img.currentSrc)).text();
    const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    const box = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
    const viewWidth = box.length === 4 ? box[2] : parseFloat(svg.getAttribute('width'));
    const sizes = [];
    for (const node of svg.querySelectorAll('text')) {
      if (!node.textContent.trim()) continue;
      const own = [node, ...node.querySelectorAll('tspan')]
        .map((part) => sizeOf(part.getAttribute('style'))
          ?? parseFloat(part.getAttribute('font-size')))
        .filter((size) => Number.isFinite(size));
      if (own.length) sizes.push({size: Math.max(...own), text: node.textContent.trim()});
    }
    const scale = shown / viewWidth;
    const smallest = sizes.reduce((a, b) => (b.size < a.size ? b : a), {size: Infinity, text: ''});
    figures.push({
      name, kind: 'svg', shown, natural: img.naturalWidth, texts: sizes.length,
      smallest: smallest.size * scale, smallestText: smallest.text.slice(0, 40),
    });
  }
  for (const svg of article.querySelectorAll('svg')) {
    if (svg.closest('mjx-container') || svg.getClientRects().length === 0) continue;
    if (svg.parentElement.closest('svg')) continue;
    const rect = svg.getBoundingClientRect();
    if (rect.width < 60 || rect.height < 40) continue;  // an icon, not a figure
    const view = svg.viewBox && svg.viewBox.baseVal;
    const scale = view && view.width ? rect.width / view.width : 1;
    const sizes = [...svg.querySelectorAll('text')]
      .filter((node) => node.textContent.trim() && node.getClientRects().length)
      .map((node) => ({size: parseFloat(getComputedStyle(node).fontSize) * scale,
                       text: node.textContent.trim()}));
    const smallest = sizes.reduce((a, b) => (b.size < a.size ? b : a), {size: Infinity, text: ''});
    figures.push({name: svg.getAttribute('aria-label') || 'inline svg', kind: 'inline-svg',
                  shown: rect.width, natural: rect.width, texts: sizes.length,
                  smallest: smallest.size, smallestText: smallest.text.slice(0, 40)});
  }
  for (const canvas of article.querySelectorAll('canvas')) {
    if (canvas.getClientRects().length === 0) continue;
    figures.push({name: canvas.getAttribute('aria-label') || 'canvas', kind: 'canvas',
                  shown: canvas.getBoundingClientRect().width, natural: canvas.width});
  }
  return figures;
}"""


@pytest.mark.parametrize("view", list(VIEWS))
def test_figure_text_is_legible(settled, page_path, view):
    window, scheme = VIEWS[view]
    limit = LIMITS_PX[view]
    figures = settled(page_path, window, scheme).page.evaluate(MEASURE)
    sizes = [f["smallest"] for f in figures if f["kind"] != "raster" and f.get("texts")]
    smallest = round(min(sizes), 2) if sizes else None
    site_artifacts.record("figure-text", page_path, view, value=smallest)
    print(f"{page_path} at {view}: smallest figure text {smallest} px")
    unmeasurable = [
        f"{f['name']} ({f['kind']})" for f in figures if f["kind"] in ("raster", "canvas")
    ]
    assert unmeasurable == [], "figures whose text cannot be measured: draw them as SVG"
    upscaled = [f["name"] for f in figures if f["natural"] and f["shown"] > f["natural"] + 1]
    assert upscaled == [], "figures shown larger than their natural size"
    small = [
        f"{f['name']}: {f['smallest']:.1f} px ({f['smallestText']!r})"
        for f in figures
        if f.get("texts") and f["smallest"] < limit - SLACK_PX
    ]
    assert small == [], f"figure text below {limit} px at {view}"
