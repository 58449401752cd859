"""Rows made once and read twice. GraphML's keys and GEXF's attribute types come before the
elements and depend on every row, so those writers read the network twice: a first pass for
the header, a second for the elements. Each row is kept, pickled, in a temporary file as the
first pass makes it, and read back for the second instead of being made again from the model
(whose events a build reads back from disk, ``stored``)."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Generic, TypeVar

__all__ = ["Replay"]

T = TypeVar("T")


class Replay(Generic[T]):
    """``record`` rows as they go by, then ``replay`` them in the same order (as often as
    asked). A context manager: the file goes on leaving."""

    def __init__(self, folder: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self._count = 0

    def record(self, rows: Iterable[T]) -> Iterator[T]:
        """``rows``, each kept as it is read (read them all before ``replay``)."""
        for row in rows:
            pickle.dump(row, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._count += 1
            yield row

    def replay(self) -> Iterator[T]:
        self._file.seek(0)
        for _ in range(self._count):
            yield pickle.load(self._file)

    def __enter__(self) -> Replay[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._file.close()
