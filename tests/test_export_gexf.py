"""GEXF export: dynamic GEXF 1.3 read back by networkx and graphology-gexf; event start/end
for Gephi's timeline, parallel edges of one type collapsed into one weighted edge."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg_fixtures import ARTICLE_A, HOSTILE_ID, HOSTILE_NAME, make_empty_kg, make_kg, make_source
from node_readers import read_with_node
from timelinegraph.export.gexf import GEXF_NS, collapse_edges, render_gexf, write_gexf
from timelinegraph.graph.network import actor_node, article_node, build_network, event_node
from timelinegraph.models import KnowledgeGraph
from timelinegraph.registry import DEFAULT_FORMATS, EXPORTERS, resolve_formats
from xml_schemas import load_schema, validation_errors

X = f"{{{GEXF_NS}}}"
DAY = event_node("ev-day")


def parallel_kg() -> KnowledgeGraph:
    """make_kg() with ev-day reported twice in one article and targeting the actor it is
    attributed to: two reported_in edges (one type) and target + attributed_to (two types)."""
    kg = make_kg()
    day = next(event for event in kg.events if event.id == "ev-day")
    again = make_source("e9", "hit", ARTICLE_A, 300, "It hit again.")
    twice = day.model_copy(
        update={"sources": [*day.sources, again], "targets": [*day.targets, HOSTILE_ID]}
    )
    events = [twice if event.id == "ev-day" else event for event in kg.events]
    return kg.model_copy(update={"events": events})


@pytest.fixture
def gexf_file(tmp_path: Path) -> Path:
    return write_gexf(parallel_kg(), tmp_path / "graph.gexf")


def test_networkx_reads_nodes_collapsed_edges_and_weights(gexf_file: Path) -> None:
    built = build_network(parallel_kg())
    read = nx.read_gexf(gexf_file)
    assert read.number_of_nodes() == built.number_of_nodes()
    assert read.number_of_edges() == len(collapse_edges(built)) == built.number_of_edges() - 1
    assert sum(w for *_, w in read.edges(data="weight")) == built.number_of_edges()
    assert read.is_directed()


def test_graphology_reads_the_same(gexf_file: Path) -> None:
    built = build_network(parallel_kg())
    read = read_with_node("read_gexf.mjs", gexf_file, actor_node(HOSTILE_ID))
    assert read["nodes"] == built.number_of_nodes()
    assert read["edges"] == len(collapse_edges(built))
    assert read["weight"] == built.number_of_edges()
    assert read["attributes"]["label"] == HOSTILE_NAME
    assert read["attributes"]["mentions"] == 1  # typed: long -> number


def test_event_start_end_read_back_and_actors_are_static(gexf_file: Path) -> None:
    read = nx.read_gexf(gexf_file)
    assert (read.nodes[DAY]["start"], read.nodes[DAY]["end"]) == ("2024-02-05", "2024-02-05")
    year = read.nodes[event_node("ev-year")]
    assert (year["start"], year["end"]) == ("2023-01-01", "2023-12-31")
    assert "start" not in read.nodes[event_node("ev-none")]  # undated: always shown
    assert not any("start" in read.nodes[n] for n in read if not n.startswith("event:"))
    graph = ET.parse(gexf_file).getroot().find(f"{X}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")


def test_parallel_edges_collapse_by_type_with_weight_and_kind(gexf_file: Path) -> None:
    edges = {
        (e.get("source"), e.get("target"), e.get("kind")): e
        for e in ET.parse(gexf_file).getroot().iter(f"{X}edge")
    }
    reported = edges[(DAY, article_node(ARTICLE_A), "reported_in")]
    assert reported.get("weight") == "2"
    values = {v.get("for"): v.get("value") for v in reported.iter(f"{X}attvalue")}
    assert values["confidence"] == "0.85"  # both mentions agree: kept
    assert "sentence" not in values and "span_start" not in values  # they differ: dropped
    # one pair, two types: two edges Gephi keeps apart by kind
    assert edges[(DAY, actor_node(HOSTILE_ID), "target")].get("weight") == "1"
    assert edges[(DAY, actor_node(HOSTILE_ID), "attributed_to")].get("weight") == "1"
    ids = [e.get("id") for e in edges.values()]
    assert len(ids) == len(set(ids))


def test_attributes_are_declared_with_types(gexf_file: Path) -> None:
    graph = ET.parse(gexf_file).getroot().find(f"{X}graph")
    assert graph is not None
    declared = {
        (block.get("class"), a.get("id")): a.get("type")
        for block in graph.iter(f"{X}attributes")
        for a in block.iter(f"{X}attribute")
    }
    assert declared[("node", "mentions")] == "long"
    assert declared[("node", "kind")] == "string"
    assert declared[("edge", "confidence")] == "double"
    assert ("node", "label") not in declared and ("node", "start") not in declared
    used = {(v.get("for")) for v in graph.iter(f"{X}attvalue")}
    assert used <= {name for _, name in declared}
    read = nx.read_gexf(gexf_file)
    assert read.nodes["actor:org-hamas"]["aliases"] == "Hamas;حماس"
    assert read.nodes["actor:org-hamas"]["mentions"] == 1


def test_hostile_strings_and_invalid_characters(tmp_path: Path) -> None:
    graph = build_network(make_kg())
    graph.add_node("actor:x\x00", kind="actor", type="PERSON", label="bell\x07 cr\r\nend")
    read = nx.read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    assert read.nodes[actor_node(HOSTILE_ID)]["label"] == HOSTILE_NAME
    assert read.nodes["actor:x\ufffd"]["label"] == "bell\ufffd cr\nend"


def test_a_label_or_type_that_is_not_text_is_written_as_text(tmp_path: Path) -> None:
    """A networkx graph may label a node with a number or type an edge with a boolean (the
    writer raised TypeError on them)."""
    graph = nx.MultiDiGraph()
    graph.add_node("a", label=2)
    graph.add_edge("a", "a", key="k", type=True)
    path = write_gexf(graph, tmp_path / "g.gexf")
    assert nx.read_gexf(path).nodes["a"]["label"] == "2"
    assert b' kind="True" ' in path.read_bytes()


def test_deterministic_bytes_and_atomic_write(tmp_path: Path) -> None:
    assert render_gexf(parallel_kg()) == render_gexf(parallel_kg())
    path = write_gexf(make_empty_kg(), tmp_path / "graph.gexf")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.gexf"]
    assert nx.read_gexf(path).number_of_nodes() == 0


def test_registered_and_written_by_default() -> None:
    assert resolve_formats(["gexf"]) == ["gexf"]
    assert EXPORTERS["gexf"][0] == "graph.gexf"
    assert "gexf" in DEFAULT_FORMATS  # Gephi users get the timeline-ready file from a plain build


def test_valid_against_the_gexf_schema() -> None:
    """Runs once the published GEXF 1.3 schema files are vendored in tests/data/gexf-1.3/
    (no Debian, PyPI or npm package ships them; JGraphT ships only 1.2draft)."""
    folder = Path(__file__).parent / "data" / "gexf-1.3"
    if not (folder / "gexf.xsd").is_file():
        pytest.skip(f"GEXF 1.3 XSD not vendored in {folder} (gexf.net / github.com/gephi/gexf)")
    schema, origin = load_schema("gexf-1.3", ("gexf.xsd",))
    assert validation_errors(schema, render_gexf(parallel_kg())) == [], origin


def test_event_mode_beside_type(tmp_path: Path) -> None:
    kg = make_kg()
    kg.events = [
        e.model_copy(update={"mode": "airstrike"}) if e.id == "ev-day" else e for e in kg.events
    ]
    read = nx.read_gexf(write_gexf(kg, tmp_path / "g.gexf"))
    assert (read.nodes[DAY]["type"], read.nodes[DAY]["mode"]) == ("ASSAULT", "airstrike")


def test_temporal_links_are_edges_of_their_own_kind(tmp_path: Path) -> None:
    path = write_gexf(make_kg(), tmp_path / "graph.gexf")
    read = nx.read_gexf(path)
    kinds = {(u, v): a.get("kind") for u, v, a in read.edges(data=True)}
    assert kinds[event_node("ev-none"), event_node("ev-month")] == "before"
    assert kinds[event_node("ev-month"), event_node("ev-between")] == "includes"
