"""The RDF writers give the reference triples: the ones the rdflib-based builder gave.

``tests/data/golden/rdf_*.nt`` are the N-Triples of ``make_kg()`` and ``make_hostile_kg()``
as written by the rdflib builder and canonical writer that the pyoxigraph path replaced (the
same sorted lines, byte for byte). Every writer must still give exactly those triples, read
back by pyoxigraph; and the seed's Turtle must hold the triples of the committed
``exports/graph.ttl``. ``tests/data/golden/trig_*.nq`` are the same triples with the named
graph the TriG writer put each in before it was streamed (the lines of ``rdf_*.nt`` with a
graph term added): the TriG must still put every triple in that graph. Regenerate the golden
files only when the triples change on purpose: ``python tests/test_rdf_reference.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_fixtures import make_kg
from rdf_fixtures import make_hostile_kg
from tg_paths import EXPORTS, SEEDS
from timelinegraph.export.jsonld import render_jsonld
from timelinegraph.export.ntriples import render_ntriples
from timelinegraph.export.trig import render_trig
from timelinegraph.export.turtle import render_turtle
from timelinegraph.models import KnowledgeGraph
from timelinegraph.pipeline import build

GOLDEN = Path(__file__).parent / "data" / "golden"
FIXTURES: dict[str, Callable[[], KnowledgeGraph]] = {"kg": make_kg, "hostile": make_hostile_kg}
WRITERS = {
    "turtle": (render_turtle, ox.RdfFormat.TURTLE),
    "ntriples": (render_ntriples, ox.RdfFormat.N_TRIPLES),
    "trig": (render_trig, ox.RdfFormat.TRIG),
    "jsonld": (render_jsonld, ox.RdfFormat.JSON_LD),
}


def triples(data: bytes | str, fmt: ox.RdfFormat) -> set[ox.Triple]:
    """The triples pyoxigraph reads (a TriG's quads without their graph names)."""
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)}


def golden(name: str) -> bytes:
    return (GOLDEN / f"rdf_{name}.nt").read_bytes()


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_ntriples_are_the_reference_bytes(name: str) -> None:
    assert render_ntriples(FIXTURES[name]()).encode() == golden(name)


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_writer_gives_the_reference_triples(name: str, writer: str) -> None:
    render, fmt = WRITERS[writer]
    expected = triples(golden(name), ox.RdfFormat.N_TRIPLES)
    found = triples(render(FIXTURES[name]()).encode(), fmt)
    assert found == expected, (
        f"only in {writer}: {sorted(map(str, found - expected))[:3]}\n"
        f"only in the reference: {sorted(map(str, expected - found))[:3]}"
    )


def quads(data: bytes | str, fmt: ox.RdfFormat) -> set[str]:
    return {str(q) for q in ox.parse(data, format=fmt)}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_trig_puts_each_triple_in_its_reference_graph(name: str) -> None:
    expected = quads((GOLDEN / f"trig_{name}.nq").read_bytes(), ox.RdfFormat.N_QUADS)
    assert quads(render_trig(FIXTURES[name]()).encode(), ox.RdfFormat.TRIG) == expected


def test_seed_turtle_has_the_committed_triples(tmp_path: Path) -> None:
    build([SEEDS], tmp_path, formats=["turtle"])
    built = triples((tmp_path / "graph.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    committed = triples((EXPORTS / "graph.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    assert built == committed and len(built) > 1000


def graph_lines(ntriples: str, trig: str) -> str:
    """The N-Triples lines with the graph each triple has in the TriG added: N-Quads, sorted."""
    graphs = {
        str(ox.Triple(q.subject, q.predicate, q.object)): str(q.graph_name)
        for q in ox.parse(trig, format=ox.RdfFormat.TRIG)
    }
    lines = []
    for line in ntriples.split("\n")[:-1]:  # the text ends with a newline
        (quad,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
        lines.append(f"{line[:-2]} {graphs[str(quad.triple)]} .\n")
    return "".join(sorted(lines))


if __name__ == "__main__":  # regenerate the golden files from the current builder
    for fixture, make in FIXTURES.items():
        ntriples = render_ntriples(make())
        (GOLDEN / f"rdf_{fixture}.nt").write_bytes(ntriples.encode())
        nquads = graph_lines(ntriples, render_trig(make()))
        (GOLDEN / f"trig_{fixture}.nq").write_bytes(nquads.encode())
        print(f"wrote {GOLDEN / f'rdf_{fixture}.nt'} and {GOLDEN / f'trig_{fixture}.nq'}")
