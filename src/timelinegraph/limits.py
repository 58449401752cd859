"""Bounds one hostile or broken article cannot push a build past (``--max-*`` options)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_BYTES",
    "MAX_ARTICLE_CHARS",
    "MAX_AUTHORS",
    "MAX_ID_CHARS",
    "MAX_METADATA_CHARS",
    "Limits",
]

DEFAULT_MAX_BYTES = 20_000_000
# spaCy refuses longer texts (its max_length, E088): the parser needs about 1 GB per
# 100,000 characters, so a longer article is skipped rather than parsed.
MAX_ARTICLE_CHARS = 1_000_000

# Article metadata, applied by the reader (ingest/reader.py) to every article it reads. Without
# them one file's 500,000-character title, repeated with each of its events in timeline.json
# and the page, made a 200 MB export. A field over its limit is cut there with a note (the
# article's text, what the graph is built from, is fine, so it is kept), except a url: one
# cut short would point elsewhere, so it is left out, also with a note.
MAX_METADATA_CHARS = {"title": 1_000, "url": 2_000, "source": 200, "author": 200}
MAX_AUTHORS = 50  # the first ones are kept
# Ids are made of [A-Za-z0-9._-] and cut to this many characters (ingest/ids.slugify),
# silently, as every id is rewritten that way; two ids cut alike are told apart by a hash.
MAX_ID_CHARS = 80


@dataclass(frozen=True)
class Limits:
    max_article_bytes: int = DEFAULT_MAX_BYTES  # per file; per line in JSON Lines
    max_events_per_article: int = 5_000


DEFAULT_LIMITS = Limits()
