"""Type checks on named-entity candidates: what the small model calls a person or an
organisation but is none. Times, units and time zones are never actors ("UTC", "a.m.",
"March"); products and vehicles are not persons or companies ("Ford Falcon", "the Aura
sedan"); a name made of initials is not a person ("U. N."); a headline's verb is not part of
a name ("RCMP MAKE")."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from ...common.textkey import fold
from ...resolve.names import CORPORATE_SUFFIXES, INDUSTRY_WORDS, clean_name, is_acronym, words_of
from ..events.lexicon import load_lexicon
from .lexicon import MAKERS, NOT_ACTORS, ORGANIZATION_WORDS, PRODUCT_NOUNS


def never_an_actor(text: str) -> bool:
    """A time, a unit or a time zone: 'UTC', 'EST', 'a.m.', 'Monday', 'March', 'km'."""
    words = fold(clean_name(text)).replace(".", "").split()
    return bool(words) and all(w in NOT_ACTORS for w in words)


def initials_only(text: str) -> bool:
    """'U. N.', 'U.S.', 'AP': letters that stand for a name, never a person's own name."""
    return is_acronym(text) and len(text.split()) <= 4


def is_product(span: Span, products: set[str]) -> bool:
    """A person-named product: a maker's model ('Ford Falcon', 'Saturn Aura'), a name that
    modifies or stands beside a product noun ('the Aura sedan', 'the Aura, a sedan'), or the
    model name of a product already named in the article ('Aura' after 'Saturn Aura')."""
    words = words_of(span.text)
    if not words:
        return False
    rest = set(words[1:])
    if (
        words[0] in MAKERS
        and len(rest) == 1
        and not rest & (ORGANIZATION_WORDS | CORPORATE_SUFFIXES | INDUSTRY_WORDS)
    ):
        return True
    if len(words) == 1 and words[0] in products:
        return True
    root = span.root
    if root.dep_ == "compound" and root.head.lower_ in PRODUCT_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lower_ in PRODUCT_NOUNS for c in root.children)


def headline_verb_end(span: Span) -> int:
    """Where a name in capitals ends before a headline verb: 'RCMP MAKE ARREST' and 'RED SOX
    MAKE HUGE OFFER' end before 'MAKE', a common verb or an event verb in capitals."""
    lexicon = load_lexicon()
    for token in span[1:]:
        lower = token.lower_
        if not (token.text.isupper() and len(token.text) > 1) or lower in _FUNCTION_WORDS:
            continue
        if lower in STOP_WORDS or (lower, "V") in lexicon:
            return token.i
    return span.end


_FUNCTION_WORDS = frozenset("of and the for in on at to a an de du la with by from".split())
