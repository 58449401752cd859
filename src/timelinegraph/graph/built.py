"""The graph stage: the resolved model, and its RDF triples built once, handed to every writer.

A build makes one ``BuiltGraph`` after the merge and gives it to each export (``registry``):
the RDF writers read its ``triples``, the others its ``model``, the QA report both (its SHACL
check validates the very triples the Turtle holds). The triples are built on first use, so a
build that writes no RDF format never builds them, and they go when the ``BuiltGraph`` goes:
no state is kept between builds.
"""

from __future__ import annotations

from ..models import KnowledgeGraph
from .rdf import build_rdf
from .rdf_triples import Triples

__all__ = ["BuiltGraph", "build_graph"]


class BuiltGraph:
    """The model and its triples (see the module's docstring). Readers must not change
    either."""

    __slots__ = ("_triples", "model")

    def __init__(self, model: KnowledgeGraph) -> None:
        self.model = model
        self._triples: Triples | None = None

    @property
    def triples(self) -> Triples:
        if self._triples is None:
            self._triples = build_rdf(self.model)
        return self._triples


def build_graph(kg: KnowledgeGraph) -> BuiltGraph:
    """The graph stage (see the module's docstring)."""
    return BuiltGraph(kg)
