"""Whoever can write into --out must not be able to make a build touch files outside it,
and what a build leaves in --out must not come back to haunt the next one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tg_paths import SEEDS, cli_env
from timelinegraph.errors import ExportError
from timelinegraph.export.outdir import COMMIT_NAME, LOCK_NAME, output_lock, staged_exports
from timelinegraph.pipeline import build


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    """A user's folder outside --out, with files a build must never change or move."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.txt").write_text("years of work\n", encoding="utf-8")
    (home / "graph.ttl").write_text("the user's own graph\n", encoding="utf-8")
    return home


def _untouched(home: Path) -> bool:
    return {p.name: p.read_text(encoding="utf-8") for p in home.iterdir()} == {
        "thesis.txt": "years of work\n",
        "graph.ttl": "the user's own graph\n",
    }


@pytest.mark.slow
def test_a_build_never_writes_through_a_planted_lock_or_probe_link(
    tmp_path: Path, precious: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(precious / "thesis.txt")
    (out / ".timelinegraph-write-test").symlink_to(precious / "graph.ttl")
    command = [sys.executable, "-m", "timelinegraph", "build", str(SEEDS), "--out", str(out)]
    result = subprocess.run(
        [*command, "-q", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=300,
        env=cli_env(),
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1
    assert f"{out / LOCK_NAME}: is a symbolic link" in result.stderr
    assert _untouched(precious)
    assert not (out / "graph.ttl").exists()


def test_the_lock_refuses_a_hard_link_to_another_file(tmp_path: Path, precious: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.link(precious / "thesis.txt", out / LOCK_NAME)
    with pytest.raises(ExportError, match="has other names"), output_lock(out):
        pass
    assert _untouched(precious)


def test_a_marker_naming_a_linked_staging_folder_moves_nothing(
    tmp_path: Path, precious: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous\n", encoding="utf-8")
    (out / ".staging-evil").symlink_to(precious, target_is_directory=True)
    (out / COMMIT_NAME).write_text(".staging-evil\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"\.staging-evil: .*not a folder"), staged_exports(out):
        pass
    assert _untouched(precious)
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous\n"
    assert not (out / "thesis.txt").exists()


@pytest.mark.parametrize(
    "name", ["../home", "/tmp", "store", ".staging-a/../../home", ".timelinegraph.lock"]
)
def test_a_marker_naming_anything_but_a_staging_folder_moves_nothing(
    tmp_path: Path, precious: Path, name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "store").mkdir()
    (out / ".staging-a").mkdir()
    (out / COMMIT_NAME).write_text(name + "\n", encoding="utf-8")
    with pytest.raises(ExportError, match="not a staging folder"), staged_exports(out):
        pass
    assert _untouched(precious)
    assert sorted(p.name for p in out.iterdir()) == [".staging-a", COMMIT_NAME, "store"]


def test_a_staging_folder_moves_in_only_regular_files_with_export_names(
    tmp_path: Path, precious: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.json").write_text("previous\n", encoding="utf-8")
    staging = out / ".staging-planted"
    staging.mkdir()
    (staging / "timeline.json").write_text("new\n", encoding="utf-8")
    (staging / "graph.ttl").symlink_to(precious / "graph.ttl")
    (staging / "thesis.txt").write_text("not an export\n", encoding="utf-8")
    (out / COMMIT_NAME).write_text(staging.name + "\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"graph\.ttl: not an export"), staged_exports(out):
        pass
    assert _untouched(precious)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["timeline.json"]
    assert (out / "timeline.json").read_text(encoding="utf-8") == "previous\n"  # nothing moved


def test_stale_temp_files_of_the_commit_marker_are_cleared_and_only_those(
    tmp_path: Path, precious: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".{COMMIT_NAME}.k3x_9q2a.tmp"  # as a build killed mid-write leaves it
    stale.write_text(".staging-abc", encoding="utf-8")
    linked = out / f".{COMMIT_NAME}.zzzz1111.tmp"
    linked.symlink_to(precious / "thesis.txt")
    folder = out / f".{COMMIT_NAME}.aaaa2222.tmp"
    folder.mkdir()
    mine = out / f".{COMMIT_NAME}.notes.tmp"  # not a name our writer makes
    mine.write_text("keep", encoding="utf-8")
    with staged_exports(out) as staging:
        (staging / "graph.ttl").write_text("new\n", encoding="utf-8")
    assert not stale.exists()
    assert linked.is_symlink() and folder.is_dir() and mine.read_text(encoding="utf-8") == "keep"
    assert _untouched(precious)


def test_an_out_folder_inside_the_input_is_not_read_back(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(next(SEEDS.glob("*.txt")).read_text(encoding="utf-8"))
    other = inputs / "old-build"  # the --out of an earlier build, elsewhere in the input
    other.mkdir()
    (other / LOCK_NAME).write_text("", encoding="utf-8")
    (other / "timeline.json").write_text('{"events": []}', encoding="utf-8")
    out = inputs / "exports"
    first = build([inputs], out, formats=["timeline", "turtle"])
    second = build([inputs], out, formats=["timeline", "turtle"])
    assert first.articles == second.articles == 1
    assert first.skipped == second.skipped == []
