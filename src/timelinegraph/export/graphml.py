"""GraphML export (Gephi, yEd, igraph, graphology), valid against the GraphML 1.0 schema.

GraphML only carries typed scalars, so lists are joined with ";" and None values are
dropped; every value of one attribute name keeps one type, so each name gets one <key>.
Strings are made XML 1.0-safe: characters XML cannot carry (NUL, most C0 controls, lone
surrogates) become U+FFFD and CR/CRLF become LF, because XML parsers normalise CR away.

The schema types node ids, edge ids and data keys as NMTOKEN and wants edge ids unique, so:
key ids are readable (``label`` alone when only one domain has it, else ``node_label`` /
``edge_label``; old Gephi versions guess labels from ``d3``-style ids), node ids keep every
character [A-Za-z0-9._:-] and escape the others as ``_xHHHH_`` (reversible with
``original_node_id``), and edges are numbered ``e0``, ``e1``... in the network's sorted order.
"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from ..build.network import build_network
from ..models import KnowledgeGraph
from .atomic import write_bytes_atomic

__all__ = [
    "graphml_node_id",
    "key_ids",
    "lexical_value",
    "original_node_id",
    "render_graphml",
    "sanitize_attrs",
    "scalar_type",
    "write_graphml",
    "xml_bytes",
]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NMTOKEN_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
# in a node id: any character outside the ASCII NMTOKEN set, and "_" when it starts "_x"
# (so a literal "_x0020_" in an id cannot be mistaken for an escape)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9.:\-_]|_(?=x)")
_ID_ESCAPE = re.compile(r"_x([0-9A-F]{4,6})_")
_DOMAINS = ("graph", "node", "edge")


def clean_text(value: str) -> str:
    """``value`` with only characters an XML 1.0 document can carry and read back."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("\ufffd", value)


def clean_scalar(value: Any) -> bool | int | float | str | None:
    """A GraphML-typed scalar: numbers kept, lists joined with ';'; None for None or []."""
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return clean_text(";".join(str(item) for item in items)) if items else None
    return clean_text(str(value))


def sanitize_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """Scalar attributes with NMTOKEN names (GraphML's attr.name), None values dropped."""
    clean: dict[str, Any] = {}
    for name, value in attrs.items():
        scalar = clean_scalar(value)
        if scalar is not None:
            clean[_NMTOKEN_UNSAFE.sub("_", str(name)) or "_"] = scalar
    return clean


def graphml_node_id(node: str) -> str:
    """``node`` as an NMTOKEN: unsafe characters become ``_xHHHH_`` (their code point)."""
    return _ID_UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", clean_text(node))


def original_node_id(node_id: str) -> str:
    """The node id ``graphml_node_id`` was given (after XML cleaning)."""
    return _ID_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), node_id)


def scalar_type(values: Iterable[Any]) -> str:
    """One type for every value of an attribute: boolean, long, double or string."""
    kinds = {_xsd_type(value) for value in values}
    if len(kinds) == 1:
        return kinds.pop()
    return "double" if kinds <= {"long", "double"} else "string"


def _xsd_type(value: Any) -> str:
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "boolean"
    if isinstance(value, int):
        return "long"
    return "double" if isinstance(value, float) else "string"


def key_ids(names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """A unique NCName per (domain, attribute name): the name alone when only one domain uses
    it and it is an NCName, else ``<domain>_<name>``; a clash gets ``_2``, ``_3``..."""
    pairs = list(dict.fromkeys(names))
    domains_per_name: dict[str, int] = {}
    for _, name in pairs:
        domains_per_name[name] = domains_per_name.get(name, 0) + 1
    ids: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for domain, name in pairs:
        unique = domains_per_name[name] == 1 and _NCNAME.match(name)
        base = name if unique else f"{domain}_{_NMTOKEN_UNSAFE.sub('_', name)}"
        candidate, suffix = base, 2
        while candidate in used:
            candidate, suffix = f"{base}_{suffix}", suffix + 1
        used.add(candidate)
        ids[(domain, name)] = candidate
    return ids


def to_graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` fit for GraphML: clean attributes, a label on every node,
    NMTOKEN node ids and unique edge keys (``e0``, ``e1``...)."""
    out = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        clean = sanitize_attrs(attrs)
        clean.setdefault("label", clean_text(str(node)))
        clean.setdefault("kind", "unknown")
        out.add_node(graphml_node_id(str(node)), **clean)
    for index, (source, target, attrs) in enumerate(graph.edges(data=True)):
        out.add_edge(
            graphml_node_id(str(source)),
            graphml_node_id(str(target)),
            key=f"e{index}",
            **sanitize_attrs(attrs),
        )
    return out


def render_graphml(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> bytes:
    """GraphML bytes (UTF-8) for a knowledge graph or an already built network."""
    graph = build_network(kg_or_graph) if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph
    graph = to_graphml_graph(graph)
    node_attrs = [attrs for _, attrs in graph.nodes(data=True)]
    edge_attrs = [attrs for _, _, attrs in graph.edges(data=True)]
    keys = _keys({"graph": [], "node": node_attrs, "edge": edge_attrs})
    root = ET.Element(
        "graphml",
        {"xmlns": GRAPHML_NS, "xmlns:xsi": _XSI_NS, "xsi:schemaLocation": _SCHEMA_LOCATION},
    )
    for (domain, name), (key_id, attr_type) in keys.items():
        key = {"id": key_id, "for": domain, "attr.name": name, "attr.type": attr_type}
        ET.SubElement(root, "key", key)
    body = ET.SubElement(root, "graph", {"edgedefault": "directed"})
    for node, attrs in graph.nodes(data=True):
        _add_data(ET.SubElement(body, "node", {"id": node}), "node", attrs, keys)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        edge = ET.SubElement(body, "edge", {"id": key, "source": source, "target": target})
        _add_data(edge, "edge", attrs, keys)
    return xml_bytes(root)


def xml_bytes(root: ET.Element) -> bytes:
    """An XML document (UTF-8, declaration, indented, final newline) for ``root``."""
    ET.indent(root)
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def write_graphml(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: Path) -> Path:
    """Write GraphML to ``path`` atomically; returns ``path``."""
    return write_bytes_atomic(Path(path), render_graphml(kg_or_graph))


def _keys(
    attrs_by_domain: dict[str, list[dict[str, Any]]],
) -> dict[tuple[str, str], tuple[str, str]]:
    """(domain, name) -> (key id, attr.type), in domain order then first-seen order."""
    values: dict[tuple[str, str], list[Any]] = {}
    for domain in _DOMAINS:
        for attrs in attrs_by_domain[domain]:
            for name, value in attrs.items():
                values.setdefault((domain, name), []).append(value)
    ids = key_ids(values)
    return {pair: (ids[pair], scalar_type(found)) for pair, found in values.items()}


def _add_data(
    element: ET.Element,
    domain: str,
    attrs: dict[str, Any],
    keys: dict[tuple[str, str], tuple[str, str]],
) -> None:
    for name, value in attrs.items():
        key_id, attr_type = keys[(domain, name)]
        ET.SubElement(element, "data", {"key": key_id}).text = lexical_value(value, attr_type)


def lexical_value(value: Any, attr_type: str) -> str:
    """``value`` in the XSD lexical form of its declared type (true, 3, 0.5, NaN, INF)."""
    if attr_type == "boolean":
        return "true" if value else "false"
    if attr_type == "double" and isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    if attr_type == "double":
        return repr(float(value))
    return str(value)
