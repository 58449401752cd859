"""Event triggers of a parsed document: the mentions the trained detector finds, as triggers.

The detector (``detector.py``) decides which tokens are TimeML event mentions and their
class; this module adds what the rest of the pipeline reads: phrasal-verb particles, hyphenated
words ("cease-fire"), lemma fixes and the flags (reporting, light, state) from which
:func:`frame_of` marks the mentions that frame other events and stay out of the graph
("said", "held talks", "is"). Those are still mentions: MEANTIME and TimeML annotate them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...models import PARTICLES
from ..lemmas import lemma_of
from ..tokens import children_of
from .arguments import COPULAS
from .docview import DocView
from .lexicon import EVENT_NOUNS, NON_EVENT_NOUNS
from .units import hyphen_chain

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
    event_class: str | None = None  # the detector's TimeML class; None: from the word lists
    timeml: bool = True  # a TimeML EVENT mention (the detector's), else only the rules' find

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
    """The event mentions of a document, in text order.

    The TimeML mentions (``timeml=True``) are the units the trained detector marks
    (``detector.py``), with its TimeML class. The older word-list rules (``rules.py``) add,
    with ``timeml=False``, what they find that the detector leaves out: copulas, economic
    nouns such as "sales" or "bankruptcy", named events ("the Developers Conference"). MEANTIME
    annotates those and the graph has always had them; TimeML output leaves them out."""
    from .detector import detect  # imported here: both modules read this one's lists
    from .rules import rule_triggers

    tokens = list(doc)
    view = DocView(doc)
    found = [_trigger(d.head, d.tokens, d.event_class) for d in detect(view, tokens)]
    taken = {t.i for trigger in found for t in trigger.tokens}
    extra = rule_triggers(view, tokens, taken)
    extra = [t for t in extra if not any(x.i in taken for x in t.tokens)]  # a far particle
    if not extra:
        return found
    for trigger in extra:
        trigger.timeml = False
    return sorted(found + extra, key=lambda t: min(x.i for x in t.tokens))


PREFIXES = frozenset({"pre", "re", "post", "co", "counter", "mid", "over", "under"})


def _trigger(head: Token, chain: list[Token], event_class: str | None) -> Trigger:
    if len(chain) > 1:
        words = "".join(t.text for t in chain).lower()
        prefixed = len(chain) == 3 and chain[0].lower_ in PREFIXES and head.i == chain[-1].i
        if head.pos_ == "VERB" and prefixed:
            inner = verb_trigger(head)  # "re-elected", "pre-ordered"
            inner.tokens, inner.lemma = chain, f"{chain[0].lower_}-{inner.lemma}"
            inner.particle, inner.event_class = None, event_class
            return inner
        return Trigger(head, chain, words, "noun", event_class=event_class)  # "cease-fire"
    if head.pos_ == "VERB":
        trigger = verb_trigger(head)
        trigger.event_class = event_class
        return trigger
    lemma = lemma_of(head)
    if head.pos_ == "AUX":
        return Trigger(head, [head], lemma, "verb", None, {"state"}, event_class)  # copula
    # a noun, or an adjective ("was unclear"): a state, with no particle nor subject of its own
    flags = {"state"} if head.pos_ == "ADJ" else set()
    return Trigger(head, [head], lemma, "noun", None, flags, event_class)


def verb_trigger(token: Token) -> Trigger:
    """A verb with its particle ("pulled out") and its flags: reporting, state, light."""
    lemma = lemma_of(token)
    flags: set[str] = set()
    particle = find_particle(token)
    # "according (to)", which TimeML marks as REPORTING, has the lemma "accord"
    if (lemma in REPORTING or token.lower_ in REPORTING) and particle is None:
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


def _has_event_object(verb: Token) -> bool:
    for child in children_of(verb):
        if child.dep_ in ("dobj", "attr") and (
            is_event_noun(child)
            or "".join(t.text for t in hyphen_chain(child)).lower() in EVENT_NOUNS
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
