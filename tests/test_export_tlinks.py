"""TLINKs in our TimeML output: well formed, read by the TempEval-3 scorer port and, where
Python 2.7 and the toolkit are present, by the original scorer, with the same figures."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tg_paths import SHARED_EVAL
from timelinegraph.evaluate.predicted import predicted_document
from timelinegraph.evaluate.tempeval import score_corpus, score_relations
from timelinegraph.evaluate.tlinks import aligned_relations, document_relations
from timelinegraph.export.timeml import build_timeml
from timelinegraph.extract import extract, extract_doc
from timelinegraph.extract.context import mask_text
from timelinegraph.ingest.timeml import parse_timeml
from timelinegraph.models import Article

PY2 = Path("/root/.pyenv/versions/2.7.18/bin/python")
TOOLS = SHARED_EVAL / "tempeval3-tools" / "evaluation-relations"
TRAIN = SHARED_EVAL / "tempeval3-train"
TEXT = (
    "Egypt said on Tuesday that talks would resume in Cairo after Israel withdrew its "
    "delegation. Hamas then rejected the proposal, officials said. The convoy was hit on "
    "Monday during the fighting, and aid deliveries will stop next week."
)


def test_tlinks_are_written_as_tempeval3_writes_them(nlp, tmp_path):
    extraction = extract(Article(id="a", text=TEXT, published=date(2024, 3, 7)), nlp)
    rendered = build_timeml(extraction)
    timeml = {e.id for e in extraction.events if e.timeml}
    written = [
        k
        for k in extraction.links
        if k.source in timeml and (k.target in timeml or not k.target.startswith("e"))
    ]
    assert rendered.tlinks == len(written) > 0  # links to other mentions are left out
    path = tmp_path / "a.tml"
    path.write_text(rendered.xml, encoding="utf-8")
    doc = parse_timeml(path, rendered.xml)
    ends = set(doc.instances) | {t.id for t in doc.timexes} | {"t0"}
    assert len(doc.tlinks) == rendered.tlinks
    for tlink in doc.tlinks:
        assert tlink.source in doc.instances and tlink.target in ends
    assert [t.id for t in doc.tlinks] == [f"l{n}" for n in range(1, len(doc.tlinks) + 1)]
    relations = document_relations(doc)
    assert score_relations(relations, relations).f1 == 1.0
    tags = re.findall(r"<TLINK [^>]*/>", rendered.xml)
    assert all('relType="' in tag and 'eventInstanceID="ei' in tag for tag in tags)


@pytest.mark.eval
@pytest.mark.slow
def test_our_tml_scores_the_same_through_the_original_scorer(nlp, tmp_path):
    """Two TempEval-3 documents: our .tml, its ids renamed to the gold's as the official
    pipeline's normalizer does, scored by the port and by the original under Python 2."""
    if not (PY2.exists() and TOOLS.is_dir() and TRAIN.is_dir()):
        pytest.skip("needs Python 2.7 and ../shared/eval (tempeval3-tools, tempeval3-train)")
    names = ("TimeBank/wsj_0586.tml", "AQUAINT/APW19980807.0261.tml")
    gold_dir, system_dir = tmp_path / "gold", tmp_path / "system"
    gold_dir.mkdir()
    system_dir.mkdir()
    pairs = []
    for name in names:
        source = TRAIN / name
        text = source.read_text(encoding="utf-8")
        gold = parse_timeml(source, text)
        extraction = extract_doc(gold.article, nlp(mask_text(gold.article)))
        ours_xml = build_timeml(extraction).xml
        ours = parse_timeml(tmp_path / "ours.tml", ours_xml)
        assert ours.tlinks and len(ours.tlinks) == len(
            predicted_document(extraction, timeml=True).tlinks
        )
        renamed = aligned_relations(gold, ours)
        pairs.append((document_relations(gold), renamed))
        (gold_dir / source.name).write_text(text, encoding="utf-8")
        links = "".join(
            f'<TLINK lid="l{n}" relType="{r.rel}" {_end("eventInstanceID", "timeID", r.source)} '
            f"{_end('relatedToEventInstance', 'relatedToTime', r.target)} />\n"
            for n, r in enumerate(renamed, 1)
        )
        (system_dir / source.name).write_text(f"<TimeML>\n{links}</TimeML>\n", encoding="utf-8")
    port = score_corpus(pairs)
    run = subprocess.run(
        [str(PY2), str(TOOLS / "temporal_evaluation.py"), str(gold_dir), str(system_dir), "0"],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    figures = run.stdout.split("Temporal Score\tF1\tP\tR\n")[1].split()[:3]
    # Python 2 rounds halves away from zero, Python 3 to even: 32.03125 may print ...13 or ...12
    ours = [port.f1, port.precision, port.recall]
    assert [float(x) for x in figures] == pytest.approx([100 * x for x in ours], abs=2e-4)
    assert port.f1 > 0.0


def _end(event_attr: str, time_attr: str, name: str) -> str:
    return f'{time_attr if name.startswith("t") else event_attr}="{name}"'
