"""Events as an analyst reads them (issue 17): one happening per graph event, its framing
words folded in, generic uses left out, a headline that reads, places from the event's own
words, dates that say what the text says. Real spaCy, sentences written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from timelinegraph.extract.actors import extract_actors
from timelinegraph.extract.context import ArticleContext, mask_text
from timelinegraph.extract.events import extract_events
from timelinegraph.extract.events.headline import third_person
from timelinegraph.extract.events.timing import calendar_value
from timelinegraph.extract.nlp import load_nlp
from timelinegraph.extract.times import extract_times
from timelinegraph.happenings import belongs_in_graph
from timelinegraph.models import Article, Event, Modality, Polarity

PUBLISHED = date(2024, 3, 7)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _graph_events(nlp, text: str, *, dateline: str | None = None) -> tuple[list[Event], dict]:
    skip = []
    if dateline:
        text = f"{dateline.upper()}—{text}"
        skip = [(0, len(dateline))]
    article = Article(id="t", text=text, published=PUBLISHED, dateline=dateline, skip_spans=skip)
    ctx = ArticleContext(article=article, doc=nlp(mask_text(article)))
    actors = extract_actors(ctx)
    events = extract_events(ctx, actors, extract_times(ctx))
    return [e for e in events if belongs_in_graph(e)], {a.id: a.name for a in actors}


def _all_events(nlp, text: str) -> list[Event]:
    article = Article(id="t", text=text, published=PUBLISHED)
    ctx = ArticleContext(article=article, doc=nlp(mask_text(article)))
    return extract_events(ctx, extract_actors(ctx), extract_times(ctx))


def _by_trigger(events: list[Event], word: str) -> Event:
    found = [e for e in events if e.trigger == word]
    assert found, f"no {word!r} in {[e.trigger for e in events]}"
    return found[0]


# ------------------------------------------------------------------ whole predicates


def test_an_intention_and_a_support_verb_fold_into_the_event_they_carry(nlp):
    events = _all_events(nlp, "Mediators were hoping to reach an agreement on Sunday.")
    hoping, reach, agreement = (_by_trigger(events, w) for w in ("hoping", "reach", "agreement"))
    assert (hoping.frame, reach.frame, agreement.frame) == ("intention", "support", None)
    assert hoping.part_of == reach.part_of == agreement.id
    assert agreement.modality is Modality.PLANNED
    assert agreement.headline == "Mediators to reach agreement on Sunday"


def test_an_aspectual_verb_is_the_phase_of_the_event_it_governs(nlp):
    events, _ = _graph_events(nlp, "The United Nations stopped delivering food to the north.")
    assert [e.trigger for e in events] == ["delivering"]
    assert events[0].phase == "end"
    assert events[0].headline == "United Nations stops delivering food to north"


def test_what_a_demand_is_about_is_its_content_not_a_happening(nlp):
    events, names = _graph_events(nlp, "Hamas demanded that Israel release all prisoners.")
    demand = _by_trigger(events, "demanded")
    assert [names[a] for a in demand.agents] == ["Hamas"]
    assert "release" not in {e.lemma for e in events}


def test_an_event_noun_naming_a_kind_of_thing_or_nothing_in_particular_is_not_an_event(nlp):
    events = _all_events(nlp, "An aid convoy was hit by Israeli fire. Officials fear threats.")
    frames = {e.trigger: e.frame for e in events}
    assert frames["aid"] == "modifier"  # "aid convoy": a kind of convoy
    assert frames["fire"] == "participant"  # what hit the convoy
    assert frames["threats"] == "generic"  # nobody's threats, at no time
    hit = _by_trigger(events, "hit")
    assert hit.frame is None and hit.headline == "Israeli fire hits aid convoy"


def test_a_passive_without_doer_reads_as_a_news_passive(nlp):
    events, _ = _graph_events(nlp, "Over 100 hostages were released during a truce in November.")
    released = _by_trigger(events, "released")
    assert released.headline == "Over 100 hostages released during truce in November"
    assert released.time.value == "2023-11"


# ------------------------------------------------------------------ participants


def test_a_nominal_event_takes_its_doer_and_date_from_its_own_words(nlp):
    events, names = _graph_events(nlp, "Hostages were taken in the Hamas Oct. 7 attacks.")
    attacks = _by_trigger(events, "attacks")
    assert [names[a] for a in attacks.agents] == ["Hamas"]
    assert attacks.time.value == "2023-10-07"


def test_a_raised_subject_does_the_complement(nlp):
    events, _ = _graph_events(nlp, "The Israeli cabinet is expected to meet on Friday.")
    meet = _by_trigger(events, "meet")
    assert meet.agents and meet.modality is Modality.PLANNED
    assert meet.time.value == "2024-03-08"


# ------------------------------------------------------------------ place


def test_the_dateline_places_only_what_nothing_else_places(nlp):
    text = (
        "Police arrested three men. Hamas officials left Cairo for Doha. "
        "Over a dozen children have died in northern Gaza since January."
    )
    events, names = _graph_events(nlp, text, dateline="Cairo")
    arrested = _by_trigger(events, "arrested")
    assert (names[arrested.location], arrested.location_source) == ("Cairo", "dateline")
    died = _by_trigger(events, "died")
    assert died.location_source == "text" and "Gaza" in names[died.location]


def test_the_place_a_noun_is_of(nlp):
    """'the southern town of Zarand': the town is the place, and it is Zarand's."""
    text = "A quake hit the southern town of Zarand. Hamas officials met in the capital of Egypt."
    events, names = _graph_events(nlp, text)
    assert names[_by_trigger(events, "hit").location] == "Zarand"
    assert names[_by_trigger(events, "met").location] == "Egypt"


# ------------------------------------------------------------------ dates and headlines


def test_no_raw_timex_token_is_an_event_date():
    assert calendar_value("2013-07-02TAF") == "2013-07-02"
    assert calendar_value("2024-W10") == "2024-W10"
    for token in ("PAST_REF", "PRESENT_REF", "FUTURE_REF", "XXXX-10-07", "P6W"):
        assert calendar_value(token) is None


def test_vague_times_become_honest_bounds(nlp):
    events, _ = _graph_events(nlp, "Israel has recently expanded its operations in Gaza.")
    expanded = _by_trigger(events, "expanded")
    assert expanded.time.value is None and expanded.time.source == "expression"
    assert expanded.time.latest == PUBLISHED
    assert expanded.time.earliest is not None and expanded.time.earliest < PUBLISHED


def test_headlines_negate_plan_and_inflect(nlp):
    text = "Israel won't accept the proposal. Hamas will meet Egyptian officials in Cairo."
    events, _ = _graph_events(nlp, text)
    accept = next(e for e in events if e.lemma == "accept")
    assert accept.headline == "Israel rejects proposal" and accept.polarity is Polarity.POSITIVE
    meet = next(e for e in events if e.lemma == "meet")
    assert meet.headline == "Hamas to meet Egyptian officials in Cairo"
    assert third_person("pull out") == "pulls out" and third_person("try") == "tries"
