"""The embedded store: an Oxigraph database in a folder (``exports/store`` by default).

A build lives in one named graph. Loading replaces that graph's content, so reloading never
duplicates a triple, and does so in one step: the new store is built beside the old one and
swapped in (replace.py), so a load that fails or is killed leaves the old store. Queries see
every graph as the default graph (or only ``graph``), so users write no GRAPH clause.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from ..common.sparql import select
from ..errors import InputError, QueryError, StoreError
from .prefixes import PREFIXES
from .replace import is_store, readable_store, replacing_store, store_lock
from .results import Results, Term, literal

__all__ = ["count_graph", "query_store", "replace_graph", "triples_results"]


def replace_graph(
    folder: Path, graph: str, turtle: Path, check: Callable[[int], None] = lambda counted: None
) -> int:
    """Put the Turtle file ``turtle`` into the named graph ``graph`` of the store at ``folder``
    (created if needed), replacing what the graph held, in one step (see replace.py); returns
    how many triples the store then has there. ``check`` sees that count before the new store
    replaces the old one, and may refuse it by raising: the old store is then left as it was.
    """
    folder = Path(os.path.realpath(folder))  # a symlinked store is replaced where it lives
    if folder.exists() and not is_store(folder) and (not folder.is_dir() or any(folder.iterdir())):
        raise StoreError(f"{folder}: not an Oxigraph store and not empty; give another --store")
    with store_lock(folder), replacing_store(folder) as staging:
        return _build(staging, folder, ox.NamedNode(graph), turtle, check)


def _build(
    staging: Path, folder: Path, graph: ox.NamedNode, turtle: Path, check: Callable[[int], None]
) -> int:
    """The store at ``folder`` with ``graph`` replaced, built at ``staging``; both closed after."""
    old = _open(folder, writable=True) if is_store(folder) else None
    new = None
    try:
        if old is None:
            new = ox.Store(str(staging))
        else:
            # copying a million quads takes about 14 s, dropping a million from a graph 40 s
            replaced = count_graph(old, graph.value)
            if len(old) - replaced <= 3 * replaced:  # copy the other graphs
                new = ox.Store(str(staging))
                _copy_other_graphs(old, new, graph)
            else:  # link the old store's files (a backup), then drop the graph there
                staging.rmdir()  # backup() makes the folder
                old.backup(str(staging))
                new = ox.Store(str(staging))
                new.remove_graph(graph)
        new.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE, to_graph=graph)
        new.flush()
        counted = count_graph(new, graph.value)
        check(counted)
        return counted
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write the Oxigraph store ({exc})") from None
    except SyntaxError as exc:
        raise InputError(str(turtle), f"not valid Turtle ({_first_line(exc)})") from None
    finally:
        del new, old  # closed here, before the swap, even when an error keeps this frame alive


def _copy_other_graphs(old: ox.Store, new: ox.Store, skip: ox.NamedNode) -> None:
    """Every graph of ``old`` but ``skip`` into ``new``, blank nodes keeping their ids (a
    parser would give them new ones, and split one shared by two graphs)."""
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs.extend(g for g in old.named_graphs() if g != skip)
    for name in graphs:
        if not isinstance(name, ox.DefaultGraph):
            new.add_graph(name)  # kept even when empty
        new.bulk_extend(old.quads_for_pattern(None, None, None, name))


def count_graph(store: ox.Store, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    [solution] = list(select(store, query, prefixes={}))
    return int(solution["n"].value)


def query_store(folder: Path, query: str, graph: str | None = None) -> Results:
    """Run SPARQL ``query`` (our prefixes predeclared) on the store at ``folder``.

    Without ``graph`` the default graph is the union of all graphs; with it, that graph only.
    """
    store = _open(folder, writable=False)
    only = None if graph is None else ox.NamedNode(graph)
    try:
        answer = store.query(
            query,
            prefixes=dict(PREFIXES),
            use_default_graph_as_union=only is None,
            default_graph=only,
        )
        return _results(answer)
    except SyntaxError as exc:
        raise QueryError(f"query: SPARQL syntax {_first_line(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query: cannot run the query ({_first_line(exc)})") from None


def _open(folder: Path, *, writable: bool) -> ox.Store:
    """The existing store at ``folder``: for writing (Oxigraph's lock held), or read-only."""
    where = folder if writable else readable_store(folder)
    if not is_store(where):
        raise StoreError(
            f"{folder}: no Oxigraph store here (run timelinegraph load first, or give --store)"
        )
    try:
        if writable:
            return ox.Store(str(folder))
        # read-only: no lock taken, so several queries (or a running load) do not collide
        return ox.Store.read_only(str(where))
    except OSError as exc:
        locked = "lock" in str(exc).lower()
        hint = " (is another process, an Oxigraph server say, using it?)" if locked else ""
        problem = _first_line(exc)
        raise StoreError(f"{folder}: cannot open the Oxigraph store{hint}: {problem}") from None


def _results(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Results:
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
