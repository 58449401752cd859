"""Bounds one hostile or broken article cannot push a build past (``--max-*`` options)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "Limits"]

DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Limits:
    max_article_bytes: int = DEFAULT_MAX_BYTES  # per file; per line in JSON Lines
    max_events_per_article: int = 5_000


DEFAULT_LIMITS = Limits()
