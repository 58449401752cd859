"""One exception base for the whole package; the CLI turns any of them into a one-line error."""

from __future__ import annotations


class TimelineGraphError(Exception):
    """Base class of every error timelinegraph raises on purpose."""


class InputError(TimelineGraphError):
    """An article or input file cannot be read or understood; names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ModelError(TimelineGraphError):
    """The spaCy pipeline cannot be loaded."""


class ExportError(TimelineGraphError):
    """An export cannot be written."""


class QueryTimeout(TimelineGraphError):
    """A query did not answer within its time limit (``query --timeout``)."""
