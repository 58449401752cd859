"""Order across articles (resolve/order.py, resolve/pointgraph.py) on hand-built extractions:
links mapped to merged events, contradictions dropped weakest first, bounds implied."""

from __future__ import annotations

import random
from datetime import date

import pytest

from timelinegraph.models import (
    Actor,
    ActorType,
    Article,
    ArticleExtraction,
    Event,
    EventTime,
    EventType,
    Granularity,
    Mention,
    Provenance,
    TemporalLink,
    TemporalRelation,
    TimeExpression,
    TimexType,
)
from timelinegraph.resolve import resolve
from timelinegraph.resolve.pointgraph import Bound, Constraint, Edge, solve

R = TemporalRelation
PUBLISHED = date(2024, 3, 7)


def prov(aid: str, start: int, sentence: str = "s") -> Provenance:
    return Provenance(
        article_id=aid,
        sentence_index=start // 100,
        start=start,
        end=start + 4,
        sentence=sentence,
        extractor="test",
        version="0",
        confidence=0.9,
    )


def event(aid: str, local: str, lemma: str, start: int, *, day=None, month=None, latest=None,
          frame=None, part_of=None, agents=("a1",), kind=EventType.ASSAULT) -> Event:  # fmt: skip
    if day is not None:
        time = EventTime(value=day.isoformat(), granularity=Granularity.DAY, earliest=day,
                         latest=day, source="expression")  # fmt: skip
    elif month is not None:
        first, last = month
        time = EventTime(value=first.isoformat()[:7], granularity=Granularity.MONTH,
                         earliest=first, latest=last, source="expression")  # fmt: skip
    else:
        time = EventTime(latest=latest, source="publication_date")
    return Event(
        id=local,
        trigger=lemma,
        lemma=lemma,
        start=start,
        end=start + len(lemma),
        sentence_index=start // 100,
        type=kind,
        agents=list(agents),
        time=time,
        frame=frame,
        part_of=part_of,
        headline=f"Hamas {lemma}",
        provenance=prov(aid, start, f"sentence of {lemma}"),
    )


def link(aid: str, source: str, relation: R, target: str, confidence=0.8, rule="signal"):
    return TemporalLink(
        source=source,
        target=target,
        relation=relation,
        rule=rule,
        evidence=f"{source} {relation.value} {target}",
        confidence=confidence,
        provenance=prov(aid, 0, f"the sentence linking {source} and {target}"),
    )


def extraction(
    aid: str, events: list[Event], links: list[TemporalLink], times=(), published=PUBLISHED
):
    hamas = Actor(
        id="a1",
        name="Hamas",
        type=ActorType.ORGANIZATION,
        mentions=[Mention(text="Hamas", start=0, end=5, sentence_index=0, provenance=prov(aid, 0))],
    )
    return ArticleExtraction(
        article=Article(id=aid, text="x" * 2000, published=published),
        sentences=[],
        actors=[hamas],
        times=list(times),
        events=events,
        relations=[],
        links=links,
    )


def by_trigger(kg, trigger: str):
    return next(e for e in kg.events if e.trigger == trigger)


def test_an_event_known_to_precede_a_dated_one_inherits_its_date_as_latest():
    # "after an aid convoy was hit", the deliveries stopped in February
    x = extraction(
        "a",
        [
            event("a", "e1", "stopped", 100, frame="aspectual", part_of="e2", latest=PUBLISHED),
            event("a", "e2", "delivering", 110, month=(date(2024, 2, 1), date(2024, 2, 29))),
            event("a", "e3", "hit", 150, latest=PUBLISHED),
        ],
        [link("a", "e1", R.AFTER, "e3")],  # the folded "stopped" stands for the deliveries
    )
    kg = resolve([x])
    hit, delivering = by_trigger(kg, "hit"), by_trigger(kg, "delivering")
    [only] = kg.links
    assert (only.source, only.relation, only.target) == (hit.id, R.BEFORE, delivering.id)
    assert only.sources[0].source == "a#e1" and only.sources[0].relation is R.AFTER
    assert hit.bounds.latest == date(2024, 2, 29) and hit.bounds.latest_from == delivering.id
    assert delivering.bounds.earliest == date(2024, 2, 1)
    assert delivering.bounds.earliest_from == "time"


def test_links_from_two_articles_map_to_the_merged_events_and_become_one_link():
    def article(aid: str, captured: str, attacks: str) -> ArticleExtraction:
        return extraction(
            aid,
            [
                event(aid, captured, "captured", 100, day=date(2023, 10, 7), kind=EventType.COERCE),
                event(aid, attacks, "attacks", 120, day=date(2023, 10, 7)),
            ],
            [link(aid, captured, R.IS_INCLUDED, attacks, confidence=0.7 if aid == "a" else 0.9)],
        )

    kg = resolve([article("a", "e1", "e2"), article("b", "e5", "e9")])
    assert len(kg.events) == 2
    [only] = kg.links
    captured, attacks = by_trigger(kg, "captured"), by_trigger(kg, "attacks")
    assert (only.source, only.relation, only.target) == (attacks.id, R.INCLUDES, captured.id)
    assert [s.source for s in only.sources] == ["a#e1", "b#e5"]
    assert only.confidence == 0.9


def test_a_cycle_of_before_is_broken_at_its_weakest_link_and_reported_with_its_sentences():
    x = extraction(
        "a",
        [
            event("a", f"e{i}", word, 100 * i)
            for i, word in enumerate(["hardened", "pulled", "left"], 1)
        ],
        [
            link("a", "e1", R.BEFORE, "e2", 0.9),
            link("a", "e2", R.BEFORE, "e3", 0.8),
            link("a", "e3", R.BEFORE, "e1", 0.6),  # closes the loop: the weakest
        ],
    )
    kg = resolve([x])
    assert len(kg.links) == 2
    [c] = kg.contradictions
    assert c.kind == "cycle" and c.dropped_confidence == 0.6
    assert "“Hamas left”" in c.dropped and "BEFORE “Hamas hardened”" in c.dropped
    assert len(c.kept) == 2
    sentences = {s.provenance.sentence for s in c.dropped_sources + c.kept_sources}
    assert "the sentence linking e3 and e1" in sentences and len(sentences) == 3


def test_a_link_against_the_dates_is_dropped_and_the_dates_named():
    x = extraction(
        "a",
        [
            event("a", "e1", "captured", 100, day=date(2023, 10, 7)),
            event("a", "e2", "released", 200, month=(date(2023, 11, 1), date(2023, 11, 30))),
        ],
        [link("a", "e1", R.AFTER, "e2", 0.5)],
    )
    kg = resolve([x])
    assert kg.links == []
    [c] = kg.contradictions
    assert c.kind == "dates" and c.kept == []
    assert any("2023-11-01" in d for d in c.dates) and any("2023-10-07" in d for d in c.dates)


def test_links_to_times_and_the_publication_date_bound_the_event():
    times = [
        TimeExpression(
            id="t1",
            text="Thursday",
            start=50,
            end=58,
            sentence_index=0,
            type=TimexType.DATE,
            value="2024-03-07",
            granularity=Granularity.DAY,
            provenance=prov("a", 50),
        ),
        TimeExpression(
            id="t2",
            text="six weeks",
            start=60,
            end=69,
            sentence_index=0,
            type=TimexType.DURATION,
            value="P6W",
            granularity=Granularity.WEEK,
            provenance=prov("a", 60),
        ),
    ]
    x = extraction(
        "a",
        [event("a", "e1", "left", 100), event("a", "e2", "talks", 200), event("a", "e3", "x", 300)],
        [
            link("a", "e1", R.IS_INCLUDED, "t1"),
            link("a", "e2", R.AFTER, "dct", rule="tense"),
            link("a", "e3", R.IS_INCLUDED, "t2"),  # a duration places nothing: no link
        ],
        times=times,
    )
    kg = resolve([x])
    left, talks = by_trigger(kg, "left"), by_trigger(kg, "talks")
    assert (left.bounds.earliest, left.bounds.latest) == (PUBLISHED, PUBLISHED)
    assert talks.bounds.earliest == PUBLISHED and talks.bounds.latest is None
    assert sorted((li.target_kind, li.target, li.relation) for li in kg.links) == [
        ("time", "2024-03-07", R.AFTER),
        ("time", "2024-03-07", R.IS_INCLUDED),
    ]
    assert left.bounds.earliest_from.startswith("link-")


def test_a_chain_through_a_mention_outside_the_graph_still_bounds_the_events():
    # "A happened before they said (on Monday) that B ..."
    said = event("a", "e2", "said", 150, day=date(2024, 3, 4), frame="reporting")
    x = extraction(
        "a",
        [event("a", "e1", "hit", 100), said],
        [link("a", "e1", R.BEFORE, "e2")],
    )
    kg = resolve([x])
    assert kg.links == []  # nothing to export between graph events
    assert by_trigger(kg, "hit").bounds.latest == date(2024, 3, 4)


def test_events_without_links_keep_their_own_bounds():
    kg = resolve([extraction("a", [event("a", "e1", "hit", 100, latest=PUBLISHED)], [])])
    bounds = kg.events[0].bounds
    assert (bounds.earliest, bounds.latest, bounds.latest_from) == (None, PUBLISHED, "time")


def test_the_result_does_not_depend_on_the_order_of_links_or_articles():
    rng = random.Random(7)
    words = ["a", "b", "c", "d", "e", "f"]
    links = [
        link("x", f"e{i}", rng.choice(list(R)), f"e{j}", round(rng.uniform(0.3, 0.9), 2))
        for i in range(1, 7)
        for j in range(1, 7)
        if i != j and rng.random() < 0.4
    ]
    events = [event("x", f"e{i}", w, 100 * i) for i, w in enumerate(words, 1)]
    first = resolve([extraction("x", events, links)])
    rng.shuffle(links)
    second = resolve([extraction("x", events, links)])
    assert first == second
    assert first.contradictions  # random links contradict one another


# --------------------------------------------------------------------------- the point graph


def before(a: str, b: str, cid: str, confidence: float) -> Constraint:
    return Constraint(cid, confidence, [Edge(f"{a}|e", f"{b}|b", True)])


def own(node: str, first: date | None = None, last: date | None = None) -> Constraint:
    c = Constraint(f"time:{node}", 1.0, [Edge(f"{node}|b", f"{node}|e", False)], hard=True)
    if first:
        c.bounds.append(Bound(f"{node}|b", True, first, node))
    if last:
        c.bounds.append(Bound(f"{node}|b", False, last, node))
    return c


def test_solve_bounds_flow_both_ways_along_the_order():
    solution = solve(
        [
            own("a", first=date(2024, 1, 1)),
            own("b"),
            own("c", last=date(2024, 2, 1)),
            before("a", "b", "ab", 0.9),
            before("b", "c", "bc", 0.9),
        ]
    )
    assert solution.accepted == {"ab", "bc"} and not solution.rejected
    assert solution.low["b|b"] == (date(2024, 1, 1), "a")
    assert solution.high["b|b"] == (date(2024, 2, 1), "c")


@pytest.mark.parametrize("n", [3, 40])
def test_solve_drops_only_the_weakest_link_of_a_long_cycle(n: int):
    nodes = [f"n{i}" for i in range(n)]
    constraints = [own(node) for node in nodes]
    constraints += [before(nodes[i], nodes[i + 1], f"c{i:03d}", 0.9) for i in range(n - 1)]
    constraints.append(before(nodes[-1], nodes[0], "weak", 0.2))
    solution = solve(constraints)
    assert [c.id for c, _ in solution.rejected] == ["weak"]
    failure = solution.rejected[0][1]
    assert failure.kind == "cycle" and len(failure.others) == n - 1


def test_solve_a_simultaneous_loop_is_no_contradiction():
    same = Constraint("same", 0.8, [Edge("a|b", "b|b", False), Edge("b|b", "a|b", False)])
    solution = solve([own("a", first=date(2024, 1, 1)), own("b"), same])
    assert solution.accepted == {"same"}
    assert solution.low["b|b"][0] == date(2024, 1, 1)
