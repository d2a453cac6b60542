"""The nbval references survive a change of CPU but still catch a real change of a number.

Two directions, on the real references in ``tests/notebooks/``: every glued float perturbed by a
few ulps (relative 1e-13, far more than the ~1e-16 that differs between CPUs) still matches; one
glued float changed by a relative 1e-7 (far less than any real change of a result) does not.
A last pair of tests runs nbval itself on a small notebook, so the plugin is known to be in force
where nbval compares, not only in these helper functions.
"""

from __future__ import annotations

import copy
import json
import math
import textwrap
from pathlib import Path

import nbformat
import pytest

from nbval_floats import NUMBER, as_comparable, texts_match

REFERENCES = sorted((Path(__file__).parent / "notebooks").glob("*.ipynb"))
GLUE_MIME = "application/papermill.record/text/plain"


def _glued_values(notebook: nbformat.NotebookNode) -> list[tuple[dict, str]]:
    """(output data, value) for every glued plain-text record holding a non-integer number."""
    glued = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            value = data.get(GLUE_MIME)
            if value is not None and any(c in t for t in NUMBER.findall(value) for c in ".eE"):
                glued.append((data, value))
    return glued


def _perturb(text: str, relative: float) -> str:
    """Every non-integer number in ``text`` multiplied by ``1 + relative`` and printed in full."""

    def shift(match):
        token = match.group()
        if not any(c in token for c in ".eE"):
            return token
        return repr(float(token) * (1 + relative))

    return NUMBER.sub(shift, text)


def _same_outputs(reference: nbformat.NotebookNode, other: nbformat.NotebookNode) -> bool:
    """Compare every output value as the plugin makes nbval compare them."""
    for cell_a, cell_b in zip(reference.cells, other.cells, strict=True):
        for out_a, out_b in zip(cell_a.get("outputs", []), cell_b.get("outputs", []), strict=True):
            for key, value in out_a.get("data", {}).items():
                if as_comparable(value) != as_comparable(out_b["data"][key]):
                    return False
    return True


def test_references_hold_glued_floats():
    # Guards the tests below against passing vacuously on references without numbers.
    counts = {p.stem: len(_glued_values(nbformat.read(p, as_version=4))) for p in REFERENCES}
    assert sum(counts.values()) >= 50, counts


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.stem)
def test_every_glued_float_perturbed_by_a_few_ulps_matches(path):
    reference = nbformat.read(path, as_version=4)
    perturbed = copy.deepcopy(reference)
    changed = 0
    for data, value in _glued_values(perturbed):
        data[GLUE_MIME] = _perturb(value, 1e-13)
        changed += data[GLUE_MIME] != value
    assert changed or not _glued_values(reference)
    assert _same_outputs(reference, perturbed)


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.stem)
def test_one_glued_float_changed_by_1e_7_fails(path):
    reference = nbformat.read(path, as_version=4)
    glued = _glued_values(reference)
    if not glued:
        pytest.skip(f"{path.name} glues no float")
    changed = copy.deepcopy(reference)
    # A record whose numbers are all zero cannot change by a relative amount: take the middle one
    # of those that hold a non-zero number.
    candidates = [
        (data, value)
        for data, value in _glued_values(changed)
        if any(float(t) != 0 for t in NUMBER.findall(value) if any(c in t for c in ".eE"))
    ]
    data, value = candidates[len(candidates) // 2]
    data[GLUE_MIME] = _perturb(value, 1e-7)
    assert not _same_outputs(reference, changed)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("0.002154647039517497", "0.0021546470395174965", True),  # the CPU difference of issue 9
        ("0.2938933324510595", "0.2938933324510594", True),
        ("I = 0.25 nats", "I = 0.2500000001 nats", True),  # relative 4e-10: within 1e-9
        ("I = 0.25 nats", "I = 0.250000001 nats", False),  # relative 4e-9: a real change
        ("I = 0.25 nats", "I = 0.25 bits", False),  # text around numbers must match exactly
        ("n = 1000", "n = 1001", False),  # integers must match exactly
        ("0.0", "3e-17", True),  # round-off around zero
        ("0.0", "1e-13", False),
        ("inf", "inf", True),
        ("[1.0, 2.0]", "[1.0, 2.0, 3.0]", False),
        ("x2 = 0.5", "x3 = 0.5", False),  # digits inside names are text
    ],
)
def test_texts_match(a, b, same):
    assert texts_match(a, b) is same
    assert (as_comparable(a) == b) is same


def test_json_outputs_compare_numbers_at_the_same_precision():
    spec = {"data": {"values": [{"mi": 0.2938933324510595, "bins": 20}]}, "mark": "bar"}
    close = copy.deepcopy(spec)
    close["data"]["values"][0]["mi"] = 0.2938933324510594
    far = copy.deepcopy(spec)
    far["data"]["values"][0]["mi"] = 0.29389336
    assert as_comparable(spec) == as_comparable(close)
    assert as_comparable(spec) != as_comparable(far)


NOTEBOOK_CELL = textwrap.dedent(
    """\
    import math
    value = math.log(2) / 3
    print(value)
    value
    """
)
# What the kernel shows for that cell: the printed line, then the value (Python's repr, the same
# in this process as in the kernel). The reference is written directly, without a kernel of its
# own: nbval then runs the cell, so a wrong guess here would fail the "passed" case below.
VALUE = math.log(2) / 3


def _executed(source: str, outputs: list) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, execution_count=1, outputs=outputs)
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return notebook


def _tiny_reference(tmp_path: Path, relative: float) -> Path:
    """The cell's outputs as a reference, with every float shifted by ``relative``."""
    shown = _perturb(repr(VALUE), relative)
    notebook = _executed(
        NOTEBOOK_CELL,
        [
            nbformat.v4.new_output("stream", name="stdout", text=shown + "\n"),
            nbformat.v4.new_output("execute_result", {"text/plain": shown}, execution_count=1),
        ],
    )
    path = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, path)
    return path


def _run_nbval(pytester: pytest.Pytester, *args: str) -> dict[str, int]:
    """nbval in a fresh pytest process, with only the plugins named here (startup is most of it).

    The callers set ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` (the ``no_autoload`` fixture).
    """
    common = ["-p", "nbval", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider"]
    common += ["-o", "addopts=", "-o", f"pythonpath={Path(__file__).parent}"]
    return pytester.runpytest_subprocess(*common, *args).parseoutcomes()


@pytest.fixture
def no_autoload(monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.mark.usefixtures("no_autoload")
@pytest.mark.parametrize(("relative", "outcome"), [(1e-13, "passed"), (1e-7, "failed")])
def test_nbval_itself_compares_at_the_stated_precision(pytester, tmp_path, relative, outcome):
    reference = _tiny_reference(tmp_path, relative)
    counts = _run_nbval(pytester, "-p", "nbval_floats", str(reference))
    assert counts.get(outcome) == 1, json.dumps(counts)


SVG_CELL = (
    "from IPython.display import SVG\n"
    'SVG(\'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\')'
)


@pytest.mark.usefixtures("no_autoload")
def test_nbval_skips_svg_figures_as_it_skips_png(pytester, tmp_path):
    # References are stored without images (make references), so the reference holds the cell's
    # text output alone; when nbval runs it, the kernel adds the SVG. The image tests check figures.
    notebook = _executed(
        SVG_CELL,
        [
            nbformat.v4.new_output(
                "execute_result",
                {"text/plain": "<IPython.core.display.SVG object>"},
                execution_count=1,
            )
        ],
    )
    path = tmp_path / "svg.ipynb"
    nbformat.write(notebook, path)
    assert _run_nbval(pytester, "-p", "nbval_floats", str(path)) == {"passed": 1}
    # Without the plugin nbval reports the SVG as an unexpected output, so the test above can fail.
    assert _run_nbval(pytester, str(path)).get("failed") == 1
