"""N-Triples export: the Turtle's triples, one sorted line each, and no string breaks a line."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg_fixtures import make_empty_kg, make_kg
from rdf_fixtures import make_hostile_kg
from tg_paths import EXPORTS, SEEDS
from timelinegraph.export.ntriples import render_ntriples, write_ntriples
from timelinegraph.export.turtle import render_turtle
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_file import write_triples_file
from timelinegraph.models import KnowledgeGraph
from timelinegraph.pipeline import write_exports
from timelinegraph.registry import DEFAULT_FORMATS, resolve_formats


def triples(text: str, fmt: ox.RdfFormat) -> set[str]:
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in ox.parse(text, format=fmt)}


@pytest.mark.parametrize("source", ["kg", "hostile", "seed"])
def test_same_triples_as_the_turtle(source: str) -> None:
    data = {
        "kg": make_kg,
        "hostile": make_hostile_kg,
        "seed": lambda: Graph().parse(EXPORTS / "graph.ttl"),
    }[source]()
    nt = triples(render_ntriples(data), ox.RdfFormat.N_TRIPLES)
    assert nt == triples(render_turtle(data), ox.RdfFormat.TURTLE)
    assert len(nt) > 400


def test_one_sorted_line_per_triple_each_readable_alone() -> None:
    """Every line parses by itself as exactly one triple: no string spilled over a line."""
    lines = render_ntriples(make_hostile_kg()).split("\n")
    assert lines.pop() == ""  # the file ends with a newline
    assert len(lines) == len("\n".join(lines).splitlines())  # no U+2028 etc. left raw
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    for line in lines:
        assert line.endswith(" .") and not line.startswith(" ")
        assert len(list(ox.parse(line, format=ox.RdfFormat.N_TRIPLES))) == 1
    assert not any("^^<http://www.w3.org/2001/XMLSchema#string>" in line for line in lines)


def test_typed_literals_are_never_bare() -> None:
    text = render_ntriples(make_kg())
    assert '"0.85"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    assert '"2024-02-05"^^<http://www.w3.org/2001/XMLSchema#date>' in text


def test_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; none of the RDF writers may follow it."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from kg_fixtures import make_kg;"
        "from timelinegraph.export.turtle import render_turtle;"
        "from timelinegraph.export.ntriples import render_ntriples;"
        "from timelinegraph.export.trig import render_trig;"
        "from timelinegraph.export.jsonld import render_jsonld;"
        "kg = make_kg();"
        "sys.stdout.buffer.write(''.join(f(kg) for f in"
        " (render_turtle, render_ntriples, render_trig, render_jsonld)).encode())"
    )
    tests_dir = str(Path(__file__).parent)
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, tests_dir],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_empty_graph_is_an_empty_file(tmp_path: Path) -> None:
    assert write_ntriples(build_rdf(make_empty_kg()), tmp_path / "g.nt").read_bytes() == b""


def test_registered_but_not_a_default(tmp_path: Path) -> None:
    assert resolve_formats(["nt,n-triples,json-ld,trig"]) == ["ntriples", "jsonld", "trig"]
    assert not {"ntriples", "jsonld", "trig"} & set(DEFAULT_FORMATS)
    written = write_exports(make_kg(), tmp_path, ["turtle", "ntriples", "jsonld", "trig"])
    assert [p.name for p in written] == ["graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"]


@pytest.mark.parametrize("source", ["kg", "hostile", "empty", "seed"])
@pytest.mark.parametrize(("run_lines", "nodes"), [(200_000, 500), (7, 1), (50, 3)])
def test_streamed_is_the_same_bytes(
    tmp_path: Path, source: str, run_lines: int, nodes: int
) -> None:
    """A build writes its triples streamed (graph.rdf_file): pieces of a few nodes, sorted runs
    on disk, merged; many small runs and pieces (a subject's triples in several pieces, one
    triple made twice) give the bytes of the whole graph's triples sorted at once, and leave
    no run; the N-Triples writer copies that file as it is."""
    kg = _models()[source]
    whole = write_ntriples(build_rdf(kg), tmp_path / "whole.nt").read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    streamed = write_triples_file(kg, out / "triples.nt", run_lines=run_lines, nodes=nodes)
    assert streamed.path.read_bytes() == whole
    assert [p.name for p in out.iterdir()] == ["triples.nt"]
    assert write_ntriples(streamed, tmp_path / "graph.nt").read_bytes() == whole


@functools.cache
def _models() -> dict[str, KnowledgeGraph]:
    from timelinegraph.extract import extract_many
    from timelinegraph.extract.nlp import load_nlp
    from timelinegraph.ingest import read_articles
    from timelinegraph.resolve import resolve

    seed = resolve(list(extract_many(read_articles([SEEDS]).articles, load_nlp())))
    return {"kg": make_kg(), "hostile": make_hostile_kg(), "empty": make_empty_kg(), "seed": seed}
