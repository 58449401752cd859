"""Actor names made comparable: one home for how a name is normalised before matching.

ECB+ text is detokenized with spaces ("Hewlett - Packard", "U. N.", "Co ."), corpora keep
quote marks inside names, persons carry titles and middle names, companies carry legal
suffixes. Every rule in ``actor_rules`` compares the keys made here, never raw names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..common.textkey import fold

_QUOTES = re.compile(r"``|''|[\"“”„‘’`]|(?<!\w)'|'(?!\w)")
_HYPHEN = re.compile(r"(?<=\w)\s+-\s+(?=\w)|(?<=\w)\s+-(?=\w)|(?<=\w)-\s+(?=\w)")
_SPACED_INITIALS = re.compile(r"\b([A-Za-z])\.\s+(?=[A-Za-z]\.(?:\s|$|[^\w]))")
_SPACE_BEFORE_STOP = re.compile(r"(?<=\w)\s+\.(?=\s|$)")
_NON_WORD = re.compile(r"[^\w&\-]+")

# Leading words that are titles, not names: "President Joe Biden" ~ "Joe Biden".
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord president vice prime foreign defense "
    "defence interior finance minister secretary general gen col colonel lt capt captain sgt "
    "adm admiral sen senator rep gov governor mayor king queen prince princess sheikh emir "
    "ayatollah pope rev reverend chancellor premier chairman chief judge justice deputy "
    "sheriff constable officer detective inspector ceo".split()
)
# Trailing words that mark a company's legal form: "General Motors Corp." ~ "General Motors".
CORPORATE_SUFFIXES = frozenset(
    "inc incorporated co corp corporation company companies ltd limited llc plc ag sa nv "
    "gmbh lp llp holdings".split()
)
# Words naming a company's trade after its name: "Ford Motor" and "Kraft Foods" are also
# called "Ford" and "Kraft" (see ``short_form``).
INDUSTRY_WORDS = frozenset(
    "motor motors foods food airlines airline airways bank petroleum oil energy electric "
    "electronics computer computers communications entertainment media records studios "
    "pictures pharmaceuticals pharmaceutical steel chemical chemicals technologies "
    "technology systems software networks telecom".split()
)
_TRADE_PLURALS = frozenset(
    w for w in INDUSTRY_WORDS if w.endswith("s") and w[:-1] in INDUSTRY_WORDS
)
# Words that start no initials: "Al Qaeda in the Arabian Peninsula" is AQAP.
NOT_INITIAL = frozenset({"of", "the", "and", "for", "in", "on", "at", "de", "du", "la", "&"})
_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")


def clean_name(name: str) -> str:
    """The name as it should have been written: quote marks gone, 'Hewlett - Packard' ->
    'Hewlett-Packard', 'U. N.' -> 'U.N.', 'Co .' -> 'Co.', spaces collapsed."""
    text = _QUOTES.sub(" ", name)
    text = _HYPHEN.sub("-", text)
    text = _SPACE_BEFORE_STOP.sub(".", text)
    previous = None
    while previous != text:  # "U. S. A." needs two passes
        previous, text = text, _SPACED_INITIALS.sub(r"\1.", text)
    return " ".join(text.split())


def words_of(name: str) -> list[str]:
    """Folded words, dots dropped: 'U.N.' -> ['un'], 'Brian G. Nichols' -> ['brian', 'g',
    'nichols'], 'Hewlett-Packard' -> ['hewlett-packard']."""
    folded = fold(clean_name(name)).replace(".", "")
    return [w.strip("-") for w in _NON_WORD.sub(" ", folded).split() if w.strip("-")]


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts: 'Gen. Brian G. Nichols Jr.' -> brian / g / nichols."""

    first: str
    middle: tuple[str, ...]
    last: str

    @property
    def key(self) -> str:
        """First and last name: middle names and initials do not tell two people apart
        unless both are written (``middles_conflict``)."""
        return f"{self.first} {self.last}" if self.first else self.last

    @property
    def single(self) -> bool:
        return not self.first


def person_name(name: str) -> PersonName | None:
    """The parts of a person's name, titles and 'Jr.' dropped; None when nothing is left.
    Initials stay apart: 'George H. W. Bush' has two middle initials."""
    spaced = _NON_WORD.sub(" ", fold(clean_name(name)).replace(".", " "))
    parts = [w.strip("-") for w in spaced.split() if w.strip("-")]
    while len(parts) > 1 and parts[0] in TITLES:
        parts = parts[1:]
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts = parts[:-1]
    if not parts:
        return None
    if len(parts) == 1:
        return PersonName("", (), parts[0])
    return PersonName(parts[0], tuple(parts[1:-1]), parts[-1])


def middles_conflict(a: PersonName, b: PersonName) -> bool:
    """'George W. Bush' and 'George H. W. Bush' are two people; 'Brian G. Nichols' and
    'Brian Gene Nichols' may be one (same initials), 'Brian Nichols' is either."""
    if not a.middle or not b.middle:
        return False
    return [m[0] for m in a.middle] != [m[0] for m in b.middle] or any(
        len(x) > 1 and len(y) > 1 and x != y for x, y in zip(a.middle, b.middle, strict=True)
    )


def org_key(name: str) -> str:
    """An organisation's or place's name without legal suffixes: 'General Motors Corp.',
    'General Motors Corporation' and '``General Motors``' -> 'general motors'."""
    parts = " ".join(words_of(name)).replace("-", " ").split()  # 'T-Mobile' ~ 'T Mobile'
    while len(parts) > 1 and parts[-1] in CORPORATE_SUFFIXES:
        parts = parts[:-1]
    if len(parts) > 1 and parts[-1] in _TRADE_PLURALS:  # 'Ford Motors' ~ 'Ford Motor'
        parts[-1] = parts[-1][:-1]
    return " ".join(parts)


def short_form(key: str) -> str | None:
    """'ford motor' -> 'ford': a company called by its name without its trade words."""
    first, *rest = key.split() or [""]
    if rest and all(w in INDUSTRY_WORDS for w in rest) and first not in _NOT_SHORT:
        return first
    return None


# First words too common to name a company alone: "General Motors" is never "General".
_NOT_SHORT = INDUSTRY_WORDS | frozenset(
    "general united national american international first royal new great global "
    "standard central federal".split()
)


def is_acronym(name: str) -> bool:
    """'UN', 'U.N.', 'U. N.', 'AQAP': 2 to 6 capitals and nothing else."""
    compact = clean_name(name).replace(".", "").replace(" ", "")
    return compact.isalpha() and compact.isupper() and 2 <= len(compact) <= 6


def acronym_of(name: str) -> str | None:
    """The acronym a name is written as ('U.N.' -> 'UN'), else None."""
    return clean_name(name).replace(".", "").replace(" ", "").upper() if is_acronym(name) else None


def initials(name: str) -> str | None:
    """'Al Qaeda in the Arabian Peninsula' -> 'AQAP'; one-word names have none. Initials
    never merge two actors by themselves (see ``actor_rules``): the QA report uses them to
    find pairs to show."""
    words = clean_name(name).replace("-", " ").split()
    while len(words) > 1 and words[-1].lower().strip(".") in CORPORATE_SUFFIXES:
        words = words[:-1]
    words = [w for w in words if w.lower() not in NOT_INITIAL]
    words = [w for w in words if w[:1].isalpha()]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else None


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can be an abbreviation of ``long`` (Schwartz & Hearst 2003): its first
    letter starts a word of ``long`` and its letters appear in ``long`` in order."""
    letters = [c.lower() for c in short if c.isalnum()]
    text = " " + " ".join(words_of(long)).replace("-", " ")
    if not letters or f" {letters[0]}" not in text:
        return False
    at = text.index(f" {letters[0]}") + 1
    for c in letters[1:]:
        at = text.find(c, at + 1)
        if at < 0:
            return False
    return True


_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z.&\-]{0,9}[A-Z.])\s*\)")


def defined_acronyms(text: str, names: list[str]) -> dict[str, str]:
    """Acronyms the text defines for one of ``names``: 'General Motors Corp. (GM)' -> {'GM':
    'General Motors Corp.'}: the name written just before the brackets."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        acronym = acronym_of(match.group(1))
        if acronym is None:
            continue
        before = clean_name(text[max(0, match.start() - 120) : match.start()])
        for name in sorted(names, key=len, reverse=True):
            if before.endswith(clean_name(name)) and abbreviates(acronym, name):
                found.setdefault(acronym, name)
                break
    return found


@lru_cache(maxsize=1)
def listed_aliases() -> dict[str, str]:
    """``org_key`` of a listed alias -> ``org_key`` of the full name (data/actor_aliases.tsv):
    acronyms so widely used that articles no longer define them."""
    table = resources.files("timelinegraph.data").joinpath("actor_aliases.tsv")
    aliases: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *others = line.split("\t")
        for alias in ",".join(others).split(","):
            if alias.strip():
                aliases[org_key(alias)] = org_key(name)
    return aliases
