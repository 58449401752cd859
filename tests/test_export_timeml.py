"""TimeML 1.2.1 export: exact text round trip, DCT, ids, nesting and dropped crossing spans.

Extractions come from the real spaCy pipeline (the ``nlp`` fixture) except where a conflict
has to be built by hand. The output is also read back with anaforatools' TimeML reader
(``anafora.timeml``), a third-party tool that maps every TIMEX3/EVENT/MAKEINSTANCE to offsets.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import anafora.timeml
import pytest

from timelinegraph.export.extraction_json import render_extraction_json, write_extraction_json
from timelinegraph.export.timeml import (
    SCHEMA,
    build_timeml,
    temporal_function,
    timeml_document,
    write_timeml,
)
from timelinegraph.extract import extract
from timelinegraph.models import (
    Article,
    ArticleExtraction,
    Event,
    EventClass,
    EventTime,
    EventType,
    Granularity,
    Polarity,
    Provenance,
    Sentence,
    TimeExpression,
    TimexType,
)

XSI = "{http://www.w3.org/2001/XMLSchema-instance}"

# TimeML 1.2.1 vocabulary: the elements this exporter may write and each one's attributes.
ELEMENTS = {
    "TimeML": {f"{XSI}noNamespaceSchemaLocation"},
    "DOCID": set(),
    "DCT": set(),
    "TITLE": set(),
    "TEXT": set(),
    "TIMEX3": {"tid", "type", "value", "mod", "temporalFunction", "functionInDocument"},
    "EVENT": {"eid", "class"},
    "MAKEINSTANCE": {"eiid", "eventID", "pos", "tense", "aspect", "polarity"},
    "TLINK": {"lid", "relType", "eventInstanceID", "relatedToEventInstance", "relatedToTime"},
}
REQUIRED = {
    "TIMEX3": {"tid", "type", "value"},
    "EVENT": {"eid", "class"},
    "MAKEINSTANCE": {"eiid", "eventID", "pos", "tense", "aspect", "polarity"},
}
VALUES = {
    "type": {"DATE", "TIME", "DURATION", "SET"},
    "temporalFunction": {"true", "false"},
    "functionInDocument": {"CREATION_TIME", "NONE"},
    "mod": set(
        "BEFORE AFTER ON_OR_BEFORE ON_OR_AFTER LESS_THAN MORE_THAN EQUAL_OR_LESS EQUAL_OR_MORE "
        "START MID END APPROX".split()
    ),
    "class": set("OCCURRENCE PERCEPTION REPORTING ASPECTUAL STATE I_STATE I_ACTION".split()),
    "tense": {"PAST", "PRESENT", "FUTURE", "INFINITIVE", "PRESPART", "PASTPART", "NONE"},
    "aspect": {"PROGRESSIVE", "PERFECTIVE", "PERFECTIVE_PROGRESSIVE", "NONE"},
    "pos": {"VERB", "NOUN", "ADJECTIVE", "PREPOSITION", "OTHER"},
    "polarity": {"POS", "NEG"},
}

HOSTILE = (
    'Hamas & Israel <agreed> to "talk" on Monday, officials said; AT&T\'s CEO said ]]> '
    "no.\n\nIn Zürich — “quoted” 東京 😀 talks resumed on March 7, 2024.\tTabs stay."
)


def _extract(nlp, text: str, **fields) -> ArticleExtraction:
    article = Article(id=fields.pop("id", "doc"), text=text, published=date(2024, 3, 7), **fields)
    return extract(article, nlp)


def _text_of(xml: str) -> str:
    """The text between <TEXT> and </TEXT> with the tags removed and entities unescaped."""
    body = xml.split("<TEXT>", 1)[1].rsplit("</TEXT>", 1)[0]
    return html.unescape(re.sub(r"<[^>]*>", "", body))


def _tagged(text_element: ET.Element) -> list[tuple[str, str, int, int]]:
    """(tag, id, start, end) of every element under <TEXT>, offsets into its text content."""
    spans: list[tuple[str, str, int, int]] = []

    def walk(element: ET.Element, offset: int) -> int:
        start = offset
        offset += len(element.text or "")
        for child in element:
            offset = walk(child, offset)
            offset += len(child.tail or "")
        if element is not text_element:
            ident = element.get("tid") or element.get("eid") or ""
            spans.append((element.tag, ident, start, offset))
        return offset

    walk(text_element, 0)
    return spans


def _check_vocabulary(root: ET.Element) -> None:
    assert root.tag == "TimeML"
    assert root.get(f"{XSI}noNamespaceSchemaLocation") == SCHEMA
    for element in root.iter():
        assert element.tag in ELEMENTS, element.tag
        assert set(element.attrib) <= ELEMENTS[element.tag], (element.tag, element.attrib)
        assert REQUIRED.get(element.tag, set()) <= set(element.attrib), element.attrib
        for name, value in element.attrib.items():
            if name in VALUES:
                assert value in VALUES[name], (element.tag, name, value)
    assert [child.tag for child in root][:2] == ["DOCID", "DCT"]


@pytest.fixture(scope="module")
def hostile(nlp) -> ArticleExtraction:
    return _extract(nlp, HOSTILE, title="Talks & <truce> “now”")


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "Israel struck Gaza on Monday & Hamas said <nothing>.",
        "  Leading spaces, 'single' and \"double\" quotes; trailing newline.\n",
        "Ägypten: Verhandlungen in Kairo gescheitert, sagte Sprecher am Donnerstag. ✓",
    ],
)
def test_text_round_trips_exactly(nlp, text: str) -> None:
    extraction = _extract(nlp, text)
    xml = timeml_document(extraction)
    assert _text_of(xml) == text
    root = ET.fromstring(xml.encode("utf-8"))
    assert "".join(root.find("TEXT").itertext()) == text


def test_carriage_return_survives_xml_parsing() -> None:
    extraction = _hand_made("Talks\r\nresumed.\rEnd", times=[], events=[("e1", 7, 14)])
    xml = timeml_document(extraction)
    assert "&#13;" in xml
    root = ET.fromstring(xml.encode("utf-8"))
    assert "".join(root.find("TEXT").itertext()) == "Talks\r\nresumed.\rEnd"
    assert _text_of(xml) == "Talks\r\nresumed.\rEnd"


def test_dct_docid_and_title(hostile: ArticleExtraction) -> None:
    root = ET.fromstring(timeml_document(hostile).encode("utf-8"))
    _check_vocabulary(root)
    assert root.findtext("DOCID") == "doc"
    [dct] = root.findall("DCT/TIMEX3")
    assert dct.attrib == {
        "tid": "t0",
        "type": "DATE",
        "value": "2024-03-07",
        "temporalFunction": "false",
        "functionInDocument": "CREATION_TIME",
    }
    assert dct.text == "2024-03-07"
    assert root.findtext("TITLE") == "Talks & <truce> “now”"
    assert [c.tag for c in root][:5] == ["DOCID", "DCT", "TITLE", "TEXT", "MAKEINSTANCE"]
    untitled = hostile.model_copy(
        update={"article": hostile.article.model_copy(update={"title": None})}
    )
    assert "<TITLE>" not in timeml_document(untitled, doc_id="AP_1")
    assert "<DOCID>AP_1</DOCID>" in timeml_document(untitled, doc_id="AP_1")


def test_ids_instances_and_offsets(hostile: ArticleExtraction) -> None:
    document = build_timeml(hostile)
    assert document.dropped == () and document.replaced_chars == 0
    root = ET.fromstring(document.xml.encode("utf-8"))
    _check_vocabulary(root)
    text_element = root.find("TEXT")
    tagged = _tagged(text_element)
    timexes = [s for s in tagged if s[0] == "TIMEX3"]
    events = [s for s in tagged if s[0] == "EVENT"]
    mentions = [e for e in hostile.events if e.timeml]  # TimeML's own event mentions
    assert len(timexes) == len(hostile.times) >= 2 and len(events) == len(mentions) >= 4
    assert (document.timexes, document.events) == (len(timexes), len(events))
    # our ids are kept, and each tag sits exactly on the extracted span
    assert sorted(s[1:] for s in timexes) == sorted((t.id, t.start, t.end) for t in hostile.times)
    assert sorted(s[1:] for s in events) == sorted((e.id, *e.head_span) for e in mentions)
    tids = [el.get("tid") for el in root.iter("TIMEX3")]
    eids = [el.get("eid") for el in root.iter("EVENT")]
    assert len(set(tids)) == len(tids) and all(re.fullmatch(r"t\d+", t) for t in tids)
    assert len(set(eids)) == len(eids) and all(re.fullmatch(r"e\d+", e) for e in eids)
    instances = root.findall("MAKEINSTANCE")
    assert sorted(i.get("eventID") for i in instances) == sorted(eids)
    eiids = [i.get("eiid") for i in instances]
    assert len(set(eiids)) == len(eiids) and all(re.fullmatch(r"ei\d+", e) for e in eiids)
    by_id = {e.id: e for e in hostile.events}
    for instance in instances:
        event = by_id[instance.get("eventID")]
        assert instance.get("polarity") == event.polarity.value
        assert instance.get("tense") == event.tense and instance.get("aspect") == event.aspect
    for element in root.iter("TIMEX3"):
        assert element.get("tid") and element.get("type") and element.get("value")


def test_anaforatools_reads_the_file(hostile: ArticleExtraction, tmp_path: Path) -> None:
    path = write_timeml(hostile, tmp_path / "doc.tml")
    assert anafora.timeml.to_document_creation_time(str(path)) == "2024-03-07"
    data = anafora.timeml.to_anafora_data(str(path))  # raises if a tag's text != its offsets
    full_text = anafora.timeml.to_text(str(path))
    entities = [a for a in data.annotations if a.type in ("TIMEX3", "EVENT")]
    relations = [a for a in data.annotations if a.type == "MAKEINSTANCE"]
    mentions = [e for e in hostile.events if e.timeml]  # TimeML's own event mentions
    assert len(entities) == 1 + len(hostile.times) + len(mentions)  # + the DCT
    assert len(relations) == len(mentions)
    texts = sorted(full_text[a.spans[0][0] : a.spans[0][1]] for a in entities)
    expected = [
        "2024-03-07",
        *(t.text for t in hostile.times),
        *(hostile.article.text[slice(*e.head_span)] for e in mentions),
    ]
    assert texts == sorted(expected)
    assert list(tmp_path.iterdir()) == [path]  # atomic write leaves no temp file


def test_output_is_deterministic(nlp) -> None:
    first = timeml_document(_extract(nlp, HOSTILE))
    assert timeml_document(_extract(nlp, HOSTILE)) == first
    assert first.startswith('<?xml version="1.0" ?>\n<TimeML ') and first.endswith("</TimeML>\n")


def test_temporal_function_rule(nlp) -> None:
    extraction = _extract(
        nlp, "On March 7, 2024 and again on Thursday, talks went on for three weeks."
    )
    by_text = {t.text: t for t in extraction.times}
    assert temporal_function(by_text["Thursday"]) is True
    assert temporal_function(next(t for t in extraction.times if "2024" in t.text)) is False
    duration = next(t for t in extraction.times if t.type is TimexType.DURATION)
    assert temporal_function(duration) is False
    root = ET.fromstring(timeml_document(extraction).encode("utf-8"))
    flags = {el.text: el.get("temporalFunction") for el in root.find("TEXT").iter("TIMEX3")}
    assert flags["Thursday"] == "true" and flags[duration.text] == "false"


# --------------------------------------------------------------------------- hand-made spans

NESTED = "Fighting resumed the day after the attack, said Monday statements."
#         0         1         2         3         4         5         6
#         0123456789012345678901234567890123456789012345678901234567890123456


def _hand_made(
    text: str,
    *,
    times: list[tuple[str, int, int]],
    events: list[tuple[str, int, int]],
    title: str | None = None,
) -> ArticleExtraction:
    def prov(start: int, end: int) -> Provenance:
        return Provenance(
            article_id="hand",
            sentence_index=0,
            start=start,
            end=end,
            sentence=text,
            extractor="test",
            version="0",
            confidence=1.0,
        )

    return ArticleExtraction(
        article=Article(id="hand", text=text, published=date(2024, 3, 7), title=title),
        sentences=[Sentence(index=0, start=0, end=len(text), text=text)],
        actors=[],
        times=[
            TimeExpression(
                id=tid,
                text=text[s:e],
                start=s,
                end=e,
                sentence_index=0,
                type=TimexType.DATE,
                value="2024-03-04",
                granularity=Granularity.DAY,
                provenance=prov(s, e),
            )
            for tid, s, e in times
        ],
        events=[
            Event(
                id=eid,
                trigger=text[s:e],
                lemma=text[s:e].lower(),
                start=s,
                end=e,
                sentence_index=0,
                type=EventType.OTHER,
                time=EventTime(source="publication_date"),
                event_class=EventClass.OCCURRENCE,
                tense="PAST",
                provenance=prov(s, e),
            )
            for eid, s, e in events
        ],
        relations=[],
    )


def _parse(document_xml: str) -> list[tuple[str, str, int, int]]:
    root = ET.fromstring(document_xml.encode("utf-8"))
    _check_vocabulary(root)
    return sorted(_tagged(root.find("TEXT")), key=lambda s: (s[2], -s[3]))


def test_timex_containing_an_event_is_nested() -> None:
    # TIMEX3 "the day after the attack" [17:41] holds EVENT "attack" [35:41]
    extraction = _hand_made(NESTED, times=[("t1", 17, 41)], events=[("e1", 0, 8), ("e2", 35, 41)])
    document = build_timeml(extraction, nest=True)
    assert document.dropped == ()
    assert '<TIMEX3 tid="t1"' in document.xml and "attack</EVENT></TIMEX3>" in document.xml
    assert _parse(document.xml) == [
        ("EVENT", "e1", 0, 8),
        ("TIMEX3", "t1", 17, 41),
        ("EVENT", "e2", 35, 41),
    ]
    assert _text_of(document.xml) == NESTED


def test_event_containing_a_timex_is_nested() -> None:
    # EVENT "Monday statements" [48:65] holds TIMEX3 "Monday" [48:54] (same start)
    extraction = _hand_made(NESTED, times=[("t1", 48, 54)], events=[("e1", 48, 65)])
    document = build_timeml(extraction, nest=True)
    assert document.dropped == ()
    assert '<EVENT eid="e1" class="OCCURRENCE"><TIMEX3 tid="t1"' in document.xml
    assert _parse(document.xml) == [("EVENT", "e1", 48, 65), ("TIMEX3", "t1", 48, 54)]
    assert _text_of(document.xml) == NESTED


def test_crossing_spans_drop_the_later_one() -> None:
    # EVENT "resumed the day" [9:24] crosses TIMEX3 "the day after" [17:30]; EVENT "attack"
    # [35:41] has the same span as TIMEX3 [35:41]; EVENT [43:47] overlaps EVENT [44:52];
    # EVENT [60:80] runs past the end of the text.
    extraction = _hand_made(
        NESTED,
        times=[("t1", 17, 30), ("t2", 35, 41)],
        events=[("e1", 9, 24), ("e2", 35, 41), ("e3", 43, 47), ("e4", 44, 52), ("e5", 60, 80)],
    )
    document = build_timeml(extraction)
    dropped = {(d.kind, d.id): d.reason for d in document.dropped}
    assert set(dropped) == {("TIMEX3", "t1"), ("EVENT", "e2"), ("EVENT", "e4"), ("EVENT", "e5")}
    assert dropped["TIMEX3", "t1"] == "crosses EVENT e1 [9:24]"
    assert dropped["EVENT", "e2"] == "same span as TIMEX3 t2 [35:41]"
    assert dropped["EVENT", "e4"] == "crosses EVENT e3 [43:47]"
    assert dropped["EVENT", "e5"].startswith("span outside the text")
    assert _parse(document.xml) == [
        ("EVENT", "e1", 9, 24),
        ("TIMEX3", "t2", 35, 41),
        ("EVENT", "e3", 43, 47),
    ]
    assert _text_of(document.xml) == NESTED
    root = ET.fromstring(document.xml.encode("utf-8"))
    assert sorted(i.get("eventID") for i in root.findall("MAKEINSTANCE")) == ["e1", "e3"]
    assert "e2" not in document.xml.split("</TEXT>")[1]


def test_no_nesting_by_default() -> None:
    extraction = _hand_made(NESTED, times=[("t1", 17, 41)], events=[("e2", 35, 41)])
    document = build_timeml(extraction)
    assert [(d.kind, d.id, d.reason) for d in document.dropped] == [
        ("EVENT", "e2", "inside (nesting disabled) TIMEX3 t1 [17:41]")
    ]
    assert _parse(document.xml) == [("TIMEX3", "t1", 17, 41)]


def test_same_kind_nesting_is_dropped() -> None:
    extraction = _hand_made(NESTED, times=[], events=[("e1", 17, 41), ("e2", 35, 41)])
    document = build_timeml(extraction, nest=True)
    assert [(d.id, d.reason) for d in document.dropped] == [("e2", "inside EVENT e1 [17:41]")]


def test_foreign_ids_are_renumbered_in_text_order() -> None:
    extraction = _hand_made(
        NESTED, times=[("T-9", 48, 54), ("t0", 17, 24)], events=[("x", 35, 41), ("x", 0, 8)]
    )
    tenses = {"e1": "PRESENT", "e2": "FUTURE"}  # the duplicate ids keep their own attributes
    extraction.events[0].tense, extraction.events[1].tense = "FUTURE", "PRESENT"
    xml = build_timeml(extraction).xml
    root = ET.fromstring(xml.encode("utf-8"))
    assert {i.get("eventID"): i.get("tense") for i in root.iter("MAKEINSTANCE")} == tenses
    spans = _parse(xml)
    assert [s[:2] for s in spans] == [
        ("EVENT", "e1"),
        ("TIMEX3", "t1"),
        ("EVENT", "e2"),
        ("TIMEX3", "t2"),
    ]


def test_attribute_values_are_escaped_and_unknown_values_neutralised() -> None:
    extraction = _hand_made(NESTED, times=[("t1", 48, 54)], events=[("e1", 0, 8)])
    timex = extraction.times[0].model_copy(update={"value": 'X"<&\n>', "mod": "SOMETIME"})
    event = extraction.events[0].model_copy(
        update={
            "tense": "pluperfect",
            "aspect": "perfective",
            "pos": "AUX",
            "polarity": Polarity.NEGATIVE,
        }
    )
    extraction = extraction.model_copy(update={"times": [timex], "events": [event]})
    root = ET.fromstring(timeml_document(extraction).encode("utf-8"))
    _check_vocabulary(root)
    element = root.find("TEXT/TIMEX3")
    assert element.get("value") == 'X"<&\n>' and "mod" not in element.attrib
    instance = root.find("MAKEINSTANCE")
    assert (instance.get("tense"), instance.get("aspect"), instance.get("pos")) == (
        "NONE",
        "PERFECTIVE",
        "OTHER",
    )
    assert instance.get("polarity") == "NEG"


def test_characters_xml_cannot_hold_become_spaces_keeping_offsets() -> None:
    text = "Talks\x0cresumed\x01 on Monday.\ufffe"
    extraction = _hand_made(text, times=[("t1", 18, 24)], events=[("e1", 6, 13)])
    document = build_timeml(extraction)
    assert document.replaced_chars == 3
    root = ET.fromstring(document.xml.encode("utf-8"))
    assert "".join(root.find("TEXT").itertext()) == "Talks resumed  on Monday. "
    assert _parse(document.xml) == [("EVENT", "e1", 6, 13), ("TIMEX3", "t1", 18, 24)]


# --------------------------------------------------------------------------- JSON


def test_extraction_json_validates_back(hostile: ArticleExtraction, tmp_path: Path) -> None:
    path = write_extraction_json(hostile, tmp_path / "doc.json")
    raw = path.read_text(encoding="utf-8")
    assert ArticleExtraction.model_validate(json.loads(raw)) == hostile
    assert raw == json.dumps(json.loads(raw), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert render_extraction_json(hostile) == raw
    assert "東京" in raw  # readable, not \\u-escaped
