"""``Triples``: an RDF graph as N-Triples term strings grouped by subject, lean enough for
10,000 articles.

An rdflib ``Graph`` keeps three nested-dict indexes of term objects, over 1 KB a triple. Here
each subject holds a list of ``(predicate, object)`` string pairs, and each distinct string is
kept once (a sentence quoted by many mentions, an IRI used in many triples): about 70 bytes a
triple plus the text. The writers need no index, only two orders:

- ``by_subject``: subjects sorted by IRI, each subject's triples in the order the builder
  added them (``rdf:type`` first, then the node's own facts): what the Turtle and TriG writers
  feed pyoxigraph, which writes one statement per subject;
- ``sorted_triples``: fully sorted, which is also the sorted order of the N-Triples lines
  (no term string holds a character below the space that ends a term).

A full sort of a million triples costs seconds in Python; sorting the subjects (a tenth as
many) and keeping each subject's order costs a small fraction of that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

import pyoxigraph as ox

__all__ = ["Triple", "Triples"]

Triple = tuple[str, str, str]
Pairs = list[tuple[str, str]]

_CHUNK = 20_000  # triples per N-Triples chunk handed to pyoxigraph (bounded memory)


def _iri_order(term: str) -> str:
    return term[:-1] if term.endswith(">") else term


class Triples:
    """A set of triples of N-Triples terms (``<iri>``, ``"text"``, ``"1"^^<...#integer>``).

    The terms must already be valid and escaped (``rdf_terms`` makes them so): nothing here
    checks them again. The same model always adds the same triples in the same order, so every
    order given here is deterministic."""

    __slots__ = ("_length", "_sorted_subjects", "_strings", "_subjects")

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._subjects: dict[str, Pairs] = {}
        self._strings: dict[str, str] = {}
        self._sorted_subjects: list[str] | None = None
        self._length: int | None = 0
        for triple in triples:
            self.add(*triple)

    def add(self, subject: str, predicate: str, obj: str) -> None:
        strings = self._strings
        pairs = self._subjects.get(subject)
        if pairs is None:
            pairs = self._subjects[strings.setdefault(subject, subject)] = []
            self._sorted_subjects = None
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
        for subject, pairs in self.by_subject():
            for predicate, obj in pairs:
                yield subject, predicate, obj

    def subjects(self) -> list[str]:
        """The subjects, sorted by IRI (a node before the nodes under it: ``.../e1`` before
        ``.../e1/mention/...``, where N-Triples' ``>`` would sort it after)."""
        if self._sorted_subjects is None:
            self._sorted_subjects = sorted(self._subjects, key=_iri_order)
        return self._sorted_subjects

    def by_subject(self, *, sort: bool = False) -> Iterator[tuple[str, Pairs]]:
        """Each subject (sorted by IRI) with its ``(predicate, object)`` pairs in the order
        added; with ``sort``, subjects and pairs in code point order instead (N-Triples')."""
        self._dedupe()
        subjects = self._subjects
        if sort:
            for subject in sorted(subjects):
                yield subject, sorted(subjects[subject])
        else:
            for subject in self.subjects():
                yield subject, subjects[subject]

    def pairs(self, subject: str) -> Pairs:
        """The ``(predicate, object)`` pairs of ``subject`` (none if it is not a subject)."""
        self._dedupe()
        return self._subjects.get(subject, [])

    def sorted_triples(self) -> Iterator[Triple]:
        """Every triple, in the order of the sorted N-Triples lines."""
        for subject, pairs in self.by_subject(sort=True):
            for predicate, obj in pairs:
                yield subject, predicate, obj

    def ntriples(self) -> str:
        """The triples as N-Triples, one sorted line each (empty text for no triples)."""
        return "".join(self.ntriples_chunks(sort=True))

    def ntriples_chunks(self, *, sort: bool = False, graph: str | None = None) -> Iterator[str]:
        """N-Triples text in ``by_subject`` order (``sort``: lines sorted), a few thousand
        lines at a time; with ``graph`` (a term), N-Quads lines in that named graph."""
        end = f" {graph} .\n" if graph else " .\n"
        lines: list[str] = []
        for subject, pairs in self.by_subject(sort=sort):
            lines += [f"{subject} {p} {o}{end}" for p, o in pairs]
            if len(lines) >= _CHUNK:
                yield "".join(lines)
                lines = []
        if lines:
            yield "".join(lines)

    def oxigraph_quads(self) -> Iterator[ox.Quad]:
        """The triples in ``by_subject`` order as pyoxigraph quads of the default graph, parsed
        in Rust from N-Triples a chunk at a time (leniently: the terms were checked when they
        were made, and checking them again would double the parse time)."""
        return chain.from_iterable(
            ox.parse(c, format=ox.RdfFormat.N_TRIPLES, lenient=True) for c in self.ntriples_chunks()
        )
