"""Where users take the graph: triple stores and SPARQL.

``load`` puts a build's graph.ttl into an embedded Oxigraph store (``exports/store``) or any
SPARQL 1.1 Graph Store Protocol endpoint, as one named graph replaced on every load, and
checks the store's count against the export. ``query`` runs SPARQL there with our prefixes
predeclared; ``queries/`` holds example queries.
"""

from __future__ import annotations

from .endpoint import Endpoint, endpoint_from
from .examples import example_names, load_example
from .load import DEFAULT_GRAPH, LoadSummary, default_store, load_into_endpoint, load_into_store
from .query import DEFAULT_TIMEOUT, read_query, run_query
from .results import FORMATS, Results, format_results

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "Endpoint",
    "LoadSummary",
    "Results",
    "default_store",
    "endpoint_from",
    "example_names",
    "format_results",
    "load_example",
    "load_into_endpoint",
    "load_into_store",
    "read_query",
    "run_query",
]
