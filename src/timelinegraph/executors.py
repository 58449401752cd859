"""Where extraction runs: here (``--jobs``), or on an existing Dask cluster (``--executor dask``).

On Dask, articles go to the cluster in batches, one task per batch; each task returns the
batch's ``ArticleExtraction`` objects as JSON (the cache's format, uncompressed). Results are
gathered as they complete and handed back in article order, each carrying the very Article
object that was sent, so the exports are the same bytes as those of a local build. Only a
bounded number of batches is in flight at a time, so memory stays flat as the corpus grows.

Workers must run the same timelinegraph, extractor code and spaCy model as this machine:
this is checked when connecting (every connected worker) and again in every task (workers
that join later), and a difference is a one-line error. A task that fails on an article
fails the build, naming the article: ingest already skips unreadable articles, so a failure
here is an extractor bug or a broken worker, and skipping the article would make the
cluster's exports silently differ from a local build's.
"""

from __future__ import annotations

import json
import math
import operator
import threading
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import TimelineGraphError
from .extract import ExtractionFailed, article_where
from .models import Article, ArticleExtraction
from .partrun import PIECE_ITEMS, MergeTask, packed, run_task
from .resolve.parts import PartResult

if TYPE_CHECKING:
    from distributed import Client

EXECUTORS = ("local", "dask")
DEFAULT_TIMEOUT = 10.0
MAX_BATCH = 32  # articles per task: enough for nlp.pipe batching, small enough to balance
INSTALL_HINT = 'pip install "timelinegraph[dask]"'

__all__ = ["DaskExecutor", "ExecutorError", "executor_from_options"]


class ExecutorError(TimelineGraphError):
    """The Dask cluster cannot be reached or used, or a task on it failed."""


@dataclass(frozen=True)
class DaskExecutor:
    """Extraction on the Dask cluster whose scheduler listens at ``scheduler``."""

    scheduler: str
    timeout: float = DEFAULT_TIMEOUT

    def extract(
        self, articles: list[Article], *, model: str | None
    ) -> Iterator[ArticleExtraction | ExtractionFailed]:
        """Extractions of ``articles``, in their order, computed on the cluster (an article
        the extractor fails on as an ``ExtractionFailed``)."""
        client = _connect(self.scheduler, self.timeout)
        try:
            threads = _check_workers(client, model, self.timeout, self.scheduler)
            yield from _run(client, articles, model, threads)
        finally:
            client.close()

    def merge(
        self, tasks: list[MergeTask], folder: Path | None = None
    ) -> Iterator[list[PartResult]]:
        """The results of the merge's ``tasks`` (``partrun``), computed on the cluster, as
        they complete (the join does not depend on their order), a piece at a time. Each task
        carries its extractions' stored bytes: workers need not see this machine's disk (nor
        ``folder``, which only local processes use)."""
        client = _connect(self.scheduler, self.timeout)
        try:
            threads = _check_workers(client, None, self.timeout, self.scheduler, load=False)
            yield from _run_merge(client, tasks, threads)
        finally:
            client.close()


def executor_from_options(
    executor: str, scheduler: str | None, *, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT
) -> DaskExecutor | None:
    """The executor the build options ask for (None: this machine), or a one-line error."""
    name = executor.strip().lower()
    if name not in EXECUTORS:
        raise ExecutorError(f"unknown executor {executor!r} (valid: {', '.join(EXECUTORS)})")
    if name == "local":
        if scheduler is not None:
            raise ExecutorError("--scheduler needs --executor dask")
        return None
    if not scheduler:
        raise ExecutorError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if jobs > 1:
        raise ExecutorError("--jobs applies to --executor local; Dask workers set their own")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ExecutorError(
            f"--executor dask needs the distributed package: {INSTALL_HINT}"
        ) from None
    _check_address(scheduler)
    return DaskExecutor(scheduler, timeout)


def _check_address(address: str) -> None:
    """A malformed address is an error now: a Client given one fails noisily at exit."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as exc:
        raise ExecutorError(
            f"--scheduler {address!r} is not a Dask address ({exc}); e.g. tcp://10.0.0.5:8786"
        ) from None


# ------------------------------------------------------------------------------ client side


def _connect(address: str, timeout: float) -> Client:
    from distributed import Client

    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def _check_workers(
    client: Client, model: str | None, timeout: float, address: str, *, load: bool = True
) -> int:
    """Wait for a worker; check every connected one runs what we run; their thread count.
    With ``load``, every worker loads the spaCy model now (extraction needs it, the merge
    does not)."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise ExecutorError(
            f"no Dask worker joined the scheduler at {address} within {timeout:g} s"
        ) from None
    here = worker_identity(model, load=False)
    try:
        # also loads the model in every worker process now, in parallel, once
        theirs: dict[str, dict[str, str]] = client.run(worker_identity, model, load=load)
    except Exception as exc:
        raise ExecutorError(
            f"Dask workers cannot run timelinegraph ({type(exc).__name__}: {exc}): "
            f"{INSTALL_HINT} on every worker"
        ) from None
    for worker, identity in sorted(theirs.items()):
        problem = _difference(identity, here)
        if problem:
            raise ExecutorError(f"Dask worker {worker}: {problem}")
    return sum(client.nthreads().values()) or 1


def _difference(theirs: dict[str, str], here: dict[str, str]) -> str | None:
    """What differs between a worker's identity and ours, in words; None if nothing."""
    labels = {
        "version": "timelinegraph",
        "extractor": "extractor code digest",
        "model": "spaCy model",
    }
    for key, label in labels.items():
        if theirs.get(key) != here[key]:
            return (
                f"{label} is {theirs.get(key)!r} there but {here[key]!r} here: install the "
                "same timelinegraph and model on every worker"
            )
    return None


def _run(
    client: Client, articles: list[Article], model: str | None, threads: int
) -> Iterator[ArticleExtraction | ExtractionFailed]:
    from distributed import as_completed

    size = max(1, min(MAX_BATCH, math.ceil(len(articles) / (threads * 4))))
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    context = worker_identity(model, load=False)
    window = max(2, threads * 2)  # batches in flight: every thread busy, memory bounded
    index_of: dict[Hashable, int] = {}  # by the future's key
    done: dict[int, list[ArticleExtraction | ExtractionFailed]] = {}

    def submit(i: int) -> Any:
        payload = [a.model_dump_json() for a in batches[i]]
        future = client.submit(extract_batch, payload, model, context, pure=False)
        index_of[future.key] = i
        return future

    submitted, emitted = min(window, len(batches)), 0
    queue = as_completed([submit(i) for i in range(submitted)], loop=client.loop)
    try:
        for future in queue:
            i = index_of.pop(future.key)
            done[i] = _decode(future, batches[i])
            future.release()
            if submitted < len(batches):
                queue.add(submit(submitted))
                submitted += 1
            while emitted in done:
                yield from done.pop(emitted)
                emitted += 1
    finally:
        client.cancel(list(queue.futures))
    if emitted != len(batches):  # never expected; a silent gap would drop articles
        raise ExecutorError(f"Dask returned {emitted} of {len(batches)} batches")


def _run_merge(client: Client, tasks: list[MergeTask], threads: int) -> Iterator[list[PartResult]]:
    """Every task's results, a bounded number of tasks in flight (each carries its bytes)."""
    from distributed import as_completed

    window = max(2, threads * 2)
    submitted = min(window, len(tasks))
    sent: dict[Hashable, Any] = {}  # by the task's future's key: the future of its data

    def submit(i: int) -> Any:
        # sent to a worker as data, not inside the task graph: a large part's bytes (35 MB
        # at 10,000 articles) would pass through the scheduler, with a warning each build
        data = client.scatter(packed(tasks[i]), hash=False)
        future = client.submit(merge_task, data, pure=False)
        sent[future.key] = data
        return future

    queue = as_completed([submit(i) for i in range(submitted)], loop=client.loop)
    received = 0
    try:
        for future in queue:
            sent.pop(future.key).release()
            # the pieces stay on the worker that made them; fetched there one by one
            count = _fetched(client.submit(len, future, pure=False))
            if submitted < len(tasks):
                queue.add(submit(submitted))
                submitted += 1
            for index in range(count):
                yield [_fetched(client.submit(operator.getitem, future, index, pure=False))]
            future.release()
            received += 1
    finally:
        client.cancel([*queue.futures, *sent.values()])
    if received != len(tasks):  # never expected; a silent gap would drop articles
        raise ExecutorError(f"Dask returned {received} of {len(tasks)} merge tasks")


def _fetched(future: Any) -> Any:
    """A merge future's result; its failure as an ``ExecutorError``, in one line."""
    try:
        return future.result()
    except Exception as exc:
        raise ExecutorError(f"Dask merge task failed: {type(exc).__name__}: {exc}") from None
    finally:
        future.release()


def _decode(future: Any, batch: list[Article]) -> list[ArticleExtraction | ExtractionFailed]:
    """The batch's extractions, each with the Article object sent; a failure as one line."""
    try:
        results: list[str] = future.result()
    except ExecutorError:
        raise
    except Exception as exc:
        where = article_where(batch[0])
        more = f" and {len(batch) - 1} more" if len(batch) > 1 else ""
        raise ExecutorError(
            f"Dask task for {where}{more} failed: {type(exc).__name__}: {exc}"
        ) from None
    return [_decoded(text, article) for text, article in zip(results, batch, strict=True)]


_FAILED = "extraction_failed"  # the key a worker's answer for a failed article has


def _decoded(text: str, article: Article) -> ArticleExtraction | ExtractionFailed:
    """A worker's answer for ``article``, with the Article object sent."""
    if text.startswith('{"' + _FAILED):
        where, problem = json.loads(text)[_FAILED]
        return ExtractionFailed(where, problem)
    return ArticleExtraction.model_validate_json(text).model_copy(update={"article": article})


# ------------------------------------------------------------------------------ worker side

# spaCy pipelines are not documented as thread-safe: one extraction at a time per process
# (run workers with --nthreads 1 and several processes to use every core)
_WORKER_LOCK = threading.Lock()


@cache
def worker_identity(model: str | None, *, load: bool = True) -> dict[str, str]:
    """What decides an extraction here: package version, extractor digest, model identity.

    With ``load``, the spaCy model is loaded too (once per process), so the first task on a
    worker does not pay for it.
    """
    import timelinegraph

    from .cache.keys import extractor_version, model_identity

    if load:
        from .extract.nlp import load_nlp

        load_nlp(model)
    return {
        "version": timelinegraph.__version__,
        "extractor": extractor_version(),
        "model": model_identity(model),
    }


def extract_batch(payload: list[str], model: str | None, expected: dict[str, str]) -> list[str]:
    """Run on a worker: articles as JSON in, their extractions as JSON out, in order."""
    from .extract import extract_each
    from .extract.nlp import load_nlp

    problem = _difference(worker_identity(model), expected)
    if problem:
        raise ExecutorError(f"Dask worker {_worker_address()}: {problem}")
    articles = [Article.model_validate_json(text) for text in payload]
    with _WORKER_LOCK:
        nlp = load_nlp(model)
        return [_encoded(x) for x in extract_each(articles, nlp)]


def merge_task(task: MergeTask) -> list[PartResult]:
    """Run on a worker: one merge task (``partrun.run_task``), its results in pieces of at
    most ``PIECE_ITEMS`` items, which the client fetches one at a time (``_run_merge``)."""
    return [piece for result in run_task(task) for piece in result.pieces(PIECE_ITEMS)]


def _encoded(result: ArticleExtraction | ExtractionFailed) -> str:
    if isinstance(result, ExtractionFailed):
        return json.dumps({_FAILED: [result.where, result.problem]})
    return result.model_dump_json()


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return "?"
