"""Benchmark the order step (resolve/order.py) against the whole build: at most 10% of it.

Not a test. Extracts N benchmark articles (``corpus.py``; cached in ``--cache-dir`` so a second
run skips the NLP), gives each article synthetic temporal links at the density the TLINK rules
produce (every graph event to the publication date, each event to the next in its sentence, a
tenth of them against the dates so contradictions are found and dropped), then times: the
extraction, the merge without the order step, the order step, and the default exports. The
extraction is timed on a cold cache unless ``--cache-dir`` holds it already; the ratio is
order / (extract + merge + order + exports), with extraction taken from a cold run.

    python benchmarks/bench_order.py --articles 1000 --jobs 2 --cache-dir /tmp/tg-bench-cache
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_articles

from timelinegraph.cache import ExtractionCache
from timelinegraph.happenings import belongs_in_graph
from timelinegraph.models import ArticleExtraction, TemporalLink, TemporalRelation
from timelinegraph.pipeline import extract_all, write_exports
from timelinegraph.registry import resolve_formats
from timelinegraph.resolve import resolve
from timelinegraph.resolve.actors import resolve_actors
from timelinegraph.resolve.events import resolve_events
from timelinegraph.resolve.order import resolve_order
from timelinegraph.resolve.stories import group_stories

R = TemporalRelation


def synthetic_links(x: ArticleExtraction, rng: random.Random) -> list[TemporalLink]:
    """Links at the density of the TLINK rules: every graph event to the publication date (by
    its own time), each event to the next one in its sentence; 10% of them wrong."""
    links = []
    events = [e for e in x.events if belongs_in_graph(e)]
    published = x.article.published
    for event in events:
        time = event.time
        if time.latest is not None and time.latest <= published:
            relation = R.BEFORE
        elif time.earliest is not None and time.earliest >= published:
            relation = R.AFTER
        else:
            relation = R.IS_INCLUDED
        links.append(_link(event, "dct", relation, "tense", rng))
    for first, then in zip(x.events, x.events[1:], strict=False):
        if first.sentence_index == then.sentence_index:
            relation = rng.choice([R.BEFORE, R.AFTER, R.IS_INCLUDED, R.SIMULTANEOUS])
            links.append(_link(first, then.id, relation, "model", rng))
    for link in links:
        if rng.random() < 0.1:  # wrong: contradictions to find and drop
            link.relation = R.AFTER if link.relation is R.BEFORE else R.BEFORE
    return links


def _link(event, target: str, relation: R, rule: str, rng: random.Random) -> TemporalLink:
    return TemporalLink(
        source=event.id,
        target=target,
        relation=relation,
        rule=rule,
        evidence=rule,
        confidence=round(rng.uniform(0.5, 0.9), 2),
        provenance=event.provenance,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--extract-seconds", type=float, default=None,
                        help="the cold extraction time, when the cache is warm")  # fmt: skip
    args = parser.parse_args()
    articles = corpus_articles(args.articles)
    started = time.perf_counter()
    if args.cache_dir is not None:
        cache = ExtractionCache(args.cache_dir)
        found = [cache.get(a) for a in articles]
        missing = [a for a, x in zip(articles, found, strict=True) if x is None]
        for extraction in extract_all(missing, jobs=args.jobs):
            cache.put(extraction)
        extractions = [x or cache.get(a) for a, x in zip(articles, found, strict=True)]
        cold = not [x for x in found if x is not None]
    else:
        extractions = list(extract_all(articles, jobs=args.jobs))
        cold = True
    extract_seconds = time.perf_counter() - started
    if not cold and args.extract_seconds is not None:
        extract_seconds = args.extract_seconds
    rng = random.Random(1)
    extractions = [
        x.model_copy(update={"links": synthetic_links(x, rng)})  # type: ignore[union-attr]
        for x in extractions
    ]
    links = sum(len(x.links) for x in extractions)

    started = time.perf_counter()
    ordered = sorted(extractions, key=lambda x: x.article.id)
    _, story_of = group_stories(ordered)
    _, actor_ids = resolve_actors(ordered)
    events = resolve_events(ordered, actor_ids, stories=story_of)
    merge_seconds = time.perf_counter() - started
    started = time.perf_counter()
    _, kept, contradictions = resolve_order(ordered, events)
    order_seconds = time.perf_counter() - started

    kg = resolve(extractions)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        write_exports(kg, Path(folder), resolve_formats(None))
    export_seconds = time.perf_counter() - started

    total = extract_seconds + merge_seconds + order_seconds + export_seconds
    print(f"{args.articles} articles, {len(events)} events, {links} links stated, "
          f"{len(kept)} kept between graph events or to times, "
          f"{len(contradictions)} contradictions dropped")  # fmt: skip
    print(f"  extract {extract_seconds:8.1f} s{'' if cold else ' (given: cache was warm)'}")
    print(f"  merge   {merge_seconds:8.1f} s")
    print(f"  order   {order_seconds:8.1f} s")
    print(f"  exports {export_seconds:8.1f} s")
    share = order_seconds / total
    print(
        f"  order / build = {share:.1%} (target at most 10%): {'ok' if share <= 0.10 else 'MISS'}"
    )


if __name__ == "__main__":
    main()
