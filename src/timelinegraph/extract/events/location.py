"""Where an event happened, from its own clause first, the dateline last.

1. A place the trigger (or its object) takes through a preposition: "died in northern Gaza",
   "an operation against Rafah", "talks in Cairo";
2. a place naming the event noun: "the Gaza cease-fire", "a Rafah operation";
3. a place in the event's own clause, reached without crossing into another clause ("died
   recently due to malnutrition ... in northern Gaza"); the object of an attack or a natural
   event ("struck Indonesia's Aceh province");
4. (in ``__init__``) the place of the event it is tied to ("captured during the attacks");
5. the dateline, only when the sentence names no place at all and the event is in the
   story's lead or dated within days of publication: a dateline says where the reporter is,
   which is where the news of the day happened, not where its background did. Such a place
   is marked ``dateline``, a guess.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import ActorType
from ..tokens import children_of
from .arguments import PLACE_TYPES, ActorLookup

PLACE_PREPS = frozenset(
    {"in", "at", "to", "from", "on", "into", "across", "near", "inside", "throughout", "within",
     "against", "outside", "off", "around", "along", "through", "toward", "towards"}
)  # fmt: skip
# A country is where an event happened only "in" it; "on Israel", "to Israel" name a party.
STATE_PREPS = frozenset({"in", "inside", "across", "throughout", "within", "near", "into"})
_CLAUSE_BOUNDARY = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"})
LEAD_SENTENCES = 2  # the headline-and-lede sentences a dateline speaks for


def _place(token: Token, lookup: ActorLookup, prep: str | None = None) -> str | None:
    actor = lookup.at(token)
    if actor is None:
        for child in children_of(token):
            if child.dep_ in ("compound", "amod", "poss") and lookup.at(child):
                actor = lookup.at(child)
                break
    if actor is None and token.pos_ == "NOUN":
        actor = _place_of_noun(token, lookup)  # "in the northern city of Thessaloniki"
    if actor is None or lookup.types[actor] not in PLACE_TYPES:
        return None
    if lookup.types[actor] is ActorType.STATE and prep is not None and prep not in STATE_PREPS:
        return None
    return actor


# Nouns that name a part or kind of place, so that "the X of Y" is in Y. Other nouns "of" a
# place name a party or a topic ("the trial of a Brownsville mother", "in memory of ...").
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "capital", "province", "region", "state", "county", "district",
     "municipality", "borough", "suburb", "suburbs", "outskirts", "neighborhood", "neighbourhood",
     "area", "part", "parts", "heart", "center", "centre", "downtown", "streets", "street",
     "block", "island", "islands", "coast", "shores", "waters", "port", "harbor", "harbour",
     "docks", "border", "north", "south", "east", "west", "northeast", "northwest", "southeast",
     "southwest", "territory", "interior", "countryside", "mouth", "gulf", "bay", "valley"}
)  # fmt: skip


def _place_of_noun(token: Token, lookup: ActorLookup) -> str | None:
    """The place a place noun is "of": the city of X, the province of Y, the south of Z."""
    if token.lower_ not in PLACE_NOUNS:
        return None
    for child in children_of(token):
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in children_of(child):
                if obj.dep_ == "pobj" and lookup.at(obj):
                    return lookup.at(obj)
    return None


def location_of(
    head: Token,
    kind: str,
    lookup: ActorLookup,
    agents: frozenset[str] = frozenset(),
    object_place: bool = False,
) -> str | None:
    """The place actor the event's own words name, or None (see the module's order).
    ``agents`` are the event's participants (never its place); ``object_place``: the verb's
    object may be the place itself (an attack on a town, a quake striking a province)."""
    holders = [head]
    holders += [
        c for c in children_of(head) if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"
    ]
    for holder in holders:
        for child in children_of(holder):
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for obj in children_of(child):
                    if obj.dep_ == "pobj":
                        place = _place(obj, lookup, child.lower_)
                        if place is not None and place not in agents:
                            return place
    if kind == "noun":
        for child in children_of(head):  # "the Gaza cease-fire", "a Rafah operation"
            if child.dep_ in ("compound", "nmod") and child.i < head.i:
                actor = lookup.at(child)
                if (
                    actor is not None
                    and lookup.types[actor] in PLACE_TYPES
                    and not _is_state_agent(child)
                    and actor not in agents
                ):
                    return actor
    return _clause_place(head, lookup, agents, object_place)


def _clause_place(
    head: Token, lookup: ActorLookup, agents: frozenset[str], object_place: bool
) -> str | None:
    """A place in the trigger's own clause, through a preposition (or the object of the verb).
    A sentence that names no place is not walked: most name none."""
    sent = head.sent
    mentions = lookup.places_in(sent.start_char, sent.end_char)
    if not mentions:
        return None
    clause = head if head.pos_ in ("VERB", "AUX") else _clause_verb(head)
    for token in _clause_tokens(clause):
        if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
            if lookup.at(token.head.head) is not None:
                continue  # "Hamas's leader in Gaza": the place of a participant, not the event
            place = _place(token, lookup, token.head.lower_)
        elif token.dep_ == "dobj" and token.head.i == head.i and object_place:
            place = _place(token, lookup)  # "struck Aceh province"
        else:
            continue
        if place is not None and place not in agents:
            return place
    return None


def _clause_verb(token: Token) -> Token:
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _clause_tokens(clause: Token) -> list[Token]:
    """The tokens of ``clause`` itself (``_in_clause``), but not ``clause``, in the order of
    ``clause.subtree`` (each word after its left children's subtrees, before its right's).

    Only the part of the subtree they can be in is walked: not below a clause under it, nor
    deeper than ``_in_clause`` looks. Walking the whole subtree for each trigger took time
    quadratic in a chain of clauses ("to help to help ...": 3,000 of them took 50 s)."""
    found: list[Token] = []
    pending: list[tuple[Token, int, bool]] = [(clause, 0, False)]
    while pending:
        token, depth, visited = pending.pop()
        if visited:
            if depth and _in_clause(token, clause):
                found.append(token)
            continue
        verb = token.pos_ in ("VERB", "AUX")
        # below a verb under the clause, or any other clause deeper, nothing is the clause's
        closed = depth and (verb or (depth > 1 and token.dep_ in _CLAUSE_BOUNDARY))
        kids = children_of(token) if depth < _CLAUSE_DEPTH and not closed else ()
        pending.extend((c, depth + 1, False) for c in reversed(kids) if c.i > token.i)
        pending.append((token, depth, True))
        pending.extend((c, depth + 1, False) for c in reversed(kids) if c.i < token.i)
    return found


_CLAUSE_DEPTH = 12  # how far up from a token _in_clause looks for its clause


def _in_clause(token: Token, clause: Token) -> bool:
    """Whether ``token`` belongs to ``clause`` itself, not to a clause under it."""
    current = token
    for _ in range(_CLAUSE_DEPTH):
        if current.i == clause.i:
            return True
        if current.dep_ in _CLAUSE_BOUNDARY or current.pos_ in ("VERB", "AUX"):
            return current.head.i == clause.i and current.pos_ not in ("VERB", "AUX")
        current = current.head
    return False


def sentence_names_place(
    head: Token, lookup: ActorLookup, participants: frozenset[str] = frozenset()
) -> bool:
    """Whether a place other than the event's own participants ("Israel attacked Hamas") is
    named in the trigger's sentence."""
    sent = head.sent
    named = lookup.places_in(sent.start_char, sent.end_char)
    return any(actor not in participants for _, _, actor in named)


def _is_state_agent(token: Token) -> bool:
    """A country named as a modifier usually acts ("U.S. pressure"), not locates."""
    return token.ent_type_ == "GPE" and token.pos_ == "PROPN" and token.dep_ == "nmod"
