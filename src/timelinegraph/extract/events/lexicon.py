"""Typing of triggers (event type and mode) from lemma, particle and syntactic context.

The lexicon itself is data (``timelinegraph/data/event_lexicon.tsv``, the word-to-type rules
of the codebook ``docs/event-types.md``); this module reads it and tries its rows, the
context cues of which ``cues.py`` matches against the parse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ...models import EventType
from .cues import Site, check_cue, cue_holds, is_negated, slot_tokens

__all__ = ["EVENT_NOUNS", "NON_EVENT_NOUNS", "Typing", "is_negated", "load_lexicon", "type_trigger"]

# Nouns the suffix rules (-tion, -ment, ...) would wrongly take for events.
NON_EVENT_NOUNS = frozenset(
    {
        "nation", "station", "government", "department", "position", "information",
        "population", "organization", "organisation", "administration", "question", "section",
        "portion", "edition", "ration", "option", "emotion", "condition", "function",
        "tradition", "generation", "apartment", "equipment", "document", "instrument",
        "environment", "parliament", "management", "movement", "element", "requirement",
        "evidence", "presence", "existence", "difference", "influence", "reference",
        "licence", "license", "intelligence", "science", "audience", "distance",
        "balance", "finance", "alliance", "independence", "structure", "future", "nature",
        "culture", "feature", "figure", "picture", "temperature", "literature", "measure",
        "procedure", "signature", "legislature", "infrastructure", "capital",
        "rival", "festival", "interval", "portal", "material", "potential",
        "location", "institution", "constitution", "jurisdiction", "relation", "nutrition",
        "foundation", "federation", "corporation", "association", "coalition", "faction",
        "delegation", "commission", "mission", "division", "television", "version", "vision",
        "dimension", "tension", "tensions", "pension", "provision", "session", "possession",
        "passion", "fraction", "direction", "ambition", "petition", "addition",
        "building", "crossing", "housing", "clothing", "funding", "evening", "morning",
        "thing", "something", "anything", "nothing", "everything", "ceiling", "king",
        "string", "spring", "wing", "ring", "setting", "heading", "meaning", "feeling",
        "beginning", "ending", "spending", "earnings", "savings", "surroundings",
        "belongings", "findings", "holdings", "proceedings", "deprivation", "malnutrition",
        "dehydration", "desperation", "lawlessness", "experience", "priority", "figures",
        "statute", "application", "procurement", "entertainment", "amendment",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    cues: tuple[tuple[str, frozenset[str]], ...]
    type: EventType
    mode: str | None = None


@lru_cache(maxsize=1)
def load_lexicon() -> dict[tuple[str, str], list[Entry]]:
    """The lexicon by (lemma, pos); within a key, cued entries first, in file order."""
    text = resources.files("timelinegraph.data").joinpath("event_lexicon.tsv").read_text("utf-8")
    table: dict[tuple[str, str], list[Entry]] = {}
    lists: dict[str, frozenset[str]] = {}  # "$NAME" in a cue: a word list defined once
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            if line.startswith("$"):
                name, _, words = line.partition("\t")
                lists[name] = _values(words, lists)
                continue
            entry = _entry(line, lists)
        except (ValueError, KeyError) as exc:
            raise ValueError(f"event_lexicon.tsv line {number}: {exc!r}") from None
        table.setdefault((entry.lemma, entry.pos), []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: not e.cues)  # stable: the file's order among cued rows
    return table


def _entry(line: str, lists: dict[str, frozenset[str]]) -> Entry:
    lemma, pos, cue, type_, mode = ([*line.split("\t"), "", "", "", "", ""])[:5]
    cues = tuple(_parse_cue(part, lists) for part in cue.split("+") if part.strip())
    mode = mode.strip()
    if mode.startswith("@"):
        check_cue(mode[1:])  # "@subj": the mode of the event noun in that slot
    return Entry(lemma.strip().lower(), pos.strip(), cues, EventType(type_.strip()), mode or None)


def _parse_cue(part: str, lists: dict[str, frozenset[str]]) -> tuple[str, frozenset[str]]:
    key, _, values = part.strip().partition(":")
    check_cue(key)
    return key, _values(values, lists)


def _values(text: str, lists: dict[str, frozenset[str]]) -> frozenset[str]:
    """'a|b|$LIST': the words given, a defined list's words in place of its name ('$' alone
    is the word "$")."""
    found: set[str] = set()
    for value in text.strip().split("|"):
        if value.startswith("$") and len(value) > 1:
            found |= lists[value]
        elif value:
            found.add(value)
    return frozenset(found)


def event_nouns() -> frozenset[str]:
    return frozenset(lemma for lemma, pos in load_lexicon() if pos == "N")


EVENT_NOUNS = event_nouns()


@dataclass(frozen=True)
class Typing:
    type: EventType
    in_lexicon: bool  # the lemma was found at all
    cued: bool  # a context cue matched
    consumes_negation: bool  # the type already expresses the negation ("won't accept")
    mode: str | None = None  # PLOVER mode or general-news sub-type


UNTYPED = Typing(EventType.OTHER, False, False, False)


def type_trigger(
    head: Token,
    lemma: str,
    kind: str,
    particle: Token | None,
    actor_type: Callable[[Token], str | None] | None = None,
) -> Typing:
    """Type and mode of a trigger; OTHER when no lexicon entry applies. ``actor_type`` gives
    the actor type found at a token, for the ``-type`` cues."""
    table = load_lexicon()
    pos = "V" if kind == "verb" else "N"
    base = lemma.split(" ")[0] if kind == "verb" else lemma
    entries = table.get((base, pos)) or table.get((base.replace("-", ""), pos)) or []
    site = Site(head, kind, particle, actor_type or _no_actor, noun_event_type)
    for entry in entries:
        if all(cue_holds(key, values, site) for key, values in entry.cues):
            negation = any(key == "neg" for key, _ in entry.cues)
            mode = entry.mode
            if mode is not None and mode.startswith("@"):
                mode = _slot_mode(mode[1:], site, entry.type)
            return Typing(entry.type, True, bool(entry.cues), negation, mode)
    return Typing(EventType.OTHER, bool(entries), False, False)


def _plain_entry(lemma: str) -> Entry | None:
    """An event noun's row without cues: what the noun means when nothing else is known."""
    entries = load_lexicon().get((lemma, "N"))
    return entries[-1] if entries and not entries[-1].cues else None


def noun_event_type(lemma: str) -> str | None:
    """The type of an event noun when nothing about its context is known."""
    entry = _plain_entry(lemma)
    return entry.type.value if entry is not None else None


def _slot_mode(slot: str, site: Site, kind: EventType) -> str | None:
    """The mode of the first event noun of type ``kind`` in ``slot``: "the quake struck" ->
    earthquake."""
    for token in slot_tokens(slot, site):
        entry = _plain_entry(token.lemma_.lower())
        if entry is not None and entry.type == kind and entry.mode is not None:
            return entry.mode
    return None


def _no_actor(_token: Token) -> str | None:
    return None
