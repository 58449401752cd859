"""The benchmark corpus: real news articles (ECB+ and MEANTIME in ../shared/eval, about 830),
repeated with distinct ids and dates to reach N; the seed article when the corpora are absent."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from timelinegraph.ingest import read_articles
from timelinegraph.models import Article

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SOURCES = (EVAL / "ecbplus" / "ECB+", EVAL / "meantime-english" / "intra-doc_annotation")
FIRST_DAY = date(2015, 1, 1)


@lru_cache(maxsize=1)
def source_texts() -> tuple[str, ...]:
    """Article bodies as our reader gives them (CAT XML detokenized), or the seed's body."""
    present = [p for p in SOURCES if p.is_dir()]
    if present:
        read = read_articles(present, default_date=FIRST_DAY)
        texts = tuple(a.text for a in read.articles if a.text.strip())
        if texts:
            return texts
    seed = read_articles([ROOT / "seeds"]).articles
    return tuple(a.text for a in seed)


def corpus_articles(n: int) -> list[Article]:
    """``n`` articles; copy k of a text gets its own id and a date k days later."""
    texts = source_texts()
    return [
        Article(
            id=f"bench-{i:06d}",
            text=texts[i % len(texts)],
            published=FIRST_DAY + timedelta(days=i // len(texts)),
        )
        for i in range(n)
    ]


def write_corpus(n: int, folder: Path) -> int:
    """Write ``n`` articles as ``.txt`` files (date header, then the body); returns words."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for article in corpus_articles(n):
        path = folder / f"{article.id}.txt"
        path.write_text(f"date {article.published.isoformat()}\n\n{article.text}\n", "utf-8")
        words += len(article.text.split())
    return words
