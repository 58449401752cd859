"""Time expressions (TimeML TIMEX3), normalized against the publication date.

Detection (``patterns``) finds candidates with compiled patterns plus spaCy DATE/TIME entities;
``anchor`` reads the tense and modality of the governing clause; ``normalize`` and ``resolve``
turn each candidate into a TIMEX3 type, value, granularity and mod. When the publication date
is a guess from the article's body, ``unanchored`` writes ``X`` for every part of a value that
the guess decided ("Saturday" ``XXXX-XX-XX``; see ``timelinegraph.dating``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from spacy.tokens import Span

from ...dating import anchors_relative_times
from ...models import Granularity, TimeExpression, TimexType
from ..context import ArticleContext
from .anchor import Direction, clause_direction
from .normalize import normalize
from .patterns import Candidate, find_rule_candidates, select, spacy_candidates, trim
from .resolve import Norm
from .unanchored import unanchored

VERSION = "0.1.0"
EXTRACTOR = "timelinegraph.extract.times"

__all__ = ["EXTRACTOR", "VERSION", "extract_times"]

_DAY_VALUE_LEN = len("2024-03-07")
_YEAR_PREFIX = re.compile(r"\d+")


def extract_times(ctx: ArticleContext) -> list[TimeExpression]:
    """Every time expression in the article, in text order, with ids t1, t2, ..."""
    doc, article, text = ctx.doc, ctx.article, ctx.text
    if not article.text.strip() or len(doc) == 0:
        return []
    chosen = select(find_rule_candidates(text))
    chosen = sorted(chosen + spacy_candidates(doc, chosen, text), key=lambda c: c.start)
    found: list[tuple[Candidate, Span, int, int, Direction]] = []
    # where each sentence starts (token, character), and each verb's direction, looked up
    # once: asked per time expression, a run-on sentence of dates was quadratic
    sentences = (
        [(s.start, s.start_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    )
    verbs: dict[int, Direction] = {}
    for cand in chosen:
        if cand.kind == "age" or _in_skip(cand, article.skip_spans):
            continue
        start, end = trim(text, cand.start, cand.end)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or start >= end or not _plausible(cand, span):
            continue
        sent_start = (
            sentences[bisect_right(sentences, (span.start, len(text))) - 1][1] if sentences else 0
        )
        found.append((cand, span, start, end, clause_direction(span, text, sent_start, verbs)))

    # Clock times borrow the day named in their sentence ("Tuesday at 3 p.m."), so days first.
    published, anchored = article.published, anchors_relative_times(article.published_source)
    norms: dict[int, Norm] = {}
    day_of_sentence: dict[int, date] = {}
    for i, (cand, span, _, _, direction) in enumerate(found):
        if cand.kind == "time":
            continue
        norm = _normalized(cand, published, direction, None, anchored)
        if norm is None:
            continue
        norms[i] = norm
        if norm.granularity in (Granularity.DAY, Granularity.TIME) and norm.value[:4].isdigit():
            day_of_sentence.setdefault(ctx.sentence_index(span), _day(norm.value))
    for i, (cand, span, _, _, direction) in enumerate(found):
        if cand.kind == "time":
            anchor = day_of_sentence.get(ctx.sentence_index(span))
            norm = _normalized(cand, published, direction, anchor, anchored)
            if norm is not None:
                norms[i] = norm

    times: list[TimeExpression] = []
    for i, (_, span, start, end, _) in enumerate(found):
        norm = norms.get(i)
        if norm is None:
            continue
        prov = ctx.provenance(
            span, extractor=EXTRACTOR, version=VERSION, confidence=norm.confidence
        )
        times.append(
            TimeExpression(
                id=f"t{len(times) + 1}",
                text=article.text[start:end],
                start=start,
                end=end,
                sentence_index=ctx.sentence_index(span),
                type=norm.type,
                value=norm.value,
                granularity=norm.granularity,
                mod=norm.mod,
                provenance=prov.model_copy(update={"start": start, "end": end}),
            )
        )
    return times


def _normalized(
    cand: Candidate, published: date, direction: Direction, day: date | None, anchored: bool
) -> Norm | None:
    """The candidate's TIMEX3 attributes; when the publication date anchors nothing (a guess),
    with the parts it would decide written X."""
    norm = _in_calendar(normalize(cand, published, direction, day))
    if norm is None or anchored:
        return norm
    return unanchored(norm, lambda other: normalize(cand, other, direction, day), published)


def _in_calendar(norm: Norm | None) -> Norm | None:
    """``norm`` unless its date falls outside years 1-9999 ("next year" in an article dated
    9999-12-31): ISO dates, XSD and every calendar downstream stop there."""
    if norm is None or norm.type not in (TimexType.DATE, TimexType.TIME):
        return norm
    if norm.value.startswith("-"):
        return None
    if norm.granularity in (Granularity.CENTURY, Granularity.DECADE, Granularity.UNKNOWN):
        return norm
    year = _YEAR_PREFIX.match(norm.value)  # "2024-03-07", "10000", "0"; None for PRESENT_REF
    if year is None:
        return norm
    return norm if len(year.group()) == 4 and int(year.group()) >= 1 else None


def _day(value: str) -> date:
    return date.fromisoformat(value[:_DAY_VALUE_LEN])


def _in_skip(cand: Candidate, skips: list[tuple[int, int]]) -> bool:
    return any(cand.start < e and s < cand.end for s, e in skips)


def _plausible(cand: Candidate, span: Span) -> bool:
    """Parse-based vetoes: a bare year that counts things ('2000 workers') is no date."""
    if cand.kind == "year" and not cand.groups.get("pmod") and not cand.groups.get("fy"):
        last = span[-1]
        if last.dep_ == "nummod" and last.head.tag_ == "NNS":
            return False
        if last.i > 0 and span.doc[last.i - 1].text in ("$", "€", "£", "#", "No.", "no."):
            return False
    return True
