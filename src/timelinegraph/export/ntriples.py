"""N-Triples export: one triple per line, lines sorted, the same triples as the Turtle.

Canonical in the sense of RDF 1.1 N-Triples: full IRIs, one space between terms, strings
in ``"..."`` with ECHAR/UCHAR escapes (U+2028 and the like escaped too, so no string can
break a line), typed literals always with their datatype (no bare numbers), ``xsd:string``
left implicit. Lines are sorted by code point, so the same graph always gives the same
bytes, and two builds can be compared with ``diff`` or ``comm``. The build's terms are
already N-Triples (``graph/rdf_terms.py``): this writer only sorts and joins them.

In a build the graph stage has written exactly this file already (``graph.rdf_file``: the
model's triples made a few hundred nodes at a time, sorted in bounded runs on disk, merged),
so the writer copies it: the whole graph's triples are never in memory at once.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..common.atomic import atomic_open
from ..graph.rdf import rdf_of
from ..graph.rdf_triples import SortedTriples
from ..models import KnowledgeGraph

__all__ = ["render_ntriples", "write_ntriples"]


def render_ntriples(data: KnowledgeGraph | SortedTriples | Graph) -> str:
    """The N-Triples text of a knowledge graph, of triples or of an rdflib graph."""
    return rdf_of(data).ntriples()


def write_ntriples(triples: SortedTriples, path: Path) -> Path:
    """Write N-Triples (UTF-8, LF) to ``path`` atomically; returns ``path``. The
    triples are the graph stage's (``graph.built``); ``render_ntriples`` takes a model too."""
    with atomic_open(Path(path)) as handle:
        handle.writelines(triples.ntriples_chunks())
    return Path(path)
