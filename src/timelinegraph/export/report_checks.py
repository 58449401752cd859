"""The QA report's checks: pure functions from the graph model to findings (no rendering).

Findings are frozen dataclasses (pure data; cheap to make by the hundred thousand). Every
check is blocked (actors by name key, last word, one-deletion variant and acronym; events by
type and lemma, then by participant), so it stays fast on 10,000 actors and events.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from itertools import combinations
from pathlib import Path

from ..build.rdf import shared_rdf
from ..build.rdf_terms import PREFIXES
from ..extract.gazetteer import fold
from ..models import (
    ActorType,
    ArticleInfo,
    EventTime,
    KnowledgeGraph,
    Quantity,
    ResolvedActor,
    ResolvedEvent,
    Source,
)
from ..resolve import times
from ..resolve.events import realis
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
class DateFallback:
    event: EventRef
    source: str  # publication_date | report | anything but "expression"


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


def describe_time(time: EventTime) -> str:
    if time.value is not None:
        return time.value + (f" ({time.mod})" if time.mod else "")
    if time.earliest and time.latest:
        return f"{time.earliest.isoformat()}..{time.latest.isoformat()}"
    if time.latest:
        return f"on or before {time.latest.isoformat()}"
    if time.earliest:
        return f"on or after {time.earliest.isoformat()}"
    return "no date"


def has_date(time: EventTime) -> bool:
    return time.value is not None or time.earliest is not None or time.latest is not None


# --------------------------------------------------------------------------- actors

# Leading words dropped from person names before comparing: "President Joe Biden" ~ "Joe Biden".
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord president vice prime foreign defense "
    "defence interior finance minister secretary general gen col colonel lt capt captain sgt "
    "adm admiral sen senator rep gov governor mayor king queen prince princess sheikh emir "
    "ayatollah pope rev chancellor premier chairman chief judge justice deputy sheriff "
    "constable officer detective inspector".split()
)
_NOT_INITIAL = frozenset({"of", "the", "and", "for", "de", "al"})
_NON_WORD = re.compile(r"[^\w]+")
RULES = ("same-name", "surname", "spelling", "acronym")
SPELLING_MIN_LETTERS = 6
# Longer names are not looked at for one-letter spelling variants: each name gives one key
# per letter, each as long as the name, so a 200,000-character "name" (a run of symbols
# spaCy took for one) made 40 billion characters of keys and the build was killed.
SPELLING_MAX_CHARS = 100


class _Name:
    """An actor's comparison keys, computed once."""

    def __init__(self, actor: ResolvedActor) -> None:
        self.actor = actor
        self.person = actor.type == ActorType.PERSON
        tokens = _NON_WORD.sub(" ", fold(actor.name).replace(".", "")).split()
        dropped = 0
        while self.person and len(tokens) - dropped > 1 and tokens[dropped] in TITLES:
            dropped += 1
        self.title = " ".join(actor.name.split()[:dropped])
        self.tokens = tokens[dropped:]
        self.key = " ".join(self.tokens)
        self.letters = sum(c.isalpha() for c in self.key)
        compact = actor.name.replace(".", "").replace(" ", "")
        self.is_acronym = compact.isalpha() and compact.isupper() and 2 <= len(compact) <= 6
        words = [w for w in actor.name.split() if w[:1].isupper() and w.lower() not in _NOT_INITIAL]
        initials = "".join(w[0] for w in words).upper() if len(words) >= 2 else ""
        self.acronym = compact.upper() if self.is_acronym else initials


class _Pairs:
    """The pairs found so far: the first rule that matches a pair is the one reported."""

    def __init__(self, actors: Iterable[ResolvedActor]) -> None:
        self.names = [_Name(a) for a in actors if a.name.strip()]
        self.found: dict[tuple[int, int], tuple[str, str, bool]] = {}
        # full person names by last word, as the resolver counts them (titles included)
        carriers: dict[str, dict[str, str]] = defaultdict(dict)
        for n in self.names:
            words = fold(n.actor.name).split()
            if n.person and len(words) >= 2 and n.tokens:
                carriers[n.tokens[-1]][fold(n.actor.name)] = n.actor.name
        self.carriers = {last: [c[k] for k in sorted(c)] for last, c in carriers.items()}

    def add(self, i: int, j: int, rule: str, why: str) -> None:
        a, b = self.names[i], self.names[j]
        pair = (i, j) if a.actor.id < b.actor.id else (j, i)
        if i == j or pair in self.found or a.person != b.person or _different_states(a, b):
            return
        ambiguous = False
        short = min((a, b), key=lambda n: len(n.tokens))
        if short.person and len(short.tokens) == 1:
            full = self.carriers.get(short.key, [])
            if len(full) >= 2:
                ambiguous = True
                shown = ", ".join(f"'{name}'" for name in full[:3])
                more = f" and {len(full) - 3} more" if len(full) > 3 else ""
                why = (
                    f"{len(full)} full names end in '{short.actor.name}' ({shown}{more}): a "
                    "bare surname is merged only when one full name in the corpus carries it"
                )
        self.found[pair] = (rule, "; ".join(filter(None, [why, _type_note(a, b)])), ambiguous)

    def blocks(self, keys: Callable[[_Name], Iterable[str]]) -> Iterable[tuple[int, int]]:
        """Pairs of actors sharing a key: only actors in one block are ever compared."""
        index: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(self.names):
            for key in set(keys(n)):
                index[key].append(i)
        for members in index.values():
            yield from combinations(members, 2)


def duplicate_actors(actors: Iterable[ResolvedActor]) -> list[ActorPair]:
    """Pairs of distinct actors of one family (persons, or everything else) whose names are
    close, each found by the first rule that matches, in the order of ``RULES``. Pairs
    that rest on an ambiguous bare surname come last."""
    pairs = _Pairs(actors)
    names = pairs.names
    for i, j in pairs.blocks(lambda n: [f"{n.person}:{n.key}"]):
        pairs.add(i, j, "same-name", _same_name_why(names[i], names[j]))
    for i, j in pairs.blocks(lambda n: [n.tokens[-1]] if n.person and n.tokens else []):
        short, long = sorted((names[i], names[j]), key=lambda n: len(n.tokens))
        if len(short.tokens) < len(long.tokens) and set(short.tokens) < set(long.tokens):
            why = f"'{short.actor.name}' is part of '{long.actor.name}'"
            pairs.add(i, j, "surname", why + "; only identical full names are merged")
    for i, j in pairs.blocks(_deletions):
        a, b = names[i], names[j]
        if a.key != b.key and within_one_edit(a.key, b.key):
            why = f"the names are one letter apart ('{a.actor.name}' / '{b.actor.name}')"
            pairs.add(i, j, "spelling", why + ": a spelling variant or a typo?")
    for i, j in pairs.blocks(lambda n: [n.acronym] if n.acronym and not n.person else []):
        short, long = sorted((names[i], names[j]), key=lambda n: not n.is_acronym)
        if short.is_acronym and not long.is_acronym:
            why = f"'{short.actor.name}' is the acronym of '{long.actor.name}'"
            pairs.add(i, j, "acronym", why + "; acronyms are merged only between organisations")
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


def _different_states(a: _Name, b: _Name) -> bool:
    one, two = a.actor, b.actor
    return (
        one.type == two.type == ActorType.STATE
        and bool(one.country and two.country)
        and one.country != two.country
    )


def _type_note(a: _Name, b: _Name) -> str:
    if a.actor.type == b.actor.type:
        return ""
    note = f"types differ ({a.actor.type.value} / {b.actor.type.value})"
    if ActorType.STATE in (a.actor.type, b.actor.type):
        note += ": states are merged by country code only"
    return note


def _same_name_why(a: _Name, b: _Name) -> str:
    titled = [n for n in (a, b) if n.title]
    if titled:
        return f"the names differ only by the title '{titled[0].title}'"
    if a.actor.name != b.actor.name:
        return "the names differ only in case, accents or punctuation"
    return "same name"


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
    events: Iterable[ResolvedEvent], names: dict[str, str], people: set[str]
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
    a: ResolvedEvent, b: ResolvedEvent, names: dict[str, str], people: set[str]
) -> list[str]:
    """What the resolver would refuse to merge on, read from the two merged nodes; ``people``
    are the ids of the actors whose difference splits events (persons, organisations,
    states: ``resolve.events.NAMED_PARTICIPANTS``)."""

    def named(ids: list[str]) -> str:
        return ", ".join(sorted(names.get(i, i) for i in ids))

    reasons = []
    if a.polarity != b.polarity:
        reasons.append(f"polarity {a.polarity.value} / {b.polarity.value}")
    if realis(a.modality) != realis(b.modality):
        reasons.append(f"modality {a.modality.value} / {b.modality.value}")
    for role, mine, theirs in (("agents", a.agents, b.agents), ("targets", a.targets, b.targets)):
        if mine and theirs and not set(mine) & set(theirs):
            reasons.append(f"no common {role}: {named(mine)} / {named(theirs)}")
    if (
        a.location
        and b.location
        and a.location != b.location
        and a.location_source == b.location_source == "text"
    ):
        reasons.append(f"places {named([a.location])} / {named([b.location])}")
    if not times.compatible(a.time, b.time):
        reasons.append(f"dates {describe_time(a.time)} / {describe_time(b.time)}")
    return reasons or [
        "no conflict between the merged nodes: a mention of one conflicts with a mention "
        "merged into the other (each mention must agree with every member of its node)"
    ]


# --------------------------------------------------------------------------- dates


def date_fallbacks(events: Iterable[ResolvedEvent]) -> list[DateFallback]:
    """Events not dated by a time expression: placed by the publication date or a report."""
    found = [
        DateFallback(event=event_ref(e), source=e.time.source)
        for e in events
        if e.time.source != "expression"
    ]
    return sorted(found, key=lambda f: (f.source, f.event.id))


def inferred_publication_dates(articles: Iterable[ArticleInfo]) -> list[ArticleDate]:
    """Articles whose own date was inferred or defaulted, not read from their metadata."""
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


def shacl_check(kg: KnowledgeGraph, shapes: Path | None = None) -> ShaclCheck:
    """Validate ``build_rdf(kg)`` against the shapes (the Turtle export's very triples; see
    ``report_shacl``)."""
    shapes = shapes or shapes_file()
    if shapes is None:
        return ShaclCheck(
            ran=False,
            note="shapes.ttl is missing from the installed timelinegraph.schemas package",
        )
    results = validate_triples(shared_rdf(kg), load_shapes(shapes))
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
