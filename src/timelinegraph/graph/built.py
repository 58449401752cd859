"""The graph stage: the resolved model, and its RDF triples written once to disk, handed to every
writer.

A build makes one ``BuiltGraph`` after the merge and gives it to each export (``registry``):
the RDF writers read its ``triples``, the others its ``model``, the QA report both (its SHACL
check validates the very triples the Turtle holds). The triples are one sorted N-Triples file
(``rdf_file.TriplesFile``), written on first use into a temporary folder in ``scratch`` (a
build's staging folder), so a build that writes no RDF format never makes it, and the whole
graph's triples are never in memory at once. The folder goes when the ``BuiltGraph`` is closed
(it is a context manager) or, failing that, collected: no state is kept between builds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import TracebackType

from ..models import KnowledgeGraph
from .rdf_file import TriplesFile, write_triples_file

__all__ = ["BuiltGraph", "build_graph"]


class BuiltGraph:
    """The model and its triples (see the module's docstring). Readers must not change
    either."""

    __slots__ = ("_folder", "_scratch", "_triples", "model")

    def __init__(self, model: KnowledgeGraph, scratch: Path | None = None) -> None:
        self.model = model
        self._scratch = scratch
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._triples: TriplesFile | None = None

    @property
    def triples(self) -> TriplesFile:
        if self._triples is None:
            if self._folder is None:  # removed by close(), or when collected
                self._folder = tempfile.TemporaryDirectory(prefix=".rdf-", dir=self._scratch)
            self._triples = write_triples_file(self.model, Path(self._folder.name) / "graph.nt")
        return self._triples

    def close(self) -> None:
        """Remove the triples' file (they are written again if asked for)."""
        self._triples = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __enter__(self) -> BuiltGraph:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def build_graph(kg: KnowledgeGraph, scratch: Path | None = None) -> BuiltGraph:
    """The graph stage (see the module's docstring); its files go in a temporary folder in
    ``scratch`` (None: the system's temp folder)."""
    return BuiltGraph(kg, scratch)
