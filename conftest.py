"""Root pytest configuration.

* names the doctests in ``lib/`` may use without importing;
* groups the tests for pytest-xdist (``make test`` runs ``-n auto --dist loadgroup``): what must
  run in one process, or had better, gets one ``xdist_group``;
* prints the browser tests' page weights at the end of the run and writes ``test-artifacts/``
  (``tests/site_artifacts.py``), from every worker's records.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import site_artifacts

# nbval compares numbers in outputs at a stated precision (tests/nbval_floats.py); pytester
# runs nbval itself in tests/test_nbval_floats.py.
pytest_plugins = ["nbval_floats", "pytester"]

ROOT = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    doctest_namespace["np"] = np


def _xdist_group(item: pytest.Item) -> str | None:
    """The group a test must share a worker with, or None to let xdist place it anywhere."""
    # nbval: a notebook's cells run in order in one kernel, so all of them on one worker.
    if item.path.suffix == ".ipynb":
        return f"notebook-{item.path.stem}"
    # A page's browser checks share its settled windows and its visit (``settled`` and ``visit``
    # in tests/site/conftest.py): one worker checks a page, all at once.
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "page_path" in callspec.params:
        return f"page-{callspec.params['page_path']}"
    # Tests that share a module-scoped fixture (a grid, a sweep, a built wheel) compute it once.
    fixture_info = getattr(item, "_fixtureinfo", None)
    for definitions in getattr(fixture_info, "name2fixturedefs", {}).values():
        if definitions and definitions[-1].scope in {"module", "package", "class"}:
            return f"module-{item.path.relative_to(ROOT).as_posix()}"
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks (--dist loadgroup)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    first: dict[str, int] = {}
    order = []
    for index, item in enumerate(items):
        group = _xdist_group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
            first.setdefault(group, index)
        order.append(first[group] if group is not None else index)
    # Each group's tests run one after the other, in one process too (so a page's checks find
    # its windows still open): each moves up to where its group first appears.
    ranked = sorted(range(len(items)), key=order.__getitem__)
    items[:] = [items[index] for index in ranked]


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller merges and writes
        workeroutput["site_artifacts"] = site_artifacts.dumps()
        return
    site_artifacts.write(ARTIFACTS)


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook, on the controller
def pytest_testnodedown(node, error) -> None:
    records = getattr(node, "workeroutput", {}).get("site_artifacts")
    if records:
        site_artifacts.merge(records)


def pytest_terminal_summary(terminalreporter) -> None:
    pages = site_artifacts.RECORDS.get("site-pages")
    if not pages:
        return
    terminalreporter.section(
        "site: weight of each page (offline, empty cache, gzip as a host serves it)"
    )
    for page, seen in sorted(pages.items()):
        blocked = seen["blocked"]
        terminalreporter.write_line(
            f"{page:36s} {seen['transfer_bytes'] / 1e6:6.2f} MB transferred "
            f"({seen['decoded_bytes'] / 1e6:5.2f} MB decoded) in {seen['requests']:3d} requests, "
            f"{len(blocked)} blocked off-site" + (f": {', '.join(blocked)}" if blocked else "")
        )
    terminalreporter.write_line(f"screenshots: {(ARTIFACTS / 'screenshots').relative_to(ROOT)}/")
