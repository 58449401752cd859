"""A small canonical Turtle writer: sorted, prefixed, and escaped so no string can break it.

Why not rdflib's serializer: its ordering is fine, but its long-string quoting breaks on a
literal holding a newline and ending in a backslash followed by a quote. Here every
string uses the short ``"..."`` form with ECHAR/UCHAR escapes, prefixed names are used only
when the local part is plainly safe, and statements are ordered by subject, then
predicate (``rdf:type`` first), then object, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["format_literal", "format_term", "serialize_turtle"]

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_SAFE_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]*\.[0-9]+$")
_BARE = {XSD.integer: _INTEGER, XSD.decimal: _DECIMAL}


def escape_string(value: str) -> str:
    """The body of a short Turtle string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        code = ord(char)
        if char in _ECHAR:
            out.append(_ECHAR[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be encoded in UTF-8
            out.append("\\uFFFD")
        else:
            out.append(char)
    return "".join(out)


def format_iri(iri: str, prefixes: Mapping[str, str]) -> str:
    """``prefix:local`` when unambiguous and safe, else ``<iri>`` with unsafe chars as UCHARs."""
    candidates = [
        prefix
        for prefix, namespace in prefixes.items()
        if iri.startswith(namespace) and _SAFE_LOCAL.match(iri[len(namespace) :])
    ]
    # the longest namespace wins; ties broken by prefix name so the choice is stable
    best = min(candidates, key=lambda p: (-len(prefixes[p]), p), default=None)
    if best is not None:
        return f"{best}:{iri[len(prefixes[best]) :]}"
    return "<" + _IRI_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def format_literal(literal: Literal, prefixes: Mapping[str, str]) -> str:
    lexical = str(literal)
    datatype = literal.datatype
    if datatype in _BARE and _BARE[datatype].match(lexical):
        return lexical
    if datatype == XSD.boolean and lexical in ("true", "false"):
        return lexical
    body = f'"{escape_string(lexical)}"'
    if literal.language:
        return f"{body}@{literal.language}"
    if datatype is None or datatype == XSD.string:
        return body
    return f"{body}^^{format_iri(str(datatype), prefixes)}"


def format_term(term: Node, prefixes: Mapping[str, str]) -> str:
    if isinstance(term, URIRef):
        return format_iri(str(term), prefixes)
    if isinstance(term, Literal):
        return format_literal(term, prefixes)
    if isinstance(term, BNode):
        return "_:b" + _BNODE_UNSAFE.sub("_", str(term))
    raise TypeError(f"cannot write {type(term).__name__} as Turtle: {term!r}")


def _object_key(term: Node) -> tuple[int, str, str, str]:
    if isinstance(term, Literal):
        return (2, str(term), str(term.datatype or ""), term.language or "")
    return (1 if isinstance(term, BNode) else 0, str(term), "", "")


def _predicate_key(term: Node) -> tuple[int, str]:
    return (0 if term == RDF.type else 1, str(term))


def serialize_turtle(graph: Graph, prefixes: Mapping[str, str] | None = None) -> str:
    """``graph`` as canonical Turtle; ``prefixes`` default to the graph's own bindings."""
    if prefixes is None:
        prefixes = {str(p): str(ns) for p, ns in graph.namespaces()}
    prefixes = {p: ns for p, ns in sorted(prefixes.items()) if _SAFE_PREFIX.match(p)}
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in graph:
        by_subject[subject][predicate].append(obj)
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()]
    for subject in sorted(by_subject, key=_object_key):
        lines.append("")
        lines.extend(_statement(subject, by_subject[subject], prefixes))
    return "\n".join(lines) + "\n"


def _statement(
    subject: Node, predicates: Mapping[Node, list[Node]], prefixes: Mapping[str, str]
) -> Iterable[str]:
    head = format_term(subject, prefixes)
    ordered = sorted(predicates, key=_predicate_key)
    for index, predicate in enumerate(ordered):
        verb = "a" if predicate == RDF.type else format_term(predicate, prefixes)
        objects = [format_term(o, prefixes) for o in sorted(predicates[predicate], key=_object_key)]
        end = " ." if index == len(ordered) - 1 else " ;"
        text = f"{verb} " + ",\n        ".join(objects) + end
        yield f"{head} {text}" if index == 0 else f"    {text}"
