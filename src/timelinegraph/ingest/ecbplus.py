"""ECB+ (Cybulska & Vossen 2014): CAT/CROMER XML with event and participant mentions and
within- and cross-document coreference, but no publication date.

Mentions are anchored markables named by their tag:

* ``ACTION_*`` and ``NEG_ACTION_*`` are events (``EventAnnotation.event_class`` = the tag,
  ``polarity`` NEG for the ``NEG_`` ones, else POS);
* ``HUMAN_PART*``, ``NON_HUMAN_PART*`` and ``LOC_*`` are entities (``type`` = the full tag:
  HUMAN_PART_PER, HUMAN_PART_ORG, NON_HUMAN_PART, LOC_GEO, ...);
* ``TIME_*`` (TIME_DATE, TIME_OF_THE_DAY, ...) are kept as entities typed with the tag, but
  never in ``coref``: they have no normalized value, so they are not TIMEX annotations, and
  coreference is scored on events, participants and locations only.

Coreference: ``CROSS_DOC_COREF`` links mentions to an instance; its ``note`` (= the instance's
``instance_id``) is the corpus-wide chain. ``INTRA_DOC_COREF`` chains, which take part in no
cross-document chain, are ``"{article id}/{instance m_id}"``; every other event or entity
mention is a singleton ``"{article id}/{mention m_id}"``. As the ECB+ README (point 3) says,
when a mention is linked to a cross-document instance with another tag, the instance's tag wins.
A mention linked to several cross-document instances (one in the corpus) keeps the instance of
its own tag, else of its own kind (event / entity), else the first.

Text: the detokenized sentences one a line. In the ``*ecbplus.xml`` files sentence 0 is the
source URL: its tokens are joined with no spaces, a blank line follows it, it becomes
``Article.url`` and a skip span (metadata, never mined). No blank line is put after headlines:
ECB+ does not mark them, and the date line comes before or after them. The title is the first
sentence after the URL that is not the date line (none in ``*ecb.xml`` files, which start
with the story).

Publication date: ``dates.infer_publication_date`` (URL path, date line, else a guess from the
latest date in the text, ``published_source="body"``); a date line it used is added to the
skip spans. Scope: the sentences that
``ECBplus_coreference_sentences.csv`` (looked for in the file's folder and the folders above)
lists for the file; when there is no such csv, or it does not list the file, the sentences that
hold an annotated mention.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal
from xml.etree.ElementTree import Element

from ..errors import InputError
from ..models import Article
from .annotated import (
    AnnotatedDocument,
    CorefAnnotation,
    EntityAnnotation,
    EventAnnotation,
    SpanFields,
    document_stem,
)
from .cat import (
    Markable,
    Tokens,
    children,
    ends,
    position,
    read_markables,
    rebuild_text,
    relations,
    undated,
)
from .ids import slugify
from .xmlsafe import local_name

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
EVENT_PREFIXES = ("ACTION_", "NEG_ACTION_")
ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
TIME_PREFIX = "TIME_"
_INSTANCE_TAGS = ("UNKNOWN_INSTANCE_TAG",)
_ECB_NAME = re.compile(r"\d+_\d+ecb(?:plus)?(?:\.xml)?", re.IGNORECASE)
_URL = re.compile(r"(?:https?:|www\.)", re.IGNORECASE)


def mention_kind(tag: str) -> Literal["event", "entity", "time"] | None:
    """``event``, ``entity`` or ``time`` for an ECB+ mention tag; None for anything else."""
    if tag.startswith(EVENT_PREFIXES):
        return "event"
    if tag.startswith(ENTITY_PREFIXES):
        return "entity"
    if tag.startswith(TIME_PREFIX):
        return "time"
    return None


def is_ecbplus(root: Element) -> bool:
    """Whether a CAT <Document> is an ECB+ one: its name, or ECB+ tags in it."""
    if _ECB_NAME.fullmatch(root.attrib.get("doc_name", "")):
        return True
    for container in children(root, "Markables"):
        for element in container:
            tag = local_name(element.tag)
            if mention_kind(tag) or tag in _INSTANCE_TAGS:
                return True
    return any(relations(root, name) for name in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"))


def ecbplus_layout(sentences: list[list[str]]) -> tuple[list[str], set[int]]:
    """One sentence a line; a leading URL sentence is glued and followed by a blank line."""
    url = bool(sentences) and _URL.match("".join(sentences[0])) is not None
    separators = ["\n\n" if i == 1 and url else "\n" for i in range(len(sentences))]
    return separators, {0} if url else set()


def parse_ecbplus(
    path: Path, root: Element, *, default_date: date | None = None
) -> AnnotatedDocument:
    """An ECB+ CAT document (root already parsed); InputError (one line) when unusable."""
    elements = [el for el in root if local_name(el.tag) == "token"]
    tokens = rebuild_text(path, elements, ecbplus_layout)
    text = tokens.text
    markables, instances = read_markables(path, root, tokens)
    doc_name = root.attrib.get("doc_name") or path.name
    article_id = slugify(document_stem(Path(doc_name)))

    has_url = _URL.match("".join(tokens.sentence_words[0])) is not None
    skip_spans = [tokens.sentence_spans[0]] if has_url else []
    published, published_source, evidence = undated(path, text, skip_spans, default_date)
    if evidence is not None and evidence.how == "dateline":
        skip_spans.append(evidence.span)

    chains, instance_tags = _chains(root, article_id, markables, instances)
    events: list[EventAnnotation] = []
    entities: list[EntityAnnotation] = []
    coref: list[CorefAnnotation] = []
    for m_id, markable in markables.items():
        tag = instance_tags.get(m_id) or local_name(markable.element.tag)
        kind = mention_kind(tag)
        if kind is None:
            continue
        span = SpanFields(
            id=m_id,
            start=markable.start,
            end=markable.end,
            text=text[markable.start : markable.end],
        )
        if kind == "event":
            polarity = "NEG" if tag.startswith("NEG_") else "POS"
            events.append(EventAnnotation(**span, event_class=tag, polarity=polarity))
        else:
            entities.append(EntityAnnotation(**span, type=tag))
        if kind != "time":
            chain = chains.get(m_id, f"{article_id}/{m_id}")
            coref.append(CorefAnnotation(mention_id=m_id, kind=kind, chain=chain))

    title = next(
        (
            text[start:end]
            for start, end in tokens.sentence_spans
            if has_url and (start, end) not in skip_spans and end > start
        ),
        None,
    )
    article = Article(
        id=article_id,
        text=text,
        published=published,
        published_source=published_source,
        title=title,
        url=text[slice(*tokens.sentence_spans[0])] if has_url else None,
        path=str(path),
        skip_spans=sorted(skip_spans),
    )
    order = {m.id: position(m) for m in (*events, *entities)}
    return AnnotatedDocument(
        article=article,
        format="cat",
        events=sorted(events, key=position),
        entities=sorted(entities, key=position),
        coref=sorted(coref, key=lambda c: order[c.mention_id]),
        # ECB+ entity tags are roles in an event (HUMAN_PART_PER, LOC_GEO), not the PER/ORG/LOC
        # types the entity scorer compares: ECB+ entities are scored through coreference only.
        layers=["event", "coref"],
        scope=_scope(path, tokens, markables),
    )


def _chains(
    root: Element,
    article_id: str,
    markables: dict[str, Markable],
    instances: dict[str, Element],
) -> tuple[dict[str, str], dict[str, str]]:
    """Mention m_id → chain, and → the tag of its cross-document instance when that differs."""
    cross: dict[str, list[tuple[str, str]]] = {}
    for relation in relations(root, "CROSS_DOC_COREF"):
        sources, targets = ends(relation)
        for target in targets:
            instance = instances.get(target)
            attrs = instance.attrib if instance is not None else {}
            chain = relation.attrib.get("note") or attrs.get("instance_id")
            tag = local_name(instance.tag) if instance is not None else ""
            for source in sources:
                cross.setdefault(source, []).append((chain or f"{article_id}/{target}", tag))
    intra: dict[str, str] = {}
    for relation in relations(root, "INTRA_DOC_COREF"):
        sources, targets = ends(relation)
        for source in sources:
            for target in targets[:1]:
                intra.setdefault(source, f"{article_id}/{target}")

    chains: dict[str, str] = {}
    tags: dict[str, str] = {}
    for m_id, markable in markables.items():
        own = local_name(markable.element.tag)
        if m_id in cross:
            chain, tag = min(
                cross[m_id],
                key=lambda link: (link[1] != own, mention_kind(link[1]) != mention_kind(own)),
            )
            chains[m_id] = chain
            if tag != own and mention_kind(tag) is not None:
                tags[m_id] = tag  # README point 3: the instance's tag wins
        elif m_id in intra:
            chains[m_id] = intra[m_id]
    return chains, tags


def _scope(path: Path, tokens: Tokens, markables: dict[str, Markable]) -> list[tuple[int, int]]:
    """Spans of the sentences the coreference annotation covers (see the module doc)."""
    listed = _listed_sentences(path)
    if listed is None:
        keep = {m.first_sentence for m in markables.values()}
        keep |= {m.last_sentence for m in markables.values()}
    else:
        keep = {i for i, key in enumerate(tokens.sentence_keys) if key.strip() in listed}
    return [span for i, span in enumerate(tokens.sentence_spans) if i in keep]


def _listed_sentences(path: Path) -> set[str] | None:
    """The sentence numbers the csv lists for this file; None without csv or entry."""
    stem = document_stem(path)
    topic, _, name = stem.partition("_")
    for folder in path.resolve().parents:
        table = folder / SENTENCES_CSV
        if table.is_file():
            return _read_sentence_table(str(table), table.stat().st_mtime_ns).get((topic, name))
    return None


@lru_cache(maxsize=4)
def _read_sentence_table(table: str, _mtime: int) -> dict[tuple[str, str], set[str]]:
    """(topic, file) → sentence numbers, from ``Topic,File,Sentence Number`` rows."""
    listed: dict[tuple[str, str], set[str]] = {}
    try:
        with open(table, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(table, f"cannot read the sentence list: {exc}") from None
    for row in rows[1:]:
        if len(row) >= 3:
            topic, name, number = (cell.strip() for cell in row[:3])
            listed.setdefault((topic, name), set()).add(number)
    return listed
