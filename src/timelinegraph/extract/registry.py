"""The extractors by name, in the order they run: what each one reads and which field of
``ArticleExtraction`` it fills. ``extract_doc`` runs this table; nothing else wires them.

Each extractor is called with the parsed article (``ArticleContext``) followed by the outputs
of earlier extractors named in ``inputs``, and returns the list stored in ``field``. The
exporters' registry is ``timelinegraph.registry``; this one lives in the extract package
because the cache key digests that package (``cache/keys.py``): reordering or rewiring the
extractors changes what an extraction contains, so it must change the key too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .actors import extract_actors
from .context import ArticleContext
from .events import extract_events
from .links import extract_links
from .relations import extract_relations
from .times import extract_times

__all__ = ["EXTRACTORS", "Extractor", "run_extractors"]


@dataclass(frozen=True)
class Extractor:
    """One extractor: ``run(ctx, *inputs)`` returns the list stored in ``field``."""

    name: str
    run: Callable[..., list[Any]]
    inputs: tuple[str, ...]  # fields filled by earlier extractors, passed after the context
    field: str  # the ArticleExtraction field it fills


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("actors", extract_actors, (), "actors"),
    Extractor("times", extract_times, (), "times"),
    Extractor("events", extract_events, ("actors", "times"), "events"),
    Extractor("relations", extract_relations, ("actors",), "relations"),
    Extractor("tlinks", extract_links, ("events", "times"), "links"),
)


def run_extractors(
    ctx: ArticleContext, extractors: tuple[Extractor, ...] = EXTRACTORS
) -> dict[str, list[Any]]:
    """Run ``extractors`` in order on one parsed article: their outputs by field."""
    found: dict[str, list[Any]] = {}
    for extractor in extractors:
        found[extractor.field] = extractor.run(ctx, *(found[name] for name in extractor.inputs))
    return found
