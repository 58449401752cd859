"""MATRES (Ning, Wu and Roth 2018): start-point relations between the verb events of the
TempEval-3 documents, and the score of ours against them.

A MATRES file has one pair a line: ``docid verb1 verb2 eiid1 eiid2 relation`` (tab-separated;
the eiids are TempEval-3 MAKEINSTANCE numbers; relation BEFORE, AFTER, EQUAL or VAGUE).

The score follows the field's convention (Ning et al. 2018, 2019 and those after): the
classifier is given the gold event pairs and labels each BEFORE, AFTER, EQUAL or VAGUE (ours
says VAGUE by stating no relation); micro precision, recall and F1 over the three
informative labels, VAGUE excluded from the positives: a pair counts in precision when we
state a relation, in recall when the gold does, and as a match when both state the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..extract.links import classify_event_pairs
from ..extract.links.model import PairModel
from ..extract.links.nodes import EventNode
from .metrics import PRF

__all__ = ["LABELS", "MatresPair", "predict_pairs", "read_matres", "score_pairs"]

LABELS = ("BEFORE", "AFTER", "EQUAL", "VAGUE")
VAGUE = "VAGUE"
# our relation, with ``a`` told first -> the MATRES label
# (start points: what includes another starts first)
FROM_OURS = {"BEFORE": "BEFORE", "AFTER": "AFTER", "SIMULTANEOUS": "EQUAL",
             "INCLUDES": "BEFORE", "IS_INCLUDED": "AFTER"}  # fmt: skip
FLIP = {"BEFORE": "AFTER", "AFTER": "BEFORE", "EQUAL": "EQUAL", "VAGUE": "VAGUE"}
TO_OURS = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED",
           "IS_INCLUDED": "INCLUDES", "SIMULTANEOUS": "SIMULTANEOUS"}  # fmt: skip


@dataclass(frozen=True)
class MatresPair:
    source: str  # eiid, "ei415"
    target: str
    label: str


def read_matres(paths: Iterable[Path]) -> dict[str, list[MatresPair]]:
    """Document id (the .tml file's stem) -> its pairs, in file order; folders are searched
    for ``*.txt``."""
    found: dict[str, list[MatresPair]] = {}
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) != 6 or cols[5] not in LABELS or not cols[3].isdigit():
                continue  # README and SOURCE lines
            pair = MatresPair(f"ei{cols[3]}", f"ei{cols[4]}", cols[5])
            found.setdefault(cols[0], []).append(pair)
    return found


def predict_pairs(
    events: dict[str, EventNode],
    pairs: Sequence[MatresPair],
    models: dict[str, PairModel] | None = None,
) -> list[str | None]:
    """Our MATRES label for each pair (None when an end is not in the parse)."""
    ordered: list[tuple[EventNode, EventNode]] = []
    index: list[tuple[int, bool] | None] = []
    for pair in pairs:
        a, b = events.get(pair.source), events.get(pair.target)
        if a is None or b is None or a.head.i == b.head.i:
            index.append(None)
            continue
        flipped = b.head.i < a.head.i
        index.append((len(ordered), flipped))
        ordered.append((b, a) if flipped else (a, b))
    decisions = classify_event_pairs(ordered, models)
    labels: list[str | None] = []
    for entry in index:
        if entry is None:
            labels.append(None)
            continue
        n, flipped = entry
        decision = decisions[n]
        label = VAGUE
        if decision is not None:
            a, _ = ordered[n]
            found = decision.found
            relation = found.relation if found.source == a.id else TO_OURS[found.relation]
            label = FROM_OURS.get(relation, VAGUE)
        labels.append(FLIP[label] if flipped else label)
    return labels


def score_pairs(pairs: Sequence[MatresPair], labels: Sequence[str | None]) -> PRF:
    """Micro P/R/F1 with VAGUE (and pairs we could not read) out of the positives."""
    matched = sum(1 for p, ours in zip(pairs, labels, strict=True)
                  if p.label != VAGUE and ours == p.label)  # fmt: skip
    n_gold = sum(1 for p in pairs if p.label != VAGUE)
    n_pred = sum(1 for ours in labels if ours not in (None, VAGUE))
    return PRF.of(matched, n_gold, n_pred)
