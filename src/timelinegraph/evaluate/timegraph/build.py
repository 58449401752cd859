"""Building a document's timegraph from its relations, and the reduced relation list the scorer
counts (create_timegraph_from_weight_sorted_relations and add_relation_in_timegraph).

Relations are added in the order given. Each one either lays out new intervals (``fresh``,
``order``/``bounds``) or, when both intervals are known, is checked against the graph:
entailed ones are dropped from the reduced list (``redundant``), unknown ones are merged in,
contradicting ones are closure violations (``violated``). The scorer counts the reduced list
plus the violations (``scored_relations``), so a contradiction still costs precision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .bounds import BOUNDS
from .check import end_points, merge, verify
from .fresh import add_fresh
from .graph import Node, Timegraph
from .order import ORDER

__all__ = [
    "CONVERSE",
    "BuiltGraph",
    "Relation",
    "build_timegraph",
    "relation",
    "reverse_for_graph",
]

_ATTACH = {**ORDER, **BOUNDS}


class Relation(NamedTuple):
    """One TLINK as the scorer sees it: ``source rel target``; make it with ``relation``."""

    source: str
    target: str
    rel: str


def relation(source: str, target: str, rel_type: str) -> Relation:
    """A TLINK with its relType as the scorer reads it: upper-case, and DURING / DURING_INV as
    SIMULTANEOUS (the toolkit's consider_DURING_as_SIMULTANEOUS, on in the official set-up,
    since TimeML's DURING means "at the same time" in the guidelines). The original upper-cases
    only when building the graph; TimeML files write relTypes upper-case anyway."""
    rel = rel_type.upper()
    return Relation(source, target, "SIMULTANEOUS" if rel in ("DURING", "DURING_INV") else rel)


@dataclass
class BuiltGraph:
    graph: Timegraph = field(default_factory=Timegraph)
    relations: list[Relation] = field(default_factory=list)  # nonredundant: first of each triple
    redundant: list[Relation] = field(default_factory=list)  # remove_from_reduce
    violated: list[Relation] = field(default_factory=list)  # violated_relations

    @property
    def scored_relations(self) -> list[Relation]:
        """The reduced list then the violations (final_relations + violated_relations)."""
        dropped = set(self.redundant) | set(self.violated)
        return [r for r in self.relations if r not in dropped] + self.violated


# The converse of each relation type (temporal_evaluation.reverse_relation); a type missing
# here is its own converse.
CONVERSE = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
}


def reverse_for_graph(rel: str) -> str:
    """The converse, as the graph builder writes it (relation_to_timegraph.reverse_relation):
    the same, except that IDENTITY turns into SIMULTANEOUS."""
    return "SIMULTANEOUS" if rel == "IDENTITY" else CONVERSE.get(rel, rel)


def build_timegraph(relations: Iterable[Relation]) -> BuiltGraph:
    """The graph of ``relations`` in order, each distinct triple once."""
    built = BuiltGraph()
    seen: set[Relation] = set()
    for relation in relations:
        if relation not in seen:
            seen.add(relation)
            built.relations.append(relation)
            _add(built, relation)
    return built


def _add(built: BuiltGraph, relation: Relation) -> None:
    """add_relation_in_timegraph."""
    tg, (x, y, rel) = built.graph, relation
    handled = False
    if x == y and rel not in ("IDENTITY", "SIMULTANEOUS"):
        built.violated.append(relation)  # and, as in the original, go on laying it out
        handled = True
    p = end_points(x, y)
    known = {name: point in tg.nodes for name, point in p.items()}
    if known["x1"] and known["x2"] and not known["y1"] and not known["y2"]:
        # Only the new interval is ever attached, so turn "known rel new" round.
        rel = reverse_for_graph(rel)
        p = end_points(y, x)
        known = {name: p[name] in tg.nodes for name in p}
    if not any(known.values()):
        handled = add_fresh(tg, p, rel) or handled
    elif not known["x1"] and not known["x2"] and known["y1"] and known["y2"] and rel in _ATTACH:
        ny1, ny2 = tg.nodes[p["y1"]], tg.nodes[p["y2"]]
        nx1, nx2 = _ATTACH[rel](tg, p, Node(), Node(), ny1, ny2)
        tg.nodes[p["x1"]], tg.nodes[p["x2"]] = nx1, nx2
        handled = True
    if handled:
        return
    # Both intervals known (or a relation type no branch lays out): check, then merge.
    verdict = verify(tg, x, y, rel)
    if verdict == "false":
        built.violated.append(relation)
    elif verdict == "true":
        built.redundant.append(relation)
    else:
        merge(tg, x, y, rel)
