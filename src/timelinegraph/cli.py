"""Command line: thin wrappers that call library functions and print one-line errors.

Exit codes: 0 everything built; 1 built, but some articles were skipped; 2 usage or fatal error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .cache import default_cache_dir
from .errors import TimelineGraphError
from .evaluate.report import render_errors, render_table
from .evaluate.run import evaluate_paths
from .explain import main_explain
from .export.atomic import write_text_atomic
from .pipeline import build, extract_files

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL = 0, 1, 2

app = typer.Typer(
    help=(
        "Turn news articles into an event-timeline knowledge graph: Turtle for triple stores, "
        "GraphML for Gephi, timeline JSON for TimelineJS. `extract` writes each article's "
        "events and time expressions as TimeML (TempEval-3 .tml) or JSON; `eval` scores the "
        "extraction against annotated corpora (TimeML, MEANTIME).\n\n"
        "Exit codes: 0 all built, 1 some articles skipped, 2 usage or fatal error.\n\n"
        "Example: timelinegraph build seeds/ --out exports/"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

# Options several commands share, declared once.
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline (default en_core_web_sm).")
]
DefaultDateOption = Annotated[
    str | None,
    typer.Option("--default-date", help="Publication date (YYYY-MM-DD) for undated articles."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timelinegraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """timelinegraph command line."""


@app.command("build")
def build_cli(
    inputs: Annotated[
        list[Path], typer.Argument(help="Article files or folders (read recursively).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the exports.")] = Path(
        "exports"
    ),
    formats: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", help="turtle, graphml, timeline (repeat or comma-list)."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extraction processes.")] = 1,
    model: ModelOption = None,
    default_date: DefaultDateOption = None,
    quiet: QuietOption = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Folder keeping each article's extraction between builds "
            "(default $XDG_CACHE_HOME/timelinegraph, else ~/.cache/timelinegraph).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Extract every article; no cache read or written.")
    ] = False,
) -> None:
    """Read articles, extract events/actors/relations, merge them and write the exports.

    Writes graph.ttl, graph.graphml and timeline.json into --out. Bad articles are reported
    one line each and skipped.

    Extractions are cached per article (keyed by its content, the extractor and the model),
    so a rebuild extracts only new or changed articles; the exports are the same bytes.
    Delete the cache folder to clear it.

    Example: timelinegraph build seeds/ --out exports/ --format turtle,timeline --jobs 2
    """
    if no_cache and cache_dir is not None:
        _fail("--cache-dir and --no-cache exclude each other")
    fallback = _parse_date(default_date) if default_date else None
    cache = None if no_cache else (cache_dir or default_cache_dir())
    with _progress(quiet) as report:
        try:
            summary = build(
                inputs,
                out,
                formats=formats,
                jobs=jobs,
                model=model,
                default_date=fallback,
                progress=report,
                cache_dir=cache,
            )
        except TimelineGraphError as exc:
            _fail(str(exc))
    _finish(summary.skipped, summary.line(), summary.written, notes=summary.notes)


@app.command("extract")
def extract_cli(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Article files or folders (read recursively), e.g. .TE3input files."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the files.")] = Path(
        "extracted"
    ),
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="timeml (TempEval-3 .tml) or json (full extraction)."),
    ] = "timeml",
    model: ModelOption = None,
    default_date: DefaultDateOption = None,
    quiet: QuietOption = False,
) -> None:
    """Extract events and time expressions, one file per article, without merging.

    TimeML output is TimeML 1.2.1 as in TempEval-3: exact article text, TIMEX3/EVENT tags.

    x.txt and x.tml.TE3input become x.tml (x.json with --format json).

    JSON lists and JSONL files give one file per article, named by article id.

    Bad articles are reported one line each and skipped.

    Example: timelinegraph extract AP_20130322.tml.TE3input seeds/ --out extracted/
    """
    fallback = _parse_date(default_date) if default_date else None
    with _progress(quiet) as report:
        try:
            summary = extract_files(
                inputs, out, fmt=fmt, model=model, default_date=fallback, progress=report
            )
        except TimelineGraphError as exc:
            _fail(str(exc))
    _finish(summary.skipped, summary.line(), summary.written, notes=summary.notes)


@app.command("eval")
def eval_cli(
    gold: Annotated[
        list[Path], typer.Argument(help="Annotated files or folders: TimeML (.tml) or CAT XML.")
    ],
    json_out: Annotated[
        Path, typer.Option("--json", help="Where to write the full report as JSON.")
    ] = Path("eval.json"),
    gold_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="timeml or cat (default: detected per file)."),
    ] = None,
    errors: Annotated[
        int, typer.Option("--errors", min=0, help="How many error kinds to list.")
    ] = 10,
    model: ModelOption = None,
    default_date: DefaultDateOption = None,
) -> None:
    """Score the extraction against annotated corpora (TimeML / TempEval-3, MEANTIME, ECB+).

    Prints time expression, event, entity and participant-role scores (precision, recall,
    F1, accuracies) and the most frequent error kinds; writes everything, with examples and
    per-document scores, to --json. When the gold has coreference chains (ECB+, MEANTIME
    cross-document), each folder is built as one graph and the merging of events and actors
    is scored with MUC, B-cubed, CEAF-e and the CoNLL F1. Rules: docs/evaluation.md.

    Example: timelinegraph eval ../shared/eval/meantime-english/intra-doc_annotation/corpus_gm
    """
    try:
        fallback = _parse_date(default_date) if default_date else None
        report = evaluate_paths(gold, model=model, gold_format=gold_format, default_date=fallback)
        write_text_atomic(json_out, report.to_json())
    except TimelineGraphError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{json_out}: cannot write the report: {exc.strerror or exc}")
    for skipped in report.skipped:
        typer.echo(f"skipped {skipped}", err=True)
    typer.echo(f"Scored {report.documents} documents ({len(report.skipped)} skipped)\n")
    typer.echo(render_table(report))
    if errors:
        typer.echo(f"\nMost frequent errors:\n{render_errors(report, n=errors, examples=1)}")
    typer.echo(f"\n  wrote {json_out}")
    raise typer.Exit(EXIT_SKIPPED if report.skipped else EXIT_OK)


@app.command("explain")
def explain_cli(
    node_id: Annotated[str, typer.Argument(help="Actor, event or relation id (or its IRI).")],
    exports: Annotated[
        Path, typer.Option("--exports", "-e", help="The build folder (or its graph.ttl).")
    ] = Path("exports"),
) -> None:
    """Show where a node of the graph came from: its mentions and why they were merged.

    Reads graph.ttl of a build: every mention (article, characters, sentence) and every merge
    decision (which mention matched which, by which rule, on what evidence).

    Example: timelinegraph explain state-israel --exports exports/
    """
    try:
        typer.echo(main_explain(exports, node_id), nl=False)
    except TimelineGraphError as exc:
        _fail(str(exc))


def _finish(
    skipped: Sequence[object], line: str, written: Sequence[Path], *, notes: Sequence[str] = ()
) -> None:
    """Report a run the same way for every command, then exit 0, or 1 when inputs were skipped."""
    for item in skipped:
        typer.echo(f"skipped {item}", err=True)
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(line)
    for path in written:
        typer.echo(f"  wrote {path}")
    raise typer.Exit(EXIT_SKIPPED if skipped else EXIT_OK)


class _progress:
    """A progress bar on stderr (hidden when quiet or not a terminal) fed by a callback."""

    def __init__(self, quiet: bool) -> None:
        self._bar = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=True,
        )
        self._task = self._bar.add_task("extract", total=None)

    def __enter__(self):
        self._bar.start()
        return self._update

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def _update(self, done: int, total: int) -> None:
        self._bar.update(self._task, completed=done, total=total)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail(f"--default-date: invalid date {text!r} (expected YYYY-MM-DD)")
        raise  # unreachable: _fail exits


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_FATAL)


def run() -> None:  # pragma: no cover - console entry point alternative
    sys.exit(app())
