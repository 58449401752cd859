"""Quantities of time and frequencies: durations (P6W), sets (every week) and vague refs."""

from __future__ import annotations

import re
from datetime import date

from ...models import Granularity, TimexType
from .anchor import Direction
from .lexicon import MONTHS, UNITS, WEEKDAYS, parse_count, unit_key
from .resolve import Norm

G = Granularity


def _norm(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


_QUANT_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "upwards of": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "fewer than": "LESS_THAN", "just under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}  # fmt: skip


_SET_ADJ = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "bimonthly": "P2M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y",
    "biannual": "P6M", "semiannual": "P6M", "semi-annual": "P6M", "hourly": "PT1H",
}  # fmt: skip
_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "right now": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "lately": "PAST_REF", "formerly": "PAST_REF", "past": "PAST_REF", "recent past": "PAST_REF",
    "distant past": "PAST_REF", "future": "FUTURE_REF", "near future": "FUTURE_REF",
    "distant future": "FUTURE_REF", "soon": "FUTURE_REF", "later": "FUTURE_REF",
}  # fmt: skip


_UNIT_GRAN = {
    "second": G.TIME, "minute": G.TIME, "hour": G.TIME, "day": G.DAY, "night": G.DAY,
    "week": G.WEEK, "fortnight": G.WEEK, "weekend": G.WEEK, "month": G.MONTH,
    "quarter": G.QUARTER, "year": G.YEAR, "decade": G.DECADE, "century": G.CENTURY,
    "millennium": G.CENTURY,
}  # fmt: skip


def duration_value(count: float | None, unit: str) -> str:
    """ISO 8601 duration for a count of a unit: (6, week) -> P6W, (None, day) -> PXD."""
    code, mult, clock = UNITS.get(unit, ("D", 1, False))
    t = "T" if clock else ""
    if count is None:
        code = {"decade": "DE", "century": "CE", "millennium": "ML"}.get(unit, code)
        return f"P{t}X{code}"
    n = count * mult
    if n != int(n):  # halves: restate in the next smaller unit (1.5 years -> P18M)
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
        smaller_clock = {"H": ("M", 60), "M": ("S", 60)}
        table = smaller_clock if clock else smaller
        if code in table:
            sub, factor = table[code]
            t = "T" if clock or (code == "D") else ""
            return f"P{t}{int(n * factor)}{sub}"
        return f"P{t}{n:g}{code}"
    return f"P{t}{int(n)}{code}"


def _duration(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    unit_word = _norm(g["unit"])
    key = unit_key(unit_word)
    if g.get("num") is not None:
        count = parse_count(g["num"])
        if count is not None and g.get("half"):
            count += 0.5
    else:  # "weeklong" one week; "decades-long" an unspecified number
        count = None if unit_word.endswith("s") else 1
    mod = _QUANT_MOD.get(_norm(g.get("dmod")))
    return Norm(TimexType.DURATION, duration_value(count, key), _UNIT_GRAN[key], mod, 0.85)


def _bare(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    key = unit_key(g["unit"])
    return Norm(TimexType.DURATION, duration_value(None, key), _UNIT_GRAN[key], None, 0.7)


def _ref(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    return Norm(TimexType.DATE, _REFS[_norm(g["ref"])], G.UNKNOWN, None, 0.7)


def _set(g: dict, pub: date, direction: Direction, anchor: date) -> Norm:
    if g.get("adj"):
        value = _SET_ADJ[_norm(g["adj"])]
        return Norm(TimexType.SET, value, _UNIT_GRAN[_SET_UNIT[value[-1]]], None, 0.75)
    if g.get("wd"):
        wd = WEEKDAYS[_norm(g["wd"]).rstrip(".")]
        return Norm(TimexType.SET, f"XXXX-WXX-{wd + 1}", G.DAY, None, 0.85)
    if g.get("mon"):
        return Norm(TimexType.SET, f"XXXX-{MONTHS[_norm(g['mon'])]:02d}", G.MONTH, None, 0.85)
    key = unit_key(g["unit"])
    count = parse_count(g["num"]) if g.get("num") else 1
    if g.get("other"):
        count = 2
    return Norm(TimexType.SET, duration_value(count, key), _UNIT_GRAN[key], None, 0.8)


_VAGUE_SPAN = re.compile(
    r"^(?:just|only|mere|a\s+few|few|several|many)?\s*(?P<unit>hours|days|weeks|months|years)$",
    re.IGNORECASE,
)


def _spacy(g: dict, pub: date, direction: Direction, anchor: date) -> Norm | None:
    """spaCy-only entities: keep the vague stretches ('just days'); drop what we cannot read."""
    m = _VAGUE_SPAN.match(g["text"].strip())
    if not m:
        return None
    key = unit_key(m.group("unit"))
    return Norm(TimexType.DURATION, duration_value(None, key), _UNIT_GRAN[key], None, 0.5)


_SET_UNIT = {"D": "day", "W": "week", "M": "month", "Y": "year", "H": "hour"}
