"""Extract: one article in, an ``ArticleExtraction`` out (sentences, actors, times, events,
relations, temporal links). Pure over models; the spaCy pipeline is passed in. The
extractors, their inputs and the field each fills are listed in ``registry.EXTRACTORS``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Article, ArticleExtraction
from .context import ArticleContext, mask_text
from .registry import run_extractors

# Components the extractors never read: skipping them is free speed.
UNUSED_COMPONENTS: tuple[str, ...] = ()
DEFAULT_BATCH_SIZE = 32

__all__ = [
    "ExtractionFailed",
    "article_where",
    "extract",
    "extract_doc",
    "extract_each",
    "extract_many",
    "extract_one",
]


@dataclass(frozen=True)
class ExtractionFailed:
    """An article the extractor failed on (a bug, not bad input): a build reports it as a
    skipped article and goes on with the rest."""

    where: str  # the article as a person finds it (``article_where``)
    problem: str  # one line


def article_where(article: Article) -> str:
    """The article as a person finds it: file and id (one file may hold many articles)."""
    return f"{article.path} (id {article.id})" if article.path else article.id


def extract(article: Article, nlp: Language) -> ArticleExtraction:
    """Everything one article says, with provenance for every fact."""
    return extract_doc(article, nlp(mask_text(article)))


def extract_doc(article: Article, doc: Doc) -> ArticleExtraction:
    """Extraction from an already parsed article (``doc`` made from ``mask_text(article)``)."""
    ctx = ArticleContext(article=article, doc=doc)
    return ArticleExtraction(article=article, sentences=ctx.sentences, **run_extractors(ctx))


def extract_many(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[ArticleExtraction]:
    """Stream extractions, parsing in batches with ``nlp.pipe`` (order is preserved)."""
    pairs = ((mask_text(a), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_doc(article, doc)


def extract_one(article: Article, nlp: Language) -> ArticleExtraction | ExtractionFailed:
    """``extract``, with any error in the parse or the rules made an ``ExtractionFailed``:
    one article the code cannot handle must not stop a build of a thousand."""
    try:
        return extract(article, nlp)
    except Exception as exc:
        return _failed(article, exc)


def extract_each(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[ArticleExtraction | ExtractionFailed]:
    """``extract_many`` for a build: an article the parse or the rules fail on comes out as
    an ``ExtractionFailed`` in its place (order is preserved)."""
    stream = iter(articles)
    while chunk := list(islice(stream, batch_size)):
        try:
            docs = list(nlp.pipe((mask_text(a) for a in chunk), batch_size=batch_size))
        except Exception:  # find the article at fault, one at a time
            yield from (extract_one(a, nlp) for a in chunk)
            continue
        for article, doc in zip(chunk, docs, strict=True):
            try:
                yield extract_doc(article, doc)
            except Exception as exc:
                yield _failed(article, exc)


def _failed(article: Article, exc: Exception) -> ExtractionFailed:
    detail = " ".join(str(exc).split())[:200]
    return ExtractionFailed(
        article_where(article),
        f"extraction failed ({type(exc).__name__}: {detail}); skipped. This is a bug in "
        "timelinegraph: please report it with the article",
    )
