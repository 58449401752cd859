"""Extract: one article in, an ``ArticleExtraction`` out (sentences, actors, times, events,
relations, temporal links). Pure over models; the spaCy pipeline is passed in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Article, ArticleExtraction
from .actors import extract_actors
from .context import ArticleContext, mask_text
from .events import extract_events
from .links import extract_links
from .relations import extract_relations
from .times import extract_times

# Components the extractors never read: skipping them is free speed.
UNUSED_COMPONENTS: tuple[str, ...] = ()
DEFAULT_BATCH_SIZE = 32

__all__ = ["extract", "extract_doc", "extract_many"]


def extract(article: Article, nlp: Language) -> ArticleExtraction:
    """Everything one article says, with provenance for every fact."""
    return extract_doc(article, nlp(mask_text(article)))


def extract_doc(article: Article, doc: Doc) -> ArticleExtraction:
    """Extraction from an already parsed article (``doc`` made from ``mask_text(article)``)."""
    ctx = ArticleContext(article=article, doc=doc)
    actors = extract_actors(ctx)
    times = extract_times(ctx)
    events = extract_events(ctx, actors, times)
    return ArticleExtraction(
        article=article,
        sentences=ctx.sentences,
        actors=actors,
        times=times,
        events=events,
        relations=extract_relations(ctx, actors),
        links=extract_links(ctx, events, times),
    )


def extract_many(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[ArticleExtraction]:
    """Stream extractions, parsing in batches with ``nlp.pipe`` (order is preserved)."""
    pairs = ((mask_text(a), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_doc(article, doc)
