"""TimelineJS3 export: schema-valid, dated at the known precision, HTML-escaped."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kg_fixtures import HOSTILE_ID, HOSTILE_NAME, HOSTILE_SENTENCE, make_empty_kg, make_kg
from timelinegraph.export.timeline import render_timeline, write_timeline
from timelinegraph.export.timeline_models import render_timeline_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "timeline.schema.json"


@pytest.fixture
def document(tmp_path: Path) -> dict:
    path = write_timeline(make_kg(), tmp_path / "timeline.json")
    return json.loads(path.read_text(encoding="utf-8"))


def events_by_id(document: dict) -> dict[str, dict]:
    return {event["unique_id"]: event for event in document["events"]}


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_timeline_schema(), (
        "schemas/timeline.schema.json is stale; regenerate it with: "
        "python -m timelinegraph.export.timeline_models > schemas/timeline.schema.json"
    )


def test_validates_against_schema(document: dict) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    empty = json.loads(render_timeline(make_empty_kg()))
    jsonschema.Draft202012Validator(schema).validate(empty)
    assert empty["events"] == []


def test_schema_rejects_a_broken_document(document: dict) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    del document["events"][0]["start_date"]["year"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_dates_only_at_known_precision(document: dict) -> None:
    events = events_by_id(document)
    assert events["ev-day"]["start_date"] == {"year": 2024, "month": 2, "day": 5}
    assert "display_date" not in events["ev-day"]
    assert events["ev-year"]["start_date"] == {"year": 2023}
    month = events["ev-month"]
    assert month["start_date"] == {"year": 2024, "month": 2, "display_date": "early February 2024"}
    assert month["display_date"] == "early February 2024"
    assert events["ev-merged"]["display_date"] == "around 10 March 2024"
    between = events["ev-between"]
    assert between["start_date"]["day"] == 5 and between["end_date"]["day"] == 11
    assert between["display_date"] == "between 5 and 11 February 2024"


def test_event_without_time_falls_back_to_first_publication() -> None:
    kg = make_kg()
    kg.events = [e.model_copy(update={"bounds": None}) for e in kg.events]
    kg.links = []
    document = json.loads(render_timeline(kg))
    event = events_by_id(document)["ev-none"]
    assert event["start_date"]["year"] == 2024 and event["start_date"]["day"] == 5  # art-a
    assert "publication date" in event["display_date"]
    assert event["timelinegraph"]["time"]["placement"] == "publication_date_fallback"
    assert events_by_id(document)["ev-day"]["timelinegraph"]["time"]["placement"] == "event_time"


def test_an_undated_event_is_placed_by_its_order(document: dict) -> None:
    """ev-none has no time of its own; a link puts it before ev-month (early February)."""
    event = events_by_id(document)["ev-none"]
    time = event["timelinegraph"]["time"]
    assert time["placement"] == "event_order"
    # placed where the event it precedes is, just before it
    assert event["start_date"] == {
        "year": 2024, "month": 2, "display_date": "before early February 2024"
    }  # fmt: skip
    ids = [e["unique_id"] for e in document["events"]]
    assert ids.index("ev-none") == ids.index("ev-month") - 1
    assert time["bounds"] == {"latest": "2024-02-09", "latest_from": "ev-month"}
    [before] = event["timelinegraph"]["order"]
    assert before == {
        "relation": "before",
        "event": {"id": "ev-month", "headline": 'talks ]]> "x" <y>'},
        "link_id": "link-1",
        "confidence": 0.8,
        "rule": "signal",
    }
    month = events_by_id(document)["ev-month"]["timelinegraph"]
    assert [(o["relation"], o["event"]["id"]) for o in month["order"]] == [
        ("after", "ev-none"),
        ("includes", "ev-between"),
    ]
    merged = events_by_id(document)["ev-merged"]["timelinegraph"]
    assert merged["order"][0]["relation"] == "during" and merged["order"][0]["time"] == "2024-03"


def test_the_timeline_opens_where_most_events_are(document: dict) -> None:
    opening = document["timelinegraph"]
    slides = document["events"]
    assert slides[opening["start_at_slide"] - 1]["unique_id"] == opening["start_id"]
    # six slides: 2023, February 2024 twice, 5 February twice, 10 March: half of them
    # (three) lie within 1..5 February, so the timeline opens on February, not on 2023
    assert opening["window"] == {"start": "2024-02-01", "end": "2024-02-05"}
    assert (opening["start_at_slide"], opening["start_id"]) == (2, "ev-none")
    # 2023-01-01..2024-03-10 (434 days) over the 14 days shown at least: 31 screens
    assert opening["scale_factor"] == 31.0


def test_events_sorted_by_date(document: dict) -> None:
    keys = [
        (e["start_date"]["year"], e["start_date"].get("month", 0), e["start_date"].get("day", 0))
        for e in document["events"]
    ]
    assert keys == sorted(keys)
    assert len(document["events"]) == len(make_kg().events)


def test_html_is_escaped_but_record_is_raw(document: dict) -> None:
    for event in document["events"]:
        for field in ("headline", "text"):
            html = event["text"][field]
            assert "<script" not in html and '"' not in html  # our tags carry no attributes
    year = events_by_id(document)["ev-year"]
    assert "&lt;script&gt;" in year["text"]["headline"]
    assert "&lt;script&gt;" in year["text"]["text"]
    record = year["timelinegraph"]
    assert record["agents"] == [{"id": HOSTILE_ID, "name": HOSTILE_NAME, "type": "PERSON"}]
    assert record["sources"][0]["sentence"] == HOSTILE_SENTENCE


def test_merged_event_keeps_both_sources(document: dict) -> None:
    record = events_by_id(document)["ev-merged"]["timelinegraph"]
    assert [s["article_id"] for s in record["sources"]] == ["art-a", "art-b"]
    assert record["sources"][1]["start"] == 77
    [merge] = record["merges"]
    assert (merge["mention"], merge["into"], merge["rule"]) == (
        "art-b#e3",
        "art-a#e2",
        "same-trigger",
    )


def test_json_is_stable_sorted_utf8(tmp_path: Path) -> None:
    first = write_timeline(make_kg(), tmp_path / "a.json").read_bytes()
    assert first == write_timeline(make_kg(), tmp_path / "b.json").read_bytes()
    assert first.endswith(b"}\n") and "🕊️".encode() in first
    text = first.decode("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
