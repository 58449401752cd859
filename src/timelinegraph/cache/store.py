"""The on-disk store: one gzipped JSON ``ArticleExtraction`` per key.

Layout: ``<root>/<key[:2]>/<key>.json.gz``. Every write goes to a temporary file in the same
folder and is renamed over the entry, so a reader (another build sharing the cache) sees the
old entry, the new one or none, never half of one. An entry that cannot be read, decoded or
validated, or that holds another article, counts as a miss and is overwritten. So does one
larger than its article could give (``entry_limit``): it is never read or inflated past that,
so a corrupt or planted entry (a gzip "bomb" of gigabytes) costs no more memory than a real one.
"""

from __future__ import annotations

import gzip
import os
import tempfile
import zlib
from contextlib import suppress
from pathlib import Path

from ..models import Article, ArticleExtraction
from . import keys

ENTRY_SUFFIX = ".json.gz"
# https://bford.info/cachedir/ : backup tools skip a folder holding this file.
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by timelinegraph.\n"
    "# Delete the whole folder to clear the cache.\n"
)
_UNREADABLE = (OSError, EOFError, ValueError, zlib.error)
# An entry is the article and every fact read from it, each fact quoting up to 1,000
# characters of its sentence (extract/context.MAX_QUOTE): measured at 50 to 175 bytes per byte
# of text (a run-on sentence the most); over this, a stored entry cannot be a real one.
ENTRY_BASE_BYTES = 16 << 20
ENTRY_BYTES_PER_TEXT_BYTE = 1_000


class ExtractionCache:
    """Extractions stored under ``root``, keyed by article content, extractor and model.

    ``model`` is the spaCy pipeline name as given to the build (None: the default one). A
    cache that cannot be written keeps working as a read-only one and records why in
    ``problem``; a build never fails because of its cache.
    """

    def __init__(self, root: Path, *, model: str | None = None) -> None:
        self.root = Path(root)
        self.model = model
        self.problem: str | None = None
        self._context: str | None = None

    @property
    def context(self) -> str:
        """Digest of extractor version and model identity, computed on first use."""
        if self._context is None:
            self._context = keys.context_digest(self.model)
        return self._context

    def key(self, article: Article) -> str:
        return keys.article_key(article, self.context)

    def entry_path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def get(self, article: Article) -> ArticleExtraction | None:
        """The stored extraction of ``article`` carrying this very Article object, or None."""
        try:
            data = _read_entry(self.entry_path(self.key(article)), entry_limit(article))
            if data is None:
                return None
            extraction = ArticleExtraction.model_validate_json(data)
        except _UNREADABLE:
            return None
        if _keyed(extraction.article) != _keyed(article):
            return None
        return extraction.model_copy(update={"article": article})

    def put(self, extraction: ArticleExtraction) -> None:
        """Store ``extraction`` under its article's key; on failure, note it and stop writing."""
        if self.problem is not None:
            return
        try:
            path = self.entry_path(self.key(extraction.article))
            body = extraction.model_dump_json().encode()
        except ValueError:  # text UTF-8 cannot hold (an Article not made by the reader): not kept
            return
        data = gzip.compress(body, compresslevel=6, mtime=0)
        try:
            if not self.root.is_dir():
                self.root.mkdir(parents=True, exist_ok=True)
                _write_tag(self.root)
            _write_atomic(path, data)
        except OSError as exc:
            self.problem = f"cannot write to {self.root} ({exc.strerror or exc})"


def entry_limit(article: Article) -> int:
    """The most bytes an entry of ``article`` may hold, packed or inflated."""
    return ENTRY_BASE_BYTES + ENTRY_BYTES_PER_TEXT_BYTE * len(article.text.encode())


def _read_entry(path: Path, limit: int) -> bytes | None:
    """The inflated entry at ``path``: one whole gzip member (its checksum verified) of at
    most ``limit`` bytes; None when it is larger, truncated or followed by anything."""
    with path.open("rb") as handle:
        packed = handle.read(limit + 1)
    return _inflate(packed, limit)


def _inflate(packed: bytes, limit: int) -> bytes | None:
    """``_read_entry`` of a file's bytes."""
    if len(packed) > limit:
        return None
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing
    data = inflater.decompress(packed, limit + 1)  # stops there: never inflates a bomb whole
    if len(data) > limit or not inflater.eof or inflater.unused_data:
        return None
    return data


def _keyed(article: Article) -> dict[str, object]:
    return article.model_dump(exclude=set(keys.UNKEYED_FIELDS))


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_name)
        raise


def _write_tag(root: Path) -> None:
    with suppress(OSError):
        _write_atomic(root / "CACHEDIR.TAG", CACHEDIR_TAG.encode())
