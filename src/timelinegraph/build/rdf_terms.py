"""Literal and node helpers shared by the RDF builder: valid lexical forms, no blank nodes."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, TIME

from ..models import Source
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


def add_mentions(graph: Graph, owner: URIRef, sources: list[Source]) -> None:
    """One ``tg:Mention`` per source, keyed by article and span so IRIs survive re-runs."""
    seen: set[URIRef] = set()
    for source in sources:
        prov = source.provenance
        node = sub_iri(owner, "mention", prov.article_id, f"{prov.start}-{prov.end}")
        suffix = 2
        while node in seen:  # the same span twice (two extractors): keep both
            node = sub_iri(owner, "mention", prov.article_id, f"{prov.start}-{prov.end}-{suffix}")
            suffix += 1
        seen.add(node)
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


def add_derivation(graph: Graph, node: URIRef, sources: list[Source]) -> None:
    for article_id in sorted({s.provenance.article_id for s in sources}):
        graph.add((node, PROV.wasDerivedFrom, article_iri(article_id)))
