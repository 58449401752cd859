"""The QA report's SHACL check: our shapes validated over the build's triples, two reads.

pyshacl (on rdflib) took 41 s and 250 MB for the 840,000 triples of a 1,000-article build,
a quarter of the whole build. Our shapes only look at a focus node's own triples and at the
``rdf:type`` of the nodes they point to (``sh:class``), so this check reads the triples
(``SortedTriples``: in a build, the graph stage's file) subject by subject on the N-Triples
term strings, with no graph to build: once for every node's classes (one entry per typed
node), then again to check each focus node's own triples; about a second for the same build.
It implements only the SHACL Core components ``shacl_shapes`` reads, with their meaning in
the SHACL recommendation (section 4); ``shacl_shapes`` refuses any other. The tests run
pyshacl, the reference, beside it on graphs that break every constraint of the shapes and
require the same results (focus node, path, component and value).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from ..graph.rdf_lexical import lexical_problem
from ..graph.rdf_triples import SortedTriples
from .shacl_shapes import NodeShape, PropertyShape, ValueShape, read_shapes

__all__ = ["ShaclResult", "literal_parts", "load_shapes", "validate_triples"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = f"<{_RDF}type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_STRING = f"{_XSD}string"
_LANG_STRING = f"{_RDF}langString"
_NUMERIC = {
    f"{_XSD}{name}"
    for name in "decimal integer int long short byte double float nonNegativeInteger "
    "positiveInteger nonPositiveInteger negativeInteger unsignedLong unsignedInt "
    "unsignedShort unsignedByte".split()
}
_ECHAR = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR_VALUES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'"}
_ECHAR_VALUES["\\"] = "\\"


@dataclass(frozen=True, order=True)
class ShaclResult:
    """One ``sh:ValidationResult``; ``focus``, ``path`` and ``value`` are N-Triples terms."""

    focus: str
    path: str
    component: str  # e.g. "sh:MinCountConstraintComponent"
    value: str | None
    message: str
    severity: str


@lru_cache(maxsize=4)
def load_shapes(path: Path) -> tuple[NodeShape, ...]:
    """The shapes of ``path``, read once per process."""
    return read_shapes(path)


def validate_triples(triples: SortedTriples, shapes: Iterable[NodeShape]) -> list[ShaclResult]:
    """Every validation result of ``triples`` against ``shapes``, sorted (empty: conforms)."""
    shapes = tuple(shapes)
    instance_of = _Classes(triples)
    results: list[ShaclResult] = []
    for subject, pairs in triples.groups():
        focus_shapes = [
            shape
            for shape in shapes
            if any(instance_of(subject, target) for target in shape.target_classes)
        ]
        if not focus_shapes:
            continue
        values: dict[str, list[str]] = {}
        for predicate, obj in pairs:
            values.setdefault(predicate, []).append(obj)
        for shape in focus_shapes:
            for prop in shape.properties:
                results += _check(subject, prop, values.get(prop.path, []), instance_of)
    return sorted(results)


class _Classes:
    """SHACL's "instance of": ``rdf:type/rdfs:subClassOf*`` in the data graph."""

    def __init__(self, triples: SortedTriples) -> None:
        self._types: dict[str, tuple[str, ...]] = {}
        self._supers: dict[str, set[str]] = {}
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # few distinct sets of classes
        for subject, pairs in triples.groups():
            types = tuple(o for p, o in pairs if p == _TYPE)
            if types:
                self._types[subject] = shared.setdefault(types, types)
            supers = {o for p, o in pairs if p == _SUBCLASS}
            if supers:
                self._supers[subject] = supers

    def __call__(self, node: str, cls: str) -> bool:
        types = self._types.get(node, ())
        if cls in types:
            return True
        return bool(self._supers) and any(cls in self._closure(t) for t in types)

    def _closure(self, cls: str) -> set[str]:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in self._supers.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


def _check(
    focus: str, prop: PropertyShape, values: list[str], instance_of: _Classes
) -> list[ShaclResult]:
    def result(component: str, value: str | None, default: str) -> ShaclResult:
        message = prop.message or default
        return ShaclResult(
            focus, prop.path, f"sh:{component}ConstraintComponent", value, message, prop.severity
        )

    found: list[ShaclResult] = []
    if len(values) < prop.min_count:
        found.append(result("MinCount", None, f"Less than {prop.min_count} values"))
    if prop.max_count is not None and len(values) > prop.max_count:
        found.append(result("MaxCount", None, f"More than {prop.max_count} values"))
    for value in values:
        for component, default in _value_problems(prop.values, value, instance_of):
            found.append(result(component, value, default))
    if prop.qualified is not None:
        conforming = sum(not any(_value_problems(prop.qualified, v, instance_of)) for v in values)
        if conforming < prop.qualified_min_count:
            default = f"Less than {prop.qualified_min_count} values conform to the qualified shape"
            found.append(result("QualifiedMinCount", None, default))
    return found


def _value_problems(
    shape: ValueShape, value: str, instance_of: _Classes
) -> Iterator[tuple[str, str]]:
    """(component, default message) for each constraint of ``shape`` that ``value`` breaks."""
    literal = literal_parts(value)
    for cls in shape.classes:
        if literal is not None or not instance_of(value, cls):
            yield "Class", f"Value is not an instance of {cls}"
    if shape.datatype is not None and not _has_datatype(literal, shape.datatype):
        yield "Datatype", f"Value is not a literal of type <{shape.datatype}>"
    if shape.allowed is not None and value not in shape.allowed:
        yield "In", "Value is not one of the allowed values"
    if shape.pattern is not None and not _matches(shape.pattern, value, literal):
        yield "Pattern", f"Value does not match the pattern {shape.pattern}"
    if shape.any_of and all(any(_value_problems(s, value, instance_of)) for s in shape.any_of):
        yield "Or", "Value does not conform to any shape of sh:or"
    if shape.min_inclusive is not None and not _compare(literal, shape.min_inclusive, 1):
        yield "MinInclusive", f"Value is less than {shape.min_inclusive}"
    if shape.max_inclusive is not None and not _compare(literal, shape.max_inclusive, -1):
        yield "MaxInclusive", f"Value is more than {shape.max_inclusive}"


def literal_parts(term: str) -> tuple[str, str] | None:
    """(lexical form, datatype IRI) of a literal term; None for an IRI or a blank node."""
    if not term.startswith('"'):
        return None
    end = term.rindex('"')
    body, rest = term[1:end], term[end + 1 :]
    lexical = _ECHAR.sub(_unescape, body) if "\\" in body else body
    if rest.startswith("^^<"):
        return lexical, rest[3:-1]
    return lexical, _LANG_STRING if rest.startswith("@") else _STRING


def _unescape(match: re.Match[str]) -> str:
    short, long, char = match.groups()
    return chr(int(short or long, 16)) if (short or long) else _ECHAR_VALUES.get(char, char)


def _has_datatype(literal: tuple[str, str] | None, datatype: str) -> bool:
    if literal is None or literal[1] != datatype:
        return False
    return datatype in (_STRING, _LANG_STRING) or lexical_problem(*literal) is None


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _matches(pattern: str, value: str, literal: tuple[str, str] | None) -> bool:
    if value.startswith("_:"):
        return False  # a blank node never matches (SHACL 4.4.4)
    text = literal[0] if literal is not None else value[1:-1]
    return _regex(pattern).search(text) is not None


def _compare(literal: tuple[str, str] | None, bound: Decimal, sign: int) -> bool:
    """Whether a numeric ``literal`` is >= ``bound`` (sign 1) or <= it (sign -1)."""
    if literal is None or literal[1] not in _NUMERIC or lexical_problem(*literal) is not None:
        return False
    try:
        number = Decimal(literal[0])
    except InvalidOperation:
        return False
    return number.is_finite() and (number - bound) * sign >= 0
