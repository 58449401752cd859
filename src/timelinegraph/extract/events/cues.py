"""The context cues of the event lexicon, matched against the parse around a trigger.

A cue is ``slot`` or ``slot-test`` with the values it accepts (``dobj:hostage|prisoner``,
``subj-event:DISASTER``). The slot names words around the trigger; the test says what of
each word is compared (default: its lemma; the word itself for prepositions and particles):

======= =======================================================================
slot    the words
======= =======================================================================
prt     the particle of a phrasal verb ("pulled *out*")
prep    prepositions the trigger governs ("called *for*")
pobj    their objects ("withdrew from the *talks*", "release of the *hostages*")
dobj    the direct object, or the subject of a passive ("released *hostages*")
subj    the doer: the active subject, a passive's by-agent, a noun's possessor
oprd    a predicative complement ("found *dead*", "pronounced *dead*")
mod     a noun's modifiers ("*Israeli* fire", "*forest* fire")
gov     the verb a noun is the object or subject of ("*opened* fire")
case    the preposition a noun is the object of ("went *on* strike")
sent    every word of the sentence (context: "won" in a sentence about an election)
doc     every word of the article (context: an "offer" in a story about baseball)
======= =======================================================================

======= =======================================================================
test    compares
======= =======================================================================
(none)  the lemma, lower case (prt, prep, oprd, case: the word, lower case)
type    the spaCy entity type (PERSON, ORG, GPE, NORP, PRODUCT, WORK_OF_ART, ...) or
        the actor type found for the word (PERSON, ORGANIZATION, STATE, PLACE, GROUP);
        PROPN for a proper noun in no entity ("released a new *iPhone*")
lex     the WordNet class of the noun: person, artifact, communication
event   the type the lexicon gives the noun as an event when nothing else is known
        ("the *quake* struck": DISASTER)
======= =======================================================================

``neg`` (no values) holds when the trigger is negated. A row's mode ``@slot`` takes the mode
of the event noun in that slot ("the quake struck": DISASTER, mode earthquake). This module
only matches cues; which words mean what is data, in ``event_lexicon.tsv``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...common.noun_classes import noun_class
from ..tokens import children_of
from .arguments import counted, subject_of

NEG_WORDS = frozenset({"not", "n't", "never", "no"})
# Slots compared by the word as written, not by lemma.
_BY_WORD = frozenset({"prt", "prep", "oprd", "case"})
_TESTS = frozenset({"", "type", "lex", "event"})


@dataclass(frozen=True)
class Site:
    """A trigger and what the cues may ask about it."""

    head: Token
    kind: str  # "verb" | "noun"
    particle: Token | None
    actor_type: Callable[[Token], str | None]  # our actor type of a token, if any
    noun_event: Callable[[str], str | None]  # the lexicon's plain type of an event noun


def check_cue(key: str) -> None:
    """Raise ValueError for a cue this module cannot match (a typo in the data)."""
    slot, _, test = key.partition("-")
    if key != "neg" and (slot not in _SLOTS or test not in _TESTS):
        raise ValueError(f"unknown lexicon cue {key!r}")


def cue_holds(key: str, values: frozenset[str], site: Site) -> bool:
    """Whether the cue ``key`` with its accepted ``values`` holds at ``site``."""
    if key == "neg":
        return is_negated(site.head) or _governor_negated(site.head)
    slot, _, test = key.partition("-")
    if slot == "doc":  # the words of an article, looked up as a set rather than one by one
        return bool(_doc_lemmas(site.head.doc) & values)
    return any(_features(slot, test, t, site) & values for t in _SLOTS[slot](site))


def slot_tokens(slot: str, site: Site) -> list[Token]:
    """The words of ``slot`` at ``site``."""
    return _SLOTS[slot](site)


def _features(slot: str, test: str, token: Token, site: Site) -> set[str]:
    if test == "type":
        named = token.ent_type_ or ("PROPN" if token.pos_ == "PROPN" else "")
        return {named, site.actor_type(token) or ""}
    if test == "lex":
        return {noun_class(token.lemma_) or ""}
    if test == "event":
        return {site.noun_event(token.lemma_.lower()) or ""}
    return {token.lower_ if slot in _BY_WORD else token.lemma_.lower()}


def is_negated(token: Token) -> bool:
    if any(
        c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ == "det") for c in children_of(token)
    ):
        return True
    return any(c.lower_ == "never" for c in children_of(token) if c.dep_ == "advmod")


def _governor_negated(token: Token) -> bool:
    """'doesn't want to allow': negation of a control verb reaches its complement."""
    return token.dep_ == "xcomp" and is_negated(token.head)


# ---------------------------------------------------------------- slots


def _prt(site: Site) -> list[Token]:
    return [site.particle] if site.particle is not None else []


def _prep(site: Site) -> list[Token]:
    return [c for c in children_of(site.head) if c.dep_ in ("prep", "agent")]


def _pobj(site: Site) -> list[Token]:
    preps = [c for c in children_of(site.head) if c.dep_ in ("prep", "agent", "prt", "advmod")]
    preps += [g for p in preps for g in children_of(p) if g.dep_ == "prep"]
    return [counted(o) for p in preps for o in children_of(p) if o.dep_ == "pobj"]


def _dobj(site: Site) -> list[Token]:
    head = site.head
    found = [counted(c) for c in children_of(head) if c.dep_ in ("dobj", "nsubjpass")]
    verb = head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "hostages captured ... and still held in Gaza"
    if not found and verb.dep_ == "acl" and head.tag_ == "VBN":
        found.append(counted(verb.head))  # "hostages released on Friday"
    return found


def _subj(site: Site) -> list[Token]:
    head = site.head
    by = [c for c in children_of(head) if c.dep_ == "agent"]
    agents = [o for c in by for o in children_of(c) if o.dep_ == "pobj"]
    if site.kind == "noun":
        agents += [c for c in children_of(head) if c.dep_ == "poss"]
        verb, dep = _governor(head)
        if verb is not None and dep in ("dobj", "attr"):  # "workers staged a strike"
            agents += _active_subject(verb)
        return [counted(t) for t in agents]
    return [counted(t) for t in agents + _active_subject(head)]


def _active_subject(verb: Token) -> list[Token]:
    subject, passive = subject_of(verb)
    return [subject] if subject is not None and not passive else []


def _oprd(site: Site) -> list[Token]:
    return [
        c
        for c in children_of(site.head)
        if c.dep_ in ("oprd", "acomp", "xcomp") or (c.dep_ == "ccomp" and c.pos_ == "ADJ")
    ]  # "found him guilty": the parser makes "guilty" a clause of its own


def _mod(site: Site) -> list[Token]:
    return [c for c in children_of(site.head) if c.dep_ in ("amod", "compound", "nmod", "poss")]


def _gov(site: Site) -> list[Token]:
    verb, _ = _governor(site.head)
    return [verb] if verb is not None else []


def _governor(noun: Token) -> tuple[Token | None, str]:
    """The word governing a noun as its object or subject, directly or through a
    preposition, and the noun's relation to it."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "launched attacks and raids": raids as attacks
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return noun.head, noun.dep_
    if noun.dep_ == "pobj" and noun.head.dep_ in ("prep", "agent"):
        return noun.head.head, "pobj"
    return None, ""


def _case(site: Site) -> list[Token]:
    head = site.head
    return [head.head] if head.dep_ == "pobj" else []


def _sent(site: Site) -> list[Token]:
    return list(site.head.sent)


def _doc(site: Site) -> list[Token]:
    return list(site.head.doc)


# (document, its lemmas): the last article asked about, as for children_of
_doc_memo: tuple[Doc | None, frozenset[str]] = (None, frozenset())


def _doc_lemmas(doc: Doc) -> frozenset[str]:
    global _doc_memo
    if _doc_memo[0] is not doc:
        _doc_memo = (doc, frozenset(t.lemma_.lower() for t in doc))
    return _doc_memo[1]


_SLOTS: dict[str, Callable[[Site], list[Token]]] = {
    "prt": _prt,
    "prep": _prep,
    "pobj": _pobj,
    "dobj": _dobj,
    "subj": _subj,
    "oprd": _oprd,
    "mod": _mod,
    "gov": _gov,
    "case": _case,
    "sent": _sent,
    "doc": _doc,
}
