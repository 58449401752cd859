"""``timelinegraph explain ID``: where a node of a build came from, read back from its Turtle.

It reads the exported ``graph.ttl`` (not an internal cache), so what it prints is exactly what
the graph tells any SPARQL user: the node, every mention it was built from (article, offsets,
sentence), grouped by article, and every merge decision (which mention matched which, by
which rule, on what evidence). The Turtle is read into an in-memory pyoxigraph store: parsed
and queried in Rust, a fraction of the time and memory an rdflib graph of a large build takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .common.sparql import select
from .errors import ExplainError
from .vocab import ID_BASE, SEM, TG, TG_NS, actor_iri, event_iri, link_iri, relation_iri

__all__ = [
    "Explanation",
    "MentionInfo",
    "MergeInfo",
    "explain",
    "load_graph",
    "main_explain",
    "render_explanation",
]


@dataclass(frozen=True)
class MentionInfo:
    ref: str  # article-id#local-id
    text: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class MergeInfo:
    mention: str
    into: str
    rule: str
    evidence: str


@dataclass
class Explanation:
    iri: str
    node_id: str
    kind: str  # actor | event | relation
    label: str
    types: list[str]
    mentions: list[MentionInfo] = field(default_factory=list)
    merges: list[MergeInfo] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # "story-id (label)"

    @property
    def articles(self) -> list[str]:
        return sorted({m.ref.split("#", 1)[0] for m in self.mentions})


_PREFIXES = {"tg": TG_NS, "prov": str(PROV), "rdfs": str(RDFS)}

# ?node is selected so a substitution can bind it (SEP-0007)
_MENTIONS = """
SELECT ?node ?m ?article ?local ?text ?start ?end ?sentence WHERE {
  ?node tg:mention ?m .
  ?m tg:article ?a ; tg:localId ?local ; tg:mentionText ?text ;
     tg:startOffset ?start ; tg:endOffset ?end ; tg:sentenceText ?sentence .
  ?a <http://purl.org/dc/terms/identifier> ?article .
}"""

_MERGES = """
SELECT ?node ?merge ?rule ?evidence ?merged ?matched WHERE {
  ?node prov:wasGeneratedBy ?merge .
  ?merge a tg:Merge ; tg:mergeRule ?rule ; tg:mergeEvidence ?evidence .
  OPTIONAL { ?merge tg:mergedMention ?merged }
  OPTIONAL { ?merge tg:matchedMention ?matched }
}"""


def load_graph(exports: Path) -> ox.Store:
    """The Turtle of a build: ``exports`` is the build folder or the .ttl file itself."""
    path = exports / "graph.ttl" if exports.is_dir() else exports
    if not path.is_file():
        raise ExplainError(f"{path}: no Turtle export here (run timelinegraph build first)")
    store = ox.Store()  # in memory
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ExplainError(f"{path}: not readable Turtle ({first_line})") from None
    return store


def explain(graph: ox.Store, node_id: str) -> Explanation:
    """What the graph says about the actor, event or relation ``node_id`` (id or full IRI)."""
    node, kind = _find(graph, node_id)
    explanation = Explanation(
        iri=node.value,
        node_id=node.value.rsplit("/", 1)[-1],
        kind=kind,
        label=_label(graph, node),
        types=sorted(_short(t.value) for t in _objects(graph, node, _TYPE)),
    )
    bind = {"node": node}
    ref_of: dict[ox.NamedNode, str] = {}
    for row in select(graph, _MENTIONS, prefixes=_PREFIXES, bind=bind):
        ref = ref_of[row["m"]] = f"{row['article'].value}#{row['local'].value}"
        explanation.mentions.append(
            MentionInfo(
                ref,
                row["text"].value,
                int(row["start"].value),
                int(row["end"].value),
                row["sentence"].value,
            )
        )
    rows = select(graph, _MERGES, prefixes=_PREFIXES, bind=bind)
    for row in sorted(rows, key=lambda r: _merge_number(r["merge"].value)):
        explanation.merges.append(
            MergeInfo(
                mention=ref_of.get(row["merged"], "?"),
                into=ref_of.get(row["matched"], "?"),
                rule=row["rule"].value,
                evidence=row["evidence"].value,
            )
        )
    explanation.mentions.sort(key=lambda m: (m.ref.split("#", 1)[0], m.start, m.end, m.ref))
    for story in _objects(graph, node, _STORY):
        label = _value(graph, story, ox.NamedNode(str(RDFS.label)))
        name = story.value.rsplit("/", 1)[-1]
        explanation.stories.append(f"{name} ({label.value})" if label is not None else name)
    explanation.stories.sort()
    return explanation


_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
_TYPE = ox.NamedNode(str(RDF.type))
_STORY = ox.NamedNode(f"{TG_NS}story")


# the terms a Turtle file's triples hold (no RDF-star triple terms)
_Node = ox.NamedNode | ox.BlankNode | ox.Literal


def _objects(graph: ox.Store, node: ox.NamedNode, prop: ox.NamedNode) -> list[_Node]:
    quads = graph.quads_for_pattern(node, prop, None)
    return [quad.object for quad in quads if not isinstance(quad.object, ox.Triple)]


def _value(graph: ox.Store, node: object, prop: ox.NamedNode) -> _Node | None:
    if not isinstance(node, ox.NamedNode):
        return None
    found = _objects(graph, node, prop)
    return min(found, key=str) if found else None


def _find(graph: ox.Store, node_id: str) -> tuple[ox.NamedNode, str]:
    if node_id.startswith(("http://", "https://")):
        try:
            candidates = [(ox.NamedNode(node_id), _kind_of(node_id))]
        except ValueError:
            candidates = []
    else:
        candidates = [
            (ox.NamedNode(iri), kind)
            for iri, kind in (
                (actor_iri(node_id), "actor"),
                (event_iri(node_id), "event"),
                (relation_iri(node_id), "relation"),
                (link_iri(node_id), "link"),
            )
        ]
    for node, kind in candidates:
        if next(graph.quads_for_pattern(node, None, None), None) is not None:
            return node, kind
    hint = _hint(graph, node_id)
    raise ExplainError(f"{node_id}: no actor, event, relation or temporal link with this id{hint}")


def _kind_of(iri: str) -> str:
    rest = iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else iri
    return rest.split("/", 1)[0]


def _hint(graph: ox.Store, node_id: str) -> str:
    """A few ids that contain what was typed, to help with typos."""
    wanted = node_id.lower()
    ids = sorted(
        {
            quad.object.value
            for quad in graph.quads_for_pattern(None, _IDENTIFIER, None)
            if isinstance(quad.object, ox.Literal)
            and wanted in quad.object.value.lower()
            and isinstance(quad.subject, ox.NamedNode)
            and quad.subject.value.startswith(ID_BASE)
            and "/article/" not in quad.subject.value
        }
    )
    return f" (did you mean: {', '.join(ids[:5])})" if ids else ""


def _label(graph: ox.Store, node: ox.NamedNode) -> str:
    """The name of an actor, the trigger and type of an event, a relation's type, a temporal
    link's relation between its events' ids."""
    relation = _value(graph, node, ox.NamedNode(str(TG.temporalRelation)))
    if relation is not None:
        ends = [
            _value(graph, _value(graph, node, ox.NamedNode(str(prop))), _IDENTIFIER)
            for prop in (TG.linkSource, TG.linkTarget)
        ]
        source, target = (end.value if end is not None else "?" for end in ends)
        return f"{source} {relation.value} {target}"
    for prop in (RDFS.label, TG.trigger, TG.relationType):
        value = _value(graph, node, ox.NamedNode(str(prop)))
        if value is not None:
            concept = _value(graph, node, ox.NamedNode(str(SEM.eventType)))
            event_type = _value(graph, concept, ox.NamedNode(str(SKOS.notation)))
            if event_type is not None:
                return f"'{value.value}' {event_type.value}"
            return value.value
    return ""


def _short(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _merge_number(iri: str) -> int:
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def render_explanation(explanation: Explanation) -> str:
    """Plain text for the terminal."""
    e = explanation
    mentions, articles = len(e.mentions), len(e.articles)
    lines = [
        f"{e.kind} {e.node_id}: {e.label} ({', '.join(e.types)})",
        f"  {e.iri}",
        f"built from {mentions} mention{'s' * (mentions != 1)} in "
        f"{articles} article{'s' * (articles != 1)}:",
    ]
    if e.stories:
        lines.insert(2, f"  story: {'; '.join(e.stories)}")
    for article, group in groupby(e.mentions, key=lambda m: m.ref.split("#", 1)[0]):
        found = list(group)
        lines.append(f"  article {article}: {len(found)} mention{'s' * (len(found) != 1)}")
        for m in found:
            lines.append(f"    {m.ref}  [{m.start}:{m.end}] '{m.text}'")
            lines.append(f"        {_one_line(m.sentence)}")
    if e.merges:
        lines.append("merged because:")
        for merge in e.merges:
            lines.append(f"  {merge.mention} -> {merge.into}  [{merge.rule}] {merge.evidence}")
    elif mentions > 1:
        lines.append("merged because: (no merge records: mentions of one article)")
    else:
        lines.append("no merges: one mention")
    return "\n".join(lines) + "\n"


def _one_line(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def main_explain(exports: Path, node_id: str) -> str:
    """Load the build's Turtle and render the explanation of ``node_id``."""
    return render_explanation(explain(load_graph(exports), node_id))
