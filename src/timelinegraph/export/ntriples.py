"""N-Triples export: one triple per line, lines sorted, the same triples as the Turtle.

Canonical in the sense of RDF 1.1 N-Triples: full IRIs, one space between terms, strings
in ``"..."`` with the Turtle writer's escapes (so no string can break a line), typed
literals always with their datatype (no bare numbers), ``xsd:string`` left implicit.
Lines are sorted by code point, so the same graph always gives the same bytes, and two
builds can be compared with ``diff`` or ``comm``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import XSD, Graph, Literal
from rdflib.term import Node

from ..build.rdf import shared_rdf
from ..errors import ExportError
from ..models import KnowledgeGraph
from .atomic import write_text_atomic
from .turtle_syntax import check_iri, check_literal, escape_string, format_term

__all__ = ["format_nt_term", "render_ntriples", "write_ntriples"]


def format_nt_term(term: Node) -> str:
    """One term in N-Triples syntax; an invalid IRI or literal raises ``ExportError``."""
    if not isinstance(term, Literal):
        return format_term(term, {})  # no prefixes: always <iri>
    body = f'"{escape_string(str(check_literal(term)))}"'
    if term.language:
        return f"{body}@{term.language}"
    if term.datatype is None or term.datatype == XSD.string:
        return body
    return f"{body}^^<{check_iri(str(term.datatype))}>"


def ntriples_lines(graph: Graph) -> list[str]:
    """The sorted lines (without newline) of ``graph`` in N-Triples."""
    return sorted(" ".join(map(format_nt_term, triple)) + " ." for triple in graph)


def render_ntriples(kg_or_graph: KnowledgeGraph | Graph) -> str:
    """The N-Triples text of a knowledge graph (built with ``build_rdf``) or of an RDF graph."""
    graph = shared_rdf(kg_or_graph) if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph
    return "".join(line + "\n" for line in ntriples_lines(graph))


def write_ntriples(kg_or_graph: KnowledgeGraph | Graph, path: Path) -> Path:
    """Write N-Triples (UTF-8, LF) to ``path`` atomically; returns ``path``."""
    try:
        text = render_ntriples(kg_or_graph)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from None
    return write_text_atomic(Path(path), text)
