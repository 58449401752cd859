"""Anaphoric and DCT-relative dates without a number: 'the quarter', 'year-end', 'the first
half', 'the second straight year', 'at the time', 'the holiday season'.

ISO-TimeML annotates these as DATEs whose value is the period referred to; without discourse
context we take the period of the publication date, stepping back one unit when the clause
looks back and the period containing the publication date has barely begun (a news story in
early February that says 'sales fell during the quarter' reports the quarter just ended).
"""

from __future__ import annotations

from datetime import date

from ...models import Granularity, TimexType
from .anchor import Direction
from .resolve import Norm, calendar_unit, month_year

G = Granularity

# How many days into the current period a past-tense mention still means the last one
# (results for a quarter or year are reported some weeks after it ends).
_FRESH_DAYS = {"year": 75, "quarter": 45, "month": 7}


def _norm(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


def _step(unit: str, pub: date, direction: Direction) -> int:
    if direction != Direction.PAST:
        return 0
    if unit == "year":
        start = date(pub.year, 1, 1)
    elif unit == "quarter":
        start = date(pub.year, (pub.month - 1) // 3 * 3 + 1, 1)
    else:
        start = pub.replace(day=1)
    return -1 if (pub - start).days < _FRESH_DAYS.get(unit, 0) else 0


def unit_of_pub(unit: str, pub: date, direction: Direction, mod: str | None = None) -> Norm:
    """The calendar year/quarter/month a bare 'the year' names, from the publication date."""
    step = _step(unit, pub, direction)
    if unit == "quarter":
        index = pub.year * 4 + (pub.month - 1) // 3 + step
        return Norm(TimexType.DATE, f"{index // 4}-Q{index % 4 + 1}", G.QUARTER, mod, 0.6)
    norm = calendar_unit(unit, pub, step, mod)
    assert norm is not None
    return Norm(norm.type, norm.value, norm.granularity, mod, 0.6)


def anaphor(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    """'the year', 'the quarter', 'the month', 'the second straight year'."""
    unit = _norm(g["unit"])
    return unit_of_pub(unit, pub, direction)


def year_end(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    """'year-end': the end of this year, or of last year when it is already past."""
    if g.get("year"):
        return Norm(TimexType.DATE, g["year"], G.YEAR, "END", 0.85)
    year = pub.year - 1 if direction == Direction.PAST and pub.month < 12 else pub.year
    return Norm(TimexType.DATE, str(year), G.YEAR, "END", 0.7)


def bare_half(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    """'the first half' without a year: the half-year nearest the publication date."""
    h = 1 if _norm(g["hord"]) in ("first", "1st") else 2
    year = month_year(6 * h - 5, pub, direction, span=6)
    return Norm(TimexType.DATE, f"{year}-H{h}", G.QUARTER, None, 0.7)


def past_ref(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    """'at the time', 'at that time': a past point fixed only by the discourse."""
    return Norm(TimexType.DATE, "PAST_REF", G.UNKNOWN, None, 0.6)


def holiday_season(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    """'the holiday season': the year-end holidays, as the December they center on."""
    year = int(g["year"]) if g.get("year") else month_year(12, pub, direction)
    return Norm(TimexType.DATE, f"{year}-12", G.MONTH, None, 0.6)
