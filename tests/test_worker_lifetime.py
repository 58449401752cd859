"""Extraction workers (``build --jobs N``) never outlive their build: killed or stopped, the
build takes its workers and the multiprocessing resource tracker with it, so nothing keeps
running, holding memory or holding the pipe a shell waits on."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tg_paths import SEEDS, cli_env

pytestmark = [
    pytest.mark.slow,  # starts and kills builds with worker processes
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
]

ARTICLES = 120  # enough that two workers are still extracting when the build is stopped
LOADED_KB = 150_000  # a worker's resident memory once the spaCy model is loaded


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    article = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(ARTICLES):
        (folder / f"a{i:03}.txt").write_text(article, encoding="utf-8")
    return folder


@pytest.fixture
def reaper() -> Iterator[set[int]]:
    """Pids the test saw; whatever of them still runs at the end is killed (only those)."""
    seen: set[int] = set()
    yield seen
    for pid in seen:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_killed_build_takes_its_workers_and_ends_its_pipeline(
    corpus: Path, tmp_path: Path, reaper: set[int]
) -> None:
    command = shlex.join(_build_command(corpus, tmp_path / "out"))
    shell = subprocess.Popen(
        ["sh", "-c", f"{command} | cat"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    )
    reaper.add(shell.pid)
    build = _wait_for(lambda: _child_build(shell.pid, reaper), "the build to start")
    family = _wait_for_loaded_workers(build, reaper)
    os.kill(build, signal.SIGKILL)
    # the shell's pipeline ends once nothing holds the pipe: the build's workers and the
    # resource tracker must not (they held it for good before)
    shell.communicate(timeout=30)
    _wait_for(lambda: not any(_alive(pid) for pid in family), "the workers to die", timeout=10)


def test_sigterm_stops_the_build_like_ctrl_c(
    corpus: Path, tmp_path: Path, reaper: set[int]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    proc = subprocess.Popen(
        _build_command(corpus, out),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    reaper.add(proc.pid)
    family = _wait_for_loaded_workers(proc.pid, reaper)
    proc.send_signal(signal.SIGTERM)  # to the build alone, as kill(1) or a supervisor sends it
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 143, stderr
    assert stderr == f"terminated: the exports in {out} are as they were\n"
    assert sorted(p.name for p in out.iterdir()) == [".timelinegraph.lock", "graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    _wait_for(lambda: not any(_alive(pid) for pid in family), "the workers to end", timeout=10)


def _build_command(corpus: Path, out: Path) -> list[str]:
    command = [sys.executable, "-m", "timelinegraph", "build", str(corpus), "--out", str(out)]
    return [*command, "--jobs", "2", "--no-cache", "-q"]


def _wait_for_loaded_workers(build: int, reaper: set[int]) -> set[int]:
    """The build's descendants (two workers, the resource tracker) once both workers have
    loaded the model and are extracting."""

    def loaded() -> set[int] | None:
        family = _descendants(build)
        reaper.update(family)
        workers = [pid for pid in family if _rss_kb(pid) > LOADED_KB]
        return family if len(workers) >= 2 else None

    family = _wait_for(loaded, "two workers with the model loaded", timeout=120)
    time.sleep(1)  # into the extraction
    family = family | _descendants(build)
    reaper.update(family)
    return family


def _wait_for(condition, what: str, timeout: float = 60):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)
    return result


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in "ZX"  # a zombie has stopped running


def _descendants(root: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) and stat[0] not in "ZX":
            parents[int(entry.name)] = stat[1]
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _child_build(shell: int, reaper: set[int]) -> int | None:
    """The pid of the build the shell started (beside ``cat``), once it runs."""
    children = _descendants(shell)
    reaper.update(children)  # cat too
    for pid in children:
        stat = _stat(pid)
        try:
            if (
                stat
                and stat[1] == shell
                and b"timelinegraph" in Path(f"/proc/{pid}/cmdline").read_bytes()
            ):
                return pid
        except FileNotFoundError:
            continue
    return None


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def test_a_worker_beside_the_build_gives_its_result():
    from timelinegraph.workers import in_a_worker

    with in_a_worker(abs, -3, what="a test") as done:
        assert done.result(timeout=60) == 3


def test_an_error_here_stops_the_worker_beside_it_at_once():
    from timelinegraph.workers import in_a_worker

    started = time.monotonic()
    with (
        pytest.raises(KeyError, match="here"),
        in_a_worker(time.sleep, 60, what="a test") as done,
    ):
        time.sleep(1)  # the worker is sleeping by now
        raise KeyError("here")
    assert time.monotonic() - started < 20  # not the worker's 60 s
    assert done.cancelled() or done.exception(timeout=5) is not None
