"""The trained event detector: which tokens are TimeML EVENT mentions, and of which class.

Two linear models over :func:`features.token_features`, with weights shipped as package data
(``data/event_detector.tsv``, written by ``training/train_event_detector.py`` from the
TempEval-3 training documents of the train and dev parts of ``evaluate/splits.py``):

- **event**: a logistic regression; a candidate token whose summed weights exceed the
  threshold is an event mention (TimeML marks the head word of each event, one token);
- **class**: a multinomial logistic regression over the seven TimeML classes, asked only
  about the tokens found to be events.

Inference reads what spaCy already computed (``DocView``), groups each candidate's features
by the attributes they depend on (``features.feature_keys``) and sums, per candidate, the
weights of its groups; a group's weights are summed from its feature strings the first time
it is met and kept (``GroupWeights``), so a familiar word in a familiar place costs a few
dictionary look-ups. No randomness: the same answer on every run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TypeGuard

import numpy as np
from spacy.tokens import Token

from .docview import DocView
from .features import (
    CANDIDATE_POS,
    NOT_CANDIDATE_DEPS,
    NOT_CANDIDATE_ENTS,
    Key,
    feature_keys,
    group_features,
    is_candidate,
    token_features,
)
from .units import Units, word_units

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


class GroupWeights:
    """Summed weights of the feature groups met so far, one row each: a group's strings are
    built and looked up once per process, then each token costs one row per group."""

    def __init__(self, model: DetectorModel) -> None:
        self.model = model
        self.ids: dict[Key, int] = {}
        self.lock = threading.Lock()
        self.matrix = np.zeros((4096, model.weights.shape[1]))

    def lookup(self, view: DocView, keys: list[Key]) -> list[int]:
        """The row of each key, adding the groups never met before (all in one numpy sum)."""
        with self.lock:  # extraction runs one document at a time per process, but to be safe
            return self._lookup(view, keys)

    def _lookup(self, view: DocView, keys: list[Key]) -> list[int]:
        if len(self.ids) > MAX_GROUPS:  # news keeps bringing new words: start afresh
            self.ids.clear()
        ids = self.ids
        found = list(map(ids.get, keys))
        if _all_known(found):
            return found
        new: dict[Key, int] = {}
        rows = [
            new.setdefault(key, len(ids) + len(new)) if gid is None else gid
            for key, gid in zip(keys, found, strict=True)
        ]
        flat: list[int] = []
        starts: list[int] = []
        for key in new:
            starts.append(len(flat))
            flat.extend(self.model.rows(group_features(view, key)))
        end = len(ids) + len(new)
        while end > len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
        self.matrix[len(ids) : end] = np.add.reduceat(self.model.weights[flat], starts, axis=0)
        ids.update(new)
        return rows


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
    event_class: str


def candidates(view: DocView, tokens: list[Token]) -> Units:
    """The heads of every unit the detector scores, in text order, and the tokens of each
    hyphenated word by its head's index ("cease-fire" is one unit, headed by "fire")."""
    heads, chains = word_units(view, tokens, CANDIDATE_POS, NOT_CANDIDATE_DEPS, NOT_CANDIDATE_ENTS)
    if chains:
        heads = [h for h in heads if h.i not in chains or is_candidate(h)]
    return heads, chains


def unit_features(view: DocView, head: Token, chain: list[Token]) -> list[str]:
    """The features of one candidate unit (the training script's view of them)."""
    return token_features(view, head.i, _chain_word(chain))


def _chain_word(chain: list[Token]) -> str | None:
    return "".join(t.text for t in chain).lower() if len(chain) > 1 else None


def detect(view: DocView, tokens: list[Token]) -> list[Detection]:
    """The event mentions of a parsed document (``view`` and ``list(doc)``), in text order."""
    model = load_model()
    heads, chains = candidates(view, tokens)
    if not heads:
        return []
    words = [_chain_word(chains[h.i]) if h.i in chains else None for h in heads]
    keys, starts = feature_keys(view, [h.i for h in heads], words)
    ids = model.groups.lookup(view, keys)
    # one row per feature group of every unit, end to end: a sum per unit gives its scores
    scores = np.add.reduceat(model.groups.matrix[ids], starts, axis=0)
    found = []
    for n in np.flatnonzero(scores[:, 0] > model.threshold).tolist():
        head = heads[n]
        best = int(np.argmax(scores[n, 1:] + model.class_bias))
        chain = chains.get(head.i) or [head]
        found.append(Detection(head, chain, model.labels[best]))
    return found


def _all_known(found: list[int | None]) -> TypeGuard[list[int]]:
    """True when every key had its row already (the common case: one test, in C)."""
    return None not in found
