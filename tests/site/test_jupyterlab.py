"""A saved notebook with an explorer output renders in JupyterLab, offline, with no kernel.

The notebook holds what a chapter's explorer cell saves: only
``application/vnd.vegalite.v5+json`` and ``text/plain``. JupyterLab (started on 127.0.0.1 with a
random free port, no token, no browser, on a temporary copy) must draw it with its built-in Vega
renderer, and the page must make no request to another host.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

from conftest import DESKTOP
from mibook.explorers import clustering_grid
from mibook.vega import VEGALITE_MIME, clustering_explorer

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def saved_notebook(folder: Path) -> Path:
    """A notebook with one explorer cell and its output, as a chapter's would be saved."""
    explorer = clustering_explorer(
        clustering_grid(90, reassign=(0.0, 0.05, 0.1), n_clusters=(2, 3))
    )
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {VEGALITE_MIME, "text/plain"}
    cell = nbformat.v4.new_code_cell(
        "vega.clustering_explorer(clustering_grid(90))",
        execution_count=1,
        outputs=[nbformat.v4.new_output("execute_result", data=bundle, execution_count=1)],
    )
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "explorer.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def jupyter_lab(tmp_path):
    """JupyterLab on 127.0.0.1 with no token, no browser and its own, empty settings."""
    work = tmp_path / "work"
    work.mkdir()
    saved_notebook(work)
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--ServerApp.root_dir={work}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    log = (tmp_path / "lab.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "api/status", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text()[-3000:]
                )
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_saved_explorer_renders_offline_in_jupyterlab(browser, jupyter_lab):
    # The session's Chromium (conftest.browser): one Playwright per process.
    elsewhere, errors = [], []
    context = browser.new_context(viewport=DESKTOP)

    def route(request_route):
        if urlsplit(request_route.request.url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            elsewhere.append(request_route.request.url)
            request_route.abort("blockedbyclient")

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(jupyter_lab + "lab/tree/explorer.ipynb", wait_until="domcontentloaded")
        page.locator(".jp-OutputArea-output .vega-embed").first.wait_for(timeout=90_000)
        drawn = page.locator(".jp-OutputArea-output .vega-embed :is(svg, canvas)")
        drawn.first.wait_for(timeout=30_000)
        assert drawn.count() >= 1
        # The Vega-Lite renderer, not a text/plain fallback.
        assert page.locator(".jp-OutputArea-output pre").count() == 0
        page.wait_for_timeout(1000)
    finally:
        context.close()
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"
    assert errors == []
