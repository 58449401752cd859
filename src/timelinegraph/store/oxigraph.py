"""The embedded store: an Oxigraph database in a folder (``exports/store`` by default).

A build lives in one named graph. Loading replaces that graph's content, so reloading never
duplicates a triple; queries see every graph as the default graph (or only ``graph``), so
users write no GRAPH clause.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..errors import TimelineGraphError
from .prefixes import PREFIXES
from .results import Results, Term, literal

__all__ = ["count_graph", "query_store", "replace_graph", "triples_results"]


def replace_graph(folder: Path, graph: str, triples: Iterable[ox.Triple]) -> int:
    """Put ``triples`` into the named graph ``graph`` of the store at ``folder`` (created if
    needed), replacing what the graph held; returns how many triples the store then has there."""
    store = _open(folder, writable=True)
    name = ox.NamedNode(graph)
    try:
        store.clear_graph(name)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        store.flush()
    except OSError as exc:
        raise TimelineGraphError(f"{folder}: cannot write the Oxigraph store ({exc})") from None
    return count_graph(store, graph)


def count_graph(store: ox.Store, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    [solution] = list(store.query(query))
    return int(solution["n"].value)


def query_store(folder: Path, query: str, graph: str | None = None) -> Results:
    """Run SPARQL ``query`` (our prefixes predeclared) on the store at ``folder``.

    Without ``graph`` the default graph is the union of all graphs; with it, that graph only.
    """
    store = _open(folder, writable=False)
    options: dict[str, object] = {"prefixes": dict(PREFIXES)}
    if graph is None:
        options["use_default_graph_as_union"] = True
    else:
        options["default_graph"] = ox.NamedNode(graph)
    try:
        answer = store.query(query, **options)
        return _results(answer)
    except SyntaxError as exc:
        raise TimelineGraphError(f"query: SPARQL syntax {_first_line(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise TimelineGraphError(f"query: cannot run the query ({_first_line(exc)})") from None


def _open(folder: Path, *, writable: bool) -> ox.Store:
    if not writable and not (folder / "CURRENT").is_file():
        raise TimelineGraphError(
            f"{folder}: no Oxigraph store here (run timelinegraph load first, or give --store)"
        )
    try:
        if writable:
            folder.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(folder))
        # read-only: no lock taken, so several queries (or a running load) do not collide
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        hint = " (is another timelinegraph load using it?)" if "lock" in str(exc).lower() else ""
        problem = _first_line(exc)
        raise TimelineGraphError(
            f"{folder}: cannot open the Oxigraph store{hint}: {problem}"
        ) from None


def _results(answer: object) -> Results:
    if isinstance(answer, ox.QueryBoolean):
        return Results(boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return triples_results(answer)
    names = [v.value for v in answer.variables]
    rows = [[_term(solution[name]) for name in names] for solution in answer]
    return Results(names, rows)


def triples_results(triples: Iterable[ox.Triple]) -> Results:
    """CONSTRUCT/DESCRIBE answers as rows of subject, predicate, object."""
    rows = [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples]
    return Results(["subject", "predicate", "object"], rows)


def _term(node: object) -> Term | None:
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        return literal(node.value, node.datatype.value, node.language)
    return literal(str(node))  # an RDF-star triple term: shown as written


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
