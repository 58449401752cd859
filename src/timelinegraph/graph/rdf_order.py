"""Order in RDF: each event's sortable bounds, and the temporal links between events.

- ``tg:earliest`` / ``tg:latest`` (``xsd:date``): the first and last day the event can have
  begun on, its own time narrowed by the links (resolve/order.py); present whenever the bound
  is known, so ``ORDER BY COALESCE(?earliest, ?latest)`` sorts every event that has either.
- Between events, OWL-Time on their intervals (``<event>/time``, ``time:hasTime``): BEFORE is
  ``time:before``, A INCLUDES B is ``B time:intervalIn A`` (inside A, touching its ends
  allowed, as TimeML means), SIMULTANEOUS ``time:intervalEquals``.
- Each link is also a ``tg:TemporalLink`` node with its relation, rule, confidence, the
  articles it comes from and one ``tg:Mention`` per statement (sentence and offsets).
  Links to time expressions and the publication date are not written as nodes: the bounds
  say what they imply.
"""

from __future__ import annotations

from rdflib import RDF
from rdflib.namespace import DCTERMS, TIME

from ..models import ResolvedEvent, ResolvedLink, Source, TemporalRelation
from ..vocab import TG, event_iri, link_iri, sub_iri
from .rdf_provenance import add_derivation, add_mentions
from .rdf_terms import NtNamespace, day, decimal, iri, text
from .rdf_triples import Triples
from .timespan import event_bounds

__all__ = ["add_bounds", "add_link", "interval_of"]

_RDF, _DCTERMS, _TIME, _TG = (
    NtNamespace(RDF),
    NtNamespace(DCTERMS),
    NtNamespace(TIME),
    NtNamespace(TG),
)


def interval_of(event_id: str) -> str:
    """The IRI of an event's OWL-Time interval (the one ``add_time`` describes)."""
    return sub_iri(event_iri(event_id), "time")


def add_bounds(triples: Triples, event: ResolvedEvent) -> None:
    node = iri(event_iri(event.id))
    earliest, latest = event_bounds(event)
    if earliest is not None:
        triples.add(node, _TG.earliest, day(earliest))
    if latest is not None:
        triples.add(node, _TG.latest, day(latest))


def add_link(triples: Triples, link: ResolvedLink) -> None:
    """An event-event link: the OWL-Time triple between the intervals and the link node."""
    if link.target_kind != "event":
        return
    add = triples.add
    first, second = link.source, link.target
    for event_id in (first, second):
        add(iri(event_iri(event_id)), _TIME.hasTime, iri(interval_of(event_id)))
        add(iri(interval_of(event_id)), _RDF.type, _TIME.Interval)
    a, b = iri(interval_of(first)), iri(interval_of(second))
    if link.relation is TemporalRelation.BEFORE:
        add(a, _TIME.before, b)
    elif link.relation is TemporalRelation.INCLUDES:
        add(b, _TIME.intervalIn, a)
    else:
        add(a, _TIME.intervalEquals, b)
    owner = link_iri(link.id)
    node = iri(owner)
    add(node, _RDF.type, _TG.TemporalLink)
    add(node, _DCTERMS.identifier, text(link.id))
    add(node, _TG.linkSource, iri(event_iri(first)))
    add(node, _TG.linkTarget, iri(event_iri(second)))
    add(node, _TG.temporalRelation, text(link.relation.value))
    add(node, _TG.linkRule, text(link.rule))
    confidence = decimal(link.confidence)
    if confidence is not None:
        add(node, _TG.linkConfidence, confidence)
    sources = [
        Source(
            local_id=_local(s.source, s.relation, s.target),
            text=s.evidence,
            provenance=s.provenance,
        )
        for s in link.sources
    ]
    add_derivation(triples, node, sources)
    add_mentions(triples, owner, sources)


def _local(source: str, relation: TemporalRelation, target: str) -> str:
    """A statement by its article-local ids: 'e157 AFTER e162'."""
    return f"{source.rpartition('#')[2]} {relation.value} {target.rpartition('#')[2]}"
