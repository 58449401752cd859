"""Lists of models on disk (stored.py): the order, the reads and the ``by_id`` view a writer
uses, against the plain list each stands for."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tg_paths import SEEDS
from timelinegraph import pipeline
from timelinegraph.models import KnowledgeGraph, Story
from timelinegraph.stored import (
    RECENT,
    MemoryList,
    StoredList,
    by_id,
    indices_by_id,
    item_ids,
    list_writer,
    store_list,
    stored_mapping,
)


def _stories(ids: list[str]) -> list[Story]:
    return [Story(id=s, label=f"{s} #{n}", articles=[f"a{n}"]) for n, s in enumerate(ids)]


IDS = ["story-c", "story-a", "story-b", "story-a", "story-d"]


def test_a_stored_list_is_its_items_sorted_by_key_stably(tmp_path: Path) -> None:
    items = _stories(IDS)
    stored = store_list(items, tmp_path / "s.pickles")
    expected = sorted(items, key=lambda s: s.id)
    assert isinstance(stored, StoredList)
    assert list(stored) == expected
    assert [stored[i] for i in range(len(stored))] == expected
    assert stored[-1] == expected[-1]
    assert stored[1:4] == expected[1:4]
    assert stored.keys() == [s.id for s in expected]
    with pytest.raises(IndexError):
        stored[len(items)]


def test_the_memory_writer_gives_the_same_list(tmp_path: Path) -> None:
    writers = [list_writer(None, "s"), list_writer(tmp_path, "s")]
    assert isinstance(writers[0], MemoryList)
    for writer in writers:
        for story in _stories(IDS):
            writer.add(story, story.id)
    in_memory, on_disk = (writer.finish() for writer in writers)
    assert isinstance(in_memory, list)
    assert list(on_disk) == in_memory
    assert (tmp_path / "s.pickles").is_file()


def test_by_id_reads_as_the_dict_a_writer_would_build(tmp_path: Path) -> None:
    items = _stories(IDS)
    stored = store_list(items, tmp_path / "s.pickles")
    expected = {s.id: s for s in sorted(items, key=lambda s: s.id)}  # the last of an id wins
    view = by_id(stored)
    assert dict(view) == expected
    assert len(view) == len(expected) and list(view) == sorted(expected)
    assert view["story-a"].label == "story-a #3"
    assert "story-b" in view and "story-x" not in view and 7 not in view
    assert view.get("story-x") is None
    with pytest.raises(KeyError):
        view["story-x"]
    assert by_id(items) == expected  # a plain list: the dict itself


def test_ids_and_their_indices_are_those_of_the_plain_list(tmp_path: Path) -> None:
    items = sorted(_stories(IDS), key=lambda s: s.id)
    stored = store_list(items, tmp_path / "s.pickles")
    expected = {"story-a": [0, 1], "story-b": [2], "story-c": [3], "story-d": [4]}
    for listed in (items, stored):
        assert item_ids(listed) == ["story-a", "story-a", "story-b", "story-c", "story-d"]
        where = indices_by_id(listed)
        assert {key: list(found) for key, found in where.items()} == expected
        assert len(where) == 4 and "story-b" in where and "story-x" not in where
        assert where.get("story-x") is None


def test_by_id_keeps_only_the_recent_items(tmp_path: Path) -> None:
    ids = [f"story-{n:04d}" for n in range(RECENT + 10)]
    view = by_id(store_list(_stories(ids), tmp_path / "s.pickles"))
    for story_id in ids:
        assert view[story_id].id == story_id
    assert view._read.cache_info().currsize == RECENT  # type: ignore[attr-defined]


def test_items_are_read_back_from_the_file_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.pickles"
    stored = store_list(_stories(["story-a"]), path)
    path.write_bytes(pickle.dumps(Story(id="story-a", label="changed", articles=[])))
    assert stored[0].label == "changed"


def test_a_stored_mapping_is_the_mapping_read_back_on_demand(tmp_path: Path) -> None:
    mapping = {"b": ["step b"], "a": ["step a1", "step a2"], "c": []}
    stored = stored_mapping(mapping, tmp_path / "m.pickles")
    assert list(stored) == ["a", "b", "c"]
    assert dict(stored) == mapping
    assert stored.get("missing", []) == [] and "missing" not in stored
    unread = stored_mapping(mapping, tmp_path / "unread.pickles")
    (tmp_path / "unread.pickles").write_bytes(b"")  # no value is kept in memory until read
    with pytest.raises(EOFError):
        unread["b"]


def test_a_build_hands_its_writers_the_stored_graph_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[bool], Path]] = []
    write_staged = pipeline._write_staged

    def spy(kg: KnowledgeGraph, staging: Path, formats: list[str], *, jobs: int) -> None:
        stored = [isinstance(items, StoredList) for items in (kg.events, kg.actors, kg.links)]
        seen.append((stored, staging))
        write_staged(kg, staging, formats, jobs=jobs)

    monkeypatch.setattr(pipeline, "_write_staged", spy)
    out = tmp_path / "out"
    summary = pipeline.build([SEEDS], out, formats=["timeline", "report"])
    assert [stored for stored, _ in seen] == [[True, True, True]]
    assert summary.events > 0
    assert not seen[0][1].exists()  # the staging folder, and the lists in it, are gone
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "report.md",
        "timeline.json",
    ]
