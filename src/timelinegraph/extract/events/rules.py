"""The word-list trigger rules that came before the trained detector, kept for what TimeML
does not annotate but MEANTIME and the graph want: copulas ("was"), economic and other
nouns the lexicon or a suffix marks ("sales", "bankruptcy", "reorganization"), named events
("the Worldwide Developers Conference"). ``find_triggers`` asks them only about the units the
detector left out, and their triggers are not TimeML mentions.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import EVENT_NOUNS
from .triggers import (
    NAMED_EVENTS,
    PREFIXES,
    Trigger,
    hyphen_chain,
    is_event_noun,
    lemma_of,
    verb_trigger,
)

__all__ = ["rule_triggers"]

# Parts of speech a single-token trigger can have (verbs, copulas, event nouns, named events).
_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})


def rule_triggers(tokens: list[Token], skip: set[int]) -> list[Trigger]:
    """The rules' triggers, in text order, leaving out any unit holding a token of ``skip``."""
    found: list[Trigger] = []
    texts = [t.text for t in tokens]
    n = len(tokens)
    used: set[int] = set()
    for token in tokens:
        i = token.i
        if i in used or i in skip or token.is_space or token.is_punct:
            continue
        # hyphen_chain looks further only beside a "-": most tokens are words on their own
        beside_hyphen = (i >= 2 and texts[i - 1] == "-") or (i + 2 < n and texts[i + 1] == "-")
        chain = hyphen_chain(token, tokens) if beside_hyphen else [token]
        if len(chain) > 1:
            used.update(t.i for t in chain)
            trigger = _chain_trigger(chain)
        else:
            trigger = _token_trigger(token)
        if trigger is not None:
            found.append(trigger)
    return found


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


def _token_trigger(token: Token) -> Trigger | None:
    if token.pos_ not in _TRIGGER_POS:
        return None  # most tokens: no lemma lookup needed
    if token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass"):
        if token.dep_ == "prep" or (token.dep_ == "amod" and token.i < token.head.i):
            return None  # "including", "according to" read as prepositions; "the remaining"
        return verb_trigger(token)
    lemma = lemma_of(token)
    if token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass") and lemma == "be":
        return Trigger(token, [token], lemma, "verb", None, {"state"})  # copula
    if is_event_noun(token):
        return Trigger(token, [token], lemma, "noun")
    if token.pos_ == "PROPN" and token.dep_ != "compound" and lemma.lower() in NAMED_EVENTS:
        return Trigger(token, [token], lemma.lower(), "noun")  # "the Developers Conference"
    return None
