"""Score our extraction against annotated corpora: read gold files, extract, convert, score."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.language import Language

from ..dating import dating_counts
from ..errors import InputError
from ..extract import DEFAULT_BATCH_SIZE, extract_doc
from ..extract.context import mask_text
from ..extract.nlp import load_nlp
from ..ingest.annotated import AnnotatedDocument
from .coref import score_coref
from .matres import MatresPair, read_matres
from .predicted import predicted_document
from .report import EvalReport
from .score import score_document, sum_scores
from .temporal import has_tlinks, matres_key, score_temporal

__all__ = ["evaluate_documents", "evaluate_paths"]


GOLD_FORMATS = ("timeml", "cat")


def evaluate_paths(
    paths: list[Path],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    gold_format: str | None = None,
    default_date: date | None = None,
    matres: list[Path] | None = None,
) -> EvalReport:
    """Score every TimeML / CAT file found under ``paths``.

    Files that cannot be read are listed in ``report.skipped`` as "path: problem", and so are
    files of another format than ``gold_format`` when one is given (else it is detected per
    file). The pipeline is ``nlp`` when given, else ``load_nlp(model)``. ``default_date`` dates
    files with no publication date in their metadata or text (ECB+). ``matres``: MATRES
    relation files (or folders of them) to score event pairs with. Raises ``InputError``
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
    pairs = read_matres(matres) if matres else None
    pipeline = nlp if nlp is not None else load_nlp(model)
    report = evaluate_documents(golds, nlp=pipeline, matres=pairs)
    return report.model_copy(update={"skipped": skipped})


def evaluate_documents(
    golds: list[AnnotatedDocument],
    *,
    nlp: Language,
    matres: dict[str, list[MatresPair]] | None = None,
) -> EvalReport:
    """Extract from each gold document's article and score the extraction against it; when
    the gold has TLINKs, also the temporal links (and the ``matres`` pairs of the document,
    by .tml file stem); when the gold has coreference chains, also resolve each folder and
    score the merging."""
    extractions = []
    scores = []
    texts = ((mask_text(gold.article), gold) for gold in golds)
    for doc, gold in nlp.pipe(texts, as_tuples=True, batch_size=DEFAULT_BATCH_SIZE):
        extraction = extract_doc(gold.article, doc)
        extractions.append(extraction)
        predicted = predicted_document(extraction, timeml=gold.format == "timeml")
        score = score_document(gold, predicted)
        if has_tlinks(gold):
            pairs = matres.get(matres_key(gold)) if matres else None
            relations = score_temporal(gold, predicted, doc, pairs)
            score = score.model_copy(update={"relations": relations})
        scores.append(score)
    report = sum_scores(scores)
    dated = dating_counts(gold.article.published_source for gold in golds)
    report = report.model_copy(update={"dated": dated})
    with_chains = [i for i, gold in enumerate(golds) if "coref" in gold.layers]
    if with_chains:
        coref = score_coref([golds[i] for i in with_chains], [extractions[i] for i in with_chains])
        report = report.model_copy(update={"coref": coref})
    return report
