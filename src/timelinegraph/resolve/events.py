"""One node per real event across articles.

Two mentions become candidates for one event when they share a block:

* the same trigger lemma ("struck" / "strikes"; a verb and the noun of its act
  count as one: "shooting" / "shot", "death" / "died"), or
* the same event type, a shared participant and the same day ("Israel struck Rafah on
  Monday" / "Israel hit Rafah Monday"): different words for one typed event.

Across articles, a pair also needs positive evidence: a shared participant or the same day
(``_linked``). Blocks keep the cost near-linear in the corpus. Candidate pairs are then taken
in a fixed order (same trigger first, then content order) and two clusters join only when every
member of one agrees with every member of the other (complete link), so a chain of near-matches
never glues two conflicting events together. Agreement means: same polarity (negated and
asserted stay apart), the same reality (a past or present happening, ASSERTED or REPORTED, is
never the same node as a planned or hypothetical one: "a six-week truce" being sought is not
the "weeklong truce in November"), no conflict between the participants (when both name an
agent, they share one; the same for targets), places that do not differ, and compatible times
(granularity and bounds; a time in an article dated by ``--default-date`` or by a guess from
its body only counts when its expression names the year). Every merge records its evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..dating import anchors_events
from ..happenings import belongs_in_graph, realis
from ..models import (
    ActorType,
    ArticleExtraction,
    Event,
    EventTime,
    EventType,
    Granularity,
    MergeStep,
    Modality,
    Polarity,
    ResolvedEvent,
    Source,
    TimeExpression,
)
from . import times
from .actors import LocalKey
from .ids import digest

_MODALITY_STRENGTH = [Modality.ASSERTED, Modality.REPORTED, Modality.PLANNED, Modality.HYPOTHETICAL]
_DAY = (Granularity.DAY, Granularity.TIME)
_YEAR = re.compile(r"\b\d{4}\b")
SAME_TRIGGER, SAME_DAY = "same-trigger", "same-day"
BLOCK_WINDOW = 250  # most pairs a mention gets in one block (see _candidate_pairs)
# Participants whose difference means different events: a strike on Hamas is not a strike on
# Hezbollah. Places and loosely named groups ("residents") are too often misread to decide.
NAMED_PARTICIPANTS = frozenset([ActorType.PERSON, ActorType.ORGANIZATION, ActorType.STATE])


@dataclass
class _Mention:
    article_id: str
    story: str
    published: str
    event: Event
    time: EventTime  # the event's time, or unknown when it rests on a made-up date
    agents: frozenset[str]
    targets: frozenset[str]
    location: str | None
    attribution: str | None
    named: frozenset[str] = frozenset()  # participants that are people, bodies or states
    facts: Facts = field(init=False)

    def __post_init__(self) -> None:
        event = self.event
        self.facts = Facts(
            event.type,
            event.polarity,
            event.modality,
            self.agents & self.named,
            self.targets & self.named,
            self.location,
            event.location_source,
            self.time,
        )

    @property
    def ref(self) -> str:
        return f"{self.article_id}#{self.event.id}"

    @property
    def order(self) -> tuple[str, str, int, int]:
        return (self.published, self.article_id, self.event.start, self.event.end)

    @property
    def participants(self) -> frozenset[str]:
        return self.agents | self.targets

    @property
    def conflict_key(self) -> tuple[object, ...]:
        """Everything ``_agreement`` can find a conflict in: two mentions with equal keys
        agree or conflict with any third mention alike."""
        time, event = self.time, self.event
        return (
            event.type,
            event.polarity,
            realis(event.modality),
            self.facts.agents,
            self.facts.targets,
            self.location,
            event.location_source,
            time.earliest,
            time.latest,
            time.granularity,
            time.value[:10] if time.value else None,
        )


def resolve_events(
    extractions: list[ArticleExtraction],
    actor_ids: dict[LocalKey, str],
    *,
    all_events: bool = False,
    stories: Mapping[str, str] | None = None,
) -> list[ResolvedEvent]:
    """Merged events, sorted by id; ``actor_ids`` maps local actors to global ids,
    ``stories`` article ids to story ids (None: every article its own story)."""
    story_of = stories or {}
    mentions = sorted(
        (
            _mention(x, event, actor_ids, story_of.get(x.article.id, x.article.id))
            for x in extractions
            for event in x.events
            if all_events or belongs_in_graph(event)
        ),
        key=lambda m: m.order,
    )
    clusters = _cluster(mentions)
    return sorted((_merged(c) for c in clusters), key=lambda e: e.id)


def _mention(
    x: ArticleExtraction, event: Event, actor_ids: dict[LocalKey, str], story: str
) -> _Mention:
    aid = x.article.id
    named = {a.id for a in x.actors if a.type in NAMED_PARTICIPANTS}
    return _Mention(
        named=frozenset(actor_ids[(aid, a)] for a in event.agents + event.targets if a in named),
        story=story,
        article_id=aid,
        published=x.article.published.isoformat(),
        event=event,
        time=trusted_time(x, event),
        agents=frozenset(actor_ids[(aid, a)] for a in event.agents),
        targets=frozenset(actor_ids[(aid, t)] for t in event.targets),
        location=actor_ids.get((aid, event.location)) if event.location else None,
        attribution=actor_ids.get((aid, event.attribution)) if event.attribution else None,
    )


def trusted_time(x: ArticleExtraction, event: Event) -> EventTime:
    """The event's time, unless it may rest on a publication date the article does not give
    (``--default-date``, or a guess from its body): then only an expression naming its year
    still counts (``timelinegraph.dating``)."""
    if anchors_events(x.article.published_source):
        return event.time
    timex = next((t for t in x.times if t.id == event.time.timex_id), None)
    if timex is not None and _YEAR.search(timex.text):
        return event.time
    return EventTime(source="unknown")


def trusted_expression(x: ArticleExtraction, timex: TimeExpression) -> bool:
    """Whether a time expression's value can be trusted: the article's publication date is
    its own (``dating.anchors_events``: not ``--default-date``, not a guess from its body), or
    the expression names its year."""
    return anchors_events(x.article.published_source) or bool(_YEAR.search(timex.text))


# Nouns that name the act of a verb with another stem: "the death" is the event of "died".
_NOUN_VERB = {
    "death": "die",
    "birth": "bear",
    "arrival": "arrive",
    "departure": "depart",
    "resignation": "resign",
    "explosion": "explode",
    "collision": "collide",
    "destruction": "destroy",
    "election": "elect",
    "investigation": "investigate",
    "acquisition": "acquire",
    "announcement": "announce",
    "appointment": "appoint",
    "conviction": "convict",
    "decision": "decide",
}


def trigger_stem(lemma: str) -> str:
    """One key for a verb and the noun of its act: 'shooting' ~ 'shoot', 'death' ~ 'die'."""
    word = lemma.lower()
    if word in _NOUN_VERB:
        return _NOUN_VERB[word]
    if " " not in word and word.endswith("ing") and len(word) > 6:
        stem = word[:-3]
        doubled = len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz"
        return stem[:-1] if doubled else stem  # stabb -> stab, but kill, pass stay
    return word


def _blocks(mentions: list[_Mention]) -> dict[tuple[str, ...], list[int]]:
    """Mention indexes by the keys two mentions of one event are likely to share."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        event = m.event
        # by the word's stem alone: one word typed two ways in two sentences is still one
        blocks[(SAME_TRIGGER, trigger_stem(event.lemma))].append(i)
        if event.type != EventType.OTHER and m.time.granularity in _DAY and m.time.value:
            for actor in sorted(m.participants):
                blocks[(SAME_DAY, event.type.value, actor, m.time.value[:10])].append(i)
    return blocks


def _ranked_pairs(mentions: list[_Mention]) -> Iterator[tuple[int, int, str]]:
    """Candidate pairs ``(i, j, rule)`` with ``i < j``, in merge order: every same-trigger
    pair by ``(i, j)``, then the same-day pairs that are not also same-trigger pairs.

    Two mentions are a pair when they share a block and ``j`` is among the ``BLOCK_WINDOW``
    members after ``i`` there (sorted neighbourhood: one word repeated thousands of times
    cannot make the count quadratic; chains of merges still join the rest). The pairs are
    made mention by mention, never held all at once: at 10,000 articles there are tens of
    millions of them."""
    trigger_window: list[list[int]] = [[] for _ in mentions]
    day_windows: list[list[list[int]]] = [[] for _ in mentions]
    for key, members in _blocks(mentions).items():
        for n, i in enumerate(members):
            window = members[n + 1 : n + 1 + BLOCK_WINDOW]
            if key[0] == SAME_TRIGGER:
                trigger_window[i] = window  # one same-trigger block per mention
            elif window:
                day_windows[i].append(window)
    for i, window in enumerate(trigger_window):
        for j in window:
            yield i, j, SAME_TRIGGER
    for i, windows in enumerate(day_windows):
        if windows:
            later = set().union(*windows).difference(trigger_window[i])
            for j in sorted(later):
                yield i, j, SAME_DAY


def _cluster(mentions: list[_Mention]) -> list[list[tuple[_Mention, MergeStep | None]]]:
    """Complete-link clustering over the candidate pairs; each member carries its merge step.

    Complete link is checked on each cluster's distinct conflict keys, not on every member
    pair: same answer, but a cluster of a thousand alike mentions costs one comparison."""
    cluster_of = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
    keys: dict[int, dict[tuple[object, ...], int]] = {
        i: {m.conflict_key: i} for i, m in enumerate(mentions)
    }
    steps: dict[int, MergeStep] = {}
    # cluster pairs found in conflict: a cluster only gains keys, so they stay in conflict
    apart: set[tuple[int, int]] = set()
    for i, j, rule in _ranked_pairs(mentions):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or (ci, cj) in apart or not _linked(mentions[i], mentions[j]):
            continue
        if not all(
            _compatible(mentions[a], mentions[b])
            for a in keys[ci].values()
            for b in keys[cj].values()
        ):
            apart.add((ci, cj))
            continue
        low, high = sorted((ci, cj))
        for k in members[high]:
            cluster_of[k] = low
        members[low] += members.pop(high)
        for key, k in keys.pop(high).items():
            keys[low].setdefault(key, k)
        later, earlier = max(i, j), min(i, j)
        steps[later] = MergeStep(
            mention=mentions[later].ref,
            into=mentions[earlier].ref,
            rule=rule,
            evidence=str(_agreement(mentions[earlier], mentions[later])),
        )
    groups = (sorted(group) for _, group in sorted(members.items()))
    return [[(mentions[k], steps.get(k)) for k in group] for group in groups]


def _linked(a: _Mention, b: _Mention) -> bool:
    """Positive evidence for one happening: within an article the same words for an event
    with nothing in conflict suffice; across the articles of one story the mentions must
    also share a participant or a day; across stories ("a shooting" in two stories is two
    shootings) a participant, a day and a type."""
    if a.article_id == b.article_id:
        return True
    shared = bool(a.participants & b.participants)
    ta, tb = a.time, b.time
    same_day = bool(
        ta.value and tb.value and ta.granularity in _DAY and tb.granularity in _DAY
        and ta.value[:10] == tb.value[:10]
    )  # fmt: skip
    if a.story == b.story:
        return shared or same_day
    return shared and same_day and a.event.type == b.event.type


class Facts(NamedTuple):
    """What the merge rules compare, the same for a mention and for a merged event."""

    type: EventType
    polarity: Polarity
    modality: Modality
    agents: frozenset[str]
    targets: frozenset[str]
    location: str | None
    location_source: str | None
    time: EventTime


def facts_of(event: ResolvedEvent, named: Iterable[str]) -> Facts:
    """The facts of a merged event, for the QA report's checks (``conflicts``); ``named``:
    the ids of the actors that are people, bodies or states (``NAMED_PARTICIPANTS``)."""
    people = frozenset(named)
    return Facts(
        event.type,
        event.polarity,
        event.modality,
        frozenset(event.agents) & people,
        frozenset(event.targets) & people,
        event.location,
        event.location_source,
        event.time,
    )


def _disjoint(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    return bool(mine and theirs and not mine & theirs)


def _other_sense(a: Facts, b: Facts) -> bool:
    """Two types, neither OTHER: the word was read in two senses, so two happenings."""
    return a.type != b.type and EventType.OTHER not in (a.type, b.type)


def _other_place(a: Facts, b: Facts) -> bool:
    read = a.location_source == b.location_source == "text"
    return bool(a.location and b.location and a.location != b.location and read)


# The rules that keep two mentions apart, in one home: (test, words for the report). The
# resolver asks ``compatible`` (no words: it asks for many pairs); the QA report asks
# ``conflicts`` for the reasons two nodes were left apart.
Names = Mapping[str, str]
_RULES: tuple[tuple[Callable[[Facts, Facts], bool], Callable[[Facts, Facts, Names], str]], ...] = (
    (
        _other_sense,  # "left Cairo" (MOVEMENT) is not "left 30,000 dead" (ASSAULT)
        lambda a, b, n: f"types {a.type.value} / {b.type.value}",
    ),
    (
        lambda a, b: a.polarity != b.polarity,
        lambda a, b, n: f"polarity {a.polarity.value} / {b.polarity.value}",
    ),
    (
        lambda a, b: realis(a.modality) != realis(b.modality),
        lambda a, b, n: f"modality {a.modality.value} / {b.modality.value}",
    ),
    (
        lambda a, b: _disjoint(a.agents, b.agents),  # a strike by Israel is not one by Iran
        lambda a, b, n: f"no common agents: {_named(a.agents, n)} / {_named(b.agents, n)}",
    ),
    (
        lambda a, b: _disjoint(a.targets, b.targets),  # on Hamas is not on Hezbollah
        lambda a, b, n: f"no common targets: {_named(a.targets, n)} / {_named(b.targets, n)}",
    ),
    (
        _other_place,
        lambda a, b, n: f"places {_named({a.location}, n)} / {_named({b.location}, n)}",
    ),
    (
        lambda a, b: not times.compatible(a.time, b.time),
        lambda a, b, n: f"dates {times.describe(a.time)} / {times.describe(b.time)}",
    ),
)


def _named(ids: Iterable[str | None], names: Names) -> str:
    return ", ".join(sorted(names.get(i, i) for i in ids if i))


def compatible(a: Facts, b: Facts) -> bool:
    """Whether nothing keeps two mentions (or merged events) apart."""
    return not any(test(a, b) for test, _ in _RULES)


def conflicts(a: Facts, b: Facts, names: Names | None = None) -> list[str]:
    """Every reason two mentions (or merged events) are not one happening, in words;
    ``names`` gives actor names for ids."""
    return [say(a, b, names or {}) for test, say in _RULES if test(a, b)]


def _compatible(a: _Mention, b: _Mention) -> bool:
    return compatible(a.facts, b.facts)


def _agreement(a: _Mention, b: _Mention) -> str | None:
    """Why two mentions are the same event, or None when anything conflicts."""
    if not _compatible(a, b):
        return None
    ea, eb = a.event, b.event
    shared = sorted(a.participants & b.participants)
    when = f"{a.time.value or a.time.latest} ~ {b.time.value or b.time.latest}"
    words = f"trigger '{ea.lemma}'" if ea.lemma == eb.lemma else f"'{ea.lemma}' / '{eb.lemma}'"
    return (
        f"type {ea.type.value}, {words}; participants "
        f"{'shared: ' + ', '.join(shared) if shared else 'not in conflict'}; times compatible "
        f"({when}); polarity {ea.polarity.value}"
    )


def _best_told(events: list[Event]) -> Event:
    """The mention whose headline says most: asserted before reported before planned, then
    the most participants, then the longest headline, then text order."""
    return min(
        events,
        key=lambda e: (
            _MODALITY_STRENGTH.index(e.modality),
            -(len(e.agents) + len(e.targets)),
            -len(e.headline.split()),
        ),
    )


def _node_time(cluster: list[tuple[_Mention, MergeStep | None]]) -> EventTime:
    """The merged node's time, from the mentions whose times the merge trusts when any of them
    says something (``_trusted_time``), else from all: a day worked out from --default-date
    or from a guessed publication date never stands in for one an article gives."""
    trusted = [m.time for m, _ in cluster if m.time.value or times.has_bounds(m.time)]
    return times.merge(trusted or [m.event.time for m, _ in cluster])


def _merged(cluster: list[tuple[_Mention, MergeStep | None]]) -> ResolvedEvent:
    first = cluster[0][0]
    events = [m.event for m, _ in cluster]
    event_id = f"event-{digest(first.article_id, first.event.start, first.event.end)}"
    merges = [step for _, step in cluster if step is not None]
    quantities = {(q.value, q.unit, q.mod, q.text): q for e in events for q in e.quantities}
    told = _best_told(events)
    # mentions agree on the type or leave it OTHER (_other_sense): the typed one tells it
    kind = next((e.type for e in events if e.type != EventType.OTHER), EventType.OTHER)
    return ResolvedEvent(
        id=event_id,
        type=kind,
        mode=next((e.mode for e in events if e.type == kind and e.mode), None),
        headline=told.headline,
        trigger=first.event.trigger,
        lemma=first.event.lemma,
        agents=sorted(set().union(*(m.agents for m, _ in cluster))),
        targets=sorted(set().union(*(m.targets for m, _ in cluster))),
        location=next(
            (m.location for m, _ in cluster if m.event.location_source == "text"), first.location
        ),
        location_source=next(
            (m.event.location_source for m, _ in cluster if m.event.location_source == "text"),
            first.event.location_source,
        ),
        time=_node_time(cluster),
        polarity=first.event.polarity,
        modality=min((e.modality for e in events), key=_MODALITY_STRENGTH.index),
        attributions=sorted({m.attribution for m, _ in cluster if m.attribution}),
        attribution_texts=sorted({e.attribution_text for e in events if e.attribution_text}),
        quantities=[quantities[k] for k in sorted(quantities, key=str)],
        sources=[
            Source(local_id=m.event.id, text=m.event.trigger, provenance=m.event.provenance)
            for m, _ in cluster
        ],
        merges=merges,
        stories=sorted({m.story for m, _ in cluster}),
    )
