"""Raptor's ``rapper`` (Debian raptor2-utils) reads our Turtle, N-Triples and TriG cleanly.

Raptor is the strictest about escapes (it refuses ``\\uFFFE``) and resolves every IRI
against the file's base (it removes ``/../``), so it reads our files as pyoxigraph and
rdflib do only if nothing in them is ill-formed: same count, same triples, no warning.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from rdf_fixtures import make_hostile_kg, rapper
from tg_paths import EXPORTS
from timelinegraph.export.ntriples import write_ntriples
from timelinegraph.export.trig import write_trig
from timelinegraph.export.turtle import write_turtle
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_rdflib import from_rdflib

WRITERS: dict[str, tuple[Callable[..., Path], str, ox.RdfFormat]] = {
    "turtle": (write_turtle, "graph.ttl", ox.RdfFormat.TURTLE),
    "ntriples": (write_ntriples, "graph.nt", ox.RdfFormat.N_TRIPLES),
    "trig": (write_trig, "graph.trig", ox.RdfFormat.TRIG),
}


def rapper_triples(path: Path, syntax: str) -> set[str]:
    """The triples Raptor reads, re-read by pyoxigraph from Raptor's own N-Triples output."""
    if shutil.which("rapper") is None:
        pytest.skip("rapper not installed (apt install raptor2-utils)")
    done = subprocess.run(
        ["rapper", "--quiet", "--input", syntax, "--output", "ntriples", str(path)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in _parse(done.stdout)}


def _parse(data: bytes) -> list[ox.Quad]:
    return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def oxigraph_triples(path: Path, fmt: ox.RdfFormat) -> set[str]:
    quads = ox.parse(path=str(path), format=fmt)
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads}


def test_rapper_reads_the_seed_turtle() -> None:
    count, problems = rapper(EXPORTS / "graph.ttl", "turtle")
    assert problems == []
    assert count == len(Graph().parse(EXPORTS / "graph.ttl", format="turtle"))
    assert rapper_triples(EXPORTS / "graph.ttl", "turtle") == oxigraph_triples(
        EXPORTS / "graph.ttl", ox.RdfFormat.TURTLE
    )


@pytest.mark.parametrize("syntax", sorted(WRITERS))
@pytest.mark.parametrize("source", ["seed", "hostile"])
def test_rapper_reads_every_serialization(tmp_path: Path, syntax: str, source: str) -> None:
    """Seed: the committed Turtle re-serialized; hostile: names, sentences and article ids
    with quotes, '<script>', ']]>', newlines, backslashes, '#', '@prefix', emoji, RTL text,
    control and non-characters, '..' and a lone surrogate."""
    write, filename, fmt = WRITERS[syntax]
    seed = Graph().parse(EXPORTS / "graph.ttl") if source == "seed" else None
    data = from_rdflib(seed) if seed is not None else build_rdf(make_hostile_kg())
    path = write(data, tmp_path / filename)
    count, problems = rapper(path, syntax)
    assert problems == []
    expected = oxigraph_triples(path, fmt)
    assert count == len(expected)
    if syntax != "trig":  # rdflib's TriG reader would need a Dataset; oxigraph covers it
        assert len(Graph().parse(path, format=syntax)) == count
    assert rapper_triples(path, syntax) == expected
