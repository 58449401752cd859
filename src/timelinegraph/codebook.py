"""The codebook of event types as data: scheme, label, definition, modes, ACE/ERE matches.

Read from ``timelinegraph/data/event_types.tsv`` (docs/event-types.md is its prose). The RDF
vocabulary takes its SKOS labels and definitions from here, and the lexicon's modes are
checked against the modes listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .models import EventType

__all__ = ["SCHEMES", "TypeInfo", "codebook"]

# scheme code -> (IRI local name, label)
SCHEMES = {
    "PLOVER": (
        "plover",
        "PLOVER event types (Political Language Ontology for Verifiable Event Records)",
    ),
    "NEWS": ("news", "General-news event types (after ACE 2005 and ERE, with natural disasters)"),
}


@dataclass(frozen=True)
class TypeInfo:
    type: EventType
    scheme: str | None  # PLOVER | NEWS; None for OTHER
    label: str
    definition: str
    ace: tuple[str, ...]  # ACE 2005 / ERE event types it corresponds to
    modes: tuple[str, ...]


@lru_cache(maxsize=1)
def codebook() -> dict[EventType, TypeInfo]:
    """Every event type's entry; each EventType has exactly one."""
    text = resources.files("timelinegraph.data").joinpath("event_types.tsv").read_text("utf-8")
    found: dict[EventType, TypeInfo] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, scheme, label, definition, ace, modes = line.split("\t")
        kind = EventType(name)
        found[kind] = TypeInfo(
            kind, None if scheme == "-" else scheme, label, definition, _list(ace), _list(modes)
        )
    missing = set(EventType) - set(found)
    if missing:
        raise ValueError(f"event_types.tsv lacks {sorted(missing)}")
    return found


def _list(text: str) -> tuple[str, ...]:
    return () if text.strip() == "-" else tuple(text.strip().split("|"))
