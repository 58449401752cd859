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
    published: date,
    modality: Modality,
    report_time: EventTime | None,
) -> EventTime:
    """Apply the timing rules: expression, then report bound, then publication date."""
    future = modality in (Modality.PLANNED, Modality.HYPOTHETICAL)
    if timex is not None and timex.type in ("DATE", "TIME"):
        earliest, latest = bounds(timex.value)
        if timex.value == "PAST_REF":
            earliest, latest = None, published
        elif timex.value == "PRESENT_REF":
            earliest, latest = published, published
        elif timex.value == "FUTURE_REF":
            earliest, latest = published, None
        if earliest is not None or latest is not None:
            return EventTime(
                value=timex.value,
                timex_id=timex.id,
                granularity=timex.granularity,
                mod=timex.mod,
                earliest=earliest,
                latest=latest,
                source="expression",
            )
    if future:
        return EventTime(earliest=published, source="publication_date")
    if report_time is not None and report_time.source == "expression" and report_time.latest:
        return EventTime(latest=min(report_time.latest, published), source="report")
    return EventTime(latest=published, granularity=None, source="publication_date")


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
    "is_future",
    "time_attachments",
]
