"""The seed article's events in order, end to end: extraction, the order step, the exports and
`timelinegraph timeline Hamas`.

The temporal links come from the extraction alone (``ArticleExtraction.links``): the seed's
signal words state four of them ("after an aid convoy was hit", "captured during the attacks",
"released during a weeklong truce", "pulled out ..., officials said, after ... hardened").
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tg_paths import SEEDS
from timelinegraph.cli import app
from timelinegraph.extract import extract
from timelinegraph.ingest import read_articles
from timelinegraph.models import KnowledgeGraph, TemporalRelation
from timelinegraph.pipeline import write_exports
from timelinegraph.resolve import resolve

R = TemporalRelation


@pytest.fixture(scope="module")
def seed(nlp, tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, Path]:
    [article] = read_articles([SEEDS]).articles
    kg = resolve([extract(article, nlp)])
    out = tmp_path_factory.mktemp("seed-order")
    write_exports(kg, out, ["turtle", "timeline", "report"])
    return kg, out


def event_with(kg: KnowledgeGraph, trigger: str) -> str:
    [event] = [e for e in kg.events if any(s.text == trigger for s in e.sources)]
    return event.id


def test_the_convoy_was_hit_before_the_deliveries_stopped(seed) -> None:
    kg, out = seed
    hit, delivering = event_with(kg, "hit"), event_with(kg, "delivering")
    assert any(
        (link.source, link.relation, link.target) == (hit, R.BEFORE, delivering)
        for link in kg.links
    )
    bounds = next(e for e in kg.events if e.id == hit).bounds
    # "before 7 March" by its own words; before the February stop by the link
    assert bounds.latest == date(2024, 2, 29) and bounds.latest_from == delivering
    slides = json.loads((out / "timeline.json").read_text(encoding="utf-8"))["events"]
    ids = [s["unique_id"] for s in slides]
    assert ids.index(hit) < ids.index(delivering)
    hit_slide = slides[ids.index(hit)]
    assert hit_slide["display_date"] == "before early February 2024"
    assert {"relation": "before", "event": delivering} in [
        {"relation": o["relation"], "event": o["event"]["id"]}
        for o in hit_slide["timelinegraph"]["order"]
        if "event" in o  # the others order it against a time ("before 2024-03-07")
    ]


def test_capture_then_release_then_the_talks(seed) -> None:
    kg, out = seed
    slides = json.loads((out / "timeline.json").read_text(encoding="utf-8"))["events"]
    ids = [s["unique_id"] for s in slides]
    captured, released = event_with(kg, "captured"), event_with(kg, "released")
    talks = next(e.id for e in kg.events if e.headline.startswith("Hamas leads talks"))
    assert ids.index(captured) < ids.index(released) < ids.index(talks)
    attacks = event_with(kg, "attacks")
    assert any(
        (link.source, link.relation, link.target) == (attacks, R.INCLUDES, captured)
        for link in kg.links
    )


def test_what_the_seed_contradicts_is_dropped_and_reported(seed) -> None:
    kg, out = seed
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## 10. Order across articles" in report
    assert f"| temporal links dropped as contradictions | {len(kg.contradictions)} |" in report
    # the links the story's order rests on are kept
    kept = {(li.source, li.relation, li.target) for li in kg.links}
    hit, delivering = event_with(kg, "hit"), event_with(kg, "delivering")
    assert (hit, R.BEFORE, delivering) in kept
    for contradiction in kg.contradictions:
        assert contradiction.dropped in report


def test_timeline_of_hamas_in_an_order_an_analyst_accepts(seed) -> None:
    _, out = seed
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "Hamas", "-e", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    headlines = [e["headline"] for e in json.loads(result.output)["events"]]
    assert len(headlines) == 13
    assert headlines[0] == "Hamas attacks"  # 7 October 2023
    assert headlines[-1] == "Hamas may return to Cairo on Sunday"  # 10 March 2024
    # hardened its position, then pulled out of the talks, then left Cairo (7 March)
    hardened = headlines.index("Hamas hardens its bargaining position")
    pulled = headlines.index("Hamas pulls out of talks")
    left = headlines.index("Hamas leaves Cairo")
    assert hardened < pulled < left
    # what is planned comes after the day's news
    assert left < headlines.index("Hamas to consult with movement’s leadership")
    text = runner.invoke(app, ["timeline", "Hamas", "--exports", str(out)]).output
    assert text.startswith("Hamas (organization-hamas): 13 events in 1 article, in time order\n")
    assert [h for h in headlines if h in text] == headlines
    positions = [text.index(f"  {h}  [") for h in headlines]
    assert positions == sorted(positions)  # the same order as the JSON
    assert "after: Hamas hardens its bargaining position" in text  # under "pulls out"


def test_timeline_json_and_an_unknown_name(seed) -> None:
    _, out = seed
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "HAMAS", "-e", str(out), "--format", "json"])
    data = json.loads(result.output)
    assert data["actor"]["id"] == "organization-hamas"
    first = data["events"][0]
    assert (first["rank"], first["when"], first["earliest"]) == (1, "7 October 2023", "2023-10-07")
    assert first["mentions"][0]["sentence"].startswith("Israel has said its priority")
    missing = runner.invoke(app, ["timeline", "Hamass", "-e", str(out)])
    assert missing.exit_code == 2
    assert "no actor with this name, alias or id (close: Hamas (organization-hamas))" in (
        missing.output
    )
    semeval = runner.invoke(app, ["timeline", "Hamas", "-e", str(out), "--format", "semeval"])
    assert semeval.exit_code == 2 and "--corpus" in semeval.output


def test_explain_a_temporal_link(seed) -> None:
    kg, out = seed
    hit, delivering = event_with(kg, "hit"), event_with(kg, "delivering")
    [link] = [li for li in kg.links if (li.source, li.target) == (hit, delivering)]
    result = CliRunner().invoke(app, ["explain", link.id, "--exports", str(out)])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(f"link {link.id}: {hit} BEFORE {delivering}")
    assert "after an aid convoy was hit by Israeli fire" in result.output  # its sentence
