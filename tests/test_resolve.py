"""Cross-article merging on hand-built extractions: the rules, not the NLP."""

from __future__ import annotations

import random
from datetime import date

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
    Modality,
    Polarity,
    Provenance,
)
from timelinegraph.resolve import resolve
from timelinegraph.resolve.names import acronym_of, initials


def prov(article_id: str, start: int = 0) -> Provenance:
    return Provenance(
        article_id=article_id,
        sentence_index=0,
        start=start,
        end=start + 4,
        sentence="s",
        extractor="test",
        version="0",
        confidence=0.9,
    )


def actor(aid: str, local: str, name: str, kind: ActorType, country=None, aliases=()):
    return Actor(
        id=local,
        name=name,
        type=kind,
        country=country,
        aliases=list(aliases),
        mentions=[
            Mention(text=name, start=0, end=len(name), sentence_index=0, provenance=prov(aid))
        ],
    )


def event(
    aid: str,
    local: str,
    lemma: str,
    kind: EventType,
    agents=(),
    targets=(),
    value=None,
    gran=None,
    earliest=None,
    latest=None,
    polarity=Polarity.POSITIVE,
    modality=Modality.ASSERTED,
    start=10,
) -> Event:
    return Event(
        id=local,
        trigger=lemma,
        lemma=lemma,
        start=start,
        end=start + len(lemma),
        sentence_index=0,
        type=kind,
        agents=list(agents),
        targets=list(targets),
        time=EventTime(
            value=value,
            granularity=gran,
            earliest=earliest,
            latest=latest,
            source="expression" if value else "publication_date",
        ),
        polarity=polarity,
        modality=modality,
        provenance=prov(aid, start),
    )


def extraction(aid: str, published: date, actors, events) -> ArticleExtraction:
    return ArticleExtraction(
        article=Article(id=aid, text="x" * 100, published=published),
        sentences=[],
        actors=actors,
        times=[],
        events=events,
        relations=[],
    )


def test_actor_names_aliases_acronyms_and_surnames_merge():
    a = extraction(
        "a",
        date(2024, 3, 7),
        [
            actor("a", "a1", "United States", ActorType.STATE, "US", ["U.S."]),
            actor("a", "a2", "Benjamin Netanyahu", ActorType.PERSON),
            actor("a", "a3", "United Nations", ActorType.ORGANIZATION),
        ],
        [],
    )
    b = extraction(
        "b",
        date(2024, 3, 8),
        [
            actor("b", "a1", "United States", ActorType.STATE, "US", ["America"]),
            actor("b", "a2", "Netanyahu", ActorType.PERSON),
            actor("b", "a3", "U.N.", ActorType.ORGANIZATION),
        ],
        [],
    )
    kg = resolve([a, b])
    names = {x.name: x for x in kg.actors}
    assert set(names) == {"United States", "Benjamin Netanyahu", "United Nations"}
    assert len(names["Benjamin Netanyahu"].sources) == 2
    assert names["United States"].aliases == ["America", "U.S."]
    assert names["United States"].id == "state-united-states"


def test_people_sharing_a_surname_are_not_merged():
    a = extraction("a", date(2024, 1, 1), [actor("a", "a1", "Joe Biden", ActorType.PERSON)], [])
    b = extraction(
        "b",
        date(2024, 1, 1),
        [
            actor("b", "a1", "Hunter Biden", ActorType.PERSON),
            actor("b", "a2", "Biden", ActorType.PERSON),
        ],
        [],
    )
    one_story = resolve([a, b], stories={"a": "s", "b": "s"})
    assert sorted(x.name for x in one_story.actors) == ["Biden", "Hunter Biden", "Joe Biden"]
    # told in two stories, "Biden" is the one Biden of its own article and story
    kg = resolve([a, b], stories={"a": "s1", "b": "s2"})
    assert sorted(x.name for x in kg.actors) == ["Hunter Biden", "Joe Biden"]


def test_acronyms():
    assert acronym_of("U.N.") == acronym_of("U. N.") == initials("United Nations") == "UN"
    assert acronym_of("Hamas") is None and initials("Hamas") is None
    assert initials("Al Qaeda in the Arabian Peninsula") == "AQAP"


def _two_articles(second_event: Event, second_actors=None, *, all_events: bool = False):
    actors_a = [
        actor("a", "a1", "Israel", ActorType.STATE, "IL"),
        actor("a", "a2", "Hamas", ActorType.ORGANIZATION),
    ]
    a = extraction(
        "a",
        date(2024, 3, 7),
        actors_a,
        [
            event(
                "a",
                "e1",
                "strike",
                EventType.ASSAULT,
                ["a1"],
                ["a2"],
                "2024-03-05",
                Granularity.DAY,
                date(2024, 3, 5),
                date(2024, 3, 5),
            )
        ],
    )
    b = extraction("b", date(2024, 3, 8), second_actors or actors_a, [second_event])
    return resolve([a, b], all_events=all_events)


def test_same_event_in_two_articles_is_one_node_with_two_sources_and_evidence():
    kg = _two_articles(
        event(
            "b",
            "e1",
            "strike",
            EventType.ASSAULT,
            ["a1"],
            [],
            "2024-03",
            Granularity.MONTH,
            date(2024, 3, 1),
            date(2024, 3, 31),
        )
    )
    [merged] = kg.events
    assert [s.provenance.article_id for s in merged.sources] == ["a", "b"]
    assert merged.time.value == "2024-03-05"  # the more precise value wins
    [step] = merged.merges
    assert (step.mention, step.into, step.rule) == ("b#e1", "a#e1", "same-trigger")
    assert "ASSAULT" in step.evidence


def _strike_on(day: int, **kwargs) -> Event:
    """Article b's 'strike' by a1 on a2, on 2024-03-<day>."""
    when = date(2024, 3, day)
    return event(
        "b",
        "e1",
        "strike",
        EventType.ASSAULT,
        ["a1"],
        ["a2"],
        when.isoformat(),
        Granularity.DAY,
        when,
        when,
        **kwargs,
    )


def test_conflicting_dates_targets_or_polarity_stay_apart():
    assert len(_two_articles(_strike_on(6)).events) == 2
    negated = _strike_on(5, polarity=Polarity.NEGATIVE)
    assert len(_two_articles(negated).events) == 1  # what did not happen is no graph event
    assert len(_two_articles(negated, all_events=True).events) == 2  # and never merges
    actors_b = [
        actor("b", "a1", "Israel", ActorType.STATE, "IL"),
        actor("b", "a2", "Hezbollah", ActorType.ORGANIZATION),
    ]
    other_target = _strike_on(5)
    assert len(_two_articles(other_target, actors_b).events) == 2


def test_result_does_not_depend_on_input_order():
    xs = [
        extraction(
            f"art{i}",
            date(2024, 3, i + 1),
            [actor(f"art{i}", "a1", "Israel", ActorType.STATE, "IL")],
            [
                event(
                    f"art{i}", "e1", "talk", EventType.CONSULT, ["a1"], latest=date(2024, 3, i + 1)
                )
            ],
        )
        for i in range(6)
    ]
    first = resolve(xs).model_dump_json()
    for seed in range(3):
        shuffled = xs[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled).model_dump_json() == first


def test_a_verb_and_the_noun_of_its_act_share_a_block():
    from timelinegraph.resolve.events import trigger_stem

    assert trigger_stem("shooting") == trigger_stem("shoot") == "shoot"
    assert trigger_stem("stabbing") == "stab" and trigger_stem("killing") == "kill"
    assert trigger_stem("death") == trigger_stem("die")
    assert trigger_stem("check into") == "check into"  # phrasal triggers are kept whole


def test_first_names_surnames_read_as_places_and_middle_names():
    a = extraction(
        "a",
        date(2024, 1, 1),
        [
            actor("a", "a1", "Warren Steed Jeffs", ActorType.PERSON),
            actor("a", "a2", "Barack Obama", ActorType.PERSON),
            actor("a", "a3", "George W. Bush", ActorType.PERSON),
        ],
        [],
    )
    b = extraction(
        "b",
        date(2024, 1, 2),
        [
            actor("b", "a1", "Warren S.", ActorType.PERSON),
            actor("b", "a2", "Warren Steed", ActorType.PERSON),
            actor("b", "a3", "Obama", ActorType.PLACE, "JP"),  # a town in Japan, too
            actor("b", "a4", "George H. W. Bush", ActorType.PERSON),
        ],
        [],
    )
    kg = resolve([a, b], stories={"a": "s", "b": "s"})  # one story: the rules, not grouping
    by_name = {x.name: x for x in kg.actors}
    jeffs = by_name["Warren Steed Jeffs"]
    assert sorted(jeffs.aliases) == ["Warren S.", "Warren Steed"]
    assert {m.rule for m in jeffs.merges} == {"first-names"}
    assert by_name["Barack Obama"].aliases == ["Obama"]
    assert sorted(n for n in by_name if "Bush" in n) == ["George H.W. Bush", "George W. Bush"]


def test_stories_keep_a_common_name_apart_unless_evidence_joins_it():
    def smith(aid: str, role: str) -> ArticleExtraction:
        person = actor(aid, "a1", "Matt Smith", ActorType.PERSON)
        person = person.model_copy(update={"roles": [role]})
        return extraction(aid, date(2024, 1, 1), [person], [])

    apart = resolve([smith("a", "actor"), smith("b", "striker")], stories={"a": "1", "b": "2"})
    assert len(apart.actors) == 2
    joined = resolve([smith("a", "actor"), smith("b", "actor")], stories={"a": "1", "b": "2"})
    [one] = joined.actors
    assert [m.rule for m in one.merges] == ["same-person-across-stories"]
    assert "role 'actor'" in one.merges[0].evidence
    assert len(resolve([smith("a", "actor"), smith("b", "striker")]).actors) == 1  # one story


def test_one_word_read_in_two_senses_is_two_events():
    # "Hamas officials left Cairo" / "the fighting has left 30,000 dead", in one article
    actors = [actor("a", "a1", "Hamas", ActorType.ORGANIZATION)]
    departure = event("a", "e1", "leave", EventType.MOVEMENT, ["a1"], start=10)
    toll = event("a", "e2", "leave", EventType.ASSAULT, start=60)
    untyped = event("a", "e3", "leave", EventType.OTHER, ["a1"], start=90)
    kg = resolve([extraction("a", date(2024, 3, 7), actors, [departure, toll, untyped])])
    by_type = {e.type: e for e in kg.events}
    assert sorted(by_type) == [EventType.ASSAULT, EventType.MOVEMENT]
    # an untyped mention may join a typed one; the node keeps the type the text gave
    assert len(by_type[EventType.MOVEMENT].sources) + len(by_type[EventType.ASSAULT].sources) == 3
