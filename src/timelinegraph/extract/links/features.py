"""The features of a candidate pair, as strings for the linear classifier (``model.py``).

One list per pair kind: an event and the publication date (``dct``), an event and a time
expression of its sentence (``timex``), two events of one sentence or of adjacent sentences
(``event``, always in text order: ``a`` is the earlier). The features say what the
literature on TempEval and MATRES found to matter: tense, aspect and class of each event,
modal and negation, the dependency path and the signal word between the two, which governs
which, whether one is reported by the other, and for times where they lie against the
publication date.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..tokens import children_of
from .nodes import EventNode, TimeNode
from .syntax import dependency_link, depth, reporting_verb, signal_of

__all__ = ["Described", "dct_features", "event_features", "timex_features"]

MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "'ll"})


def _modal(head: Token) -> str | None:
    for child in children_of(head):
        if child.dep_ == "aux" and child.tag_ == "MD":
            return child.lower_ if child.lower_ in MODALS else "md"
    return None


def _negated(head: Token) -> bool:
    return any(c.dep_ == "neg" for c in children_of(head))


class Described:
    """Each event's own features and each word's signal, worked out once per document: a
    run-on sentence pairs one event with thousands of others, and both walk its children
    (quadratic otherwise: 12,000 "on Monday" took 43 s)."""

    def __init__(self) -> None:
        self._features: dict[tuple[str, str], list[str]] = {}
        self._signals: dict[int, str | None] = {}

    def features(self, node: EventNode, p: str) -> list[str]:
        key = (node.id, p)
        found = self._features.get(key)
        if found is None:
            found = self._features[key] = node_features(node, p, self)
        return found

    def signal(self, token: Token) -> str | None:
        if token.i not in self._signals:
            self._signals[token.i] = signal_of(token)
        return self._signals[token.i]


def node_features(node: EventNode, p: str, described: Described) -> list[str]:
    """What one event is: class, tense, aspect, its word and how it sits in its sentence."""
    head = node.head
    feats = [
        f"{p}c={node.event_class}",
        f"{p}t={node.tense}",
        f"{p}asp={node.aspect}",
        f"{p}ta={node.tense}/{node.aspect}",
        f"{p}ct={node.event_class}/{node.tense}/{node.aspect}",
        f"{p}pos={node.pos}",
        f"{p}tag={head.tag_}",
        f"{p}dep={head.dep_}",
        f"{p}lem={head.lemma_.lower()}",
    ]
    modal = _modal(head)
    if modal:
        feats.append(f"{p}md={modal}")
    if _negated(head):
        feats.append(f"{p}neg")
    signal = described.signal(head)
    if signal:
        feats.append(f"{p}sig={signal}")
    if head.dep_ == "ROOT":
        feats.append(f"{p}root")
    reporter = reporting_verb(head)
    if reporter is not None:
        feats.append(f"{p}rep={reporter.tag_}")
    return feats


def dct_features(node: EventNode, time: TimeNode | None, described: Described) -> list[str]:
    """An event against the publication date; ``time``: the expression dating it, if any."""
    feats = ["bias", *described.features(node, "")]
    feats.append(f"sent={min(node.sentence, 3)}")
    if time is not None:
        feats.append(f"tx={time.to_dct}")
        feats.append(f"txt={time.type}/{time.to_dct}")
        feats.append(f"tx/t={time.to_dct}/{node.tense}")
    return feats


def timex_features(
    node: EventNode, time: TimeNode, attached: bool, described: Described
) -> list[str]:
    """An event and a time expression of its sentence."""
    feats = ["bias", *described.features(node, "")]
    root = time.root
    feats.append(f"x={time.type}")
    feats.append(f"xd={time.to_dct}")
    signal = described.signal(root) or "none"
    feats.append(f"xs={signal}")
    feats.append(f"xs/x={signal}/{time.type}")
    feats.append(f"xd/t={time.to_dct}/{node.tense}")
    if attached:
        feats.append("att")
        feats.append(f"att/xs={signal}")
    link = dependency_link(node.head, root)
    feats.append(f"path={link.path}")
    feats.append(f"plen={min(len(link.up) + len(link.down), 6)}")
    feats.append("order=" + ("tx<e" if root.i < node.head.i else "e<tx"))
    feats.append(f"dist={_bucket(abs(root.i - node.head.i))}")
    return feats


def event_features(a: EventNode, b: EventNode, described: Described) -> list[str]:
    """Two events, ``a`` before ``b`` in the text."""
    feats = ["bias", *described.features(a, "a"), *described.features(b, "b")]
    feats.append(f"tt={a.tense}/{b.tense}")
    feats.append(f"tata={a.tense}{a.aspect}/{b.tense}{b.aspect}")
    feats.append(f"cc={a.event_class}/{b.event_class}")
    gap = b.sentence - a.sentence
    feats.append(f"gap={min(gap, 2)}")
    if gap == 0:
        link = dependency_link(a.head, b.head)
        feats.append(f"path={link.path}")
        length = len(link.up) + len(link.down)
        feats.append(f"plen={min(length, 6)}")
        if not link.up and link.down:
            feats.append(f"agov={link.down[-1]}")  # a governs b
            feats.append(f"agov/t={link.down[-1]}/{a.tense}/{b.tense}")
        elif link.up and not link.down:
            feats.append(f"bgov={link.up[0]}")
            feats.append(f"bgov/t={link.up[0]}/{a.tense}/{b.tense}")
        sig_a, sig_b = described.signal(a.head), described.signal(b.head)
        if sig_b and length <= 3:
            feats.append(f"bsig/near={sig_b}/" + ("gov" if not link.up else "sib"))
        if sig_a and length <= 3:
            feats.append(f"asig/near={sig_a}/" + ("gov" if not link.down else "sib"))
        feats.append(f"dist={_bucket(b.head.i - a.head.i)}")
        if _reports(a.head, b.head):
            feats.append(f"a_reports_b={b.tense}/{b.aspect}")
        if _reports(b.head, a.head):
            feats.append(f"b_reports_a={a.tense}/{a.aspect}")
    else:
        feats.append(f"depths={min(depth(a.head), 2)}/{min(depth(b.head), 2)}")
    return feats


def _reports(teller: Token, told: Token) -> bool:
    verb = reporting_verb(told)
    return verb is not None and verb.i == teller.i


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"
