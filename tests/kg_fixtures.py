"""Hand-built ``KnowledgeGraph`` fixtures for the exporter tests, with hostile strings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timelinegraph.models import (
    ActorType,
    ArticleInfo,
    Contradiction,
    EventBounds,
    EventTime,
    EventType,
    Granularity,
    KnowledgeGraph,
    LinkSource,
    MergeStep,
    Modality,
    Polarity,
    Provenance,
    Quantity,
    RelationType,
    ResolvedActor,
    ResolvedEvent,
    ResolvedLink,
    ResolvedRelation,
    Source,
    TemporalRelation,
)
from timelinegraph.stored import store_list

# Everything that has broken a Turtle, XML or HTML writer somewhere.
HOSTILE_NAME = (
    'Dr. "Quote" O\'Neil <script>alert(1)</script> ]]> back\\slash\\ \\"end\n'
    "#2 @prefix ex: <http://x/> . 🎉 مرحبا בעולם\t\\u0041 &amp;"
)
HOSTILE_ID = "person hostile<>#%"  # not a slug: the IRI scheme must percent-encode it
HOSTILE_SENTENCE = 'He said "stop" <script>alert(1)</script> ]]> C:\\temp\\ \\n\nnext line "'
RTL_TITLE = "שלום עולם — مرحبا 🕊️ RTL title"

ARTICLE_A, ARTICLE_B = "art-a", "art-b"


def make_provenance(
    article_id: str, start: int, end: int, sentence: str = "A sentence."
) -> Provenance:
    return Provenance(
        article_id=article_id,
        sentence_index=start // 100,
        start=start,
        end=end,
        sentence=sentence,
        extractor="timelinegraph.extract.events",
        version="0.1.0",
        confidence=0.85,
    )


def make_source(
    local_id: str, text: str, article_id: str, start: int, sentence: str = ""
) -> Source:
    prov = make_provenance(article_id, start, start + len(text), sentence or f"{text} happened.")
    return Source(local_id=local_id, text=text, provenance=prov)


def make_articles() -> list[ArticleInfo]:
    return [
        ArticleInfo(
            id=ARTICLE_A,
            title='Quotes "here" & <script>x</script> ]]> #tag @prefix p: <q> .',
            published=date(2024, 2, 5),
            url="https://example.org/news/a?x=1&y=2#frag",
            source="Wire\\Service",
            authors=['Jane "JD" Doe', "Ахмед Саид"],
            dateline="Cairo",
        ),
        ArticleInfo(
            id=ARTICLE_B,
            title=RTL_TITLE,
            published=date(2024, 3, 11),
            url="not a url <really>",
        ),
    ]


def _actor(actor_id: str, name: str, kind: ActorType, **extra: object) -> ResolvedActor:
    sources = [make_source("a1", name.split("\n")[0][:20], ARTICLE_A, 10)]
    fields = {"aliases": [], "roles": [], **extra}
    return ResolvedActor(id=actor_id, name=name, type=kind, sources=sources, **fields)


def make_actors() -> list[ResolvedActor]:
    actors = [
        _actor("group-mediators", "mediators", ActorType.GROUP),
        _actor("org-hamas", "Hamas", ActorType.ORGANIZATION, aliases=["Hamas", "حماس"]),
        _actor(HOSTILE_ID, HOSTILE_NAME, ActorType.PERSON, roles=["leader in Gaza"], country="PS"),
        _actor("place-rafah", "Rafah", ActorType.PLACE),
        _actor("state-egypt", "Egypt", ActorType.STATE, aliases=["Egyptian"], country="EG"),
        _actor("state-israel", "Israel", ActorType.STATE, aliases=["Israeli"], country="IL"),
    ]
    return sorted(actors, key=lambda a: a.id)


def _event(event_id: str, kind: EventType, time: EventTime, **extra: object) -> ResolvedEvent:
    fields: dict[str, object] = {
        "trigger": "struck",
        "lemma": "strike",
        "agents": [],
        "targets": [],
        "polarity": Polarity.POSITIVE,
        "modality": Modality.ASSERTED,
        "sources": [make_source("e1", "struck", ARTICLE_A, 120, HOSTILE_SENTENCE)],
        **extra,
    }
    return ResolvedEvent(id=event_id, type=kind, time=time, **fields)  # type: ignore[arg-type]


def make_events() -> list[ResolvedEvent]:
    day = EventTime(
        value="2024-02-05",
        granularity=Granularity.DAY,
        earliest=date(2024, 2, 5),
        latest=date(2024, 2, 5),
        source="expression",
    )
    early_month = EventTime(
        value="2024-02",
        granularity=Granularity.MONTH,
        earliest=date(2024, 2, 1),
        latest=date(2024, 2, 9),
        source="expression",
    )
    around = EventTime(
        value="2024-03-10",
        granularity=Granularity.DAY,
        earliest=date(2024, 3, 9),
        latest=date(2024, 3, 11),
        source="expression",
    )
    between = EventTime(earliest=date(2024, 2, 5), latest=date(2024, 2, 11), source="report")
    events = [
        _event(
            "ev-day",
            EventType.ASSAULT,
            day,
            agents=["state-israel"],
            targets=["org-hamas"],
            location="place-rafah",
            location_source="text",
            attributions=[HOSTILE_ID],
            attribution_texts=['officials said "no" <b>'],
            quantities=[Quantity(value=30000, unit="palestinian", text="30,000", start=5, end=11)],
        ),
        _event(
            "ev-month",
            EventType.CONSULT,
            early_month,
            trigger='talks ]]> "x" <y>',
            lemma="talk",
            agents=["group-mediators"],
            targets=["state-egypt"],
        ),
        _event(
            "ev-year",
            EventType.REJECT,
            EventTime(value="2023", granularity=Granularity.YEAR, source="expression"),
            polarity=Polarity.NEGATIVE,
            modality=Modality.REPORTED,
            agents=[HOSTILE_ID],
            quantities=[
                Quantity(value=1.5e-7, unit="x", text="tiny", start=0, end=4, mod="APPROX"),
                Quantity(value=2.5e21, unit="y", text="huge", start=5, end=9),
            ],
        ),
        _event(
            "ev-none",
            EventType.THREATEN,
            EventTime(source="expression"),
            # no date of its own: the link to ev-month bounds it
            bounds=EventBounds(latest=date(2024, 2, 9), latest_from="ev-month"),
            sources=[
                make_source("e4", "threatened", ARTICLE_B, 300),
                make_source("e9", "threatened", ARTICLE_A, 200),
            ],
        ),
        _event(
            "ev-merged",
            EventType.AGREE,
            around,
            trigger="truce",
            lemma="truce",
            agents=["state-israel", "org-hamas"],
            sources=[
                make_source("e2", "truce", ARTICLE_A, 40, HOSTILE_SENTENCE),
                make_source("e3", "truce", ARTICLE_B, 77, "A truce 🕊️ was agreed — تم."),
            ],
            merges=[
                MergeStep(
                    mention=f"{ARTICLE_B}#e3",
                    into=f"{ARTICLE_A}#e2",
                    rule="same-trigger",
                    evidence="same lemma 'truce'; overlap \"quotes\" \\ <tags> ]]>",
                )
            ],
        ),
        _event("ev-between", EventType.MOBILIZE, between, trigger="massed", lemma="mass"),
    ]
    return sorted(events, key=lambda e: e.id)


def make_relations() -> list[ResolvedRelation]:
    def relation(rel_id: str, kind: RelationType, source: str, target: str) -> ResolvedRelation:
        sources = [make_source("r1", "leader", ARTICLE_A, 60)]
        return ResolvedRelation(id=rel_id, type=kind, source=source, target=target, sources=sources)

    return [
        relation("rel-1", RelationType.LEADER_OF, HOSTILE_ID, "org-hamas"),
        relation("rel-2", RelationType.MEDIATES_BETWEEN, "state-egypt", "state-israel"),
        relation("rel-3", RelationType.AT_ODDS_WITH, "state-israel", "org-hamas"),
        relation("rel-4", RelationType.LOCATED_IN, "place-rafah", "state-egypt"),
    ]


def link_source(source: str, relation: TemporalRelation, target: str, start: int) -> LinkSource:
    return LinkSource(
        source=source,
        target=target,
        relation=relation,
        rule="signal",
        evidence='after "x" <y> ]]>',
        provenance=make_provenance(ARTICLE_A, start, start + 5, HOSTILE_SENTENCE),
    )


def make_links() -> list[ResolvedLink]:
    """An event before another, one including another, two simultaneous, one to a time."""
    R = TemporalRelation

    def link(link_id, source, relation, target, stated, kind="event", **extra):
        return ResolvedLink(
            id=link_id,
            source=source,
            target=target,
            target_kind=kind,
            relation=relation,
            confidence=0.8,
            rule="signal",
            sources=[stated],
            **extra,
        )

    a = "art-a#"
    return [
        link("link-1", "ev-none", R.BEFORE, "ev-month",
             link_source(a + "e9", R.BEFORE, a + "e5", 210)),
        link("link-2", "ev-month", R.INCLUDES, "ev-between",
             link_source(a + "e6", R.IS_INCLUDED, a + "e5", 220)),
        link("link-3", "ev-day", R.SIMULTANEOUS, "ev-year",
             link_source(a + "e1", R.SIMULTANEOUS, a + "e7", 230)),
        link("link-4", "ev-merged", R.IS_INCLUDED, "2024-03",
             link_source(a + "e2", R.IS_INCLUDED, a + "t3", 240),
             kind="time", target_earliest=date(2024, 3, 1), target_latest=date(2024, 3, 31)),
    ]  # fmt: skip


def make_contradictions() -> list[Contradiction]:
    R = TemporalRelation
    return [
        Contradiction(
            kind="cycle",
            dropped="“talks” (ev-month) BEFORE “threatened” (ev-none)",
            dropped_confidence=0.4,
            dropped_sources=[link_source("art-a#e5", R.BEFORE, "art-a#e9", 250)],
            kept=["“threatened” (ev-none) BEFORE “talks” (ev-month)"],
            kept_sources=[link_source("art-a#e9", R.BEFORE, "art-a#e5", 210)],
        )
    ]


def make_kg() -> KnowledgeGraph:
    """The full hostile fixture: 2 articles, 6 actors, 6 events, 4 relations, 4 temporal links
    and a contradiction."""
    return KnowledgeGraph(
        articles=make_articles(),
        actors=make_actors(),
        events=make_events(),
        relations=make_relations(),
        links=make_links(),
        contradictions=make_contradictions(),
    )


def make_empty_kg() -> KnowledgeGraph:
    return KnowledgeGraph(articles=[], actors=[], events=[], relations=[])


def stored_kg(kg: KnowledgeGraph, folder: Path) -> KnowledgeGraph:
    """``kg`` as a build's join hands it to the writers: its events, actors and links stored
    in files in ``folder`` (``stored.StoredList``: sorted by id, read back item by item)."""
    fields = {name: getattr(kg, name) for name in KnowledgeGraph.model_fields}
    for name in ("events", "actors", "links"):
        fields[name] = store_list(fields[name], folder / f"{name}.pickles")
    return KnowledgeGraph.model_construct(**fields)
