"""Linking candidate mentions into actors: surnames to full names, anaphors to antecedents."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc

from ...common.textkey import fold
from ...models import ActorType
from .candidates import Candidate, key_of

ANAPHOR_WINDOW_SENTENCES = 3
PRONOUN_WINDOW_SENTENCES = 1


def link(doc: Doc, cands: list[Candidate], sentence_of: list[int]) -> dict[int, str]:
    """Map each candidate (by list position) to a cluster key; unresolved ones are left out."""
    keys: dict[int, str] = {}
    full_names = _full_person_names(cands)
    for i, cand in enumerate(cands):
        if cand.antecedent is not None:
            continue
        keys[i] = _person_key(cand, full_names) or key_of(cand)
    for i, cand in enumerate(cands):
        if cand.antecedent is None:
            continue
        window = PRONOUN_WINDOW_SENTENCES if cand.kind == "pronoun" else ANAPHOR_WINDOW_SENTENCES
        antecedent = _nearest(cands, keys, i, cand.antecedent, sentence_of, window)
        if antecedent is not None:
            keys[i] = antecedent
    return keys


def _full_person_names(cands: list[Candidate]) -> dict[str, list[str]]:
    """Name part (folded) -> keys of multi-word person names containing it, in text order."""
    parts: dict[str, list[str]] = defaultdict(list)
    for cand in cands:
        if cand.type == ActorType.PERSON and cand.antecedent is None and " " in cand.name:
            key = key_of(cand)
            words = fold(cand.name).split()
            for part in {words[0], words[-1]}:
                if key not in parts[part]:
                    parts[part].append(key)
    return parts


def _person_key(cand: Candidate, full_names: dict[str, list[str]]) -> str | None:
    """A one-word name that is part of a full person name refers to that person."""
    if " " in cand.name or cand.type == ActorType.STATE:
        if cand.type == ActorType.PERSON and " " in cand.name:
            return _longer_form(cand, full_names)
        return None
    matches = full_names.get(fold(cand.name), [])
    if len(matches) == 1:
        cand.type, cand.kind, cand.maybe_place = ActorType.PERSON, "surname", False
        return matches[0]
    if cand.maybe_place:  # "Rafah" read as a person by the model, but it is a city
        cand.type, cand.maybe_place = ActorType.PLACE, False
    return None


def _longer_form(cand: Candidate, full_names: dict[str, list[str]]) -> str | None:
    """'Benjamin Netanyahu' and 'Prime Minister Benjamin Netanyahu' share the longest key."""
    words = fold(cand.name).split()
    options = [k for k in full_names.get(words[-1], []) if k.endswith(" ".join(words))]
    return max(options, key=len) if options else None


def _nearest(
    cands: list[Candidate],
    keys: dict[int, str],
    index: int,
    wanted: ActorType,
    sentence_of: list[int],
    window: int,
) -> str | None:
    """Key of the closest earlier mention of the wanted type within ``window`` sentences."""
    here = cands[index]
    for j in range(index - 1, -1, -1):
        other = cands[j]
        if sentence_of[here.start] - sentence_of[other.start] > window:
            return None
        if j in keys and other.type == wanted and other.kind != "demonym":
            return keys[j]
    return None


def canonical_name(cands: list[Candidate]) -> str:
    """Fullest name: a person's longest form, otherwise the most frequent (ties: longest)."""
    named = [c for c in cands if c.kind in ("name", "surname", "demonym", "dateline")] or cands
    if named[0].type == ActorType.PERSON:
        return max((c.name for c in named), key=lambda n: (len(n.split()), len(n), n))
    counts = Counter(c.name for c in named)
    return max(counts, key=lambda n: (counts[n], len(n), n))
