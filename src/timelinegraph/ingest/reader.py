"""Finding article files and reading them; bad files are reported and skipped, never fatal."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..export.outdir import is_output_folder
from ..limits import DEFAULT_MAX_BYTES, MAX_ARTICLE_CHARS, MAX_AUTHORS, MAX_METADATA_CHARS
from ..models import Article
from ..registry import EXPORT_FILENAMES
from .annotated import AnnotatedDocument
from .formats import (
    annotated_format,
    decode,
    iter_jsonl,
    parse_annotated,
    parse_json_file,
    parse_text_article,
)
from .ids import short_hash
from .unicode import escape_surrogates, valid_unicode

# Compared lower-cased: TempEval-3 inputs end in ".TE3input".
ANNOTATED_SUFFIXES = (".xml", ".tml", ".te3input")
SUFFIXES = (".txt", ".json", ".jsonl", *ANNOTATED_SUFFIXES)


@dataclass(frozen=True)
class SkippedFile:
    """An input that could not be read: where, and why (one line)."""

    where: str
    problem: str

    def __str__(self) -> str:
        # one line whatever a file name holds: controls (a newline) are written escaped
        return f"{one_line(self.where)}: {one_line(self.problem)}"


def one_line(text: str) -> str:
    """``text`` with control characters escaped (``\\n``), so it prints on one line, and the
    undecodable bytes of a file name as ``\\xNN`` (see unicode.py), so it can be printed."""
    text = escape_surrogates(text)
    return "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in text)


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # metadata cut to its limit


def find_article_files(paths: Iterable[Path], *, skip: Iterable[Path] = ()) -> list[Path]:
    """Article files under ``paths`` (folders read recursively, hidden ones skipped), sorted.

    Folders builds write into are not read: ``skip`` (the ``--out`` of this run) and any
    holding a build lock, whose files are exports (a ``timeline.json`` read as an article
    would be skipped with an error on every build)."""
    return _find_files(paths, SUFFIXES, skip)


def find_annotated_files(paths: Iterable[Path]) -> list[Path]:
    """TimeML and CAT XML files (.xml, .tml, .TE3input) under ``paths``, as for articles."""
    return _find_files(paths, ANNOTATED_SUFFIXES)


def _find_files(
    paths: Iterable[Path], suffixes: tuple[str, ...], skip: Iterable[Path] = ()
) -> list[Path]:
    outputs = {Path(p).resolve() for p in skip}
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(_walk(path, suffixes, outputs))
        elif path.exists():
            found.add(path)
        else:
            raise InputError(str(path), "no such file or directory")
    return sorted(found)


def _walk(root: Path, suffixes: tuple[str, ...], outputs: set[Path]) -> Iterator[Path]:
    """Files under ``root`` with one of ``suffixes``, hidden files and folders left out, and
    output folders: one below ``root`` is left out whole; when ``root`` is one itself, the
    user said to read it, so only the exports directly in it are left out."""

    def is_output(folder: Path) -> bool:
        return is_output_folder(folder) or folder.resolve() in outputs

    root_is_output = is_output(root)
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and not is_output(here / d)]
        for name in names:
            path = here / name
            if (
                name.startswith(".")
                or path.suffix.lower() not in suffixes
                or (root_is_output and here == root and name in EXPORT_FILENAMES)
            ):
                continue
            if path.is_file():
                yield path


def display_path(path: Path, roots: Iterable[Path]) -> str:
    """The path as a reader would name it, independent of the working directory:
    relative to the folder that was given ('seeds/a.txt'), else the file name; an
    undecodable byte in it written ``\\xNN`` (see unicode.py)."""
    shown = path.name
    for root in roots:
        if root.is_dir() and path.is_relative_to(root):
            shown = path.relative_to(root.parent if root.name else root).as_posix()
            break
    return escape_surrogates(shown)


def read_file(
    path: Path,
    *,
    default_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    notes: list[str] | None = None,
) -> Iterator[Article | InputError]:
    """Articles in one file; each problem comes back as an InputError instead of raising.
    Metadata cut to its limit (``limits.MAX_METADATA_CHARS``) is said in ``notes``."""
    many = path.suffix.lower() in (".json", ".jsonl")
    for item in _read_items(path, default_date=default_date, max_bytes=max_bytes):
        if isinstance(item, Article):
            where = f"{path} [{item.id}]" if many else str(path)
            if len(item.text) > MAX_ARTICLE_CHARS:
                problem = f"article is {len(item.text):,} characters, over the "
                item = InputError(where, f"{problem}{MAX_ARTICLE_CHARS:,} the NLP model parses")
            else:
                item = _checked_article(item, where, notes if notes is not None else [])
        yield item


def _read_items(
    path: Path, *, default_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    try:
        suffix = path.suffix.lower()
        if suffix == ".jsonl":  # streamed: the size limit is per line (per article)
            yield from _read_jsonl(path, max_bytes, default_date)
            return
        text = _read_text(path, max_bytes)
        if annotated_format(text) or suffix in ANNOTATED_SUFFIXES:
            # by content, whatever the extension; an .xml that is neither is an error, not text
            yield parse_annotated(path, text, default_date=default_date).article
        elif suffix == ".json":
            yield from parse_json_file(path, text, default_date=default_date)
        else:
            yield parse_text_article(path, text, default_date=default_date)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def read_annotated(
    path: Path, *, default_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> AnnotatedDocument:
    """The article and gold annotations of one TimeML or CAT XML file; raises InputError.
    ``default_date`` dates a file with no publication date in its metadata or text."""
    try:
        gold = parse_annotated(path, _read_text(path, max_bytes), default_date=default_date)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    # the same rules as for articles; a note on the gold's metadata would change no score
    return gold.model_copy(update={"article": _checked_article(gold.article, str(path), [])})


def _checked_article(article: Article, where: str, notes: list[str]) -> Article:
    """The one place every article read passes through: made valid Unicode, then its
    metadata held to its limits (``where`` names it in the notes)."""
    return _within_limits(_valid_article(article), where, notes)


_CONTENT_FIELDS = ("id", "text", "title", "url", "source", "dateline")


def _valid_article(article: Article) -> Article:
    """``article`` in valid Unicode, the rule of unicode.py: content with U+FFFD for a lone
    surrogate (offsets unchanged), its file name with ``\\xNN`` for an undecodable byte."""
    update: dict[str, object] = {
        name: valid_unicode(value)
        for name in _CONTENT_FIELDS
        if isinstance(value := getattr(article, name), str)
    }
    update["authors"] = [valid_unicode(author) for author in article.authors]
    if article.path is not None:
        update["path"] = escape_surrogates(article.path)
    return article.model_copy(update=update)


def _within_limits(article: Article, where: str, notes: list[str]) -> Article:
    """``article`` with its metadata within ``MAX_METADATA_CHARS`` and ``MAX_AUTHORS``, a note
    for each field changed: text fields cut, an over-long url left out (see limits.py)."""
    update: dict[str, object] = {}
    for name in ("title", "source"):
        value, limit = getattr(article, name), MAX_METADATA_CHARS[name]
        if value is not None and len(value) > limit:
            update[name] = value[:limit]
            notes.append(f"{where}: {name} cut to {limit:,} characters")
    limit = MAX_METADATA_CHARS["url"]
    if article.url is not None and len(article.url) > limit:
        update["url"] = None
        notes.append(f"{where}: url of {len(article.url):,} characters left out (over {limit:,})")
    authors = article.authors
    if len(authors) > MAX_AUTHORS:
        authors = authors[:MAX_AUTHORS]
        notes.append(f"{where}: {len(article.authors):,} authors, only the first {MAX_AUTHORS}")
    limit = MAX_METADATA_CHARS["author"]
    if any(len(author) > limit for author in authors):
        authors = [author[:limit] for author in authors]
        notes.append(f"{where}: authors cut to {limit:,} characters each")
    if authors is not article.authors:
        update["authors"] = authors
    return article.model_copy(update=update) if update else article


def _read_jsonl(
    path: Path, max_bytes: int, default_date: date | None
) -> Iterator[Article | InputError]:
    """A ``.jsonl`` file line by line, never whole in memory; a line over ``max_bytes``
    or not UTF-8 is reported with its line number and skipped."""
    with path.open("rb") as handle:
        start = handle.read(4096)
        if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start:
            # UTF-16 or binary: the whole-file reader decodes it or says what is wrong
            yield from iter_jsonl(path, _read_text(path, max_bytes), default_date=default_date)
            return
        if not start.strip() and len(start) < 4096:
            yield InputError(str(path), "empty file")
            return
        handle.seek(0)
        lineno = 0
        while raw := handle.readline(max_bytes + 1):
            lineno += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the over-long line
                yield InputError(f"{path}:{lineno}", f"line is over the {max_bytes:,}-byte limit")
                continue
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                where = f"{path}:{lineno}"
                yield InputError(where, f"not UTF-8 (invalid byte at offset {exc.start})")
                continue
            yield from iter_jsonl(path, line, default_date=default_date, first_line=lineno)


def _read_text(path: Path, max_bytes: int) -> str:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"file is {size:,} bytes, over the {max_bytes:,} limit")
    return decode(path, path.read_bytes())


def read_articles(
    paths: list[Path],
    *,
    default_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: Iterable[Path] = (),
) -> ReadResult:
    """Read every article under ``paths`` but those in ``skip`` folders (see
    ``find_article_files``); ids are made unique deterministically."""
    result = ReadResult()
    roots = [p.resolve() for p in paths]
    for path in find_article_files(paths, skip=skip):
        shown = display_path(path.resolve(), roots)
        items = read_file(path, default_date=default_date, max_bytes=max_bytes, notes=result.notes)
        for item in items:
            if isinstance(item, InputError):
                result.skipped.append(SkippedFile(item.path, item.problem))
            else:
                result.articles.append(item.model_copy(update={"path": shown}))
    result.articles = _unique_ids(result.articles)
    return result


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Two files named alike in different folders must not collide: suffix a path hash."""
    counts: dict[str, int] = {}
    for article in articles:
        counts[article.id] = counts.get(article.id, 0) + 1
    unique = []
    for article in articles:
        if counts[article.id] > 1:
            key = f"{article.path}\0{article.id}\0{article.text[:200]}"
            article = article.model_copy(update={"id": f"{article.id}-{short_hash(key)}"})
        unique.append(article)
    return unique
