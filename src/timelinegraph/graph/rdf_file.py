"""A build's RDF on disk: one sorted, duplicate-free N-Triples file, and ``TriplesFile`` to read it.

``write_triples_file`` makes the model's triples a few hundred nodes at a time
(``rdf.rdf_pieces``), sorts their lines in bounded runs spilled to disk and merges them into
the file (``rdf_sort``): the bytes of ``build_rdf(kg).ntriples()``, with the whole graph's
triples never in memory at once. The file is the N-Triples export as it stands.

``TriplesFile`` reads it again for each writer, line by line or subject by subject (a
subject's lines are contiguous): in memory one subject's pairs, or one chunk of text, at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..models import KnowledgeGraph
from .rdf import rdf_pieces
from .rdf_sort import RUN_LINES, sorted_unique
from .rdf_triples import Pairs, SortedTriples

__all__ = ["TriplesFile", "write_triples_file"]

_BLOCK = 1 << 20  # characters of the file read at a time (then to the end of a line)


class TriplesFile(SortedTriples):
    """The triples of a sorted, duplicate-free N-Triples file (``write_triples_file`` makes
    one), read from disk every time they are asked for. The file must not change."""

    __slots__ = ("_length", "path")

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._length: int | None = None

    def __len__(self) -> int:
        if self._length is None:  # counted when first asked: a build's writers never ask
            with self._open() as lines:
                self._length = sum(1 for _ in lines)
        return self._length

    @property
    def scratch(self) -> Path:
        return self.path.parent

    def groups(self) -> Iterator[tuple[str, Pairs]]:
        with self._open() as lines:
            yield from _groups_of(lines)

    def lines(self) -> Iterator[str]:
        with self._open() as lines:
            yield from lines

    def ntriples_chunks(self, *, type_first: bool = False) -> Iterator[str]:
        if type_first:
            yield from super().ntriples_chunks(type_first=True)
            return
        with self._open() as text:  # already the sorted lines: read as they are
            while block := text.read(_BLOCK):
                yield block + text.readline()  # whole lines: each chunk parses alone

    def _open(self) -> TextIO:
        # lines end at "\n" only: no string in the file holds a raw line break (rdf_terms)
        return self.path.open(encoding="utf-8", newline="\n")


def _groups_of(lines: Iterable[str]) -> Iterator[tuple[str, Pairs]]:
    """Each subject of sorted N-Triples lines with its ``(predicate, object)`` pairs, in the
    lines' order (a subject's lines are contiguous: each starts with its term and a space)."""
    subject: str | None = None
    pairs: Pairs = []
    for line in lines:
        term, predicate, rest = line.split(" ", 2)  # neither an IRI nor a blank node has a space
        if term != subject:
            if subject is not None:
                yield subject, pairs
            subject, pairs = term, []
        pairs.append((predicate, rest[:-3]))  # " .\n"
    if subject is not None:
        yield subject, pairs


def write_triples_file(
    kg: KnowledgeGraph, path: Path, *, run_lines: int = RUN_LINES, nodes: int = 500
) -> TriplesFile:
    """Write ``kg``'s triples to ``path`` as sorted, duplicate-free N-Triples (see the module's
    docstring), in memory at most about ``run_lines`` lines and the triples of ``nodes`` model
    nodes; the runs go beside ``path`` while it is written."""
    path = Path(path)
    with (
        sorted_unique(_lines(kg, nodes), path.parent, run_lines=run_lines) as lines,
        path.open("w", encoding="utf-8", newline="\n") as out,
    ):
        out.writelines(lines)
    return TriplesFile(path)


def _lines(kg: KnowledgeGraph, nodes: int) -> Iterator[str]:
    for piece in rdf_pieces(kg, nodes):
        for subject, predicate, obj in piece:
            yield f"{subject} {predicate} {obj} .\n"
