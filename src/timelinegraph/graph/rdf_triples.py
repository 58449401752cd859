"""Triples as N-Triples term strings, read subject by subject in the order of their sorted lines.

Every RDF writer (Turtle, N-Triples, TriG, JSON-LD) and the QA report's SHACL check read a
``SortedTriples``: each subject with its ``(predicate, object)`` pairs, subjects and pairs in
code point order, which is also the order of the sorted N-Triples lines (no term string holds
a character below the space that ends a term, and a subject's lines are contiguous: each
starts with its term and a space). There are two kinds:

- ``Triples``, here: in memory, grouped by subject, lean enough for tests, notebooks and
  ``rdf_pieces`` (a few hundred nodes at a time). An rdflib ``Graph`` keeps three nested-dict
  indexes of term objects, over 1 KB a triple; here each subject holds a list of string pairs
  and each distinct string is kept once: about 70 bytes a triple plus the text.
- ``rdf_file.TriplesFile``: a sorted N-Triples file on disk, a build's (``graph.built``),
  read again by each writer, so the whole graph's triples are never in memory at once.

Turtle and TriG print a subject's ``rdf:type`` first (as ``a``): ``type_lines_first`` moves
those lines to the front of one subject's, which is all the reordering a writer does.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from ..common.batches import batched

__all__ = [
    "Pairs",
    "SortedTriples",
    "Triple",
    "Triples",
    "chunked",
    "parsed_quads",
    "type_lines_first",
]

Triple = tuple[str, str, str]
Pairs = list[tuple[str, str]]

_CHUNK = 20_000  # lines per N-Triples chunk handed to pyoxigraph (bounded memory)
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def type_lines_first(lines: Iterable[str]) -> Iterator[str]:
    """Sorted N-Triples lines with each subject's ``rdf:type`` lines moved before its others,
    each part in its order (a subject's lines are contiguous: each starts with its term and a
    space). Only one subject's lines are held at a time."""
    subject, held = "\n", list[str]()  # no line starts with a newline
    for line in lines:
        if not line.startswith(subject):
            yield from held
            held, subject = [], line[: line.index(" ") + 1]
        if line.startswith(_TYPE, len(subject)):
            yield line
        else:
            held.append(line)
    yield from held


def chunked(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` joined a few thousand at a time."""
    return ("".join(batch) for batch in batched(lines, _CHUNK))


def parsed_quads(chunks: Iterable[str], fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    """The quads of N-Triples or N-Quads text chunks, parsed in Rust (leniently: the terms were
    checked when they were made, and checking them again would double the parse time)."""
    return chain.from_iterable(ox.parse(chunk, format=fmt, lenient=True) for chunk in chunks)


class SortedTriples(ABC):
    """Triples read subject by subject in sorted N-Triples order (see the module's docstring).

    The terms must already be valid and escaped (``rdf_terms`` makes them so): nothing here
    checks them again. Every order given here is deterministic."""

    __slots__ = ()

    @abstractmethod
    def groups(self) -> Iterator[tuple[str, Pairs]]:
        """Each subject with its ``(predicate, object)`` pairs, subjects and pairs in code
        point order (the sorted N-Triples lines'), each triple once."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of distinct triples."""

    @property
    def scratch(self) -> Path | None:
        """A folder where a reader may spill temporary files (None: the system's temp folder)."""
        return None

    def lines(self) -> Iterator[str]:
        """The sorted N-Triples lines, each ending in a newline."""
        for subject, pairs in self.groups():
            for predicate, obj in pairs:
                yield f"{subject} {predicate} {obj} .\n"

    def ntriples(self) -> str:
        """The triples as N-Triples, one sorted line each (empty text for no triples)."""
        return "".join(self.ntriples_chunks())

    def ntriples_chunks(self, *, type_first: bool = False) -> Iterator[str]:
        """N-Triples text of whole lines, a few thousand at a time: sorted, or with
        ``type_first`` each subject's ``rdf:type`` lines first (``type_lines_first``)."""
        return chunked(type_lines_first(self.lines()) if type_first else self.lines())

    def oxigraph_quads(self, *, type_first: bool = False) -> Iterator[ox.Quad]:
        """The triples in ``ntriples_chunks`` order as pyoxigraph quads of the default graph."""
        return parsed_quads(self.ntriples_chunks(type_first=type_first), ox.RdfFormat.N_TRIPLES)


class Triples(SortedTriples):
    """A set of triples of N-Triples terms (``<iri>``, ``"text"``, ``"1"^^<...#integer>``),
    in memory, grouped by subject; iterating gives them in the order added, ``groups`` sorted."""

    __slots__ = ("_length", "_strings", "_subjects")

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._subjects: dict[str, Pairs] = {}
        self._strings: dict[str, str] = {}
        self._length: int | None = 0
        for triple in triples:
            self.add(*triple)

    def add(self, subject: str, predicate: str, obj: str) -> None:
        strings = self._strings
        pairs = self._subjects.get(subject)
        if pairs is None:
            pairs = self._subjects[strings.setdefault(subject, subject)] = []
        pairs.append((strings.setdefault(predicate, predicate), strings.setdefault(obj, obj)))
        self._length = None  # a duplicate is dropped later, all at once (_dedupe)

    def _dedupe(self) -> None:
        if self._length is not None:
            return
        length = 0
        for subject, pairs in self._subjects.items():
            unique = list(dict.fromkeys(pairs))
            if len(unique) != len(pairs):
                self._subjects[subject] = unique
            length += len(unique)
        self._length = length

    def __len__(self) -> int:
        self._dedupe()
        return self._length or 0

    def __contains__(self, triple: object) -> bool:
        if not isinstance(triple, tuple) or len(triple) != 3:
            return False
        return (triple[1], triple[2]) in self._subjects.get(triple[0], ())

    def __iter__(self) -> Iterator[Triple]:
        """Every triple once, subject by subject in the order added (no sorting)."""
        self._dedupe()
        for subject, pairs in self._subjects.items():
            for predicate, obj in pairs:
                yield subject, predicate, obj

    def groups(self) -> Iterator[tuple[str, Pairs]]:
        self._dedupe()
        subjects = self._subjects
        for subject in sorted(subjects):
            yield subject, sorted(subjects[subject])
