"""The example queries shipped with the package (``queries/*.rq``) and their parameters.

Each file starts with comment lines: ``# name: what it answers``, then its parameters and an
example command. A parameter is a ``VALUES ?name { default }`` line; ``--param name=value``
replaces the default with ``value``, written as the same kind of term (a string, a typed
literal such as ``"2024-03-01"^^xsd:date``, an IRI or a number). This works on any query,
shipped or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from ..errors import QueryError
from ..graph.rdf_terms import escape_string

__all__ = [
    "Example",
    "apply_params",
    "example_names",
    "load_example",
    "parameters",
    "parse_param",
    "render_examples",
]

_VALUES = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*([^{}]*?)\s*\}", re.IGNORECASE)
_TYPED = re.compile(r'^"(?:[^"\\]|\\.)*"(\^\^\S+)$')
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@dataclass(frozen=True)
class Example:
    name: str
    summary: str
    text: str

    @property
    def params(self) -> dict[str, str]:
        return parameters(self.text)


def _folder() -> resources.abc.Traversable:
    return resources.files("timelinegraph.store").joinpath("queries")


def example_names() -> list[str]:
    return sorted(p.name[:-3] for p in _folder().iterdir() if p.name.endswith(".rq"))


def load_example(name: str) -> Example:
    """The shipped query ``name`` (file name without .rq)."""
    names = example_names()
    if name not in names:
        raise QueryError(f"--example {name}: no such example (examples: {', '.join(names)})")
    text = _folder().joinpath(f"{name}.rq").read_text(encoding="utf-8")
    first = text.splitlines()[0].lstrip("# ") if text else ""
    summary = first.split(":", 1)[1].strip() if ":" in first else first
    return Example(name, summary, text)


def parameters(query: str) -> dict[str, str]:
    """Each ``VALUES ?name { default }`` of the query: name -> default as written."""
    return {match.group(1): match.group(2) for match in _VALUES.finditer(query)}


def apply_params(query: str, params: dict[str, str], *, source: str = "query") -> str:
    """``query`` with each named VALUES default replaced by the given value."""
    known = parameters(query)
    for name in params:
        if name not in known:
            listed = ", ".join(sorted(known)) or "none"
            raise QueryError(
                f"--param {name}: {source} has no VALUES ?{name} to set (parameters: {listed})"
            )

    def replace(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name not in params:
            return match.group(0)
        return f"VALUES ?{name} {{ {_as_term(name, params[name], default)} }}"

    return _VALUES.sub(replace, query)


def _as_term(name: str, value: str, default: str) -> str:
    """``value`` written as the same kind of SPARQL term as ``default``."""
    typed = _TYPED.match(default)
    if typed:
        return f'"{escape_string(value)}"{typed.group(1)}'
    if default.startswith("<"):
        if _IRI_FORBIDDEN.search(value):
            raise QueryError(f"--param {name}={value}: not an IRI")
        return f"<{value}>"
    if _NUMBER.match(default):
        if not _NUMBER.match(value):
            raise QueryError(f"--param {name}={value}: not a number")
        return value
    return f'"{escape_string(value)}"'


def parse_param(text: str) -> tuple[str, str]:
    """``name=value`` from the command line."""
    name, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"\w+", name.strip()):
        raise QueryError(f"--param {text}: expected NAME=VALUE")
    return name.strip(), value


def render_examples() -> str:
    """One line per shipped example: name, what it answers, its parameters and defaults."""
    examples = [load_example(name) for name in example_names()]
    width = max(len(e.name) for e in examples)
    lines = []
    for e in examples:
        lines.append(f"{e.name.ljust(width)}  {e.summary}")
        if e.params:
            settings = " ".join(f"{k}={v}" for k, v in e.params.items())
            lines.append(f"{' ' * width}  parameters (defaults): {settings}")
    return "\n".join(lines) + "\n"
