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
so node ids are written unescaped. The file is written as text (``xmltext``), the bytes
ElementTree wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from ..common.atomic import write_bytes_atomic
from ..common.gc_pause import gc_paused
from ..graph.network import network_items
from ..models import KnowledgeGraph
from .graphml import clean_text, lexical_value, sanitize_attrs, scalar_class_type
from .xmltext import encode_document, escape_attr, start_tag

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
    return _collapse(graph.edges(keys=True, data=True))


def _collapse(edges: Iterable[tuple[Any, Any, Any, Attrs]]) -> list[tuple[str, str, int, Attrs]]:
    groups: dict[tuple[str, str, str], list[Attrs]] = {}
    ids: dict[Any, str] = {}  # node -> cleaned id (each node ends many edges)
    for source, target, key, attrs in edges:
        clean = sanitize_attrs(attrs)
        edge_type = str(clean.get("type") or clean.get("kind") or str(key).split(":", 1)[0])
        if source not in ids:
            ids[source] = clean_text(str(source))
        if target not in ids:
            ids[target] = clean_text(str(target))
        group = (ids[source], ids[target], edge_type)
        members = groups.get(group)
        if members is None:
            groups[group] = [clean]
        else:
            members.append(clean)
    collapsed = []
    for (source, target, edge_type), members in sorted(groups.items()):
        first = members[0]
        # a value is kept when every member has it equal (so a NaN, unequal to itself, is not)
        if len(members) == 1:
            shared = {k: v for k, v in first.items() if v == v}
        else:
            shared = {k: v for k, v in first.items() if all(m.get(k) == v for m in members)}
        shared.setdefault("type", edge_type)
        collapsed.append((source, target, len(members), shared))
    return collapsed


def render_gexf(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> bytes:
    """GEXF bytes (UTF-8) for a knowledge graph or an already built network."""
    with gc_paused():
        return _render(kg_or_graph)


def _render(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> bytes:
    nodes_in, edges_in = network_items(kg_or_graph)
    nodes = [(clean_text(str(node)), sanitize_attrs(attrs)) for node, attrs in nodes_in]
    edges = _collapse(edges_in)
    root = start_tag(
        "gexf",
        [
            ("xmlns", GEXF_NS),
            ("xmlns:xsi", _XSI_NS),
            ("xsi:schemaLocation", _SCHEMA_LOCATION),
            ("version", "1.3"),
        ],
    )
    parts = [
        root,
        ">\n  <meta>\n    <creator>timelinegraph</creator>",
        "\n    <description>Event-timeline knowledge graph</description>\n  </meta>",
        '\n  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">',
    ]
    node_types = _declare(parts, "node", [attrs for _, attrs in nodes], _NODE_XML_ATTRS)
    edge_types = _declare(parts, "edge", [attrs for *_, attrs in edges], _EDGE_XML_ATTRS)
    if not nodes:
        parts.append("\n    <nodes />")
    else:
        parts.append("\n    <nodes>")
        for node, attrs in nodes:
            label = escape_attr(str(attrs.get("label", node)))
            line = f'\n      <node id="{escape_attr(node)}" label="{label}"'
            for bound in ("start", "end"):
                if bound in attrs:
                    line += f' {bound}="{escape_attr(str(attrs[bound]))}"'
            parts.append(line)
            _attvalues(parts, attrs, node_types, "\n      </node>")
        parts.append("\n    </nodes>")
    if not edges:
        parts.append("\n    <edges />")
    else:
        parts.append("\n    <edges>")
        for index, (source, target, weight, attrs) in enumerate(edges):
            kind = str(attrs["type"])
            label = escape_attr(str(attrs.get("label", kind)))
            ends = f'source="{escape_attr(source)}" target="{escape_attr(target)}"'
            line = f'<edge id="e{index}" {ends} kind="{escape_attr(kind)}" label="{label}"'
            parts.append(f'\n      {line} weight="{weight}"')
            _attvalues(parts, attrs, edge_types, "\n      </edge>")
        parts.append("\n    </edges>")
    parts.append("\n  </graph>\n</gexf>")
    return encode_document(parts)


def write_gexf(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: Path) -> Path:
    """Write GEXF to ``path`` atomically; returns ``path``."""
    return write_bytes_atomic(Path(path), render_gexf(kg_or_graph))


def _declare(
    parts: list[str], klass: str, all_attrs: list[Attrs], on_element: tuple[str, ...]
) -> dict[str, str]:
    """An <attributes> block for ``klass``; returns name -> GEXF type (first-seen order)."""
    classes: dict[str, set[type]] = {}
    for attrs in all_attrs:
        for name, value in attrs.items():
            found = classes.get(name)
            if found is None:
                if name in on_element:
                    continue
                classes[name] = found = set()
            found.add(type(value))
    # scalar_type's names (boolean, long, double, string) are GEXF attribute types too
    types = {name: scalar_class_type(found) for name, found in classes.items()}
    block = f'\n    <attributes class="{klass}" mode="static"'
    if not types:
        parts.append(block + " />")
        return types
    parts.append(block + ">")
    for name, gexf_type in types.items():
        attribute = [("id", name), ("title", name), ("type", gexf_type)]
        parts.append(f"\n      {start_tag('attribute', attribute)} />")
    parts.append("\n    </attributes>")
    return types


def _attvalues(parts: list[str], attrs: Attrs, types: dict[str, str], close: str) -> None:
    """The element's ``<attvalues>`` and closing tag (or `` />`` when it has none)."""
    values = []
    for name, value in attrs.items():
        attr_type = types.get(name)
        if attr_type is None:
            continue
        if attr_type == "string":  # only strings can need escaping (numbers, true, NaN never)
            text = escape_attr(value if type(value) is str else str(value))
        else:
            text = lexical_value(value, attr_type)
        values.append(f'\n          <attvalue for="{_escaped_name(name)}" value="{text}" />')
    if not values:
        parts.append(" />")
        return
    parts.append(">\n        <attvalues>")
    parts.extend(values)
    parts.append("\n        </attvalues>" + close)


@cache
def _escaped_name(name: str) -> str:
    return escape_attr(name)
