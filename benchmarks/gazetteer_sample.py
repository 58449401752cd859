"""How many places of a build resolve on the map, and a fixed-seed sample of them to judge.

Not a test. Reads the given folders as one corpus (extractions come from the cache), resolves
the graph, prints how many STATE and PLACE nodes the gazetteer placed (by precision, and how
many on a guess), then a Markdown table of ``--n`` placed nodes drawn with ``--seed``: each
with where it was placed, why, and its first mention's sentence, for a person to judge
(right place? right precision?). docs/gazetteer-sample.md holds one such table, judged.

    .venv/bin/python benchmarks/gazetteer_sample.py ../shared/eval/ecbplus/ECB+ \\
        ../shared/eval/meantime-english/intra-doc_annotation --seed 21 --n 50
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from datetime import date
from pathlib import Path

from timelinegraph.cache import ExtractionCache, default_cache_dir
from timelinegraph.ingest import read_articles
from timelinegraph.models import ActorType
from timelinegraph.pipeline import _extract_cached
from timelinegraph.resolve import resolve

PLACES = (ActorType.STATE, ActorType.PLACE)


def _cell(text: str, limit: int = 180) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", type=Path, nargs="+", help="article files or folders")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--default-date", type=date.fromisoformat, default=date(2010, 1, 1))
    args = parser.parse_args()
    read = read_articles(args.inputs, default_date=args.default_date)
    cache = ExtractionCache(default_cache_dir())
    extractions, _ = _extract_cached(read.articles, cache, jobs=0, model=None, progress=None)
    kg = resolve(extractions)
    places = [a for a in kg.actors if a.type in PLACES]
    placed = [a for a in places if a.geo is not None]
    unsure = [a for a in placed if a.geo is not None and not a.geo.sure]
    precision = Counter(a.geo.precision.value for a in placed if a.geo is not None)
    states = sum(a.type == ActorType.STATE for a in places)
    print(f"{len(kg.articles)} articles; {len(places)} places ({states} STATE, "
          f"{len(places) - states} PLACE)")  # fmt: skip
    print(f"placed: {len(placed)} ({len(placed) / max(len(places), 1):.1%}); "
          f"on a guess: {len(unsure)}; not placed: {len(places) - len(placed)}")  # fmt: skip
    print("by precision: " + ", ".join(f"{k} {v}" for k, v in sorted(precision.items())))
    mentions = sum(len(a.sources) for a in places)
    placed_mentions = sum(len(a.sources) for a in placed)
    print(f"mentions of places: {mentions}; of placed ones: {placed_mentions} "
          f"({placed_mentions / max(mentions, 1):.1%})")  # fmt: skip
    sample = random.Random(args.seed).sample(sorted(placed, key=lambda a: a.id), args.n)
    print()
    print("| # | node | placed at | sure | why | first mention |")
    print("|---:|---|---|---|---|---|")
    for i, actor in enumerate(sorted(sample, key=lambda a: a.id), start=1):
        geo = actor.geo
        assert geo is not None
        first = actor.sources[0]
        where = geo.region or geo.country or ""
        at = f"{geo.name} ({geo.precision.value}, {where}; {geo.latitude:.2f}, {geo.longitude:.2f})"
        mention = f"{first.provenance.article_id}: {_cell(first.provenance.sentence)}"
        sure = "yes" if geo.sure else "no"
        node = f"{actor.id} ({len(actor.sources)} mentions)"
        print(f"| {i} | {node} | {_cell(at)} | {sure} | {_cell(geo.evidence, 120)} | {mention} |")


if __name__ == "__main__":
    main()
