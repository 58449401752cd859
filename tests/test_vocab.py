"""Every tg: term the RDF builder uses is declared in schemas/timelinegraph.ttl."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from kg_fixtures import make_kg
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_rdflib import to_rdflib
from timelinegraph.vocab import TG, TG_NS, encode_id, event_iri

VOCAB = Path(__file__).resolve().parents[1] / "schemas" / "timelinegraph.ttl"


def declared_terms() -> set[URIRef]:
    graph = Graph().parse(VOCAB, format="turtle")
    kinds = {ns.OWL.Class, ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty}
    return {s for s, o in graph.subject_objects(ns.RDF.type) if o in kinds}


def used_terms(graph: Graph) -> set[URIRef]:
    terms = {t for triple in graph for t in triple if isinstance(t, URIRef)}
    return {t for t in terms if str(t).startswith(TG_NS)}


def test_every_used_term_is_declared() -> None:
    missing = used_terms(to_rdflib(build_rdf(make_kg()))) - declared_terms()
    assert not missing, f"declare in {VOCAB.name}: {sorted(missing)}"


def test_python_namespace_matches_schema() -> None:
    in_python = {TG[name] for name in TG.__annotations__}
    assert in_python == declared_terms()


def test_vocabulary_is_documented() -> None:
    graph = Graph().parse(VOCAB, format="turtle")
    for term in declared_terms():
        assert graph.value(term, ns.RDFS.label) is not None, term
        assert graph.value(term, ns.RDFS.comment) is not None, term


def test_agent_and_target_are_sem_actor_properties() -> None:
    graph = Graph().parse(VOCAB, format="turtle")
    has_actor = URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor")
    assert graph.value(TG.agent, ns.RDFS.subPropertyOf) == has_actor
    assert graph.value(TG.target, ns.RDFS.subPropertyOf) == has_actor


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = TG.notATerm


def test_ids_are_percent_encoded() -> None:
    assert encode_id("a b/c#d<e>") == "a%20b%2Fc%23d%3Ce%3E"
    assert str(event_iri("e1")) == "https://w3id.org/timelinegraph/id/event/e1"
