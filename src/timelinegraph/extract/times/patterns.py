"""Detection: compiled patterns over the text, plus spaCy DATE/TIME entities as a fallback.

Patterns run as compiled regular expressions over the whole text (C speed, compiled once at
import), so detection costs little next to the parse. Each pattern names a ``kind`` that
``normalize`` turns into a TIMEX3 value; a named group ``x`` marks the extent when the pattern
needs context (a preposition, a number before "a year") that is not part of the expression.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .lexicon import MONTHS, ONES, ORDINALS, TENS, VAGUE_COUNTS, WEEKDAYS


@dataclass(frozen=True)
class Candidate:
    """A detected time expression before normalization."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)
    source: str = "rule"  # "rule" or "spacy"


def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_FULL = _alt([m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")])
_MONTH_ABBR = _alt([m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july")])
# Full names anywhere; abbreviations only with their dot or before a day number.
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"
WEEKDAY = rf"(?:{_alt([w for w in WEEKDAYS if len(w) > 5])}|(?:tues|thurs)\.?)"
_WORDNUM = rf"(?:(?:{_alt(list(TENS))})(?:[- ](?:{_alt(list(ONES)[:9])}))?|{_alt(list(ONES))})"
_VAGUE = _alt(list(VAGUE_COUNTS)).replace(" ", r"\s+")
_COUNT = (
    rf"(?:\d+(?:\.\d+)?|{_WORDNUM}|a\s+couple(?:\s+of)?|a\s+dozen|a\s+hundred|"
    rf"{_VAGUE}|half\s+an?|an?)"
)
COUNT = rf"(?P<num>{_COUNT}(?:\s+and\s+a\s+half)?)"
UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|"
    r"years?|decades?|century|centuries|millenni(?:um|a))"
)
PART = r"(?P<part>morning|afternoon|evening|night)"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Modifiers inside a point expression: "early February", "the end of 2024", "mid-2023".
PMOD = (
    r"(?P<pmod>early|late|mid-|mid|the\s+(?:beginning|start|end|middle|turn)\s+of|"
    r"(?:beginning|start|end|middle)\s+of|early\s+in|late\s+in|around|about|approximately|"
    r"circa|no\s+later\s+than|no\s+earlier\s+than)"
)
_PMOD_SEP = r"(?:(?<=-)|\s+)"
# Modifiers of a quantity of time: "more than two years", "the past three years".
DMOD = (
    r"(?P<dmod>about|around|approximately|roughly|nearly|almost|some|more\s+than|over|"
    r"less\s+than|under|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under|well\s+over|"
    r"no\s+more\s+than|no\s+less\s+than|fewer\s+than|upwards\s+of|"
    r"(?:the\s+)?(?:past|last|previous|next|coming|following|first|final|recent)|"
    r"(?:the\s+)?(?:past|last|next|first)\s+(?:about|nearly|almost|more\s+than))"
)
REL = r"(?P<rel>this|last|next|past|previous|prior|coming|current|following|the\s+(?:previous|prior|following|next|past|current|coming|last|same))"  # noqa: E501
TOD = (
    r"(?:(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b|[AP]M\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])|(?P<noon>noon|midday|midnight))"
)
_ORDINAL = _alt([o for o in ORDINALS if o[0].isalpha() and " " not in o])
SETADJ = r"(?P<adj>daily|weekly|monthly|yearly|annually|annual|hourly|quarterly|nightly|biweekly|bimonthly|biannual|semiannual|semi-annual)"  # noqa: E501

_SPEC: list[tuple[str, str]] = [
    ("age", rf"\b{COUNT}[- ]{UNIT}[- ]old\b|\baged\s+\d+\b"),
    ("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<h24>\d\d):(?P<m24>\d\d))?\b"),  # noqa: E501
    ("numeric", r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4}|\d\d)\b"),
    ("md", rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:{PMOD}{_PMOD_SEP})?(?P<mon>{MONTH})\s+{DAY}(?:,?\s+{YEAR})?\b(?![,.]\d)"),  # noqa: E501
    ("md", rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+{YEAR})?\b"),  # noqa: E501
    ("my", rf"\b(?:{PMOD}{_PMOD_SEP})?(?P<mon>{MONTH}),?\s+(?:of\s+)?{YEAR}\b(?![,.]?\d)"),
    ("month", rf"\b(?:{PMOD}{_PMOD_SEP})?(?P<mon>{_MONTH_FULL})\b"),
    ("year", rf"(?<![\d$€£#.,/])(?<!\d-)\b(?:{PMOD}{_PMOD_SEP})?(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*)?{YEAR}\b(?![.,]\d|\s*%|-[01]\d\b)"),  # noqa: E501
    ("decade", rf"\b(?:{PMOD}{_PMOD_SEP})?(?:(?P<dec>(?:1[6-9]|20)\d0)'?s|'(?P<dec2>\d0)s)\b"),
    ("century", rf"\b(?:{PMOD}{_PMOD_SEP})?(?P<cent>\d{{1,2}}(?:st|nd|rd|th)|[a-z]+(?:[- ]first)?)[- ]century\b"),  # noqa: E501
    ("quarter", rf"\b(?P<qord>first|second|third|fourth|final|1st|2nd|3rd|4th)(?:\s+|-)(?:(?:fiscal|financial|calendar)\s+)?quarter(?:\s+(?:of\s+)?(?:(?:fiscal|financial|calendar)\s+)?(?:{YEAR}|(?P<yrel>this|last|next)\s+year|the\s+year))?\b"),  # noqa: E501
    ("quarter", r"\b(?P<qrel>last|past|previous|next|coming|current|this|same)\s+(?:(?:fiscal|financial|calendar)\s+)?quarter\b"),  # noqa: E501
    ("quarter", r"\bQ(?P<qnum>[1-4])(?:\s*(?:(?P<year>\d{4})|'(?P<yy>\d\d)))?\b"),
    ("half", rf"\b(?P<hord>first|second|latter|1st|2nd)\s+half\s+of\s+(?:the\s+year|{YEAR}|(?P<yrel>this|last|next)\s+year)\b"),  # noqa: E501
    ("season", rf"\b(?:{PMOD}{_PMOD_SEP}|(?P<rel>this|last|next|past|coming)\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{YEAR})?\b"),  # noqa: E501
    ("holiday", rf"\b(?P<hol>Christmas(?:\s+(?:Eve|Day))?|New\s+Year'?s(?:\s+(?:Eve|Day))?|Thanksgiving(?:\s+Day)?|Halloween|Easter(?:\s+Sunday)?|Valentine'?s\s+Day|Independence\s+Day|Labou?r\s+Day|Memorial\s+Day)(?:\s+{YEAR})?\b"),  # noqa: E501
    ("relative", rf"\b(?:{PMOD}\s+)?(?:(?P<ee>earlier|later)\s+)?{REL}\s+(?P<unit>day|week|month|year|decade|century|weekend|(?:fiscal|financial)\s+year|(?P<wd>{WEEKDAY})|(?P<mon>{_MONTH_FULL}))\b"),  # noqa: E501
    ("theunit", rf"\b{PMOD}\s+the\s+(?:very\s+)?(?P<unit>week|month|year|decade|century|(?:fiscal|financial)\s+year)\b"),  # noqa: E501
    ("theunit", r"\b(?P<ee>earlier|later|so\s+far|early|late)\s+(?:in|during)\s+the\s+(?P<unit>day|week|month|year)\b"),  # noqa: E501
    ("weekend", r"\bthe\s+(?P<x>weekend)\b"),
    ("deictic", rf"\b(?:(?P<ee>earlier|later)\s+)?(?P<deic>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+{PART})?\b"),  # noqa: E501
    ("deictic", rf"\b(?P<deic>this|last|tomorrow|yesterday)\s+{PART}\b"),
    ("weekday", rf"\b(?:{PMOD}\s+)?(?:(?P<ee>earlier|later)\s+)?(?P<wd>{WEEKDAY})(?:\s+{PART})?\b"),
    ("time", rf"(?:\b{DMOD}\s+)?(?<![\d.:$])\b{TOD}(?:\s+(?P<tz>[ECMP][SD]?T|GMT|UTC)\b)?(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY}|today|tomorrow|yesterday|tonight)\b)?"),  # noqa: E501
    ("set", rf"\b(?:every|each)\s+(?P<other>other\s+)?(?:{COUNT}\s+)?(?:{UNIT}|(?P<wd>{WEEKDAY})|(?P<mon>{_MONTH_FULL}))\b"),  # noqa: E501
    ("set", rf"\b{SETADJ}\b"),
    ("set", rf"\b(?P<freq>once|twice|thrice|\w+\s+times)\s+(?:a|an|per|every|each)\s+{UNIT}\b"),
    ("set", rf"(?:(?<=\d )|(?<=\d.)|\b(?=per\b))(?P<x>(?:an?|per)\s+{UNIT})\b"),
    ("ago", rf"\b(?:{DMOD}\s+)?{COUNT}\s+{UNIT}\s+(?:ago|earlier)\b"),
    ("ago", r"\b(?P<unit>year|month|week|day|quarter)-(?:ago|earlier)\b"),
    ("duration", rf"\b(?:{DMOD}\s+)?{COUNT}(?:\s+|-)(?:(?:straight|consecutive|full|more|additional|long|whole)\s+)?{UNIT}(?P<half>\s+and\s+a\s+half)?(?:-long)?(?![-\w])"),  # noqa: E501
    ("duration", r"\b(?P<unit>(?:day|week|month|year|decade|hour)s?)-?long\b"),
    ("bare", r"\b(?:for|over|within|in|after|during|past|recent|coming|next|last|the)\s+(?P<x>(?:(?P<rel>recent|coming|past|next|last)\s+)?(?P<unit>hours|days|weeks|months|years|decades|centuries))\b"),  # noqa: E501
    ("ref", r"\b(?:(?:more|most|until|only|very)\s+)?(?P<ref>now|currently|presently|nowadays|at\s+present|right\s+now|at\s+the\s+moment|these\s+days|recently|lately|soon)\b(?!-)"),  # noqa: E501
    ("ref", r"\bat\s+(?P<x>a\s+(?P<ref>later)\s+(?:time|date|stage|point))\b"),
    ("ref", r"\bin\s+(?P<x>the\s+(?P<ref>(?:near\s+|distant\s+|recent\s+)?(?:past|future)))\b"),
    # Anaphoric periods and DCT-relative dates without a number (see ``anaphora``).
    ("anaphor", r"\bthe\s+(?P<unit>year|quarter|month)\b(?![-\u2010-\u2014]|\s+of\s+[A-Z]|\s+(?:point|percent|percentage|mile)\b)"),  # noqa: E501
    ("anaphor", rf"\b(?:the|a|an|its|their|his|her|our)\s+(?P<x>(?:{_ORDINAL})\s+(?:straight|consecutive|successive)\s+(?P<unit>year|quarter|month))\b"),  # noqa: E501
    ("yearend", rf"\b(?:year[- ]end|end[- ]of[- ]year)(?:\s+{YEAR})?\b(?!-\w)"),
    ("bhalf", r"\b(?:the|a)\s+(?P<x>(?P<hord>first|second|latter|1st|2nd)\s+half)\b(?!\s+of\b|-)"),
    ("pastref", r"\bat\s+(?P<x>(?:the|that)\s+time)\b(?!\s+(?:of|when|that|he|she|they|we|it|I)\b)"),  # noqa: E501
    ("hseason", rf"\b(?:{YEAR}\s+)?holiday(?:\s+shopping)?\s+season\b"),
]  # fmt: skip

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _SPEC
]
PRIORITY = {kind: i for i, (kind, _) in reversed(list(enumerate(_SPEC)))}

# Case folding that keeps every offset: ASCII capitals to lower case, and the four non-ASCII
# letters that IGNORECASE matches to an ASCII letter (dotted/dotless i, long s, Kelvin sign)
# to that letter. The lower-cased patterns, case-sensitive on the folded text, match exactly
# where ``PATTERNS`` match on the original, twice as fast: sre's literal fast paths
# only work case-sensitively. tests/test_time_patterns_fast.py checks the equivalence.
FOLD = str.maketrans(
    {
        **{c: c.lower() for c in string.ascii_uppercase},
        "\u0130": "i",
        "\u0131": "i",
        "\u017f": "s",
        "\u212a": "k",
    }
)


def _lowered(rx: str) -> str:
    return rx.lower().replace("(?p<", "(?P<")


# A pattern is only run on texts where it can match: every match contains one of these
# (searched case-sensitively in the folded text). Most articles have no clock time, no
# "ago", no century; the scan for a literal costs a fraction of the full pattern's.
_WEEKDAY_WORDS = _alt([w for w in WEEKDAYS if len(w) > 5] + ["tues", "thurs"])
_MONTH_WORD = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"
_UNIT_WORD = UNIT.replace("?P<unit>", "")
_YEAR_NUM = r"(?:1[6-9]|20)\d\d"
_NEEDS: dict[tuple[int, str], str] = {
    (0, "age"): r"[- ]old\b|aged\s+\d",
    (1, "iso"): r"\d-[01]\d-",
    (2, "numeric"): r"/",
    (3, "md"): rf"{_MONTH_WORD}\s+\d",  # month day
    (4, "md"): rf"\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}",  # day month
    (5, "my"): rf"{_MONTH_WORD},?\s+(?:of\s+)?{_YEAR_NUM}",
    (6, "month"): _MONTH_FULL,
    (7, "year"): _YEAR_NUM,
    (8, "decade"): r"0'?s",
    (9, "century"): r"century",
    (10, "quarter"): r"quarter",
    (11, "quarter"): r"quarter",
    (12, "quarter"): r"q[1-4]",
    (13, "half"): r"half",
    (14, "season"): r"spring|summer|autumn|fall|winter",
    (16, "relative"): (  # "last week", "next Tuesday", "the same month"
        r"(?:this|last|next|past|previous|prior|coming|current|following|same)\s+"
        rf"(?:day|week|month|year|decade|century|fiscal|financial|{_WEEKDAY_WORDS}|"
        rf"{_MONTH_FULL})"
    ),
    (17, "theunit"): r"the",
    (18, "theunit"): r"the",
    (19, "weekend"): r"weekend",
    (22, "weekday"): _WEEKDAY_WORDS,
    (23, "time"): r"\d\s*[ap](?:\.m\.|m\b)|\d:[0-5]\d|noon|midday|midnight",
    (24, "set"): r"every|each",
    (26, "set"): r"once|twice|thrice|times",
    (27, "set"): r"\d.(?:an?|per)\s|per\s",  # "3 a day", "$5 per hour"
    (28, "ago"): rf"{_UNIT_WORD}\s+(?:ago|earlier)",
    (29, "ago"): r"-(?:ago|earlier)",
    (31, "duration"): r"long",
    (33, "ref"): (
        r"now|currently|presently|nowadays|at\s+present|at\s+the\s+moment|these\s+days|"
        r"recently|lately|soon"
    ),
    (34, "ref"): r"later",
    (35, "ref"): r"past|future",
    (37, "anaphor"): r"straight|consecutive|successive",
    (38, "yearend"): r"year[- ]end|end[- ]of[- ]year",
    (39, "bhalf"): r"half",
    (40, "pastref"): r"time",
    (41, "hseason"): r"season",
}
# Keyed by position in ``_SPEC`` and kind, so that a pattern inserted above cannot silently
# inherit its neighbour's pre-check.
if any(_SPEC[i][0] != kind for i, kind in _NEEDS):
    raise RuntimeError("_NEEDS is out of step with _SPEC")
_FOLDED: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = [
    (kind, re.compile(_lowered(rx)), re.compile(_NEEDS[i, kind]) if (i, kind) in _NEEDS else None)
    for i, (kind, rx) in enumerate(_SPEC)
]

_CAPITALIZED = ("mon", "wd", "hol")
_AMBIGUOUS_MONTH = {"may", "march"}
_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|during|of|before|after|between|and|to|or|"
    r"early|late|mid|last|next|this|until|on|for|that)\s+|mid-)$",
    re.IGNORECASE,
)
_SEASON_CUE = re.compile(
    r"\b(?:in|since|until|by|from|through|during|of|before|after|the|this|last|next|early|"
    r"late|past|coming)\s+$",
    re.IGNORECASE,
)
# "album of the year" is generic; "the first months of the year" names a year.
_OF_BEFORE = re.compile(r"\bof\s+$", re.IGNORECASE)
_OF_TEMPORAL = re.compile(
    r"\b(?:days|weeks|months|quarters?|half|part|rest|remainder|balance|bulk|end|start|"
    r"beginning|middle|course|close|period|time)\s+of\s+$",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:the|The)\s+")
_TRAIL = re.compile(r"[\s,;:!?\"'’”)\-]+$")


def _acceptable(kind: str, g: dict[str, str | None], start: int, text: str) -> bool:
    """Reject matches that only look temporal: 'may' the modal, 'fall' the verb, '2000 jobs'."""
    for name in _CAPITALIZED:
        word = g.get(name)
        if word and not word[0].isupper():
            return False
    before = text[max(0, start - 20) : start]
    if kind == "month":
        word = (g["mon"] or "").lower()
        if word in _AMBIGUOUS_MONTH and not g["pmod"] and not _MONTH_CUE.search(before):
            return False
    if kind == "anaphor" and not g.get("x") and _OF_BEFORE.search(before):
        return bool(_OF_TEMPORAL.search(before))
    bare_season = kind == "season" and not (g["pmod"] or g["rel"] or g["year"])
    if bare_season and not _SEASON_CUE.search(before):
        return False
    # "Daily" or "Annual" capitalized is mostly a name ("Daily Telegraph").
    adj = g.get("adj")
    return not (kind == "set" and adj and not adj[0].islower())


def find_rule_candidates(text: str) -> list[Candidate]:
    """Every pattern match in the text (overlapping; ``select`` picks among them)."""
    folded = text.translate(FOLD)
    found: list[Candidate] = []
    for kind, pattern, needs in _FOLDED:
        if needs is not None and needs.search(folded) is None:
            continue
        for m in pattern.finditer(folded):
            groups = _original_groups(m, text)
            if not _acceptable(kind, groups, m.start(), text):
                continue
            if groups.get("x"):
                start, end = m.span("x")
            else:
                start, end = m.span()
            found.append(Candidate(start, end, kind, groups))
    return found


def _original_groups(m: re.Match[str], text: str) -> dict[str, str | None]:
    """``m.groupdict()`` with each group's text taken from the unfolded ``text``."""
    spans = m.regs
    return {
        name: text[spans[i][0] : spans[i][1]] if spans[i][0] >= 0 else None
        for name, i in m.re.groupindex.items()
    }


class _Taken:
    """Spans no two of which overlap, sorted: whether another overlaps one of them, in log
    time (a run-on sentence of thousands of dates made checking each against all quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)  # by start, then end: so the ends are sorted too

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span has ``span.start < end and start < span.end``: of those
        starting before ``end``, the last ends furthest."""
        i = bisect_left(self.spans, (end, -1))
        return i > 0 and self.spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then by pattern priority; in text order."""
    ranked = sorted(cands, key=lambda c: (-(c.end - c.start), PRIORITY.get(c.kind, 99), c.start))
    taken: list[Candidate] = []
    spans = _Taken()
    for c in ranked:
        if not spans.overlaps(c.start, c.end):
            taken.append(c)
            spans.add(c.start, c.end)
    return sorted(taken, key=lambda c: c.start)


# Words that make a spaCy DATE/TIME entity worth keeping when no pattern matched it.
_TEMPORAL_WORD = re.compile(
    r"\b(?:days?|weeks?|months?|years?|decades?|century|centuries|quarters?|seasons?|"
    r"mornings?|afternoons?|evenings?|nights?|weekends?|holidays?|period|time|hours?|minutes?|"
    r"era|fiscal|FY)\b",
    re.IGNORECASE,
)
_NOT_TEMPORAL = re.compile(
    r"\b(?:old|million|billion|percent|per\s+cent|age\s+of)\b|%", re.IGNORECASE
)


def spacy_candidates(doc: Doc, taken: list[Candidate], text: str) -> list[Candidate]:
    """spaCy DATE/TIME entities that no pattern covers, trimmed, when they look temporal
    (``text`` is ``doc.text``, joined once by the caller)."""
    out: list[Candidate] = []
    spans = _Taken((t.start, t.end) for t in taken)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = trim(text, ent.start_char, ent.end_char)
        if start >= end or spans.overlaps(start, end):
            continue
        span_text = text[start:end]
        if _NOT_TEMPORAL.search(span_text) or not _TEMPORAL_WORD.search(span_text):
            continue
        out.append(Candidate(start, end, "spacy", {"text": span_text}, source="spacy"))
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the' and trailing punctuation (keeping the dot of 'p.m.' and 'Oct.')."""
    span = text[start:end]
    lead = _LEAD.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    trail = _TRAIL.search(span)
    if trail:
        end -= len(trail.group())
    span = text[start:end]
    if span.endswith(".") and not re.search(r"(?:[ap]\.m|\b[A-Z][a-z]{1,4})\.$", span):
        end -= 1
    return start, end
