"""The merge in parts (resolve/parts.py, partrun.py) gives the bytes of one merge of everything:
on the seed, on MEANTIME and on ECB+ articles, parts run here, in two worker processes, and
all articles resolved as a single part write the same exports, byte for byte, whether the joined
graph's lists are held in memory or stored on disk as a build stores them."""

from __future__ import annotations

import json
import weakref
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tg_paths import SEEDS, SHARED_EVAL
from timelinegraph.cache.spool import spool
from timelinegraph.extract import extract_many
from timelinegraph.extract.nlp import load_nlp
from timelinegraph.ingest import read_articles
from timelinegraph.models import ArticleExtraction, KnowledgeGraph
from timelinegraph.partrun import make_tasks
from timelinegraph.pipeline import write_exports
from timelinegraph.registry import EXPORT_FILENAMES, resolve_formats
from timelinegraph.resolve import resolve
from timelinegraph.resolve.parts import article_keys, join_parts, plan_merge, resolve_part
from timelinegraph.stored import StoredList
from timelinegraph.workers import LocalExecutor

ALL_FORMATS = resolve_formats(["turtle,graphml,gexf,timeline,report,html,ntriples,jsonld,trig"])
ECB = SHARED_EVAL / "ecbplus" / "ECB+"
MEANTIME = SHARED_EVAL / "meantime-english" / "intra-doc_annotation"


def _extract(paths: list[Path]) -> list[ArticleExtraction]:
    articles = read_articles(paths, default_date=date(2015, 1, 1)).articles
    return list(extract_many(articles, load_nlp()))


OTHERS = {  # short news of other stories, so the seed corpus has more than one part
    "quake.txt": "date 2008-06-14\n\nTOKYO (AP) — A powerful earthquake struck northern Japan "
    "on Saturday, killing at least six people and injuring more than 100, officials said. "
    "The magnitude 7.2 quake hit Iwate prefecture at 8:43 a.m.\n",
    "merger.txt": "date 2007-10-05\n\nGoogle agreed on Friday to buy the online advertising "
    "company DoubleClick for $3.1 billion, the company said. Regulators in Brussels will "
    "review the deal next month.\n",
}


def _seed_corpus(folder: Path) -> Path:
    """The seed, three dated copies of its story and two other stories."""
    folder.mkdir()
    for name, text in OTHERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (folder / "seed.txt").write_text(seed, encoding="utf-8")
    body = seed.split("2024-03-07", 1)[1]
    rows = [{"id": f"copy-{i}", "date": f"2024-03-0{i + 1}", "text": body} for i in range(3)]
    (folder / "copies.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return folder


def _one_part(extractions: list[ArticleExtraction]) -> KnowledgeGraph:
    """Every article resolved as one part: the merge unpartitioned."""
    plan = plan_merge(article_keys(x) for x in extractions)
    ids = sorted(x.article.id for x in extractions)
    whole = replace(plan, parts=[ids])
    result = resolve_part(extractions, whole.actor_ids, whole.part_stories(ids))
    return join_parts(whole, [result])


def _in_processes(
    extractions: list[ArticleExtraction], task_articles: int, folder: Path
) -> KnowledgeGraph:
    """The parts as tasks of a few articles, read back from a spool by two processes, their
    results sent back through files, and joined as a build joins them: the merge steps,
    events, actors and links in files in ``folder``; each part's result cut into pieces of a
    few items, as a Dask client fetches them (``partrun.PIECE_ITEMS``)."""
    keys = {x.article.id: article_keys(x) for x in extractions}
    plan = plan_merge(keys.values())
    folder.mkdir()
    plan.steps_to_disk(folder)
    with spool(None, model=None) as store:
        entries = {x.article.id: store.add(x) for x in extractions}
        tasks = make_tasks(plan, keys, entries, task_articles=task_articles)
        assert len(tasks) > 1
        done = LocalExecutor(jobs=2).merge(tasks, folder)  # through files there
        pieces = [piece for results in done for part in results for piece in part.pieces(7)]
        assert len(pieces) > len(tasks)
        assert not list(folder.glob("merge-task-*"))  # each removed once read
        kg = join_parts(plan, pieces, folder)
        assert isinstance(kg.events, StoredList)
        return kg


def _exports(kg: KnowledgeGraph, out: Path) -> dict[str, bytes]:
    write_exports(kg, out, ALL_FORMATS)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name in EXPORT_FILENAMES}


def _check(extractions: list[ArticleExtraction], tmp_path: Path, task_articles: int) -> None:
    parts = _exports(resolve(extractions), tmp_path / "parts")
    assert len(parts) == len(ALL_FORMATS)
    assert _exports(_one_part(extractions), tmp_path / "one") == parts
    stored = _in_processes(extractions, task_articles, tmp_path / "stored")
    assert _exports(stored, tmp_path / "procs") == parts


def test_seed_in_parts_is_the_seed_merged_whole(tmp_path):
    extractions = _extract([_seed_corpus(tmp_path / "in")])
    _check(extractions, tmp_path, task_articles=1)


@pytest.mark.skipif(not MEANTIME.is_dir(), reason="MEANTIME not in shared/eval")
def test_meantime_in_parts_is_meantime_merged_whole(tmp_path):
    extractions = _extract([MEANTIME])
    plan = plan_merge(article_keys(x) for x in extractions)
    assert len(plan.parts) > 10  # really cut
    _check(extractions, tmp_path, task_articles=10)


@pytest.mark.skipif(not ECB.is_dir(), reason="ECB+ not in shared/eval")
def test_ecbplus_in_parts_is_ecbplus_merged_whole(tmp_path):
    extractions = _extract([ECB / topic for topic in ("1", "2", "3")])
    _check(extractions, tmp_path, task_articles=15)


def test_a_result_in_pieces_holds_each_item_once_in_order(tmp_path):
    extractions = _extract([_seed_corpus(tmp_path / "in")])
    plan = plan_merge(article_keys(x) for x in extractions)
    part = max(plan.parts, key=len)
    result = resolve_part(
        [x for x in extractions if x.article.id in part], plan.actor_ids, plan.story_of
    )
    pieces = list(result.pieces(5))
    assert all(
        sum(map(len, (p.events, p.links, p.contradictions, p.actors, p.relations))) <= 5
        for p in pieces
    )
    assert [e for p in pieces for e in p.events] == result.events
    assert [link for p in pieces for link in p.links] == result.links
    assert [c for p in pieces for c in p.contradictions] == result.contradictions
    assert {k: v for p in pieces for k, v in p.actors.items()} == result.actors
    assert {k: v for p in pieces for k, v in p.relations.items()} == result.relations


class _Recorded:
    """A part read from extractions in memory, as a stored part is: each read a new object
    (without its links in the first pass), and every read recorded."""

    def __init__(self, extractions: list[ArticleExtraction]) -> None:
        self.extractions = extractions
        self.reads: list[tuple[str, bool]] = []
        self.first_pass: list[weakref.ref[ArticleExtraction]] = []
        self.held_at_order: int | None = None

    def __len__(self) -> int:
        return len(self.extractions)

    def read(self, n: int, *, links: bool) -> ArticleExtraction:
        x = self.extractions[n]
        self.reads.append((x.article.id, links))
        if links and self.held_at_order is None:
            self.held_at_order = sum(ref() is not None for ref in self.first_pass)
        copy = x.model_copy(update={} if links else {"links": []})
        if not links:
            self.first_pass.append(weakref.ref(copy))
        return copy


def test_a_part_is_read_twice_and_not_held_whole_through_the_order(tmp_path):
    extractions = _extract([_seed_corpus(tmp_path / "in")])
    plan = plan_merge(article_keys(x) for x in extractions)
    part = [x for x in reversed(extractions) if x.article.id in max(plan.parts, key=len)]
    recorded = _Recorded(part)
    result = resolve_part(recorded, plan.actor_ids, plan.story_of)
    ids = [x.article.id for x in part]
    # the first pass, without links, in the order given; the order's, in article id order
    assert recorded.reads == [(a, False) for a in ids] + [(a, True) for a in sorted(ids)]
    assert recorded.held_at_order == 0  # no first-pass extraction is held by then
    assert result == resolve_part(part, plan.actor_ids, plan.story_of)
    assert result.links  # the order pass read links
