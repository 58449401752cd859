"""Our RDF vocabulary, the external namespaces we use, and the instance-IRI scheme.

Instance IRIs live under ``https://w3id.org/timelinegraph/id/`` and are built only here, so
the scheme is one place: ``id/event/<id>``, ``id/actor/<id>``, ``id/article/<id>``,
``id/relation/<id>``, ``id/link/<id>`` (temporal links), ``id/eventtype/<TYPE>`` (event
types as SKOS concepts, all in the scheme ``id/eventtype`` and each in ``id/scheme/plover``
or ``id/scheme/news``). A place's geometry and coordinates are ``id/actor/<id>/geometry`` and
``id/actor/<id>/geo``; GeoNames features are ``https://sws.geonames.org/<id>/``
(``geonames_iri``).
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .models import EventType, RelationType

TG_NS = "https://w3id.org/timelinegraph/ns#"
ID_BASE = "https://w3id.org/timelinegraph/id/"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")


class TG(DefinedNamespace):
    """The timelinegraph vocabulary (closed: an undeclared term is an AttributeError)."""

    _NS = Namespace(TG_NS)
    _fail = True

    # classes
    Relation: URIRef
    Mention: URIRef
    Quantity: URIRef
    Group: URIRef
    Merge: URIRef
    Story: URIRef
    TemporalLink: URIRef
    # event participants (sub-properties of sem:hasActor)
    agent: URIRef
    target: URIRef
    # event details
    trigger: URIRef
    lemma: URIRef
    polarity: URIRef
    modality: URIRef
    attributedTo: URIRef
    attributionText: URIRef
    locationSource: URIRef
    story: URIRef
    mode: URIRef
    timexValue: URIRef
    timeGranularity: URIRef
    timeSource: URIRef
    earliest: URIRef
    latest: URIRef
    mergeEvidence: URIRef
    mergeRule: URIRef
    mergedMention: URIRef
    matchedMention: URIRef
    quantity: URIRef
    quantityValue: URIRef
    unit: URIRef
    quantityMod: URIRef
    quantityText: URIRef
    # articles
    publishedSource: URIRef
    # actors
    role: URIRef
    country: URIRef
    # places on the map (resolve.places)
    geoPrecision: URIRef
    geoCountry: URIRef
    geoRegion: URIRef
    geoSure: URIRef
    geoEvidence: URIRef
    # provenance
    mention: URIRef
    article: URIRef
    localId: URIRef
    mentionText: URIRef
    sentenceIndex: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sentenceText: URIRef
    extractor: URIRef
    extractorVersion: URIRef
    confidence: URIRef
    # reified relations and their direct properties
    relationType: URIRef
    relationSource: URIRef
    relationTarget: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    atOddsWith: URIRef
    mediatesBetween: URIRef
    locatedIn: URIRef
    # temporal links between events
    linkSource: URIRef
    linkTarget: URIRef
    temporalRelation: URIRef
    linkRule: URIRef
    linkConfidence: URIRef
    # event types (skos:Concept)
    aceEventType: URIRef


RELATION_PROPERTY: dict[RelationType, URIRef] = {
    RelationType.LEADER_OF: TG.leaderOf,
    RelationType.MEMBER_OF: TG.memberOf,
    RelationType.AT_ODDS_WITH: TG.atOddsWith,
    RelationType.MEDIATES_BETWEEN: TG.mediatesBetween,
    RelationType.LOCATED_IN: TG.locatedIn,
}

EVENT_TYPE_SCHEME = URIRef(ID_BASE + "eventtype")
# TriG: the named graph of what the build merged and decided (each article's own triples are
# in a graph named by the article's IRI, see export/trig.py)
BUILD_GRAPH = URIRef(ID_BASE + "graph/build")


def encode_id(value: str) -> str:
    """Percent-encode an id so it is one IRI path segment whatever it contains (a lone
    surrogate, e.g. from an undecodable file name, is encoded as its code unit: no clash).
    A segment "." or ".." is encoded too: a parser resolving IRIs (Raptor) would remove it."""
    if value in (".", ".."):
        return "%2E" * len(value)
    return quote(value, safe="", errors="surrogatepass")


def make_iri(kind: str, local_id: str) -> URIRef:
    return URIRef(f"{ID_BASE}{kind}/{encode_id(local_id)}")


def event_iri(event_id: str) -> URIRef:
    return make_iri("event", event_id)


def actor_iri(actor_id: str) -> URIRef:
    return make_iri("actor", actor_id)


def article_iri(article_id: str) -> URIRef:
    return make_iri("article", article_id)


def story_iri(story_id: str) -> URIRef:
    return make_iri("story", story_id)


def relation_iri(relation_id: str) -> URIRef:
    return make_iri("relation", relation_id)


def link_iri(link_id: str) -> URIRef:
    return make_iri("link", link_id)


def event_type_iri(event_type: EventType) -> URIRef:
    return make_iri("eventtype", event_type.value)


def event_type_scheme_iri(local: str) -> URIRef:
    """A scheme of event types: ``plover`` or ``news`` (general news)."""
    return make_iri("scheme", local)


def geonames_iri(geonames_id: int) -> URIRef:
    """The GeoNames feature (its linked-data URI, the form GeoNames publishes)."""
    return URIRef(f"https://sws.geonames.org/{int(geonames_id)}/")


def sub_iri(parent: str, *parts: str) -> URIRef:
    """A node that belongs to ``parent`` (mention, quantity, time): ``<parent>/<part>/...``."""
    return URIRef("/".join([str(parent), *(encode_id(p) for p in parts)]))
