"""The word-list trigger rules that came before the trained detector, kept for what TimeML
does not annotate but MEANTIME and the graph want: copulas ("was"), economic and other
nouns the lexicon or a suffix marks ("sales", "bankruptcy", "reorganization"), named events
("the Worldwide Developers Conference"). ``find_triggers`` asks them only about the units the
detector left out, and their triggers are not TimeML mentions.
"""

from __future__ import annotations

from spacy.symbols import NOUN, PROPN
from spacy.tokens import Token

from .docview import DocView
from .lexicon import EVENT_NOUNS
from .triggers import (
    NAMED_EVENTS,
    PREFIXES,
    Trigger,
    is_event_noun,
    lemma_of,
    verb_trigger,
)
from .units import word_units

__all__ = ["rule_triggers"]

# Parts of speech a single-token trigger can have (verbs, copulas, event nouns, named events).
_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})
# a proper noun inside a name ("the Munich Security Conference") is never one on its own
_NOT_TRIGGER_DEPS = {"PROPN": frozenset({"compound"}), "AUX": frozenset({"aux", "auxpass"})}


def rule_triggers(view: DocView, tokens: list[Token], skip: set[int]) -> list[Trigger]:
    """The rules' triggers, in text order, leaving out any unit holding a token of ``skip``."""
    found: list[Trigger] = []
    heads, chains = word_units(view, tokens, _TRIGGER_POS, _NOT_TRIGGER_DEPS)
    for head in heads:
        i = head.i
        if i in chains:
            chain = chains[i]
            if not any(t.i in skip for t in chain):
                trigger = _chain_trigger(chain)
                if trigger is not None:
                    found.append(trigger)
            continue
        if i in skip:
            continue
        if view.pos[i] in _NOMINAL:
            # most nouns are no event: decided once per word, the Token read only for a yes
            # packed into one int, which the garbage collector does not track (see features.Key)
            key = view.pos[i] | view.lemma[i] << 64 | view.lower[i] << 128 | view.dep[i] << 192
            maybe = _WORDS.get(key)
            if maybe is None:
                if len(_WORDS) > 200_000:
                    _WORDS.clear()
                maybe = _WORDS[key] = _token_trigger(head) is not None
            if not maybe:
                continue
        trigger = _token_trigger(head)
        if trigger is not None:
            found.append(trigger)
    return found


# (pos, lemma, lower, dep) of a noun or proper noun -> whether the rules make it a trigger
_WORDS: dict[int, bool] = {}
_NOMINAL = frozenset({NOUN, PROPN})  # spaCy's part-of-speech symbol ids


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
