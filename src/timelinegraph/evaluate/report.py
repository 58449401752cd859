"""The result of ``timelinegraph eval``: corpus scores, error kinds, examples, per-document F1s;
as deterministic JSON or as a plain-text table."""

from __future__ import annotations

import json

from pydantic import Field

from ..models import Model
from .coref import CorefLayer, CorefMeasure, CorefReport
from .entities import COVERED_TYPES, EntityScores
from .events import EventScores
from .findings import ErrorExample
from .metrics import PRF, Accuracy
from .roles import RoleScores
from .tempeval import AwarenessScore
from .temporal import RelationScores
from .timex import TimexScores

__all__ = ["ErrorCount", "EvalReport", "render_errors", "render_table", "top_errors"]


class ErrorCount(Model):
    kind: str
    count: int


class EvalReport(Model):
    """Scores summed over the corpus (micro average); a layer no gold file annotates is None."""

    documents: int = Field(default=0, description="Documents scored.")
    skipped: list[str] = Field(default_factory=list, description="'path: problem' per file.")
    dated: dict[str, int] = Field(
        default_factory=dict,
        description="Documents by how their publication date was found (Article."
        "published_source: metadata, url, dateline, body, default).",
    )
    layer_documents: dict[str, int] = Field(
        default_factory=dict, description="How many documents each layer was scored on."
    )
    timex: TimexScores | None = None
    events: EventScores | None = None
    entities: EntityScores | None = None
    roles: RoleScores | None = None
    relations: RelationScores | None = Field(
        default=None, description="Temporal links: TempEval-3 awareness, MATRES pairs."
    )
    coref: CorefReport | None = Field(
        default=None, description="Cross-document coreference of events and actors."
    )
    errors: dict[str, list[ErrorCount]] = Field(
        default_factory=dict, description="Error kinds per layer, most frequent first."
    )
    examples: list[ErrorExample] = Field(
        default_factory=list, description="A few examples of each error kind, in corpus order."
    )
    per_document: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="Doc id -> headline F1 of each scored layer."
    )

    def to_json(self) -> str:
        """Sorted keys, fixed indentation: the same report gives the same bytes."""
        data = self.model_dump(mode="json")
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


Row = tuple[str, str, PRF | Accuracy | CorefMeasure | AwarenessScore | float]
HEADER = ("layer", "measure", "P", "R", "F1", "acc", "n(gold)", "n(pred)")


def _rows(report: EvalReport) -> list[Row]:
    rows: list[Row] = []
    if t := report.timex:
        rows += [("timex", "strict", t.strict), ("timex", "relaxed", t.relaxed)]
        rows += [("timex", "type", t.type), ("timex", "value", t.value)]
        rows.append(("timex", "value F1", t.value_f1))
    if e := report.events:
        rows += [("events", "span strict", e.strict), ("events", "span relaxed", e.relaxed)]
        rows.append(("events", "class", e.event_class))
    if n := report.entities:
        others = sorted(n.by_type.keys() - set(COVERED_TYPES))
        rows += [("entities", t, n.by_type.get(t, PRF())) for t in (*COVERED_TYPES, *others)]
        rows.append(("entities", "all types", n.all_types))
        rows.append(("entities", "+".join(COVERED_TYPES) + " (extracted)", n.covered))
        rows.append(("entities", "untyped span", n.untyped))
    if r := report.roles:
        rows += [("roles", role, prf) for role, prf in sorted(r.by_role.items())]
        rows.append(("roles", "+".join(sorted(r.by_role)), r.overall))
    if rel := report.relations:
        rows.append(("relations", "temporal awareness", rel.awareness))
        if rel.matres is not None:
            rows.append(("relations", "MATRES B/A/E (gold pairs)", rel.matres))
    if c := report.coref:
        for kind, layer in (("events", c.events), ("actors", c.actors)):
            if layer is not None:
                rows += _coref_rows(f"coref {kind}", layer)
    return rows


def _coref_rows(name: str, layer: CorefLayer) -> list[Row]:
    """MUC, B-cubed, CEAF-e, the CoNLL F1, and how many mentions each side had."""
    rows: list[Row] = [
        (name, "MUC", layer.muc),
        (name, "B-cubed", layer.b_cubed),
        (name, "CEAF-e", layer.ceaf_e),
        (name, "CoNLL F1", layer.conll_f1),
    ]
    mentions = PRF.of(layer.aligned_mentions, layer.gold_mentions, layer.predicted_mentions)
    rows.append((name, "mentions", mentions))
    return rows


def _cells(
    layer: str, measure: str, value: PRF | Accuracy | CorefMeasure | AwarenessScore | float
) -> tuple[str, ...]:
    if isinstance(value, AwarenessScore):  # relations after closure, as the TE3 scorer counts
        figures = (value.precision, value.recall, value.f1)
        sizes = (str(value.gold_total), str(value.system_total))
        return (layer, measure, *(f"{x:.3f}" for x in figures), "", *sizes)
    if isinstance(value, CorefMeasure):
        figures = (value.precision, value.recall, value.f1)
        return (layer, measure, *(f"{x:.3f}" for x in figures), "", "", "")
    if isinstance(value, PRF):
        figures = (value.precision, value.recall, value.f1)
        sizes = (str(value.n_gold), str(value.n_pred))
        return (layer, measure, *(f"{x:.3f}" for x in figures), "", *sizes)
    if isinstance(value, Accuracy):
        return (layer, measure, "", "", "", f"{value.accuracy:.3f}", str(value.total), "")
    return (layer, measure, "", "", f"{value:.3f}", "", "", "")


def render_table(report: EvalReport) -> str:
    """Plain-text table, one row per measure. Accuracy rows give the pairs compared in n(gold)."""
    lines = [HEADER, *(_cells(*row) for row in _rows(report))]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    out = []
    for line in lines:
        left = [cell.ljust(w) for cell, w in zip(line[:2], widths[:2], strict=True)]
        right = [cell.rjust(w) for cell, w in zip(line[2:], widths[2:], strict=True)]
        out.append("  ".join(left + right).rstrip())
    return "\n".join(out) + "\n"


def top_errors(report: EvalReport, n: int = 10) -> list[tuple[str, str, int]]:
    """The ``n`` most frequent (layer, error kind, count) over all layers."""
    found = [(c, e.kind, e.count) for c, kinds in report.errors.items() for e in kinds]
    return sorted(found, key=lambda x: (-x[2], x[0], x[1]))[:n]


def render_errors(report: EvalReport, n: int = 10, examples: int = 2) -> str:
    """The most frequent error kinds, each with a few examples (doc id, gold, predicted)."""
    out = []
    for category, kind, count in top_errors(report, n):
        out.append(f"{count:>6}  {category:<9} {kind}")
        shown = [x for x in report.examples if (x.category, x.kind) == (category, kind)]
        for x in shown[:examples]:
            out.append(f"{'':>8}{x.doc_id}: gold {x.gold or '-'} | ours {x.predicted or '-'}")
    return "\n".join(out) + ("\n" if out else "")
