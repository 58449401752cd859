"""Our extraction in the gold annotation form, so both sides of ``eval`` compare directly.

Entity types: PERSON -> PER; ORGANIZATION, GROUP -> ORG; STATE, PLACE -> LOC. Mention kinds
become MEANTIME syntactic types: name, surname, demonym -> NAM; nominal -> NOM; pronoun -> PRO.
Dateline mentions are metadata, not story, and are left out. Event arguments become roles
(agent -> Arg0, theme -> Arg1); an argument whose words are not an actor mention gets an
untyped entity annotation of its own, which roles use and the entity scores ignore.

Against TimeML gold, events take TimeML's form: only our TimeML mentions (``Event.timeml``,
the trained detector's) count, each on its head word (``Event.head_span``: TimeML marks
"went", not the phrasal "went off"). MEANTIME and ECB+ annotate the particle, and the
mentions only the word-list rules add (copulas, "sales"): against them every event counts,
on all its words.
"""

from __future__ import annotations

from ..ingest.annotated import (
    AnnotatedDocument,
    EntityAnnotation,
    EventAnnotation,
    RoleAnnotation,
    TimexAnnotation,
    TlinkAnnotation,
)
from ..models import ActorType, ArticleExtraction, Event

__all__ = [
    "ENTITY_TYPES",
    "ROLE_NAMES",
    "SYNTACTIC_TYPES",
    "instance_id",
    "predicted_document",
]

PREDICTED_FORMAT = "timelinegraph"

ENTITY_TYPES: dict[ActorType, str] = {
    ActorType.PERSON: "PER",
    ActorType.ORGANIZATION: "ORG",
    ActorType.GROUP: "ORG",
    ActorType.STATE: "LOC",
    ActorType.PLACE: "LOC",
}
SYNTACTIC_TYPES: dict[str, str] = {
    "name": "NAM",
    "surname": "NAM",
    "demonym": "NAM",
    "nominal": "NOM",
    "pronoun": "PRO",
}
# Prepositional targets ("talks with Hamas") are PropBank Arg2-4 and are not scored.
ROLE_NAMES: dict[str, str] = {"agent": "Arg0", "theme": "Arg1"}
SKIPPED_KINDS = frozenset({"dateline"})


def predicted_document(extraction: ArticleExtraction, *, timeml: bool = False) -> AnnotatedDocument:
    """Every timex, event, actor mention and event argument of ``extraction`` as annotations;
    with ``timeml`` (against TimeML gold) in TimeML's form: only the events that are TimeML
    mentions, each on its head word."""
    entities = _mentions(extraction)
    by_span = {(e.start, e.end): e.id for e in entities}
    roles = []
    n_args = 0
    events = [e for e in extraction.events if e.timeml or not timeml]
    for event in events:
        for arg in event.arguments:
            role = ROLE_NAMES.get(arg.role)
            if role is None or arg.via in ("support", "member"):
                # MEANTIME puts the participant on the support verb, scored there; a group's
                # members ("Qatari and Egyptian officials") are one argument phrase, scored once
                continue
            entity_id = by_span.get((arg.start, arg.end))
            if entity_id is None:
                n_args += 1
                entity_id = f"arg{n_args}"
                by_span[(arg.start, arg.end)] = entity_id
                entities.append(
                    EntityAnnotation(id=entity_id, start=arg.start, end=arg.end, text=arg.text)
                )
            roles.append(RoleAnnotation(event_id=event.id, entity_id=entity_id, role=role))
    return AnnotatedDocument(
        article=extraction.article,
        format=PREDICTED_FORMAT,
        timexes=[
            TimexAnnotation(
                id=t.id,
                start=t.start,
                end=t.end,
                text=t.text,
                type=t.type.value,
                value=t.value,
                mod=t.mod,
            )
            for t in extraction.times
        ],
        events=[
            EventAnnotation(
                id=e.id,
                start=_span(e, timeml)[0],
                end=_span(e, timeml)[1],
                text=extraction.article.text[slice(*_span(e, timeml))],
                event_class=e.event_class.value,
                pos=e.pos,
                frame=e.frame,
                tense=e.tense,
                aspect=e.aspect,
                polarity=e.polarity.value,
            )
            for e in events
        ],
        entities=entities,
        roles=roles,
        instances={instance_id(e.id): e.id for e in events},
        tlinks=_tlinks(extraction, {e.id for e in events}),
        layers=["timex", "event", "entity", "role"],
    )


def instance_id(event_id: str) -> str:
    """The MAKEINSTANCE eiid of one of our events: ``e7`` -> ``ei7``."""
    return "ei" + event_id[1:] if event_id.startswith("e") else "ei-" + event_id


def _tlinks(extraction: ArticleExtraction, kept: set[str]) -> list[TlinkAnnotation]:
    """Our links as TimeML writes them: events by instance, the publication date as ``t0``;
    a link to an event left out (not a TimeML mention) is left out too."""
    times = {t.id for t in extraction.times}
    found: list[TlinkAnnotation] = []
    for link in extraction.links:
        ends = []
        for end in (link.source, link.target):
            if end in kept:
                ends.append(instance_id(end))
            elif end in times or end == "dct":
                ends.append("t0" if end == "dct" else end)
        if len(ends) == 2:
            found.append(TlinkAnnotation(id=f"l{len(found) + 1}", rel_type=link.relation.value,
                                         source=ends[0], target=ends[1]))  # fmt: skip
    return found


def _span(event: Event, timeml: bool) -> tuple[int, int]:
    return event.head_span if timeml else (event.start, event.end)


def _mentions(extraction: ArticleExtraction) -> list[EntityAnnotation]:
    """Actor mentions in text order; a span two actors claim is kept once (the first actor's)."""
    found: dict[tuple[int, int], EntityAnnotation] = {}
    for actor in extraction.actors:
        for m in actor.mentions:
            if m.kind in SKIPPED_KINDS or (m.start, m.end) in found:
                continue
            found[(m.start, m.end)] = EntityAnnotation(
                id="",
                start=m.start,
                end=m.end,
                text=m.text,
                type=ENTITY_TYPES[actor.type],
                syntactic_type=SYNTACTIC_TYPES.get(m.kind),
            )
    ordered = sorted(found.values(), key=lambda e: (e.start, e.end))
    return [e.model_copy(update={"id": f"m{i}"}) for i, e in enumerate(ordered, 1)]
