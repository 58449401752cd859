"""One exception base for the whole package; the CLI turns any of them into a one-line error.

    TimelineGraphError
    ├── InputError      an article, a build's export or a query file cannot be read
    ├── ModelError      the spaCy pipeline cannot be loaded
    ├── ExportError     an export cannot be written
    ├── StoreError      the triple store (``load``, ``query``) cannot be opened or written
    │   └── EndpointError   a SPARQL endpoint cannot be reached, refuses, or answers nonsense
    ├── QueryError      a query cannot be run as asked (syntax, parameters, no query)
    │   └── QueryTimeout    it did not answer within ``--timeout``
    ├── ViewError       the ``view`` page cannot be made from a build folder
    └── ExplainError    ``explain`` or ``timeline`` cannot answer from a build's graph.ttl

Every message is one line that names what it is about (a file, an option, an endpoint).
"""

from __future__ import annotations


class TimelineGraphError(Exception):
    """Base class of every error timelinegraph raises on purpose."""


class InputError(TimelineGraphError):
    """An article or input file cannot be read or understood; names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # pickled as its two parts (a query run in a child process sends its error back)
        return type(self), (self.path, self.problem)


class ModelError(TimelineGraphError):
    """The spaCy pipeline cannot be loaded."""


class ExportError(TimelineGraphError):
    """An export cannot be written."""


class StoreError(TimelineGraphError):
    """The triple store cannot be opened, written or replaced, or a load's count is wrong."""


class EndpointError(StoreError):
    """A SPARQL endpoint (``--endpoint``) cannot be reached, refuses the request, or answers
    something that is not what was asked for."""


class QueryError(TimelineGraphError):
    """A query cannot be run as asked: none or several given, SPARQL syntax, an unknown
    example or parameter, a refused SERVICE, or the query failed while running."""


class QueryTimeout(QueryError):
    """A query did not answer within its time limit (``query --timeout``)."""


class ViewError(TimelineGraphError):
    """The ``view`` page cannot be made: the build folder or its timeline.json or GraphML is
    missing or unreadable."""


class ExplainError(TimelineGraphError):
    """``explain`` or ``timeline`` cannot answer: the build's graph.ttl is missing or not
    readable Turtle, or no node (or actor) has the id or name asked for."""
