"""What the browser tests record for the end of the run: each page's weight, figure text sizes.

A test records a JSON-able value under an artifact name and a path of keys, e.g.
``record("figure-text", "chapters/clustering.html", "375px", value=9.5)``. At the end of the run
the root ``conftest.py`` prints the pages' weights and writes one ``test-artifacts/<name>.json``
per artifact. Under pytest-xdist each worker records what it saw; the root conftest sends a
worker's records to the controller (``workeroutput``), which merges them, so the files and the
summary cover the whole run whichever worker visited a page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# artifact name -> nested dicts of keys -> JSON-able values
RECORDS: dict[str, dict[str, Any]] = {}


def record(artifact: str, *keys: str, value: Any) -> None:
    """Store ``value`` at ``RECORDS[artifact][keys[0]][keys[1]]...``."""
    node = RECORDS.setdefault(artifact, {})
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def _merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def dumps() -> str:
    """This process's records, as a worker sends them to the controller."""
    return json.dumps(RECORDS)


def merge(serialised: str) -> None:
    """Add a worker's records (from :func:`dumps`) to this process's."""
    _merge(RECORDS, json.loads(serialised))


def write(directory: Path) -> list[Path]:
    """Write one ``<name>.json`` per artifact recorded; returns the files written."""
    written = []
    for name, entries in sorted(RECORDS.items()):
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.json"
        path.write_text(json.dumps(entries, indent=2, sort_keys=True), encoding="utf-8")
        written.append(path)
    return written
