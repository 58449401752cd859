"""Benchmark a build from files: articles/s, words/s, peak RSS and time per stage, against the
bare spaCy pipeline and rdflib's Turtle serializer on the same input, with the issue's ratios.

Not a test. Writes N real articles (ECB+ and MEANTIME from ../shared/eval, repeated with
distinct ids and dates; the seed when absent) as .txt files into a temporary folder, then runs
each measurement in a fresh Python process, so peak RSS is that measurement's own:

- build: the stages of ``pipeline.build`` from those files (ingest, NLP, extraction rules,
  merge, each default export); with ``--jobs N`` > 1, extraction runs in N worker processes
  and NLP and rules are timed together;
- bare: ``nlp.pipe`` over the same texts, same pipeline and batch size, docs dropped;
- rdflib: the build's graph.ttl parsed with rdflib, then only ``serialize(format="turtle")``.

Example (1,000 and 10,000 articles, one and two processes, rdflib on the 250-article graph,
results also as JSON):

    python benchmarks/bench_build.py --articles 250 --articles 1000 --articles 10000 \
        --jobs 1 --jobs 2 --rdflib-up-to 250 --out-json /tmp/bench.json

``--out-json`` is rewritten after every measurement, so a long run stopped part-way keeps
what it measured; ``--from-json`` prints the tables of such a file. ``--skip-bare`` and
``--skip-rdflib`` leave out the reference timings, ``--bare-up-to N`` and ``--rdflib-up-to N``
keep them to corpora of at most N articles (rdflib takes many minutes on large graphs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

Result = dict[str, Any]

# (numerator, denominator) -> target, as the issue states them
TARGETS = {
    "build/bare": 0.85,
    "jobs2/jobs1": 1.7,
    "time10x": 10.5,
    "peak_gb_10k": 1.5,
    "rdflib/ours": 20.0,
}


# --------------------------------------------------------------------------- workers


def _rss_mb() -> float:
    """Current resident set size of this process (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (worker processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class _Clock:
    """Accumulates wall seconds, CPU seconds and the RSS seen after each named stage.

    CPU seconds are printed too because a busy machine stretches wall time: they show what
    the stage costs, wall time what it took."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.rss: dict[str, float] = {}
        self._wall = self._cpu = 0.0

    def start(self) -> None:
        self._wall, self._cpu = time.perf_counter(), _cpu()

    def stop(self, stage: str) -> None:
        self.add(stage, time.perf_counter() - self._wall, _cpu() - self._cpu)

    def add(self, stage: str, seconds: float, cpu: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.cpu[stage] = self.cpu.get(stage, 0.0) + cpu
        self.rss[stage] = _rss_mb()


def _timed_extract(articles: list, clock: _Clock) -> Iterator:
    """``extract_many`` with the parse (``nlp.pipe``) and our rules (``extract_doc``) timed
    apart: the same calls in the same order, so the extractions are the same."""
    from timelinegraph.extract import DEFAULT_BATCH_SIZE, extract_doc
    from timelinegraph.extract.context import mask_text
    from timelinegraph.extract.nlp import load_nlp

    clock.start()
    nlp = load_nlp()
    clock.stop("load model")
    pairs = ((mask_text(a), a) for a in articles)
    docs = iter(nlp.pipe(pairs, as_tuples=True, batch_size=DEFAULT_BATCH_SIZE))
    nlp_wall = nlp_cpu = rules_wall = rules_cpu = 0.0
    while True:
        wall, cpu = time.perf_counter(), time.process_time()
        item = next(docs, None)
        nlp_wall += time.perf_counter() - wall
        nlp_cpu += time.process_time() - cpu
        if item is None:
            break
        doc, article = item
        wall, cpu = time.perf_counter(), time.process_time()
        extraction = extract_doc(article, doc)
        rules_wall += time.perf_counter() - wall
        rules_cpu += time.process_time() - cpu
        yield extraction
    clock.add("nlp (spaCy)", nlp_wall, nlp_cpu)
    clock.add("extraction rules", rules_wall, rules_cpu)


def work_build(corpus: Path, out: Path, jobs: int) -> Result:
    """The build's stages, timed one by one (as ``pipeline.build`` runs them, no cache):
    each extraction to the spool as it arrives with its merge keys kept, the merge plan, the
    parts, the join, each export."""
    from timelinegraph.cache.spool import spool
    from timelinegraph.graph.built import build_graph
    from timelinegraph.ingest import read_articles
    from timelinegraph.limits import DEFAULT_LIMITS
    from timelinegraph.partrun import make_tasks
    from timelinegraph.pipeline import _capped, extract_all
    from timelinegraph.registry import EXPORTERS, resolve_formats
    from timelinegraph.resolve.parts import article_keys, join_parts, plan_merge
    from timelinegraph.workers import LocalExecutor

    clock = _Clock()
    clock.start()
    articles = read_articles([corpus], max_bytes=DEFAULT_LIMITS.max_article_bytes).articles
    words = sum(len(a.text.split()) for a in articles)
    clock.stop("ingest")
    max_events = DEFAULT_LIMITS.max_events_per_article
    keys, entries, notes = {}, {}, []
    with spool(None, model=None) as store:
        if jobs > 1:
            clock.start()
            extractions = extract_all(articles, jobs=jobs)
        else:
            extractions = _timed_extract(articles, clock)
        spooled = 0.0, 0.0
        for x in extractions:
            wall, cpu = time.perf_counter(), _cpu()
            entries[x.article.id] = store.add(x)
            keys[x.article.id] = article_keys(_capped(x, max_events, notes))
            spooled = spooled[0] + time.perf_counter() - wall, spooled[1] + _cpu() - cpu
        if jobs > 1:
            clock.stop(f"nlp + rules ({jobs} processes)")
            clock.seconds[f"nlp + rules ({jobs} processes)"] -= spooled[0]
            clock.cpu[f"nlp + rules ({jobs} processes)"] -= spooled[1]
        clock.add("spool + merge keys", *spooled)
        del articles, extractions
        clock.start()
        plan = plan_merge(keys.values())
        tasks = make_tasks(plan, keys, entries, max_events=max_events)
        clock.stop("merge: plan (stories, actors)")
        clock.start()
        results = [r for done in LocalExecutor(jobs).merge(tasks) for r in done]
        clock.stop("merge: parts" + (f" ({jobs} processes)" if jobs > 1 else ""))
        clock.start()
        kg = join_parts(plan, results)
        del results
        clock.stop("merge: join")
        disk = sum(os.path.getsize(e.file) for e in entries.values())
    biggest = max(len(p) for p in plan.parts)
    out.mkdir(parents=True, exist_ok=True)
    # the triples are written to a file by the first writer that reads them
    with build_graph(kg, out) as graph:
        for fmt in resolve_formats(None):
            filename, writer = EXPORTERS[fmt]
            clock.start()
            writer(graph, out / filename)
            clock.stop(f"export {fmt}")
    return {
        "kind": "build",
        "jobs": jobs,
        "articles": len(keys),
        "words": words,
        "stages": clock.seconds,
        "cpu": clock.cpu,
        "cpu_seconds": sum(clock.cpu.values()),
        "rss_after_mb": clock.rss,
        "seconds": sum(clock.seconds.values()),
        "peak_rss_mb": _peak_mb(),
        "peak_rss_workers_mb": _peak_mb(resource.RUSAGE_CHILDREN) if jobs > 1 else 0.0,
        "spool_mb": disk / 1e6,
        "parts": len(plan.parts),
        "largest_part": biggest,
        "graph": {
            "events": len(kg.events),
            "actors": len(kg.actors),
            "relations": len(kg.relations),
        },
    }


def work_bare(corpus: Path) -> Result:
    """Only ``nlp.pipe`` (same pipeline, batch size and masked texts as the build)."""
    from timelinegraph.extract import DEFAULT_BATCH_SIZE
    from timelinegraph.extract.context import mask_text
    from timelinegraph.extract.nlp import load_nlp
    from timelinegraph.ingest import read_articles

    texts = [mask_text(a) for a in read_articles([corpus]).articles]
    nlp = load_nlp()
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE):
        pass
    seconds = time.perf_counter() - started
    return {
        "kind": "bare",
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "batch_size": DEFAULT_BATCH_SIZE,
        "components": list(nlp.pipe_names),
        "peak_rss_mb": _peak_mb(),
    }


def work_rdflib(turtle: Path) -> Result:
    """rdflib's own Turtle serializer on the triples of our graph.ttl (serialize timed only)."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(turtle, format="turtle")
    started, cpu = time.perf_counter(), time.process_time()
    graph.serialize(format="turtle")
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu
    return {"kind": "rdflib", "triples": len(graph), "seconds": seconds, "cpu_seconds": cpu_seconds}


# --------------------------------------------------------------------------- driver


def _run_worker(args: list[str]) -> Result:
    """One measurement in a fresh interpreter; its result comes back as JSON on stdout."""
    command = [sys.executable, __file__, "--worker", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"benchmark worker failed: {' '.join(args)}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(
    sizes: list[int],
    jobs_list: list[int],
    bare_up_to: float,
    rdflib_up_to: float,
    tmp: Path,
    partial: Path | None = None,
    kind: str = "repeat",
) -> list[Result]:
    """Every measurement (bare spaCy and rdflib only for corpora of at most ``bare_up_to``
    and ``rdflib_up_to`` articles); with ``partial``, the results so far are rewritten there
    after each one, so a run stopped part-way (10,000 articles take long) keeps what it
    measured."""
    results = _Results(partial)
    for size in sizes:
        corpus = tmp / f"corpus-{kind}-{size}"
        if not corpus.is_dir():
            write_corpus(size, corpus, kind)
        turtle = None
        for jobs in jobs_list:
            out = tmp / f"out-{kind}-{size}-j{jobs}"
            _log(f"build {size} articles, --jobs {jobs}")
            results.append(_run_worker(["build", str(corpus), str(out), str(jobs)]))
            turtle = turtle or out / "graph.ttl"
        if size <= bare_up_to:
            _log(f"bare nlp.pipe, {size} articles")
            results.append(_run_worker(["bare", str(corpus)]))
        if turtle is not None and size <= rdflib_up_to:
            _log(f"rdflib Turtle serializer, graph of {size} articles")
            rdflib_result = _run_worker(["rdflib", str(turtle)])
            rdflib_result["articles"] = size
            results.append(rdflib_result)
    return list(results)


class _Results(list):
    """A list of results that saves itself as JSON on every append, when given a path."""

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        self.path = path

    def append(self, result: Result) -> None:
        super().append(result)
        if self.path is not None:
            self.path.write_text(json.dumps({"partial": True, "results": list(self)}, indent=2))


def _find(results: list[Result], kind: str, **match: Any) -> Result | None:
    for r in results:
        if r["kind"] == kind and all(r.get(k) == v for k, v in match.items()):
            return r
    return None


def report(results: list[Result]) -> list[str]:
    """The tables and ratios, as lines of text."""
    lines: list[str] = []
    builds = [r for r in results if r["kind"] == "build"]
    for r in builds:
        lines.append("")
        lines.append(
            f"build: {r['articles']:,} articles, {r['words']:,} words, --jobs {r['jobs']}  "
            f"({r['graph']['events']:,} events, {r['graph']['actors']:,} actors, "
            f"{r['graph']['relations']:,} relations)"
        )
        lines.append(f"  {'stage':32} {'seconds':>9} {'share':>6} {'CPU s':>9} {'RSS after':>10}")
        for stage, seconds in r["stages"].items():
            lines.append(
                f"  {stage:32} {seconds:9.2f} {seconds / r['seconds']:6.1%} "
                f"{r['cpu'][stage]:9.2f} {r['rss_after_mb'][stage]:7,.0f} MB"
            )
        lines.append(f"  {'total':32} {r['seconds']:9.2f} {'':6} {r['cpu_seconds']:9.2f}")
        workers = f", largest worker {r['peak_rss_workers_mb']:,.0f} MB" if r["jobs"] > 1 else ""
        lines.append(
            f"  {r['articles'] / r['seconds']:.1f} articles/s, {r['words'] / r['seconds']:,.0f} "
            f"words/s, peak RSS {r['peak_rss_mb']:,.0f} MB{workers}"
        )
        if "parts" in r:
            lines.append(
                f"  {r['parts']:,} merge parts (largest {r['largest_part']:,} articles), "
                f"spool {r['spool_mb']:,.0f} MB on disk"
            )
    lines.append("")
    lines.append(
        f"{'run':24} {'articles':>8} {'seconds':>9} {'CPU s':>9} {'articles/s':>10} "
        f"{'words/s':>9} {'peak RSS':>9}"
    )
    for r in results:
        if r["kind"] == "rdflib":
            continue
        name = f"build --jobs {r['jobs']}" if r["kind"] == "build" else "bare spaCy nlp.pipe"
        lines.append(
            f"{name:24} {r['articles']:8,} {r['seconds']:9.2f} {r['cpu_seconds']:9.2f} "
            f"{r['articles'] / r['seconds']:10.1f} {r['words'] / r['seconds']:9,.0f} "
            f"{r['peak_rss_mb']:6,.0f} MB"
        )
    for r in results:
        if r["kind"] == "rdflib":
            lines.append(
                f"rdflib Turtle serialize: graph of {r['articles']:,} articles, "
                f"{r['triples']:,} triples, {r['seconds']:.2f} s ({r['cpu_seconds']:.2f} s CPU)"
            )
    lines.append("")
    lines.append("ratios (target in brackets)")
    lines.extend(ratios(results))
    return lines


def _verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def ratios(results: list[Result]) -> list[str]:
    lines = []
    builds = [r for r in results if r["kind"] == "build"]
    for r in builds:
        bare = _find(results, "bare", articles=r["articles"])
        if bare is not None and r["jobs"] == 1:
            value = (r["words"] / r["seconds"]) / (bare["words"] / bare["seconds"])
            by_cpu = bare["cpu_seconds"] / r["cpu_seconds"]
            lines.append(
                f"  build/bare spaCy words/s, {r['articles']:,} articles, 1 process: "
                f"{value:.2f} [>= {TARGETS['build/bare']}] {_verdict(value >= 0.85)}"
                f" (by CPU seconds: {by_cpu:.2f})"
            )
        one = _find(results, "build", articles=r["articles"], jobs=1)
        if one is not None and r["jobs"] == 2:
            value = one["seconds"] / r["seconds"]
            lines.append(
                f"  2 processes / 1 process speed, {r['articles']:,} articles: {value:.2f} "
                f"[>= {TARGETS['jobs2/jobs1']}] {_verdict(value >= 1.7)}"
            )
    for jobs in sorted({r["jobs"] for r in builds}):
        runs = sorted((r for r in builds if r["jobs"] == jobs), key=lambda r: r["articles"])
        pairs = [(a, b) for a in runs for b in runs if b["articles"] == 10 * a["articles"]]
        if not pairs and len(runs) >= 2:
            pairs = [(runs[0], runs[-1])]
        for small, large in pairs:
            factor = large["articles"] / small["articles"]
            value = large["seconds"] / small["seconds"]
            by_cpu = large["cpu_seconds"] / small["cpu_seconds"]
            limit = TARGETS["time10x"] * factor / 10
            lines.append(
                f"  time({large['articles']:,}) / time({small['articles']:,}), --jobs {jobs}: "
                f"{value:.2f} for {factor:g}x the articles [<= {limit:g}] "
                f"{_verdict(value <= limit)} (by CPU seconds: {by_cpu:.2f})"
            )
    for r in builds:
        if r["articles"] >= 10_000:
            peak = max(r["peak_rss_mb"], r["peak_rss_workers_mb"]) / 1024
            lines.append(
                f"  peak RSS, {r['articles']:,} articles, --jobs {r['jobs']}: {peak:.2f} GB "
                f"[<= {TARGETS['peak_gb_10k']}] {_verdict(peak <= TARGETS['peak_gb_10k'])}"
            )
    for r in results:
        if r["kind"] != "rdflib":
            continue
        ours = next(b for b in builds if b["articles"] == r["articles"])
        turtle = ours["stages"]["export turtle"]
        value = r["seconds"] / turtle
        by_cpu = r["cpu_seconds"] / ours["cpu"]["export turtle"]
        lines.append(
            f"  rdflib Turtle / our Turtle export, {r['articles']:,} articles: "
            f"{r['seconds']:.2f} s / {turtle:.2f} s = {value:.1f}x "
            f"[>= {TARGETS['rdflib/ours']:g}] {_verdict(value >= TARGETS['rdflib/ours'])}"
            f" (by CPU seconds: {by_cpu:.1f}x)"
        )
    return lines


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        kind, *rest = sys.argv[2:]
        if kind == "build":
            result = work_build(Path(rest[0]), Path(rest[1]), int(rest[2]))
        elif kind == "bare":
            result = work_bare(Path(rest[0]))
        else:
            result = work_rdflib(Path(rest[0]))
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--jobs", type=int, action="append", help="processes (repeatable)")
    parser.add_argument("--skip-bare", action="store_true", help="do not time bare nlp.pipe")
    parser.add_argument(
        "--skip-rdflib", action="store_true", help="do not time rdflib's Turtle serializer"
    )
    parser.add_argument(
        "--bare-up-to", type=int, help="time bare nlp.pipe only on corpora up to this size"
    )
    parser.add_argument(
        "--rdflib-up-to",
        type=int,
        help="time rdflib only on corpora up to this size (it takes minutes past ~300 articles)",
    )
    parser.add_argument("--out-json", type=Path, help="also write all results here as JSON")
    parser.add_argument(
        "--corpus",
        choices=["repeat", "varied"],
        default="repeat",
        help="repeated real articles, or distinct ones of recombined sentences (corpus.py)",
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--from-json", type=Path, help="print the tables of an earlier (even partial) --out-json"
    )
    args = parser.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        print("\n".join([saved.get("header", "(partial run)"), *report(saved["results"])]))
        return
    sizes = sorted(set(args.articles or [200]))
    jobs_list = sorted(set(args.jobs or [1]))
    started = time.time()
    bare_up_to = 0 if args.skip_bare else (args.bare_up_to or float("inf"))
    rdflib_up_to = 0 if args.skip_rdflib else (args.rdflib_up_to or float("inf"))
    limits = (bare_up_to, rdflib_up_to)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = measure(sizes, jobs_list, *limits, args.keep, args.out_json, args.corpus)
    else:
        with tempfile.TemporaryDirectory(prefix="tg-bench-") as tmp:
            results = measure(sizes, jobs_list, *limits, Path(tmp), args.out_json, args.corpus)
    python = sys.version.split()[0]
    header = (
        f"timelinegraph build benchmark, {time.strftime('%Y-%m-%d %H:%M', time.localtime(started))}"
        f", python {python}, {os.cpu_count()} CPUs, {args.corpus} corpus"
    )
    lines = [header, *report(results)]
    print("\n".join(lines))
    if args.out_json:
        args.out_json.write_text(json.dumps({"header": header, "results": results}, indent=2))


if __name__ == "__main__":
    main()
