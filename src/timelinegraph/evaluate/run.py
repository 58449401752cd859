"""Score our extraction against annotated corpora: read gold files, extract, convert, score."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.language import Language

from ..dating import dating_counts
from ..errors import InputError
from ..extract import extract_many
from ..extract.nlp import load_nlp
from ..ingest.annotated import AnnotatedDocument
from .coref import score_coref
from .predicted import predicted_document
from .report import EvalReport
from .score import score_document, sum_scores

__all__ = ["evaluate_documents", "evaluate_paths"]


GOLD_FORMATS = ("timeml", "cat")


def evaluate_paths(
    paths: list[Path],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    gold_format: str | None = None,
    default_date: date | None = None,
) -> EvalReport:
    """Score every TimeML / CAT file found under ``paths``.

    Files that cannot be read are listed in ``report.skipped`` as "path: problem", and so are
    files of another format than ``gold_format`` when one is given (else it is detected per
    file). The pipeline is ``nlp`` when given, else ``load_nlp(model)``. ``default_date`` dates
    files with no publication date in their metadata or text (ECB+). Raises ``InputError``
    when no annotated file is found at all.
    """
    if gold_format is not None and gold_format not in GOLD_FORMATS:
        valid = ", ".join(GOLD_FORMATS)
        raise InputError("--format", f"unknown gold format {gold_format!r} (valid: {valid})")
    # Imported here so this module loads even where the readers are not installed yet.
    from ..ingest import SkippedFile, find_annotated_files, read_annotated

    files = find_annotated_files(paths)
    if not files:
        where = ", ".join(str(p) for p in paths) or "(no paths)"
        raise InputError(where, "no TimeML or CAT annotated files found")
    golds: list[AnnotatedDocument] = []
    skipped: list[str] = []
    for path in files:
        try:
            gold = read_annotated(path, default_date=default_date)
        except InputError as exc:  # SkippedFile: one printable line, whatever the file name
            skipped.append(str(SkippedFile(exc.path, exc.problem)))
            continue
        if gold_format is not None and gold.format != gold_format:
            skipped.append(str(SkippedFile(str(path), f"{gold.format} file, not {gold_format}")))
            continue
        golds.append(gold)
    report = evaluate_documents(golds, nlp=nlp if nlp is not None else load_nlp(model))
    return report.model_copy(update={"skipped": skipped})


def evaluate_documents(golds: list[AnnotatedDocument], *, nlp: Language) -> EvalReport:
    """Extract from each gold document's article and score the extraction against it; when
    the gold has coreference chains, also resolve each folder and score the merging."""
    extractions = list(extract_many((gold.article for gold in golds), nlp))
    scores = (
        score_document(gold, predicted_document(extraction, timeml=gold.format == "timeml"))
        for gold, extraction in zip(golds, extractions, strict=True)
    )
    report = sum_scores(scores)
    dated = dating_counts(gold.article.published_source for gold in golds)
    report = report.model_copy(update={"dated": dated})
    with_chains = [i for i, gold in enumerate(golds) if "coref" in gold.layers]
    if with_chains:
        coref = score_coref([golds[i] for i in with_chains], [extractions[i] for i in with_chains])
        report = report.model_copy(update={"coref": coref})
    return report
