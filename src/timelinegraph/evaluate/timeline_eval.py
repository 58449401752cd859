"""SemEval-2015 Task 4 (TimeLine) scoring: a target entity's timeline turned into temporal
relations and scored with temporal awareness (``tempeval``), micro-averaged over timelines.

The official script (evaluation_tool_timeline_task4_v3) is not in ``shared/eval``; this follows
the procedure the task published for it (Minard et al. 2015, and the task's tools page): each
timeline becomes a graph, then the TempEval-3 relation scorer compares the graphs.

- A timeline line ``order<TAB>date<TAB>mention[<TAB>mention...]`` is one event; each mention
  (``docid-sentence-token``) is a node, and a line's later mentions are SIMULTANEOUS with its
  first (they corefer).
- Ordering: lines with the same order number happen at the same time (SIMULTANEOUS with the
  group's first line), and each group is BEFORE the next one; the closure gives the rest. Order
  0 holds the events the timeline cannot place: they get no ordering link.
- Time anchors (``anchors=True``, the "ordering and time anchors" mode; False is "ordering
  only"): each date is a time node and each dated event is SIMULTANEOUS with it. ``XXXX-XX-XX``
  is no date, so it anchors nothing; ``2008``, ``2008-XX-XX`` and ``2008-XX`` are one date.

Relations are listed in that order (mentions, groups, anchors), which fixes what the scorer's
reduction keeps. As published, an event is SIMULTANEOUS with its day even when the timeline puts
two events of one day in sequence; the scorer keeps such a contradicting link as a violation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .tempeval import AwarenessScore, score_corpus
from .timegraph import Relation, relation

__all__ = [
    "Timeline",
    "TimelineEntry",
    "parse_timeline",
    "read_timelines",
    "score_timeline_folders",
    "score_timelines",
    "timeline_relations",
]

UNPLACED = 0  # the order number of events the timeline cannot order
DATE_PREFIX = "date:"  # time nodes, kept apart from mention ids


@dataclass(frozen=True)
class TimelineEntry:
    order: int
    date: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    entity: str
    entries: tuple[TimelineEntry, ...]


def parse_timeline(text: str, where: str = "timeline") -> Timeline:
    """The target entity (first line) and the entries; ValueError on a malformed line."""
    lines = text.splitlines()
    entity = lines[0].strip() if lines else ""
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        if not fields:
            continue
        if len(fields) < 3 or not fields[0].isdigit():
            raise ValueError(f"{where}:{number}: expected order<TAB>date<TAB>mention, got {line!r}")
        entries.append(TimelineEntry(int(fields[0]), fields[1], tuple(fields[2:])))
    return Timeline(entity, tuple(entries))


def read_timelines(folder: Path) -> dict[str, Timeline]:
    """Every ``*.txt`` timeline in ``folder``, by file name."""
    return {
        path.name: parse_timeline(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(folder.glob("*.txt"))
    }


def normalise_date(date: str) -> str | None:
    """``YYYY-MM-DD`` with ``XX`` for what is unknown; None when even the year is."""
    parts = [*date.split("-"), "XX", "XX"][:3]
    return None if "X" in parts[0] else "-".join(parts)


def timeline_relations(timeline: Timeline, anchors: bool = True) -> list[Relation]:
    """The timeline as temporal relations (see the module docstring)."""
    out = [
        relation(mention, entry.mentions[0], "SIMULTANEOUS")
        for entry in timeline.entries
        for mention in entry.mentions[1:]
    ]
    groups: dict[int, list[str]] = {}
    for entry in timeline.entries:
        if entry.order != UNPLACED:
            groups.setdefault(entry.order, []).append(entry.mentions[0])
    ordered = [groups[order] for order in sorted(groups)]
    for group in ordered:
        out += [relation(first, group[0], "SIMULTANEOUS") for first in group[1:]]
    for earlier, later in pairwise(ordered):
        out.append(relation(earlier[0], later[0], "BEFORE"))
    if anchors:
        for entry in timeline.entries:
            date = normalise_date(entry.date)
            if date is not None:
                out.append(relation(entry.mentions[0], DATE_PREFIX + date, "SIMULTANEOUS"))
    return out


def score_timelines(
    gold: Mapping[str, Timeline], system: Mapping[str, Timeline], anchors: bool = True
) -> AwarenessScore:
    """Micro average over the gold timelines; a missing system timeline counts as empty."""
    empty = Timeline("", ())
    return score_corpus(
        (timeline_relations(g, anchors), timeline_relations(system.get(name, empty), anchors))
        for name, g in gold.items()
    )


def score_timeline_folders(gold: Path, system: Path, anchors: bool = True) -> AwarenessScore:
    """Score the system folder's timelines against the gold folder's (matched by file name)."""
    return score_timelines(read_timelines(gold), read_timelines(system), anchors)
