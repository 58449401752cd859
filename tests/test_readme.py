"""The README's quickstart stays true: CI runs exactly its test command."""

from __future__ import annotations

import re

from tg_paths import ROOT


def quickstart_commands() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quickstart", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_quickstart_has_build_test_and_quick_test_commands():
    build, test, quick = quickstart_commands()
    assert "timelinegraph build seeds/ --out exports/" in build
    for check in ("ruff check .", "ruff format --check .", "mypy", "pytest"):
        assert f".venv/bin/{check}" in test
    assert quick == '.venv/bin/pytest -m "not slow"'


def test_ci_runs_the_readme_test_command():
    _, test, _ = quickstart_commands()
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_quick_suite_leaves_out_a_registered_marker():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^\s*"slow: ', pyproject, re.MULTILINE), "the slow marker is not registered"


def test_every_command_is_documented_in_the_readme():
    from timelinegraph.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands]
    assert sorted(names) == [
        "build", "eval", "explain", "extract", "load", "query", "timeline", "view"
    ]  # fmt: skip
    for name in names:
        assert f"timelinegraph {name}" in readme, f"README does not show `timelinegraph {name}`"
