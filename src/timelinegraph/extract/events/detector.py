"""The trained event detector: which tokens are TimeML EVENT mentions, and of which class.

Two linear models over :func:`features.token_features`, with weights shipped as package data
(``data/event_detector.tsv``, written by ``training/train_event_detector.py`` from the
TempEval-3 training documents of the train and dev parts of ``evaluate/splits.py``):

- **event**: a logistic regression; a candidate token whose summed weights exceed the
  threshold is an event mention (TimeML marks the head word of each event, one token);
- **class**: a multinomial logistic regression over the seven TimeML classes, asked only
  about the tokens found to be events.

Inference builds feature strings from what spaCy already computed, looks them up in a dict
and sums rows of one small numpy matrix per document: no randomness, the same answer on every
run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Token

from .docview import DocView
from .features import (
    CANDIDATE_POS,
    NOT_CANDIDATE_DEPS,
    Key,
    feature_keys,
    group_features,
    is_candidate,
    token_features,
)
from .triggers import lemma_of
from .units import word_units

__all__ = ["Detection", "DetectorModel", "candidates", "detect", "load_model"]

MODEL_FILE = "event_detector.tsv"
MAX_GROUPS = 300_000  # feature groups remembered (each a row of 8 floats)


@dataclass(frozen=True)
class DetectorModel:
    labels: tuple[str, ...]  # the TimeML classes, in the order of columns 1.. of ``weights``
    threshold: float  # an event when the event score (a logit) is above it
    index: dict[str, int]  # feature -> row of ``weights``; row 0 (all zeros): unknown feature
    weights: np.ndarray  # rows: features; column 0 the event weight, then one per class
    class_bias: np.ndarray
    groups: GroupWeights = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", GroupWeights(self))

    def rows(self, feats: Iterable[str]) -> list[int]:
        index = self.index
        return [index.get(f, 0) for f in feats]

    def group_vector(self, view: DocView, key: Key) -> np.ndarray:
        """The summed weights of one feature group (see ``features.feature_keys``)."""
        return self.weights[self.rows(group_features(view, key))].sum(axis=0)


class GroupWeights:
    """Summed weights of the feature groups met so far, one row each: a group's strings are
    built and looked up once per process, then each token costs one row per group."""

    def __init__(self, model: DetectorModel) -> None:
        self.model = model
        self.ids: dict[Key, int] = {}
        self.matrix = np.zeros((4096, model.weights.shape[1]))

    def lookup(self, view: DocView, keys: list[Key]) -> list[int]:
        if len(self.ids) > MAX_GROUPS:  # news keeps bringing new words: start afresh
            self.ids.clear()
        ids = self.ids
        found = list(map(ids.get, keys))
        for n, gid in enumerate(found):
            if gid is None:
                key = keys[n]
                gid = ids.get(key)  # met earlier in this document
                if gid is None:
                    gid = ids[key] = len(ids)
                    if gid == len(self.matrix):
                        self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
                    self.matrix[gid] = self.model.group_vector(view, key)
                found[n] = gid
        return found


@lru_cache(maxsize=1)
def load_model() -> DetectorModel:
    """The shipped weights (see the header of the data file), read once per process."""
    text = resources.files("timelinegraph.data").joinpath(MODEL_FILE).read_text("utf-8")
    settings: dict[str, list[str]] = {}
    rows: dict[str, list[float]] = {}
    for line in text.split("\n"):  # not splitlines: a feature may hold any non-space char
        if not line or line.startswith("#"):
            continue
        kind, *rest = line.split("\t")
        if kind in ("e", "c"):
            row = rows.setdefault(rest[0], [0.0] * 8)
            if kind == "e":
                row[0] = float(rest[1])
            else:
                row[1:] = map(float, rest[1:])
        else:
            settings[kind] = rest
    names = sorted(rows)
    weights = np.zeros((len(names) + 1, 8))
    weights[1:] = [rows[f] for f in names]
    return DetectorModel(
        labels=tuple(settings["labels"]),
        threshold=float(settings["threshold"][0]),
        index={f: i for i, f in enumerate(names, 1)},
        weights=weights,
        class_bias=np.array([float(b) for b in settings["class_bias"]]),
    )


@dataclass
class Detection:
    head: Token
    tokens: list[Token]  # the head, or every token of its hyphenated word
    lemma: str
    event_class: str


def candidates(view: DocView, tokens: list[Token]) -> list[tuple[Token, list[Token]]]:
    """(head, tokens) of every unit the detector scores, in text order: single words, and
    hyphenated words as one unit headed by their syntactic head ("cease-fire")."""
    units = word_units(view, tokens, CANDIDATE_POS, NOT_CANDIDATE_DEPS)
    return [(head, chain) for head, chain in units if len(chain) == 1 or is_candidate(head)]


def unit_features(view: DocView, head: Token, chain: list[Token]) -> list[str]:
    """The features of one candidate unit (the training script's view of them)."""
    return token_features(view, head.i, _chain_word(chain))


def _chain_word(chain: list[Token]) -> str | None:
    return "".join(t.text for t in chain).lower() if len(chain) > 1 else None


def detect(view: DocView, tokens: list[Token]) -> list[Detection]:
    """The event mentions of a parsed document (``view`` and ``list(doc)``), in text order."""
    model = load_model()
    units = candidates(view, tokens)
    if not units:
        return []
    keys, starts = feature_keys(view, [h.i for h, _ in units], [_chain_word(c) for _, c in units])
    ids = model.groups.lookup(view, keys)
    # one row per feature group of every unit, end to end: a sum per unit gives its scores
    scores = np.add.reduceat(model.groups.matrix[ids], starts, axis=0)
    found = []
    for n in np.flatnonzero(scores[:, 0] > model.threshold).tolist():
        head, chain = units[n]
        best = int(np.argmax(scores[n, 1:] + model.class_bias))
        found.append(Detection(head, chain, lemma_of(head), model.labels[best]))
    return found
