"""Property-based tests (Hypothesis): any bytes, any text and any metadata give either articles
or one-line skips, and any articles give exports that independent parsers accept.

- ingest: arbitrary bytes and text written as .txt / .json / .jsonl (with and without a date
  header, metadata of every JSON type) -> articles whose text round-trips with valid offsets,
  or skipped files whose one-line reason names the file; never another exception;
- exporters: generated articles (news-like sentences mixed with hostile fragments, see
  ``fuzz_articles``) through the real pipeline (spaCy extraction + resolve) and every
  registered exporter -> pyoxigraph reads the same triples from Turtle, N-Triples, TriG and
  JSON-LD; the GraphML is schema-valid and networkx reads it and the GEXF; timeline.json fits
  its JSON Schema; the page's data block parses and cannot close its <script>; actor names and
  sentences come back equal (modulo the documented replacements, see ``export_checks``).

Deterministic (``derandomize=True``) and about a minute in all. The 10,000-article campaign
with the same generators is ``benchmarks/fuzz_campaign.py``.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export_checks import check_cross_format, check_exports, check_kg_round_trip
from fuzz_articles import HOSTILE, Record, records
from kg_fixtures import make_kg
from timelinegraph.extract import extract_many
from timelinegraph.ingest import read_articles
from timelinegraph.ingest.ids import slugify
from timelinegraph.models import Article, KnowledgeGraph
from timelinegraph.pipeline import write_exports
from timelinegraph.registry import _FORMATS
from timelinegraph.resolve import resolve

pytestmark = pytest.mark.slow  # hypothesis through the whole pipeline

ALL_FORMATS = sorted(_FORMATS)
DEFAULT_DATE = date(2024, 3, 7)
_SLUG = re.compile(r"^[A-Za-z0-9._-]+$")
_WHERE = re.compile(r"^(?::\d+|\[\d+\])?: \S")  # "a.jsonl:3: ...", "a.json[1]: ..."
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a JSON "\\ud800" escape: read as U+FFFD


def fast(examples: int, *checks: HealthCheck) -> settings:
    # the session-scoped ``nlp`` fixture is shared on purpose; temp dirs are made per example
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(checks),
    )


@pytest.fixture(scope="module")
def graphml_schema():
    from xml_schemas import graphml_schema

    return graphml_schema()[0]


# --------------------------------------------------------------------------- ingest

any_text = st.text(st.characters(exclude_categories=()), max_size=200)
# text that starts like the things the header parser looks for
headed_text = st.sampled_from(
    ["", "CAIRO — ", "WASHINGTON (AP) — ", "By Jane Doe\n", "A — ", "\ufeff", " \n"]
).flatmap(lambda head: any_text.map(lambda tail: head + tail))
json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(any_text, inner, max_size=3)
    ),
    max_leaves=6,
)
METADATA = ("text", "date", "published", "id", "title", "url", "source", "authors")
iso_dates = st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat)
json_record = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(headed_text, json_value),
        "date": st.one_of(iso_dates, json_value),
        "published": st.one_of(iso_dates, json_value),
        "id": json_value,
        "title": st.one_of(any_text, json_value),
        "url": st.one_of(any_text, json_value),
        "source": json_value,
        "authors": st.one_of(st.lists(any_text, max_size=3), json_value),
        "extra": json_value,
    },
)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _reads_as_date_header(text: str) -> bool:
    # "date" then a value starting with a digit is a header; "Dates rose" is prose
    return re.match(r"\s*date[ \t]*[:=]?[ \t]*\d", text, re.IGNORECASE) is not None


def _read(path: Path, default: date | None = None) -> tuple[list[Article], list[str]]:
    result = read_articles([path], default_date=default)
    return result.articles, [str(s) for s in result.skipped]


def check_article(article: Article) -> None:
    """What every article read from a file guarantees."""
    assert article.text.strip(), "blank article"
    fields = [article.text, article.title, article.url, article.source, article.path]
    for value in [*fields, article.dateline, *article.authors]:
        assert value is None or not _LONE_SURROGATE.search(value), f"not valid Unicode: {value!r}"
    assert _SLUG.match(article.id) and article.id not in (".", ".."), article.id
    assert all(0 <= s <= e <= len(article.text) for s, e in article.skip_spans)
    assert article.skip_spans == sorted(article.skip_spans)
    if article.dateline is not None:
        assert article.skip_spans and article.skip_spans[0][0] == 0, "dateline span not at 0"


def check_skips(skipped: list[str], path: Path) -> None:
    for line in skipped:
        assert "\n" not in line and "\r" not in line, f"not one line: {line!r}"
        assert line.startswith(str(path)), f"does not name the file: {line!r}"
        assert _WHERE.match(line[len(str(path)) :]), f"no ': problem' after the file: {line!r}"


def _holds_no_records(data: bytes, suffix: str) -> bool:
    """A JSON list with nothing in it, or a .jsonl of blank lines, reads as no articles and
    nothing to report."""
    if suffix == ".jsonl":
        text = data.decode("utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ""
        return not text.strip()
    if suffix == ".json":
        try:
            return json.loads(data.decode("utf-8-sig")) == []
        except ValueError:
            return False
    return False


def _file(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder) / name
    path.write_bytes(data)
    return path


@fast(1000)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".json", ".jsonl", ".xml"]))
def test_any_bytes_read_or_skip_in_one_line(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _file(folder, "in" + suffix, data)
        for default in (None, DEFAULT_DATE):
            articles, skipped = _read(path, default)
            check_skips(skipped, path)
            for article in articles:
                check_article(article)
            assert articles or skipped or _holds_no_records(data, suffix)


@fast(1000)
@given(text=st.one_of(headed_text, any_text), header=st.booleans())
def test_any_text_as_txt_round_trips(text: str, header: bool) -> None:
    raw = f"date 2024-03-07\n{text}" if header else text
    with tempfile.TemporaryDirectory() as folder:
        path = _file(folder, "a.txt", raw.encode("utf-8", "surrogatepass"))
        articles, skipped = _read(path, DEFAULT_DATE)
    check_skips(skipped, path)
    body = _normalise(text)
    if header:
        body = body.lstrip()  # the header's trailing whitespace is the header's
    else:
        body = body.removeprefix("\ufeff")  # a BOM at the start of a file is not text
        if _reads_as_date_header(body):
            return
    writable = "\x00" not in raw and not re.search("[\ud800-\udfff]", raw)
    if writable and body.strip():
        assert skipped == [] and [a.text for a in articles] == [body]
        check_article(articles[0])
    else:
        assert articles == [] and len(skipped) == 1


def _expected_ok(record: Any) -> bool:
    """Whether the reader must accept this JSON value as an article (with a default date)."""
    if not isinstance(record, dict):
        return False
    text, when = record.get("text"), record.get("date", record.get("published"))
    authors, record_id = record.get("authors"), record.get("id")
    return (
        isinstance(text, str)
        # an id is a string or an integer (not a boolean): any other type is a skip
        and (record_id is None or isinstance(record_id, str) or type(record_id) is int)
        and bool(text.strip())
        and (when is None or (isinstance(when, str) and _iso(when)))
        and all(record.get(k) is None or isinstance(record[k], str) for k in ("title", "url"))
        and (record.get("source") is None or isinstance(record["source"], str))
        and (
            authors is None  # an empty dict is not a list of authors: only null stands for none
            or isinstance(authors, str)
            or (isinstance(authors, list) and all(isinstance(a, str) for a in authors))
        )
    )


def _iso(text: str) -> bool:
    if not text.strip():
        return True  # blank: the default date stands in
    try:
        date.fromisoformat(text.strip()[:10])
    except ValueError:
        return False
    return True


def _check_record(article: Article, record: dict[str, Any]) -> None:
    check_article(article)
    text = _normalise(json.loads(json.dumps(record["text"])))  # an escaped pair is one char
    if not _reads_as_date_header(text):
        assert article.text == _LONE_SURROGATE.sub("\ufffd", text)
    for key in ("title", "url"):
        value = record.get(key)
        assert getattr(article, key) == (value and _LONE_SURROGATE.sub("\ufffd", value))
    if record.get("id") not in (None, ""):
        assert article.id == slugify(str(record["id"]))


@fast(600)
@given(
    items=st.lists(json_record, min_size=1, max_size=3), layout=st.sampled_from(["json", "jsonl"])
)
def test_any_json_metadata_gives_articles_or_one_line_skips(
    items: list[dict[str, Any]], layout: str
) -> None:
    if layout == "json":
        body = json.dumps(items[0] if len(items) == 1 else items)
    else:
        body = "\n".join(json.dumps(item) for item in items)
    with tempfile.TemporaryDirectory() as folder:
        path = _file(folder, f"a.{layout}", body.encode())
        articles, skipped = _read(path, DEFAULT_DATE)
    check_skips(skipped, path)
    expected = [item for item in items if _expected_ok(item)]
    assert len(articles) == len(expected), (articles, skipped)
    assert len(skipped) == len(items) - len(expected)
    # ids are made unique across the read, so compare everything but duplicated ids
    if len({a.id for a in articles}) == len(articles):
        for article, item in zip(articles, expected, strict=True):
            _check_record(article, item)


# Ingest bugs the properties found (each fixed; these keep them fixed).
@pytest.mark.parametrize("suffix", [".txt", ".json"])
def test_text_starting_with_the_word_date_is_kept(tmp_path: Path, suffix: str) -> None:
    text = "Dates rose 5% in Gaza on Monday."
    data = json.dumps({"text": text}) if suffix == ".json" else text
    articles, skipped = _read(_file(str(tmp_path), "a" + suffix, data.encode()), DEFAULT_DATE)
    assert skipped == [] and [a.text for a in articles] == [text]


def test_json_text_that_is_only_a_date_header_is_skipped(tmp_path: Path) -> None:
    record = {"text": "date 2024-01-01", "date": "2024-03-07"}
    articles, skipped = _read(_file(str(tmp_path), "a.json", json.dumps(record).encode()))
    assert articles == [] and len(skipped) == 1


def test_a_bad_object_in_a_json_list_skips_only_itself(tmp_path: Path) -> None:
    good = {"text": "Hamas met Israel in Cairo.", "date": "2024-03-07"}
    path = _file(str(tmp_path), "a.json", json.dumps([good, {"text": 5}]).encode())
    articles, skipped = _read(path)
    assert [a.text for a in articles] == [good["text"]] and len(skipped) == 1


def test_a_file_holding_only_a_bom_is_empty(tmp_path: Path) -> None:
    articles, skipped = _read(_file(str(tmp_path), "a.jsonl", b"\xfe\xff"), DEFAULT_DATE)
    assert articles == [] and [s.split(": ", 1)[1] for s in skipped] == ["empty file"]


def test_two_articles_with_one_id_and_a_lone_surrogate(tmp_path: Path) -> None:
    record = b'{"id": "1", "text": "Hamas met \\ud800 Israel.", "date": "2024-03-07"}'
    _file(str(tmp_path), "a.json", record)
    _file(str(tmp_path), "b.json", record)
    articles, skipped = _read(tmp_path)
    assert len(articles) == 2 and len({a.id for a in articles}) == 2 and skipped == []


@pytest.mark.parametrize("key", ["id", "title", "url", "source", "authors"])
def test_null_is_a_field_left_out(tmp_path: Path, key: str) -> None:
    """Regression (found by the widened generators): ``null`` is a field left out for every
    optional field, but ``"authors": null`` skipped the whole article."""
    record = {"text": "Hamas met Israel in Cairo.", "date": "2024-03-07", key: None}
    articles, skipped = _read(_file(str(tmp_path), "a.json", json.dumps(record).encode()))
    assert skipped == [] and [a.text for a in articles] == [record["text"]]
    assert articles[0].authors == [] and articles[0].title is None


def test_a_huge_json_number_is_a_one_line_skip(tmp_path: Path) -> None:
    path = _file(str(tmp_path), "a.json", b'{"text": "Hamas met.", "date": ' + b"9" * 5000 + b"}")
    articles, skipped = _read(path, DEFAULT_DATE)
    assert articles == [] and len(skipped) == 1
    check_skips(skipped, path)


def test_a_newline_in_a_file_name_stays_one_line(tmp_path: Path) -> None:
    path = _file(str(tmp_path), "bad\nname.txt", b"Hamas met Israel.")  # no date: skipped
    articles, skipped = _read(path)
    assert articles == [] and len(skipped) == 1 and "\n" not in skipped[0]


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_deeply_nested_json_is_a_one_line_skip(tmp_path: Path, suffix: str) -> None:
    path = _file(str(tmp_path), "deep" + suffix, b"[" * 100_000 + b"]" * 100_000)
    articles, skipped = _read(path, DEFAULT_DATE)
    assert articles == [] and len(skipped) == 1
    check_skips(skipped, path)


# --------------------------------------------------------------------------- exporters


def _articles(items: list[Record], raw_ids: bool) -> list[Article]:
    """Articles as the reader would make them; ``raw_ids`` keeps hostile ids unslugified
    (the exporters must cope: an id may come from an undecodable file name)."""
    articles = []
    for i, item in enumerate(items):
        local = (item.id or "article") if raw_ids else slugify(item.id or "article")
        articles.append(
            Article(
                id=f"{local}-{i}",
                text=_normalise(item.text),
                published=item.published or DEFAULT_DATE,
                title=item.title,
                url=item.url,
                source=item.source,
                authors=item.authors,
                path=f"{local}.json",
            )
        )
    return articles


def _write_and_check(kg: KnowledgeGraph, schema: Any, texts: list[str] | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        write_exports(kg, out, ALL_FORMATS)
        readings = check_exports(out, graphml_schema=schema)
    assert readings.triples, "no triples read back"
    check_kg_round_trip(kg, readings)
    check_cross_format(readings, texts)


@fast(150, HealthCheck.too_slow, HealthCheck.data_too_large)
@given(items=st.lists(records(), min_size=1, max_size=3), raw_ids=st.booleans())
def test_generated_articles_through_the_pipeline_and_every_exporter(
    nlp, graphml_schema, items: list[Record], raw_ids: bool
) -> None:
    # too_slow / data_too_large: one example is a few articles of up to six sentences, and
    # spaCy parses them; that is the point, not a generator gone wrong
    articles = _articles(items, raw_ids)
    kg = resolve(list(extract_many(articles, nlp)))
    _write_and_check(kg, graphml_schema, [a.text for a in articles])


hostile_strings = st.lists(
    st.one_of(st.sampled_from(HOSTILE), any_text), min_size=1, max_size=4
).map("".join)


@fast(150)
@given(name=hostile_strings, sentence=hostile_strings, title=hostile_strings)
def test_hostile_names_and_sentences_round_trip(
    graphml_schema, name: str, sentence: str, title: str
) -> None:
    """Injection: whatever an actor is called and whatever a sentence says, every format
    stays valid and gives the text back."""
    kg = make_kg()
    actors = [a.model_copy(update={"name": name + a.name}) for a in kg.actors]
    events = []
    for event in kg.events:
        sources = [
            s.model_copy(
                update={"provenance": s.provenance.model_copy(update={"sentence": sentence})}
            )
            for s in event.sources
        ]
        events.append(event.model_copy(update={"sources": sources}))
    articles = [a.model_copy(update={"title": title}) for a in kg.articles]
    kg = kg.model_copy(update={"actors": actors, "events": events, "articles": articles})
    _write_and_check(kg, graphml_schema, None)


@pytest.mark.parametrize("name", ["timeline", "report", "html"])
def test_a_lone_surrogate_is_written_as_the_replacement_character(
    tmp_path: Path, name: str
) -> None:
    """Regression (found by the exporter property): a JSON article's ``"\\ud800"`` escape
    reached timeline.json, report.md and index.html, which crashed writing UTF-8."""
    kg = make_kg()
    articles = [a.model_copy(update={"title": "a\ud800b"}) for a in kg.articles]
    actors = [a.model_copy(update={"name": "a\ud800b"}) for a in kg.actors]
    kg = kg.model_copy(update={"articles": articles, "actors": actors})
    path = write_exports(kg, tmp_path, [name])[0]
    assert "a\ufffdb" in path.read_text(encoding="utf-8")
