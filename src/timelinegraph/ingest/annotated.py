"""Annotated documents: an article plus the gold (or predicted) annotations over its text.

TimeML and CAT readers return an ``AnnotatedDocument``; ``timelinegraph eval`` compares the gold
one with the one built from our own extraction. All offsets are character offsets into
``article.text`` (end exclusive), so gold and predicted spans compare directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Literal, TypedDict

from pydantic import Field

from ..models import Article, Model


class SpanAnnotation(Model):
    """Anything anchored on a stretch of the text."""

    id: str = Field(description="Id in the source annotation (tid, eid, m_id) or ours.")
    start: int
    end: int
    text: str


class SpanFields(TypedDict):
    """A ``SpanAnnotation``'s own fields, as keyword arguments shared by its subclasses."""

    id: str
    start: int
    end: int
    text: str


CorefKind = Literal["event", "entity"]


class TimexAnnotation(SpanAnnotation):
    type: str = Field(description="DATE | TIME | DURATION | SET")
    value: str
    mod: str | None = None


class EventAnnotation(SpanAnnotation):
    event_class: str | None = Field(
        default=None,
        description="TimeML class (OCCURRENCE, REPORTING, ...) or MEANTIME class "
        "(SPEECH_COGNITIVE, GRAMMATICAL, OTHER, MIX); None when not annotated.",
    )
    pos: str | None = None
    frame: str | None = Field(
        default=None, description="Ours only: reporting | support | copula | state (see Event)."
    )
    tense: str | None = None
    aspect: str | None = None
    polarity: str | None = None


class EntityAnnotation(SpanAnnotation):
    type: str | None = Field(
        default=None, description="PER | ORG | LOC | PRO | FIN | MIX (MEANTIME ent_type)."
    )
    syntactic_type: str | None = Field(
        default=None, description="NAM | NOM | PRO | PRE.NAM | APP | CONJ | ... (MEANTIME)."
    )


class RoleAnnotation(Model):
    """A participant link: event ``event_id`` has entity ``entity_id`` in ``role`` (Arg0...)."""

    event_id: str
    entity_id: str
    role: str


class TlinkAnnotation(Model):
    """A TimeML temporal link, ``source rel_type target``, as the file writes it."""

    id: str = Field(description="The TLINK's lid.")
    rel_type: str = Field(
        description="BEFORE | AFTER | INCLUDES | IS_INCLUDED | SIMULTANEOUS | ..."
    )
    source: str = Field(description="timeID or eventInstanceID (an eiid, see instances).")
    target: str = Field(description="relatedToTime or relatedToEventInstance.")


class CorefAnnotation(Model):
    """The coreference chain one event or entity mention belongs to.

    ``chain`` is corpus-wide: two mentions, in one document or in two documents of the same
    corpus, corefer exactly when their chains are equal. Cross-document chains use the
    corpus's instance id (ECB+ ``CROSS_DOC_COREF`` note, MEANTIME ``instance_id``);
    chains known only inside one document are ``"{article id}/{instance m_id}"``; a mention in
    no chain is a singleton ``"{article id}/{mention id}"``.
    """

    mention_id: str = Field(description="Id of an EventAnnotation or EntityAnnotation.")
    kind: CorefKind
    chain: str


class AnnotatedDocument(Model):
    """An article and the annotations over its text, as one corpus file gives them."""

    article: Article
    format: str = Field(description="timeml | cat")
    timexes: list[TimexAnnotation] = Field(default_factory=list)
    events: list[EventAnnotation] = Field(default_factory=list)
    entities: list[EntityAnnotation] = Field(default_factory=list)
    roles: list[RoleAnnotation] = Field(default_factory=list)
    instances: dict[str, str] = Field(
        default_factory=dict,
        description="TimeML event instances: MAKEINSTANCE eiid -> the eid of its EVENT.",
    )
    tlinks: list[TlinkAnnotation] = Field(default_factory=list)
    coref: list[CorefAnnotation] = Field(
        default_factory=list,
        description="One chain per event and entity mention the corpus links (ECB+, MEANTIME); "
        "ECB+ time mentions (TIME_*) are entities left out of it.",
    )
    layers: list[str] = Field(
        default_factory=list,
        description="Which layers the file annotates (timex, event, entity, role, coref); a "
        "layer a corpus leaves out is not scored.",
    )
    scope: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Character ranges that were annotated (e.g. MEANTIME's first six "
        "sentences); empty means the whole text.",
    )


def in_scope(span: tuple[int, int], scope: Iterable[tuple[int, int]]) -> bool:
    """True when ``scope`` is empty or one of its ranges holds the whole span."""
    ranges = list(scope)
    return not ranges or any(s <= span[0] and span[1] <= e for s, e in ranges)


def gold_chains(
    docs: Iterable[AnnotatedDocument],
    kind: CorefKind,
    keep: Callable[[SpanAnnotation], bool] | None = None,
) -> dict[tuple[str, int, int], str]:
    """``(article id, start, end)`` of every in-scope ``kind`` mention → its coreference chain.

    ``keep`` narrows the mentions (e.g. to entities that are actors). Two mentions on the same
    span keep the first one's chain (as a scorer keyed on spans would see them).
    """
    chains: dict[tuple[str, int, int], str] = {}
    for doc in docs:
        pool: list[SpanAnnotation] = [*(doc.events if kind == "event" else doc.entities)]
        mentions = {m.id: m for m in pool if keep is None or keep(m)}
        for link in doc.coref:
            mention = mentions.get(link.mention_id)
            if link.kind != kind or mention is None:
                continue
            if in_scope((mention.start, mention.end), doc.scope):
                chains.setdefault((doc.article.id, mention.start, mention.end), link.chain)
    return chains


# Suffixes corpus files stack up: ``AP_20130322.tml.TE3input``, ``4980_Apple.txt.xml``.
_CORPUS_SUFFIXES = (".te3input", ".tml", ".xml", ".txt")

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def document_stem(path: Path) -> str:
    """The file name without the corpus suffixes: ``AP_20130322.tml.TE3input`` → ``AP_20130322``."""
    name = path.name
    while name.lower().endswith(_CORPUS_SUFFIXES):
        name = name[: name.rfind(".")]
    return name or path.name


def parse_creation_date(value: str, context: str = "") -> date:
    """The date of a document-creation TIMEX3 value; ValueError when it is not one.

    ISO values (``2013-03-22``, ``1998-02-13T14:26:00``) are the norm. A few corpus files write
    ``NN-NN-YYYY`` instead (MEANTIME/SemEval ``03-02-2009`` for "February 03, 2009"): when only one
    of day-first and month-first is a valid date it is used; when both are, ``context`` (the text
    of the date line) must name the month and day of one of them, else the value is ambiguous.
    """
    value = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value[:10])
    match = _NUMERIC_DATE.fullmatch(value)
    if not match:
        raise ValueError(f"not a date: {value!r}")
    first, second, year = (int(g) for g in match.groups())
    candidates = []
    for day, month in ((first, second), (second, first)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate not in candidates:
            candidates.append(candidate)
    named = [c for c in candidates if _names_day(context, c)]
    if len(candidates) == 1:
        return candidates[0]
    if len(named) == 1:
        return named[0]
    raise ValueError(f"ambiguous or invalid date: {value!r}")


def _names_day(text: str, day: date) -> bool:
    month = rf"{_MONTHS[day.month - 1][:3]}[a-z]*\.?"  # "February", "Feb."
    pattern = rf"\b{month}\s+0?{day.day}\b|\b0?{day.day}\s+{month}"
    return re.search(pattern, text, re.IGNORECASE) is not None
