"""The ``extract`` command's job: one TimeML or JSON file per article, no merge, no graph."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .common.atomic import write_text_atomic
from .dating import dating_counts, dating_line
from .errors import InputError, TimelineGraphError
from .export.extraction_json import write_extraction_json
from .export.outdir import check_writable
from .export.timeml import build_timeml
from .extract import ExtractionFailed, extract_each
from .extract.nlp import load_nlp
from .ingest import SkippedFile, find_article_files, read_file
from .ingest.ids import slugify
from .ingest.reader import SUFFIXES, display_path
from .models import Article, ArticleExtraction
from .pipeline import ProgressCallback

# format name -> file extension of the per-article files
EXTRACT_FORMATS = {"timeml": ".tml", "json": ".json"}
_TE3_INPUT = ".te3input"


@dataclass
class ExtractSummary:
    articles: int
    skipped: list[SkippedFile]
    events: int
    times: int
    seconds: float
    written: list[Path] = field(default_factory=list)
    dropped_spans: int = 0
    notes: list[str] = field(default_factory=list)
    dated: dict[str, int] = field(default_factory=dict)  # articles by published_source

    def dated_line(self) -> str:
        """How the articles were dated (``timelinegraph.dating``), said after ``line``."""
        return dating_line(self.dated)

    def line(self) -> str:
        text = (
            f"Extracted {self.articles} article{'s' * (self.articles != 1)} "
            f"({len(self.skipped)} skipped): {self.events} events, "
            f"{self.times} time expressions"
        )
        if self.dropped_spans:
            text += f" ({self.dropped_spans} overlapping tags left out of the TimeML)"
        return f"{text} in {self.seconds:.1f} s"


def extract_format(fmt: str) -> str:
    """The canonical extract format name; an unknown one is an error listing the valid ones."""
    name = fmt.strip().lower()
    if name not in EXTRACT_FORMATS:
        raise TimelineGraphError(
            f"unknown format {fmt!r} (valid: {', '.join(sorted(EXTRACT_FORMATS))})"
        )
    return name


def output_name(input_path: Path, fmt: str) -> str:
    """File name (no folder) for the article read from ``input_path``.

    A trailing ``.TE3input`` is dropped, then the extension becomes ``.tml`` or ``.json``:
    ``AP_20130322.tml.TE3input`` -> ``AP_20130322.tml``, ``foo.txt`` -> ``foo.tml`` / ``foo.json``.
    """
    extension = EXTRACT_FORMATS[extract_format(fmt)]
    name = Path(input_path).name
    if name.lower().endswith(_TE3_INPUT):
        name = name[: -len(_TE3_INPUT)]
    stem = name[: -len(".tml")] if name.lower().endswith(".tml") else Path(name).stem
    return (stem.lstrip(".") or "article") + extension


def extract_files(
    inputs: list[Path],
    out: Path,
    *,
    fmt: str = "timeml",
    model: str | None = None,
    default_date: date | None = None,
    progress: ProgressCallback | None = None,
) -> ExtractSummary:
    """Extract every article under ``inputs`` and write one ``fmt`` file per article to ``out``.

    A file holding one article is named after the file (``output_name``); the articles of a
    JSON list or JSONL file are named by article id. Clashing names get ``-2``, ``-3``, ... in
    input order. Unreadable inputs are skipped and listed in the summary.
    """
    started = time.perf_counter()
    fmt = extract_format(fmt)
    pending, skipped, notes = _read_named(inputs, fmt, default_date, out)
    if not pending:
        problem = "no readable articles" if skipped else f"no article files ({'/'.join(SUFFIXES)})"
        raise InputError(", ".join(str(p) for p in inputs), problem)
    check_writable(out)
    articles = [article for article, _ in pending]
    names = _unique_names([name for _, name in pending])
    summary = ExtractSummary(
        articles=0,
        skipped=skipped,
        events=0,
        times=0,
        seconds=0.0,
        notes=notes,
        dated=dating_counts(a.published_source for a in articles),
    )
    extractions = extract_each(articles, load_nlp(model))
    for done, (extraction, name) in enumerate(zip(extractions, names, strict=True), start=1):
        if isinstance(extraction, ExtractionFailed):
            summary.skipped.append(SkippedFile(extraction.where, extraction.problem))
        else:
            _write_extraction(extraction, out / name, fmt, summary)
        if progress is not None:
            progress(done, len(articles))
    summary.seconds = time.perf_counter() - started
    return summary


def _read_named(
    inputs: list[Path], fmt: str, default_date: date | None, out: Path
) -> tuple[list[tuple[Article, str]], list[SkippedFile], list[str]]:
    """Every readable article with its output file name, the inputs that were skipped and
    the reader's notes (``out``, where the files go, is not read)."""
    pending: list[tuple[Article, str]] = []
    skipped: list[SkippedFile] = []
    notes: list[str] = []
    roots = [p.resolve() for p in inputs]
    extension = EXTRACT_FORMATS[fmt]
    for path in find_article_files(inputs, skip=[out]):
        items = list(read_file(path, default_date=default_date, notes=notes))
        by_id = path.suffix.lower() == ".jsonl" or len(items) > 1
        shown = display_path(path.resolve(), roots)
        for item in items:
            if isinstance(item, InputError):
                skipped.append(SkippedFile(item.path, item.problem))
                continue
            name = slugify(item.id) + extension if by_id else output_name(path, fmt)
            pending.append((item.model_copy(update={"path": shown}), name))
    return pending, skipped, notes


def _unique_names(names: list[str]) -> list[str]:
    """``names`` with later duplicates (case-insensitively) suffixed ``-2``, ``-3``, ..."""
    taken: set[str] = set()
    unique = []
    for name in names:
        stem, extension = name.rsplit(".", 1)
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{stem}-{n}.{extension}"
        taken.add(candidate.casefold())
        unique.append(candidate)
    return unique


def _write_extraction(
    extraction: ArticleExtraction, path: Path, fmt: str, summary: ExtractSummary
) -> None:
    """Write one article's file and add it to ``summary``. Any text the reader gives can be
    written: it leaves no lone surrogate (ingest/unicode.py)."""
    if fmt == "timeml":
        document = build_timeml(extraction)
        write_text_atomic(path, document.xml)
        summary.dropped_spans += len(document.dropped)
        summary.notes.extend(f"{path.name}: left out {d}" for d in document.dropped)
        if document.replaced_chars:
            summary.notes.append(
                f"{path.name}: {document.replaced_chars} characters XML cannot hold "
                "written as spaces"
            )
    else:
        write_extraction_json(extraction, path)
    summary.articles += 1
    summary.events += len(extraction.events)
    summary.times += len(extraction.times)
    summary.written.append(path)
