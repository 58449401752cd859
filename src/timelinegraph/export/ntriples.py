"""N-Triples export: one triple per line, lines sorted, the same triples as the Turtle.

Canonical in the sense of RDF 1.1 N-Triples: full IRIs, one space between terms, strings
in ``"..."`` with ECHAR/UCHAR escapes (U+2028 and the like escaped too, so no string can
break a line), typed literals always with their datatype (no bare numbers), ``xsd:string``
left implicit. Lines are sorted by code point, so the same graph always gives the same
bytes, and two builds can be compared with ``diff`` or ``comm``. The build's terms are
already N-Triples (``graph/rdf_terms.py``): this writer only sorts and joins them.

A build writes the file streamed (``stream_ntriples``): the model's triples are made a few
hundred nodes at a time (``graph.rdf.rdf_pieces``), their lines sorted in runs of bounded size
spilled to disk beside the file, and the runs merged into the sorted, duplicate-free file.
The whole graph's triples are never in memory at once, and the bytes are ``write_ntriples``'.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from rdflib import Graph

from ..common.atomic import atomic_open
from ..graph.rdf import rdf_of, rdf_pieces
from ..graph.rdf_triples import Triples
from ..models import KnowledgeGraph

__all__ = ["render_ntriples", "stream_ntriples", "write_ntriples"]

RUN_LINES = 200_000  # lines sorted in memory at a time by stream_ntriples


def render_ntriples(data: KnowledgeGraph | Triples | Graph) -> str:
    """The N-Triples text of a knowledge graph, of triples or of an rdflib graph."""
    return rdf_of(data).ntriples()


def write_ntriples(triples: Triples, path: Path) -> Path:
    """Write N-Triples (UTF-8, LF) to ``path`` atomically; returns ``path``. The
    triples are the graph stage's (``graph.built``); ``render_ntriples`` takes a model too."""
    with atomic_open(Path(path)) as handle:
        handle.writelines(triples.ntriples_chunks(sort=True))
    return Path(path)


def stream_ntriples(
    kg: KnowledgeGraph, path: Path, *, run_lines: int = RUN_LINES, nodes: int = 500
) -> Path:
    """Write ``kg``'s N-Triples to ``path`` atomically, streamed (see the module's docstring):
    the same bytes as ``write_ntriples(build_rdf(kg), path)``, in memory at most about
    ``run_lines`` lines and the triples of ``nodes`` model nodes. Returns ``path``."""
    path = Path(path)
    # the target first: its folder made, or refused, as every writer's is (atomic_open)
    with atomic_open(path) as handle, ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix=".nt-runs-", dir=path.parent))
        runs = _sorted_runs(_lines(kg, nodes), Path(tmp), run_lines)
        files = [stack.enter_context(run.open(encoding="utf-8", newline="\n")) for run in runs]
        handle.writelines(_unique(heapq.merge(*files)))
    return path


def _lines(kg: KnowledgeGraph, nodes: int) -> Iterator[str]:
    for piece in rdf_pieces(kg, nodes):
        for subject, pairs in piece.by_subject():
            for predicate, obj in pairs:
                yield f"{subject} {predicate} {obj} .\n"


def _sorted_runs(lines: Iterable[str], folder: Path, run_lines: int) -> list[Path]:
    """``lines`` in files of at most ``run_lines`` each, each file's lines sorted and unique."""
    runs: list[Path] = []
    run: set[str] = set()

    def spill() -> None:
        runs.append(folder / f"{len(runs):06d}.nt")
        with runs[-1].open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(sorted(run))
        run.clear()

    for line in lines:
        run.add(line)
        if len(run) >= run_lines:
            spill()
    if run:
        spill()
    return runs


def _unique(lines: Iterable[str]) -> Iterator[str]:
    """Sorted ``lines`` with the repeats dropped (a triple made in two pieces)."""
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line
