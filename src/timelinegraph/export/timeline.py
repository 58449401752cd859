"""TimelineJS3 JSON export: one slide per event, dated at the precision the text supports.

Fuzzy times get a ``display_date`` ("early February 2024", "around 10 March 2024").
An event whose bounds the temporal links narrowed (resolve/order.py: known only to come
"before 7 March", it preceded an event of February) is placed by those bounds and says so
(``time.placement`` "event_order"); its record lists the events it is before, after, during
or simultaneous with (``order``). Events with no time at all are placed at the publication
date of their earliest source and say so (display_date and ``time.placement``); events that
cannot be placed even so (no time, no known article) are left out and counted in the title
text. Slides are sorted by date, then in the order ``build.chronology`` reads them.

``timelinegraph.start_at_slide`` (a TimelineJS option, not read from the data by TimelineJS
itself: pass it to ``new TL.Timeline``) opens the timeline where most events are, not on a
title slide far from them: the first slide of the shortest span holding half the events;
``timelinegraph.scale_factor`` zooms so that span fills about a screen.

The file is written slide by slide: the model is read once for each slide's place (a sort key
per event), and each slide is made when it is written, so the slides are never all held. Of a
build's graph, whose events, actors and links are on disk (``stored.StoredList``), it keeps
no event, actor or link either: indices, ids and headlines, and reads each when it is needed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from ..common.atomic import atomic_open
from ..common.gc_pause import gc_paused
from ..common.jsontext import dumps_indented, without_surrogates
from ..dating import guessed
from ..graph.chronology import Placed, chronological, facing
from ..graph.timespan import (
    DAY,
    MONTH,
    YEAR,
    TimeSpan,
    event_bounds,
    format_day,
    format_period,
    read_time,
)
from ..models import (
    ArticleInfo,
    EventTime,
    KnowledgeGraph,
    Polarity,
    Quantity,
    ResolvedActor,
    ResolvedEvent,
    ResolvedLink,
    Source,
    TemporalRelation,
)
from ..stored import by_id
from .chunks import text_chunks
from .timeline_models import TimelineDocument

__all__ = [
    "build_timeline",
    "opening",
    "order_records",
    "render_timeline",
    "timeline_data",
    "timeline_slides",
    "write_timeline",
]

Data = dict[str, Any]  # JSON-ready: what the models' model_dump(mode="json") would give


def counted(number: int, noun: str) -> str:
    """'1 article', '2 articles'."""
    return f"{number} {noun}{'s' * (number != 1)}"


def build_timeline(kg: KnowledgeGraph, title: str = "Event timeline") -> TimelineDocument:
    """The TimelineJS document for ``kg``; slides sorted by date, then id."""
    return TimelineDocument.model_validate(timeline_data(kg, title))


def timeline_data(kg: KnowledgeGraph, title: str = "Event timeline") -> Data:
    """``build_timeline(kg, title)`` as JSON-ready data, what ``model_dump(mode="json",
    exclude_none=True)`` gives, built directly: validating our own output cost a second per
    1,000 articles. ``TimelineDocument`` still checks any timeline read back from a file."""
    document, slides = timeline_slides(kg, title)
    document["events"] = list(slides)
    return document


def timeline_slides(
    kg: KnowledgeGraph, title: str = "Event timeline"
) -> tuple[Data, Iterator[Data]]:
    """``timeline_data(kg, title)`` with its ``events`` empty, and its slides in their order,
    each made as it is read: for a reader that keeps only some of them (the page)."""
    slides = _Slides(kg)
    return slides.frame(title), iter(slides)


class _Slides:
    """A timeline's slides in their order, each made when it is read: the model is read once
    for where each event goes (its start date and rank: a sort key), and again slide by slide,
    so the slides, the biggest part of the timeline, are never all held at once. Of actors it
    keeps name and type (``_actor_names``); events another is placed by are read by id when a
    slide needs them (``stored.by_id``)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self._kg = kg
        self._actors = _actor_names(kg.actors)
        self._articles = {article.id: article for article in kg.articles}
        self._events = by_id(kg.events)
        self._link_index = _OrderIndex(kg.links)
        keys = self._sort_keys()
        self._order = [key[-1] for key in keys]  # the events' indices in kg.events
        days = [date(year, month or 1, day or 1) for year, month, day, *_ in keys]
        self._opening = _opening(days, [key[-2] for key in keys]) if keys else None

    def __iter__(self) -> Iterator[Data]:
        for index in self._order:
            event = self._kg.events[index]
            order = self._link_index.records(event.id)
            slide = slide_data(event, self._actors, self._articles, order, self._events)
            if slide is not None:  # never: it was placed before
                yield slide

    def frame(self, title: str) -> Data:
        """The document but its slides (``events`` empty): the title, where to open."""
        placed, events = len(self._order), len(self._kg.events)
        summary = f"{counted(placed, 'event')} from {counted(len(self._kg.articles), 'article')}."
        if placed < events:
            summary += f" {events - placed} events without any date are not shown."
        text = {"headline": escape(title), "text": f"<p>{escape(summary)}</p>"}
        document: Data = {"title": {"text": text}, "events": []}
        if self._opening is not None:
            document["timelinegraph"] = self._opening
        return document

    def _sort_keys(self) -> list[tuple[int, int, int, int, str, int]]:
        """(year, month or 0, day or 0, chronological rank, id, index) of each event that can
        be placed, sorted: the slides' order, and their days. The one pass over the events
        that gives them also gives the order records the names of the events at links."""
        published = _published(self._kg)
        placed: list[Placed] = []
        days: list[tuple[int, int, int, str, int]] = []  # the keys but the rank
        for index, event in enumerate(self._kg.events):
            placed.append(_placed(event, published))
            self._link_index.name(event)
            when = _when(event, self._articles, self._events)
            if when is not None:
                start = when[0]
                days.append(
                    (start["year"], start.get("month") or 0, start.get("day") or 0, event.id, index)
                )
        rank = _ranks(placed, self._link_index.between_events)
        keys = [
            (year, month, day, rank[event_id], event_id, index)
            for year, month, day, event_id, index in days
        ]
        keys.sort()
        return keys


def slide_data(
    event: ResolvedEvent,
    actors: Mapping[str, tuple[str, str]],
    articles: Mapping[str, ArticleInfo],
    order: list[Data] | None = None,
    events: Mapping[str, ResolvedEvent] | None = None,
) -> Data | None:
    """One slide, or None when the event has neither a time nor a dated source; ``events``
    (by id) place an event whose bounds come from another event's time."""
    when = _when(event, articles, events or {})
    if when is None:
        return None
    start, end, display, placement = when
    precision = DAY if start.get("day") else MONTH if start.get("month") else YEAR
    record = _record(event, actors, articles)
    record["time"] = _time_record(event, precision, placement, display)
    record["order"] = order or []
    slide: Data = {
        "start_date": start,
        "text": {"headline": _headline(record), "text": _body(record)},
        "group": event.type.value,
        "unique_id": event.id,
        "timelinegraph": record,
    }
    if end is not None:
        slide["end_date"] = end
    if display is not None:
        slide["display_date"] = display
    return slide


def _when(
    event: ResolvedEvent, articles: Mapping[str, ArticleInfo], events: Mapping[str, ResolvedEvent]
) -> tuple[Data, Data | None, str | None, str] | None:
    """A slide's start date, end date, wording and placement; None when the event has neither
    a time nor a dated source."""
    span, placement = _placement(event, events)
    if span is not None:
        start, end, display = _dates(span)
    else:
        first = _first_publication(event, articles)
        if first is None:
            return None
        placement, end = "publication_date_fallback", None
        what = "publication date guessed from the text" if first[1] else "publication date"
        display = f"{format_day(first[0])} ({what}; event date unknown)"
        start = _day(first[0])
    if display is not None:
        start["display_date"] = display
    return start, end, display, placement


def _placement(
    event: ResolvedEvent, events: Mapping[str, ResolvedEvent]
) -> tuple[TimeSpan | None, str]:
    """Where the slide goes: the event's own time, else where the links put it. An event
    known only to precede another's date is placed at that event's date, just before it
    (the slides keep the order of ``build.chronology``): "before early February 2024"; one
    known only to follow it, just after it. Other bounds the links narrowed are placed as
    bounds ("between 11 January and 7 March 2024")."""
    span = read_time(event.time)
    bounds = event.bounds
    if bounds is None or {bounds.earliest_from, bounds.latest_from} <= {None, "time"}:
        return span, "event_time"
    for word, own, other in (
        ("before", bounds.earliest, bounds.latest_from),
        ("after", bounds.latest, bounds.earliest_from),
    ):
        near = events.get(other or "") if own is None else None  # read only when it places
        near_span = read_time(near.time) if near is not None else None
        if near_span is not None:
            wording = near_span.display or format_period(near_span.anchor, near_span.precision)
            return replace(near_span, display=f"{word} {wording}", range_end=None), "event_order"
    by_order = EventTime(earliest=bounds.earliest, latest=bounds.latest, source="order")
    return read_time(by_order), "event_order"


def order_records(kg: KnowledgeGraph) -> dict[str, list[Data]]:
    """Each event's temporal links as it sees them: before / after / includes / during /
    simultaneous, the other event (id, headline) or the time, confidence and rule."""
    index = _OrderIndex(kg.links)
    for event in kg.events:
        index.name(event)
    return {event_id: index.records(event_id) for event_id in index.at}


class _OrderIndex:
    """What the order records need, kept small (a build's links and events are on disk): the
    indices of the links at each event, from one pass over the links, and the headline of
    each event at a link, given as the events are read (``name``); the links are read again
    when an event's records are made. The links between two events are also kept as
    (source, relation, target), for the chronological order."""

    def __init__(self, links: Sequence[ResolvedLink]) -> None:
        self._links = links
        # event id -> (index of a link at it, whether the event is the link's source)
        self.at: dict[str, list[tuple[int, bool]]] = {}
        self.between_events: list[tuple[str, TemporalRelation, str]] = []
        self._headlines: dict[str, str] = {}
        for index, link in enumerate(links):
            self.at.setdefault(link.source, []).append((index, True))
            if link.target_kind == "event":
                self.at.setdefault(link.target, []).append((index, False))
                self.between_events.append(_triple(link))

    def name(self, event: ResolvedEvent) -> None:
        """Keep what the records of the events linked to ``event`` call it (the last event of
        an id gives it)."""
        if event.id in self.at:
            self._headlines[event.id] = event.headline or event.trigger

    def records(self, event_id: str) -> list[Data]:
        """One event's ``order_records``, sorted (none: an empty list), once the events at
        its links were named."""
        ends = (
            (self._links[index], from_source) for index, from_source in self.at.get(event_id, [])
        )
        return _order_records(ends, self._headlines)


def _order_records(
    ends: Iterable[tuple[ResolvedLink, bool]], headlines: Mapping[str, str]
) -> list[Data]:
    """The order records of the links at an event (each with whether the event is its
    source), sorted; ``headlines``: the headline of each event at a link, by id."""
    records = []
    for link, from_source in ends:
        record: Data = {
            "relation": facing(link.relation, from_source=from_source),
            "link_id": link.id,
            "confidence": float(link.confidence),
            "rule": link.rule,
        }
        if link.target_kind == "event":
            other = link.target if from_source else link.source
            record["event"] = {"id": other, "headline": headlines.get(other, other)}
        else:
            record["time"] = link.target
        records.append(record)
    records.sort(key=_order_key)
    return records


def _order_key(record: Data) -> tuple[str, str, str]:
    other = record["event"]["id"] if "event" in record else record["time"]
    return (record["relation"], other, record["link_id"])


def _ranks(placed: list[Placed], links: list[tuple[str, TemporalRelation, str]]) -> dict[str, int]:
    """Each event's place in the chronological order."""
    return {event_id: n for n, event_id in enumerate(chronological(placed, links))}


def _published(kg: KnowledgeGraph) -> dict[str, str]:
    """Each article's publication date (ISO), by id: where an event is told sorts on it."""
    return {a.id: a.published.isoformat() for a in kg.articles}


def _placed(event: ResolvedEvent, published: dict[str, str]) -> Placed:
    return Placed(event.id, *event_bounds(event), told=_told(event, published))


def _told(event: ResolvedEvent, published: dict[str, str]) -> tuple[str, str, int]:
    """Where the event is first told: the article's publication date and id, the offset."""
    return min(
        (published.get(p.article_id, ""), p.article_id, p.start)
        for p in (s.provenance for s in event.sources)
    )


def _triple(link: ResolvedLink) -> tuple[str, TemporalRelation, str]:
    return link.source, link.relation, link.target


OPENING_SHARE = 0.5  # the span opened on holds at least this share of the events
OPENING_MIN_DAYS = 14  # and is at least this long: a day's events alone would zoom too far
MAX_SCALE_FACTOR = 200.0  # TimelineJS draws the whole axis: keep it a few hundred screens


def opening(slides: list[Data]) -> Data:
    """Where TimelineJS should open (slides sorted as written): the first slide of the
    shortest span holding ``OPENING_SHARE`` of them, zoomed so that span fills a screen."""
    return _opening([_slide_day(s) for s in slides], [s["unique_id"] for s in slides])


def _opening(days: list[date], ids: list[str]) -> Data:
    """``opening`` of slides on these days (sorted) with these ids."""
    wanted = max(1, math.ceil(len(days) * OPENING_SHARE))
    first = min(range(len(days) - wanted + 1), key=lambda i: (days[i + wanted - 1] - days[i], i))
    start, end = days[first], days[first + wanted - 1]
    window = max((end - start).days, OPENING_MIN_DAYS)
    whole = max((days[-1] - days[0]).days, 1)
    return {
        "start_at_slide": first + 1,  # slide 0 is the title
        "start_id": ids[first],
        "scale_factor": round(min(max(whole / window, 1.0), MAX_SCALE_FACTOR), 2),
        "window": {"start": start.isoformat(), "end": end.isoformat()},
    }


def _slide_day(slide: Data) -> date:
    start = slide["start_date"]
    return date(start["year"], start.get("month") or 1, start.get("day") or 1)


def _record(
    event: ResolvedEvent,
    actors: Mapping[str, tuple[str, str]],
    articles: Mapping[str, ArticleInfo],
) -> Data:
    """The EventRecord of ``event``, but its time (added by the caller)."""
    record: Data = {
        "id": event.id,
        "type": event.type.value,
        "headline": event.headline,
        "trigger": event.trigger,
        "lemma": event.lemma,
        "agents": [_actor_ref(a, actors) for a in event.agents],
        "targets": [_actor_ref(a, actors) for a in event.targets],
        "attributions": [_actor_ref(a, actors) for a in event.attributions],
        "attribution_texts": list(event.attribution_texts),
        "modality": event.modality.value,
        "polarity": event.polarity.value,
        "quantities": [_quantity(q) for q in event.quantities],
        "sources": [_source_record(s, articles) for s in event.sources],
        "merges": [
            {"mention": m.mention, "into": m.into, "rule": m.rule, "evidence": m.evidence}
            for m in event.merges
        ],
        "stories": list(event.stories),
    }
    if event.mode:
        record["mode"] = event.mode
    if event.location:
        record["location"] = _actor_ref(event.location, actors)
        record["location_source"] = event.location_source
    return record


def _time_record(event: ResolvedEvent, precision: str, placement: str, display: str | None) -> Data:
    time = event.time
    record: Data = {"source": time.source, "precision": precision, "placement": placement}
    if time.value is not None:
        record["value"] = time.value
    if time.granularity is not None:
        record["granularity"] = time.granularity.value
    if time.earliest:
        record["earliest"] = time.earliest.isoformat()
    if time.latest:
        record["latest"] = time.latest.isoformat()
    if display is not None:
        record["display"] = display
    bounds: Data = {}
    earliest, latest = event_bounds(event)
    if earliest is not None:
        bounds["earliest"] = earliest.isoformat()
        bounds["earliest_from"] = event.bounds.earliest_from if event.bounds else "time"
    if latest is not None:
        bounds["latest"] = latest.isoformat()
        bounds["latest_from"] = event.bounds.latest_from if event.bounds else "time"
    record["bounds"] = bounds
    return record


def _quantity(quantity: Quantity) -> Data:
    data: Data = {"value": float(quantity.value), "unit": quantity.unit, "text": quantity.text}
    if quantity.mod is not None:
        data["mod"] = quantity.mod
    return data


def _dates(span: TimeSpan) -> tuple[Data, Data | None, str | None]:
    """TimelineJS start date, end date (explicit ranges only) and wording of ``span``."""
    if span.range_end is not None and span.earliest is not None:
        return _day(span.earliest), _day(span.range_end), span.display
    anchor = span.anchor
    if span.precision == DAY:
        return _day(anchor), None, span.display
    if span.precision == MONTH:
        return {"year": anchor.year, "month": anchor.month}, None, span.display
    return {"year": anchor.year}, None, span.display


def _day(day: date) -> Data:
    return {"year": day.year, "month": day.month, "day": day.day}


def _first_publication(
    event: ResolvedEvent, articles: Mapping[str, ArticleInfo]
) -> tuple[date, bool] | None:
    """The earliest publication date of the event's articles, and whether every article
    published that day was dated by a guess from its body (``timelinegraph.dating``)."""
    ids = {s.provenance.article_id for s in event.sources}
    dated = [
        (articles[i].published, guessed(articles[i].published_source)) for i in ids if i in articles
    ]
    if not dated:
        return None
    first = min(day for day, _ in dated)
    return first, all(guess for day, guess in dated if day == first)


def _actor_names(actors: Iterable[ResolvedActor]) -> dict[str, tuple[str, str]]:
    """Actor id -> (name, type): all a slide reads of an actor. One pass over the actors, so
    a slide never reads an actor back (one named by thousands of events holds thousands of
    sources)."""
    return {actor.id: (actor.name, actor.type.value) for actor in actors}


def _actor_ref(actor_id: str, actors: Mapping[str, tuple[str, str]]) -> Data:
    named = actors.get(actor_id)
    if named is None:  # dangling id: keep it visible rather than crash
        return {"id": actor_id, "name": actor_id}
    return {"id": actor_id, "name": named[0], "type": named[1]}


def _source_record(source: Source, articles: Mapping[str, ArticleInfo]) -> Data:
    prov = source.provenance
    record: Data = {
        "article_id": prov.article_id,
        "local_id": source.local_id,
        "text": source.text,
        "sentence_index": prov.sentence_index,
        "start": prov.start,
        "end": prov.end,
        "sentence": prov.sentence,
        "extractor": prov.extractor,
        "version": prov.version,
        "confidence": float(prov.confidence),
    }
    article = articles.get(prov.article_id)
    if article is not None:
        if article.title is not None:
            record["article_title"] = article.title
        record["published"] = article.published.isoformat()
    return record


def _headline(record: Data) -> str:
    if record["headline"]:
        return escape(record["headline"])
    agents = ", ".join(a["name"] for a in record["agents"])
    targets = ", ".join(a["name"] for a in record["targets"])
    words = " ".join(part for part in (agents, record["trigger"], targets) if part)
    if record["polarity"] == Polarity.NEGATIVE.value:
        words = f"not: {words}"
    return escape(words)


def _body(record: Data) -> str:
    """HTML: who/what/where, then each source sentence with its article. All text escaped."""
    facts = [f"Type: {record['type']}", f"Modality: {record['modality']}"]
    if "location" in record:
        facts.append(f"Location: {record['location']['name']}")
    if record["attributions"]:
        facts.append("According to: " + ", ".join(a["name"] for a in record["attributions"]))
    parts = [f"<p>{escape(' · '.join(facts))}</p>"]
    for source in record["sources"]:
        where = source.get("article_title") or source["article_id"]
        if "published" in source:
            where += f", {source['published']}"
        parts.append(
            f"<blockquote>{escape(source['sentence'])}</blockquote><p>— {escape(where)}</p>"
        )
    return "".join(parts)


def render_timeline(kg_or_doc: KnowledgeGraph | TimelineDocument) -> str:
    """Sorted, indented (2), UTF-8-ready JSON text with a trailing newline."""
    with gc_paused():
        return "".join(_chunks(kg_or_doc))


def write_timeline(kg_or_doc: KnowledgeGraph | TimelineDocument, path: Path) -> Path:
    """Write TimelineJS3 JSON to ``path`` atomically, slide by slide; returns ``path``."""
    with gc_paused(), atomic_open(Path(path)) as handle:
        handle.writelines(_chunks(kg_or_doc))
    return Path(path)


# the document's text begins so when it has no slide ("events" sorts first of its keys)
_NO_SLIDES = '{\n  "events": []'
_SLIDES_OPEN = '{\n  "events": ['


def _chunks(kg_or_doc: KnowledgeGraph | TimelineDocument) -> Iterator[str]:
    """``render_timeline``'s text in pieces (``chunks.text_chunks``)."""
    if isinstance(kg_or_doc, KnowledgeGraph):
        parts = _document_parts(_Slides(kg_or_doc))
    else:  # a document read back: held whole already
        parts = iter([dumps_indented(kg_or_doc.model_dump(mode="json", exclude_none=True)), "\n"])
    for text in text_chunks(parts):
        yield without_surrogates(text)


def _document_parts(slides: _Slides) -> Iterator[str]:
    """The document but its slides as ``dumps_indented`` writes it, with the slides written
    into it one by one, each indented as at its depth (2): JSON text holds no raw newline
    but its indentation's, so indenting is adding four spaces after each newline."""
    text = dumps_indented(slides.frame("Event timeline"))
    if not text.startswith(_NO_SLIDES):
        raise RuntimeError(f"the timeline's text does not begin {_NO_SLIDES!r}")
    opened = False
    for slide in slides:
        yield ("," if opened else _SLIDES_OPEN) + "\n    "
        yield dumps_indented(slide).replace("\n", "\n    ")
        opened = True
    yield ("\n  ]" if opened else _NO_SLIDES) + text[len(_NO_SLIDES) :] + "\n"
