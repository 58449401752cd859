"""Calendar arithmetic: place a partial date (weekday, month, season) relative to the anchor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ...models import Granularity, TimexType
from .anchor import Direction
from .lexicon import SEASON_OF_MONTH, UNITS

_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


@dataclass(frozen=True)
class Norm:
    """The TIMEX3 attributes of one expression."""

    type: TimexType
    value: str
    granularity: Granularity
    mod: str | None = None
    confidence: float = 0.8


def weekday(wd: int, pub: date, direction: Direction) -> date:
    """Past: the latest such day on or before ``pub``; future: the first on or after it;
    present/unknown: the nearer of the two (ties go to the past, as news mostly reports)."""
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if direction == Direction.PAST:
        return pub - timedelta(days=back)
    if direction == Direction.FUTURE:
        return pub + timedelta(days=ahead)
    return pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)


def weekday_rel(wd: int, pub: date, rel: str, direction: Direction) -> date:
    """'last Friday' strictly before the anchor, 'next Friday' strictly after it."""
    if rel in ("last", "past", "previous", "the previous", "the past", "the last"):
        return pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    if rel in ("next", "coming", "following", "the next", "the following", "the coming"):
        return pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    return weekday(wd, pub, direction)


def month_year(month: int, pub: date, direction: Direction, span: int = 1) -> int:
    """Year of a month named without one ('in November'). ``span`` widens 'current' so a
    quarter starting in January still counts as current in March."""
    current = month <= pub.month < month + span
    past_year = pub.year if month <= pub.month else pub.year - 1
    future_year = pub.year if month + span - 1 >= pub.month else pub.year + 1
    if current:
        return pub.year
    if direction == Direction.PAST:
        return past_year
    if direction == Direction.FUTURE:
        return future_year
    back = (pub.month - month) % 12
    ahead = (month - pub.month) % 12
    return past_year if back <= ahead else future_year


def month_day(month: int, day: int, pub: date, direction: Direction) -> date:
    """A month and day without a year: the past or future occurrence, or the nearer one."""
    this_year = _safe_date(pub.year, month, day)
    if this_year == pub:
        return pub
    if this_year < pub:
        past, future = this_year, _safe_date(pub.year + 1, month, day)
    else:
        past, future = _safe_date(pub.year - 1, month, day), this_year
    if direction == Direction.PAST:
        return past
    if direction == Direction.FUTURE:
        return future
    return past if (pub - past) <= (future - pub) else future


def _safe_date(year: int, month: int, day: int) -> date:
    if month == 2 and day == 29:  # a leap day: the nearest leap year at or before ``year``
        while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
            year -= 1
    return date(year, month, day)


def month_rel(month: int, pub: date, rel: str) -> int:
    """Year of 'last March' (before this month), 'next March' (after it), 'this March'."""
    if rel in ("last", "past", "previous", "the previous", "the past", "the last"):
        return pub.year if month < pub.month else pub.year - 1
    if rel in ("next", "coming", "following", "the next", "the following", "the coming"):
        return pub.year if month > pub.month else pub.year + 1
    return pub.year


def season_year(season: str, pub: date, rel: str | None, direction: Direction) -> int:
    """Year of a season named without one. Seasons are ordered WI < SP < SU < FA in a year;
    December belongs to the next year's winter."""
    cur_year = pub.year + (1 if pub.month == 12 else 0)
    cur = cur_year * 4 + _SEASON_ORDER[SEASON_OF_MONTH[pub.month]]
    order = _SEASON_ORDER[season]
    same_year = cur_year * 4 + order
    past = same_year if same_year <= cur else same_year - 4
    future = same_year if same_year >= cur else same_year + 4
    rel = (rel or "").lower()
    if rel == "this":
        return cur_year
    if rel in ("last", "past"):
        return (past if past < cur else past - 4) // 4
    if rel in ("next", "coming"):
        return (future if future > cur else future + 4) // 4
    if direction == Direction.PAST:
        return past // 4
    if direction == Direction.FUTURE:
        return future // 4
    return (past if cur - past <= future - cur else future) // 4


def calendar_unit(unit: str, pub: date, step: int, mod: str | None) -> Norm | None:
    """The calendar week/month/year/... containing ``pub``, moved by ``step`` units."""
    unit = unit.split()[-1]
    if unit == "week":
        y, w, _ = (pub + timedelta(weeks=step)).isocalendar()
        return Norm(TimexType.DATE, f"{y}-W{w:02d}", Granularity.WEEK, mod, 0.9)
    if unit == "weekend":
        y, w, _ = (pub + timedelta(weeks=step)).isocalendar()
        return Norm(TimexType.DATE, f"{y}-W{w:02d}-WE", Granularity.WEEK, mod, 0.85)
    if unit == "month":
        d = pub + relativedelta(months=step)
        return Norm(TimexType.DATE, f"{d.year}-{d.month:02d}", Granularity.MONTH, mod, 0.9)
    if unit == "year":
        return Norm(TimexType.DATE, str(pub.year + step), Granularity.YEAR, mod, 0.9)
    if unit == "decade":
        return Norm(TimexType.DATE, str(pub.year // 10 + step), Granularity.DECADE, mod, 0.85)
    if unit == "century":
        return Norm(TimexType.DATE, str(pub.year // 100 + step), Granularity.CENTURY, mod, 0.85)
    return None


def shifted(pub: date, count: float, unit: str, mod: str | None) -> Norm:
    """The point ``count`` units from ``pub`` ('two days ago'), at the unit's precision."""
    code, mult, clock = UNITS.get(unit, ("D", 1, False))
    n = count * mult
    if clock:
        return Norm(TimexType.DATE, pub.isoformat(), Granularity.DAY, mod, 0.8)
    if unit in ("day", "night"):
        return Norm(TimexType.DATE, (pub + timedelta(days=n)).isoformat(), Granularity.DAY, mod)
    if unit in ("week", "fortnight", "weekend"):
        y, w, _ = (pub + timedelta(weeks=n)).isocalendar()
        return Norm(TimexType.DATE, f"{y}-W{w:02d}", Granularity.WEEK, mod, 0.8)
    if code == "M":
        d = pub + relativedelta(months=int(n))
        return Norm(TimexType.DATE, f"{d.year}-{d.month:02d}", Granularity.MONTH, mod, 0.8)
    year = pub.year + int(n)
    if unit == "decade":
        return Norm(TimexType.DATE, str(year // 10), Granularity.DECADE, mod, 0.8)
    if unit in ("century", "millennium"):
        return Norm(TimexType.DATE, str(year // 100), Granularity.CENTURY, mod, 0.8)
    return Norm(TimexType.DATE, str(year), Granularity.YEAR, mod, 0.8)
