"""Which actor a token belongs to, by the character spans of the actors' mentions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Token

from ..models import Actor, ActorType
from .tokens import children_of

_PLACES = frozenset({ActorType.PLACE, ActorType.STATE})


class ActorIndex:
    """Look up the actor mentioned at a token (innermost mention wins)."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = {a.id: a for a in actors}
        self.types = {a.id: a.type for a in actors}
        # the place the article was filed from, the fallback location of its events
        self.dateline: str | None = next(
            (
                a.id
                for a in actors
                if a.type in (ActorType.PLACE, ActorType.STATE)
                and any(m.kind == "dateline" for m in a.mentions)
            ),
            None,
        )
        spans = [(m.start, m.end, a.id) for a in actors for m in a.mentions if m.kind != "dateline"]
        # shortest first so a name inside a longer mention ("Qatari" in "Qatari and Egyptian
        # officials") finds its own actor
        self._spans = sorted(spans, key=lambda s: (s[0], s[1] - s[0]))
        self._starts = [s[0] for s in self._spans]
        # mentions of places and states, by start: the few a sentence may name as a location
        places = [s for s in self._spans if self.types[s[2]] in _PLACES]
        self._places = sorted(places)
        self._place_starts = [s[0] for s in self._places]
        # no mention starting further back than the longest one can cover a position
        self._longest = max((end - start for start, end, _ in spans), default=0)

    def at(self, token: Token) -> str | None:
        """Id of the actor whose mention covers ``token``, or None."""
        found = self.mention_at(token)
        return found[2] if found else None

    def mention_at(self, token: Token) -> tuple[int, int, str] | None:
        """(start, end, actor id) of the innermost mention covering ``token``, or None."""
        pos = token.idx
        best: tuple[int, int, str] | None = None
        lo = bisect_left(self._starts, pos - self._longest)
        for start, end, actor_id in self._spans[lo : bisect_right(self._starts, pos)]:
            if start <= pos < end and (best is None or end - start < best[1] - best[0]):
                best = (start, end, actor_id)
        return best

    def places_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of the place and state mentions inside ``[start, end)``."""
        lo, hi = bisect_left(self._place_starts, start), bisect_left(self._place_starts, end)
        return [m for m in self._places[lo:hi] if m[1] <= end]

    def type_of(self, actor_id: str) -> ActorType:
        return self.actors[actor_id].type

    def with_conjuncts(self, token: Token) -> list[str]:
        """Actors at ``token`` and at the tokens coordinated with it ("Israel and Hamas")."""
        found = []
        for t in [token, *token.conjuncts]:
            actor_id = self.at(t)
            if actor_id is not None and actor_id not in found:
                found.append(actor_id)
        return found

    def of_phrase(self, head: Token) -> list[str]:
        """Actors of a noun phrase: its head, else its appositions/modifiers; plus conjuncts."""
        found: list[str] = []
        for token in [head, *head.conjuncts]:
            actor = self.at(token) or self.from_modifiers(token)
            if actor is not None and actor not in found:
                found.append(actor)
        return found

    def from_modifiers(self, token: Token) -> str | None:
        for child in children_of(token):
            if child.dep_ in ("appos", "compound", "poss", "amod", "nmod"):
                actor = self.at(child)
                if actor is not None:
                    return actor
        return None
