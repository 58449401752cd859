"""Temporal awareness (UzZaman & Allen 2011), the TLINK score of TempEval-3 Tasks C and ABC,
ported from the official ``evaluation-relations/temporal_evaluation.py``.

For one document, both sides' relations are built into timegraphs (``timegraph``), which also
reduce them: a relation the earlier ones already entail is dropped, a contradicting one kept.

- precision: of the system's reduced relations, how many the gold graph entails or the gold
  annotation states outright (either direction);
- recall: of the gold's reduced relations, how many the system graph entails or states.

Documents are summed before dividing (micro average), as the original's folder mode does; F1 is
``2PR / (P + R)``. ``method`` picks the original's variants: ``"te3"`` (the official one),
``"acl11"`` (UzZaman & Allen's short paper: explicit relations, no reduction) and
``"implicit_in_recall"`` (recall also rewards system relations the gold only implies).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import ConfigDict, computed_field

from ..models import Model
from .timegraph import CONVERSE, BuiltGraph, Relation, build_timegraph, verify

__all__ = ["AwarenessScore", "Method", "score_corpus", "score_relations"]

Method = Literal["te3", "acl11", "implicit_in_recall"]


class AwarenessScore(Model):
    """Matched and total relations on each side; recall_matched is fractional only with
    ``implicit_in_recall``."""

    model_config = ConfigDict(frozen=True)

    precision_matched: int = 0
    system_total: int = 0
    recall_matched: float = 0
    gold_total: int = 0

    # pydantic's documented form; mypy does not type decorators over @property
    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.precision_matched / self.system_total if self.system_total else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.recall_matched / self.gold_total if self.gold_total else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2.0 * p * r / (p + r) if p + r else 0.0  # get_fscore, same order of operations

    def __add__(self, other: AwarenessScore) -> AwarenessScore:
        return AwarenessScore(
            precision_matched=self.precision_matched + other.precision_matched,
            system_total=self.system_total + other.system_total,
            recall_matched=self.recall_matched + other.recall_matched,
            gold_total=self.gold_total + other.gold_total,
        )


def score_corpus(
    pairs: Iterable[tuple[Sequence[Relation], Sequence[Relation]]], method: Method = "te3"
) -> AwarenessScore:
    """Micro average over ``(gold, system)`` relation lists, one pair per document."""
    return sum((score_relations(g, s, method) for g, s in pairs), AwarenessScore())


def score_relations(
    gold: Sequence[Relation], system: Sequence[Relation], method: Method = "te3"
) -> AwarenessScore:
    """One document (evaluate_two_files and its variants). Both sides must name events and
    times with the same ids (``tlinks.aligned_relations`` renames a prediction's)."""
    gold_graph, system_graph = build_timegraph(gold), build_timegraph(system)
    gold_stated, system_stated = _stated(gold), _stated(system)
    if method == "acl11":
        gold_scored, system_scored = _both_ways(gold), _both_ways(system)
    else:
        gold_scored, system_scored = gold_graph.scored_relations, system_graph.scored_relations
    precision_matched = _matched(system_scored, gold_stated, gold_graph)
    recall_matched: float = _matched(gold_scored, system_stated, system_graph)
    if method == "implicit_in_recall":
        recall_matched += _implicit_credit(gold_graph, system_graph, recall_matched)
    return AwarenessScore(
        precision_matched=precision_matched,
        system_total=len(system_scored),
        recall_matched=recall_matched,
        gold_total=len(gold_scored),
    )


def _both_ways(relations: Sequence[Relation]) -> list[Relation]:
    """Each relation and, unless it links a thing to itself, its converse (get_triples);
    duplicates kept, as the original counts them."""
    out = []
    for r in relations:
        out.append(r)
        if r.source != r.target:
            out.append(Relation(r.target, r.source, CONVERSE.get(r.rel, r.rel)))
    return out


def _stated(relations: Sequence[Relation]) -> set[Relation]:
    return set(_both_ways(relations))


def _matched(relations: Sequence[Relation], stated: set[Relation], other: BuiltGraph) -> int:
    """How many of ``relations`` the other side states or entails (total_relation_matched)."""
    return sum(1 for r in relations if r in stated or verify(other.graph, *r) == "true")


def _implicit_credit(gold: BuiltGraph, system: BuiltGraph, recall_matched: float) -> float:
    """The implicit_in_recall bonus: system relations the gold entails without stating them in
    its reduced list, each worth ``0.99 / (1 + n(n-1)/2 - matched)`` where n counts the things
    both reduced lists relate (total_implicit_matched, get_common_n)."""
    gold_scored, system_scored = gold.scored_relations, system.scored_relations
    kept = set(gold_scored)
    implicit = sum(1 for r in system_scored if r not in kept and verify(gold.graph, *r) == "true")
    common = _things(gold_scored) & _things(system_scored)
    n = len(common)
    weight = 0.99 / (1 + 0.5 * n * (n - 1) - recall_matched)
    return weight * implicit


def _things(relations: Sequence[Relation]) -> set[str]:
    return {r.source for r in relations} | {r.target for r in relations}
