"""Time the bare spaCy pipeline on the benchmark corpus: batch sizes and ``n_process``.

Not a test. Each setting runs in a fresh process (no warm caches shared); wall seconds and
this process's CPU seconds are both printed, since other work on the machine inflates wall
time. Example:

    python benchmarks/bench_spacy.py --articles 300 --batch 16 --batch 32 --batch 64
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_articles


def _worker(articles: int, batch: int, processes: int) -> dict[str, float]:
    from timelinegraph.extract.context import mask_text
    from timelinegraph.extract.nlp import load_nlp

    texts = [mask_text(a) for a in corpus_articles(articles)]
    nlp = load_nlp()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch, n_process=processes):
        pass
    words = sum(len(t.split()) for t in texts)
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "words": words,
    }


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(_worker(*(int(v) for v in sys.argv[2:5]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch", type=int, action="append", help="batch size (repeatable)")
    parser.add_argument("--processes", type=int, action="append", help="n_process (repeatable)")
    args = parser.parse_args()
    print(f"{'batch':>6} {'n_process':>9} {'wall s':>8} {'cpu s':>8} {'words/s (wall)':>15}")
    for processes in args.processes or [1]:
        for batch in args.batch or [32]:
            command = [sys.executable, __file__, "--worker", str(args.articles), str(batch)]
            done = subprocess.run(
                [*command, str(processes)], capture_output=True, text=True, check=True
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{batch:6} {processes:9} {r['wall']:8.2f} {r['cpu']:8.2f} "
                f"{r['words'] / r['wall']:15,.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
