"""Turtle export, written by pyoxigraph: prefixed names, one statement per subject, each
subject's ``rdf:type`` first; the same model always gives the same bytes.

Subjects and their other triples come in the order of the sorted N-Triples lines (the
``graph.nt`` export's; ``/`` sorts before ``>``, so a node's mentions come before the node).
Streamed: in a build the triples are read subject by subject from the graph stage's file and
pyoxigraph writes each statement as it goes, so the whole graph is never in memory.

Nothing ill-formed can reach the file: every term was checked when it was made (see
``graph/rdf_terms.py``), and pyoxigraph escapes strings as Turtle requires.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from ..common.atomic import atomic_open
from ..graph.rdf import rdf_of
from ..graph.rdf_terms import PREFIXES
from ..graph.rdf_triples import SortedTriples
from ..models import KnowledgeGraph

__all__ = ["render_turtle", "serialize_turtle", "write_turtle"]


def serialize_turtle(triples: SortedTriples, output: IO[bytes] | None = None) -> bytes | None:
    """``triples`` as Turtle with our prefixes: returned, or written to ``output``."""
    quads = triples.oxigraph_quads(type_first=True)
    return ox.serialize(quads, output, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def render_turtle(data: KnowledgeGraph | SortedTriples | Graph) -> str:
    """The Turtle text of a knowledge graph, of triples or of an rdflib graph."""
    return (serialize_turtle(rdf_of(data)) or b"").decode("utf-8")


def write_turtle(triples: SortedTriples, path: Path) -> Path:
    """Write Turtle (UTF-8, LF) to ``path`` atomically; returns ``path``. The
    triples are the graph stage's (``graph.built``); ``render_turtle`` takes a model too."""
    with atomic_open(Path(path), binary=True) as handle:
        serialize_turtle(triples, handle)
    return Path(path)
