"""TimelineJS3 JSON export: one slide per event, dated at the precision the text supports.

Fuzzy times get a ``display_date`` ("early February 2024", "around 10 March 2024").
Events with no time at all are placed at the publication date of their earliest source
and say so (display_date and ``time.placement``); events that cannot be placed even so
(no time, no known article) are left out and counted in the title text.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from pathlib import Path

from ..build.timespan import DAY, MONTH, YEAR, TimeSpan, format_day, read_time
from ..models import (
    ArticleInfo,
    KnowledgeGraph,
    Polarity,
    ResolvedActor,
    ResolvedEvent,
    Source,
)
from .atomic import utf8_safe, write_text_atomic
from .timeline_models import (
    ActorRef,
    EventRecord,
    MergeRecord,
    QuantityRecord,
    SourceRecord,
    TimelineDate,
    TimelineDocument,
    TimelineEvent,
    TimelineText,
    TimelineTitle,
    TimeRecord,
)

__all__ = ["build_timeline", "render_timeline", "write_timeline"]


def counted(number: int, noun: str) -> str:
    """'1 article', '2 articles'."""
    return f"{number} {noun}{'s' * (number != 1)}"


def build_timeline(kg: KnowledgeGraph, title: str = "Event timeline") -> TimelineDocument:
    """The TimelineJS document for ``kg``; slides sorted by date, then id."""
    actors = {actor.id: actor for actor in kg.actors}
    articles = {article.id: article for article in kg.articles}
    slides = [build_slide(event, actors, articles) for event in kg.events]
    placed = sorted((s for s in slides if s is not None), key=_slide_key)
    summary = f"{counted(len(placed), 'event')} from {counted(len(kg.articles), 'article')}."
    if len(placed) < len(slides):
        summary += f" {len(slides) - len(placed)} events without any date are not shown."
    text = TimelineText(headline=escape(title), text=f"<p>{escape(summary)}</p>")
    return TimelineDocument(title=TimelineTitle(text=text), events=placed)


def build_slide(
    event: ResolvedEvent, actors: dict[str, ResolvedActor], articles: dict[str, ArticleInfo]
) -> TimelineEvent | None:
    """One slide, or None when the event has neither a time nor a dated source."""
    span = read_time(event.time)
    placement = "event_time"
    end = None
    if span is not None:
        start, end, display = _dates(span)
    else:
        first = _first_publication(event, articles)
        if first is None:
            return None
        placement = "publication_date_fallback"
        display = f"{format_day(first)} (publication date; event date unknown)"
        start = TimelineDate(year=first.year, month=first.month, day=first.day)
    start = start.model_copy(update={"display_date": display})
    precision = DAY if start.day else MONTH if start.month else YEAR
    time = event.time
    record = EventRecord(
        id=event.id,
        type=event.type,
        trigger=event.trigger,
        lemma=event.lemma,
        agents=[_actor_ref(a, actors) for a in event.agents],
        targets=[_actor_ref(a, actors) for a in event.targets],
        location=_actor_ref(event.location, actors) if event.location else None,
        attributions=[_actor_ref(a, actors) for a in event.attributions],
        attribution_texts=event.attribution_texts,
        time=TimeRecord(
            value=time.value,
            granularity=time.granularity,
            earliest=time.earliest.isoformat() if time.earliest else None,
            latest=time.latest.isoformat() if time.latest else None,
            source=time.source,
            precision=precision,
            placement=placement,
            display=display,
        ),
        modality=event.modality,
        polarity=event.polarity,
        quantities=[
            QuantityRecord(value=q.value, unit=q.unit, text=q.text, mod=q.mod)
            for q in event.quantities
        ],
        sources=[_source_record(s, articles) for s in event.sources],
        merges=[MergeRecord(**step.model_dump()) for step in event.merges],
    )
    return TimelineEvent(
        start_date=start,
        end_date=end,
        display_date=display,
        text=TimelineText(headline=_headline(record), text=_body(record)),
        group=event.type.value,
        unique_id=event.id,
        timelinegraph=record,
    )


def _dates(span: TimeSpan) -> tuple[TimelineDate, TimelineDate | None, str | None]:
    if span.range_end is not None and span.earliest is not None:
        return _day(span.earliest), _day(span.range_end), span.display
    anchor = span.anchor
    if span.precision == DAY:
        return _day(anchor), None, span.display
    month = anchor.month if span.precision == MONTH else None
    return TimelineDate(year=anchor.year, month=month), None, span.display


def _day(day: date) -> TimelineDate:
    return TimelineDate(year=day.year, month=day.month, day=day.day)


def _first_publication(event: ResolvedEvent, articles: dict[str, ArticleInfo]) -> date | None:
    ids = {s.provenance.article_id for s in event.sources}
    dates = [articles[i].published for i in ids if i in articles]
    return min(dates, default=None)


def _actor_ref(actor_id: str, actors: dict[str, ResolvedActor]) -> ActorRef:
    actor = actors.get(actor_id)
    if actor is None:  # dangling id: keep it visible rather than crash
        return ActorRef(id=actor_id, name=actor_id)
    return ActorRef(id=actor.id, name=actor.name, type=actor.type)


def _source_record(source: Source, articles: dict[str, ArticleInfo]) -> SourceRecord:
    prov = source.provenance
    article = articles.get(prov.article_id)
    return SourceRecord(
        article_id=prov.article_id,
        article_title=article.title if article else None,
        published=article.published.isoformat() if article else None,
        local_id=source.local_id,
        text=source.text,
        sentence_index=prov.sentence_index,
        start=prov.start,
        end=prov.end,
        sentence=prov.sentence,
        extractor=prov.extractor,
        version=prov.version,
        confidence=prov.confidence,
    )


def _headline(record: EventRecord) -> str:
    agents = ", ".join(a.name for a in record.agents)
    targets = ", ".join(a.name for a in record.targets)
    words = " ".join(part for part in (agents, record.trigger, targets) if part)
    if record.polarity == Polarity.NEGATIVE:
        words = f"not: {words}"
    return escape(words)


def _body(record: EventRecord) -> str:
    """HTML: who/what/where, then each source sentence with its article. All text escaped."""
    facts = [f"Type: {record.type.value}", f"Modality: {record.modality.value}"]
    if record.location is not None:
        facts.append(f"Location: {record.location.name}")
    if record.attributions:
        facts.append("According to: " + ", ".join(a.name for a in record.attributions))
    parts = [f"<p>{escape(' · '.join(facts))}</p>"]
    for source in record.sources:
        where = source.article_title or source.article_id
        if source.published:
            where += f", {source.published}"
        parts.append(f"<blockquote>{escape(source.sentence)}</blockquote><p>— {escape(where)}</p>")
    return "".join(parts)


def _slide_key(slide: TimelineEvent) -> tuple[int, int, int, str]:
    start = slide.start_date
    return (start.year, start.month or 0, start.day or 0, slide.unique_id)


def render_timeline(kg_or_doc: KnowledgeGraph | TimelineDocument) -> str:
    """Sorted, indented (2), UTF-8-ready JSON text with a trailing newline."""
    doc = build_timeline(kg_or_doc) if isinstance(kg_or_doc, KnowledgeGraph) else kg_or_doc
    data = doc.model_dump(mode="json", exclude_none=True)
    return utf8_safe(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)) + "\n"


def write_timeline(kg_or_doc: KnowledgeGraph | TimelineDocument, path: Path) -> Path:
    """Write TimelineJS3 JSON to ``path`` atomically; returns ``path``."""
    return write_text_atomic(Path(path), render_timeline(kg_or_doc))
