"""Parsers for each article file format. Each returns Articles or raises InputError."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Article, PublishedSource
from .annotated import AnnotatedDocument
from .cat import parse_cat
from .header import Header, parse_header, parse_iso_date
from .html import html_to_text, looks_like_html
from .ids import slugify
from .timeml import parse_timeml

# The root element's name after any XML declaration, comments and DOCTYPE (read, not obeyed).
_XML_ROOT = re.compile(
    r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*"
    r"<(?:[A-Za-z_][\w.-]*:)?(?P<root>[A-Za-z_][\w.-]*)",
    re.DOTALL,
)
_SNIFF_CHARS = 1_000_000
_MAX_NUL_SHARE = 1000  # more than one NUL byte per 1,000 is a binary file, not text


def decode(path: Path, data: bytes) -> str:
    """Decode article bytes as UTF-8 (a UTF-8 or UTF-16 BOM is honoured); one-line errors."""
    if not data.strip():
        raise InputError(str(path), "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"invalid UTF-16 at byte {exc.start}") from None
    else:
        if data.count(b"\x00") > len(data) // _MAX_NUL_SHARE:
            raise InputError(str(path), "binary file (contains NUL bytes), not an article")
        try:
            # a stray NUL in real text becomes U+FFFD (one character: offsets unchanged)
            text = data.decode("utf-8-sig").replace("\x00", "\ufffd")
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"not UTF-8 (invalid byte at offset {exc.start})") from None
    if not text.strip():  # e.g. nothing but a byte-order mark
        raise InputError(str(path), "empty file")
    # One newline convention so offsets mean the same on every platform.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def annotated_format(text: str) -> str | None:
    """``"timeml"`` or ``"cat"`` when the text is such a document, by content, else None."""
    if not text.lstrip().startswith("<"):
        return None
    match = _XML_ROOT.match(text, 0, _SNIFF_CHARS)
    if match is None:
        return None
    root = match.group("root")
    if root.lower() == "timeml":
        return "timeml"
    if root == "Document" and re.search(r"<token[\s>/]", text):
        return "cat"
    return None


def parse_annotated(
    path: Path, text: str, *, default_date: date | None = None
) -> AnnotatedDocument:
    """A TimeML or CAT XML document (recognised by content); InputError for anything else.
    ``default_date`` dates a CAT file that has no date in its metadata or text (ECB+)."""
    kind = annotated_format(text)
    if kind == "timeml":
        return parse_timeml(path, text)
    if kind == "cat":
        return parse_cat(path, text, default_date=default_date)
    raise InputError(str(path), "not a TimeML or CAT XML file")


def parse_text_article(path: Path, text: str, *, default_date: date | None) -> Article:
    """A ``.txt`` article: optional ``date YYYY-MM-DD`` header, optional dateline, body."""
    header = parse_header(text)
    published = _resolve_date(path, header.date_text, default_date)
    header, title = _unless_html(header)
    if not header.body.strip():
        raise InputError(str(path), "no article text after the date header")
    return Article(
        id=slugify(path.stem),
        text=header.body,
        title=title,
        published=published,
        published_source=_date_source(header.date_text),
        authors=header.credits,
        source=header.agency,
        path=str(path),
        dateline=header.dateline,
        skip_spans=header.skip_spans,
    )


def parse_json_file(
    path: Path, text: str, *, default_date: date | None
) -> Iterator[Article | InputError]:
    """A ``.json`` file: one article object or a list of them; a bad object in a list is
    reported (``file[i]``) and the others are still read."""
    data = _load_json(str(path), text)
    records = data if isinstance(data, list) else [data]
    for i, record in enumerate(records):
        try:
            yield article_from_record(
                path, record, default_date=default_date, index=i, many=len(records) > 1
            )
        except InputError as exc:
            yield exc


def _load_json(where: str, text: str) -> Any:
    """``json.loads`` with every way it can fail as one InputError: syntax, nesting too deep
    for the parser, integers too long to convert."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise InputError(where, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise InputError(where, f"invalid JSON: {exc}") from None


def iter_jsonl(
    path: Path, text: str, *, default_date: date | None, first_line: int = 1
) -> Iterator[Article | InputError]:
    """JSON Lines: one article per line; a broken line yields an error, not a stop.
    ``first_line`` numbers the lines of a piece read from the middle of a file."""
    for lineno, line in enumerate(text.replace("\r", "").split("\n"), start=first_line):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = _load_json(where, line)
            yield article_from_record(
                path, record, default_date=default_date, index=lineno, many=True, where=where
            )
        except InputError as exc:
            yield exc


def article_from_record(
    path: Path,
    record: Any,
    *,
    default_date: date | None,
    index: int = 0,
    many: bool = False,
    where: str | None = None,
) -> Article:
    """Build an Article from a JSON object with ``text`` and ``date`` (+ optional metadata)."""
    where = where or (f"{path}[{index}]" if many else str(path))
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(where, f"'text' must be a string, got {type(text).__name__}")
    if not text or not text.strip():
        raise InputError(where, "missing or empty 'text' (a string is required)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_date = record.get("date", record.get("published"))
    if raw_date is not None and not isinstance(raw_date, str):
        raise InputError(where, f"'date' must be an ISO date string, got {raw_date!r}")
    published = _resolve_date(Path(where), raw_date, default_date)
    header, page_title = _unless_html(parse_header(text))  # datelines sit in JSON text too
    if not header.body.strip():
        raise InputError(where, "no article text after the date header")
    record_id = _record_id(record, where)
    fallback_id = f"{path.stem}-{index}" if many else path.stem
    return Article(
        id=slugify(record_id) if record_id else slugify(fallback_id),
        text=header.body,
        published=published,
        published_source=_date_source(raw_date),
        title=_first_given(_optional_str(record, "title", where), page_title),
        url=_optional_str(record, "url", where),
        source=_optional_str(record, "source", where) or header.agency,
        authors=_authors(record, where) + header.credits,
        path=str(path),
        dateline=header.dateline,
        skip_spans=header.skip_spans,
    )


def _first_given(value: str | None, fallback: str | None) -> str | None:
    return value if value is not None else fallback  # "" is a title given as empty


def _unless_html(header: Header) -> tuple[Header, str | None]:
    """``header`` as is, or for an HTML page its visible text re-read for a dateline and
    credits (the date header, read before, is kept); and the page's title."""
    if not looks_like_html(header.body):
        return header, None
    page = html_to_text(header.body)
    return replace(parse_header(page.text), date_text=header.date_text), page.title


def _date_source(text: str | None) -> PublishedSource:
    """'metadata' when the article gave its date, 'default' when --default-date stood in."""
    return "metadata" if text is not None and str(text).strip() else "default"


def _resolve_date(path: Path, text: str | None, default_date: date | None) -> date:
    if text is None or not str(text).strip():
        if default_date is None:
            raise InputError(
                str(path),
                "no publication date (add a 'date YYYY-MM-DD' header or pass --default-date)",
            )
        return default_date
    try:
        return parse_iso_date(text)
    except ValueError:
        raise InputError(str(path), f"invalid date {text!r} (expected YYYY-MM-DD)") from None


def _record_id(record: dict[str, Any], where: str) -> str | None:
    """The ``id`` as text: a string, or an integer (database ids often are one) in decimal;
    any other type is an error, as for the other fields, not its ``str()``."""
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None and not isinstance(value, str):
        raise InputError(where, f"'id' must be a string or an integer, got {type(value).__name__}")
    return value


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(where, f"'{key}' must be a string, got {type(value).__name__}")
    return value


def _authors(record: dict[str, Any], where: str) -> list[str]:
    value = record.get("authors")
    if value is None:  # left out, or null as for every optional field
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(where, "'authors' must be a string or a list of strings")
    return list(value)
