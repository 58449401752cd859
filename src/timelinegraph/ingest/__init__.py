"""Ingest: read article files (.txt with a date header, .json, .jsonl) into ``Article`` models,
and annotated corpora (TimeML, CAT XML) into ``AnnotatedDocument`` models."""

from .annotated import AnnotatedDocument
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
    "ReadResult",
    "SkippedFile",
    "find_annotated_files",
    "find_article_files",
    "read_annotated",
    "read_articles",
    "read_file",
]
