"""The merge's parts as tasks: made from the plan (``resolve.parts``), run in any process.

A task is one or more whole parts, with what running them needs and nothing else: where each
article's extraction is stored (``cache.spool.Entry``; for a machine that cannot read this
one's disk, the stored bytes themselves), the global id of each of its local actors and each
article's story. Parts are packed into tasks in order, up to ``TASK_ARTICLES`` articles a task
(a part larger than that is one task of its own): enough work per task to pay for sending it,
few enough extractions in memory at once.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .cache.spool import Entry, read_entry, read_packed, unpack
from .models import ArticleExtraction
from .resolve.actors import LocalKey
from .resolve.parts import ArticleKeys, MergePlan, PartResult, resolve_part

__all__ = [
    "PIECE_ITEMS",
    "TASK_ARTICLES",
    "MergeTask",
    "StoredPart",
    "make_tasks",
    "packed",
    "read_spilled",
    "run_task",
    "run_task_spilled",
]

TASK_ARTICLES = 200
# Items of a task's results another process holds at a time when they are sent to it (a
# Dask client, a build's main process): the largest part of 10,000 varied articles makes
# 110,000 events and links, 0.55 GB as objects, whole.
PIECE_ITEMS = 2_000


@dataclass(frozen=True)
class MergeTask:
    parts: list[list[Entry]]  # each part's articles
    actor_ids: dict[LocalKey, str]
    story_of: dict[str, str]
    all_events: bool = False
    max_events: int | None = None
    packed: list[list[bytes]] | None = None  # the entries' bytes, to send to another machine


def make_tasks(
    plan: MergePlan,
    keys: Mapping[str, ArticleKeys],
    entries: Mapping[str, Entry],
    *,
    all_events: bool = False,
    max_events: int | None = None,
    task_articles: int = TASK_ARTICLES,
) -> list[MergeTask]:
    """The plan's parts packed into tasks (see the module's docstring)."""
    tasks: list[MergeTask] = []
    batch: list[list[str]] = []
    size = 0
    for part in plan.parts:
        if batch and size + len(part) > task_articles:
            tasks.append(_task(plan, keys, entries, batch, all_events, max_events))
            batch, size = [], 0
        batch.append(part)
        size += len(part)
    if batch:
        tasks.append(_task(plan, keys, entries, batch, all_events, max_events))
    return tasks


def _task(
    plan: MergePlan,
    keys: Mapping[str, ArticleKeys],
    entries: Mapping[str, Entry],
    parts: list[list[str]],
    all_events: bool,
    max_events: int | None,
) -> MergeTask:
    articles = [a for part in parts for a in part]
    return MergeTask(
        parts=[[entries[a] for a in part] for part in parts],
        actor_ids=plan.part_actor_ids(articles, keys),
        story_of=plan.part_stories(articles),
        all_events=all_events,
        max_events=max_events,
    )


def packed(task: MergeTask) -> MergeTask:
    """``task`` carrying its entries' bytes, for a process that cannot read this disk."""
    return replace(task, packed=[[read_packed(e) for e in part] for part in task.parts])


def run_task(task: MergeTask) -> list[PartResult]:
    """Each of the task's parts resolved on its own (the same as one task a part: a part's
    result never depends on what else its process runs)."""
    return [
        resolve_part(
            StoredPart(part, task.packed[n] if task.packed else None, task.max_events),
            task.actor_ids,
            task.story_of,
            all_events=task.all_events,
        )
        for n, part in enumerate(task.parts)
    ]


@dataclass(frozen=True)
class StoredPart:
    """A part's extractions as ``resolve_part`` reads them (``PartArticles``): from their
    stored files, or from the bytes a task carries to another machine. Each pass decodes
    them again: a few percent of the merge's time, for a peak of one pass's objects."""

    entries: list[Entry]
    packed: list[bytes] | None
    max_events: int | None

    def __len__(self) -> int:
        return len(self.entries)

    def read(self, n: int, *, links: bool) -> ArticleExtraction:
        entry = self.entries[n]
        if self.packed is not None:
            return unpack(self.packed[n], entry, self.max_events, links=links)
        return read_entry(entry, self.max_events, links=links)


def run_task_spilled(task: MergeTask, path: Path) -> Path:
    """``run_task``, its results written to ``path`` in pieces of at most ``PIECE_ITEMS``
    items (``PartResult.pieces``), for another process of this machine to read a piece at a
    time (``read_spilled``) instead of receiving them whole."""
    with open(path, "wb") as out:
        for result in run_task(task):
            for piece in result.pieces(PIECE_ITEMS):
                pickle.dump(piece, out, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def read_spilled(path: Path) -> Iterator[PartResult]:
    """The pieces ``run_task_spilled`` wrote to ``path``, in order; the file is removed once
    read (written by this build's own worker: pickle's trust model holds)."""
    with open(path, "rb") as pieces:
        while True:
            try:
                piece: PartResult = pickle.load(pieces)
            except EOFError:
                break
            yield piece
    os.remove(path)
