"""The library stands on its own: numpy and scipy are all it imports, and all its wheel requires.

Three checks, from cheap to thorough:

* a fresh interpreter that imports ``infotheory`` holds none of the book's packages in
  ``sys.modules`` (matplotlib, altair, ipywidgets, IPython, scikit-learn, pandas, mibook);
* no module of the library imports anything but the standard library, numpy, scipy and itself,
  not even lazily inside a function (which the first check cannot see);
* a wheel built from the repository holds the library alone (no mibook, no chapters, with
  ``py.typed``), names BSD-3-Clause and requires numpy and scipy and nothing else; installed into
  a fresh virtualenv (no system site-packages), it pulls in numpy and scipy only and computes
  what the source tree computes.

The wheel test asks pip for numpy and scipy at the versions installed here (pip's cache serves
them; for an offline run set ``PIP_NO_INDEX=1`` and ``PIP_FIND_LINKS`` to a folder of wheels, which
pip reads from the environment).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

import infotheory

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "lib" / "infotheory"

# What the book uses and the library must never pull in (top-level module names).
BOOK_ONLY = {"matplotlib", "altair", "ipywidgets", "sklearn", "IPython", "pandas", "mibook"}
# Third-party packages the library may import, and the distributions its wheel may require.
ALLOWED_IMPORTS = {"numpy", "scipy"}
ALLOWED_REQUIREMENTS = {"numpy", "scipy"}


def _clean_env() -> dict[str, str]:
    """The environment for a child interpreter, without a PYTHONPATH that would leak tests/."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def test_import_pulls_in_no_book_package():
    # A child interpreter, since this one has long imported matplotlib (tests/conftest.py).
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, infotheory; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=_clean_env(),
        cwd=ROOT,
        timeout=120,
    )
    loaded = {name.split(".")[0] for name in json.loads(done.stdout)}
    assert "infotheory" in loaded  # the check would pass vacuously if the import went elsewhere
    assert "numpy" in loaded
    assert sorted(loaded & BOOK_ONLY) == []


def _imported_top_level(path: Path) -> set[str]:
    """Top-level names of every absolute import in a module, at any depth (lazy ones too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_library_modules_import_only_numpy_scipy_and_the_standard_library():
    modules = sorted(LIBRARY.rglob("*.py"))
    assert len(modules) > 5  # the scan found the library
    outside = {}
    for module in modules:
        foreign = (
            _imported_top_level(module)
            - set(sys.stdlib_module_names)
            - ALLOWED_IMPORTS
            - {"infotheory"}
        )
        if foreign:
            outside[module.relative_to(ROOT).as_posix()] = sorted(foreign)
    assert outside == {}, "the library imports packages beyond numpy and scipy"


def _requirement_name(requirement: str) -> str:
    """The distribution name of a Requires-Dist line, e.g. 'numpy' from 'numpy>=1.26'."""
    for stop in "<>=!~;[ (":
        requirement = requirement.split(stop)[0]
    return requirement.strip().lower()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the files the build reads.

    The copy keeps setuptools' ``build/`` folder and egg-info out of the working tree (a stale
    ``build/lib`` can even put a deleted module back into a later wheel). pip builds it in its
    usual isolated environment, with the setuptools that ``pyproject.toml`` asks for.
    """
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE-text"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        LIBRARY,
        source / "lib" / "infotheory",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        check=True,
        env=_clean_env(),
        timeout=600,
    )
    (built,) = out.glob("infotheory-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_the_library_alone(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        dist_info = f"infotheory-{infotheory.__version__}.dist-info"
        meta = Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode("utf-8"))
    packaged = {name for name in names if not name.startswith(dist_info + "/")}
    # Every module of lib/infotheory, its py.typed marker, and nothing else.
    expected = {
        path.relative_to(LIBRARY.parent).as_posix()
        for path in LIBRARY.rglob("*")
        if path.is_file()
        and (path.suffix == ".py" or path.name == "py.typed")
        and "__pycache__" not in path.parts
    }
    assert "infotheory/py.typed" in expected
    assert packaged == expected
    assert not [name for name in names if "mibook" in name or "chapters" in name]
    # Only the code's licence ships: the wheel holds none of the book's CC BY 4.0 text.
    assert [n for n in names if "licenses/" in n] == [f"{dist_info}/licenses/LICENSE"]

    assert meta["Name"] == "infotheory"
    assert meta["Version"] == infotheory.__version__
    assert meta["License-Expression"] == "BSD-3-Clause"
    assert "Typing :: Typed" in meta.get_all("Classifier")
    requirements = meta.get_all("Requires-Dist") or []
    assert sorted(_requirement_name(r) for r in requirements) == sorted(ALLOWED_REQUIREMENTS)


# Run inside the fresh virtualenv: where the library came from, what is installed beside it,
# and a few results (the same code runs in this process against the source tree).
SMOKE = textwrap.dedent(
    """
    import json, sys
    from importlib import metadata
    from pathlib import Path
    import infotheory as it
    x, y = it.sample_gaussian_pair(4000, 0.8, seed=0)
    labels = [0, 0, 1, 1, 2, 2]
    print(json.dumps({
        "file": it.__file__,
        "typed": (Path(it.__file__).parent / "py.typed").is_file(),
        "version": it.__version__,
        "distributions": sorted(d.metadata["Name"].lower() for d in metadata.distributions()),
        "modules": sorted({m.split(".")[0] for m in sys.modules}),
        "results": {
            "entropy_uniform4": it.entropy([0.25] * 4),
            "mi_identical": it.mutual_information([0, 0, 1, 1], [0, 0, 1, 1]),
            "mi_identical_bits": it.mutual_information([0, 0, 1, 1], [0, 0, 1, 1], base=2),
            "mi_independent": it.mutual_information([0, 0, 1, 1], [0, 1, 0, 1]),
            "ami_identical": it.adjusted_mutual_information(labels, labels),
            "ksg_gaussian": it.ksg_mutual_information(x, y),
        },
    }))
    """
)


@pytest.mark.slow
def test_wheel_installs_alone_into_a_fresh_virtualenv(wheel, tmp_path):
    venv = tmp_path / "venv"
    # Not --system-site-packages: the fresh environment sees nothing of this one.
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    # The numpy and scipy installed here, so that the results below are comparable to the last bit
    # and pip's cache serves them.
    pins = tmp_path / "constraints.txt"
    pins.write_text(
        "".join(f"{name}=={metadata.version(name)}\n" for name in sorted(ALLOWED_REQUIREMENTS)),
        encoding="utf-8",
    )
    # --no-compile: byte-compiling scipy's thousands of modules is most of an install's time.
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-compile", "-c", pins, wheel],
        check=True,
        env=_clean_env(),
        timeout=900,
    )
    done = subprocess.run(
        [str(python), "-I", "-c", SMOKE],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,  # not the repository, whose lib/ must not be what gets imported
        env=_clean_env(),
        timeout=300,
    )
    seen = json.loads(done.stdout)

    assert Path(seen["file"]).resolve().is_relative_to(venv.resolve())
    assert seen["typed"]
    assert seen["version"] == infotheory.__version__
    # A new venv holds pip (and, before Python 3.12, setuptools); the wheel added numpy and scipy.
    assert set(seen["distributions"]) - {"pip", "setuptools"} == {"infotheory", "numpy", "scipy"}
    assert sorted(set(seen["modules"]) & BOOK_ONLY) == []

    results = seen["results"]
    # Closed forms, to round-off (rel 1e-12: a handful of float operations).
    assert results["entropy_uniform4"] == pytest.approx(np.log(4), rel=1e-12)
    assert results["mi_identical"] == pytest.approx(np.log(2), rel=1e-12)
    assert results["mi_identical_bits"] == pytest.approx(1.0, rel=1e-12)
    assert results["mi_independent"] == pytest.approx(0.0, abs=1e-15)
    assert results["ami_identical"] == pytest.approx(1.0, rel=1e-12)
    # KSG on 4000 Gaussian pairs, rho = 0.8: the exact MI is 0.511 nats, and KSG's sd at this n is
    # about 0.01, so 0.05 is five sd.
    exact = infotheory.gaussian_mutual_information(0.8)
    assert results["ksg_gaussian"] == pytest.approx(exact, abs=0.05)
    # The installed wheel and the source tree run the same code on the same numpy and scipy.
    x, y = infotheory.sample_gaussian_pair(4000, 0.8, seed=0)
    assert results["ksg_gaussian"] == pytest.approx(
        infotheory.ksg_mutual_information(x, y), rel=1e-12
    )
