"""The QA report's SHACL check: pyshacl over the build's triples, a few thousand subjects at a time.

pyshacl needs an rdflib graph, and an rdflib graph of a whole large build costs over 1 KB a
triple (gigabytes at 10,000 articles). Our shapes only look at a focus node's own triples and
at the ``rdf:type`` of the nodes they point to (``sh:class``), so the graph is validated in
chunks: each chunk holds its subjects' triples plus the ``rdf:type`` triples of every node
those triples point to. Such a pointed-to node may then look like a focus node with missing
properties; only results about the chunk's own subjects are kept (each node is judged in the
chunk that holds all its triples). Each chunk's rdflib graph is dropped before the next.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..build.rdf_rdflib import rdflib_graph
from ..build.rdf_terms import NtNamespace
from ..build.rdf_triples import Triples

__all__ = ["ShaclResult", "validate_triples"]

ShaclResult = tuple[Graph, Node]  # the results graph of a chunk and one sh:ValidationResult

_TYPE = NtNamespace(RDF).type
CHUNK = 20_000  # subjects per chunk: some 220,000 triples, 250 MB of rdflib graph at most


def validate_triples(triples: Triples, shapes: Graph, chunk: int = CHUNK) -> Iterator[ShaclResult]:
    """pyshacl's validation results about ``triples``' nodes, chunk by chunk (none: conforms)."""
    from pyshacl import validate

    types = {s: [o for p, o in pairs if p == _TYPE] for s, pairs in triples.by_subject()}
    subjects = triples.subjects()
    for start in range(0, len(subjects), chunk):
        home = subjects[start : start + chunk]
        data = rdflib_graph(_chunk_text(triples, home, types))
        _, results, _ = validate(
            data, shacl_graph=shapes, inference="none", advanced=False, inplace=True
        )
        mine = {URIRef(s[1:-1]) if s.startswith("<") else BNode(s[2:]) for s in home}
        for result in results.subjects(RDF.type, SH.ValidationResult):
            if results.value(result, SH.focusNode) in mine:
                yield results, result
        del data


def _chunk_text(triples: Triples, home: list[str], types: dict[str, list[str]]) -> str:
    """N-Triples of the ``home`` subjects and of the types of the nodes they point to."""
    lines: list[str] = []
    pointed: set[str] = set()
    members = set(home)
    for subject in home:
        pairs = triples.pairs(subject)
        lines += [f"{subject} {p} {o} .\n" for p, o in pairs]
        pointed.update(o for _, o in pairs if o[0] in "<_" and o not in members)
    for node in sorted(pointed):
        lines += [f"{node} {_TYPE} {o} .\n" for o in types.get(node, ())]
    return "".join(lines)
