"""The syntax between two words of a sentence: the dependency path, the signal word that joins
them ("after", "during", "ahead of") and the reporting verb a clause is said under."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..events.triggers import REPORTING
from ..tokens import children_of

__all__ = [
    "MAX_PATH",
    "SIGNALS",
    "Link",
    "dependency_link",
    "depth",
    "reporting_verb",
    "signal_of",
]

MAX_PATH = 6  # words climbed from either end; longer paths say nothing the classifier keeps
# Words that tell temporal order when they join two events or an event and a time; the
# rules (signals.py) read some, the classifier sees all.
SIGNALS = frozenset(
    {
        "after", "following", "since", "before", "ahead", "prior", "until", "till", "during",
        "amid", "throughout", "while", "when", "as", "once", "then", "by", "on", "in", "at",
        "for", "from", "within", "over", "later", "earlier", "previously", "meanwhile",
        "upon", "whenever", "again", "still", "already", "soon", "now",
    }
)  # fmt: skip
CLAUSE_LINKS = frozenset({"ccomp", "parataxis", "conj", "advcl", "xcomp", "relcl"})


@dataclass(frozen=True, slots=True)
class Link:
    """How ``a`` and ``b`` of one sentence are joined: the path's labels up from ``a`` and
    down to ``b``, and which of them (if either) governs the other."""

    up: tuple[str, ...]  # dependency labels climbed from a to the common ancestor
    down: tuple[str, ...]  # labels descended from the common ancestor to b
    top: Token | None  # the common ancestor (None: too far apart)

    @property
    def path(self) -> str:
        if self.top is None:
            return "far"
        return "^".join(self.up) + "|" + "v".join(self.down)


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    for _ in range(MAX_PATH):
        head = chain[-1].head
        if head.i == chain[-1].i:
            break
        chain.append(head)
    return chain


def dependency_link(a: Token, b: Token) -> Link:
    """The dependency path from ``a`` to ``b`` (same sentence), at most MAX_PATH up each side."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    depth_a = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate(up_b):
        if t.i in depth_a:
            m = depth_a[t.i]
            return Link(
                tuple(x.dep_ for x in up_a[:m]), tuple(x.dep_ for x in reversed(up_b[:n])), t
            )
    return Link((), (), None)


def signal_of(token: Token) -> str | None:
    """The signal word that introduces ``token``'s phrase or clause: the marker of a clause
    ("after an aid convoy was hit"), the preposition over a noun or gerund ("during the
    attacks", "ahead of the talks", "prior to leaving"), "then" on a verb."""
    for child in children_of(token):
        word = child.lower_
        if child.dep_ in ("mark", "advmod") and word in SIGNALS and child.i < token.i:
            return word
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.i != token.i:
        word = head.lower_
        if word in ("of", "to") and head.head.lower_ in ("ahead", "prior"):
            return head.head.lower_  # "ahead of", "prior to"
        if word in SIGNALS:
            return word
    if token.dep_ == "dobj" and head.lower_ == "following":
        return "following"  # parsed as a verb: "rose following the announcement"
    return None


def reporting_verb(head: Token) -> Token | None:
    """The reporting verb whose content clause ``head`` tells ("officials said the convoy
    was hit": "said" for "hit"), climbing through nouns and infinitives to the clause."""
    current = head
    for _ in range(MAX_PATH):
        gov = current.head
        if gov.i == current.i:
            return None
        if current.dep_ in ("ccomp", "parataxis") and gov.lemma_.lower() in REPORTING:
            return gov
        clause_links = ("xcomp", "conj", "aux", "ccomp", "parataxis")
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in clause_links:
            return None  # the clause hangs off something else than a teller
        current = gov
    return None


def depth(token: Token) -> int:
    """How many heads lie above ``token`` (0 for its sentence's root), at most MAX_PATH."""
    return len(_ancestors(token)) - 1
