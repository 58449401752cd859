"""Two ways to extract in two processes, timed and checked for identical extractions.

Not a test. ``pool``: ``pipeline.extract_all(jobs=N)`` (a process pool; each worker parses
and runs the rules). ``n_process``: ``nlp.pipe(n_process=N)`` parses in N workers and the
rules run in this process on the docs sent back. Each runs in a fresh process; CPU seconds
include the workers'. Example:

    python benchmarks/bench_jobs.py --articles 200 --jobs 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_articles


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _worker(way: str, articles: int, jobs: int) -> dict[str, float | str]:
    from timelinegraph.extract import DEFAULT_BATCH_SIZE, extract_doc
    from timelinegraph.extract.context import mask_text
    from timelinegraph.extract.nlp import load_nlp
    from timelinegraph.pipeline import extract_all

    items = corpus_articles(articles)
    wall, cpu = time.perf_counter(), _cpu()
    if way == "pool":
        extractions = list(extract_all(items, jobs=jobs))
    else:
        nlp = load_nlp()
        pairs = ((mask_text(a), a) for a in items)
        docs = nlp.pipe(pairs, as_tuples=True, batch_size=DEFAULT_BATCH_SIZE, n_process=jobs)
        extractions = [extract_doc(article, doc) for doc, article in docs]
    digest = hashlib.sha256("".join(x.model_dump_json() for x in extractions).encode())
    return {
        "wall": time.perf_counter() - wall,
        "cpu": _cpu() - cpu,
        "digest": digest.hexdigest()[:16],
    }


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        way, articles, jobs = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        print(json.dumps(_worker(way, articles, jobs)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"{'way':10} {'wall s':>8} {'CPU s':>8}  extractions sha256")
    for way in ("pool", "n_process"):
        command = [sys.executable, __file__, "--worker", way, str(args.articles), str(args.jobs)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{way:10} {r['wall']:8.2f} {r['cpu']:8.2f}  {r['digest']}", flush=True)


if __name__ == "__main__":
    main()
