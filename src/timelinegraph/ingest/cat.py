"""NewsReader CAT XML (the MEANTIME corpus) as annotated documents.

CAT files hold tokens without whitespace, so the text is rebuilt, and every token keeps its
character span in it:

* sentence 0 is the headline and sentence 1 the date line; the text is
  ``headline + "\\n\\n" + date line + "\\n\\n" + body``, with body sentences joined by ``"\\n"``
  (one sentence a line, as the annotators split them);
* inside a sentence tokens are joined by single spaces except: no space before
  ``. , : ; ! ? % ) ] } ... '' ” '`` and the clitics ``'s n't 're 've 'll 'd 'm``; no space after
  ``( [ { $ £ € ¥ `` “``; a straight ``"`` opens a quote (no space after) unless a quote is
  already open in the sentence or it is the sentence's last token, then it closes (no space
  before).

Files without a CREATION_TIME (ECB+, see ``ecbplus``) get a publication date from their text
(``dates.infer_publication_date``; ``Article.published_source`` says how: ``"url"``,
``"dateline"`` or ``"body"``, a guess that ``timelinegraph.dating`` anchors nothing to), else
from the caller's ``default_date`` (``"default"``), else they are refused. A body guess wins
over ``default_date``: it is at least about this file. REFERS_TO links from mentions
to ENTITY / EVENT instances give the coreference chains (``AnnotatedDocument.coref``): the
instance's ``instance_id`` when it has one (the same id across the documents of a corpus is the
same entity or event), else one chain per instance within the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from ..errors import InputError
from ..models import Article, PublishedSource
from .annotated import (
    AnnotatedDocument,
    CorefAnnotation,
    CorefKind,
    EntityAnnotation,
    EventAnnotation,
    RoleAnnotation,
    SpanAnnotation,
    SpanFields,
    TimexAnnotation,
    document_stem,
    parse_creation_date,
)
from .dates import DateEvidence, find_publication_date
from .ids import slugify
from .xmlsafe import local_name, parse_xml

NO_SPACE_BEFORE = frozenset(
    [".", ",", ":", ";", "!", "?", "%", ")", "]", "}", "...", "''", "”", "'", "’"]
)
CLITICS = frozenset(["'s", "n't", "'re", "'ve", "'ll", "'d", "'m"])
NO_SPACE_AFTER = frozenset(["(", "[", "{", "$", "£", "€", "¥", "``", "“"])
# MEANTIME's document-level annotation covers the headline, the date line and the first four
# body sentences: sentences 0-5 (all 60 English files of intra-doc_annotation end there).
MEANTIME_LAST_SENTENCE = 5

# Which instance element a mention may REFER_TO, and the attribute that types it.
_INSTANCE_TYPE = {"ENTITY_MENTION": ("ENTITY", "ent_type"), "EVENT_MENTION": ("EVENT", "class")}
NO_DATE = "no publication date in the file or its text; pass --default-date"

# How sentences are put together: each sentence's words → the text before each sentence
# (the first one's is ignored) and the sentences whose tokens are glued with no spaces.
Layout = Callable[[list[list[str]]], tuple[list[str], set[int]]]


@dataclass(frozen=True)
class Tokens:
    """The rebuilt text and where each token and sentence sits in it."""

    text: str
    spans: list[tuple[int, int]]
    sentence_of: list[int]
    sentence_spans: list[tuple[int, int]]
    index: dict[str, int]  # t_id → position in the lists above
    sentence_keys: list[str]  # each sentence's ``sentence`` attribute
    sentence_words: list[list[str]]


@dataclass(frozen=True)
class Markable:
    element: Element
    start: int
    end: int
    first_sentence: int
    last_sentence: int


def detokenize(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join one sentence's tokens into text; returns it and each token's (start, end) in it."""
    text = ""
    spans: list[tuple[int, int]] = []
    glue_next = True  # nothing goes before the first token
    quote_open = False
    for i, word in enumerate(words):
        if word == '"':
            closing = quote_open or i == len(words) - 1
            glue = glue_next or closing
            quote_open = not closing
            glue_next = not closing
        else:
            glue = glue_next or word in NO_SPACE_BEFORE or word.replace("’", "'").lower() in CLITICS
            glue_next = word in NO_SPACE_AFTER
        if not glue:
            text += " "
        spans.append((len(text), len(text) + len(word)))
        text += word
    return text, spans


def parse_cat(path: Path, text: str, *, default_date: date | None = None) -> AnnotatedDocument:
    """Read one CAT XML document; raise ``InputError`` (one line) when it cannot be used.

    ``default_date`` is the publication date of a file that has none in its metadata or text.
    ECB+ files (recognised by their tags) are read by ``ecbplus.parse_ecbplus``.
    """
    root = parse_xml(path, text)
    if local_name(root.tag) != "Document":
        raise InputError(str(path), f"root element is <{local_name(root.tag)}>, not <Document>")
    from .ecbplus import is_ecbplus, parse_ecbplus  # ecbplus builds on this module

    if is_ecbplus(root):
        return parse_ecbplus(path, root, default_date=default_date)
    tokens = rebuild_text(path, [el for el in root if local_name(el.tag) == "token"])
    markables, instances = read_markables(path, root, tokens)
    creation_id, published = _creation_time(path, root, markables, instances, tokens.text)
    creation = markables.get(creation_id) if creation_id else None
    # The date line is metadata, not story: the extractor blanks skip spans.
    in_date_line = creation is not None and creation.first_sentence == creation.last_sentence == 1
    skip_spans = [tokens.sentence_spans[1]] if in_date_line else []
    published_source: PublishedSource = "metadata"
    if published is None:
        published, published_source, evidence = undated(path, tokens.text, [], default_date)
        if evidence is not None and evidence.how == "dateline":
            skip_spans.append(evidence.span)

    types = _instance_types(root, markables, instances)
    timexes: list[TimexAnnotation] = []
    events: list[EventAnnotation] = []
    entities: list[EntityAnnotation] = []
    for m_id, markable in markables.items():
        kind = local_name(markable.element.tag)
        attrs = markable.element.attrib
        span = SpanFields(
            id=m_id,
            start=markable.start,
            end=markable.end,
            text=tokens.text[markable.start : markable.end],
        )
        if kind == "TIMEX3" and m_id != creation_id:
            timexes.append(
                TimexAnnotation(
                    **span,
                    type=attrs.get("type", ""),
                    value=attrs.get("value", ""),
                    mod=attrs.get("mod") or None,
                )
            )
        elif kind == "EVENT_MENTION":
            events.append(
                EventAnnotation(
                    **span,
                    event_class=types.get(m_id),
                    pos=attrs.get("pos") or None,
                    tense=attrs.get("tense") or None,
                    aspect=attrs.get("aspect") or None,
                    polarity=attrs.get("polarity") or None,
                )
            )
        elif kind == "ENTITY_MENTION":
            entities.append(
                EntityAnnotation(
                    **span, type=types.get(m_id), syntactic_type=attrs.get("syntactic_type") or None
                )
            )

    roles = _roles(root)
    article_id = cat_article_id(root, path)
    coref = _refers_to_chains(root, article_id, markables, instances)
    if entities or roles:
        # MEANTIME: every layer, but only over the first sentences (the last one marked up ends
        # the scope); SemEval TimeLine's CAT files tag just events, all through the text.
        # The cross-document layer adds mentions further on, but only those that corefer, so
        # the scope stops where the document-level annotation does (sentence 5 at most).
        layers = ["timex", "event", "entity", "role"]
        marked = max((m.last_sentence for m in markables.values()), default=0)
        last = min(marked, MEANTIME_LAST_SENTENCE, len(tokens.sentence_spans) - 1)
        scope = [(0, tokens.sentence_spans[last][1])]
    else:
        layers = [name for name, found in (("timex", timexes), ("event", events)) if found]
        scope = []
    if coref:
        layers.append("coref")
    article = Article(
        id=article_id,
        text=tokens.text,
        published=published,
        published_source=published_source,
        title=tokens.text[slice(*tokens.sentence_spans[0])] or None,
        url=root.attrib.get("url") or None,
        path=str(path),
        skip_spans=sorted(skip_spans),
    )
    return AnnotatedDocument(
        article=article,
        format="cat",
        timexes=sorted(timexes, key=position),
        events=sorted(events, key=position),
        entities=sorted(entities, key=position),
        roles=roles,
        coref=coref,
        layers=layers,
        scope=scope,
    )


def cat_article_id(root: Element, path: Path) -> str:
    """The article id of a CAT document: its ``doc_name`` without corpus suffixes."""
    doc_name = root.attrib.get("doc_name") or root.attrib.get("doc_id") or path.name
    return slugify(document_stem(Path(doc_name)))


@dataclass(frozen=True)
class CatTokens:
    """A CAT document's own numbering: its ``doc_id`` and its tokens' sentence numbers and
    words at their offsets in the text ``parse_cat`` rebuilds (the article's text), so a
    mention found in the article maps back to the corpus's ``docid-sentence-word``."""

    doc_id: str
    article_id: str
    tokens: Tokens

    def token_at(self, start: int, end: int) -> int | None:
        """The first token overlapping [start, end), or None."""
        spans = self.tokens.spans
        at = bisect.bisect_right(spans, (start, float("inf"))) - 1
        for i in range(max(at, 0), len(spans)):
            first, last = spans[i]
            if first >= end:
                return None
            if last > start:
                return i
        return None

    def mention_id(self, start: int, end: int) -> str | None:
        """``docid-sentence-word`` of the token at the mention's start (SemEval-2015 TimeLine)."""
        i = self.token_at(start, end)
        if i is None:
            return None
        sentence = self.tokens.sentence_of[i]
        key = self.tokens.sentence_keys[sentence]
        first = self.tokens.spans[i][0]
        word = self.tokens.text[first : self.tokens.spans[i][1]]
        return f"{self.doc_id}-{key}-{word}"


def read_cat_tokens(path: Path, text: str) -> CatTokens:
    """The numbering of a MEANTIME / SemEval TimeLine CAT file (``InputError`` if unusable)."""
    root = parse_xml(path, text)
    if local_name(root.tag) != "Document":
        raise InputError(str(path), f"root element is <{local_name(root.tag)}>, not <Document>")
    tokens = rebuild_text(path, [el for el in root if local_name(el.tag) == "token"])
    article_id = cat_article_id(root, path)
    return CatTokens(root.attrib.get("doc_id") or article_id, article_id, tokens)


def undated(
    path: Path, text: str, skip_spans: Sequence[tuple[int, int]], default_date: date | None
) -> tuple[date, PublishedSource, DateEvidence | None]:
    """The publication date of a file whose metadata has none: (date, published_source,
    evidence) — found in the text (url | dateline | body), else ``default_date``; else
    InputError. A body guess is kept over ``default_date`` (see ``timelinegraph.dating``)."""
    evidence = find_publication_date(text, skip_spans)
    if evidence is not None:
        return evidence.date, evidence.how, evidence
    if default_date is not None:
        return default_date, "default", None
    raise InputError(str(path), NO_DATE)


def meantime_layout(sentences: list[list[str]]) -> tuple[list[str], set[int]]:
    """Headline and date line stand apart (``"\\n\\n"``), then one sentence a line."""
    return ["" if i == 0 else "\n\n" if i <= 2 else "\n" for i in range(len(sentences))], set()


def rebuild_text(path: Path, elements: list[Element], layout: Layout = meantime_layout) -> Tokens:
    """The text of a document's <token> elements, sentence by sentence as ``layout`` says."""
    if not elements:
        raise InputError(str(path), "no <token> elements")
    sentences: list[list[str]] = []
    keys: list[str] = []
    sentence_of: list[int] = []
    index: dict[str, int] = {}
    previous = None
    for position, token in enumerate(elements):
        t_id, key = token.attrib.get("t_id", ""), token.attrib.get("sentence")
        if t_id in index:
            raise InputError(str(path), f"duplicate token t_id={t_id!r}")
        if key is None:
            raise InputError(str(path), f"token t_id={t_id!r} has no sentence number")
        index[t_id] = position
        if key != previous:
            sentences.append([])
            keys.append(key)
            previous = key
        sentences[-1].append(token.text or "")
        sentence_of.append(len(sentences) - 1)
    separators, glued = layout(sentences)
    text = ""
    spans: list[tuple[int, int]] = []
    sentence_spans: list[tuple[int, int]] = []
    for i, words in enumerate(sentences):
        if i:
            text += separators[i]
        if i in glued:
            sentence = "".join(words)
            ends = [sum(len(w) for w in words[: j + 1]) for j in range(len(words))]
            sentence_token_spans = [(end - len(w), end) for w, end in zip(words, ends, strict=True)]
        else:
            sentence, sentence_token_spans = detokenize(words)
        spans.extend((len(text) + start, len(text) + end) for start, end in sentence_token_spans)
        sentence_spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return Tokens(text, spans, sentence_of, sentence_spans, index, keys, sentences)


def read_markables(
    path: Path, root: Element, tokens: Tokens
) -> tuple[dict[str, Markable], dict[str, Element]]:
    """Anchored markables (mentions, timexes, ...) by m_id, and the unanchored instances."""
    markables: dict[str, Markable] = {}
    instances: dict[str, Element] = {}
    for container in children(root, "Markables"):
        for element in container:
            m_id = element.attrib.get("m_id", "")
            anchors = [a.attrib.get("t_id", "") for a in children(element, "token_anchor")]
            if not anchors:
                instances[m_id] = element  # ENTITY and EVENT instances, empty TIMEX3s
                continue
            unknown = next((t for t in anchors if t not in tokens.index), None)
            if unknown is not None:
                raise InputError(
                    str(path), f"markable m_id={m_id!r} anchors unknown token t_id={unknown!r}"
                )
            # discontinuous anchors ("Apple ... computers") cover everything in between
            first = min(tokens.index[t] for t in anchors)
            last = max(tokens.index[t] for t in anchors)
            markables[m_id] = Markable(
                element,
                tokens.spans[first][0],
                tokens.spans[last][1],
                tokens.sentence_of[first],
                tokens.sentence_of[last],
            )
    return markables, instances


def _creation_time(
    path: Path,
    root: Element,
    markables: dict[str, Markable],
    instances: dict[str, Element],
    text: str,
) -> tuple[str, date] | tuple[None, None]:
    """The m_id of the CREATION_TIME TIMEX3 and the publication date it gives; (None, None)
    when there is none."""
    creation_id = next(
        (
            element.attrib.get("m_id", "")
            for container in children(root, "Markables")
            for element in children(container, "TIMEX3")
            if element.attrib.get("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    if creation_id is None:
        return None, None
    creation = markables.get(creation_id)
    element = creation.element if creation else instances[creation_id]
    value = element.attrib.get("value", "")
    date_line = text[creation.start : creation.end] if creation else ""
    try:
        return creation_id, parse_creation_date(value, date_line)
    except ValueError:
        raise InputError(
            str(path), f"invalid CREATION_TIME value {value!r} (expected YYYY-MM-DD)"
        ) from None


def _instance_types(
    root: Element, markables: dict[str, Markable], instances: dict[str, Element]
) -> dict[str, str]:
    """Mention m_id → the entity type / event class of the instance it REFERS_TO."""
    types: dict[str, str] = {}
    for relation in relations(root, "REFERS_TO"):
        sources, targets = ends(relation)
        for source in sources:
            mention = markables.get(source)
            if mention is None or source in types:
                continue
            kind, attribute = _INSTANCE_TYPE.get(local_name(mention.element.tag), ("", ""))
            found = [instances[t] for t in targets if t in instances]
            value = next(
                (i.attrib.get(attribute) for i in found if local_name(i.tag) == kind), None
            )
            if value:
                types[source] = value
    return types


def _refers_to_chains(
    root: Element,
    article_id: str,
    markables: dict[str, Markable],
    instances: dict[str, Element],
) -> list[CorefAnnotation]:
    """Each event and entity mention's chain, from REFERS_TO; [] when the file has none."""
    links = relations(root, "REFERS_TO")
    if not links:
        return []
    chains: dict[str, str] = {}
    for relation in links:
        sources, targets = ends(relation)
        for source in sources:
            mention = markables.get(source)
            if mention is None:
                continue
            kind, _ = _INSTANCE_TYPE.get(local_name(mention.element.tag), ("", ""))
            for target in targets:
                instance = instances.get(target)
                if instance is None or local_name(instance.tag) != kind:
                    continue
                instance_id = instance.attrib.get("instance_id")
                # a mention linked twice keeps a corpus-wide instance over a local one
                if source not in chains or (instance_id and "/" in chains[source]):
                    chains[source] = instance_id or f"{article_id}/{target}"
    coref = []
    for m_id, markable in sorted(markables.items(), key=lambda item: _span_of(item[1])):
        coref_kind = _COREF_KIND.get(local_name(markable.element.tag))
        if coref_kind is not None:
            chain = chains.get(m_id, f"{article_id}/{m_id}")
            coref.append(CorefAnnotation(mention_id=m_id, kind=coref_kind, chain=chain))
    return coref


def _span_of(markable: Markable) -> tuple[int, int]:
    return markable.start, markable.end


_COREF_KIND: dict[str, CorefKind] = {"EVENT_MENTION": "event", "ENTITY_MENTION": "entity"}


def _roles(root: Element) -> list[RoleAnnotation]:
    roles: list[RoleAnnotation] = []
    for relation in relations(root, "HAS_PARTICIPANT"):
        sources, targets = ends(relation)
        role = relation.attrib.get("sem_role", "")
        roles.extend(
            RoleAnnotation(event_id=source, entity_id=target, role=role)
            for source in sources
            for target in targets
        )
    return roles


def relations(root: Element, name: str) -> list[Element]:
    return [el for container in children(root, "Relations") for el in children(container, name)]


def ends(relation: Element) -> tuple[list[str], list[str]]:
    sources = [el.attrib.get("m_id", "") for el in children(relation, "source")]
    targets = [el.attrib.get("m_id", "") for el in children(relation, "target")]
    return sources, targets


def children(element: Element, name: str) -> list[Element]:
    return [el for el in element if local_name(el.tag) == name]


def position(annotation: SpanAnnotation) -> tuple[int, int]:
    return annotation.start, annotation.end
