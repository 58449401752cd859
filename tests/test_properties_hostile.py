"""Property-based tests (Hypothesis) of the reader and build contract, over everything a
hostile input controls besides the article text (generators in ``fuzz_articles``):

- file names drawn from any code point (lone surrogates written as the undecodable bytes
  they stand for, newlines, controls, bidi marks, names up to the 255-byte limit, names
  alike after normalisation) -> the file's articles, or skip lines that print on one line
  and name the file as ``fuzz_articles.shown`` says;
- every metadata field (id, title, url, source, authors, date, text) drawn from any code
  point, huge, ``null`` or of the wrong JSON type -> the articles whose fields are of the
  documented types, in valid Unicode and within the limits, and one skip for each other;
- TimeML and CAT XML, deep (10,000 to 100,000 levels), wide (100,000 siblings), with huge
  or numerous attributes, as character references, or malformed -> the document's text
  exactly, or one skip;
- ``--out`` holding files, folders, links, hard links and FIFOs where the exports, the lock,
  the commit marker and staging folders go, or being a link, a file, inside the input ->
  the build writes its exports (regular files, the good article in them) or refuses in one
  line; never any other exception, and nothing outside ``--out`` is written, truncated,
  moved or followed (``tree_digest`` of the user's folder the planted links point at, and
  of the input, before and after).

Deterministic (``derandomize=True``), about a minute in all. The same generators drive the
10,000-input campaign, ``benchmarks/fuzz_campaign.py``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fuzz_articles import (
    COLLIDING,
    EXPORT_NAMES,
    LOCK,
    OUT_STATES,
    GeneratedFile,
    HypothesisPicker,
    OutState,
    file_name,
    generated_file,
    json_records,
    make_sentinel,
    shown,
    tree_digest,
    xml_file,
)
from tg_paths import cli_env
from timelinegraph.errors import TimelineGraphError
from timelinegraph.ingest import read_articles
from timelinegraph.ingest.unicode import escape_surrogates
from timelinegraph.limits import MAX_AUTHORS, MAX_ID_CHARS, MAX_METADATA_CHARS
from timelinegraph.models import Article
from timelinegraph.pipeline import build
from timelinegraph.terminal import printable

pytestmark = pytest.mark.slow  # hypothesis through ingest and the command line

_SLUG = re.compile(r"^[A-Za-z0-9._-]+$")
# "a.jsonl:3: ...", "a.json[1]: ...", "a.json [its-id]: ..."
_WHERE = re.compile(r"^(?::\d+|\[\d+\]| \[[A-Za-z0-9._-]+\])?: \S")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
GOOD = {"id": "good", "text": "Hamas and Israel met in Cairo on Monday, officials said."}


def fast(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def cli_line(text: str) -> str:
    """A line as the command line prints it (cli._echo with one_line)."""
    return printable(escape_surrogates(text), one_line=True)


def check_skip_lines(skipped: list[object], path: Path) -> None:
    """Each skip prints on one line as 'skipped <the file, shown>: problem'."""
    name = shown(str(path))
    for skip in skipped:
        line = cli_line(f"skipped {skip}")
        assert "\n" not in line and "\r" not in line, line
        assert line.startswith(f"skipped {name}"), (line, name)
        assert _WHERE.match(line[len(f"skipped {name}") :]), line


def check_article(article: Article) -> None:
    fields = [article.text, article.title, article.url, article.source, article.path]
    for value in [*fields, article.dateline, article.id, *article.authors]:
        assert value is None or not _LONE_SURROGATE.search(value), f"not valid Unicode: {value!r}"
    assert _SLUG.match(article.id) and len(article.id) <= MAX_ID_CHARS + 9, article.id
    assert article.title is None or len(article.title) <= MAX_METADATA_CHARS["title"]
    assert article.source is None or len(article.source) <= MAX_METADATA_CHARS["source"]
    assert article.url is None or len(article.url) <= MAX_METADATA_CHARS["url"]
    assert len(article.authors) <= MAX_AUTHORS
    assert all(len(a) <= MAX_METADATA_CHARS["author"] for a in article.authors)


def write(folder: Path, generated: GeneratedFile) -> Path:
    path = folder / generated.name
    path.write_bytes(generated.data)  # the name fsencodes: fuzz_articles.file_name
    return path


# --------------------------------------------------------------------------- file names


@fast(300)
@given(data=st.data())
def test_any_file_name_gives_its_articles_or_skips_naming_it(data: st.DataObject) -> None:
    p = HypothesisPicker(data.draw)
    generated = generated_file(p, "a", 4, name=lambda suffix: file_name(p, "a", suffix))
    event(generated.kind)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), generated)
        result = read_articles([Path(folder)])
    assert len(result.articles) == generated.articles, (generated.kind, result.skipped)
    assert len(result.skipped) == generated.skipped, (generated.kind, result.skipped)
    check_skip_lines(result.skipped, path)
    for article in result.articles:
        check_article(article)
        assert article.path == escape_surrogates(f"{Path(folder).name}/{path.name}")
    for note in result.notes:
        assert "\n" not in cli_line(note)


@pytest.mark.parametrize("group", range(len(COLLIDING)))
def test_names_alike_after_normalisation_are_each_read(tmp_path: Path, group: int) -> None:
    names = list(dict.fromkeys(COLLIDING[group]))
    for i, stem in enumerate(names):
        suffix = [".txt", ".TXT", ".Txt"][i % 3]
        (tmp_path / f"{stem}{suffix}").write_text(
            f"date 2024-03-0{i + 1}\nHamas met Israel in Cairo, story {i}.", encoding="utf-8"
        )
    result = read_articles([tmp_path])
    assert result.skipped == []
    assert sorted(a.text for a in result.articles) == sorted(
        f"Hamas met Israel in Cairo, story {i}." for i in range(len(names))
    )
    assert len({a.id for a in result.articles}) == len(names)
    assert len({a.path for a in result.articles}) == len(names)


def test_hostile_file_names_print_one_line_each_through_the_command_line(
    tmp_path: Path,
) -> None:
    """The whole printing chain, as a user sees it: every skipped file named as ``shown``
    says, on one line; the good files with such names built."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    middles = ["\n", "\x1b[2J", "\u202e", "\u2028", ": ", "\udce9\udcff", "\x85", "é" * 120]
    bad, good = [], []
    for i, middle in enumerate(middles):
        broken = os.fsdecode(os.fsencode(f"b{i}{middle}")[:240] + b".json")
        (inputs / broken).write_bytes(b"{broken")
        bad.append(inputs / broken)
        fine = os.fsdecode(os.fsencode(f"g{i}{middle}")[:240] + b".txt")
        (inputs / fine).write_text(f"date 2024-03-07\nHamas met Israel, story {i}.", "utf-8")
        good.append(fine)
    command = [sys.executable, "-m", "timelinegraph", "build", str(inputs), "--no-cache", "-q"]
    result = subprocess.run(
        [*command, "--out", str(tmp_path / "out"), "--format", "timeline"],
        capture_output=True,
        text=True,  # strictly UTF-8: an undecodable byte printed would fail here
        timeout=300,
        env=cli_env(),
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    expected = "Expecting property name enclosed in double quotes"
    assert sorted(lines) == sorted(
        f"skipped {shown(str(path))}: invalid JSON at line 1: {expected}" for path in bad
    )
    assert f"Built {len(good)} articles ({len(bad)} skipped)" in result.stdout
    timeline = json.loads((tmp_path / "out" / "timeline.json").read_text(encoding="utf-8"))
    quoted = {s["sentence"] for e in timeline["events"] for s in e["timelinegraph"]["sources"]}
    assert {f"Hamas met Israel, story {i}." for i in range(len(good))} <= quoted


# --------------------------------------------------------------------------- metadata


@fast(300)
@given(items=st.lists(json_records(), min_size=1, max_size=3), jsonl=st.booleans())
def test_every_metadata_field_any_value(items: list[Any], jsonl: bool) -> None:
    if jsonl:
        body = "\n".join(json.dumps(item.json_object()) for item in items)
    else:
        objects = [item.json_object() for item in items]
        body = json.dumps(objects[0] if len(objects) == 1 else objects)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("a.jsonl" if jsonl else "a.json")
        path.write_text(body, encoding="utf-8")
        result = read_articles([path])
    good = [item for item in items if item.ok]
    assert len(result.articles) == len(good), result.skipped
    assert len(result.skipped) == len(items) - len(good), result.skipped
    check_skip_lines(result.skipped, path)
    for article, item in zip(result.articles, good, strict=True):
        check_article(article)
        assert article.published == item.published
        title = item.raw.get("title", item.title)
        if isinstance(title, str):
            cut = _LONE_SURROGATE.sub("\ufffd", json.loads(json.dumps(title)))
            assert article.title == cut[: MAX_METADATA_CHARS["title"]]
        elif title is None:
            assert article.title is None


# --------------------------------------------------------------------------- XML


def _check_xml(generated: GeneratedFile, folder: Path) -> None:
    path = write(folder, generated)
    result = read_articles([path])
    assert len(result.articles) == generated.articles, (generated.kind, result.skipped)
    assert len(result.skipped) == generated.skipped, (generated.kind, result.articles)
    check_skip_lines(result.skipped, path)
    for article, record in zip(result.articles, generated.records, strict=True):
        check_article(article)
        assert article.text == record.text
        assert article.published == record.published
        if generated.kind.startswith("cat") or record.title is not None:
            assert article.title == record.title


@fast(100)
@given(data=st.data())
def test_deep_wide_and_malformed_xml_gives_its_text_or_one_skip(data: st.DataObject) -> None:
    p = HypothesisPicker(data.draw)
    with tempfile.TemporaryDirectory() as folder:
        generated = xml_file(p, "doc")
        event(generated.kind.split("-", 1)[1])
        _check_xml(generated, Path(folder))


class _Largest:
    """A Picker at the generators' extremes (100,000 levels, 100,000 siblings, 4 MB
    attributes): the named options where offered, else the first; the largest integer."""

    def __init__(self, *wanted: str) -> None:
        self.wanted = wanted

    def choice(self, options):
        return next((w for w in self.wanted if w in options), options[0])

    def integer(self, low: int, high: int) -> int:
        return high

    def text(self, max_size: int) -> str:
        return ""


@pytest.mark.parametrize("shape", ["deep", "wide", "huge-attribute", "many-attributes"])
@pytest.mark.parametrize("kind", ["timeml", "cat"])
def test_xml_at_the_generators_extremes(tmp_path: Path, kind: str, shape: str) -> None:
    generated = xml_file(_Largest(kind, shape), "doc")
    assert generated.kind == f"{kind}-{shape}" and generated.articles == 1
    _check_xml(generated, tmp_path)


# --------------------------------------------------------------------------- --out


def _run_build(root: Path, states: list[OutState]) -> None:
    """Plant ``states``, build one good article (and one broken file) into ``--out``, and
    check the outcome and that nothing outside ``--out`` changed."""
    sentinel = make_sentinel(root / "sentinel")
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "good.json").write_text(json.dumps({**GOOD, "date": "2024-03-07"}), "utf-8")
    (inputs / "bad.json").write_bytes(b"{broken")
    out = root / "out"
    for state in states:
        out = state.plant(root, root / "out", sentinel)
    # what the build may change: --out (its target when a link), or only its own names in it
    # when --out is the input folder
    if out == inputs:
        leave_out = [out / name for name in (*EXPORT_NAMES, LOCK)]
    else:
        leave_out = [root / "out", root / "real-out", out]
    before = tree_digest(root, leave_out=leave_out)
    refused = [s for s in states if s.outcome == "refused"]
    try:
        summary = build([inputs], out, formats=["turtle", "timeline", "graphml"])
    except TimelineGraphError as exc:  # anything else is a crash: the test fails
        message = str(exc)
        assert refused, f"refused: {message}"
        assert "\n" not in message and any(s.needle in message for s in refused), message
    else:
        assert not refused, f"built despite {[s.name for s in refused]}"
        assert summary.articles == 1 and len(summary.skipped) == 1
        for name in ("graph.ttl", "timeline.json", "graph.graphml"):
            written = out / name
            assert written.is_file() and not written.is_symlink(), name
            assert os.stat(written).st_nlink == 1, f"{name} still shares the user's file"
        timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
        sources = [s for e in timeline["events"] for s in e["timelinegraph"]["sources"]]
        assert {s["article_id"] for s in sources} == {"good"}
    after = tree_digest(root, leave_out=leave_out)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"changed outside --out: {changed}"


@pytest.mark.parametrize("state", OUT_STATES, ids=[s.name for s in OUT_STATES])
def test_each_out_state_builds_or_refuses_and_touches_nothing_outside(
    tmp_path: Path, state: OutState
) -> None:
    _run_build(tmp_path, [state])


@functools.cache
def _planted_names(state: OutState) -> frozenset[str]:
    """The names ``state`` plants in ``--out``."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        state.plant(root, root / "out", make_sentinel(root / "sentinel"))
        names = frozenset(p.name for p in (root / "out").iterdir())
        for path in (root / "out").iterdir():
            if path.is_file() and not path.is_symlink():
                path.chmod(0o644)
    return names


def _apart(states: list[OutState]) -> bool:
    """No two of ``states`` plant the same name."""
    names = [_planted_names(s) for s in states]
    return sum(map(len, names)) == len(frozenset().union(*names))


inside_states = st.lists(
    st.sampled_from([s for s in OUT_STATES if s.inside]), min_size=2, max_size=4, unique=True
).filter(_apart)


@fast(40)
@given(states=inside_states)
def test_out_states_combined_build_or_refuse_and_touch_nothing_outside(
    states: list[OutState],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run_build(Path(folder), states)
