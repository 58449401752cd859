"""The contract every registered exporter keeps (``registry.EXPORTERS``), checked the same way
for each: a new exporter is covered as soon as it is registered, and fails here until it has a
reader below.

For each format, on the hand-built graphs of ``kg_fixtures`` / ``rdf_fixtures``:
- it writes exactly its declared file, and returns its path;
- atomically: under a temp name in the same folder, renamed over the old file; a failed
  rename leaves the old file and no temp file, and is an ``ExportError`` naming the path;
- the same bytes on every run and under any hash seed;
- UTF-8, without a byte order mark (text formats; Parquet is binary);
- read back by an independent reader of the format (pyoxigraph for RDF, networkx and lxml
  for GraphML and GEXF, json / jsonschema for JSON, lxml for HTML, markdown-it for Markdown,
  Python's csv for CSV, pyarrow for Parquet);
- hostile strings (markup, quotes, controls, odd ids, right-to-left text, lone surrogates)
  are written so the reader gives the actor names back (modulo the documented replacements);
- hostile targets are refused or handled as by every other exporter: an odd folder name is
  written, a folder or a file-as-parent is an ``ExportError`` naming the path, and a symbolic
  link in the target's place is replaced, never written through.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow.parquet as pq
import pyoxigraph as ox
import pytest
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from export_checks import (
    Readings,
    check_gexf,
    check_graphml,
    check_kg_round_trip,
    check_page,
    check_timeline,
)
from kg_fixtures import make_kg
from rdf_fixtures import make_hostile_kg
from tg_paths import cli_env
from timelinegraph.common.atomic import is_temp_of, utf8_safe
from timelinegraph.errors import ExportError
from timelinegraph.graph.built import build_graph
from timelinegraph.models import KnowledgeGraph
from timelinegraph.registry import EXPORT_FILENAMES, EXPORTERS

TESTS = Path(__file__).resolve().parent
NAMES = list(EXPORTERS)

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


# --------------------------------------------------------------------------- readers


def _read_rdf(fmt: ox.RdfFormat) -> Callable[[Path], Readings]:
    def read(path: Path) -> Readings:
        quads = list(ox.parse(path=str(path), format=fmt))
        assert quads, f"{path.name}: no triples"
        return Readings(triples={ox.Triple(q.subject, q.predicate, q.object) for q in quads})

    return read


def _read_graphml(path: Path) -> Readings:
    etree.parse(str(path))  # well-formed XML to a second parser too
    return Readings(graphml=check_graphml(path, schema=None))


def _read_gexf(path: Path) -> Readings:
    etree.parse(str(path))
    graph = check_gexf(path)
    assert isinstance(graph, nx.Graph)
    return Readings(gexf=graph)


def _read_timeline(path: Path) -> Readings:
    return Readings(timeline=check_timeline(path))


def _read_page(path: Path) -> Readings:
    tree = lxml_html.parse(str(path))
    blocks = tree.getroot().xpath('//script[@id="tg-data"]')
    assert len(blocks) == 1, f"{path.name}: {len(blocks)} data blocks"
    data = check_page(path)
    assert json.loads(blocks[0].text) == data  # the HTML parser sees the same block
    return Readings(page=data)


def _read_report(path: Path) -> Readings:
    """CommonMark with GFM tables: the report has its title, and every table row has as many
    cells as its header (a '|' or a line break in a name would shift or split a row)."""
    text = path.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:1] == ["Quality report"], headings[:3]
    lines = text.splitlines()
    tables = [t.map for t in tokens if t.type == "table_open"]
    assert tables, f"{path.name}: no table"
    for table in tables:
        assert table is not None
        rows = lines[table[0] : table[1]]
        cells = {_cells(row) for row in rows}
        assert len(cells) == 1, f"{path.name}: table rows with different cell counts: {rows}"
    return Readings()


def _cells(row: str) -> int:
    """Cells of a GFM table row: '|' not escaped with a backslash separate them."""
    pipes = sum(1 for i, c in enumerate(row) if c == "|" and (i == 0 or row[i - 1] != "\\"))
    return pipes - 1


def _read_csv(path: Path) -> Readings:
    """RFC 4180 as Python's csv module reads it: a header, then rows of as many cells."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows and all(len(row) == len(rows[0]) for row in rows), f"{path.name}: ragged rows"
    header = rows[0]
    return Readings(table=[_unformula(dict(zip(header, row, strict=True))) for row in rows[1:]])


def _unformula(row: dict[str, str]) -> dict[str, Any]:
    """A cell a spreadsheet would run as a formula is written with an apostrophe before it."""
    return {k: v[1:] if v[1:2] in ("=", "+", "-", "@", "\t", "\r") and v[:1] == "'" else v
            for k, v in row.items()}  # fmt: skip


def _read_parquet(path: Path) -> Readings:
    return Readings(table=pq.read_table(path).to_pylist())


BINARY = frozenset({"events-parquet", "mentions-parquet"})
TABLES = {"events": _read_csv, "mentions": _read_csv}
TABLES |= {"events-parquet": _read_parquet, "mentions-parquet": _read_parquet}

READERS: dict[str, Callable[[Path], Readings]] = {
    **{name: _read_rdf(fmt) for name, fmt in RDF_FORMATS.items()},
    "graphml": _read_graphml,
    "gexf": _read_gexf,
    "timeline": _read_timeline,
    "html": _read_page,
    "report": _read_report,
    **TABLES,
}


def write(name: str, kg: KnowledgeGraph, folder: Path) -> Path:
    filename, writer = EXPORTERS[name]
    return writer(build_graph(kg), folder / filename)  # as a build calls it


def check_names_read_back(name: str, kg: KnowledgeGraph, readings: Readings) -> None:
    if name == "html":
        assert readings.page is not None
        # the page lists the actors of its events
        names = {a["id"]: a["name"] for a in readings.page["actors"]}
        written = {a.id: utf8_safe(a.name) for a in kg.actors}
        assert names and all(names[key] == written[key] for key in names)
    elif name in TABLES:
        check_table_read_back(name, kg, readings)
    elif name != "report":  # the report names findings, not every actor
        check_kg_round_trip(kg, readings)


def check_table_read_back(name: str, kg: KnowledgeGraph, readings: Readings) -> None:
    """Every event (or mention) is a row; the actors named in the events table are the
    graph's, id for id and name for name."""
    rows = readings.table
    assert rows is not None
    if name.startswith("mentions"):
        assert len(rows) == sum(len(e.sources) for e in kg.events)
        assert {r["event_id"] for r in rows} == {e.id for e in kg.events if e.sources}
        return
    assert [r["event_id"] for r in rows] == [e.id for e in kg.events]
    written = {a.id: utf8_safe(a.name) for a in kg.actors}
    named = [(r[f"{p}_id"], r[f"{p}_name"]) for r in rows for p in ("actor1", "actor2", "place")]
    named = [(key, value) for key, value in named if key]
    assert named and all(value == written[key] for key, value in named)


# --------------------------------------------------------------------------- the registry


def test_every_registered_exporter_has_a_reader_here():
    assert set(NAMES) == set(READERS), "add a reader for the new format to READERS"
    filenames = [EXPORTERS[name][0] for name in NAMES]
    assert len(filenames) == len(set(filenames)) and set(filenames) == EXPORT_FILENAMES
    assert len(EXPORTERS) == len(NAMES) and all(name in EXPORTERS for name in NAMES)


# --------------------------------------------------------------------------- per exporter


@pytest.mark.parametrize("name", NAMES)
def test_writes_exactly_its_file_in_utf8_read_by_a_real_reader(name: str, tmp_path: Path):
    kg = make_kg()
    path = write(name, kg, tmp_path)
    assert path == tmp_path / EXPORTERS[name][0]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    data = path.read_bytes()
    if name not in BINARY:
        assert not data.startswith(b"\xef\xbb\xbf"), "byte order mark"
        data.decode("utf-8", errors="strict")
    check_names_read_back(name, kg, READERS[name](path))


@pytest.mark.parametrize("name", NAMES)
def test_hostile_strings_are_read_back(name: str, tmp_path: Path):
    kg = make_hostile_kg()
    path = write(name, kg, tmp_path)
    if name not in BINARY:
        path.read_bytes().decode("utf-8", errors="strict")
    check_names_read_back(name, kg, READERS[name](path))


@pytest.mark.parametrize("name", NAMES)
def test_same_bytes_on_every_run(name: str, tmp_path: Path):
    first = write(name, make_kg(), tmp_path / "1").read_bytes()
    assert write(name, make_kg(), tmp_path / "2").read_bytes() == first


@pytest.mark.parametrize("name", NAMES)
def test_written_under_a_temp_name_then_renamed_over_the_old_file(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / EXPORTERS[name][0]
    target.write_text("old", encoding="utf-8")
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spying_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        src, dst = Path(src), Path(dst)
        if dst == target:  # the old file is whole until the new one is complete
            assert target.read_text(encoding="utf-8") == "old"
            assert src.parent == target.parent and is_temp_of(src.name, target.name)
            renames.append((src, dst))
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spying_replace)
    write(name, make_kg(), tmp_path)
    assert len(renames) == 1
    assert target.read_bytes() != b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("name", NAMES)
def test_a_failed_write_keeps_the_old_file_and_no_temp(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / EXPORTERS[name][0]
    target.write_text("old", encoding="utf-8")

    def failing_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(ExportError, match="No space left") as caught:
        write(name, make_kg(), tmp_path)
    assert str(target) in str(caught.value)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("name", NAMES)
def test_hostile_targets_are_handled_alike(name: str, tmp_path: Path):
    filename = EXPORTERS[name][0]
    kg = make_kg()
    # an odd folder name (created when missing) is only a name
    odd = tmp_path / "-x 'q' \"d\" ; $(rm) ✓ عربي\tend"
    assert write(name, kg, odd) == odd / filename
    # a folder in the file's place: refused, naming the path, nothing left behind
    taken = tmp_path / "taken"
    (taken / filename).mkdir(parents=True)
    with pytest.raises(ExportError, match="taken"):
        write(name, kg, taken)
    assert [p.name for p in taken.iterdir()] == [filename]
    assert list((taken / filename).iterdir()) == []
    # a file where the folder should be: refused
    (tmp_path / "plain").write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError, match="plain"):
        write(name, kg, tmp_path / "plain")
    assert (tmp_path / "plain").read_text(encoding="utf-8") == "not a folder"
    # a link in the file's place is replaced by the file, never written through
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / filename).symlink_to(precious)
    write(name, kg, linked)
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert not (linked / filename).is_symlink()
    assert (linked / filename).read_bytes() == (odd / filename).read_bytes()


# --------------------------------------------------------------------------- hash seeds

_WRITE_ALL = """
import sys
from pathlib import Path
from kg_fixtures import make_kg
from timelinegraph.graph.built import build_graph
from timelinegraph.registry import EXPORTERS
for name in EXPORTERS:
    filename, writer = EXPORTERS[name]
    writer(build_graph(make_kg()), Path(sys.argv[1]) / filename)
"""


@pytest.mark.slow
def test_same_bytes_under_any_hash_seed(tmp_path: Path):
    here = tmp_path / "here"
    for name in NAMES:
        write(name, make_kg(), here)
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env["PYTHONPATH"]])
    runs = {
        seed: subprocess.Popen(
            [sys.executable, "-c", _WRITE_ALL, str(tmp_path / seed)],
            env={**env, "PYTHONHASHSEED": seed},
        )
        for seed in ("0", "4242")
    }
    for seed, run in runs.items():
        assert run.wait(timeout=120) == 0, f"writing under PYTHONHASHSEED={seed} failed"
    for name in NAMES:
        filename = EXPORTERS[name][0]
        expected = (here / filename).read_bytes()
        for seed in runs:
            assert (tmp_path / seed / filename).read_bytes() == expected, (filename, seed)
