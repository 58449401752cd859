"""TimeML class, tense, aspect and part of speech of a trigger.

The class word lists follow the TimeML 1.2.1 annotation guidelines (section 2.2.1, which
gives these verbs and their nominalisations as the examples of each class); anything not
listed is an OCCURRENCE, except copulas and possession, which are STATEs.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import EventClass
from ..tokens import children_of
from .triggers import REPORTING as REPORTING_VERBS

PERCEPTION = frozenset(
    {"see", "watch", "glimpse", "behold", "view", "hear", "listen", "overhear", "notice",
     "observe", "witness", "spot", "perceive", "sight"}
)  # fmt: skip
# The reporting verbs the trigger finder already knows, plus the announcing and reacting words
# TimeML also classes as REPORTING; "observe" is TimeML's PERCEPTION.
REPORTING = (
    REPORTING_VERBS
    | {
        "announce", "announcement", "statement", "declare", "describe", "reveal", "disclose",
        "unveil", "respond", "reply", "answer", "admit", "deny", "warn", "suggest", "speak",
        "testify", "tweet", "complaint", "complain", "criticize", "criticise", "praise",
        "welcome", "reaction", "react",
    }
) - PERCEPTION  # fmt: skip
I_STATE = frozenset(
    {
        "believe", "think", "suspect", "imagine", "doubt", "feel", "conceive", "know",
        "want", "love", "like", "desire", "crave", "hope", "expect", "aspire", "plan",
        "fear", "hate", "dread", "worry", "need", "require", "wish", "prefer", "intend",
        "consider", "realize", "realise", "understand", "assume", "anticipate", "predict",
        "forecast", "concern", "expectation", "belief", "wonder",
        "resent", "regret", "trust", "estimate", "guess", "conclude", "define",
    }
)  # fmt: skip
I_ACTION = frozenset(
    {
        "attempt", "try", "scramble", "investigate", "investigation", "delay", "postpone",
        "defer", "hinder", "avoid", "prevent", "cancel", "ask", "order", "persuade",
        "request", "beg", "command", "urge", "authorize", "authorise", "promise", "offer",
        "assure", "propose", "proposal", "agree", "swear", "vow", "allege", "name",
        "nominate", "appoint", "designate", "demand", "seek", "threaten", "refuse",
        "call", "force", "allow", "permit", "enable", "invite", "push", "press", "pressure",
        "encourage", "approve", "reject", "block", "ban", "forbid", "let", "help",
        "decide", "decision", "choose", "determine",
    }
)  # fmt: skip
ASPECTUAL = frozenset(
    {
        "begin", "start", "initiate", "commence", "launch", "continue", "keep", "proceed",
        "stop", "cease", "quit", "discontinue", "end", "finish", "complete", "terminate",
        "interrupt", "resume", "halt", "suspend", "conclude", "renew", "restart",
        "beginning", "completion", "resumption", "continuation",
    }
)  # fmt: skip
STATE = frozenset(
    {"be", "have", "remain", "own", "possess", "exist", "live", "belong", "contain",
     "consist", "include", "lack", "hold", "stay", "seem", "appear", "become"}
)  # fmt: skip

# Only a verb with a verbal or nominal event complement is aspectual ("began selling");
# "launched the iPod" is an occurrence.
ASPECTUAL_NEEDS_EVENT_COMPLEMENT = frozenset({"launch", "start", "begin", "end", "complete"})


def timeml_class(head: Token, lemma: str, *, is_noun: bool) -> EventClass:
    """The TimeML class of a trigger from its lemma and, for aspectuals, its complement."""
    base = lemma.split(" ")[0]
    if base in REPORTING:
        return EventClass.REPORTING
    if base in PERCEPTION and not is_noun:
        return EventClass.PERCEPTION
    if base in ASPECTUAL and (
        base not in ASPECTUAL_NEEDS_EVENT_COMPLEMENT or _has_event_complement(head)
    ):
        return EventClass.ASPECTUAL
    if base in I_STATE:
        return EventClass.I_STATE
    if base in I_ACTION:
        return EventClass.I_ACTION
    if base in STATE and not is_noun:
        return EventClass.STATE
    return EventClass.OCCURRENCE


def _has_event_complement(head: Token) -> bool:
    return any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "dobj" and c.tag_ == "VBG")
        for c in children_of(head)
    )


POS_NAMES = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJECTIVE"}


def timeml_pos(head: Token) -> str:
    return POS_NAMES.get(head.pos_, "OTHER")


def tense_aspect(head: Token) -> tuple[str, str]:
    """TimeML (tense, aspect) of a verbal trigger from its tag and auxiliaries."""
    if head.pos_ not in ("VERB", "AUX"):
        return "NONE", "NONE"
    auxes = [c for c in children_of(head) if c.dep_ in ("aux", "auxpass") and c.i < head.i]
    lemmas = [a.lemma_.lower() for a in auxes]
    perfect = "have" in lemmas and head.tag_ == "VBN"
    progressive = head.tag_ == "VBG" and any(a.lemma_.lower() == "be" for a in auxes)
    aspect = (
        "PERFECTIVE_PROGRESSIVE"
        if perfect and progressive
        else "PERFECTIVE"
        if perfect or (progressive and "have" in lemmas)
        else "PROGRESSIVE"
        if progressive
        else "NONE"
    )
    return _tense(head, auxes), aspect


def _tense(head: Token, auxes: list[Token]) -> str:
    lowered = [a.lower_ for a in auxes]
    if any(w in ("will", "shall", "'ll", "wo") for w in lowered) or _going_to(head):
        return "FUTURE"
    if any(a.tag_ == "MD" for a in auxes):
        return "NONE"  # could, would, may: modality, not tense
    finite = next((a for a in auxes if a.tag_ in ("VBD", "VBZ", "VBP")), None)
    tag = finite.tag_ if finite is not None else head.tag_
    if tag == "VBD":
        return "PAST"
    if tag in ("VBZ", "VBP"):
        return "PRESENT"
    if "to" in lowered or (tag == "VB" and head.dep_ == "xcomp"):
        return "INFINITIVE"
    if tag == "VBG":
        return "PRESPART"
    if tag == "VBN":
        return "PASTPART"
    if tag == "VB":
        return "INFINITIVE" if not auxes else "NONE"
    return "NONE"


def _going_to(head: Token) -> bool:
    """'is going to announce': the future periphrasis."""
    parent = head.head
    return (
        head.dep_ == "xcomp"
        and parent.lemma_.lower() == "go"
        and parent.tag_ == "VBG"
        and any(c.lower_ == "to" for c in children_of(head))
    )
