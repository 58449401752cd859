"""Atomic writes: the target is either the old file or the complete new one, never half."""

from __future__ import annotations

from pathlib import Path

import pytest

from timelinegraph.common.atomic import atomic_open, write_text_atomic
from timelinegraph.errors import ExportError


def test_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out" / "x.txt"  # missing directory is created
    write_text_atomic(target, "old\n")
    write_text_atomic(target, "new ✓\n")
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.txt"]


def test_error_mid_write_keeps_old_file_and_cleans_temp(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    write_text_atomic(target, "old\n")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_keeps_existing_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_oserror_becomes_export_error_naming_path(tmp_path: Path) -> None:
    target = tmp_path / "is-a-dir"
    target.mkdir()
    with pytest.raises(ExportError, match="is-a-dir"):
        write_text_atomic(target, "x")
    assert [p.name for p in tmp_path.iterdir()] == ["is-a-dir"]
    assert list(target.iterdir()) == []
