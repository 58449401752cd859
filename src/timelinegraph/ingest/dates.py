"""Publication dates for documents whose metadata gives none (ECB+, scraped pages).

``infer_publication_date`` tries, in order (the names are ``Article.published_source``):

1. ``"url"`` — a full date in the path of a URL written in the text: ``/2013/05/03/``,
   ``/2013/may/03/``, ``/2013-05-03-``, ``_2013_09_14_``, ``/20130503/``, ``?ymd=20081216``
   (year 1990-2039). A year and month alone (``/2013/05/``) is not a date, nor is a blog
   archive page's ``2005_05_01_archive``.
2. ``"dateline"`` — a date line among the first six non-empty lines outside ``skip_spans``:
   a short line that is mostly a date — ``May 03 , 2013``, ``Friday, May 3, 2013 5:03pm``,
   ``PUBLISHED: THURSDAY, MAY 2, 2013``, ``21 July 2013 Last updated at 11:11 GMT``,
   ``2013-09-26``, ``2012. 08. 08`` — besides the date, times, weekdays and words such as
   "published", "updated", "posted", at most five other words, all capitalized ("WASHINGTON,
   DC", "FOR IMMEDIATE RELEASE"; not "Page was born on April 22, 1923"). All-number dates
   (``03/05/2013``, ``12 / 16 / 08``) count only when day and month cannot be swapped (one part
   is over 12, or both are equal); a two-digit year only with slashes. Lines that say
   "downloaded", "retrieved" or "accessed" are skipped (the date a page was saved).
3. ``"body"`` — a guess: the latest full day-month-year date written anywhere outside ``skip_spans``
   (``May 3, 2013``, ``3 May 2013``, ``2013-05-03``), unless the text names a later year
   ("born on April 22, 1923 ... died in 2008"): then it is a date the story looks back on.

A bare year or a month and year is never used. ``None`` when nothing fits.

The first two are the article's own date; the third is often the date of what the story tells
(a sentencing story dated by the crime), so ``timelinegraph.dating`` resolves nothing relative
against it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["DateEvidence", "find_publication_date", "infer_publication_date"]

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS: dict[str, int] = {}
for _number, _name in enumerate(_MONTH_NAMES, start=1):
    MONTHS[_name] = _number
    MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

# "May 3, 2013", "MAY 03 , 2013", "Dec. 20 2005", "June 6th, 2013"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR}\b", re.IGNORECASE)
# "3 May 2013", "27 NOVEMBER, 2005", "09th June 2013"
_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s*{_YEAR}\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# date lines only: "2013 - 09 - 26", "2012. 08. 08"
_YEAR_FIRST = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})\s*([-./])\s*(?P<month>\d{1,2})\s*\2\s*(?P<day>\d{1,2})\b"
)
# date lines only: "05/03/2013", "12 / 16 / 08", "05-03-2013", "08.07.2012"
_NUMERIC = re.compile(
    r"(?<![\d:])(?P<a>\d{1,2})\s*(?P<sep>[-./])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<year>(?:19|20)\d{2}|\d{2})(?![\d:])"
)

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_URL_PATH_DATE = re.compile(
    r"(?<![0-9])(?P<year>(?:199|20[0-3])\d)(?P<sep>[/_-])"
    r"(?P<month>\d{1,2}|" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
    r"(?P=sep)(?P<day>\d{1,2})(?![0-9]|_archive)",
    re.IGNORECASE,
)
_URL_COMPACT_DATE = re.compile(
    r"(?<![0-9])(?P<year>(?:199|20[0-3])\d)(?P<month>\d{2})(?P<day>\d{2})(?![0-9])"
)

_DATELINE_LINES = 6
_DATELINE_EXTRA_WORDS = 5
_SAVED_PAGE = re.compile(r"\b(?:downloaded|retrieved|accessed)\b", re.IGNORECASE)
_DATELINE_WORDS = frozenset(
    """
    published posted updated update last first originally created edited modified story
    article time date on at by in of the and am pm a.m p.m et edt est ct cdt cst mt mdt mst pt
    pdt pst gmt bst utc ist cest cet akdt hkt aest hrs uk
    mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday
    saturday sunday
    """.split()
) | frozenset(MONTHS)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A year standing alone: not part of a longer number, a date or a decade ("1950s").
_BARE_YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d/]|s\b)")


@dataclass(frozen=True)
class DateEvidence:
    """A publication date, how it was found (url | dateline | body) and where (char span)."""

    date: date
    how: Literal["url", "dateline", "body"]
    span: tuple[int, int]


def infer_publication_date(
    text: str, skip_spans: Sequence[tuple[int, int]] = ()
) -> tuple[date, str] | None:
    """The publication date a text gives and how it was found ("url" | "dateline" | "body").

    ``skip_spans`` are metadata ranges (a source URL line, say): URLs are read wherever they
    are, but date lines and dates in the text are looked for outside those ranges.
    """
    found = find_publication_date(text, skip_spans)
    return (found.date, found.how) if found else None


def find_publication_date(
    text: str, skip_spans: Sequence[tuple[int, int]] = ()
) -> DateEvidence | None:
    """As ``infer_publication_date``, with the span of what gave the date (for a date line,
    the whole line)."""
    return _from_url(text) or _from_dateline(text, skip_spans) or _from_text(text, skip_spans)


def _from_url(text: str) -> DateEvidence | None:
    for url in _URL.finditer(text):
        for pattern in (_URL_PATH_DATE, _URL_COMPACT_DATE):
            for match in pattern.finditer(url.group()):
                found = _make_date(match["year"], match["month"], match["day"])
                if found:
                    return DateEvidence(found, "url", url.span())
    return None


def _from_dateline(text: str, skip_spans: Sequence[tuple[int, int]]) -> DateEvidence | None:
    for start, end in _lines(text, skip_spans)[:_DATELINE_LINES]:
        line = text[start:end]
        if _SAVED_PAGE.search(line):
            continue
        dates = _line_dates(line)
        if not dates:
            continue
        rest = line
        for match_start, match_end, _ in sorted(dates, reverse=True):
            rest = rest[:match_start] + " " + rest[match_end:]
        words = [w for w in _WORD.findall(rest) if len(w) > 1 and w.lower() not in _DATELINE_WORDS]
        if len(words) <= _DATELINE_EXTRA_WORDS and all(w[0].isupper() for w in words):
            return DateEvidence(min(dates)[2], "dateline", (start, end))
    return None


def _from_text(text: str, skip_spans: Sequence[tuple[int, int]]) -> DateEvidence | None:
    best: DateEvidence | None = None
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO):
        for match in pattern.finditer(text):
            if _skipped(match.span(), skip_spans):
                continue
            found = _make_date(match["year"], match["month"], match["day"])
            if found and (best is None or found > best.date):
                best = DateEvidence(found, "body", match.span())
    if best is None:
        return None
    years = (
        int(match.group())
        for match in _BARE_YEAR.finditer(text)
        if not _skipped(match.span(), skip_spans)
    )
    return None if any(year > best.date.year for year in years) else best


def _line_dates(line: str) -> list[tuple[int, int, date]]:
    """Every full date in one line: (start, end, date), the earliest-written first."""
    found = []
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _YEAR_FIRST):
        for match in pattern.finditer(line):
            day = _make_date(match["year"], match["month"], match["day"])
            if day:
                found.append((*match.span(), day))
    for match in _NUMERIC.finditer(line):
        if any(s < match.end() and match.start() < e for s, e, _ in found):
            continue
        day = _unambiguous(match["a"], match["b"], match["year"], match["sep"])
        if day:
            found.append((*match.span(), day))
    return sorted(found)


def _unambiguous(a: str, b: str, year: str, sep: str) -> date | None:
    if len(year) == 2:
        if sep != "/":
            return None
        year = f"20{year}" if int(year) < 70 else f"19{year}"
    candidates = {d for d in (_make_date(year, a, b), _make_date(year, b, a)) if d}
    return candidates.pop() if len(candidates) == 1 else None


def _make_date(year: str, month: str, day: str) -> date | None:
    number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def _lines(text: str, skip_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the non-empty lines that are not wholly inside a skip span."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip() and not _skipped((start, end), skip_spans):
            spans.append((start, end))
        start = end + 1
    return spans


def _skipped(span: tuple[int, int], skip_spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in skip_spans)
