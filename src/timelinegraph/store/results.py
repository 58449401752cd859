"""Query results in one shape, whichever store answered, and their table/CSV/JSON forms.

The shape is that of SPARQL 1.1 Query Results JSON: variables, then rows binding each to an
IRI, a blank node or a literal (or nothing). CONSTRUCT/DESCRIBE answers become rows of
``subject predicate object``; ASK answers a boolean.

All three forms are safe to print: control characters and bidirectional overrides in the
values are escaped (terminal.py); JSON escapes them as JSON does, so it reads back exactly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from ..terminal import json_printable, printable
from .prefixes import PREFIXES

__all__ = ["FORMATS", "Results", "Term", "format_results", "results_from_json"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
FORMATS = ("table", "csv", "json")
_CELL_WIDTH = 80  # a table is for reading; CSV and JSON carry full values


@dataclass(frozen=True)
class Term:
    """One RDF term: kind is 'uri', 'bnode' or 'literal'."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None

    def to_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.language:
            out["xml:lang"] = self.language
        elif self.datatype:
            out["datatype"] = self.datatype
        return out


@dataclass
class Results:
    """Variables and rows (``None`` = unbound), or ``boolean`` for an ASK query."""

    variables: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None

    def column(self, name: str) -> list[str | None]:
        """The values of one variable, as plain strings (handy for tests and scripts)."""
        index = self.variables.index(name)
        return [None if (term := row[index]) is None else term.value for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        """Each row as ``{variable: value}``, unbound variables left out."""
        return [
            {v: t.value for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


def literal(value: str, datatype: str | None = None, language: str | None = None) -> Term:
    # xsd:string is the same literal as a plain one (RDF 1.1); stores differ in which they return
    return Term("literal", value, None if datatype == XSD_STRING else datatype, language or None)


def results_from_json(data: Mapping[str, Any]) -> Results:
    """Parse SPARQL 1.1 Query Results JSON (also Virtuoso's older 'typed-literal' type)."""
    if "boolean" in data:
        return Results(boolean=bool(data["boolean"]))
    variables = list(data.get("head", {}).get("vars", []))
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        rows.append([_json_term(binding.get(name)) for name in variables])
    return Results(variables, rows)


def _json_term(value: Mapping[str, str] | None) -> Term | None:
    if value is None:
        return None
    kind = value.get("type", "literal")
    if kind in ("literal", "typed-literal"):
        return literal(value["value"], value.get("datatype"), value.get("xml:lang"))
    return Term("bnode" if kind == "bnode" else "uri", value["value"])


def format_results(results: Results, fmt: str) -> str:
    """``results`` as an aligned text table, CSV (SPARQL 1.1 CSV results) or JSON."""
    if fmt == "json":
        return _to_json(results)
    if fmt == "csv":
        return _to_csv(results)
    if fmt == "table":
        return _to_table(results)
    raise QueryError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def _to_json(results: Results) -> str:
    if results.boolean is not None:
        data: dict[str, Any] = {"head": {}, "boolean": results.boolean}
    else:
        bindings = [
            {v: t.to_json() for v, t in zip(results.variables, row, strict=True) if t is not None}
            for row in results.rows
        ]
        data = {"head": {"vars": results.variables}, "results": {"bindings": bindings}}
    return json_printable(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _to_csv(results: Results) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF, as the SPARQL CSV format says
    if results.boolean is not None:
        writer.writerows([["boolean"], [str(results.boolean).lower()]])
        return out.getvalue()
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return out.getvalue()


def _csv_value(term: Term) -> str:
    return printable(f"_:{term.value}" if term.kind == "bnode" else term.value)


def _to_table(results: Results) -> str:
    if results.boolean is not None:
        return f"{str(results.boolean).lower()}\n"
    header = list(results.variables)
    cells = [[_cell(t) for t in row] for row in results.rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    lines = [_line(header, widths), _line(["-" * w for w in widths], widths)]
    lines.extend(_line(row, widths) for row in cells)
    count = len(cells)
    lines.append(f"({count} row{'s' * (count != 1)})")
    return "\n".join(lines) + "\n"


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        text = _short_iri(term.value)
    elif term.kind == "bnode":
        text = f"_:{term.value}"
    else:
        text = term.value
    text = printable(" ".join(text.split()), one_line=True)  # one line per row, whatever it holds
    return text if len(text) <= _CELL_WIDTH else text[: _CELL_WIDTH - 1] + "…"


def _short_iri(iri: str) -> str:
    """``prefix:local`` for our vocabularies, else the IRI in angle brackets."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and all(c.isalnum() or c in "_-" for c in local):
            return f"{prefix}:{local}"
    return f"<{iri}>"
