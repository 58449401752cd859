"""Rows kept for a second pass (export/replay.py): the same rows, in order, from a file that
goes with the context."""

from __future__ import annotations

import os
from pathlib import Path

from timelinegraph.export.replay import Replay


def test_rows_come_back_in_order_as_often_as_asked(tmp_path: Path) -> None:
    rows = [("n1", {"label": "A", "weight": 1}), ("n2", {"label": "B", "sure": True})]
    with Replay[tuple[str, dict]](tmp_path) as replay:
        assert list(replay.record(iter(rows))) == rows
        assert list(replay.replay()) == rows
        assert list(replay.replay()) == rows
    assert os.listdir(tmp_path) == []  # an unnamed temporary file: nothing left behind


def test_no_rows_replay_none(tmp_path: Path) -> None:
    with Replay[int](tmp_path) as replay:
        assert list(replay.record([])) == []
        assert list(replay.replay()) == []
