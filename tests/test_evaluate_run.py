"""End to end on one hand-annotated sentence: read (stubbed), extract with spaCy, score."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import timelinegraph.ingest as ingest
from timelinegraph.errors import InputError
from timelinegraph.evaluate import evaluate_paths, render_table
from timelinegraph.ingest.annotated import (
    AnnotatedDocument,
    EntityAnnotation,
    EventAnnotation,
    RoleAnnotation,
    TimexAnnotation,
)
from timelinegraph.models import Article

TEXT = "Apple announced the iPhone on Tuesday."


def _gold() -> AnnotatedDocument:
    def span(words: str) -> dict:
        start = TEXT.index(words)
        return {"start": start, "end": start + len(words), "text": words}

    return AnnotatedDocument(
        article=Article(id="apple", text=TEXT, published=date(2007, 1, 11)),  # a Thursday
        format="cat",
        timexes=[TimexAnnotation(id="t1", type="DATE", value="2007-01-09", **span("Tuesday"))],
        events=[EventAnnotation(id="e1", event_class="SPEECH_COGNITIVE", **span("announced"))],
        entities=[
            EntityAnnotation(id="m1", type="ORG", syntactic_type="NAM", **span("Apple")),
            EntityAnnotation(id="m2", type="PRO", syntactic_type="NOM", **span("the iPhone")),
        ],
        roles=[
            RoleAnnotation(event_id="e1", entity_id="m1", role="Arg0"),
            RoleAnnotation(event_id="e1", entity_id="m2", role="Arg1"),
        ],
        layers=["timex", "event", "entity", "role"],
    )


def test_evaluate_paths_scores_one_sentence(nlp, monkeypatch):
    def read(path: Path, default_date=None) -> AnnotatedDocument:
        if path.name == "broken.xml":
            raise InputError(str(path), "not well-formed XML")
        return _gold()

    monkeypatch.setattr(ingest, "find_annotated_files", lambda paths: sorted(paths))
    monkeypatch.setattr(ingest, "read_annotated", read)
    report = evaluate_paths([Path("apple.xml"), Path("broken.xml")], nlp=nlp)

    assert report.documents == 1
    assert report.skipped == ["broken.xml: not well-formed XML"]
    # "Tuesday" read against the Thursday publication date: 2007-01-09, exact.
    assert (report.timex.strict.f1, report.timex.value.accuracy, report.timex.value_f1) == (
        1.0,
        1.0,
        1.0,
    )
    # "announced": REPORTING, which maps to MEANTIME's SPEECH_COGNITIVE.
    assert report.events.strict.f1 == 1.0
    assert (report.events.event_class.correct, report.events.event_class.total) == (1, 1)
    # Apple is found as an ORG; the product "the iPhone" is gold PRO, a type we never predict.
    assert report.entities.by_type["ORG"].tp == 1
    assert report.entities.by_type["PRO"].fn == 1
    assert report.entities.untyped.recall == 1.0
    # Apple is the agent of "announced".
    assert report.roles.by_role["Arg0"].tp == 1
    assert report.per_document["apple"]["timex value"] == pytest.approx(1.0)
    assert "timex     value F1" in render_table(report)
