"""The prefixes every query gets predeclared: exactly those the Turtle export declares."""

from __future__ import annotations

import re

from ..graph.rdf_terms import PREFIXES

__all__ = ["PREFIXES", "declared_prefixes", "with_prefixes"]

# A PREFIX declaration anywhere in the query's prologue (comments are stripped first).
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n<>\"']*$", re.MULTILINE)


def declared_prefixes(query: str) -> set[str]:
    """Prefix names the query declares itself (they win over ours)."""
    return {match.group(1) or "" for match in _DECLARED.finditer(_COMMENT.sub("", query))}


def with_prefixes(query: str) -> str:
    """``query`` with a PREFIX line for each of our prefixes it does not declare itself.

    SPARQL allows the prologue's declarations in any order, so ours go first; a query that
    declares ``tg:`` itself keeps its own. (The embedded store takes them as an option.)
    """
    own = declared_prefixes(query)
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items()) if p not in own]
    # on the query's first line, so a server's "syntax error at line N" still points right
    return " ".join([*lines, query])
