"""The units the event finders look at: single words, and hyphenated words taken whole.

Both the detector and the word-list rules walk these. The walk selects its words on arrays
spaCy already holds (part of speech, dependency label), so that the Python loop only visits
the few tokens that can be a trigger, not every token of the article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from spacy.tokens import Doc, Token

from .docview import DEP, ENT_TYPE, IS_PUNCT, ORTH, POS, DocView

__all__ = ["Units", "hyphen_chain", "word_units"]


def hyphen_chain(token: Token, tokens: Sequence[Token] | None = None) -> list[Token]:
    """The tokens of a hyphenated word ("cease-fire", "Qatar-based") holding ``token``.

    ``tokens`` is ``list(token.doc)`` when the caller has it: indexing a list reuses Token
    objects where ``doc[i]`` builds a new one on every call."""
    toks: Doc | Sequence[Token] = token.doc if tokens is None else tokens
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


Units = tuple[list[Token], dict[int, list[Token]]]


def word_units(
    view: DocView,
    tokens: list[Token],
    pos: Iterable[str],
    deps_out: dict[str, frozenset[str]],
    ents_out: dict[str, frozenset[str]] | None = None,
) -> Units:
    """The heads of the units in text order, and the tokens of each hyphenated word by its
    head's index: each hyphenated word whole, headed by its syntactic head ("cease-fire"), and
    each other token whose part of speech is in ``pos``, whose dependency label is not in
    ``deps_out[its pos]`` and whose entity type is not in ``ents_out[its pos]`` ("*": any
    entity) (a single token's unit is itself)."""
    strings = view.strings
    chains: dict[int, list[Token]] = {}
    in_chain: set[int] = set()
    for h in np.flatnonzero(view.array[:, ORTH] == strings["-"]).tolist():
        if h >= 1 and h not in in_chain:
            chain = hyphen_chain(tokens[h - 1], tokens)
            if len(chain) > 1:
                chains[next((t for t in chain if t.head not in chain), chain[-1]).i] = chain
                in_chain.update(t.i for t in chain)
    pos_column, dep_column = view.array[:, POS], view.array[:, DEP]
    keep = np.zeros(len(tokens), dtype=bool)
    for name in pos:
        this = pos_column == strings[name]
        out = deps_out.get(name)
        for label in out or ():  # (np.isin costs more on a few hundred tokens)
            this &= dep_column != strings[label]
        for label in (ents_out or {}).get(name, ()):
            ent_column = view.array[:, ENT_TYPE]
            this &= (ent_column == 0) if label == "*" else (ent_column != strings[label])
        keep |= this
    keep &= view.array[:, IS_PUNCT] == 0  # punctuation never: the tagger calls "-" a VERB
    if not chains:
        return [tokens[i] for i in np.flatnonzero(keep).tolist()], chains
    keep[list(in_chain)] = False
    keep[list(chains)] = True
    return [tokens[i] for i in np.flatnonzero(keep).tolist()], chains
