"""Role phrases tied to a person: titles ("Prime Minister X") and appositions
("Hamas's leader in Gaza, Yahya Sinwar", "X, the head of the group's bureau").

Shared by actor extraction (roles) and relation extraction (leader of / member of).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .actors.lexicon import LEADER_NOUNS, ROLE_NOUNS, TITLE_WORDS
from .tokens import children_of

MAX_HEAD_STEPS = 4
_PREPS = frozenset({"of", "for", "in", "at", "to"})


@dataclass(frozen=True)
class RolePhrase:
    person: Span  # the person's name
    head: Token  # the role noun: leader, head, minister ...
    text: str  # "leader in Gaza", "Prime Minister"
    org: Token | None  # a token naming whom the role is of (possessor, "of X", demonym)
    direct: bool  # False when the role is of a body of the org ("head of the group's bureau")

    @property
    def is_leader(self) -> bool:
        words = self.text.lower().split()
        title = words[: next((i for i, w in enumerate(words) if w in _PREPS), len(words))]
        if "vice" in title or "deputy" in title:
            return False
        return (
            self.head.lemma_.lower() in LEADER_NOUNS
            or any(w in LEADER_NOUNS for w in title)
            or "prime" in title
        )


def find_roles(doc: Doc, persons: list[Span]) -> list[RolePhrase]:
    """Every title or apposition role attached to one of ``persons``."""
    roles = []
    for person in persons:
        for finder in (_title_before, _apposition_after, _apposition_before):
            role = finder(doc, person)
            if role is not None:
                roles.append(role)
    return roles


def _title_before(doc: Doc, person: Span) -> RolePhrase | None:
    start = person.start
    while start > 0 and doc[start - 1].lower_ in TITLE_WORDS and doc[start - 1].pos_ != "PRON":
        start -= 1
    if start == person.start:
        return None
    head = doc[person.start - 1]
    org = (
        doc[start - 1] if start > 0 and doc[start - 1].ent_type_ in ("NORP", "GPE", "ORG") else None
    )
    return RolePhrase(person, head, doc[start : person.start].text, org, True)


def _apposition_after(doc: Doc, person: Span) -> RolePhrase | None:
    """'Ismail Haniyeh, the head of ...': an appositive role noun hanging off the name."""
    for name_token in person:
        for token in name_token.rights:
            if (
                token.dep_ == "appos"
                and token.i >= person.end
                and token.lemma_.lower() in ROLE_NOUNS
            ):
                return _role_at(doc, person, token)
    return None


def _apposition_before(doc: Doc, person: Span) -> RolePhrase | None:
    """ "Hamas's leader in Gaza, Yahya Sinwar": walk up from the word before the comma."""
    if person.start < 2 or doc[person.start - 1].text != ",":
        return None
    token = doc[person.start - 2]
    for _ in range(MAX_HEAD_STEPS):
        if token.lemma_.lower() in ROLE_NOUNS and token.pos_ == "NOUN":
            return _role_at(doc, person, token, end=person.start - 1)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _role_at(doc: Doc, person: Span, head: Token, end: int | None = None) -> RolePhrase:
    start = head.left_edge.i
    stop = end if end is not None else head.right_edge.i + 1
    clauses = {
        t.i
        for c in head.subtree
        if c.dep_ in ("relcl", "acl", "advcl", "appos") and c.i != head.i
        for t in c.subtree
    }
    words = [
        t
        for t in doc[start:stop]
        if t.dep_ not in ("det", "poss", "case") and t.head.dep_ != "poss" and t.i not in clauses
    ]
    text = " ".join(t.text for t in words if not t.is_punct or t.text == "-").replace(" - ", "-")
    org, direct = _org_of(head)
    return RolePhrase(person, head, text, org, direct)


def _org_of(head: Token) -> tuple[Token | None, bool]:
    """Whom a role noun is of: "Hamas's leader", "leader of Hamas", "head of the group's bureau"."""
    for child in children_of(head):
        if child.dep_ in ("poss", "compound") and child.pos_ in ("PROPN", "NOUN"):
            return child, True
    for prep in children_of(head):
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at"):
            for obj in children_of(prep):
                if obj.dep_ == "pobj":
                    if obj.ent_type_ in ("ORG", "GPE", "NORP"):
                        return obj, True
                    owner = next(
                        (
                            c
                            for c in children_of(obj)
                            if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN")
                        ),
                        None,
                    )
                    return (owner, False) if owner is not None else (obj, False)
    return None, True
