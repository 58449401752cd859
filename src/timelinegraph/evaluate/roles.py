"""Participant roles, scored on spans: a gold role is (event span, Arg0 | Arg1, entity span).

A predicted role matches a gold one when the event spans overlap, the roles are equal and the
argument spans overlap; one-to-one, exact pairs first, then the largest total overlap. Other
roles (Arg2, Argm-LOC, ...) are not scored, nor are roles whose event or entity is missing or
outside the scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import Field, computed_field

from ..ingest.annotated import AnnotatedDocument
from ..models import Model
from .findings import ErrorLog
from .matching import Span, counts, greedy_one_to_one, overlap, scored, span_of
from .metrics import PRF

__all__ = ["SCORED_ROLES", "RoleMention", "RoleScores", "role_mentions", "score_roles"]

CATEGORY = "roles"
SCORED_ROLES = ("Arg0", "Arg1")


class RoleScores(Model):
    by_role: dict[str, PRF] = Field(default_factory=dict)

    # pydantic's documented form; mypy does not type decorators over @property
    @computed_field  # type: ignore[prop-decorator]
    @property
    def overall(self) -> PRF:
        return sum(self.by_role.values(), PRF())

    def __add__(self, other: RoleScores) -> RoleScores:
        roles = sorted(self.by_role.keys() | other.by_role.keys())
        return RoleScores(
            by_role={r: self.by_role.get(r, PRF()) + other.by_role.get(r, PRF()) for r in roles}
        )


@dataclass(frozen=True)
class RoleMention:
    """A role resolved to the spans it links."""

    role: str
    event: Span
    argument: Span
    event_text: str
    argument_text: str

    def show(self) -> str:
        return f"{self.event_text!r} {self.role} {self.argument_text!r}"


def role_mentions(doc: AnnotatedDocument, scope: list[Span]) -> list[RoleMention]:
    """The scored roles of ``doc``: Arg0/Arg1 with both ends found and inside ``scope``."""
    events = {e.id: e for e in doc.events}
    entities = {e.id: e for e in doc.entities}
    found = []
    for r in doc.roles:
        event, entity = events.get(r.event_id), entities.get(r.entity_id)
        if r.role not in SCORED_ROLES or event is None or entity is None:
            continue
        if counts(span_of(event), scope) and counts(span_of(entity), scope):
            found.append(
                RoleMention(r.role, span_of(event), span_of(entity), event.text, entity.text)
            )
    return found


def score_roles(gold: AnnotatedDocument, pred: AnnotatedDocument, log: ErrorLog) -> RoleScores:
    """Score the predicted roles of one document against the gold ones."""
    golds = role_mentions(gold, gold.scope)
    preds = role_mentions(pred, gold.scope)
    matched = _greedy(golds, preds, range(len(golds)), range(len(preds)), _same)
    by_role = {}
    for role in SCORED_ROLES:
        hits = sum(1 for gi, _ in matched if golds[gi].role == role)
        n_gold = sum(1 for g in golds if g.role == role)
        by_role[role] = PRF.of(hits, n_gold, sum(1 for p in preds if p.role == role))
    pred_events = [span_of(e) for e in scored(pred.events, gold.scope)]
    _log_errors(golds, preds, matched, pred_events, log)
    return RoleScores(by_role=by_role)


Accept = Callable[[RoleMention, RoleMention, int, int], bool]


def _same(g: RoleMention, p: RoleMention, event_overlap: int, arg_overlap: int) -> bool:
    return g.role == p.role and event_overlap > 0 and arg_overlap > 0


def _other_role(g: RoleMention, p: RoleMention, event_overlap: int, arg_overlap: int) -> bool:
    return g.role != p.role and event_overlap > 0 and arg_overlap > 0


def _other_argument(g: RoleMention, p: RoleMention, event_overlap: int, arg_overlap: int) -> bool:
    return g.role == p.role and event_overlap > 0 and arg_overlap == 0


def _greedy(
    golds: list[RoleMention],
    preds: list[RoleMention],
    gold_left: Iterable[int],
    pred_left: Iterable[int],
    accept: Accept,
) -> list[tuple[int, int]]:
    """One-to-one pairs that ``accept`` allows: exact pairs first, then the largest overlap."""
    candidates = []
    pred_left = list(pred_left)
    for gi in gold_left:
        g = golds[gi]
        for pj in pred_left:
            p = preds[pj]
            ev, arg = overlap(g.event, p.event), overlap(g.argument, p.argument)
            if not accept(g, p, ev, arg):
                continue
            inexact = (g.event, g.argument) != (p.event, p.argument)
            key = (inexact, -(ev + arg), g.event, g.argument, p.event, p.argument, gi, pj)
            candidates.append((key, gi, pj))
    return greedy_one_to_one(candidates)


def _log_errors(
    golds: list[RoleMention],
    preds: list[RoleMention],
    matched: list[tuple[int, int]],
    pred_events: list[Span],
    log: ErrorLog,
) -> None:
    gold_left = set(range(len(golds))) - {gi for gi, _ in matched}
    pred_left = set(range(len(preds))) - {pj for _, pj in matched}
    for accept in (_other_role, _other_argument):
        for gi, pj in _greedy(golds, preds, sorted(gold_left), sorted(pred_left), accept):
            g, p = golds[gi], preds[pj]
            kind = (
                f"role {g.role}→{p.role}" if accept is _other_role else f"wrong argument {g.role}"
            )
            log.add(CATEGORY, kind, g.show(), p.show())
            gold_left.discard(gi)
            pred_left.discard(pj)
    for gi in sorted(gold_left):
        g = golds[gi]
        found = any(overlap(g.event, e) for e in pred_events)
        kind = f"missed {g.role}" if found else f"missed {g.role} (event missed)"
        log.add(CATEGORY, kind, gold=g.show())
    for pj in sorted(pred_left):
        log.add(CATEGORY, f"spurious {preds[pj].role}", predicted=preds[pj].show())
