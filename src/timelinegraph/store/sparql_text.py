"""A query's keywords, read as SPARQL's grammar reads them.

Strings (all four quotings, with their escapes), IRIs, comments, variables, prefixed names,
blank node labels and language tags are skipped, so "SERVICE" in a literal, ``?service``,
``ex:SERVICE`` or a comment are not the keyword. pyoxigraph exposes no parse tree, hence this
scanner of SPARQL's terminals (SPARQL 1.1, section 19.8). Oxigraph does not decode ``\\u``
escapes outside strings, so ``SERVI\\u0043E`` is a syntax error there, not the keyword.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["keywords", "query_form", "uses_service"]

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"',
    re.DOTALL,
)
_NAME_CHAR = r"[\w\u00b7\u0300-\u036f\u203f-\u2040-]"
_VARIABLE = re.compile(r"[?$]" + _NAME_CHAR + "*")
_LANGTAG = re.compile(r"@[A-Za-z0-9-]*")
# a prefixed name or blank node label: PN_PREFIX? ':' PN_LOCAL (dots inside, not last)
_PREFIXED = re.compile(
    r"(?:" + _NAME_CHAR + r"(?:[\w.\u00b7\u0300-\u036f\u203f-\u2040-]*" + _NAME_CHAR + r")?)?"
    r":(?:[\w:%\u00b7\u0300-\u036f\u203f-\u2040-]|\\[_~.\-!$&'()*+,;=/?#@%]|\.(?=[\w:%\\-]))*"
)
_WORD = re.compile(r"[A-Za-z_0-9]+")
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def keywords(query: str) -> Iterator[str]:
    """The bare words of ``query`` (keywords, ``a``, numbers), upper-cased, in order."""
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        match = None
        if char in "'\"":
            match = _STRING.match(query, i)
        elif char == "<":
            match = _IRIREF.match(query, i)
        elif char in "?$":
            match = _VARIABLE.match(query, i)
        elif char == "@":
            match = _LANGTAG.match(query, i)
        elif char == ":" or char.isalnum() or char == "_":
            match = _PREFIXED.match(query, i)  # a name with a colon is never a keyword
            if match is None or ":" not in match.group(0):
                word = _WORD.match(query, i)
                if word is None:  # another letter (a name's): skip it
                    i += 1
                    continue
                yield word.group(0).upper()
                i = word.end()
                continue
        i = match.end() if match is not None and match.end() > i else i + 1


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first such keyword."""
    return next((word for word in keywords(query) if word in _FORMS), "SELECT")


def uses_service(query: str) -> bool:
    """Whether the query has a SERVICE clause (a federated query: it asks another server)."""
    return any(word == "SERVICE" for word in keywords(query))
