"""RDF terms as N-Triples strings: valid lexical forms, absolute IRIs, strings no parser chokes on.

The RDF of a build is kept as triples of these strings (``rdf_triples.Triples``), not as rdflib
objects: a string is what every writer needs in the end, it costs its bytes once, and a
string that is already N-Triples is also valid Turtle, TriG and N-Quads.

Every term is checked when it is made. An IRI must be absolute and valid (``iri_problem``);
a typed literal must be in the lexical space of its datatype (``typed``): typed values are
computed from dates and numbers, never copied from article text, so an invalid one is a bug
to see (``ExportError``) rather than a plain string written silently.

Strings are written with ECHAR/UCHAR escapes only (``"..."``, never long quotes), and the
characters no RDF file carries faithfully (U+0000, U+FFFE, U+FFFF, a lone surrogate) become
U+FFFD, the replacement character: Raptor cuts a string at U+0000, and UTF-8 cannot encode a
lone surrogate. DEL, NEL, U+2028 and U+2029 are escaped so an N-Triples line stays one line
for every line reader (Python's ``str.splitlines``, JavaScript).
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import RDF, XSD
from rdflib.namespace import DCTERMS, GEO, OWL, PROV, RDFS, SKOS, TIME

from ..errors import ExportError
from ..vocab import SCHEMA, SEM, TG_NS
from .rdf_lexical import iri_problem, lexical_problem

__all__ = [
    "PREFIXES",
    "NtNamespace",
    "check_iri",
    "day",
    "decimal",
    "escape_string",
    "integer",
    "iri",
    "text",
    "typed",
    "url",
    "wkt_point",
    "writable_text",
]

PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "geo": str(GEO),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "skos": str(SKOS),
    "tg": TG_NS,
    "time": str(TIME),
    "xsd": str(XSD),
}

_UNWRITABLE = re.compile(r"[\x00\ud800-\udfff\ufffe\uffff]")
_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_XSD = str(XSD)


def writable_text(value: str) -> str:
    """``value`` with the characters no RDF file can carry faithfully replaced by U+FFFD."""
    return _UNWRITABLE.sub("\ufffd", value)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ECHAR:
        return _ECHAR[char]
    if _UNWRITABLE.match(char):
        return "\ufffd"
    return f"\\u{ord(char):04X}"


def escape_string(value: str) -> str:
    """The body of a short Turtle / N-Triples string: quotes, backslashes, controls escaped."""
    return _ESCAPED.sub(_escape_char, value)


def check_iri(value: str) -> str:
    """``value`` unchanged if it is an absolute, valid IRI; else ``ExportError``."""
    problem = iri_problem(value)
    if problem is not None:
        raise ExportError(f"cannot write RDF: {problem}")
    return value


def iri(value: str) -> str:
    """``<value>``, an IRI in N-Triples; an invalid IRI raises ``ExportError``."""
    return f"<{check_iri(str(value))}>"


def text(value: str) -> str:
    """A plain string literal (xsd:string)."""
    return f'"{escape_string(value)}"'


@lru_cache(maxsize=64)
def _datatype(xsd_name: str) -> str:
    return f"^^<{_XSD}{xsd_name}>"


def typed(lexical: str, xsd_name: str) -> str:
    """A literal of ``xsd:<xsd_name>``; an invalid lexical form raises ``ExportError``."""
    problem = lexical_problem(lexical, _XSD + xsd_name)
    if problem is not None:
        raise ExportError(f"cannot build RDF: {lexical!r} as xsd:{xsd_name}: {problem}")
    return f'"{escape_string(lexical)}"{_datatype(xsd_name)}'


def integer(value: int) -> str:
    return typed(str(int(value)), "integer")


def day(value: date) -> str:
    return typed(value.isoformat(), "date")


def decimal(value: float) -> str | None:
    """``value`` as an xsd:decimal in plain notation (never 1E+3); None for NaN/inf."""
    if not math.isfinite(value):
        return None
    return typed(_plain(value), "decimal")


def _plain(value: float) -> str:
    """A finite float in plain decimal notation, shortest round-trip digits (never 1E+3)."""
    lexical = format(Decimal(repr(float(value))), "f")
    if "." in lexical:
        lexical = lexical.rstrip("0").rstrip(".")
    return f"{lexical}.0" if "." not in lexical else lexical


def wkt_point(latitude: float, longitude: float) -> str:
    """A GeoSPARQL ``geo:wktLiteral`` point: ``POINT(longitude latitude)`` in WGS 84 (CRS84,
    the default of a WKT literal without a CRS IRI: longitude first)."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise ExportError(f"cannot build RDF: point ({latitude}, {longitude}) is not finite")
    point = f"POINT({_plain(longitude)} {_plain(latitude)})"
    return f'"{point}"^^<{GEO.wktLiteral}>'


def url(value: str) -> str:
    """An IRI when ``value`` is a valid absolute IRI (RFC 3987, Turtle's IRIREF), else a
    plain string: an article's URL is input, so a bad one is kept as text, not refused.
    A URL whose scheme is one of our prefixes ("schema:x") is text too: JSON-LD, whose
    context declares those prefixes, would read it as a prefixed name."""
    scheme, _, rest = value.partition(":")
    if scheme in PREFIXES and not rest.startswith("//"):
        return text(value)
    return f"<{value}>" if iri_problem(value) is None else text(value)


class NtNamespace:
    """The N-Triples form of a namespace's terms: ``NtNamespace(SEM).Event`` is
    ``"<http://semanticweb.cs.vu.nl/2009/11/sem/Event>"``. A closed namespace (``TG``) still
    refuses an undeclared term; each term is made once, then read as a plain attribute."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = iri(str(getattr(self._namespace, name)))
        setattr(self, name, term)
        return term
