"""Copy the vendored Vega, Vega-Lite and vega-embed scripts into ``site/vendor/vega``.

``npm ci`` installs the versions package-lock.json pins into ``node_modules``; Sphinx copies
``site/vendor`` into the built site's ``_static`` (``html_static_path``), where the explorers'
loader (``lib/mibook/vega_renderer.py``) finds them, so the kernel-free explorers draw with
no request to another host. Only the three minified UMD bundles the loader loads are copied, with
their licences. Run from the repository root: ``python site/vendor_vega.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
TARGET = Path(__file__).resolve().parent / "vendor" / "vega"

# npm package, its minified browser bundle, the major version the explorers are written for.
BUNDLES = (
    ("vega", "build/vega.min.js", "5."),
    ("vega-lite", "build/vega-lite.min.js", "5."),
    ("vega-embed", "build/vega-embed.min.js", "6."),
)


def main() -> int:
    found = []
    for package, bundle, major in BUNDLES:
        manifest = MODULES / package / "package.json"
        if not manifest.is_file():
            print(f"node_modules/{package} is missing: run `npm ci` first.", file=sys.stderr)
            return 1
        version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        # Altair 5 writes Vega-Lite 5, which JupyterLab 4 draws; see package.json.
        if not version.startswith(major):
            print(f"{package} {major}x expected, found {version}.", file=sys.stderr)
            return 1
        found.append((package, bundle, version))
    shutil.rmtree(TARGET, ignore_errors=True)
    TARGET.mkdir(parents=True)
    for package, bundle, _ in found:
        # Without the source-map comment: the maps are not shipped, so a reader's developer
        # tools would log a failed request for each.
        text = (MODULES / package / bundle).read_text(encoding="utf-8")
        text = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
        (TARGET / Path(bundle).name).write_text(text, encoding="utf-8")
        for name in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
            licence = MODULES / package / name
            if licence.is_file():
                shutil.copy(licence, TARGET / f"LICENSE.{package}")
                break
    size = sum(path.stat().st_size for path in TARGET.iterdir())
    versions = ", ".join(f"{package} {version}" for package, _, version in found)
    print(f"Copied {versions} ({size / 1e6:.1f} MB) into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
