"""A small canonical Turtle writer: sorted, prefixed, and escaped so no string can break it.

Why not rdflib's serializer: its ordering is fine, but its long-string quoting breaks on a
literal holding a newline and ending in a backslash followed by a quote. Here every
string uses the short ``"..."`` form with ECHAR/UCHAR escapes, prefixed names are used only
when the local part is plainly safe, and statements are ordered by subject, then
predicate (``rdf:type`` first), then object, so the same graph always gives the same bytes.

Nothing ill-formed is ever written: a relative or invalid IRI, an ill-typed literal (e.g.
``"2024-02-30"^^xsd:date``) or a malformed language tag raises ``ExportError`` naming the
value (see ``build/rdf_lexical.py``); the N-Triples, TriG and JSON-LD writers share these
checks and the escaping here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..build.rdf_lexical import iri_problem, literal_problem
from ..errors import ExportError

__all__ = [
    "check_iri",
    "check_literal",
    "escape_string",
    "format_literal",
    "format_statements",
    "format_term",
    "prefix_declarations",
    "serialize_turtle",
    "usable_prefixes",
    "writable_text",
]

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_SAFE_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
# U+0000, U+FFFE and U+FFFF: Raptor cuts a string there without a word; a lone surrogate
# cannot be encoded in UTF-8. Every RDF writer writes them as U+FFFD, the replacement character.
_UNWRITABLE = re.compile(r"[\x00\ud800-\udfff\ufffe\uffff]")
# DEL, and NEL / LINE SEPARATOR / PARAGRAPH SEPARATOR that some line readers split on
# (Python's str.splitlines, JavaScript): escaped so an N-Triples line is always one line
_LINE_BREAKING = {0x7F, 0x85, 0x2028, 0x2029}
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]*\.[0-9]+$")
_BARE = {XSD.integer: _INTEGER, XSD.decimal: _DECIMAL}


def writable_text(value: str) -> str:
    """``value`` with the characters no RDF file can carry faithfully replaced by U+FFFD."""
    return _UNWRITABLE.sub("\ufffd", value)


def escape_string(value: str) -> str:
    """The body of a short Turtle string: quotes, backslashes and control characters escaped."""
    out = []
    for char in writable_text(value):
        code = ord(char)
        if char in _ECHAR:
            out.append(_ECHAR[char])
        elif code < 0x20 or code in _LINE_BREAKING:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return "".join(out)


def check_iri(iri: str) -> str:
    """``iri`` unchanged if it is an absolute, valid IRI; else ``ExportError``."""
    problem = iri_problem(iri)
    if problem is not None:
        raise ExportError(f"cannot write RDF: {problem}")
    return iri


def check_literal(literal: Literal) -> Literal:
    """``literal`` unchanged if its lexical form and language tag are valid, else ExportError."""
    problem = literal_problem(literal)
    if problem is not None:
        raise ExportError(f"cannot write RDF: ill-formed literal {problem}")
    return literal


def format_iri(iri: str, prefixes: Mapping[str, str]) -> str:
    """``prefix:local`` when unambiguous and safe, else ``<iri>``; an invalid IRI raises."""
    check_iri(iri)
    candidates = [
        prefix
        for prefix, namespace in prefixes.items()
        if iri.startswith(namespace) and _SAFE_LOCAL.match(iri[len(namespace) :])
    ]
    # the longest namespace wins; ties broken by prefix name so the choice is stable
    best = min(candidates, key=lambda p: (-len(prefixes[p]), p), default=None)
    if best is not None:
        return f"{best}:{iri[len(prefixes[best]) :]}"
    return f"<{iri}>"


def format_literal(literal: Literal, prefixes: Mapping[str, str]) -> str:
    lexical = str(check_literal(literal))
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
    prefixes = usable_prefixes(graph, prefixes)
    lines = prefix_declarations(prefixes)
    for statement in format_statements(graph, prefixes):
        lines.extend(["", *statement])
    return "\n".join(lines) + "\n"


def usable_prefixes(graph: Graph, prefixes: Mapping[str, str] | None = None) -> dict[str, str]:
    """``prefixes`` (default: the graph's bindings) sorted, keeping names safe to write."""
    if prefixes is None:
        prefixes = {str(p): str(ns) for p, ns in graph.namespaces()}
    return {p: ns for p, ns in sorted(prefixes.items()) if _SAFE_PREFIX.match(p)}


def prefix_declarations(prefixes: Mapping[str, str]) -> list[str]:
    """``@prefix p: <ns> .`` lines; a namespace that is not a valid IRI raises."""
    return [f"@prefix {p}: <{check_iri(ns)}> ." for p, ns in prefixes.items()]


def format_statements(
    triples: Iterable[tuple[Node, Node, Node]], prefixes: Mapping[str, str]
) -> list[list[str]]:
    """One Turtle statement (a list of lines) per subject, in canonical order."""
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in triples:
        by_subject[subject][predicate].append(obj)
    return [
        list(_statement(subject, by_subject[subject], prefixes))
        for subject in sorted(by_subject, key=_object_key)
    ]


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
