"""The book's machinery is a package of its own: it declares what it imports; myst-nb finds it.

(The library's side, numpy and scipy only, is tests/library/test_packaging.py.)
"""

from __future__ import annotations

import ast
import sys
from importlib import metadata
from pathlib import Path

import pytest

from mibook.vega_renderer import VegaLiteRenderer

ROOT = Path(__file__).resolve().parents[2]
MIBOOK = ROOT / "lib" / "mibook"


def _declared() -> set[str]:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")
    project = tomllib.loads((MIBOOK / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        for stop in "<>=!~;[ (":
            requirement = requirement.split(stop)[0]
        names.add(requirement.strip().lower().replace("_", "-"))
    return names


def _imports(path: Path) -> set[str]:
    """Top-level names of every absolute import in a module, lazy ones inside functions too."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_import_is_a_declared_dependency():
    declared = _declared()
    assert {"infotheory", "numpy", "matplotlib"} <= declared
    distributions = metadata.packages_distributions()  # module name -> distributions
    undeclared = {}
    for module in sorted(MIBOOK.rglob("*.py")):
        if "build" in module.relative_to(MIBOOK).parts:
            continue
        third_party = _imports(module) - set(sys.stdlib_module_names) - {"mibook"}
        missing = sorted(
            name
            for name in third_party
            if not {d.lower().replace("_", "-") for d in distributions.get(name, [name])} & declared
        )
        if missing:
            undeclared[module.relative_to(ROOT).as_posix()] = missing
    assert undeclared == {}, "lib/mibook/pyproject.toml does not declare these imports"


def test_myst_nb_finds_the_vega_lite_renderer():
    (entry,) = [
        entry
        for entry in metadata.entry_points(group="myst_nb.mime_renderers")
        if entry.name == "vegalite"
    ]
    assert entry.value == "mibook.vega_renderer:VegaLiteRenderer"
    assert entry.load() is VegaLiteRenderer
