"""The error classes (errors.py): store, query, endpoint, view and explain errors each have
their own class under TimelineGraphError, keep it across the process a timed query runs in,
and the command line still prints any of them as one line."""

from __future__ import annotations

import inspect
import pickle
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg_fixtures import make_kg
from timelinegraph import errors
from timelinegraph.chronicle.read import actor_timeline
from timelinegraph.cli import app
from timelinegraph.errors import (
    EndpointError,
    ExplainError,
    InputError,
    QueryError,
    QueryTimeout,
    StoreError,
    TimelineGraphError,
    ViewError,
)
from timelinegraph.explain import explain, load_graph
from timelinegraph.export.turtle import write_turtle
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.store.deadline import run_within
from timelinegraph.store.endpoint import Endpoint, endpoint_from, query_endpoint
from timelinegraph.store.examples import apply_params, load_example, parse_param
from timelinegraph.store.load import check_graph_iri, load_into_store
from timelinegraph.store.oxigraph import query_store, replace_graph
from timelinegraph.store.query import read_query, run_query
from timelinegraph.store.results import Results, format_results
from timelinegraph.view import view_data_from_exports

runner = CliRunner()
GRAPH = "http://example.org/g"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder with only graph.ttl, and its store loaded."""
    folder = tmp_path_factory.mktemp("build")
    write_turtle(build_rdf(make_kg()), folder / "graph.ttl")
    load_into_store(folder)
    return folder


def test_every_class_is_under_the_one_base():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass)]
    assert {c.__module__ for c in classes} == {errors.__name__}
    assert all(issubclass(c, TimelineGraphError) for c in classes)
    assert issubclass(QueryTimeout, QueryError) and issubclass(EndpointError, StoreError)


@pytest.mark.parametrize(
    "error",
    [InputError("a.txt", "cannot read"), StoreError("s"), QueryTimeout("q"), ExplainError("e")],
)
def test_each_pickles_as_itself(error: TimelineGraphError):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)


# --------------------------------------------------------------------------- store, query


def test_store_errors(build: Path, tmp_path: Path):
    with pytest.raises(StoreError, match="not an absolute IRI"):
        check_graph_iri("not an iri")
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not an Oxigraph store and not empty"):
        replace_graph(taken, GRAPH, build / "graph.ttl")
    with pytest.raises(StoreError, match="no Oxigraph store here"):
        query_store(tmp_path / "nowhere", "SELECT * WHERE { ?s ?p ?o }")


def test_bad_turtle_for_the_store_is_an_input_error(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="not valid Turtle"):
        replace_graph(tmp_path / "store", GRAPH, bad)


def test_query_errors(build: Path):
    with pytest.raises(QueryError, match="SPARQL syntax"):
        query_store(build / "store", "SELECT WHERE {")
    with pytest.raises(QueryError, match="give one query"):
        read_query()
    with pytest.raises(QueryError, match="no such example"):
        load_example("no-such-example")
    with pytest.raises(QueryError, match="expected NAME=VALUE"):
        parse_param("novalue")
    with pytest.raises(QueryError, match="has no VALUES"):
        apply_params("SELECT * WHERE { ?s ?p ?o }", {"x": "1"})
    with pytest.raises(QueryError, match="SERVICE"):
        run_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", store=build / "store")
    with pytest.raises(QueryError, match="give --store"):
        run_query("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="unknown format"):
        format_results(Results(boolean=True), "yaml")


def test_endpoint_errors():
    with pytest.raises(EndpointError, match="not an http"):
        endpoint_from("ftp://example.org/sparql")
    closed = Endpoint("http://127.0.0.1:9/sparql", None, None, timeout=5)  # discard port
    with pytest.raises(EndpointError, match="cannot reach"):
        query_endpoint(closed, "ASK { ?s ?p ?o }")


def _raise_store_error() -> None:
    raise StoreError("store: broken")


def _raise_input_error() -> None:
    raise InputError("q.rq", "cannot read")


def _raise_key_error() -> None:
    raise KeyError("boom")


@pytest.mark.slow
def test_a_timed_query_keeps_the_class_of_its_error():
    with pytest.raises(StoreError, match=r"^store: broken$"):
        run_within(60, _raise_store_error)
    with pytest.raises(InputError, match=r"^q\.rq: cannot read$") as caught:
        run_within(60, _raise_input_error)
    assert (caught.value.path, caught.value.problem) == ("q.rq", "cannot read")
    with pytest.raises(QueryError, match=r"^query: KeyError: 'boom'$"):
        run_within(60, _raise_key_error)


# --------------------------------------------------------------------------- explain, view


def test_explain_errors(build: Path, tmp_path: Path):
    with pytest.raises(ExplainError, match="no Turtle export here"):
        load_graph(tmp_path)
    bad = tmp_path / "graph.ttl"
    bad.write_text("not turtle at all", encoding="utf-8")
    with pytest.raises(ExplainError, match="not readable Turtle"):
        load_graph(tmp_path)
    graph = load_graph(build)
    with pytest.raises(ExplainError, match="no actor, event, relation or temporal link"):
        explain(graph, "no-such-node")
    with pytest.raises(ExplainError, match="no actor with this name"):
        actor_timeline(graph, "Nobody At All")
    assert isinstance(graph, ox.Store)


def test_view_errors(tmp_path: Path):
    with pytest.raises(ViewError, match="not a folder"):
        view_data_from_exports(tmp_path / "missing")
    with pytest.raises(ViewError, match="not found"):
        view_data_from_exports(tmp_path)


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["query", "SELECT WHERE {", "--store", "{build}/store"], "SPARQL syntax"),
        (["query", "--example", "nope", "--store", "{build}/store"], "no such example"),
        (["query", "ASK { ?s ?p ?o }", "--store", "{tmp}/nowhere"], "no Oxigraph store here"),
        (["query", "ASK { ?s ?p ?o }", "--endpoint", "ftp://x/"], "not an http(s) URL"),
        (["load", "{build}", "--graph", "not an iri"], "not an absolute IRI"),
        (["explain", "no-such-node", "-e", "{build}"], "no actor, event, relation"),
        (["timeline", "Nobody At All", "-e", "{build}"], "no actor with this name"),
        (["view", "{tmp}"], "timeline.json"),
    ],
)
def test_the_cli_prints_each_as_one_line(
    args: list[str], expected: str, build: Path, tmp_path: Path
):
    args = [a.replace("{build}", str(build)).replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], lines
