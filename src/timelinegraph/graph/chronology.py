"""One reading order for events: by their bounds, and by the links where bounds cannot tell.

Every place that lists events in time (the timeline's slides, ``timelinegraph timeline``, the
SemEval TimeLine writer) asks ``chronological``, so they agree. An event sorts by the first day
it can have begun on, else the last (an event known only to come "before 7 March" sorts on 7
March, ahead of that day's dated events: what is told without a date is recent), ties in the
order the articles tell them; a link between two events puts the earlier first whatever their
days say (BEFORE, and INCLUDES: the including event begins first), without reordering anything
else.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..models import TemporalRelation

__all__ = ["FACING", "Placed", "chronological", "facing", "sort_day"]

R = TemporalRelation
# How a link reads from each end: (from the source, from the target)
FACING: Mapping[TemporalRelation, tuple[str, str]] = {
    R.BEFORE: ("before", "after"),
    R.AFTER: ("after", "before"),
    R.INCLUDES: ("includes", "during"),
    R.IS_INCLUDED: ("during", "includes"),
    R.SIMULTANEOUS: ("simultaneous", "simultaneous"),
}


def facing(relation: TemporalRelation, *, from_source: bool) -> str:
    """The link's relation as its source sees it ('before') or as its target does ('after')."""
    return FACING[relation][0 if from_source else 1]


@dataclass(frozen=True)
class Placed:
    """An event as the order sees it: its bounds, and where it is first told (the article's
    publication date and id, the offset) to break ties the same way every time."""

    id: str
    earliest: date | None
    latest: date | None
    told: tuple[str, str, int] = ("", "", 0)

    def key(self) -> tuple[bool, date, int, date, tuple[str, str, int], str]:
        """Undated last; then by the first known day, on which an event known only to come
        before it goes first and one known only to come after it last; then the last known
        day, where it is told, the id."""
        first = self.earliest or self.latest
        last = self.latest or self.earliest
        side = 0 if self.earliest is None else 2 if self.latest is None else 1
        return (first is None, first or date.min, side, last or date.min, self.told, self.id)


def sort_day(earliest: date | None, latest: date | None) -> date | None:
    """The day an event sorts on: the first it can have begun on, else the last."""
    return earliest or latest


def chronological(
    events: Iterable[Placed], links: Iterable[tuple[str, TemporalRelation, str]]
) -> list[str]:
    """Event ids in reading order. ``links`` are (source, relation, target) between events;
    those to unknown ids are ignored. A loop the links might still hold (two events said to
    include each other: the same span) is broken at its earliest event by key."""
    placed = {e.id: e for e in events}
    after: dict[str, set[str]] = defaultdict(set)
    waiting: dict[str, int] = dict.fromkeys(placed, 0)
    for source, relation, target in links:
        if source not in placed or target not in placed or source == target:
            continue
        if relation in (R.BEFORE, R.INCLUDES):
            first, then = source, target
        elif relation in (R.AFTER, R.IS_INCLUDED):
            first, then = target, source
        else:
            continue  # simultaneous: their days decide
        if then not in after[first]:
            after[first].add(then)
            waiting[then] += 1
    ready = [placed[i].key() for i, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[str] = []
    done: set[str] = set()
    while len(order) < len(placed):
        if not ready:  # a loop: take its earliest member
            ready = [min(placed[i].key() for i in placed if i not in done)]
        event_id = heapq.heappop(ready)[-1]
        if event_id in done:
            continue
        done.add(event_id)
        order.append(event_id)
        for then in sorted(after[event_id]):
            waiting[then] -= 1
            if waiting[then] == 0 and then not in done:
                heapq.heappush(ready, placed[then].key())
    return order
