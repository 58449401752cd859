"""Metadata written into an article's text: the date header, the dateline and credit lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

# "date 2024-03-07" at the very start; the seed has it on the same line as the body.
# The value starts with a digit: "Dates rose" and "Date palms" are prose, not headers.
DATE_HEADER = re.compile(r"\A\s*date[ \t]*[:=]?[ \t]*(\d\S*)\s*", re.IGNORECASE)

# "CAIRO—", "WASHINGTON (AP) —", "GAZA CITY, Gaza Strip —", "NEW YORK (Reuters) -"
DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z.'’\- ]{1,40}?)"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.'’\- ]{1,40}?))?"
    r"(?:[ \t]*\((?P<agency>[A-Za-z.&' ]{1,30})\))?"
    r"[ \t]*(?:—|–|--|-(?=[ \t]))[ \t]*"
)

# A byline or credit line: metadata about who wrote the story, never actors of its events.
_NAME = r"[A-Z][\w.'’\-]+(?:[ \t]+[A-Z][\w.'’\-]+)*"
_NAMES = rf"{_NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+|,[ \t]*and[ \t]+){_NAME})*"
CREDIT_LINES = (
    re.compile(
        rf"^[ \t]*(?P<names>{_NAMES})[ \t]+contributed[ \t]+(?:reporting|to[ \t]+this[ \t]+"
        rf"(?:article|report|story))[^\n]*$",
        re.MULTILINE,
    ),
    re.compile(
        rf"^[ \t]*(?:Reporting|Written|Writing)[ \t]+by[ \t]+(?P<names>{_NAMES})[^\n]*$",
        re.MULTILINE,
    ),
    re.compile(rf"^[ \t]*Write[ \t]+to[ \t]+(?P<names>{_NAMES})[ \t]+at[ \t][^\n]*$", re.MULTILINE),
    re.compile(rf"\A[ \t]*By[ \t]+(?P<names>{_NAMES})[ \t]*$", re.MULTILINE),
)


@dataclass
class Header:
    """What the header, dateline and credits say, and where they sit in the body."""

    body: str
    date_text: str | None = None
    dateline: str | None = None
    agency: str | None = None
    credits: list[str] = field(default_factory=list)
    skip_spans: list[tuple[int, int]] = field(default_factory=list)


def split_date_header(raw: str) -> tuple[str | None, str]:
    """Split a leading ``date YYYY-MM-DD`` header from the body; (None, raw) when absent."""
    match = DATE_HEADER.match(raw)
    if not match:
        return None, raw
    return match.group(1), raw[match.end() :]


def parse_header(raw: str) -> Header:
    """Find the date header, dateline and credit lines of a plain-text article."""
    date_text, body = split_date_header(raw)
    header = Header(body=body, date_text=date_text)
    match = DATELINE.match(body)
    if match and not _looks_like_sentence_start(match.group("place")):
        header.dateline = _title_case(match.group("place"))
        header.agency = match.group("agency")
        header.skip_spans.append((0, match.end()))
    for pattern in CREDIT_LINES:
        for credit in pattern.finditer(body):
            header.credits.extend(_split_names(credit.group("names")))
            header.skip_spans.append((credit.start(), credit.end()))
    header.skip_spans.sort()
    return header


def parse_iso_date(text: str) -> date:
    """Parse an ISO date (``2024-03-07``, also with a time part); raise ValueError if invalid."""
    text = text.strip()
    if len(text) > 10 and text[10] not in "T ":  # "2024-01-01garbage" is not a date
        raise ValueError(text)
    if len(text) > 10:
        datetime.fromisoformat(text.replace("Z", "+00:00"))  # the time part must be valid too
    return date.fromisoformat(text[:10])


def _looks_like_sentence_start(place: str) -> bool:
    # "A —" or "I -" would be ordinary prose; datelines are at least two letters.
    return len(place.strip(" .")) < 2


def _title_case(place: str) -> str:
    words = place.strip().split()
    return " ".join(w if len(w) <= 2 and "." in w else w.capitalize() for w in words)


def _split_names(names: str) -> list[str]:
    parts = re.split(r",[ \t]*and[ \t]+|,[ \t]*|[ \t]+and[ \t]+", names)
    return [p.strip() for p in parts if p.strip()]
