"""Memoized dependency children of the parsed article's tokens.

spaCy's ``Token.children`` scans the token's whole subtree span and builds a new ``Token``
for every child on each call; the rules ask for the children of the same trigger a dozen
times (arguments, modality, polarity, tense, quantities, ...). The memo holds the children
of one document, the last one asked about: extraction works on one article at a time.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["children_of", "forget_children"]

# (document, token index -> children), swapped as a whole so that threads never mix docs.
_memo: tuple[Doc | None, dict[int, tuple[Token, ...]]] = (None, {})


def children_of(token: Token) -> tuple[Token, ...]:
    """``tuple(token.children)``, computed once per token of the current document."""
    global _memo
    doc, kids = _memo
    if doc is not token.doc:
        kids = {}
        _memo = (token.doc, kids)
    found = kids.get(token.i)
    if found is None:
        found = kids[token.i] = tuple(token.children)
    return found


def forget_children(doc: Doc) -> None:
    """Start ``doc``'s memo afresh: called once per extraction, so that a document parsed
    again in place (same object, new heads) is never answered from the old parse."""
    global _memo
    _memo = (doc, {})
