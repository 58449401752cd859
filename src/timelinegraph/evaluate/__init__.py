"""Evaluate: score our extraction against gold TimeML / MEANTIME annotations
(``timelinegraph eval``). Matching rules are in ``matching`` and ``docs/evaluation.md``."""

from .matching import align
from .metrics import PRF, Accuracy
from .predicted import predicted_document
from .report import EvalReport, render_errors, render_table, top_errors
from .run import evaluate_documents, evaluate_paths
from .score import DocumentScore, score_document, sum_scores

__all__ = [
    "PRF",
    "Accuracy",
    "DocumentScore",
    "EvalReport",
    "align",
    "evaluate_documents",
    "evaluate_paths",
    "predicted_document",
    "render_errors",
    "render_table",
    "score_document",
    "sum_scores",
    "top_errors",
]
