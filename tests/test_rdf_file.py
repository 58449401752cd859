"""The graph stage's RDF on disk (graph/rdf_file.py, graph/built.py): the sorted N-Triples file
holds exactly ``build_rdf(kg)``'s triples, reads back subject by subject as the in-memory
triples do, gives every writer the bytes the in-memory triples give, and goes with the build."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from kg_fixtures import make_empty_kg, make_kg
from rdf_fixtures import make_hostile_kg
from tg_paths import SEEDS
from timelinegraph.export import jsonld, trig
from timelinegraph.export.jsonld import write_jsonld
from timelinegraph.export.ntriples import write_ntriples
from timelinegraph.export.report import write_report
from timelinegraph.export.trig import write_trig
from timelinegraph.export.turtle import write_turtle
from timelinegraph.graph import rdf_file
from timelinegraph.graph.built import build_graph
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_file import TriplesFile, write_triples_file
from timelinegraph.graph.rdf_triples import SortedTriples
from timelinegraph.models import KnowledgeGraph
from timelinegraph.pipeline import write_exports
from timelinegraph.registry import ALL_FORMATS

SOURCES = ["kg", "hostile", "empty", "seed"]


@functools.cache
def model(source: str) -> KnowledgeGraph:
    if source != "seed":
        return {"kg": make_kg, "hostile": make_hostile_kg, "empty": make_empty_kg}[source]()
    from timelinegraph.extract import extract_many
    from timelinegraph.extract.nlp import load_nlp
    from timelinegraph.ingest import read_articles
    from timelinegraph.resolve import resolve

    return resolve(list(extract_many(read_articles([SEEDS]).articles, load_nlp())))


@pytest.mark.parametrize("source", SOURCES)
def test_the_file_holds_build_rdfs_triples_subject_by_subject(tmp_path: Path, source: str) -> None:
    kg = model(source)
    in_memory = build_rdf(kg)
    on_disk = write_triples_file(kg, tmp_path / "graph.nt", run_lines=1000, nodes=7)
    assert list(on_disk.groups()) == list(in_memory.groups())
    assert len(on_disk) == len(in_memory) == len(TriplesFile(on_disk.path))
    assert "".join(on_disk.ntriples_chunks()) == in_memory.ntriples()
    assert "".join(on_disk.ntriples_chunks(type_first=True)) == "".join(
        in_memory.ntriples_chunks(type_first=True)
    )
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]  # the runs are gone


@pytest.mark.parametrize("source", SOURCES)
def test_every_rdf_writer_gives_the_same_bytes_from_the_file(
    tmp_path: Path, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's writers read the file; ``render_*`` and the tests hand them the in-memory
    triples: both give the same bytes, so what a test checks is what a build writes (the file
    read in small blocks and the writers' lines sorted in small runs, as a big build's are)."""
    monkeypatch.setattr(rdf_file, "_BLOCK", 1000)
    monkeypatch.setattr(trig, "_RUN_LINES", 50)
    monkeypatch.setattr(jsonld, "_RUN_NODES", 5)
    kg = model(source)
    (tmp_path / "triples").mkdir()
    on_disk = write_triples_file(kg, tmp_path / "triples" / "graph.nt")
    writers = {"ttl": write_turtle, "trig": write_trig, "jsonld": write_jsonld}
    for suffix, write in writers.items():
        triples: SortedTriples
        for kind, triples in (("memory", build_rdf(kg)), ("disk", on_disk)):
            write(triples, tmp_path / kind / f"graph.{suffix}")
        memory, disk = (tmp_path / kind / f"graph.{suffix}" for kind in ("memory", "disk"))
        assert disk.read_bytes() == memory.read_bytes(), suffix
    text = (tmp_path / "disk" / "graph.jsonld").read_text(encoding="utf-8")
    document = json.loads(text)  # written node by node: the text json.dumps gives the whole
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    report = write_report(kg, tmp_path / "disk" / "report.md", triples=on_disk)
    assert report.read_bytes() == write_report(kg, tmp_path / "memory" / "report.md").read_bytes()
    assert [p.name for p in (tmp_path / "triples").iterdir()] == ["graph.nt"]  # TriG's runs gone
    nt = write_ntriples(on_disk, tmp_path / "disk" / "graph.nt")
    assert nt.read_bytes() == on_disk.path.read_bytes() == build_rdf(kg).ntriples().encode()


def test_turtle_states_each_subjects_type_first(tmp_path: Path) -> None:
    text = write_turtle(build_rdf(model("seed")), tmp_path / "graph.ttl").read_text("utf-8")
    statements = [line for line in text.splitlines() if line.startswith("<")]
    assert len(statements) > 300
    assert all(line.split(" ", 2)[1] == "a" for line in statements)  # every subject has a type


def test_the_file_lives_in_scratch_until_the_graph_is_closed(tmp_path: Path) -> None:
    with build_graph(make_kg(), tmp_path) as graph:
        assert list(tmp_path.iterdir()) == []  # made on first use only
        path = graph.triples.path
        assert path.parent.parent == tmp_path and graph.triples is graph.triples
        assert len(graph.triples) == len(build_rdf(make_kg()))
    assert list(tmp_path.iterdir()) == []


def test_a_build_leaves_only_its_exports(tmp_path: Path) -> None:
    written = write_exports(make_kg(), tmp_path, ALL_FORMATS)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {p.name for p in written} and len(names) == len(ALL_FORMATS)
