"""QA report (``report.md``): what a reader should check in the graph, written with the exports.

``build_report`` turns the graph into findings (pure data, see ``report_checks``);
``render_report`` writes them as Markdown: a count line and a sorted list capped at
``limit`` items per section, each item with its ids, names and the sentence to check it
against. Deterministic (sorted, no timestamps, no paths) and safe: article text is escaped
so it can neither break a table nor inject HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from ..common.atomic import utf8_safe, write_text_atomic
from ..dating import EXPLAINED, dating_counts
from ..graph.rdf_triples import SortedTriples
from ..graph.timespan import DAY, read_time
from ..models import (
    Contradiction,
    EventBounds,
    EventTime,
    KnowledgeGraph,
    LinkSource,
    ResolvedActor,
    ResolvedEvent,
    ResolvedLink,
)
from ..resolve.events import NAMED_PARTICIPANTS
from .report_checks import (
    ACTOR_WINDOW,
    EVENT_WINDOW,
    ActorPair,
    ActorRef,
    ArticleDate,
    Check,
    DateFallback,
    DateFallbacks,
    DuplicateActors,
    DuplicateEvents,
    EventPair,
    EventRef,
    EventsWhere,
    Figure,
    OverMerge,
    OverMerges,
    PlaceCheck,
    PlaceRow,
    Places,
    QuantityConflict,
    QuantityConflicts,
    ShaclCheck,
    StoryEvents,
    StoryRow,
    Where,
    has_date,
    inferred_publication_dates,
    one_pass,
    shacl_check,
)

__all__ = ["QualityReport", "Summary", "build_report", "render_report", "write_report"]

T = TypeVar("T")
LIMIT = 50  # items shown per list
SENTENCE_CHARS = 160  # longer sentences are cut, with an ellipsis


@dataclass(frozen=True)
class Summary:
    articles: int
    actors_by_type: dict[str, int]
    events_by_type: dict[str, int]
    relations: int
    exact_date: int  # placed on one day
    bounded_date: int  # placed in a period, a range or before/after a day
    no_date: int  # no value and no bounds at all
    fallback_date: int  # dated by the publication date or a report, not a time expression
    with_actor: int  # at least one agent or target
    dated: dict[str, int]  # articles by how their publication date was found
    fallback_sources: dict[str, int]  # fallback_date by time source, sorted


@dataclass(frozen=True)
class QualityReport:
    """The findings. Their lists (``report_checks.Found``) keep small keys and read each
    finding's event or actor back from the graph when it is read: render the report while
    the graph's files are there."""

    summary: Summary
    duplicate_actors: Sequence[ActorPair]
    duplicate_events: Sequence[EventPair]
    undated_events: Sequence[EventRef]
    actorless_events: Sequence[EventRef]
    date_fallbacks: Sequence[DateFallback]
    inferred_dates: list[ArticleDate]
    shacl: ShaclCheck
    quantity_conflicts: Sequence[QuantityConflict]
    over_merges: Sequence[OverMerge]
    stories: list[StoryRow]
    order: OrderSummary
    places: PlaceCheck


@dataclass(frozen=True)
class OrderSummary:
    """The temporal links of the graph and the contradictions dropped (resolve/order.py)."""

    event_links: int  # between two events
    time_links: int  # between an event and a time or the publication date
    narrowed: int  # events whose bounds the links made narrower than their own time
    contradictions: list[Contradiction]


def build_report(
    kg: KnowledgeGraph, *, shapes: Path | None = None, triples: SortedTriples | None = None
) -> QualityReport:
    """Every check on ``kg``; ``shapes`` overrides where ``shapes.ttl`` is read from;
    ``triples``: ``kg``'s RDF triples, when built already (``graph.built``).

    Each of the graph's lists is read once, by every check together (``one_pass``); the
    events of likely duplicates are read again, block by block, and those of each finding
    shown when it is rendered."""
    # first: its parser's memory comes and goes before the checks' findings are held
    shacl = shacl_check(kg, shapes, triples)
    actors, duplicate_actors, places = _Actors(), DuplicateActors(), Places()
    one_pass(kg.actors, actors, duplicate_actors, places)
    events = _EventChecks({a.id: a.published for a in kg.articles})
    one_pass(kg.events, *events.all())
    links = _LinkCounts()
    one_pass(kg.links, links)
    return QualityReport(
        summary=_summary_of(kg, actors, events),
        duplicate_actors=duplicate_actors.found(kg.actors),
        duplicate_events=events.duplicates.found(kg.events, actors.names, actors.people()),
        undated_events=events.undated.found(kg.events),
        actorless_events=events.actorless.found(kg.events),
        date_fallbacks=events.fallbacks.found(kg.events),
        inferred_dates=inferred_publication_dates(kg.articles),
        shacl=shacl,
        quantity_conflicts=events.figures.found(kg.events),
        over_merges=events.over_merges.found(kg.events, events.figures),
        stories=events.stories.rows(kg.stories),
        order=OrderSummary(
            event_links=links.event_links,
            time_links=links.time_links,
            narrowed=events.counts.narrowed,
            contradictions=list(kg.contradictions),
        ),
        places=places.found(kg.actors),
    )


class _Actors:
    """What the report reads of each actor besides its checks: its name (for the events'
    participants), whether it is a person, body or state, its type (counted)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.types: Counter[str] = Counter()
        self._people: set[str] = set()

    def add(self, index: int, actor: ResolvedActor) -> None:
        self.names[actor.id] = actor.name
        self.types[actor.type.value] += 1
        if actor.type in NAMED_PARTICIPANTS:
            self._people.add(actor.id)

    def people(self) -> frozenset[str]:
        # frozen: facts_of would copy a set for every event it reads
        return frozenset(self._people)


class _EventCounts:
    """The summary's counts of events, made as they go by."""

    def __init__(self) -> None:
        self.types: Counter[str] = Counter()
        self.exact = self.bounded = self.no_date = self.with_actor = self.narrowed = 0

    def add(self, index: int, event: ResolvedEvent) -> None:
        self.types[event.type.value] += 1
        dated, exact = has_date(event.time), _exact(event.time)
        self.exact += exact
        self.bounded += dated and not exact
        self.no_date += not dated
        self.with_actor += _has_actor(event)
        self.narrowed += _narrowed(event.bounds)


class _EventChecks:
    """Every check that reads the events, to be fed in one pass (``all``)."""

    def __init__(self, published: dict[str, date]) -> None:
        self.counts = _EventCounts()
        self.undated = EventsWhere(lambda event: not has_date(event.time))
        self.actorless = EventsWhere(lambda event: not _has_actor(event))
        self.fallbacks = DateFallbacks()
        self.duplicates = DuplicateEvents()
        self.figures = QuantityConflicts(published)
        self.over_merges = OverMerges()
        self.stories = StoryEvents()

    def all(self) -> list[Check[ResolvedEvent]]:
        return [
            self.counts,
            self.undated,
            self.actorless,
            self.fallbacks,
            self.duplicates,
            self.figures,
            self.over_merges,
            self.stories,
        ]


class _LinkCounts:
    """The temporal links between events, and to times, counted as they go by."""

    def __init__(self) -> None:
        self.event_links = self.time_links = 0

    def add(self, index: int, link: ResolvedLink) -> None:
        if link.target_kind == "event":
            self.event_links += 1
        else:
            self.time_links += 1


def _summary_of(kg: KnowledgeGraph, actors: _Actors, events: _EventChecks) -> Summary:
    counts, fallbacks = events.counts, events.fallbacks.by_source()
    return Summary(
        articles=len(kg.articles),
        actors_by_type=dict(sorted(actors.types.items())),
        events_by_type=dict(sorted(counts.types.items())),
        relations=len(kg.relations),
        exact_date=counts.exact,
        bounded_date=counts.bounded,
        no_date=counts.no_date,
        fallback_date=sum(fallbacks.values()),
        with_actor=counts.with_actor,
        dated=dating_counts(a.published_source for a in kg.articles),
        fallback_sources=fallbacks,
    )


def _has_actor(event: ResolvedEvent) -> bool:
    """At least one agent or target."""
    return bool(event.agents or event.targets)


def _narrowed(bounds: EventBounds | None) -> bool:
    """Whether a bound comes from somewhere else than the event's own time."""
    if bounds is None:
        return False
    return any(f not in (None, "time") for f in (bounds.earliest_from, bounds.latest_from))


def _exact(time: EventTime) -> bool:
    span = read_time(time)
    return span is not None and span.precision == DAY and span.earliest == span.latest


def write_report(kg: KnowledgeGraph, path: Path, *, triples: SortedTriples | None = None) -> Path:
    """Write ``report.md`` (UTF-8, LF) atomically; returns ``path``. ``triples``: ``kg``'s
    RDF triples, when built already."""
    return write_text_atomic(Path(path), render_report(build_report(kg, triples=triples)))


# --------------------------------------------------------------------------- Markdown

OVER_MERGE_TEXT = (
    "Merged events whose mentions may tell more than one happening: drawn from several "
    "stories (merged across stories only when they share a participant, a day and a type) "
    "or told with conflicting figures. `timelinegraph explain EVENT-ID` shows every merge "
    "and its evidence."
)
ORDER_TEXT = (
    "Temporal links (TimeML TLINKs read in each article) mapped onto the merged events and "
    "checked together: links are taken strongest first, and one that closes a loop of "
    "order (A before B before A) or contradicts the dates is dropped; it is listed here with "
    "the sentences of the links and dates it clashes with. What is kept gives every event "
    "the days it can have begun on (`tg:earliest`, `tg:latest`)."
)
STORIES_TEXT = (
    "Articles grouped into stories (the same real happening or its direct sequel) before "
    "events are merged; events merge freely within a story and across stories only on "
    "strong evidence."
)

PLACES_TEXT = (
    "Each state and place is looked up in the gazetteer (GeoNames cities of over 5,000 "
    "people, first-level regions, countries, continents). A name several places bear is "
    'decided by what the text says ("Paris, Texas"), then by the other places named '
    "beside it, then by size; a guess is a choice another place of the name fits about as "
    'well. Not placed: names the gazetteer does not know (streets, seas, "Middle East"), '
    "and one-word names only small towns bear with nothing of their region beside them "
    "(often a surname read as a place)."
)

INTRO = (
    "Checks run on the graph written with these exports: likely duplicates left unmerged, "
    "events with no date or no actor, dates that fell back to the publication date, SHACL "
    "shape violations, conflicting figures, contradicting temporal links, and places placed "
    "on a guess or not at all. Each finding names its ids and the article and sentence to "
    "check it against; lists show the first {limit} items."
)
POLICY = (
    "Policy: the figure from the most recently published source is reported as current; "
    "when the sources were published the same day, the largest. Every figure is listed with "
    "its source: the article whose mention sentence holds the figure's text at its offsets."
)
RULES_TEXT = (
    "Persons are compared with persons, other actors with other actors. Rules: *same-name* "
    "(same name once case, accents, punctuation and titles such as President or Mr. are "
    "dropped), *surname* (a person's name words all within the other's, same last word), "
    "*spelling* (one edit apart, names of 6 letters or more), *acronym* (one name is the "
    "acronym of the other). Unnamed groups ('police', 'analysts') are one actor per story "
    "by design and are not compared. Where more than {n} actors share a key, each is "
    "compared with the next {window} by id."
)
EVENTS_TEXT = (
    "Same type and lemma, at least one participant in common, still two nodes; the "
    "*kept apart by* column says which resolved attributes differ (fewest differences "
    "first). Where more than {n} events share a type, lemma and participant, each is compared "
    "with the next {window} in date order."
)
FALLBACK_TEXT = {
    "publication_date": "no time expression: placed before their article's publication date, "
    "or after it when planned",
    "report": "no time expression: bounded by the date of the statement reporting them",
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# "_" inside a word (publication_date) is literal in CommonMark: left as is, for readability
_MARKDOWN = re.compile(r"([\\`*\[\]|~$]|(?<![^\W_])_|_(?![^\W_]))")


def md(text: object, limit: int | None = None) -> str:
    """Text from an article made safe for one line of Markdown, a table cell included: no
    line breaks, HTML as entities, Markdown punctuation (``|`` too) backslash-escaped."""
    plain = " ".join(_CONTROL.sub(" ", str(text)).split())
    if limit is not None and len(plain) > limit:
        plain = excerpt(plain, "", limit)
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", plain)


def excerpt(sentence: str, mention: str, limit: int) -> str:
    """At most ``limit`` characters of ``sentence``, cut with "…" so ``mention`` shows."""
    if len(sentence) <= limit:
        return sentence
    at = sentence.find(mention) if mention else -1
    if at < 0 or at + len(mention) <= limit - 1:
        return sentence[: limit - 1].rstrip() + "…"
    start = max(0, at - limit // 3)
    if start + limit - 1 >= len(sentence):
        return "…" + sentence[len(sentence) - (limit - 1) :].lstrip()
    return "…" + sentence[start : start + limit - 2].strip() + "…"


def render_report(report: QualityReport, *, limit: int = LIMIT) -> str:
    """The report as Markdown (GitHub-flavoured tables), ending with one newline."""
    out = ["# Quality report", "", INTRO.format(limit=limit), ""]
    _summary(out, report)
    rules = RULES_TEXT.format(n=ACTOR_WINDOW + 1, window=ACTOR_WINDOW)
    out += ["## 2. Likely duplicate actors left unmerged", "", rules, ""]
    _list(
        out,
        report.duplicate_actors,
        limit,
        ("pair of actors", "pairs of actors"),
        ["rule", "actor", "other actor", "why they were left apart", "where", "other where"],
        lambda p: [
            [
                p.rule,
                _actor(p.first),
                _actor(p.second),
                md(p.why_apart),
                _where(p.first.where),
                _where(p.second.where),
            ]
        ],
    )
    window = EVENTS_TEXT.format(n=EVENT_WINDOW + 1, window=EVENT_WINDOW)
    out += ["## 3. Likely duplicate events left unmerged", "", window, ""]
    _list(
        out,
        report.duplicate_events,
        limit,
        ("pair of events", "pairs of events"),
        ["event", "other event", "shared participants", "kept apart by", "where", "other where"],
        lambda p: [
            [
                _event(p.first),
                _event(p.second),
                md("; ".join(p.shared)),
                md("; ".join(p.kept_apart_by)),
                _where(p.first.where),
                _where(p.second.where),
            ]
        ],
    )
    out += ["## 4. Events with no date or no actor", "", "### No date", ""]
    _events(out, report.undated_events, limit, "with no time value and no bounds")
    out += ["### No actor", ""]
    _events(out, report.actorless_events, limit, "with no agent and no target")
    _fallbacks(out, report, limit)
    _shacl(out, report.shacl, limit)
    out += ["## 7. Conflicting figures", "", POLICY, ""]
    _list(
        out,
        report.quantity_conflicts,
        limit,
        ("event with conflicting figures", "events with conflicting figures"),
        ["event", "unit", "figure", "current", "source", "sentence"],
        lambda c: [
            [_event(c.event), md(c.unit), _figure(f), "yes" if f == c.current else "", *_source(f)]
            for f in c.figures
        ],
    )
    out += ["## 8. Likely over-merged events", "", OVER_MERGE_TEXT, ""]
    _list(
        out,
        report.over_merges,
        limit,
        ("event to look at", "events to look at"),
        ["event", "why it may be more than one happening", "where"],
        lambda o: [[_event(o.event), md("; ".join(o.reasons)), _where(o.event.where)]],
    )
    out += ["## 9. Stories", "", STORIES_TEXT, ""]
    _list(
        out,
        report.stories,
        limit,
        ("story", "stories"),
        ["story", "first title", "articles", "events"],
        lambda s: [[md(s.id), md(s.label), str(s.articles), str(s.events)]],
    )
    _order(out, report.order, limit)
    _places(out, report.places, limit)
    return utf8_safe("\n".join(out).rstrip("\n")) + "\n"


def _summary(out: list[str], report: QualityReport) -> None:
    s = report.summary
    events = sum(s.events_by_type.values())
    out += ["## 1. Summary", "", "| what | count | share of events |", "|---|---:|---:|"]
    out += [f"| articles | {s.articles} | |", f"| actors | {sum(s.actors_by_type.values())} | |"]
    out += [f"| events | {events} | |", f"| relations | {s.relations} | |"]
    for label, count in (
        ("events with an exact date (one day)", s.exact_date),
        ("events with a bounded date (a period, a range or one bound)", s.bounded_date),
        ("events with no date", s.no_date),
        ("events dated only by the publication date or a report", s.fallback_date),
        ("events with at least one actor (agent or target)", s.with_actor),
    ):
        out.append(f"| {label} | {count} | {_share(count, events)} |")
    out.append("")
    for title, counts in (("actor type", s.actors_by_type), ("event type", s.events_by_type)):
        out += [f"| {title} | count |", "|---|---:|"]
        out += [f"| {md(kind)} | {n} |" for kind, n in counts.items()]
        out.append("")
    shacl = report.shacl
    out += ["| check | found |", "|---|---:|"]
    for label, found in (
        ("likely duplicate actor pairs", len(report.duplicate_actors)),
        ("likely duplicate event pairs", len(report.duplicate_events)),
        ("events with no date", len(report.undated_events)),
        ("events with no actor", len(report.actorless_events)),
        ("events dated from the publication date or a report", len(report.date_fallbacks)),
        ("articles not dated by their metadata", len(report.inferred_dates)),
        ("SHACL violations", len(shacl.violations) if shacl.ran else "not run"),
        ("events with conflicting figures", len(report.quantity_conflicts)),
        ("temporal links dropped as contradictions", len(report.order.contradictions)),
    ):
        out.append(f"| {label} | {found} |")
    out.append("")


def _places(out: list[str], places: PlaceCheck, limit: int) -> None:
    placed = sum(places.by_precision.values())
    precisions = ", ".join(f"{n} {kind}" for kind, n in places.by_precision.items())
    out += ["## 11. Places on the map", "", PLACES_TEXT, ""]
    out += [
        f"{placed} of {places.places} places (STATE and PLACE actors) on the map"
        + (f" ({precisions})" if precisions else "")
        + f"; {len(places.unsure)} of them a guess; {len(places.unplaced)} not placed.",
        "",
        "### Placed on a guess",
        "",
    ]

    def guessed(row: PlaceRow) -> list[list[str]]:
        geo = row.geo
        if geo is None:
            return []
        where = geo.region or geo.country or ""
        place = f"{md(geo.name)} ({geo.precision.value}, {md(where)})"
        return [[_actor(row.actor), place, md(geo.evidence), _where(row.actor.where)]]

    _list(
        out,
        places.unsure,
        limit,
        ("place placed on a guess", "places placed on a guess"),
        ["actor", "placed at", "why, and what else it could be", "where"],
        guessed,
    )
    out += ["### Not placed", ""]
    _list(
        out,
        places.unplaced,
        limit,
        ("place the gazetteer does not know", "places the gazetteer does not know"),
        ["actor", "where"],
        lambda row: [[_actor(row.actor), _where(row.actor.where)]],
    )


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "–"


def _list(
    out: list[str],
    items: Sequence[T],
    limit: int,
    noun: tuple[str, str],
    header: list[str],
    rows: Callable[[T], list[list[str]]],
) -> None:
    """A count line, then a table of the first ``limit`` items and how many more there are."""
    out += [f"{len(items)} {noun[len(items) != 1]}.", ""]
    if not items:
        return
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(row) + " |" for item in items[:limit] for row in rows(item)]
    out.append("")
    if len(items) > limit:
        out += [f"{len(items) - limit} more not shown.", ""]


def _events(out: list[str], events: Sequence[EventRef], limit: int, what: str) -> None:
    def rows(event: EventRef) -> list[list[str]]:
        return [[_event(event), _where(event.where)]]

    _list(out, events, limit, (f"event {what}", f"events {what}"), ["event", "where"], rows)


def _fallbacks(out: list[str], report: QualityReport, limit: int) -> None:
    out += ["## 5. Dates that fell back to the publication date", ""]
    counts = report.summary.fallback_sources  # counting the list would read its events back
    for source, n in counts.items():
        why = FALLBACK_TEXT.get(source, "not dated by a time expression")
        out.append(f"- time source *{md(source)}*: {n} events, {why}")
    if counts:
        out.append("")
    _list(
        out,
        report.date_fallbacks,
        limit,
        ("event not dated by a time expression", "events not dated by a time expression"),
        ["event", "time source", "where"],
        lambda f: [[_event(f.event), md(f.source), _where(f.event.where)]],
    )
    out += ["### How the articles were dated", ""]
    out += ["| how | articles | what the date is and anchors |", "|---|---:|---|"]
    for source, n in report.summary.dated.items():
        out.append(f"| {md(source)} | {n} | {md(EXPLAINED.get(source, ''))} |")
    out += ["", "### Articles whose publication date was not in their metadata", ""]
    _list(
        out,
        report.inferred_dates,
        limit,
        ("article", "articles"),
        ["article", "title", "published", "date source"],
        lambda a: [
            [md(a.id), md(a.title or "", 80), a.published.isoformat(), md(a.published_source)]
        ],
    )


def _shacl(out: list[str], shacl: ShaclCheck, limit: int) -> None:
    out += ["## 6. SHACL", ""]
    if not shacl.ran:
        out += [f"Not run: {md(shacl.note or 'no shapes')}.", ""]
        return
    verdict = "conforms to" if shacl.conforms else "does not conform to"
    out += [f"The Turtle graph {verdict} `schemas/shapes.ttl`.", ""]
    if shacl.conforms and not shacl.violations:
        return
    _list(
        out,
        shacl.violations,
        limit,
        ("violation", "violations"),
        ["focus node", "path", "value", "message", "severity"],
        lambda v: [[md(v.focus), md(v.path), md(v.value, 80), md(v.message, 300), md(v.severity)]],
    )


def _order(out: list[str], order: OrderSummary, limit: int) -> None:
    out += ["## 10. Order across articles", "", ORDER_TEXT, ""]
    out += [
        f"- {_counted(order.event_links, 'link')} between events, {order.time_links} between "
        "an event and a time or a publication date",
        f"- {_counted(order.narrowed, 'event')} dated more narrowly by the links than by their "
        "own words",
        "",
    ]
    _list(
        out,
        order.contradictions,
        limit,
        ("contradiction (a link dropped)", "contradictions (a link dropped each)"),
        ["kind", "dropped", "stated in", "contradicts", "stated in"],
        lambda c: [
            [
                c.kind,
                f"{md(c.dropped, 300)} (confidence {c.dropped_confidence:g})",
                _statements(c.dropped_sources),
                md("; ".join([*c.kept, *c.dates]), 600),
                _statements(c.kept_sources),
            ]
        ],
    )


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _statements(sources: list[LinkSource]) -> str:
    """Each statement of a link: article, sentence and the rule and words that found it."""
    return "; ".join(
        f"{md(s.provenance.article_id)}, sentence {s.provenance.sentence_index}: “"
        f"{md(excerpt(' '.join(s.provenance.sentence.split()), s.evidence, SENTENCE_CHARS))}” "
        f"({md(s.rule)}: {md(s.evidence, 80)})"
        for s in sources
    )


# --------------------------------------------------------------------------- cells


def _actor(actor: ActorRef) -> str:
    return f"{md(actor.id)}: {md(actor.name, 80)} ({actor.type})"


def _event(event: EventRef) -> str:
    return f"{md(event.id)}: {event.type} “{md(event.trigger, 60)}” ({md(event.time)})"


def _where(where: Where | None) -> str:
    if where is None:
        return ""
    sentence = md(excerpt(" ".join(where.sentence.split()), where.text, SENTENCE_CHARS))
    return f"{md(where.article_id)}, sentence {where.sentence_index}: “{sentence}”"


def _figure(figure: Figure) -> str:
    value = f"{figure.value:,.0f}" if figure.value.is_integer() else f"{figure.value:g}"
    mod = f" ({figure.mod})" if figure.mod else ""
    return f"{value}{mod}: “{md(figure.text, 60)}”"


def _source(figure: Figure) -> list[str]:
    """(article and date, sentence); ambiguous figures name every article holding them."""
    if figure.article_id is None:
        return ["not found in any source sentence", ""]
    when = figure.published.isoformat() if figure.published else "date unknown"
    source = f"{md(figure.article_id)} ({when})"
    if figure.also_in:
        source += " — also in " + ", ".join(md(a) for a in figure.also_in)
    return [source, f"“{md(figure.sentence or '', SENTENCE_CHARS)}”"]
