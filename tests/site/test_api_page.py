"""The API reference: every public name of ``infotheory`` has an entry on ``chapters/api.html``.

The page is generated at build time by ``site/api_reference.py`` (see its docstring). The tests
read the built site's object inventory (``objects.inv``, which Sphinx writes from the entries it
documented) and the page itself, so they need ``make book`` first, like the other site tests; the
tests of the extension's own helpers need no build.
"""

from __future__ import annotations

import importlib.util
import posixpath
import re
import sys
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

import infotheory

ROOT = Path(__file__).resolve().parents[2]
PAGE = "chapters/api.html"


def _load_extension():
    # site/ is not a package, and `import site` would be the standard library's module.
    spec = importlib.util.spec_from_file_location("api_reference", ROOT / "site/api_reference.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


api_reference = _load_extension()


def documented(site: Path) -> dict[str, str]:
    """Python objects in the site's inventory: full name -> page and anchor."""
    with (site / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    return {
        name: entry[2]
        for role, objects in inventory.items()
        if role.startswith("py:")
        for name, entry in objects.items()
    }


def missing_entries(names: list[str], objects: dict[str, str]) -> list[str]:
    """Names without an entry ``infotheory.<name>`` on the API page."""
    return [
        name for name in names if objects.get(f"infotheory.{name}", "").partition("#")[0] != PAGE
    ]


@pytest.fixture(scope="module")
def objects(site_dir) -> dict[str, str]:
    return documented(site_dir)


def test_every_public_name_has_an_entry_on_the_api_page(objects):
    assert infotheory.__all__, "infotheory.__all__ is empty"
    assert missing_entries(infotheory.__all__, objects) == []


def test_each_entry_is_an_anchor_on_the_page(site_dir, objects):
    html = (site_dir / PAGE).read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for name in infotheory.__all__:
        anchor = objects[f"infotheory.{name}"].partition("#")[2]
        # A submodule in __all__ (infotheory.tasks) is anchored as Sphinx anchors modules.
        assert anchor in (f"infotheory.{name}", f"module-infotheory.{name}"), name
        assert anchor in ids, f"{PAGE} has no element with id {anchor!r}"


def test_the_check_fails_when_a_name_has_no_entry(objects):
    # The same check on the real inventory, with one entry taken out and one name added that the
    # library does not have: both are reported, so the test above can fail.
    dropped = dict(objects)
    del dropped["infotheory.mutual_information"]
    names = [*infotheory.__all__, "not_a_public_name"]
    assert missing_entries(names, dropped) == ["mutual_information", "not_a_public_name"]
    # An entry that exists but lives on another page does not count either.
    moved = {**objects, "infotheory.entropy": "chapters/estimation.html#infotheory.entropy"}
    assert missing_entries(["entropy", "kl_divergence"], moved) == ["entropy"]


def test_the_version_is_documented_with_its_value(site_dir, objects):
    assert objects["infotheory.__version__"] == f"{PAGE}#infotheory.__version__"
    html = (site_dir / PAGE).read_text(encoding="utf-8")
    entry = html[html.index('id="infotheory.__version__"') :][:2000]
    assert repr(infotheory.__version__) in entry.replace("&#39;", "'")


def test_docstring_formulas_and_examples_are_on_the_page(site_dir):
    html = (site_dir / PAGE).read_text(encoding="utf-8")
    entry = html[html.index('id="infotheory.mutual_information"') :]
    entry = entry[: entry.index('<dl class="py')]  # up to the next entry
    # The docstring's `.. math::` block, for MathJax to typeset, and its doctest example.
    assert re.search(r'<div class="math[^"]*"[^>]*>\s*\\\[\\hat I = \\sum_\{ij\}', entry)
    assert re.search(r'<div class="doctest[^"]*">.*&gt;&gt;&gt;', entry, re.DOTALL)
    # No reference left unresolved: docutils marks one "problematic".
    assert 'class="problematic"' not in html


# The extension's helpers, without a build.


def test_the_generated_page_has_one_directive_per_name():
    text = api_reference.generate()
    for name in infotheory.__all__:
        found = re.findall(rf"^\.\. (?:auto\w+|py:data):: (?:infotheory\.)?{name}$", text, re.M)
        assert len(found) == 1, (name, found)
    assert text.count(".. py:data:: __version__") == 1


def test_a_name_from_an_unknown_module_still_gets_an_entry():
    Entry = api_reference.Entry
    found = [
        Entry("entropy", "discrete", "autofunction", 66),
        Entry("brand_new", "a_module_nobody_grouped", "autofunction", 1),
    ]
    groups = {
        heading: [e.name for e in members]
        for (_, heading, _), members in api_reference.grouped(found)
    }
    assert groups == {
        "Labels: entropy, divergence and mutual information": ["entropy"],
        "Other names": ["brand_new"],
    }


@pytest.mark.parametrize(
    ("doc", "sentence"),
    [
        # autosummary's own extract_summary cuts this one after "``0 ." (Sphinx 7.4).
        (
            "Bin continuous samples into integer labels ``0 .. bins - 1``.\n\nMore.",
            "Bin continuous samples into integer labels ``0 .. bins - 1``.",
        ),
        ("Entropy :math:`H(X) = -\\sum p. \\log p` of p. Second.", None),
        ("One line\nover two. Second sentence.", "One line over two."),
        ("No full stop", "No full stop"),
    ],
)
def test_first_sentence_never_cuts_inline_markup(doc, sentence):
    expected = sentence or "Entropy :math:`H(X) = -\\sum p. \\log p` of p."
    assert api_reference.first_sentence(doc) == expected


def test_references_get_labels_of_their_own_object():
    lines = [
        "Removes the bias [2]_, see [1]_ and [a]_.",
        "",
        ".. rubric:: References",
        "",
        ".. [1] T. M. Cover and J. A. Thomas.",
        ".. [2] G. A. Miller.",
    ]
    api_reference._label_references_per_object(
        None, "function", "infotheory.mutual_information", None, None, lines
    )
    assert lines == [
        "Removes the bias [mutual_information-2]_, see [mutual_information-1]_ and [a]_.",
        "",
        ".. rubric:: References",
        "",
        ".. [mutual_information-1] T. M. Cover and J. A. Thomas.",
        ".. [mutual_information-2] G. A. Miller.",
    ]
