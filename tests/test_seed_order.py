"""The seed article's events in order, end to end: extraction, the order step, the exports and
`timelinegraph timeline Hamas`.

The temporal links come from the extraction (``ArticleExtraction.links``), plus a stand-in
here: the four links the seed's signal words state ("after an aid convoy was hit", "captured
during the attacks", "released during a weeklong truce", "pulled out ... after ... hardened"),
as the TLINK rules find them, so the order step is tested on the real article before and after
those rules land.
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
from timelinegraph.models import ArticleExtraction, KnowledgeGraph, TemporalLink, TemporalRelation
from timelinegraph.pipeline import write_exports
from timelinegraph.resolve import resolve

R = TemporalRelation


def stand_in_links(x: ArticleExtraction) -> list[TemporalLink]:
    """What the signal rule says of the seed's four signal words (source RELATION target)."""

    def find(trigger: str, words: str) -> str:
        [event] = [e for e in x.events if e.trigger == trigger and words in e.provenance.sentence]
        return event.id

    def link(source: str, relation: R, target: str, signal: str) -> TemporalLink:
        event = next(e for e in x.events if e.id == source)
        return TemporalLink(
            source=source,
            target=target,
            relation=relation,
            rule="signal",
            evidence=f"'{signal}' joins them",
            confidence=0.8,
            provenance=event.provenance,
        )

    convoy = "aid convoy was hit"
    return [
        link(find("stopped", convoy), R.AFTER, find("hit", convoy), "after"),
        link(find("captured", "Oct. 7"), R.IS_INCLUDED, find("attacks", "Oct. 7"), "during"),
        link(find("released", "November"), R.IS_INCLUDED, find("truce", "November"), "during"),
        link(find("pulled out", "hardened"), R.AFTER, find("hardened", "pulled out"), "after"),
    ]


@pytest.fixture(scope="module")
def seed(nlp, tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, Path]:
    [article] = read_articles([SEEDS]).articles
    x = extract(article, nlp)
    x = x.model_copy(update={"links": [*x.links, *stand_in_links(x)]})
    kg = resolve([x])
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


def test_no_contradiction_on_the_seed(seed) -> None:
    kg, out = seed
    assert kg.contradictions == []
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## 10. Order across articles" in report and "0 contradictions" in report


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
