"""Between ``Triples`` and rdflib: for callers that hand a writer an rdflib graph (checked term
by term on the way in), and for the tests, which hand pyshacl an rdflib graph."""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import ExportError
from .rdf_lexical import literal_problem
from .rdf_terms import iri, text
from .rdf_triples import Triples

__all__ = ["from_rdflib", "nt_term", "rdflib_graph", "to_rdflib"]

_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_STRING = str(XSD.string)


def nt_term(term: Node) -> str:
    """One rdflib term in N-Triples; an invalid IRI or literal raises ``ExportError``."""
    if isinstance(term, URIRef):
        return iri(term)
    if isinstance(term, Literal):
        problem = literal_problem(term)
        if problem is not None:
            raise ExportError(f"cannot write RDF: ill-formed literal {problem}")
        body = text(str(term))
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is None or term.datatype == XSD.string:
            return body
        return f"{body}^^{iri(term.datatype)}"
    if isinstance(term, BNode):
        return "_:b" + _BNODE_UNSAFE.sub("_", str(term))
    raise ExportError(f"cannot write RDF: {type(term).__name__} {term!r} is not an RDF term")


def from_rdflib(graph: Graph) -> Triples:
    """The triples of an rdflib graph (each term checked), added in sorted order: an rdflib
    graph's own order changes from run to run."""
    return Triples(sorted((nt_term(s), nt_term(p), nt_term(o)) for s, p, o in graph))


def to_rdflib(triples: Triples) -> Graph:
    """An rdflib graph of ``triples``."""
    return rdflib_graph(triples.ntriples())


def rdflib_graph(ntriples: str) -> Graph:
    """An rdflib graph of N-Triples text, parsed by pyoxigraph (rdflib's own N-Triples parser
    is many times slower); each distinct term is made once."""
    graph = Graph(bind_namespaces="none")
    made: dict[object, Node] = {}
    add = graph.add
    for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        s, p, o = quad.subject, quad.predicate, quad.object
        add(tuple(made[t] if t in made else _made(made, t) for t in (s, p, o)))  # type: ignore[arg-type]
    return graph


def _made(made: dict[object, Node], term: object) -> Node:
    made[term] = node = _rdflib_term(term)
    return node


def _rdflib_term(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _STRING:
            return Literal(term.value)  # as rdflib reads "x": no datatype (same for SHACL)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")
