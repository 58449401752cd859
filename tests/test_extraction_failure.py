"""An article the extractor fails on (a bug no input has found yet) is reported as a skipped
article, one line naming it, and the rest of the folder still builds. The fault is injected
into the real extractor; everything else (spaCy, the build, the cache, the CLI) is real."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import timelinegraph.extract as extract_module
from timelinegraph.cli import app

GOOD = "Israel struck Rafah on Monday, officials said. Hamas condemned the strike."
BAD = "The ministry announced on Tuesday that talks resumed in Cairo. BREAKS-THE-RULES"


@pytest.fixture
def broken_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    real = extract_module.extract_doc

    def extract_doc(article, doc):
        if "BREAKS-THE-RULES" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, doc)

    monkeypatch.setattr(extract_module, "extract_doc", extract_doc)


def _folder(tmp_path: Path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _build(*args: str):
    return CliRunner().invoke(app, ["build", *args, "--default-date", "2024-03-07"])


def test_the_failing_article_is_skipped_and_named_and_the_rest_build(tmp_path, broken_rules):
    folder = _folder(
        tmp_path, {"a.txt": GOOD, "b.txt": BAD, "c.txt": GOOD.replace("Monday", "Sunday")}
    )
    out = tmp_path / "out"
    result = _build(str(folder), "-o", str(out), "--no-cache", "-q")
    assert result.exit_code == 1, result.output  # built, with a skip
    assert "Traceback" not in result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("skipped ")]
    assert "b.txt" in line and "extraction failed (RecursionError" in line
    assert "This is a bug in timelinegraph" in line
    assert "Built 2 articles (1 skipped)" in result.output
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Rafah" in turtle and "Cairo" not in turtle


def test_a_failed_extraction_is_not_cached(tmp_path, broken_rules, monkeypatch):
    folder = _folder(tmp_path, {"a.txt": GOOD, "b.txt": BAD})
    cache = tmp_path / "cache"
    first = _build(str(folder), "-o", str(tmp_path / "one"), "--cache-dir", str(cache), "-q")
    assert first.exit_code == 1, first.output
    monkeypatch.undo()  # the bug is fixed: the next build extracts the article again
    second = _build(str(folder), "-o", str(tmp_path / "two"), "--cache-dir", str(cache), "-q")
    assert second.exit_code == 0, second.output
    assert "(1 extracted, 1 from cache)" in second.output
    assert "Cairo" in (tmp_path / "two" / "graph.ttl").read_text(encoding="utf-8")


def test_when_every_article_fails_nothing_is_written(tmp_path, broken_rules):
    folder = _folder(tmp_path, {"b.txt": BAD})
    out = tmp_path / "out"
    result = _build(str(folder), "-o", str(out), "--no-cache", "-q")
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: extraction failed on every article (")
    assert not (out / "graph.ttl").exists()


def test_the_extract_command_skips_it_too(tmp_path, broken_rules):
    folder = _folder(tmp_path, {"a.txt": GOOD, "b.txt": BAD})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["extract", str(folder), "-o", str(out), "--default-date", "2024-03-07", "-q"]
    )
    assert result.exit_code == 1, result.output
    assert any("b.txt" in x and "extraction failed" in x for x in result.output.splitlines())
    assert sorted(p.name for p in out.iterdir()) == ["a.tml"]
