"""Turtle export: canonical (byte-identical for the same input) and injection-proof."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..build.rdf import shared_rdf
from ..errors import ExportError
from ..models import KnowledgeGraph
from .atomic import write_text_atomic
from .turtle_syntax import serialize_turtle

__all__ = ["render_turtle", "write_turtle"]


def render_turtle(kg_or_graph: KnowledgeGraph | Graph) -> str:
    """The Turtle text of a knowledge graph (built with ``build_rdf``) or of an RDF graph."""
    graph = shared_rdf(kg_or_graph) if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph
    return serialize_turtle(graph)


def write_turtle(kg_or_graph: KnowledgeGraph | Graph, path: Path) -> Path:
    """Write Turtle (UTF-8, LF) to ``path`` atomically; returns ``path``."""
    try:
        text = render_turtle(kg_or_graph)
    except ExportError as exc:  # an invalid term: name the file it was meant for
        raise ExportError(f"{path}: {exc}") from None
    return write_text_atomic(Path(path), text)
