"""Every example the README shows runs as written and prints what the README says it prints.

The README's examples are its fenced blocks of ``$ timelinegraph ...`` lines, each followed by
the output it shows (if any), and its ``python`` blocks, run as they are. Each block runs in a
working folder laid out as the repository (``seeds/``, and ``../shared`` when the shared
corpora are beside the repository), with ``exports/`` built and loaded as the README's own
order leaves it, and ``out/`` built from the two articles of ``tests/test_explain.py`` that
the ``explain`` example names. Shown output must match line by line, except timings
(``1.6 s``) and lines the README elides with ``...``.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from test_explain import ARTICLES
from tg_paths import ROOT
from timelinegraph.cli import app

pytestmark = pytest.mark.slow  # builds the seed twice and runs eval on MEANTIME

SHARED = ROOT.parent / "shared"
_TIMING = re.compile(r"\b\d[\d,.]* s\b")

runner = CliRunner()


@dataclass(frozen=True)
class Example:
    line: int  # of the command in README.md
    command: str
    shown: tuple[str, ...]  # the output the README shows under it


def readme_examples() -> list[Example]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    examples: list[Example] = []
    inside = False
    current: tuple[int, str] | None = None
    shown: list[str] = []
    for number, text in enumerate(lines, 1):
        if text.startswith("```"):
            if current:
                examples.append(Example(current[0], current[1], tuple(shown)))
            inside, current, shown = not inside, None, []
        elif inside and text.startswith("$ "):
            if current:
                examples.append(Example(current[0], current[1], tuple(shown)))
            current, shown = (number, text[2:]), []
        elif inside and current:
            shown.append(text)
    return examples


def readme_python() -> list[tuple[int, str]]:
    """The README's ```python blocks: (line of the fence, code)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for match in re.finditer(r"^```python\n(.*?)^```", text, flags=re.M | re.S):
        blocks.append((text.count("\n", 0, match.start()) + 1, match.group(1)))
    return blocks


def test_the_readme_has_examples_of_every_command() -> None:
    names = {shlex.split(e.command)[1] for e in readme_examples()}
    assert names >= {"build", "explain", "timeline", "load", "query", "view", "extract", "eval"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out as the repository, with exports/ built and loaded and out/ built."""
    root = tmp_path_factory.mktemp("readme")
    repo = root / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "seeds", repo / "seeds")
    if SHARED.is_dir():
        (root / "shared").symlink_to(SHARED)
    articles = root / "explain-articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    for args in (  # no cache: the README's build shows a first build's summary
        ["build", str(repo / "seeds"), "--out", str(repo / "exports"), "-q", "--no-cache"],
        ["load", str(repo / "exports")],
        ["build", str(articles), "--out", str(repo / "out"), "-q", "--no-cache"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return repo


def _same(shown: str, printed: str) -> bool:
    return _TIMING.sub("<time>", shown.rstrip()) == _TIMING.sub("<time>", printed.rstrip())


def _matches(shown: tuple[str, ...], printed: list[str]) -> str | None:
    """None if ``printed`` is what ``shown`` shows (``...`` stands for any lines), else why."""
    at = 0
    for n, line in enumerate(shown):
        if line.strip() == "...":
            following = next((s for s in shown[n + 1 :] if s.strip() != "..."), None)
            while at < len(printed) and (following is None or not _same(following, printed[at])):
                at += 1
            continue
        if at >= len(printed):
            return f"README shows {line!r}, the command printed nothing more"
        if not _same(line, printed[at]):
            return f"README shows {line!r}, the command printed {printed[at]!r}"
        at += 1
    if at < len(printed) and shown and shown[-1].strip() != "...":
        return f"the command printed more than the README shows: {printed[at]!r}"
    return None


@pytest.mark.parametrize("example", readme_examples(), ids=lambda e: f"line{e.line}")
def test_readme_example_runs_as_shown(
    example: Example, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = shlex.split(example.command)
    assert args[0] == "timelinegraph", example.command
    if any(a.startswith("../shared") for a in args) and not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not beside the repository (the shared corpora)")
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("COLUMNS", "200")  # the README's lines are not wrapped
    monkeypatch.setenv("XDG_CACHE_HOME", str(workspace.parent / "cache"))
    result = runner.invoke(app, args[1:])
    printed = result.output.splitlines()  # stdout and stderr as a terminal shows them
    expected_error = any(line.startswith("error: ") for line in example.shown)
    assert (result.exit_code != 0) == expected_error, (example.command, result.output)
    problem = _matches(example.shown, printed)
    assert problem is None, f"README.md:{example.line} `{example.command}`: {problem}"


@pytest.mark.parametrize(
    "line,code", readme_python(), ids=lambda v: f"line{v}" if isinstance(v, int) else ""
)
def test_readme_python_runs_as_written(
    line: int, code: str, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    exec(compile(code, f"README.md:{line}", "exec"), {"__name__": "readme"})
