"""``text_chunks``: a document's parts joined into pieces of about ``CHUNK_CHARS`` characters,
so a writer can hand a file out as it is made instead of holding the whole text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["CHUNK_CHARS", "text_chunks"]

# 256K characters: up to 1 MB held (one emoji in a chunk makes Python store every character
# of the joined string in 4 bytes, so larger chunks cost more than they look)
CHUNK_CHARS = 1 << 18


def text_chunks(parts: Iterable[str], size: int | None = None) -> Iterator[str]:
    """``parts`` joined, in pieces of at least ``size`` (default ``CHUNK_CHARS``) characters,
    the last one shorter, possibly empty: the pieces joined are ``"".join(parts)``."""
    size = size or CHUNK_CHARS
    batch: list[str] = []
    length = 0
    for part in parts:
        batch.append(part)
        length += len(part)
        if length >= size:
            yield "".join(batch)
            batch.clear()
            length = 0
    yield "".join(batch)
