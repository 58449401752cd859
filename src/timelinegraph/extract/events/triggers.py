"""Finding event triggers in a parsed document: verbs, phrasal verbs and event nouns.

The finder is deliberately generous (it also returns reporting verbs, light verbs and
states, flagged) so that it can be scored against corpora such as MEANTIME that annotate
those too; :func:`frame_of` marks the ones that frame other events and stay out of the graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..lemmas import lemma_of
from ..tokens import children_of
from .arguments import COPULAS
from .lexicon import EVENT_NOUNS, NON_EVENT_NOUNS

PARTICLES = frozenset(
    {"out", "off", "up", "down", "back", "away", "in", "on", "over", "through", "ahead"}
)
# Verbs that report what others say: they give attribution/modality, not graph events.
REPORTING = frozenset(
    {
        "say", "tell", "add", "state", "report", "note", "explain", "write", "comment",
        "remark", "cite", "mention", "confirm", "acknowledge", "reiterate", "recount",
        "quote", "insist", "according", "argue", "contend", "observe", "claim",
    }
)  # fmt: skip
# Support verbs whose object noun carries the event ("hold talks", "launch an attack").
LIGHT = frozenset(
    {
        "take", "make", "give", "have", "hold", "reach", "strike", "conduct", "carry",
        "launch", "stage", "mount", "wage", "do", "pay", "undertake", "get", "put", "seal",
    }
)  # fmt: skip
# States, copulas, perception and private mental states: not done, not happening.
STATES = frozenset(
    {
        "be", "have", "remain", "seem", "appear", "include", "contain", "consist", "belong",
        "know", "think", "believe", "fear", "feel", "want", "need", "like", "love", "mean",
        "matter", "exist", "lack", "own", "deserve", "tend", "see", "look", "hope", "wish",
        "seek", "try", "aim", "base", "familiar", "let", "become", "stay", "worry",
        "expect", "consider", "intend", "plan", "wonder", "doubt", "understand", "realize",
    }
)  # fmt: skip
# Heads of named events: "Worldwide Developers Conference", "Munich Security Conference".
NAMED_EVENTS = frozenset(
    {"conference", "summit", "election", "war", "games", "olympics", "festival", "talks",
     "convention", "forum", "congress", "expo", "show", "meeting", "uprising", "revolution"}
)  # fmt: skip
NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "sal", "val", "ings")


@dataclass
class Trigger:
    """One candidate trigger: the head token plus any particle or hyphen-compound tokens."""

    head: Token
    tokens: list[Token]
    lemma: str
    kind: str  # "verb" | "noun"
    particle: Token | None = None
    flags: set[str] = field(default_factory=set)  # reporting | light | state

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)

    @property
    def text(self) -> str:
        indices = [t.i for t in self.tokens]
        if max(indices) - min(indices) + 1 == len(indices):
            # a span, not doc.text[...]: Doc.text joins the whole article on every call
            return self.head.doc[min(indices) : max(indices) + 1].text
        return " ".join(t.text for t in sorted(self.tokens, key=lambda t: t.i))


def hyphen_chain(token: Token, tokens: Sequence[Token] | None = None) -> list[Token]:
    """The tokens of a hyphenated word ("cease-fire", "Qatar-based") holding ``token``.

    ``tokens`` is ``list(token.doc)`` when the caller has it: indexing a list reuses Token
    objects where ``doc[i]`` builds a new one on every call."""
    toks: Sequence[Token] = token.doc if tokens is None else tokens
    lo = hi = token.i
    while lo >= 2 and toks[lo - 1].text == "-" and _glued(toks[lo - 2], toks[lo - 1], toks[lo]):
        lo -= 2
    while (
        hi + 2 < len(toks)
        and toks[hi + 1].text == "-"
        and _glued(toks[hi], toks[hi + 1], toks[hi + 2])
    ):
        hi += 2
    if lo == hi:
        return [token]
    return list(toks[lo : hi + 1])


def _glued(a: Token, hyphen: Token, b: Token) -> bool:
    return not a.whitespace_ and not hyphen.whitespace_ and b.idx == hyphen.idx + 1


def find_particle(verb: Token) -> Token | None:
    """The particle of a phrasal verb: 'pulled out (of)', 'called off', 'backed down'."""
    for child in children_of(verb):
        if child.i <= verb.i or child.lower_ not in PARTICLES:
            continue
        if child.dep_ == "prt":
            return child
        objects = [c for c in children_of(child) if c.dep_ == "pobj"]
        if child.dep_ in ("prep", "advmod") and not objects and child.i - verb.i <= 3:
            return child
    return None


def is_event_noun(token: Token) -> bool:
    """Whether a common noun denotes something that happens or is done."""
    lemma = token.lemma_.lower()
    if lemma in NON_EVENT_NOUNS or token.pos_ != "NOUN":
        return False
    if lemma in EVENT_NOUNS:
        return True
    if token.lower_.endswith("ing") and len(lemma) > 5 and token.dep_ not in ("amod", "compound"):
        return lemma.endswith("ing") and lemma != token.lower_[:-3]
    return lemma.endswith(NOUN_SUFFIXES) and len(lemma) > 6


def find_triggers(doc: Doc) -> list[Trigger]:
    """All candidate triggers of a document, in text order."""
    found: list[Trigger] = []
    used: set[int] = set()
    tokens = list(doc)
    texts = [t.text for t in tokens]
    n = len(tokens)
    for token in tokens:
        i = token.i
        if i in used or token.is_space or token.is_punct:
            continue
        # hyphen_chain looks further only beside a "-": most tokens are words on their own
        beside_hyphen = (i >= 2 and texts[i - 1] == "-") or (i + 2 < n and texts[i + 1] == "-")
        chain = hyphen_chain(token, tokens) if beside_hyphen else [token]
        if len(chain) > 1:
            used.update(t.i for t in chain)
            trigger = _chain_trigger(chain)
            if trigger is not None:
                found.append(trigger)
            continue
        trigger = _token_trigger(token)
        if trigger is not None:
            found.append(trigger)
    return found


PREFIXES = frozenset({"pre", "re", "post", "co", "counter", "mid", "over", "under"})


def _chain_trigger(chain: list[Token]) -> Trigger | None:
    words = "".join(t.text for t in chain).lower()
    head = next((t for t in chain if t.head not in chain), chain[-1])
    if words in EVENT_NOUNS or words.replace("-", "") in EVENT_NOUNS:
        return Trigger(head=head, tokens=chain, lemma=words, kind="noun")
    if len(chain) == 3 and chain[0].lower_ in PREFIXES and head.i == chain[-1].i:
        inner = _token_trigger(head)  # "pre-orders", "re-election", "counter-attack"
        if inner is not None:
            prefix = chain[0].lower_ + "-"
            return Trigger(head, chain, prefix + inner.lemma, inner.kind, None, inner.flags)
    return None


# Parts of speech a single-token trigger can have (verbs, copulas, event nouns, named events).
_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})


def _token_trigger(token: Token) -> Trigger | None:
    if token.pos_ not in _TRIGGER_POS:
        return None  # most tokens: no lemma lookup needed
    lemma = lemma_of(token)
    if token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass"):
        if token.dep_ == "prep" or (token.dep_ == "amod" and token.i < token.head.i):
            return None  # "including", "according to" read as prepositions; "the remaining"
        flags: set[str] = set()
        particle = find_particle(token)
        if lemma in REPORTING and particle is None:
            flags.add("reporting")
        if lemma in STATES and particle is None:
            flags.add("state")
        if lemma in LIGHT and particle is None and _has_event_object(token):
            flags.add("light")
        tokens = [token]
        full = lemma
        if particle is not None:
            full = f"{lemma} {particle.lower_}"
            if particle.i == token.i + 1:
                tokens.append(particle)
        return Trigger(token, tokens, full, "verb", particle, flags)
    if token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass") and lemma == "be":
        return Trigger(token, [token], lemma, "verb", None, {"state"})  # copula
    if is_event_noun(token):
        return Trigger(token, [token], lemma, "noun")
    if token.pos_ == "PROPN" and token.dep_ != "compound" and lemma.lower() in NAMED_EVENTS:
        return Trigger(token, [token], lemma.lower(), "noun")  # "the Developers Conference"
    return None


def _has_event_object(verb: Token) -> bool:
    for child in children_of(verb):
        if child.dep_ in ("dobj", "attr") and (
            is_event_noun(child) or _chain_trigger(hyphen_chain(child)) is not None
        ):
            return True
    return False


def frame_of(trigger: Trigger) -> str | None:
    """reporting | support | copula | state when the candidate frames another event rather
    than being one ("said", "held talks", "is"); None for events that belong in the graph."""
    if "state" in trigger.flags and trigger.lemma in COPULAS:
        return "copula"
    for flag, frame in (("reporting", "reporting"), ("light", "support"), ("state", "state")):
        if flag in trigger.flags:
            return frame
    return None
