"""Article ids: stable, readable, safe in IRIs and file names."""

from __future__ import annotations

import hashlib
import re

from ..limits import MAX_ID_CHARS

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def slugify(text: str, *, max_length: int = MAX_ID_CHARS) -> str:
    """Reduce ``text`` to ``[A-Za-z0-9._-]``; never empty, never a dot-path like '..'."""
    slug = _UNSAFE.sub("-", text).strip("-.")[:max_length].strip("-.")
    return slug or "article"


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
