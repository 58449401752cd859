"""The seed article built end to end, and its exports opened by independent consumers."""

from __future__ import annotations

import json

import igraph
import jsonschema
import networkx as nx
import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import Graph

from tg_paths import EXPORTS, ROOT, SEEDS
from timelinegraph.pipeline import build

FILES = ("graph.ttl", "graph.graphml", "timeline.json")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    summary = build([SEEDS], out)
    return out, summary


def test_committed_exports_are_what_the_seed_builds(built):
    out, _ = built
    for name in FILES:
        assert (out / name).read_bytes() == (EXPORTS / name).read_bytes(), (
            f"exports/{name} is stale: run `timelinegraph build seeds/ --out exports/`"
        )


def test_turtle_loads_in_oxigraph_and_answers_sparql(built):
    out, summary = built
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(out / "graph.ttl"))
    rows = store.query("""
        PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event }""")
    assert int(next(iter(rows))["n"].value) == summary.events
    sinwar = list(
        store.query("""
        PREFIX tg: <https://w3id.org/timelinegraph/ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?org WHERE { ?p rdfs:label "Yahya Sinwar" ; tg:leaderOf ?o . ?o rdfs:label ?org }""")
    )
    assert [row["org"].value for row in sinwar] == ["Hamas"]


def test_turtle_conforms_to_shapes(built):
    out, _ = built
    conforms, _, report = validate(
        Graph().parse(out / "graph.ttl"),
        shacl_graph=Graph().parse(ROOT / "schemas" / "shapes.ttl"),
        ont_graph=Graph().parse(ROOT / "schemas" / "timelinegraph.ttl"),
    )
    assert conforms, report


def test_graphml_opens_in_networkx_and_igraph(built):
    out, _ = built
    g = nx.read_graphml(out / "graph.graphml")
    ig = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    assert all("label" in d and "kind" in d for _, d in g.nodes(data=True))
    assert {d["kind"] for _, d in g.nodes(data=True)} >= {"article", "actor", "event", "place"}


def test_timeline_matches_its_schema(built):
    out, summary = built
    doc = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "timeline.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert len(doc["events"]) == summary.events


def test_seed_dates_are_resolved_by_clause(built):
    out, _ = built
    events = json.loads((out / "timeline.json").read_text(encoding="utf-8"))["events"]
    by_trigger = {}
    for e in events:
        record = e["timelinegraph"]
        by_trigger.setdefault(record["trigger"], []).append(record["time"].get("value"))
    assert "2023-10-07" in by_trigger["captured"]  # "captured during the Oct. 7 attacks"
    assert "2024-03-10" in by_trigger["return"]  # "may return to Cairo on Sunday"
    assert "2024-02" in by_trigger["delivering"]  # "stopped delivering ... in early February"


def test_two_builds_are_byte_identical(built, tmp_path):
    out, _ = built
    build([SEEDS], tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()
