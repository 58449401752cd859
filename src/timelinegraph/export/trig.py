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
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from ..build.rdf import shared_rdf
from ..errors import ExportError
from ..models import KnowledgeGraph
from ..vocab import BUILD_GRAPH, SCHEMA, TG
from .atomic import write_text_atomic
from .turtle_syntax import format_iri, format_statements, prefix_declarations, usable_prefixes

__all__ = ["BUILD_GRAPH", "render_trig", "split_by_article", "write_trig"]

Triple = tuple[Node, Node, Node]


def split_by_article(graph: Graph) -> dict[URIRef, list[Triple]]:
    """Each triple of ``graph`` under the name of the one graph it belongs to (see above)."""
    articles = set(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    articles.update(o for o in graph.objects(None, TG.article) if isinstance(o, URIRef))
    home: dict[Node, URIRef] = {a: a for a in articles}  # subject -> its article graph
    for mention, article in graph.subject_objects(TG.article):
        if isinstance(article, URIRef):
            home[mention] = article
    for owner, quantity in graph.subject_objects(TG.quantity):
        sources = set(graph.objects(owner, PROV.wasDerivedFrom))
        if len(sources) == 1 and next(iter(sources)) in articles:
            home[quantity] = next(iter(sources))  # type: ignore[assignment]
    graphs: dict[URIRef, list[Triple]] = defaultdict(list)
    for triple in graph:
        graphs[_graph_of(triple, home, articles)].append(triple)
    return dict(graphs)


def _graph_of(triple: Triple, home: dict[Node, URIRef], articles: set[Node]) -> URIRef:
    subject, predicate, obj = triple
    if subject in home:
        return home[subject]
    if predicate in (TG.mention, TG.quantity) and obj in home:
        return home[obj]
    if predicate == PROV.wasDerivedFrom and obj in articles:
        return obj  # type: ignore[return-value]
    return BUILD_GRAPH


def serialize_trig(graph: Graph) -> str:
    """``graph`` as canonical TriG: prefixes, the build graph, then article graphs by IRI."""
    prefixes = usable_prefixes(graph)
    lines = prefix_declarations(prefixes)
    graphs = split_by_article(graph)
    for name in sorted(graphs, key=lambda g: (g != BUILD_GRAPH, str(g))):
        lines.extend(["", f"{format_iri(str(name), {})} {{"])
        for index, statement in enumerate(format_statements(graphs[name], prefixes)):
            physical = "\n".join(statement).split("\n")  # an object list spans lines
            lines.extend(([""] if index else []) + ["    " + line for line in physical])
        lines.append("}")
    return "\n".join(lines) + "\n"


def render_trig(kg_or_graph: KnowledgeGraph | Graph) -> str:
    """The TriG text of a knowledge graph (built with ``build_rdf``) or of an RDF graph."""
    graph = shared_rdf(kg_or_graph) if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph
    return serialize_trig(graph)


def write_trig(kg_or_graph: KnowledgeGraph | Graph, path: Path) -> Path:
    """Write TriG (UTF-8, LF) to ``path`` atomically; returns ``path``."""
    try:
        text = render_trig(kg_or_graph)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from None
    return write_text_atomic(Path(path), text)
