"""Export formats by name, with aliases (like rdflib's plugin registry); imported lazily."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path

from .errors import TimelineGraphError
from .models import KnowledgeGraph

Writer = Callable[[KnowledgeGraph, Path], Path]

# name -> (file name in --out, "module:function")
_FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("graph.ttl", "timelinegraph.export.turtle:write_turtle"),
    "graphml": ("graph.graphml", "timelinegraph.export.graphml:write_graphml"),
    "gexf": ("graph.gexf", "timelinegraph.export.gexf:write_gexf"),
    "timeline": ("timeline.json", "timelinegraph.export.timeline:write_timeline"),
    "report": ("report.md", "timelinegraph.export.report:write_report"),
    "ntriples": ("graph.nt", "timelinegraph.export.ntriples:write_ntriples"),
    "jsonld": ("graph.jsonld", "timelinegraph.export.jsonld:write_jsonld"),
    "trig": ("graph.trig", "timelinegraph.export.trig:write_trig"),
    "html": ("index.html", "timelinegraph.view.page:write_html"),
    "events": ("events.csv", "timelinegraph.export.table:write_events_csv"),
    "mentions": ("mentions.csv", "timelinegraph.export.table:write_mentions_csv"),
    "events-parquet": ("events.parquet", "timelinegraph.export.table:write_events_parquet"),
    "mentions-parquet": (
        "mentions.parquet",
        "timelinegraph.export.table:write_mentions_parquet",
    ),
}
# every file name a build may move into --out (and nothing else: see export/outdir.py)
EXPORT_FILENAMES = frozenset(filename for filename, _ in _FORMATS.values())
ALIASES = {
    "ttl": "turtle",
    "xml": "graphml",
    "json": "timeline",
    "timelinejs": "timeline",
    "qa": "report",
    "md": "report",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "json-ld": "jsonld",
    "csv": "events",
    "parquet": "events-parquet",
}
# A name that stands for several formats: the analyst's tables (export/table.py).
GROUPS = {"table": ["events", "mentions", "events-parquet", "mentions-parquet"]}
# Written by a plain `build`: one file per downstream tool. The extra RDF serializations
# (same triples as graph.ttl) are written only when asked for.
DEFAULT_FORMATS = ["turtle", "graphml", "gexf", "timeline", "report", "html", *GROUPS["table"]]


class _Exporters:
    """``EXPORTERS[name]`` is ``(file name, writer)``, the writer imported on first use;
    iterating gives the format names in registry order."""

    def __getitem__(self, name: str) -> tuple[str, Writer]:
        filename, target = _FORMATS[name]
        module, func = target.split(":")
        writer: Writer = getattr(import_module(module), func)
        return filename, writer

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMATS)

    def __len__(self) -> int:
        return len(_FORMATS)

    def __contains__(self, name: object) -> bool:
        return name in _FORMATS


EXPORTERS = _Exporters()


def resolve_formats(names: list[str] | None) -> list[str]:
    """Canonical format names; an unknown one is an error that lists the valid ones."""
    if not names:
        return list(DEFAULT_FORMATS)
    chosen: list[str] = []
    for raw in names:
        for part in raw.split(","):
            name = ALIASES.get(part.strip().lower(), part.strip().lower())
            if name not in _FORMATS and name not in GROUPS:
                valid = ", ".join(sorted([*_FORMATS, *ALIASES, *GROUPS]))
                raise TimelineGraphError(f"unknown format {part!r} (valid: {valid})")
            for member in GROUPS.get(name, [name]):
                if member not in chosen:
                    chosen.append(member)
    return chosen
