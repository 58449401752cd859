"""The relations layer of ``eval``: our temporal links against gold TimeML TLINKs.

- **temporal awareness** (TempEval-3 Task ABC, end to end): our events, times and TLINKs
  from the raw text against the gold ones, with the official scorer's graph closure
  (``tempeval.py``); our events and times take the id of the gold one on the same span, and
  links of those matching none count against precision only (``tlinks.aligned_relations``);
- **MATRES** (when ``--matres`` gives the pairs): the relation step given the gold event
  pairs, start points BEFORE / AFTER / EQUAL, VAGUE excluded from the positives
  (``matres.py``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from spacy.tokens import Doc

from ..extract.context import ArticleContext
from ..ingest.annotated import AnnotatedDocument, document_stem
from ..models import Model
from .gold_nodes import gold_nodes
from .matres import MatresPair, predict_pairs, score_pairs
from .metrics import PRF
from .tempeval import AwarenessScore, score_relations
from .tlinks import aligned_relations, document_relations

__all__ = ["RelationScores", "has_tlinks", "score_temporal"]


class RelationScores(Model):
    awareness: AwarenessScore = Field(
        default_factory=AwarenessScore, description="TempEval-3 temporal awareness, end to end."
    )
    matres: PRF | None = Field(
        default=None, description="Event-event start points on the MATRES gold pairs."
    )
    matres_documents: int = 0

    def __add__(self, other: RelationScores) -> RelationScores:
        matres = self.matres if other.matres is None else (self.matres or PRF()) + other.matres
        return RelationScores(
            awareness=self.awareness + other.awareness,
            matres=matres,
            matres_documents=self.matres_documents + other.matres_documents,
        )


def has_tlinks(gold: AnnotatedDocument) -> bool:
    return gold.format == "timeml" and bool(gold.tlinks)


def matres_key(gold: AnnotatedDocument) -> str:
    """The document id MATRES files use: the .tml file's stem."""
    return document_stem(Path(gold.article.path)) if gold.article.path else gold.article.id


def score_temporal(
    gold: AnnotatedDocument,
    predicted: AnnotatedDocument,
    doc: Doc,
    matres: list[MatresPair] | None = None,
) -> RelationScores:
    """One document's relation scores; ``doc`` is the parse the extraction was made from."""
    awareness = score_relations(document_relations(gold), aligned_relations(gold, predicted))
    if not matres:
        return RelationScores(awareness=awareness)
    nodes = gold_nodes(gold, ArticleContext(article=gold.article, doc=doc))
    labels = predict_pairs(nodes.events, matres)
    return RelationScores(
        awareness=awareness, matres=score_pairs(matres, labels), matres_documents=1
    )
