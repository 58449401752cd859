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

The file is written as text (``xmltext``): the bytes ElementTree wrote, in a fifth of the time.
It is written as it is made, from the network read node by node (``network_view``) once: the
``<key>`` lines come first and need every attribute's name and type, so the rows that pass
gives are kept in a temporary file and read back for the elements (``replay``). Neither the
network's rows nor the document are ever held whole (they were 200 MB per 1,000 articles).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from ..common.atomic import atomic_open
from ..common.gc_pause import gc_paused
from ..graph.network import Edge, NetworkView, network_view
from ..models import KnowledgeGraph
from .replay import Replay
from .xmltext import encode_chunks, escape_attr, escape_text, start_tag

__all__ = [
    "graphml_node_id",
    "graphml_rows",
    "key_ids",
    "lexical_value",
    "original_node_id",
    "render_graphml",
    "sanitize_attrs",
    "scalar_class_type",
    "scalar_type",
    "write_graphml",
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

Attrs = dict[str, Any]
Row = tuple[str, str, str, Attrs]  # an edge: id, source, target, attributes


def clean_text(value: str) -> str:
    """``value`` with only characters an XML 1.0 document can carry and read back."""
    if value.isprintable():  # no control, surrogate or non-character code point: as it is
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("\ufffd", value)


def clean_scalar(value: Any) -> bool | int | float | str | None:
    """A GraphML-typed scalar: numbers kept, lists joined with ';'; None for None or []."""
    if type(value) is str:  # the common case first (not a subclass: str() of an enum differs)
        return clean_text(value)
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
        key = _ATTR_NAMES.get(name) if type(name) is str else None
        if key is None:
            key = _attr_name(str(name))
        if type(value) is str and value.isprintable():  # most values: kept as they are
            clean[key] = value
            continue
        scalar = clean_scalar(value)
        if scalar is not None:
            clean[key] = scalar
    return clean


_ATTR_NAMES: dict[str, str] = {}  # a few dozen names, used hundreds of thousands of times


def _attr_name(name: str) -> str:
    key = _ATTR_NAMES[name] = _NMTOKEN_UNSAFE.sub("_", name) or "_"
    return key


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


def graphml_rows(
    kg_or_graph: KnowledgeGraph | nx.MultiDiGraph,
) -> tuple[dict[str, Attrs], list[tuple[str, str, str, Attrs]]]:
    """The network fit for GraphML: NMTOKEN node id -> clean attributes (with ``label`` and
    ``kind``), and (edge id, source, target, clean attributes), edges numbered ``e0``, ``e1``...
    in the network's order and listed by source node, as a networkx copy would yield them."""
    layout = _Layout(network_view(kg_or_graph))
    return dict(layout.nodes()), list(layout.edges())


class _Layout:
    """``graphml_rows`` made one node at a time, as often as asked for: the writer reads it
    twice (attribute names and types for the ``<key>`` lines, then the elements).

    Nodes whose GraphML ids are equal (ids that differ only in characters XML cannot carry,
    or the number 42 and the string "42") are one node, where the first of them is, with the
    attributes of all; its edges are all of theirs, keeping the numbers the network's order
    gave them. Edges are listed by source, then target in first-seen order."""

    def __init__(self, view: NetworkView) -> None:
        self._view = view
        self._merged = _merged_nodes(view.nodes)
        self._starts = self._edge_starts() if self._merged else {}

    @property
    def has_nodes(self) -> bool:
        return bool(self._view.nodes)

    def nodes(self) -> Iterator[tuple[str, Attrs]]:
        for node in self._view.nodes:
            members = self._merged.get(node, (node,))
            if not members:  # written with the first node of its id
                continue
            clean: Attrs = {}
            for member in members:
                clean.update(_node_row(member, self._view.node_attrs(member)))
            yield graphml_node_id(str(node)), clean

    def edges(self) -> Iterator[tuple[str, str, str, Attrs]]:
        index = 0  # the network's number of the node's first edge
        for node in self._view.nodes:
            edges = self._view.out_edges(node)
            members = self._merged.get(node)
            numbered: Iterable[tuple[int, Edge]] = enumerate(edges, index)
            if members is not None:  # all the edges of the nodes of this id, or none
                numbered = [
                    numbered_edge
                    for member in members
                    for numbered_edge in enumerate(
                        edges if member is node else self._view.out_edges(member),
                        self._starts[member],
                    )
                ]
            yield from _by_target(graphml_node_id(str(node)), numbered)
            index += len(edges)

    def _edge_starts(self) -> dict[Any, int]:
        """The number of the first edge of each merged node (a pass over every edge)."""
        starts: dict[Any, int] = {}
        index = 0
        for node in self._view.nodes:
            if node in self._merged:
                starts[node] = index
            index += len(self._view.out_edges(node))
        return starts


def _merged_nodes(nodes: Sequence[Any]) -> dict[Any, list[Any]]:
    """Nodes that share a GraphML id with another: the first of each id -> all of them (in
    the network's order), the others -> []. Only a node that is not a printable string can
    share one (``graphml_node_id`` is one-to-one on cleaned text), so most networks have none."""
    odd: dict[str, list[Any]] = {}  # what odd nodes clean to -> every node that cleans to it
    for node in nodes:
        if type(node) is not str or not node.isprintable():
            odd.setdefault(clean_text(str(node)), [])
    if not odd:
        return {}
    for node in nodes:
        members = odd.get(clean_text(str(node)))
        if members is not None:
            members.append(node)
    merged: dict[Any, list[Any]] = {}
    for first, *others in (members for members in odd.values() if len(members) > 1):
        merged[first] = [first, *others]
        merged.update((other, []) for other in others)
    return merged


def _node_row(node: Any, attrs: Attrs) -> Attrs:
    clean = sanitize_attrs(attrs)
    clean.setdefault("label", clean_text(str(node)))
    clean.setdefault("kind", "unknown")
    return clean


def _by_target(
    source: str, numbered: Iterable[tuple[int, Edge]]
) -> Iterator[tuple[str, str, str, Attrs]]:
    """A source's edges, grouped by GraphML target id in first-seen order."""
    by_target: dict[str, list[tuple[str, Attrs]]] = {}
    for index, (_, target, _, attrs) in numbered:
        keyed = by_target.setdefault(graphml_node_id(str(target)), [])
        keyed.append((f"e{index}", sanitize_attrs(attrs)))
    for target, keyed in by_target.items():
        for edge_id, attrs in keyed:
            yield edge_id, source, target, attrs


def render_graphml(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> bytes:
    """GraphML bytes (UTF-8) for a knowledge graph or an already built network."""
    with gc_paused():
        return b"".join(encode_chunks(_document(_Layout(network_view(kg_or_graph)), None)))


def write_graphml(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: Path) -> Path:
    """Write GraphML to ``path`` atomically, as it is made; returns ``path``."""
    with gc_paused(), atomic_open(Path(path), binary=True) as handle:
        layout = _Layout(network_view(kg_or_graph))
        handle.writelines(encode_chunks(_document(layout, Path(path).parent)))
    return Path(path)


def _document(layout: _Layout, folder: Path | None) -> Iterator[str]:
    """The document's lines after the XML declaration: a pass over the network gives the
    ``<key>`` lines, and the rows it made, kept in a file in ``folder`` (``replay``), the
    elements."""
    with Replay[tuple[str, Attrs]](folder) as nodes, Replay[Row](folder) as edges:
        node_rows = (attrs for _, attrs in nodes.record(layout.nodes()))
        edge_rows = (edge[3] for edge in edges.record(layout.edges()))
        keys = _keys({"graph": [], "node": node_rows, "edge": edge_rows})
        yield from _elements(layout.has_nodes, keys, nodes.replay(), edges.replay())


def _elements(
    has_nodes: bool,
    keys: dict[tuple[str, str], tuple[str, str]],
    nodes: Iterable[tuple[str, Attrs]],
    edges: Iterable[Row],
) -> Iterator[str]:
    root = start_tag(
        "graphml",
        [("xmlns", GRAPHML_NS), ("xmlns:xsi", _XSI_NS), ("xsi:schemaLocation", _SCHEMA_LOCATION)],
    )
    yield root + ">"
    for (domain, name), (key_id, attr_type) in keys.items():
        key = [("id", key_id), ("for", domain), ("attr.name", name), ("attr.type", attr_type)]
        yield f"\n  {start_tag('key', key)} />"
    # per domain, attribute name -> (start of its <data> line, attr.type)
    specs: dict[str, dict[str, tuple[str, str]]] = {domain: {} for domain in _DOMAINS}
    for (domain, name), (key_id, attr_type) in keys.items():
        specs[domain][name] = (f'\n      <data key="{escape_attr(key_id)}"', attr_type)
    graph_tag = '\n  <graph edgedefault="directed"'
    if not has_nodes:
        yield graph_tag + " />"
    else:
        yield graph_tag + ">"
        for node, attrs in nodes:
            yield _element(f'\n    <node id="{escape_attr(node)}"', attrs, specs["node"], "node")
        for edge_id, source, target, attrs in edges:
            ends = f'source="{escape_attr(source)}" target="{escape_attr(target)}"'
            start = f'\n    <edge id="{escape_attr(edge_id)}" {ends}'
            yield _element(start, attrs, specs["edge"], "edge")
        yield "\n  </graph>"
    yield "\n</graphml>"


def _element(start: str, attrs: Attrs, specs: dict[str, tuple[str, str]], tag: str) -> str:
    """A node or edge element: its start tag, one ``<data>`` line per attribute, its end."""
    if not attrs:
        return start + " />"
    parts = [start, ">"]
    _add_data(parts, attrs, specs)
    parts.append(f"\n    </{tag}>")
    return "".join(parts)


def _keys(
    attrs_by_domain: dict[str, Iterable[Attrs]],
) -> dict[tuple[str, str], tuple[str, str]]:
    """(domain, name) -> (key id, attr.type), in domain order then first-seen order."""
    classes: dict[tuple[str, str], set[type]] = {}
    for domain in _DOMAINS:
        for attrs in attrs_by_domain[domain]:
            for name, value in attrs.items():
                found = classes.get((domain, name))
                if found is None:
                    classes[(domain, name)] = found = set()
                found.add(type(value))
    ids = key_ids(classes)
    return {pair: (ids[pair], scalar_class_type(found)) for pair, found in classes.items()}


def scalar_class_type(classes: set[type]) -> str:
    """``scalar_type`` of values of these classes (a value's XSD type depends on its class)."""
    kinds = {_xsd_class_type(cls) for cls in classes}
    if len(kinds) == 1:
        return kinds.pop()
    return "double" if kinds <= {"long", "double"} else "string"


def _xsd_class_type(cls: type) -> str:
    if issubclass(cls, bool):  # before int: bool is an int subclass
        return "boolean"
    if issubclass(cls, int):
        return "long"
    return "double" if issubclass(cls, float) else "string"


def _add_data(parts: list[str], attrs: Attrs, specs: dict[str, tuple[str, str]]) -> None:
    """One ``<data>`` line per attribute; ``" />"`` for an empty value, as ElementTree."""
    for name, value in attrs.items():
        tag, attr_type = specs[name]
        if attr_type != "string":  # numbers, true/false, NaN, INF: nothing to escape
            parts.append(f"{tag}>{lexical_value(value, attr_type)}</data>")
            continue
        text = value if type(value) is str else str(value)
        parts.append(f"{tag}>{escape_text(text)}</data>" if text else tag + " />")


def lexical_value(value: Any, attr_type: str) -> str:
    """``value`` in the XSD lexical form of its declared type (true, 3, 0.5, NaN, INF)."""
    if attr_type == "boolean":
        return "true" if value else "false"
    if attr_type == "double" and isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    if attr_type == "double":
        return repr(float(value))
    return str(value)
