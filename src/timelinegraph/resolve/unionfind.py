"""A small union-find whose representative is the smallest key: merges never depend on order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Generic, Protocol, TypeVar


class _Key(Protocol):
    """What a key must be: hashable, and ordered (the smallest key of a set represents it)."""

    def __hash__(self) -> int: ...

    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Key)


class UnionFind(Generic[K]):
    def __init__(self, items: Iterable[K] = ()) -> None:
        self._parent: dict[K, K] = {}
        for item in items:
            self.add(item)

    def add(self, item: K) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: K) -> K:
        parent = self._parent[item]
        if parent != item:
            parent = self._parent[item] = self.find(parent)
        return parent

    def union(self, a: K, b: K) -> bool:
        """Join the sets of ``a`` and ``b``; False when they were one set already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        low, high = sorted((ra, rb))
        self._parent[high] = low
        return True

    def groups(self) -> list[list[K]]:
        """Members of each set, each sorted, the sets sorted by their smallest member."""
        by_root: dict[K, list[K]] = defaultdict(list)
        for item in self._parent:
            by_root[self.find(item)].append(item)
        return sorted((sorted(g) for g in by_root.values()), key=lambda g: g[0])
