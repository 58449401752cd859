"""JSON-LD export: the Turtle's triples as a flattened ``@graph`` with our context inline.

Shape: ``{"@context": <schemas/context.jsonld's context>, "@graph": [node, ...]}``, one node
object per subject, sorted by ``@id``; keys sorted; ``@type`` and property values use the
context's terms, a single value is written bare, several as a sorted list. Nothing is
fetched to read it (the context is inline), and it expands to exactly the Turtle's triples:
a value that does not fit its term's coercion (a URL kept as text under the ``@id``-typed
``url``, a gYear under ``hasTimeStamp``) is written as an explicit value object.

Streamed, though one JSON document: the triples are read subject by subject (in a build, from
the graph stage's file), and each node object is written as the document indents it, keyed by
its ``@id``, into runs sorted on disk (``graph.rdf_sort``); the merged runs are the ``@graph``.
In memory: one node, and a run of a bounded number of them. The terms are parsed from the
N-Triples by pyoxigraph (in Rust), so strings are what the Turtle says (U+0000, U+FFFE, U+FFFF
and a lone surrogate already U+FFFD) and every term was checked when it was made; a blank node
or an IRI that JSON-LD would read as one of the context's prefixed names raises
``ExportError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph

from ..common.atomic import atomic_open
from ..errors import ExportError
from ..graph.rdf import rdf_of
from ..graph.rdf_sort import sorted_unique
from ..graph.rdf_triples import SortedTriples
from ..models import KnowledgeGraph
from .jsonld_context import CONTEXT

__all__ = ["jsonld_chunks", "render_jsonld", "write_jsonld"]

_SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_CANONICAL_INT = re.compile(r"^-?(?:0|[1-9][0-9]{0,14})$")  # JSON numbers exact in doubles
_RUN_NODES = 20_000  # node objects (about a kilobyte each) sorted in memory at a time
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


def jsonld_chunks(triples: SortedTriples) -> Iterator[str]:
    """The JSON-LD text of ``triples`` (inline context, a sorted, flattened ``@graph``), piece by
    piece: exactly ``json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)``."""
    context = json.dumps(CONTEXT, indent=2, sort_keys=True, ensure_ascii=False)
    yield '{\n  "@context": ' + context.replace("\n", "\n  ") + ',\n  "@graph": ['
    written = False
    with sorted_unique(_keyed_nodes(triples), triples.scratch, run_lines=_RUN_NODES) as keyed:
        for line in keyed:
            node = line[line.index("\t") + 1 : -1].replace("\0", "\n")
            yield (",\n" if written else "\n") + node
            written = True
    yield ("\n  ]" if written else "]") + "\n}\n"


def _keyed_nodes(triples: SortedTriples) -> Iterator[str]:
    """Each subject's node object as one line: its ``@id``, a tab, then its JSON text indented
    as in the ``@graph``, the newlines as NULs (JSON escapes every control character inside a
    string, and an IRI has none: the tab and the NULs are the line's own)."""
    for subject, predicates in _subjects(triples):
        node = _node(_subject_iri(subject), predicates)
        text = json.dumps(node, indent=2, sort_keys=True, ensure_ascii=False)
        indented = "    " + text.replace("\n", "\0    ")  # two levels down in the document
        yield f"{node['@id']}\t{indented}\n"


def _subjects(
    triples: SortedTriples,
) -> Iterator[tuple[ox.NamedNode | ox.BlankNode | ox.Triple, dict[str, list[Any]]]]:
    """Each subject with its objects by predicate IRI, as pyoxigraph terms."""
    subject: ox.NamedNode | ox.BlankNode | ox.Triple | None = None
    predicates: dict[str, list[Any]] = {}
    for quad in triples.oxigraph_quads():  # subject by subject
        if quad.subject != subject:
            if subject is not None:
                yield subject, predicates
            subject, predicates = quad.subject, {}
        predicates.setdefault(quad.predicate.value, []).append(quad.object)
    if subject is not None:
        yield subject, predicates


def _subject_iri(subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if not isinstance(subject, ox.NamedNode):
        raise ExportError(f"cannot write a blank node in JSON-LD: {subject}")
    return subject.value


def render_jsonld(data: KnowledgeGraph | SortedTriples | Graph) -> str:
    """The JSON-LD text of a knowledge graph, of triples or of an rdflib graph."""
    return "".join(jsonld_chunks(rdf_of(data)))


def write_jsonld(triples: SortedTriples, path: Path) -> Path:
    """Write JSON-LD (UTF-8, LF) to ``path`` atomically; returns ``path``. The triples are the
    graph stage's (``graph.built``); ``render_jsonld`` takes a model too."""
    with atomic_open(Path(path)) as handle:
        try:
            handle.writelines(jsonld_chunks(triples))
        except ExportError as exc:  # what cannot be written in JSON-LD: the temp file goes
            raise ExportError(f"{path}: {exc}") from None
    return Path(path)
