"""Asking the timegraph whether a relation between two intervals holds, and merging it in when the
graph says nothing yet (interval_rel_X_Y and add_relation_for_existing_entities_in_timegraph).

``verify`` answers "true" (the graph entails the relation), "unknown" (it does not contradict
it, by the original's tests) or "false". The tests are the original's, quirks included:

- BEGINS is never "true" nor "unknown": the original tests ``x1_y1 == '=' and x1_y1 ==
  'UNKNOWN'``, which cannot hold, so a BEGINS between known intervals is a closure violation
  when building and is matched only explicitly when scoring.
- One-point relations (BEFORE, AFTER, IBEFORE, IAFTER) are "unknown" only when their point is
  unrelated; two-point ones when each point is either right or unrelated.
- A relation type the graph does not know (anything but the TimeML ones) is "false".
"""

from __future__ import annotations

from typing import Literal

from .graph import PointRelation, Timegraph, connect, point_relation

__all__ = ["Verdict", "end_points", "merge", "verify"]

Verdict = Literal["true", "unknown", "false"]

# rel -> the end points to compare, in order, and the answer each must give to be "true".
_ONE_POINT: dict[str, tuple[str, str, PointRelation]] = {
    "BEFORE": ("x2", "y1", "<"),
    "AFTER": ("y2", "x1", "<"),
    "IBEFORE": ("x2", "y1", "="),
    "IAFTER": ("y2", "x1", "="),
}
_TWO_POINTS: dict[str, tuple[tuple[str, str, PointRelation], tuple[str, str, PointRelation]]] = {
    "BEGUN_BY": (("x1", "y1", "="), ("y2", "x2", "<")),
    "ENDS": (("x2", "y2", "="), ("y1", "x1", "<")),
    "ENDED_BY": (("x2", "y2", "="), ("x1", "y1", "<")),
    "INCLUDES": (("x1", "y1", "<"), ("y2", "x2", "<")),
    "IS_INCLUDED": (("y1", "x1", "<"), ("x2", "y2", "<")),
    "SIMULTANEOUS": (("x1", "y1", "="), ("x2", "y2", "=")),
    "IDENTITY": (("x1", "y1", "="), ("x2", "y2", "=")),
}

# rel -> cross-chain links (later, earlier) and sibling notes (node, sibling) that record it
# between intervals already in the graph. BEGINS is missing: verify never lets it get here.
_Pairs = tuple[tuple[str, str], ...]
_MERGE: dict[str, tuple[_Pairs, _Pairs]] = {
    "BEFORE": ((("y1", "x2"),), ()),
    "AFTER": ((("x1", "y2"),), ()),
    "IBEFORE": ((("x2", "y1"), ("y1", "x2")), (("x2", "y1"), ("y1", "x2"))),
    "IAFTER": ((("x1", "y2"), ("y2", "x1")), (("x1", "y2"), ("y2", "x1"))),
    "BEGUN_BY": ((("x1", "y1"), ("y1", "x1"), ("x2", "y2")), (("x1", "y1"), ("y1", "x1"))),
    "ENDS": ((("x1", "y1"), ("x2", "y2"), ("y2", "x2")), (("x2", "y2"), ("y2", "x2"))),
    "ENDED_BY": ((("y1", "x1"), ("y2", "x2"), ("x2", "y2")), (("x2", "y2"), ("y2", "x2"))),
    "INCLUDES": ((("y1", "x1"), ("x2", "y2")), ()),
    "IS_INCLUDED": ((("x1", "y1"), ("y2", "x2")), ()),
}
_BOTH_WAYS = (("x1", "y1"), ("y1", "x1"), ("x2", "y2"), ("y2", "x2"))
_MERGE["SIMULTANEOUS"] = _MERGE["IDENTITY"] = (_BOTH_WAYS, _BOTH_WAYS)


def end_points(x: str, y: str) -> dict[str, str]:
    return {"x1": f"{x}_s", "x2": f"{x}_e", "y1": f"{y}_s", "y2": f"{y}_e"}


def verify(tg: Timegraph, x: str, y: str, rel: str) -> Verdict:
    """Whether ``x rel y`` holds in the graph (interval_rel_X_Y, without merging)."""
    p = end_points(x, y)
    if not all(point in tg.nodes for point in p.values()):
        return "false"

    def rel_of(a: str, b: str) -> PointRelation:
        return point_relation(tg, tg.nodes[p[a]], tg.nodes[p[b]])

    if rel in _ONE_POINT:
        a, b, wanted = _ONE_POINT[rel]
        found = rel_of(a, b)
        return "true" if found == wanted else "unknown" if found == "UNKNOWN" else "false"
    if rel not in _TWO_POINTS:
        return "false"
    (a, b, first_wanted), (c, d, second_wanted) = _TWO_POINTS[rel]
    first = rel_of(a, b)
    if first not in (first_wanted, "UNKNOWN"):
        return "false"
    second = rel_of(c, d)
    if second not in (second_wanted, "UNKNOWN"):
        return "false"
    return "true" if (first, second) == (first_wanted, second_wanted) else "unknown"


def merge(tg: Timegraph, x: str, y: str, rel: str) -> None:
    """Record ``x rel y`` between two intervals already in the graph, as cross-chain links."""
    p = end_points(x, y)
    links, siblings = _MERGE[rel]
    for later, earlier in links:
        connect(tg, tg.nodes[p[later]], p[later], tg.nodes[p[earlier]], p[earlier])
    for node, sibling in siblings:
        tg.nodes[p[node]].sibling += (p[sibling],)
