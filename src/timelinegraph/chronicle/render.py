"""An actor's timeline as text for the terminal or as JSON."""

from __future__ import annotations

import json
from typing import Any

from ..graph.timespan import bounds_wording
from .read import ActorTimeline, TimedEvent

__all__ = ["render_json", "render_text", "timeline_data", "when"]

WHEN_WIDTH = 40  # longer date wordings push the headline along rather than wrap


def when(event: TimedEvent) -> str:
    """The event's bounds in words: "7 October 2023", "before 29 February 2024"."""
    return bounds_wording(event.earliest, event.latest)


def render_text(timeline: ActorTimeline) -> str:
    """One line per event in time order (rank, when, role, headline, type and id), then a line
    for each event it is linked to ("after: ...")."""
    actor, events = timeline.actor, timeline.events
    articles = len(timeline.articles)
    lines = [
        f"{actor.name} ({actor.id}): {len(events)} event{'s' * (len(events) != 1)} in "
        f"{articles} article{'s' * (articles != 1)}, in time order"
    ]
    width = min(max((len(when(e)) for e in events), default=0), WHEN_WIDTH)
    digits = len(str(len(events)))
    for rank, event in enumerate(events, start=1):
        role = "/".join(event.roles)
        lines.append(
            f"{rank:>{digits}}  {when(event):<{width}}  {role:<6}  {event.headline}  "
            f"[{event.type}, {event.id}]"
        )
        for note in event.order:
            lines.append(f"{'':>{digits}}  {'':<{width}}          {note.relation}: {note.headline}")
    return "\n".join(lines) + "\n"


def timeline_data(timeline: ActorTimeline) -> dict[str, Any]:
    """The timeline as JSON-ready data."""
    actor = timeline.actor
    return {
        "actor": {"id": actor.id, "name": actor.name, "aliases": list(actor.aliases)},
        "articles": timeline.articles,
        "events": [
            {
                "rank": rank,
                "id": e.id,
                "headline": e.headline,
                "type": e.type,
                "roles": e.roles,
                "earliest": e.earliest.isoformat() if e.earliest else None,
                "latest": e.latest.isoformat() if e.latest else None,
                "when": when(e),
                "order": [
                    {"relation": n.relation, "event": n.event_id, "headline": n.headline}
                    for n in e.order
                ],
                "mentions": [
                    {
                        "article": m.article,
                        "local_id": m.local_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "sentence_index": m.sentence_index,
                        "sentence": m.sentence,
                    }
                    for m in e.mentions
                ],
            }
            for rank, e in enumerate(timeline.events, start=1)
        ],
    }


def render_json(timeline: ActorTimeline) -> str:
    return json.dumps(timeline_data(timeline), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
