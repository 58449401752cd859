"""``timelinegraph extract``: output naming, per-article files, skipped inputs, exit codes.

Library tests call ``extract_files`` in-process (it reuses the ``nlp`` fixture's cached
pipeline); CLI tests run the real command in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import timelinegraph.ingest as ingest
from test_cli import run
from tg_paths import SEEDS
from timelinegraph.errors import InputError, TimelineGraphError
from timelinegraph.export.timeml import build_timeml, write_timeml
from timelinegraph.extract import extract
from timelinegraph.extract_job import extract_files, output_name
from timelinegraph.models import ArticleExtraction

SEED = sorted(SEEDS.glob("*.txt"))[0]

TE3_INPUT = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">
<DOCID>AP_20130322</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" temporalFunction="false" \
functionInDocument="CREATION_TIME">2013-03-22</TIMEX3></DCT>
<TITLE>Talks resume &amp; stall</TITLE>
<TEXT>
Negotiators met on Monday in Cairo &amp; said the talks would resume next week.
</TEXT>
</TimeML>
"""


def _text(path: Path) -> str:
    return "".join(ET.parse(path).getroot().find("TEXT").itertext())


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("AP_20130322.tml.TE3input", "timeml", "AP_20130322.tml"),
        ("AP_20130322.tml.te3INPUT", "timeml", "AP_20130322.tml"),
        ("AP_20130322.tml.TE3input", "json", "AP_20130322.json"),
        ("foo.txt", "timeml", "foo.tml"),
        ("foo.xml", "timeml", "foo.tml"),
        ("foo.TML", "timeml", "foo.tml"),
        ("foo.txt", "json", "foo.json"),
        ("wsj_0001.v2.txt", "timeml", "wsj_0001.v2.tml"),
        ("noext", "JSON", "noext.json"),
        ("../../etc/foo.txt", "timeml", "foo.tml"),
        (".TE3input", "timeml", "article.tml"),
    ],
)
def test_output_name(name: str, fmt: str, expected: str) -> None:
    assert output_name(Path(name), fmt) == expected


def test_unknown_format_lists_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(TimelineGraphError, match=r"unknown format 'pdf' \(valid: json, timeml\)"):
        extract_files([SEED], tmp_path, fmt="pdf")
    with pytest.raises(TimelineGraphError, match="valid: json, timeml"):
        output_name(Path("a.txt"), "xml")
    assert not any(tmp_path.iterdir())


def test_clashing_names_get_deterministic_suffixes(nlp, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    for folder, name in (("a", "foo.txt"), ("b", "FOO.TXT"), ("b", "foo.txt"), ("c", "foo-2.txt")):
        (corpus / folder).mkdir(parents=True, exist_ok=True)
        (corpus / folder / name).write_text(f"date 2024-03-07 Israel struck {folder} on Monday.")
    summary = extract_files([corpus], tmp_path / "out")
    # inputs in sorted path order: a/foo.txt, b/FOO.TXT, b/foo.txt, c/foo-2.txt; clashes are
    # case-insensitive so the files stay apart on macOS and Windows too
    names = [p.name for p in summary.written]
    assert names == ["foo.tml", "FOO-2.tml", "foo-3.tml", "foo-2-2.tml"]
    assert all(p.parent == tmp_path / "out" for p in summary.written)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    again = extract_files([corpus], tmp_path / "again")
    assert [p.name for p in again.written] == names
    assert all(
        (tmp_path / "again" / n).read_bytes() == (tmp_path / "out" / n).read_bytes() for n in names
    )


def test_jsonl_articles_named_by_id_bad_line_skipped(nlp, tmp_path: Path) -> None:
    records = [
        {"id": "first", "date": "2024-03-07", "text": "Israel struck Gaza on Monday."},
        {"id": "../../escape", "date": "2024-03-07", "text": "Hamas said it would return."},
    ]
    lines = [json.dumps(r) for r in records] + ["{not json"]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    summary = extract_files([tmp_path / "batch.jsonl"], out, fmt="json")
    assert sorted(p.name for p in out.iterdir()) == ["escape.json", "first.json"]
    assert summary.articles == 2 and len(summary.skipped) == 1
    assert "batch.jsonl:3" in str(summary.skipped[0])
    extraction = ArticleExtraction.model_validate_json((out / "first.json").read_text())
    assert extraction.article.id == "first" and extraction.article.path == "batch.jsonl"
    assert summary.events == sum(
        len(ArticleExtraction.model_validate_json(p.read_text()).events) for p in out.iterdir()
    )


def test_extract_accepts_what_build_accepts_lone_surrogates_included(nlp, tmp_path: Path) -> None:
    # a JSON "\\ud800" escape: build read it, extract used to skip it ("cannot write as UTF-8")
    record = {"id": "lone", "date": "2024-03-07", "title": "Strike \ud800"}
    record["text"] = "Israel struck Hamas \ud800 in Rafah on Monday."
    (tmp_path / "lone.json").write_text(json.dumps(record), encoding="utf-8")
    read = ingest.read_articles([tmp_path / "lone.json"])
    for fmt in ("json", "timeml"):
        summary = extract_files([tmp_path / "lone.json"], tmp_path / fmt, fmt=fmt)
        assert (summary.articles, summary.skipped) == (len(read.articles), read.skipped) == (1, [])
    extraction = ArticleExtraction.model_validate_json(
        (tmp_path / "json" / "lone.json").read_text()
    )
    assert extraction.article.text == "Israel struck Hamas \ufffd in Rafah on Monday."
    assert extraction.article.title == "Strike \ufffd"
    assert "Israel struck Hamas \ufffd in Rafah" in _text(tmp_path / "timeml" / "lone.tml")


def test_no_readable_input_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("Hamas said Monday.")  # no date
    with pytest.raises(InputError, match="no readable articles"):
        extract_files([tmp_path], tmp_path / "out")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match=r"no article files \(\.txt/"):
        extract_files([empty], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_our_timeml_reads_back_with_the_project_reader(nlp, tmp_path: Path) -> None:
    if not hasattr(ingest, "read_annotated"):
        pytest.skip("TimeML reader not available yet (timelinegraph.ingest has no read_annotated)")
    [article] = list(ingest.read_file(SEED))
    extraction = extract(article, nlp)
    document = ingest.read_annotated(write_timeml(extraction, tmp_path / "seed.tml"))
    assert build_timeml(extraction).dropped == ()
    assert document.article.text == article.text
    assert document.article.published == article.published
    assert sorted((t.id, t.start, t.end, t.value) for t in document.timexes) == sorted(
        (t.id, t.start, t.end, t.value) for t in extraction.times
    )
    # TimeML holds the TimeML mentions, each on its head word ("went", not "went off")
    assert sorted((e.id, e.start, e.end, e.tense) for e in document.events) == sorted(
        (e.id, *e.head_span, e.tense) for e in extraction.events if e.timeml
    )


# --------------------------------------------------------------------------- the command


def test_extract_help() -> None:
    result = run("extract", "--help")
    assert result.returncode == 0
    for option in ("--out", "--format", "--model", "--default-date", "--quiet"):
        assert option in result.stdout
    assert "Example: timelinegraph extract" in result.stdout
    assert "extract" in run("--help").stdout


@pytest.mark.slow
def test_cli_writes_timeml_for_a_txt_seed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("extract", str(SEEDS), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Extracted 1 article (0 skipped): ")
    assert " events, " in result.stdout and " time expressions" in result.stdout
    written = out / output_name(SEED, "timeml")
    assert sorted(p.name for p in out.iterdir()) == [written.name]
    assert f"wrote {written}" in result.stdout
    root = ET.parse(written).getroot()
    assert root.find("DCT/TIMEX3").get("value") == "2024-03-07"
    assert root.find("TEXT").find("EVENT") is not None
    [article] = list(ingest.read_file(SEED))
    assert _text(written) == article.text


@pytest.mark.slow
def test_cli_bad_inputs_skipped_exit_1_and_json_validates(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("date 2024-01-01 Israel struck Gaza on Monday & left.")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00garbage\xff")
    (corpus / "nodate.txt").write_text("Hamas said Monday.")
    out = tmp_path / "out"
    result = run("extract", str(corpus), "-o", str(out), "--format", "json", "-q")
    assert result.returncode == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2 and any("nodate.txt: no publication date" in x for x in skipped)
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("Extracted 1 article (2 skipped): ")
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    extraction = ArticleExtraction.model_validate(json.loads((out / "good.json").read_text()))
    assert extraction.article.text == "Israel struck Gaza on Monday & left."
    assert extraction.events and extraction.times


@pytest.mark.slow
def test_cli_fatal_errors_exit_2(tmp_path: Path) -> None:
    missing = run("extract", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("error:") and "no such file" in missing.stderr
    bad_format = run("extract", str(SEED), "--out", str(tmp_path / "o"), "--format", "pdf")
    assert bad_format.returncode == 2
    assert bad_format.stderr.strip() == "error: unknown format 'pdf' (valid: json, timeml)"
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_cli_te3input(tmp_path: Path) -> None:
    if not hasattr(ingest, "read_annotated"):
        pytest.skip("TimeML reader not available yet (timelinegraph.ingest has no read_annotated)")
    source = tmp_path / "AP_20130322.tml.TE3input"
    source.write_text(TE3_INPUT, encoding="utf-8")
    out = tmp_path / "out"
    result = run("extract", str(source), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    written = out / "AP_20130322.tml"
    assert sorted(p.name for p in out.iterdir()) == [written.name]
    root = ET.parse(written).getroot()
    assert root.findtext("DOCID") == "AP_20130322"
    assert root.find("DCT/TIMEX3").get("value") == "2013-03-22"
    assert root.findtext("TITLE") == "Talks resume & stall"
    source_text = "".join(ET.parse(source).getroot().find("TEXT").itertext())
    assert _text(written) == source_text
    timexes = {el.text: el.get("value") for el in root.find("TEXT").iter("TIMEX3")}
    assert timexes.get("Monday") == "2013-03-18"
    assert {el.text for el in root.find("TEXT").iter("EVENT")} >= {"met", "said"}
