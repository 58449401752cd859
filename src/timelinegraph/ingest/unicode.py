"""Valid Unicode out of ingest: the one place lone surrogates are dealt with.

Python strings can hold lone surrogates that no UTF-8 writer (JSON, XML, RDF, the cache) can
encode. Two inputs produce them: a JSON ``"\\ud800"`` escape, and a file name that is not
UTF-8 (Latin-1 ``caf\\xe9.txt``; Python on Linux holds the byte as the escape ``\\udce9``).
The reader passes every article through these rules, so every later stage sees valid text:

- content (text, title, url, source, authors, dateline, id): a lone surrogate becomes U+FFFD,
  one code point for one, so every character offset stays true;
- file names as shown and recorded (``Article.path``, skipped-file lines): an undecodable byte
  is written ``\\xNN``, so two such names stay distinct and say which byte it was. The file is
  still read through its real path.

The writers keep their own character rules (XML and RDF cannot hold some valid characters
either; see common/atomic.py, export/graphml.py, graph/rdf_terms.py), which also cover a
graph built in code from Articles that never went through the reader.
"""

from __future__ import annotations

import re

__all__ = ["escape_surrogates", "valid_unicode"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# U+DC80..U+DCFF: how Python's "surrogateescape" holds the bytes 0x80..0xFF it cannot decode
_ESCAPED_BYTE = range(0xDC80, 0xDD00)


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD (same length: offsets unchanged)."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)


def escape_surrogates(text: str) -> str:
    """``text`` (a file name, a message naming one) with each undecodable byte as ``\\xNN``
    and any other lone surrogate as ``\\uXXXX``: printable, encodable and unambiguous."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if code in _ESCAPED_BYTE else f"\\u{code:04x}"
