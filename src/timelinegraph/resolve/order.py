"""Order across articles: every article's temporal links (TLINKs) as links between the merged
events, checked for contradictions, and the days each event can have begun on.

- A link's ends are mapped to graph events through the merge (``ResolvedEvent.sources``); a
  mention folded into an event ("stopped" delivering, "held" talks) stands for that event. A
  mention the graph does not show ("said", a generic "aid") keeps its own point in the order,
  so a chain through it still bounds the events it joins, but no link to it is exported.
- Links saying the same thing of the same two ends are one ``ResolvedLink`` with every
  statement as a source; AFTER and IS_INCLUDED between events are turned round to BEFORE and
  INCLUDES, so one pair reads one way.
- Contradictions: the links are taken strongest first (confidence, then id); one that closes
  a loop of order (A before B before A) or that pushes an event past its own dates is dropped
  and reported with the links and dates it clashes with (``pointgraph.solve``). The order of
  what is kept is closed under transitivity there, as points and edges.
- Bounds: each event's earliest and latest day, its own time narrowed by everything the kept
  links reach (an event known only to precede a dated one inherits that date as its latest).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..common.gc_pause import gc_paused
from ..extract.events.timing import expression_time
from ..graph.timespan import TimeSpan, read_time
from ..models import (
    ArticleExtraction,
    Contradiction,
    Event,
    EventBounds,
    EventTime,
    LinkSource,
    ResolvedEvent,
    ResolvedLink,
    TemporalLink,
    TemporalRelation,
    TimeExpression,
)
from .events import trusted_expression, trusted_time
from .ids import digest
from .pointgraph import Bound, Constraint, Edge, Failure, solve

__all__ = ["FOLDED_FRAMES", "resolve_order", "resolve_order_keyed"]

R = TemporalRelation
# Framing words whose time is the time of the event they are folded into ("stopped" delivering
# in early February, "held" talks on Monday); a reporting verb's time is the telling's.
FOLDED_FRAMES = frozenset({"support", "aspectual"})
DCT = "dct"
_TURNED = {R.AFTER: R.BEFORE, R.IS_INCLUDED: R.INCLUDES}


@dataclass(frozen=True)
class _Time:
    label: str  # the TIMEX3 value, or the publication date
    earliest: date | None
    latest: date | None


@dataclass(frozen=True)
class _Key:
    """One link as the order step sees it: two nodes, or a node and a time."""

    source: str  # a global event id, or 'article#e5' for a mention outside the graph
    relation: TemporalRelation
    target: str | _Time


@dataclass(frozen=True)
class _Hidden:
    """A mention outside the graph, as the order keeps it: its own time and its words."""

    time: EventTime
    trigger: str


@dataclass
class _Statement:
    key: _Key
    source: LinkSource
    confidence: float


def resolve_order(
    extractions: list[ArticleExtraction], events: list[ResolvedEvent]
) -> tuple[list[ResolvedEvent], list[ResolvedLink], list[Contradiction]]:
    """The events with their bounds, the links kept between them (sorted by id) and the
    contradictions found (in the order the links were weighed)."""
    # what is built here holds no reference cycles: the collector's full passes over the
    # extractions' millions of objects were two thirds of the time at 1,000 articles
    with gc_paused():
        bounded, kept, found = resolve_order_keyed(extractions, events)
    return bounded, kept, [c for _, c in found]


def resolve_order_keyed(
    extractions: Iterable[ArticleExtraction], events: list[ResolvedEvent]
) -> tuple[list[ResolvedEvent], list[ResolvedLink], list[tuple[str, Contradiction]]]:
    """``resolve_order``, each contradiction with the key it is weighed by: the order step
    of a corpus cut into parts that share no article gives the whole corpus's contradictions
    once each part's are merged by that key (a stable sort). ``extractions`` are read once,
    one at a time, in article id order: an extraction is not held once its links are read."""
    node_of = {(s.provenance.article_id, s.local_id): e.id for e in events for s in e.sources}
    by_id = {e.id: e for e in events}
    statements: list[_Statement] = []
    hidden: dict[str, _Hidden] = {}  # mentions outside the graph -> their own time, words
    for x in extractions:
        statements.extend(_statements(x, node_of, hidden))
    grouped: dict[_Key, list[_Statement]] = defaultdict(list)
    for statement in sorted(statements, key=_statement_order):
        grouped[statement.key].append(statement)
    links = {_link_id(key): (key, found) for key, found in grouped.items()}
    constraints = [_constraint(link_id, key, found) for link_id, (key, found) in links.items()]
    nodes = sorted({n for key, _ in links.values() for n in _nodes(key)})
    own = {n: by_id[n].time if n in by_id else hidden[n].time for n in nodes}
    constraints += [c for n in nodes if (c := _own_time(n, own[n])) is not None]
    solution = solve(sorted(constraints, key=lambda c: c.id))
    kept = [
        _resolved(link_id, key, found)
        for link_id, (key, found) in sorted(links.items())
        if link_id in solution.accepted and all(n in by_id for n in _nodes(key))
    ]
    names = _Names(by_id, hidden)
    contradictions = [
        (key, _contradiction(links, rejected.id, failure, names))
        for (rejected, failure), key in zip(solution.rejected, solution.rejected_in, strict=True)
    ]
    bounded = [
        e.model_copy(update={"bounds": _bounds(e, solution.low, solution.high)}) for e in events
    ]
    return bounded, kept, contradictions


def _statement_order(statement: _Statement) -> tuple[object, ...]:
    s = statement.source
    return (s.provenance.article_id, s.provenance.start, s.source, s.target, s.relation, s.rule)


def _statements(
    x: ArticleExtraction, node_of: dict[tuple[str, str], str], hidden: dict[str, _Hidden]
) -> Iterator[_Statement]:
    """The article's links whose ends can be placed, each as a key between nodes or times."""
    aid = x.article.id
    local = {e.id: e for e in x.events}
    times = {t.id: t for t in x.times}
    for link in x.links:
        source = _node(x, link.source, local, node_of, hidden)
        if source is None:
            continue
        target: str | _Time | None
        if link.target in local:
            target = _node(x, link.target, local, node_of, hidden)
        else:
            target = _time(x, link.target, times)
        if target is None or target == source:
            continue  # a link inside one merged event says nothing about the order
        yield _Statement(
            _key(source, link.relation, target), _link_source(aid, link), link.confidence
        )


def _node(
    x: ArticleExtraction,
    local_id: str,
    local: dict[str, Event],
    node_of: dict[tuple[str, str], str],
    hidden: dict[str, _Hidden],
) -> str | None:
    """The graph event a mention belongs to, or its own point ('article#e5')."""
    aid, seen = x.article.id, set()
    event = local.get(local_id)
    while event is not None and event.id not in seen:
        seen.add(event.id)
        if (aid, event.id) in node_of:
            return node_of[(aid, event.id)]
        if event.frame not in FOLDED_FRAMES or event.part_of is None:
            break
        event = local.get(event.part_of)
    if local_id not in local:
        return None
    ref = f"{aid}#{local_id}"
    if ref not in hidden:
        mention = local[local_id]
        hidden[ref] = _Hidden(trusted_time(x, mention), mention.trigger)
    return ref


def _time(x: ArticleExtraction, target: str, times: dict[str, TimeExpression]) -> _Time | None:
    """A link's time end: the publication date, or a time expression naming some day."""
    published = x.article.published
    if target == DCT:
        trusted = x.article.published_source != "default"
        return _Time(published.isoformat(), published, published) if trusted else None
    timex = times.get(target)
    if timex is None or not trusted_expression(x, timex):
        return None
    found = expression_time(timex, published)
    if found is None or (found.earliest is None and found.latest is None):
        return None
    label = found.value or _between(found.earliest, found.latest)
    return _Time(label, found.earliest, found.latest)


def _between(earliest: date | None, latest: date | None) -> str:
    return f"{earliest.isoformat() if earliest else ''}..{latest.isoformat() if latest else ''}"


def _key(source: str, relation: TemporalRelation, target: str | _Time) -> _Key:
    """One reading for one pair: between nodes AFTER and IS_INCLUDED are turned round, and
    SIMULTANEOUS reads from the smaller id."""
    if isinstance(target, _Time):
        return _Key(source, relation, target)
    if relation in _TURNED:
        return _Key(target, _TURNED[relation], source)
    if relation is R.SIMULTANEOUS and target < source:
        return _Key(target, relation, source)
    return _Key(source, relation, target)


def _link_source(aid: str, link: TemporalLink) -> LinkSource:
    # built unvalidated: every field comes from a validated TemporalLink (a second per
    # 50,000 links otherwise)
    return LinkSource.model_construct(
        source=f"{aid}#{link.source}",
        target=f"{aid}#{link.target}",
        relation=link.relation,
        rule=link.rule,
        evidence=link.evidence,
        provenance=link.provenance,
    )


def _nodes(key: _Key) -> list[str]:
    return [key.source] if isinstance(key.target, _Time) else [key.source, key.target]


def _link_id(key: _Key) -> str:
    target = key.target
    if isinstance(target, _Time):
        return f"link-{digest(key.source, key.relation.value, 'time', target.label)}"
    return f"link-{digest(key.source, key.relation.value, target)}"


def _begin(node: str) -> str:
    return f"{node}|b"


def _end(node: str) -> str:
    return f"{node}|e"


def _constraint(link_id: str, key: _Key, found: list[_Statement]) -> Constraint:
    """The link as edges between begin and end points, or as bounds on them (a time)."""
    c = Constraint(link_id, max(s.confidence for s in found))
    a, relation, target = key.source, key.relation, key.target
    if isinstance(target, _Time):
        origin = link_id if "#" not in a else found[0].source.source
        first, last = target.earliest, target.latest
        if relation is R.BEFORE:
            wanted = [(_end(a), False, first)]
        elif relation is R.AFTER:
            wanted = [(_begin(a), True, last)]
        elif relation is R.INCLUDES:
            wanted = [(_begin(a), False, first), (_end(a), True, last)]
        else:  # IS_INCLUDED, SIMULTANEOUS: within the time
            wanted = [(_begin(a), True, first), (_end(a), False, last)]
        c.bounds = [Bound(p, low, day, origin) for p, low, day in wanted if day is not None]
    elif relation is R.BEFORE:
        c.edges = [Edge(_end(a), _begin(target), True)]
    elif relation is R.INCLUDES:
        c.edges = [Edge(_begin(a), _begin(target), False), Edge(_end(target), _end(a), False)]
    else:  # SIMULTANEOUS: begins and ends equal
        c.edges = [
            Edge(_begin(a), _begin(target), False),
            Edge(_begin(target), _begin(a), False),
            Edge(_end(a), _end(target), False),
            Edge(_end(target), _end(a), False),
        ]
    return c


def _own_time(node: str, time: EventTime) -> Constraint | None:
    """What a node's own time says, never dropped: it begins within its bounds, ends after it
    begins and, when its time names a period it lies in ("in November"), within it."""
    span = read_time(time)
    first, last = _span_bounds(span)
    if first is not None and last is not None and first > last:
        first = last = None  # sources that disagree: the time says nothing here
    c = Constraint(f"time:{node}", 1.0, [Edge(_begin(node), _end(node), False)], hard=True)
    if first is not None:
        c.bounds.append(Bound(_begin(node), True, first, node))
    if last is not None:
        c.bounds.append(Bound(_begin(node), False, last, node))
        if span is not None and span.contained:
            c.bounds.append(Bound(_end(node), False, last, node))
    return c


def _span_bounds(span: TimeSpan | None) -> tuple[date | None, date | None]:
    if span is None:
        return None, None
    return span.earliest, span.latest


def _bounds(
    event: ResolvedEvent,
    low: dict[str, tuple[date, str]],
    high: dict[str, tuple[date, str]],
) -> EventBounds:
    """The event's bounds from the solution, or from its own time when no link reached it."""
    point = _begin(event.id)
    if point not in low and point not in high:
        first, last = _span_bounds(read_time(event.time))
        return EventBounds(
            earliest=first,
            latest=last,
            earliest_from="time" if first else None,
            latest_from="time" if last else None,
        )
    early, late = low.get(point), high.get(point)
    return EventBounds(
        earliest=early[0] if early else None,
        latest=late[0] if late else None,
        earliest_from=_origin(early, event.id),
        latest_from=_origin(late, event.id),
    )


def _origin(found: tuple[date, str] | None, event_id: str) -> str | None:
    if found is None:
        return None
    return "time" if found[1] == event_id else found[1]


def _resolved(link_id: str, key: _Key, found: list[_Statement]) -> ResolvedLink:
    best = max(found, key=lambda s: (s.confidence, s.source.rule))
    sources = [s.source for s in found]  # in _statement_order
    target = key.target
    time = target if isinstance(target, _Time) else None
    return ResolvedLink(
        id=link_id,
        source=key.source,
        target=time.label if time else str(target),
        target_kind="time" if time else "event",
        target_earliest=time.earliest if time else None,
        target_latest=time.latest if time else None,
        relation=key.relation,
        confidence=best.confidence,
        rule=best.source.rule,
        sources=sources,
    )


class _Names:
    """Nodes in words for the report: a graph event by its headline, another mention by its
    words."""

    def __init__(self, events: dict[str, ResolvedEvent], hidden: dict[str, _Hidden]):
        self.events = events
        self.hidden = hidden

    def __call__(self, node: str | _Time) -> str:
        if isinstance(node, _Time):
            return node.label
        event = self.events.get(node)
        if event is not None:
            return f"“{event.headline or event.trigger}” ({node})"
        mention = self.hidden.get(node)
        return f"“{mention.trigger}” ({node})" if mention else node

    def link(self, key: _Key) -> str:
        return f"{self(key.source)} {key.relation.value} {self(key.target)}"


def _contradiction(
    links: dict[str, tuple[_Key, list[_Statement]]],
    link_id: str,
    failure: Failure,
    names: _Names,
) -> Contradiction:
    key, found = links[link_id]
    others = [links[other] for other in failure.others if other in links]
    dates = [
        f"{names.link(links[b.origin][0]) if b.origin in links else names(b.origin)}: "
        f"{'on or after' if b.low else 'on or before'} {b.day.isoformat()}"
        for b in failure.dates
    ]
    return Contradiction(
        kind=failure.kind,
        dropped=names.link(key),
        dropped_confidence=max(s.confidence for s in found),
        dropped_sources=[s.source for s in found],
        kept=[names.link(k) for k, _ in others],
        kept_sources=[s.source for _, statements in others for s in statements],
        dates=dates,
    )
