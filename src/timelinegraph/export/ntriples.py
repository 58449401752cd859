"""N-Triples export: one triple per line, lines sorted, the same triples as the Turtle.

Canonical in the sense of RDF 1.1 N-Triples: full IRIs, one space between terms, strings
in ``"..."`` with ECHAR/UCHAR escapes (U+2028 and the like escaped too, so no string can
break a line), typed literals always with their datatype (no bare numbers), ``xsd:string``
left implicit. Lines are sorted by code point, so the same graph always gives the same
bytes, and two builds can be compared with ``diff`` or ``comm``. The build's terms are
already N-Triples (``graph/rdf_terms.py``): this writer only sorts and joins them.

A build writes the file streamed (``stream_ntriples``): the model's triples are made a few
hundred nodes at a time (``graph.rdf.rdf_pieces``), their lines sorted in runs of bounded size
spilled to disk beside the file, and the runs merged into the sorted, duplicate-free file
(``graph.rdf_sort``).
The whole graph's triples are never in memory at once, and the bytes are ``write_ntriples``'.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph

from ..common.atomic import atomic_open
from ..graph.rdf import rdf_of, rdf_pieces
from ..graph.rdf_sort import RUN_LINES, sorted_unique
from ..graph.rdf_triples import Triples
from ..models import KnowledgeGraph

__all__ = ["render_ntriples", "stream_ntriples", "write_ntriples"]


def render_ntriples(data: KnowledgeGraph | Triples | Graph) -> str:
    """The N-Triples text of a knowledge graph, of triples or of an rdflib graph."""
    return rdf_of(data).ntriples()


def write_ntriples(triples: Triples, path: Path) -> Path:
    """Write N-Triples (UTF-8, LF) to ``path`` atomically; returns ``path``. The
    triples are the graph stage's (``graph.built``); ``render_ntriples`` takes a model too."""
    with atomic_open(Path(path)) as handle:
        handle.writelines(triples.ntriples_chunks(sort=True))
    return Path(path)


def stream_ntriples(
    kg: KnowledgeGraph, path: Path, *, run_lines: int = RUN_LINES, nodes: int = 500
) -> Path:
    """Write ``kg``'s N-Triples to ``path`` atomically, streamed (see the module's docstring):
    the same bytes as ``write_ntriples(build_rdf(kg), path)``, in memory at most about
    ``run_lines`` lines and the triples of ``nodes`` model nodes. Returns ``path``."""
    path = Path(path)
    # the target first: its folder made, or refused, as every writer's is (atomic_open)
    with (
        atomic_open(path) as handle,
        sorted_unique(_lines(kg, nodes), path.parent, run_lines=run_lines) as lines,
    ):
        handle.writelines(lines)
    return path


def _lines(kg: KnowledgeGraph, nodes: int) -> Iterator[str]:
    for piece in rdf_pieces(kg, nodes):
        for subject, pairs in piece.by_subject():
            for predicate, obj in pairs:
                yield f"{subject} {predicate} {obj} .\n"
