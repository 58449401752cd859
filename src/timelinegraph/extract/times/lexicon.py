"""Word lists shared by detection and normalization: numbers, units, months, weekdays."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}  # fmt: skip

# Season of each calendar month (December counted with the winter of its own year).
SEASON_OF_MONTH = {1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                   9: "FA", 10: "FA", 11: "FA", 12: "WI"}  # fmt: skip
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Counts TimeML writes as X: "a few days" -> PXD.
VAGUE_COUNTS = (
    "a few", "few", "several", "some", "many", "a number of", "numerous", "multiple",
    "dozens of", "hundreds of", "countless",
)  # fmt: skip
SPECIAL_COUNTS: dict[str, float] = {
    "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12, "a half": 0.5, "half a": 0.5, "half an": 0.5, "a hundred": 100, "hundred": 100,
}  # fmt: skip

# Unit word -> (ISO 8601 designator, multiplier, is a clock unit written after "T").
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False), "weekend": ("WE", 1, False),
}  # fmt: skip


def unit_key(word: str) -> str:
    """Singular dictionary key of a unit word: 'centuries' -> 'century', 'weeks' -> 'week'."""
    w = word.lower().replace("-", "")
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return w


def parse_count(text: str) -> float | None:
    """Number named by a count phrase; None for vague counts ('several') -> X in the value."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return 1
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t in VAGUE_COUNTS:
        return None
    if t in SPECIAL_COUNTS:
        return SPECIAL_COUNTS[t] + half
    try:
        return float(t.replace(",", "")) + half
    except ValueError:
        pass
    parts = t.split()
    if len(parts) == 1 and t in ONES:
        return ONES[t] + half
    if parts and parts[0] in TENS:
        extra = ONES.get(parts[1], 0) if len(parts) > 1 else 0
        return TENS[parts[0]] + extra + half
    return None
