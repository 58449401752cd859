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
IRI; inside a graph, subjects sorted, each subject's ``rdf:type`` first.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.namespace import PROV

from ..common.atomic import atomic_open
from ..graph.rdf import rdf_of
from ..graph.rdf_terms import PREFIXES, NtNamespace, iri
from ..graph.rdf_triples import Triples
from ..models import KnowledgeGraph
from ..vocab import BUILD_GRAPH, SCHEMA, TG

__all__ = ["BUILD_GRAPH", "render_trig", "split_by_article", "write_trig"]

_TYPE, _ARTICLE = NtNamespace(RDF).type, NtNamespace(SCHEMA).NewsArticle
_TG, _DERIVED = NtNamespace(TG), NtNamespace(PROV).wasDerivedFrom
_BUILD = iri(BUILD_GRAPH)


def split_by_article(triples: Triples) -> dict[str, Triples]:
    """The triples of each graph (see above), by the graph name's N-Triples term."""
    articles: set[str] = set()
    mentions: list[tuple[str, str]] = []
    quantities: list[tuple[str, str]] = []
    sources: dict[str, set[str]] = {}
    for subject, pairs in triples.by_subject():
        for predicate, obj in pairs:
            if predicate == _TYPE and obj == _ARTICLE:
                articles.add(subject)
            elif predicate == _TG.article and obj.startswith("<"):
                articles.add(obj)
                mentions.append((subject, obj))
            elif predicate == _TG.quantity:
                quantities.append((subject, obj))
            elif predicate == _DERIVED:
                sources.setdefault(subject, set()).add(obj)
    home = {article: article for article in articles}  # subject -> its article graph
    home.update(mentions)
    for owner, quantity in quantities:
        derived = sources.get(owner, set())
        if len(derived) == 1 and next(iter(derived)) in articles:
            home[quantity] = next(iter(derived))  # the number was read there
    graphs: dict[str, Triples] = {}
    for subject, pairs in triples.by_subject():
        for predicate, obj in pairs:
            name = _graph_of(subject, predicate, obj, home, articles)
            if name not in graphs:
                graphs[name] = Triples()
            graphs[name].add(subject, predicate, obj)
    return graphs


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


def _nquads_chunks(graphs: dict[str, Triples]) -> Iterator[str]:
    """N-Quads text: the build graph first, then the article graphs, sorted by name."""
    for name in sorted(graphs, key=lambda g: (g != _BUILD, g)):
        yield from graphs[name].ntriples_chunks(graph=name)


def serialize_trig(triples: Triples, output: IO[bytes] | None = None) -> bytes | None:
    """``triples`` as TriG with our prefixes: returned, or written to ``output``."""
    chunks = _nquads_chunks(split_by_article(triples))
    quads = chain.from_iterable(  # lenient: the terms were checked when they were made
        ox.parse(c, format=ox.RdfFormat.N_QUADS, lenient=True) for c in chunks
    )
    return ox.serialize(quads, output, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def render_trig(data: KnowledgeGraph | Triples | Graph) -> str:
    """The TriG text of a knowledge graph, of triples or of an rdflib graph."""
    return (serialize_trig(rdf_of(data)) or b"").decode("utf-8")


def write_trig(triples: Triples, path: Path) -> Path:
    """Write TriG (UTF-8, LF) to ``path`` atomically; returns ``path``. The
    triples are the graph stage's (``graph.built``); ``render_trig`` takes a model too."""
    with atomic_open(Path(path), binary=True) as handle:
        serialize_trig(triples, handle)
    return Path(path)
