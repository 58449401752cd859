"""Lines sorted and made unique on disk, a bounded number in memory at a time (an external sort).

The lines are sorted in runs of at most ``run_lines``, each run spilled to a file in a
temporary folder, and the runs merged as they are read (``heapq.merge``): what the graph
stage uses to write its sorted N-Triples file (``rdf_file``) and the TriG writer to order its
quads by graph. Lines are compared by code point, as ``sorted`` compares them.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

__all__ = ["RUN_LINES", "sorted_unique"]

RUN_LINES = 200_000  # lines sorted in memory at a time


@contextmanager
def sorted_unique(
    lines: Iterable[str], scratch: Path | None = None, *, run_lines: int = RUN_LINES
) -> Iterator[Iterator[str]]:
    """``lines`` (each ending in a newline) sorted, each once, in memory at most about
    ``run_lines`` of them: the runs go to a temporary folder in ``scratch`` (None: the
    system's temp folder), removed when the block ends."""
    with (
        tempfile.TemporaryDirectory(prefix=".runs-", dir=scratch) as folder,
        ExitStack() as stack,  # closes the runs before their folder goes
    ):
        runs = _sorted_runs(lines, Path(folder), run_lines)
        files = [stack.enter_context(run.open(encoding="utf-8", newline="\n")) for run in runs]
        yield _unique(heapq.merge(*files))


def _sorted_runs(lines: Iterable[str], folder: Path, run_lines: int) -> list[Path]:
    """``lines`` in files of at most ``run_lines`` each, each file's lines sorted and unique."""
    runs: list[Path] = []
    run: set[str] = set()

    def spill() -> None:
        runs.append(folder / f"{len(runs):06d}.txt")
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
    """Sorted ``lines`` with the repeats dropped (a line in two runs)."""
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line
