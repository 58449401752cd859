"""Typed events from one parsed article: triggers, whole predicates, types, participants,
modality, attribution, quantities, time, place and a headline, each with provenance.

Every trigger word is a mention (TimeML, scoring). Mentions that frame another event
("said", "held" talks, "hoping" to secure) are folded into the happening they serve
(``predicates.py``); generic ones ("aid", "the fighting" as background) are marked; the rest
are the article's events. Confidence is a product of independent evidence: a verbal trigger
(0.8) is more reliably an event than a nominal one (0.65); a lexicon type matched through a
context cue raises it (x1.1), an untyped OTHER lowers it (x0.75), and so does a missing agent
(x0.85).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from ...dating import anchors_relative_times
from ...happenings import belongs_in_graph
from ...models import (
    Actor,
    ActorType,
    Event,
    EventArgument,
    EventClass,
    EventTime,
    Modality,
    Polarity,
    TimeExpression,
)
from ..context import ArticleContext
from ..tokens import children_of
from .arguments import ActorLookup, Participant, participants, premodifiers, split_roles, subject_of
from .attribution import Report, find_report
from .classes import tense_aspect, timeml_class, timeml_pos
from .headline import PRONOUNS, Parts, build_headline, noun_phrase
from .lexicon import UNTYPED, Typing, type_trigger
from .location import LEAD_SENTENCES, location_of, sentence_names_place
from .modality import modality, polarity
from .predicates import Assembly, Predicate, assemble
from .quantities import numeric_sentences, quantities_for
from .timing import bounds, event_time, is_future, time_attachments
from .triggers import Trigger, find_particle, find_triggers, frame_of

EXTRACTOR = "timelinegraph.extract.events"
VERSION = "0.2.0"
TIED_PREPS = frozenset({"during", "amid", "in", "after", "following", "before"})
# Types whose direct object may be the place itself: "struck Aceh province", "shelled Rafah".
OBJECT_PLACED = frozenset({"ASSAULT", "DISASTER", "MOBILIZE", "COERCE", "PROTEST"})
DATELINE_DAYS = 2  # events dated this close to publication may have happened at the dateline

__all__ = ["EXTRACTOR", "VERSION", "extract_events", "find_triggers"]


@dataclass
class _Article:
    """What every event of one article is read against."""

    ctx: ArticleContext
    lookup: ActorLookup
    triggers: list[Trigger]
    assembly: Assembly
    heads: frozenset[int]
    attached: dict[int, TimeExpression]
    report_times: dict[int, EventTime]
    according: list[int]
    numeric: set[int] | None
    names: dict[int, str]
    times: list[TimeExpression]


def extract_events(
    ctx: ArticleContext, actors: list[Actor], times: list[TimeExpression]
) -> list[Event]:
    """Events of one article, ids e1, e2, ... in text order."""
    lookup = ActorLookup(actors)
    triggers = find_triggers(ctx.doc)
    heads = frozenset(t.head.i for t in triggers)
    attached = time_attachments(ctx.doc, times, heads)
    # No token reads "according" when the lower-cased text lacks it: skip the token walk.
    has_according = "according" in ctx.text.lower()
    anchor = _anchor(ctx)
    report_times: dict[int, EventTime] = {}
    for trigger in triggers:
        if "reporting" in trigger.flags:
            timex = attached.get(trigger.head.i)
            report_times[trigger.head.i] = event_time(timex, anchor, Modality.ASSERTED, None)
    article = _Article(
        ctx=ctx,
        lookup=lookup,
        triggers=triggers,
        assembly=assemble(triggers),
        heads=heads,
        attached=attached,
        report_times=report_times,
        according=[t.i for t in ctx.doc if t.lower_ == "according"] if has_according else [],
        numeric=numeric_sentences(ctx.doc, ctx.sentence_of_token),
        names=_actor_names(ctx, actors),
        times=times,
    )
    last_unit: list[str] = []
    events = [_event(article, n, last_unit) for n in range(len(triggers))]
    for n, carrier in article.assembly.part_of.items():
        events[n].part_of = events[carrier].id
    _inherit_from_tied(article, events)
    return events


def _anchor(ctx: ArticleContext) -> date | None:
    """The publication date as a bound for events, or None when it is a guess from the
    article's body (``timelinegraph.dating``): then no event is dated from it."""
    article = ctx.article
    return article.published if anchors_relative_times(article.published_source) else None


def _actor_names(ctx: ArticleContext, actors: list[Actor]) -> dict[int, str]:
    """Token index -> the name of the actor its mention refers to (demonyms keep their word:
    "Egyptian officials" must not read "Egypt officials")."""
    names: dict[int, str] = {}
    for actor in actors:
        for mention in actor.mentions:
            if mention.kind in ("dateline", "demonym"):
                continue
            if actor.type is ActorType.GROUP and mention.kind == "nominal":
                continue  # "family members": a group's words say it better than its key
            span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                names[token.i] = actor.name
    return names


def _event(article: _Article, n: int, last_unit: list[str]) -> Event:
    ctx, lookup, trigger = article.ctx, article.lookup, article.triggers[n]
    predicate = article.assembly.predicates.get(n) or Predicate(carrier=n)
    folded = [article.triggers[k] for k in predicate.folded]
    head = trigger.head
    published = ctx.article.published
    frame = article.assembly.frames.get(n) or frame_of(trigger)
    # a framing word is kept for TimeML and scoring only: no type, teller, place or figures
    typing = _typing(trigger, folded, predicate.support, lookup) if not frame else UNTYPED
    found = participants(head, trigger.kind, lookup, article.heads, predicate.support)
    agents, targets = split_roles(found)
    clause = _clause_token(trigger, folded)
    timex = next(
        (article.attached[t.head.i] for t in [trigger, *folded] if t.head.i in article.attached),
        None,
    )
    if timex is None and trigger.kind == "noun":
        timex = _premodifier_time(article, head)  # "the Hamas Oct. 7 attacks"
    report: Report | None = find_report(clause, lookup, article.according) if not frame else None
    future = is_future(timex, published)
    mod = modality(clause, report is not None, future, typing.consumes_negation)
    if predicate.intended and mod in (Modality.ASSERTED, Modality.REPORTED):
        mod = Modality.PLANNED
    if _dated_past(timex, published) and mod in (Modality.PLANNED, Modality.HYPOTHETICAL):
        mod = Modality.REPORTED if report is not None else Modality.ASSERTED
    report_time = (
        article.report_times.get(report.verb.i) if report and report.verb is not None else None
    )
    pol = _polarity(head, folded, predicate, typing)
    place = (
        location_of(
            head, trigger.kind, lookup, frozenset(agents + targets), typing.type in OBJECT_PLACED
        )
        if not frame
        else None
    )
    head_tense, head_aspect = tense_aspect(head)
    tense, aspect = (head_tense, head_aspect) if clause.i == head.i else tense_aspect(clause)
    ongoing = tense == "PRESENT" and aspect.startswith("PERFECTIVE")
    event_time_ = event_time(timex, _anchor(ctx), mod, report_time, ongoing=ongoing)
    place_source = "text" if place is not None else None
    if place is None and frame is None:
        place = _dateline(article, head, event_time_, published, frozenset(agents + targets))
        place_source = "dateline" if place is not None else None
    confidence = (0.8 if trigger.kind == "verb" else 0.65) * (1.1 if typing.cued else 1.0)
    if typing.type == "OTHER":
        confidence *= 0.75
    if not agents:
        confidence *= 0.85
    span = ctx.doc[min(t.i for t in trigger.tokens) : max(t.i for t in trigger.tokens) + 1]
    event = Event(
        id=f"e{n + 1}",
        trigger=trigger.text,
        lemma=trigger.lemma,
        start=trigger.start,
        end=trigger.end,
        sentence_index=ctx.sentence_index(head),
        type=typing.type,
        mode=typing.mode,
        agents=agents,
        targets=targets,
        location=place,
        location_source=place_source,
        time=event_time_,
        polarity=pol,
        modality=mod,
        attribution=report.actor if report else None,
        attribution_text=report.text if report else None,
        quantities=(
            quantities_for(head, article.heads - {head.i}, last_unit)
            if not frame
            and (article.numeric is None or ctx.sentence_of_token[head.i] in article.numeric)
            else []
        ),
        event_class=(
            EventClass(trigger.event_class)
            if trigger.event_class
            else timeml_class(head, trigger.lemma, is_noun=trigger.kind == "noun")
        ),
        tense=head_tense,
        aspect=head_aspect,
        pos=timeml_pos(head),
        arguments=[_argument(ctx, p) for p in found],
        frame=frame,
        phase=predicate.phase,
        timeml=trigger.timeml,
        provenance=ctx.provenance(
            span, extractor=EXTRACTOR, version=VERSION, confidence=min(confidence, 0.95)
        ),
    )
    if frame is None and is_generic(event, trigger, predicate, timex):
        event.frame = "generic"
    elif frame is None and typing.type == "OTHER":
        event.frame = state_or_habit(event, timex, head)
    if belongs_in_graph(event):  # only a graph event is ever shown with its headline
        event.headline = _headline(article, event, trigger, predicate, folded, found, typing)
    return event


def _typing(
    trigger: Trigger, folded: list[Trigger], support: Token | None, lookup: ActorLookup
) -> Typing:
    """The carrier's type; a light verb's when context picks the verb's sense and nothing
    picks the noun's ("won the game": SPORT/win, not the game's SPORT/play); when the
    carrier has none, the type of a verb folded into it."""

    def actor_type(token: Token) -> str | None:
        actor = lookup.at(token)
        return lookup.type_of(actor).value if actor is not None else None

    typing = type_trigger(trigger.head, trigger.lemma, trigger.kind, trigger.particle, actor_type)
    verbs = [f for f in folded if f.kind == "verb"]
    if not typing.cued:
        for frame in verbs:
            if frame.head is support:
                verb = type_trigger(frame.head, frame.lemma, "verb", frame.particle, actor_type)
                if verb.cued and verb.type != "OTHER":
                    return verb
    if typing.type != "OTHER":
        return typing
    for frame in verbs:
        other = type_trigger(frame.head, frame.lemma, frame.kind, frame.particle, actor_type)
        if other.type != "OTHER":
            return other
    return typing


def _clause_token(trigger: Trigger, folded: list[Trigger]) -> Token:
    """The innermost verb telling the event: the trigger, or the verb its noun serves."""
    if trigger.kind == "verb":
        return trigger.head
    verbs = [f.head for f in folded if f.kind == "verb"]
    return verbs[0] if verbs else trigger.head


def _polarity(head: Token, folded: list[Trigger], predicate: Predicate, typing: Typing) -> Polarity:
    if predicate.unrealized:
        return Polarity.NEGATIVE
    if polarity(head, typing.consumes_negation) is Polarity.NEGATIVE:
        return Polarity.NEGATIVE
    if typing.consumes_negation:
        return Polarity.POSITIVE
    return next(
        (Polarity.NEGATIVE for f in folded if polarity(f.head, False) is Polarity.NEGATIVE),
        Polarity.POSITIVE,
    )


def is_generic(
    event: Event, trigger: Trigger, predicate: Predicate, timex: TimeExpression | None
) -> bool:
    """An event noun nobody is said to do, at no time of its own, not told by a verb: "aid",
    "threats", "the suffering of Gazans", "the fighting" as a background situation. A typed
    noun with someone it happens to ("the release of dozens of hostages") is specific."""
    if trigger.kind != "noun" or predicate.support is not None or predicate.folded:
        return False
    if timex is not None or event.quantities or event.agents:
        return False
    if event.type != "OTHER" and (event.targets or any(a.role == "theme" for a in event.arguments)):
        return False
    return not (event.targets and event.location_source == "text")


_STATIVE = frozenset({EventClass.STATE, EventClass.I_STATE})


def _predicative(verb: Token) -> bool:
    """A verb with an adjective telling its subject's state: "lay dead", "looked tired"."""
    return verb.pos_ == "VERB" and any(
        c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ" for c in children_of(verb)
    )


def state_or_habit(event: Event, timex: TimeExpression | None, trigger_head: Token) -> str | None:
    """'state' for an untyped mention the detector classes as a state ("her fame endured",
    "wearing bright yellow clothing"), 'reporting' for one it classes as reporting ("he
    indicated"); 'generic' for an untyped verb in the simple present
    outside the headline with no time of its own, which tells what is usually so ("Epstein
    conducts his business", "Iran sits in an earthquake region"); None otherwise."""
    if event.event_class in _STATIVE or _predicative(trigger_head):
        return "state"
    if event.event_class is EventClass.REPORTING:
        return "reporting"  # "he indicated", "according to": a teller, typed or not

    simple_present = event.tense == "PRESENT" and event.aspect == "NONE"
    if simple_present and event.pos == "VERB" and timex is None and event.sentence_index > 0:
        return "generic"
    return None


def _dateline(
    article: _Article, head: Token, time: EventTime, published: date, parties: frozenset[str]
) -> str | None:
    lookup = article.lookup
    if lookup.dateline is None or sentence_names_place(head, lookup, parties):
        return None
    home = lookup.actors[lookup.dateline].country
    if any(lookup.actors[p].country not in (None, home) for p in parties if p in lookup.actors):
        return None  # Israel's cabinet meeting is not in Cairo because the reporter is
    lead = article.ctx.sentence_index(head) < LEAD_SENTENCES
    dated = time.source == "expression" and time.earliest is not None
    recent = dated and abs((published - time.earliest).days) <= DATELINE_DAYS  # type: ignore[operator]
    return lookup.dateline if lead or recent else None


def _dated_past(timex: TimeExpression | None, published: date) -> bool:
    """Whether the event's own time expression lies wholly before publication."""
    if timex is None or timex.type not in ("DATE", "TIME"):
        return False
    latest = bounds(timex.value)[1]
    return latest is not None and latest < published


def _premodifier_time(article: _Article, noun: Token) -> TimeExpression | None:
    words = premodifiers(noun)
    if not words:
        return None
    lo, hi = min(t.idx for t in words), noun.idx
    return next((t for t in article.times if lo <= t.start and t.end <= hi), None)


def _argument(ctx: ArticleContext, p: Participant) -> EventArgument:
    return EventArgument(
        role=p.role, actor=p.actor, text=ctx.article.text[p.start : p.end], start=p.start,
        end=p.end, via=p.via,
    )  # fmt: skip


def _headline(
    article: _Article,
    event: Event,
    trigger: Trigger,
    predicate: Predicate,
    folded: list[Trigger],
    found: list[Participant],
    typing: Typing,
) -> str:
    lookup = article.lookup
    verb = trigger.head if trigger.kind == "verb" else predicate.support
    agents = [lookup.actors[a].name for a in event.agents if a in lookup.actors]
    if not agents:
        things = [p for p in found if p.role == "agent" and p.actor is None]
        agents = [w for w in (_words(article, p) for p in things[:1]) if w.lower() not in PRONOUNS]
    content = [
        article.triggers[k].head
        for k, carrier in article.assembly.part_of.items()
        if carrier == predicate.carrier and article.assembly.frames.get(k) == "content"
    ]
    subject = None
    if verb is not None:
        found_subject, passive = subject_of(verb)
        subject = found_subject if not passive else None
        owner = _possessor(subject, lookup) if subject is not None and not agents else None
        if owner is not None:  # "its priority is to secure": Israel secures
            agents = [owner]
    phase = next(
        (
            article.triggers[k].head
            for k in predicate.folded
            if article.assembly.frames.get(k) == "aspectual" and article.triggers[k].kind == "verb"
        ),
        None,
    )
    parts = Parts(
        verb=verb,
        subject=subject,
        phase=phase,
        participle=verb is not None and _participle(verb),
        noun=trigger.head if trigger.kind == "noun" else None,
        agents=agents,
        plural_agent=_plural(agents, found, verb),
        modality=event.modality,
        polarity=event.polarity,
        rejected=typing.consumes_negation and typing.type == "REJECT",
        passive=verb is not None and any(c.dep_ == "auxpass" for c in children_of(verb)),
        particle=trigger.particle if trigger.kind == "verb" else _particle_of(verb),
        content=sorted(content, key=lambda t: t.i),
        names=article.names,
        place=lookup.actors[event.location].name
        if event.location and event.location_source == "text"
        else None,
        modal=_modal(verb),
    )
    return build_headline(parts)


def _possessor(noun: Token, lookup: ActorLookup) -> str | None:
    """The actor owning a non-actor subject ("its priority" -> Israel), if any."""
    if lookup.at(noun) is not None:
        return None
    for child in children_of(noun):
        actor = lookup.at(child) if child.dep_ == "poss" else None
        if actor is not None:
            return lookup.actors[actor].name
    return None


def _participle(verb: Token) -> bool:
    """A past participle with no auxiliary: "hostages captured during the attacks"."""
    if verb.tag_ != "VBN":
        return False
    return not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in children_of(verb))


def _particle_of(verb: Token | None) -> Token | None:
    return find_particle(verb) if verb is not None else None


def _words(article: _Article, p: Participant) -> str:
    span = article.ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
    return noun_phrase(span.root, article.names, limit=4) if span is not None else ""


def _plural(agents: list[str], found: list[Participant], verb: Token | None) -> bool:
    """Whether the headline's subject is plural: several actors, or a plural noun."""
    if len(agents) > 1:
        return True
    if verb is None:
        return False
    subject, passive = subject_of(verb)
    if passive:  # the doer is the subject of the headline: "by police" -> "police arrest"
        doers = [o for c in children_of(verb) if c.dep_ == "agent" for o in children_of(c)]
        subject = doers[0] if doers else (None if agents else subject)
    if subject is None:
        return False
    return subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts)


def _modal(verb: Token | None) -> str | None:
    if verb is None:
        return None
    for child in children_of(verb):
        if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in ("could", "might", "may"):
            return child.lower_
    return None


def _inherit_from_tied(article: _Article, events: list[Event]) -> None:
    """An event tied to another by "during", "amid", ... ("hostages captured during the
    Hamas Oct. 7 attacks") takes that event's time, place and, for a passive or participle,
    its doers, where it has none of its own."""
    by_head = {t.head.i: n for n, t in enumerate(article.triggers)}
    for n, trigger in enumerate(article.triggers):
        event = events[n]
        if event.frame is not None or trigger.kind != "verb":
            continue
        for prep in children_of(trigger.head):
            if prep.dep_ != "prep" or prep.lower_ not in TIED_PREPS:
                continue
            for obj in children_of(prep):
                tied = by_head.get(obj.i)
                if obj.dep_ != "pobj" or tied is None:
                    continue
                _inherit(event, events[tied], trigger, prep.lower_)


def _inherit(event: Event, tied: Event, trigger: Trigger, prep: str) -> None:
    timed = event.time.source == "expression"
    if prep in ("during", "amid", "in") and not timed and tied.time.source == "expression":
        event.time = tied.time.model_copy()
    if event.location_source != "text" and tied.location_source == "text":
        event.location, event.location_source = tied.location, "text"
    passive = trigger.head.tag_ == "VBN"
    if passive and not event.agents and tied.agents and prep in ("during", "amid"):
        event.agents = list(tied.agents)
