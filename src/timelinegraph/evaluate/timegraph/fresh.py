"""Adding a relation between two intervals the graph has not seen yet: all four end points go on a
new chain, laid out as the relation says (the first branch of add_relation_in_timegraph)."""

from __future__ import annotations

from .graph import BASE, DIFF, NIL, Node, Timegraph

__all__ = ["add_fresh"]

# End point -> (steps of DIFF after the chain start, parents, children, siblings), written with
# the names x1 = X_s, x2 = X_e, y1 = Y_s, y2 = Y_e; "NIL" is the original's explicit nothing.
# DURING has no layout here: it is always read as SIMULTANEOUS, as the official set-up does.
_Layout = dict[str, tuple[int, str, str, str]]
_SIMULTANEOUS: _Layout = {
    "x1": (0, "NIL", "x2 y2", "y1"),
    "y1": (0, "NIL", "x2 y2", "x1"),
    "x2": (1, "x1 y1", "NIL", "y2"),
    "y2": (1, "x1 y1", "NIL", "x2"),
}
LAYOUTS: dict[str, _Layout] = {
    "BEFORE": {
        "x1": (0, "NIL", "x2", ""),
        "x2": (1, "x1", "y1", ""),
        "y1": (2, "x2", "y2", ""),
        "y2": (3, "y1", "NIL", ""),
    },
    "AFTER": {
        "y1": (0, "NIL", "y2", ""),
        "y2": (1, "y1", "x1", ""),
        "x1": (2, "y2", "x2", ""),
        "x2": (3, "x1", "NIL", ""),
    },
    "IBEFORE": {  # Allen's meets
        "x1": (0, "NIL", "x2 y1", ""),
        "x2": (1, "x1", "y2", "y1"),
        "y1": (1, "x1", "y2", "x2"),
        "y2": (2, "y1 x2", "NIL", ""),
    },
    "IAFTER": {  # met by
        "y1": (0, "NIL", "y2 x1", ""),
        "y2": (1, "y1", "x2", "x1"),
        "x1": (1, "y1", "x2", "y2"),
        "x2": (2, "x1 y2", "NIL", ""),
    },
    "BEGINS": {  # starts
        "x1": (0, "NIL", "x2", "y1"),
        "y1": (0, "NIL", "x2", "x1"),
        "x2": (1, "x1 y1", "y2", ""),
        "y2": (2, "x2", "NIL", ""),
    },
    "BEGUN_BY": {  # started by
        "x1": (0, "NIL", "y2", "y1"),
        "y1": (0, "NIL", "y2", "x1"),
        "y2": (1, "x1 y1", "x2", ""),
        "x2": (2, "y2", "NIL", ""),
    },
    "ENDS": {  # finishes
        "y1": (0, "NIL", "x1", ""),
        "x1": (1, "y1", "x2 y2", ""),
        "x2": (2, "x1", "NIL", "y2"),
        "y2": (2, "x1", "NIL", "x2"),
    },
    "ENDED_BY": {  # finished by
        "x1": (0, "NIL", "y1", ""),
        "y1": (1, "x1", "x2 y2", ""),
        "x2": (2, "y1", "NIL", "y2"),
        "y2": (2, "y1", "NIL", "x2"),
    },
    "INCLUDES": {  # contains
        "x1": (0, "NIL", "y1", ""),
        "y1": (1, "x1", "y2", ""),
        "y2": (2, "y1", "x2", ""),
        "x2": (3, "y2", "NIL", ""),
    },
    "IS_INCLUDED": {  # during
        "y1": (0, "NIL", "x1", ""),
        "x1": (1, "y1", "x2", ""),
        "x2": (2, "x1", "y2", ""),
        "y2": (3, "x2", "NIL", ""),
    },
    "SIMULTANEOUS": _SIMULTANEOUS,
    "IDENTITY": _SIMULTANEOUS,
}


def add_fresh(tg: Timegraph, points: dict[str, str], rel: str) -> bool:
    """Put the four end points ``points`` (``{"x1": "ei1_s", ...}``) on a new chain; False when
    ``rel`` has no layout. Quirk kept: the four nodes are stored even then, all at pseudo time 0
    on the new chain, so later queries find those points equal."""
    chain = tg.new_chain()
    layout = LAYOUTS.get(rel)
    nodes = {name: Node(chain=chain) for name in ("x1", "x2", "y1", "y2")}
    if layout is not None:
        for name, (steps, parents, children, siblings) in layout.items():
            node = nodes[name]
            node.pseudo = BASE + steps * DIFF
            node.parent = _ids(parents, points)
            node.child = _ids(children, points)
            node.sibling = _ids(siblings, points)
    # Stored in this order, so when X == Y the Y nodes overwrite the X ones, as in the original.
    for name in ("x1", "x2", "y1", "y2"):
        tg.nodes[points[name]] = nodes[name]
    return layout is not None


def _ids(names: str, points: dict[str, str]) -> tuple[str, ...]:
    if names == "NIL":
        return NIL
    return tuple(points[name] for name in names.split())
