"""Export formats by name, with aliases (like rdflib's plugin registry); imported lazily."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path

from .errors import TimelineGraphError
from .graph.built import BuiltGraph

# Every writer a build calls takes the graph stage's one output (graph/built.py): see Export.
Writer = Callable[[BuiltGraph, Path], Path]

# name -> (file name in --out, "module:function", what the function reads of the graph:
# "triples" (the RDF written once to a sorted N-Triples file, read subject by subject:
# graph.rdf_file.TriplesFile), "model" (the KnowledgeGraph) or "both" (the report, whose
# SHACL check validates the very triples the RDF files hold))
_FORMATS: dict[str, tuple[str, str, str]] = {
    "turtle": ("graph.ttl", "timelinegraph.export.turtle:write_turtle", "triples"),
    "graphml": ("graph.graphml", "timelinegraph.export.graphml:write_graphml", "model"),
    "gexf": ("graph.gexf", "timelinegraph.export.gexf:write_gexf", "model"),
    "timeline": ("timeline.json", "timelinegraph.export.timeline:write_timeline", "model"),
    "report": ("report.md", "timelinegraph.export.report:write_report", "both"),
    "ntriples": ("graph.nt", "timelinegraph.export.ntriples:write_ntriples", "triples"),
    "jsonld": ("graph.jsonld", "timelinegraph.export.jsonld:write_jsonld", "triples"),
    "trig": ("graph.trig", "timelinegraph.export.trig:write_trig", "triples"),
    "html": ("index.html", "timelinegraph.view.page:write_html", "model"),
    "events": ("events.csv", "timelinegraph.export.table:write_events_csv", "model"),
    "mentions": ("mentions.csv", "timelinegraph.export.table:write_mentions_csv", "model"),
    "events-parquet": (
        "events.parquet",
        "timelinegraph.export.table:write_events_parquet",
        "model",
    ),
    "mentions-parquet": (
        "mentions.parquet",
        "timelinegraph.export.table:write_mentions_parquet",
        "model",
    ),
}
# every format a build can write, in registry order
ALL_FORMATS = list(_FORMATS)
# every file name a build may move into --out (and nothing else: see export/outdir.py)
EXPORT_FILENAMES = frozenset(filename for filename, _, _ in _FORMATS.values())
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


class Export:
    """One registered writer, called as a build calls it: ``export(graph, path)``. ``func`` is
    the writer itself; ``reads`` what it is handed of the graph (see ``_FORMATS``)."""

    __slots__ = ("func", "reads")

    def __init__(self, func: Callable[..., Path], reads: str) -> None:
        self.func = func
        self.reads = reads

    def __call__(self, graph: BuiltGraph, path: Path) -> Path:
        if self.reads == "triples":
            return self.func(graph.triples, path)
        if self.reads == "both":
            return self.func(graph.model, path, triples=graph.triples)
        return self.func(graph.model, path)


class _Exporters:
    """``EXPORTERS[name]`` is ``(file name, Export)``, the writer imported on first use;
    iterating gives the format names in registry order."""

    def __getitem__(self, name: str) -> tuple[str, Export]:
        filename, target, reads = _FORMATS[name]
        module, func = target.split(":")
        return filename, Export(getattr(import_module(module), func), reads)

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
