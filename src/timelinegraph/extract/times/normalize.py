"""Normalization: a detected candidate and an anchor -> TIMEX3 type, value, granularity, mod."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta

from ...models import Granularity, TimexType
from . import anaphora as an
from . import resolve as rv
from .anchor import Direction
from .lexicon import MONTHS, ORDINALS, SEASONS, WEEKDAYS, parse_count, unit_key
from .patterns import Candidate
from .quantities import (
    _QUANT_MOD,
    _UNIT_GRAN,
    _bare,
    _duration,
    _ref,
    _set,
    _spacy,
    duration_value,
)
from .resolve import Norm

G = Granularity


_POINT_MOD = {
    "early": "START", "early in": "START", "beginning of": "START", "start of": "START",
    "late": "END", "late in": "END", "end of": "END", "mid": "MID", "mid-": "MID",
    "middle of": "MID", "around": "APPROX", "about": "APPROX", "approximately": "APPROX",
    "circa": "APPROX", "turn of": "APPROX", "no later than": "ON_OR_BEFORE",
    "no earlier than": "ON_OR_AFTER",
}  # fmt: skip
# "more than two years ago" lies before the point two years back.
_AGO_MOD = {"MORE_THAN": "BEFORE", "LESS_THAN": "AFTER", "APPROX": "APPROX"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_BACK = {"last", "previous", "the previous", "prior", "the prior"}
_AHEAD = {"next", "coming", "following", "the next", "the following", "the coming"}
_SPAN = {"past", "the past", "the last"}


def _norm(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


def _pmod(groups: dict[str, str | None]) -> str | None:
    key = _norm(groups.get("pmod")).removeprefix("the ")
    return _POINT_MOD.get(key)


def normalize(
    cand: Candidate, pub: date, direction: Direction, day_anchor: date | None = None
) -> Norm | None:
    """TIMEX3 attributes of one candidate, or None when it is not a usable time expression."""
    handler = _HANDLERS.get(cand.kind)
    if handler is None:
        return None
    try:
        return handler(cand.groups, pub, direction, day_anchor or pub)
    except (ValueError, KeyError, OverflowError):
        return None  # impossible dates ("February 30") are not time expressions


def _date(d: date, mod: str | None = None, conf: float = 0.85) -> Norm:
    return Norm(TimexType.DATE, d.isoformat(), G.DAY, mod, conf)


def _iso(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    d = date(int(g["year"]), int(g["month"]), int(g["day"]))
    if g.get("h24"):
        return Norm(TimexType.TIME, f"{d.isoformat()}T{g['h24']}:{g['m24']}", G.TIME, None, 0.95)
    return _date(d, conf=0.95)


def _numeric(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    a, b, y = int(g["a"]), int(g["b"]), int(g["year"])
    y = y + 2000 if y < 100 and y + 2000 <= pub.year + 1 else (y + 1900 if y < 100 else y)
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
    return _date(date(y, month, day), conf=0.8)


def _md(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    month, day = MONTHS[_norm(g["mon"]).rstrip(".")], int(g["day"])
    if g.get("year"):
        return _date(date(int(g["year"]), month, day), _pmod(g), 0.95)
    if g.get("wd"):  # "Friday, Oct. 7": the year whose Oct. 7 is a Friday, nearest first
        wd = WEEKDAYS[_norm(g["wd"]).rstrip(".")]
        for y in (pub.year, pub.year - 1, pub.year + 1):
            if date(y, month, day).weekday() == wd:
                return _date(date(y, month, day), _pmod(g), 0.9)
    return _date(rv.month_day(month, day, pub, direction), _pmod(g), 0.85)


def _my(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    month = MONTHS[_norm(g["mon"]).rstrip(".")]
    return Norm(TimexType.DATE, f"{int(g['year']):04d}-{month:02d}", G.MONTH, _pmod(g), 0.95)


def _month(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    month = MONTHS[_norm(g["mon"])]
    year = rv.month_year(month, pub, direction)
    return Norm(TimexType.DATE, f"{year:04d}-{month:02d}", G.MONTH, _pmod(g), 0.8)


def _year(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    if g.get("fy"):
        return Norm(TimexType.DATE, f"FY{g['year']}", G.YEAR, _pmod(g), 0.85)
    return Norm(TimexType.DATE, g["year"], G.YEAR, _pmod(g), 0.85)


def _decade(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    if g.get("dec"):
        value = g["dec"][:3]
    else:  # "'90s": the latest such decade not after the publication decade
        d = int(g["dec2"][0])
        value = (
            f"{pub.year // 100}{d}" if d <= (pub.year % 100) // 10 else f"{pub.year // 100 - 1}{d}"
        )
    return Norm(TimexType.DATE, value, G.DECADE, _pmod(g), 0.9)


def _century(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    word = _norm(g["cent"]).replace(" ", "-")
    digits = re.match(r"\d+", word)
    n = int(digits.group()) if digits else ORDINALS[word]
    return Norm(TimexType.DATE, f"{n - 1:02d}", G.CENTURY, _pmod(g), 0.9)


def _year_of(g: dict, pub: date) -> int | None:
    if g.get("year"):
        return int(g["year"])
    if g.get("yy"):
        return 2000 + int(g["yy"])
    rel = _norm(g.get("yrel"))
    return {"this": pub.year, "last": pub.year - 1, "next": pub.year + 1}.get(rel)


def _quarter(g: dict, pub: date, direction: Direction, anchor: date) -> Norm | None:
    current = (pub.month - 1) // 3 + 1
    if g.get("qrel"):
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(
            _norm(g["qrel"]), 0
        )
        if _norm(g["qrel"]) == "same":
            return None
        index = pub.year * 4 + current - 1 + step
        return Norm(TimexType.DATE, f"{index // 4}-Q{index % 4 + 1}", G.QUARTER, None, 0.8)
    q = int(g["qnum"]) if g.get("qnum") else min(ORDINALS.get(_norm(g["qord"]), 4), 4)
    year = _year_of(g, pub)
    if year is None:
        year = rv.month_year(3 * q - 2, pub, direction, span=3)
    return Norm(TimexType.DATE, f"{year}-Q{q}", G.QUARTER, None, 0.85)


def _half(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    year = _year_of(g, pub) or pub.year
    h = 1 if _norm(g["hord"]) in ("first", "1st") else 2
    return Norm(TimexType.DATE, f"{year}-H{h}", G.QUARTER, None, 0.85)


def _season(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    season = SEASONS[_norm(g["season"])]
    year = int(g["year"]) if g.get("year") else rv.season_year(season, pub, g.get("rel"), direction)
    return Norm(TimexType.DATE, f"{year}-{season}", G.SEASON, _pmod(g), 0.8)


def _holiday_date(name: str, year: int) -> date:
    if name.startswith("christmas eve"):
        return date(year, 12, 24)
    if name.startswith("christmas"):
        return date(year, 12, 25)
    if name.startswith("new year") and name.endswith("eve"):
        return date(year, 12, 31)
    if name.startswith("new year"):
        return date(year, 1, 1)
    if name.startswith("easter"):
        return easter(year)
    if name.startswith("thanksgiving"):
        return date(year, 11, 1) + relativedelta(weekday=TH(4))
    if name.startswith("memorial"):
        return date(year, 5, 31) - timedelta(days=date(year, 5, 31).weekday())
    if name.startswith("lab"):
        return date(year, 9, 1) + relativedelta(weekday=0)
    fixed = {"halloween": (10, 31), "valentine": (2, 14), "independence": (7, 4)}
    month, day = next(v for k, v in fixed.items() if name.startswith(k))
    return date(year, month, day)


def _holiday(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    name = _norm(g["hol"]).replace("'", "")
    if g.get("year"):
        return _date(_holiday_date(name, int(g["year"])), conf=0.9)
    this_year = _holiday_date(name, pub.year)
    year = rv.month_day(this_year.month, this_year.day, pub, direction).year
    return _date(_holiday_date(name, year), conf=0.75)


def _relative(g: dict, pub: date, direction: Direction, anchor: date) -> Norm | None:
    rel, unit, mod = _norm(g["rel"]), _norm(g["unit"]), _pmod(g)
    if g.get("wd"):
        wd = WEEKDAYS[_norm(g["wd"]).rstrip(".")]
        return _date(rv.weekday_rel(wd, pub, rel, direction), mod, 0.85)
    if g.get("mon"):
        month = MONTHS[_norm(g["mon"])]
        year = rv.month_rel(month, pub, rel)
        return Norm(TimexType.DATE, f"{year}-{month:02d}", G.MONTH, mod, 0.85)
    if rel in _SPAN:  # "the past week": a stretch of time, not a calendar week
        key = unit_key(unit.split()[-1])
        return Norm(TimexType.DURATION, duration_value(1, key), _UNIT_GRAN[key], mod, 0.8)
    step = -1 if rel in _BACK else (1 if rel in _AHEAD else 0)
    if unit == "day":  # 'the next day': relative to the story, approximated by the anchor
        return _date(pub + timedelta(days=step), conf=0.6)
    return _fiscal(unit, rv.calendar_unit(unit, pub, step, mod))


def _fiscal(unit: str, norm: Norm | None) -> Norm | None:
    """'the financial year' is a fiscal year: FY2007 rather than the calendar 2007."""
    if norm is None or not unit.startswith(("fiscal", "financial")):
        return norm
    return Norm(norm.type, f"FY{norm.value}", norm.granularity, norm.mod, norm.confidence)


def _theunit(g: dict, pub: date, direction: Direction, anchor: date) -> Norm | None:
    unit = _norm(g["unit"])
    if unit == "day":
        return _date(pub, conf=0.7)
    if g.get("ee") and _norm(g["ee"]) in ("early", "late"):
        mod = "START" if _norm(g["ee"]) == "early" else "END"
        return rv.calendar_unit(unit, pub, 0, mod)
    return _fiscal(unit, rv.calendar_unit(unit, pub, 0, _pmod(g)))


def _weekend(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    step = {Direction.PAST: -1, Direction.FUTURE: 0}.get(direction, 0 if pub.weekday() >= 3 else -1)
    if pub.weekday() >= 5:
        step = 0
    y, w, _ = (pub + timedelta(weeks=step)).isocalendar()
    return Norm(TimexType.DATE, f"{y}-W{w:02d}-WE", G.WEEK, None, 0.75)


def _deictic(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    word = _norm(g["deic"])
    offset = {
        "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
        "the day after tomorrow": 2, "last": -1,
    }.get(word, 0)  # fmt: skip
    day = pub + timedelta(days=offset)
    part = _PARTS.get(_norm(g.get("part"))) or ("NI" if word == "tonight" else None)
    if part:
        return Norm(TimexType.TIME, f"{day.isoformat()}T{part}", G.TIME, None, 0.9)
    return _date(day, conf=0.95)


def _weekday(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    day = rv.weekday(WEEKDAYS[_norm(g["wd"]).rstrip(".")], pub, direction)
    part = _PARTS.get(_norm(g.get("part")))
    if part:
        return Norm(TimexType.TIME, f"{day.isoformat()}T{part}", G.TIME, _pmod(g), 0.85)
    return _date(day, _pmod(g), 0.85)


def _time(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    if g.get("noon"):
        hour, minute = (0, 0) if _norm(g["noon"]) == "midnight" else (12, 0)
    elif g.get("h24"):
        hour, minute = int(g["h24"]), int(g["m24"])
    else:
        hour, minute = int(g["hour"]) % 12, int(g["minute"] or 0)
        if _norm(g["ampm"]).startswith("p"):
            hour += 12
    if hour > 23:
        raise ValueError(hour)
    day = anchor
    wd = _norm(g.get("wd"))
    if wd in ("today", "tonight"):
        day = pub
    elif wd in ("tomorrow", "yesterday"):
        day = pub + timedelta(days=1 if wd == "tomorrow" else -1)
    elif wd:
        day = rv.weekday(WEEKDAYS[wd.rstrip(".")], pub, direction)
    mod = _QUANT_MOD.get(_norm(g.get("dmod")))
    return Norm(TimexType.TIME, f"{day.isoformat()}T{hour:02d}:{minute:02d}", G.TIME, mod, 0.85)


def _ago(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    count, unit = parse_count(g.get("num") or "a"), unit_key(g["unit"])
    mod = _AGO_MOD.get(_QUANT_MOD.get(_norm(g.get("dmod")), ""))
    if count is None:
        return Norm(TimexType.DATE, "PAST_REF", G.UNKNOWN, mod, 0.7)
    return rv.shifted(pub, -count, unit, mod)


_HANDLERS = {
    "iso": _iso, "numeric": _numeric, "md": _md, "my": _my, "month": _month, "year": _year,
    "decade": _decade, "century": _century, "quarter": _quarter, "half": _half,
    "season": _season, "holiday": _holiday, "relative": _relative, "theunit": _theunit,
    "weekend": _weekend, "deictic": _deictic, "weekday": _weekday, "time": _time, "ago": _ago,
    "duration": _duration, "bare": _bare, "ref": _ref, "set": _set, "spacy": _spacy,
    "anaphor": an.anaphor, "yearend": an.year_end, "bhalf": an.bare_half,
    "pastref": an.past_ref, "hseason": an.holiday_season,
}  # fmt: skip
