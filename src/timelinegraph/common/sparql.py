"""SELECT queries on an in-memory pyoxigraph store, typed: ``select`` returns the solutions
(pyoxigraph's ``Store.query`` returns solutions, a boolean or triples, by the query's form)."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

__all__ = ["Bindable", "select"]

# what a variable may be bound to before the query runs
Bindable = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def select(
    store: ox.Store,
    query: str,
    *,
    prefixes: Mapping[str, str],
    bind: Mapping[str, Bindable] | None = None,
) -> ox.QuerySolutions:
    """The solutions of the SELECT ``query``, ``prefixes`` predeclared and each variable of
    ``bind`` (by name, without ``?``) bound to its term."""
    substitutions = {ox.Variable(name): term for name, term in (bind or {}).items()}
    answer = store.query(query, prefixes=dict(prefixes), substitutions=substitutions or None)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError(f"not a SELECT query: {query.strip()[:60]!r}")
    return answer
