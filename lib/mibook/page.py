r"""Helpers for the book's pages: glue named numbers, show a function's code.

These keep bookkeeping out of the reader's way.  :func:`glue_all` glues a
dict of computed values for the prose in one call, so the cells a reader
sees hold the computation and not a line of ``glue`` per number.
:func:`show_source` returns a function's code without its docstring (the
docstring documents the library; the page explains the idea in prose), as
a Markdown code block that the book renders highlighted as Python.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

__all__ = ["SourceCode", "glue_all", "plain_value", "show_source", "source_without_docstring"]


def plain_value(value: Any) -> Any:
    """Turn a NumPy scalar (or 0-d array) into the Python number it holds.

    ``{glue:text}`` formats with Python's format specs, and ``:d`` needs a
    Python ``int``; NumPy scalars also print with their type in a plain-text
    output.  Anything that is not a NumPy number is returned unchanged.

    Parameters
    ----------
    value : object
        A value to glue.

    Returns
    -------
    object
        ``bool``, ``int`` or ``float`` for NumPy booleans, integers and floats
        (and 0-d arrays of them); ``value`` itself otherwise.

    Examples
    --------
    >>> plain_value(np.float64(0.25)), plain_value(np.int64(3)), plain_value("a")
    (0.25, 3, 'a')
    >>> type(plain_value(np.array(2.0)))
    <class 'float'>
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def glue_all(values: Mapping[str, Any], *, prefix: str = "") -> None:
    """Glue every value of a mapping under its key, without displaying it.

    Equivalent to ``glue(prefix + key, plain_value(value), display=False)``
    for each item, in order.  Use it in a cell tagged ``remove-cell`` right
    after the cell that computes the values, so the page shows the
    computation and the prose shows the numbers.

    Parameters
    ----------
    values : mapping of str to object
        Glue names (without ``prefix``) and the values to glue; NumPy scalars
        are converted with :func:`plain_value`.
    prefix : str, default=""
        Prepended to every key, e.g. ``"ri_"``.

    Raises
    ------
    ValueError
        If ``values`` is not a mapping, or a key (with ``prefix``) is not a
        non-empty string of letters, digits and underscores.

    Examples
    --------
    Outside a notebook kernel ``glue`` has nowhere to store the values, so
    this only shows the call:

    >>> glue_all({"h_fair": np.log(2)}, prefix="demo_")  # doctest: +SKIP
    """
    if not isinstance(values, Mapping):
        raise ValueError(f"values must be a mapping of glue names to values, got {values!r}")
    if not isinstance(prefix, str):
        raise ValueError(f"prefix must be a string, got {prefix!r}")
    names = {}
    for key, value in values.items():
        name = prefix + key if isinstance(key, str) else None
        if not name or not name.replace("_", "a").isalnum() or not name.isascii():
            raise ValueError(
                f"values keys must be glue names (letters, digits, _), got {key!r}"
            )
        names[name] = plain_value(value)
    from myst_nb import glue  # imported late: the library does not need myst-nb

    for name, value in names.items():
        glue(name, value, display=False)


def source_without_docstring(func: Callable[..., Any]) -> str:
    """The source code of a function or class, with its docstring removed.

    Decorators, the signature, comments and the body are kept as written;
    only the docstring (the first statement, if it is a string literal) is
    cut, with any blank line that followed it.

    Parameters
    ----------
    func : function or class
        Anything :func:`inspect.getsource` can read that is a ``def`` or
        ``class``.

    Returns
    -------
    str
        The dedented source, without a trailing newline.

    Raises
    ------
    ValueError
        If ``func`` is not a function or class whose source is available.

    Examples
    --------
    >>> def square(x):
    ...     '''Return x squared.'''
    ...     return x * x
    >>> print(source_without_docstring(square))
    def square(x):
        return x * x
    """
    if not (inspect.isfunction(func) or inspect.isclass(func) or inspect.ismethod(func)):
        raise ValueError(f"func must be a function or class, got {func!r}")
    try:
        source = textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError) as error:
        raise ValueError(f"func has no readable source: {error}") from error
    node = ast.parse(source).body[0]
    lines = source.splitlines()
    body = getattr(node, "body", [])
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        start, end = first.lineno - 1, first.end_lineno
        if len(body) > 1 and end < len(lines) and not lines[end].strip():
            end += 1  # the blank line after the docstring
        lines = lines[:start] + lines[end:]
    return "\n".join(lines).rstrip()


class SourceCode:
    """Python source that displays as a highlighted code block.

    Its Markdown form is a fenced ``python`` block, which MyST-NB renders
    (directly or through ``{glue:md}``) with the book's own syntax
    highlighting, in both the light and the dark theme; its plain-text form
    is the code itself.

    Parameters
    ----------
    code : str
        The source to show.

    Examples
    --------
    >>> print(SourceCode("x = 1")._repr_markdown_())
    ```python
    x = 1
    ```
    """

    def __init__(self, code: str) -> None:
        if not isinstance(code, str):
            raise ValueError(f"code must be a string, got {code!r}")
        self.code = code

    def _repr_markdown_(self) -> str:
        fence = "```"
        while fence in self.code:
            fence += "`"
        return f"{fence}python\n{self.code}\n{fence}"

    def __repr__(self) -> str:
        return self.code

    @property
    def width(self) -> int:
        """Length of the longest line, in characters."""
        return max((len(line) for line in self.code.splitlines()), default=0)


def show_source(func: Callable[..., Any]) -> SourceCode:
    """A function's code, without its docstring, ready to display or glue.

    Parameters
    ----------
    func : function or class
        What to show; see :func:`source_without_docstring`.

    Returns
    -------
    SourceCode
        Displays as a highlighted Python block.  On a page, glue it and
        place it with ``{glue:md}`` (``:format: myst``), e.g. inside a
        dropdown.

    Raises
    ------
    ValueError
        If ``func`` has no readable source.

    Examples
    --------
    >>> from infotheory import expected_mutual_information
    >>> code = show_source(expected_mutual_information)
    >>> code.code.startswith("def expected_mutual_information(")
    True
    >>> '\"\"\"' in code.code
    False
    """
    return SourceCode(source_without_docstring(func))

