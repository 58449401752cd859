"""Time the merge (stories, actors, events, relations) on N articles, without extracting.

Not a test. Extracts the real corpus once (``corpus.py``: ECB+ and MEANTIME, about 830
articles; through the extraction cache), then makes N extractions by cycling them with new
article ids and publication dates shifted by two years per copy, and times ``resolve`` on
them (wall seconds and peak RSS growth). Copies of one text share every word, so stories and
merges are larger than in a corpus of N distinct articles: an upper bound on the work.

    .venv/bin/python benchmarks/bench_resolve.py --articles 1000 10000
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_articles

from timelinegraph.cache import ExtractionCache, default_cache_dir
from timelinegraph.models import ArticleExtraction
from timelinegraph.pipeline import extract_cached
from timelinegraph.resolve import resolve


def copies(base: list[ArticleExtraction], n: int) -> list[ArticleExtraction]:
    out = []
    for i in range(n):
        x = base[i % len(base)]
        k = i // len(base)
        if k == 0:
            out.append(x)
            continue
        article = x.article.model_copy(
            update={
                "id": f"{x.article.id}-c{k}",
                "published": x.article.published + timedelta(days=730 * k),
            }
        )
        events = [
            e.model_copy(
                update={"provenance": e.provenance.model_copy(update={"article_id": article.id})}
            )
            for e in x.events
        ]
        out.append(x.model_copy(update={"article": article, "events": events}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    args = parser.parse_args()
    base_articles = corpus_articles(min(max(args.articles), 900))
    cache = ExtractionCache(default_cache_dir())
    base, _ = extract_cached(base_articles, cache, jobs=1, model=None, progress=None)
    for n in args.articles:
        extractions = copies(base, n)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        kg = resolve(extractions)
        seconds = time.perf_counter() - started
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        print(
            f"{n} articles: resolve {seconds:.1f} s, peak RSS +{grown:.0f} MB; "
            f"{len(kg.stories)} stories, {len(kg.events)} events, {len(kg.actors)} actors"
        )


if __name__ == "__main__":
    main()
