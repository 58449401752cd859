"""The benchmark corpora, from real news articles (ECB+ and MEANTIME in ../shared/eval, about
830; the seed article when the corpora are absent):

- ``repeat``: the articles repeated with distinct ids and dates to reach N. Every copy of a text
  shares every word with its twins, so stories and merges are larger than in N distinct
  articles: an upper bound on the merge's work.
- ``varied``: N distinct articles, each 6 to 20 sentences drawn (seeded, so always the same)
  from all the sources' sentences, each with its own date (one a day): texts that are not
  repeats, whose stories are as small as real unrelated news.
"""

from __future__ import annotations

import random
import re
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


@lru_cache(maxsize=1)
def source_sentences() -> tuple[str, ...]:
    """Every sentence of the source texts (split at a full stop, question or exclamation
    mark before a space and a capital), long enough to say something."""
    found = []
    for text in source_texts():
        for sentence in _SENTENCE_END.split(" ".join(text.split())):
            if len(sentence.split()) >= 5:
                found.append(sentence.strip())
    return tuple(found)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def varied_articles(n: int) -> list[Article]:
    """``n`` distinct articles of recombined sentences (see the module's docstring)."""
    sentences = source_sentences()
    articles = []
    for i in range(n):
        pick = random.Random(i)
        chosen = [sentences[pick.randrange(len(sentences))] for _ in range(pick.randint(6, 20))]
        articles.append(
            Article(
                id=f"varied-{i:06d}",
                text=" ".join(chosen),
                published=FIRST_DAY + timedelta(days=i),
            )
        )
    return articles


def write_corpus(n: int, folder: Path, kind: str = "repeat") -> int:
    """Write ``n`` articles of ``kind`` (repeat, varied) as ``.txt`` files (date header,
    then the body); returns words."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for article in (varied_articles if kind == "varied" else corpus_articles)(n):
        path = folder / f"{article.id}.txt"
        path.write_text(f"date {article.published.isoformat()}\n\n{article.text}\n", "utf-8")
        words += len(article.text.split())
    return words
