"""``timelinegraph query``: run SPARQL on the embedded store or an endpoint, print the answer.

The query comes inline, from a file, or from the shipped examples; ``--param`` sets its
``VALUES`` defaults. Our prefixes are predeclared. The answer is printed as an aligned
table, CSV or SPARQL 1.1 Query Results JSON, in the order the query gives (write ORDER BY
for a stable order; the examples do).

Two guards, whatever the store: a query with a ``SERVICE`` clause is refused unless asked for
(``allow_service``), since it makes a store send part of the query to any server it names
(pyoxigraph does so with its own HTTP client, which no option of ``Store.query`` turns off);
and with ``timeout`` the query is stopped when its time is up (deadline.py; the endpoint's
HTTP timeout is set to it too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, QueryError
from .deadline import run_within
from .endpoint import Endpoint, query_endpoint
from .examples import apply_params, load_example, parse_param
from .load import check_graph_iri
from .oxigraph import query_store
from .results import Results
from .sparql_text import uses_service

__all__ = ["DEFAULT_TIMEOUT", "read_query", "run_query"]

DEFAULT_TIMEOUT = 60.0  # seconds; `query --timeout`


def read_query(
    inline: str | None = None,
    file: Path | None = None,
    example: str | None = None,
    params: Sequence[str] = (),
) -> str:
    """The query text from exactly one of ``inline``, ``file`` or ``example``, params applied."""
    given = [
        name for name, v in (("SPARQL", inline), ("--file", file), ("--example", example)) if v
    ]
    if len(given) != 1:
        what = " and ".join(given) if given else "nothing"
        raise QueryError(f"give one query: SPARQL, --file or --example (got {what})")
    if example:
        text, source = load_example(example).text, f"example {example}"
    elif file is not None:
        try:
            text, source = file.read_text(encoding="utf-8"), str(file)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(file), f"cannot read the query ({exc})") from None
    else:
        text, source = str(inline), "the query"
    return apply_params(text, dict(parse_param(p) for p in params), source=source)


def run_query(
    query: str,
    *,
    store: Path | None = None,
    endpoint: Endpoint | None = None,
    graph: str | None = None,
    allow_service: bool = False,
    timeout: float | None = None,
) -> Results:
    """Answer ``query`` from the store folder or the endpoint (exactly one of them).

    ``timeout`` in seconds (None: no limit, and the query runs in this process).
    """
    if graph is not None:
        check_graph_iri(graph)
    if not allow_service and uses_service(query):
        raise QueryError(
            "query: SERVICE would send part of the query to another server; "
            "refused unless --allow-service is given"
        )
    if endpoint is None and store is None:
        raise QueryError("give --store DIR or --endpoint URL")
    if timeout is None:
        return _answer(query, store, endpoint, graph)
    if endpoint is not None:
        endpoint = replace(endpoint, timeout=timeout)
    return run_within(timeout, _answer, query, store, endpoint, graph)


def _answer(
    query: str, store: Path | None, endpoint: Endpoint | None, graph: str | None
) -> Results:
    if endpoint is not None:
        return query_endpoint(endpoint, query, graph)
    assert store is not None  # run_query checked
    return query_store(store, query, graph)
