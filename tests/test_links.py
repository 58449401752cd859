"""Temporal links inside an article (extract/links): the rules on sentences written for the
test, the shipped classifier, and what every link carries."""

from __future__ import annotations

from datetime import date

import pytest

from timelinegraph.extract import extract
from timelinegraph.extract.links.model import KINDS, load_models
from timelinegraph.models import Article, ArticleExtraction, TemporalRelation

CONVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED",
            "IS_INCLUDED": "INCLUDES", "SIMULTANEOUS": "SIMULTANEOUS"}  # fmt: skip


def _extract(nlp, text: str, published: date = date(2024, 3, 7)) -> ArticleExtraction:
    return extract(Article(id="t", text=text, published=published), nlp)


def _id(extraction: ArticleExtraction, word: str) -> str:
    return next(e.id for e in extraction.events if e.trigger.split()[0] == word)


def _relation(extraction: ArticleExtraction, x: str, y: str):
    """How ``x`` lies against ``y`` (event trigger words, 'dct' or a time's text), and the link."""
    ids = {x: _end(extraction, x), y: _end(extraction, y)}
    for link in extraction.links:
        if (link.source, link.target) == (ids[x], ids[y]):
            return link.relation.value, link
        if (link.source, link.target) == (ids[y], ids[x]):
            return CONVERSE[link.relation.value], link
    return None, None


def _end(extraction: ArticleExtraction, word: str) -> str:
    if word == "dct":
        return "dct"
    time = next((t.id for t in extraction.times if t.text == word), None)
    return time or _id(extraction, word)


SEED = (
    "The U.N. and aid groups have mostly stopped delivering food to northern Gaza since early "
    "February, after an aid convoy was hit by Israeli fire."
)


def test_after_clause_orders_the_hit_before_the_stop(nlp):
    extraction = _extract(nlp, SEED)
    relation, link = _relation(extraction, "hit", "stopped")
    assert relation == "BEFORE"
    assert link.rule == "signal" and "after" in link.evidence
    assert link.provenance.sentence == SEED


def test_during_puts_the_capture_inside_the_attacks(nlp):
    text = "Israel is seeking the release of the hostages captured during the Hamas Oct. 7 attacks."
    extraction = _extract(nlp, text)
    relation, link = _relation(extraction, "captured", "attacks")
    assert relation == "IS_INCLUDED"
    assert link.rule == "signal"


@pytest.mark.parametrize(
    ("text", "x", "y", "expected"),
    [
        ("The ministers met ahead of the summit in Brussels.", "met", "summit", "BEFORE"),
        ("Prices rose sharply following the announcement.", "rose", "announcement", "AFTER"),
        ("Officials said the convoy was hit by gunfire.", "hit", "said", "BEFORE"),
        ("Officials said the talks would resume.", "resume", "said", "AFTER"),
        ("The army said it is preparing an offensive.", "preparing", "said", "INCLUDES"),
    ],
)
def test_signal_and_reported_rules(nlp, text, x, y, expected):
    relation, link = _relation(_extract(nlp, text), x, y)
    assert relation == expected, (text, link)
    assert link.rule in ("signal", "reported")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Israel will reopen the crossing.", "reopen", "AFTER"),
        ("Hamas fighters attacked the border post.", "attacked", "BEFORE"),
        ("Mediators are negotiating a truce.", "negotiating", "INCLUDES"),
    ],
)
def test_tense_against_the_publication_date(nlp, text, word, expected):
    relation, link = _relation(_extract(nlp, text), word, "dct")
    assert relation == expected
    assert link.rule == "tense"


def test_a_dated_event_lies_where_its_date_lies(nlp):
    text = "Israeli forces raided the hospital on Monday."
    extraction = _extract(nlp, text, published=date(2024, 3, 7))
    relation, link = _relation(extraction, "raided", "dct")
    relation_timex, _ = _relation(extraction, "raided", "Monday")
    assert relation == "BEFORE" and link.rule == "news"
    assert relation_timex == "IS_INCLUDED"


def test_every_link_is_sourced_and_known(nlp):
    text = (
        "Egypt said on Tuesday that talks would resume in Cairo after Israel withdrew its "
        "delegation. Hamas then rejected the proposal, officials said."
    )
    extraction = _extract(nlp, text)
    assert extraction.links
    events = {e.id for e in extraction.events}
    times = {t.id for t in extraction.times}
    for link in extraction.links:
        assert link.source in events
        assert link.target in events | times | {"dct"}
        assert link.relation in TemporalRelation
        assert link.rule in ("signal", "reported", "tense", "news", "model")
        assert 0.0 < link.confidence <= 1.0 and link.evidence
        assert link.provenance.sentence in text
        assert link.provenance.extractor == "timelinegraph.extract.links"
    assert any(link.rule == "model" for link in extraction.links)


def test_then_orders_two_clauses(nlp):
    text = "The delegation landed in Cairo and then met Egyptian officials."
    relation, link = _relation(_extract(nlp, text), "landed", "met")
    assert relation == "BEFORE" and link.rule == "signal"


def test_model_loads_and_is_deterministic(nlp):
    models = load_models()
    assert set(models) == set(KINDS)
    assert models["event"].labels == ("BEFORE", "AFTER", "EQUAL", "VAGUE")
    assert "NONE" in models["dct"].labels and "NONE" in models["pair"].labels
    for model in models.values():
        assert model.weights.shape == (len(model.index) + 1, len(model.labels))
        assert not model.weights[0].any()  # the row of unknown features
    text = SEED + " Israel said on Monday that it would open a new crossing next week."
    first = [link.model_dump() for link in _extract(nlp, text).links]
    second = [link.model_dump() for link in _extract(nlp, text).links]
    assert first == second


def test_probabilities_sum_to_one():
    model = load_models()["event"]
    rows = model.probabilities([["bias", "at=PAST", "bt=FUTURE"], [], ["never-seen"]])
    assert rows.shape == (3, 4)
    assert rows.sum(axis=1) == pytest.approx([1.0, 1.0, 1.0])
    assert (rows[1] == rows[2]).all()  # unknown features weigh nothing
