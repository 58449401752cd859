"""Agents and targets of a trigger from the dependency parse, mapped to actors."""

from __future__ import annotations

from spacy.tokens import Token

from ...models import ActorType
from ..actor_index import ActorIndex

TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "from", "at"})
PLACE_TYPES = frozenset({ActorType.PLACE, ActorType.STATE})
CLAUSAL = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp"})
# Verbs whose object, not subject, does what their complement says: "urged Israel to stop".
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "force", "allow", "press", "push", "tell", "order", "persuade", "pressure",
     "help", "enable", "encourage", "invite", "compel", "require", "permit", "call", "lead"}
)  # fmt: skip
RELATIVE = frozenset({"which", "who", "that", "whom"})


# Actors are looked up through the shared index (one implementation for all extractors).
ActorLookup = ActorIndex


def resolve_relative(token: Token) -> Token:
    """'the group, which has been leading talks': 'which' stands for 'group'."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject, passive?) of a verb, inherited through xcomp/conj/advcl/acl when absent."""
    seen = 0
    while seen < 6:
        seen += 1
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return resolve_relative(child), False
            if child.dep_ in ("nsubjpass", "csubjpass"):
                return resolve_relative(child), True
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "hardened its position by requesting ..."
            continue
        if verb.dep_ in CLAUSAL and verb.head is not verb:
            if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL:
                return _object_control(verb.head), False  # "urged Israel to stop"
            verb = verb.head
            continue
        return None, False
    return None, False


def _object_control(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def arguments(head: Token, kind: str, lookup: ActorLookup) -> tuple[list[str], list[str]]:
    """(agents, targets) of a trigger as actor ids."""
    agents: list[str] = []
    targets: list[str] = []
    if kind == "verb":
        subject, passive = subject_of(head)
        if subject is not None:
            (targets if passive else agents).extend(lookup.of_phrase(subject))
        for child in head.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        agents.extend(lookup.of_phrase(obj))
            elif child.dep_ in ("dobj", "dative"):
                targets.extend(lookup.of_phrase(child))
            elif child.dep_ in ("prep", "prt"):
                targets.extend(_prep_targets(child, lookup))
    else:
        agents, targets = _nominal_arguments(head, lookup)
    agents = _unique(agents)
    targets = [t for t in _unique(targets) if t not in agents]
    return agents, targets


def _prep_targets(prep: Token, lookup: ActorLookup) -> list[str]:
    found: list[str] = []
    if prep.lower_ in TARGET_PREPS:
        for obj in prep.children:
            if obj.dep_ == "pobj":
                found.extend(
                    a
                    for a in lookup.of_phrase(obj)
                    if lookup.types[a] not in PLACE_TYPES or prep.lower_ in ("against", "with")
                )
    return found


def _nominal_arguments(noun: Token, lookup: ActorLookup) -> tuple[list[str], list[str]]:
    agents: list[str] = []
    targets: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i
        ):
            actor = lookup.at(child)
            if actor is not None and lookup.types[actor] not in (ActorType.PLACE,):
                agents.append(actor)  # "Hamas's attacks", "Israeli fire", "U.S. pressure"
        elif child.dep_ == "prep" and child.lower_ == "by":
            agents.extend(
                o for p in child.children if p.dep_ == "pobj" for o in lookup.of_phrase(p)
            )
        elif child.dep_ == "prep":
            if child.lower_ == "of":
                targets.extend(
                    a for p in child.children if p.dep_ == "pobj" for a in lookup.of_phrase(p)
                )
            else:
                targets.extend(_prep_targets(child, lookup))
    if not agents and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        subject, passive = subject_of(noun.head)  # "Hamas launched attacks", "held talks"
        if subject is not None and not passive:
            agents.extend(lookup.of_phrase(subject))
    return agents, targets


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))
