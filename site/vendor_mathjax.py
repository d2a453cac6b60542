"""Copy the MathJax 3 files the book's pages load into ``site/vendor/mathjax``.

``npm ci`` installs the pinned MathJax into ``node_modules``; Sphinx then copies
``site/vendor`` into the built site's ``_static`` (``html_static_path``), and ``mathjax_path``
points at ``mathjax/tex-chtml.js`` there, so math renders with no request to another host.

Only what the CommonHTML TeX component fetches at run time is copied: the component itself,
the woff-v2 fonts its stylesheet names (a browser downloads only the faces a page uses), and
the TeX extensions its ``autoload`` package requests the first time a page uses one of their
macros (``\\boldsymbol``, ``\\cancel``, ...). Run from the repository root: ``python
site/vendor_mathjax.py``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "mathjax" / "es5"
TARGET = Path(__file__).resolve().parent / "vendor" / "mathjax"

# Paths relative to SOURCE: a file, or a folder copied whole.
NEEDED = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
)
# The bundle of every TeX extension, for the tex-*-full components only; autoload never asks.
SKIPPED = ("all-packages.js",)


def main() -> int:
    manifest = SOURCE.parent / "package.json"
    if not manifest.is_file():
        print("node_modules/mathjax is missing: run `npm ci` first.", file=sys.stderr)
        return 1
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    # MathJax 4 renames the components and font packages this script copies.
    if not version.startswith("3."):
        print(f"MathJax 3 expected, found {version}; see package.json.", file=sys.stderr)
        return 1
    shutil.rmtree(TARGET, ignore_errors=True)
    for relative in NEEDED:
        source, target = SOURCE / relative, TARGET / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        # shutil.copy stamps the copies with the current time, so make sees them as up to date.
        if source.is_dir():
            shutil.copytree(
                source, target, ignore=shutil.ignore_patterns(*SKIPPED), copy_function=shutil.copy
            )
        else:
            shutil.copy(source, target)
    size = sum(path.stat().st_size for path in TARGET.rglob("*") if path.is_file())
    print(f"Copied MathJax {version} ({size / 1e6:.1f} MB) into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
