"""An actor's events in time order, read from a build's Turtle (what any SPARQL user sees).

The actor is found by id, name or alias (any case); an unknown name is an error naming the
closest actors. Its events are those it is an agent or a target of, in the order
``build.chronology`` gives the whole graph's events (so a chain of links through events the
actor is no part of still orders its own), each with its bounds (``tg:earliest`` /
``tg:latest``), its links to other events and its mentions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from ..common.sparql import select
from ..errors import ExplainError
from ..graph.chronology import Placed, chronological, facing
from ..models import TemporalRelation
from ..vocab import SEM, TG_NS

__all__ = [
    "ActorInfo",
    "ActorTimeline",
    "Mention",
    "OrderNote",
    "TimedEvent",
    "actor_timeline",
    "actors",
    "find_actor",
]

PREFIXES = {
    "tg": TG_NS,
    "sem": str(SEM),
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
}


@dataclass(frozen=True)
class ActorInfo:
    id: str
    name: str
    aliases: tuple[str, ...]
    iri: str


@dataclass(frozen=True)
class Mention:
    article: str
    local_id: str
    start: int
    end: int
    text: str
    sentence_index: int
    sentence: str


@dataclass(frozen=True)
class OrderNote:
    relation: str  # before | after | includes | during | simultaneous, as this event sees it
    event_id: str
    headline: str


@dataclass
class TimedEvent:
    id: str
    headline: str
    type: str
    roles: list[str]
    earliest: date | None
    latest: date | None
    order: list[OrderNote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class ActorTimeline:
    actor: ActorInfo
    events: list[TimedEvent]

    @property
    def articles(self) -> list[str]:
        return sorted({m.article for e in self.events for m in e.mentions})


_ACTORS = """
SELECT ?a ?id ?name ?alias WHERE {
  ?a a sem:Actor ; dcterms:identifier ?id ; rdfs:label ?name .
  OPTIONAL { ?a skos:altLabel ?alias }
}"""

_EVENTS = """
SELECT ?id ?label ?trigger ?type ?earliest ?latest WHERE {
  ?e a sem:Event ; dcterms:identifier ?id ; tg:trigger ?trigger .
  OPTIONAL { ?e sem:eventType/skos:notation ?type }
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e tg:earliest ?earliest }
  OPTIONAL { ?e tg:latest ?latest }
}"""

_TOLD = """
SELECT ?id ?published ?article ?start WHERE {
  ?e a sem:Event ; dcterms:identifier ?id ; tg:mention ?m .
  ?m tg:article ?a ; tg:startOffset ?start .
  ?a dcterms:identifier ?article .
  OPTIONAL { ?a schema:datePublished ?published }
}"""

_LINKS = """
SELECT ?source ?relation ?target WHERE {
  ?l a tg:TemporalLink ; tg:temporalRelation ?relation ;
     tg:linkSource/dcterms:identifier ?source ; tg:linkTarget/dcterms:identifier ?target .
}"""

# ?who is substituted (SEP-0007), so it is selected
_TAKES_PART = """
SELECT ?who ?id ?role WHERE {
  { ?e tg:agent ?who . BIND ("agent" AS ?role) }
  UNION
  { ?e tg:target ?who . BIND ("target" AS ?role) }
  ?e dcterms:identifier ?id .
}"""

_MENTIONS = """
SELECT ?who ?id ?article ?local ?start ?end ?text ?index ?sentence WHERE {
  ?e tg:agent|tg:target ?who ; dcterms:identifier ?id ; tg:mention ?m .
  ?m tg:article/dcterms:identifier ?article ; tg:localId ?local ; tg:startOffset ?start ;
     tg:endOffset ?end ; tg:mentionText ?text ; tg:sentenceIndex ?index ;
     tg:sentenceText ?sentence .
}"""


def actors(graph: ox.Store) -> list[ActorInfo]:
    """Every actor of the graph, by id."""
    found: dict[str, tuple[str, str, set[str]]] = {}
    for row in select(graph, _ACTORS, prefixes=PREFIXES):
        entry: tuple[str, str, set[str]] = (row["a"].value, row["name"].value, set())
        _, _, aliases = found.setdefault(row["id"].value, entry)
        if row["alias"] is not None:
            aliases.add(row["alias"].value)
    return [
        ActorInfo(actor_id, name, tuple(sorted(aliases)), iri)
        for actor_id, (iri, name, aliases) in sorted(found.items())
    ]


def find_actor(known: list[ActorInfo], wanted: str) -> ActorInfo:
    """The actor whose id, name or alias is ``wanted`` (any case): an id or a name first,
    then an alias; an error naming the closest actors when none is, or several are."""
    key = wanted.strip().casefold()
    for tier in (
        [a for a in known if key in (a.id.casefold(), a.name.casefold())],
        [a for a in known if key in (alias.casefold() for alias in a.aliases)],
    ):
        if len(tier) == 1:
            return tier[0]
        if tier:
            named = ", ".join(f"{a.name} ({a.id})" for a in tier[:5])
            raise ExplainError(f"{wanted}: several actors go by this name: {named}")
    raise ExplainError(f"{wanted}: no actor with this name, alias or id{_closest(known, key)}")


def _closest(known: list[ActorInfo], key: str) -> str:
    names: dict[str, ActorInfo] = {}
    for actor in known:
        for name in (actor.name, *actor.aliases, actor.id):
            names.setdefault(name.casefold(), actor)
    close = difflib.get_close_matches(key, list(names), n=10, cutoff=0.6)
    close += [n for n in sorted(names) if key and key in n and n not in close]
    shown = list(dict.fromkeys(f"{names[n].name} ({names[n].id})" for n in close))[:5]
    return f" (close: {'; '.join(shown)})" if shown else ""


def actor_timeline(graph: ox.Store, wanted: str | list[ActorInfo]) -> ActorTimeline:
    """The events ``wanted`` (an actor's id, name or alias, or actors taken as one) takes
    part in, in time order."""
    group = [find_actor(actors(graph), wanted)] if isinstance(wanted, str) else wanted
    actor = group[0]
    roles: dict[str, set[str]] = {}
    for member in group:
        who = {"who": ox.NamedNode(member.iri)}
        for row in select(graph, _TAKES_PART, prefixes=PREFIXES, bind=who):
            roles.setdefault(row["id"].value, set()).add(row["role"].value)
    events, links = _all_events(graph), _links(graph)
    mine = {
        event_id: TimedEvent(
            id=event_id,
            headline=events[event_id][0],
            type=events[event_id][1],
            roles=sorted(found),
            earliest=events[event_id][2],
            latest=events[event_id][3],
        )
        for event_id, found in roles.items()
        if event_id in events
    }
    for source, relation, target in links:
        for here, there, from_source in ((source, target, True), (target, source, False)):
            if here in mine and there in events:
                note = OrderNote(facing(relation, from_source=from_source), there, events[there][0])
                mine[here].order.append(note)
    for member in group:
        who = {"who": ox.NamedNode(member.iri)}
        for row in select(graph, _MENTIONS, prefixes=PREFIXES, bind=who):
            event = mine.get(row["id"].value)
            if event is not None:
                event.mentions.append(_mention(row))
    for event in mine.values():
        event.order.sort(key=lambda n: (n.relation, n.event_id))
        event.mentions = sorted(set(event.mentions), key=lambda m: (m.article, m.start, m.end))
    told = _told(graph)
    placed = [Placed(i, e[2], e[3], told.get(i, ("", "", 0))) for i, e in events.items()]
    order = [i for i in chronological(placed, links) if i in mine]
    return ActorTimeline(actor, [mine[i] for i in order])


def _all_events(graph: ox.Store) -> dict[str, tuple[str, str, date | None, date | None]]:
    """Every event: id -> (headline, type, earliest, latest)."""
    found = {}
    for row in select(graph, _EVENTS, prefixes=PREFIXES):
        label = row["label"] if row["label"] is not None else row["trigger"]
        kind = row["type"].value if row["type"] is not None else ""
        found[row["id"].value] = (label.value, kind, _day(row["earliest"]), _day(row["latest"]))
    return found


def _told(graph: ox.Store) -> dict[str, tuple[str, str, int]]:
    """Where each event is first told: its article's publication date and id, the offset."""
    found: dict[str, tuple[str, str, int]] = {}
    for row in select(graph, _TOLD, prefixes=PREFIXES):
        published = row["published"].value if row["published"] is not None else ""
        here = (published, row["article"].value, int(row["start"].value))
        event_id = row["id"].value
        if event_id not in found or here < found[event_id]:
            found[event_id] = here
    return found


def _links(graph: ox.Store) -> list[tuple[str, TemporalRelation, str]]:
    found = []
    for row in select(graph, _LINKS, prefixes=PREFIXES):
        try:
            relation = TemporalRelation(row["relation"].value)
        except ValueError:
            continue  # a relation this version does not know: no order from it
        found.append((row["source"].value, relation, row["target"].value))
    return sorted(found)


def _day(term: ox.Literal | None) -> date | None:
    if term is None:
        return None
    try:
        return date.fromisoformat(term.value)
    except ValueError:
        return None


def _mention(row: ox.QuerySolution) -> Mention:
    return Mention(
        article=row["article"].value,
        local_id=row["local"].value,
        start=int(row["start"].value),
        end=int(row["end"].value),
        text=row["text"].value,
        sentence_index=int(row["index"].value),
        sentence=row["sentence"].value,
    )
