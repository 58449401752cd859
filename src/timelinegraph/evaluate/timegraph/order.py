"""Adding a relation from a new interval X to an interval Y already in the graph: X's end points
are put on Y's chain when there is room, else on a new chain linked to Y's (the second branch of
add_relation_in_timegraph). This module has the ordering relations; ``bounds`` has the ones that
share an end point or nest.

Ported line by line, quirks included: e.g. BEFORE places ``X_s`` at pseudo time -1000 (the
original computes it from ``X_e`` before giving ``X_e`` one). The original's ``visualization``
branches are left out: the scorer never turns that option on.
"""

from __future__ import annotations

from collections.abc import Callable

from .graph import DIFF, NIL, Node, Timegraph, connect

__all__ = ["ORDER", "Attach", "Points"]

Points = dict[str, str]  # "x1", "x2", "y1", "y2" -> end-point ids ("ei1_s", ...)
# (graph, points, fresh X_s node, fresh X_e node, Y_s node, Y_e node) -> the nodes X gets
Attach = Callable[[Timegraph, Points, Node, Node, Node, Node], tuple[Node, Node]]


def _before(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    if ny1.parent == NIL:
        nx1.chain = nx2.chain = ny1.chain
        ny1.parent = (p["x2"],)
    else:
        nx1.chain = nx2.chain = tg.new_chain()
        ny1.parent += (p["x2"],)
        connect(tg, ny1, p["y1"], nx2, p["x2"])
    nx1.pseudo = nx2.pseudo - DIFF  # quirk: nx2.pseudo is still 0 here
    nx1.parent, nx1.child = NIL, (p["x2"],)
    nx2.pseudo = ny1.pseudo - DIFF
    nx2.parent, nx2.child = (p["x1"],), (p["y1"],)
    return nx1, nx2


def _after(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    same_chain = ny2.child == NIL
    nx1.chain = nx2.chain = ny2.chain if same_chain else tg.next_chain
    nx1.pseudo = ny2.pseudo + DIFF
    nx1.parent, nx1.child = (p["y2"],), (p["x2"],)
    nx2.pseudo = nx1.pseudo + DIFF
    nx2.parent, nx2.child = (p["x1"],), NIL
    if same_chain:
        ny2.child = (p["x1"],)
    else:
        ny2.child += (p["x1"],)
        tg.new_chain()
        connect(tg, nx1, p["x1"], ny2, p["y2"])
    return nx1, nx2


def _ibefore(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    same_chain = ny1.parent == NIL
    if same_chain:
        nx1.chain = nx2.chain = ny1.chain
        ny1.parent = (p["x1"],)
    else:
        nx1.chain = tg.next_chain
        nx2.chain = ny1.chain
        ny1.parent += (p["x1"],)
    ny1.sibling += (p["x2"],)
    ny2.parent += (p["x2"],)
    nx2.pseudo = ny1.pseudo
    nx2.parent = (p["x1"],) if same_chain else ny1.parent
    nx2.child = ny1.child
    nx2.sibling = (*ny1.sibling, p["y1"])
    nx1.pseudo = nx2.pseudo - DIFF
    nx1.child, nx1.parent = (p["x2"], p["y1"]), NIL
    if not same_chain:
        tg.new_chain()
        connect(tg, nx2, p["x2"], nx1, p["x1"])
    return nx1, nx2


def _iafter(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    ny1.child += (p["x1"],)
    same_chain = ny2.child == NIL
    if same_chain:
        ny2.sibling += (p["x1"],)
        ny2.child = (p["x2"],)
        nx1.chain = nx2.chain = ny2.chain
        nx1.pseudo = ny2.pseudo
        nx1.parent, nx1.child = ny2.parent, (p["x2"],)
        nx1.sibling = (*ny2.sibling, p["y2"])
        nx2.pseudo = nx1.pseudo + DIFF
    else:
        nx1 = ny2  # X_s becomes the very node of Y_e
        nx1.sibling += (p["y2"],)
        ny2.child += (p["x2"],)
        ny2.sibling += (p["x1"],)
        nx2.chain = tg.new_chain()
        nx2.pseudo = ny2.pseudo + DIFF
    nx2.parent, nx2.child = (p["x1"], p["y2"]), NIL
    if not same_chain:
        connect(tg, nx2, p["x2"], nx1, p["x1"])
    return nx1, nx2


ORDER: dict[str, Attach] = {
    "BEFORE": _before,
    "AFTER": _after,
    "IBEFORE": _ibefore,
    "IAFTER": _iafter,
}
