"""Who says so: the source of a reported event ("Egyptian officials said", "according to")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..tokens import children_of
from .arguments import ActorLookup, subject_of
from .triggers import REPORTING

REPORT_LINKS = frozenset({"ccomp", "parataxis", "advcl", "conj", "relcl"})
ACCORDING_WINDOW = 80  # tokens either side of a trigger; real sentences are shorter


@dataclass
class Report:
    verb: Token | None  # the reporting verb, None for "according to"
    actor: str | None
    text: str


def clause_head(token: Token) -> Token:
    """The verb heading the clause a trigger sits in (climbing nouns, xcomp, conj)."""
    current = token
    for _ in range(10):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("xcomp", "pcomp", "conj"):
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def find_report(
    head: Token, lookup: ActorLookup, according: Sequence[int] | None = None
) -> Report | None:
    """The reporting frame governing a trigger, if any. ``according``: indexes of the
    article's tokens "according" when known (most articles have none, and then the sentence
    window is not scanned for every trigger)."""
    if head.lemma_.lower() in REPORTING:
        return None
    clause = clause_head(head)
    # 1. an ancestor reporting verb: "officials said [that] Hamas pulled out"
    current = clause
    for _ in range(6):
        gov = current.head
        if gov.i == current.i:
            break
        if gov.lemma_.lower() in REPORTING and current.dep_ in REPORT_LINKS | {"xcomp"}:
            return _from_verb(gov, lookup)
        current = clause_head(gov)
    # 2. a reporting verb hanging off the clause: "Hamas pulled out, officials said"
    for child in children_of(clause):
        if (
            child.lemma_.lower() in REPORTING
            and child.dep_ in REPORT_LINKS
            and child.pos_ == "VERB"
        ) and (
            any(c.dep_ in ("nsubj", "nsubjpass") for c in children_of(child)) or child.i > clause.i
        ):
            return _from_verb(child, lookup)
    # 3. "according to X" in the sentence (within a window, so that a run-on "sentence" of
    # thousands of words does not make every event scan all of it)
    if according is not None and not any(abs(i - head.i) <= ACCORDING_WINDOW for i in according):
        return None
    for token in _window(head, ACCORDING_WINDOW):
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            objects = [o for o in children_of(to) if o.dep_ == "pobj"]
            objects += [o for o in children_of(token) if o.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                span = token.doc[token.i : obj.right_edge.i + 1]
                actors = lookup.of_phrase(obj)
                return Report(None, actors[0] if actors else None, span.text)
    return None


def _window(head: Token, radius: int) -> Span:
    """The tokens of ``head``'s sentence within ``radius`` tokens of it."""
    doc = head.doc
    lo = hi = head.i
    while lo > 0 and lo > head.i - radius and not doc[lo].is_sent_start:
        lo -= 1
    while hi + 1 < len(doc) and hi < head.i + radius and not doc[hi + 1].is_sent_start:
        hi += 1
    return doc[lo : hi + 1]


def _from_verb(verb: Token, lookup: ActorLookup) -> Report:
    subject, _ = subject_of(verb)
    if subject is None:
        return Report(verb, None, verb.text)
    actors = lookup.of_phrase(subject)
    lo = min(subject.left_edge.i, verb.i)
    hi = max(subject.right_edge.i, verb.i)
    text = verb.doc[lo : hi + 1].text if hi - lo <= 12 else f"{subject.text} {verb.text}"
    return Report(verb, actors[0] if actors else None, text)
