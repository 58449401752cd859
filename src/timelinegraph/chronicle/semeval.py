"""An actor's timeline in the SemEval-2015 Task 4 TimeLine format (Minard et al. 2015).

The first line is the target entity; then one line per event, tab-separated: an ordering
number, the anchor date and every mention of the event as ``docid-sentence-word``, the
document id, sentence number and word of the CAT file the build read (``ingest.cat``; the
word is the token at the mention's start). Events anchored to the same date share an
ordering number and the numbers grow with the dates; an event whose bounds lie within no day,
month or year the task can write (``2009-05-14``, ``2009-05-XX``, ``2009-XX-XX``: "before 7
March" is none) gets ``XXXX-XX-XX`` and the number 0, the task's mark for events it cannot
place.
Mentions in articles that are not CAT files are left out, and so are events left with none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..ingest.cat import CatTokens
from .read import ActorTimeline, TimedEvent

__all__ = ["UNKNOWN_DATE", "anchor_date", "render_semeval"]

UNKNOWN_DATE = "XXXX-XX-XX"


def anchor_date(earliest: date | None, latest: date | None) -> str | None:
    """The date the task writes for bounds within one day (``2009-05-14``), one month
    (``2009-05-XX``) or one year (``2009-XX-XX``): the event lies within it."""
    if earliest is None or latest is None:
        return None
    if earliest == latest:
        return earliest.isoformat()
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.year:04d}-{earliest.month:02d}-XX"
    if earliest.year == latest.year:
        return f"{earliest.year:04d}-XX-XX"
    return None


def render_semeval(
    timeline: ActorTimeline, numbering: Mapping[str, CatTokens], entity: str | None = None
) -> str:
    """The timeline as the task's file; ``numbering`` maps article ids to their CAT tokens,
    ``entity`` is the first line (default: the actor's name)."""
    lines = [entity if entity is not None else timeline.actor.name]
    order, previous = 0, None
    for event in timeline.events:
        mentions = _mention_ids(event, numbering)
        if not mentions:
            continue
        anchor = anchor_date(event.earliest, event.latest)
        if anchor is None:
            lines.append("\t".join(["0", UNKNOWN_DATE, *mentions]))
            continue
        if anchor != previous:
            order, previous = order + 1, anchor
        lines.append("\t".join([str(order), anchor, *mentions]))
    # unplaced events first, as the task's files list them, then by number (a stable sort)
    events = sorted(lines[1:], key=lambda line: int(line.split("\t", 1)[0]))
    return "\n".join([lines[0], *events]) + "\n"


def _mention_ids(event: TimedEvent, numbering: Mapping[str, CatTokens]) -> list[str]:
    found = []
    for mention in event.mentions:
        tokens = numbering.get(mention.article)
        if tokens is not None:
            mention_id = tokens.mention_id(mention.start, mention.end)
            if mention_id is not None:
                found.append(mention_id)
    return list(dict.fromkeys(found))
