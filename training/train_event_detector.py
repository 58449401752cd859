"""Train the event detector and write ``src/timelinegraph/data/event_detector.tsv``.

Needs scikit-learn (training only; the package reads the weights with the standard library):

    pip install scikit-learn
    python training/train_event_detector.py ../shared/eval/tempeval3-train           # dev figures
    python training/train_event_detector.py ../shared/eval/tempeval3-train --write   # ship it

Documents of the test part (``timelinegraph.evaluate.splits``) are never read here. Without
``--write`` the models are fit on the train part and scored on dev, token by token (a gold
event on no candidate counts as missed), for choosing C and the threshold; ``--write`` fits
them again on train + dev with the chosen settings and writes the weights (sorted keys, rounded,
small weights pruned: the same bytes on every run).
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

from corpus import NONE, Example, build

DATA = Path(__file__).resolve().parents[1] / "src" / "timelinegraph" / "data"
CLASSES = ("OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")


def vocabulary(examples: list[Example], min_count: int) -> dict[str, int]:
    counts = Counter(f for e in examples for f in set(e.features))
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(kept)}


def matrix(examples: list[Example], vocab: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for r, e in enumerate(examples):
        for c in sorted({vocab[f] for f in e.features if f in vocab}):
            rows.append(r)
            cols.append(c)
    data = np.ones(len(rows), dtype=np.float64)
    return csr_matrix((data, (rows, cols)), shape=(len(examples), len(vocab)))


def fit(examples: list[Example], c_event: float, c_class: float, min_count: int) -> dict:
    """Both models as feature -> weight tables (unpruned)."""
    vocab = vocabulary(examples, min_count)
    names = sorted(vocab, key=vocab.__getitem__)
    x = matrix(examples, vocab)
    y = np.array([e.label != NONE for e in examples])
    event = LogisticRegression(C=c_event, max_iter=3000, tol=1e-6).fit(x, y)
    events = [i for i, e in enumerate(examples) if e.label != NONE]
    y_class = np.array([CLASSES.index(examples[i].label) for i in events])
    klass = LogisticRegression(C=c_class, max_iter=3000, tol=1e-6).fit(x[events], y_class)
    weights = dict(zip(names, event.coef_[0], strict=True))
    weights["b"] = weights.get("b", 0.0) + float(event.intercept_[0])
    return {
        "event": weights,
        "classes": dict(zip(names, klass.coef_.T, strict=True)),
        "class_bias": list(klass.intercept_),
    }


def event_scores(model: dict, examples: list[Example]) -> list[float]:
    weights = model["event"]
    return [sum(weights.get(f, 0.0) for f in e.features) for e in examples]


def class_of(model: dict, example: Example) -> str:
    total = np.array(model["class_bias"], dtype=float)
    for f in example.features:
        row = model["classes"].get(f)
        if row is not None:
            total = total + row
    return CLASSES[int(np.argmax(total))]


def report(model: dict, dev: list[Example], n_gold: int, thresholds: list[float]) -> float:
    """Print dev P/R/F1 for each threshold and class accuracy; return the best threshold."""
    scores = event_scores(model, dev)
    best = (-1.0, 0.0)
    for threshold in thresholds:
        pred = [s > threshold for s in scores]
        tp = sum(p and e.label != NONE for p, e in zip(pred, dev, strict=True))
        n_pred = sum(pred)
        p, r = tp / max(n_pred, 1), tp / n_gold
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  threshold {threshold:+.2f}: P {p:.3f} R {r:.3f} F1 {f1:.3f} ({n_pred} marked)")
        best = max(best, (f1, threshold))
    found = [e for e, s in zip(dev, scores, strict=True) if s > best[1] and e.label != NONE]
    right = sum(class_of(model, e) == e.label for e in found)
    print(f"  class accuracy on found events {right / max(len(found), 1):.3f} ({len(found)})")
    return best[1]


HEADER = """\
# TimeML event detector of timelinegraph: two logistic regressions over the features of
# extract/events/features.py, trained by training/train_event_detector.py on the TempEval-3
# training data (TimeBank 1.2 + AQUAINT; train and dev parts of evaluate/splits.py only).
# Lines: "threshold" (an event when the summed "e" weights exceed it), "labels" and
# "class_bias" of the class model, then "e<TAB>feature<TAB>weight" (event model) and
# "c<TAB>feature<TAB>one weight per label" (class model, asked only about events).
"""


def pruned(model: dict, threshold: float, prune: float, prune_class: float) -> dict:
    """The model with small weights dropped and the rest rounded, as it is shipped."""
    usable = {f for f in model["event"] if not any(ch.isspace() for ch in f)}
    event = {f: round(float(w), 3) for f, w in model["event"].items() if abs(w) >= prune}
    classes = {
        f: [round(float(w), 2) for w in row]
        for f, row in model["classes"].items()
        if float(np.max(np.abs(row))) >= prune_class
    }
    return {
        "threshold": threshold,
        "event": {f: w for f, w in sorted(event.items()) if f in usable},
        "classes": {f: row for f, row in sorted(classes.items()) if f in usable},
        "class_bias": [round(float(b), 3) for b in model["class_bias"]],
    }


def tsv(model: dict) -> str:
    def num(w: float) -> str:
        return "0" if w == 0 else f"{w:g}"

    lines = [
        f"threshold\t{num(model['threshold'])}",
        "labels\t" + "\t".join(CLASSES),
        "class_bias\t" + "\t".join(num(b) for b in model["class_bias"]),
    ]
    lines += [f"e\t{f}\t{num(w)}" for f, w in model["event"].items()]
    lines += [f"c\t{f}\t" + "\t".join(num(w) for w in row) for f, row in model["classes"].items()]
    return HEADER + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/timelinegraph-training"))
    parser.add_argument("--c-event", type=float, default=0.1)
    parser.add_argument("--c-class", type=float, default=0.3)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=None, help="default: best on dev")
    parser.add_argument("--prune", type=float, default=0.05, help="smallest event weight kept")
    parser.add_argument("--prune-class", type=float, default=0.1)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=DATA / "event_detector.tsv")
    parser.add_argument(
        "--train-only",
        action="store_true",
        help="write the model fit on train alone (for "
        "scoring dev end to end with `timelinegraph eval`), not on train + dev",
    )
    args = parser.parse_args()
    corpus = build(args.folder, args.cache)
    train = [e for e in corpus.examples if e.part == "train"]
    dev = [e for e in corpus.examples if e.part == "dev"]
    print(f"{len(train)} train and {len(dev)} dev candidates; gold {corpus.gold}, "
          f"on no candidate {corpus.unreachable}")  # fmt: skip
    model = fit(train, args.c_event, args.c_class, args.min_count)
    grid = [args.threshold] if args.threshold is not None else [x / 4 for x in range(-4, 5)]
    print(f"fit on train, scored on dev (C event {args.c_event}, class {args.c_class}):")
    best = report(model, dev, corpus.gold["dev"], grid)
    threshold = args.threshold if args.threshold is not None else best
    small = pruned(model, threshold, args.prune, args.prune_class)
    print(f"  pruned: {len(small['event'])} event and {len(small['classes'])} class features")
    report(small, dev, corpus.gold["dev"], [threshold])
    if args.write:
        final = model if args.train_only else fit(train + dev, args.c_event, args.c_class,
                                                   args.min_count)  # fmt: skip
        out = args.out
        out.write_text(tsv(pruned(final, threshold, args.prune, args.prune_class)), "utf-8")
        print(f"wrote {out} ({out.stat().st_size} bytes; fit on "
              f"{'train' if args.train_only else 'train + dev'})")  # fmt: skip


if __name__ == "__main__":
    main()
