"""Literal and node helpers shared by the RDF builder: valid lexical forms, no blank nodes.

Every typed literal is checked against its XSD lexical space when it is made (``typed``).
An invalid one is refused with ``ExportError`` rather than written as a plain string: typed
values are computed from dates and numbers, never copied from article text, so an invalid
one is a bug to see, and a silent downgrade would break the SHACL shapes' datatypes anyway.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, TIME

from ..errors import ExportError
from ..models import MergeStep, Source
from ..vocab import SCHEMA, SEM, TG, TG_NS, article_iri, sub_iri
from .rdf_lexical import iri_problem, lexical_problem

PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "skos": str(SKOS),
    "tg": TG_NS,
    "time": str(TIME),
    "xsd": str(XSD),
}


def new_graph() -> Graph:
    """An empty graph with exactly our prefixes (rdflib's defaults would add dozens)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def text(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return typed(str(int(value)), "integer")


def typed(lexical: str, xsd_name: str) -> Literal:
    """A literal of ``xsd:<xsd_name>``; an invalid lexical form raises ``ExportError``."""
    problem = lexical_problem(lexical, str(XSD[xsd_name]))
    if problem is not None:
        raise ExportError(f"cannot build RDF: {lexical!r} as xsd:{xsd_name}: {problem}")
    return Literal(lexical, datatype=XSD[xsd_name])


def day(value: date) -> Literal:
    return typed(value.isoformat(), "date")


def decimal(value: float) -> Literal | None:
    """``value`` as an xsd:decimal in plain notation (never 1E+3); None for NaN/inf."""
    if not math.isfinite(value):
        return None
    lexical = format(Decimal(repr(float(value))), "f")
    if "." in lexical:
        lexical = lexical.rstrip("0").rstrip(".")
    return typed(f"{lexical}.0" if "." not in lexical else lexical, "decimal")


def url(value: str) -> URIRef | Literal:
    """An IRI when ``value`` is a valid absolute IRI (RFC 3987, Turtle's IRIREF), else a
    plain string: an article's URL is input, so a bad one is kept as text, not refused.
    A URL whose scheme is one of our prefixes ("schema:x") is text too: JSON-LD, whose
    context declares those prefixes, would read it as a prefixed name."""
    scheme, _, rest = value.partition(":")
    if scheme in PREFIXES and not rest.startswith("//"):
        return Literal(value)
    return URIRef(value) if iri_problem(value) is None else Literal(value)


def add_mentions(graph: Graph, owner: URIRef, sources: list[Source]) -> dict[str, URIRef]:
    """One ``tg:Mention`` per source, keyed by article and span so IRIs survive re-runs.
    Returns each mention's IRI by 'article-id#local-id'."""
    seen: set[URIRef] = set()
    iris: dict[str, URIRef] = {}
    for source in sources:
        prov = source.provenance
        node = sub_iri(owner, "mention", prov.article_id, f"{prov.start}-{prov.end}")
        suffix = 2
        while node in seen:  # the same span twice (two extractors): keep both
            node = sub_iri(owner, "mention", prov.article_id, f"{prov.start}-{prov.end}-{suffix}")
            suffix += 1
        seen.add(node)
        iris.setdefault(f"{prov.article_id}#{source.local_id}", node)
        graph.add((owner, TG.mention, node))
        graph.add((node, RDF.type, TG.Mention))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, TG.article, article_iri(prov.article_id)))
        graph.add((node, TG.localId, text(source.local_id)))
        graph.add((node, TG.mentionText, text(source.text)))
        graph.add((node, TG.sentenceIndex, integer(prov.sentence_index)))
        graph.add((node, TG.startOffset, integer(prov.start)))
        graph.add((node, TG.endOffset, integer(prov.end)))
        graph.add((node, TG.sentenceText, text(prov.sentence)))
        graph.add((node, TG.extractor, text(prov.extractor)))
        graph.add((node, TG.extractorVersion, text(prov.version)))
        confidence = decimal(prov.confidence)
        if confidence is not None:
            graph.add((node, TG.confidence, confidence))
    return iris


def add_merges(
    graph: Graph, owner: URIRef, merges: list[MergeStep], mentions: dict[str, URIRef]
) -> None:
    """Each merge decision as a PROV activity that generated the node and used both mentions."""
    for number, step in enumerate(merges, start=1):
        node = sub_iri(owner, "merge", str(number))
        graph.add((owner, PROV.wasGeneratedBy, node))
        graph.add((node, RDF.type, TG.Merge))
        graph.add((node, RDF.type, PROV.Activity))
        graph.add((node, TG.mergeRule, text(step.rule)))
        graph.add((node, TG.mergeEvidence, text(step.evidence)))
        for prop, ref in ((TG.mergedMention, step.mention), (TG.matchedMention, step.into)):
            if ref in mentions:
                graph.add((node, prop, mentions[ref]))
                graph.add((node, PROV.used, mentions[ref]))


def add_derivation(graph: Graph, node: URIRef, sources: list[Source]) -> None:
    for article_id in sorted({s.provenance.article_id for s in sources}):
        graph.add((node, PROV.wasDerivedFrom, article_iri(article_id)))
