"""Strict RDF: valid lexical forms, absolute valid IRIs, BCP 47 tags, in every serialization."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns  # a module, so pytest's collector never probes XSD

from kg_fixtures import make_kg
from rdf_fixtures import ODD_ARTICLE_IDS, ODD_URLS, make_hostile_kg
from tg_paths import EXPORTS
from timelinegraph.errors import ExportError
from timelinegraph.export.jsonld import render_jsonld
from timelinegraph.export.ntriples import render_ntriples
from timelinegraph.export.trig import render_trig
from timelinegraph.export.turtle import render_turtle, write_turtle
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_lexical import iri_problem, language_problem, lexical_problem
from timelinegraph.graph.rdf_rdflib import from_rdflib, to_rdflib
from timelinegraph.graph.rdf_terms import typed, url
from timelinegraph.models import ArticleInfo
from timelinegraph.vocab import SCHEMA, actor_iri, article_iri

XSD = str(ns.XSD)
RENDERERS: dict[str, Callable[[Graph], str]] = {
    "turtle": render_turtle,
    "ntriples": render_ntriples,
    "trig": render_trig,
    "jsonld": render_jsonld,
}


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [
        ("2024-02-29", "date"),
        ("0000-02-29", "date"),  # XSD 1.1: year 0 is 1 BCE, a leap year
        ("-0044-03-15", "date"),
        ("2024-03-07Z", "date"),
        ("2024-03", "gYearMonth"),
        ("2024", "gYear"),
        ("12024", "gYear"),
        ("--02", "gMonth"),
        ("2024-03-07T24:00:00", "dateTime"),
        ("2024-03-07T10:30:00.5+14:00", "dateTime"),
        ("1.", "decimal"),
        ("-.5", "decimal"),
        ("+007", "integer"),
        ("true", "boolean"),
        ("0", "boolean"),
        ("P1Y2M3DT4H5M6.7S", "duration"),
        ("-PT0S", "duration"),
        ("INF", "double"),
    ],
)
def test_valid_lexical_forms_pass(lexical: str, datatype: str) -> None:
    assert lexical_problem(lexical, XSD + datatype) is None


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [
        ("2023-02-29", "date"),
        ("2024-02-30", "date"),
        ("2024-04-31", "date"),
        ("2024-3-7", "date"),
        ("24-03-07", "date"),
        ("2024-03-07T00:00", "date"),
        ("2024-2", "gYearMonth"),
        ("2024-13", "gYearMonth"),
        ("24", "gYear"),
        ("02024", "gYear"),
        ("--13", "gMonth"),
        ("2024-03-07T25:00:00", "dateTime"),
        ("2024-03-07", "dateTime"),
        ("1e3", "decimal"),
        ("1,5", "decimal"),
        ("", "decimal"),
        ("1.5", "integer"),
        ("1 000", "integer"),
        ("yes", "boolean"),
        ("P", "duration"),
        ("P1YT", "duration"),
        ("1Y", "duration"),
        ("128", "byte"),
    ],
)
def test_invalid_lexical_forms_are_named(lexical: str, datatype: str) -> None:
    problem = lexical_problem(lexical, XSD + datatype)
    assert problem is not None


@pytest.mark.parametrize(
    "tag", ["en", "en-GB", "zh-Hant-TW", "de-CH-1996", "x-private", "i-klingon"]
)
def test_well_formed_language_tags_pass(tag: str) -> None:
    assert language_problem(tag) is None


@pytest.mark.parametrize("tag", ["en-toolongsubtag", "123", "e", "en--gb", "en_GB", "é", "en-"])
def test_malformed_language_tags_are_refused(tag: str) -> None:
    assert language_problem(tag) is not None


@pytest.mark.parametrize(
    "iri",
    ["relative/path", "http://a/b c", "http://a/<x>", "http://a/b#c#d", "http://a/%zz",
     "http://a/b/../c", "http://a/b/.", "http://[::1/x", "http://a/\ue000"],
)  # fmt: skip
def test_bad_iris_are_named(iri: str) -> None:
    assert iri_problem(iri) is not None


def test_odd_ids_give_valid_distinct_iris() -> None:
    """Article ids come from file names and can be anything, a lone surrogate included."""
    iris = [str(article_iri(article_id)) for article_id in ODD_ARTICLE_IDS]
    assert [iri_problem(iri) for iri in iris] == [None] * len(iris)
    assert len(set(iris)) == len(iris)
    assert str(actor_iri("..")).endswith("/%2E%2E")


def test_typed_refuses_an_invalid_lexical_form() -> None:
    assert typed("2024-02", "gYearMonth") == f'"2024-02"^^<{ns.XSD.gYearMonth}>'
    with pytest.raises(ExportError, match="'2024-2' as xsd:gYearMonth"):
        typed("2024-2", "gYearMonth")


@pytest.mark.parametrize("value", ODD_URLS)
def test_urls_that_are_not_iris_stay_text(value: str) -> None:
    term = url(value)  # an N-Triples term
    assert term.startswith("<") == (value == "javascript:alert(1)")
    [quad] = ox.parse(f"<http://a/s> <http://a/p> {term} .", format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == value


def test_graph_with_odd_urls_parses_in_pyoxigraph() -> None:
    """Before: '#b#c' and '%zz' URLs were written as IRIs and pyoxigraph refused the file."""
    articles = [
        ArticleInfo(id=f"u{index}", published=date(2024, 1, 1), url=value)
        for index, value in enumerate(ODD_URLS)
    ]
    kg = make_kg().model_copy(update={"articles": articles})
    quads = list(ox.parse(render_turtle(kg).encode(), format=ox.RdfFormat.TURTLE))
    urls = {q.object.value for q in quads if q.predicate.value == str(SCHEMA.url)}
    assert urls == set(ODD_URLS)


S = URIRef("http://a/s")
BAD_TRIPLES = {
    "relative IRI": (URIRef("relative"), ns.RDFS.label, Literal("x")),
    "forbidden char": (URIRef("http://a/b<c"), ns.RDFS.label, Literal("x")),
    "dot segment": (URIRef("http://a/b/../c"), ns.RDFS.label, Literal("x")),
    "ill-typed date": (S, ns.RDF.value, Literal("2024-02-30", datatype=ns.XSD.date)),
    "ill-typed integer": (S, ns.RDF.value, Literal("1.5", datatype=ns.XSD.integer)),
    "bad datatype IRI": (S, ns.RDF.value, Literal("x", datatype=URIRef("http://a/%zz"))),
    "bad language": (S, ns.RDFS.label, Literal("x", lang="en-toolongsubtag")),
}


@pytest.mark.parametrize("case", sorted(BAD_TRIPLES))
@pytest.mark.parametrize("syntax", sorted(RENDERERS))
def test_writers_refuse_ill_formed_terms(case: str, syntax: str) -> None:
    """Before, the Turtle writer wrote all of these (and escaped '<' into an IRI rapper refuses)."""
    graph = Graph()
    graph.add(BAD_TRIPLES[case])
    with pytest.raises(ExportError, match="cannot write"):
        RENDERERS[syntax](graph)


def test_ill_formed_terms_never_reach_a_writer(tmp_path: Path) -> None:
    """Writers take checked triples only (the graph stage's): an rdflib graph's bad term is
    refused when it is read, so no file is started."""
    graph = Graph()
    graph.add(BAD_TRIPLES["relative IRI"])
    with pytest.raises(ExportError, match=r"cannot write RDF: <relative>"):
        write_turtle(from_rdflib(graph), tmp_path / "graph.ttl")
    assert not (tmp_path / "graph.ttl").exists()


@pytest.mark.parametrize("source", ["seed", "hostile"])
def test_every_literal_and_iri_is_valid(source: str) -> None:
    graph = (
        Graph().parse(EXPORTS / "graph.ttl")
        if source == "seed"
        else to_rdflib(build_rdf(make_hostile_kg()))
    )
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                assert iri_problem(str(term)) is None
            elif isinstance(term, Literal) and term.datatype is not None:
                assert lexical_problem(str(term), str(term.datatype)) is None, term
                assert not term.ill_typed, term
