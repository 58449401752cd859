"""Provenance triples shared by actors, events and relations: mentions, merges, derivation."""

from __future__ import annotations

from rdflib import RDF
from rdflib.namespace import PROV

from ..models import MergeStep, Source
from ..vocab import TG, article_iri, sub_iri
from .rdf_terms import NtNamespace, decimal, integer, iri, text
from .rdf_triples import Triples

__all__ = ["add_derivation", "add_mentions", "add_merges"]

_RDF, _PROV, _TG = NtNamespace(RDF), NtNamespace(PROV), NtNamespace(TG)


def add_mentions(triples: Triples, owner: str, sources: list[Source]) -> dict[str, str]:
    """One ``tg:Mention`` per source, keyed by article and span so IRIs survive re-runs.
    ``owner`` is a bare IRI. Returns each mention's term by 'article-id#local-id'."""
    seen: set[str] = set()
    terms: dict[str, str] = {}
    subject = iri(owner)
    for source in sources:
        prov = source.provenance
        mention = sub_iri(owner, "mention", prov.article_id, f"{prov.start}-{prov.end}")
        suffix = 2
        while mention in seen:  # the same span twice (two extractors): keep both
            span = f"{prov.start}-{prov.end}-{suffix}"
            mention = sub_iri(owner, "mention", prov.article_id, span)
            suffix += 1
        seen.add(mention)
        node = iri(mention)
        terms.setdefault(f"{prov.article_id}#{source.local_id}", node)
        add = triples.add
        add(subject, _TG.mention, node)
        add(node, _RDF.type, _TG.Mention)
        add(node, _RDF.type, _PROV.Entity)
        add(node, _TG.article, iri(article_iri(prov.article_id)))
        add(node, _TG.localId, text(source.local_id))
        add(node, _TG.mentionText, text(source.text))
        add(node, _TG.sentenceIndex, integer(prov.sentence_index))
        add(node, _TG.startOffset, integer(prov.start))
        add(node, _TG.endOffset, integer(prov.end))
        add(node, _TG.sentenceText, text(prov.sentence))
        add(node, _TG.extractor, text(prov.extractor))
        add(node, _TG.extractorVersion, text(prov.version))
        confidence = decimal(prov.confidence)
        if confidence is not None:
            add(node, _TG.confidence, confidence)
    return terms


def add_merges(
    triples: Triples, owner: str, merges: list[MergeStep], mentions: dict[str, str]
) -> None:
    """Each merge decision as a PROV activity that generated the node and used both mentions."""
    subject = iri(owner)
    for number, step in enumerate(merges, start=1):
        node = iri(sub_iri(owner, "merge", str(number)))
        triples.add(subject, _PROV.wasGeneratedBy, node)
        triples.add(node, _RDF.type, _TG.Merge)
        triples.add(node, _RDF.type, _PROV.Activity)
        triples.add(node, _TG.mergeRule, text(step.rule))
        triples.add(node, _TG.mergeEvidence, text(step.evidence))
        for prop, ref in ((_TG.mergedMention, step.mention), (_TG.matchedMention, step.into)):
            if ref in mentions:
                triples.add(node, prop, mentions[ref])
                triples.add(node, _PROV.used, mentions[ref])


def add_derivation(triples: Triples, node: str, sources: list[Source]) -> None:
    """``node`` (a term) ``prov:wasDerivedFrom`` each article its sources come from."""
    for article_id in sorted({s.provenance.article_id for s in sources}):
        triples.add(node, _PROV.wasDerivedFrom, iri(article_iri(article_id)))
