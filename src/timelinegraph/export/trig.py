"""TriG export: the Turtle's triples split into one named graph per article plus a build graph.

For a store that keeps per-source provenance: ``DROP GRAPH <article>`` removes what one
article said, ``GRAPH ?article { ... }`` asks which articles say something. The union of
all graphs is exactly the Turtle's triple set, and each triple is in exactly one graph.

Graph names:
- an article's graph is named by the article's own IRI (``id/article/<id>``), so a query
  binds ``?article`` once and reads the headline from the same graph;
- everything else is in ``vocab.BUILD_GRAPH`` (``id/graph/build``).

The split rule, read off the RDF graph alone (first match wins):
1. a mention (a subject with ``tg:article A``): all its triples (text, sentence, offsets,
   extractor, confidence) go to A's graph, and so does the ``?node tg:mention ?mention`` link;
2. the article's own triples (subject A: headline, date, url, authors...) go to A's graph;
3. ``?node prov:wasDerivedFrom A`` goes to A's graph;
4. a quantity (``?node tg:quantity ?q``) goes, with its link, to A's graph when its node is
   derived from A alone (the number was read there); when the node merges several articles
   the model does not record which one gave the number, so it stays in the build graph;
5. everything else is the build's: merged events, actors, relations, their times, the
   merge decisions (which use mentions of several articles) and the event-type scheme.

Written by pyoxigraph, as the Turtle is: the build graph first, then the article graphs by
IRI; inside a graph, subjects and their triples in the order of the sorted N-Triples lines,
each subject's ``rdf:type`` first.

Streamed, in two reads of the triples (the graph stage's file): the first finds the articles
and where each mention and quantity goes (one entry per such node), the second gives each
triple its graph; the lines, keyed by graph, are sorted in bounded runs on disk
(``graph.rdf_sort``) and handed to pyoxigraph as they are merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.namespace import PROV

from ..common.atomic import atomic_open
from ..graph.rdf import rdf_of
from ..graph.rdf_sort import RUN_LINES, sorted_unique
from ..graph.rdf_terms import PREFIXES, NtNamespace, iri
from ..graph.rdf_triples import SortedTriples, chunked, parsed_quads, type_lines_first
from ..models import KnowledgeGraph
from ..vocab import BUILD_GRAPH, SCHEMA, TG

__all__ = ["BUILD_GRAPH", "render_trig", "serialize_trig", "write_trig"]

_TYPE, _ARTICLE = NtNamespace(RDF).type, NtNamespace(SCHEMA).NewsArticle
_TG, _DERIVED = NtNamespace(TG), NtNamespace(PROV).wasDerivedFrom
_BUILD = iri(BUILD_GRAPH)
_RUN_LINES = RUN_LINES  # keyed lines sorted in memory at a time


def _graph_homes(triples: SortedTriples) -> tuple[dict[str, str], set[str]]:
    """The article graph of each node that has one (rules 1, 2 and 4 above: an article, a
    mention, a quantity read in one article), and the articles; N-Triples terms."""
    articles: set[str] = set()
    mentions: dict[str, str] = {}
    quantities: list[tuple[str, str]] = []  # (quantity, the one node its owner is derived from)
    for subject, pairs in triples.groups():
        owned, derived = [], set()
        for predicate, obj in pairs:
            if predicate == _TYPE and obj == _ARTICLE:
                articles.add(subject)
            elif predicate == _TG.article and obj.startswith("<"):
                articles.add(obj)
                mentions[subject] = obj
            elif predicate == _TG.quantity:
                owned.append(obj)
            elif predicate == _DERIVED:
                derived.add(obj)
        if len(derived) == 1:
            quantities += [(quantity, next(iter(derived))) for quantity in owned]
    home = {article: article for article in articles}  # subject -> its article graph
    home.update(mentions)
    for quantity, source in quantities:
        if source in articles:
            home[quantity] = source  # the number was read there
    return home, articles


def _graph_of(
    subject: str, predicate: str, obj: str, home: dict[str, str], articles: set[str]
) -> str:
    if subject in home:
        return home[subject]
    if predicate in (_TG.mention, _TG.quantity) and obj in home:
        return home[obj]
    if predicate == _DERIVED and obj in articles:
        return obj
    return _BUILD


def _keyed_lines(triples: SortedTriples) -> Iterator[str]:
    """Each triple's N-Triples line after its graph's term (``0`` before the build graph's,
    ``1`` before an article's, so that sorting puts the build graph first)."""
    home, articles = _graph_homes(triples)
    for subject, pairs in triples.groups():
        for predicate, obj in pairs:
            graph = _graph_of(subject, predicate, obj, home, articles)
            rank = "0" if graph == _BUILD else "1"
            yield f"{rank}{graph} {subject} {predicate} {obj} .\n"


def _nquads_lines(keyed: Iterable[str]) -> Iterator[str]:
    """N-Quads lines of sorted keyed lines, graph by graph, each subject's ``rdf:type`` first.
    (A graph term holds no space, and a space sorts before any character of a term: sorting
    the keyed lines sorts them by graph, then by line.)"""
    for key, lines in groupby((line.split(" ", 1) for line in keyed), key=itemgetter(0)):
        end = f" {key[1:]} .\n"
        for line in type_lines_first(line for _, line in lines):
            yield line[:-3] + end  # " .\n"


def serialize_trig(triples: SortedTriples, output: IO[bytes] | None = None) -> bytes | None:
    """``triples`` as TriG with our prefixes: returned, or written to ``output``."""
    with sorted_unique(_keyed_lines(triples), triples.scratch, run_lines=_RUN_LINES) as keyed:
        quads = parsed_quads(chunked(_nquads_lines(keyed)), ox.RdfFormat.N_QUADS)
        return ox.serialize(quads, output, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def render_trig(data: KnowledgeGraph | SortedTriples | Graph) -> str:
    """The TriG text of a knowledge graph, of triples or of an rdflib graph."""
    return (serialize_trig(rdf_of(data)) or b"").decode("utf-8")


def write_trig(triples: SortedTriples, path: Path) -> Path:
    """Write TriG (UTF-8, LF) to ``path`` atomically; returns ``path``. The
    triples are the graph stage's (``graph.built``); ``render_trig`` takes a model too."""
    with atomic_open(Path(path), binary=True) as handle:
        serialize_trig(triples, handle)
    return Path(path)
