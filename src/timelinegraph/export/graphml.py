"""GraphML export (Gephi, yEd, igraph) via networkx's writer.

GraphML only carries typed scalars, so lists are joined with ";" and None values are
dropped; every value of one attribute name keeps one type, so each name gets one <key>.
Strings are made XML 1.0-safe: characters XML cannot carry (NUL, most C0 controls, lone
surrogates) become U+FFFD and CR/CRLF become LF, because XML parsers normalise CR away.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import networkx as nx

from ..build.network import build_network
from ..models import KnowledgeGraph
from .atomic import write_bytes_atomic

__all__ = ["render_graphml", "sanitize_attrs", "write_graphml"]

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NMTOKEN_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")


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


def to_graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` fit for GraphML: clean attributes, a label on every node."""
    out = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        clean = sanitize_attrs(attrs)
        clean.setdefault("label", clean_text(str(node)))
        clean.setdefault("kind", "unknown")
        out.add_node(clean_text(str(node)), **clean)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        out.add_edge(
            clean_text(str(source)), clean_text(str(target)), key=key, **sanitize_attrs(attrs)
        )
    return out


def render_graphml(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> bytes:
    """GraphML bytes (UTF-8) for a knowledge graph or an already built network."""
    graph = build_network(kg_or_graph) if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph
    buffer = io.BytesIO()
    nx.write_graphml(to_graphml_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    data = buffer.getvalue()
    return data if data.endswith(b"\n") else data + b"\n"


def write_graphml(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: Path) -> Path:
    """Write GraphML to ``path`` atomically; returns ``path``."""
    return write_bytes_atomic(Path(path), render_graphml(kg_or_graph))
