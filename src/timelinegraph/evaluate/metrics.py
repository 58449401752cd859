"""Counts and the figures made from them. Scores are summed as counts across documents and only
then turned into precision, recall and F1 (micro average), so a short document weighs little."""

from __future__ import annotations

from pydantic import ConfigDict, computed_field

from ..models import Model

__all__ = ["PRF", "Accuracy", "ratio"]


def ratio(num: float, den: float) -> float:
    """``num / den``, with 0/0 (nothing to score) counted as 0.0."""
    return num / den if den else 0.0


class PRF(Model):
    """True positives, false positives and false negatives of one matching."""

    model_config = ConfigDict(frozen=True)

    tp: int = 0
    fp: int = 0
    fn: int = 0

    # pydantic's documented form; mypy does not type decorators over @property
    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def n_gold(self) -> int:
        return self.tp + self.fn

    @property
    def n_pred(self) -> int:
        return self.tp + self.fp

    @classmethod
    def of(cls, matched: int, n_gold: int, n_pred: int) -> PRF:
        """From the number of matched pairs and the sizes of both sides."""
        return cls(tp=matched, fp=n_pred - matched, fn=n_gold - matched)

    def __add__(self, other: PRF) -> PRF:
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class Accuracy(Model):
    """How many of the compared pairs agree on an attribute."""

    model_config = ConfigDict(frozen=True)

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        return ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)
