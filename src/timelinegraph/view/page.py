"""One self-contained HTML page: TimelineJS3, a network of actors and events (sigma.js and
graphology), a map of the events' places (a plain lon/lat outline of the land), filters.

Everything is inlined (TimelineJS js/css with its icon font as a data: URI, the network
bundle, the land outline, our script and style, the data as one ``<script
type="application/json">`` block), so the page fetches nothing when opened. Article text only
ever reaches the DOM through that JSON block and ``textContent`` (sigma.js draws labels on a
canvas); the TimelineJS slide HTML is escaped in Python (see ``data.py``). A build with more
than ``data.PAGE_EVENTS`` events gets a page of its most mentioned ones, and a note saying so.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from html import escape
from importlib.resources import files
from pathlib import Path

from ..common.atomic import write_text_atomic
from ..common.jsontext import without_surrogates
from ..export.timeline import counted
from ..models import KnowledgeGraph
from .data import ViewData, view_data_from_exports, view_data_from_kg

__all__ = ["embed_json", "render_page", "view_exports", "write_html"]

PAGE_FILE = "index.html"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_SOURCE_MAP = re.compile(r"/[/*]# sourceMappingURL=\S*")
# Characters that could end the JSON block or break a script in old parsers.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def embed_json(data: object) -> str:
    """Compact, sorted JSON that can sit inside a ``<script>`` element and never close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # one str.replace per character: a regex with a callback per match took a second on the
    # slide HTML of 1,000 articles (no replacement brings back a character replaced earlier)
    for unsafe, escaped in _JSON_ESCAPES.items():
        if unsafe in text:
            text = text.replace(unsafe, escaped)
    return text


def render_page(data: ViewData) -> str:
    """The page for ``data``; the same data gives the same text."""
    summary = data["summary"]
    description = (
        f"{counted(summary['events'], 'event')}, {counted(summary['actors'], 'actor')}, "
        f"{counted(summary['relations'], 'relation')} from "
        f"{counted(summary['articles'], 'article')}"
    )
    cap = summary.get("cap")
    cap_note = (
        f"This page holds the {summary['page_events']:,} most mentioned of the build's "
        f"{summary['events']:,} events (a page holds at most {cap:,}: it cannot stream), and "
        f"their {summary['page_actors']:,} actors; the exports hold everything."
        if cap
        else ""
    )
    parts = {
        "title": escape(data["title"]),
        "description": escape(description),
        "cap_note": escape(cap_note),
        "cap_hidden": "" if cap else " hidden",
        "land": _asset("map/land-110m.path").strip(),
        "network_js": _script(_asset("network/network.js")),
        "timeline_css": _timeline_css(),
        "view_css": _asset("view.css"),
        "timeline_js": _script(_asset("timelinejs/timeline.js")),
        "view_js": _script(_asset("view.js")),
        "data": embed_json(data),
    }
    # one pass: inserted text (a library, article text) is never scanned for placeholders
    return without_surrogates(_PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("page.html")))


def view_exports(exports: Path, out: Path | None = None) -> Path:
    """Write the page of the build in ``exports`` to ``out`` (default exports/index.html)."""
    exports = Path(exports)
    target = Path(out) if out is not None else exports / PAGE_FILE
    return write_text_atomic(target, render_page(view_data_from_exports(exports)))


def write_html(kg: KnowledgeGraph, path: Path) -> Path:
    """Registry writer: the page of a model, the same bytes ``view`` writes from its exports."""
    return write_text_atomic(Path(path), render_page(view_data_from_kg(kg)))


@cache
def _asset(name: str) -> str:
    return files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


@cache
def _timeline_css() -> str:
    """TimelineJS css with its icon font inlined (woff2) and no source map comment."""
    font = files(__package__).joinpath("assets", "timelinejs", "tl-icons.woff2").read_bytes()
    face = (
        "@font-face {font-family: 'tl-icons'; font-weight: normal; font-style: normal; "
        f"src: url(data:font/woff2;base64,{base64.b64encode(font).decode('ascii')}) "
        "format('woff2');}"
    )
    css = _FONT_FACE.sub(lambda _: face, _asset("timelinejs/timeline.css"))
    return _SOURCE_MAP.sub("", css)


def _script(code: str) -> str:
    """Script text safe inside <script>: no source map comment, no closing tag."""
    return _SOURCE_MAP.sub("", code).replace("</script", "<\\/script")
