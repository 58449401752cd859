"""Annotated corpora: TimeML / TempEval-3 and NewsReader CAT XML readers, safe XML, detection."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from defusedxml.ElementTree import parse as parse_xml_file

from tg_paths import SHARED_EVAL
from timelinegraph.errors import InputError
from timelinegraph.ingest import (
    AnnotatedDocument,
    find_annotated_files,
    find_article_files,
    read_annotated,
    read_articles,
)
from timelinegraph.ingest.annotated import document_stem, parse_creation_date
from timelinegraph.ingest.cat import detokenize

MEANTIME = SHARED_EVAL / "meantime-english" / "intra-doc_annotation"
SEMEVAL = SHARED_EVAL / "semeval2015-task4-timeline"

TE3_GOLD = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">
<DOCID>AP_20130322</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22T10:30:00" temporalFunction="false" \
functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TITLE>Cyprus  bank
 talks</TITLE>
<TEXT>
NICOSIA, Cyprus (AP) &#8212; Lawmakers <EVENT eid="e1" class="OCCURRENCE">voted</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> to <EVENT eid="e2" \
class="OCCURRENCE">restructure</EVENT> banks &amp; funds
<TIMEX3 tid="t2" type="DURATION" value="P2W" mod="APPROX">about two weeks</TIMEX3> later.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="INFINITIVE" aspect="NONE" polarity="NEG" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei3" tense="PAST" aspect="PERFECTIVE" polarity="POS" pos="NOUN"/>
<MAKEINSTANCE eventID="e9" eiid="ei9" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""

TE3_TEXT = (
    "\nNICOSIA, Cyprus (AP) \u2014 Lawmakers voted Thursday to restructure banks & funds\n"
    "about two weeks later.\n"
)

TE3_INPUT = """<?xml version="1.0" ?>
<TimeML>
<DOCID>AP_20130322</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">\
2013-03-22</TIMEX3></DCT>
<TEXT>
NICOSIA, Cyprus (AP) &#8212; Lawmakers voted Thursday to restructure banks &amp; funds
about two weeks later.
</TEXT>
</TimeML>
"""

SEMEVAL_STYLE = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>1664</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="03-02-2009">\
03-02-2009</TIMEX3></DCT>
<EXTRAINFO>Sales  down</EXTRAINFO>
<TEXT><s id="0">Sales down</s><s id="1">February 03 , 2009</s><s id="2">Jobs \
<EVENT eid="e1">said</EVENT> .</s> <s id="3"><EVENT eid="e2" class="OCCURRENCE">Talks</EVENT> \
ended .</s><s id="4"><EVENT eid="e3">Sales</EVENT></s></TEXT>
</TimeML>
"""


def _cat_tokens(sentences: list[str]) -> str:
    lines, t_id = [], 0
    for number, sentence in enumerate(sentences):
        for word in sentence.split(" "):
            t_id += 1
            word = word.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            lines.append(
                f'<token t_id="{t_id}" sentence="{number}" number="{t_id - 1}">{word}</token>'
            )
    return "\n".join(lines)


def _anchors(*t_ids: int) -> str:
    return "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)


# t_ids: 1-4 headline, 5-8 date line, 9-21 sentence 2, 22-31 sentence 3, 32-34 sentence 4
CAT_SENTENCES = [
    "Acme buys Widget Co",
    "March 3 , 2010",
    "Acme Corp. said on Monday it bought Widget 's factory .",
    'The deal ( worth $ 5 million ) closed " today " .',
    "Nothing annotated here .",
]
CAT_DOC = f"""<?xml version="1.0" ?><Document doc_id="4242" doc_name="4242_Acme_buys_Widget" \
lang="en" url="http://en.wikinews.org/wiki/Acme_buys_Widget">
{_cat_tokens(CAT_SENTENCES)}
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM">{_anchors(1)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM">{_anchors(9, 10)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO">{_anchors(14)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NOM">{_anchors(16, 18)}</ENTITY_MENTION>
<EVENT_MENTION m_id="5" pos="VERB" tense="PAST" aspect="NONE" polarity="POS" \
certainty="CERTAIN">{_anchors(11)}</EVENT_MENTION>
<EVENT_MENTION m_id="6" pos="VERB" tense="PAST" aspect="NONE" polarity="POS">\
{_anchors(15)}</EVENT_MENTION>
<TIMEX3 m_id="7" type="DATE" value="2010-03-03" functionInDocument="CREATION_TIME">\
{_anchors(5, 6, 7, 8)}</TIMEX3>
<TIMEX3 m_id="8" type="DATE" value="2010-03-01" functionInDocument="NONE">{_anchors(13)}</TIMEX3>
<TIMEX3 m_id="9" type="DATE" value="2010-03-04" functionInDocument="NONE" TAG_DESCRIPTOR="x"/>
<VALUE m_id="10" type="MONEY">{_anchors(26, 27, 28)}</VALUE>
<ENTITY m_id="20" ent_type="ORG" TAG_DESCRIPTOR="Acme"/>
<EVENT m_id="21" class="SPEECH_COGNITIVE" TAG_DESCRIPTOR="said"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><source m_id="3"/>\
<target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="5"/><target m_id="21"/></REFERS_TO>
<HAS_PARTICIPANT r_id="3" sem_role="Arg0"><source m_id="5"/><target m_id="2"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="4" sem_role="Arg1"><source m_id="6"/><target m_id="4"/></HAS_PARTICIPANT>
<TLINK r_id="5" reltype="BEFORE"><source m_id="6"/><target m_id="7"/></TLINK>
</Relations>
</Document>
"""

CAT_TEXT = (
    "Acme buys Widget Co\n\nMarch 3, 2010\n\n"
    "Acme Corp. said on Monday it bought Widget's factory.\n"
    'The deal (worth $5 million) closed "today".\n'
    "Nothing annotated here."
)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def assert_offsets(doc: AnnotatedDocument) -> None:
    for annotation in (*doc.timexes, *doc.events, *doc.entities):
        assert doc.article.text[annotation.start : annotation.end] == annotation.text
        assert annotation.text == annotation.text.strip()


# --------------------------------------------------------------------------- TimeML


def test_tempeval3_gold(tmp_path):
    doc = read_annotated(write(tmp_path, "AP_20130322.tml", TE3_GOLD))
    assert doc.format == "timeml"
    assert doc.article.text == TE3_TEXT
    assert doc.article.id == "AP_20130322"
    assert doc.article.published == date(2013, 3, 22)
    assert doc.article.title == "Cyprus bank talks"
    assert doc.layers == ["timex", "event"]
    assert_offsets(doc)
    assert [(t.id, t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("t1", "Thursday", "DATE", "2013-03-21", None),
        ("t2", "about two weeks", "DURATION", "P2W", "APPROX"),
    ]
    voted, restructure = doc.events
    assert (voted.id, voted.text, voted.event_class) == ("e1", "voted", "OCCURRENCE")
    assert (voted.tense, voted.aspect, voted.polarity, voted.pos) == ("PAST", "NONE", "POS", "VERB")
    # the first MAKEINSTANCE of an event wins; one for an unknown event is ignored
    assert (restructure.tense, restructure.polarity, restructure.pos) == (
        "INFINITIVE",
        "NEG",
        "VERB",
    )


def test_te3input_has_no_layers(tmp_path):
    doc = read_annotated(write(tmp_path, "AP_20130322.tml.TE3input", TE3_INPUT))
    assert doc.article.id == "AP_20130322"
    assert doc.article.text == TE3_TEXT
    assert doc.layers == [] and doc.timexes == [] and doc.events == []


def test_gold_tml_without_timexes_still_annotates_the_timex_layer(tmp_path):
    text = re.sub(r"<TIMEX3 tid=\"t[12]\"[^>]*>([^<]*)</TIMEX3>", r"\1", TE3_GOLD)
    doc = read_annotated(write(tmp_path, "a.tml", text))
    assert doc.timexes == [] and doc.layers == ["timex", "event"]
    assert doc.article.text == TE3_TEXT


def test_semeval_sentences_do_not_glue(tmp_path):
    doc = read_annotated(write(tmp_path, "1664-Sales_down.tml", SEMEVAL_STYLE))
    # a newline only where <s> elements touch; the existing space before <s id="3"> is kept
    assert doc.article.text == "Sales down\nFebruary 03 , 2009\nJobs said . Talks ended .\nSales"
    assert doc.article.published == date(2009, 2, 3)  # "03-02-2009", settled by the date line
    assert doc.article.title == "Sales down"
    assert doc.layers == ["event"]
    assert_offsets(doc)
    assert [(e.text, e.event_class) for e in doc.events] == [
        ("said", None),
        ("Talks", "OCCURRENCE"),
        ("Sales", None),
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: re.sub(r"<DCT>.*?</DCT>", "", t, flags=re.DOTALL), "no <DCT><TIMEX3"),
        (lambda t: t.replace('value="2013-03-22"', 'value="2013-02-30"'), "invalid DCT value"),
        (lambda t: t.replace('value="2013-03-22"', 'value="PRESENT_REF"'), "'PRESENT_REF'"),
        (lambda t: re.sub(r"<TEXT>.*</TEXT>", "", t, flags=re.DOTALL), "no <TEXT> element"),
        (lambda t: re.sub(r"<TEXT>.*</TEXT>", "<TEXT> </TEXT>", t, flags=re.DOTALL), "empty"),
    ],
)
def test_bad_timeml(tmp_path, change, problem):
    path = write(tmp_path, "bad.tml", change(TE3_INPUT))
    with pytest.raises(InputError) as info:
        read_annotated(path)
    assert problem in info.value.problem
    assert "bad.tml" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("value", "context", "expected"),
    [
        ("2013-03-22", "", date(2013, 3, 22)),
        ("1998-02-13T14:26:00", "", date(1998, 2, 13)),
        ("13-02-2009", "", date(2009, 2, 13)),  # only day-first is a date
        ("02-13-2009", "", date(2009, 2, 13)),  # only month-first is a date
        ("03-02-2009", "February 03, 2009", date(2009, 2, 3)),
        ("03-02-2009", "Mar. 2, 2009", date(2009, 3, 2)),
        ("05-05-2009", "", date(2009, 5, 5)),
    ],
)
def test_creation_dates(value, context, expected):
    assert parse_creation_date(value, context) == expected


@pytest.mark.parametrize("value", ["03-02-2009", "2009-13-01", "PRESENT_REF", "", "31-31-2009"])
def test_bad_creation_dates(value):
    with pytest.raises(ValueError):
        parse_creation_date(value, "no month named here")


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("AP_20130322.tml.TE3input", "AP_20130322"),
        ("4980_Apple_releases_Macbook.txt.xml", "4980_Apple_releases_Macbook"),
        ("wsj_0006.TML", "wsj_0006"),
        ("notes.v2.xml", "notes.v2"),
    ],
)
def test_document_stem(name, stem):
    assert document_stem(Path(name)) == stem


# --------------------------------------------------------------------------- CAT


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (["Apple", "'s", "shares", "rose", "5", "%", "."], "Apple's shares rose 5%."),
        (
            ["It", "does", "n't", "matter", ",", "they", "'re", "sure", "!"],
            "It doesn't matter, they're sure!",
        ),
        (["(", "AP", ")", "costs", "$", "99", ";", "[", "sic", "]"], "(AP) costs $99; [sic]"),
        (["He", "said", '"', "no", '"', "."], 'He said "no".'),
        (['"', "Go", "."], '"Go.'),
        (["the", "end", ".", '"'], 'the end."'),
        (["a", '"', "b", '"', "c", '"', "d", '"'], 'a "b" c "d"'),
        (["said", ":", "``", "yes", "''", "and", "Jobs", "'"], "said: ``yes'' and Jobs'"),
        (["I", "'M", "fine", "..."], "I'M fine..."),
        ([], ""),
    ],
)
def test_detokenize(words, text):
    joined, spans = detokenize(words)
    assert joined == text
    assert [joined[s:e] for s, e in spans] == words


def test_cat_document(tmp_path):
    doc = read_annotated(write(tmp_path, "whatever.xml", CAT_DOC))
    article = doc.article
    assert doc.format == "cat"
    assert article.text == CAT_TEXT
    assert article.id == "4242_Acme_buys_Widget"
    assert article.title == "Acme buys Widget Co"
    assert article.url == "http://en.wikinews.org/wiki/Acme_buys_Widget"
    assert article.published == date(2010, 3, 3)
    assert article.published_source == "metadata"
    assert [article.text[s:e] for s, e in article.skip_spans] == ["March 3, 2010"]
    assert doc.layers == ["timex", "event", "entity", "role", "coref"]
    [(start, end)] = doc.scope
    assert start == 0 and article.text[:end].endswith('closed "today".')  # last marked sentence
    assert_offsets(doc)
    # the creation time and the anchorless TIMEX3 are not time expressions of the text
    assert [(t.id, t.text, t.value) for t in doc.timexes] == [("8", "Monday", "2010-03-01")]
    assert [(e.id, e.text, e.type, e.syntactic_type) for e in doc.entities] == [
        ("1", "Acme", "ORG", "NAM"),
        ("2", "Acme Corp.", "ORG", "NAM"),
        ("3", "it", "ORG", "PRO"),
        ("4", "Widget's factory", None, "NOM"),  # discontinuous anchors: first to last token
    ]
    assert [(e.id, e.text, e.event_class, e.tense, e.pos) for e in doc.events] == [
        ("5", "said", "SPEECH_COGNITIVE", "PAST", "VERB"),
        ("6", "bought", None, "PAST", "VERB"),
    ]
    assert [(r.event_id, r.entity_id, r.role) for r in doc.roles] == [
        ("5", "2", "Arg0"),
        ("6", "4", "Arg1"),
    ]
    # REFERS_TO an instance without instance_id: a chain of this document; others: singletons
    assert [(c.mention_id, c.kind, c.chain) for c in doc.coref] == [
        ("1", "entity", "4242_Acme_buys_Widget/20"),
        ("2", "entity", "4242_Acme_buys_Widget/20"),
        ("5", "event", "4242_Acme_buys_Widget/21"),
        ("3", "entity", "4242_Acme_buys_Widget/20"),
        ("6", "event", "4242_Acme_buys_Widget/6"),
        ("4", "entity", "4242_Acme_buys_Widget/4"),
    ]


def test_cat_events_only_and_odd_creation_date(tmp_path):
    # SemEval TimeLine's CAT files: events all through the text, nothing else
    text = re.sub(r"<ENTITY_MENTION .*?</ENTITY_MENTION>\n", "", CAT_DOC, flags=re.DOTALL)
    text = re.sub(r"<HAS_PARTICIPANT .*?</HAS_PARTICIPANT>\n", "", text, flags=re.DOTALL)
    text = re.sub(r"<REFERS_TO .*?</REFERS_TO>\n", "", text, flags=re.DOTALL)
    text = re.sub(r"<TIMEX3 m_id=\"8\".*?</TIMEX3>\n", "", text, flags=re.DOTALL)
    text = text.replace('value="2010-03-03"', 'value="03-03-2010"')
    doc = read_annotated(write(tmp_path, "e.xml", text))
    assert doc.layers == ["event"] and doc.scope == [] and doc.coref == []
    assert doc.article.published == date(2010, 3, 3)


def test_cat_without_creation_time_dates_itself_from_the_date_line(tmp_path):
    doc = read_annotated(write(tmp_path, "d.xml", CAT_DOC.replace("CREATION_TIME", "NONE")))
    article = doc.article
    assert (article.published, article.published_source) == (date(2010, 3, 3), "dateline")
    assert [article.text[s:e] for s, e in article.skip_spans] == ["March 3, 2010"]
    # the former creation time is now a time expression of the text
    assert [t.text for t in doc.timexes] == ["March 3, 2010", "Monday"]


def test_cat_without_any_date_needs_a_default(tmp_path):
    text = CAT_DOC.replace("CREATION_TIME", "NONE").replace(">2010<", ">2010s<")
    path = write(tmp_path, "undated.xml", text)
    with pytest.raises(InputError) as info:
        read_annotated(path)
    assert str(info.value) == (
        f"{path}: no publication date in the file or its text; pass --default-date"
    )
    doc = read_annotated(path, default_date=date(2024, 1, 2))
    assert (doc.article.published, doc.article.published_source) == (date(2024, 1, 2), "default")
    [skipped] = read_articles([tmp_path]).skipped
    assert skipped.problem.endswith("pass --default-date")
    [article] = read_articles([tmp_path], default_date=date(2024, 1, 2)).articles
    assert article.published_source == "default"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t.replace('value="2010-03-03"', 'value="2010-3-3x"'), "invalid CREATION_TIME"),
        (
            lambda t: t.replace('<token_anchor t_id="13"/>', '<token_anchor t_id="99"/>'),
            "t_id='99'",
        ),
        (lambda t: re.sub(r"<token .*?</token>\n", "", t), "not a TimeML or CAT XML file"),
    ],
)
def test_bad_cat(tmp_path, change, problem):
    with pytest.raises(InputError) as info:
        read_annotated(write(tmp_path, "bad.xml", change(CAT_DOC)))
    assert problem in info.value.problem and "\n" not in str(info.value)


# --------------------------------------------------------------------------- detection


def test_format_is_recognised_by_content(tmp_path):
    write(tmp_path, "timeml.txt", "\ufeff  \n" + TE3_GOLD)  # BOM and blank lines first
    write(tmp_path, "cat.json", CAT_DOC)
    write(tmp_path, "AP_X.tml.TE3INPUT", TE3_INPUT)
    write(tmp_path, "html.txt", "<p>Hamas said Monday it would return.</p>")
    write(tmp_path, "other.xml", "<?xml version='1.0'?><rss><item>News</item></rss>")
    write(tmp_path, "notes.csv", TE3_INPUT)  # not an article suffix: never read
    assert [p.name for p in find_annotated_files([tmp_path])] == ["AP_X.tml.TE3INPUT", "other.xml"]
    assert len(find_article_files([tmp_path])) == 5

    result = read_articles([tmp_path], default_date=date(2024, 1, 1))
    by_id = {a.id: a for a in result.articles}
    assert sorted(by_id) == ["4242_Acme_buys_Widget", "AP_X", "html", "timeml"]
    assert by_id["timeml"].text == TE3_TEXT  # default_date does not override the DCT
    assert by_id["timeml"].published == date(2013, 3, 22)
    assert by_id["4242_Acme_buys_Widget"].skip_spans  # the date line travels with the article
    assert by_id["html"].text.startswith("<p>")  # a .txt that is not XML stays a text article
    [skipped] = result.skipped
    assert skipped.where.endswith("other.xml")
    assert skipped.problem == "not a TimeML or CAT XML file"


def test_read_annotated_refuses_plain_articles(tmp_path):
    path = write(tmp_path, "a.txt", "date 2024-01-01 Hamas said.")
    with pytest.raises(InputError, match="not a TimeML or CAT XML file"):
        read_annotated(path)
    with pytest.raises(InputError, match="no such file"):
        find_annotated_files([tmp_path / "missing"])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (TE3_INPUT.replace("</TEXT>", "</TXET>"), "invalid XML at line 8: mismatched tag"),
        (TE3_INPUT.replace("&amp; funds", "& funds"), "invalid XML at line 6: not well-formed"),
        (
            TE3_INPUT.replace("&amp; funds", "&nbsp; funds"),
            "invalid XML at line 6: undefined entity",
        ),
        (CAT_DOC.replace("</Document>", ""), "invalid XML at line"),
    ],
)
def test_malformed_xml_is_one_line(tmp_path, content, problem):
    path = write(tmp_path, "broken.xml", content)
    with pytest.raises(InputError) as info:
        read_annotated(path)
    assert info.value.problem.startswith(problem)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)
    [skipped] = read_articles([tmp_path]).skipped
    assert skipped.problem.startswith(problem)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE TimeML [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TimeML><DCT><TIMEX3 value="2013-03-22"/></DCT><TEXT>&lol9;</TEXT></TimeML>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document doc_id="1"><token t_id="1" sentence="0" number="0">&xxe;</token></Document>
"""


@pytest.mark.parametrize(("name", "content"), [("lol.tml", BILLION_LAUGHS), ("xxe.xml", XXE)])
def test_entity_attacks_are_refused_without_expansion(tmp_path, name, content):
    path = write(tmp_path, name, content)
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        read_annotated(path)
    assert time.monotonic() - started < 2
    assert info.value.problem == "XML entities or DTDs are not allowed"
    [skipped] = read_articles([tmp_path]).skipped
    assert skipped.problem == "XML entities or DTDs are not allowed"


# --------------------------------------------------------------------------- real corpora


def _needs(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")


def _assert_sentences_apart(text: str, root) -> None:
    """Each <s> sentence is in the text, followed by whitespace or the end, never glued on."""
    position = 0
    for sentence in root.iter("s"):
        words = "".join(sentence.itertext())
        position = text.index(words, position) + len(words)
        ends_apart = not words or words[-1].isspace()
        assert ends_apart or position == len(text) or text[position].isspace(), words


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.eval
@pytest.mark.slow
@pytest.mark.parametrize("topic", ["corpus_apple", "corpus_gm"])
def test_meantime_corpus(topic):
    _needs(MEANTIME / topic)
    files = sorted((MEANTIME / topic).glob("*.xml"))
    assert len(files) == 30
    for path in files:
        doc = read_annotated(path)
        text = doc.article.text
        assert doc.layers == ["timex", "event", "entity", "role", "coref"]
        assert doc.events and doc.entities and doc.roles
        assert doc.article.published_source == "metadata"
        # REFERS_TO: one chain for every event and entity mention
        assert sorted(c.mention_id for c in doc.coref) == sorted(
            m.id for m in (*doc.events, *doc.entities)
        )
        assert_offsets(doc)
        root = parse_xml_file(path, forbid_dtd=True).getroot()
        tokens = [t for t in root if t.tag == "token"]
        position = {t.get("t_id"): i for i, t in enumerate(tokens)}
        gold = {}
        for markable in root.find("Markables"):
            anchors = [position[a.get("t_id")] for a in markable.iter("token_anchor")]
            if anchors:
                words = tokens[min(anchors) : max(anchors) + 1]
                gold[markable.get("m_id")] = _squash("".join(t.text for t in words))
        for annotation in (*doc.timexes, *doc.events, *doc.entities):
            assert _squash(annotation.text) == gold[annotation.id], (path.name, annotation)
        creation = {
            t.get("m_id")
            for t in root.iter("TIMEX3")
            if t.get("functionInDocument") == "CREATION_TIME"
        }
        assert len(creation) == 1 and not creation & {t.id for t in doc.timexes}
        [(start, end)] = doc.article.skip_spans
        assert text[:start].count("\n") == 2 and re.search(r"\d{4}$", text[start:end])
        # annotated scope: headline, date line and the first body sentences (six in all)
        sentences = len({t.get("sentence") for t in tokens})
        [(zero, scope_end)] = doc.scope
        assert zero == 0 and len(text[:scope_end].split()) > 0
        assert len([line for line in text[:scope_end].split("\n") if line]) == min(6, sentences)


@pytest.mark.eval
@pytest.mark.slow
def test_semeval_timeml_corpus():
    _needs(SEMEVAL)
    files = sorted(SEMEVAL.rglob("*.tml"))
    assert len(files) == 120
    events = 0
    for path in files:
        doc = read_annotated(path)
        assert doc.format == "timeml" and doc.timexes == [] and "timex" not in doc.layers
        root = parse_xml_file(path, forbid_dtd=True).getroot()
        _assert_sentences_apart(doc.article.text, root)
        assert_offsets(doc)
        assert [e.text for e in doc.events] == ["".join(e.itertext()) for e in root.iter("EVENT")]
        events += len(doc.events)
    assert events > 1000
    # the same SemEval documents in CAT form read too
    for path in find_annotated_files([SEMEVAL]):
        if path.suffix == ".xml":
            assert_offsets(read_annotated(path))


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_timeml_reads_like_the_flat_file(tmp_path, depth):
    # the <TEXT> of TE3_GOLD wrapped in `depth` elements: walked without recursion
    head, rest = TE3_GOLD.split("<TEXT>", 1)
    body, tail = rest.split("</TEXT>", 1)
    nested = f"{head}<TEXT>{'<x>' * depth}{body}{'</x>' * depth}</TEXT>{tail}"
    flat = read_annotated(write(tmp_path, "flat.tml", TE3_GOLD))
    doc = read_annotated(write(tmp_path, "deep.tml", nested))
    assert doc.article.text == TE3_TEXT
    assert doc.timexes == flat.timexes and doc.events == flat.events
    assert_offsets(doc)
