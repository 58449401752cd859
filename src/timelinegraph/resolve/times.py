"""Time compatibility and merging of event times, respecting granularity and bounds."""

from __future__ import annotations

from datetime import date

from ..models import EventTime, Granularity

# Finer first: the merged time takes the most precise value any source gives.
_PRECISION = [
    Granularity.TIME,
    Granularity.DAY,
    Granularity.WEEK,
    Granularity.MONTH,
    Granularity.SEASON,
    Granularity.QUARTER,
    Granularity.YEAR,
    Granularity.DECADE,
    Granularity.CENTURY,
    Granularity.UNKNOWN,
]


def precision_rank(time: EventTime) -> int:
    if time.value is None or time.granularity is None:
        return len(_PRECISION)
    return _PRECISION.index(time.granularity)


def has_bounds(time: EventTime) -> bool:
    return time.earliest is not None or time.latest is not None


def compatible(a: EventTime, b: EventTime) -> bool:
    """Two times can be the same event's: their [earliest, latest] ranges overlap and two
    day-precise values agree."""
    lo = max(_or(a.earliest, date.min), _or(b.earliest, date.min))
    hi = min(_or(a.latest, date.max), _or(b.latest, date.max))
    if lo > hi:
        return False
    day = (Granularity.DAY, Granularity.TIME)
    if a.granularity in day and b.granularity in day and a.value and b.value:
        return a.value[:10] == b.value[:10]
    return True


def merge(times: list[EventTime]) -> EventTime:
    """The most precise time, bounded by every source's bounds; of equally precise times, one
    that says something (an ``unknown`` time, from an article whose date is a guess, does not
    name a merged time that other sources bound)."""
    best = min(times, key=lambda t: (precision_rank(t), not has_bounds(t)))
    earliest = max((t.earliest for t in times if t.earliest), default=None)
    latest = min((t.latest for t in times if t.latest), default=None)
    if earliest and latest and earliest > latest:  # sources disagree: keep the best's own
        earliest, latest = best.earliest, best.latest
    return best.model_copy(update={"earliest": earliest, "latest": latest})


def _or(value: date | None, default: date) -> date:
    return value if value is not None else default


def describe(time: EventTime) -> str:
    """A time in words for reasons and reports: its value, else its bounds."""
    if time.value is not None:
        return time.value + (f" ({time.mod})" if time.mod else "")
    if time.earliest and time.latest:
        return f"{time.earliest.isoformat()}..{time.latest.isoformat()}"
    if time.latest:
        return f"on or before {time.latest.isoformat()}"
    if time.earliest:
        return f"on or after {time.earliest.isoformat()}"
    return "no date"
