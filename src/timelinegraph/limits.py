"""Bounds one hostile or broken article cannot push a build past (``--max-*`` options)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "MAX_ARTICLE_CHARS", "Limits"]

DEFAULT_MAX_BYTES = 20_000_000
# spaCy refuses longer texts (its max_length, E088): the parser needs about 1 GB per
# 100,000 characters, so a longer article is skipped rather than parsed.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Limits:
    max_article_bytes: int = DEFAULT_MAX_BYTES  # per file; per line in JSON Lines
    max_events_per_article: int = 5_000


DEFAULT_LIMITS = Limits()
