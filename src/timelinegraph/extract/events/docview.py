"""One document's parse as plain lists of ints, for the event detector's features.

Reading ``token.dep_`` or ``token.children`` builds objects on every call; the detector reads
a dozen attributes of a third of all tokens and of their heads, children and neighbours, so it
takes them all at once from ``Doc.to_array``: string attributes stay spaCy's hashes (the same
in every process), and become strings only where a feature is built for the first time.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

__all__ = ["DEP", "ENT_TYPE", "IS_PUNCT", "ORTH", "POS", "DocView"]

_ATTRS: list[int | str] = [
    "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "HEAD", "IS_SPACE", "IS_TITLE",
    "SENT_START", "ORTH", "IS_PUNCT",
]  # fmt: skip
# columns of ``DocView.array`` that the unit walk reads
POS, DEP, ENT_TYPE, ORTH, IS_PUNCT = 2, 4, 5, 10, 11


class DocView:
    """Token attributes by token index, as ints: ``lower[i]``, ``lemma[i]``, ``pos[i]``,
    ``tag[i]``, ``dep[i]``, ``ent[i]`` (string hashes or symbol ids; 0 for none), ``head[i]``
    (the head's index), ``children(i)`` (their indexes, in text order), ``space[i]``,
    ``title[i]`` and ``sent_start[i]`` (1 at a sentence start); ``array`` holds them all and
    ``ORTH`` and ``IS_PUNCT`` as columns of one numpy array."""

    __slots__ = ("array", "dep", "ent", "head", "kid", "kid_start", "lemma", "lower", "pos",
                 "sent_start", "space", "strings", "tag", "title")  # fmt: skip

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        self.strings = doc.vocab.strings
        array = doc.to_array(_ATTRS) if n else np.zeros((0, len(_ATTRS)), dtype=np.uint64)
        # HEAD is the offset to the head, stored unsigned: read it back as signed
        heads = array[:, 6].astype(np.int64) + np.arange(n)
        array[:, 6] = heads
        self.array = array  # the same, as numpy: whole-column tests
        (self.lower, self.lemma, self.pos, self.tag, self.dep, self.ent, self.head,
         self.space, self.title, self.sent_start) = array[:, :10].T.tolist()  # fmt: skip
        # children sorted by head, then in text order: token i's are kid[kid_start[i]:
        # kid_start[i + 1]] (two flat lists, not one list per token: fewer objects for the
        # garbage collector to count)
        index = np.arange(n)
        has_head = heads != index
        order = np.argsort(heads[has_head], kind="stable")
        self.kid: list[int] = index[has_head][order].tolist()
        self.kid_start: list[int] = np.searchsorted(
            heads[has_head][order], np.arange(n + 1)
        ).tolist()

    def children(self, i: int) -> list[int]:
        """Indexes of token ``i``'s children, in text order."""
        return self.kid[self.kid_start[i] : self.kid_start[i + 1]]

    def text(self, key: int) -> str:
        """The string of a hash (or symbol id); "" for 0."""
        return self.strings[key] if key else ""
