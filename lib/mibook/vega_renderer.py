"""A myst-nb MIME renderer: Vega-Lite 5 outputs become kernel-free explorers in the book.

myst-nb knows no ``application/vnd.vegalite.v5+json`` and would warn "skipping unknown output
mime type" (which fails a ``-W`` build).  This plugin, registered under the entry point group
``myst_nb.mime_renderers`` in ``pyproject.toml``, writes instead:

* a ``div.explorer`` holding an empty chart box, an ``aria-live`` summary for screen readers, an
  empty print snapshot and the specification itself as inline JSON (no fetch, so the page works
  from ``file://``);
* a small loader that loads Vega, Vega-Lite and vega-embed once per page from the book's own
  ``_static/vega/`` (copied there by ``site/vendor_vega.py``; no other host), lowers the chart's
  ``columns`` until its panels fit the text column, draws it with the SVG renderer (its text is
  text: measurable, selectable and read by screen readers), keeps the summary in step with the
  controls, and copies the default state into the print snapshot.

The notebook output itself stays the Vega-Lite mime type and ``text/plain`` only, which
JupyterLab draws with its built-in renderer.
"""

from __future__ import annotations

import html
import json
from typing import ClassVar

from docutils import nodes

from .vega import VEGALITE_MIME

__all__ = ["LOADER_JS", "VegaLiteRenderer", "explorer_html"]

#: Loads the vendored scripts once per page, then draws every explorer not yet drawn.
LOADER_JS = r"""
(() => {
  const root = document.documentElement.dataset.content_root;
  const base = (root === undefined ? '' : root) + '_static/vega/';
  const load = (name) => new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = base + name;
    script.onload = resolve;
    script.onerror = () => reject(new Error('explorer: could not load ' + script.src));
    document.head.appendChild(script);
  });
  if (!window.infotheoryVega) {
    window.infotheoryVega = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js']
      .reduce((ready, name) => ready.then(() => load(name)), Promise.resolve());
  }
  const SPACING = 12;
  // The most columns whose panels fit at minWidth, and the panel width that fills the column.
  const layoutFor = (meta, width) => {
    for (const columns of meta.columns) {
      const room = (width - (columns - 1) * SPACING) / columns - meta.overhead;
      if (room >= meta.minWidth) {
        return {columns, width: Math.min(meta.panelWidth, Math.floor(room))};
      }
    }
    return {columns: meta.columns[meta.columns.length - 1], width: meta.minWidth};
  };
  const resize = (node, from, to) => {
    if (Array.isArray(node)) {
      node.forEach((item) => resize(item, from, to));
    } else if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        if ((key === 'width' || key === 'height') && node[key] === from) node[key] = to;
        else if (key !== 'datasets') resize(node[key], from, to);
      }
    }
  };
  const summarise = (chart) => [
    ...chart.querySelectorAll('g[class*=" live_"] text'),
  ].map((node) => node.textContent.trim()).filter((text) => text !== '').join('; ');
  const draw = async (box) => {
    box.dataset.state = 'loading';
    const spec = JSON.parse(box.querySelector('script.explorer-spec').textContent);
    const chart = box.querySelector('.explorer-chart');
    const meta = (spec.usermeta || {}).explorer;
    const options = {renderer: 'svg', actions: false, mode: 'vega-lite'};
    let result;
    if (meta) {
      // The layout that should fit; while the drawing still overflows, fewer or narrower panels.
      // The box's content width (vega-embed makes the chart itself an inline-block).
      const style = getComputedStyle(box);
      const column = box.clientWidth
        - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      let available = column;
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const layout = layoutFor(meta, available);
        const sized = JSON.parse(JSON.stringify({...spec, datasets: {}}));
        resize(sized, meta.panelWidth, layout.width);
        if (result) result.finalize();
        result = await window.vegaEmbed(
          chart, {...sized, datasets: spec.datasets, columns: layout.columns}, options);
        const svg = chart.querySelector('svg');
        const overflow = svg ? svg.getBoundingClientRect().width - column : 0;
        if (overflow <= 0.5) break;
        available -= Math.ceil(overflow);
      }
    } else {
      result = await window.vegaEmbed(chart, spec, options);
    }
    const view = result.view;
    const summary = box.querySelector('.explorer-summary');
    const update = () => {
      summary.textContent = summarise(chart);
      box.dataset.updates = String(Number(box.dataset.updates || 0) + 1);
    };
    for (const param of spec.params || []) {
      // runAfter callbacks run before the SVG is redrawn; the timeout reads the new drawing.
      if (param.bind) {
        view.addSignalListener(param.name, () => view.runAfter(() => setTimeout(update, 0)));
      }
    }
    update();
    const snapshot = chart.querySelector('svg');
    if (snapshot) box.querySelector('.explorer-print').replaceChildren(snapshot.cloneNode(true));
    box.explorerView = view;
    box.dataset.state = 'ready';
  };
  window.infotheoryVega.then(() => {
    for (const box of document.querySelectorAll('div.explorer:not([data-state])')) {
      draw(box).catch((error) => {
        box.dataset.state = 'failed';
        console.error(error);
      });
    }
  }).catch((error) => console.error(error));
})();
"""


def _script_json(spec: dict) -> str:
    """The specification as compact JSON that cannot end its ``<script>`` element early."""
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def explorer_html(spec: dict) -> str:
    """The HTML the book shows for one Vega-Lite specification: chart box, data and loader.

    Parameters
    ----------
    spec : dict
        A Vega-Lite 5 specification, e.g. from :mod:`mibook.vega`.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``spec`` is not a dict.

    Examples
    --------
    >>> snippet = explorer_html({"mark": "point", "description": "A <b> chart"})
    >>> '<div class="explorer"' in snippet and "<b>" not in snippet
    True
    >>> json.loads(snippet.split('class="explorer-spec">')[1].split("</script>")[0])["description"]
    'A <b> chart'
    """
    if not isinstance(spec, dict):
        raise ValueError(f"spec must be a Vega-Lite specification (a dict); got {type(spec)}")
    label = html.escape(str(spec.get("description", "Interactive chart")), quote=True)
    return (
        '<div class="explorer">'
        f'<div class="explorer-chart" role="figure" aria-label="{label}"></div>'
        '<p class="explorer-summary" aria-live="polite"></p>'
        '<div class="explorer-print" aria-hidden="true"></div>'
        "<noscript>This interactive chart needs JavaScript; the figure above shows its "
        "default setting.</noscript>"
        f'<script type="application/json" class="explorer-spec">{_script_json(spec)}</script>'
        "</div>"
        f"<script>{LOADER_JS}</script>"
    )


class VegaLiteRenderer:
    """myst-nb MIME render plugin for ``application/vnd.vegalite.v5+json`` (HTML builders).

    Follows myst-nb's ``MimeRenderPlugin`` protocol: ``mime_priority_overrides`` ranks the
    Vega-Lite mime type above every other for the HTML builders, and :meth:`handle_mime`
    returns the raw HTML node, or ``None`` for any other output.
    """

    mime_priority_overrides: ClassVar[list[tuple[str, str, int]]] = [
        (builder, VEGALITE_MIME, 5) for builder in ("html", "dirhtml", "singlehtml", "readthedocs")
    ]

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != VEGALITE_MIME or inline:
            return None
        content = data.content
        spec = content if isinstance(content, dict) else json.loads(data.string)
        return [nodes.raw(text=explorer_html(spec), format="html", classes=["output", "text_html"])]
