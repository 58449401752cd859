"""TriG export: one named graph per article plus the build graph, read back by pyoxigraph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_fixtures import ARTICLE_A, ARTICLE_B, make_empty_kg, make_kg
from rdf_fixtures import make_hostile_kg
from timelinegraph.export.trig import render_trig, write_trig
from timelinegraph.export.turtle import render_turtle
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.models import KnowledgeGraph, Quantity
from timelinegraph.vocab import BUILD_GRAPH, article_iri, event_iri

PREFIXES = """
    PREFIX tg: <https://w3id.org/timelinegraph/ns#>
    PREFIX schema: <https://schema.org/>
    PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def load(kg: KnowledgeGraph) -> ox.Store:
    store = ox.Store()
    store.load(render_trig(kg).encode(), format=ox.RdfFormat.TRIG)
    return store


def per_graph(store: ox.Store) -> Counter[str]:
    return Counter(q.graph_name.value for q in store)


@pytest.mark.parametrize("make", [make_kg, make_hostile_kg])
def test_union_of_graphs_is_the_turtle_each_triple_once(make: Callable[[], KnowledgeGraph]) -> None:
    kg = make()
    # parsed, not loaded in a Store: a Store writes "30000.0"^^xsd:decimal back as "30000"
    quads = list(ox.parse(render_trig(kg).encode(), format=ox.RdfFormat.TRIG))
    union = [str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads]
    turtle = ox.parse(render_turtle(kg).encode(), format=ox.RdfFormat.TURTLE)
    assert len(union) == len(set(union))  # no triple in two graphs
    assert set(union) == {str(ox.Triple(q.subject, q.predicate, q.object)) for q in turtle}
    assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)


def test_one_graph_per_article_plus_the_build_graph() -> None:
    counts = per_graph(load(make_kg()))
    articles = {str(article_iri(ARTICLE_A)), str(article_iri(ARTICLE_B))}
    assert set(counts) == articles | {str(BUILD_GRAPH)}
    assert all(counts[name] > 0 for name in counts)
    assert counts[str(article_iri(ARTICLE_A))] > counts[str(article_iri(ARTICLE_B))] > 5


def test_what_goes_where() -> None:
    store = load(make_kg())
    graph_a, graph_b = (
        ox.NamedNode(str(article_iri(ARTICLE_A))),
        ox.NamedNode(str(article_iri(ARTICLE_B))),
    )
    build = ox.NamedNode(str(BUILD_GRAPH))

    def graphs_of(subject: str, predicate: str) -> set[str]:
        quads = store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)
        return {q.graph_name.value for q in quads}

    tg = "https://w3id.org/timelinegraph/ns#"
    merged = str(event_iri("ev-merged"))
    assert graphs_of(str(article_iri(ARTICLE_B)), "https://schema.org/headline") == {
        graph_a.value.replace(ARTICLE_A, ARTICLE_B)
    }
    assert graphs_of(merged, tg + "trigger") == {build.value}  # the merged node's own facts
    assert graphs_of(merged, tg + "mention") == {graph_a.value, graph_b.value}
    assert graphs_of(merged, "http://www.w3.org/ns/prov#wasDerivedFrom") == {
        graph_a.value,
        graph_b.value,
    }
    assert graphs_of(merged + "/merge/1", tg + "mergeRule") == {build.value}
    mention_b = merged + f"/mention/{ARTICLE_B}/77-82"
    assert graphs_of(mention_b, tg + "sentenceText") == {graph_b.value}
    # ev-day is read from article A alone: its quantity was read there too
    assert graphs_of(str(event_iri("ev-day")) + "/quantity/0", tg + "quantityValue") == {
        graph_a.value
    }


def test_quantity_of_a_node_merged_from_two_articles_stays_in_the_build_graph() -> None:
    kg = make_kg()
    quantity = Quantity(value=12, unit="hostage", text="12", start=0, end=2)
    events = [
        e.model_copy(update={"quantities": [quantity]}) if e.id == "ev-merged" else e
        for e in kg.events
    ]
    store = load(kg.model_copy(update={"events": events}))
    node = ox.NamedNode(str(event_iri("ev-merged")) + "/quantity/0")
    assert {q.graph_name.value for q in store.quads_for_pattern(node, None, None)} == {
        str(BUILD_GRAPH)
    }


def test_sparql_which_articles_mention_an_event() -> None:
    """Per-source use: the articles whose own graphs mention the event, with their headlines."""
    store = load(make_kg())
    for event, expected in (("ev-merged", [ARTICLE_A, ARTICLE_B]), ("ev-day", [ARTICLE_A])):
        query = f"""{PREFIXES}
            SELECT ?article ?headline WHERE {{
                GRAPH ?article {{
                    <{event_iri(event)}> tg:mention ?mention .
                    ?article schema:headline ?headline
                }}
            }} ORDER BY ?article
        """
        rows = list(store.query(query))
        assert [row["article"].value for row in rows] == [str(article_iri(a)) for a in expected]
        assert all(row["headline"].value for row in rows)


def test_deterministic_and_build_graph_first(tmp_path: Path) -> None:
    first = write_trig(build_rdf(make_kg()), tmp_path / "a.trig").read_bytes()
    assert first == write_trig(build_rdf(make_kg()), tmp_path / "b.trig").read_bytes()
    blocks = [line for line in first.decode().splitlines() if line.endswith("{")]
    assert blocks[0] == f"<{BUILD_GRAPH}> {{"
    assert blocks[1:] == sorted(blocks[1:]) and len(blocks) == 3


def test_empty_graph_writes_prefixes_only() -> None:
    text = render_trig(make_empty_kg())
    assert "{" not in text and len(list(ox.parse(text.encode(), format=ox.RdfFormat.TRIG))) == 0
