"""Reading articles: date headers, datelines, credits, JSON/JSONL, and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tg_paths import SEEDS
from timelinegraph.ingest import read_articles
from timelinegraph.ingest.header import parse_header


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_seed_header_dateline_and_credit():
    result = read_articles([SEEDS])
    assert result.skipped == []
    [article] = result.articles
    assert article.published == date(2024, 3, 7)
    assert article.dateline == "Cairo"
    assert article.authors == ["Jared Malsin"]
    assert article.text.startswith("CAIRO—Hamas has pulled out")
    assert [article.text[s:e] for s, e in article.skip_spans] == [
        "CAIRO—",
        "Jared Malsin contributed to this article.",
    ]
    assert article.path == "seeds/000_32f6ff0391692678.txt"


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("WASHINGTON (AP) — The Senate voted.", "Washington", "AP"),
        ("GAZA CITY, Gaza Strip — Strikes hit.", "Gaza City", None),
        ("NEW YORK (Reuters) - Stocks fell.", "New York", "Reuters"),
        ("KYIV—Ukraine said.", "Kyiv", None),
        ("The talks - which began Monday - stalled.", None, None),
    ],
)
def test_datelines(text, place, agency):
    header = parse_header(text)
    assert header.dateline == place
    assert header.agency == agency


def test_credit_lines_are_metadata():
    header = parse_header("Body.\n\nReporting by Jane Doe and John Roe; Editing by Al Smith\n")
    assert header.credits[:2] == ["Jane Doe", "John Roe"]
    assert header.skip_spans


def test_json_and_jsonl(tmp_path):
    write(
        tmp_path,
        "one.json",
        json.dumps(
            {
                "id": "x 1",
                "text": "Hamas said Monday.",
                "date": "2024-01-02",
                "title": "T",
                "authors": ["A B"],
                "url": "https://example.org/a",
            }
        ),
    )
    lines = [
        json.dumps({"text": "Israel said.", "date": "2024-01-03"}),
        "{broken",
        json.dumps({"text": "Egypt said.", "date": "2024-01-04", "id": "e"}),
    ]
    write(tmp_path, "many.jsonl", "\n".join(lines))
    result = read_articles([tmp_path])
    ids = sorted(a.id for a in result.articles)
    assert ids == ["e", "many-1", "x-1"]
    [bad] = result.skipped
    assert bad.where.endswith("many.jsonl:2") and "invalid JSON" in bad.problem


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", "", "empty file"),
        ("blank.txt", "   \n\t\n", "empty file"),
        ("nodate.txt", "Hamas said Monday.", "no publication date"),
        ("baddate.txt", "date 2024-02-30 Hamas said.", "invalid date '2024-02-30'"),
        ("latin1.txt", "date 2024-01-01 caf\xe9".encode("latin-1"), "not UTF-8"),
        ("binary.txt", b"date 2024-01-01 \x00\x01\x02", "binary file"),
        ("wrongtype.json", json.dumps({"text": 5, "date": "2024-01-01"}), "'text'"),
        ("datetype.json", json.dumps({"text": "x y", "date": 20240101}), "'date' must be"),
        ("notobject.json", "[1]", "expected a JSON object"),
    ],
)
def test_bad_articles_are_skipped_with_one_line(tmp_path, name, content, problem):
    write(tmp_path, name, content)
    write(tmp_path, "good.txt", "date 2024-01-01 Hamas said Monday it would return.")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    [skipped] = result.skipped
    assert problem in skipped.problem
    assert name in skipped.where
    assert "\n" not in str(skipped)


def test_default_date_and_utf16_and_crlf(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + "Hamas said.\r\nIsrael said.".encode("utf-16-le"))
    result = read_articles([tmp_path], default_date=date(2020, 5, 1))
    [article] = result.articles
    assert article.published == date(2020, 5, 1)
    assert article.published_source == "default"  # the QA report and the resolver know it
    assert article.text == "Hamas said.\nIsrael said."


def test_a_given_date_is_metadata(tmp_path):
    write(tmp_path, "a.txt", "date 2024-01-01 One.")
    (tmp_path / "b.json").write_text('{"text": "Two.", "date": "2024-01-02"}', encoding="utf-8")
    (tmp_path / "c.json").write_text('{"text": "Three."}', encoding="utf-8")
    result = read_articles([tmp_path], default_date=date(2020, 5, 1))
    sources = {a.id: a.published_source for a in result.articles}
    assert sources == {"a": "metadata", "b": "metadata", "c": "default"}


def test_duplicate_stems_get_distinct_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", "story.txt", "date 2024-01-01 One.")
    write(tmp_path / "b", "story.txt", "date 2024-01-01 Two.")
    ids = [a.id for a in read_articles([tmp_path]).articles]
    assert len(set(ids)) == 2 and all(i.startswith("story-") for i in ids)


def test_ids_cannot_escape(tmp_path):
    write(
        tmp_path,
        "x.json",
        json.dumps({"id": "../../etc/passwd", "text": "A b.", "date": "2024-01-01"}),
    )
    [article] = read_articles([tmp_path]).articles
    assert "/" not in article.id and not article.id.startswith(".")
