"""Adding one new end point next to points already in the graph (add_point_x_AFTER_y,
add_point_x_BEFORE_y, add_point_x_DURING_y_z), used where a relation is added point by point."""

from __future__ import annotations

from .graph import DIFF, NIL, Node, Timegraph, connect

__all__ = ["point_after", "point_before", "point_between"]


def point_after(tg: Timegraph, x: str, y: str) -> Node:
    """A new point ``x`` just after ``y`` (add_point_x_AFTER_y)."""
    ny, nx = tg.nodes[y], Node()
    nx.pseudo = ny.pseudo + DIFF
    if ny.child == NIL:
        nx.chain = ny.chain
        ny.child = (x,)
        nx.parent, nx.child = (y,), NIL
    else:
        nx.chain = tg.new_chain()
        nx.parent = nx.child = NIL
        connect(tg, nx, x, ny, y)
    return nx


def point_before(tg: Timegraph, x: str, y: str) -> Node:
    """A new point ``x`` just before ``y`` (add_point_x_BEFORE_y)."""
    ny, nx = tg.nodes[y], Node()
    nx.pseudo = ny.pseudo - DIFF
    if ny.parent == NIL:
        nx.chain = ny.chain
        ny.parent = (x,)
        nx.parent, nx.child = NIL, (y,)
    else:
        nx.chain = tg.new_chain()
        nx.parent = nx.child = NIL
        connect(tg, ny, y, nx, x)
    return nx


def point_between(tg: Timegraph, x: str, y: str, z: str) -> Node:
    """A new point ``x`` with ``y < x < z`` (add_point_x_DURING_y_z)."""
    ny, nz, nx = tg.nodes[y], tg.nodes[z], Node()
    if ny.chain == nz.chain and z in ny.child and y in nz.parent:
        nx.chain = ny.chain
        ny.child = nz.parent = (x,)
        nx.parent, nx.child = (y,), (z,)
        nx.pseudo = ny.pseudo + (nz.pseudo - ny.pseudo) // 2
    elif ny.child == NIL:
        nx.chain = ny.chain
        ny.child = (x,)
        nx.parent, nx.child = (y,), NIL
        nx.pseudo = ny.pseudo + DIFF
        connect(tg, nz, z, nx, x)
    elif nz.parent == NIL:
        nz.parent = (x,)
        nx.child = (z,)
        nx.chain = nz.chain
        nx.pseudo = nz.pseudo - DIFF
        connect(tg, nx, x, ny, y)
    else:
        nx.chain = tg.new_chain()
        nx.pseudo = ny.pseudo + (nz.pseudo - ny.pseudo) // 2
        connect(tg, nx, x, ny, y)
        connect(tg, nz, z, nx, x)
    return nx
