"""Train the temporal relation classifier and write ``src/timelinegraph/data/tlink_model.tsv``.

Needs scikit-learn (training only; the package reads the weights with numpy):

    python training/train_tlinks.py ../shared/eval/tempeval3-train ../shared/eval/matres
    python training/train_tlinks.py ../shared/eval/tempeval3-train ../shared/eval/matres --write

Documents of the test part (``timelinegraph.evaluate.splits``) are never read here. Without
``--write``: each kind's model is fit on the train part and scored on dev (event pairs as
MATRES is scored; event-DCT and event-time links as P/R/F1 over the linked pairs), each rule's
precision is printed over train and dev, and settings are chosen on dev: the least
probability the start-point classifier states a relation with (``emit event``, for MATRES
F1), and for the best TempEval-3 temporal awareness, our events and times end to end, the most
probability of NONE (no relation worth stating) an event pair's link is stated with
(``gate``) and the time classifier's least probability.
``--write`` fits again on train + dev with those settings and writes the weights (sorted,
rounded, small ones pruned: the same bytes on every run).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tlinks_corpus import DCT, NONE, Document, PairExample, documents, examples, gold_relations

import timelinegraph.extract.links.model as links_model
from timelinegraph.evaluate.matres import predict_pairs, score_pairs
from timelinegraph.evaluate.metrics import PRF
from timelinegraph.evaluate.predicted import predicted_document
from timelinegraph.evaluate.tempeval import score_corpus
from timelinegraph.evaluate.tlinks import aligned_relations, document_relations
from timelinegraph.extract import extract_doc
from timelinegraph.extract.context import ArticleContext
from timelinegraph.extract.links import extract_links
from timelinegraph.extract.links.candidates import timex_pairs
from timelinegraph.extract.links.model import KINDS, PairModel, parse_models
from timelinegraph.extract.links.rules import dct_rule, event_rule, timex_rule

DATA = Path(__file__).resolve().parents[1] / "src" / "timelinegraph" / "data"
LABELS = {
    "dct": ("NONE", "BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS"),
    "timex": ("NONE", "BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS"),
    "event": ("BEFORE", "AFTER", "EQUAL", "VAGUE"),
    "pair": ("NONE", "BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS"),
}
HEADER = """\
# Temporal relation classifier of timelinegraph (extract/links/model.py): one multinomial
# logistic regression per pair kind (dct: an event and the publication date; timex: an event
# and a time expression of its sentence; pair: two events, the earlier first, TimeML interval
# relations or NONE; event: two events, MATRES start points) over the features of
# extract/links/features.py, trained by training/train_tlinks.py on the train and dev parts of
# evaluate/splits.py (TempEval-3 TLINKs; MATRES for the start points).
"""


def vocabulary(rows: list[PairExample], min_count: int) -> list[str]:
    counts = Counter(f for e in rows for f in set(e.features))
    return sorted(f for f, n in counts.items() if n >= min_count)


def fit(rows: list[PairExample], kind: str, c: float, min_count: int) -> dict:
    names = vocabulary(rows, min_count)
    col = {f: i for i, f in enumerate(names)}
    r, k = [], []
    for n, e in enumerate(rows):
        for j in sorted({col[f] for f in e.features if f in col}):
            r.append(n)
            k.append(j)
    x = csr_matrix((np.ones(len(r)), (r, k)), shape=(len(rows), len(names)))
    labels = LABELS[kind]
    y = np.array([labels.index(e.label) for e in rows])
    lr = LogisticRegression(C=c, max_iter=5000, tol=1e-6).fit(x, y)
    coef = np.zeros((len(names), len(labels)))
    bias = np.zeros(len(labels))
    for j, cls in enumerate(lr.classes_):  # a label absent from training keeps zero weights
        coef[:, cls] = lr.coef_[j] if len(lr.classes_) > 2 else (lr.coef_[0] if j else 0)
        bias[cls] = lr.intercept_[j] if len(lr.classes_) > 2 else (lr.intercept_[0] if j else 0)
    return {"labels": labels, "weights": dict(zip(names, coef, strict=True)), "bias": bias}


def to_tsv(
    fitted: dict[str, dict], emit: dict[str, float], gate: dict[str, float], prune: float
) -> str:
    def num(w: float) -> str:
        return "0" if w == 0 else f"{w:g}"

    lines = []
    for kind in KINDS:
        model = fitted[kind]
        lines.append(f"labels\t{kind}\t" + "\t".join(model["labels"]))
        lines.append(f"bias\t{kind}\t" + "\t".join(num(round(float(b), 3)) for b in model["bias"]))
        lines.append(f"emit\t{kind}\t{num(emit[kind])}")
        lines.append(f"gate\t{kind}\t{num(gate[kind])}")
        for f, row in sorted(model["weights"].items()):
            if float(np.max(np.abs(row))) >= prune and not any(ch.isspace() for ch in f):
                lines.append(f"w\t{kind}\t{f}\t" + "\t".join(num(round(float(w), 3)) for w in row))
    return HEADER + "\n".join(lines) + "\n"


def models_of(
    fitted: dict[str, dict], emit: dict[str, float], gate: dict[str, float], prune: float
) -> dict:
    return parse_models(to_tsv(fitted, emit, gate, prune))


def link_prf(model: PairModel, rows: list[PairExample]) -> tuple[PRF, float]:
    """P/R/F1 over the linked pairs (NONE is no link) and accuracy, argmax decisions."""
    probs = model.probabilities([e.features for e in rows])
    pred = [model.labels[int(np.argmax(p))] for p in probs]
    matched = sum(1 for e, p in zip(rows, pred, strict=True) if e.label != NONE and p == e.label)
    n_gold = sum(1 for e in rows if e.label != NONE)
    n_pred = sum(1 for p in pred if p != NONE)
    accuracy = sum(p == e.label for e, p in zip(rows, pred, strict=True)) / max(len(rows), 1)
    return PRF.of(matched, n_gold, n_pred), accuracy


def matres_f1(docs: list[Document], models: dict) -> PRF:
    total = PRF()
    for d in docs:
        labels = predict_pairs(d.nodes.events, d.matres, models)
        total = total + score_pairs(d.matres, labels)
    return total


def rule_precision(docs: list[Document]) -> None:
    """How often each rule agrees with the gold label, where the gold states one."""
    hits: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    for d in docs:
        rels = gold_relations(d.gold)
        nodes = d.nodes
        times = {t.id: t for t in nodes.times}
        for node in nodes.events.values():
            found = dct_rule(node, times.get(nodes.attached.get(node.head.i, "")), DCT)
            gold = rels.get((node.id, DCT))
            if found and gold:
                fired[f"dct/{found.rule}/{found.relation}"] += 1
                hits[f"dct/{found.rule}/{found.relation}"] += gold == found.relation
        for node, time in timex_pairs(list(nodes.events.values()), nodes.times):
            found = timex_rule(node, time, nodes.attached.get(node.head.i) == time.id)
            gold = rels.get((node.id, time.id))
            if found and gold:
                fired[f"timex/{found.rule}/{found.relation}"] += 1
                hits[f"timex/{found.rule}/{found.relation}"] += gold == found.relation
        matres = {(p.source, p.target): p.label for p in d.matres}
        matres.update({(p.target, p.source): FLIPS[p.label] for p in d.matres})
        for (x, y), label in matres.items():
            a, b = nodes.events.get(x), nodes.events.get(y)
            if a is None or b is None or a.head.i >= b.head.i:
                continue
            found = event_rule(a, b)
            if found is None or label == "VAGUE":
                continue
            rel = found.relation if found.source == a.id else CONV[found.relation]
            ours = {"SIMULTANEOUS": "EQUAL", "INCLUDES": "BEFORE", "IS_INCLUDED": "AFTER"}
            key = f"event/{found.rule}/{found.relation}"
            fired[key] += 1
            hits[key] += ours.get(rel, rel) == label
    for key in sorted(fired):
        print(f"  {key:<32} {hits[key] / fired[key]:.3f} of {fired[key]}")


FLIPS = {"BEFORE": "AFTER", "AFTER": "BEFORE", "EQUAL": "EQUAL", "VAGUE": "VAGUE"}
CONV = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED",
        "IS_INCLUDED": "INCLUDES", "SIMULTANEOUS": "SIMULTANEOUS"}  # fmt: skip


class Awareness:
    """Temporal awareness of our links on ``docs``, our events and times end to end; the
    extraction is run once and only the links are made again for each model."""

    def __init__(self, docs: list[Document]) -> None:
        self.items = []
        for d in docs:
            extraction = extract_doc(d.gold.article, d.doc)
            self.items.append((d, extraction))

    def score(self, models: dict) -> tuple[float, float, float]:
        links_model.load_models = lambda: models  # type: ignore[assignment]
        pairs = []
        for d, extraction in self.items:
            ctx = ArticleContext(article=d.gold.article, doc=d.doc)
            with_links = extraction.model_copy(
                update={"links": extract_links(ctx, extraction.events, extraction.times)}
            )
            predicted = predicted_document(with_links, timeml=True)
            pairs.append((document_relations(d.gold), aligned_relations(d.gold, predicted)))
        s = score_corpus(pairs)
        return s.precision, s.recall, s.f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("matres", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/timelinegraph-training"))
    parser.add_argument("--c", type=float, nargs=4, default=(0.3, 0.3, 0.3, 0.3),
                        metavar=("DCT", "TIMEX", "EVENT", "PAIR"))  # fmt: skip
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--prune", type=float, default=0.01)
    four = {"nargs": 4, "metavar": ("DCT", "TIMEX", "EVENT", "PAIR")}
    parser.add_argument("--emit", type=float, default=None, help="default: best on dev", **four)
    parser.add_argument("--gate", type=float, default=None, help="default: best on dev", **four)
    parser.add_argument("--no-awareness", action="store_true", help="skip the end-to-end tuning")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=DATA / "tlink_model.tsv")
    args = parser.parse_args()
    docs = documents(args.folder, args.matres, args.cache)
    rows = examples(docs)
    train_docs = [d for d in docs if d.part == "train"]
    dev_docs = [d for d in docs if d.part == "dev"]
    c = dict(zip(KINDS, args.c, strict=True))
    print(f"{len(train_docs)} train and {len(dev_docs)} dev documents")
    print("rule precision (train + dev, where the gold states a relation):")
    rule_precision(docs)
    fitted = {}
    for kind in KINDS:
        train = [e for e in rows if e.kind == kind and e.part == "train"]
        dev = [e for e in rows if e.kind == kind and e.part == "dev"]
        fitted[kind] = fit(train, kind, c[kind], args.min_count)
        print(f"{kind}: {len(train)} train, {len(dev)} dev pairs; dev labels "
              f"{dict(Counter(e.label for e in dev).most_common())}")  # fmt: skip
    emit = dict(zip(KINDS, args.emit or (0.0, 0.0, 0.0, 0.0), strict=True))
    gate = dict(zip(KINDS, args.gate or (1.0, 1.0, 1.0, 1.0), strict=True))
    models = models_of(fitted, emit, gate, args.prune)
    for kind in ("dct", "timex", "pair"):
        dev = [e for e in rows if e.kind == kind and e.part == "dev"]
        prf, accuracy = link_prf(models[kind], dev)
        print(f"  {kind} model alone on dev: P {prf.precision:.3f} R {prf.recall:.3f} "
              f"F1 {prf.f1:.3f} accuracy {accuracy:.3f}")  # fmt: skip
    m = matres_f1(dev_docs, models)
    print(f"  MATRES dev (rules + model): P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}")
    if not args.no_awareness and args.emit is None:
        awareness = Awareness(dev_docs)
        grid = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
        # coordinate search: the start-point classifier's least probability (for MATRES F1,
        # the only place it speaks), then, for temporal awareness, how likely a relation
        # must be worth stating for event pairs, then the time expressions' classifier
        # (the DCT gate stays 1: a rule's link to the publication date is stated whether or
        # not an annotator would have linked it; on dev the gate was worth 0.003)
        for kind, setting in (("event", emit), ("pair", gate), ("timex", emit)):
            scored = []
            for p in (*grid, 1.0) if setting is gate else (0.0, *grid):
                trial = {**setting, kind: p}
                models = models_of(fitted, *((emit, trial) if setting is gate else (trial, gate)),
                                   args.prune)  # fmt: skip
                if kind == "event":
                    m = matres_f1(dev_docs, models)
                    score = (m.precision, m.recall, m.f1)
                else:
                    score = awareness.score(models)
                name = ("gate " if setting is gate else "emit ") + kind
                measure = "MATRES" if kind == "event" else "awareness"
                print(f"  {measure} dev, {name} {p}: P {score[0]:.3f} R {score[1]:.3f} "
                      f"F1 {score[2]:.3f}")  # fmt: skip
                scored.append((round(score[2], 4), -p if setting is emit else p, p))
            setting[kind] = max(scored)[2]
        print(f"chosen emit {emit} gate {gate}")
        models = models_of(fitted, emit, gate, args.prune)
        m = matres_f1(dev_docs, models)
        print(f"  MATRES dev: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}")
        score = awareness.score(models)
        print(f"  awareness dev: P {score[0]:.3f} R {score[1]:.3f} F1 {score[2]:.3f}")
    if args.write:
        both = {kind: fit([e for e in rows if e.kind == kind], kind, c[kind], args.min_count)
                for kind in KINDS}  # fmt: skip
        args.out.write_text(to_tsv(both, emit, gate, args.prune), "utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes; fit on train + dev)")


if __name__ == "__main__":
    main()
