"""A small union-find whose representative is the smallest key: merges never depend on order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


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
        low, high = sorted((ra, rb))  # type: ignore[type-var]
        self._parent[high] = low
        return True

    def groups(self) -> list[list[K]]:
        """Members of each set, each sorted, the sets sorted by their smallest member."""
        by_root: dict[K, list[K]] = defaultdict(list)
        for item in self._parent:
            by_root[self.find(item)].append(item)
        return sorted((sorted(g) for g in by_root.values()), key=lambda g: g[0])  # type: ignore[type-var]
