"""Order as a graph of time points: each event is a begin and an end point, each link a few
edges between points ("A before B": end of A < begin of B), each date a bound on a point.

``solve`` keeps the links that can all hold together, strongest first, and gives every point
its earliest and latest day. Links contradict one another when the edges close a loop through
a strict edge (a cycle of BEFORE), or when they push a point's earliest day past its latest
(against the dates). Days are the unit, so strict edges bound days as non-strict ones do (two
events of one day can be in order); strictness only matters for loops.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = ["Bound", "Constraint", "Edge", "Failure", "Solution", "solve"]

Point = str  # "<node>|b" or "<node>|e"


@dataclass(frozen=True, slots=True)
class Edge:
    before: Point
    after: Point
    strict: bool  # before < after (else before <= after)


@dataclass(frozen=True, slots=True)
class Bound:
    point: Point
    low: bool  # True: the point is on or after ``day``; False: on or before it
    day: date
    origin: str  # where the bound comes from, for the reader


@dataclass
class Constraint:
    """One link (or, when ``hard``, what an event's own time says: never dropped)."""

    id: str
    confidence: float
    edges: list[Edge] = field(default_factory=list)
    bounds: list[Bound] = field(default_factory=list)
    hard: bool = False


@dataclass(frozen=True)
class Failure:
    """Why a constraint could not be added: the loop or the bounds it broke."""

    kind: str  # cycle | dates
    others: tuple[str, ...]  # ids of the kept constraints it contradicts
    dates: tuple[Bound, ...] = ()  # for "dates": the two bounds that clash


@dataclass
class Solution:
    accepted: set[str]
    rejected: list[tuple[Constraint, Failure]]
    low: dict[Point, tuple[date, str]]  # earliest day of a point and where it comes from
    high: dict[Point, tuple[date, str]]  # latest day of a point and where it comes from


def solve(constraints: Sequence[Constraint]) -> Solution:
    """Keep every constraint that holds with the hard ones and the stronger ones before it
    (greedy by confidence, then id), and bound every point. Works component by component;
    a consistent component (the usual case) is checked once."""
    solution = Solution(set(), [], {}, {})
    for component in _components(constraints):
        hard = [c for c in component if c.hard]
        soft = sorted((c for c in component if not c.hard), key=lambda c: (-c.confidence, c.id))
        result = _check([*hard, *soft])
        if isinstance(result, Failure):
            kept = _greedy(hard, soft, solution.rejected)
            result = _check([*hard, *kept])
            assert not isinstance(result, Failure)  # what was kept holds together
        else:
            kept = soft
        solution.accepted.update(c.id for c in kept)
        solution.low.update(result[0])
        solution.high.update(result[1])
    return solution


def _components(constraints: Sequence[Constraint]) -> list[list[Constraint]]:
    """Constraints grouped by the points they join (union-find), in input order."""
    parent: dict[Point, Point] = {}

    def find(p: Point) -> Point:
        root = parent.setdefault(p, p)
        while root != parent[root]:
            root = parent[root]
        while parent[p] != root:
            parent[p], p = root, parent[p]
        return root

    for c in constraints:
        points = _points(c)
        for p in points[1:]:
            a, b = find(points[0]), find(p)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[Point, list[Constraint]] = defaultdict(list)
    for c in constraints:
        points = _points(c)
        if points:
            groups[find(points[0])].append(c)
    return list(groups.values())


def _points(c: Constraint) -> list[Point]:
    return [*(p for e in c.edges for p in (e.before, e.after)), *(b.point for b in c.bounds)]


def _greedy(
    hard: list[Constraint], soft: list[Constraint], rejected: list[tuple[Constraint, Failure]]
) -> list[Constraint]:
    """The constraints kept when adding them one by one, strongest first; a batch that holds
    is taken whole and one that does not is halved, so a few contradictions cost a few
    checks each, not one check per link."""
    kept: list[Constraint] = []

    def add(batch: list[Constraint]) -> None:
        if not batch:
            return
        if not isinstance(_check([*hard, *kept, *batch]), Failure):
            kept.extend(batch)
        elif len(batch) == 1:
            rejected.append((batch[0], _explain(hard, kept, batch[0])))
        else:
            middle = len(batch) // 2
            add(batch[:middle])
            add(batch[middle:])

    add(soft)
    return kept


Bounds = tuple[dict[Point, tuple[date, str]], dict[Point, tuple[date, str]]]


def _check(constraints: Iterable[Constraint]) -> Bounds | Failure:
    """The earliest and latest day of every point, or a Failure when the constraints
    cannot all hold (its ``others`` left empty: ``_explain`` finds them)."""
    graph = _Graph(constraints)
    components = graph.strongly_connected()
    where = {p: i for i, members in enumerate(components) for p in members}
    for edge in graph.edges:
        if edge.strict and where[edge.before] == where[edge.after]:
            return Failure("cycle", ())
    low: list[tuple[date, str] | None] = [None] * len(components)
    high: list[tuple[date, str] | None] = [None] * len(components)
    for bound in graph.bounds:
        i = where[bound.point]
        if bound.low and (low[i] is None or bound.day > low[i][0]):  # type: ignore[index]
            low[i] = (bound.day, bound.origin)
        if not bound.low and (high[i] is None or bound.day < high[i][0]):  # type: ignore[index]
            high[i] = (bound.day, bound.origin)
    successors: list[set[int]] = [set() for _ in components]
    for edge in graph.edges:
        a, b = where[edge.before], where[edge.after]
        if a != b:
            successors[a].add(b)
    # Tarjan lists components successors first: walk it backwards for lows, forwards for highs
    for i in reversed(range(len(components))):
        if low[i] is not None:
            for j in successors[i]:
                if low[j] is None or low[i][0] > low[j][0]:  # type: ignore[index]
                    low[j] = low[i]
    for i in range(len(components)):
        for j in successors[i]:
            if high[j] is not None and (high[i] is None or high[j][0] < high[i][0]):  # type: ignore[index]
                high[i] = high[j]
    for lo, hi in zip(low, high, strict=True):
        if lo is not None and hi is not None and lo[0] > hi[0]:
            return Failure("dates", ())
    lows = {p: lo for p, i in where.items() if (lo := low[i]) is not None}
    highs = {p: hi for p, i in where.items() if (hi := high[i]) is not None}
    return lows, highs


def _explain(hard: list[Constraint], kept: list[Constraint], new: Constraint) -> Failure:
    """What ``new`` contradicts among the kept constraints: the loop it closes, or the chain
    from a bound that pushes a point's earliest day past a bound that holds it back."""
    graph = _Graph([*hard, *kept, new])
    for edge in new.edges:
        path = graph.path(edge.after, edge.before)
        if path is not None and (edge.strict or any(e.strict for e, _ in path)):
            return Failure("cycle", _ids(path, new.id))
    lows, highs = _raw_bounds(graph)
    for low in lows:  # latest first: the bound that pushes furthest is named
        for point, steps in [(low.point, []), *graph.forward_paths(low.point).items()]:
            for high in highs.get(point, []):
                if low.day > high.day:
                    return Failure("dates", _ids(steps, new.id), (low, high))
    return Failure("dates", ())  # not reached when _check failed on these constraints


def _ids(path: list[tuple[Edge, str | None]], leave_out: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for _, c in path if c is not None and c != leave_out))


def _raw_bounds(graph: _Graph) -> tuple[list[Bound], dict[Point, list[Bound]]]:
    lows = sorted((b for b in graph.bounds if b.low), key=lambda b: (-b.day.toordinal(), b.point))
    highs: dict[Point, list[Bound]] = defaultdict(list)
    for b in graph.bounds:
        if not b.low:
            highs[b.point].append(b)
    return lows, highs


class _Graph:
    """Points joined by edges; each edge remembers the constraint it belongs to (None for a
    hard one)."""

    def __init__(self, constraints: Iterable[Constraint]) -> None:
        self.edges: list[Edge] = []
        self.bounds: list[Bound] = []
        self.out: dict[Point, list[tuple[Edge, str | None]]] = defaultdict(list)
        points: dict[Point, None] = {}
        for c in constraints:
            owner = None if c.hard else c.id
            for edge in c.edges:
                self.edges.append(edge)
                self.out[edge.before].append((edge, owner))
                points[edge.before] = points[edge.after] = None
            for bound in c.bounds:
                self.bounds.append(bound)
                points[bound.point] = None
        self.points = list(points)

    def strongly_connected(self) -> list[list[Point]]:
        """Tarjan's components (iterative), each listed after every component it reaches."""
        index: dict[Point, int] = {}
        lowlink: dict[Point, int] = {}
        on_stack: set[Point] = set()
        stack: list[Point] = []
        found: list[list[Point]] = []
        for root in self.points:
            if root in index:
                continue
            work = [(root, 0)]
            while work:
                point, child = work.pop()
                if child == 0:
                    index[point] = lowlink[point] = len(index)
                    stack.append(point)
                    on_stack.add(point)
                successors = self.out.get(point, [])
                if child < len(successors):
                    work.append((point, child + 1))
                    nxt = successors[child][0].after
                    if nxt not in index:
                        work.append((nxt, 0))
                    elif nxt in on_stack:
                        lowlink[point] = min(lowlink[point], index[nxt])
                    continue
                if lowlink[point] == index[point]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.append(member)
                        if member == point:
                            break
                    found.append(members)
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[point])
        return found

    def path(self, start: Point, goal: Point) -> list[tuple[Edge, str | None]] | None:
        """The edges of a shortest path from ``start`` to ``goal`` (breadth first)."""
        if start == goal:
            return []
        came: dict[Point, tuple[Point, Edge, str | None]] = {}
        queue = deque([start])
        while queue:
            point = queue.popleft()
            for edge, owner in self.out.get(point, []):
                if edge.after in came or edge.after == start:
                    continue
                came[edge.after] = (point, edge, owner)
                if edge.after == goal:
                    steps = []
                    at = goal
                    while at != start:
                        previous, e, o = came[at]
                        steps.append((e, o))
                        at = previous
                    return steps[::-1]
                queue.append(edge.after)
        return None

    def forward_paths(self, start: Point) -> dict[Point, list[tuple[Edge, str | None]]]:
        """Every point ``start`` reaches, with the edges of a shortest path there."""
        paths: dict[Point, list[tuple[Edge, str | None]]] = {}
        queue = deque([(start, [])])
        seen = {start}
        while queue:
            point, steps = queue.popleft()
            for edge, owner in self.out.get(point, []):
                if edge.after not in seen:
                    seen.add(edge.after)
                    paths[edge.after] = [*steps, (edge, owner)]
                    queue.append((edge.after, paths[edge.after]))
        return paths
