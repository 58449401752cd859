"""``batched``: items in lists of a fixed size, so a writer holds one list at a time (Python
3.12's ``itertools.batched``, which 3.11 lacks)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["batched"]

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in order, in lists of ``size`` (the last one shorter; none for no items)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
