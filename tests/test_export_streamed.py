"""The network and timeline writers write as they go: what they hold does not grow with the file.

A build holds the whole model; the GraphML, GEXF and timeline writers held a second copy of
it (every node's and edge's attributes, every slide), then the whole file as one string: a
few hundred MB per 1,000 articles. They now keep small keys per node or event (ids, sort
keys) and a quarter of a million characters of text at a time, so a file of tens of MB costs
them a few MB. The file is open while it is made: an error half way must still leave the
file it replaces as it was.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from kg_fixtures import ARTICLE_A, ARTICLE_B, make_kg, make_source
from timelinegraph.export import gexf, graphml, timeline
from timelinegraph.export.gexf import write_gexf
from timelinegraph.export.graphml import write_graphml
from timelinegraph.export.timeline import write_timeline
from timelinegraph.models import KnowledgeGraph

SENTENCE = "A long sentence, told again and again. " * 100  # 3,900 characters


def big_kg(events: int = 1200) -> KnowledgeGraph:
    """make_kg() with ``events`` more events, each told by three long sentences (one string:
    the model stays small, each file is over 10 MB)."""
    kg = make_kg()
    template = kg.events[0]
    sources = [
        make_source(f"e{n}", "hit", article, 100 * n, SENTENCE)
        for n, article in enumerate([ARTICLE_A, ARTICLE_B, ARTICLE_A])
    ]
    more = [
        template.model_copy(update={"id": f"ev-many-{n:04d}", "sources": sources})
        for n in range(events)
    ]
    return kg.model_copy(update={"events": [*kg.events, *more]})


@pytest.mark.parametrize("write", [write_graphml, write_gexf, write_timeline])
def test_a_writer_holds_a_small_part_of_its_file(
    write: Callable[[KnowledgeGraph, Path], Path], tmp_path: Path
) -> None:
    kg = big_kg()
    tracemalloc.start()
    try:
        path = write(kg, tmp_path / "out")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert size > 10_000_000
    assert peak < size / 3, f"{peak:,} bytes held for a file of {size:,}"


@pytest.mark.parametrize(
    "write,module,element",
    [
        (write_graphml, graphml, "_element"),
        (write_gexf, gexf, "_edge_element"),
        (write_timeline, timeline, "slide_data"),
    ],
)
def test_a_writer_failing_half_way_leaves_the_file_it_replaces(
    write: Callable[[KnowledgeGraph, Path], Path],
    module: object,
    element: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The file is open while it is made: an error after some chunks were written must still
    leave the previous file whole and no temporary file."""
    kg = big_kg(200)
    path = write(kg, tmp_path / "out")
    before = path.read_bytes()
    made = getattr(module, element)
    written: list[int] = []  # the temporary file's size when the error comes

    def failing(*args: object, **kwargs: object) -> object:
        temp = [p for p in tmp_path.iterdir() if p.name != "out"]
        if temp and temp[0].stat().st_size > 0:
            written.append(temp[0].stat().st_size)
            raise RuntimeError("stop")
        return made(*args, **kwargs)

    monkeypatch.setattr(module, element, failing)
    with pytest.raises(RuntimeError, match="stop"):
        write(kg, path)
    assert written  # it failed after a first chunk was written
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
