"""Lemmas and inflections of English words, from a dictionary before rules.

spaCy's small English pipeline lemmatizes by suffix rules, which slip on ordinary news words
("raped" -> "rap", "hoping" -> "hop", "cordoned" -> "cordone"). LemmInflect's dictionary,
built from a large corpus, knows them; spaCy's lemma is kept for words it does not know
(names, rare words). The same library inflects headline verbs ("pull" -> "pulls").
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas
from spacy.tokens import Token

_UPOS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}

__all__ = ["inflect", "lemma_of", "plural", "word_lemma"]


def lemma_of(token: Token) -> str:
    """The lower-cased lemma of ``token``: the dictionary's for verbs, nouns and adjectives
    it knows, else spaCy's."""
    return word_lemma(token.lower_, token.pos_, token.lemma_)


def word_lemma(lower: str, pos: str, spacy_lemma: str) -> str:
    """``lemma_of`` for a word given as strings (lower-cased form, spaCy POS and lemma)."""
    upos = _UPOS.get(pos)
    if upos is None or pos == "PROPN":
        return spacy_lemma.lower()
    return _dictionary_lemma(lower, upos) or spacy_lemma.lower()


@lru_cache(maxsize=65536)
def _dictionary_lemma(word: str, upos: str) -> str | None:
    found = getAllLemmas(word, upos=upos).get(upos)
    return found[0].lower() if found else None


@lru_cache(maxsize=16384)
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` in the form a Penn tag asks for (VBZ: "pulls", VBN: "hit"); a word the
    dictionary does not know gets the regular form."""
    forms = getAllInflections(lemma, upos="VERB")
    found = forms.get(tag) or (forms.get("VBD") if tag == "VBN" else None)  # regular: same
    if found:
        return found[0]
    if tag == "VBZ":
        return _regular_third_person(lemma)
    if tag in ("VBD", "VBN"):
        return lemma + ("d" if lemma.endswith("e") else "ed")
    return lemma


@lru_cache(maxsize=16384)
def plural(noun: str) -> str:
    """The plural of a common noun ('family' -> 'families'; 'police' stays 'police')."""
    found = getAllInflections(noun, upos="NOUN").get("NNS")
    if found:
        return found[0]
    return noun if noun.endswith("s") else _regular_third_person(noun)


def _regular_third_person(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
