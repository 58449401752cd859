"""XML written as text, byte for byte what ElementTree writes, without building a tree.

The GraphML and GEXF exports have a fixed shape (a few levels, many leaves), so they are
written line by line: ``ET.indent`` + ``ElementTree.write`` spent most of their time creating
and walking half a million elements. These helpers reproduce ElementTree's output exactly:
the declaration, attribute order as given, ``" />"`` for elements with no text and no
children, two-space indentation, and its escaping (``&<>`` in text; also ``"`` and CR, LF,
TAB as character references in attribute values). Encoding uses ``xmlcharrefreplace`` for
characters UTF-8 cannot carry, as ElementTree does. ``encode_chunks`` encodes the lines as
they come, so a writer never holds the whole document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from .chunks import text_chunks

__all__ = ["XML_DECLARATION", "encode_chunks", "escape_attr", "escape_text", "start_tag"]

XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def escape_text(text: str) -> str:
    """Character data as ElementTree escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attr(text: str) -> str:
    """An attribute value as ElementTree escapes it."""
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def start_tag(tag: str, attrs: Iterable[tuple[str, str]]) -> str:
    """``<tag a="1" b="2"`` (no closing bracket: the caller adds ``>`` or `` />``)."""
    return "<" + tag + "".join(f' {name}="{escape_attr(value)}"' for name, value in attrs)


def encode_chunks(parts: Iterable[str], size: int | None = None) -> Iterator[bytes]:
    """The declaration, ``parts`` joined, and a final newline, as UTF-8 bytes in chunks of
    about ``size`` characters (``chunks.CHUNK_CHARS``): a document written as it is made,
    never held whole."""
    for text in text_chunks(chain([XML_DECLARATION], parts, ["\n"]), size):
        yield _encode(text)


def _encode(text: str) -> bytes:
    # each character is encoded alone (a lone surrogate too), so any split gives the same bytes
    return text.encode("utf-8", "xmlcharrefreplace")
