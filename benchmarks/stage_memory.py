"""Peak resident memory and seconds of each stage of a build, sampled as it runs.

Not a test. Runs ``pipeline.build`` on a folder (with the extraction cache, so a warm cache
measures the merge and the exports), samples this process's RSS every 50 ms and prints, for
each stage (reading and extraction, the merge plan, the parts and the join, the graph stage,
each export), its seconds, its peak RSS and the RSS when it ended:

    python benchmarks/stage_memory.py /tmp/varied10000 --out /tmp/out10k --jobs 1
    python benchmarks/stage_memory.py /tmp/varied10000 --out /tmp/outdask \
        --scheduler tcp://127.0.0.1:8786

``benchmarks/corpus.py`` writes a varied corpus: ``write_corpus(10000, folder, "varied")``.
"""

from __future__ import annotations

import argparse
import resource
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timelinegraph import pipeline, registry
from timelinegraph.cache import default_cache_dir
from timelinegraph.executors import DaskExecutor


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


class Stages:
    """The stage running now, its start and the highest RSS seen since it started."""

    def __init__(self) -> None:
        self.name, self.started, self.peak = "read + extract", time.perf_counter(), rss_mb()
        self.rows: list[tuple[str, float, int, int]] = []
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.05)

    def begin(self, name: str) -> None:
        now, current = time.perf_counter(), rss_mb()
        self.rows.append((self.name, now - self.started, max(self.peak, current), current))
        self.name, self.started, self.peak = name, now, current


def timed(stages: Stages, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        stages.begin(name)
        result = func(*args, **kwargs)
        stages.begin("(between stages)")
        return result

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the articles to build")
    parser.add_argument("--out", type=Path, required=True, help="where the exports go")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (0: auto)")
    parser.add_argument("--cache-dir", type=Path, default=default_cache_dir())
    parser.add_argument("--scheduler", help="a Dask scheduler's address: run on that cluster")
    args = parser.parse_args()
    stages = Stages()
    pipeline.plan_merge = timed(stages, "merge plan", pipeline.plan_merge)  # type: ignore[assignment]
    pipeline.join_parts = timed(stages, "merge parts + join", pipeline.join_parts)  # type: ignore[assignment]
    write = registry.Export.__call__

    def export(self: registry.Export, graph: Any, path: Path) -> Path:
        stages.begin(f"export {path.name}")
        return write(self, graph, path)

    registry.Export.__call__ = export  # type: ignore[method-assign]
    executor = DaskExecutor(args.scheduler) if args.scheduler else None
    summary = pipeline.build(
        [args.folder], args.out, jobs=args.jobs, cache_dir=args.cache_dir, executor=executor
    )
    stages.begin("end")
    print(summary.line())
    print(f"{'stage':30s} {'seconds':>8s} {'peak RSS':>10s} {'RSS after':>10s}")
    for name, seconds, peak, after in stages.rows:
        if name != "(between stages)" or seconds >= 0.5:
            print(f"{name:30s} {seconds:8.1f} {peak:7d} MB {after:7d} MB")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak RSS of the process: {maxrss} MB")


if __name__ == "__main__":
    main()
