"""Lists of models kept on disk: the merged graph's events, actors and links at scale.

A build's merged graph is most of its memory (1.45 GB of 2.6 at 10,000 articles), and every
writer reads it item by item. So the join (``resolve.parts.join_parts``) writes those lists
into files as the parts come in, and hands the writers ``StoredList``s: sequences that hold
only where each item is in its file (and its id), and read an item back when it is asked for.

- An item is pickled on its own, in the build's own scratch folder, read back by the same
  build: nothing leaves the build, so pickle's trust model holds and it is the fastest form
  to read back (a ``ResolvedEvent`` in about 75 µs).
- A list is in key order (the id, as ``KnowledgeGraph`` sorts its lists), however the items
  were written; equal keys keep their writing order (a stable sort, as ``sorted`` is).
- ``by_id`` is the ``{item.id: item}`` a writer would build, for a plain list too; for a
  stored list it reads on demand and keeps the last ``RECENT`` items read (a few actors are
  asked for by thousands of events).
- ``item_ids`` and ``indices_by_id`` are what a writer keeps instead of the items (each
  item's id; where the items of an id are), read from a stored list's keys without reading
  an item.
"""

from __future__ import annotations

import os
import pickle
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, overload

__all__ = [
    "RECENT",
    "ListWriter",
    "MemoryList",
    "StoredList",
    "by_id",
    "indices_by_id",
    "item_ids",
    "list_writer",
    "store_list",
    "stored_mapping",
]

RECENT = 512  # items a ``by_id`` mapping of a stored list keeps after reading them


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T")
M = TypeVar("M", bound=_HasId)


class StoredList(Sequence[T]):
    """Items in a file (see the module's docstring), in key order. Read-only; the file is
    the writer's (``ListWriter``) until its folder is removed."""

    __slots__ = ("_keys", "_offsets", "_path", "_sizes")

    def __init__(self, path: Path, keys: list[str], offsets: array, sizes: array) -> None:
        self._path = path
        self._keys = keys
        self._offsets = offsets
        self._sizes = sizes

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("StoredList index out of range")
        with open(self._path, "rb", buffering=0) as handle:
            return self._read(handle.fileno(), index)

    def __iter__(self) -> Iterator[T]:
        with open(self._path, "rb", buffering=0) as handle:
            fd = handle.fileno()
            for index in range(len(self)):
                yield self._read(fd, index)

    def keys(self) -> list[str]:
        """Each item's key, in order (sorted)."""
        return list(self._keys)

    def distinct_keys(self) -> Iterator[str]:
        """Each key once, in order."""
        return (key for key, _ in groupby(self._keys))

    def indices_of(self, key: str) -> range:
        """The positions of the items whose key is ``key`` (none: an empty range)."""
        return range(bisect_left(self._keys, key), bisect_right(self._keys, key))

    def _read(self, fd: int, index: int) -> T:
        item: T = pickle.loads(os.pread(fd, self._sizes[index], self._offsets[index]))
        return item


class _StoredIndices(Mapping[str, range]):
    """key -> the positions of the items of that key in a stored list (found by bisection in
    its sorted keys: nothing more is kept)."""

    def __init__(self, items: StoredList[Any]) -> None:
        self._items = items
        self._length: int | None = None  # counted when first asked (a mapping's truth asks)

    def __getitem__(self, key: str) -> range:
        where = self._items.indices_of(key)
        if not where:
            raise KeyError(key)
        return where

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._items.indices_of(key))

    def __iter__(self) -> Iterator[str]:
        return self._items.distinct_keys()

    def __len__(self) -> int:
        if self._length is None:
            self._length = sum(1 for _ in self._items.distinct_keys())
        return self._length


class _StoredById(Mapping[str, T]):
    """``{item.id: item}`` of a stored list, read on demand (the last item of an id, as the
    dict would hold), keeping the ``RECENT`` items last read."""

    def __init__(self, items: StoredList[T]) -> None:
        self._items = items
        self._where = _StoredIndices(items)
        self._read = lru_cache(maxsize=RECENT)(self._last_of)  # a missing id is not kept

    def __getitem__(self, key: str) -> T:
        return self._read(key)

    def _last_of(self, key: str) -> T:
        return self._items[self._where[key][-1]]

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def stored_mapping(mapping: Mapping[str, T], path: Path) -> Mapping[str, T]:
    """``mapping`` written to ``path`` and read back on demand (as ``by_id`` reads a stored
    list): what a build keeps on disk rather than in memory until it is asked for."""
    return _StoredById(_written(mapping.items(), path))


def by_id(items: Sequence[M]) -> Mapping[str, M]:
    """``{item.id: item for item in items}``; read on demand when ``items`` is stored (its
    keys being the ids, as the join writes them)."""
    if isinstance(items, StoredList):
        return _StoredById(items)
    return {item.id: item for item in items}


def item_ids(items: Sequence[M]) -> list[str]:
    """Each item's id, in order; a stored list's keys (no item read)."""
    if isinstance(items, StoredList):
        return items.keys()
    return [item.id for item in items]


def indices_by_id(items: Sequence[M]) -> Mapping[str, Sequence[int]]:
    """id -> the positions of the items of that id, in order: what a writer can keep instead
    of ``by_id``'s items, to read them when it needs them (the last one is ``by_id``'s).
    Nothing is kept for a stored list: its sorted keys are searched."""
    if isinstance(items, StoredList):
        return _StoredIndices(items)
    found: dict[str, list[int]] = {}
    for index, item_id in enumerate(item_ids(items)):
        found.setdefault(item_id, []).append(index)
    return found


class ListWriter(Generic[T]):
    """Writes a ``StoredList``: ``add`` items with their keys in any order, ``finish`` once."""

    def __init__(self, path: Path) -> None:
        self._path = path
        # closed by finish: the file is written across calls
        self._file = open(path, "wb")  # noqa: SIM115
        self._entries: list[tuple[str, int, int]] = []  # (key, offset, size) in writing order
        self._offset = 0

    def add(self, item: T, key: str) -> None:
        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        self._entries.append((key, self._offset, len(data)))
        self._offset += len(data)

    def finish(self) -> StoredList[T]:
        """The list, in key order (stable); nothing more can be added."""
        self._file.close()
        self._entries.sort(key=lambda entry: entry[0])
        keys = [key for key, _, _ in self._entries]
        offsets = array("q", (offset for _, offset, _ in self._entries))
        sizes = array("q", (size for _, _, size in self._entries))
        self._entries = []
        return StoredList(self._path, keys, offsets, sizes)


class MemoryList(Generic[T]):
    """``ListWriter``'s interface over a plain list, for a graph held in memory."""

    def __init__(self) -> None:
        self._entries: list[tuple[str, T]] = []

    def add(self, item: T, key: str) -> None:
        self._entries.append((key, item))

    def finish(self) -> list[T]:
        """The items in key order (stable)."""
        self._entries.sort(key=itemgetter(0))
        items = [item for _, item in self._entries]
        self._entries = []
        return items


def list_writer(folder: Path | None, name: str) -> ListWriter[Any] | MemoryList[Any]:
    """A writer of the list ``name``: into a file in ``folder``, or in memory (None)."""
    return MemoryList() if folder is None else ListWriter(folder / f"{name}.pickles")


def store_list(items: Iterable[Any], path: Path, key: str = "id") -> StoredList[Any]:
    """``items`` written to ``path`` as a ``StoredList`` keyed by their ``key`` attribute."""
    return _written(((getattr(item, key), item) for item in items), path)


def _written(entries: Iterable[tuple[str, T]], path: Path) -> StoredList[T]:
    """``(key, item)`` pairs written to ``path`` as a ``StoredList``."""
    writer: ListWriter[T] = ListWriter(path)
    for key, item in entries:
        writer.add(item, key)
    return writer.finish()
