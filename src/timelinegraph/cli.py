"""Command line: thin wrappers that call library functions and print one-line errors.

Exit codes: 0 everything built; 1 built, but some articles were skipped; 2 usage or fatal error;
130 interrupted (Ctrl-C) and 143 terminated (SIGTERM), with the previous exports left as they were.
Everything printed goes through ``_echo``: control characters are shown escaped (terminal.py).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .common.atomic import write_text_atomic
from .errors import TimelineGraphError
from .export.outdir import settle_exports
from .ingest.unicode import escape_surrogates  # a non-UTF-8 file name is shown as \xNN
from .limits import DEFAULT_LIMITS, Limits
from .store import (
    DEFAULT_GRAPH,
    DEFAULT_TIMEOUT,
    FORMATS,
    endpoint_from,
    format_results,
    load_into_endpoint,
    load_into_store,
    read_query,
    run_query,
)
from .store.examples import render_examples
from .terminal import printable
from .view import view_exports

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143

app = typer.Typer(
    help=(
        "Turn news articles into an event-timeline knowledge graph: Turtle for triple stores, "
        "GraphML for Gephi, timeline JSON for TimelineJS. `extract` writes each article's "
        "events and time expressions as TimeML (TempEval-3 .tml) or JSON; `eval` scores the "
        "extraction against annotated corpora (TimeML, MEANTIME). `load` and `query` put a "
        "build into a triple store and ask it SPARQL; `view` writes a page to look at it; "
        "`explain` says where a node came from; `timeline` lists an actor's events in time "
        "order.\n\n"
        "Exit codes: 0 all built, 1 some articles skipped, 2 usage or fatal error, "
        "130 interrupted, 143 terminated (SIGTERM); both keep the previous exports.\n\n"
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
        _echo(f"timelinegraph {__version__}")
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
        typer.Option(
            "--format",
            "-f",
            help="turtle, graphml, gexf, timeline, report, html (the default set), or ntriples, "
            "jsonld, trig; repeat or comma-list.",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Extraction processes; 0 (default): one per CPU core when 200 or more "
            "articles need extracting, else 1.",
        ),
    ] = 0,
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
    max_article_bytes: Annotated[
        int,
        typer.Option(
            "--max-article-bytes",
            min=1,
            help="Skip article files (JSON Lines: lines) larger than this.",
        ),
    ] = DEFAULT_LIMITS.max_article_bytes,
    max_events: Annotated[
        int,
        typer.Option(
            "--max-events-per-article",
            min=1,
            help="Keep at most this many events of one article (the first ones).",
        ),
    ] = DEFAULT_LIMITS.max_events_per_article,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            help="Where extraction runs: local (this machine, --jobs processes) or dask "
            "(an existing Dask cluster, see --scheduler).",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Address of the Dask scheduler for --executor dask (e.g. tcp://10.0.0.5:8786).",
        ),
    ] = None,
    scheduler_timeout: Annotated[
        float,
        typer.Option(
            "--scheduler-timeout",
            min=0.1,
            help="Seconds to wait for the Dask scheduler and a first worker.",
        ),
    ] = 10.0,
) -> None:
    """Read articles, extract events/actors/relations, merge them and write the exports.

    Writes graph.ttl (triple stores), graph.graphml and graph.gexf (Gephi), timeline.json
    (TimelineJS), report.md (QA) and index.html (a page to look at) into --out. Bad articles
    are reported one line each and skipped. One build at a time per --out (a lock); the new
    exports replace the old only once all are written.

    Extractions are cached per article (keyed by its content, the extractor and the model),
    so a rebuild extracts only new or changed articles; the exports are the same bytes.
    Delete the cache folder to clear it.

    With --executor dask --scheduler ADDRESS, the articles not in the cache are extracted on
    an existing Dask cluster (workers need the same timelinegraph and model installed); the
    exports are the same bytes as those of a local build.

    Example: timelinegraph build seeds/ --out exports/ --format turtle,timeline --jobs 2
    """
    if no_cache and cache_dir is not None:
        _fail("--cache-dir and --no-cache exclude each other")
    from .executors import executor_from_options

    try:
        runner = executor_from_options(executor, scheduler, jobs=jobs, timeout=scheduler_timeout)
    except TimelineGraphError as exc:
        _fail(str(exc))
    fallback = _parse_date(default_date) if default_date else None
    # the NLP stack is imported by the commands that need it, so load/query/view start fast
    from .cache import default_cache_dir
    from .pipeline import build

    cache = None if no_cache else (cache_dir or default_cache_dir())
    with _progress(quiet) as report, _sigterm_as_interrupt():
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
                limits=Limits(max_article_bytes, max_events),
                executor=runner,
            )
        except TimelineGraphError as exc:
            _fail(str(exc))
        except KeyboardInterrupt as stop:
            _stopped(out, stop)
    _finish(
        summary.skipped,
        summary.line(),
        summary.written,
        notes=summary.notes,
        dated=summary.dated_line(),
    )


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

    TimeML output is TimeML 1.2.1 as in TempEval-3: exact article text, TIMEX3/EVENT tags,
    MAKEINSTANCEs and the article's temporal links as TLINKs.

    x.txt and x.tml.TE3input become x.tml (x.json with --format json).

    JSON lists and JSONL files give one file per article, named by article id.

    Bad articles are reported one line each and skipped.

    Example: timelinegraph extract AP_20130322.tml.TE3input seeds/ --out extracted/
    """
    fallback = _parse_date(default_date) if default_date else None
    from .extract_job import extract_files

    with _progress(quiet) as report:
        try:
            summary = extract_files(
                inputs, out, fmt=fmt, model=model, default_date=fallback, progress=report
            )
        except TimelineGraphError as exc:
            _fail(str(exc))
    _finish(
        summary.skipped,
        summary.line(),
        summary.written,
        notes=summary.notes,
        dated=summary.dated_line(),
    )


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
    matres: Annotated[
        list[Path] | None,
        typer.Option(
            "--matres",
            help="MATRES relation files or their folder: also score event pairs (start points).",
        ),
    ] = None,
    model: ModelOption = None,
    default_date: DefaultDateOption = None,
    timelines: Annotated[
        Path | None,
        typer.Option(
            "--timelines",
            help="SemEval-2015 TimeLine gold folder: build the corpus given as argument (its "
            "CAT files), write each target entity's timeline and score them (Track A).",
        ),
    ] = None,
    timelines_out: Annotated[
        Path, typer.Option("--timelines-out", help="Where --timelines writes our timelines.")
    ] = Path("timelines"),
) -> None:
    """Score the extraction against annotated corpora (TimeML / TempEval-3, MEANTIME, ECB+).

    Prints time expression, event, entity and participant-role scores (precision, recall,
    F1, accuracies) and the most frequent error kinds; writes everything, with examples and
    per-document scores, to --json. When the gold has coreference chains (ECB+, MEANTIME
    cross-document), each folder is built as one graph and the merging of events and actors
    is scored with MUC, B-cubed, CEAF-e and the CoNLL F1. When TimeML gold has TLINKs, our
    temporal links are scored as TempEval-3 temporal awareness and, with --matres, on the
    MATRES event pairs. Rules: docs/evaluation.md, docs/temporal.md.

    With --timelines GOLD, the argument is a SemEval-2015 TimeLine corpus (the CAT files of
    Track A): it is built, each target entity's timeline written to --timelines-out as the
    task's format, and scored as the task scored them (temporal awareness over the
    timelines' relations, micro-averaged; with and without the time anchors).

    Example: timelinegraph eval ../shared/eval/meantime-english/intra-doc_annotation/corpus_gm

    Example: timelinegraph eval --timelines corpus_2/TimeLines_Gold_Standard corpus_2/trackA
    """
    if timelines is not None:
        _eval_timelines(timelines, gold, timelines_out, model)
        return
    from .dating import dating_line
    from .evaluate.report import render_errors, render_table
    from .evaluate.run import evaluate_paths

    try:
        fallback = _parse_date(default_date) if default_date else None
        report = evaluate_paths(
            gold, model=model, gold_format=gold_format, default_date=fallback, matres=matres
        )
        write_text_atomic(json_out, report.to_json())
    except TimelineGraphError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{json_out}: cannot write the report: {exc.strerror or exc}")
    for skipped in report.skipped:
        _echo(f"skipped {skipped}", err=True, one_line=True)
    _echo(f"Scored {report.documents} documents ({len(report.skipped)} skipped)")
    _echo(f"{dating_line(report.dated)}\n")
    _echo(render_table(report))
    if errors:
        _echo(f"\nMost frequent errors:\n{render_errors(report, n=errors, examples=1)}")
    _echo(f"\n  wrote {json_out}")
    raise typer.Exit(EXIT_SKIPPED if report.skipped else EXIT_OK)


def _eval_timelines(gold: Path, corpus: list[Path], out: Path, model: str | None) -> None:
    if len(corpus) != 1:
        _fail("--timelines: give one corpus folder (the task's CAT files)")
    from .cache import default_cache_dir
    from .evaluate.timeline_run import evaluate_timelines, render_run

    try:
        run = evaluate_timelines(gold, corpus[0], out, model=model, cache_dir=default_cache_dir())
    except TimelineGraphError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{out}: cannot write the timelines: {exc.strerror or exc}")
    _echo(render_run(run), nl=False)


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
        from .explain import main_explain

        _settled(exports)
        _echo(main_explain(exports, node_id), nl=False)
    except TimelineGraphError as exc:
        _fail(str(exc))


TIMELINE_FORMATS = ("text", "json", "semeval")


@app.command("timeline")
def timeline_cli(
    actor: Annotated[str, typer.Argument(help="The actor's name, alias or id (any case).")],
    exports: Annotated[
        Path, typer.Option("--exports", "-e", help="The build folder (or its graph.ttl).")
    ] = Path("exports"),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text, json or semeval (SemEval-2015 TimeLine).")
    ] = "text",
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            help="semeval: the CAT files the build read (docids and sentence numbers).",
        ),
    ] = None,
) -> None:
    """Print the events an actor takes part in (agent or target), across all articles, in
    time order: by the days each can have begun on (tg:earliest / tg:latest), and by the
    temporal links where the days cannot tell.

    Reads graph.ttl of a build. An unknown name is an error naming the closest actors.
    --format semeval writes the SemEval-2015 Task 4 TimeLine format (ordering number, date,
    the event's mentions as docid-sentence-word), numbered as in the CAT files of --corpus.

    Example: timelinegraph timeline Hamas --exports exports/
    """
    if fmt not in TIMELINE_FORMATS:
        _fail(f"--format {fmt}: unknown format (expected one of: {', '.join(TIMELINE_FORMATS)})")
    if fmt == "semeval" and not corpus:
        _fail("--format semeval needs --corpus: the CAT files the build read")
    try:
        from .chronicle import actor_timeline, render_json, render_semeval, render_text
        from .explain import load_graph

        _settled(exports)
        timeline = actor_timeline(load_graph(exports), actor)
        if fmt == "text":
            text = render_text(timeline)
        elif fmt == "json":
            text = render_json(timeline)
        else:
            from .evaluate.timeline_run import cat_numbering

            text = render_semeval(timeline, cat_numbering(corpus or []))
    except TimelineGraphError as exc:
        _fail(str(exc))
    _echo(text, nl=False)


@app.command("view")
def view_cli(
    exports: Annotated[
        Path, typer.Argument(help="The build folder (with timeline.json; graph.graphml optional).")
    ] = Path("exports"),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Page to write (default EXPORTS/index.html).")
    ] = None,
) -> None:
    """Write one self-contained HTML page of a build: timeline, network, map, filters, sources.

    The page has TimelineJS3 (opened on the densest span), a network of actors and events
    (sigma.js), a map of the events' places (no tiles), filters by actor, event type, place,
    story and dates, and, for every event or actor clicked, its facts with the source
    sentences, article ids, character offsets and merge evidence. A page holds at most the
    2,000 most mentioned events, the timeline the 200 most mentioned of those shown; the header
    gives the build's counts. Everything is inlined: opening it fetches nothing. Events come
    from timeline.json; relations, counts and coordinates from graph.graphml.

    Example: timelinegraph view exports/ && xdg-open exports/index.html
    """
    try:
        _settled(exports)
        written = view_exports(exports, out)
    except TimelineGraphError as exc:
        _fail(str(exc))
    _echo(f"  wrote {written}")


StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store", "-s", help="Oxigraph store folder (default EXPORTS/store; query: exports/store)."
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option("--endpoint", help="SPARQL endpoint URL instead of the embedded store."),
]
UserOption = Annotated[
    str | None,
    typer.Option("--user", help="Endpoint user (else $TIMELINEGRAPH_ENDPOINT_USER)."),
]
PasswordOption = Annotated[
    str | None,
    typer.Option("--password", help="Endpoint password (else $TIMELINEGRAPH_ENDPOINT_PASSWORD)."),
]


@app.command("load")
def load_cli(
    exports: Annotated[Path, typer.Argument(help="The build folder (or its graph.ttl).")] = Path(
        "exports"
    ),
    store: StoreOption = None,
    endpoint: Annotated[
        str | None,
        typer.Option("--endpoint", help="SPARQL 1.1 Graph Store Protocol URL to load into."),
    ] = None,
    graph: Annotated[
        str, typer.Option("--graph", help="Named graph holding the build.")
    ] = DEFAULT_GRAPH,
    user: UserOption = None,
    password: PasswordOption = None,
) -> None:
    """Load a build's graph.ttl into a triple store, replacing its previous load.

    Into the embedded Oxigraph store (EXPORTS/store) or, with --endpoint, any SPARQL 1.1
    Graph Store Protocol endpoint (one HTTP PUT, basic or digest auth). The build is one
    named graph, replaced on every load (no duplicated triples) in one step: a load that fails
    or is killed leaves the store as it was. The store's count of triples must equal the
    export's. The password is best given in
    $TIMELINEGRAPH_ENDPOINT_PASSWORD (the command line is visible to other users); it is
    never printed.

    Example: timelinegraph load exports/

    Example: timelinegraph load --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba
    """
    if store is not None and endpoint is not None:
        _fail("--store and --endpoint exclude each other")
    try:
        _settled(exports)
        if endpoint is not None:
            summary = load_into_endpoint(exports, endpoint_from(endpoint, user, password), graph)
        else:
            summary = load_into_store(exports, store, graph)
    except TimelineGraphError as exc:
        _fail(str(exc))
    _echo(summary.line())


@app.command("query")
def query_cli(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a file.")] = None,
    example: Annotated[
        str | None, typer.Option("--example", help="Run a shipped example (--list-examples).")
    ] = None,
    params: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for the query's VALUES ?NAME (repeat)."),
    ] = None,
    list_examples: Annotated[
        bool, typer.Option("--list-examples", help="List the shipped examples and exit.")
    ] = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    graph: Annotated[
        str | None,
        typer.Option("--graph", help="Query this named graph only (default: all graphs)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    user: UserOption = None,
    password: PasswordOption = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0.1,
            help="Stop the query after this many seconds (exit 2).",
        ),
    ] = DEFAULT_TIMEOUT,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service",
            help="Run a query with SERVICE, which has the store send part of it to the "
            "server it names (refused otherwise).",
        ),
    ] = False,
) -> None:
    """Run SPARQL on the loaded graph; print a table, CSV or SPARQL JSON results.

    Our prefixes (sem, tg, prov, time, schema, dcterms, rdfs, skos, ...) are predeclared and
    every graph is the default graph, so no GRAPH clause is needed. Examples ship with the
    package: an actor's timeline, who negotiated with whom, events between two dates,
    everything an article contributed, the sources behind an event; --param sets their
    parameters. A query with SERVICE is refused unless --allow-service; a query still running
    after --timeout seconds is stopped (exit 2).

    Example: timelinegraph query --example actor-timeline --param actor="Yahya Sinwar"

    Example: timelinegraph query 'SELECT ?name WHERE { ?a a sem:Actor ; rdfs:label ?name }'
    """
    if list_examples:
        _echo(render_examples(), nl=False)
        raise typer.Exit(EXIT_OK)
    if store is not None and endpoint is not None:
        _fail("--store and --endpoint exclude each other")
    if fmt not in FORMATS:
        _fail(f"--format {fmt}: unknown format (expected one of: {', '.join(FORMATS)})")
    try:
        text = read_query(sparql, file, example, params or ())
        where = endpoint_from(endpoint, user, password) if endpoint else None
        results = run_query(
            text,
            store=store or Path("exports/store"),
            endpoint=where,
            graph=graph,
            allow_service=allow_service,
            timeout=timeout,
        )
    except TimelineGraphError as exc:
        _fail(str(exc))
    _echo(format_results(results, fmt), nl=False)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is (see ``_sigterm_as_interrupt``)."""


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (kill, a supervisor, a timeout) stops a build as Ctrl-C does: workers stopped,
    staged files removed, the previous exports kept, one line and exit 143 instead of dying
    mid-write. (Only the main thread may set handlers; elsewhere SIGTERM stays as it is.)"""

    def stop(signum: int, frame: object) -> None:
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stopped(out: Path, stop: KeyboardInterrupt) -> None:
    """Report a build stopped by Ctrl-C or SIGTERM and exit 130 or 143. Stopped in the
    middle of moving its exports in, the move is completed first (the new set was whole):
    either way the folder holds one whole set, and the line says which."""
    word, code = "interrupted", EXIT_INTERRUPTED
    if isinstance(stop, _Terminated):
        word, code = "terminated", EXIT_TERMINATED
    try:
        completed = settle_exports(out)
    except TimelineGraphError as exc:
        _echo(f"{word}: {exc}", err=True, one_line=True)
        raise typer.Exit(code) from None
    state = "are the new ones (they were complete)" if completed else "are as they were"
    _echo(f"{word}: the exports in {out} {state}", err=True)
    raise typer.Exit(code) from None


def _settled(exports: Path) -> None:
    """Before a command reads a build: complete a move of its exports that a build began and
    did not finish, so it reads one whole set (see ``settle_exports``)."""
    for note in settle_exports(exports):
        _echo(f"note: {note}", err=True, one_line=True)


def _finish(
    skipped: Sequence[object],
    line: str,
    written: Sequence[Path],
    *,
    notes: Sequence[str] = (),
    dated: str | None = None,
) -> None:
    """Report a run the same way for every command, then exit 0, or 1 when inputs were skipped.
    ``dated``: how the articles were dated, the line after the summary."""
    for item in skipped:
        _echo(f"skipped {item}", err=True, one_line=True)
    for note in notes:
        _echo(f"note: {note}", err=True, one_line=True)
    _echo(line)
    if dated is not None:
        _echo(dated, one_line=True)
    for path in written:
        _echo(f"  wrote {path}")
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
            disable=quiet or not err.is_terminal,  # in a log or a pipe it left a blank line
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


def _echo(text: str, *, err: bool = False, nl: bool = True, one_line: bool = False) -> None:
    """Print ``text``: every line the commands print goes through here, so a control
    character from an article or a server is shown escaped, never sent to the terminal."""
    typer.echo(printable(escape_surrogates(text), one_line=one_line), err=err, nl=nl)


def _fail(message: str) -> None:
    _echo(f"error: {message}", err=True, one_line=True)
    raise typer.Exit(EXIT_FATAL)


def run() -> None:  # pragma: no cover - console entry point alternative
    sys.exit(app())
