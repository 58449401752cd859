"""``timelinegraph query``: run SPARQL on the embedded store or an endpoint, print the answer.

The query comes inline, from a file, or from the shipped examples; ``--param`` sets its
``VALUES`` defaults. Our prefixes are predeclared. The answer is printed as an aligned
table, CSV or SPARQL 1.1 Query Results JSON, in the order the query gives (write ORDER BY
for a stable order; the examples do).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError, TimelineGraphError
from .endpoint import Endpoint, query_endpoint
from .examples import apply_params, load_example, parse_param
from .load import check_graph_iri
from .oxigraph import query_store
from .results import Results

__all__ = ["read_query", "run_query"]


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
        raise TimelineGraphError(f"give one query: SPARQL, --file or --example (got {what})")
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
) -> Results:
    """Answer ``query`` from the store folder or the endpoint (exactly one of them)."""
    if graph is not None:
        check_graph_iri(graph)
    if endpoint is not None:
        return query_endpoint(endpoint, query, graph)
    if store is None:
        raise TimelineGraphError("give --store DIR or --endpoint URL")
    return query_store(store, query, graph)
