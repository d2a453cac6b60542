"""Sphinx extension: offer each MyST-notebook page for download as ``.ipynb``.

sphinx-book-theme lists an ``.ipynb`` entry in its download menu only when the page context
has ``ipynb_source``, and it sets that only while building launch buttons (Binder, Colab, ...),
which this book does not use because it runs offline. This extension copies the notebook
myst-nb executed for the page (``_build/jupyter_execute/<page>.ipynb``, outputs included) into
``_sources/`` beside the ``.md`` source and sets ``ipynb_source``, so the menu offers both.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def _add_notebook_download(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or context.get("ipynb_source"):
        return
    if "kernelspec" not in app.env.metadata.get(pagename, {}):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict[str, Any]:
    # The theme builds its download menu at priority 501; the context must be ready before.
    app.connect("html-page-context", _add_notebook_download, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
