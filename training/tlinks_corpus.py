"""Pair examples for the relation classifier from the TempEval-3 documents (train and dev parts
only) parsed as extraction parses them (``corpus.parsed``, cached), with gold labels:

- ``dct``: every gold event instance with the publication date (``t0``), labelled with the
  TempEval-3 TLINK between them, or NONE when there is none;
- ``timex``: every gold event with each gold time expression of its sentence (TLINK or NONE);
- ``event``: every MATRES pair of the document (BEFORE, AFTER, EQUAL, VAGUE), in text order;
- ``pair``: the event pairs our candidates propose (``candidates.event_pairs``) with the
  TempEval-3 TLINK between them, or NONE: whether annotators state a relation there at all.

TimeML types outside our five become the nearest one (IDENTITY and DURING: SIMULTANEOUS,
IBEFORE: BEFORE, IAFTER: AFTER); BEGINS, ENDS and their inverses have none and their pairs
are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus import parsed
from spacy.tokens import Doc

from timelinegraph.evaluate.gold_nodes import GoldNodes, gold_nodes
from timelinegraph.evaluate.matres import FLIP, MatresPair, read_matres
from timelinegraph.evaluate.splits import Part, part_of
from timelinegraph.extract.context import ArticleContext
from timelinegraph.extract.links.candidates import event_pairs, timex_pairs
from timelinegraph.extract.links.features import (
    Described,
    dct_features,
    event_features,
    timex_features,
)
from timelinegraph.ingest.annotated import AnnotatedDocument

NONE = "NONE"
SAME = {"IDENTITY": "SIMULTANEOUS", "DURING": "SIMULTANEOUS", "DURING_INV": "SIMULTANEOUS",
        "IBEFORE": "BEFORE", "IAFTER": "AFTER"}  # fmt: skip
OURS = frozenset({"BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS"})
CONVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED",
            "IS_INCLUDED": "INCLUDES", "SIMULTANEOUS": "SIMULTANEOUS"}  # fmt: skip
DCT = "t0"


@dataclass
class PairExample:
    doc: str
    part: Part
    kind: str  # dct | timex | event
    features: list[str]
    label: str


@dataclass
class Document:
    path: Path
    part: Part
    gold: AnnotatedDocument
    doc: Doc
    nodes: GoldNodes
    matres: list[MatresPair]


def documents(folder: Path, matres_dir: Path, cache: Path) -> list[Document]:
    matres = read_matres([matres_dir])
    found = []
    for path, gold, doc in parsed(folder, cache):
        ctx = ArticleContext(article=gold.article, doc=doc)
        stem = path.name.removesuffix(".tml")
        found.append(Document(path, part_of(path), gold, doc, gold_nodes(gold, ctx),
                              matres.get(stem, [])))  # fmt: skip
    return found


def gold_relations(gold: AnnotatedDocument) -> dict[tuple[str, str], str]:
    """(x, y) -> how x lies against y, both ways; None-valued for types we have no name for."""
    rels: dict[tuple[str, str], str] = {}
    for link in gold.tlinks:
        rel = SAME.get(link.rel_type, link.rel_type)
        rel = rel if rel in OURS else "OTHER"
        rels.setdefault((link.source, link.target), rel)
        rels.setdefault((link.target, link.source), CONVERSE.get(rel, "OTHER"))
    return rels


def examples(docs: list[Document]) -> list[PairExample]:
    out: list[PairExample] = []
    for d in docs:
        rels = gold_relations(d.gold)
        nodes = d.nodes
        times = {t.id: t for t in nodes.times}
        name = d.path.name
        described = Described()
        for node in nodes.events.values():
            time = times.get(nodes.attached.get(node.head.i, ""))
            label = rels.get((node.id, DCT), NONE)
            if label != "OTHER":
                feats = dct_features(node, time, described)
                out.append(PairExample(name, d.part, "dct", feats, label))
        for node, time in timex_pairs(list(nodes.events.values()), nodes.times):
            label = rels.get((node.id, time.id), NONE)
            attached = nodes.attached.get(node.head.i) == time.id
            if label != "OTHER":
                feats = timex_features(node, time, attached, described)
                out.append(PairExample(name, d.part, "timex", feats, label))
        for a, b in event_pairs(list(nodes.events.values())):
            label = rels.get((a.id, b.id), NONE)
            if label != "OTHER":
                feats = event_features(a, b, described)
                out.append(PairExample(name, d.part, "pair", feats, label))
        for pair in d.matres:
            a, b = nodes.events.get(pair.source), nodes.events.get(pair.target)
            if a is None or b is None or a.head.i == b.head.i:
                continue
            label = pair.label
            if b.head.i < a.head.i:
                a, b, label = b, a, FLIP[label]
            out.append(PairExample(name, d.part, "event", event_features(a, b, described), label))
    return out
