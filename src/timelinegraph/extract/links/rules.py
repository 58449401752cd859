"""The relation rules, tried before the classifier: each returns a ``Found`` or None.

- **signal**: a signal word joins two events of a sentence, or an event and a time: "X after
  Y" (X AFTER Y), "X before / ahead of / prior to / until Y" (X BEFORE Y), "X during / amid
  Y" (X IS_INCLUDED Y), "X since Y" (X AFTER Y: X starts after Y began), "X and then Y" (X
  BEFORE Y). "While" and "when" are left to the classifier: "while" contrasts as often as it
  times, and "when" can mean before, during or just after;
- **reported**: the event a reporting verb tells of, by its tense: done before the telling
  (past occurrence, perfect: BEFORE), to come (future, "would": AFTER), holding at the time of
  telling (progressive, a state: INCLUDES);
- **tense** (event and publication date): a past or future tense, a progressive or a present
  state places the event against the day the article was written;
- **news** (event and publication date): an event dated by a past time expression lies before
  the publication ("on Monday", published Thursday: BEFORE).

Each rule's confidence is its precision on the TempEval-3 / MATRES train and dev parts
(``training/train_tlinks.py`` prints them), never the test part (``CONFIDENCE``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tokens import children_of
from .nodes import EventNode, TimeNode
from .syntax import reporting_verb, signal_of

__all__ = ["CONFIDENCE", "Found", "confidence", "dct_rule", "event_rule", "timex_rule"]

# signal word -> how the governing event lies against the event (or time) the word introduces
SIGNAL_RELATIONS = {
    "after": "AFTER",
    "following": "AFTER",
    "since": "AFTER",
    "before": "BEFORE",
    "ahead": "BEFORE",
    "prior": "BEFORE",
    "until": "BEFORE",
    "till": "BEFORE",
    "during": "IS_INCLUDED",
    "amid": "IS_INCLUDED",
    "throughout": "IS_INCLUDED",
}
# with a time expression, only the words whose meaning does not hang on the time's length
TIME_SIGNALS = {"after": "AFTER", "before": "BEFORE", "on": "IS_INCLUDED", "in": "IS_INCLUDED",
                "during": "IS_INCLUDED", "at": "IS_INCLUDED"}  # fmt: skip
CONVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED",
            "IS_INCLUDED": "INCLUDES", "SIMULTANEOUS": "SIMULTANEOUS"}  # fmt: skip
STATIVE = frozenset({"STATE", "I_STATE"})
FUTURE_MODALS = frozenset({"will", "would", "'ll", "wo", "shall"})
# (rule, relation) -> precision on the train and dev parts where the gold states a relation
# (training/train_tlinks.py prints them); what fired fewer than 20 times there is held to 0.9
CONFIDENCE = {
    ("signal", "AFTER"): 0.98,
    ("signal", "BEFORE"): 0.83,
    ("signal", "IS_INCLUDED"): 0.89,
    ("reported", "BEFORE"): 0.99,
    ("reported", "AFTER"): 0.89,
    ("reported", "INCLUDES"): 0.93,
    ("tense", "BEFORE"): 0.82,
    ("tense", "AFTER"): 0.93,
    ("tense", "INCLUDES"): 0.74,
    ("news", "BEFORE"): 0.86,
}
UNMEASURED = 0.9


def confidence(found: Found) -> float:
    return CONFIDENCE.get((found.rule, found.relation), UNMEASURED)


@dataclass(frozen=True, slots=True)
class Found:
    """``source relation target``, the rule that found it and why."""

    source: str
    target: str
    relation: str
    rule: str
    evidence: str


def event_rule(a: EventNode, b: EventNode) -> Found | None:
    """Two events of one sentence (or adjacent ones, for "then"): a signal or a report."""
    if a.sentence == b.sentence:
        for gov, dep in ((a, b), (b, a)):
            found = _signal(gov, dep) or _reported(gov, dep)
            if found is not None:
                return found
    return _then(a, b)


def _governs(gov: EventNode, dep: EventNode) -> bool:
    """``dep``'s phrase hangs off ``gov``: directly, or through its preposition."""
    head = dep.head.head
    if head.i == gov.head.i:
        return True
    return (dep.head.dep_ in ("pobj", "pcomp", "dobj") and head.head.i == gov.head.i) or (
        head.lower_ in ("of", "to") and head.head.head.i == gov.head.i
    )


def _signal(gov: EventNode, dep: EventNode) -> Found | None:
    word = signal_of(dep.head)
    relation = SIGNAL_RELATIONS.get(word or "")
    rule = "signal"
    if relation is not None and not _governs(gov, dep):
        rule = "signal-report" if _told_before_teller(gov, dep) else ""
    if relation is None or not rule:
        word, rule = _phrase_signal(gov, dep), "signal"
        relation = SIGNAL_RELATIONS.get(word or "")
        if relation is None:
            return None
    words = "ahead of" if word == "ahead" else "prior to" if word == "prior" else word
    evidence = f"'{gov.head.text} ... {words} ... {dep.head.text}'"
    if rule == "signal-report":
        evidence += f" (the clause hangs on '{dep.head.head.text}', which tells it)"
    return Found(gov.id, dep.id, relation, rule, evidence)


def _told_before_teller(told: EventNode, dep: EventNode) -> bool:
    """News writes "X happened, officials said Thursday, after Y": the parser hangs "after Y"
    on "said", but it times X. Taken so only when the told clause comes before its teller and
    the signal clause after it ("said after the meeting that X" times the telling), and not
    for a quotation (""...," he said in an interview months before he took office")."""
    teller = reporting_verb(told.head)
    if teller is None or dep.head.head.i != teller.i or not told.head.i < teller.i < dep.head.i:
        return False
    between = told.head.doc[told.head.i : teller.i]
    return not any(t.is_quote for t in between)


PHRASE_REACH = 6  # words from a preposition to the head of its noun phrase


def _phrase_signal(gov: EventNode, dep: EventNode) -> str | None:
    """A preposition of ``gov`` whose noun phrase ends in ``dep``, when the parser hung the
    phrase elsewhere ("captured during the Hamas Oct. 7 attacks": "Hamas" as the object)."""
    if dep.head.pos_ != "NOUN" or dep.head.i <= gov.head.i:
        return None
    for prep in children_of(gov.head):
        if prep.dep_ != "prep" or not 0 < dep.head.i - prep.i <= PHRASE_REACH:
            continue
        between = prep.doc[prep.i + 1 : dep.head.i]
        if all(t.pos_ in ("DET", "PROPN", "NUM", "ADJ", "NOUN", "PART") for t in between):
            return prep.lower_
    return None


def _then(a: EventNode, b: EventNode) -> Found | None:
    """'X, then Y' / 'X. Then Y': the later-told event follows."""
    then = any(c.lower_ == "then" and c.dep_ == "advmod" for c in children_of(b.head))
    if not then:
        return None
    joined = b.head.dep_ == "conj" and b.head.head.i == a.head.i
    next_main = b.sentence == a.sentence + 1 and a.head.dep_ == "ROOT" and b.head.dep_ == "ROOT"
    if not (joined or next_main):
        return None
    return Found(a.id, b.id, "BEFORE", "signal", f"'{a.head.text} ... then {b.head.text}'")


def _reported(teller: EventNode, told: EventNode) -> Found | None:
    verb = reporting_verb(told.head)
    if verb is None or verb.i != teller.head.i:
        return None
    relation = _reported_relation(told)
    if relation is None:
        return None
    evidence = f"'{told.head.text}' ({told.tense.lower()}, {told.aspect.lower()}) told by "
    return Found(told.id, teller.id, relation, "reported", evidence + f"'{teller.head.text}'")


def _reported_relation(told: EventNode) -> str | None:
    modal = next((c.lower_ for c in children_of(told.head) if c.tag_ == "MD"), None)
    if told.tense == "FUTURE" or modal in FUTURE_MODALS:
        return "AFTER"
    if modal is not None:
        return None  # could, may, should: no time of its own
    if told.aspect in ("PERFECTIVE", "PERFECTIVE_PROGRESSIVE"):
        return "BEFORE"
    if told.aspect == "PROGRESSIVE":
        return "INCLUDES"
    if told.tense == "PAST":
        return "INCLUDES" if told.event_class in STATIVE else "BEFORE"
    if told.tense == "PRESENT" and told.event_class in STATIVE:
        return "INCLUDES"
    return None


def timex_rule(node: EventNode, time: TimeNode, attached: bool) -> Found | None:
    """An event and the time expression that hangs off it, joined by a preposition."""
    if not attached or time.type not in ("DATE", "TIME"):
        return None
    word = signal_of(time.root)
    relation = TIME_SIGNALS.get(word or "")
    if relation is None:
        return None
    evidence = f"'{node.head.text} ... {word} {time.span.text}'"
    return Found(node.id, time.id, relation, "signal", evidence)


def dct_rule(node: EventNode, time: TimeNode | None, dct: str) -> Found | None:
    """An event against the publication date: by the date that dates it, else by tense."""
    if time is not None and time.to_dct == "BEFORE":
        # not its converse: what is dated after publication is planned, and a plan's time
        # is often the deadline or the talk's, not the event's
        evidence = f"dated '{time.span.text}' ({time.value}), before publication"
        return Found(node.id, dct, "BEFORE", "news", evidence)
    relation = _tense_relation(node)
    if relation is None:
        return None
    evidence = f"'{node.head.text}': {node.tense.lower()} tense, {node.aspect.lower()} aspect"
    return Found(node.id, dct, relation, "tense", evidence)


def _tense_relation(node: EventNode) -> str | None:
    if node.tense == "FUTURE":
        return "AFTER"
    if node.tense == "PAST" and node.event_class not in STATIVE:
        return "BEFORE"
    if node.tense == "PRESENT" and node.aspect == "PERFECTIVE":
        return "BEFORE"
    if node.tense == "PRESENT" and node.aspect == "PROGRESSIVE":
        return "INCLUDES"
    return None
