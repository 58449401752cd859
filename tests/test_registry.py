"""The contract every registered exporter keeps: called as a build calls it, with the graph
stage's one output (``graph.built.BuiltGraph``), it writes exactly its file, atomically, the
same bytes every time and whatever ran before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg_fixtures import make_empty_kg, make_kg
from rdf_fixtures import make_hostile_kg
from timelinegraph.graph.built import build_graph
from timelinegraph.registry import (
    ALL_FORMATS,
    DEFAULT_FORMATS,
    EXPORT_FILENAMES,
    EXPORTERS,
    Export,
)

MODELS = {"kg": make_kg, "hostile": make_hostile_kg, "empty": make_empty_kg}


def test_every_format_is_registered_once_with_its_own_file() -> None:
    names = [EXPORTERS[name][0] for name in ALL_FORMATS]
    assert len(set(names)) == len(names) and set(names) == EXPORT_FILENAMES
    assert set(DEFAULT_FORMATS) <= set(ALL_FORMATS)
    assert all(isinstance(EXPORTERS[name][1], Export) for name in ALL_FORMATS)
    assert {EXPORTERS[name][1].reads for name in ALL_FORMATS} <= {"triples", "model", "both"}


@pytest.mark.parametrize("source", sorted(MODELS))
@pytest.mark.parametrize("name", ALL_FORMATS)
def test_writes_its_file_alone_the_same_bytes_whatever_ran_first(
    tmp_path: Path, name: str, source: str
) -> None:
    filename, export = EXPORTERS[name]
    kg = MODELS[source]()
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert export(build_graph(kg), first / filename) == first / filename
    assert [p.name for p in first.iterdir()] == [filename]
    graph = build_graph(kg)
    assert len(graph.triples) >= 0  # the triples built before the writer runs
    export(graph, second / filename)
    assert (second / filename).read_bytes() == (first / filename).read_bytes()
    if source != "empty":
        assert (first / filename).stat().st_size > 0
