"""GraphML export: read back by networkx and python-igraph; labels, kinds, ISO times."""

from __future__ import annotations

import re
from pathlib import Path

import igraph
import networkx as nx
import pytest

from kg_fixtures import HOSTILE_ID, HOSTILE_NAME, RTL_TITLE, make_empty_kg, make_kg
from timelinegraph.build.network import actor_node, build_network, event_node
from timelinegraph.export.graphml import render_graphml, write_graphml

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NMTOKEN = re.compile(r"^[A-Za-z0-9_.:\-]+$")


@pytest.fixture
def graphml_file(tmp_path: Path) -> Path:
    return write_graphml(make_kg(), tmp_path / "graph.graphml")


def test_networkx_and_igraph_agree_on_counts(graphml_file: Path) -> None:
    built = build_network(make_kg())
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    ig = igraph.Graph.Read_GraphML(str(graphml_file))
    assert (read.number_of_nodes(), read.number_of_edges()) == (
        built.number_of_nodes(),
        built.number_of_edges(),
    )
    assert (ig.vcount(), ig.ecount()) == (built.number_of_nodes(), built.number_of_edges())
    assert ig.is_directed()


def test_every_node_has_label_and_kind(graphml_file: Path) -> None:
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    kinds = {attrs["kind"] for _, attrs in read.nodes(data=True)}
    assert kinds == {"article", "actor", "place", "event"}
    assert all(attrs.get("label") for _, attrs in read.nodes(data=True))
    ig = igraph.Graph.Read_GraphML(str(graphml_file))
    assert all(v["label"] and v["kind"] and v["type"] for v in ig.vs)


def test_event_start_end_are_iso_days(graphml_file: Path) -> None:
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    events = {n: a for n, a in read.nodes(data=True) if a["kind"] == "event"}
    assert events[event_node("ev-day")]["start"] == events[event_node("ev-day")]["end"]
    assert events[event_node("ev-year")]["start"] == "2023-01-01"
    assert events[event_node("ev-year")]["end"] == "2023-12-31"
    assert "start" not in events[event_node("ev-none")]
    for attrs in events.values():
        for field in ("start", "end"):
            if field in attrs:
                assert isinstance(attrs[field], str) and ISO_DAY.match(attrs[field])


def test_hostile_strings_round_trip(graphml_file: Path) -> None:
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    assert read.nodes[actor_node(HOSTILE_ID)]["label"] == HOSTILE_NAME
    assert read.nodes["article:art-b"]["label"] == RTL_TITLE
    ig = igraph.Graph.Read_GraphML(str(graphml_file))
    labels = set(ig.vs["label"])
    assert HOSTILE_NAME in labels and RTL_TITLE in labels


def test_typed_edges(graphml_file: Path) -> None:
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    kinds = {attrs["kind"] for _, _, attrs in read.edges(data=True)}
    assert {"agent", "target", "located_at", "reported_in", "attributed_to", "relation"} <= kinds
    relation_types = {a["type"] for _, _, a in read.edges(data=True) if a["kind"] == "relation"}
    assert relation_types == {"LEADER_OF", "MEDIATES_BETWEEN", "AT_ODDS_WITH", "LOCATED_IN"}
    merged = [v for u, v, a in read.edges(data=True) if u == event_node("ev-merged")]
    assert sorted(v for v in merged if v.startswith("article:")) == [
        "article:art-a",
        "article:art-b",
    ]


def test_scalar_attributes_and_nmtoken_names(graphml_file: Path) -> None:
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    assert read.nodes["actor:org-hamas"]["aliases"] == "Hamas;حماس"
    assert "country" not in read.nodes["actor:group-mediators"]  # None dropped
    names = {k for _, a in read.nodes(data=True) for k in a}
    names |= {k for _, _, a in read.edges(data=True) for k in a}
    assert all(NMTOKEN.match(name) for name in names)


def test_deterministic_bytes() -> None:
    assert render_graphml(make_kg()) == render_graphml(make_kg())


def test_xml_invalid_characters_are_replaced(tmp_path: Path) -> None:
    graph = build_network(make_empty_kg())
    graph.add_node("actor:x", kind="actor", type="PERSON", label="bell\x07 nul\x00 cr\r\nend")
    read = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    assert read.nodes["actor:x"]["label"] == "bell\ufffd nul\ufffd cr\nend"
