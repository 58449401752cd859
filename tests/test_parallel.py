"""--jobs N: extraction, the merge's parts and the exports written from the model alone, in
worker processes, give the same bytes as one process."""

from __future__ import annotations

import json
import os

import pytest

from tg_paths import SEEDS
from timelinegraph.pipeline import AUTO_JOBS_MIN_ARTICLES, auto_jobs, build


@pytest.mark.slow
def test_two_processes_equal_one(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (corpus / "seed.txt").write_text(seed, encoding="utf-8")
    body = seed.split("2024-03-07", 1)[1]
    rows = [{"id": f"copy-{i}", "date": f"2024-03-0{i + 1}", "text": body} for i in range(3)]
    (corpus / "copies.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    one = build([corpus], tmp_path / "one", jobs=1)
    two = build([corpus], tmp_path / "two", jobs=2)
    assert one.articles == two.articles == 4
    files = _exports(tmp_path / "one")
    assert len(files) == 10  # every default format
    assert _exports(tmp_path / "two") == files
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def _exports(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_jobs_zero_uses_every_core_only_when_there_is_enough_to_extract(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2}, raising=False)
    assert auto_jobs(AUTO_JOBS_MIN_ARTICLES - 1) == 1
    assert auto_jobs(AUTO_JOBS_MIN_ARTICLES) == 3


def test_the_cli_defaults_to_jobs_zero_and_refuses_negative(tmp_path):
    from typer.testing import CliRunner

    from timelinegraph.cli import app

    runner = CliRunner()
    done = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "-q", "--no-cache"])
    assert done.exit_code == 0, done.output
    refused = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--jobs", "-1"])
    assert refused.exit_code == 2
