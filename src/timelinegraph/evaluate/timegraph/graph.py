"""The timegraph of the TempEval-3 scorer: interval end points on chains, and point queries.

Ported from ``relation_to_timegraph.py`` of the official TempEval-3 toolkit (UzZaman & Allen's
temporal awareness; Gerevini/Schubert/Miller-style timegraph). Each interval ``X`` is two points,
``X_s`` and ``X_e``. A point sits on a *chain* at an integer *pseudo* time: on one chain, a smaller
pseudo time is earlier. Chains are joined by cross-chain links in the *metagraph* ("this point in
another chain is after that point"), and a point query follows them.

The original keeps parents, children and siblings as space-joined strings and tests them with
unanchored ``re.search``; here they are tuples tested for membership, which is the same for
TimeML ids (``e12``, ``ei12``, ``t3``: no id's end-point name is a substring of another's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "BASE",
    "DIFF",
    "NIL",
    "Chain",
    "Ids",
    "Node",
    "PointRelation",
    "Timegraph",
    "connect",
    "point_relation",
]

Ids = tuple[str, ...]
PointRelation = Literal["<", ">", "=", "UNKNOWN"]

NIL: Ids = ("-1",)  # the original's explicit "no parent / no child"; a fresh node has () instead
BASE = 100000  # pseudo time of the first point of a new chain (base_value)
DIFF = 1000  # pseudo-time step between neighbouring points (diff)


@dataclass(eq=False)
class Node:
    """One end point (class Node). Several end points may share one Node object: the original
    makes ``X_s`` *the same node* as ``Y_s`` when X and Y start together, and so does the port."""

    chain: int = 0
    pseudo: int = 0
    parent: Ids = ()
    child: Ids = ()
    sibling: Ids = ()


@dataclass
class Chain:
    """The cross-chain links leaving one chain (class Chain): its connection points ``cp`` and,
    for each, the points in other chains known to come after it (``cross_chain``)."""

    cp: list[str] = field(default_factory=list)
    cross_chain: dict[str, list[str]] = field(default_factory=dict)


@dataclass(eq=False)
class Timegraph:
    """The graph of one document (class Timegraph) and the bookkeeping of its relations."""

    nodes: dict[str, Node] = field(default_factory=dict)  # node_array
    metagraph: dict[int, Chain] = field(default_factory=dict)
    next_chain: int = 0

    def new_chain(self) -> int:
        chain = self.next_chain
        self.next_chain += 1
        return chain


def connect(tg: Timegraph, later: Node, later_id: str, earlier: Node, earlier_id: str) -> None:
    """Record that ``later_id`` comes after ``earlier_id`` (add_X_after_Y_metagraph)."""
    chain = tg.metagraph.setdefault(earlier.chain, Chain())
    if earlier_id not in chain.cp:
        chain.cp.append(earlier_id)
    after = chain.cross_chain.setdefault(earlier_id, [])
    if later_id not in after:
        after.append(later_id)


def point_relation(tg: Timegraph, x: Node, y: Node) -> PointRelation:
    """How point ``x`` stands to point ``y`` (point_rel_x_y): by pseudo time on one chain, else
    by searching the metagraph both ways (fine_relation_in_timegraph)."""
    if x.chain == y.chain:
        if x.pseudo < y.pseudo:
            return "<"
        return ">" if x.pseudo > y.pseudo else "="
    x_to_y = _reaches(tg, x, y, ())
    y_to_x = _reaches(tg, y, x, ())
    if x_to_y and y_to_x:
        return "="
    if x_to_y:
        return "<"
    return ">" if y_to_x else "UNKNOWN"


def _reaches(tg: Timegraph, x: Node, y: Node, history: tuple[int, ...]) -> bool:
    """Whether ``x <= y`` follows from the graph (traverse_timegraph_identify_rel): a depth-first
    search over cross-chain links that never re-enters a chain already on its path."""
    if x.chain == y.chain:
        # Reaching y's chain after y is a dead end: the original does not look further from there.
        return x.pseudo <= y.pseudo
    history = (*history, x.chain)
    links = tg.metagraph.get(x.chain)
    if links is None:
        return False
    for cp in links.cp:
        if x.pseudo > tg.nodes[cp].pseudo:
            continue
        for later_id in links.cross_chain[cp]:
            later = tg.nodes[later_id]
            if later.chain not in history and _reaches(tg, later, y, history):
                return True
    return False
