"""``timelinegraph load``: put a build's graph.ttl into a store and check the store's count.

The build goes into one named graph (``DEFAULT_GRAPH`` unless ``--graph``), replaced as a
whole on every load, so loading twice gives the same triples, never twice as many. After the
load the store's count of triples in that graph must equal the export's count of distinct
triples; anything else is an error.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, StoreError
from ..vocab import make_iri
from .endpoint import Endpoint, get_graph, put_graph
from .oxigraph import replace_graph

__all__ = [
    "DEFAULT_GRAPH",
    "LoadSummary",
    "check_graph_iri",
    "default_store",
    "find_turtle",
    "load_into_endpoint",
    "load_into_store",
    "read_export",
]

DEFAULT_GRAPH = str(make_iri("graph", "default"))


@dataclass(frozen=True)
class LoadSummary:
    source: Path
    target: str  # the store folder, or the endpoint URL without credentials
    graph: str
    triples: int
    seconds: float

    def line(self) -> str:
        return (
            f"Loaded {self.triples:,} triples from {self.source} into {self.target} "
            f"(graph <{self.graph}>) in {self.seconds:.1f} s; store count matches."
        )


def find_turtle(path: Path) -> Path:
    """``path`` itself if it is a file, else the build folder's graph.ttl."""
    turtle = path / "graph.ttl" if path.is_dir() else path
    if not turtle.is_file():
        raise InputError(str(turtle), "no Turtle export here (run timelinegraph build first)")
    return turtle


def default_store(path: Path) -> Path:
    """The embedded store next to the export: ``<build folder>/store``."""
    return (path if path.is_dir() else path.parent) / "store"


def check_graph_iri(graph: str) -> str:
    try:
        ox.NamedNode(graph)
    except ValueError:
        raise StoreError(f"--graph {graph}: not an absolute IRI") from None
    return graph


def read_export(turtle: Path) -> tuple[bytes, int]:
    """The file's bytes and its number of distinct triples."""
    try:
        data = turtle.read_bytes()
        # as N-Triples strings: exact, and a third of the memory of the parsed objects
        triples = len({str(t) for t in ox.parse(data, format=ox.RdfFormat.TURTLE)})
    except OSError as exc:
        raise InputError(str(turtle), f"cannot read ({exc.strerror or exc})") from None
    except SyntaxError as exc:
        raise InputError(str(turtle), f"not valid Turtle ({exc})") from None
    return data, triples


def load_into_store(
    path: Path, store: Path | None = None, graph: str = DEFAULT_GRAPH
) -> LoadSummary:
    """Load the build at ``path`` into the Oxigraph store at ``store`` (default: next to it).

    The store's graph is replaced in one step: a load that fails, or is killed, leaves the
    store as it was; the count is checked before the new store takes the old one's place.
    """
    turtle, store = find_turtle(path), store or default_store(path)
    started = time.perf_counter()
    _, expected = read_export(turtle)
    check_graph_iri(graph)
    replace_graph(
        store,
        graph,
        turtle,
        lambda counted: _check_count(turtle, str(store), graph, expected, counted),
    )
    return LoadSummary(turtle, str(store), graph, expected, time.perf_counter() - started)


def load_into_endpoint(path: Path, endpoint: Endpoint, graph: str = DEFAULT_GRAPH) -> LoadSummary:
    """PUT the build at ``path`` into ``graph`` at a Graph Store Protocol endpoint.

    One PUT replaces the graph (never a DELETE then a POST): a load cut short on our side
    (killed, or the connection lost) is one request the server applies whole or not at all,
    as far as the server makes one request atomic.
    """
    turtle = find_turtle(path)
    started = time.perf_counter()
    data, expected = read_export(turtle)
    put_graph(endpoint, check_graph_iri(graph), data)
    _check_count(turtle, endpoint.shown, graph, expected, len(get_graph(endpoint, graph)))
    return LoadSummary(turtle, endpoint.shown, graph, expected, time.perf_counter() - started)


def _check_count(turtle: Path, target: str, graph: str, expected: int, counted: int) -> None:
    if counted != expected:
        raise StoreError(
            f"{target}: the store holds {counted:,} triples in <{graph}> after the load, "
            f"but {turtle} has {expected:,}"
        )
