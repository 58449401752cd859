"""GEXF 1.3 export: Gephi's native dynamic format, so its timeline works with no manual step.

GEXF 1.3 (namespace ``http://gexf.net/1.3``, Gephi 0.9.3 and later; Gephi 0.10 writes it)
rather than 1.2draft because 1.3 has the edge ``kind``: Gephi keeps parallel edges of
different kinds apart (an event that targets an actor and is attributed to it) and merges
them otherwise. graphology-gexf reads 1.3 (it ignores the namespace) and networkx's
``read_gexf`` tries 1.3 too.

The graph is ``mode="dynamic"`` with ``timeformat="date"``: an event node carries ``start`` /
``end`` (the same ISO days GraphML's ``start``/``end`` attributes hold; one of them alone
when the text bounds the event on one side only; none when undated, so Gephi shows it at all
times). Actors, places and articles are static: they are not events in time, and an actor
cut to its events' span would vanish from the timeline between two of its events.

Gephi merges parallel edges of one kind, so edges with the same (source, target, type) are
written once, ``kind`` = type and ``weight`` = how many there were; an attribute is kept on
it only when all of them agree. Text is cleaned as for GraphML; ids are plain strings in GEXF,
so node ids are written unescaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from ..build.network import build_network
from ..models import KnowledgeGraph
from .atomic import write_bytes_atomic
from .graphml import clean_text, lexical_value, sanitize_attrs, scalar_type, xml_bytes

__all__ = ["GEXF_NS", "collapse_edges", "render_gexf", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"
_NODE_XML_ATTRS = ("label", "start", "end")  # written on <node> itself, not as attvalues
_EDGE_XML_ATTRS = ("label",)

Attrs = dict[str, Any]


def collapse_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, int, Attrs]]:
    """(source, target, weight, attrs) per distinct (source, target, type), sorted; attrs are
    the cleaned attributes every merged edge agrees on."""
    groups: dict[tuple[str, str, str], list[Attrs]] = {}
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        clean = sanitize_attrs(attrs)
        edge_type = str(clean.get("type") or clean.get("kind") or str(key).split(":", 1)[0])
        groups.setdefault((clean_text(str(source)), clean_text(str(target)), edge_type), []).append(
            clean
        )
    collapsed = []
    for (source, target, edge_type), members in sorted(groups.items()):
        shared = {k: v for k, v in members[0].items() if all(m.get(k) == v for m in members)}
        shared.setdefault("type", edge_type)
        collapsed.append((source, target, len(members), shared))
    return collapsed


def render_gexf(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> bytes:
    """GEXF bytes (UTF-8) for a knowledge graph or an already built network."""
    graph = build_network(kg_or_graph) if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph
    nodes = [
        (clean_text(str(node)), sanitize_attrs(attrs)) for node, attrs in graph.nodes(data=True)
    ]
    edges = collapse_edges(graph)
    root = ET.Element(
        "gexf",
        {"xmlns": GEXF_NS, "xmlns:xsi": _XSI_NS, "xsi:schemaLocation": _SCHEMA_LOCATION},
    )
    root.set("version", "1.3")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "timelinegraph"
    ET.SubElement(meta, "description").text = "Event-timeline knowledge graph"
    body = ET.SubElement(
        root, "graph", {"mode": "dynamic", "defaultedgetype": "directed", "timeformat": "date"}
    )
    node_types = _declare(body, "node", [attrs for _, attrs in nodes], _NODE_XML_ATTRS)
    edge_types = _declare(body, "edge", [attrs for *_, attrs in edges], _EDGE_XML_ATTRS)
    node_list = ET.SubElement(body, "nodes")
    for node, attrs in nodes:
        element = ET.SubElement(node_list, "node", {"id": node, "label": attrs.get("label", node)})
        for bound in ("start", "end"):
            if bound in attrs:
                element.set(bound, str(attrs[bound]))
        _attvalues(element, attrs, node_types)
    edge_list = ET.SubElement(body, "edges")
    for index, (source, target, weight, attrs) in enumerate(edges):
        element = ET.SubElement(
            edge_list,
            "edge",
            {"id": f"e{index}", "source": source, "target": target, "kind": attrs["type"]},
        )
        element.set("label", str(attrs.get("label", attrs["type"])))
        element.set("weight", str(weight))
        _attvalues(element, attrs, edge_types)
    return xml_bytes(root)


def write_gexf(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: Path) -> Path:
    """Write GEXF to ``path`` atomically; returns ``path``."""
    return write_bytes_atomic(Path(path), render_gexf(kg_or_graph))


def _declare(
    graph: ET.Element, klass: str, all_attrs: list[Attrs], on_element: tuple[str, ...]
) -> dict[str, str]:
    """An <attributes> block for ``klass``; returns name -> GEXF type (first-seen order)."""
    values: dict[str, list[Any]] = {}
    for attrs in all_attrs:
        for name, value in attrs.items():
            if name not in on_element:
                values.setdefault(name, []).append(value)
    # scalar_type's names (boolean, long, double, string) are GEXF attribute types too
    types = {name: scalar_type(found) for name, found in values.items()}
    block = ET.SubElement(graph, "attributes", {"class": klass, "mode": "static"})
    for name, gexf_type in types.items():
        ET.SubElement(block, "attribute", {"id": name, "title": name, "type": gexf_type})
    return types


def _attvalues(element: ET.Element, attrs: Attrs, types: dict[str, str]) -> None:
    present = [(name, value) for name, value in attrs.items() if name in types]
    if not present:
        return
    block = ET.SubElement(element, "attvalues")
    for name, value in present:
        ET.SubElement(block, "attvalue", {"for": name, "value": lexical_value(value, types[name])})
