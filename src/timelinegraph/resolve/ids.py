"""Stable global ids: readable slugs, a content hash only where two would collide."""

from __future__ import annotations

import hashlib
import re

_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, max_length: int = 60) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", plain.lower()).strip("-")[:max_length].strip("-") or "x"


def digest(*parts: object, length: int = 12) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


def unique_ids(wanted: list[tuple[str, str]]) -> dict[str, str]:
    """(cluster key, wanted id) pairs -> cluster key: final id, suffixing a hash on clashes."""
    counts: dict[str, int] = {}
    for _, wanted_id in wanted:
        counts[wanted_id] = counts.get(wanted_id, 0) + 1
    return {
        key: wanted_id if counts[wanted_id] == 1 else f"{wanted_id}-{digest(key, length=6)}"
        for key, wanted_id in wanted
    }
