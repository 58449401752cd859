"""Ingest: read article files (.txt with a date header, .json, .jsonl) into ``Article`` models."""

from .reader import ReadResult, SkippedFile, find_article_files, read_articles, read_file

__all__ = ["ReadResult", "SkippedFile", "find_article_files", "read_articles", "read_file"]
