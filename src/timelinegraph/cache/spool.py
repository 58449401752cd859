"""Where a build's extractions wait for the merge: on disk, in the cache's own format.

Each extraction goes to an ``ExtractionCache`` the moment it is made (the build's cache, or,
with no cache, a private one in a temporary folder removed after the build); the build keeps
only an ``Entry`` (which file, how large it may be) and the article's merge keys
(``resolve.parts.article_keys``). The merge reads a part's extractions back when it runs that
part, in whichever process runs it. A gzipped JSON file per article: the format the cache
already has, checked, and as fast to read back as the merge needs (reading is a few percent of
the merge, see benchmarks/bench_build.py), so no new storage dependency.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import TimelineGraphError
from ..models import ArticleExtraction
from .store import ExtractionCache, _inflate, _read_entry, entry_limit

__all__ = ["Entry", "Spool", "read_entry", "read_packed", "spool", "unpack"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored extraction: its file, the most bytes it may hold, and the article's path
    in this build (a cached entry may have been made from another path)."""

    file: str
    limit: int
    path: str | None


class Spool:
    """Extractions of one build, stored as they arrive (see the module's docstring). When
    the cache cannot be written, they go to a private folder instead (``problem`` says why):
    a build never fails because of its cache."""

    def __init__(self, cache: ExtractionCache, private: Path | None = None) -> None:
        self.cache = cache
        self._private = private
        self._fallback: ExtractionCache | None = None

    @property
    def problem(self) -> str | None:
        return self.cache.problem

    def add(self, extraction: ArticleExtraction, *, stored: bool = False) -> Entry:
        """Store ``extraction`` and return where it is; ``stored``: it was just read from
        the cache, where it stays."""
        article = extraction.article
        store = self.cache if stored else (self._fallback or self.cache)
        file = store.entry_path(store.key(article))
        if not stored:
            store.put(extraction)
            if store.problem is not None:
                if store is not self.cache or self._private is None:
                    raise TimelineGraphError(f"cannot store extractions: {store.problem}")
                self._fallback = ExtractionCache(self._private, model=self.cache.model)
                return self.add(extraction)
            if not file.is_file():  # put keeps nothing UTF-8 cannot hold
                raise TimelineGraphError(f"{article.path or article.id}: cannot be stored")
        return Entry(str(file), entry_limit(article), article.path)


def read_entry(
    entry: Entry, max_events: int | None = None, *, links: bool = True
) -> ArticleExtraction:
    """The extraction stored at ``entry``, with at most ``max_events`` events; without its
    temporal links unless ``links``."""
    data = _read_entry(Path(entry.file), entry.limit)
    if data is None:
        raise TimelineGraphError(f"{entry.file}: a stored extraction went missing or changed")
    return _decoded(data, entry, max_events, links)


def read_packed(entry: Entry) -> bytes:
    """The entry's file as stored (gzip): what is sent to a machine that cannot read it."""
    with open(entry.file, "rb") as handle:
        return handle.read(entry.limit + 1)


def unpack(
    packed: bytes, entry: Entry, max_events: int | None = None, *, links: bool = True
) -> ArticleExtraction:
    """``read_entry`` of an entry's bytes as ``read_packed`` gave them."""
    data = _inflate(packed, entry.limit)
    if data is None:
        raise TimelineGraphError(f"{entry.file}: a stored extraction is damaged")
    return _decoded(data, entry, max_events, links)


def _decoded(data: bytes, entry: Entry, max_events: int | None, links: bool) -> ArticleExtraction:
    x = ArticleExtraction.model_validate_json(data)
    update: dict[str, object] = {"article": x.article.model_copy(update={"path": entry.path})}
    if max_events is not None and len(x.events) > max_events:
        update["events"] = x.events[:max_events]
    if not links:
        update["links"] = []
    return x.model_copy(update=update)


@contextmanager
def spool(cache_dir: Path | None, *, model: str | None) -> Iterator[Spool]:
    """The build's spool: in the cache at ``cache_dir``, else in a temporary folder; the
    temporary folder (also the fallback of a cache that cannot be written) is removed on the
    way out."""
    folder = Path(tempfile.mkdtemp(prefix="timelinegraph-spool-"))
    try:
        if cache_dir is not None:
            yield Spool(ExtractionCache(cache_dir, model=model), folder)
        else:
            yield Spool(ExtractionCache(folder, model=model))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
