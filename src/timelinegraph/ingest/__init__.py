"""Ingest: read article files (.txt with a date header, .json, .jsonl) into ``Article`` models,
and annotated corpora (TimeML, CAT XML: MEANTIME, ECB+) into ``AnnotatedDocument`` models."""

from .annotated import AnnotatedDocument, CorefAnnotation, gold_chains
from .dates import infer_publication_date
from .reader import (
    ReadResult,
    SkippedFile,
    find_annotated_files,
    find_article_files,
    read_annotated,
    read_articles,
    read_file,
)

__all__ = [
    "AnnotatedDocument",
    "CorefAnnotation",
    "ReadResult",
    "SkippedFile",
    "find_annotated_files",
    "find_article_files",
    "gold_chains",
    "infer_publication_date",
    "read_annotated",
    "read_articles",
    "read_file",
]
