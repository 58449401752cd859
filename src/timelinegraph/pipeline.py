"""The whole job: read articles, extract, resolve, build, export. File I/O only at the edges."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .cache import ExtractionCache
from .cache.spool import Entry, spool
from .dating import dating_counts, dating_line
from .errors import InputError, TimelineGraphError
from .executors import DaskExecutor
from .export.outdir import (
    check_writable,
    finish_interrupted_commit,
    output_lock,
    staged_exports,
)
from .extract import ExtractionFailed
from .graph.built import build_graph
from .ingest import SkippedFile, read_articles
from .limits import DEFAULT_LIMITS, Limits
from .models import Article, ArticleExtraction, KnowledgeGraph
from .partrun import make_tasks
from .registry import EXPORTERS, resolve_formats
from .resolve.parts import ArticleKeys, article_keys, join_parts, plan_merge
from .workers import LocalExecutor, in_a_worker

ProgressCallback = Callable[[int, int], None]


@dataclass
class BuildSummary:
    articles: int
    skipped: list[SkippedFile]
    events: int
    actors: int
    relations: int
    seconds: float
    written: list[Path] = field(default_factory=list)
    extracted: int = 0  # articles run through the extractors in this build
    cached: int = 0  # articles whose extraction came from the cache
    notes: list[str] = field(default_factory=list)
    dated: dict[str, int] = field(default_factory=dict)  # articles by published_source

    def line(self) -> str:
        text = (
            f"Built {self.articles} article{'s' * (self.articles != 1)} "
            f"({len(self.skipped)} skipped): {self.events} events, {self.actors} actors, "
            f"{self.relations} relations in {self.seconds:.1f} s"
        )
        if self.cached:
            text += f" ({self.extracted} extracted, {self.cached} from cache)"
        return text

    def dated_line(self) -> str:
        """How the articles were dated (``timelinegraph.dating``), said after ``line``."""
        return dating_line(self.dated)


def build(
    inputs: list[Path],
    out: Path,
    *,
    formats: list[str] | None = None,
    jobs: int = 1,
    model: str | None = None,
    default_date: date | None = None,
    progress: ProgressCallback | None = None,
    cache_dir: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    executor: DaskExecutor | None = None,
) -> BuildSummary:
    """Build the graph from every article under ``inputs`` and write the exports to ``out``.

    With ``cache_dir``, extractions are looked up in and added to the cache there, and only
    the articles not found are extracted (see ``timelinegraph.cache``); the exports are the
    same either way. With ``executor``, those are extracted on a Dask cluster instead of
    here (see ``timelinegraph.executors``), again giving the same exports.
    """
    started = time.perf_counter()
    chosen = resolve_formats(formats)
    read = read_articles(
        inputs, default_date=default_date, max_bytes=limits.max_article_bytes, skip=[out]
    )
    if not read.articles:
        problem = "no readable articles" if read.skipped else "no article files (.txt/.json/.jsonl)"
        raise InputError(", ".join(str(p) for p in inputs), problem)
    check_writable(out)
    with output_lock(out):
        # first thing under the lock: a reader waiting on a move cut short needs no more
        notes: list[str] = []
        finish_interrupted_commit(out, notes)
        articles = len(read.articles)
        dated = dating_counts(a.published_source for a in read.articles)
        # the merged graph's big lists wait on disk in the staging folder (``stored``),
        # removed before the exports are moved in
        with staged_exports(out) as staging, _scratch(staging, ".model-") as folder:
            kg, cached, failed, extraction_notes = _extract_and_resolve(
                read.articles,  # emptied as they are read: a text is not kept once used
                jobs=jobs,
                model=model,
                progress=progress,
                cache_dir=cache_dir,
                max_events=limits.max_events_per_article,
                executor=executor,
                folder=folder,
            )
            _write_staged(kg, staging, chosen, jobs=1 if executor else jobs or auto_jobs(articles))
        written = [out / EXPORTERS[name][0] for name in chosen]
    notes.extend(extraction_notes)
    return BuildSummary(
        articles=articles - len(failed),
        skipped=[*read.skipped, *failed],
        events=len(kg.events),
        actors=len(kg.actors),
        relations=len(kg.relations),
        seconds=time.perf_counter() - started,
        written=written,
        extracted=articles - cached - len(failed),
        cached=cached,
        notes=[*read.notes, *notes],
        dated=dated,
    )


def _extract_and_resolve(
    articles: list[Article],
    *,
    jobs: int,
    model: str | None,
    progress: ProgressCallback | None,
    cache_dir: Path | None,
    max_events: int,
    executor: DaskExecutor | None = None,
    folder: Path | None = None,
) -> tuple[KnowledgeGraph, int, list[SkippedFile], list[str]]:
    """The merged graph; how many extractions came from the cache; the articles extraction
    failed on (reported and left out, ``extract_one``); notes for the summary. ``articles``
    is emptied as they are read (a text is kept only until its keys are made). With
    ``folder``, the graph's events, actors and links are kept in files there
    (``resolve.parts.join_parts``).

    Each extraction goes to disk as it arrives (``cache.spool``), leaving only its merge keys
    here; the merge then runs part by part (``resolve.parts``, ``partrun``) where the
    executor runs it, each part reading its own extractions back."""
    keys: dict[str, ArticleKeys] = {}
    entries: dict[str, Entry] = {}
    capped_notes: dict[int, list[str]] = {}
    failed: list[SkippedFile] = []
    total = len(articles)
    articles.reverse()  # taken from the end, in order: each is let go once read
    with spool(cache_dir, model=model) as store:

        def keep(i: int, x: ArticleExtraction, *, hit: bool = False) -> None:
            # stored whole: the limit may change before the next build
            entries[x.article.id] = store.add(x, stored=hit)
            capped_notes[i] = []
            keys[x.article.id] = article_keys(_capped(x, max_events, capped_notes[i]))

        pending: list[int] = []  # where each missing article is among them
        missing: list[Article] = []
        cached = 0
        for i in range(total):
            article = articles.pop()
            hit = store.cache.get(article) if cache_dir is not None else None
            if hit is None:
                pending.append(i)
                missing.append(article)
                continue
            keep(i, hit, hit=True)
            cached += 1
            if progress is not None:
                progress(cached, total)
        extracted = (
            extract_all(missing, jobs=jobs, model=model, executor=executor) if missing else []
        )
        for done, (i, result) in enumerate(zip(pending, extracted, strict=True), start=1):
            if isinstance(result, ExtractionFailed):
                failed.append(SkippedFile(result.where, result.problem))
            else:
                keep(i, result)
            if progress is not None:
                progress(cached + done, total)
        notes = [note for i in sorted(capped_notes) for note in capped_notes[i]]
        if store.problem:
            notes.append(f"cache: {store.problem}; extractions were not stored")
        if not keys:
            raise TimelineGraphError(
                f"extraction failed on every article ({failed[0]}); nothing was written"
            )
        plan = plan_merge(keys.values())
        if folder is not None:
            plan.steps_to_disk(folder)
        tasks = make_tasks(plan, keys, entries, max_events=max_events)
        runner = executor or LocalExecutor(jobs or auto_jobs(len(keys)))
        # the tasks hold what the parts need: free the keys and ids before the join
        keys.clear()
        plan.actor_ids.clear()
        merged = runner.merge(tasks, folder)
        kg = join_parts(plan, (part for results in merged for part in results), folder)
    return kg, cached, failed, notes


def _capped(x: ArticleExtraction, max_events: int, notes: list[str]) -> ArticleExtraction:
    """``x`` with at most ``max_events`` events (the first, in text order). Capped after the
    cache, so the limit can change without re-extracting."""
    if len(x.events) <= max_events:
        return x
    notes.append(
        f"{x.article.path or x.article.id}: {len(x.events):,} events, only the first "
        f"{max_events:,} kept (--max-events-per-article)"
    )
    return x.model_copy(update={"events": x.events[:max_events]})


def extract_cached(
    articles: list[Article],
    cache: ExtractionCache,
    *,
    jobs: int,
    model: str | None,
    progress: ProgressCallback | None,
    executor: DaskExecutor | None = None,
) -> tuple[list[ArticleExtraction | ExtractionFailed], int]:
    """Extractions in article order, from ``cache`` where found, extracted (and stored)
    otherwise; and how many came from the cache. Progress counts every article. A failed
    extraction is not stored: the next build tries again."""
    total = len(articles)
    found: list[ArticleExtraction | ExtractionFailed | None] = []
    hits = 0
    for article in articles:
        found.append(cache.get(article))
        if found[-1] is not None:
            hits += 1
            if progress is not None:
                progress(hits, total)
    missing = [i for i, extraction in enumerate(found) if extraction is None]
    if missing:

        def report(done: int, _: int) -> None:
            if progress is not None:
                progress(hits + done, total)

        pending = [articles[i] for i in missing]
        extracted = extract_all(pending, jobs=jobs, model=model, progress=report, executor=executor)
        for i, extraction in zip(missing, extracted, strict=True):
            if isinstance(extraction, ArticleExtraction):
                cache.put(extraction)
            found[i] = extraction
    return [e for e in found if e is not None], hits


def extract_all(
    articles: list[Article],
    *,
    jobs: int = 1,
    model: str | None = None,
    progress: ProgressCallback | None = None,
    executor: DaskExecutor | LocalExecutor | None = None,
) -> Iterator[ArticleExtraction | ExtractionFailed]:
    """Extractions in article order, in this process, in ``jobs`` worker processes (0: as
    ``auto_jobs`` decides) or on ``executor`` (a Dask cluster, or given local processes);
    an article the extractor fails on comes out as an ``ExtractionFailed`` in its place."""
    total = len(articles)
    runner = executor or LocalExecutor(jobs or auto_jobs(total))
    for done, extraction in enumerate(runner.extract(articles, model=model), start=1):
        if progress is not None:
            progress(done, total)
        yield extraction


AUTO_JOBS_MIN_ARTICLES = 200  # below this, starting workers (~2 s each) costs what they save


def auto_jobs(articles: int) -> int:
    """One worker per usable CPU core when there are enough articles to pay for starting
    them, else 1 (work in this process)."""
    if articles < AUTO_JOBS_MIN_ARTICLES:
        return 1
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return max(1, len(cores) if cores else (os.cpu_count() or 1))


def write_exports(kg: KnowledgeGraph, out: Path, formats: list[str]) -> list[Path]:
    """Write each chosen format of ``kg`` into ``out``; returns the paths.

    All files are written to a staging folder first and moved in together, so a build that
    fails or is killed part-way leaves the previous set of exports as it was. The graph stage
    (``graph.built``) keeps its RDF file in the staging folder too, and removes it before the
    move; the next build removes what a killed one left there.
    """
    out.mkdir(parents=True, exist_ok=True)
    with staged_exports(out) as staging:
        _write_staged(kg, staging, formats)
    return [out / EXPORTERS[name][0] for name in formats]


def _write_staged(kg: KnowledgeGraph, staging: Path, formats: list[str], *, jobs: int = 1) -> None:
    """Each format written into ``staging``. With ``jobs`` > 1, the formats written from the
    model alone (GraphML, GEXF, timeline, page, tables) are written by a worker process
    while this one writes those that read the RDF triples (Turtle and the other RDF
    formats, the report): each file is the same, and the triples are made once."""
    beside = [n for n in formats if EXPORTERS[n][1].reads == "model"] if jobs > 1 else []
    here = [n for n in formats if n not in beside]
    if not here or not beside:
        _write_formats((kg, staging, formats))
        return
    with in_a_worker(_write_formats, (kg, staging, beside), what="an export") as done:
        _write_formats((kg, staging, here))
        done.result()


def _write_formats(job: tuple[KnowledgeGraph, Path, list[str]]) -> None:
    kg, staging, formats = job
    with build_graph(kg, staging) as graph:
        for name in formats:
            filename, writer = EXPORTERS[name]
            writer(graph, staging / filename)


@contextmanager
def _scratch(folder: Path, prefix: str) -> Iterator[Path]:
    """A temporary folder in ``folder``, removed on leaving."""
    with tempfile.TemporaryDirectory(prefix=prefix, dir=folder) as name:
        yield Path(name)
