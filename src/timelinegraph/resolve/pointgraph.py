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
    # for each rejected constraint, the first id of its component: components are weighed
    # in the order of their first ids, so parts solved apart can be put back in that order
    rejected_in: list[str] = field(default_factory=list)


def solve(constraints: Sequence[Constraint]) -> Solution:
    """Keep every constraint that holds with the hard ones and the stronger ones before it
    (greedy by confidence, then id), and bound every point. Works component by component:
    a consistent component (the usual case) is checked once as a whole; the others are
    built up one constraint at a time (``_Growing``)."""
    solution = Solution(set(), [], {}, {})
    for component in _components(constraints):
        hard = [c for c in component if c.hard]
        soft = sorted((c for c in component if not c.hard), key=lambda c: (-c.confidence, c.id))
        result = _check([*hard, *soft])
        if isinstance(result, Failure):
            growing = _Growing()
            for c in [*hard, *soft]:
                failure = growing.add(c)
                if failure is None:
                    solution.accepted.add(c.id)
                elif not c.hard:
                    solution.rejected.append((c, failure))
                    solution.rejected_in.append(component[0].id)
            result = growing.bounds()
        else:
            solution.accepted.update(c.id for c in soft)
        solution.low.update(result[0])
        solution.high.update(result[1])
    solution.accepted -= {c.id for c in constraints if c.hard}
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


Step = tuple[Edge, str | None]  # an edge and the constraint it belongs to (None: hard)


class _Growing:
    """The kept constraints of one component, added one at a time: each addition is checked
    against the points its edges reach (a new loop must run through a new edge) and its
    bounds are pushed along the edges until nothing changes; a constraint that fails is taken
    out again, so what is kept always holds together."""

    def __init__(self) -> None:
        self.out: dict[Point, list[Step]] = defaultdict(list)
        self.into: dict[Point, list[Step]] = defaultdict(list)
        self.low: dict[Point, Bound] = {}
        self.high: dict[Point, Bound] = {}

    def add(self, c: Constraint) -> Failure | None:
        owner = None if c.hard else c.id
        for edge in c.edges:
            self.out[edge.before].append((edge, owner))
            self.into[edge.after].append((edge, owner))
        log: list[tuple[dict[Point, Bound], Point, Bound | None]] = []
        failure = self._loop(c) or self._push(c, log)
        if failure is not None:
            for edge in reversed(c.edges):  # added last: removed from the end
                self.out[edge.before].pop()
                self.into[edge.after].pop()
            for table, point, previous in reversed(log):
                if previous is None:
                    del table[point]
                else:
                    table[point] = previous
        return failure

    def bounds(self) -> Bounds:
        lows = {p: (b.day, b.origin) for p, b in self.low.items()}
        highs = {p: (b.day, b.origin) for p, b in self.high.items()}
        return lows, highs

    def _loop(self, c: Constraint) -> Failure | None:
        """A loop through one of the new edges with a strict edge in it."""
        for edge in c.edges:
            path = self._strict_path(edge.after, edge.before, edge.strict)
            if path is not None:
                return Failure("cycle", _ids(path, c.id))
        return None

    def _strict_path(self, start: Point, goal: Point, strict: bool) -> list[Step] | None:
        """The steps of a path ``start`` -> ``goal`` that, with the first edge's strictness,
        holds a strict edge; breadth first over (point, strict so far)."""
        first = (start, strict)
        came: dict[tuple[Point, bool], tuple[tuple[Point, bool], Step] | None] = {first: None}
        queue = deque([first])
        while queue:
            state = queue.popleft()
            point, seen = state
            if point == goal and seen:
                steps: list[Step] = []
                while came[state] is not None:
                    state, step = came[state]  # type: ignore[misc]
                    steps.append(step)
                return steps[::-1]
            for step in self.out.get(point, []):
                edge = step[0]
                nxt = (edge.after, seen or edge.strict)
                if nxt not in came:
                    came[nxt] = (state, step)
                    queue.append(nxt)
        return None

    def _push(
        self, c: Constraint, log: list[tuple[dict[Point, Bound], Point, Bound | None]]
    ) -> Failure | None:
        """Apply the new bounds and edges; push lows forward and highs backward until nothing
        changes, or until a point's earliest day passes its latest."""
        lows: deque[Point] = deque()
        highs: deque[Point] = deque()
        for bound in c.bounds:
            table, queue = (self.low, lows) if bound.low else (self.high, highs)
            if self._better(table, bound.point, bound):
                log.append((table, bound.point, table.get(bound.point)))
                table[bound.point] = bound
                queue.append(bound.point)
        for edge in c.edges:
            if edge.before in self.low:
                lows.append(edge.before)
            if edge.after in self.high:
                highs.append(edge.after)
        for point in [*lows, *highs]:
            if self._clash(point):
                return self._dates(point, c)
        while lows or highs:
            for queue, table, steps, far in (
                (lows, self.low, self.out, lambda e: e.after),
                (highs, self.high, self.into, lambda e: e.before),
            ):
                if not queue:
                    continue
                point = queue.popleft()
                bound = table[point]
                for edge, _ in steps.get(point, []):
                    other = far(edge)
                    if self._better(table, other, bound):
                        log.append((table, other, table.get(other)))
                        table[other] = bound
                        if self._clash(other):
                            return self._dates(other, c)
                        queue.append(other)
        return None

    def _better(self, table: dict[Point, Bound], point: Point, bound: Bound) -> bool:
        held = table.get(point)
        if held is None:
            return True
        return bound.day > held.day if table is self.low else bound.day < held.day

    def _clash(self, point: Point) -> bool:
        low, high = self.low.get(point), self.high.get(point)
        return low is not None and high is not None and low.day > high.day

    def _dates(self, point: Point, c: Constraint) -> Failure:
        """The clash at ``point``: the two bounds and the links from one to the other."""
        low, high = self.low[point], self.high[point]
        steps = [*(self._path(low.point, point) or []), *(self._path(point, high.point) or [])]
        return Failure("dates", _ids(steps, c.id), (low, high))

    def _path(self, start: Point, goal: Point) -> list[Step] | None:
        return self._strict_path(start, goal, True)  # any path: strictness does not matter


def _ids(path: list[Step], leave_out: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for _, c in path if c is not None and c != leave_out))


class _Graph:
    """Points joined by edges, for the one check of a whole component."""

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
