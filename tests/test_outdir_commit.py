"""A move of exports into --out that fails or is cut short is never left half done: an
obstacle is named before anything moves, a pending move is completed by the next build or
reader, and a move whose staged files are gone is dropped with a note."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tg_paths import SEEDS, cli_env
from timelinegraph.errors import ExportError
from timelinegraph.export.outdir import COMMIT_NAME, finish_interrupted_commit, staged_exports
from timelinegraph.pipeline import build

HOLD_LOCK = """
import sys, time
from pathlib import Path
from timelinegraph.export.outdir import output_lock
with output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _names(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir())


def test_a_folder_in_the_way_is_named_and_the_previous_set_stays_whole(tmp_path: Path) -> None:
    for name in ("graph.ttl", "timeline.json"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    (tmp_path / "report.md").mkdir()  # where the new report must go
    with (
        pytest.raises(ExportError, match=r"report\.md: a folder is in the way") as caught,
        staged_exports(tmp_path) as staging,
    ):
        for name in ("graph.ttl", "report.md", "timeline.json"):
            (staging / name).write_text("new", encoding="utf-8")
    assert "\n" not in str(caught.value)
    for name in ("graph.ttl", "timeline.json"):
        assert (tmp_path / name).read_text(encoding="utf-8") == "old"
    assert _names(tmp_path) == ["graph.ttl", "report.md", "timeline.json"]  # no marker, no staging


def test_a_pending_move_blocked_by_a_folder_moves_nothing_until_it_is_removed(
    tmp_path: Path,
) -> None:
    """A killed build's move, then a folder planted where one of its files must go: the
    next build names the folder and moves nothing (no mix); once it is gone, it completes."""
    for name in ("graph.ttl", "timeline.json"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    staging = tmp_path / ".staging-cut"
    staging.mkdir()
    for name in ("graph.ttl", "report.md", "timeline.json"):
        (staging / name).write_text("new", encoding="utf-8")
    (tmp_path / COMMIT_NAME).write_text(staging.name + "\n", encoding="utf-8")
    (tmp_path / "report.md").mkdir()
    with pytest.raises(ExportError, match=r"report\.md: a folder is in the way"):
        finish_interrupted_commit(tmp_path)
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "old"
    assert (tmp_path / COMMIT_NAME).exists() and staging.is_dir()  # kept for the next try
    (tmp_path / "report.md").rmdir()
    assert finish_interrupted_commit(tmp_path)
    assert _names(tmp_path) == ["graph.ttl", "report.md", "timeline.json"]
    assert all((tmp_path / n).read_text(encoding="utf-8") == "new" for n in _names(tmp_path))


@pytest.mark.slow
def test_a_marker_whose_staging_folder_is_gone_is_dropped_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / COMMIT_NAME).write_text(".staging-gone\n", encoding="utf-8")
    result = _cli("build", str(SEEDS), "--out", str(out), "-q", "--no-cache", "-f", "timeline")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("note: ") and result.stderr.count("\n") == 1
    assert "(.staging-gone) are gone" in result.stderr
    assert _names(out) == [".timelinegraph.lock", "timeline.json"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two real builds of different inputs: the old and the new set of exports."""
    root = tmp_path_factory.mktemp("sets")
    article = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (root / "in-old").mkdir()
    (root / "in-old" / "a.txt").write_text(article, encoding="utf-8")
    (root / "in-new").mkdir()
    (root / "in-new" / "a.txt").write_text(article, encoding="utf-8")
    (root / "in-new" / "b.txt").write_text(
        "date 2024-03-08\n\nCAIRO (AP) — Egyptian Foreign Minister Sameh Shoukry met Hamas "
        "officials in Cairo on Friday to discuss a cease-fire, officials said.\n",
        encoding="utf-8",
    )
    for name in ("old", "new"):
        build([root / f"in-{name}"], root / name)
    return root / "old", root / "new"


def _cut_short(builds: tuple[Path, Path], out: Path) -> None:
    """``out`` as a build killed in the middle of its move-in leaves it: the old set with
    graph.gexf already replaced (files move in name order), the rest of the new set staged,
    the marker naming it."""
    old, new = builds
    shutil.copytree(old, out)
    staging = out / ".staging-k1ll3d00"
    staging.mkdir()
    for path in new.iterdir():
        if path.is_file() and not path.name.startswith("."):
            shutil.copy(path, (out if path.name == "graph.gexf" else staging) / path.name)
    (out / COMMIT_NAME).write_text(staging.name + "\n", encoding="utf-8")


def _exports(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name[0] != "."}


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["view", "{out}", "--out", "{page}"],
        ["explain", "person-sameh-shoukry", "--exports", "{out}"],
        ["load", "{out}/graph.ttl", "--store", "{store}"],
    ],
)
def test_readers_complete_a_move_cut_short_before_reading(
    builds: tuple[Path, Path], tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "out"
    _cut_short(builds, out)
    where = {"out": str(out), "page": str(tmp_path / "page.html"), "store": str(tmp_path / "db")}
    result = _cli(*(part.format(**where) for part in command))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"note: {out}: completed the move of exports an interrupted build had begun\n"
    )
    assert _exports(out) == _exports(builds[1])  # the whole new set, not a mix
    assert not (out / COMMIT_NAME).exists()
    assert not any(out.glob(".staging-*"))


@pytest.mark.slow
def test_a_reader_waits_for_the_build_holding_the_lock(
    builds: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _cut_short(builds, out)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out), "2"],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        # the lock is held for 2 s more: failing at once would be exit 2, "another build"
        result = _cli("view", str(out), "--out", str(tmp_path / "page.html"))
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 0, result.stderr
    assert _exports(out) == _exports(builds[1])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timelinegraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=cli_env(),
    )
