"""The fast export writers give what the slow, obvious ones give, character for character.

GraphML and GEXF are written as text, not through ElementTree, node by node, not from the
whole network held at once; the timeline's JSON is indented by ``dumps_indented``, not
``json.dumps(indent=2)``, and written slide by slide; the timeline is built as plain data, not
as validated models; the page reads the relations from the model, not from a parsed GraphML.
Each test runs the obvious way next to the fast one, on hostile input (control characters,
markup, quotes, empty values, ids equal once cleaned, repeated and dangling ids).
"""

from __future__ import annotations

import io
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg_fixtures import ARTICLE_A, make_empty_kg, make_kg, make_source
from timelinegraph.common.atomic import utf8_safe
from timelinegraph.common.jsontext import dumps_indented, without_surrogates
from timelinegraph.export import chunks
from timelinegraph.export.gexf import collapse_edges, render_gexf
from timelinegraph.export.graphml import (
    clean_text,
    graphml_node_id,
    graphml_rows,
    render_graphml,
    sanitize_attrs,
)
from timelinegraph.export.timeline import render_timeline, timeline_data
from timelinegraph.export.timeline_models import TimelineDocument
from timelinegraph.export.xmltext import encode_chunks
from timelinegraph.graph.network import build_network, network_rows
from timelinegraph.models import (
    ActorType,
    Geo,
    KnowledgeGraph,
    RelationType,
    ResolvedActor,
    ResolvedRelation,
)
from timelinegraph.view.data import (
    network_facts,
    network_facts_from_kg,
    relations_from_kg,
    relations_from_network,
    view_data_from_kg,
)
from timelinegraph.view.page import render_page, view_exports, write_html

# ---------- fixtures: a network and a model with every awkward case ----------


def hostile_network() -> nx.MultiDiGraph:
    """make_kg()'s network plus odd nodes, attributes and edges (some without attributes)."""
    graph = build_network(make_kg())
    graph.add_node("actor:a b/c_x0020_é🕊", kind="actor", label="bell\x07", **{"2 bad": True})
    graph.add_node("actor:nan", kind="actor", label="n", score=float("nan"), weird=[1, "a"])
    graph.add_node("actor:\x01dup", label="", empty="", text="a\tb\r\nc\"<&>'", flag=False)
    graph.add_node("actor:\x02dup", label="second", more=3, inf=float("-inf"))
    graph.add_node(42, label=None)
    graph.add_node("lonely")
    graph.add_node("event:x", start="2024-01-01", end="2024-12-31", label="tab\there")
    for key in ("k1", "k2"):
        graph.add_edge("actor:a b/c_x0020_é🕊", "actor:nan", key=key, kind="x", label="y")
    graph.add_edge("actor:\x02dup", "actor:nan", key="z", w=1)
    graph.add_edge("actor:\x01dup", "actor:nan", key="z")
    graph.add_edge("lonely", 42, key="q", mixed=2, flag=True, members={"b", "a"})
    graph.add_edge("lonely", 42, key="n1", kind="same", score=float("nan"), label="L")
    graph.add_edge("lonely", 42, key="n2", kind="same", score=1.0, label="L")
    graph.add_edge(42, "lonely", key="type:x", type='t<&>"')
    graph.add_edge("event:x", "lonely", key="reported_in:0", start="2024", end=None)
    return graph


def hostile_kg() -> KnowledgeGraph:
    """make_kg() with relations and actors that test the GraphML round trip's quirks."""
    kg = make_kg()

    def actor(actor_id: str, name: str) -> ResolvedActor:
        sources = [make_source("a9", "x", ARTICLE_A, 5)]
        return ResolvedActor(
            id=actor_id, name=name, type=ActorType.PERSON, aliases=[], roles=[], sources=sources
        )

    def relation(rel_id: str, source: str, target: str, articles: list[str]) -> ResolvedRelation:
        sources = [make_source("r9", "x", article, 7) for article in articles]
        kind = RelationType.AT_ODDS_WITH
        return ResolvedRelation(id=rel_id, type=kind, source=source, target=target, sources=sources)

    actors = [
        *kg.actors,
        actor("a\x01b", ""),  # no name: read back as no label
        actor("a\x02b", "Second\x07 <b>"),  # the same GraphML node as a\x01b once cleaned
        actor("semi;colon", "Semi\r\nColon \ud800"),  # a lone surrogate: U+FFFD in every file
    ]
    relations = [
        *kg.relations,
        relation("rel-1", "org-hamas", "state-israel", [ARTICLE_A]),  # id used twice
        relation("rel-1", "org-hamas", "state-israel", ["art;b", ARTICLE_A]),  # same edge again
        relation("", "a\x01b", "ghost\r\nactor", []),  # no id, a dangling end, no source
        relation("rel-\x0b", "a\x02b", "semi;colon", ["x;y", "z"]),
        relation("rel-5", "semi;colon", "a\x03b", [ARTICLE_A]),  # a\x03b: dangling, merged too
    ]
    events = list(kg.events)
    events[0] = events[0].model_copy(update={"agents": [*events[0].agents, "a\x04b"]})
    return kg.model_copy(update={"actors": actors, "relations": relations, "events": events})


KGS = {"fixture": make_kg, "hostile": hostile_kg, "empty": make_empty_kg}


# ---------- XML: what ElementTree itself writes ----------


def elementtree_rewrite(data: bytes) -> bytes:
    """``data`` parsed and written again by ElementTree (``ET.indent`` + ``write``), with its
    root start tag (namespaces, schema location) kept as it was."""
    _, root_line, body = data.decode("utf-8").split("\n", 2)
    tag = root_line[1:].split(" ", 1)[0]
    root = ET.fromstring(f"<{tag}>\n{body}")
    ET.indent(root)
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    rewritten = buffer.getvalue().decode("utf-8").replace(f"<{tag}>", root_line, 1)
    return (rewritten + "\n").encode("utf-8")


@pytest.mark.parametrize("render", [render_graphml, render_gexf])
@pytest.mark.parametrize("source", ["fixture", "hostile", "empty", "network", "empty network"])
def test_xml_is_byte_for_byte_what_elementtree_writes(render, source: str) -> None:
    if source == "network":
        data = render(hostile_network())
    elif source == "empty network":
        data = render(nx.MultiDiGraph())
    else:
        data = render(KGS[source]())
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    assert elementtree_rewrite(data) == data


def test_a_model_and_its_networkx_network_give_the_same_files() -> None:
    kg = hostile_kg()
    assert render_graphml(kg) == render_graphml(build_network(kg))
    assert render_gexf(kg) == render_gexf(build_network(kg))


def test_network_rows_are_the_networks_nodes_and_edges_in_order() -> None:
    kg = hostile_kg()
    nodes, edges = network_rows(kg)
    graph = build_network(kg)
    assert list(nodes.items()) == list(graph.nodes(data=True))
    assert edges == list(graph.edges(keys=True, data=True))
    assert graphml_rows(kg) == graphml_rows(graph)


# ---------- GraphML and GEXF rows: node by node, as from the whole network at once ----------


def whole_graphml_rows(graph: nx.MultiDiGraph) -> tuple[dict, list]:
    """``graphml_rows`` the obvious way: every node, then every edge, held at once."""
    nodes: dict[str, dict] = {}
    ids = {}
    for node, attrs in graph.nodes(data=True):
        clean = sanitize_attrs(attrs)
        clean.setdefault("label", clean_text(str(node)))
        clean.setdefault("kind", "unknown")
        node_id = ids[node] = graphml_node_id(str(node))
        nodes.setdefault(node_id, {}).update(clean)
    adjacency: dict[str, dict[str, list]] = {}
    for index, (source, target, _, attrs) in enumerate(graph.edges(keys=True, data=True)):
        by_target = adjacency.setdefault(ids[source], {})
        by_target.setdefault(ids[target], []).append((f"e{index}", sanitize_attrs(attrs)))
    edges = [
        (edge_id, source, target, attrs)
        for source in nodes
        for target, keyed in adjacency.get(source, {}).items()
        for edge_id, attrs in keyed
    ]
    return nodes, edges


def whole_collapse(graph: nx.MultiDiGraph) -> list[tuple[str, str, int, dict]]:
    """``collapse_edges`` the obvious way: every edge grouped at once, then sorted."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        clean = sanitize_attrs(attrs)
        edge_type = str(clean.get("type") or clean.get("kind") or str(key).split(":", 1)[0])
        ends = (clean_text(str(source)), clean_text(str(target)), edge_type)
        groups.setdefault(ends, []).append(clean)
    collapsed = []
    for (source, target, edge_type), members in sorted(groups.items()):
        shared = {k: v for k, v in members[0].items() if all(m.get(k) == v for m in members)}
        shared.setdefault("type", edge_type)
        collapsed.append((source, target, len(members), shared))
    return collapsed


def colliding_network() -> nx.MultiDiGraph:
    """Nodes whose ids are one GraphML id (or one GEXF id) far apart in the node order, with
    edges between them in both directions and edges to nodes between them."""
    graph = nx.MultiDiGraph()
    graph.add_node("a\x01", label="first", n=1)
    graph.add_node("m", label="middle")
    graph.add_node(7, kind="seven")
    graph.add_node("a\x02", label=2, n=2.5)  # merged into "a\x01"'s node: its label, n win
    graph.add_node("7", w=True)  # the number 7 and the string "7": one id
    graph.add_node("c\r\n")
    graph.add_node("c\n", label="c")  # "c\r\n" cleans to it
    for source, target, key in [
        ("a\x02", "m", "y"),
        ("a\x01", "m", "x"),
        ("m", "a\x02", "z"),
        ("a\x02", "7", "q"),
        ("a\x01", 7, "q"),
        (7, "a\x01", "r"),
        ("7", "m", "s"),
        ("m", 7, "t"),
        ("m", "c\n", "u"),
        ("m", "c\r\n", "u"),
        ("c\n", "a\x01", "v"),
        ("c\r\n", "a\x02", "v"),
    ]:
        graph.add_edge(source, target, key=key, kind=key[0], label=f"{key}\x0b", n=len(key))
    return graph


NETWORKS = {
    "hostile": hostile_network,
    "colliding": colliding_network,
    "model": lambda: build_network(hostile_kg()),
    "empty": nx.MultiDiGraph,
}


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_rows_made_node_by_node_are_those_of_the_whole_network(name: str) -> None:
    graph = NETWORKS[name]()
    assert repr(graphml_rows(graph)) == repr(whole_graphml_rows(graph))
    assert repr(collapse_edges(graph)) == repr(whole_collapse(graph))


_node_ids = st.sampled_from(["a\x01", "a\x02", "a\ufffd", "b", 1, "1", "c\r", "c\n", "_x0031_"])
_values = st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2) | st.text(max_size=3)
_attrs = st.dictionaries(st.sampled_from(["label", "kind", "type", "n", "x y"]), _values)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_node_ids, _attrs), max_size=8),
    st.lists(st.tuples(_node_ids, _node_ids, st.sampled_from(["k", "l", "m:1"]), _attrs)),
)
def test_rows_of_any_network_are_those_of_the_whole_network(nodes: list, edges: list) -> None:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    for source, target, key, attrs in edges:
        graph.add_edge(source, target, key=key, **attrs)
    assert repr(graphml_rows(graph)) == repr(whole_graphml_rows(graph))
    assert repr(collapse_edges(graph)) == repr(whole_collapse(graph))
    for render in (render_graphml, render_gexf):
        data = render(graph)
        assert elementtree_rewrite(data) == data


def test_xml_in_chunks_of_any_size_is_the_same_bytes() -> None:
    parts = ["<a>", "é\ud800", "🕊", "", "x" * 10, "</a>"]
    whole = b"".join(encode_chunks(parts, size=10**9))
    assert whole == ("<?xml version='1.0' encoding='utf-8'?>\n" + "".join(parts) + "\n").encode(
        "utf-8", "xmlcharrefreplace"
    )
    assert [b"".join(encode_chunks(parts, size=n)) for n in (1, 2, 5)] == [whole] * 3
    # written as it is made: at size 1, every non-empty part ends a chunk
    assert len(list(encode_chunks(parts, size=1))) > len([part for part in parts if part])


# ---------- JSON: what json.dumps(indent=2) writes ----------

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=25,
)


def _stdlib(data: object) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_json)
def test_dumps_indented_is_json_dumps(data: object) -> None:
    assert dumps_indented(data) == _stdlib(data)


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[]], "d": [{}], "e": {"f": {"g": []}}},
        {"s": 'lone \ud800 surrogate \u2028 </script> \x00 "q" \\', "n": math.inf},
        {"nan": math.nan, "big": 2.5e21, "tiny": 1.5e-7, "int": 10**30, "t": True},
        {1: "int key", 2: [1, {2.5: None, True: {}}]},  # keys that are not strings
        ({"x": (1, 2)}, [None]),
    ],
)
def test_dumps_indented_edge_cases(data: object) -> None:
    assert dumps_indented(data) == _stdlib(data)


# ---------- timeline: plain data equal to the validated models' dump ----------


@pytest.mark.parametrize("name", sorted(KGS))
def test_timeline_data_is_what_the_models_dump(name: str) -> None:
    data = timeline_data(KGS[name]())
    dumped = TimelineDocument.model_validate(data).model_dump(mode="json", exclude_none=True)
    assert data == dumped
    assert render_timeline(KGS[name]()) == utf8_safe(_stdlib(dumped)) + "\n"


@pytest.mark.parametrize("name", sorted(KGS))
def test_timeline_written_in_small_pieces_is_the_same_text(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = render_timeline(KGS[name]())
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 1)
    assert render_timeline(KGS[name]()) == whole


def test_without_surrogates_is_utf8_safe() -> None:
    clean = "plain — text 🕊"
    assert without_surrogates(clean) is clean
    assert without_surrogates("a\ud800b\udfff") == utf8_safe("a\ud800b\udfff") == "a\ufffdb\ufffd"


# ---------- the page: relations from the model, as read back from the GraphML ----------


@pytest.mark.parametrize("name", sorted(KGS))
def test_relations_from_the_model_are_those_read_back_from_graphml(name: str) -> None:
    kg = KGS[name]()
    graph = nx.read_graphml(io.BytesIO(render_graphml(kg)), force_multigraph=True)
    assert relations_from_kg(kg) == relations_from_network(graph)


def geo_and_stories(kg: KnowledgeGraph) -> KnowledgeGraph:
    """``kg`` with a point for each place or state actor and a story for each article."""
    geo = Geo(
        name="Somewhere",
        latitude=31.5,
        longitude=-34.25,
        country="XX",
        geonames_id=1,
        precision="city",
        sure=True,
        evidence="test",
    )
    actors = [
        a.model_copy(update={"geo": geo}) if a.type in ("PLACE", "STATE") else a for a in kg.actors
    ]
    articles = [
        a.model_copy(update={"story": f"story-{i % 2}\x01"}) for i, a in enumerate(kg.articles)
    ]
    return kg.model_copy(update={"actors": actors, "articles": articles})


@pytest.mark.parametrize("name", sorted(KGS))
def test_page_counts_places_and_stories_from_the_model_are_those_read_back(name: str) -> None:
    kg = geo_and_stories(KGS[name]())
    graph = nx.read_graphml(io.BytesIO(render_graphml(kg)), force_multigraph=True)
    from_model, read_back = network_facts_from_kg(kg), network_facts(graph)
    assert from_model == read_back
    if name == "fixture":
        assert from_model["counts"] == {
            "events": len(kg.events),
            "actors": len(kg.actors),
            "articles": len(kg.articles),
            "relations": len(kg.relations),
        }
        assert from_model["geo"] and from_model["stories"]


def test_hostile_relations_cover_the_round_trip_quirks() -> None:
    relations = relations_from_kg(hostile_kg())
    by_id = {r["id"]: r for r in relations}
    assert by_id[""]["articles"] == []  # an empty id reads back as ""
    assert by_id["rel-\ufffd"]["articles"] == ["x", "y", "z"]  # ";" in an id splits it
    # a\x01b, a\x02b (actors), a\x03b and a\x04b (dangling) are one node: the last one's
    merged = {"id": "a\ufffdb", "name": "actor:a\ufffdb", "type": "unknown"}
    assert by_id["rel-\ufffd"]["source"] == by_id[""]["source"] == merged
    assert [r["id"] for r in relations].count("rel-1") == 2  # the repeated edge is one


def test_page_from_exports_is_the_page_from_the_model(tmp_path: Path) -> None:
    kg = hostile_kg()
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "timeline.json").write_text(render_timeline(kg), encoding="utf-8")
    (exports / "graph.graphml").write_bytes(render_graphml(kg))
    from_exports = view_exports(exports).read_bytes()
    assert from_exports == write_html(kg, tmp_path / "model.html").read_bytes()
    assert render_page(view_data_from_kg(kg)).encode("utf-8") == from_exports
