"""TimeML 1.2.1 export of one article, laid out as TempEval-3 distributes its ``.tml`` files.

The ``<TEXT>`` element holds exactly ``article.text``: stripping the tags and unescaping gives
the text back character for character (``\\r`` is written as ``&#13;`` so XML parsers do not
normalize it). The only exception: characters XML 1.0 cannot hold at all (C0 controls other than
tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) become a space, which keeps every offset; they
are counted in ``TimeMLDocument.replaced_chars``.

Inline ``<TIMEX3>`` and ``<EVENT>`` tags do not nest by default: TimeML 1.2.1's schema gives
them text-only content and readers such as anaforatools reject nested tags. Any overlap keeps
the span that starts first (the longer one on a tie; the TIMEX3 when the spans are identical)
and drops the other; every drop is listed in ``TimeMLDocument.dropped``. Spans outside the
text are dropped the same way. With ``nest=True`` a TIMEX3 and an EVENT are both kept when one
strictly contains the other (the inner one is nested), for tools that accept it.

``temporalFunction`` is a heuristic: ``false`` for durations and sets (they are not anchored
to the document date) and for expressions whose text contains a four-digit year (written out
in full); ``true`` otherwise ('Thursday', 'last month', 'recently': computed from the DCT).

Temporal links (``ArticleExtraction.links``) become ``TLINK`` elements after the
MAKEINSTANCEs, as in TempEval-3 files; a link whose event or time was dropped, or whose event
is no TimeML mention, is left out (``TimeMLDocument.tlinks`` counts those written).

Ids: our ``t1, t2, ...`` and ``e1, e2, ...`` are kept (``t0`` is the DCT). If any id does not
have TimeML's form (``t<n>``, n >= 1; ``e<n>``) or repeats, all ids of that kind are renumbered
in text order. MAKEINSTANCE ``eiid`` is ``ei<n>`` for ``e<n>``. Attribute values outside the
TimeML 1.2.1 vocabulary become its neutral value (tense/aspect ``NONE``, pos ``OTHER``; an
unknown TIMEX3 ``mod`` is left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..common.atomic import write_text_atomic
from ..models import ArticleExtraction, Event, TimeExpression, TimexType

__all__ = [
    "DroppedSpan",
    "TimeMLDocument",
    "build_timeml",
    "temporal_function",
    "timeml_document",
    "write_timeml",
]

XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"

TENSES = frozenset({"PAST", "PRESENT", "FUTURE", "INFINITIVE", "PRESPART", "PASTPART", "NONE"})
ASPECTS = frozenset({"PROGRESSIVE", "PERFECTIVE", "PERFECTIVE_PROGRESSIVE", "NONE"})
POS_TAGS = frozenset({"VERB", "NOUN", "ADJECTIVE", "PREPOSITION", "OTHER"})
MODS = frozenset(
    {
        "BEFORE",
        "AFTER",
        "ON_OR_BEFORE",
        "ON_OR_AFTER",
        "LESS_THAN",
        "MORE_THAN",
        "EQUAL_OR_LESS",
        "EQUAL_OR_MORE",
        "START",
        "MID",
        "END",
        "APPROX",
    }
)

_TIMEX, _EVENT = "TIMEX3", "EVENT"
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}  # CR: kept, not normalized
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_TABLE = str.maketrans(_TEXT_ESCAPES)
_ATTR_TABLE = str.maketrans(_ATTR_ESCAPES)


@dataclass(frozen=True)
class DroppedSpan:
    """A TIMEX3 or EVENT left out of the TimeML because its tag could not be placed."""

    kind: str  # TIMEX3 | EVENT
    id: str  # our id (before any renumbering)
    start: int
    end: int
    text: str
    reason: str  # e.g. "crosses TIMEX3 t2 [10:18]"

    def __str__(self) -> str:
        return f"{self.kind} {self.id} {self.text!r} [{self.start}:{self.end}]: {self.reason}"


@dataclass(frozen=True)
class TimeMLDocument:
    """A rendered TimeML document and what had to be left out or changed to render it."""

    xml: str
    timexes: int  # TIMEX3 tags in <TEXT> (the DCT not counted)
    events: int  # EVENT tags (each with one MAKEINSTANCE)
    dropped: tuple[DroppedSpan, ...]
    replaced_chars: int  # characters XML 1.0 cannot represent, written as spaces
    tlinks: int = 0  # TLINK elements (a link to a dropped or non-TimeML event is left out)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    id: str  # TimeML id (tid / eid)
    source_id: str
    text: str
    open_tag: str
    order: int  # index in extraction.times / extraction.events; the last tie-break

    @property
    def key(self) -> tuple[int, int, int, int]:
        """Document order: outer before inner; a TIMEX3 before an EVENT on the same span."""
        return (self.start, -self.end, self.kind != _TIMEX, self.order)


def build_timeml(
    extraction: ArticleExtraction, *, doc_id: str | None = None, nest: bool = False
) -> TimeMLDocument:
    """Render ``extraction`` as a TimeML 1.2.1 document (TempEval-3 layout)."""
    article = extraction.article
    text, replaced = _xml_safe(article.text)
    spans = _timex_spans(extraction.times, text) + _event_spans(extraction.events, text)
    kept, dropped = _place(spans, len(text), nest=nest)
    dct = article.published.isoformat()
    lines = [
        '<?xml version="1.0" ?>',
        f'<TimeML xmlns:xsi="{XSI}" xsi:noNamespaceSchemaLocation="{SCHEMA}">',
        f"<DOCID>{_text(doc_id if doc_id is not None else article.id)}</DOCID>",
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>',
    ]
    if article.title:
        lines.append(f"<TITLE>{_text(article.title)}</TITLE>")
    lines.append(f"<TEXT>{_inline(text, kept)}</TEXT>")
    lines.extend(
        _makeinstance(span.id, extraction.events[span.order])
        for span in kept
        if span.kind == _EVENT
    )
    tlinks = _tlinks(extraction, kept)
    lines.extend(tlinks)
    lines.append("</TimeML>")
    return TimeMLDocument(
        xml="\n".join(lines) + "\n",
        timexes=sum(span.kind == _TIMEX for span in kept),
        events=sum(span.kind == _EVENT for span in kept),
        dropped=tuple(dropped),
        replaced_chars=replaced,
        tlinks=len(tlinks),
    )


def timeml_document(extraction: ArticleExtraction, *, doc_id: str | None = None) -> str:
    """The TimeML 1.2.1 text for ``extraction``; see ``build_timeml`` for what was dropped."""
    return build_timeml(extraction, doc_id=doc_id).xml


def write_timeml(extraction: ArticleExtraction, path: Path, *, doc_id: str | None = None) -> Path:
    """Write the TimeML document to ``path`` atomically (UTF-8); returns ``path``."""
    return write_text_atomic(Path(path), timeml_document(extraction, doc_id=doc_id))


def temporal_function(timex: TimeExpression) -> bool:
    """True when the value was computed from the DCT rather than written out in full."""
    if timex.type in (TimexType.DURATION, TimexType.SET):
        return False
    return _YEAR.search(timex.text) is None


# --------------------------------------------------------------------------- spans


def _timex_spans(times: Sequence[TimeExpression], text: str) -> list[_Span]:
    ids = _timeml_ids([t.id for t in times], [t.start for t in times], "t", first=1)
    spans = []
    for order, (timex, tid) in enumerate(zip(times, ids, strict=True)):
        attrs = [("tid", tid), ("type", timex.type.value), ("value", timex.value)]
        if timex.mod and timex.mod.upper() in MODS:
            attrs.append(("mod", timex.mod.upper()))
        attrs.append(("temporalFunction", "true" if temporal_function(timex) else "false"))
        attrs.append(("functionInDocument", "NONE"))
        spans.append(_span(_TIMEX, timex.id, tid, timex.start, timex.end, text, attrs, order))
    return spans


def _event_spans(events: Sequence[Event], text: str) -> list[_Span]:
    """The TimeML mentions among ``events``, each on its head word (``Event.head_span``)."""
    ids = _timeml_ids([e.id for e in events], [e.start for e in events], "e", first=0)
    return [
        _span(
            _EVENT,
            event.id,
            eid,
            event.head_span[0],
            event.head_span[1],
            text,
            [("eid", eid), ("class", event.event_class.value)],
            order,
        )
        for order, (event, eid) in enumerate(zip(events, ids, strict=True))
        if event.timeml
    ]


def _span(
    kind: str,
    source_id: str,
    tml_id: str,
    start: int,
    end: int,
    text: str,
    attrs: list[tuple[str, str]],
    order: int,
) -> _Span:
    open_tag = f"<{kind}" + "".join(f' {k}="{_attr(v)}"' for k, v in attrs) + ">"
    snippet = text[max(start, 0) : max(end, 0)]
    return _Span(start, end, kind, tml_id, source_id, snippet, open_tag, order)


def _timeml_ids(ids: list[str], starts: list[int], prefix: str, *, first: int) -> list[str]:
    """Our ids when all have TimeML's form and are unique; else all renumbered in text order."""
    pattern = re.compile(rf"{prefix}(0|[1-9]\d*)")
    ok = all(
        (m := pattern.fullmatch(i)) is not None and int(m.group(1)) >= first for i in ids
    ) and len(set(ids)) == len(ids)
    if ok:
        return list(ids)
    renumbered = [""] * len(ids)
    for n, index in enumerate(sorted(range(len(ids)), key=lambda i: (starts[i], i)), start=1):
        renumbered[index] = f"{prefix}{n}"
    return renumbered


def _place(spans: list[_Span], length: int, *, nest: bool) -> tuple[list[_Span], list[DroppedSpan]]:
    """Keep the spans whose tags can be written; drop the later/shorter one of each conflict."""
    kept: list[_Span] = []
    dropped: list[DroppedSpan] = []
    for span in sorted(spans, key=lambda s: s.key):
        reason = None
        if not 0 <= span.start < span.end <= length:
            reason = f"span outside the text (length {length})"
        else:
            other = next((k for k in kept if _conflicts(k, span, nest=nest)), None)
            if other is not None:
                reason = f"{_relation(other, span, nest=nest)} {other.kind} {other.source_id} "
                reason += f"[{other.start}:{other.end}]"
        if reason is None:
            kept.append(span)
        else:
            dropped.append(
                DroppedSpan(span.kind, span.source_id, span.start, span.end, span.text, reason)
            )
    dropped.sort(key=lambda d: (d.start, d.end, d.kind, d.id))
    return kept, dropped


def _conflicts(a: _Span, b: _Span, *, nest: bool) -> bool:
    if a.end <= b.start or b.end <= a.start:
        return False  # disjoint
    if not nest or a.kind == b.kind or (a.start, a.end) == (b.start, b.end):
        return True
    contains = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    return not contains


def _relation(kept: _Span, span: _Span, *, nest: bool) -> str:
    if (kept.start, kept.end) == (span.start, span.end):
        return "same span as"
    inside = kept.start <= span.start and span.end <= kept.end
    if not inside:
        return "crosses"
    return "inside" if nest else "inside (nesting disabled)"


# --------------------------------------------------------------------------- XML


def _inline(text: str, spans: Iterable[_Span]) -> str:
    """``text`` escaped, with the open/close tags of properly nested ``spans`` inserted."""
    out: list[str] = []
    stack: list[_Span] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.key):
        while stack and stack[-1].end <= span.start:
            pos = _close(stack.pop(), text, pos, out)
        out.append(_text(text[pos : span.start]))
        out.append(span.open_tag)
        pos = span.start
        stack.append(span)
    while stack:
        pos = _close(stack.pop(), text, pos, out)
    out.append(_text(text[pos:]))
    return "".join(out)


def _close(span: _Span, text: str, pos: int, out: list[str]) -> int:
    out.append(_text(text[pos : span.end]))
    out.append(f"</{span.kind}>")
    return span.end


def _makeinstance(eid: str, event: Event) -> str:
    tense = event.tense.strip().upper()
    aspect = event.aspect.strip().upper()
    pos = event.pos.strip().upper()
    attrs = [
        ("eiid", "ei" + eid[1:]),
        ("eventID", eid),
        ("pos", pos if pos in POS_TAGS else "OTHER"),
        ("tense", tense if tense in TENSES else "NONE"),
        ("aspect", aspect if aspect in ASPECTS else "NONE"),
        ("polarity", event.polarity.value),
    ]
    return "<MAKEINSTANCE" + "".join(f' {k}="{_attr(v)}"' for k, v in attrs) + "/>"


def _tlinks(extraction: ArticleExtraction, kept: Sequence[_Span]) -> list[str]:
    """One TLINK per link whose ends are written: events by their instance (``eventInstanceID``
    / ``relatedToEventInstance``), times and the DCT (``t0``) by ``relatedToTime``, as
    TempEval-3 writes them; ``lid`` l1, l2, ... in the links' order."""
    instances = {s.source_id: "ei" + s.id[1:] for s in kept if s.kind == _EVENT}
    times = {s.source_id: s.id for s in kept if s.kind == _TIMEX}
    times["dct"] = "t0"
    out: list[str] = []
    for link in extraction.links:
        source = instances.get(link.source)
        if link.target in instances:
            target = f'relatedToEventInstance="{instances[link.target]}"'
        elif link.target in times:
            target = f'relatedToTime="{times[link.target]}"'
        else:
            continue
        if source is None:
            continue
        out.append(f'<TLINK lid="l{len(out) + 1}" relType="{link.relation.value}" '
                   f'eventInstanceID="{source}" {target} />')  # fmt: skip
    return out


def _xml_safe(text: str) -> tuple[str, int]:
    """``text`` with characters XML 1.0 cannot represent replaced by spaces, and their count."""
    return _NOT_XML.subn(" ", text)


def _text(value: str) -> str:
    return _xml_safe(value)[0].translate(_TEXT_TABLE)


def _attr(value: str) -> str:
    return _xml_safe(value)[0].translate(_ATTR_TABLE)
