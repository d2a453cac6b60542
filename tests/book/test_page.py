"""Tests for mibook.page: gluing named values and showing source code."""

import inspect

import myst_nb
import numpy as np
import pytest

from infotheory import expected_mutual_information, ksg_mutual_information
from mibook.page import (
    SourceCode,
    glue_all,
    plain_value,
    show_source,
    source_without_docstring,
)


@pytest.fixture
def glued(monkeypatch):
    """Record glue calls instead of publishing them to a kernel."""
    calls = []

    def fake_glue(name, value, display=True):
        calls.append((name, value, display))

    monkeypatch.setattr(myst_nb, "glue", fake_glue)
    return calls


def test_plain_value_converts_numpy_scalars():
    assert type(plain_value(np.float64(0.5))) is float
    assert type(plain_value(np.int64(7))) is int
    assert type(plain_value(np.bool_(True))) is bool
    assert type(plain_value(np.array(1.5))) is float
    array = np.arange(3)
    assert plain_value(array) is array
    assert plain_value("text") == "text"


def test_glue_all_glues_every_value_hidden_with_prefix(glued):
    glue_all({"a": np.float64(0.25), "b": np.int64(3)}, prefix="x_")
    assert glued == [("x_a", 0.25, False), ("x_b", 3, False)]
    assert type(glued[1][1]) is int  # so {glue:text}`x_b:d` formats


@pytest.mark.parametrize(
    ("values", "prefix", "message"),
    [
        ([("a", 1)], "", "values must be a mapping"),
        ({"": 1}, "", "values keys must be glue names"),
        ({"a b": 1}, "", "values keys must be glue names"),
        ({1: 1}, "", "values keys must be glue names"),
        ({"a": 1}, 3, "prefix must be a string"),
    ],
)
def test_glue_all_rejects_bad_names(glued, values, prefix, message):
    with pytest.raises(ValueError, match=message):
        glue_all(values, prefix=prefix)
    assert glued == []  # nothing is glued when any name is bad


def test_source_without_docstring_keeps_code_and_comments():
    code = source_without_docstring(ksg_mutual_information)
    full = inspect.getsource(ksg_mutual_information)
    assert code.startswith("def ksg_mutual_information(")
    assert '"""' not in code
    assert "digamma(k) + digamma(n)" in code
    # every kept line is a line of the original, in order
    kept = [line for line in full.splitlines() if line in code.splitlines()]
    assert kept == code.splitlines()
    assert len(code.splitlines()) < len(full.splitlines())


def test_source_without_docstring_of_undocumented_function():
    def bare(x):
        return x + 1

    assert source_without_docstring(bare) == "def bare(x):\n    return x + 1"


@pytest.mark.parametrize("bad", [42, "mutual_information", np.log])
def test_source_without_docstring_rejects_non_functions(bad):
    with pytest.raises(ValueError, match="func must be a function or class"):
        source_without_docstring(bad)


def test_show_source_renders_as_python_markdown():
    shown = show_source(expected_mutual_information)
    markdown = shown._repr_markdown_()
    assert markdown.startswith("```python\ndef expected_mutual_information(")
    assert markdown.endswith("\n```")
    assert repr(shown) == shown.code
    assert shown.width == max(len(line) for line in shown.code.splitlines())


def test_source_code_fence_longer_than_any_backticks_inside():
    shown = SourceCode('s = "```"')
    assert shown._repr_markdown_().startswith("````python\n")
    with pytest.raises(ValueError, match="code must be a string"):
        SourceCode(3)
