"""Benchmark the RDF path on the graph of N real articles: our writers against rdflib's Turtle
serializer on the same triples, and the memory the triples take against an rdflib graph.

Not a test. The knowledge graph is built once from N articles of ``benchmarks/corpus.py``
(ECB+ and MEANTIME, repeated to reach N) and pickled with ``--kg FILE`` so later runs skip the
NLP. Then, in this one process:

- build: ``build_rdf`` (the triples every writer shares), its time and VmRSS growth;
- each writer (Turtle, N-Triples, TriG, JSON-LD) writing to a file, best of ``--repeat``;
- the QA report's SHACL check (pyshacl, chunked);
- rdflib: the same triples as an rdflib ``Graph`` (what the old builder held: its VmRSS
  growth), then only ``Graph.serialize(format="turtle")`` timed; the ratio to our Turtle.

Times are CPU seconds of this process (``time.process_time``): every step runs on one thread,
and on a shared machine wall time mostly measures the other processes.

Example:

    python benchmarks/bench_rdf.py --articles 1000 --kg /tmp/kg1000.pickle
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def rss_mb() -> float:
    """This process's resident set size (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def knowledge_graph(articles: int, cache: Path | None) -> Any:
    """The resolved graph of ``articles`` corpus articles (from ``cache`` when it exists)."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    from corpus import corpus_articles

    from timelinegraph.extract import extract_many
    from timelinegraph.extract.nlp import load_nlp
    from timelinegraph.resolve import resolve

    kg = resolve(list(extract_many(corpus_articles(articles), load_nlp())))
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(kg, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return kg


def clock() -> float:
    """CPU seconds of this process: on a shared machine, wall time mostly measures the others
    (every step measured here runs on one thread)."""
    return time.process_time()


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The shortest of ``repeat`` runs, in CPU seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        started = clock()
        run()
        times.append(clock() - started)
    return min(times)


def measure(kg: Any, repeat: int, with_rdflib: bool) -> dict[str, Any]:
    from timelinegraph.export.jsonld import write_jsonld
    from timelinegraph.export.ntriples import write_ntriples
    from timelinegraph.export.report_checks import shacl_check
    from timelinegraph.export.trig import write_trig
    from timelinegraph.export.turtle import write_turtle
    from timelinegraph.graph.rdf import build_rdf
    from timelinegraph.graph.rdf_rdflib import to_rdflib

    result: dict[str, Any] = {"events": len(kg.events), "actors": len(kg.actors)}
    gc.collect()
    before = rss_mb()
    started = clock()
    triples = build_rdf(kg)  # in memory (a build streams them to a file: graph/rdf_file.py)
    result["build_s"] = clock() - started
    result["triples"] = len(triples)
    gc.collect()
    result["build_rss_mb"] = rss_mb() - before
    result["rebuild_s"] = best_of(repeat, lambda: build_rdf(kg))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        writers = {
            "turtle": (write_turtle, "graph.ttl"),
            "ntriples": (write_ntriples, "graph.nt"),
            "trig": (write_trig, "graph.trig"),
            "jsonld": (write_jsonld, "graph.jsonld"),
        }
        for name, (write, filename) in writers.items():
            result[f"{name}_s"] = best_of(repeat, lambda w=write, f=filename: w(triples, out / f))
            result[f"{name}_mb"] = (out / filename).stat().st_size / 1e6
        started = clock()
        shacl = shacl_check(kg, triples=triples)
        result["shacl_s"] = clock() - started
        result["shacl_violations"] = len(shacl.violations)
        if with_rdflib:
            gc.collect()
            before = rss_mb()
            started = clock()
            graph = to_rdflib(triples)
            result["rdflib_graph_s"] = clock() - started
            gc.collect()
            result["rdflib_graph_rss_mb"] = rss_mb() - before
            started = clock()
            graph.serialize(destination=str(out / "rdflib.ttl"), format="turtle")
            result["rdflib_turtle_s"] = clock() - started
            result["rdflib/ours"] = result["rdflib_turtle_s"] / result["turtle_s"]
            del graph
    return result


def report(result: dict[str, Any]) -> str:
    rows = [
        ("triples", f"{result['triples']:,}"),
        (
            "build_rdf (first)",
            f"{result['build_s']:.2f} s, +{result['build_rss_mb']:.0f} MB",
        ),
        ("build_rdf (best)", f"{result['rebuild_s']:.2f} s"),
    ]
    for name in ("turtle", "ntriples", "trig", "jsonld"):
        rows.append(
            (f"write {name}", f"{result[f'{name}_s']:.2f} s ({result[f'{name}_mb']:.0f} MB)")
        )
    rows.append(("SHACL check (pyshacl, chunked)", f"{result['shacl_s']:.2f} s"))
    if "rdflib_turtle_s" in result:
        rows += [
            (
                "rdflib Graph of the same triples",
                f"{result['rdflib_graph_s']:.2f} s, +{result['rdflib_graph_rss_mb']:.0f} MB",
            ),
            ("rdflib serialize(turtle)", f"{result['rdflib_turtle_s']:.2f} s"),
            ("ratio rdflib / our Turtle", f"{result['rdflib/ours']:.1f}x (target >= 20x)"),
        ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--kg", type=Path, help="pickle of the graph: read if present, else written"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per writer (best kept)")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    parser.add_argument("--out-json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    kg = knowledge_graph(args.articles, args.kg)
    result = {"articles": args.articles, **measure(kg, args.repeat, not args.no_rdflib)}
    print(
        f"RDF path, {args.articles} articles ({result['events']} events, {result['actors']} actors)"
    )
    print(report(result))
    if args.out_json:
        args.out_json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
