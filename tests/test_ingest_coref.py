"""ECB+ documents, gold coreference chains (ECB+ and MEANTIME) and publication date inference."""

from __future__ import annotations

import collections
from datetime import date
from pathlib import Path

import pytest
from defusedxml.ElementTree import parse as parse_xml_file

from tg_paths import SHARED_EVAL
from timelinegraph.errors import InputError
from timelinegraph.ingest import AnnotatedDocument, read_annotated, read_articles
from timelinegraph.ingest.annotated import gold_chains
from timelinegraph.ingest.cat import NO_DATE, rebuild_text
from timelinegraph.ingest.dates import find_publication_date, infer_publication_date
from timelinegraph.ingest.ecbplus import ecbplus_layout

ECBPLUS = SHARED_EVAL / "ecbplus"
MEANTIME_CROSS = SHARED_EVAL / "meantime-english" / "intra_cross-doc_annotation"

CSV = "Topic,File,Sentence Number\n1,10ecbplus,1\n1,10ecbplus,3\n1,10ecbplus,4\n1,2ecb,0\n"


def _tokens(sentences: list[str]) -> tuple[str, dict[str, int]]:
    """CAT <token> lines; and where each word's first occurrence is: "word@sentence" → t_id."""
    lines, where, t_id = [], {}, 0
    for number, sentence in enumerate(sentences):
        for word in sentence.split(" "):
            t_id += 1
            where.setdefault(f"{word}@{number}", t_id)
            lines.append(f'<token t_id="{t_id}" sentence="{number}" number="0">{word}</token>')
    return "\n".join(lines), where


def _ecb_doc(name: str, sentences: list[str], markables: str, relations: str) -> str:
    tokens, where = _tokens(sentences)

    def anchor(spec: str) -> str:  # "Betty@3 Ford@3" → token anchors
        return "".join(f'<token_anchor t_id="{where[w]}"/>' for w in spec.split())

    body = markables.format_map(_Anchors(anchor))
    return (
        f'<Document doc_name="{name}.xml" doc_id="DOC1">\n{tokens}\n'
        f"<Markables>\n{body}\n</Markables>\n<Relations>\n{relations}\n</Relations>\n</Document>\n"
    )


class _Anchors(dict):
    def __init__(self, anchor):
        super().__init__()
        self.anchor = anchor

    def __missing__(self, key: str) -> str:
        return self.anchor(key.replace("_", " "))


ECBPLUS_SENTENCES = [
    "http : / / www . example . com / 2013 / 05 / 03 / lohan - rehab",
    "Lohan checks into rehab",
    "May 03 , 2013",
    "Lindsay Lohan entered Betty Ford on Friday .",
    "She checked in at the center .",
    "Her lawyer did not comment .",
]
ECBPLUS_MARKABLES = """
<HUMAN_PART_PER m_id="1">{Lohan@1}</HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="2">{checks@1}</ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="3">{Lindsay@3_Lohan@3}</HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="4">{entered@3}</ACTION_OCCURRENCE>
<LOC_FAC m_id="5">{Betty@3_Ford@3}</LOC_FAC>
<TIME_DATE m_id="6">{Friday@3}</TIME_DATE>
<HUMAN_PART_PER m_id="7">{She@4}</HUMAN_PART_PER>
<ACTION_STATE m_id="8">{checked@4_in@4}</ACTION_STATE>
<LOC_FAC m_id="9">{the@4_center@4}</LOC_FAC>
<HUMAN_PART_PER m_id="10">{lawyer@5}</HUMAN_PART_PER>
<NEG_ACTION_OCCURRENCE m_id="11">{comment@5}</NEG_ACTION_OCCURRENCE>
<TIME_DATE m_id="12">{May@2_03@2_,@2_2013@2}</TIME_DATE>
<HUMAN_PART_PER m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t1_lohan" instance_id="HUM1" />
<ACTION_OCCURRENCE m_id="21" RELATED_TO="" TAG_DESCRIPTOR="t1_rehab" instance_id="ACT1" />
<UNKNOWN_INSTANCE_TAG m_id="22" RELATED_TO="" TAG_DESCRIPTOR="" />
<ACTION_OCCURRENCE m_id="23" RELATED_TO="" TAG_DESCRIPTOR="t1_check_in" instance_id="ACT2" />
"""
ECBPLUS_RELATIONS = """
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1"/><source m_id="3"/><source m_id="7"/>\
<target m_id="20"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="ACT1"><source m_id="2"/><source m_id="4"/>\
<target m_id="21"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="3"><source m_id="5"/><source m_id="9"/><target m_id="22"/></INTRA_DOC_COREF>
<CROSS_DOC_COREF r_id="4" note="ACT2"><source m_id="8"/><target m_id="23"/></CROSS_DOC_COREF>
"""
ECBPLUS_TEXT = (
    "http://www.example.com/2013/05/03/lohan-rehab\n\n"
    "Lohan checks into rehab\n"
    "May 03, 2013\n"
    "Lindsay Lohan entered Betty Ford on Friday.\n"
    "She checked in at the center.\n"
    "Her lawyer did not comment."
)

ECB_SENTENCES = ["Actress Lohan went to rehab .", "Nobody said why ."]
ECB_MARKABLES = """
<HUMAN_PART_PER m_id="1">{Lohan@0}</HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="2">{went@0}</ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="3">{said@1}</ACTION_REPORTING>
<HUMAN_PART_PER m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t1_lohan" instance_id="HUM1" />
"""
ECB_RELATIONS = """<CROSS_DOC_COREF r_id="7" note="HUM1"><source m_id="1"/><target m_id="9"/>\
</CROSS_DOC_COREF>"""


def _corpus(tmp_path: Path, csv: str | None = CSV, **changes: str) -> tuple[Path, Path]:
    """An ECB+-like tree: <tmp>/ECB+/1/1_10ecbplus.xml, 1_2ecb.xml and the sentence csv."""
    folder = tmp_path / "ECB+" / "1"
    folder.mkdir(parents=True)
    if csv is not None:
        (tmp_path / "ECBplus_coreference_sentences.csv").write_text(csv, encoding="utf-8")
    sentences = [changes.get(str(i), s) for i, s in enumerate(ECBPLUS_SENTENCES)]
    plus = folder / "1_10ecbplus.xml"
    plus.write_text(
        _ecb_doc("1_10ecbplus", sentences, ECBPLUS_MARKABLES, ECBPLUS_RELATIONS), encoding="utf-8"
    )
    ecb = folder / "1_2ecb.xml"
    ecb.write_text(_ecb_doc("1_2ecb", ECB_SENTENCES, ECB_MARKABLES, ECB_RELATIONS), "utf-8")
    return plus, ecb


def _texts(doc: AnnotatedDocument, spans) -> list[str]:
    return [doc.article.text[s:e] for s, e in spans]


def test_ecbplus_document(tmp_path):
    plus, _ = _corpus(tmp_path)
    doc = read_annotated(plus)
    article = doc.article
    assert doc.format == "cat" and doc.layers == ["event", "coref"]
    assert article.text == ECBPLUS_TEXT
    assert article.id == "1_10ecbplus"
    assert article.url == "http://www.example.com/2013/05/03/lohan-rehab"
    assert article.title == "Lohan checks into rehab"
    assert (article.published, article.published_source) == (date(2013, 5, 3), "url")
    assert _texts(doc, article.skip_spans) == [article.url]  # the URL is metadata
    # the csv lists sentences 1, 3 and 4 (the URL is sentence 0)
    assert _texts(doc, doc.scope) == [
        "Lohan checks into rehab",
        "Lindsay Lohan entered Betty Ford on Friday.",
        "She checked in at the center.",
    ]
    for mention in (*doc.events, *doc.entities):
        assert article.text[mention.start : mention.end] == mention.text
    assert [(e.id, e.text, e.event_class, e.polarity) for e in doc.events] == [
        ("2", "checks", "ACTION_OCCURRENCE", "POS"),
        ("4", "entered", "ACTION_OCCURRENCE", "POS"),
        ("8", "checked in", "ACTION_OCCURRENCE", "POS"),  # the instance's tag wins
        ("11", "comment", "NEG_ACTION_OCCURRENCE", "NEG"),
    ]
    assert [(e.id, e.text, e.type) for e in doc.entities] == [
        ("1", "Lohan", "HUMAN_PART_PER"),
        ("12", "May 03, 2013", "TIME_DATE"),
        ("3", "Lindsay Lohan", "HUMAN_PART_PER"),
        ("5", "Betty Ford", "LOC_FAC"),
        ("6", "Friday", "TIME_DATE"),
        ("7", "She", "HUMAN_PART_PER"),
        ("9", "the center", "LOC_FAC"),
        ("10", "lawyer", "HUMAN_PART_PER"),
    ]
    # cross-document chains by instance id, the intra-document one scoped by the document,
    # singletons for the rest; time mentions are left out
    chains = {c.mention_id: (c.kind, c.chain) for c in doc.coref}
    assert chains == {
        "1": ("entity", "HUM1"),
        "2": ("event", "ACT1"),
        "3": ("entity", "HUM1"),
        "4": ("event", "ACT1"),
        "5": ("entity", "1_10ecbplus/22"),
        "7": ("entity", "HUM1"),
        "8": ("event", "ACT2"),
        "9": ("entity", "1_10ecbplus/22"),
        "10": ("entity", "1_10ecbplus/10"),
        "11": ("event", "1_10ecbplus/11"),
    }


def test_chains_across_documents_and_scope(tmp_path):
    plus, ecb = _corpus(tmp_path)
    with pytest.raises(InputError) as info:
        read_annotated(ecb)  # no URL, no date line, no date in the text
    assert str(info.value) == f"{ecb}: {NO_DATE}" and "\n" not in str(info.value)
    other = read_annotated(ecb, default_date=date(2008, 12, 9))
    assert (other.article.published, other.article.published_source) == (
        date(2008, 12, 9),
        "default",
    )
    assert other.article.url is None and other.article.title is None
    assert other.article.skip_spans == []
    assert other.article.text == "Actress Lohan went to rehab.\nNobody said why."
    assert _texts(other, other.scope) == ["Actress Lohan went to rehab."]

    docs = [read_annotated(plus), other]
    entities = gold_chains(docs, "entity")
    # in scope only: "lawyer" (sentence 5) and the time mentions are not there
    assert {key: chain for key, chain in entities.items() if key[0] == "1_2ecb"} == {
        ("1_2ecb", 8, 13): "HUM1"
    }
    assert sorted(chain for (aid, _, _), chain in entities.items() if aid == "1_10ecbplus") == [
        "1_10ecbplus/22",
        "1_10ecbplus/22",
        "HUM1",
        "HUM1",
        "HUM1",
    ]
    events = gold_chains(docs, "event")
    assert sorted(events.values()) == ["1_2ecb/2", "ACT1", "ACT1", "ACT2"]  # "said" out of scope


def test_scope_without_the_csv_is_the_annotated_sentences(tmp_path):
    plus, _ = _corpus(tmp_path, csv=None)
    doc = read_annotated(plus)
    assert _texts(doc, doc.scope) == ECBPLUS_TEXT.split("\n\n")[1].split("\n")
    # a csv that does not list the file: the same
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("Topic,File,Sentence Number\n")
    assert read_annotated(plus).scope == doc.scope


def test_date_line_gives_the_date_when_the_url_does_not(tmp_path):
    plus, _ = _corpus(tmp_path, **{"0": "http : / / www . example . com / lohan"})
    doc = read_annotated(plus)
    article = doc.article
    assert (article.published, article.published_source) == (date(2013, 5, 3), "dateline")
    assert article.url == "http://www.example.com/lohan"
    assert _texts(doc, article.skip_spans) == [article.url, "May 03, 2013"]
    assert article.title == "Lohan checks into rehab"


def test_ecb_files_read_as_articles(tmp_path):
    _corpus(tmp_path)
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["1_10ecbplus"]
    [skipped] = result.skipped
    assert skipped.where.endswith("1_2ecb.xml") and skipped.problem == NO_DATE
    result = read_articles([tmp_path], default_date=date(2008, 12, 9))
    assert [(a.id, a.published_source) for a in result.articles] == [
        ("1_10ecbplus", "url"),
        ("1_2ecb", "default"),
    ]


MEANTIME_DOC = """<?xml version="1.0" ?><Document doc_id="{n}" doc_name="{n}_Apple_news" \
lang="en" url="http://en.wikinews.org/wiki/x{n}">
<token t_id="1" sentence="0" number="0">Apple</token>
<token t_id="2" sentence="0" number="1">sues</token>
<token t_id="3" sentence="1" number="0">May</token>
<token t_id="4" sentence="1" number="1">3</token>
<token t_id="5" sentence="1" number="2">,</token>
<token t_id="6" sentence="1" number="3">2010</token>
<token t_id="7" sentence="2" number="0">It</token>
<token t_id="8" sentence="2" number="1">sued</token>
<token t_id="9" sentence="2" number="2">Nokia</token>
<token t_id="10" sentence="2" number="3">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<EVENT_MENTION m_id="2" pos="VERB"><token_anchor t_id="2"/></EVENT_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO"><token_anchor t_id="7"/></ENTITY_MENTION>
<EVENT_MENTION m_id="4" pos="VERB"><token_anchor t_id="8"/></EVENT_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="9"/></ENTITY_MENTION>
<TIMEX3 m_id="6" type="DATE" value="2010-05-03" functionInDocument="CREATION_TIME">\
<token_anchor t_id="3"/><token_anchor t_id="6"/></TIMEX3>
<ENTITY m_id="20" ent_type="ORG" TAG_DESCRIPTOR="Apple" instance_id="ORG1"/>
<EVENT m_id="21" class="OTHER" TAG_DESCRIPTOR="sue" instance_id="OTH1"/>
<EVENT m_id="22" class="OTHER" TAG_DESCRIPTOR="sued"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="{event}"/><target m_id="{instance}"/></REFERS_TO>
</Relations>
</Document>
"""


def test_meantime_instance_ids_are_corpus_wide_chains(tmp_path):
    first = tmp_path / "1_Apple.xml"
    first.write_text(MEANTIME_DOC.format(n=1, event=2, instance=21), encoding="utf-8")
    second = tmp_path / "2_Apple.xml"
    second.write_text(MEANTIME_DOC.format(n=2, event=4, instance=22), encoding="utf-8")
    docs = [read_annotated(first), read_annotated(second)]
    assert all(doc.layers[-1] == "coref" for doc in docs)
    assert docs[0].article.published_source == "metadata"
    entities = gold_chains(docs, "entity")
    assert entities == {
        ("1_Apple_news", 0, 5): "ORG1",
        ("1_Apple_news", 25, 27): "ORG1",
        ("1_Apple_news", 33, 38): "1_Apple_news/5",
        ("2_Apple_news", 0, 5): "ORG1",
        ("2_Apple_news", 25, 27): "ORG1",
        ("2_Apple_news", 33, 38): "2_Apple_news/5",
    }
    assert gold_chains(docs, "event") == {
        ("1_Apple_news", 6, 10): "OTH1",
        ("1_Apple_news", 28, 32): "1_Apple_news/4",
        ("2_Apple_news", 6, 10): "2_Apple_news/2",
        ("2_Apple_news", 28, 32): "2_Apple_news/22",  # an instance of this document only
    }


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ("http://articles.latimes.com/2013/may/03/local/la-me-0504-lohan-rehab-20130504\nX", "url"),
        ("http://x.com/news/2013/05/03/story/\nMay 4, 2013", "url"),
        ("see www.x.com/a/2013-05-03-story.htm", "url"),
        ("http://www.x.com/web_2013_05_03_q.html", "url"),
        ("http://www.x.com/20130503/story", "url"),
        ("http://boston.x.com/article.jsp?ymd=20130503&id=1", "url"),
        ("Lohan checks into rehab\nMay 03 , 2013\nShe went.", "dateline"),
        ("Title\nFriday, May 3, 2013 5:03pm\nShe went.", "dateline"),
        ("Title\nPUBLISHED: FRIDAY, MAY 3, 2013, 1: 32 PM\nUPDATED: MAY 4, 2013", "dateline"),
        ("Title\n3 May 2013 Last updated at 11:11 GMT\nText.", "dateline"),
        ("Title\nWASHINGTON, DC, May 3, 2013\nText.", "dateline"),
        ("Title\n2013 - 05 - 03\nText.", "dateline"),
        ("He left on May 1, 2013. She came on 3 May 2013 and stayed.", "body"),
        ("On 2013-05-03 it rained; on April 30, 2013 it did not.", "body"),
    ],
)
def test_inferred_dates(text, how):
    assert infer_publication_date(text) == (date(2013, 5, 3), how)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Updated 05/13/2013 at 11:00 AM EDT", date(2013, 5, 13)),
        ("Last updated 13: 26 14 / 09 / 2013", date(2013, 9, 14)),
        ("Posted 12 / 16 / 08 1: 30 AM EST", date(2008, 12, 16)),
        ("Posted 05/05/2013", date(2013, 5, 5)),
        ("Published: 2012. 08. 08 09: 01 AM", date(2012, 8, 8)),
        ("10: 55 P. M. FEB. 2, 2009", date(2009, 2, 2)),
        ("Published: 09th June 2013", date(2013, 6, 9)),
        ("FOR IMMEDIATE RELEASE July 13, 2009", date(2009, 7, 13)),
    ],
)
def test_numeric_and_odd_date_lines(line, day):
    assert infer_publication_date(f"Some headline\n{line}\nStory.") == (day, "dateline")


@pytest.mark.parametrize(
    "text",
    [
        "http://x.com/2013/05/story.html\nIn 2013 she went to rehab.",  # year and month only
        "Title\n03/05/2013\nText.",  # day and month could be swapped
        "Title\n04.05.13\nText.",
        "Page was born on April 22, 1923. She died in 2008.",  # a later year: not the date
        "http://sportzassassin.blogspot.nl/2005_05_01_archive.html",
        "May 2013 was warm; 31 February 2013 is no date.",
        "",
    ],
)
def test_no_inferred_date(text):
    assert infer_publication_date(text) is None


def test_date_lines_and_skip_spans():
    text = "Reid checked herself in on Tuesday, December 9, 2008.\nShe is fine."
    # a story sentence is no date line, but its date is the latest in the text
    assert infer_publication_date(text) == (date(2008, 12, 9), "body")
    text = "May 4, 2013\nTitle\nMay 3, 2013\nText."
    assert infer_publication_date(text) == (date(2013, 5, 4), "dateline")
    # skipped lines are not date lines, and their dates are not the text's
    assert infer_publication_date(text, [(0, 11)]) == (date(2013, 5, 3), "dateline")
    found = find_publication_date(text, [(0, 11)])
    assert found is not None and text[slice(*found.span)] == "May 3, 2013"
    assert infer_publication_date("x\ny\nz\nu\nv\nw\nMay 3, 2013") == (date(2013, 5, 3), "body")
    # the day a page was saved is not when it was published
    text = "Title\nPosted 1 year ago [downloaded on 2 October 2013]\nMay 3, 2013\nText."
    assert infer_publication_date(text) == (date(2013, 5, 3), "dateline")


# --------------------------------------------------------------------------- real corpora


def _needs(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")


@pytest.mark.eval
@pytest.mark.slow
def test_ecbplus_corpus():
    _needs(ECBPLUS / "ECB+")
    files = sorted((ECBPLUS / "ECB+").rglob("*.xml"))
    assert len(files) > 700
    how: collections.Counter[str] = collections.Counter()
    docs = []
    for path in files:
        try:
            read_annotated(path)
        except InputError as exc:
            assert exc.problem == NO_DATE, exc
            how["none"] += 1
        doc = read_annotated(path, default_date=date(2000, 1, 1))
        docs.append(doc)
        article = doc.article
        url_skip = article.skip_spans[:1] if article.url else []
        found = infer_publication_date(article.text, url_skip)
        if found:
            how[found[1]] += 1
            assert (found[0], found[1]) == (article.published, article.published_source)
        else:
            assert article.published_source == "default"
        # every token sits where the text says, and so does every mention
        root = parse_xml_file(path, forbid_dtd=True).getroot()
        elements = [t for t in root if t.tag == "token"]
        tokens = rebuild_text(path, elements, ecbplus_layout)
        assert [tokens.text[s:e] for s, e in tokens.spans] == [t.text or "" for t in elements]
        assert tokens.text == article.text
        for mention in (*doc.events, *doc.entities):
            assert article.text[mention.start : mention.end] == mention.text
        mentions = {m.id for m in doc.events}
        mentions |= {m.id for m in doc.entities if not (m.type or "").startswith("TIME_")}
        assert sorted(c.mention_id for c in doc.coref) == sorted(mentions)
        assert doc.scope and doc.events
        if path.name.endswith("ecbplus.xml"):
            assert article.url and article.skip_spans[0] == (0, len(article.url))
    # figures from the corpus as stored (topics 1-35 of ECB+ 1.0)
    assert how["url"] > 100 and how["dateline"] > 200 and how["body"] > 10
    assert sum(how.values()) == len(files)

    # Tara Reid (topic 1, ECB part) is one person all through
    reid = collections.defaultdict(set)
    for doc in docs:
        if doc.article.id.startswith("1_") and doc.article.id.endswith("ecb"):
            entities = {e.id: e for e in doc.entities}
            for link in doc.coref:
                if link.mention_id in entities and entities[link.mention_id].text == "Tara Reid":
                    reid[link.chain].add(doc.article.id)
    [(chain, members)] = reid.items()
    assert "/" not in chain and len(members) > 10

    events, entities = gold_chains(docs, "event"), gold_chains(docs, "entity")
    assert len(events) > 4000 and len(entities) > 4000
    spread = collections.defaultdict(set)
    for (aid, _, _), chain in events.items():
        spread[chain].add(aid)
    assert sum(len(ids) >= 2 for ids in spread.values()) > 300


@pytest.mark.eval
@pytest.mark.slow
@pytest.mark.parametrize("topic", ["corpus_apple", "corpus_gm"])
def test_meantime_cross_document_chains(topic):
    _needs(MEANTIME_CROSS / topic)
    docs = [read_annotated(path) for path in sorted((MEANTIME_CROSS / topic).glob("*.xml"))]
    assert len(docs) == 30
    for doc in docs:
        assert "coref" in doc.layers
        assert sorted(c.mention_id for c in doc.coref) == sorted(
            m.id for m in (*doc.events, *doc.entities)
        )
    for kind in ("entity", "event"):
        spread = collections.defaultdict(set)
        for (aid, _, _), chain in gold_chains(docs, kind).items():
            spread[chain].add(aid)
        shared = [chain for chain, ids in spread.items() if len(ids) >= 2]
        assert shared and all("/" not in chain for chain in shared)
