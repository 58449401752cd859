"""PLOVER typing of triggers from lemma, particle and syntactic context.

The lexicon itself is data (``timelinegraph/data/plover_lexicon.tsv``); this module only
reads it and matches its cues against the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ...models import EventType
from ..tokens import children_of

NEG_WORDS = frozenset({"not", "n't", "never", "no"})

# Nouns the suffix rules (-tion, -ment, ...) would wrongly take for events.
NON_EVENT_NOUNS = frozenset(
    {
        "nation", "station", "government", "department", "position", "information",
        "population", "organization", "organisation", "administration", "question", "section",
        "portion", "edition", "ration", "option", "emotion", "condition", "function",
        "tradition", "generation", "apartment", "equipment", "document", "instrument",
        "environment", "parliament", "management", "movement", "element", "requirement",
        "evidence", "presence", "existence", "difference", "influence", "reference",
        "sentence", "licence", "license", "intelligence", "science", "audience", "distance",
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
        "beginning", "ending", "ruling", "spending", "earnings", "savings", "surroundings",
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
    """The lexicon by (lemma, pos); within a key, cued entries come first."""
    text = resources.files("timelinegraph.data").joinpath("plover_lexicon.tsv").read_text("utf-8")
    table: dict[tuple[str, str], list[Entry]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, cue, type_, mode = ([*line.split("\t"), "", "", "", "", ""])[:5]
        cues = tuple(_parse_cue(part) for part in cue.split("+") if part.strip())
        entry = Entry(
            lemma.strip().lower(), pos.strip(), cues, EventType(type_.strip()), mode.strip() or None
        )
        table.setdefault((entry.lemma, entry.pos), []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: -len(e.cues))
    return table


def _parse_cue(part: str) -> tuple[str, frozenset[str]]:
    key, _, values = part.strip().partition(":")
    return key, frozenset(v for v in values.split("|") if v)


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


def is_negated(token: Token) -> bool:
    if any(
        c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ == "det") for c in children_of(token)
    ):
        return True
    return any(c.lower_ == "never" for c in children_of(token) if c.dep_ == "advmod")


def type_trigger(head: Token, lemma: str, kind: str, particle: Token | None) -> Typing:
    """PLOVER type of a trigger; OTHER when no lexicon entry applies."""
    table = load_lexicon()
    pos = "V" if kind == "verb" else "N"
    base = lemma.split(" ")[0] if kind == "verb" else lemma
    entries = table.get((base, pos)) or table.get((base.replace("-", ""), pos)) or []
    for entry in entries:
        if all(_cue_holds(key, values, head, particle) for key, values in entry.cues):
            negation = any(key == "neg" for key, _ in entry.cues)
            return Typing(entry.type, True, bool(entry.cues), negation, entry.mode)
    return Typing(EventType.OTHER, bool(entries), False, False)


def _cue_holds(key: str, values: frozenset[str], head: Token, particle: Token | None) -> bool:
    children = list(children_of(head))
    if key == "neg":
        return is_negated(head) or _governor_negated(head)
    if key == "prt":
        return particle is not None and particle.lower_ in values
    if key == "prep":
        return any(c.dep_ in ("prep", "agent") and c.lower_ in values for c in children)
    if key == "pobj":
        preps = [c for c in children if c.dep_ in ("prep", "agent", "prt", "advmod")]
        preps += [g for p in preps for g in children_of(p) if g.dep_ == "prep"]
        objects = [o for p in preps for o in children_of(p) if o.dep_ == "pobj"]
        return any(o.lemma_.lower() in values for o in objects)
    if key == "dobj":
        return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in values for c in children)
    if key == "oprd":
        return any(c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in values for c in children)
    if key == "mod":
        return any(
            c.dep_ in ("amod", "compound", "nmod", "poss") and c.lemma_.lower() in values
            for c in children
        )
    return False


def _governor_negated(token: Token) -> bool:
    """'doesn't want to allow': negation of a control verb reaches its complement."""
    return token.dep_ == "xcomp" and is_negated(token.head)
