"""The trained event detector: which tokens are TimeML EVENT mentions, and of which class.

Two linear models over :func:`features.token_features`, with weights shipped as package data
(``data/event_detector.tsv``, written by ``training/train_event_detector.py`` from the
TempEval-3 training documents of the train part of ``evaluate/splits.py``):

- **event**: a logistic regression; a candidate token whose summed weights exceed the
  threshold is an event mention (TimeML marks the head word of each event, one token);
- **class**: a multinomial logistic regression over the seven TimeML classes, asked only
  about the tokens found to be events.

Inference is dictionary look-ups and sums over strings spaCy already computed: no numpy,
no randomness, the same answer on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from .features import is_candidate, token_features
from .triggers import hyphen_chain, lemma_of

__all__ = ["Detection", "DetectorModel", "candidates", "detect", "load_model"]

MODEL_FILE = "event_detector.tsv"


@dataclass(frozen=True)
class DetectorModel:
    labels: tuple[str, ...]  # the TimeML classes, in the order of the class weight vectors
    threshold: float  # an event when the event score (a logit) is above it
    event: dict[str, float]
    classes: dict[str, tuple[float, ...]]
    class_bias: tuple[float, ...]

    def event_score(self, feats: list[str]) -> float:
        weights = self.event
        return sum([weights.get(f, 0.0) for f in feats])

    def event_class(self, feats: list[str]) -> str:
        totals = list(self.class_bias)
        weights = self.classes
        for f in feats:
            row = weights.get(f)
            if row is not None:
                totals = [a + b for a, b in zip(totals, row, strict=True)]
        return self.labels[max(range(len(totals)), key=totals.__getitem__)]


@lru_cache(maxsize=1)
def load_model() -> DetectorModel:
    """The shipped weights (see the header of the data file), read once per process."""
    text = resources.files("timelinegraph.data").joinpath(MODEL_FILE).read_text("utf-8")
    settings: dict[str, list[str]] = {}
    event: dict[str, float] = {}
    classes: dict[str, tuple[float, ...]] = {}
    for line in text.split("\n"):  # not splitlines: a feature may hold any non-space char
        if not line or line.startswith("#"):
            continue
        kind, *rest = line.split("\t")
        if kind == "e":
            event[rest[0]] = float(rest[1])
        elif kind == "c":
            classes[rest[0]] = tuple(map(float, rest[1:]))
        else:
            settings[kind] = rest
    return DetectorModel(
        labels=tuple(settings["labels"]),
        threshold=float(settings["threshold"][0]),
        event=event,
        classes=classes,
        class_bias=tuple(map(float, settings["class_bias"])),
    )


@dataclass
class Detection:
    head: Token
    tokens: list[Token]  # the head, or every token of its hyphenated word
    lemma: str
    event_class: str


def candidates(doc: Doc, tokens: list[Token]) -> Iterator[tuple[Token, list[Token]]]:
    """(head, tokens) of every unit the detector scores, in text order: single words, and
    hyphenated words as one unit headed by their syntactic head ("cease-fire")."""
    texts = [t.text for t in tokens]
    n = len(tokens)
    skip_to = -1
    for token in tokens:
        i = token.i
        if i <= skip_to:
            continue
        # hyphen_chain looks further only beside a "-": most tokens are words on their own
        if (i >= 2 and texts[i - 1] == "-") or (i + 2 < n and texts[i + 1] == "-"):
            chain = hyphen_chain(token, tokens)
            if len(chain) > 1:
                skip_to = chain[-1].i
                head = next((t for t in chain if t.head not in chain), chain[-1])
                if is_candidate(head):
                    yield head, chain
                continue
        if is_candidate(token):
            yield token, [token]


def unit_features(head: Token, chain: list[Token], tokens: list[Token]) -> list[str]:
    """The features of one candidate unit (shared with training)."""
    word = "".join(t.text for t in chain).lower() if len(chain) > 1 else None
    return token_features(head, tokens, lemma_of(head), word)


def detect(doc: Doc, tokens: list[Token] | None = None) -> list[Detection]:
    """The event mentions of a parsed document, in text order."""
    model = load_model()
    tokens = list(doc) if tokens is None else tokens
    found = []
    for head, chain in candidates(doc, tokens):
        feats = unit_features(head, chain, tokens)
        if model.event_score(feats) > model.threshold:
            found.append(Detection(head, chain, lemma_of(head), model.event_class(feats)))
    return found
