"""Read a build's exports back with independent parsers; used by the property tests and the
fuzz campaign (``benchmarks/fuzz_campaign.py``). Every check raises AssertionError naming the
file and the problem.

- RDF (graph.ttl, graph.nt, graph.trig, graph.jsonld): pyoxigraph parses each, and all give
  the same set of triples (TriG: the union of its graphs, each triple once);
- graph.graphml: valid against the GraphML 1.0 schema (lxml, ``xml_schemas``), read by networkx;
- graph.gexf: read by networkx;
- timeline.json: valid against ``schemas/timeline.schema.json`` (jsonschema);
- index.html: the embedded JSON block parses and holds no raw ``</script``;
- report.md: UTF-8.

Round trips: ``check_kg_round_trip`` compares what the parsers read with the knowledge graph
that was written; ``check_cross_format`` compares the formats with each other and with the
input texts when no graph is at hand. Strings come back equal modulo the documented
replacements: RDF writes NUL, U+FFFE, U+FFFF and lone surrogates as U+FFFD
(``writable_text``); XML also writes the other C0 controls as U+FFFD and CR as LF
(``clean_text``); JSON, Markdown and HTML write lone surrogates as U+FFFD (``utf8_safe``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import networkx as nx
import pyoxigraph as ox

from timelinegraph.common.atomic import utf8_safe
from timelinegraph.export.graphml import clean_text, original_node_id
from timelinegraph.graph.rdf_terms import writable_text
from timelinegraph.models import KnowledgeGraph
from timelinegraph.vocab import ID_BASE, TG_NS, actor_iri

ROOT = Path(__file__).resolve().parents[1]
TIMELINE_SCHEMA = json.loads((ROOT / "schemas" / "timeline.schema.json").read_text("utf-8"))
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SENTENCE_TEXT = TG_NS + "sentenceText"
RDF_FILES = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.nt": ox.RdfFormat.N_TRIPLES,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}
_DATA_BLOCK = '<script type="application/json" id="tg-data">'
_ACTOR_PREFIX = ID_BASE + "actor/"


@dataclass
class Readings:
    """What the independent parsers read from one export folder."""

    triples: set[ox.Triple] = field(default_factory=set)
    graphml: nx.Graph | None = None
    gexf: nx.Graph | None = None
    timeline: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    table: list[dict[str, Any]] | None = None  # rows of a CSV or Parquet table

    def literals(self, predicate: str) -> dict[str, set[str]]:
        """Subject IRI -> the string values of ``predicate``."""
        found: dict[str, set[str]] = defaultdict(set)
        for triple in self.triples:
            if triple.predicate.value == predicate and isinstance(triple.object, ox.Literal):
                found[str(triple.subject.value)].add(triple.object.value)
        return found


def _triples(path: Path, fmt: ox.RdfFormat) -> list[ox.Triple]:
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise AssertionError(f"{path.name}: pyoxigraph cannot parse it: {exc}") from None
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def check_rdf(folder: Path) -> set[ox.Triple]:
    """Parse every RDF export present; all must hold the same triples, each once."""
    sets: dict[str, set[ox.Triple]] = {}
    for name, fmt in RDF_FILES.items():
        if (folder / name).is_file():
            triples = _triples(folder / name, fmt)
            sets[name] = set(triples)
            if name in ("graph.nt", "graph.trig"):
                assert len(triples) == len(sets[name]), f"{name}: a triple written twice"
    if not sets:
        return set()
    first_name, first = next(iter(sets.items()))
    for name, triples in sets.items():
        missing, extra = first - triples, triples - first
        assert not missing and not extra, (
            f"{name} has {len(triples)} triples, {first_name} {len(first)}; "
            f"missing {sorted(map(str, missing))[:3]}, extra {sorted(map(str, extra))[:3]}"
        )
    return first


def check_graphml(path: Path, schema: Any | None) -> nx.Graph:
    """Schema-valid (when a schema is given) and read by networkx."""
    if schema is not None:
        from xml_schemas import validation_errors

        errors = validation_errors(schema, path.read_bytes())
        assert not errors, f"{path.name}: not valid GraphML: {errors}"
    try:
        return nx.read_graphml(path)
    except Exception as exc:  # any reader failure is the finding
        raise AssertionError(f"{path.name}: networkx cannot read it: {exc!r}") from None


def check_gexf(path: Path) -> nx.Graph:
    try:
        return nx.read_gexf(path)
    except Exception as exc:
        raise AssertionError(f"{path.name}: networkx cannot read it: {exc!r}") from None


def check_timeline(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(TIMELINE_SCHEMA).iter_errors(data), key=lambda e: e.path
    )
    assert not errors, f"{path.name}: schema violations: {[e.message[:200] for e in errors[:3]]}"
    return data


def check_page(path: Path) -> dict[str, Any]:
    page = path.read_text(encoding="utf-8")
    assert page.count(_DATA_BLOCK) == 1, f"{path.name}: no single data block"
    block = page.split(_DATA_BLOCK, 1)[1]
    end = re.search(r"</script", block, re.IGNORECASE)
    assert end is not None, f"{path.name}: data block never closed"
    data_text = block[: end.start()]
    assert block[end.start() : end.start() + 9] == "</script>", f"{path.name}: odd block end"
    assert "<" not in data_text, f"{path.name}: raw '<' inside the data block"
    return json.loads(data_text)


def check_exports(folder: Path, *, graphml_schema: Any | None = None) -> Readings:
    """Read every export in ``folder`` with the independent parsers; AssertionError on any
    problem."""
    readings = Readings(triples=check_rdf(folder))
    if (folder / "graph.graphml").is_file():
        readings.graphml = check_graphml(folder / "graph.graphml", graphml_schema)
    if (folder / "graph.gexf").is_file():
        readings.gexf = check_gexf(folder / "graph.gexf")
    if (folder / "timeline.json").is_file():
        readings.timeline = check_timeline(folder / "timeline.json")
    if (folder / "index.html").is_file():
        readings.page = check_page(folder / "index.html")
    if (folder / "report.md").is_file():
        (folder / "report.md").read_text(encoding="utf-8")
    return readings


def graphml_nodes(graph: nx.Graph) -> dict[str, dict[str, Any]]:
    """Node attributes by the node id the exporter was given (escapes undone)."""
    return {original_node_id(node): attrs for node, attrs in graph.nodes(data=True)}


# --------------------------------------------------------------------------- round trips


def check_kg_round_trip(kg: KnowledgeGraph, readings: Readings) -> None:
    """Actor names and source sentences of ``kg`` read back equal from every format."""
    labels = readings.literals(RDFS_LABEL)
    sentences = {s for values in readings.literals(SENTENCE_TEXT).values() for s in values}
    nodes = graphml_nodes(readings.graphml) if readings.graphml is not None else {}
    gexf = dict(readings.gexf.nodes(data=True)) if readings.gexf is not None else {}
    for actor in kg.actors:
        iri = str(actor_iri(actor.id))
        if readings.triples:
            assert labels.get(iri) == {writable_text(actor.name)}, (
                f"graph.ttl: label of {iri} is {labels.get(iri)}, wrote {actor.name!r}"
            )
        node = clean_text(f"actor:{actor.id}")
        if readings.graphml is not None:
            assert nodes[node]["label"] == clean_text(actor.name), f"graphml label of {node}"
        if readings.gexf is not None:
            assert gexf[node]["label"] == clean_text(actor.name), f"gexf label of {node}"
    for event in kg.events:
        for source in event.sources:
            if readings.triples and source.provenance.sentence:
                wanted = writable_text(source.provenance.sentence)
                assert wanted in sentences, f"graph.ttl: sentence {wanted!r} not read back"
    if readings.timeline is not None:
        records = {e["unique_id"]: e["timelinegraph"] for e in readings.timeline["events"]}
        for event in kg.events:
            record = records.get(event.id)
            if record is not None:
                got = [s["sentence"] for s in record["sources"]]
                assert got == [utf8_safe(s.provenance.sentence) for s in event.sources], event.id


def check_cross_format(readings: Readings, texts: list[str] | None) -> None:
    """Without the graph: actor labels agree between Turtle, GraphML and GEXF, and (given
    the input ``texts``) every quoted sentence is a piece of one of them."""
    labels = readings.literals(RDFS_LABEL)
    nodes = graphml_nodes(readings.graphml) if readings.graphml is not None else {}
    gexf = dict(readings.gexf.nodes(data=True)) if readings.gexf is not None else {}
    for iri, values in labels.items():
        if not iri.startswith(_ACTOR_PREFIX) or "/" in iri[len(_ACTOR_PREFIX) :]:
            continue
        actor_id = unquote(iri[len(_ACTOR_PREFIX) :], errors="surrogatepass")
        node = clean_text(f"actor:{actor_id}")
        assert len(values) == 1, f"graph.ttl: {iri} has labels {values}"
        label = clean_text(next(iter(values)))
        if nodes:
            assert node in nodes, f"graph.graphml: no node {node!r} for {iri}"
            assert nodes[node].get("label") == label, f"graph.graphml: label of {node!r}"
        if gexf:
            assert gexf[node].get("label") == label, f"graph.gexf: label of {node!r}"
    if texts is None:
        return
    haystack = "\x00".join(writable_text(t) for t in texts)
    for values in readings.literals(SENTENCE_TEXT).values():
        for sentence in values:
            assert sentence in haystack, f"graph.ttl: sentence {sentence[:80]!r} not in any input"
