"""The nbval references must match the chapters they were executed from.

nbval re-executes each reference in ``tests/notebooks/`` and compares outputs; this
module guards the other direction, so an edited chapter with an old reference fails
instead of silently testing yesterday's code.
"""

from __future__ import annotations

import jupytext
import nbformat
import pytest

from refresh_notebooks import chapter_sources, reference_path


def _cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [
        (cell.cell_type, cell.source, sorted(cell.metadata.get("tags", [])))
        for cell in notebook.cells
    ]


@pytest.mark.parametrize("source", chapter_sources(), ids=lambda p: p.stem)
def test_reference_is_current(source):
    reference = reference_path(source)
    assert reference.exists(), f"no reference for {source.name}: run `make references`"
    expected = _cells(jupytext.read(source))
    actual = _cells(nbformat.read(reference, as_version=4))
    stale = f"{reference.name} is stale against {source.name}: run `make references`"
    assert actual == expected, stale


@pytest.mark.parametrize("source", chapter_sources(), ids=lambda p: p.stem)
def test_reference_was_executed_cleanly(source):
    notebook = nbformat.read(reference_path(source), as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.execution_count for cell in code)
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert output.get("name") != "stderr", f"stderr output in: {cell.source}"
