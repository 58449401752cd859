"""Typed events from one parsed article: triggers, PLOVER types, arguments, modality,
attribution, quantities, time and place, each with provenance.

Confidence is a product of independent evidence: a verbal trigger (0.8) is more reliably an
event than a nominal one (0.65); a lexicon type matched through a context cue raises it
(x1.1), an untyped OTHER lowers it (x0.75), and so does a missing agent (x0.85).
"""

from __future__ import annotations

from ...models import Actor, Event, EventArgument, EventClass, EventTime, Modality, TimeExpression
from ..context import ArticleContext
from .arguments import ActorLookup, participants, split_roles
from .attribution import Report, find_report
from .classes import tense_aspect, timeml_class, timeml_pos
from .lexicon import type_trigger
from .location import location_of
from .modality import modality, polarity
from .quantities import numeric_sentences, quantities_for
from .timing import event_time, is_future, time_attachments
from .triggers import Trigger, find_triggers, frame_of

EXTRACTOR = "timelinegraph.extract.events"
VERSION = "0.1.0"

__all__ = ["EXTRACTOR", "VERSION", "extract_events", "find_triggers"]


def extract_events(
    ctx: ArticleContext, actors: list[Actor], times: list[TimeExpression]
) -> list[Event]:
    """Events of one article, ids e1, e2, ... in text order."""
    lookup = ActorLookup(actors)
    published = ctx.article.published
    candidates = find_triggers(ctx.doc)
    trigger_heads = frozenset(t.head.i for t in candidates)
    attached = time_attachments(ctx.doc, times, trigger_heads)
    # No token reads "according" when the lower-cased text lacks it: skip the token walk.
    has_according = "according" in ctx.text.lower()
    according = [t.i for t in ctx.doc if t.lower_ == "according"] if has_according else []
    # times of reporting verbs, for the "reported before the statement" bound
    report_times: dict[int, EventTime] = {}
    for trigger in candidates:
        if "reporting" in trigger.flags:
            timex = attached.get(trigger.head.i)
            report_times[trigger.head.i] = event_time(timex, published, Modality.ASSERTED, None)
    events: list[Event] = []
    last_unit: list[str] = []
    numeric = numeric_sentences(ctx.doc, ctx.sentence_of_token)
    for trigger in candidates:
        events.append(
            _event(
                ctx,
                trigger,
                lookup,
                attached.get(trigger.head.i),
                trigger_heads,
                report_times,
                last_unit,
                len(events) + 1,
                according,
                numeric,
            )
        )
    return events


def _event(
    ctx: ArticleContext,
    trigger: Trigger,
    lookup: ActorLookup,
    timex: TimeExpression | None,
    trigger_heads: frozenset[int],
    report_times: dict[int, EventTime],
    last_unit: list[str],
    number: int,
    according: list[int],
    numeric: set[int] | None,
) -> Event:
    head = trigger.head
    published = ctx.article.published
    typing = type_trigger(head, trigger.lemma, trigger.kind, trigger.particle)
    found = participants(head, trigger.kind, lookup, trigger_heads)
    agents, targets = split_roles(found)
    tense, aspect = tense_aspect(head)
    report: Report | None = find_report(head, lookup, according)
    future = is_future(timex, published)
    mod = modality(head, report is not None, future, typing.consumes_negation)
    report_time = report_times.get(report.verb.i) if report and report.verb is not None else None
    place, place_source = location_of(head, trigger.kind, lookup)
    confidence = (0.8 if trigger.kind == "verb" else 0.65) * (1.1 if typing.cued else 1.0)
    if typing.type == "OTHER":
        confidence *= 0.75
    if not agents:
        confidence *= 0.85
    span = ctx.doc[min(t.i for t in trigger.tokens) : max(t.i for t in trigger.tokens) + 1]
    return Event(
        id=f"e{number}",
        trigger=trigger.text,
        lemma=trigger.lemma,
        start=trigger.start,
        end=trigger.end,
        sentence_index=ctx.sentence_index(head),
        type=typing.type,
        agents=agents,
        targets=targets,
        location=place,
        location_source=place_source,
        time=event_time(timex, published, mod, report_time),
        polarity=polarity(head, typing.consumes_negation),
        modality=mod,
        attribution=report.actor if report else None,
        attribution_text=report.text if report else None,
        quantities=(
            quantities_for(head, trigger_heads - {head.i}, last_unit)
            if numeric is None or ctx.sentence_of_token[head.i] in numeric
            else []
        ),
        event_class=(
            EventClass(trigger.event_class)
            if trigger.event_class
            else timeml_class(head, trigger.lemma, is_noun=trigger.kind == "noun")
        ),
        tense=tense,
        aspect=aspect,
        pos=timeml_pos(head),
        arguments=[
            EventArgument(
                role=p.role,
                actor=p.actor,
                text=ctx.article.text[p.start : p.end],
                start=p.start,
                end=p.end,
            )
            for p in found
        ],
        frame=frame_of(trigger),
        timeml=trigger.timeml,
        provenance=ctx.provenance(
            span, extractor=EXTRACTOR, version=VERSION, confidence=min(confidence, 0.95)
        ),
    )
