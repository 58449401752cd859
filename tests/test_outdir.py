"""The --out folder under concurrency and crashes: one build at a time, exports never mixed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tg_paths import SEEDS
from timelinegraph.errors import ExportError
from timelinegraph.export.outdir import (
    COMMIT_NAME,
    LOCK_NAME,
    finish_interrupted_commit,
    output_lock,
    staged_exports,
)

HOLD_LOCK = """
import sys, time
from pathlib import Path
from timelinegraph.export.outdir import output_lock
with output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def lock_holder(tmp_path: Path):
    """Another process holding the build lock on tmp_path/out."""
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield out, proc
    finally:
        proc.kill()
        proc.wait()


def test_a_second_lock_on_the_same_folder_fails_naming_the_holder(lock_holder) -> None:
    out, proc = lock_holder
    expected = rf"another build is writing here \(pid {proc.pid}\)"
    with pytest.raises(ExportError, match=expected), output_lock(out):
        pass


def test_the_lock_dies_with_its_holder_even_by_sigkill(lock_holder) -> None:
    out, proc = lock_holder
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with output_lock(out):  # no stale lock to clean up by hand
        assert (out / LOCK_NAME).read_text(encoding="utf-8") == f"pid {os.getpid()}\n"


def test_a_second_build_into_a_locked_folder_is_refused_in_one_line(lock_holder) -> None:
    out, _ = lock_holder
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    result = _build_cli(SEEDS, out, "--no-cache")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "another build is writing here" in result.stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"


def test_a_failed_export_leaves_the_previous_set_untouched(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError), staged_exports(tmp_path) as staging:
        (staging / "graph.ttl").write_text("new", encoding="utf-8")
        raise RuntimeError("a writer failed after another had finished")
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # staging removed


def test_a_move_cut_short_is_completed_by_the_next_build(tmp_path: Path) -> None:
    for name in ("graph.ttl", "timeline.json"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    staging = tmp_path / ".staging-cut"
    staging.mkdir()
    (staging / "timeline.json").write_text("new", encoding="utf-8")  # graph.ttl already moved
    (tmp_path / "graph.ttl").write_text("new", encoding="utf-8")
    (tmp_path / COMMIT_NAME).write_text(staging.name + "\n", encoding="utf-8")
    with staged_exports(tmp_path):  # a build with nothing to write: only the recovery
        assert (tmp_path / "timeline.json").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "timeline.json"]
    assert not finish_interrupted_commit(tmp_path)  # nothing left to finish


def test_staging_left_by_a_killed_build_is_cleared_by_the_next(tmp_path: Path) -> None:
    (tmp_path / ".staging-dead").mkdir()
    (tmp_path / ".staging-dead" / "graph.ttl").write_text("half", encoding="utf-8")
    with staged_exports(tmp_path) as staging:
        (staging / "graph.ttl").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "new"


@pytest.mark.slow
def test_builds_killed_at_any_moment_leave_a_whole_set_of_exports(tmp_path: Path) -> None:
    """SIGKILL a rebuild at several moments: the folder always holds one whole set of
    exports (the old one or the new one, never a mix or a half-written file), and the
    next build and the cache work."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    article = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (first / "a.txt").write_text(article, encoding="utf-8")
    (second / "a.txt").write_text(article, encoding="utf-8")
    (second / "b.txt").write_text(_other_article(), encoding="utf-8")
    cache = tmp_path / "cache"
    sets = {}
    for name, folder in (("old", first), ("new", second)):
        out = tmp_path / f"ref-{name}"
        assert _build_cli(folder, out, "--no-cache").returncode == 0
        sets[name] = _export_bytes(out)
    out = tmp_path / "out"
    assert _build_cli(second, out, "--cache-dir", str(cache)).returncode == 0  # warms the cache
    # killed while starting up and extracting, then at moments inside the export phase
    # (which starts when the staging folder appears): between and during the writers
    kill_points = [(False, 0.5), (False, 1.0)] + [(True, d) for d in (0, 0.05, 0.1, 0.2, 0.4)]
    for in_exports, delay in kill_points:
        assert _build_cli(first, out, "--cache-dir", str(cache)).returncode == 0
        proc = subprocess.Popen(
            _build_args(second, out, "--cache-dir", str(cache)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if in_exports:
            _wait_for_staging(out, proc)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # a kill between two renames of the move-in leaves the commit marker: the next
        # build completes the move first (roll forward), as here
        interrupted = finish_interrupted_commit(out)
        whole = (sets["new"],) if interrupted else (sets["old"], sets["new"])
        assert _export_bytes(out) in whole, f"mixed set at {delay} s"
    rebuilt = _build_cli(second, out, "--cache-dir", str(cache))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _export_bytes(out) == sets["new"]


def _wait_for_staging(out: Path, proc: subprocess.Popen[bytes]) -> None:
    while not any(out.glob(".staging-*")):
        assert proc.poll() is None, "the build ended before its export phase was seen"
        time.sleep(0.002)


def _other_article() -> str:
    return (
        "date 2024-03-08\n\nCAIRO (AP) — Egyptian mediators met Hamas officials in Cairo on "
        "Friday to discuss a cease-fire, officials said. Israel did not send a delegation.\n"
    )


def _export_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def _build_args(inputs: Path, out: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "timelinegraph", "build", str(inputs), "--out", str(out)]
    return [*command, "-q", *extra]


def _build_cli(inputs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _build_args(inputs, out, *extra), capture_output=True, text=True, timeout=300
    )
