"""Parsing untrusted XML: no DTDs, no entity expansion, no external fetches; one-line errors."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import InputError

_POSITION = re.compile(r":? line \d+, column \d+$")


def parse_xml(path: Path, text: str) -> Element:
    """The root element of ``text``; a malformed or unsafe document raises ``InputError``.

    DTDs are refused outright (``forbid_dtd``): corpus files never need one, and refusing them
    stops billion-laughs expansion and external-entity (XXE) reads before they start.
    """
    # An XML declaration must come first: forgive blank lines before it, keep line numbers true.
    body = text.lstrip()
    lines_before = text[: len(text) - len(body)].count("\n")
    try:
        return fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(str(path), "XML entities or DTDs are not allowed") from None
    except ParseError as exc:
        line, column = exc.position
        line += lines_before
        reason = _POSITION.sub("", str(exc)).replace("\n", " ")
        raise InputError(
            str(path), f"invalid XML at line {line}: {reason} (column {column})"
        ) from None


def local_name(tag: str) -> str:
    """``{namespace}TimeML`` → ``TimeML``: corpora differ in whether they declare one."""
    return tag.rsplit("}", 1)[-1]
