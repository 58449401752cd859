"""Time the extraction rules after the parse, per article, without a profiler.

Not a test. Parses N real articles once, then runs ``extract_doc`` (actors, times, events,
relations) over the parsed documents ``--repeat`` times and prints the CPU milliseconds per
article of each run, their minimum and median. CPU time, not wall time, so that other work
on the machine disturbs it less. To compare two versions of the code, run the same command
with ``PYTHONPATH`` pointing at each checkout's ``src``:

    .venv/bin/python benchmarks/bench_rules.py --articles 300 --repeat 5
    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/bench_rules.py --articles 300
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_articles

import timelinegraph
from timelinegraph.extract import DEFAULT_BATCH_SIZE, extract_doc
from timelinegraph.extract.context import mask_text
from timelinegraph.extract.nlp import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = corpus_articles(args.articles)
    nlp = load_nlp()
    docs = list(nlp.pipe((mask_text(a) for a in articles), batch_size=DEFAULT_BATCH_SIZE))
    for article, doc in zip(articles[:3], docs[:3], strict=True):
        extract_doc(article, doc)  # warm the lexicons and caches before timing
    runs = []
    for _ in range(args.repeat):
        started = time.process_time()
        for article, doc in zip(articles, docs, strict=True):
            extract_doc(article, doc)
        runs.append((time.process_time() - started) * 1000 / len(articles))
    print(f"timelinegraph from {Path(timelinegraph.__file__).parent}")
    print(f"{len(articles)} articles; rules CPU ms/article per run: "
          + ", ".join(f"{r:.2f}" for r in runs))  # fmt: skip
    print(f"min {min(runs):.2f}  median {statistics.median(runs):.2f} ms/article")


if __name__ == "__main__":
    main()
