"""The QA report's checks: pure functions from the graph model to findings (no rendering).

Findings are frozen dataclasses (pure data; cheap to make by the hundred thousand). Every
check is blocked (actors by name key, last word, one-deletion variant and acronym; events by
type and lemma, then by participant), so it stays fast on 10,000 actors and events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from itertools import combinations
from pathlib import Path

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
)
from ..resolve import times
from ..resolve.actor_rules import ActorFacts, ActorRules, node_facts
from ..resolve.events import conflicts, facts_of
from ..resolve.names import acronym_of, initials, is_acronym, org_key, person_name
from ..vocab import ID_BASE
from .report_shacl import ShaclResult, literal_parts, load_shapes, validate_triples

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
    unsure: list[PlaceRow]
    unplaced: list[PlaceRow]


def place_check(actors: list[ResolvedActor]) -> PlaceCheck:
    """The places of the graph: guesses first by how often they are mentioned, then the
    names the gazetteer does not know, the same way."""
    places = [a for a in actors if a.type in (ActorType.STATE, ActorType.PLACE)]
    placed = [a for a in places if a.geo is not None]

    def rows(chosen: list[ResolvedActor]) -> list[PlaceRow]:
        ordered = sorted(chosen, key=lambda a: (-len(a.sources), a.id))
        return [PlaceRow(actor_ref(a), a.geo) for a in ordered]

    return PlaceCheck(
        places=len(places),
        by_precision=dict(sorted(Counter(a.geo.precision.value for a in placed if a.geo).items())),
        unsure=rows([a for a in placed if a.geo is not None and not a.geo.sure]),
        unplaced=rows([a for a in places if a.geo is None]),
    )


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
    """An actor's comparison keys, computed once, by the resolver's normalisation."""

    def __init__(self, actor: ResolvedActor, facts: ActorFacts) -> None:
        self.actor = actor
        self.facts = facts
        self.person = actor.type == ActorType.PERSON
        parsed = person_name(actor.name) if self.person else None
        if parsed is not None:
            self.tokens = [*([parsed.first] if parsed.first else []), *parsed.middle, parsed.last]
        else:
            self.tokens = org_key(actor.name).split()
        self.key = " ".join(self.tokens)
        self.letters = sum(c.isalpha() for c in self.key)
        self.is_acronym = is_acronym(actor.name)
        self.acronym = acronym_of(actor.name) or initials(actor.name) or ""


class _Pairs:
    """The pairs found so far: the first rule that matches a pair is the one reported."""

    def __init__(self, actors: Iterable[ResolvedActor], stories: Mapping[str, str] | None) -> None:
        named = [(a, node_facts(a, stories)) for a in actors if a.name.strip()]
        # an unnamed group ('police', 'analysts') is one actor per story by design: a
        # thousand stories' police are not a thousand likely duplicates
        kept = [(a, f) for a, f in named if not f.generic]
        self.rules = ActorRules([f for _, f in named])
        self.names = [_Name(a, f) for a, f in kept]
        self.found: dict[tuple[int, int], tuple[str, str, bool]] = {}

    def add(self, i: int, j: int, rule: str) -> None:
        a, b = self.names[i], self.names[j]
        pair = (i, j) if a.actor.id < b.actor.id else (j, i)
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
        ambiguous = self.rules.ambiguous_surname(a.facts, b.facts) >= 2
        self.found[pair] = (rule, why, ambiguous)

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


def duplicate_actors(
    actors: Iterable[ResolvedActor], stories: Mapping[str, str] | None = None
) -> list[ActorPair]:
    """Pairs of distinct actors of one family (persons, or everything else) whose names are
    close, each found by the first search that matches, in the order of ``RULES``, with why
    the resolver's rules left them apart (``ActorRules.why_apart``). Pairs that rest on an
    ambiguous bare surname come last. ``stories`` as given to ``resolve``."""
    pairs = _Pairs(actors, stories)
    names = pairs.names
    for i, j in pairs.blocks(lambda n: [f"{n.person}:{n.key}"]):
        pairs.add(i, j, "same-name")
    for i, j in pairs.blocks(lambda n: [n.tokens[-1]] if n.person and n.tokens else []):
        short, long = sorted((names[i], names[j]), key=lambda n: len(n.tokens))
        if len(short.tokens) < len(long.tokens) and set(short.tokens) < set(long.tokens):
            pairs.add(i, j, "surname")
    for i, j in pairs.blocks(_deletions):
        a, b = names[i], names[j]
        if a.key != b.key and within_one_edit(a.key, b.key):
            pairs.add(i, j, "spelling")
    for i, j in pairs.blocks(lambda n: [n.acronym] if n.acronym and not n.person else []):
        short, long = sorted((names[i], names[j]), key=lambda n: not n.is_acronym)
        if short.is_acronym and not long.is_acronym:
            pairs.add(i, j, "acronym")
    refs = {n.actor.id: actor_ref(n.actor) for n in names}
    found = [
        ActorPair(
            first=refs[names[i].actor.id],
            second=refs[names[j].actor.id],
            rule=rule,
            why_apart=why,
            ambiguous=ambiguous,
        )
        for (i, j), (rule, why, ambiguous) in pairs.found.items()
    ]
    return sorted(found, key=lambda p: (p.ambiguous, RULES.index(p.rule), p.first.id, p.second.id))


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


def duplicate_events(
    events: Iterable[ResolvedEvent], names: dict[str, str], people: AbstractSet[str]
) -> list[EventPair]:
    """Distinct events of the same type and lemma that share a participant, with what kept
    them apart. Blocked by (type, lemma), then by participant; inside a participant's events
    (in date order) each is compared with the next ``EVENT_WINDOW``, so a hub actor with
    thousands of events costs linear time."""
    blocks: dict[tuple[str, str], dict[str, list[ResolvedEvent]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for event in events:
        for actor_id in {*event.agents, *event.targets}:
            blocks[(event.type.value, event.lemma.lower())][actor_id].append(event)
    seen: set[tuple[str, str]] = set()
    refs: dict[str, EventRef] = {}

    def ref(event: ResolvedEvent) -> EventRef:
        if event.id not in refs:
            refs[event.id] = event_ref(event)
        return refs[event.id]

    pairs = []
    for key in sorted(blocks):
        for actor_id in sorted(blocks[key]):
            group = sorted(blocks[key][actor_id], key=lambda e: (_time_key(e.time), e.id))
            for i, a in enumerate(group):
                for b in group[i + 1 : i + 1 + EVENT_WINDOW]:
                    first, second = sorted((a, b), key=lambda e: e.id)
                    if (first.id, second.id) in seen or first.id == second.id:
                        continue
                    seen.add((first.id, second.id))
                    shared = {*first.agents, *first.targets} & {*second.agents, *second.targets}
                    pairs.append(
                        EventPair(
                            first=ref(first),
                            second=ref(second),
                            shared=sorted(names.get(s, s) for s in shared),
                            kept_apart_by=differences(first, second, names, people),
                        )
                    )
    return sorted(pairs, key=lambda p: (len(p.kept_apart_by), p.first.id, p.second.id))


def _time_key(time: EventTime) -> date:
    return time.earliest or time.latest or date.max


def differences(
    a: ResolvedEvent, b: ResolvedEvent, names: dict[str, str], people: AbstractSet[str]
) -> list[str]:
    """What the resolver would refuse to merge on, read from the two merged nodes by the
    resolver's own rules (``resolve.events.conflicts``); ``people`` is kept for callers."""
    return conflicts(facts_of(a, people), facts_of(b, people), names) or [
        "no conflict between the merged nodes: a mention of one conflicts with a mention "
        "merged into the other (each mention must agree with every member of its node)"
    ]


def over_merges(kg: KnowledgeGraph) -> list[OverMerge]:
    """Merged events whose mentions may be more than one happening: drawn from several
    stories (a merge the resolver allowed only on strong evidence), or told with figures
    that conflict."""
    published = {a.id: a.published for a in kg.articles}
    conflicting = {c.event.id for c in quantity_conflicts(kg.events, published)}
    found = []
    for event in sorted(kg.events, key=lambda e: e.id):
        reasons = []
        if len(event.stories) > 1:
            stories = ", ".join(event.stories)
            reasons.append(f"mentions from {len(event.stories)} stories: {stories}")
        if event.id in conflicting:
            reasons.append("conflicting figures (section 7)")
        if reasons:
            found.append(OverMerge(event=event_ref(event), reasons=reasons))
    return found


def story_rows(kg: KnowledgeGraph) -> list[StoryRow]:
    """Each story with its size, largest first."""
    events: Counter[str] = Counter(s for e in kg.events for s in e.stories)
    rows = [StoryRow(s.id, s.label, len(s.articles), events[s.id]) for s in kg.stories]
    return sorted(rows, key=lambda r: (-r.articles, r.id))


# --------------------------------------------------------------------------- dates


FALLBACK_SOURCES = frozenset({"publication_date", "report"})


def date_fallbacks(events: Iterable[ResolvedEvent]) -> list[DateFallback]:
    """Events not dated by a time expression: placed by the publication date or a report
    (not those whose time is unknown: they are events with no date)."""
    found = [
        DateFallback(event=event_ref(e), source=e.time.source)
        for e in events
        if e.time.source in FALLBACK_SOURCES
    ]
    return sorted(found, key=lambda f: (f.source, f.event.id))


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


def quantity_conflicts(
    events: Iterable[ResolvedEvent], published: dict[str, date]
) -> list[QuantityConflict]:
    """Within one event, figures for the same unit that differ and come from different
    mentions ("two death tolls"); two figures in one sentence ("288 candidates ... 37 of
    the candidates") are a whole and its part, not a conflict.

    Policy: the figure from the most recently published source is current; on equal dates
    the largest. A figure's source is the mention whose sentence holds its text at its
    offsets; figures no sentence holds sort as the oldest."""
    conflicts = []
    for event in events:
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
            conflicts.append(
                QuantityConflict(
                    event=event_ref(event), unit=unit, figures=figures, current=figures[0]
                )
            )
    return sorted(conflicts, key=lambda c: (c.event.id, c.unit))


def _same_mention(a: Figure, b: Figure) -> bool:
    """Both figures from one sentence of one article (unknown sources count as different)."""
    return a.article_id is not None and (a.article_id, a.sentence_index) == (
        b.article_id,
        b.sentence_index,
    )


def _day(day: date | None) -> int:
    return day.toordinal() if day else 0


def figure(quantity: Quantity, sources: list[Source], published: dict[str, date]) -> Figure:
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
