"""Turtle export: re-parsed by pyoxigraph and rdflib, SHACL-valid, byte-identical."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal
from rdflib import namespace as ns  # a module, so pytest's collector never probes XSD

from kg_fixtures import HOSTILE_ID, HOSTILE_NAME, RTL_TITLE, make_empty_kg, make_kg
from timelinegraph.errors import ExportError
from timelinegraph.export.turtle import render_turtle, write_turtle
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_rdflib import to_rdflib
from timelinegraph.vocab import SEM, actor_iri, event_iri

SHAPES = Path(__file__).resolve().parents[1] / "schemas" / "shapes.ttl"


@pytest.fixture
def turtle_file(tmp_path: Path) -> Path:
    return write_turtle(build_rdf(make_kg()), tmp_path / "graph.ttl")


def load_oxigraph(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def test_pyoxigraph_reads_every_triple(turtle_file: Path) -> None:
    store = load_oxigraph(turtle_file)
    assert len(store) == len(build_rdf(make_kg()))
    assert len(Graph().parse(turtle_file, format="turtle")) == len(store)


def test_sparql_returns_event_types(turtle_file: Path) -> None:
    store = load_oxigraph(turtle_file)
    query = """
        PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?event ?code WHERE { ?event sem:eventType ?t . ?t skos:notation ?code }
    """
    found = {row["event"].value.rsplit("/", 1)[1]: row["code"].value for row in store.query(query)}
    assert found == {e.id: e.type.value for e in make_kg().events}


def test_hostile_strings_round_trip_exactly(turtle_file: Path) -> None:
    store = load_oxigraph(turtle_file)
    actor = ox.NamedNode(str(actor_iri(HOSTILE_ID)))
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert [q.object.value for q in store.quads_for_pattern(actor, label, None)] == [HOSTILE_NAME]
    rows = store.query("SELECT ?h WHERE { ?a <https://schema.org/headline> ?h }")
    assert RTL_TITLE in {row["h"].value for row in rows}
    assert "%20" in str(actor_iri(HOSTILE_ID)) and "<" not in str(actor_iri(HOSTILE_ID))


def test_shacl_conforms(turtle_file: Path) -> None:
    data = Graph().parse(turtle_file, format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES))
    assert conforms, report


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [
        ("2024-2", ns.XSD.gYearMonth),
        ("2024-02-30", ns.XSD.date),
        ("24", ns.XSD.gYear),
        ("2024", ns.XSD.string),
    ],
)
def test_shacl_rejects_bad_time_stamp(lexical: str, datatype: object) -> None:
    data = to_rdflib(build_rdf(make_kg()))
    event = event_iri("ev-day")
    data.remove((event, SEM.hasTimeStamp, None))
    data.add((event, SEM.hasTimeStamp, Literal(lexical, datatype=datatype)))
    conforms, _, _ = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES))
    assert not conforms


def test_time_stamps_at_known_precision() -> None:
    graph = to_rdflib(build_rdf(make_kg()))
    stamps = {str(s).rsplit("/", 1)[1]: o for s, o in graph.subject_objects(SEM.hasTimeStamp)}
    assert stamps["ev-day"] == Literal("2024-02-05", datatype=ns.XSD.date)
    assert stamps["ev-month"] == Literal("2024-02", datatype=ns.XSD.gYearMonth)
    assert stamps["ev-year"] == Literal("2023", datatype=ns.XSD.gYear)
    assert "ev-none" not in stamps


def test_no_blank_nodes() -> None:
    graph = to_rdflib(build_rdf(make_kg()))
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_two_writes_are_byte_identical(tmp_path: Path) -> None:
    first = write_turtle(build_rdf(make_kg()), tmp_path / "a.ttl").read_bytes()
    second = write_turtle(build_rdf(make_kg()), tmp_path / "b.ttl").read_bytes()
    assert first == second
    assert first.startswith(b"@prefix ") and first.endswith(b" .\n")


def test_literal_escaping_survives_rdflib_pitfalls() -> None:
    """rdflib's own long-string quoting breaks on newline + trailing backslash-quote."""
    graph = Graph()
    nasty = ['a\n\\"', '\n""', '"""', "\\", "\x00\x1f\x7f", "\r\n", "x\u2028y"]
    for index, value in enumerate(nasty):
        graph.add((actor_iri(f"n{index}"), ns.RDF.value, Literal(value)))
    parsed = list(ox.parse(render_turtle(graph).encode(), format=ox.RdfFormat.TURTLE))
    # U+0000 is written as U+FFFD: Raptor would cut the string there (see rdf_terms.py)
    expected = [value.replace("\x00", "\ufffd") for value in nasty]
    assert sorted(q.object.value for q in parsed) == sorted(expected)


def test_empty_graph_writes_an_empty_file(tmp_path: Path) -> None:
    """pyoxigraph writes the prefixes with the first triple: no triple, no text."""
    text = render_turtle(make_empty_kg())
    assert text == "" and len(list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))) == 0


def test_unwritable_path_raises_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="file"):
        write_turtle(build_rdf(make_kg()), blocker / "graph.ttl")
