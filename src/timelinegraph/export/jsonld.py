"""JSON-LD export: the Turtle's triples as a flattened ``@graph`` with our context inline.

Shape: ``{"@context": <schemas/context.jsonld's context>, "@graph": [node, ...]}``, one node
object per subject, sorted by ``@id``; keys sorted; ``@type`` and property values use the
context's terms, a single value is written bare, several as a sorted list. Nothing is
fetched to read it (the context is inline), and it expands to exactly the Turtle's triples:
a value that does not fit its term's coercion (a URL kept as text under the ``@id``-typed
``url``, a gYear under ``hasTimeStamp``) is written as an explicit value object.

Strings are written as the Turtle writer writes them (U+0000, U+FFFE, U+FFFF and a lone
surrogate become U+FFFD), and
the same IRI and literal checks apply, so an invalid term raises ``ExportError``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from ..build.rdf import shared_rdf
from ..errors import ExportError
from ..models import KnowledgeGraph
from .atomic import write_text_atomic
from .jsonld_context import CONTEXT
from .turtle_syntax import check_iri, check_literal, writable_text

__all__ = ["jsonld_document", "render_jsonld", "write_jsonld"]

_SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_CANONICAL_INT = re.compile(r"^-?(?:0|[1-9][0-9]{0,14})$")  # JSON numbers exact in doubles
_PREFIXES = {k: v for k, v in CONTEXT.items() if isinstance(v, str) and v.endswith(("/", "#"))}


def _expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return _PREFIXES[prefix] + local if prefix in _PREFIXES else curie


def _term_maps() -> tuple[dict[str, tuple[str, str | None]], dict[str, str]]:
    """Property IRI -> (term, coercion: "@id", a datatype IRI or None); class IRI -> term."""
    properties: dict[str, tuple[str, str | None]] = {}
    classes: dict[str, str] = {}
    for term, definition in CONTEXT.items():
        if isinstance(definition, dict):
            coercion = definition["@type"]
            properties[_expand(definition["@id"])] = (
                term,
                coercion if coercion == "@id" else _expand(coercion),
            )
        elif term in _PREFIXES:
            continue
        elif term[0].isupper():
            classes[_expand(definition)] = term
        else:
            properties[_expand(definition)] = (term, None)
    return properties, classes


_PROPERTY_TERMS, _CLASS_TERMS = _term_maps()


def compact_iri(iri: str) -> str:
    """``prefix:local`` when a context prefix fits, else the full IRI (checked first)."""
    check_iri(iri)
    for prefix, namespace in sorted(_PREFIXES.items(), key=lambda p: (-len(p[1]), p[0])):
        if iri.startswith(namespace) and _SAFE_LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    scheme, _, rest = iri.partition(":")
    if scheme in _PREFIXES and not rest.startswith("//"):
        # JSON-LD would read "schema:x" as a compact IRI of our prefix, not as itself
        raise ExportError(f"cannot write <{iri}> in JSON-LD: its scheme is a context prefix")
    return iri


def _text(literal: Literal) -> str:
    return writable_text(str(check_literal(literal)))


def _value(term: Node, coercion: str | None) -> Any:
    if isinstance(term, URIRef):
        iri = compact_iri(str(term))
        return iri if coercion == "@id" else {"@id": iri}
    if not isinstance(term, Literal):
        raise ExportError(f"cannot write {type(term).__name__} in JSON-LD: {term!r}")
    lexical, datatype = _text(term), str(term.datatype or XSD.string)
    if term.language:
        return {"@language": term.language, "@value": lexical}
    if datatype == str(XSD.string):
        return lexical if coercion is None else {"@value": lexical}
    if datatype == coercion:
        return lexical
    if datatype == str(XSD.integer) and coercion is None and _CANONICAL_INT.match(lexical):
        return int(lexical)
    return {"@type": compact_iri(datatype), "@value": lexical}


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _node(subject: Node, predicates: dict[Node, list[Node]]) -> dict[str, Any]:
    if not isinstance(subject, URIRef):
        raise ExportError(f"cannot write {type(subject).__name__} in JSON-LD: {subject!r}")
    node: dict[str, Any] = {"@id": compact_iri(str(subject))}
    for predicate, objects in predicates.items():
        if predicate == RDF.type and all(isinstance(o, URIRef) for o in objects):
            key = "@type"
            values = [_CLASS_TERMS.get(str(o)) or compact_iri(str(o)) for o in objects]
        else:
            key, coercion = _PROPERTY_TERMS.get(str(predicate), (None, None))
            key = key or compact_iri(str(predicate))
            values = [_value(o, coercion) for o in objects]
        values.sort(key=_sort_key)
        node[key] = values[0] if len(values) == 1 else values
    return dict(sorted(node.items()))


def jsonld_document(graph: Graph) -> dict[str, Any]:
    """The JSON-LD document of ``graph``: inline context and a sorted, flattened ``@graph``."""
    subjects: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in graph:
        subjects[subject][predicate].append(obj)
    nodes = [_node(s, p) for s, p in subjects.items()]
    nodes.sort(key=lambda n: n["@id"])
    return {"@context": CONTEXT, "@graph": nodes}


def render_jsonld(kg_or_graph: KnowledgeGraph | Graph) -> str:
    """The JSON-LD text of a knowledge graph (built with ``build_rdf``) or of an RDF graph."""
    graph = shared_rdf(kg_or_graph) if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph
    document = jsonld_document(graph)
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_jsonld(kg_or_graph: KnowledgeGraph | Graph, path: Path) -> Path:
    """Write JSON-LD (UTF-8, LF) to ``path`` atomically; returns ``path``."""
    try:
        text = render_jsonld(kg_or_graph)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from None
    return write_text_atomic(Path(path), text)
