"""Our SHACL shapes (``schemas/shapes.ttl``) read into plain Python, for ``report_shacl``.

Only the part of SHACL Core the shapes use is understood: node shapes with ``sh:targetClass``
and property shapes with a predicate ``sh:path`` and the components in ``_COMPONENTS``. Any
other SHACL term in the file raises ``ExportError``, so a new constraint added to the shapes
can never be skipped in silence: it must be taught to ``report_shacl`` first (and the tests
compare its findings with pyshacl's on graphs that break every constraint).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import overload

from rdflib import RDF, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from ..errors import ExportError
from ..graph.rdf_rdflib import nt_term

__all__ = ["NodeShape", "PropertyShape", "ValueShape", "read_shapes"]

# the components read here, and the parameters each may carry
_VALUE_PARAMETERS = {SH["class"], SH.datatype, SH["in"], SH.pattern, SH["or"]}
_VALUE_PARAMETERS |= {SH.minInclusive, SH.maxInclusive}
_PROPERTY_PARAMETERS = _VALUE_PARAMETERS | {SH.path, SH.minCount, SH.maxCount, SH.message}
_PROPERTY_PARAMETERS |= {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.severity}
_NODE_PARAMETERS = {SH.targetClass, SH.property, SH.message, RDF.type}


@dataclass(frozen=True)
class ValueShape:
    """Constraints each value meets on its own (terms in N-Triples form)."""

    classes: tuple[str, ...] = ()
    datatype: str | None = None  # a bare IRI, without <>
    allowed: frozenset[str] | None = None  # sh:in
    pattern: str | None = None
    any_of: tuple[ValueShape, ...] = ()  # sh:or
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None


@dataclass(frozen=True)
class PropertyShape:
    path: str  # the predicate, in N-Triples form
    values: ValueShape = field(default_factory=ValueShape)
    min_count: int = 0
    max_count: int | None = None
    qualified: ValueShape | None = None
    qualified_min_count: int = 0
    message: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class NodeShape:
    name: str
    target_classes: tuple[str, ...]
    properties: tuple[PropertyShape, ...]


def read_shapes(path: Path) -> tuple[NodeShape, ...]:
    """The node shapes of a shapes file, sorted by name."""
    graph = Graph().parse(path, format="turtle")
    try:
        shapes = [_node_shape(graph, n) for n in set(graph.subjects(RDF.type, SH.NodeShape))]
    except ExportError as error:
        raise ExportError(f"{path}: {error}") from None
    return tuple(sorted(shapes, key=lambda shape: shape.name))


def _node_shape(graph: Graph, node: Node) -> NodeShape:
    _refuse_unknown(graph, node, _NODE_PARAMETERS)
    properties = [_property_shape(graph, p) for p in graph.objects(node, SH.property)]
    return NodeShape(
        name=str(node),
        target_classes=tuple(sorted(nt_term(c) for c in graph.objects(node, SH.targetClass))),
        properties=tuple(sorted(properties, key=lambda p: (p.path, repr(p)))),
    )


def _property_shape(graph: Graph, node: Node) -> PropertyShape:
    _refuse_unknown(graph, node, _PROPERTY_PARAMETERS)
    path = graph.value(node, SH.path)
    if path is None or isinstance(path, Literal) or path.n3().startswith("_:"):
        raise ExportError(f"sh:path {path} is not a predicate (no path expressions here)")
    qualified = graph.value(node, SH.qualifiedValueShape)
    severity = graph.value(node, SH.severity)
    return PropertyShape(
        path=nt_term(path),
        values=_value_shape(graph, node),
        min_count=_int(graph.value(node, SH.minCount), 0),
        max_count=_int(graph.value(node, SH.maxCount), None),
        qualified=None if qualified is None else _nested(graph, qualified),
        qualified_min_count=_int(graph.value(node, SH.qualifiedMinCount), 0),
        message=_text(graph.value(node, SH.message)),
        severity="Violation" if severity is None else str(severity).removeprefix(str(SH)),
    )


def _nested(graph: Graph, node: Node) -> ValueShape:
    _refuse_unknown(graph, node, _VALUE_PARAMETERS | {RDF.type})
    return _value_shape(graph, node)


def _value_shape(graph: Graph, node: Node) -> ValueShape:
    allowed = graph.value(node, SH["in"])
    alternatives = graph.value(node, SH["or"])
    datatype = graph.value(node, SH.datatype)
    return ValueShape(
        classes=tuple(sorted(nt_term(c) for c in graph.objects(node, SH["class"]))),
        datatype=None if datatype is None else str(datatype),
        allowed=None if allowed is None else frozenset(map(nt_term, Collection(graph, allowed))),
        pattern=_text(graph.value(node, SH.pattern)),
        any_of=tuple(_nested(graph, n) for n in Collection(graph, alternatives))
        if alternatives is not None
        else (),
        min_inclusive=_decimal(graph.value(node, SH.minInclusive)),
        max_inclusive=_decimal(graph.value(node, SH.maxInclusive)),
    )


def _refuse_unknown(graph: Graph, node: Node, known: set) -> None:
    for predicate in sorted(set(graph.predicates(node)) - known, key=str):  # IRIs only
        name = predicate.n3(graph.namespace_manager)
        raise ExportError(
            f"{name} is not understood by the report's SHACL check (teach report_shacl first)"
        )


@overload
def _int(node: Node | None, default: int) -> int: ...
@overload
def _int(node: Node | None, default: None) -> int | None: ...
def _int(node: Node | None, default: int | None) -> int | None:
    return default if node is None else int(str(node))


def _decimal(node: Node | None) -> Decimal | None:
    return None if node is None else Decimal(str(node))


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)
