"""GraphML export: valid against the GraphML 1.0 schema, read back by networkx, python-igraph
and graphology-graphml with the same counts; readable key ids, labels, kinds, ISO times."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest

from kg_fixtures import HOSTILE_ID, HOSTILE_NAME, RTL_TITLE, make_empty_kg, make_kg
from node_readers import read_with_node
from tg_paths import EXPORTS
from timelinegraph.export.graphml import (
    GRAPHML_NS,
    graphml_node_id,
    key_ids,
    original_node_id,
    render_graphml,
    write_graphml,
)
from timelinegraph.graph.network import actor_node, build_network, event_node
from xml_schemas import graphml_schema, validation_errors

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NMTOKEN = re.compile(r"^[A-Za-z0-9_.:\-]+$")
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
G = f"{{{GRAPHML_NS}}}"


@pytest.fixture
def graphml_file(tmp_path: Path) -> Path:
    return write_graphml(make_kg(), tmp_path / "graph.graphml")


def hostile_network() -> nx.MultiDiGraph:
    """Ids and names that are not NMTOKENs, shared and clashing attribute names, odd values."""
    graph = build_network(make_kg())
    graph.add_node("actor:a b/c_x0020_é🕊", kind="actor", label="bell\x07", **{"2 bad": True})
    graph.add_node("actor:node_label", kind="actor", label="x", node_label="literal", score=0.5)
    graph.add_node("actor:nan", kind="actor", label="n", score=float("nan"), weird=[1, "a"])
    for key in ("k1", "k2"):  # parallel edges of one type
        graph.add_edge("actor:a b/c_x0020_é🕊", "actor:node_label", key=key, kind="x", label="y")
    return graph


def graphml_keys(data: bytes) -> list[dict[str, str]]:
    return [dict(key.attrib) for key in ET.fromstring(data).iter(f"{G}key")]


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


def test_graphology_reads_the_same_counts(graphml_file: Path) -> None:
    built = build_network(make_kg())
    read = read_with_node("read_graphml.mjs", graphml_file, graphml_node_id(actor_node(HOSTILE_ID)))
    assert (read["nodes"], read["edges"]) == (built.number_of_nodes(), built.number_of_edges())
    assert read["attributes"]["label"] == HOSTILE_NAME
    assert read["attributes"]["mentions"] == 1  # typed: long -> number


@pytest.mark.parametrize("name", ["fixture", "hostile"])
def test_valid_against_the_graphml_schema(name: str) -> None:
    schema, origin = graphml_schema()
    data = render_graphml(make_kg() if name == "fixture" else hostile_network())
    assert validation_errors(schema, data) == [], origin


def test_committed_seed_export_is_valid_and_read_alike_by_every_reader() -> None:
    path = EXPORTS / "graph.graphml"
    schema, origin = graphml_schema()
    assert validation_errors(schema, path.read_bytes()) == [], f"{path} against {origin}"
    read = nx.read_graphml(path, force_multigraph=True)
    ig = igraph.Graph.Read_GraphML(str(path))
    counts = (read.number_of_nodes(), read.number_of_edges())
    assert (ig.vcount(), ig.ecount()) == counts
    js = read_with_node("read_graphml.mjs", path)
    assert (js["nodes"], js["edges"]) == counts


def test_the_schema_check_is_not_vacuous() -> None:
    """What the old writer produced (repeated edge ids, a node id with spaces) is rejected."""
    schema, _ = graphml_schema()
    data = render_graphml(make_kg()).replace(b'id="e1"', b'id="e0"')
    assert any("edge_id_unique" in error for error in validation_errors(schema, data))
    bad_id = render_graphml(make_kg()).replace(b'<node id="actor:', b'<node id="actor: ', 1)
    assert any("NMTOKEN" in error for error in validation_errors(schema, bad_id))


def test_hostile_network_round_trips_in_every_reader(tmp_path: Path) -> None:
    graph = hostile_network()
    path = write_graphml(graph, tmp_path / "hostile.graphml")
    read = nx.read_graphml(path, force_multigraph=True)
    ig = igraph.Graph.Read_GraphML(str(path))
    js = read_with_node("read_graphml.mjs", path, graphml_node_id("actor:a b/c_x0020_é🕊"))
    counts = (graph.number_of_nodes(), graph.number_of_edges())
    assert (read.number_of_nodes(), read.number_of_edges()) == counts
    assert (ig.vcount(), ig.ecount()) == counts
    assert (js["nodes"], js["edges"]) == counts
    assert js["attributes"]["label"] == "bell\ufffd"
    assert js["attributes"]["2_bad"] is True
    assert {original_node_id(node) for node in read} == set(graph)


def test_key_ids_are_readable_unique_ncnames() -> None:
    keys = graphml_keys(render_graphml(hostile_network()))
    ids = [key["id"] for key in keys]
    assert len(ids) == len(set(ids))
    assert all(NCNAME.match(key_id) for key_id in ids)
    assert not any(re.fullmatch(r"d\d+", key_id) for key_id in ids)
    by_name = {(key["for"], key["attr.name"]): key["id"] for key in keys}
    assert by_name[("node", "label")] == "node_label"
    assert by_name[("edge", "type")] == "edge_type"
    assert by_name[("node", "mentions")] == "mentions"  # a node-only name keeps its name
    assert by_name[("node", "2_bad")] == "node_2_bad"  # not an NCName on its own
    assert by_name[("node", "node_label")] == "node_label_2"  # clashes with label's id
    assert by_name[("node", "score")] == "score"
    assert {key["attr.type"] for key in keys if key["attr.name"] == "score"} == {"double"}


def test_key_ids_unit() -> None:
    pairs = [("node", "label"), ("edge", "label"), ("node", "x"), ("edge", "1st"), ("node", "_")]
    assert key_ids(pairs) == {
        ("node", "label"): "node_label",
        ("edge", "label"): "edge_label",
        ("node", "x"): "x",
        ("edge", "1st"): "edge_1st",
        ("node", "_"): "_",
    }


@pytest.mark.parametrize(
    "node",
    ["actor:plain-slug_1.2", "person hostile<>#%", "a_x0020_b", "_x", "x_", "é🕊 \t", "100%"],
)
def test_node_ids_are_nmtokens_and_reversible(node: str) -> None:
    escaped = graphml_node_id(node)
    assert NMTOKEN.match(escaped)
    assert original_node_id(escaped) == node
    if re.fullmatch(r"[A-Za-z0-9.:\-]+(?:_(?!x)[A-Za-z0-9.:\-]*)*", node):
        assert escaped == node  # ordinary ids are left alone


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
    assert read.nodes[graphml_node_id(actor_node(HOSTILE_ID))]["label"] == HOSTILE_NAME
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


def test_edge_ids_are_unique_and_sequential(graphml_file: Path) -> None:
    edges = list(ET.parse(graphml_file).getroot().iter(f"{G}edge"))
    assert [edge.get("id") for edge in edges] == [f"e{i}" for i in range(len(edges))]


def test_scalar_attributes_and_nmtoken_names(graphml_file: Path) -> None:
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    assert read.nodes["actor:org-hamas"]["aliases"] == "Hamas;حماس"
    assert "country" not in read.nodes["actor:group-mediators"]  # None dropped
    names = {k for _, a in read.nodes(data=True) for k in a}
    names |= {k for _, _, a in read.edges(data=True) for k in a}
    assert all(NMTOKEN.match(name) for name in names)


def test_deterministic_bytes() -> None:
    assert render_graphml(make_kg()) == render_graphml(make_kg())
    assert render_graphml(hostile_network()) == render_graphml(hostile_network())


def test_xml_invalid_characters_are_replaced(tmp_path: Path) -> None:
    graph = build_network(make_empty_kg())
    graph.add_node("actor:x", kind="actor", type="PERSON", label="bell\x07 nul\x00 cr\r\nend")
    read = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    assert read.nodes["actor:x"]["label"] == "bell\ufffd nul\ufffd cr\nend"


def test_event_mode_beside_type(tmp_path: Path) -> None:
    kg = make_kg()
    kg.events = [
        e.model_copy(update={"mode": "airstrike"}) if e.id == "ev-day" else e for e in kg.events
    ]
    read = nx.read_graphml(write_graphml(kg, tmp_path / "g.graphml"), force_multigraph=True)
    day = read.nodes[event_node("ev-day")]
    assert (day["type"], day["mode"]) == ("ASSAULT", "airstrike")
    assert "mode" not in read.nodes[event_node("ev-year")]  # no mode: no attribute


def test_temporal_links_are_typed_edges_gephi_can_filter(graphml_file: Path) -> None:
    read = nx.read_graphml(graphml_file, force_multigraph=True)
    order = {
        (u, v, a["type"]): a
        for u, v, a in read.edges(data=True)
        if a["kind"] in ("before", "includes", "simultaneous")
    }
    assert set(order) == {
        (event_node("ev-none"), event_node("ev-month"), "before"),
        (event_node("ev-month"), event_node("ev-between"), "includes"),
        (event_node("ev-day"), event_node("ev-year"), "simultaneous"),
    }  # the link to a time (ev-merged during March 2024) is no edge
    before = order[event_node("ev-none"), event_node("ev-month"), "before"]
    assert (before["relation"], before["confidence"], before["rule"]) == ("BEFORE", 0.8, "signal")
    assert (before["link_id"], before["articles"]) == ("link-1", "art-a")
    none = read.nodes[event_node("ev-none")]
    assert none["latest"] == "2024-02-09" and "earliest" not in none
    assert read.nodes[event_node("ev-month")]["earliest"] == "2024-02-01"
