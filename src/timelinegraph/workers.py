"""Worker processes on this machine, for extraction and for the merge's parts alike
(``LocalExecutor``; ``executors.DaskExecutor`` is the same on a Dask cluster)."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

from .errors import TimelineGraphError
from .extract import ExtractionFailed, extract_each, extract_one
from .extract.nlp import load_nlp
from .models import Article, ArticleExtraction
from .partrun import MergeTask, read_spilled, run_task, run_task_spilled
from .resolve.parts import PartResult

__all__ = ["LocalExecutor", "in_a_worker", "process_map"]

T = TypeVar("T")
R = TypeVar("R")


def process_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    model: str | None = None,
    load_model: bool = False,
    chunk: int = 1,
    what: str = "a worker",
) -> Iterator[R]:
    """``map(func, items)`` in ``jobs`` worker processes, results in order; with
    ``load_model``, each worker loads the spaCy model ``model`` first."""
    pool = _worker_pool(jobs, model, load_model)
    try:
        with _stop_signals_held():  # workers start here (see _stop_signals_held)
            results = pool.map(func, items, chunksize=chunk)
        yield from results
    except BrokenProcessPool:
        raise _died(what) from None
    finally:
        # on Ctrl-C or an error, drop the queued work instead of finishing it first
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def in_a_worker(func: Callable[[T], R], item: T, *, what: str) -> Iterator[Future[R]]:
    """``func(item)`` started in one worker process while this one goes on; wait on the
    future for its result. Leaving waits for the worker (or stops it, on an error here)."""
    pool = _worker_pool(1, None, False)
    try:
        with _stop_signals_held():
            future = pool.submit(func, item)
        yield future
    except BrokenProcessPool:
        raise _died(what) from None
    except BaseException:
        # an error or Ctrl-C here: what the worker writes would be thrown away, and it may
        # take minutes, so stop it (the pool has no public way until Python 3.14)
        for process in dict(getattr(pool, "_processes", None) or {}).values():
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_pool(jobs: int, model: str | None, load_model: bool) -> ProcessPoolExecutor:
    """``jobs`` worker processes of this build (``_init_worker``)."""
    # spawn, not fork: a forked copy of a process holding threads (progress bar) is unsafe
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=get_context("spawn"),
        initializer=_init_worker,
        initargs=(model, os.getpid(), load_model),
    )


def _died(what: str) -> TimelineGraphError:
    problem = "process died (killed, or out of memory?); nothing was written"
    return TimelineGraphError(f"{what} {problem}")


def _run_spilled(spill: tuple[MergeTask, Path]) -> Path:
    return run_task_spilled(*spill)


def _taken_in_turn(tasks: list[MergeTask]) -> Iterator[list[PartResult]]:
    tasks.reverse()
    while tasks:
        yield run_task(tasks.pop())


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back while worker processes start, the way multiprocessing
    starts its resource tracker. Blocked signals stay blocked across exec: one that reaches
    the process group while a worker is still importing cannot print its traceback or kill
    it half-started (``_init_worker`` unblocks them). The parent does not lose them: they
    are recorded meanwhile and raised again right after. (Only the main thread may change
    handlers; elsewhere only the mask is changed.)"""
    held: list[int] = []
    previous = {}
    with suppress(ValueError):  # not the main thread
        for signum in _STOP_SIGNALS:
            previous[signum] = signal.signal(signum, lambda number, _: held.append(number))
    masking = hasattr(signal, "pthread_sigmask")
    if masking:
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        if masking:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # runs the handlers
        for signum, handler in previous.items():
            if handler is not None:
                signal.signal(signum, handler)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)


_WORKER_MODEL: str | None = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _init_worker(model: str | None, parent: int, load_model: bool) -> None:
    global _WORKER_MODEL
    # Ctrl-C reaches the whole process group: the parent handles it, workers just stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # see _stop_signals_held
    _die_with_parent(parent)
    _WORKER_MODEL = model
    if load_model:
        load_nlp(model)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its build: nobody would read its results, and it would
    keep its ~250 MB, the resource tracker, and the build's stdout and stderr open (a
    ``build | cat`` would never end). On Linux the kernel kills it when the parent dies;
    elsewhere, and should that fail, a thread ends it once it has another parent (orphans
    are re-parented)."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _extract_in_worker(article: Article) -> ArticleExtraction | ExtractionFailed:
    return extract_one(article, load_nlp(_WORKER_MODEL))


@dataclass(frozen=True)
class LocalExecutor:
    """Extraction and merge on this machine: here (``jobs`` 1) or in ``jobs`` worker
    processes. The other executor, on a Dask cluster, is ``executors.DaskExecutor``: both
    have ``extract`` and ``merge``, and give the same results."""

    jobs: int = 1

    def extract(
        self, articles: list[Article], *, model: str | None
    ) -> Iterator[ArticleExtraction | ExtractionFailed]:
        """Extractions of ``articles`` in their order (a failure as ``ExtractionFailed``)."""
        if self.jobs <= 1 or len(articles) < 2:
            return extract_each(articles, load_nlp(model))
        chunk = max(1, min(16, len(articles) // (self.jobs * 4) or 1))
        return process_map(
            _extract_in_worker,
            articles,
            jobs=self.jobs,
            model=model,
            load_model=True,
            chunk=chunk,
            what="an extraction worker",
        )

    def merge(
        self, tasks: list[MergeTask], folder: Path | None = None
    ) -> Iterator[list[PartResult]]:
        """The results of the merge's ``tasks`` (``partrun``), in task order. Run here (one
        job), the tasks are taken out of ``tasks`` as they run: a task holds its articles'
        actor ids, no longer needed once it has run. In worker processes with ``folder``,
        each task's results come through a file there, a piece at a time
        (``partrun.run_task_spilled``), not whole through a pipe."""
        if self.jobs <= 1 or len(tasks) < 2:
            return _taken_in_turn(tasks)
        if folder is None:
            return process_map(run_task, tasks, jobs=self.jobs, what="a merge worker")
        spills = [(task, folder / f"merge-task-{n}.pickles") for n, task in enumerate(tasks)]
        done = process_map(_run_spilled, spills, jobs=self.jobs, what="a merge worker")
        return ([piece] for path in done for piece in read_spilled(path))
