"""Polarity and modality of a trigger: negation, reports, plans and hypotheticals."""

from __future__ import annotations

from spacy.tokens import Token

from ...models import Modality, Polarity
from ..tokens import children_of
from .lexicon import is_negated
from .triggers import LIGHT

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "would", "should", "can", "'d"})
HYPOTHETICAL_MARKS = frozenset({"if", "whether", "unless"})
HYPOTHETICAL_NOUNS = frozenset({"possibility", "prospect", "chance", "risk", "hope", "option"})
PLANNING = frozenset(
    {
        "plan", "intend", "expect", "aim", "hope", "seek", "want", "try", "attempt", "prepare",
        "propose", "promise", "vow", "pledge", "threaten", "decide", "agree", "schedule",
        "set", "push", "offer", "need", "wish", "work", "look", "consider", "explore", "urge",
        "ask", "demand", "call", "pressure", "press", "willing", "able", "ready", "move",
    }
)  # fmt: skip
# "after sentencing Nichols, the judge urged ...": a time, not a purpose.
TEMPORAL_PREPS = frozenset({"after", "before", "since", "while", "during", "upon", "following"})
REALIZED = frozenset({"begin", "start", "continue", "manage", "fail", "stop", "keep", "help"})
# A noun event that is another verb's argument keeps its own reality.
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "dative", "appos"})
PLAN_NOUNS = frozenset({"plan", "bid", "effort", "attempt", "proposal", "goal", "priority"})


def governing_verb(token: Token) -> Token:
    """The verb whose clause a (nominal) trigger belongs to; the token itself for verbs."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def polarity(head: Token, consumed: bool) -> Polarity:
    """NEG when the trigger (or its clause verb, for nouns) is negated."""
    if consumed:
        return Polarity.POSITIVE
    negated = is_negated(head)
    if head.pos_ != "VERB" and not negated:
        verb = governing_verb(head)
        negated = (
            verb.i != head.i
            and head.dep_ in ("dobj", "nsubjpass")
            and verb.lemma_.lower() in LIGHT
            and is_negated(verb)
        )
    if not negated and head.dep_ == "xcomp" and head.head.lemma_.lower() in PLANNING:
        negated = is_negated(head.head)  # "doesn't want to allow"
    return Polarity.NEGATIVE if negated else Polarity.POSITIVE


def _known(noun: Token) -> bool:
    """A definite or possessed noun names something already there ("the demand", "Hamas'
    demand"); "a pause" under "would accept" is only wished for."""
    return any(
        c.dep_ == "poss"
        or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these"))
        or (c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" and c.i < noun.i)
        for c in children_of(noun)
    )


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in children_of(verb) if c.dep_ in ("aux", "auxpass")}


def modality(head: Token, reported: bool, future_time: bool, stance: bool = False) -> Modality:
    """HYPOTHETICAL > PLANNED > REPORTED > ASSERTED, read from the trigger's clause chain."""
    hypothetical = planned = False
    current = head
    for depth in range(8):
        aux = _aux(current)
        if aux & HYPOTHETICAL_AUX:
            if aux & {"would", "'d"} and reported and depth == 0:
                planned = True  # future-in-the-past under a report: "would continue"
            else:
                hypothetical = True
        if (aux & FUTURE_AUX and not (stance and depth == 0)) or "going" in aux:
            planned = True
        marks = {c.lower_ for c in children_of(current) if c.dep_ == "mark"}
        if marks & HYPOTHETICAL_MARKS:
            hypothetical = True
        infinitive = "to" in aux and current.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp")
        if infinitive and current.head.lemma_.lower() not in REALIZED:
            planned = True  # infinitival purpose/intention: "sought to strike"
        purpose = current.dep_ == "pcomp" and current.head.lower_ not in TEMPORAL_PREPS
        if purpose and current.head.head.lemma_.lower() in PLANNING:
            planned = True  # "aimed at securing"
        gov = current.head
        if gov.i == current.i:
            break
        if current.dep_ == "pobj" and gov.head.lemma_.lower() in HYPOTHETICAL_NOUNS:
            hypothetical = True  # "the possibility of a cease-fire"
        if current.dep_ in ("pobj", "acl") and gov.head.lemma_.lower() in PLAN_NOUNS:
            planned = True  # "a plan to limit", "efforts at ..."
        if current.dep_ == "pobj" and gov.head.lemma_.lower() in PLANNING:
            planned = True  # "a deal aimed at a cease-fire", "hopes for a truce"
        if current.dep_ == "xcomp" and gov.lemma_.lower() in PLANNING:
            planned = True  # "hoping to reach", "expected to discuss"
        if current.dep_ == "dobj" and gov.lemma_.lower() in PLANNING:
            planned = True  # "seeks a cease-fire", "demanded a truce"
        if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ARGUMENT_DEPS and _known(current):
            break  # "won't accept Hamas' demand": the demand was made; only the accepting is not
        verbal = current.pos_ in ("VERB", "AUX")
        if verbal and current.dep_ not in ("xcomp", "conj", "pcomp"):
            break  # a clause boundary: the governing clause has its own modality
        current = gov
    if hypothetical:
        return Modality.HYPOTHETICAL
    if planned or future_time:
        return Modality.PLANNED
    return Modality.REPORTED if reported else Modality.ASSERTED
