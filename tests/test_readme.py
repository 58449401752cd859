"""The README's quickstart stays true: CI runs exactly its test command."""

from __future__ import annotations

import re

from tg_paths import ROOT


def quickstart_commands() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quickstart", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_quickstart_has_build_and_test_commands():
    build, test = quickstart_commands()
    assert "timelinegraph build seeds/ --out exports/" in build
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    _, test = quickstart_commands()
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_command_is_documented_in_the_readme():
    from timelinegraph.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands]
    assert sorted(names) == [
        "build", "eval", "explain", "extract", "load", "query", "timeline", "view"
    ]  # fmt: skip
    for name in names:
        assert f"timelinegraph {name}" in readme, f"README does not show `timelinegraph {name}`"
