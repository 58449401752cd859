"""The QA report and the page read a stored graph (``stored.StoredList``) as a build hands it
over: the same bytes as from the graph held in memory, and only small keys per event and actor
held (ids, sort keys, counts), the events and actors read back when a finding is shown.

``busy_kg`` keeps every section of the report busy, most past the 50 items it shows: likely
duplicate actors and events, undated, actorless and fallback-dated events, conflicting figures,
events of several stories, places placed on a guess or not at all, links between events.
"""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from kg_fixtures import (
    link_source,
    make_contradictions,
    make_empty_kg,
    make_kg,
    make_relations,
    make_source,
    stored_kg,
)
from timelinegraph.export.report import write_report
from timelinegraph.graph.rdf_file import write_triples_file
from timelinegraph.models import (
    ActorType,
    ArticleInfo,
    EventBounds,
    EventTime,
    EventType,
    Geo,
    GeoPrecision,
    Granularity,
    KnowledgeGraph,
    Modality,
    Polarity,
    Quantity,
    ResolvedActor,
    ResolvedEvent,
    ResolvedLink,
    Source,
    Story,
    TemporalRelation,
)
from timelinegraph.stored import StoredList
from timelinegraph.view import data as view_data
from timelinegraph.view.data import network_facts_from_kg, relations_from_kg
from timelinegraph.view.page import write_html

# --------------------------------------------------------------------------- a busy graph

ARTICLES = 8
TRIGGERS = [
    (EventType.ASSAULT, "strike", "struck"),
    (EventType.CONSULT, "talk", "talked"),
    (EventType.AGREE, "truce", "agreed"),
]


def _day(day: int) -> EventTime:
    when = date(2024, 3, day)
    return EventTime(
        value=when.isoformat(),
        granularity=Granularity.DAY,
        earliest=when,
        latest=when,
        source="expression",
    )


TIMES = [
    _day(1),
    _day(2),
    _day(3),
    EventTime(
        value="2024-03",
        granularity=Granularity.MONTH,
        earliest=date(2024, 3, 1),
        latest=date(2024, 3, 31),
        source="expression",
    ),
    EventTime(latest=date(2024, 3, 5), source="publication_date"),
    EventTime(earliest=date(2024, 3, 2), latest=date(2024, 3, 6), source="report"),
    EventTime(source="expression"),  # no date at all
]


def _articles() -> list[ArticleInfo]:
    return [
        ArticleInfo(
            id=f"art-{n}",
            title=f"Story {n % 3}, article {n}",
            published=date(2024, 3, 1) + timedelta(days=n),
            published_source="metadata" if n % 4 else "body",
            story=f"story-{n % 3}",
        )
        for n in range(ARTICLES)
    ]


def _stories(articles: list[ArticleInfo]) -> list[Story]:
    return [
        Story(
            id=f"story-{s}",
            label=f"Story {s}",
            articles=sorted(a.id for a in articles if a.story == f"story-{s}"),
        )
        for s in range(3)
    ]


def _sentence(words: str, filler: int) -> str:
    """``words`` then ``filler`` words: a long sentence that is no other one."""
    return words + " and so on" * (filler // 3) + "."


def _geo(name: str, n: int) -> Geo | None:
    if n % 3 == 2:
        return None
    return Geo(
        name=name,
        latitude=30.0 + n % 10,
        longitude=34.0 + n % 7,
        country="IL",
        geonames_id=1000 + n,
        precision=GeoPrecision.CITY if n % 2 else GeoPrecision.REGION,
        sure=n % 3 == 0,
        evidence=f"the largest place called {name}",
    )


ACTOR_NAMES = [
    ("person", ActorType.PERSON, ["John Smith", "Jon Smith", "Jane Smith", "Smith", "Joe Biden"]),
    ("person-b", ActorType.PERSON, ["President Joe Biden", "Benjamin Netanyahu"]),
    ("person-c", ActorType.PERSON, ["Benjamin Netanyahou", *["Felt"] * 30]),
    ("org", ActorType.ORGANIZATION, ["IDF", "Israel Defense Forces", "Hamas", "Hamas Movement"]),
    ("group", ActorType.GROUP, ["police", "police", "analysts"]),
    ("state", ActorType.STATE, ["Israel", "Gambia", "Zambia", "Egypt"]),
    ("place", ActorType.PLACE, [*(f"Town {n}" for n in range(70)), "Rafah", "Israel"]),
]


def _actors(rng: random.Random, filler: int) -> list[ResolvedActor]:
    actors = []
    for prefix, kind, names in ACTOR_NAMES:
        for n, name in enumerate(names):
            actor_id = f"{prefix}-{n:03d}"
            sources = [
                make_source(
                    f"a{k}",
                    name,
                    f"art-{rng.randrange(ARTICLES)}",
                    100 * k + 3,
                    _sentence(f"{name} was named ({actor_id}, {k})", filler),
                )
                for k in range(1 + n % 3)
            ]
            located = kind in (ActorType.STATE, ActorType.PLACE)
            actors.append(
                ResolvedActor(
                    id=actor_id,
                    name=name,
                    type=kind,
                    aliases=[],
                    roles=[],
                    country="IL" if kind == ActorType.STATE else None,
                    sources=sources,
                    geo=_geo(name, n) if located else None,
                )
            )
    return sorted(actors, key=lambda a: a.id)


def _figures(n: int, trigger: str, articles: list[str], filler: int) -> tuple[list, list]:
    """Two sources telling two tolls: a conflict of figures (report section 7)."""
    sources, quantities = [], []
    for k, article in enumerate(articles[:2]):
        words = f"They {trigger} and {100 + k} people died (event {n})"
        sentence = _sentence(words, filler)
        base = 1000 * (k + 1)
        start = base + sentence.index(trigger)
        sources.append(make_source(f"e{k}", trigger, article, start, sentence))
        text = f"{100 + k} people"
        at = base + sentence.index(text)
        quantities.append(Quantity(value=100 + k, unit="people", text=text, start=at, end=at + 10))
    return sources, quantities


def _event(
    n: int, rng: random.Random, actors: list[ResolvedActor], filler: int, agents: int, targets: int
) -> ResolvedEvent:
    kind, lemma, trigger = rng.choice(TRIGGERS)
    people = [a.id for a in actors if a.type in (ActorType.PERSON, ActorType.STATE)][:agents]
    places = [a.id for a in actors if a.type == ActorType.PLACE][:targets]
    articles = sorted(rng.sample([f"art-{a}" for a in range(ARTICLES)], rng.randint(1, 3)))
    sources: list[Source] = [
        make_source(
            f"e{k}",
            trigger,
            article,
            100 * k + 4,
            _sentence(f"They {trigger} (event {n}, mention {k})", filler),
        )
        for k, article in enumerate(articles)
    ]
    quantities: list[Quantity] = []
    if n % 17 == 0 and len(articles) > 1:
        sources, quantities = _figures(n, trigger, articles, filler)
    return ResolvedEvent(
        id=f"ev-{n:04d}",
        type=kind,
        trigger=trigger,
        lemma=lemma,
        headline="" if n % 2 else f"They {trigger}",
        agents=rng.sample(people, rng.choice([0, 1, 1, 2])),
        targets=rng.sample(places, rng.choice([0, 0, 1])),
        location=places[n % 4] if n % 5 == 0 else None,
        location_source="text" if n % 5 == 0 else None,
        time=rng.choice(TIMES),
        bounds=EventBounds(latest=date(2024, 3, 4), latest_from=f"ev-{n - 1:04d}")
        if n % 11 == 1
        else None,
        polarity=Polarity.NEGATIVE if n % 13 == 0 else Polarity.POSITIVE,
        modality=rng.choice(list(Modality)),
        quantities=quantities,
        sources=sources,
        stories=sorted({f"story-{int(a.split('-')[1]) % 3}" for a in articles}),
    )


def _links(events: int) -> list[ResolvedLink]:
    links = []
    for n in range(0, events - 1, 7):
        stated = link_source(f"art-0#e{n}", TemporalRelation.BEFORE, f"art-0#e{n + 1}", 10)
        links.append(
            ResolvedLink(
                id=f"link-{n:04d}",
                source=f"ev-{n:04d}",
                target=f"ev-{n + 1:04d}" if n % 3 else "2024-03",
                target_kind="event" if n % 3 else "time",
                relation=TemporalRelation.BEFORE,
                confidence=0.8,
                rule="signal",
                sources=[stated],
            )
        )
    return links


def busy_kg(
    events: int = 240, filler: int = 0, agents: int = 6, targets: int = 4, seed: int = 20
) -> KnowledgeGraph:
    """A graph that keeps every section of the report busy (see the module's docstring);
    ``filler`` words make each sentence long (and every one distinct); the agents are drawn
    from the first ``agents`` persons and states, the targets from the first ``targets``
    places (few: many likely duplicates)."""
    rng = random.Random(seed)
    articles = _articles()
    actors = _actors(rng, filler)
    return KnowledgeGraph(
        articles=articles,
        actors=actors,
        events=[_event(n, rng, actors, filler, agents, targets) for n in range(events)],
        relations=make_relations(),
        stories=_stories(articles),
        links=_links(events),
        contradictions=make_contradictions(),
    )


KGS: dict[str, Callable[[], KnowledgeGraph]] = {
    "fixture": make_kg,
    "empty": make_empty_kg,
    "busy": busy_kg,
}


# --------------------------------------------------------------------------- same bytes


@pytest.mark.parametrize("name", sorted(KGS))
def test_a_stored_graph_writes_the_report_of_the_graph_in_memory(name: str, tmp_path: Path) -> None:
    kg = KGS[name]()
    plain = write_report(kg, tmp_path / "plain.md").read_bytes()
    from_files = stored_kg(kg, tmp_path)
    assert isinstance(from_files.events, StoredList)
    assert write_report(from_files, tmp_path / "stored.md").read_bytes() == plain
    if name == "busy":  # the lists run past what the report shows
        assert plain.count(b"more not shown.") >= 5


@pytest.mark.parametrize("name", sorted(KGS))
@pytest.mark.parametrize("cap", [view_data.PAGE_EVENTS, 50])
def test_a_stored_graph_writes_the_page_of_the_graph_in_memory(
    name: str, cap: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view_data, "PAGE_EVENTS", cap)
    kg = KGS[name]()
    plain = write_html(kg, tmp_path / "plain.html").read_bytes()
    from_files = stored_kg(kg, tmp_path)
    assert write_html(from_files, tmp_path / "stored.html").read_bytes() == plain


# --------------------------------------------------------------------------- memory


@pytest.fixture(scope="module")
def long_kg(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, int]:
    """A busy graph whose every sentence is long and distinct, stored, and its stored size."""
    folder = tmp_path_factory.mktemp("long")
    # 40 agents and targets: fewer likely duplicates (each pair is kept, as a key)
    kg = stored_kg(busy_kg(events=1200, filler=2400, agents=40, targets=40), folder)
    size = sum(path.stat().st_size for path in folder.iterdir())
    assert size > 20_000_000
    return kg, size


def _peak(run: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_report_holds_a_small_part_of_a_stored_graph(
    long_kg: tuple[KnowledgeGraph, int], tmp_path: Path
) -> None:
    kg, size = long_kg
    triples = write_triples_file(kg, tmp_path / "graph.nt")  # as the graph stage gives them
    write_report(kg, tmp_path / "report.md", triples=triples)  # loads the gazetteer, the shapes
    peak = _peak(lambda: write_report(kg, tmp_path / "report.md", triples=triples))
    print(f"report: {peak:,} bytes held for {size:,} stored")
    assert peak < size / 4, f"{peak:,} bytes held for a stored graph of {size:,}"


def test_the_page_reads_the_network_of_a_stored_graph_in_small_keys(
    long_kg: tuple[KnowledgeGraph, int],
) -> None:
    """The page's timeline is ``export.timeline``'s (all its slides, then capped): what the
    page reads of the model besides is its network's nodes, as keys (every actor was held)."""
    kg, size = long_kg
    peak = _peak(lambda: (network_facts_from_kg(kg), relations_from_kg(kg)))
    print(f"page network: {peak:,} bytes held for {size:,} stored")
    assert peak < size / 20, f"{peak:,} bytes held for a stored graph of {size:,}"
