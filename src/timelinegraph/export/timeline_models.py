"""Pydantic models of our Knight Lab TimelineJS3 JSON, and its JSON Schema.

TimelineJS reads ``title``, ``events[].start_date/end_date/display_date/text/group/
unique_id``; it ignores ``events[].timelinegraph``, where the full event record lives.
``text.headline`` and ``text.text`` are HTML (escaped by the exporter); every string in
the record is raw data. Regenerate the committed schema with::

    python -m timelinegraph.export.timeline_models > schemas/timeline.schema.json
"""

from __future__ import annotations

import json
import sys
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import ActorType, EventType, Granularity, Modality, Polarity

__all__ = [
    "ActorRef",
    "BoundsRecord",
    "EventRecord",
    "MergeRecord",
    "Opening",
    "OrderRecord",
    "QuantityRecord",
    "SourceRecord",
    "TimeRecord",
    "TimelineDate",
    "TimelineDocument",
    "TimelineEvent",
    "TimelineText",
    "TimelineTitle",
    "render_timeline_schema",
    "timeline_json_schema",
]

SCHEMA_ID = "https://w3id.org/timelinegraph/schemas/timeline.schema.json"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TimelineText(_Model):
    headline: str = Field(description="HTML (escaped).")
    text: str = Field(description="HTML (escaped).")


class TimelineTitle(_Model):
    text: TimelineText


class TimelineDate(_Model):
    """A TimelineJS date: month and day present only when the text gives them."""

    year: int
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    display_date: str | None = Field(default=None, description="Wording of fuzzy dates.")


class ActorRef(_Model):
    id: str
    name: str
    type: ActorType | None = Field(default=None, description="None if the id is unknown.")


class SourceRecord(_Model):
    article_id: str
    article_title: str | None = None
    published: str | None = Field(default=None, description="ISO date of the article.")
    local_id: str
    text: str
    sentence_index: int
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: str
    extractor: str
    version: str
    confidence: float = Field(ge=0.0, le=1.0)


class BoundsRecord(_Model):
    """The days the event can have begun on: its own time narrowed by the temporal links;
    ``*_from``: 'time' (its own), another event's id, a link id or a mention outside the
    graph (docs/temporal.md)."""

    earliest: str | None = Field(default=None, description="ISO date.")
    latest: str | None = Field(default=None, description="ISO date.")
    earliest_from: str | None = None
    latest_from: str | None = None


class TimeRecord(_Model):
    value: str | None = Field(default=None, description="TIMEX3 value.")
    granularity: Granularity | None = None
    earliest: str | None = Field(default=None, description="ISO date.")
    latest: str | None = Field(default=None, description="ISO date.")
    source: str
    precision: Literal["day", "month", "year"] = Field(description="Precision of start_date.")
    placement: Literal["event_time", "event_order", "publication_date_fallback"] = Field(
        description="event_order: placed by the bounds its temporal links give; "
        "publication_date_fallback: no event time, placed at its first report."
    )
    display: str | None = None
    bounds: BoundsRecord = Field(default_factory=BoundsRecord)


class EventNameRef(_Model):
    id: str
    headline: str


class OrderRecord(_Model):
    """One temporal link as this event sees it: it is ``relation`` the other event or time."""

    relation: Literal["before", "after", "includes", "during", "simultaneous"]
    event: EventNameRef | None = Field(default=None, description="The other event.")
    time: str | None = Field(
        default=None, description="A time: its TIMEX3 value or the publication date."
    )
    link_id: str
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str


class QuantityRecord(_Model):
    value: float
    unit: str
    text: str
    mod: str | None = None


class MergeRecord(_Model):
    """One merge decision: which mention joined the event, by which rule, on what evidence."""

    mention: str = Field(description="'article-id#local-id' of the mention merged in.")
    into: str = Field(description="'article-id#local-id' of the mention it matched.")
    rule: str
    evidence: str


class EventRecord(_Model):
    """The full event, for tools that read more than TimelineJS does."""

    id: str
    type: EventType
    mode: str | None = Field(default=None, description="PLOVER mode or general-news sub-type.")
    headline: str = Field(description="A short clause built from the event's parts.")
    trigger: str
    lemma: str
    agents: list[ActorRef]
    targets: list[ActorRef]
    location: ActorRef | None = None
    location_source: str | None = Field(
        default=None, description="text (the sentence names it) | dateline (a guess)."
    )
    attributions: list[ActorRef]
    attribution_texts: list[str]
    time: TimeRecord
    modality: Modality
    polarity: Polarity
    quantities: list[QuantityRecord]
    sources: list[SourceRecord]
    merges: list[MergeRecord]
    stories: list[str] = Field(default_factory=list, description="Ids of its stories.")
    order: list[OrderRecord] = Field(
        default_factory=list, description="Its temporal links: what it is before, after..."
    )


class TimelineEvent(_Model):
    start_date: TimelineDate
    end_date: TimelineDate | None = None
    display_date: str | None = Field(default=None, description="Wording of fuzzy dates.")
    text: TimelineText
    group: str = Field(description="Event type (PLOVER or general news, docs/event-types.md).")
    unique_id: str
    timelinegraph: EventRecord


class OpeningWindow(_Model):
    start: str = Field(description="ISO date.")
    end: str = Field(description="ISO date.")


class Opening(_Model):
    """Where to open the timeline: TimelineJS options (``start_at_slide``, ``scale_factor``)
    to pass to ``new TL.Timeline``, which does not read them from the data."""

    start_at_slide: int = Field(ge=0, description="The first slide of the densest span.")
    start_id: str = Field(description="Its unique_id.")
    scale_factor: float = Field(gt=0, description="Screens the whole axis spans.")
    window: OpeningWindow = Field(description="The shortest span holding half the events.")


class TimelineDocument(_Model):
    """A TimelineJS3 document."""

    title: TimelineTitle
    events: list[TimelineEvent]
    timelinegraph: Opening | None = Field(
        default=None, description="Where to open it; TimelineJS ignores this field."
    )


def timeline_json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the timeline export, generated from the models."""
    schema = TimelineDocument.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def render_timeline_schema() -> str:
    """The schema as committed in ``schemas/timeline.schema.json``."""
    return json.dumps(timeline_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_timeline_schema())
