"""How each article was dated, and what a date guessed from the body may anchor (issue 18).

ECB+-like CAT files written here: one dated by its URL, one by a date line, one only by the
dates in its story (a guess), one with no date at all (``--default-date``), and a ``.txt``
with a date header (metadata); extracted and built by the real pipeline and command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tg_paths import ROOT
from timelinegraph.dating import dating_counts, dating_line
from timelinegraph.extract import extract_many
from timelinegraph.ingest import read_articles
from timelinegraph.models import (
    ActorType,
    ArticleExtraction,
    EventTime,
    EventType,
    Granularity,
    TimeExpression,
    TimexType,
)
from timelinegraph.pipeline import build
from timelinegraph.resolve import resolve

HEADLINE = "Man sentenced for killing his wife"
CRIME = (
    "John Smith was sentenced Saturday to life in prison for killing his wife on March 11 , 2005 ."
)
ARREST = "Police arrested him last week , prosecutors said yesterday ."
URL = "http : / / www . example . com / 2005 / 03 / 21 / smith - sentenced"  # a Monday
DATE_LINE = "March 21 , 2005"


def cat(name: str, sentences: list[str]) -> str:
    """A CAT document of tokens only (an ECB+ file by its name)."""
    tokens, t_id = [], 0
    for number, sentence in enumerate(sentences):
        for word in sentence.split(" "):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{number}" number="0">{word}</token>')
    return (
        f'<Document doc_name="{name}.xml" doc_id="DOC1">\n' + "\n".join(tokens) + "\n"
        "<Markables>\n</Markables>\n<Relations>\n</Relations>\n</Document>\n"
    )


def corpus(folder: Path, *, undated: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "1_1ecbplus": [URL, HEADLINE, CRIME, ARREST],
        "1_2ecbplus": ["http : / / www . example . com / smith", HEADLINE, DATE_LINE, CRIME],
        "1_3ecb": [CRIME, ARREST],  # the latest date in it is the crime's: a guess
    }
    if undated:
        files["1_4ecb"] = ["John Smith was sentenced Saturday .", "He will appeal ."]
    for name, sentences in files.items():
        (folder / f"{name}.xml").write_text(cat(name, sentences), encoding="utf-8")
    (folder / "header.txt").write_text(
        "date 2005-03-22\n\nJohn Smith was sentenced Saturday to life in prison.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def extractions(nlp, tmp_path_factory) -> dict[str, ArticleExtraction]:
    folder = corpus(tmp_path_factory.mktemp("dating") / "in")
    read = read_articles([folder], default_date=date(2010, 1, 1))
    assert not read.skipped
    return {x.article.id: x for x in extract_many(read.articles, nlp)}


def test_each_article_says_how_it_was_dated(extractions):
    dated = {
        aid: (x.article.published, x.article.published_source) for aid, x in extractions.items()
    }
    assert dated == {
        "1_1ecbplus": (date(2005, 3, 21), "url"),
        "1_2ecbplus": (date(2005, 3, 21), "dateline"),
        "1_3ecb": (date(2005, 3, 11), "body"),  # the date of the crime, not of the story
        "1_4ecb": (date(2010, 1, 1), "default"),
        "header": (date(2005, 3, 22), "metadata"),
    }


def _times(x: ArticleExtraction) -> dict[str, str]:
    return {t.text: t.value for t in x.times}


def _sentenced(x: ArticleExtraction) -> EventTime:
    """The time of "was sentenced Saturday" (not of the headline's "sentenced")."""
    start = x.article.text.index("was sentenced") + len("was ")
    return next(e.time for e in x.events if e.start == start)


def test_a_guessed_date_resolves_no_relative_time(extractions):
    guessed = extractions["1_3ecb"]
    # "Saturday" is not the Saturday before the crime (2005-03-05): no calendar value at all
    assert _times(guessed) == {
        "Saturday": "XXXX-XX-XX",
        "March 11, 2005": "2005-03-11",  # an absolute date still counts
        "last week": "XXXX-WXX",
        "yesterday": "XXXX-XX-XX",
    }
    assert _sentenced(guessed) == EventTime(source="unknown")  # not "before 11 March 2005"
    killing = next(e.time for e in guessed.events if e.trigger == "killing")
    assert (killing.value, killing.source) == ("2005-03-11", "expression")
    for event in guessed.events:  # nothing is bounded by the guess
        assert event.time.source in ("expression", "unknown")
        assert event.time.source == "unknown" or event.time.value is not None


@pytest.mark.parametrize("article_id", ["1_1ecbplus", "1_2ecbplus"])
def test_a_url_or_date_line_date_resolves_relative_times(extractions, article_id):
    x = extractions[article_id]
    times = _times(x)
    assert times["Saturday"] == "2005-03-19"  # the Saturday before Monday 21 March
    assert times["March 11, 2005"] == "2005-03-11"
    if article_id == "1_1ecbplus":
        assert (times["last week"], times["yesterday"]) == ("2005-W11", "2005-03-20")
    assert (_sentenced(x).value, _sentenced(x).source) == ("2005-03-19", "expression")


@pytest.mark.parametrize(
    ("text", "anchored", "guessed"),
    [
        ("He left on March 3.", "2005-03-03", "XXXX-03-03"),  # the year is the date's
        ("It rained this spring.", "2005-SP", "XXXX-SP"),
        ("They met at 3 p.m.", "2005-03-21T15:00", "XXXX-XX-XXT15:00"),
        ("He left two years ago.", "2003", "XXXX"),
        ("Sales fell last quarter.", "2004-Q4", "XXXX-QX"),
        ("They met on Friday, March 11, 2005.", "2005-03-11", "2005-03-11"),
        ("He left in 2009.", "2009", "2009"),
        ("It happened in the 1990s.", "199", "199"),
        ("The trial lasted three weeks.", "P3W", "P3W"),
        ("He has been there recently.", "PAST_REF", "PAST_REF"),
    ],
)
def test_only_what_the_date_decides_is_left_unknown(make_context, text, anchored, guessed):
    from timelinegraph.extract.times import extract_times

    day = date(2005, 3, 21)
    for source, value in (("url", anchored), ("body", guessed)):
        [found] = extract_times(make_context(text, day, published_source=source))
        assert found.value == value, (source, found.text)


def test_a_default_date_is_used_as_given(extractions):
    x = extractions["1_4ecb"]
    assert _times(x) == {"Saturday": "2009-12-26"}  # the user said when it was published
    metadata = extractions["header"]
    assert _times(metadata) == {"Saturday": "2005-03-19"}


def test_counts_and_the_summary_line():
    counts = dating_counts(["body", "metadata", "url", "default", "body", "dateline", "url"])
    assert list(counts.items()) == [
        ("metadata", 1),
        ("url", 2),
        ("dateline", 1),
        ("body", 2),
        ("default", 1),
    ]
    assert dating_line(counts) == (
        "dated: 1 from metadata, 2 from a URL, 1 from a date line, 2 guessed from the body "
        "(relative dates left unresolved), 1 by --default-date"
    )
    assert dating_line(dating_counts(["metadata"] * 3)) == "dated: 3 from metadata"


def _strike(aid: str, text: str, value: str, source: str) -> ArticleExtraction:
    """An article whose one ASSAULT event by Israel is dated by ``text`` (value ``value``)."""
    from test_resolve import actor, event, extraction

    extract = extraction(
        aid,
        date(2024, 3, 7),
        [actor(aid, "a1", "Israel", ActorType.STATE, "IL")],
        [
            event(
                aid,
                "e1",
                "strike",
                EventType.ASSAULT,
                ["a1"],
                value=value,
                gran=Granularity.DAY,
                earliest=date.fromisoformat(value),
                latest=date.fromisoformat(value),
            )
        ],
    )
    extract.events[0].time.timex_id = "t1"
    extract.times.append(
        TimeExpression(
            id="t1",
            text=text,
            start=0,
            end=len(text),
            sentence_index=0,
            type=TimexType.DATE,
            value=value,
            granularity=Granularity.DAY,
            provenance=extract.events[0].provenance,
        )
    )
    extract.article.published_source = source  # type: ignore[assignment]
    return extract


@pytest.mark.parametrize(
    ("source", "merged"), [("url", False), ("metadata", False), ("body", True), ("default", True)]
)
def test_the_merge_trusts_only_the_articles_own_date(source, merged):
    # two strikes on different days worked out from each article's date ("Monday"): they stay
    # apart only when the dates are the articles' own
    a = _strike("a", "Monday", "2024-03-04", source)
    b = _strike("b", "Monday", "2024-03-11", source)
    assert (len(resolve([a, b]).events) == 1) is merged
    # a date that names its year keeps them apart whatever dated the article
    a = _strike("a", "March 4, 2024", "2024-03-04", source)
    b = _strike("b", "March 11, 2024", "2024-03-11", source)
    assert len(resolve([a, b]).events) == 2


def test_an_unknown_time_does_not_name_a_merged_event_others_bound():
    # the same strike told by a guessed article (no time) and a dated one ("before 7 March")
    guessed = _strike("a", "Monday", "2024-03-04", "body")
    dated = _strike("b", "Monday", "2024-03-04", "url")
    guessed.events[0].time = EventTime(source="unknown")
    dated.events[0].time = EventTime(latest=date(2024, 3, 7), source="publication_date")
    [merged] = resolve([guessed, dated]).events
    assert merged.time == EventTime(latest=date(2024, 3, 7), source="publication_date")


@pytest.mark.parametrize("source", ["default", "body"])
def test_a_node_is_dated_by_the_articles_that_date_themselves(source):
    # "Saturday" worked out from a date the article does not give is no day for the node
    # when a dated article bounds the same event; alone, it is what there is
    stand_in = _strike("a", "Saturday", "2024-03-02", source)
    dated = _strike("b", "Monday", "2024-03-04", "url")
    dated.events[0].time = EventTime(latest=date(2024, 3, 7), source="publication_date")
    [merged] = resolve([stand_in, dated]).events
    assert merged.time == EventTime(latest=date(2024, 3, 7), source="publication_date")
    [alone] = resolve([stand_in]).events
    assert (alone.time.value, alone.time.source) == ("2024-03-02", "expression")


@pytest.mark.slow
def test_build_says_how_articles_were_dated_and_stays_deterministic(tmp_path):
    folder = corpus(tmp_path / "in")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        command = ["build", str(folder), "--out", str(out), "--default-date", "2010-01-01"]
        result = subprocess.run(
            [sys.executable, "-m", "timelinegraph", *command, "--no-cache", "-q"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Built 5 articles (0 skipped): ")
    assert lines[1] == (
        "dated: 1 from metadata, 1 from a URL, 1 from a date line, 1 guessed from the body "
        "(relative dates left unresolved), 1 by --default-date"
    )
    report = (outputs[0] / "report.md").read_text(encoding="utf-8")
    section = report[report.index("### How the articles were dated") :]
    for row in (
        "| metadata | 1 | the source states it",
        "| url | 1 | a full date in the path of the article's URL |",
        "| dateline | 1 | a date line near the top of the text |",
        "| body | 1 | a guess, the latest full date written in the story",
        "| default | 1 | --default-date",
    ):
        assert row in section
    assert "| 1_3ecb |  | 2005-03-11 | body |" in section
    turtle = (outputs[0] / "graph.ttl").read_text(encoding="utf-8")
    assert 'tg:publishedSource "body"' in turtle
    for path in sorted(outputs[0].iterdir()):
        if path.is_file():
            assert path.read_bytes() == (outputs[1] / path.name).read_bytes(), path.name


def test_build_summary_counts_each_kind(tmp_path):
    summary = build([corpus(tmp_path / "in", undated=False)], tmp_path / "out", formats=["turtle"])
    assert summary.dated == {"metadata": 1, "url": 1, "dateline": 1, "body": 1}
    assert summary.dated_line() == (
        "dated: 1 from metadata, 1 from a URL, 1 from a date line, 1 guessed from the body "
        "(relative dates left unresolved)"
    )


@pytest.mark.slow
def test_extract_says_how_articles_were_dated(tmp_path):
    folder = corpus(tmp_path / "in", undated=False)
    command = ["extract", str(folder), "--out", str(tmp_path / "out"), "--format", "json"]
    result = subprocess.run(
        [sys.executable, "-m", "timelinegraph", *command, "-q"],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Extracted 4 articles (0 skipped): ")
    assert lines[1] == (
        "dated: 1 from metadata, 1 from a URL, 1 from a date line, 1 guessed from the body "
        "(relative dates left unresolved)"
    )


def test_eval_counts_how_documents_were_dated(nlp, tmp_path):
    from timelinegraph.evaluate.run import evaluate_paths

    folder = corpus(tmp_path / "in")
    report = evaluate_paths([folder], nlp=nlp, default_date=date(2010, 1, 1))
    assert report.dated == {"url": 1, "dateline": 1, "body": 1, "default": 1}
