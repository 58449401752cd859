"""The chunked SHACL check finds exactly what pyshacl finds over the whole graph at once."""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg_fixtures import make_kg
from rdf_fixtures import make_hostile_kg
from timelinegraph.build.rdf import build_rdf
from timelinegraph.build.rdf_rdflib import to_rdflib
from timelinegraph.build.rdf_triples import Triples
from timelinegraph.export.report_checks import shapes_file
from timelinegraph.export.report_shacl import validate_triples

TG = "https://w3id.org/timelinegraph/ns#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
Finding = tuple[str, str, str, str]


def broken() -> Triples:
    """make_kg's triples with no trigger on any event and a few dangling or ill-typed values."""
    triples = Triples(t for t in build_rdf(make_kg()) if t[1] != f"<{TG}trigger>")
    event = "<https://w3id.org/timelinegraph/id/event/ev-day>"
    triples.add(event, f"<{SEM}hasActor>", "<https://w3id.org/timelinegraph/id/actor/nobody>")
    triples.add(event, f"<{TG}agent>", "<https://w3id.org/timelinegraph/id/actor/nobody>")
    triples.add(event, f"<{TG}polarity>", '"MAYBE"')
    return triples


def findings(results: Graph, nodes: list) -> set[Finding]:
    props = (SH.focusNode, SH.resultPath, SH.value, SH.resultMessage)
    return {tuple(str(results.value(r, p)) for p in props) for r in nodes}  # type: ignore[misc]


def whole_graph(triples: Triples) -> set[Finding]:
    shapes = Graph().parse(shapes_file())
    _, results, _ = validate(to_rdflib(triples), shacl_graph=shapes, inference="none")
    return findings(results, list(results.subjects(RDF.type, SH.ValidationResult)))


def chunked(triples: Triples, chunk: int) -> set[Finding]:
    shapes = Graph().parse(shapes_file())
    found: set[Finding] = set()
    for results, result in validate_triples(triples, shapes, chunk=chunk):
        found |= findings(results, [result])
    return found


@pytest.mark.parametrize("chunk", [1, 7, 10**6])
def test_chunks_find_what_the_whole_graph_gives(chunk: int) -> None:
    triples = broken()
    expected = whole_graph(triples)
    assert len(expected) >= 5  # the missing triggers, the dangling actor, the bad polarity
    assert chunked(triples, chunk) == expected


@pytest.mark.parametrize("make", [make_kg, make_hostile_kg])
def test_conforming_graphs_stay_conforming_in_chunks(make) -> None:
    assert chunked(build_rdf(make()), 5) == set() == whole_graph(build_rdf(make()))
