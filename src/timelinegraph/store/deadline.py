"""Running a query in a child process that is killed when its time is up.

pyoxigraph cannot stop a query once it runs (no cancel, and no signal is looked at while it
evaluates: a SIGALRM waits for the query to end), and a thread cannot be stopped at all. So a
query with a time limit runs in a child process, started fresh (``spawn``: nothing inherited
but its arguments), and is killed at the deadline. Starting it costs about 0.2 s.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..errors import QueryError, QueryTimeout, TimelineGraphError

__all__ = ["run_within"]

T = TypeVar("T")


def run_within(seconds: float, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in a child process; QueryTimeout if it has not answered in time.

    ``function`` must be importable by name (a module-level function) and its answer
    picklable; a TimelineGraphError it raises is raised here, of the same class (any other
    error comes back as a one-line QueryError).
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args), daemon=True)
    child.start()
    sender.close()  # ours; the child holds its own end
    try:
        if not receiver.poll(seconds):
            raise QueryTimeout(f"query timed out after {seconds:g} s")
        try:
            ok, value = receiver.recv()
        except EOFError:  # killed (out of memory, say) before it could answer
            child.join()
            raise QueryError(
                f"query: the process running it ended without an answer (exit code "
                f"{child.exitcode})"
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if not ok:
        raise value
    return value


def _child(sender: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        answer = (True, function(*args))
    except TimelineGraphError as exc:
        answer = (False, _portable(exc))
    except Exception as exc:  # one line to the parent, never a traceback
        text = str(exc).strip()
        line = f"query: {type(exc).__name__}: {text.splitlines()[0] if text else ''}"
        answer = (False, QueryError(line))
    sender.send(answer)
    sender.close()


def _portable(exc: TimelineGraphError) -> TimelineGraphError:
    """``exc`` as the parent can unpickle it: itself, or its message as a QueryError when its
    class cannot be rebuilt from a pickle."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return QueryError(str(exc))
    return exc
