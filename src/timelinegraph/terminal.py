"""Text for the terminal: control characters are shown as escapes, never sent raw.

An article's title or sentence, or a remote server's answer, may hold ESC sequences (clear
the screen, set the window title, rewrite what was printed), other C0 and C1 controls, DEL,
and bidirectional overrides that show text in another order than it is stored. Everything the
command line prints goes through ``printable`` (cli.py's ``_echo``), which writes them the way
Python does, ``\\x1b``, ``\\u202e``; JSON output goes through ``json_printable`` first, which
writes them as JSON escapes, so the JSON still reads back to the exact text.
"""

from __future__ import annotations

import re

__all__ = ["json_printable", "printable"]

# C0 and C1 controls, DEL; bidirectional marks, embeddings, overrides and isolates; line and
# paragraph separators; lone surrogates (a JSON "\ud800" escape), which no terminal encodes
_UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
_LINES = re.compile(f"\r\n|[{_UNSAFE}]")
_ALL = re.compile(f"[{_UNSAFE}]")


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with every unsafe character written as an escape; line ends (LF, CRLF) and
    tabs are kept unless ``one_line``."""
    if one_line:
        return _ALL.sub(_escape, text)
    return _LINES.sub(lambda m: m[0] if m[0] in ("\n", "\t", "\r\n") else _escape(m), text)


def json_printable(json_text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes only C0) with
    the other unsafe characters as ``\\uXXXX``: the same JSON value, safe to print."""
    return _ALL.sub(lambda m: m[0] if m[0] == "\n" else f"\\u{ord(m[0]):04x}", json_text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
