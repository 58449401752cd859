"""When an event happened: its attached time expression, else bounds from context."""

from __future__ import annotations

import calendar
import re
from collections.abc import Set
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ...models import EventTime, Granularity, Modality, TimeExpression

_DATED = ("DATE", "TIME")
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 2)}


def bounds(value: str) -> tuple[date | None, date | None]:
    """Earliest and latest day a TIMEX3 value allows (None where it says nothing)."""
    value = value.split("T")[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, q = int(m[1]), int(m[2])
            last = q * 3
            return date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1])
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value):
            year, (first, last) = int(m[1]), SEASONS[m[2]]
            end_year = year + 1 if last < first else year
            return date(year, first, 1), date(
                end_year, last, calendar.monthrange(end_year, last)[1]
            )
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})X?", value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None, None
    return None, None


def attached_time(
    head: Token, times: list[TimeExpression], triggers: Set[int]
) -> TimeExpression | None:
    """The time expression whose tokens hang off this trigger (nearest trigger above it)."""
    return time_attachments(head.doc, times, triggers).get(head.i)


def time_attachments(
    doc: Doc, times: list[TimeExpression], triggers: Set[int]
) -> dict[int, TimeExpression]:
    """Token index -> the first time expression (in ``times`` order) hanging off that token,
    the nearest trigger above it. Computed once per article: asking ``attached_time`` for
    every trigger would walk every expression's heads again for each one."""
    attached: dict[int, TimeExpression] = {}
    for timex in times:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        current = root.head
        for _ in range(12):
            if current.i in triggers and not (span.start <= current.i < span.end):
                break
            if current.head.i == current.i:
                break
            current = current.head
        held = attached.get(current.i)
        if held is None or (held.type not in _DATED and timex.type in _DATED):
            attached[current.i] = timex  # "a weeklong truce in November": the date, not P1W
    return attached


def event_time(
    timex: TimeExpression | None,
    published: date | None,
    modality: Modality,
    report_time: EventTime | None,
    *,
    ongoing: bool = False,
) -> EventTime:
    """Apply the timing rules: expression, then report bound, then publication date.

    An event's ``value`` is always a calendar value (2024-03-07, 2023-11, 2023-W06, 2024-Q1,
    2024): a part of day ("2013-07-02TAF") is dropped to the day, and vague references
    ("recently", "now", "in recent weeks", "soon") become honest bounds with no value, never
    a raw TIMEX token. ``ongoing``: the event is told in the present perfect ("has been cut
    off for over a month"), so a duration puts its start that long before publication.

    ``published`` is None when the article's date is a guess (``timelinegraph.dating``):
    then only a calendar value or a report's own bound dates the event, and an event with
    neither has an unknown time rather than one bounded by the guess."""
    future = modality in (Modality.PLANNED, Modality.HYPOTHETICAL)
    found = _expression_time(timex, published, ongoing) if timex is not None else None
    if found is not None:
        return found
    if published is None:
        if report_time is not None and report_time.source == "expression" and report_time.latest:
            return EventTime(latest=report_time.latest, source="report")
        return EventTime(source="unknown")
    if future:
        return EventTime(earliest=published, source="publication_date")
    if report_time is not None and report_time.source == "expression" and report_time.latest:
        return EventTime(latest=min(report_time.latest, published), source="report")
    return EventTime(latest=published, granularity=None, source="publication_date")


def expression_time(timex: TimeExpression, published: date) -> EventTime | None:
    """The time a time expression names, as an event dated by it would get (the order step
    bounds events linked to it by this), or None when it names no day at all ("P6W")."""
    return _expression_time(timex, published, ongoing=False)


# How far back "recently" and "in recent weeks" reach: generous, so the bound stays honest.
VAGUE_PAST = {"day": 14, "week": 8 * 7, "month": 12 * 31, "year": 5 * 366}
RECENTLY = 92  # "recently", "lately": within about three months
SOON = 92  # "soon", "shortly": within about three months
_CALENDAR = re.compile(
    r"\d{3}X|\d{4}(-(\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?|W\d{2}(-WE)?|Q[1-4]|SP|SU|FA|AU|WI))?"
)


def calendar_value(value: str) -> str | None:
    """The value as a calendar date an exporter can show, or None: '2013-07-02TAF' ->
    '2013-07-02'; 'PAST_REF', 'XXXX-10-07', 'P6W' -> None."""
    if _CALENDAR.fullmatch(value):
        return value
    day = re.match(r"(\d{4}-\d{2}-\d{2})T[A-Z]{2}$", value)  # morning, afternoon, ...
    return day.group(1) if day else None


def _expression_time(
    timex: TimeExpression, published: date | None, ongoing: bool
) -> EventTime | None:
    text = timex.text.lower()
    value = calendar_value(timex.value) if timex.type in ("DATE", "TIME") else None
    earliest, latest = bounds(value) if value else (None, None)
    granularity = timex.granularity if value else None
    if value is None:
        if published is None:
            return None  # "recently", "for a month": bounded only by a guessed date
        earliest, latest = _vague_bounds(timex, text, published)
        if ongoing and timex.type == "DURATION" and earliest is None:
            latest = _started_before(timex.value, published)  # "cut off for over a month"
    if earliest is None and latest is None:
        return None
    if value is not None and granularity is Granularity.TIME and not timex.value[11:12].isdigit():
        granularity = Granularity.DAY
    return EventTime(
        value=value,
        timex_id=timex.id,
        granularity=granularity,
        mod=timex.mod,
        earliest=earliest,
        latest=latest,
        source="expression",
    )


def _started_before(duration: str, published: date) -> date | None:
    """The latest start of something that has lasted ``duration`` up to publication."""
    m = re.fullmatch(r"P(\d+)([DWMY])", duration)
    if m is None:
        return None
    days = int(m[1]) * {"D": 1, "W": 7, "M": 28, "Y": 365}[m[2]]  # the shortest month/year
    return published - timedelta(days=days)


def _vague_bounds(
    timex: TimeExpression, text: str, published: date
) -> tuple[date | None, date | None]:
    """Bounds for what names no calendar period: "recently", "now", "in recent weeks"."""
    value = timex.value
    if value == "PRESENT_REF":
        return published, published
    if value == "PAST_REF":
        reach = RECENTLY if "recent" in text or "lately" in text else None
        return (published - timedelta(days=reach) if reach else None), published
    if value == "FUTURE_REF":
        reach = SOON if "soon" in text or "shortly" in text else None
        return published, (published + timedelta(days=reach) if reach else None)
    if timex.type == "DURATION" and "recent" in text:  # "in recent weeks"
        unit = next((u for u in VAGUE_PAST if u in text), "month")
        return published - timedelta(days=VAGUE_PAST[unit]), published
    return None, None


def is_future(timex: TimeExpression | None, published: date) -> bool:
    """Whether the attached time lies wholly after publication ("on Sunday" said Thursday)."""
    if timex is None:
        return False
    earliest, _ = bounds(timex.value)
    return timex.value == "FUTURE_REF" or (earliest is not None and earliest > published)


__all__ = [
    "Granularity",
    "attached_time",
    "bounds",
    "event_time",
    "expression_time",
    "is_future",
    "time_attachments",
]
