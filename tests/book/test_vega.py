"""Tests for mibook.vega (the Vega-Lite specs) and mibook.vega_renderer (myst-nb)."""

import json
import re
from importlib.metadata import entry_points

import altair as alt
import pytest
from docutils import nodes

from mibook.datasets import relationships
from mibook.explorers import clustering_grid, gaussian_grid, relationship_grid
from mibook.figures.clustering import clustering_comparison
from mibook.figures.relationships import relationship_values
from mibook.vega import (
    VEGALITE_MIME,
    Explorer,
    clustering_explorer,
    clustering_spec,
    format_number,
    gaussian_explorer,
    gaussian_spec,
    relationship_explorer,
    relationship_spec,
)
from mibook.vega_renderer import VegaLiteRenderer, explorer_html

NOISE = (0.0, 0.5, 1.0, 1.5)


@pytest.fixture(scope="module")
def grids():
    return {
        "relationship": relationship_grid(
            200, bins=(2, 10, 20), noise=NOISE, n_permutations=10, n_shown=30
        ),
        "clustering": clustering_grid(90, reassign=(0.0, 0.05, 0.1), n_clusters=(2, 3)),
        "gaussian": gaussian_grid(rhos=(0.0, 0.45, 0.9), n=(100, 1000), bins=(5, 20), n_seeds=2),
    }


@pytest.fixture(scope="module")
def specs(grids):
    return {
        "relationship": relationship_spec(grids["relationship"]),
        "clustering": clustering_spec(grids["clustering"]),
        "gaussian": gaussian_spec(grids["gaussian"]),
    }


def walk(value):
    """Every (key, value) pair and every leaf of a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)
    else:
        yield None, value


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (-0.0123, 3, "\u22120.012"),
        (-0.0004, 3, "0.000"),
        (0.0, 2, "0.00"),
        (2.5, 1, "2.5"),
        (-1.25, 2, "\u22121.25"),
    ],
)
def test_format_number_uses_the_unicode_minus_and_no_negative_zero(value, digits, text):
    assert format_number(value, digits) == text


@pytest.mark.parametrize("name", ["relationship", "clustering", "gaussian"])
def test_specs_are_valid_vega_lite_5_with_inline_data(specs, name):
    spec = specs[name]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5.")
    alt.ConcatChart.from_dict(spec)  # validates against Altair's Vega-Lite 5 schema
    keys = {key for key, _ in walk(spec)}
    assert "url" not in keys  # no fetch: a data file fails from file://
    assert spec["datasets"]
    assert spec["usermeta"]["explorer"]["columns"][-1] == 1


@pytest.mark.parametrize("name", ["relationship", "clustering", "gaussian"])
def test_specs_are_deterministic_and_rounded(grids, specs, name):
    builder = {
        "relationship": relationship_spec,
        "clustering": clustering_spec,
        "gaussian": gaussian_spec,
    }[name]
    assert json.dumps(builder(grids[name])) == json.dumps(specs[name])
    for _, leaf in walk(specs[name]["datasets"]):
        if isinstance(leaf, float):
            # At most 4 decimals or 3 significant digits: no last-digit CPU noise can show.
            assert len(repr(leaf).split(".")[-1].lstrip("0")) <= 4 or "e" in repr(leaf), leaf
        if isinstance(leaf, str):
            assert not re.search(r"(?<![\w])-\d", leaf), leaf  # negatives use U+2212


def test_relationship_spec_controls(specs):
    params = {p["name"]: p for p in specs["relationship"]["params"]}
    assert params["bins"]["bind"] | {"name": None} == {
        "input": "range",
        "min": 2,
        "max": 20,
        "step": 1,
        "name": None,
    }
    assert params["noise"]["bind"]["input"] == "range"
    assert (params["noise"]["bind"]["min"], params["noise"]["bind"]["max"]) == (0.0, 1.5)
    assert params["noise"]["bind"]["step"] == 0.5
    assert params["estimator"]["bind"]["options"] == ["plug-in", "miller-madow", "ksg"]
    assert (params["bins"]["value"], params["noise"]["value"]) == (20, 1.0)


def test_relationship_rows_hold_the_library_values(grids, specs):
    rows = specs["relationship"]["datasets"]["values"]
    pearson = {row["rel"]: row["rt"] for row in specs["relationship"]["datasets"]["pearson"]}
    for estimator in ("plug-in", "miller-madow", "ksg"):
        for j, noise in enumerate(NOISE):
            expected = relationship_values(
                relationships(200, noise=noise, seed=0), bins=10, estimator=estimator
            )
            for name, values in expected.items():
                (row,) = [
                    r
                    for r in rows
                    if r["rel"] == name
                    and r["e"] == estimator
                    and r["b"] == (0 if estimator == "ksg" else 10)
                ]
                assert row["mt"][j] == format_number(values["mi"])
                assert row["ri"][j] == format_number(values["r_I"], 2)
                assert pearson[name][j] == format_number(values["r"], 2)
                assert row["mi"][j] == pytest.approx(values["mi"], abs=5e-4)  # 3 decimals


def test_clustering_rows_hold_the_library_values(specs):
    rows = specs["clustering"]["datasets"]["scores"]
    for i, fraction in enumerate((0.0, 0.05, 0.1)):
        expected = clustering_comparison(90, 3, reassign=fraction, seed=0)
        for group, scores in expected.items():
            for score, value in scores.items():
                (row,) = [r for r in rows if r["k"] == 3 and r["g"] == group and r["f"] == score]
                assert row["t"][i] == format_number(value)


def test_gaussian_rows_hold_the_grid_values(grids, specs):
    grid = grids["gaussian"]
    lines = [
        row["t"]
        for row in specs["gaussian"]["datasets"]["numbers"]
        if row["n"] == 1000 and row["b"] == 20 and row["i"] == 2
    ]
    assert lines[0] == "\u03c1 = 0.90, n = 1,000"
    assert lines[1] == f"truth: {format_number(grid.truth[2])} nats"
    assert lines[2] == (
        f"plug-in (20 bins): {format_number(grid.plugin_mean[1, 1, 2])} \u00b1 "
        f"{format_number(grid.plugin_std[1, 1, 2])}"
    )


def test_explorers_display_only_vega_lite_and_text(grids):
    for explorer in (
        relationship_explorer(grids["relationship"]),
        clustering_explorer(grids["clustering"]),
        gaussian_explorer(grids["gaussian"]),
    ):
        assert isinstance(explorer, Explorer)
        bundle = explorer._repr_mimebundle_()
        # JupyterLab would pick a JS or HTML fallback over the Vega-Lite renderer.
        assert set(bundle) == {VEGALITE_MIME, "text/plain"}
        assert VEGALITE_MIME == "application/vnd.vegalite.v5+json"
        assert "explorer" in bundle["text/plain"]


def test_explorer_html_holds_the_spec_and_loads_only_vendored_scripts(specs):
    snippet = explorer_html(specs["clustering"])
    spec_text = re.search(r'class="explorer-spec">(.*?)</script>', snippet, re.DOTALL).group(1)
    assert json.loads(spec_text) == specs["clustering"]
    assert 'aria-live="polite"' in snippet
    loader = snippet.rsplit("<script>", 1)[1]
    assert "_static/vega/" in loader
    assert not re.search(r"https?://", loader)
    assert "renderer: 'svg'" in loader
    with pytest.raises(ValueError, match="spec must be"):
        explorer_html("not a spec")


def test_plugin_is_registered_and_renders_only_vega_lite(specs):
    registered = [ep.value for ep in entry_points(group="myst_nb.mime_renderers")]
    assert "mibook.vega_renderer:VegaLiteRenderer" in registered
    assert ("html", VEGALITE_MIME, 5) in VegaLiteRenderer.mime_priority_overrides

    class Data:
        def __init__(self, mime_type, content):
            self.mime_type, self.content = mime_type, content

        @property
        def string(self):
            return self.content

    assert VegaLiteRenderer.handle_mime(None, Data("text/plain", "x"), False) is None
    assert VegaLiteRenderer.handle_mime(None, Data(VEGALITE_MIME, specs["gaussian"]), True) is None
    for content in (specs["gaussian"], json.dumps(specs["gaussian"])):
        (node,) = VegaLiteRenderer.handle_mime(None, Data(VEGALITE_MIME, content), False)
        assert isinstance(node, nodes.raw)
        assert node["format"] == "html"
        assert node.astext() == explorer_html(specs["gaussian"])
