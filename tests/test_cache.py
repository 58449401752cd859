"""Incremental builds: extractions cached per article, exports equal to a full rebuild.

Real spaCy model, real extractor. Extractions are counted by wrapping the pipeline's call to
the extractor (``extract_all``) with a wrapper that records the articles and calls the real one.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

import timelinegraph
from tg_paths import ROOT
from timelinegraph import pipeline
from timelinegraph.cache import ExtractionCache, default_cache_dir, keys
from timelinegraph.ingest import find_article_files, read_articles
from timelinegraph.pipeline import build
from timelinegraph.registry import DEFAULT_FORMATS, EXPORTERS

FILES = tuple(EXPORTERS[name][0] for name in DEFAULT_FORMATS)

ARTICLES = {
    "a.txt": "date 2024-03-04 CAIRO—Hamas pulled out of cease-fire talks with Israel on Monday, "
    "Egyptian officials said. Mediators from Qatar hope the talks resume next week.",
    "b.txt": "date 2024-03-05 JERUSALEM—Israel said Tuesday it would send a delegation to Cairo "
    "for talks with Egyptian mediators. Prime Minister Benjamin Netanyahu rejected Hamas's "
    "demand for a permanent cease-fire.",
    "c.txt": "date 2024-03-06 DOHA—Qatar urged Israel and Hamas on Wednesday to agree to a "
    "six-week truce before Ramadan. Hamas leader Yahya Sinwar has not said how many hostages "
    "are alive.",
}
NEW_ARTICLE = (
    "d.txt",
    "date 2024-03-07 WASHINGTON—The United States warned Israel on Thursday against an "
    "operation in Rafah. Hamas accused Israel of blocking aid to Gaza.",
)
EDITED_B = (
    "date 2024-03-05 JERUSALEM—Israel said Tuesday it would not send a delegation to Cairo. "
    "Netanyahu rejected Hamas's demand for a permanent cease-fire."
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the articles handed to the extractor, in order, across builds."""
    seen: list[str] = []
    real = pipeline.extract_all

    def counting(articles, **kwargs):
        seen.extend(a.id for a in articles)
        return real(articles, **kwargs)

    monkeypatch.setattr(pipeline, "extract_all", counting)
    return seen


def exports(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.json.gz"))


def test_adding_one_article_extracts_only_it_and_equals_a_full_rebuild(corpus, tmp_path, extracted):
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "out1", cache_dir=cache)
    assert (first.extracted, first.cached) == (3, 0)
    assert "from cache" not in first.line()
    assert len(entries(cache)) == 3
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f")

    (corpus / NEW_ARTICLE[0]).write_text(NEW_ARTICLE[1], encoding="utf-8")
    del extracted[:]
    calls: list[tuple[int, int]] = []
    second = build(
        [corpus], tmp_path / "out2", cache_dir=cache, progress=lambda *a: calls.append(a)
    )
    assert extracted == ["d"]
    assert (second.articles, second.extracted, second.cached) == (4, 1, 3)
    assert second.line().endswith("(1 extracted, 3 from cache)")
    assert second.line().startswith("Built 4 articles (0 skipped): ")
    assert [done for done, _ in calls] == [1, 2, 3, 4] and {t for _, t in calls} == {4}
    assert len(entries(cache)) == 4

    full = build([corpus], tmp_path / "full")  # no cache
    fresh = build([corpus], tmp_path / "fresh", cache_dir=tmp_path / "cache2")
    assert (full.extracted, full.cached, fresh.extracted) == (4, 0, 4)
    assert exports(tmp_path / "out2") == exports(tmp_path / "full") == exports(tmp_path / "fresh")
    assert (second.events, second.actors, second.relations) == (
        full.events,
        full.actors,
        full.relations,
    )


def test_editing_one_article_re_extracts_only_it(corpus, tmp_path, extracted):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", cache_dir=cache)
    (corpus / "b.txt").write_text(EDITED_B, encoding="utf-8")
    del extracted[:]
    again = build([corpus], tmp_path / "out2", cache_dir=cache)
    assert extracted == ["b"]
    assert (again.extracted, again.cached) == (1, 2)
    build([corpus], tmp_path / "full")
    assert exports(tmp_path / "out2") == exports(tmp_path / "full")


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\xffnot gzip at all",
        b"",
        gzip.compress(b'{"article": {"id": "a"'),  # truncated JSON
        gzip.compress(b'{"unexpected": true}'),  # valid JSON, not an extraction
    ],
    ids=["bytes", "empty", "truncated-json", "wrong-schema"],
)
def test_corrupt_entries_are_extracted_again(corpus, tmp_path, extracted, garbage):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", cache_dir=cache)
    stored = entries(cache)
    stored[0].write_bytes(garbage)
    del extracted[:]
    again = build([corpus], tmp_path / "out2", cache_dir=cache)
    assert (again.extracted, again.cached) == (1, 2) and len(extracted) == 1
    assert exports(tmp_path / "out2") == exports(tmp_path / "out1")
    assert stored[0].read_bytes()[:2] == b"\x1f\x8b"  # overwritten with a good entry
    del extracted[:]
    assert build([corpus], tmp_path / "out3", cache_dir=cache).cached == 3
    assert extracted == []
    assert exports(tmp_path / "out2") == exports(tmp_path / "out3")


def gzip_bomb(size: int) -> bytes:
    """A gzip member inflating to ``size`` spaces, made without holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * (1 << 20)
    packed = [packer.compress(chunk) for _ in range(size >> 20)]
    return b"".join([*packed, packer.flush()])


def test_an_oversized_entry_is_a_miss_and_never_inflated_whole(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", cache_dir=cache)
    store = ExtractionCache(cache)
    article = read_articles([corpus]).articles[0]
    entry = store.entry_path(store.key(article))
    entry.write_bytes(gzip_bomb(128 << 20))  # 128 MB of spaces in ~130 KB
    assert entry.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        assert store.get(article) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 << 20, f"{peak:,} bytes"  # the entry limit (~16 MB), not 128 MB
    entry.write_bytes(gzip.compress(b'{"article": ') + b"trailing bytes")  # corrupt, too
    assert store.get(article) is None
    again = build([corpus], tmp_path / "out2", cache_dir=cache)
    assert (again.extracted, again.cached) == (1, 2)  # a miss, extracted again, no crash
    assert exports(tmp_path / "out2") == exports(tmp_path / "out1")
    assert store.get(article) is not None  # overwritten with a good entry


def test_an_entry_holding_another_article_is_a_miss(corpus, tmp_path):
    articles = read_articles([corpus]).articles
    store = ExtractionCache(tmp_path / "cache")
    build([corpus], tmp_path / "out", cache_dir=store.root)
    a, b = articles[0], articles[1]
    shutil.copy(store.entry_path(store.key(a)), store.entry_path(store.key(b)))
    assert store.get(b) is None
    assert store.get(a) is not None


def test_a_changed_extractor_or_model_misses_everything(corpus, tmp_path, extracted, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", cache_dir=cache)
    monkeypatch.setattr(keys, "extractor_version", lambda: "another extractor")
    del extracted[:]
    assert build([corpus], tmp_path / "out2", cache_dir=cache).extracted == 3
    assert sorted(extracted) == ["a", "b", "c"]
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "extract_all", lambda *a, **k: pytest.fail("extracted"))
    assert build([corpus], tmp_path / "out3", cache_dir=cache).cached == 3
    monkeypatch.setattr(keys, "model_identity", lambda model: "another model 1.0")
    store = ExtractionCache(cache)
    assert all(store.get(a) is None for a in read_articles([corpus]).articles)


def test_extractor_version_digests_the_extraction_code(tmp_path, monkeypatch, request):
    request.addfinalizer(keys.extractor_version.cache_clear)
    package = Path(timelinegraph.__file__).parent
    copy = tmp_path / "timelinegraph"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    files = [p.relative_to(copy).as_posix() for p in keys._versioned_files(copy)]
    assert "models.py" in files and "extract/__init__.py" in files
    assert "data/countries.tsv" in files
    # resolve/names.py alone: extraction cleans names with it; the rest of resolve acts later
    assert not any(
        f.startswith(("ingest/", "export/", "resolve/")) for f in files if f != "resolve/names.py"
    )
    assert "resolve/names.py" in files and "common/textkey.py" in files
    monkeypatch.setattr(timelinegraph, "__file__", str(copy / "__init__.py"))

    def version() -> str:
        keys.extractor_version.cache_clear()
        return keys.extractor_version()

    before = version()
    assert version() == before  # deterministic
    (copy / "ingest" / "reader.py").write_text("# not extraction\n", encoding="utf-8")
    assert version() == before
    events = copy / "extract" / "events" / "__init__.py"
    events.write_text(events.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert version() != before


def test_moved_folder_hits_and_carries_the_new_path(corpus, tmp_path, extracted):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", cache_dir=cache)
    moved = tmp_path / "elsewhere" / "renamed"
    shutil.copytree(corpus, moved)
    del extracted[:]
    again = build([moved], tmp_path / "out2", cache_dir=cache)
    assert (again.cached, extracted) == (3, [])
    build([moved], tmp_path / "full")
    assert exports(tmp_path / "out2") == exports(tmp_path / "full")
    store = ExtractionCache(cache)
    for article in read_articles([moved]).articles:
        assert article.path.startswith("renamed/")
        hit = store.get(article)
        assert hit is not None and hit.article == article


def test_cache_inside_the_input_folder_is_not_read_as_articles(corpus, tmp_path):
    for name in ("cache", ".cache"):
        build([corpus], tmp_path / "out", cache_dir=corpus / name)
        assert entries(corpus / name)
        summary = build([corpus], tmp_path / "out", cache_dir=corpus / name)
        assert (summary.articles, summary.cached, summary.skipped) == (3, 3, [])
    assert [p.name for p in find_article_files([corpus])] == ["a.txt", "b.txt", "c.txt"]


def test_unwritable_cache_is_a_note_not_a_failure(corpus, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    summary = build([corpus], tmp_path / "out", cache_dir=blocker)
    assert (summary.articles, summary.extracted) == (3, 3)
    assert len(summary.notes) == 1 and "cannot write" in summary.notes[0]
    assert exports(tmp_path / "out")


@pytest.mark.slow
def test_misses_are_extracted_in_worker_processes(corpus, tmp_path, extracted):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out1", cache_dir=cache)
    (corpus / NEW_ARTICLE[0]).write_text(NEW_ARTICLE[1], encoding="utf-8")
    (corpus / "b.txt").write_text(EDITED_B, encoding="utf-8")
    del extracted[:]
    again = build([corpus], tmp_path / "out2", cache_dir=cache, jobs=2)
    assert extracted == ["b", "d"] and again.cached == 2
    build([corpus], tmp_path / "full")
    assert exports(tmp_path / "out2") == exports(tmp_path / "full")


def test_default_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "timelinegraph"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_cache_dir() == Path.home() / ".cache" / "timelinegraph"


def run_cli(*args: str, xdg: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": str(xdg)}
    return subprocess.run(
        [sys.executable, "-m", "timelinegraph", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_cli_second_build_uses_the_cache_and_no_cache_writes_none(corpus, tmp_path):
    xdg = tmp_path / "xdg"
    first = run_cli("build", str(corpus), "--out", str(tmp_path / "o1"), "-q", xdg=xdg)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Built 3 articles (0 skipped): ")
    assert "from cache" not in first.stdout
    assert len(entries(xdg / "timelinegraph")) == 3
    second = run_cli("build", str(corpus), "--out", str(tmp_path / "o2"), "-q", xdg=xdg)
    assert second.returncode == 0, second.stderr
    assert "(0 extracted, 3 from cache)" in second.stdout.splitlines()[0]
    assert exports(tmp_path / "o1") == exports(tmp_path / "o2")
    assert sorted(
        p.name for p in (tmp_path / "o2").iterdir() if not p.name.startswith(".")
    ) == sorted(FILES)

    other = tmp_path / "xdg2"
    off = run_cli(
        "build", str(corpus), "--out", str(tmp_path / "o3"), "-q", "--no-cache", xdg=other
    )
    assert off.returncode == 0, off.stderr
    assert not other.exists()
    assert sorted(
        p.name for p in (tmp_path / "o3").iterdir() if not p.name.startswith(".")
    ) == sorted(FILES)
    assert exports(tmp_path / "o1") == exports(tmp_path / "o3")
    both = run_cli(
        "build",
        str(corpus),
        "-o",
        str(tmp_path / "o4"),
        "--no-cache",
        "--cache-dir",
        "x",
        xdg=other,
    )
    assert both.returncode == 2 and both.stderr.startswith("error:")


def test_the_key_covers_every_module_extraction_imports():
    """A module the extractors import (however indirectly) that the key does not digest would
    let a cached extraction outlive a change to it (resolve/names.py and common/ once did)."""
    import ast

    from tg_paths import SRC

    package = SRC / "timelinegraph"
    covered = {package / name for name in keys.VERSIONED_FILES}
    folders = [package / name for name in keys.VERSIONED_FOLDERS]

    def is_covered(path: Path) -> bool:
        return path in covered or any(folder in path.parents for folder in folders)

    def internal_imports(path: Path) -> set[Path]:
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
                target = base.joinpath(*(node.module or "").split("."))
                for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                    if candidate.is_file():
                        found.add(candidate)
        return found

    pending = list((package / "extract").rglob("*.py"))
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        pending.extend(internal_imports(path))
    missing = sorted(str(p.relative_to(package)) for p in seen if not is_covered(p))
    assert set(missing) <= {"__init__.py"}, missing  # the package's version is in the key
