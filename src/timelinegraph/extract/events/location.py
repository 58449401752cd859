"""Where an event happened: a place actor attached to the trigger, else the dateline."""

from __future__ import annotations

from spacy.tokens import Token

from ..tokens import children_of
from .arguments import PLACE_TYPES, ActorLookup

PLACE_PREPS = frozenset(
    {"in", "at", "to", "from", "on", "into", "across", "near", "inside", "throughout", "within"}
)


def _place(token: Token, lookup: ActorLookup) -> str | None:
    actor = lookup.at(token)
    if actor is None:
        for child in children_of(token):
            if child.dep_ in ("compound", "amod") and lookup.at(child):
                actor = lookup.at(child)
                break
    return actor if actor is not None and lookup.types[actor] in PLACE_TYPES else None


def location_of(head: Token, kind: str, lookup: ActorLookup) -> tuple[str | None, str | None]:
    """(place actor id, 'text' | 'dateline') or (None, None)."""
    holders = [head]
    holders += [
        c for c in children_of(head) if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"
    ]
    for holder in holders:
        for child in children_of(holder):
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for obj in children_of(child):
                    if obj.dep_ == "pobj":
                        place = _place(obj, lookup)
                        if place is not None:
                            return place, "text"
    if kind == "noun":
        for child in children_of(head):  # "the Gaza cease-fire", "a Rafah operation"
            if child.dep_ in ("compound", "nmod") and child.i < head.i:
                actor = lookup.at(child)
                if (
                    actor is not None
                    and lookup.types[actor] in PLACE_TYPES
                    and not _is_state_agent(child)
                ):
                    return actor, "text"
    if lookup.dateline is not None:
        return lookup.dateline, "dateline"
    return None, None


def _is_state_agent(token: Token) -> bool:
    """A country named as a modifier usually acts ("U.S. pressure"), not locates."""
    return token.ent_type_ == "GPE" and token.pos_ == "PROPN" and token.dep_ == "nmod"
