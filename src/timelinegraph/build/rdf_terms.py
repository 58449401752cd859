"""Literal and node helpers shared by the RDF builder: valid lexical forms, no blank nodes."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, TIME

from ..models import MergeStep, Source
from ..vocab import SCHEMA, SEM, TG, TG_NS, article_iri, sub_iri

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

# An absolute IRI with none of the characters Turtle's IRIREF forbids.
_ABSOLUTE_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+$')


def new_graph() -> Graph:
    """An empty graph with exactly our prefixes (rdflib's defaults would add dozens)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def text(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def typed(lexical: str, xsd_name: str) -> Literal:
    return Literal(lexical, datatype=XSD[xsd_name])


def day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def decimal(value: float) -> Literal | None:
    """``value`` as an xsd:decimal in plain notation (never 1E+3); None for NaN/inf."""
    if not math.isfinite(value):
        return None
    lexical = format(Decimal(repr(float(value))), "f")
    if "." in lexical:
        lexical = lexical.rstrip("0").rstrip(".")
    return Literal(f"{lexical}.0" if "." not in lexical else lexical, datatype=XSD.decimal)


def url(value: str) -> URIRef | Literal:
    """An IRI when ``value`` is an absolute IRI Turtle can carry, else a plain string."""
    return URIRef(value) if _ABSOLUTE_IRI.match(value) else Literal(value)


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
