"""Validity checks for RDF terms, strict enough for the strictest parsers.

Each check returns ``None`` when the term is fine, else a short reason in words:

- ``iri_problem``: absolute, none of the characters Turtle's IRIREF forbids, and a valid
  RFC 3987 IRI (pyoxigraph's parser, the strictest we ship; Raptor accepts more);
- ``lexical_problem``: the lexical form is in the lexical space of its XSD datatype
  (XSD 1.1 part 2 grammars, day-of-month checked; rdflib's ``ill_typed`` for other types);
- ``language_problem``: a well-formed BCP 47 language tag (RFC 5646 ``Language-Tag``).
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

import pyoxigraph
from rdflib import RDF, XSD, Literal

__all__ = ["iri_problem", "language_problem", "lexical_problem", "literal_problem"]

_IRIREF_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# "/./" or "/../" in the path: parsers that resolve every IRI (Raptor) remove them
_DOT_SEGMENT = re.compile(r"/\.\.?(?:/|$)")

# ---------------------------------------------------------------- XSD lexical spaces

_YEAR = r"(?P<year>-?(?:[1-9][0-9]{3,}|0[0-9]{3}))"
_MONTH = r"(?P<month>0[1-9]|1[0-2])"
_DAY = r"(?P<day>0[1-9]|[12][0-9]|3[01])"
_TZ_REQUIRED = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
_TZ = rf"{_TZ_REQUIRED}?"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"
_INT = r"[+-]?[0-9]+"
_DURATION = (
    r"-?P(?=.)(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?"
    r"(?:T(?=.)(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"
)
_FLOAT = r"(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)"

_GRAMMARS: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"^(?:{pattern})$")
    for name, pattern in {
        "date": rf"{_YEAR}-{_MONTH}-{_DAY}{_TZ}",
        "dateTime": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_TZ}",
        "dateTimeStamp": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_TZ_REQUIRED}",
        "time": rf"{_TIME}{_TZ}",
        "gYearMonth": rf"{_YEAR}-{_MONTH}{_TZ}",
        "gYear": rf"{_YEAR}{_TZ}",
        "gMonth": rf"--{_MONTH}{_TZ}",
        "gMonthDay": rf"--{_MONTH}-{_DAY}{_TZ}",
        "gDay": rf"---{_DAY}{_TZ}",
        "duration": _DURATION,
        "integer": _INT,
        "long": _INT,
        "int": _INT,
        "short": _INT,
        "byte": _INT,
        "nonNegativeInteger": r"\+?[0-9]+|-0+",
        "positiveInteger": r"\+?0*[1-9][0-9]*",
        "nonPositiveInteger": r"-[0-9]+|\+?0+",
        "negativeInteger": r"-0*[1-9][0-9]*",
        "decimal": r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)",
        "double": _FLOAT,
        "float": _FLOAT,
        "boolean": r"true|false|1|0",
        "string": r"(?s:.*)",  # any string; lone surrogates are the writers' concern
    }.items()
}
_INT_RANGES = {
    "long": 2**63,
    "int": 2**31,
    "short": 2**15,
    "byte": 2**7,
}


def _day_problem(match: re.Match[str]) -> str | None:
    """XSD's day-of-month rule (proleptic Gregorian; year 0000 is 1 BCE, a leap year)."""
    groups = match.groupdict()
    if groups.get("day") is None or groups.get("month") is None:
        return None
    day, month = int(groups["day"]), int(groups["month"])
    if groups.get("year") is None:  # gMonthDay: --02-29 is allowed
        longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    else:
        year = abs(int(groups["year"]))
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        longest = 29 if month == 2 and leap else calendar.monthrange(2001, month)[1]
    return f"month {month:02d} has no day {day:02d}" if day > longest else None


@lru_cache(maxsize=65536)
def lexical_problem(lexical: str, datatype: str) -> str | None:
    """Why ``lexical`` is not in the lexical space of ``datatype`` (an IRI), else None."""
    xsd = str(XSD)
    if datatype.startswith(xsd) and datatype[len(xsd) :] in _GRAMMARS:
        name = datatype[len(xsd) :]
        match = _GRAMMARS[name].match(lexical)
        if match is None:
            return f"not a valid xsd:{name} lexical form"
        if name in _INT_RANGES and not -_INT_RANGES[name] <= int(lexical) < _INT_RANGES[name]:
            return f"out of the range of xsd:{name}"
        return _day_problem(match)
    if datatype == str(RDF.langString):
        return "rdf:langString needs a language tag"
    if Literal(lexical, datatype=datatype).ill_typed:
        return f"not a valid lexical form for <{datatype}>"
    return None


# ---------------------------------------------------------------- BCP 47 language tags

_ALNUM = "[a-z0-9]"
_LANGTAG = re.compile(
    r"^(?:"
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language (+ extlang)
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"  # private use
    rf"|x(?:-{_ALNUM}{{1,8}})+"  # private use only
    r")$"
)
_GRANDFATHERED = frozenset(
    "en-gb-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn "
    "i-tao i-tay i-tsu sgn-be-fr sgn-be-nl sgn-ch-de art-lojban cel-gaulish no-bok no-nyn "
    "zh-guoyu zh-hakka zh-min zh-min-nan zh-xiang".split()
)


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a well-formed BCP 47 language tag, else None."""
    lowered = tag.lower()
    if tag.isascii() and (_LANGTAG.match(lowered) or lowered in _GRANDFATHERED):
        return None
    return f"language tag {tag!r} is not well-formed BCP 47"


# ---------------------------------------------------------------- IRIs and literals


@lru_cache(maxsize=65536)
def iri_problem(iri: str) -> str | None:
    """Why ``iri`` cannot be written as an absolute IRI in Turtle/N-Triples, else None."""
    forbidden = _IRIREF_FORBIDDEN.search(iri)
    if forbidden is not None:
        return f"IRI <{iri}> has the forbidden character {forbidden.group()!r}"
    if _DOT_SEGMENT.search(re.split(r"[?#]", iri, maxsplit=1)[0]):
        return f"IRI <{iri}> has a '.' or '..' path segment (not in normal form)"
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as exc:
        return f"<{iri}> is not an absolute RFC 3987 IRI ({exc})"
    return None


def literal_problem(literal: Literal) -> str | None:
    """Why ``literal`` would be ill-formed RDF (bad lexical form or language tag), else None."""
    if literal.language is not None:
        return language_problem(literal.language)
    if literal.datatype is None:
        return None
    problem = lexical_problem(str(literal), str(literal.datatype))
    return f"{str(literal)!r}: {problem}" if problem else None
