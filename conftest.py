"""Root pytest configuration.

* names the doctests in ``lib/`` may use without importing;
* the units of work for pytest-xdist (``make test`` runs ``-n auto --dist loadscope``): what
  must run in one process, or had better, is one unit (``work_unit``);
* prints the browser tests' page weights at the end of the run and writes ``test-artifacts/``
  (``tests/site_artifacts.py``), from every worker's records.
"""

from __future__ import annotations

import re
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


# Test ids of the browser checks name the page they check, e.g. "[chapters/clustering.html-375px]".
_PAGE_IN_ID = re.compile(r"\[(?:.*?-)??([\w./]+?\.html)(?:[-\]])")


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: a unit runs in one process, its tests in order.

    * a test module, or a notebook (nbval: its cells run in order in one kernel), is a unit, so a
      module-scoped fixture (a grid, a sweep, a built wheel) is computed once;
    * a browser check of a page (tests/site, the page in its id) goes with the page's other
      checks, which share its settled windows and its visit (``settled`` and ``visit`` in
      tests/site/conftest.py); any other browser test, which shares only session fixtures, is a
      unit of its own.
    """
    path, _, rest = nodeid.partition("::")
    if path.startswith("tests/site/"):
        page = _PAGE_IN_ID.search(rest)
        return f"page {page.group(1)}" if page else nodeid
    return path


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook, on the controller
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope`` with the units of ``work_unit`` (``make test`` passes it).

    (Not ``--dist loadgroup``: with pytest 9.2 it groups nothing, because pytest-xdist 3.8 marks a
    group by rewriting ``item._nodeid``, which pytest 9 no longer reads, so a notebook's cells were
    scattered over the workers, each in a fresh kernel.)
    """
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return WorkUnitScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Each unit's tests one after the other, in one process too (so that a page's checks find
    # its windows still open): every test moves up to where its unit first appears.
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        first.setdefault(work_unit(item.nodeid), index)
    items.sort(key=lambda item: first[work_unit(item.nodeid)])


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
