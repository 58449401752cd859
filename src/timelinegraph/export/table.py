"""The analyst's tables: one row per event and one row per mention, as CSV and Parquet.

The shape GDELT and ACLED users know: the event's date with its precision, type and
sub-type, actor 1 (the first doer) and actor 2 (the first target) with their kinds and
countries, the place with coordinates, the figures (deaths, injured, arrested), modality
and polarity, counts of mentions, articles and sources, and the ids that join the row to
the graph (``event_iri``) and to the mentions table (``event_id``).

The columns are declared once, here (``EVENT_COLUMNS``, ``MENTION_COLUMNS``: name, type,
meaning); the codebook in ``schemas/table.json`` (a Frictionless Data Package descriptor,
which pandas, R and DuckDB users can read types from) is generated from them by
``codebook()``, and the Parquet files carry the same types and meanings. CSV follows RFC
4180 (UTF-8, CRLF, a header row, empty for missing); a text cell that a spreadsheet would
run as a formula (starting with ``= + - @``, a tab or a carriage return) starts with an
apostrophe in the CSV only, as OWASP advises; the Parquet file holds the text unchanged.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..common.atomic import atomic_open, utf8_safe
from ..common.batches import batched
from ..common.noun_classes import noun_class
from ..graph.timespan import TimeSpan, event_bounds, format_period, read_time
from ..models import (
    ActorType,
    ArticleInfo,
    Geo,
    KnowledgeGraph,
    Quantity,
    ResolvedActor,
    ResolvedEvent,
)
from ..vocab import event_iri

__all__ = [
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "codebook",
    "codebook_text",
    "event_rows",
    "mention_rows",
    "write_events_csv",
    "write_events_parquet",
    "write_mentions_csv",
    "write_mentions_parquet",
]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string | integer | number | boolean | date (Frictionless table schema types)
    meaning: str


def _columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


EVENT_COLUMNS = _columns(
    ("event_id", "string", "Stable id of the event node; joins mentions.event_id."),
    ("event_iri", "string", "The event's IRI in graph.ttl (sem:Event)."),
    ("date", "string", "The date the text gives, at its precision: 2024-03-07, 2024-03, 2024."),
    ("date_precision", "string", "day | month | year; bounds (only a range); none."),
    ("date_text", "string", "The date in words: 'early February 2024', 'before 7 March 2024'."),
    ("earliest", "date", "First day the event can have begun on (links and dates)."),
    ("latest", "date", "Last day the event can have begun on (links and dates)."),
    ("date_source", "string", "Where the date comes from: expression, publication_date, ..."),
    ("type", "string", "Event type (PLOVER and general-news types, docs/event-types.md)."),
    ("subtype", "string", "The type's mode: kill, arrest, earthquake, ..."),
    ("headline", "string", "What happened, in a few words."),
    ("trigger", "string", "The words of the text that tell it."),
    ("lemma", "string", "Lemma of the trigger."),
    ("modality", "string", "ASSERTED | REPORTED | PLANNED | HYPOTHETICAL | ..."),
    ("polarity", "string", "POS | NEG."),
    ("actor1_id", "string", "The first doer (agent): actor id."),
    ("actor1_name", "string", "The first doer's name."),
    ("actor1_type", "string", "PERSON | ORGANIZATION | STATE | PLACE | GROUP ..."),
    ("actor1_country", "string", "ISO 3166-1 alpha-2 of actor 1, when known."),
    ("actor2_id", "string", "The first target or theme: actor id."),
    ("actor2_name", "string", "The first target's name."),
    ("actor2_type", "string", "The first target's kind."),
    ("actor2_country", "string", "ISO 3166-1 alpha-2 of actor 2, when known."),
    ("agents", "string", "Every doer's name, '; ' between them."),
    ("agent_ids", "string", "Every doer's actor id, '; ' between them."),
    ("targets", "string", "Every target's name, '; ' between them."),
    ("target_ids", "string", "Every target's actor id, '; ' between them."),
    ("place_id", "string", "Where it happened: actor id of the place."),
    ("place_name", "string", "The place's name as the text gives it."),
    ("place_source", "string", "text (its own words) | dateline (a guess, from the dateline)."),
    ("country", "string", "ISO 3166-1 alpha-2 of the place (the gazetteer's)."),
    ("latitude", "number", "WGS 84 degrees north of the place (the gazetteer's)."),
    ("longitude", "number", "WGS 84 degrees east of the place."),
    ("geonames_id", "integer", "GeoNames feature id of the place: https://sws.geonames.org/ID/."),
    ("geo_precision", "string", "city | region | country | ...: what the coordinates stand for."),
    ("geo_sure", "boolean", "false when the gazetteer had to choose among places of this name."),
    ("deaths", "integer", "People killed, when the text gives a number for a killing or death."),
    ("injured", "integer", "People injured, when the text gives a number."),
    ("arrested", "integer", "People arrested, when the text gives a number."),
    ("figures", "string", "Every number the text attaches to the event: '612 people'."),
    ("said_by", "string", "Who says so (attribution), '; ' between them."),
    ("mentions", "integer", "Mentions merged into the event."),
    ("articles", "integer", "Articles that mention it."),
    ("sources", "integer", "Distinct publishers (the articles' source) that mention it."),
    ("first_published", "date", "Publication date of the first article that mentions it."),
    ("last_published", "date", "Publication date of the last article that mentions it."),
    ("stories", "string", "Story ids of its articles, '; ' between them."),
    ("article_ids", "string", "Article ids, '; ' between them."),
    ("urls", "string", "The articles' URLs, '; ' between them."),
    ("sentence", "string", "The sentence of its first mention."),
)

MENTION_COLUMNS = _columns(
    ("mention_id", "string", "'article-id#e7': the article and its local event id."),
    ("event_id", "string", "The event node it was merged into; joins events.event_id."),
    ("article_id", "string", "The article that says it."),
    ("article_title", "string", "The article's title."),
    ("article_url", "string", "The article's URL."),
    ("source", "string", "The article's publisher."),
    ("published", "date", "The article's publication date."),
    ("start", "integer", "First character of the trigger in the article text (0-based)."),
    ("end", "integer", "Character after the trigger (exclusive)."),
    ("text", "string", "The trigger as written."),
    ("sentence_index", "integer", "Index of the sentence in the article (0-based)."),
    ("sentence", "string", "The sentence the mention was read from."),
    ("confidence", "number", "The extractor's confidence in the mention."),
)

# Which figure a number attached to an event is, by the event's sub-type or lemma: the
# number of people in "killing 612 people", "injured 1,400", "arrested 23 pirates".
_FIGURE_OF = {
    "kill": "deaths", "die": "deaths", "death": "deaths", "dead": "deaths", "murder": "deaths",
    "injure": "injured", "wound": "injured", "hurt": "injured", "injury": "injured",
    "arrest": "arrested", "detain": "arrested", "capture": "arrested",
}  # fmt: skip
# Units that count things other than people ("$5.5 million", "6.4 on the Richter scale").
_NOT_PEOPLE = frozenset(
    {"dollar", "euro", "pound", "yen", "percent", "%", "mile", "kilometer", "kilometre",
     "meter", "metre", "foot", "magnitude", "richter", "year", "month", "week", "day", "hour",
     "minute", "time", "unit", "share", "point", "barrel", "ton", "tonne"}
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def event_rows(kg: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """One row per event, in the graph's event order (sorted by id: stable)."""
    actors = {actor.id: _ActorColumns.of(actor) for actor in kg.actors}
    articles = {a.id: a for a in kg.articles}
    for event in kg.events:
        yield _event_row(event, actors, articles)


class _ActorColumns(NamedTuple):
    """What a row reads of an actor: read once for every actor, so no row reads an actor
    back from a build's store (one named by thousands of events holds thousands of sources)."""

    id: str
    name: str
    type: ActorType
    country: str | None
    geo: Geo | None

    @classmethod
    def of(cls, actor: ResolvedActor) -> _ActorColumns:
        return cls(actor.id, actor.name, actor.type, actor.country, actor.geo)


def _event_row(
    event: ResolvedEvent, actors: Mapping[str, _ActorColumns], articles: dict[str, ArticleInfo]
) -> dict[str, Any]:
    span = read_time(event.time)
    earliest, latest = event_bounds(event)
    if span is not None and span.contained:
        date_value, precision = span.lexical(), span.precision
    else:
        date_value, precision = None, "bounds" if (earliest or latest) else "none"
    infos = [articles[a] for a in sorted({s.provenance.article_id for s in event.sources})]
    published = sorted(i.published for i in infos)
    place = actors.get(event.location) if event.location else None
    geo = place.geo if place is not None else None
    row: dict[str, Any] = {
        "event_id": event.id,
        "event_iri": str(event_iri(event.id)),
        "date": date_value,
        "date_precision": precision,
        "date_text": _date_text(span),
        "earliest": earliest,
        "latest": latest,
        "date_source": event.time.source,
        "type": event.type.value,
        "subtype": event.mode,
        "headline": event.headline,
        "trigger": event.trigger,
        "lemma": event.lemma,
        "modality": event.modality.value,
        "polarity": event.polarity.value,
        **_actor_columns("actor1", event.agents, actors),
        **_actor_columns("actor2", event.targets, actors),
        "agents": _joined(actors[a].name for a in event.agents if a in actors),
        "agent_ids": _joined(event.agents),
        "targets": _joined(actors[a].name for a in event.targets if a in actors),
        "target_ids": _joined(event.targets),
        "place_id": event.location,
        "place_name": place.name if place is not None else None,
        "place_source": event.location_source if event.location else None,
        "country": geo.country if geo else None,
        "latitude": geo.latitude if geo else None,
        "longitude": geo.longitude if geo else None,
        "geonames_id": geo.geonames_id if geo else None,
        "geo_precision": geo.precision.value if geo else None,
        "geo_sure": geo.sure if geo else None,
        **_figures(event),
        "figures": _joined(q.text for q in event.quantities),
        "said_by": _joined(actors[a].name for a in event.attributions if a in actors),
        "mentions": len(event.sources),
        "articles": len(infos),
        "sources": len({i.source for i in infos if i.source}),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "stories": _joined(event.stories),
        "article_ids": _joined(i.id for i in infos),
        "urls": _joined(i.url for i in infos if i.url),
        "sentence": event.sources[0].provenance.sentence if event.sources else None,
    }
    return row


def _date_text(span: TimeSpan | None) -> str | None:
    if span is None:
        return None
    return span.display or format_period(span.anchor, span.precision)


def _actor_columns(prefix: str, ids: list[str], actors: Mapping[str, _ActorColumns]) -> dict:
    actor = next((actors[a] for a in ids if a in actors), None)
    return {
        f"{prefix}_id": actor.id if actor else None,
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_type": actor.type.value if actor else None,
        f"{prefix}_country": actor.country if actor else None,
    }


def _figures(event: ResolvedEvent) -> dict[str, int | None]:
    figures: dict[str, int | None] = {"deaths": None, "injured": None, "arrested": None}
    kind = _FIGURE_OF.get(event.mode or "") or _FIGURE_OF.get(event.lemma)
    if kind is None:
        return figures
    people = [_people(q) for q in event.quantities]
    counted = [n for n in people if n is not None]
    if counted:
        figures[kind] = int(max(counted))  # several sources: the highest figure, as ACLED
    return figures


def _people(quantity: Quantity) -> float | None:
    """How many people a number counts, or None when it counts things: "five buildings",
    "six AK 47 rifles" (WordNet's artifacts and communications, and units of measure)."""
    unit = quantity.unit.lower()
    if unit in _NOT_PEOPLE or noun_class(unit) in ("artifact", "communication"):
        return None
    return quantity.value


def _joined(values: Iterable[str | None]) -> str | None:
    kept = [v for v in dict.fromkeys(values) if v]
    return "; ".join(kept) if kept else None


def mention_rows(kg: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """One row per mention merged into an event, by event then by mention."""
    articles = {a.id: a for a in kg.articles}
    for event in kg.events:
        for source in event.sources:
            prov = source.provenance
            info = articles.get(prov.article_id)
            yield {
                "mention_id": f"{prov.article_id}#{source.local_id}",
                "event_id": event.id,
                "article_id": prov.article_id,
                "article_title": info.title if info else None,
                "article_url": info.url if info else None,
                "source": info.source if info else None,
                "published": info.published if info else None,
                "start": prov.start,
                "end": prov.end,
                "text": source.text,
                "sentence_index": prov.sentence_index,
                "sentence": prov.sentence,
                "confidence": prov.confidence,
            }


# ---------------------------------------------------------------- CSV


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat() if isinstance(value, date) else str(value)
    if kind == "number":
        return repr(float(value))
    if kind == "integer":
        return str(int(value))
    text = utf8_safe(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write_csv(rows: Iterable[dict[str, Any]], columns: tuple[Column, ...], path: Path) -> Path:
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([c.name for c in columns])
        for row in rows:
            writer.writerow([_cell(row[c.name], c.type) for c in columns])
    return path


def write_events_csv(kg: KnowledgeGraph, path: Path) -> Path:
    return _write_csv(event_rows(kg), EVENT_COLUMNS, path)


def write_mentions_csv(kg: KnowledgeGraph, path: Path) -> Path:
    return _write_csv(mention_rows(kg), MENTION_COLUMNS, path)


# ---------------------------------------------------------------- Parquet


def _arrow_schema(columns: tuple[Column, ...]) -> Any:
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    return pa.schema(
        [pa.field(c.name, types[c.type], metadata={"description": c.meaning}) for c in columns]
    )


ROW_GROUP = 20_000  # rows per Parquet row group: the rows held at once while writing


def _write_parquet(rows: Iterable[dict[str, Any]], columns: tuple[Column, ...], path: Path) -> Path:
    """``rows`` as Parquet (zstd), one row group per ``ROW_GROUP`` rows, each written as it is
    made: the table is never whole in memory."""
    import pyarrow.parquet as pq

    schema = _arrow_schema(columns)
    with (
        atomic_open(path, binary=True) as handle,
        pq.ParquetWriter(handle, schema, compression="zstd") as writer,
    ):
        written = False
        for batch in batched(rows, ROW_GROUP):
            writer.write_table(_arrow_table(batch, columns, schema))
            written = True
        if not written:  # an empty table is one empty row group, as pq.write_table makes it
            writer.write_table(_arrow_table([], columns, schema))
    return path


def _arrow_table(batch: list[dict[str, Any]], columns: tuple[Column, ...], schema: Any) -> Any:
    import pyarrow as pa

    data = {
        c.name: [utf8_safe(v) if isinstance(v := row[c.name], str) else v for row in batch]
        for c in columns
    }
    return pa.Table.from_pydict(data, schema=schema)


def write_events_parquet(kg: KnowledgeGraph, path: Path) -> Path:
    return _write_parquet(event_rows(kg), EVENT_COLUMNS, path)


def write_mentions_parquet(kg: KnowledgeGraph, path: Path) -> Path:
    return _write_parquet(mention_rows(kg), MENTION_COLUMNS, path)


# ---------------------------------------------------------------- codebook


def codebook() -> dict[str, Any]:
    """The tables' codebook as a Frictionless Data Package descriptor (schemas/table.json)."""

    def resource(name: str, path: str, columns: tuple[Column, ...], key: str) -> dict:
        schema: dict[str, Any] = {
            "fields": [{"name": c.name, "type": c.type, "description": c.meaning} for c in columns],
            "missingValues": [""],
            "primaryKey": key,
        }
        if name == "mentions":
            schema["foreignKeys"] = [
                {"fields": "event_id", "reference": {"resource": "events", "fields": "event_id"}}
            ]
        return {
            "name": name,
            "path": path,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": schema,
        }

    return {
        "name": "timelinegraph-tables",
        "title": "timelinegraph event and mention tables",
        "description": __doc__.split("\n\n")[1].replace("\n", " "),
        "resources": [
            resource("events", "events.csv", EVENT_COLUMNS, "event_id"),
            resource("mentions", "mentions.csv", MENTION_COLUMNS, "mention_id"),
        ],
    }


def codebook_text() -> str:
    return json.dumps(codebook(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m timelinegraph.export.table > schemas/table.json
    print(codebook_text(), end="")
