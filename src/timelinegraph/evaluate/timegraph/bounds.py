"""Adding a relation from a new interval X to an interval Y already in the graph, for the relations
that share an end point or nest (BEGINS ... IDENTITY): the rest of the second branch of
add_relation_in_timegraph, ported line by line with its quirks (see ``order``). Where X starts or
ends with Y, X's end point becomes the very node of Y's, so the two can never drift apart.
"""

from __future__ import annotations

from .graph import DIFF, NIL, Node, Timegraph, connect
from .order import Attach, Points
from .points import point_after, point_before, point_between

__all__ = ["BOUNDS"]


def _inside_one_chain(p: Points, ny1: Node, ny2: Node) -> bool:
    """Y_e directly follows Y_s on one chain: there is room between them."""
    return p["y2"] in ny1.child and p["y1"] in ny2.parent and ny1.chain == ny2.chain


def _replace(ids: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    return tuple(new if i == old else i for i in ids)  # the original's re.sub(old, new, ids)


def _begins(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    if _inside_one_chain(p, ny1, ny2):
        nx1 = ny1
        nx1.sibling += (p["y1"],)
        nx2.chain = ny1.chain
        nx2.parent, nx2.child = (p["x1"], p["y1"]), (p["y2"],)
        ny1.sibling += (p["x1"],)
        ny1.child = _replace(ny1.child, p["y2"], p["x2"])
        nx2.pseudo = ny1.pseudo + (ny2.pseudo - ny1.pseudo) // 2
        ny2.parent = _replace(ny2.parent, p["y1"], p["x2"])
    else:
        nx2 = point_between(tg, p["x2"], p["y1"], p["y2"])
        ny1.sibling += (p["x1"],)
        nx1 = ny1
        nx1.sibling += (p["y1"],)
    return nx1, nx2


def _begun_by(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    if ny2.child == NIL and ny1.chain == ny2.chain:
        nx2.chain = ny1.chain
        nx2.pseudo = ny2.pseudo + DIFF
        ny1.sibling += (p["x1"],)
        nx1 = ny1
        nx1.sibling += (p["y1"],)
        ny2.parent += (p["x1"],)
        nx2.parent = (p["y2"],)
        ny2.child = (p["x2"],)
        nx2.child = NIL
        return nx1, nx2
    return ny1, point_after(tg, p["x2"], p["y2"])


def _ends(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    if not _inside_one_chain(p, ny1, ny2):
        return point_between(tg, p["x1"], p["y1"], p["y2"]), ny2
    nx1.chain = nx2.chain = ny1.chain
    nx1.pseudo = ny1.pseudo + (ny2.pseudo - ny1.pseudo) // 2
    nx2.pseudo = ny2.pseudo
    ny1.child = (p["x1"],)
    nx1.parent, nx1.child = (p["y1"],), (p["x2"],)
    nx2.parent = (p["x1"],)
    nx2.sibling = (*ny2.sibling, p["y2"])
    ny2.sibling += (p["x2"],)
    nx2.child = ny2.child
    ny2.parent = (p["x1"],)
    return nx1, nx2


def _ended_by(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    if not (ny1.parent == NIL and ny1.chain == ny2.chain):
        return point_before(tg, p["x1"], p["y1"]), ny2
    nx1.chain = nx2.chain = ny1.chain
    nx1.pseudo = ny1.pseudo - DIFF
    nx2.pseudo = ny2.pseudo
    nx1.parent, nx1.child = NIL, (p["y1"],)
    nx2.parent, nx2.child = ny2.parent, ny2.child
    nx2.sibling = (*ny2.sibling, p["y2"])
    ny1.parent = (p["x1"],)
    ny1.child += (p["x2"],)
    ny2.sibling += (p["x2"],)
    return nx1, nx2


def _includes(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    if ny1.parent == NIL and ny2.child == NIL and ny1.chain == ny2.chain:
        nx1.chain = nx2.chain = ny1.chain
        ny1.parent = (p["x1"],)
        nx1.pseudo = ny1.pseudo - DIFF
        nx1.parent, nx1.child = NIL, (p["y1"],)
        ny2.child = (p["x2"],)
        nx2.parent, nx2.child = (p["y2"],), NIL
        nx2.pseudo = ny2.pseudo + DIFF
    elif ny1.parent != NIL or ny2.child != NIL:
        # Quirk kept: X_s and X_e go on one new chain at Y_s - 1000 and Y_e + 1000, even when Y's
        # end points lie on two chains whose pseudo times say nothing about each other.
        nx1.chain = nx2.chain = tg.new_chain()
        nx1.pseudo = ny1.pseudo - DIFF
        nx2.pseudo = ny2.pseudo + DIFF
        nx1.parent = NIL
        nx2.parent, nx2.child = (p["x1"],), NIL
        connect(tg, ny1, p["y1"], nx1, p["x1"])
        connect(tg, nx2, p["x2"], ny2, p["y2"])
    else:
        nx1 = point_before(tg, p["x1"], p["y1"])
        nx2 = point_after(tg, p["x2"], p["y2"])
    return nx1, nx2


def _is_included(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    inside = _inside_one_chain(p, ny1, ny2)
    nx1.chain = nx2.chain = ny1.chain if inside else tg.new_chain()
    nx1.pseudo = ny1.pseudo + (ny2.pseudo - ny1.pseudo) // 3
    nx2.pseudo = ny1.pseudo + (ny2.pseudo - ny1.pseudo) * 2 // 3
    nx1.child, nx2.parent = (p["x2"],), (p["x1"],)
    if inside:
        nx1.parent = (*ny1.sibling, p["y1"])
        nx2.child = (*ny2.sibling, p["y2"])
        ny1.child = (p["x1"],)
    else:
        nx1.parent, nx2.child = NIL, NIL
        connect(tg, nx1, p["x1"], ny1, p["y1"])
        connect(tg, ny2, p["y2"], nx2, p["x2"])
    return nx1, nx2


def _simultaneous(
    tg: Timegraph, p: Points, nx1: Node, nx2: Node, ny1: Node, ny2: Node
) -> tuple[Node, Node]:
    # X's end points become Y's; siblings are noted only when Y lies on one chain.
    if ny1.chain == ny2.chain:
        ny1.sibling += (p["y1"],)
        ny2.sibling += (p["y2"],)
        ny1.sibling += (p["x1"],)
        ny2.sibling += (p["x2"],)
    return ny1, ny2


BOUNDS: dict[str, Attach] = {
    "BEGINS": _begins,
    "BEGUN_BY": _begun_by,
    "ENDS": _ends,
    "ENDED_BY": _ended_by,
    "INCLUDES": _includes,
    "IS_INCLUDED": _is_included,
    "SIMULTANEOUS": _simultaneous,
    "IDENTITY": _simultaneous,
}
