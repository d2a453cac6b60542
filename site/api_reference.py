"""Sphinx extension: the API reference page, one entry for every name of ``infotheory.__all__``.

``chapters/api.md`` holds the page's prose and one marker line, ``<!-- infotheory-api -->``. When
Sphinx reads that page (the ``source-read`` event), the marker is replaced by MyST Markdown
generated from the package itself: one section per group of names, each with an autosummary table
and an autodoc entry (``autofunction``, ``autoclass``, ``autoexception``, ``autodata``) per name,
so a name added to ``__all__`` gets its entry, under the target ``infotheory.<name>``, without
anyone editing the page. Names are grouped by the module that defines them (``GROUPS``); a name
from a module without a group still gets an entry, under "Other names". No file is written: the
page is generated in memory on every build, so nothing is committed and nothing goes stale.

The docstrings are numpydoc, read by ``sphinx.ext.napoleon``. Napoleon does not do what numpydoc
does for ``References``: each docstring numbers its own references ``[1]``, ``[2]``, ..., which
on one page would be duplicate footnote targets (and every ``[1]_`` would point at the first
docstring's ``[1]``). ``_label_references_per_object`` gives them labels of their own per object.
autosummary's summary of a docstring can cut a literal in two; ``_Autosummary`` fixes that.
"""

from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import PycodeError
from sphinx.ext.autosummary import Autosummary
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

PACKAGE = "infotheory"
PAGE = "chapters/api"
MARKER = "<!-- infotheory-api -->"

# (module of the package, heading, one sentence on what the group is for), in page order.
GROUPS: tuple[tuple[str, str, str], ...] = (
    (
        "discrete",
        "Labels: entropy, divergence and mutual information",
        "Plug-in measures of discrete variables given as label arrays or probability vectors, "
        "and the tables they are computed from.",
    ),
    (
        "counts",
        "Counts",
        "Measures computed from a table of counts, for data counted elsewhere or in chunks.",
    ),
    (
        "estimators",
        "Estimators and tests",
        "The k-nearest-neighbour (KSG) estimator, the permutation test of independence and "
        "the first-order bias of the plug-in estimate.",
    ),
    (
        "uncertainty",
        "Uncertainty",
        "Standard errors of any estimator, by subsampling.",
    ),
    (
        "clustering",
        "Clustering scores",
        "Normalised and chance-adjusted mutual information between two labellings.",
    ),
    (
        "continuous",
        "Continuous variables",
        "k-nearest-neighbour estimates of differential entropy and of mutual information "
        "between continuous, or mixed, variables.",
    ),
    (
        "gaussian",
        "Gaussian closed forms",
        "Mutual information of a bivariate Gaussian and the informational correlation.",
    ),
    (
        "parametric",
        "Parametric estimators",
        "Mutual information under a Gaussian model of the data.",
    ),
    (
        "multivariate",
        "Three or more variables",
        "Co-information, interaction information and total correlation.",
    ),
    (
        "feature_selection",
        "Feature selection",
        "Ranking features by mutual information with a target.",
    ),
    (
        "tasks",
        "Benchmark tasks",
        "Distributions whose mutual information is known exactly, for testing estimators.",
    ),
    (
        "variational",
        "Variational bounds",
        "Lower bounds on mutual information computed from a critic's scores.",
    ),
    (
        "_validation",
        "Warnings",
        "Warning classes the library emits.",
    ),
)
OTHER = ("", "Other names", "Public names of modules not grouped above.")


@dataclass(frozen=True)
class Entry:
    name: str  # as exported: infotheory.<name>
    module: str  # the defining module, without the package prefix
    directive: str  # autofunction, autoclass, autoexception, autodata or automodule
    line: int  # where it is defined, to keep the library's own order within a group


def _defining_module(name: str, obj: Any) -> str:
    if inspect.ismodule(obj):
        return obj.__name__
    module = getattr(obj, "__module__", None)
    if isinstance(module, str) and module.startswith(PACKAGE + "."):
        return module
    # Data (a constant, a dict) has no __module__: find the submodule that holds the same object.
    package = importlib.import_module(PACKAGE)
    for attribute in vars(package).values():
        if (
            inspect.ismodule(attribute)
            and attribute.__name__.startswith(PACKAGE + ".")
            and getattr(attribute, name, None) is obj
        ):
            return attribute.__name__
    return PACKAGE


def _directive(obj: Any) -> str:
    if inspect.ismodule(obj):
        return "automodule"
    if inspect.isclass(obj):
        return "autoexception" if issubclass(obj, BaseException) else "autoclass"
    if callable(obj):
        return "autofunction"
    return "autodata"


def _line(obj: Any) -> int:
    try:
        return inspect.getsourcelines(obj)[1]
    except (TypeError, OSError):
        return 0


def entries(names: list[str] | None = None) -> list[Entry]:
    """One entry per name of ``infotheory.__all__`` (or of ``names``)."""
    package = importlib.import_module(PACKAGE)
    found = []
    for name in package.__all__ if names is None else names:
        obj = getattr(package, name)
        module = _defining_module(name, obj).removeprefix(PACKAGE).removeprefix(".")
        found.append(Entry(name, module, _directive(obj), _line(obj)))
    return found


def grouped(found: list[Entry]) -> list[tuple[tuple[str, str, str], list[Entry]]]:
    """The entries by group, in page order; a group without entries is left out."""
    known = {group[0] for group in GROUPS}
    groups = []
    for group in (*GROUPS, OTHER):
        members = [
            entry
            for entry in found
            if entry.module == group[0] or (group is OTHER and entry.module not in known)
        ]
        if members:
            groups.append((group, sorted(members, key=lambda e: (e.module, e.line, e.name))))
    return groups


def _class_members(obj: type) -> list[str]:
    """Public methods and properties the class itself defines (its fields are in its docstring)."""
    return [
        member
        for member, value in vars(obj).items()
        if not member.startswith("_")
        and (inspect.isfunction(value) or isinstance(value, (property, classmethod, staticmethod)))
        and getattr(value, "__doc__", None)
    ]


def _entry_rst(entry: Entry) -> list[str]:
    target = f"{PACKAGE}.{entry.name}"
    if entry.directive == "automodule":
        return [f".. automodule:: {PACKAGE}.{entry.module}", "   :members:", ""]
    if entry.directive == "autodata":
        return _data_rst(entry)
    lines = [f".. {entry.directive}:: {target}"]
    if entry.directive == "autoclass":
        obj = getattr(importlib.import_module(PACKAGE), entry.name)
        members = _class_members(obj)
        if members:
            lines.append(f"   :members: {', '.join(members)}")
    return [*lines, ""]


def _data_doc(name: str, module: str) -> list[str]:
    """The doc comment (``#:``) or docstring of a module-level constant."""
    try:
        docs = ModuleAnalyzer.for_module(module).find_attr_docs()
    except PycodeError:
        return []
    return list(docs.get(("", name), []))


def _data_rst(entry: Entry) -> list[str]:
    """A constant: autodoc would look for its doc comment in ``__init__.py``; it is elsewhere."""
    value = getattr(importlib.import_module(PACKAGE), entry.name)
    module = f"{PACKAGE}.{entry.module}" if entry.module else PACKAGE
    doc = _data_doc(entry.name, module)
    if not any(line.strip() for line in doc):
        LOGGER.warning("%s.%s has no doc comment (#: above it in %s)", PACKAGE, entry.name, module)
    lines = [f".. py:data:: {entry.name}"]
    shown = repr(value)
    # A short value (a tuple of names) is reference material; a long table is not.
    if len(shown) <= 60:
        lines.append(f"   :value: {shown}")
    return [*lines, "", *(f"   {line}" for line in doc), ""]


def generate() -> str:
    """The Markdown that replaces the marker: the version, then every group of names."""
    package = importlib.import_module(PACKAGE)
    parts = [
        "(api-package)=",
        "## The package",
        "",
        "```{eval-rst}",
        f".. automodule:: {PACKAGE}",
        "",
        # automodule made infotheory the current module: the target is infotheory.__version__.
        ".. py:data:: __version__",
        "   :type: str",
        f"   :value: {package.__version__!r}",
        "",
        "   The version of the library (PEP 440); the package metadata reads it from here.",
        "```",
        "",
    ]
    for (module, heading, blurb), members in grouped(entries()):
        label = "api-" + (module.strip("_").replace("_", "-") or "other")
        table = [f"   {entry.name}" for entry in members]
        body = [line for entry in members for line in _entry_rst(entry)]
        parts += [
            f"({label})=",
            f"## {heading}",
            "",
            blurb,
            "",
            "```{eval-rst}",
            f".. currentmodule:: {PACKAGE}",
            "",
            ".. autosummary::",
            "   :nosignatures:",
            "",
            *table,
            "",
            *body,
            "```",
            "",
        ]
    return "\n".join(parts)


def _insert_reference(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != PAGE:
        return
    if MARKER not in source[0]:
        LOGGER.warning("%s: no %s line to replace with the API reference", docname, MARKER)
        return
    source[0] = source[0].replace(MARKER, generate())
    # Rebuild the page when the library changes, not only when api.md does.
    package = importlib.import_module(PACKAGE)
    for path in sorted(Path(package.__file__).parent.glob("*.py")):
        app.env.note_dependency(str(path))


_REFERENCE_TARGET = re.compile(r"^(\s*\.\. \[)(\w+)(\])", re.MULTILINE)
_REFERENCE_USE = re.compile(r"\[(\w+)\]_")


def _label_references_per_object(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """``[1]`` -> ``[<name>-1]`` in one docstring, its targets and its uses alike.

    The labels become citations, unique to the object. (Not footnotes: MyST looks for a Markdown
    definition of every footnote on a page and warns about the reStructuredText ones.)
    """
    prefix = name.rsplit(".", 1)[-1]
    text = "\n".join(lines)
    labels = {label for _, label, _ in _REFERENCE_TARGET.findall(text)}
    if not labels:
        return
    text = _REFERENCE_TARGET.sub(lambda m: f"{m[1]}{prefix}-{m[2]}{m[3]}", text)
    text = _REFERENCE_USE.sub(lambda m: f"[{prefix}-{m[1]}]_" if m[1] in labels else m[0], text)
    lines[:] = text.split("\n")


# Inline markup (a literal, a role such as :math:`...`), or the full stop that ends a sentence.
_MARKUP_OR_STOP = re.compile(r"``.+?``|(?::[\w:+-]+:)?`[^`]+`_{0,2}|(\.)(?=\s|$)")


def first_sentence(doc: str) -> str:
    """The first sentence of a docstring: up to the first full stop outside inline markup.

    autosummary's own ``extract_summary`` (Sphinx 7.4) cuts at the first ". " even inside a
    literal (``0 .. bins - 1``), and then leaves the markup unbalanced.
    """
    paragraph = " ".join(inspect.cleandoc(doc or "").split("\n\n", 1)[0].split())
    for match in _MARKUP_OR_STOP.finditer(paragraph):
        if match[1]:
            return paragraph[: match.end()]
    return paragraph


def _uncited_references_are_a_reading_list(app: Sphinx, doctree: Any) -> None:
    """A reference a docstring lists without citing it in its text is further reading.

    Sphinx warns about a citation that nothing references; on this page that is by design (the
    docstring's References section is its bibliography), so they count as referenced here.
    """
    if app.env.docname != PAGE:
        return
    domain = app.env.get_domain("citation")
    for label, (docname, _id, _line) in domain.citations.items():
        if docname == PAGE:
            domain.citation_refs.setdefault(label, set()).add(PAGE)


class _Autosummary(Autosummary):
    """autosummary with each summary cut at a sentence's end, never inside inline markup."""

    def get_items(self, names: list[str]) -> list[tuple[str, str, str, str]]:
        items = []
        by_name = {f"{PACKAGE}.{entry.name}": entry for entry in entries()}
        for display, signature, summary, real_name in super().get_items(names):
            entry = by_name.get(real_name)
            if entry is not None and entry.directive == "autodata":
                module = f"{PACKAGE}.{entry.module}" if entry.module else PACKAGE
                doc = "\n".join(_data_doc(entry.name, module))
            else:
                doc = inspect.getdoc(_import_name(real_name)) or ""
            if doc:
                summary = first_sentence(doc)
            items.append((display, signature, summary, real_name))
        return items


def _import_name(dotted: str) -> Any:
    module, _, attribute = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, ValueError):
        return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _insert_reference)
    # After napoleon (priority 500) has turned the numpydoc sections into reStructuredText.
    app.connect("autodoc-process-docstring", _label_references_per_object, priority=600)
    app.connect("doctree-read", _uncited_references_are_a_reading_list)
    app.add_directive("autosummary", _Autosummary, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
