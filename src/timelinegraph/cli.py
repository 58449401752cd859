"""Command line: thin wrappers that call library functions and print one-line errors.

Exit codes: 0 everything built; 1 built, but some articles were skipped; 2 usage or fatal error.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import TimelineGraphError
from .pipeline import build

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL = 0, 1, 2

app = typer.Typer(
    help=(
        "Turn news articles into an event-timeline knowledge graph: Turtle for triple stores, "
        "GraphML for Gephi, timeline JSON for TimelineJS.\n\n"
        "Exit codes: 0 all built, 1 some articles skipped, 2 usage or fatal error.\n\n"
        "Example: timelinegraph build seeds/ --out exports/"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


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
    model: Annotated[
        str | None, typer.Option("--model", help="spaCy pipeline (default en_core_web_sm).")
    ] = None,
    default_date: Annotated[
        str | None,
        typer.Option("--default-date", help="Publication date (YYYY-MM-DD) for undated articles."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read articles, extract events/actors/relations, merge them and write the exports.

    Writes graph.ttl, graph.graphml and timeline.json into --out. Bad articles are reported
    one line each and skipped.

    Example: timelinegraph build seeds/ --out exports/ --format turtle,timeline --jobs 2
    """
    fallback = _parse_date(default_date) if default_date else None
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
            )
        except TimelineGraphError as exc:
            _fail(str(exc))
    for skipped in summary.skipped:
        typer.echo(f"skipped {skipped}", err=True)
    typer.echo(summary.line())
    for path in summary.written:
        typer.echo(f"  wrote {path}")
    raise typer.Exit(EXIT_SKIPPED if summary.skipped else EXIT_OK)


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
