"""Relations between actors that the text states: leader of, member of, at odds with,
mediates between, located in. Each rule reads the dependency parse; none knows any name."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..models import Actor, ActorType, Relation, RelationType
from .actor_index import ActorIndex
from .context import ArticleContext
from .roles import find_roles
from .tokens import children_of

EXTRACTOR = "timelinegraph.extract.relations"
VERSION = "0.1.0"

ODDS_VERBS = frozenset({"clash", "feud", "quarrel", "spar", "split", "break"})
RIFT_NOUNS = frozenset({"rift", "dispute", "feud", "tension", "tensions", "rivalry", "split"})
MEDIATION_WORDS = frozenset(
    {
        "deal",
        "agreement",
        "truce",
        "ceasefire",
        "cease-fire",
        "talks",
        "negotiation",
        "negotiations",
        "accord",
        "mediation",
        "peace",
        "dialogue",
        "understanding",
    }
)
MEDIATOR_VERBS = frozenset(
    {"mediate", "broker", "strike", "facilitate", "negotiate", "secure", "seek", "help", "arrange"}
)
PLACE_TYPES = (ActorType.PLACE, ActorType.STATE)

__all__ = ["EXTRACTOR", "VERSION", "extract_relations"]


def extract_relations(ctx: ArticleContext, actors: list[Actor]) -> list[Relation]:
    """Typed, directed relations between the article's actors, deduplicated, in text order."""
    index = ActorIndex(actors)
    found: dict[tuple[RelationType, str, str], Relation] = {}
    for rel_type, source, target, token, confidence in _all(ctx, index, actors):
        if source == target:
            continue
        key = (rel_type, source, target)
        if key not in found:
            prov = ctx.provenance(
                token, extractor=EXTRACTOR, version=VERSION, confidence=confidence
            )
            found[key] = Relation(type=rel_type, source=source, target=target, provenance=prov)
    return sorted(found.values(), key=lambda r: (r.provenance.start, r.type, r.source, r.target))


def _all(
    ctx: ArticleContext, index: ActorIndex, actors: list[Actor]
) -> Iterator[tuple[RelationType, str, str, Token, float]]:
    yield from _roles(ctx, index, actors)
    for token in ctx.doc:
        # Each rule's own first test, done here: most tokens start no rule at all, and a
        # generator per token and rule costs more than the test.
        lemma = token.lemma_
        folded = lemma.lower()
        if token.lower_ == "odds" or lemma in ODDS_VERBS or folded in RIFT_NOUNS:
            yield from _at_odds(token, index)
        if folded in MEDIATION_WORDS or folded in ("mediator", "mediate"):
            yield from _mediation(token, index)
        if index.at(token) is not None:
            yield from _located_in(token, index)


def _roles(
    ctx: ArticleContext, index: ActorIndex, actors: list[Actor]
) -> Iterator[tuple[RelationType, str, str, Token, float]]:
    persons = []
    for actor in actors:
        if actor.type == ActorType.PERSON:
            for m in actor.mentions:
                if m.kind in ("name", "surname"):
                    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None:
                        persons.append(span)
    for role in find_roles(ctx.doc, persons):
        person = index.at(role.person.root)
        org = index.at(role.org) if role.org is not None else None
        if person is None or org is None or index.type_of(org) == ActorType.PERSON:
            continue
        leader = role.is_leader and role.direct
        rel = RelationType.LEADER_OF if leader else RelationType.MEMBER_OF
        yield rel, person, org, role.head, 0.8 if role.direct else 0.6


def _subjects(verb: Token, index: ActorIndex) -> list[str]:
    """Actors that are the subject of ``verb``, climbing xcomp/conj chains ('sought to strike')."""
    while True:
        for child in children_of(verb):
            if child.dep_ in ("nsubj", "nsubjpass"):
                modifiers = [m for m in child.lefts if m.dep_ in ("compound", "nmod", "amod")]
                found = index.with_conjuncts(child)
                for m in modifiers:
                    found += [a for a in index.with_conjuncts(m) if a not in found]
                return found
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return []


def _at_odds(
    token: Token, index: ActorIndex
) -> Iterator[tuple[RelationType, str, str, Token, float]]:
    """'put him at odds with X', 'A is at odds with B', 'A clashed with B',
    'rift between A and B'."""
    others: list[str] = []
    sides: list[str] = []
    if token.lower_ == "odds" and token.head.lower_ == "at":
        others = _objects_of(token, ("with",), index)
        verb = token.head.head
        obj = next((c for c in children_of(verb) if c.dep_ == "dobj"), None)
        sides = index.with_conjuncts(obj) if obj is not None else _subjects(verb, index)
    elif token.pos_ == "VERB" and token.lemma_ in ODDS_VERBS:
        others = _objects_of(token, ("with",), index)
        sides = _subjects(token, index) if others else []
    elif token.lemma_.lower() in RIFT_NOUNS:
        between = _objects_of(token, ("between",), index)
        if len(between) >= 2:
            sides, others = between[:1], between[1:2]
    for a in sides:
        for b in others:
            yield RelationType.AT_ODDS_WITH, a, b, token, 0.7
            yield RelationType.AT_ODDS_WITH, b, a, token, 0.7


def _mediation(
    token: Token, index: ActorIndex
) -> Iterator[tuple[RelationType, str, str, Token, float]]:
    """'X sought to strike a deal between A and B', 'X, a mediator between A and B'."""
    lemma = token.lemma_.lower()
    if lemma not in MEDIATION_WORDS and lemma not in ("mediator", "mediate"):
        return
    parties = _objects_of(token, ("between",), index)
    if len(parties) < 2:
        return
    mediators: list[str] = []
    if lemma == "mediator" and token.dep_ == "appos":
        mediators = index.with_conjuncts(token.head)
    elif token.pos_ == "VERB":
        mediators = _subjects(token, index)
    elif token.head.pos_ == "VERB" and token.head.lemma_ in MEDIATOR_VERBS:
        mediators = _subjects(token.head, index)
    for mediator in mediators:
        if mediator in parties:
            continue
        for party in parties:
            yield RelationType.MEDIATES_BETWEEN, mediator, party, token, 0.65


def _located_in(
    token: Token, index: ActorIndex
) -> Iterator[tuple[RelationType, str, str, Token, float]]:
    """'Cairo, Egypt'; 'Rafah, seen as the last stronghold in Gaza'; 'a town in Syria'."""
    place = index.at(token)
    if place is None or index.type_of(place) != ActorType.PLACE or token.dep_ == "compound":
        return
    if token.i + 2 < len(token.doc) and token.nbor(1).text == ",":
        # "Mosul, Iraq" (but not a list: "Mosul, Iraq and Syria")
        after = token.i + 3 < len(token.doc) and token.nbor(3).lower_ in ("and", "or")
        other = index.at(token.nbor(2))
        if other and other != place and index.type_of(other) == ActorType.STATE and not after:
            yield RelationType.LOCATED_IN, place, other, token, 0.75
    for container in _containers(token, index, depth=3):
        if container != place:
            yield RelationType.LOCATED_IN, place, container, token, 0.6


def _containers(token: Token, index: ActorIndex, depth: int) -> list[str]:
    """Places named by 'in X' under ``token`` through appositions and 'seen as' clauses."""
    found: list[str] = []
    places_in = False  # the objects of all its "in"s, gathered at the first: once, not per "in"
    for child in children_of(token):
        if child.dep_ == "prep" and child.lower_ == "in":
            if not places_in:
                objects = _objects_of(token, ("in",), index)
                found += [a for a in objects if index.type_of(a) in PLACE_TYPES]
            places_in = True
        elif depth > 0 and child.dep_ in ("appos", "acl", "prep", "pobj", "attr", "oprd"):
            if child.dep_ == "prep" and child.lower_ != "as":
                continue
            found += _containers(child, index, depth - 1)
    return list(dict.fromkeys(found))


def _objects_of(token: Token, preps: tuple[str, ...], index: ActorIndex) -> list[str]:
    found: list[str] = []
    for prep in children_of(token):
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in children_of(prep):
                if obj.dep_ == "pobj":
                    found += [a for a in index.with_conjuncts(obj) if a not in found]
    return found
