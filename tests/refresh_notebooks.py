"""Rebuild the executed reference notebooks that nbval compares the chapters against.

Run ``make references`` (or ``python tests/refresh_notebooks.py``) after changing a chapter
or the library; review the diff of ``tests/notebooks/`` before committing it.  The
references live outside ``chapters/`` because an ``.ipynb`` beside a ``.md`` of the same
name would make the book build the wrong file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
REFERENCES = ROOT / "tests" / "notebooks"


def chapter_sources() -> list[Path]:
    """The chapter pages that hold code cells (the MyST notebooks)."""
    return sorted(p for p in CHAPTERS.glob("*.md") if "```{code-cell}" in p.read_text())


def reference_path(source: Path) -> Path:
    return REFERENCES / f"{source.stem}.ipynb"


def _drop_images(notebook) -> None:
    """Remove what nbval never compares: the figures (PNG and SVG outputs).

    The figures are checked by the library's image tests; keeping them here would only
    make every reference several megabytes.
    """
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in [m for m in data if m.startswith("image/")]:
                del data[mime]


def refresh(source: Path) -> Path:
    """Convert one chapter to a notebook, execute it where the book does, and save it."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    notebook = jupytext.read(source)
    resources = {"metadata": {"path": str(CHAPTERS)}}
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources=resources).execute()
    _drop_images(notebook)
    target = reference_path(source)
    nbformat.write(notebook, target)
    return target


def main(names: list[str]) -> None:
    REFERENCES.mkdir(parents=True, exist_ok=True)
    sources = [CHAPTERS / f"{n}.md" for n in names] if names else chapter_sources()
    for source in sources:
        print(f"executed {source.relative_to(ROOT)} -> {refresh(source).relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
