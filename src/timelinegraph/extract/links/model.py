"""The trained pair classifiers: one multinomial logistic regression per pair kind (``dct``,
``timex``, ``pair``: TimeML relations or NONE; ``event``: MATRES start points or VAGUE).

Weights ship as package data (``data/tlink_model.tsv``, written by
``training/train_tlinks.py`` from the train and dev parts of the TempEval-3 split in
``evaluate/splits.py``: TempEval-3 TLINKs, and MATRES for the start points). Lines:
``labels KIND L...``, ``bias KIND b...``, ``emit KIND p`` (the least probability a model
link is stated with), ``gate KIND p`` (the most probability of NONE, no link, a link is
stated with: a rule's for ``dct`` and ``timex``, the classifier's for ``pair``) and
``w KIND FEATURE w...``.
Scoring sums the rows of a batch's features in one numpy call; no randomness.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = ["KINDS", "NO_LINK", "PairModel", "load_models", "parse_models"]

MODEL_FILE = "tlink_model.tsv"
KINDS = ("dct", "timex", "event", "pair")
NO_LINK = frozenset({"NONE", "VAGUE"})  # labels that state nothing: never emitted


@dataclass(frozen=True)
class PairModel:
    labels: tuple[str, ...]
    index: dict[str, int]  # feature -> row of ``weights``; row 0 (zeros): unknown feature
    weights: np.ndarray
    bias: np.ndarray
    emit: float
    gate: float  # a rule's link is stated when P(NONE) is at most this (kinds with NONE)

    def probabilities(self, batch: list[list[str]]) -> np.ndarray:
        """One row of label probabilities per feature list."""
        if not batch:
            return np.zeros((0, len(self.labels)))
        index = self.index
        rows: list[int] = []
        starts: list[int] = []
        for feats in batch:
            starts.append(len(rows))
            rows.extend(index.get(f, 0) for f in feats)
            rows.append(0)  # an empty list still has a row to sum
        scores = np.add.reduceat(self.weights[rows], starts, axis=0) + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


def parse_models(text: str) -> dict[str, PairModel]:
    """The models of a weights file's text (see the module docstring)."""
    labels: dict[str, list[str]] = {}
    bias: dict[str, list[float]] = {}
    emit: dict[str, float] = {}
    gate: dict[str, float] = {}
    rows: dict[str, dict[str, list[float]]] = {kind: {} for kind in KINDS}
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        tag, kind, *rest = line.split("\t")
        if tag == "w":
            rows[kind][rest[0]] = [float(x) for x in rest[1:]]
        elif tag == "labels":
            labels[kind] = rest
        elif tag == "bias":
            bias[kind] = [float(x) for x in rest]
        elif tag == "emit":
            emit[kind] = float(rest[0])
        elif tag == "gate":
            gate[kind] = float(rest[0])
    models = {}
    for kind in KINDS:
        names = sorted(rows[kind])
        weights = np.zeros((len(names) + 1, len(labels[kind])))
        if names:
            weights[1:] = [rows[kind][f] for f in names]
        models[kind] = PairModel(
            labels=tuple(labels[kind]),
            index={f: i for i, f in enumerate(names, 1)},
            weights=weights,
            bias=np.array(bias[kind]),
            emit=emit.get(kind, 0.0),
            gate=gate.get(kind, 1.0),
        )
    return models


@lru_cache(maxsize=1)
def load_models() -> dict[str, PairModel]:
    """The shipped models, read once per process."""
    text = resources.files("timelinegraph.data").joinpath(MODEL_FILE).read_text("utf-8")
    return parse_models(text)
