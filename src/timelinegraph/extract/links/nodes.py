"""What a temporal link joins, as the relation step sees it: event mentions (head word, TimeML
class, tense, aspect) and time expressions (root word, type, where they lie against the
publication date).

Nodes are built the same way from our extraction and from gold annotations (training, the
MATRES score), so the classifier meets at run time what it was trained on: tense, aspect and
part of speech always come from the parse, never from an annotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..events.classes import tense_aspect, timeml_pos
from ..events.timing import bounds

__all__ = ["DCT", "EventNode", "TimeNode", "dct_relation", "event_node", "time_node"]

DCT = "dct"  # the target id of a link to the publication date


@dataclass(frozen=True, slots=True)
class EventNode:
    id: str
    head: Token
    sentence: int
    event_class: str
    tense: str
    aspect: str
    pos: str


@dataclass(frozen=True, slots=True)
class TimeNode:
    id: str
    span: Span
    sentence: int
    type: str
    value: str
    to_dct: str | None  # BEFORE | AFTER | INCLUDES | SIMULTANEOUS: the time against the DCT

    @property
    def root(self) -> Token:
        return self.span.root


def event_node(node_id: str, head: Token, sentence: int, event_class: str) -> EventNode:
    tense, aspect = tense_aspect(head)
    return EventNode(node_id, head, sentence, event_class, tense, aspect, timeml_pos(head))


def time_node(
    node_id: str, doc: Doc, start: int, end: int, sentence: int, kind: str, value: str,
    published: date,
) -> TimeNode | None:  # fmt: skip
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return TimeNode(node_id, span, sentence, kind, value, dct_relation(kind, value, published))


def dct_relation(kind: str, value: str, published: date) -> str | None:
    """How a time lies against the publication date: a past date is BEFORE it, "this month"
    INCLUDES it, "today" is SIMULTANEOUS; durations and sets lie nowhere."""
    if kind not in ("DATE", "TIME"):
        return None
    if value == "PRESENT_REF":
        return "SIMULTANEOUS"
    if value == "PAST_REF":
        return "BEFORE"
    if value == "FUTURE_REF":
        return "AFTER"
    earliest, latest = bounds(value)
    if earliest is None or latest is None:
        return None
    if latest < published:
        return "BEFORE"
    if earliest > published:
        return "AFTER"
    if earliest == latest == published:
        return "SIMULTANEOUS" if "T" not in value else "IS_INCLUDED"
    return "INCLUDES"
