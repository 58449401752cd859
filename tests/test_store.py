"""`timelinegraph load` into the embedded Oxigraph store: counts, reloads, replacement, errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tg_paths import EXPORTS
from timelinegraph.build.rdf_terms import PREFIXES
from timelinegraph.errors import InputError, TimelineGraphError
from timelinegraph.store import DEFAULT_GRAPH, load_into_store
from timelinegraph.store.oxigraph import count_graph
from timelinegraph.store.prefixes import declared_prefixes, query_form, with_prefixes

EXPORT_TRIPLES = set(ox.parse(path=str(EXPORTS / "graph.ttl"), format=ox.RdfFormat.TURTLE))


def store_count(folder: Path, graph: str = DEFAULT_GRAPH) -> int:
    return count_graph(ox.Store.read_only(str(folder)), graph)


def test_load_matches_the_export_count(tmp_path: Path) -> None:
    summary = load_into_store(EXPORTS, tmp_path / "store")
    assert summary.triples == len(EXPORT_TRIPLES) > 4000
    assert store_count(tmp_path / "store") == len(EXPORT_TRIPLES)
    assert summary.graph == DEFAULT_GRAPH == "https://w3id.org/timelinegraph/id/graph/default"
    assert summary.line().startswith(f"Loaded {len(EXPORT_TRIPLES):,} triples from ")
    assert summary.line().endswith("; store count matches.")


def test_reloading_replaces_the_graph_and_never_duplicates(tmp_path: Path) -> None:
    store = tmp_path / "store"
    load_into_store(EXPORTS / "graph.ttl", store)
    load_into_store(EXPORTS, store)
    assert store_count(store) == len(EXPORT_TRIPLES)
    # a smaller build loaded into the same graph replaces it: nothing of the old one is left
    small = tmp_path / "small"
    small.mkdir()
    (small / "graph.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert load_into_store(small, store).triples == 1
    assert store_count(store) == 1
    # another graph is left alone by a load
    load_into_store(EXPORTS, store, graph="urn:timelinegraph:other")
    assert store_count(store) == 1
    assert store_count(store, "urn:timelinegraph:other") == len(EXPORT_TRIPLES)


def test_default_store_is_next_to_the_export(tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    (build / "graph.ttl").write_bytes((EXPORTS / "graph.ttl").read_bytes())
    summary = load_into_store(build)
    assert summary.target == str(build / "store")
    assert (build / "store" / "CURRENT").is_file()


def test_missing_or_broken_turtle_is_one_line_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"graph\.ttl: no Turtle export here"):
        load_into_store(tmp_path, tmp_path / "store")
    (tmp_path / "graph.ttl").write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"graph\.ttl: not valid Turtle \(.*line 1") as caught:
        load_into_store(tmp_path, tmp_path / "store")
    assert "\n" not in str(caught.value)


def test_graph_must_be_an_iri(tmp_path: Path) -> None:
    with pytest.raises(TimelineGraphError, match="--graph not an iri: not an absolute IRI"):
        load_into_store(EXPORTS, tmp_path / "store", graph="not an iri")


def test_query_prefixes_are_the_exports_prefixes() -> None:
    declared = {
        line.split()[1].rstrip(":"): line.split()[2].strip("<>")
        for line in (EXPORTS / "graph.ttl").read_text(encoding="utf-8").splitlines()
        if line.startswith("@prefix ")
    }
    assert declared.items() <= PREFIXES.items()  # whatever the export says, a query can say
    query = "PREFIX tg: <urn:mine#>\nSELECT * WHERE { ?s tg:x ?o }"
    full = with_prefixes(query)
    assert full.count("PREFIX tg:") == 1 and "PREFIX sem: <http://semanticweb" in full
    assert full.count("\n") == query.count("\n")  # error line numbers still point right
    assert declared_prefixes(query) == {"tg"}


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("PREFIX select: <urn:construct#>\n# CONSTRUCT here\nask { ?s select:p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <urn:a>", "DESCRIBE"),
    ],
)
def test_query_form(query: str, form: str) -> None:
    assert query_form(query) == form
