"""The QA report's checks: pure functions from the graph model to findings (no rendering).

Findings are frozen dataclasses (pure data; cheap to make by the hundred thousand). Every
check is blocked (actors by name key, last word, one-deletion variant and acronym; events by
type and lemma, then by participant), so it stays fast on 10,000 actors and events.

A build's events and actors stay in files (``stored.StoredList``: each read unpickles one), so
the checks read each list once, all together (``one_pass``: each check ``add``s an item as it
goes by), and keep small keys per item: ids, sort keys, its index in the list. A list of
findings (``Found``) holds those keys and makes a finding when it is read, reading its event
or actor back: the report reads only the findings it shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Generic, NamedTuple, Protocol, TypeVar, overload

from ..graph.rdf import build_rdf
from ..graph.rdf_terms import PREFIXES
from ..graph.rdf_triples import SortedTriples
from ..models import (
    ActorType,
    ArticleInfo,
    EventTime,
    Geo,
    KnowledgeGraph,
    Quantity,
    ResolvedActor,
    ResolvedEvent,
    Source,
    Story,
)
from ..resolve import times
from ..resolve.actor_rules import ActorFacts, ActorRules, node_facts
from ..resolve.events import Facts, conflicts, facts_of
from ..resolve.names import acronym_of, initials, is_acronym, org_key, person_name
from ..vocab import ID_BASE
from .report_shacl import ShaclResult, literal_parts, load_shapes, validate_triples

K = TypeVar("K")
T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)

# --------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Where:
    """The sentence to check a finding against."""

    article_id: str
    sentence_index: int
    sentence: str
    text: str  # the mention's words, to show the right part of a long sentence


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    type: str
    where: Where | None = None


@dataclass(frozen=True)
class EventRef:
    id: str
    type: str
    trigger: str
    lemma: str
    time: str = ""
    where: Where | None = None


@dataclass(frozen=True)
class ActorPair:
    first: ActorRef
    second: ActorRef
    rule: str  # same-name | surname | spelling | acronym
    why_apart: str
    ambiguous: bool = False  # rests on a bare surname that several full names end in


@dataclass(frozen=True)
class EventPair:
    first: EventRef
    second: EventRef
    shared: list[str]  # names of the participants they share
    kept_apart_by: list[str]  # the attributes that differ, in words


@dataclass(frozen=True)
class OverMerge:
    """A merged event an analyst should look at: why it may be two happenings."""

    event: EventRef
    reasons: list[str]


@dataclass(frozen=True)
class StoryRow:
    id: str
    label: str
    articles: int
    events: int


@dataclass(frozen=True)
class DateFallback:
    event: EventRef
    source: str  # publication_date | report


@dataclass(frozen=True)
class ArticleDate:
    id: str
    title: str | None
    published: date
    published_source: str


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    value: str
    message: str
    severity: str


@dataclass(frozen=True)
class ShaclCheck:
    ran: bool
    conforms: bool | None = None
    violations: list[Violation] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class Figure:
    value: float
    text: str
    mod: str | None = None
    article_id: str | None = None  # None: no source sentence holds the figure
    published: date | None = None
    sentence_index: int | None = None
    sentence: str | None = None
    also_in: list[str] = field(default_factory=list)  # other articles holding it (ambiguous)


@dataclass(frozen=True)
class QuantityConflict:
    event: EventRef
    unit: str
    figures: list[Figure]  # every figure, most recent source first
    current: Figure


# --------------------------------------------------------------------------- passes


class Check(Protocol[T_contra]):
    """A check fed the items of a list one at a time, each with its index (to read it back)."""

    def add(self, index: int, item: T_contra) -> None: ...


def one_pass(items: Iterable[T], *checks: Check[T]) -> None:
    """Every item to every check: a stored list is read once for all of them."""
    for index, item in enumerate(items):
        for check in checks:
            check.add(index, item)


class Found(Sequence[T], Generic[K, T]):
    """Findings in order, each kept as a small key and made when read (``make``, which reads
    its event or actor back). Equal to any sequence of the same findings, as a list is."""

    __slots__ = ("_keys", "_make")

    def __init__(self, keys: list[K], make: Callable[[K], T]) -> None:
        self._keys = keys
        self._make = make

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(key) for key in self._keys[index]]
        return self._make(self._keys[index])

    def __iter__(self) -> Iterator[T]:
        return map(self._make, self._keys)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # compared as a list is: not hashable

    def __repr__(self) -> str:  # not the findings: that would read them all back
        return f"<Found: {len(self)} findings>"


class _EventKey(NamedTuple):
    id: str
    at: int  # in the graph's events


# --------------------------------------------------------------------------- references


def where(sources: list[Source]) -> Where | None:
    """The first mention (by article id, then offset): where a reader checks the finding."""
    if not sources:
        return None
    first = min(sources, key=lambda s: (s.provenance.article_id, s.provenance.start, s.text))
    prov = first.provenance
    return Where(
        article_id=prov.article_id,
        sentence_index=prov.sentence_index,
        sentence=prov.sentence,
        text=first.text,
    )


@dataclass(frozen=True)
class PlaceRow:
    """A place node and where the gazetteer put it (``geo`` None: nowhere)."""

    actor: ActorRef
    geo: Geo | None


@dataclass(frozen=True)
class PlaceCheck:
    """STATE and PLACE nodes on the map (resolve.places): how many, at which precision, and
    the ones to look at: placed on a guess (``unsure``) or not placed at all."""

    places: int
    by_precision: dict[str, int]
    unsure: Sequence[PlaceRow]
    unplaced: Sequence[PlaceRow]


class _PlaceKey(NamedTuple):
    mentions: int  # negated: the most mentioned first
    id: str
    at: int  # in the graph's actors


class Places:
    """``place_check`` in a pass: the places counted and the ones to look at kept by key."""

    def __init__(self) -> None:
        self._places = 0
        self._precisions: Counter[str] = Counter()
        self._unsure: list[_PlaceKey] = []
        self._unplaced: list[_PlaceKey] = []

    def add(self, index: int, actor: ResolvedActor) -> None:
        if actor.type not in (ActorType.STATE, ActorType.PLACE):
            return
        self._places += 1
        key = _PlaceKey(-len(actor.sources), actor.id, index)
        if actor.geo is None:
            self._unplaced.append(key)
            return
        self._precisions[actor.geo.precision.value] += 1
        if not actor.geo.sure:
            self._unsure.append(key)

    def found(self, actors: Sequence[ResolvedActor]) -> PlaceCheck:
        def row(key: _PlaceKey) -> PlaceRow:
            actor = actors[key.at]
            return PlaceRow(actor_ref(actor), actor.geo)

        return PlaceCheck(
            places=self._places,
            by_precision=dict(sorted(self._precisions.items())),
            unsure=Found(sorted(self._unsure), row),
            unplaced=Found(sorted(self._unplaced), row),
        )


def place_check(actors: Sequence[ResolvedActor]) -> PlaceCheck:
    """The places of the graph: guesses first by how often they are mentioned, then the
    names the gazetteer does not know, the same way."""
    places = Places()
    one_pass(actors, places)
    return places.found(actors)


def actor_ref(actor: ResolvedActor) -> ActorRef:
    return ActorRef(id=actor.id, name=actor.name, type=actor.type.value, where=where(actor.sources))


def event_ref(event: ResolvedEvent) -> EventRef:
    return EventRef(
        id=event.id,
        type=event.type.value,
        trigger=event.trigger,
        lemma=event.lemma,
        time=describe_time(event.time),
        where=where(event.sources),
    )


describe_time = times.describe  # one wording of a time, in resolve/times.py


def has_date(time: EventTime) -> bool:
    return time.value is not None or time.earliest is not None or time.latest is not None


# --------------------------------------------------------------------------- actors

# Which pairs the report shows is the report's own search (names close enough for a reader to
# check); why each pair was left apart is asked of the resolver's rules (resolve.actor_rules).
RULES = ("same-name", "surname", "spelling", "acronym")
ACTOR_WINDOW = 25  # in a large block, each actor is compared with its 25 next by id
SPELLING_MIN_LETTERS = 6
# Longer names are not looked at for one-letter spelling variants: each name gives one key
# per letter, each as long as the name, so a 200,000-character "name" (a run of symbols
# spaCy took for one) made 40 billion characters of keys and the build was killed.
SPELLING_MAX_CHARS = 100


class _Name:
    """An actor's comparison keys, computed once, by the resolver's normalisation, and where
    it is in the graph's actors (``at``: read back only if it is in a pair)."""

    def __init__(self, at: int, facts: ActorFacts) -> None:
        self.at = at
        self.id = facts.ref  # a node's facts go by its id (``node_facts``)
        self.facts = facts
        self.person = facts.type == ActorType.PERSON
        parsed = person_name(facts.name) if self.person else None
        if parsed is not None:
            self.tokens = [*([parsed.first] if parsed.first else []), *parsed.middle, parsed.last]
        else:
            self.tokens = org_key(facts.name).split()
        self.key = " ".join(self.tokens)
        self.letters = sum(c.isalpha() for c in self.key)
        self.is_acronym = is_acronym(facts.name)
        self.acronym = acronym_of(facts.name) or initials(facts.name) or ""


class _Pairs:
    """The pairs found so far: the first rule that matches a pair is the one reported."""

    def __init__(self, named: list[tuple[int, ActorFacts]]) -> None:
        # an unnamed group ('police', 'analysts') is one actor per story by design: a
        # thousand stories' police are not a thousand likely duplicates
        self.rules = ActorRules([f for _, f in named])
        self.names = [_Name(i, f) for i, f in named if not f.generic]
        # each pair's key as the report sorts it, made once: 570,000 pairs at 10,000 articles
        self.found: dict[tuple[int, int], _ActorPairKey] = {}
        # ... sharing their reasons' texts: those 570,000 pairs had 1,392 (100 MB as copies)
        self.texts: dict[str, str] = {}

    def add(self, i: int, j: int, rule: str) -> None:
        a, b = self.names[i], self.names[j]
        pair = (i, j) if a.id < b.id else (j, i)
        if i == j or pair in self.found:
            return
        if self.rules.hard_apart(a.facts, b.facts):
            return  # a person and a place, two countries: never a likely duplicate
        together = self.rules.why_together(a.facts, b.facts)
        if together:
            why = (
                f"the merge rules join them ({together[0][1]}): they come from different "
                "stories, or the graph was built by another version"
            )
        else:
            why = "; ".join(self.rules.why_apart(a.facts, b.facts))
        why = self.texts.setdefault(why, why)
        ambiguous = self.rules.ambiguous_surname(a.facts, b.facts) >= 2
        first, second = self.names[pair[0]], self.names[pair[1]]
        self.found[pair] = _ActorPairKey(
            ambiguous, RULES.index(rule), first.id, second.id, first.at, second.at, rule, why
        )

    def blocks(self, keys: Callable[[_Name], Iterable[str]]) -> Iterable[tuple[int, int]]:
        """Pairs of actors sharing a key: only actors in one block are ever compared, each
        with the next ``ACTOR_WINDOW`` of its block (by id), so a name a thousand actors
        bear costs linear time, not half a million pairs."""
        index: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(self.names):
            for key in set(keys(n)):
                index[key].append(i)
        for members in index.values():
            for place, i in enumerate(members):
                for j in members[place + 1 : place + 1 + ACTOR_WINDOW]:
                    yield i, j

    def search(self) -> None:
        """Each search of ``RULES``, in that order."""
        names = self.names
        for i, j in self.blocks(lambda n: [f"{n.person}:{n.key}"]):
            self.add(i, j, "same-name")
        for i, j in self.blocks(lambda n: [n.tokens[-1]] if n.person and n.tokens else []):
            short, long = sorted((names[i], names[j]), key=lambda n: len(n.tokens))
            if len(short.tokens) < len(long.tokens) and set(short.tokens) < set(long.tokens):
                self.add(i, j, "surname")
        for i, j in self.blocks(_deletions):
            a, b = names[i], names[j]
            if a.key != b.key and within_one_edit(a.key, b.key):
                self.add(i, j, "spelling")
        for i, j in self.blocks(lambda n: [n.acronym] if n.acronym and not n.person else []):
            short, long = sorted((names[i], names[j]), key=lambda n: not n.is_acronym)
            if short.is_acronym and not long.is_acronym:
                self.add(i, j, "acronym")


class _ActorPairKey(NamedTuple):
    ambiguous: bool
    rule_rank: int  # in RULES
    first_id: str
    second_id: str
    first: int  # indices in the graph's actors
    second: int
    rule: str
    why_apart: str


class DuplicateActors:
    """``duplicate_actors`` in a pass: each named actor's facts as it goes by, the search
    once all are in (``found``)."""

    def __init__(self, stories: Mapping[str, str] | None = None) -> None:
        self._stories = stories
        self._named: list[tuple[int, ActorFacts]] = []

    def add(self, index: int, actor: ResolvedActor) -> None:
        if actor.name.strip():
            self._named.append((index, node_facts(actor, self._stories)))

    def found(self, actors: Sequence[ResolvedActor]) -> Found[_ActorPairKey, ActorPair]:
        pairs = _Pairs(self._named)
        pairs.search()
        keys = sorted(pairs.found.values(), key=lambda key: key[:4])
        del pairs  # the search's names, rules and found pairs: only the keys are kept

        def pair(key: _ActorPairKey) -> ActorPair:
            return ActorPair(
                first=actor_ref(actors[key.first]),
                second=actor_ref(actors[key.second]),
                rule=key.rule,
                why_apart=key.why_apart,
                ambiguous=key.ambiguous,
            )

        return Found(keys, pair)


def duplicate_actors(
    actors: Sequence[ResolvedActor], stories: Mapping[str, str] | None = None
) -> Sequence[ActorPair]:
    """Pairs of distinct actors of one family (persons, or everything else) whose names are
    close, each found by the first search that matches, in the order of ``RULES``, with why
    the resolver's rules left them apart (``ActorRules.why_apart``). Pairs that rest on an
    ambiguous bare surname come last. ``stories`` as given to ``resolve``."""
    check = DuplicateActors(stories)
    one_pass(actors, check)
    return check.found(actors)


def _deletions(n: _Name) -> list[str]:
    """The name and its one-letter deletions: two names one edit apart share one of them.
    Digits are never dropped: 'Brigade 5' and 'Brigade 6' are not a spelling variant; names
    over ``SPELLING_MAX_CHARS`` are not looked at."""
    if n.letters < SPELLING_MIN_LETTERS or len(n.key) > SPELLING_MAX_CHARS:
        return []
    key = n.key
    variants = {key} | {key[:k] + key[k + 1 :] for k in range(len(key)) if not key[k].isdigit()}
    return [f"{n.person}:{v}" for v in variants]


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance <= 1."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


# --------------------------------------------------------------------------- events

EVENT_WINDOW = 25  # in a large block, each event is compared with its 25 next in date order
RECENT_EVENTS = 512  # events whose facts the duplicate search keeps after reading them


class _Member(NamedTuple):
    """An event in a block, as it sorts there (date, then id), and where it is."""

    day: date
    id: str
    at: int  # in the graph's events


class _EventPairKey(NamedTuple):
    """A pair as it sorts (fewest differences first, then by ids) and where its events are:
    what kept them apart is worded again when the pair is read (there may be millions)."""

    differences: int
    first_id: str
    second_id: str
    first: int  # in the graph's events
    second: int


class DuplicateEvents:
    """``duplicate_events`` in a pass: each event's blocks as it goes by (its date, id and
    place in each), the comparisons once all are in (``found``)."""

    def __init__(self) -> None:
        self._blocks: dict[tuple[str, str], dict[str, list[_Member]]] = defaultdict(
            lambda: defaultdict(list)
        )

    def add(self, index: int, event: ResolvedEvent) -> None:
        member = _Member(_time_key(event.time), event.id, index)
        for actor_id in {*event.agents, *event.targets}:
            self._blocks[(event.type.value, event.lemma.lower())][actor_id].append(member)

    def found(
        self,
        events: Sequence[ResolvedEvent],
        names: Mapping[str, str],
        people: AbstractSet[str],
    ) -> Found[_EventPairKey, EventPair]:
        # each event's facts, read back: a block's events are compared with their next
        # EVENT_WINDOW in order, so each is read about once per block it is in
        facts = lru_cache(maxsize=RECENT_EVENTS)(lambda at: facts_of(events[at], people))
        keys = []
        for a, b in self._pairs():
            kept_apart_by = _kept_apart(facts(a.at), facts(b.at), names)
            keys.append(_EventPairKey(len(kept_apart_by), a.id, b.id, a.at, b.at))
        keys.sort()  # by differences and ids: no two pairs have the same ids

        def pair(key: _EventPairKey) -> EventPair:
            first, second = events[key.first], events[key.second]
            return EventPair(
                first=event_ref(first),
                second=event_ref(second),
                shared=_shared(first, second, names),
                kept_apart_by=differences(first, second, names, people),
            )

        return Found(keys, pair)

    def _pairs(self) -> Iterator[tuple[_Member, _Member]]:
        """Each pair once (the lower id first), block by block: inside a participant's
        events, in date order, each with the next ``EVENT_WINDOW``."""
        seen: set[tuple[str, str]] = set()
        for key in sorted(self._blocks):
            for actor_id in sorted(self._blocks[key]):
                group = sorted(self._blocks[key][actor_id])  # by date, id, then as added
                for i, a in enumerate(group):
                    for b in group[i + 1 : i + 1 + EVENT_WINDOW]:
                        first, second = (a, b) if a.id <= b.id else (b, a)
                        if (first.id, second.id) in seen or first.id == second.id:
                            continue
                        seen.add((first.id, second.id))
                        yield first, second


def _shared(a: ResolvedEvent, b: ResolvedEvent, names: Mapping[str, str]) -> list[str]:
    """The names of the participants two events share, sorted."""
    shared = {*a.agents, *a.targets} & {*b.agents, *b.targets}
    return sorted(names.get(s, s) for s in shared)


def duplicate_events(
    events: Sequence[ResolvedEvent], names: Mapping[str, str], people: AbstractSet[str]
) -> Sequence[EventPair]:
    """Distinct events of the same type and lemma that share a participant, with what kept
    them apart. Blocked by (type, lemma), then by participant; inside a participant's events
    (in date order) each is compared with the next ``EVENT_WINDOW``, so a hub actor with
    thousands of events costs linear time."""
    check = DuplicateEvents()
    one_pass(events, check)
    return check.found(events, names, people)


def _time_key(time: EventTime) -> date:
    return time.earliest or time.latest or date.max


def differences(
    a: ResolvedEvent, b: ResolvedEvent, names: Mapping[str, str], people: AbstractSet[str]
) -> list[str]:
    """What the resolver would refuse to merge on, read from the two merged nodes by the
    resolver's own rules (``resolve.events.conflicts``); ``people`` is kept for callers."""
    return _kept_apart(facts_of(a, people), facts_of(b, people), names)


def _kept_apart(a: Facts, b: Facts, names: Mapping[str, str]) -> list[str]:
    """``differences`` of two merged nodes' facts."""
    return conflicts(a, b, names) or [
        "no conflict between the merged nodes: a mention of one conflicts with a mention "
        "merged into the other (each mention must agree with every member of its node)"
    ]


class OverMerges:
    """``over_merges`` in a pass: the events drawn from several stories, by key; ``found``
    adds those with conflicting figures."""

    def __init__(self) -> None:
        self._keys: list[_EventKey] = []

    def add(self, index: int, event: ResolvedEvent) -> None:
        if len(event.stories) > 1:
            self._keys.append(_EventKey(event.id, index))

    def found(
        self, events: Sequence[ResolvedEvent], figures: QuantityConflicts
    ) -> Found[_EventKey, OverMerge]:
        conflicting = {key.id for key in figures.events}

        def over_merge(key: _EventKey) -> OverMerge:
            event = events[key.at]
            return OverMerge(event_ref(event), _over_merge_reasons(event, key.id in conflicting))

        return Found(sorted({*self._keys, *figures.events}), over_merge)


def _over_merge_reasons(event: ResolvedEvent, conflicting: bool) -> list[str]:
    reasons = []
    if len(event.stories) > 1:
        stories = ", ".join(event.stories)
        reasons.append(f"mentions from {len(event.stories)} stories: {stories}")
    if conflicting:
        reasons.append("conflicting figures (section 7)")
    return reasons


def over_merges(kg: KnowledgeGraph) -> Sequence[OverMerge]:
    """Merged events whose mentions may be more than one happening: drawn from several
    stories (a merge the resolver allowed only on strong evidence), or told with figures
    that conflict."""
    figures = QuantityConflicts({a.id: a.published for a in kg.articles})
    merged = OverMerges()
    one_pass(kg.events, figures, merged)
    return merged.found(kg.events, figures)


class StoryEvents:
    """How many events each story has, counted as they go by."""

    def __init__(self) -> None:
        self._events: Counter[str] = Counter()

    def add(self, index: int, event: ResolvedEvent) -> None:
        self._events.update(event.stories)

    def rows(self, stories: Iterable[Story]) -> list[StoryRow]:
        """Each story with its size, largest first."""
        rows = [StoryRow(s.id, s.label, len(s.articles), self._events[s.id]) for s in stories]
        return sorted(rows, key=lambda r: (-r.articles, r.id))


def story_rows(kg: KnowledgeGraph) -> list[StoryRow]:
    """Each story with its size, largest first."""
    counts = StoryEvents()
    one_pass(kg.events, counts)
    return counts.rows(kg.stories)


class EventsWhere:
    """The events ``test`` holds for, by id, each kept as its id and index."""

    def __init__(self, test: Callable[[ResolvedEvent], bool]) -> None:
        self._test = test
        self._keys: list[_EventKey] = []

    def add(self, index: int, event: ResolvedEvent) -> None:
        if self._test(event):
            self._keys.append(_EventKey(event.id, index))

    def found(self, events: Sequence[ResolvedEvent]) -> Found[_EventKey, EventRef]:
        return Found(sorted(self._keys), lambda key: event_ref(events[key.at]))


# --------------------------------------------------------------------------- dates


FALLBACK_SOURCES = frozenset({"publication_date", "report"})


class _FallbackKey(NamedTuple):
    source: str
    id: str
    at: int  # in the graph's events


class DateFallbacks:
    """``date_fallbacks`` in a pass, each kept as its time source, id and index."""

    def __init__(self) -> None:
        self._keys: list[_FallbackKey] = []

    def add(self, index: int, event: ResolvedEvent) -> None:
        if event.time.source in FALLBACK_SOURCES:
            self._keys.append(_FallbackKey(event.time.source, event.id, index))

    def by_source(self) -> dict[str, int]:
        """How many events each time source dated, by source."""
        return dict(sorted(Counter(key.source for key in self._keys).items()))

    def found(self, events: Sequence[ResolvedEvent]) -> Found[_FallbackKey, DateFallback]:
        def fallback(key: _FallbackKey) -> DateFallback:
            return DateFallback(event=event_ref(events[key.at]), source=key.source)

        return Found(sorted(self._keys), fallback)


def date_fallbacks(events: Sequence[ResolvedEvent]) -> Sequence[DateFallback]:
    """Events not dated by a time expression: placed by the publication date or a report
    (not those whose time is unknown: they are events with no date)."""
    check = DateFallbacks()
    one_pass(events, check)
    return check.found(events)


def inferred_publication_dates(articles: Iterable[ArticleInfo]) -> list[ArticleDate]:
    """Articles whose date was not read from their metadata: found in a URL or a date line,
    guessed from the body, or given by --default-date (``published_source``)."""
    found = []
    for article in articles:
        source = article.published_source
        if source != "metadata":
            found.append(
                ArticleDate(
                    id=article.id,
                    title=article.title,
                    published=article.published,
                    published_source=str(source),
                )
            )
    return sorted(found, key=lambda a: a.id)


# --------------------------------------------------------------------------- quantities


class _ConflictKey(NamedTuple):
    event_id: str
    unit: str
    at: int  # in the graph's events


class QuantityConflicts:
    """``quantity_conflicts`` in a pass, each kept as its event's id, the unit and where the
    event is; ``events`` are the events with a conflict, by key."""

    def __init__(self, published: Mapping[str, date]) -> None:
        self._published = published
        self._keys: list[_ConflictKey] = []
        self.events: list[_EventKey] = []

    def add(self, index: int, event: ResolvedEvent) -> None:
        units = [c.unit for c in event_quantity_conflicts(event, self._published)]
        self._keys += [_ConflictKey(event.id, unit, index) for unit in units]
        if units:
            self.events.append(_EventKey(event.id, index))

    def found(self, events: Sequence[ResolvedEvent]) -> Found[_ConflictKey, QuantityConflict]:
        def conflict(key: _ConflictKey) -> QuantityConflict:
            found = event_quantity_conflicts(events[key.at], self._published)
            return next(c for c in found if c.unit == key.unit)

        return Found(sorted(self._keys), conflict)


def quantity_conflicts(
    events: Sequence[ResolvedEvent], published: Mapping[str, date]
) -> Sequence[QuantityConflict]:
    """Within one event, figures for the same unit that differ and come from different
    mentions ("two death tolls"); two figures in one sentence ("288 candidates ... 37 of
    the candidates") are a whole and its part, not a conflict.

    Policy: the figure from the most recently published source is current; on equal dates
    the largest. A figure's source is the mention whose sentence holds its text at its
    offsets; figures no sentence holds sort as the oldest."""
    check = QuantityConflicts(published)
    one_pass(events, check)
    return check.found(events)


def event_quantity_conflicts(
    event: ResolvedEvent, published: Mapping[str, date]
) -> list[QuantityConflict]:
    """``quantity_conflicts`` of one event, by unit."""
    found = []
    by_unit: dict[str, list[Quantity]] = defaultdict(list)
    for quantity in event.quantities:
        if quantity.unit:
            by_unit[quantity.unit].append(quantity)
    for unit in sorted(by_unit):
        figures = [figure(q, event.sources, published) for q in by_unit[unit]]
        if not any(
            a.value != b.value and not _same_mention(a, b) for a, b in combinations(figures, 2)
        ):
            continue
        figures.sort(key=lambda f: (-_day(f.published), -f.value, f.text, f.article_id or ""))
        found.append(
            QuantityConflict(event=event_ref(event), unit=unit, figures=figures, current=figures[0])
        )
    return found


def _same_mention(a: Figure, b: Figure) -> bool:
    """Both figures from one sentence of one article (unknown sources count as different)."""
    return a.article_id is not None and (a.article_id, a.sentence_index) == (
        b.article_id,
        b.sentence_index,
    )


def _day(day: date | None) -> int:
    return day.toordinal() if day else 0


def figure(quantity: Quantity, sources: list[Source], published: Mapping[str, date]) -> Figure:
    """The figure with the article it came from: the source mention whose sentence has the
    figure's text at a place consistent with both the figure's and the trigger's offsets."""
    holders: dict[str, Source] = {}
    for source in sources:
        prov, sentence = source.provenance, source.provenance.sentence
        at = sentence.find(quantity.text) if quantity.text else -1
        while at != -1:
            start = quantity.start - at  # where the sentence would start in the article
            if start <= prov.start and prov.end <= start + len(sentence):
                holders.setdefault(prov.article_id, source)
                break
            at = sentence.find(quantity.text, at + 1)
    ranked = sorted(holders, key=lambda a: (-_day(published.get(a)), a))
    best = ranked[0] if ranked else None
    return Figure(
        value=quantity.value,
        text=quantity.text,
        mod=quantity.mod,
        article_id=best,
        published=published.get(best) if best else None,
        sentence_index=holders[best].provenance.sentence_index if best else None,
        sentence=holders[best].provenance.sentence if best else None,
        also_in=ranked[1:],
    )


# --------------------------------------------------------------------------- SHACL


def shapes_file() -> Path | None:
    """``shapes.ttl`` from the ``timelinegraph.schemas`` data package (the repo's ``schemas/``)."""
    packaged = resources.files("timelinegraph.schemas").joinpath("shapes.ttl")
    return Path(str(packaged)) if packaged.is_file() else None


def shacl_check(
    kg: KnowledgeGraph, shapes: Path | None = None, triples: SortedTriples | None = None
) -> ShaclCheck:
    """Validate ``build_rdf(kg)`` against the shapes (the Turtle export's very triples; see
    ``report_shacl``); ``triples``: those, built already (``graph.built``)."""
    shapes = shapes or shapes_file()
    if shapes is None:
        return ShaclCheck(
            ran=False,
            note="shapes.ttl is missing from the installed timelinegraph.schemas package",
        )
    results = validate_triples(build_rdf(kg) if triples is None else triples, load_shapes(shapes))
    violations = [_violation(result) for result in results]
    violations.sort(key=lambda v: (v.focus, v.path, v.value, v.message, v.severity))
    return ShaclCheck(ran=True, conforms=not violations, violations=violations)


def _violation(result: ShaclResult) -> Violation:
    return Violation(
        focus=_short(result.focus),
        path=_short(result.path),
        value="" if result.value is None else _short(result.value),
        message=result.message,
        severity=result.severity,
    )


_SHORT = sorted(
    [(ID_BASE, ""), *((ns, f"{p}:") for p, ns in PREFIXES.items())],
    key=lambda item: -len(item[0]),
)


def _short(term: str) -> str:
    """An N-Triples term as the report shows it: an IRI prefixed, a literal's lexical form."""
    if term.startswith("<"):
        text = term[1:-1]
        for namespace, prefix in _SHORT:
            if text.startswith(namespace):
                return prefix + text[len(namespace) :]
        return text
    literal = literal_parts(term)
    return term if literal is None else literal[0]
