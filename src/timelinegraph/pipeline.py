"""The whole job: read articles, extract, resolve, build, export. File I/O only at the edges."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from .errors import ExportError, InputError
from .extract import extract, extract_many
from .extract.nlp import load_nlp
from .ingest import SkippedFile, read_articles
from .models import Article, ArticleExtraction, KnowledgeGraph
from .registry import EXPORTERS, resolve_formats
from .resolve import resolve

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

    def line(self) -> str:
        return (
            f"Built {self.articles} article{'s' * (self.articles != 1)} "
            f"({len(self.skipped)} skipped): {self.events} events, {self.actors} actors, "
            f"{self.relations} relations in {self.seconds:.1f} s"
        )


def build(
    inputs: list[Path],
    out: Path,
    *,
    formats: list[str] | None = None,
    jobs: int = 1,
    model: str | None = None,
    default_date: date | None = None,
    progress: ProgressCallback | None = None,
) -> BuildSummary:
    """Build the graph from every article under ``inputs`` and write the exports to ``out``."""
    started = time.perf_counter()
    chosen = resolve_formats(formats)
    read = read_articles(inputs, default_date=default_date)
    if not read.articles:
        problem = "no readable articles" if read.skipped else "no article files (.txt/.json/.jsonl)"
        raise InputError(", ".join(str(p) for p in inputs), problem)
    _check_writable(out)
    extractions = list(extract_all(read.articles, jobs=jobs, model=model, progress=progress))
    kg = resolve(extractions)
    written = write_exports(kg, out, chosen)
    return BuildSummary(
        articles=len(read.articles),
        skipped=read.skipped,
        events=len(kg.events),
        actors=len(kg.actors),
        relations=len(kg.relations),
        seconds=time.perf_counter() - started,
        written=written,
    )


def extract_all(
    articles: list[Article],
    *,
    jobs: int = 1,
    model: str | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[ArticleExtraction]:
    """Extractions in article order, in this process or in ``jobs`` worker processes."""
    total = len(articles)
    if jobs <= 1 or total < 2:
        results: Iterator[ArticleExtraction] = extract_many(articles, load_nlp(model))
    else:
        results = _extract_parallel(articles, jobs=jobs, model=model)
    for done, extraction in enumerate(results, start=1):
        if progress is not None:
            progress(done, total)
        yield extraction


def _extract_parallel(
    articles: list[Article], *, jobs: int, model: str | None
) -> Iterator[ArticleExtraction]:
    # spawn, not fork: a forked copy of a process holding threads (progress bar) is unsafe
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=get_context("spawn"),
        initializer=_init_worker,
        initargs=(model,),
    ) as pool:
        chunk = max(1, min(16, len(articles) // (jobs * 4) or 1))
        yield from pool.map(_extract_in_worker, articles, chunksize=chunk)


_WORKER_MODEL: str | None = None


def _init_worker(model: str | None) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = model
    load_nlp(model)


def _extract_in_worker(article: Article) -> ArticleExtraction:
    return extract(article, load_nlp(_WORKER_MODEL))


def write_exports(kg: KnowledgeGraph, out: Path, formats: list[str]) -> list[Path]:
    """Write each chosen format into ``out`` (each file atomically); returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in formats:
        filename, writer = EXPORTERS[name]
        written.append(writer(kg, out / filename))
    return written


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create output folder ({exc.strerror})") from None
    if not out.is_dir():
        raise ExportError(f"{out}: not a folder")
    probe = out / ".timelinegraph-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ExportError(f"{out}: output folder is not writable ({exc.strerror})") from None
