"""JSON-LD export: the Turtle's triples as a flattened ``@graph`` with our context inline.

Shape: ``{"@context": <schemas/context.jsonld's context>, "@graph": [node, ...]}``, one node
object per subject, sorted by ``@id``; keys sorted; ``@type`` and property values use the
context's terms, a single value is written bare, several as a sorted list. Nothing is
fetched to read it (the context is inline), and it expands to exactly the Turtle's triples:
a value that does not fit its term's coercion (a URL kept as text under the ``@id``-typed
``url``, a gYear under ``hasTimeStamp``) is written as an explicit value object.

Not streamed: the document is one JSON value, built whole (every node object, then the
text) before it is written, so writing it holds the whole graph in memory, several times the
size of the triples; it is not a default format. The triples themselves are read subject by
subject from the graph stage's file, through pyoxigraph (the N-Triples terms parsed in Rust), so
strings are what the Turtle says (U+0000, U+FFFE, U+FFFF and a lone surrogate already U+FFFD)
and every term was checked when it was made; a blank node or an IRI that JSON-LD would read
as one of the context's prefixed names raises ``ExportError``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph

from ..common.atomic import write_text_atomic
from ..errors import ExportError
from ..graph.rdf import rdf_of
from ..graph.rdf_triples import SortedTriples
from ..models import KnowledgeGraph
from .jsonld_context import CONTEXT

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
_BY_LENGTH = sorted(_PREFIXES.items(), key=lambda p: (-len(p[1]), p[0]))


@lru_cache(maxsize=65536)
def compact_iri(iri: str) -> str:
    """``prefix:local`` when a context prefix fits, else the full IRI."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _SAFE_LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    scheme, _, rest = iri.partition(":")
    if scheme in _PREFIXES and not rest.startswith("//"):
        # JSON-LD would read "schema:x" as a compact IRI of our prefix, not as itself
        raise ExportError(f"cannot write <{iri}> in JSON-LD: its scheme is a context prefix")
    return iri


_STRING, _INTEGER = str(XSD.string), str(XSD.integer)


def _value(term: ox.NamedNode | ox.Literal | ox.BlankNode, coercion: str | None) -> Any:
    if isinstance(term, ox.NamedNode):
        iri = compact_iri(term.value)
        return iri if coercion == "@id" else {"@id": iri}
    if not isinstance(term, ox.Literal):
        raise ExportError(f"cannot write a blank node in JSON-LD: {term}")
    lexical, datatype = term.value, term.datatype.value
    if term.language:
        return {"@language": term.language, "@value": lexical}
    if datatype == _STRING:
        return lexical if coercion is None else {"@value": lexical}
    if datatype == coercion:
        return lexical
    if datatype == _INTEGER and coercion is None and _CANONICAL_INT.match(lexical):
        return int(lexical)
    return {"@type": compact_iri(datatype), "@value": lexical}


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


_TYPE = str(RDF.type)


def _node(subject: str, predicates: dict[str, list[Any]]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": compact_iri(subject)}
    for predicate, objects in predicates.items():
        if predicate == _TYPE and all(isinstance(o, ox.NamedNode) for o in objects):
            key = "@type"
            values = [_CLASS_TERMS.get(o.value) or compact_iri(o.value) for o in objects]
        else:
            term, coercion = _PROPERTY_TERMS.get(predicate, (None, None))
            key = term or compact_iri(predicate)
            values = [_value(o, coercion) for o in objects]
        values.sort(key=_sort_key)
        node[key] = values[0] if len(values) == 1 else values
    return dict(sorted(node.items()))


def jsonld_document(triples: SortedTriples) -> dict[str, Any]:
    """The JSON-LD document of ``triples``: inline context and a sorted, flattened ``@graph``."""
    nodes: list[dict[str, Any]] = []
    subject: ox.NamedNode | ox.BlankNode | ox.Triple | None = None
    predicates: dict[str, list[Any]] = {}
    for quad in triples.oxigraph_quads():  # subject by subject
        if quad.subject != subject:
            if subject is not None:
                nodes.append(_node(_subject_iri(subject), predicates))
            subject, predicates = quad.subject, {}
        predicates.setdefault(quad.predicate.value, []).append(quad.object)
    if subject is not None:
        nodes.append(_node(_subject_iri(subject), predicates))
    nodes.sort(key=lambda n: n["@id"])
    return {"@context": CONTEXT, "@graph": nodes}


def _subject_iri(subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if not isinstance(subject, ox.NamedNode):
        raise ExportError(f"cannot write a blank node in JSON-LD: {subject}")
    return subject.value


def render_jsonld(data: KnowledgeGraph | SortedTriples | Graph) -> str:
    """The JSON-LD text of a knowledge graph, of triples or of an rdflib graph."""
    document = jsonld_document(rdf_of(data))
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_jsonld(triples: SortedTriples, path: Path) -> Path:
    """Write JSON-LD (UTF-8, LF) to ``path`` atomically; returns ``path``. The triples are the
    graph stage's (``graph.built``); ``render_jsonld`` takes a model too."""
    try:
        text = render_jsonld(triples)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from None
    return write_text_atomic(Path(path), text)
