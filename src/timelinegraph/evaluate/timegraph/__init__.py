"""The timegraph of the official TempEval-3 scorer, ported from its ``relation_to_timegraph.py``:
relations in, a graph that answers "does this relation follow?" and the reduced relation list out.
``tempeval`` scores with it."""

from .build import CONVERSE, BuiltGraph, Relation, build_timegraph, relation
from .check import verify

__all__ = ["CONVERSE", "BuiltGraph", "Relation", "build_timegraph", "relation", "verify"]
