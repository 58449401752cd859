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
ElementTree wrote, as it is made: the network is read node by node (``network_view``) once
for the ``<attributes>`` blocks (every name and type, before the nodes), and the rows that pass
gives are kept in a temporary file and read back to write (``replay``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain, groupby
from pathlib import Path
from typing import Any

import networkx as nx

from ..common.atomic import atomic_open
from ..common.gc_pause import gc_paused
from ..graph.network import NetworkView, network_view
from ..models import KnowledgeGraph
from .graphml import clean_text, lexical_value, sanitize_attrs, scalar_class_type
from .replay import Replay
from .xmltext import encode_chunks, escape_attr, start_tag

__all__ = ["GEXF_NS", "collapse_edges", "render_gexf", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"
_NODE_XML_ATTRS = ("label", "start", "end")  # written on <node> itself, not as attvalues
_EDGE_XML_ATTRS = ("label",)

Attrs = dict[str, Any]
Collapsed = tuple[str, str, int, Attrs]  # an edge: source, target, weight, attributes


def collapse_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, int, Attrs]]:
    """(source, target, weight, attrs) per distinct (source, target, type), sorted; attrs are
    the cleaned attributes every merged edge agrees on."""
    return list(_collapsed(network_view(graph)))


def _collapsed(view: NetworkView) -> Iterator[tuple[str, str, int, Attrs]]:
    """``collapse_edges`` made one source at a time: sources in the order of their cleaned
    ids (the nodes whose ids clean to the same text together, in the network's order)."""
    for source, nodes in groupby(sorted(view.nodes, key=_clean_id), key=_clean_id):
        groups: dict[tuple[str, str], list[Attrs]] = {}
        for node in nodes:
            for _, target, key, attrs in view.out_edges(node):
                clean = sanitize_attrs(attrs)
                edge_type = str(clean.get("type") or clean.get("kind") or str(key).split(":", 1)[0])
                members = groups.get((_clean_id(target), edge_type))
                if members is None:
                    groups[(_clean_id(target), edge_type)] = [clean]
                else:
                    members.append(clean)
        for (target, edge_type), members in sorted(groups.items()):
            yield source, target, len(members), _shared(members, edge_type)


def _shared(members: list[Attrs], edge_type: str) -> Attrs:
    """The attributes every member has equal (so a NaN, unequal to itself, is dropped)."""
    first = members[0]
    if len(members) == 1:
        shared = {k: v for k, v in first.items() if v == v}
    else:
        shared = {k: v for k, v in first.items() if all(m.get(k) == v for m in members)}
    shared.setdefault("type", edge_type)
    return shared


def _clean_id(node: Any) -> str:
    return clean_text(str(node))


def render_gexf(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> bytes:
    """GEXF bytes (UTF-8) for a knowledge graph or an already built network."""
    with gc_paused():
        return b"".join(encode_chunks(_document(network_view(kg_or_graph), None)))


def write_gexf(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: Path) -> Path:
    """Write GEXF to ``path`` atomically, as it is made; returns ``path``."""
    with gc_paused(), atomic_open(Path(path), binary=True) as handle:
        handle.writelines(encode_chunks(_document(network_view(kg_or_graph), Path(path).parent)))
    return Path(path)


def _document(view: NetworkView, folder: Path | None) -> Iterator[str]:
    """The document's lines after the XML declaration: a pass over the network gives the
    ``<attributes>`` blocks (names and types), and the rows it made, kept in a file in
    ``folder`` (``replay``), the nodes and edges."""
    with Replay[tuple[str, Attrs]](folder) as nodes, Replay[Collapsed](folder) as edges:
        node_rows = nodes.record(_node_row(view, node) for node in view.nodes)
        node_types = _types((attrs for _, attrs in node_rows), _NODE_XML_ATTRS)
        edge_types = _types((edge[3] for edge in edges.record(_collapsed(view))), _EDGE_XML_ATTRS)
        yield from _elements(node_types, edge_types, nodes.replay(), edges.replay())


def _elements(
    node_types: dict[str, str],
    edge_types: dict[str, str],
    node_rows: Iterator[tuple[str, Attrs]],
    collapsed: Iterator[Collapsed],
) -> Iterator[str]:
    root = start_tag(
        "gexf",
        [
            ("xmlns", GEXF_NS),
            ("xmlns:xsi", _XSI_NS),
            ("xsi:schemaLocation", _SCHEMA_LOCATION),
            ("version", "1.3"),
        ],
    )
    yield root + ">\n  <meta>\n    <creator>timelinegraph</creator>"
    yield "\n    <description>Event-timeline knowledge graph</description>\n  </meta>"
    yield '\n  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">'
    yield _declaration("node", node_types)
    yield _declaration("edge", edge_types)
    first_node = next(node_rows, None)
    if first_node is None:
        yield "\n    <nodes />"
    else:
        yield "\n    <nodes>"
        for node, attrs in chain([first_node], node_rows):
            yield _node_element(node, attrs, node_types)
        yield "\n    </nodes>"
    edges = (_edge_element(*numbered, edge_types) for numbered in enumerate(collapsed))
    first = next(edges, None)
    if first is None:
        yield "\n    <edges />"
    else:
        yield "\n    <edges>" + first
        yield from edges
        yield "\n    </edges>"
    yield "\n  </graph>\n</gexf>"


def _node_row(view: NetworkView, node: Any) -> tuple[str, Attrs]:
    return clean_text(str(node)), sanitize_attrs(view.node_attrs(node))


def _node_element(node: str, attrs: Attrs, types: dict[str, str]) -> str:
    label = escape_attr(str(attrs.get("label", node)))
    parts = [f'\n      <node id="{escape_attr(node)}" label="{label}"']
    for bound in ("start", "end"):
        if bound in attrs:
            parts.append(f' {bound}="{escape_attr(str(attrs[bound]))}"')
    _attvalues(parts, attrs, types, "\n      </node>")
    return "".join(parts)


def _edge_element(index: int, edge: tuple[str, str, int, Attrs], types: dict[str, str]) -> str:
    source, target, weight, attrs = edge
    kind = str(attrs["type"])
    label = escape_attr(str(attrs.get("label", kind)))
    ends = f'source="{escape_attr(source)}" target="{escape_attr(target)}"'
    line = f'<edge id="e{index}" {ends} kind="{escape_attr(kind)}" label="{label}"'
    parts = [f'\n      {line} weight="{weight}"']
    _attvalues(parts, attrs, types, "\n      </edge>")
    return "".join(parts)


def _types(all_attrs: Iterable[Attrs], on_element: tuple[str, ...]) -> dict[str, str]:
    """Attribute name -> GEXF type, in first-seen order; names on the element itself left out."""
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
    return {name: scalar_class_type(found) for name, found in classes.items()}


def _declaration(klass: str, types: dict[str, str]) -> str:
    """The <attributes> block for ``klass``."""
    block = f'\n    <attributes class="{klass}" mode="static"'
    if not types:
        return block + " />"
    parts = [block + ">"]
    for name, gexf_type in types.items():
        attribute = [("id", name), ("title", name), ("type", gexf_type)]
        parts.append(f"\n      {start_tag('attribute', attribute)} />")
    parts.append("\n    </attributes>")
    return "".join(parts)


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
