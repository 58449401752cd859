"""One reading of an ``EventTime`` that every exporter shares: precision, bounds, wording.

Fuzziness comes from the TIMEX3 ``mod`` when the text gave one ("early February 2024"),
else from the bounds: a month value whose bounds cover only its first third is "early
February 2024"; a day value with wider bounds is "around 10 March 2024"; bounds without a
usable value are "between ... and ...".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import EventTime, ResolvedEvent

DAY, MONTH, YEAR = "day", "month", "year"

# TIMEX3 mod -> the words a reader expects before the date
_MOD_WORDS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "around",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after",
    "LESS_THAN": "less than",
    "MORE_THAN": "more than",
}

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")


@dataclass(frozen=True)
class TimeSpan:
    """Where an event sits in time, at the precision the text supports."""

    precision: str  # DAY | MONTH | YEAR: how much of ``anchor`` is known
    anchor: date  # first day of the period the event is placed at (or its one-sided bound)
    earliest: date | None  # earliest possible day; None when open
    latest: date | None  # latest possible day; None when open
    contained: bool  # the event is known to lie inside the anchor period
    display: str | None = None  # wording for fuzzy times; None when the date says it all
    range_end: date | None = None  # last day of an explicit "between" range

    @property
    def exact_day(self) -> bool:
        return self.precision == DAY and self.contained and self.display is None

    def lexical(self) -> str:
        """The anchor at its precision: 2024-03-07, 2024-03 or 2024 (valid XSD lexical forms)."""
        text = f"{self.anchor.year:04d}"
        if self.precision in (MONTH, DAY):
            text += f"-{self.anchor.month:02d}"
        if self.precision == DAY:
            text += f"-{self.anchor.day:02d}"
        return text


def period_end(anchor: date, precision: str) -> date:
    if precision == DAY:
        return anchor
    if precision == MONTH:
        return anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    return anchor.replace(month=12, day=31)


def format_day(day: date, *, with_year: bool = True) -> str:
    text = f"{day.day} {calendar.month_name[day.month]}"
    return f"{text} {day.year}" if with_year else text


def format_period(anchor: date, precision: str) -> str:
    if precision == DAY:
        return format_day(anchor)
    if precision == MONTH:
        return f"{calendar.month_name[anchor.month]} {anchor.year}"
    return str(anchor.year)


def format_between(first: date, last: date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return f"between {first.day} and {format_day(last)}"
    if first.year == last.year:
        return f"between {format_day(first, with_year=False)} and {format_day(last)}"
    return f"between {format_day(first)} and {format_day(last)}"


def parse_value(value: str | None) -> tuple[date, str] | None:
    """A TIMEX3 calendar value as (first day, precision); None for P6W, PAST_REF, 2024-W06..."""
    match = _VALUE.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        first = date(int(year), int(month or 1), int(day or 1))
    except ValueError:  # 2024-13, 0000, 2023-02-30: not a real date
        return None
    return first, DAY if day else MONTH if month else YEAR


def read_time(time: EventTime) -> TimeSpan | None:
    """The span of ``time``, or None when the event cannot be placed at all."""
    parsed = parse_value(time.value)
    if parsed is not None:
        return _from_value(time, *parsed)
    first, last = time.earliest, time.latest
    if first and last and first > last:
        first, last = last, first
    if first and last:
        return _from_bounds(time, first, last)
    if first:
        return TimeSpan(
            DAY, first, first, None, contained=False, display=f"after {format_day(first)}"
        )
    if last:
        return TimeSpan(
            DAY, last, None, last, contained=False, display=f"before {format_day(last)}"
        )
    return None


def _from_value(time: EventTime, anchor: date, precision: str) -> TimeSpan:
    end = period_end(anchor, precision)
    first = max(time.earliest or anchor, anchor) if _inside(time, anchor, end) else anchor
    last = min(time.latest or end, end) if _inside(time, anchor, end) else end
    display = None
    if precision == DAY and ((time.earliest or anchor) < anchor or (time.latest or end) > end):
        first, last = time.earliest or anchor, time.latest or end
        display = f"around {format_day(anchor)}"
    elif (first, last) != (anchor, end):
        display = _part_of(anchor, precision, first, last)
    if display is None and time.mod in _MOD_WORDS:
        display = f"{_MOD_WORDS[time.mod]} {format_period(anchor, precision)}"
    if display is None and time.source == "publication_date":
        display = f"reported {format_period(anchor, precision)}"
    return TimeSpan(precision, anchor, first, last, contained=True, display=display)


def _inside(time: EventTime, anchor: date, end: date) -> bool:
    """Bounds that fall within the value's period narrow it; bounds outside are ignored."""
    return all(anchor <= d <= end for d in (time.earliest, time.latest) if d is not None)


def _part_of(anchor: date, precision: str, first: date, last: date) -> str:
    """'early/mid/late <period>' when the bounds sit in one third of it, else 'between'."""
    total = (period_end(anchor, precision) - anchor).days + 1
    third = timedelta(days=total // 3)
    name = format_period(anchor, precision)
    if last < anchor + third:
        return f"early {name}"
    if first >= anchor + 2 * third:
        return f"late {name}"
    if first >= anchor + third and last < anchor + 2 * third:
        return f"mid {name}"
    return format_between(first, last)


def _from_bounds(time: EventTime, first: date, last: date) -> TimeSpan:
    if first == last:
        display = f"reported {format_day(first)}" if time.source == "publication_date" else None
        return TimeSpan(DAY, first, first, last, contained=True, display=display)
    if (first.year, first.month) == (last.year, last.month):
        anchor, precision = first.replace(day=1), MONTH
    else:
        anchor, precision = first.replace(month=1, day=1), YEAR
    if (first, last) == (anchor, period_end(anchor, precision)):
        return TimeSpan(precision, anchor, first, last, contained=True)
    contained = first.year == last.year
    return TimeSpan(
        precision,
        anchor if contained else first,
        first,
        last,
        contained=contained,
        display=format_between(first, last),
        range_end=last,
    )


def iso_bounds(span: TimeSpan | None) -> tuple[str | None, str | None]:
    """ISO start and end days (YYYY-MM-DD) for tools that need full dates (Gephi)."""
    if span is None:
        return None, None
    start = span.earliest or span.anchor
    end = span.latest or (period_end(span.anchor, span.precision) if span.contained else None)
    return start.isoformat(), end.isoformat() if end else None


def event_bounds(event: ResolvedEvent) -> tuple[date | None, date | None]:
    """The first and last day an event can have begun on: the order step's bounds (its own
    time narrowed by the temporal links, resolve/order.py), else its own time's."""
    if event.bounds is not None:
        return event.bounds.earliest, event.bounds.latest
    span = read_time(event.time)
    return (span.earliest, span.latest) if span is not None else (None, None)


def bounds_wording(earliest: date | None, latest: date | None) -> str:
    """Bounds in words: "7 October 2023", "November 2023", "before 7 March 2024", "between
    11 January and 7 March 2024"; "date unknown" when neither is known."""
    span = read_time(EventTime(earliest=earliest, latest=latest, source="bounds"))
    if span is None:
        return "date unknown"
    return span.display or format_period(span.anchor, span.precision)
