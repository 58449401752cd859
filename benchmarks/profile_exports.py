"""Time and profile the GraphML, GEXF, timeline JSON and HTML page exports on N articles.

Not a test. The KnowledgeGraph is built once (real articles from ``corpus.py``, extraction
cached in ``--cache-dir``) and pickled to ``--kg``, so later runs time only the exports and do
not depend on the extractor's code changing meanwhile. Each export is then written to
``--out`` (compare the files with ``cmp`` across code versions) and timed; with
``--profile``, each is also run under cProfile and its top entries printed.

Example (build the graph of 1,000 articles once, then time and profile the exports):

    python benchmarks/profile_exports.py --articles 1000 --kg /tmp/kg1000.pickle \
        --out /tmp/exports-1000 --profile --top 15
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from timelinegraph.graph.built import build_graph
from timelinegraph.models import KnowledgeGraph
from timelinegraph.registry import EXPORTERS

STAGES = ["graphml", "gexf", "timeline", "html"]


def load_kg(articles: int, kg_path: Path, cache_dir: Path | None) -> KnowledgeGraph:
    """The pickled graph at ``kg_path``, built (and pickled) first when absent."""
    if kg_path.is_file():
        return pickle.loads(kg_path.read_bytes())
    from timelinegraph.ingest import read_articles
    from timelinegraph.pipeline import _extract_and_resolve

    with tempfile.TemporaryDirectory(prefix="tg-profile-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(articles, corpus)
        read = read_articles([corpus])
        kg, _, _ = _extract_and_resolve(
            read.articles, jobs=1, model=None, progress=None, cache_dir=cache_dir, max_events=5000
        )
    kg_path.write_bytes(pickle.dumps(kg, protocol=pickle.HIGHEST_PROTOCOL))
    return kg


def time_stage(kg: KnowledgeGraph, stage: str, out: Path, repeat: int) -> tuple[float, float]:
    """Best wall seconds and best CPU seconds of ``repeat`` runs of one exporter (CPU time
    shows what a stage costs on a busy machine, where wall time stretches)."""
    filename, writer = EXPORTERS[stage]
    wall = cpu = float("inf")
    for _ in range(repeat):
        # each run writes the triples it reads, as a build does once
        with build_graph(kg, out) as graph:
            started, started_cpu = time.perf_counter(), time.process_time()
            writer(graph, out / filename)
            wall = min(wall, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - started_cpu)
    return wall, cpu


def profile_stage(kg: KnowledgeGraph, stage: str, out: Path, top: int, sort: str) -> str:
    """The top ``top`` entries of one exporter's cProfile, as text."""
    filename, writer = EXPORTERS[stage]
    profiler = cProfile.Profile()
    with build_graph(kg, out) as graph:
        profiler.runcall(writer, graph, out / filename)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats(sort).print_stats(top)
    lines = text.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="corpus size (default 300)")
    parser.add_argument("--kg", type=Path, help="pickled KnowledgeGraph (built when absent)")
    parser.add_argument("--cache-dir", type=Path, help="extraction cache for the first build")
    parser.add_argument("--out", type=Path, required=True, help="folder for the exported files")
    parser.add_argument("--stage", action="append", choices=STAGES, help="only these (repeat)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per stage (best kept)")
    parser.add_argument("--profile", action="store_true", help="print each stage's profile")
    parser.add_argument("--top", type=int, default=15, help="profile entries shown")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (default tottime)")
    args = parser.parse_args()
    kg_path = args.kg or Path(tempfile.gettempdir()) / f"tg-kg-{args.articles}.pickle"
    kg = load_kg(args.articles, kg_path, args.cache_dir)
    print(
        f"{len(kg.articles):,} articles, {len(kg.events):,} events, {len(kg.actors):,} actors, "
        f"{len(kg.relations):,} relations (graph from {kg_path})"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    for stage in args.stage or STAGES:
        wall, cpu = time_stage(kg, stage, args.out, args.repeat)
        print(f"export {stage:10} {wall:7.2f} s  ({cpu:.2f} s CPU)")
        if args.profile:
            print(profile_stage(kg, stage, args.out, args.top, args.sort))
            print()


if __name__ == "__main__":
    main()
