"""`timelinegraph load` into the embedded Oxigraph store: counts, reloads, replacement, errors."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from loopback import Answer, Request, loopback
from tg_paths import EXPORTS
from timelinegraph.errors import InputError, TimelineGraphError
from timelinegraph.graph.rdf_terms import PREFIXES
from timelinegraph.store import (
    DEFAULT_GRAPH,
    endpoint_from,
    load_into_endpoint,
    load_into_store,
    replace,
    run_query,
)
from timelinegraph.store.load import _check_count
from timelinegraph.store.oxigraph import count_graph, replace_graph
from timelinegraph.store.prefixes import declared_prefixes, with_prefixes
from timelinegraph.store.sparql_text import query_form

EXPORT_TRIPLES = set(ox.parse(path=str(EXPORTS / "graph.ttl"), format=ox.RdfFormat.TURTLE))


def store_count(folder: Path, graph: str = DEFAULT_GRAPH) -> int:
    return count_graph(ox.Store.read_only(str(folder)), graph)


def test_load_matches_the_export_count(tmp_path: Path) -> None:
    summary = load_into_store(EXPORTS, tmp_path / "store")
    assert summary.triples == len(EXPORT_TRIPLES) > 2000
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


def _generated_turtle(path: Path, copies: int, version: str) -> int:
    """A Turtle of ``copies`` renamed copies of the seed graph, plus one triple naming the
    version; returns its number of distinct triples."""
    text = (EXPORTS / "graph.ttl").read_text(encoding="utf-8")
    head = "".join(line for line in text.splitlines(True) if line.startswith("@prefix"))
    body = "".join(line for line in text.splitlines(True) if not line.startswith("@prefix"))
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        out.write(f'<urn:timelinegraph:test> <urn:timelinegraph:version> "{version}" .\n')
        for i in range(copies):
            out.write(body.replace("/timelinegraph/id/", f"/timelinegraph/id/{version}{i}/"))
    return len(EXPORT_TRIPLES) * copies + 1


def _load_args(turtle: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "timelinegraph", "load", str(turtle), "--store", str(store)]


def _graph_state(store: Path, counts: dict[str, int]) -> str:
    """Which whole graph the store holds: 'old' or 'new'; fails on anything else."""
    opened = ox.Store.read_only(str(store))
    version = next(
        opened.quads_for_pattern(
            None, ox.NamedNode("urn:timelinegraph:version"), None, ox.NamedNode(DEFAULT_GRAPH)
        ),
        None,
    )
    found = count_graph(opened, DEFAULT_GRAPH)
    assert version is not None, f"no whole graph: {found:,} triples and no version triple"
    name = version.object.value
    assert found == counts[name], f"{name} graph with {found:,} triples, not {counts[name]:,}"
    return name


@pytest.mark.slow
def test_loads_killed_at_any_moment_leave_the_old_graph_or_the_new(tmp_path: Path) -> None:
    """SIGKILL `load` at moments through a reload: the named graph then holds the whole
    previous graph or the whole new one, never nothing or a part; the next load works."""
    old, new, store = tmp_path / "old.ttl", tmp_path / "new.ttl", tmp_path / "store"
    counts = {"old": _generated_turtle(old, 1, "old"), "new": _generated_turtle(new, 60, "new")}
    load_into_store(old, store)
    started = time.perf_counter()
    subprocess.run(_load_args(new, store), check=True, capture_output=True, timeout=600)
    duration = time.perf_counter() - started
    assert _graph_state(store, counts) == "new"
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97):
        load_into_store(old, store)
        proc = subprocess.Popen(
            _load_args(new, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _graph_state(store, counts)
    result = subprocess.run(_load_args(new, store), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert _graph_state(store, counts) == "new"


@pytest.mark.parametrize("others", ["small", "large"])
def test_a_load_keeps_every_other_graph_as_it_was(tmp_path: Path, others: str) -> None:
    """The new store is built beside the old one: the other graphs, the default graph, an
    empty named graph and blank nodes come through unchanged (copied when small, kept by
    linking the old store's files when larger than the graph loaded)."""
    store, small = tmp_path / "store", tmp_path / "small.ttl"
    small.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    load_into_store(EXPORTS if others == "small" else small, store)
    load_into_store(small if others == "small" else EXPORTS, store, graph="urn:x")
    extra = [
        ox.Quad(ox.BlankNode("b1"), ox.NamedNode("urn:p"), ox.Literal("in the default graph")),
        ox.Quad(
            ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.BlankNode("b2"), ox.NamedNode("urn:y")
        ),
    ]
    opened = ox.Store(str(store))
    opened.extend(extra)
    opened.add_graph(ox.NamedNode("urn:empty"))
    before = set(opened.quads_for_pattern(None, None, None, None))
    del opened
    load_into_store(EXPORTS if others == "small" else small, store)
    after = ox.Store.read_only(str(store))
    assert set(after.quads_for_pattern(None, None, None, None)) == before
    assert set(after.named_graphs()) == {
        ox.NamedNode(g) for g in (DEFAULT_GRAPH, "urn:x", "urn:y", "urn:empty")
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.lock", "small.ttl", "store"]


def test_without_a_folder_exchange_a_load_cut_between_two_renames_rolls_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system cannot swap two folders, the finished store is renamed .NAME.ready-*
    before the two renames: if a load dies between them, queries read the ready store and
    the next load moves it into place."""
    monkeypatch.setattr(replace, "_renameat2", None)
    store, small = tmp_path / "store", tmp_path / "small.ttl"
    small.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    load_into_store(EXPORTS, store)
    load_into_store(small, store)
    assert store_count(store) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.lock", "small.ttl", "store"]
    # the state a load killed after moving the old store aside leaves
    store.rename(tmp_path / ".store.ready-cut")
    results = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=store)
    assert results.column("n") == ["1"]
    load_into_store(small, store, graph="urn:x")
    assert store_count(store) == store_count(store, "urn:x") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.lock", "small.ttl", "store"]


def test_a_load_refused_by_the_count_or_the_folder_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    load_into_store(EXPORTS, store)
    held = f"holds {len(EXPORT_TRIPLES):,} triples in .* but .* has 0"
    with pytest.raises(TimelineGraphError, match=held):
        replace_graph(
            store,
            DEFAULT_GRAPH,
            EXPORTS / "graph.ttl",
            lambda n: _check_count(EXPORTS, str(store), DEFAULT_GRAPH, 0, n),
        )
    assert store_count(store) == len(EXPORT_TRIPLES)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.lock", "store"]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(TimelineGraphError, match="not an Oxigraph store and not empty"):
        load_into_store(EXPORTS, tmp_path / "mine")
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_a_load_into_an_endpoint_is_one_put_that_replaces_the_graph() -> None:
    """Graph Store Protocol: one PUT (which the server applies as one request), then a GET
    to count; never a DELETE then a POST, which a killed load could cut in between."""
    graphs: dict[str, bytes] = {}

    def answer(request: Request) -> Answer:
        if request.method == "PUT":
            graphs[request.path] = request.body
            return 201, "text/plain", b""
        if request.method == "GET" and request.path in graphs:
            return 200, "text/turtle", graphs[request.path]
        return 405, "text/plain", b"not here"

    with loopback(answer) as server:
        summary = load_into_endpoint(EXPORTS, endpoint_from(server.url))
    assert summary.triples == len(EXPORT_TRIPLES)
    assert [r.method for r in server.requests] == ["PUT", "GET"]
    assert server.requests[0].body == (EXPORTS / "graph.ttl").read_bytes()
    assert server.requests[0].content_type.startswith("text/turtle")
