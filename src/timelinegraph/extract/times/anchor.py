"""Which way an underspecified expression points, from the tense and modality of its clause.

"Thursday", "November" or "Oct. 7" name a day or month without a year or week; which one is
meant depends on the clause: "said Thursday" looks back, "may return on Sunday" looks ahead.
We find the verb that governs the expression in the dependency parse and read its tense.
"""

from __future__ import annotations

import re
from enum import StrEnum

from spacy.tokens import Span, Token

from ..tokens import children_of


class Direction(StrEnum):
    PAST = "past"
    FUTURE = "future"
    PRESENT = "present"  # or unknown: take the nearest candidate


_FUTURE_AUX = {"will", "shall", "'ll", "wo", "gon"}
_MODAL_AUX = {"may", "might", "could", "would", "should", "can", "must", "ca", "'d"}
_HAVE = {"have", "has", "had", "'ve"}
_PAST_BE = {"was", "were", "had"}
# Verbs whose complement lies ahead of them: "expected to open", "plans to return".
_PROSPECTIVE = {
    "expect", "plan", "schedule", "set", "due", "hope", "aim", "intend", "slate", "prepare",
    "want", "propose", "anticipate", "forecast", "predict", "project", "promise", "vow",
    "pledge", "threaten", "agree", "seek", "try", "go", "poise", "likely", "able",
}  # fmt: skip
# Cue words just before the expression that fix its direction on their own.
_FUTURE_CUE = re.compile(
    r"\b(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|starting|beginning|upcoming|"
    r"next|coming|until|till|ahead\s+of)\s*$",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(r"\b(?:since|last|previous|earlier|ago)\s*$", re.IGNORECASE)


# Words on the path from the expression up to its verb that fix the direction.
_PATH_FUTURE = {"ahead", "upcoming", "next", "coming", "until", "till"}
_PATH_PAST = {"since", "ago", "previous", "prior"}
# spaCy's small model lemmatizes some of these wrongly ("hoping" -> "hop").
_LEMMA_FIX = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}


def _lemma(token: Token) -> str:
    return _LEMMA_FIX.get(token.lower_, token.lemma_)


def _path(span: Span) -> tuple[list[Token], Token | None]:
    """Tokens from the expression's root up to (not including) the governing verb, and it."""
    token = span.root
    path: list[Token] = []
    for _ in range(8):
        if token.head.i == token.i:
            return path, (token if token.pos_ in ("VERB", "AUX") else None)
        token = token.head
        if token.pos_ in ("VERB", "AUX") and not (span.start <= token.i < span.end):
            return path, token
        path.append(token)
    return path, None


def governing_verb(span: Span) -> Token | None:
    """The nearest verb (or auxiliary used as main verb) above the expression's root."""
    return _path(span)[1]


def verb_direction(verb: Token) -> Direction:
    """Tense/modality of one verb with its auxiliaries. An infinitive ("to help") takes the
    direction of the verb it serves: followed up the chain in a loop, not by recursion, so
    "to help to help ..." thousands deep is read like any other, never a RecursionError."""
    while True:
        found = _own_direction(verb)
        if isinstance(found, Direction):
            return found
        verb = found


def _own_direction(verb: Token) -> Direction | Token:
    """The direction ``verb`` shows by itself, or the verb whose direction it takes."""
    auxes = [c.lower_ for c in children_of(verb) if c.dep_ in ("aux", "auxpass")]
    if any(a in _FUTURE_AUX for a in auxes):
        return Direction.FUTURE
    if any(a in _MODAL_AUX for a in auxes):
        # "could have opened" looks back; "could open" looks ahead.
        if any(a in _HAVE for a in auxes) and verb.tag_ == "VBN":
            return Direction.PAST
        return Direction.FUTURE
    if _lemma(verb) in _PROSPECTIVE and _lemma(verb) not in ("go", "agree", "try", "seek"):
        # "is expected Friday" / "plans to ..." look ahead; "was expected" is unclear.
        if any(a in _PAST_BE for a in auxes) or verb.tag_ == "VBD":
            return Direction.PRESENT
        return Direction.FUTURE
    if verb.tag_ == "VB" and "to" in auxes and verb.dep_ in ("xcomp", "ccomp", "advcl"):
        head = verb.head
        if _lemma(head) in _PROSPECTIVE:
            return Direction.PRESENT if head.tag_ == "VBD" else Direction.FUTURE
        return head if head.i != verb.i else Direction.PRESENT
    if verb.tag_ == "VBD":
        return Direction.PAST
    if verb.tag_ == "VBN":
        if any(a in ("is", "are", "am", "be", "'s", "'re") for a in auxes):
            return Direction.PRESENT
        return Direction.PAST  # perfect, past passive, reduced relative ("captured during")
    if verb.tag_ == "VBG" and any(a in ("was", "were") for a in auxes):
        return Direction.PAST
    if any(a in _HAVE for a in auxes):
        return Direction.PAST  # "has been leading"
    return Direction.PRESENT


def clause_direction(
    span: Span,
    text: str,
    sent_start: int | None = None,
    verbs: dict[int, Direction] | None = None,
) -> Direction:
    """Direction of the clause holding ``span``: explicit cue words first, then the verb
    (``text`` is ``span.doc.text``, joined once by the caller). A caller asking for many
    spans of one document passes where each one's sentence starts (``Span.sent`` walks the
    sentence token by token) and a dict keeping each verb's direction (``verbs``): a run-on
    sentence of thousands of dates would otherwise take time quadratic in its length."""
    doc = span.doc
    if sent_start is None:
        sent_start = span.sent.start_char if doc.has_annotation("SENT_START") else 0
    before = text[max(sent_start, span.start_char - 30) : span.start_char]
    if _FUTURE_CUE.search(before):
        return Direction.FUTURE
    if _PAST_CUE.search(before):
        return Direction.PAST
    path, verb = _path(span)
    words = {t.lower_ for t in path}
    if words & _PATH_FUTURE:
        return Direction.FUTURE
    if words & _PATH_PAST:
        return Direction.PAST
    if verb is None:
        return Direction.PRESENT
    if verbs is None:
        return verb_direction(verb)
    if verb.i not in verbs:
        verbs[verb.i] = verb_direction(verb)
    return verbs[verb.i]
