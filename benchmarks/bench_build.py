"""Benchmark a build: articles/s, words/s, peak RSS and time per stage.

Not a test. Uses the MEANTIME and ECB+ texts in ../shared/eval when present (repeated to N
articles), else the seed article repeated. Example:

    python benchmarks/bench_build.py --articles 200 --jobs 1
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from timelinegraph.build.rdf import forget_shared_rdf
from timelinegraph.extract import extract_many
from timelinegraph.extract.nlp import load_nlp
from timelinegraph.models import Article
from timelinegraph.pipeline import extract_all
from timelinegraph.registry import EXPORTERS
from timelinegraph.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def corpus_texts() -> list[str]:
    """Plain texts of real news articles: ECB+ and MEANTIME tokens joined, else the seed."""
    texts = []
    for xml in sorted(EVAL.glob("ecbplus/ECB+/*/*.xml")) + sorted(
        EVAL.glob("meantime-english/intra-doc_annotation/*/*.xml")
    ):
        tokens = re.findall(r"<token[^>]*>([^<]*)</token>", xml.read_text(encoding="utf-8"))
        if tokens:
            texts.append(" ".join(tokens).replace("&amp;", "&").replace("&quot;", '"'))
    if not texts:
        seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
        texts = [seed.split("2024-03-07", 1)[1]]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    texts = corpus_texts()
    articles = [
        Article(id=f"a{i:06d}", text=texts[i % len(texts)], published=date(2024, 3, 7))
        for i in range(args.articles)
    ]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_nlp()
    stages: dict[str, float] = {}

    started = time.perf_counter()
    list(nlp.pipe((a.text for a in articles), batch_size=32))
    bare = time.perf_counter() - started

    started = time.perf_counter()
    if args.jobs > 1:
        extractions = list(extract_all(articles, jobs=args.jobs))
    else:
        extractions = list(extract_many(articles, nlp))
    stages["extract (NLP + rules)"] = time.perf_counter() - started
    started = time.perf_counter()
    kg = resolve(extractions)
    stages["resolve"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as out:
        # Writers called one by one, as write_exports does, so the Turtle writer and the
        # report share one RDF graph here too.
        for fmt in ("turtle", "graphml", "timeline", "report"):
            started = time.perf_counter()
            filename, writer = EXPORTERS[fmt]
            writer(kg, Path(out) / filename)
            stages[f"export {fmt}"] = time.perf_counter() - started
        forget_shared_rdf()
    total = sum(stages.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    version = sys.version.split()[0]
    print(f"articles {len(articles)}  words {words}  jobs {args.jobs}  python {version}")
    print(f"{'stage':28} {'seconds':>8} {'share':>6}")
    for name, seconds in stages.items():
        print(f"{name:28} {seconds:8.2f} {seconds / total:6.1%}")
    print(f"{'total':28} {total:8.2f}")
    print(
        f"articles/s {len(articles) / total:.1f}  words/s {words / total:,.0f}  "
        f"peak RSS {peak_mb:,.0f} MB"
    )
    print(
        f"bare spaCy nlp.pipe: {bare:.2f} s, {words / bare:,.0f} words/s; "
        f"build/bare words/s ratio {bare / total:.2f}"
    )
    print(f"graph: {len(kg.events)} events, {len(kg.actors)} actors, {len(kg.relations)} relations")


if __name__ == "__main__":
    main()
