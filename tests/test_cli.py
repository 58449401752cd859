"""The command line, run as a user runs it: real subprocess, real model, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tg_paths import ROOT, SEEDS


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run(
        [sys.executable, "-m", "timelinegraph", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_help_explains_with_examples():
    result = run("--help")
    assert result.returncode == 0
    assert "Example: timelinegraph build seeds/ --out exports/" in result.stdout
    build_help = run("build", "--help").stdout
    for option in ("--out", "--format", "--jobs", "--model", "--default-date"):
        assert option in build_help
    assert "Example:" in build_help


@pytest.mark.slow
def test_build_subset_and_summary(tmp_path):
    result = run("build", str(SEEDS), "--out", str(tmp_path), "--format", "timeline", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 1 article (0 skipped): ")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "timeline.json"
    ]
    assert json.loads((tmp_path / "timeline.json").read_text())["events"]


@pytest.mark.slow
def test_bad_article_skipped_with_one_line_and_exit_1(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("date 2024-01-01 Israel struck Gaza on Monday.")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00garbage\xff")
    (corpus / "nodate.txt").write_text("Hamas said Monday.")
    result = run("build", str(corpus), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(lines) == 2 and any("nodate.txt: no publication date" in x for x in lines)
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.slow
def test_fatal_errors_are_one_line_exit_2(tmp_path):
    missing = run("build", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert missing.returncode == 2
    assert missing.stderr.strip().startswith("error:") and "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("build", str(empty), "--out", str(tmp_path / "o")).returncode == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    unwritable = run("build", str(SEEDS), "--out", str(blocker / "sub"))
    assert unwritable.returncode == 2 and "Traceback" not in unwritable.stderr
    bad_format = run("build", str(SEEDS), "--out", str(tmp_path / "o"), "--format", "pdf")
    assert bad_format.returncode == 2 and "valid:" in bad_format.stderr


@pytest.mark.slow
def test_default_date_option(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "nodate.txt").write_text("Hamas said Monday it would return to the talks.")
    result = run(
        "build", str(corpus), "--out", str(tmp_path / "o"), "--default-date", "2024-03-07", "-q"
    )
    assert result.returncode == 0, result.stderr
