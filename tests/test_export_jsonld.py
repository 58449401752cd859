"""JSON-LD export: read by three JSON-LD processors into exactly the Turtle's triples."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg_fixtures import make_empty_kg, make_kg
from rdf_fixtures import make_hostile_kg
from tg_paths import EXPORTS, ROOT
from timelinegraph.errors import ExportError
from timelinegraph.export.jsonld import render_jsonld, write_jsonld
from timelinegraph.export.jsonld_context import CONTEXT, context_json
from timelinegraph.export.turtle import render_turtle
from timelinegraph.graph.rdf import build_rdf

CONTEXT_FILE = ROOT / "schemas" / "context.jsonld"
SOURCES = {
    "kg": make_kg,
    "hostile": make_hostile_kg,
    "seed": lambda: Graph().parse(EXPORTS / "graph.ttl"),
}


def oxigraph_triples(text: str, fmt: ox.RdfFormat) -> set[str]:
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in ox.parse(text, format=fmt)}


def test_inline_context_is_the_schema_file() -> None:
    document = json.loads(render_jsonld(make_kg()))
    on_disk = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    assert document["@context"] == on_disk["@context"] == CONTEXT
    assert CONTEXT_FILE.read_text(encoding="utf-8") == context_json(), (
        "regenerate: python -m timelinegraph.export.jsonld_context > schemas/context.jsonld"
    )


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_rdflib_reads_the_turtles_graph(source: str) -> None:
    data = SOURCES[source]()
    from_jsonld = Graph().parse(data=render_jsonld(data), format="json-ld")
    from_turtle = Graph().parse(data=render_turtle(data), format="turtle")
    if not isomorphic(from_jsonld, from_turtle):
        _, only_jsonld, only_turtle = graph_diff(to_isomorphic(from_jsonld), from_turtle)
        first = sorted(only_jsonld)[:3], sorted(only_turtle)[:3]
        pytest.fail(f"only in JSON-LD: {first[0]}\nonly in Turtle: {first[1]}")
    assert set(from_jsonld) == set(from_turtle)  # no blank nodes: the sets are equal


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_pyoxigraph_reads_the_turtles_triples(source: str) -> None:
    data = SOURCES[source]()
    jsonld = oxigraph_triples(render_jsonld(data), ox.RdfFormat.JSON_LD)
    assert jsonld == oxigraph_triples(render_turtle(data), ox.RdfFormat.TURTLE)


@pytest.mark.parametrize("source", ["hostile", "seed"])
def test_pyld_reads_the_turtles_triples(source: str) -> None:
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld not installed (pip install pyld)")
    data = SOURCES[source]()
    nquads = jsonld.to_rdf(json.loads(render_jsonld(data)), {"format": "application/n-quads"})
    turtle = oxigraph_triples(render_turtle(data), ox.RdfFormat.TURTLE)
    assert oxigraph_triples(nquads, ox.RdfFormat.N_QUADS) == turtle


def test_readable_deterministic_shape(tmp_path: Path) -> None:
    text = write_jsonld(build_rdf(make_kg()), tmp_path / "a.jsonld").read_text(encoding="utf-8")
    assert text == write_jsonld(build_rdf(make_kg()), tmp_path / "b.jsonld").read_text(
        encoding="utf-8"
    )
    document = json.loads(text)
    assert list(document) == ["@context", "@graph"]
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(list(node) == sorted(node) for node in document["@graph"])
    event = next(n for n in document["@graph"] if n["@id"].endswith("/event/ev-day"))
    assert event["@type"] == "Event"
    assert event["hasTimeStamp"] == {"@type": "xsd:date", "@value": "2024-02-05"}
    assert event["eventType"] == "https://w3id.org/timelinegraph/id/eventtype/ASSAULT"
    mention = next(n for n in document["@graph"] if n["@id"].endswith("/mention/art-a/120-126"))
    assert mention["startOffset"] == 120 and mention["confidence"] == "0.85"


def test_a_url_kept_as_text_is_a_value_object() -> None:
    """``url`` is @id-typed; a URL that is not a valid IRI must not become one."""
    document = json.loads(render_jsonld(make_kg()))
    urls = {n["@id"].rsplit("/", 1)[1]: n.get("url") for n in document["@graph"] if "url" in n}
    assert urls == {
        "art-a": "https://example.org/news/a?x=1&y=2#frag",
        "art-b": {"@value": "not a url <really>"},
    }


def _keys(nodes: list[dict[str, Any]]) -> set[str]:
    return {key for node in nodes for key in node}


def test_every_term_we_write_is_in_the_context() -> None:
    """No full IRIs as keys or types: every predicate and class of the seed has a term."""
    seed = Graph().parse(EXPORTS / "graph.ttl")
    nodes = json.loads(render_jsonld(seed))["@graph"]
    assert _keys(nodes) <= set(CONTEXT) | {"@id", "@type"}
    types = {
        t for n in nodes for t in ([n["@type"]] if isinstance(n["@type"], str) else n["@type"])
    }
    assert types <= set(CONTEXT)
    assert {str(c) for c in seed.objects(None, RDF.type)} <= _expanded_terms()


def test_every_term_of_our_vocabulary_is_in_the_context() -> None:
    vocabulary = (ROOT / "schemas" / "timelinegraph.ttl").read_text(encoding="utf-8")
    declared = set(re.findall(r"^tg:(\w+) a ", vocabulary, flags=re.MULTILINE))
    assert declared and {f"https://w3id.org/timelinegraph/ns#{t}" for t in declared} <= (
        _expanded_terms()
    )


def _expanded_terms() -> set[str]:
    prefixes = {k: v for k, v in CONTEXT.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    expanded = set()
    for definition in CONTEXT.values():
        curie = definition["@id"] if isinstance(definition, dict) else definition
        prefix, _, local = curie.partition(":")
        expanded.add(prefixes[prefix] + local if prefix in prefixes and local else curie)
    return expanded


def test_empty_graph_has_an_empty_graph_array() -> None:
    assert json.loads(render_jsonld(make_empty_kg()))["@graph"] == []


def test_an_iri_whose_scheme_is_our_prefix_is_refused() -> None:
    graph = Graph()
    graph.add((URIRef("http://a/s"), RDF.value, URIRef("schema:x")))
    with pytest.raises(ExportError, match="context prefix"):
        render_jsonld(graph)
