"""Scoring hand-made gold/predicted documents with known answers (no spaCy)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from timelinegraph.evaluate import (
    EvalReport,
    predicted_document,
    render_table,
    score_document,
    sum_scores,
    top_errors,
)
from timelinegraph.ingest.annotated import (
    AnnotatedDocument,
    EntityAnnotation,
    EventAnnotation,
    RoleAnnotation,
    TimexAnnotation,
)
from timelinegraph.models import (
    Actor,
    ActorType,
    Article,
    ArticleExtraction,
    Event,
    EventArgument,
    EventClass,
    EventTime,
    EventType,
    Granularity,
    Mention,
    Provenance,
    TimeExpression,
    TimexType,
)

TEXT = (
    "On Tuesday, January 9, 2007, Apple announced the iPhone in Cupertino. "
    "Sales start in June and last for two weeks. Jobs spoke yesterday."
)
ALL_LAYERS = ["timex", "event", "entity", "role"]


def at(words: str, nth: int = 0) -> tuple[int, int]:
    """Span of the ``nth`` occurrence of ``words`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def timex(words: str, type_: str, value: str, id_: str = "") -> TimexAnnotation:
    start, end = at(words)
    return TimexAnnotation(
        id=id_ or words, start=start, end=end, text=words, type=type_, value=value
    )


def event(words: str, cls: str | None = None, pos: str = "VERB") -> EventAnnotation:
    start, end = at(words)
    return EventAnnotation(id=words, start=start, end=end, text=words, event_class=cls, pos=pos)


def entity(words: str, type_: str | None, syn: str | None = "NAM") -> EntityAnnotation:
    start, end = at(words)
    return EntityAnnotation(
        id=words, start=start, end=end, text=words, type=type_, syntactic_type=syn
    )


def role(event_words: str, role_: str, entity_words: str) -> RoleAnnotation:
    return RoleAnnotation(event_id=event_words, entity_id=entity_words, role=role_)


def doc(layers: list[str] = ALL_LAYERS, scope=(), **annotations) -> AnnotatedDocument:
    article = Article(id="d1", text=TEXT, published=date(2007, 1, 11))
    return AnnotatedDocument(
        article=article, format="cat", layers=layers, scope=list(scope), **annotations
    )


# --------------------------------------------------------------------------- timex


def test_timex_strict_relaxed_type_value_and_value_f1():
    gold = doc(
        timexes=[
            timex("Tuesday", "DATE", "2007-01-09"),
            timex("January 9, 2007", "DATE", "2007-01-09"),
            timex("June", "DATE", "2007-06"),
            timex("two weeks", "DURATION", "P2W"),
            timex("yesterday", "DATE", "2007-01-10"),
        ]
    )
    pred = doc(
        timexes=[
            timex("Tuesday", "DATE", "2007-01-09"),  # exact, right
            timex("January 9", "DATE", "2007-01"),  # overlap, value wrong
            timex("2007", "DATE", "2007"),  # overlaps a gold already taken: spurious
            timex("June", "DATE", "2007-06"),  # exact, right
            timex("two weeks", "DATE", "2007-01"),  # type and value wrong
        ]
    )
    scores = score_document(gold, pred)
    t = scores.timex
    assert (t.strict.tp, t.strict.fp, t.strict.fn) == (3, 2, 2)
    assert (t.relaxed.tp, t.relaxed.fp, t.relaxed.fn) == (4, 1, 1)
    assert t.relaxed.f1 == pytest.approx(0.8)
    assert (t.type.correct, t.type.total) == (3, 4)
    assert (t.value.correct, t.value.total) == (2, 4)
    assert t.value_f1 == pytest.approx(0.4)  # relaxed F1 0.8 x value accuracy 0.5
    assert scores.errors["timex"] == {
        "value wrong: 9999-99-99 vs 9999-99": 1,
        "value wrong: P9W vs 9999-99": 1,
        "type wrong: DURATION vs DATE": 1,
        "boundary": 1,
        "missed": 1,
        "spurious": 1,
    }


def test_scope_excludes_annotations_on_both_sides():
    first_sentence = (0, TEXT.index("Sales"))
    gold = doc(
        scope=[first_sentence],
        timexes=[timex("Tuesday", "DATE", "2007-01-09"), timex("June", "DATE", "2007-06")],
    )
    pred = doc(timexes=[timex("Tuesday", "DATE", "2007-01-09"), timex("yesterday", "DATE", "x")])
    t = score_document(gold, pred).timex
    assert (t.relaxed.tp, t.relaxed.fp, t.relaxed.fn) == (1, 0, 0)


def test_layers_the_gold_leaves_out_are_not_scored():
    scores = score_document(doc(layers=["timex"]), doc(events=[event("announced")]))
    assert scores.timex is not None
    assert (scores.events, scores.entities, scores.roles) == (None, None, None)


# --------------------------------------------------------------------------- events


def test_event_class_mapped_to_meantime_classes():
    gold = doc(
        events=[
            event("announced", "SPEECH_COGNITIVE"),
            event("start", "GRAMMATICAL"),
            event("spoke", "OTHER"),
            event("last", "MIX"),  # excluded from class accuracy
            event("Sales", None, pos="NOUN"),  # no class: excluded too
        ]
    )
    pred = doc(
        events=[
            event("announced", "REPORTING"),
            event("start", "ASPECTUAL"),
            event("spoke", "REPORTING"),
            event("last", "STATE"),
        ]
    )
    e = score_document(gold, pred)
    assert (e.events.relaxed.tp, e.events.relaxed.fp, e.events.relaxed.fn) == (4, 0, 1)
    assert (e.events.event_class.correct, e.events.event_class.total) == (2, 3)
    assert e.errors["events"] == {"class OTHER→REPORTING": 1, "missed NOUN": 1}


def test_event_class_compared_directly_for_timeml():
    gold = doc(events=[event("announced", "REPORTING"), event("start", "I_ACTION")])
    pred = doc(events=[event("announced", "REPORTING"), event("start", "OCCURRENCE")])
    c = score_document(gold, pred).events.event_class
    assert (c.correct, c.total) == (1, 2)  # I_ACTION vs OCCURRENCE: no MEANTIME merging


# --------------------------------------------------------------------------- entities


def test_entity_types_must_agree_and_every_gold_type_gets_a_row():
    gold = doc(
        entities=[
            entity("Apple", "ORG"),
            entity("the iPhone", "PRO", "NOM"),
            entity("Jobs", "PER"),
            entity("Cupertino", "LOC"),
            entity("Sales", None),  # unknown type: skipped
        ]
    )
    pred = doc(
        entities=[
            entity("Apple", "ORG"),
            entity("iPhone", "ORG"),  # overlaps a PRO: type error
            entity("Jobs", "PER"),
            entity("Tuesday", "LOC"),  # overlaps nothing
        ]
    )
    scores = score_document(gold, pred)
    n = scores.entities
    assert set(n.by_type) == {"PER", "ORG", "LOC", "PRO"}
    assert (n.by_type["ORG"].tp, n.by_type["ORG"].fp, n.by_type["ORG"].fn) == (1, 1, 0)
    assert (n.by_type["LOC"].tp, n.by_type["LOC"].fp, n.by_type["LOC"].fn) == (0, 1, 1)
    assert (n.by_type["PRO"].tp, n.by_type["PRO"].fn) == (0, 1)
    assert (n.all_types.tp, n.all_types.fp, n.all_types.fn) == (2, 2, 2)
    assert (n.covered.tp, n.covered.fp, n.covered.fn) == (2, 2, 1)  # PRO misses left out
    assert (n.untyped.tp, n.untyped.fp, n.untyped.fn) == (3, 1, 1)
    assert scores.errors["entities"] == {
        "type PRO→ORG": 1,
        "missed LOC/NAM": 1,
        "spurious LOC": 1,
    }


def test_nested_gold_mentions_match_the_closest_length():
    global TEXT
    saved, TEXT = TEXT, "Workers left the General Motors plant in Ohio."
    try:
        gold = doc(
            entities=[
                entity("the General Motors plant", "LOC", "NOM"),
                entity("General Motors", "ORG"),
                entity("Ohio", "LOC"),
            ]
        )
        pred = doc(
            entities=[
                entity("General Motors plant", "ORG"),  # closer in length to the plant
                entity("General Motors", "ORG"),
                entity("Ohio", "LOC"),
            ]
        )
    finally:
        TEXT = saved
    scores = score_document(gold, pred)
    n = scores.entities
    assert (n.by_type["ORG"].tp, n.by_type["ORG"].fp) == (1, 1)  # exact pair first
    assert (n.by_type["LOC"].tp, n.by_type["LOC"].fn) == (1, 1)
    assert (n.untyped.tp, n.untyped.fp, n.untyped.fn) == (3, 0, 0)
    assert scores.errors["entities"] == {"type LOC→ORG": 1}


# --------------------------------------------------------------------------- roles


def _role_doc(roles: list[RoleAnnotation], entities: list[str], **kw) -> AnnotatedDocument:
    events = [event(w) for w in ("announced", "start", "spoke")]
    return doc(events=events, entities=[entity(w, "ORG") for w in entities], roles=roles, **kw)


def test_roles_match_on_event_role_and_argument_spans():
    gold = _role_doc(
        [
            role("announced", "Arg0", "Apple"),
            role("announced", "Arg1", "the iPhone"),
            role("announced", "Arg2", "Cupertino"),  # not scored
            role("spoke", "Arg0", "Jobs"),
            role("start", "Arg1", "Sales"),
            role("spoke", "Arg0", "Lost"),  # entity not found: ignored
        ],
        ["Apple", "the iPhone", "Cupertino", "Jobs", "Sales"],
    )
    pred = doc(
        events=[event("announced"), event("spoke")],
        entities=[entity(w, None) for w in ("Apple", "iPhone", "yesterday")],
        roles=[
            role("announced", "Arg0", "Apple"),  # right
            role("announced", "Arg0", "iPhone"),  # right argument, wrong role
            role("spoke", "Arg0", "yesterday"),  # right role, wrong argument
        ],
    )
    scores = score_document(gold, pred)
    r = scores.roles
    assert (r.by_role["Arg0"].tp, r.by_role["Arg0"].fp, r.by_role["Arg0"].fn) == (1, 2, 1)
    assert (r.by_role["Arg1"].tp, r.by_role["Arg1"].fp, r.by_role["Arg1"].fn) == (0, 0, 2)
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (1, 2, 3)
    assert scores.errors["roles"] == {
        "role Arg1→Arg0": 1,
        "wrong argument Arg0": 1,
        "missed Arg1 (event missed)": 1,
    }


def test_roles_outside_scope_are_ignored():
    first_sentence = (0, TEXT.index("Sales"))
    gold = _role_doc(
        [role("announced", "Arg0", "Apple"), role("spoke", "Arg0", "Jobs")],
        ["Apple", "Jobs"],
        scope=[first_sentence],
    )
    pred = _role_doc([role("announced", "Arg0", "Apple")], ["Apple"])
    r = score_document(gold, pred).roles
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (1, 0, 0)


# --------------------------------------------------------------------------- corpus, report


def test_empty_documents_score_zero_not_nan():
    report = sum_scores([score_document(doc(), doc())])
    assert report.documents == 1
    assert report.timex.relaxed.f1 == 0.0
    assert report.timex.value_f1 == 0.0
    assert report.entities.covered.f1 == 0.0
    assert report.errors == {}
    empty = sum_scores([])
    assert (empty.documents, empty.timex) == (0, None)
    assert render_table(empty).startswith("layer")


def test_corpus_sum_is_micro_average_with_capped_examples_and_sorted_kinds():
    gold = doc(
        timexes=[timex("Tuesday", "DATE", "2007-01-09"), timex("June", "DATE", "2007-06")],
        entities=[entity("Apple", "ORG"), entity("Jobs", "PER")],
    )
    one = score_document(gold, doc(timexes=[timex("Tuesday", "DATE", "2007-01-09")]))
    report = sum_scores([one] * 6, skipped=["bad.xml: not XML"])
    assert report.documents == 6
    assert (report.timex.relaxed.tp, report.timex.relaxed.fn) == (6, 6)
    assert report.layer_documents == {"timex": 6, "events": 6, "entities": 6, "roles": 6}
    assert [(e.kind, e.count) for e in report.errors["entities"]] == [
        ("missed ORG/NAM", 6),
        ("missed PER/NAM", 6),
    ]
    assert top_errors(report, 2) == [
        ("entities", "missed ORG/NAM", 6),
        ("entities", "missed PER/NAM", 6),
    ]
    assert sum(1 for x in report.examples if x.kind == "missed ORG/NAM") == 5
    assert list(report.per_document) == ["d1", *(f"d1#{i}" for i in range(2, 7))]
    assert report.per_document["d1"]["timex"] == pytest.approx(2 / 3)


def test_json_is_deterministic_and_sorted():
    gold = doc(timexes=[timex("June", "DATE", "2007-06")], entities=[entity("Apple", "ORG")])
    pred = doc(timexes=[timex("June", "DATE", "2007")], entities=[entity("Apple", "PER")])
    first = sum_scores([score_document(gold, pred)]).to_json()
    again = sum_scores([score_document(gold, pred)]).to_json()
    assert first == again
    data = json.loads(first)
    assert json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n" == first
    assert data["timex"]["value_f1"] == 0.0
    assert data["entities"]["covered"]["f1"] == 0.0
    assert EvalReport.model_fields.keys() <= data.keys()


def test_table_rows_and_alignment():
    gold = doc(
        timexes=[timex("June", "DATE", "2007-06")],
        events=[event("announced", "REPORTING")],
        entities=[entity("Apple", "ORG"), entity("the iPhone", "PRO")],
        roles=[role("announced", "Arg0", "Apple")],
    )
    table = render_table(sum_scores([score_document(gold, gold)]))
    lines = table.splitlines()
    assert lines[0].split() == ["layer", "measure", "P", "R", "F1", "acc", "n(gold)", "n(pred)"]
    cells = [re.split(r"\s{2,}", line) for line in lines[1:]]
    assert [c[1] for c in cells] == [
        "strict", "relaxed", "type", "value", "value F1",
        "span strict", "span relaxed", "class",
        "PER", "ORG", "LOC", "PRO", "all types", "PER+ORG+LOC (extracted)", "untyped span",
        "Arg0", "Arg1", "Arg0+Arg1",
    ]  # fmt: skip
    assert "timex     strict" in table
    assert lines[1].split()[2:] == ["1.000", "1.000", "1.000", "1", "1"]
    assert lines[3].split()[2:] == ["1.000", "1"]  # type accuracy over 1 pair
    prf_lines = [line for line, c in zip(lines[1:], cells, strict=True) if len(c) == 7]
    assert {len(line) for line in prf_lines} == {len(lines[0])}  # right-aligned columns


# --------------------------------------------------------------------------- predicted


def _prov(start: int, end: int) -> Provenance:
    return Provenance(
        article_id="d1", sentence_index=0, start=start, end=end, sentence="", extractor="x",
        version="0", confidence=1.0,
    )  # fmt: skip


def _mention(words: str, kind: str = "name", nth: int = 0) -> Mention:
    start, end = at(words, nth)
    return Mention(
        text=words, start=start, end=end, sentence_index=0, kind=kind, provenance=_prov(start, end)
    )


def test_predicted_document_converts_our_extraction():
    article = Article(id="d1", text=TEXT, published=date(2007, 1, 11))
    ts, te = at("June")
    es, ee = at("announced")
    extraction = ArticleExtraction(
        article=article,
        sentences=[],
        actors=[
            Actor(id="a1", name="Apple", type=ActorType.ORGANIZATION,
                  mentions=[_mention("Apple"), _mention("Apple", kind="dateline")]),
            Actor(id="a2", name="Steve Jobs", type=ActorType.PERSON,
                  mentions=[_mention("Jobs", kind="surname")]),
            Actor(id="a3", name="Cupertino", type=ActorType.PLACE,
                  mentions=[_mention("Cupertino")]),
            Actor(id="a4", name="buyers", type=ActorType.GROUP,
                  mentions=[_mention("Sales", kind="nominal")]),
        ],
        times=[
            TimeExpression(id="t1", text="June", start=ts, end=te, sentence_index=1,
                           type=TimexType.DATE, value="2007-06", granularity=Granularity.MONTH,
                           provenance=_prov(ts, te)),
        ],
        events=[
            Event(id="e1", trigger="announced", lemma="announce", start=es, end=ee,
                  sentence_index=0, type=EventType.OTHER, time=EventTime(source="expression"),
                  event_class=EventClass.REPORTING, tense="PAST", provenance=_prov(es, ee),
                  arguments=[
                      EventArgument(role="agent", actor="a1", text="Apple", start=at("Apple")[0],
                                    end=at("Apple")[1]),
                      EventArgument(role="theme", actor=None, text="the iPhone",
                                    start=at("the iPhone")[0], end=at("the iPhone")[1]),
                  ]),
        ],
        relations=[],
    )  # fmt: skip
    pred = predicted_document(extraction)
    assert [(t.type, t.value, t.text) for t in pred.timexes] == [("DATE", "2007-06", "June")]
    assert [(e.text, e.event_class, e.tense, e.polarity) for e in pred.events] == [
        ("announced", "REPORTING", "PAST", "POS")
    ]
    typed = [(e.text, e.type, e.syntactic_type) for e in pred.entities if e.type]
    assert typed == [
        ("Apple", "ORG", "NAM"),  # the dateline mention of the same actor is left out
        ("Cupertino", "LOC", "NAM"),
        ("Sales", "ORG", "NOM"),
        ("Jobs", "PER", "NAM"),
    ]
    untyped = [e for e in pred.entities if not e.type]
    assert [e.text for e in untyped] == ["the iPhone"]  # an argument span that is no mention
    entity_text = {e.id: e.text for e in pred.entities}
    assert [(r.event_id, r.role, entity_text[r.entity_id]) for r in pred.roles] == [
        ("e1", "Arg0", "Apple"),
        ("e1", "Arg1", "the iPhone"),
    ]
    # Scored against itself, every layer is perfect.
    self_score = score_document(pred, pred)
    assert self_score.roles.overall.f1 == 1.0
    assert self_score.entities.all_types.f1 == 1.0
    assert self_score.errors == {}
