"""Score the story grouping against ECB+'s sub-topics, and count mixed event nodes.

Not a test. ECB+ clusters news by topic, and each topic holds two real happenings of a
similar kind (files ``N_Mecb.xml`` and ``N_Mecbplus.xml``: two earthquakes, two Oscars
hosts): each (topic, ecb|ecbplus) pair is one gold story. Reads the given topic folders as
one corpus (extractions come from the cache), groups stories, and prints B-cubed precision,
recall and F1 and the adjusted Rand index of the grouping over articles, and the share of
event nodes drawing on several articles that mix gold stories (issue 18's "at most 2%").

    .venv/bin/python benchmarks/stories_ecbplus.py ../shared/eval/ecbplus/ECB+ \\
        --topics 1-25 --default-date 2010-01-01
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from datetime import date
from math import comb
from pathlib import Path

from timelinegraph.cache import ExtractionCache, default_cache_dir
from timelinegraph.ingest import read_articles
from timelinegraph.pipeline import extract_cached
from timelinegraph.resolve import resolve

_ID = re.compile(r"^(\d+)_\d+(ecbplus|ecb)")


def gold_story(article_id: str) -> str | None:
    match = _ID.match(article_id)
    return f"{match[1]}-{match[2]}" if match else None


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    items = sorted(gold)
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in items:
        by_pred.setdefault(pred[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        p, g = by_pred[pred[item]], by_gold[gold[item]]
        both = len(p & g)
        precision += both / len(p)
        recall += both / len(g)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(pred: dict[str, str], gold: dict[str, str]) -> float:
    items = sorted(gold)
    cells = Counter((pred[i], gold[i]) for i in items)
    rows, cols = Counter(pred[i] for i in items), Counter(gold[i] for i in items)
    index = sum(comb(c, 2) for c in cells.values())
    a, b = sum(comb(c, 2) for c in rows.values()), sum(comb(c, 2) for c in cols.values())
    expected = a * b / comb(len(items), 2)
    top = (a + b) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def _topics(spec: str) -> set[int]:
    low, _, high = spec.partition("-")
    return set(range(int(low), int(high or low) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ecbplus", type=Path, help="the ECB+ folder holding topic folders")
    parser.add_argument("--topics", default="1-35")
    parser.add_argument("--default-date", type=date.fromisoformat, default=date(2010, 1, 1))
    args = parser.parse_args()
    wanted = _topics(args.topics)
    folders = [p for p in sorted(args.ecbplus.iterdir()) if p.is_dir() and int(p.name) in wanted]
    read = read_articles(folders, default_date=args.default_date)
    cache = ExtractionCache(default_cache_dir())
    extractions, _ = extract_cached(read.articles, cache, jobs=0, model=None, progress=None)
    kg = resolve(extractions)
    gold = {a.id: g for a in kg.articles if (g := gold_story(a.id))}
    pred = {a.id: a.story or a.id for a in kg.articles if a.id in gold}
    p, r, f1 = bcubed(pred, gold)
    print(f"{len(gold)} articles, {len(set(gold.values()))} gold stories, "
          f"{len(set(pred.values()))} found")  # fmt: skip
    print(f"B-cubed P {p:.3f} R {r:.3f} F1 {f1:.3f}; ARI {adjusted_rand(pred, gold):.3f}")
    multi = [e for e in kg.events if len({s.provenance.article_id for s in e.sources}) > 1]
    mixed = [e for e in multi if len({gold.get(s.provenance.article_id) for s in e.sources}) > 1]
    share = len(mixed) / len(multi) if multi else 0.0
    print(f"event nodes from several articles: {len(multi)}; mixing gold stories: "
          f"{len(mixed)} ({share:.1%})")  # fmt: skip


if __name__ == "__main__":
    main()
