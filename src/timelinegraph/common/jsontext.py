"""``dumps_indented``: ``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)``, fast.

With ``indent``, the standard library encodes in pure Python, one generator step per value:
3 s for the timeline of 1,000 articles. Here Python walks only the containers that hold
other containers; every innermost object or array (a source record, a date, a list of
names) is encoded by the C encoder, whose item separator carries the newline and the
indentation of its depth, and is then given its opening and closing lines. The text is the
same, character for character (tested against ``json.dumps`` on hostile data).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from json.encoder import c_make_encoder  # type: ignore[attr-defined]
from typing import Any

from .atomic import utf8_safe

__all__ = ["dumps_indented", "without_surrogates"]

_encode_str = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False
_scalar = json.JSONEncoder(ensure_ascii=False).encode
# values the C encoder can take whole (anything else, a subclass too, is walked here)
_SCALARS = frozenset({str, int, float, bool, type(None)})


class _Unusual(Exception):
    """A key that is not a string: left to ``json.dumps``, which converts and sorts it."""


def dumps_indented(data: Any) -> str:
    """``data`` as ``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)``."""
    out: list[str] = []
    try:
        _write(data, 0, out)
    except _Unusual:
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    return "".join(out)


def _write(value: Any, depth: int, out: list[str]) -> None:
    if isinstance(value, dict):
        _write_object(value, depth, out)
    elif isinstance(value, list | tuple):
        _write_array(value, depth, out)
    elif type(value) is str:
        out.append(_encode_str(value))
    else:
        out.append(_scalar(value))


def _write_object(value: dict, depth: int, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    if _SCALARS.issuperset(map(type, value.values())):
        out.append(_innermost(value, depth))
        return
    if not all(type(key) is str for key in value):
        raise _Unusual
    inner = _newline(depth + 1)
    separator = "{" + inner
    for key, item in sorted(value.items()):
        out.append(separator + _encode_str(key) + ": ")
        _write(item, depth + 1, out)
        separator = "," + inner
    out.append(_newline(depth) + "}")


def _write_array(value: list | tuple, depth: int, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    if _SCALARS.issuperset(map(type, value)):
        out.append(_innermost(value, depth))
        return
    inner = _newline(depth + 1)
    separator = "[" + inner
    for item in value:
        out.append(separator)
        _write(item, depth + 1, out)
        separator = "," + inner
    out.append(_newline(depth) + "]")


def _innermost(value: dict | list | tuple, depth: int) -> str:
    """A non-empty object or array of scalars, encoded in C and then indented."""
    if isinstance(value, dict) and not all(type(key) is str for key in value):
        raise _Unusual
    compact = _flat_encoder(depth)(value)  # "{" items joined by ",<newline+indent>" "}"
    return compact[0] + _newline(depth + 1) + compact[1:-1] + _newline(depth) + compact[-1]


@cache
def _flat_encoder(depth: int) -> Callable[[Any], str]:
    """Compact C encoding whose item separator is a comma, a newline and the indentation."""
    item_separator = "," + _newline(depth + 1)
    if c_make_encoder is not None:
        try:  # the encoder json.dumps builds per call, built once: 3 us saved per object
            encoder = c_make_encoder(
                None, _no_default, _encode_str, None, ": ", item_separator, True, False, True
            )
            return lambda value: "".join(encoder(value, 0))
        except TypeError:  # another signature in another Python: the public way then
            pass
    separators = (item_separator, ": ")
    return json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=separators).encode


def _no_default(value: Any) -> Any:
    return json.JSONEncoder().default(value)  # raises TypeError, as json.dumps does


@cache
def _newline(depth: int) -> str:
    return "\n" + "  " * depth


def without_surrogates(text: str) -> str:
    """``utf8_safe(text)``, checked first by encoding: on 30 MB with no lone surrogate (the
    usual case) the encoder says so in a third of the time the regex takes to."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return utf8_safe(text)
    return text
