"""Every rule that merges two actors or keeps them apart, each with its reasons in words.

The resolver (``actors.py``) and the QA report (``export/report_checks.py``) both ask this
module: the resolver through the match keys of ``ActorRules.keys`` (so it never compares all
pairs), the report through ``why_together`` / ``why_apart`` on two nodes. The rules:

- **same-state**: a state is its country code ("U.S." = "United States"), in any article.
- **same-name / alias**: organisations, places and named groups with one name once
  normalised (``names.org_key``: legal suffixes, quote marks, spacing), in any article and
  story: a named organisation or place is one body wherever it is named.
- **acronym**: an acronym joins a name only when an article defines it ("General Motors
  (GM)") or ``data/actor_aliases.tsv`` lists it; never because initials happen to match.
- **short-form**: "Ford" joins "Ford Motor Company" (a name without its trade words) when one
  company of the story is called so.
- **same-name (persons)**: one first and last name (titles, middle names, initials dropped)
  within one story; middle names that differ keep two people apart ("George W." / "George
  H. W."), and a name without middle joins only when one middle form exists.
- **same-person-across-stories**: the same person name in two stories joins only with other
  evidence: a shared role ("President") or another named person or organisation both
  stories mention. A common name ("Matt Smith") in two unrelated stories is two people.
- **surname**: a bare surname joins the one full name that carries it in its story, and so
  does a one-word place no large city is called ("Obama" read as a place); **first-names**:
  "Warren Steed" and "Warren S." join the one full name they begin in their story;
  **mononym**: a one-word name no full name carries joins the same word in its story.
- Generic group nominals ("analysts", "officials", "governments") never merge across
  articles: each stays an actor of its own article. Only the unnamed bodies of ``BODIES``
  ("police", "the military") join across the articles of one story (**same-body**).

Stories: ``stories`` maps article id -> story id; an article it does not list is a story of
its own; ``None`` puts every article in one story (a build without story grouping).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import product

from ..common.textkey import fold
from ..extract.gazetteer import city_population
from ..models import Actor, ActorType, ResolvedActor
from .names import (
    PersonName,
    acronym_of,
    clean_name,
    listed_aliases,
    middles_conflict,
    org_key,
    person_name,
    short_form,
)

ONE_STORY = ""  # the story of every article when no stories are given
# Unnamed bodies that are one body within a story: the police of one happening is one
# force. Other generic nominals ("analysts", "officials", "families") are different people
# in each article and never merge across articles.
BODIES = frozenset({"police", "authorities", "military", "army", "navy"})
# A one-word "place" this big is a real place, never a surname read wrong ("Washington").
SURNAME_PLACE_MAX_POPULATION = 100_000
Reason = tuple[str, str]  # (rule, evidence in words)


def story_of(article_id: str, stories: Mapping[str, str] | None) -> str:
    """The story an article belongs to (see the module's docstring)."""
    if stories is None:
        return ONE_STORY
    return stories.get(article_id, f"article:{article_id}")


@dataclass(frozen=True)
class ActorFacts:
    """What the rules read of an actor: an article's actor or a node of the graph."""

    ref: str  # 'article#a1' or the node id
    name: str
    type: ActorType
    names: tuple[str, ...]  # the name and its aliases
    country: str | None = None
    roles: frozenset[str] = frozenset()
    stories: frozenset[str] = frozenset({ONE_STORY})
    population: int = 0  # of the largest city called by the name (one-word places)

    @cached_property
    def person(self) -> PersonName | None:
        return person_name(self.name) if self.type == ActorType.PERSON else None

    @property
    def generic(self) -> bool:
        """An unnamed group ('analysts', 'aid groups'): its name has no capital letter."""
        return self.type == ActorType.GROUP and not any(c.isupper() for c in self.name)

    @property
    def surname_place(self) -> bool:
        """A one-word place no large city is called: maybe a surname read as a place."""
        return (
            self.type == ActorType.PLACE
            and len(org_key(self.name).split()) == 1
            and self.population < SURNAME_PLACE_MAX_POPULATION
        )


def local_facts(actor: Actor, article_id: str, story: str) -> ActorFacts:
    return _facts(f"{article_id}#{actor.id}", actor, _one_story(story))


# Memory: a build keeps the facts of every actor of every article (``resolve.parts``), and an
# empty frozenset is 216 bytes. Most have no role, and most stories hold many actors.
_NO_ROLES: frozenset[str] = frozenset()
_NO_STORIES_SET = frozenset({ONE_STORY})


def _one_story(story: str) -> frozenset[str]:
    """``frozenset({story})``, the same object for the story every article has when none are
    given (what a build's per-article keys hold before the stories are known)."""
    return _NO_STORIES_SET if story == ONE_STORY else frozenset({story})


def node_facts(actor: ResolvedActor, stories: Mapping[str, str] | None = None) -> ActorFacts:
    found = frozenset(story_of(s.provenance.article_id, stories) for s in actor.sources)
    return _facts(actor.id, actor, found or _NO_STORIES_SET)


def _facts(ref: str, actor: Actor | ResolvedActor, stories: frozenset[str]) -> ActorFacts:
    one_word = actor.type == ActorType.PLACE and len(actor.name.split()) == 1
    return ActorFacts(
        ref=ref,
        name=actor.name,
        type=actor.type,
        names=(actor.name, *actor.aliases),
        country=actor.country,
        roles=frozenset(fold(r) for r in actor.roles) if actor.roles else _NO_ROLES,
        stories=stories,
        population=city_population(actor.name) if one_word else 0,
    )


@dataclass
class ActorRules:
    """The rules over one corpus: what makes two actors one depends on the others (a surname
    is unique or not in its story, an acronym is defined in some article or not)."""

    facts: list[ActorFacts]
    definitions: Mapping[str, str] = field(default_factory=dict)  # acronym -> its long name

    def __post_init__(self) -> None:
        self._definitions = {acr: org_key(name) for acr, name in self.definitions.items()}
        self._middles: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
        self._families: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._starts: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._shorts: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._full_names: dict[str, set[str]] = defaultdict(set)  # surname -> full names
        self.co_actors: dict[str, set[str]] = defaultdict(set)  # story -> named actor keys
        for f in self.facts:
            for story in f.stories:
                self._index(f, story)
        self._index_people()

    def _index(self, f: ActorFacts, story: str) -> None:
        p = f.person
        if p is not None and not p.single:
            self._middles[(story, p.key)].add(_initials(p))
            self.co_actors[story].add(f"PERSON:{p.key}")
        elif f.type != ActorType.PERSON and not f.generic and f.type != ActorType.STATE:
            key = org_key(f.name)
            self.co_actors[story].add(f"NAME:{key}")
            short = short_form(key)
            if short and f.type == ActorType.ORGANIZATION:
                self._shorts[(story, short)].add(key)

    def _index_people(self) -> None:
        """Surnames and name starts of the full names of each story (after all middles are
        known, so a name's id is final)."""
        for f in self.facts:
            p = f.person
            if p is None or p.single:
                continue
            for story in f.stories:
                pid = self.person_id(p, story)
                if len(p.last) > 1:
                    self._families[(story, p.last)].add(pid)
                    self._full_names[p.last].add(f.name)
                for start in _starts(p):
                    self._starts[(story, start)].add(pid)

    # ------------------------------------------------------------------ keys

    def person_id(self, p: PersonName, story: str) -> str:
        """First and last name, and the middle initials when the story needs them to tell
        two people apart: a name without middle takes the story's one middle form."""
        middles = self._middles.get((story, p.key), set())
        sig = _initials(p)
        if not sig:
            named = middles - {()}
            sig = next(iter(named)) if len(named) == 1 else ()
        return f"{p.key}|{' '.join(sig)}"

    def keys(self, f: ActorFacts) -> list[tuple[str, str]]:
        """(key, rule): two actors sharing a key are one by that rule."""
        if f.type == ActorType.STATE and f.country:
            return [(f"STATE:{f.country}", "same-state")]
        if f.generic:  # stays in its article, unless it is a story's police or army
            body = f.name.split()[-1] in BODIES
            return [(f"BODY:{story}:{f.name}", "same-body") for story in sorted(f.stories) if body]
        if f.type == ActorType.PERSON:
            return self._person_keys(f)
        found = []
        for n in f.names:
            key = org_key(n)
            if not key:
                continue
            found.append((f"NAME:{key}", "same-name" if n == f.name else "alias"))
            acronym = acronym_of(n)
            if acronym in self._definitions:
                found.append((f"NAME:{self._definitions[acronym]}", "acronym"))
            if key in listed_aliases():
                rule = "acronym" if acronym else "listed-alias"
                found.append((f"NAME:{listed_aliases()[key]}", rule))
        key = org_key(f.name)
        for story in sorted(f.stories):
            if f.type == ActorType.ORGANIZATION and len(key.split()) == 1:
                found.append((f"SHORT:{story}:{key}", "short-form"))
            short = short_form(key)
            if short and len(self._shorts.get((story, short), ())) == 1:
                found.append((f"SHORT:{story}:{short}", "short-form"))
            if f.surname_place:
                found += self._surname_keys(key, story)
        return list(dict(reversed(found)).items())[::-1]  # a key once, by its first rule

    def _person_keys(self, f: ActorFacts) -> list[tuple[str, str]]:
        p = f.person
        if p is None:
            return []
        found = []
        for story in sorted(f.stories):
            if p.single:
                found += self._surname_keys(p.last, story) or [
                    (f"MONONYM:{story}:{p.last}", "mononym")
                ]
                continue
            pid = self.person_id(p, story)
            found.append((f"PERSON:{story}:{pid}", "same-name"))
            if self._families.get((story, p.last)) == {pid}:
                found.append((f"FAMILY:{story}:{p.last}", "surname"))
            for start in _starts(p):
                if self._starts.get((story, start)) == {pid}:
                    found.append((f"START:{story}:{start}", "first-names"))
            found += self._start_keys(p, story, pid)
        return found

    def _surname_keys(self, word: str, story: str) -> list[tuple[str, str]]:
        """A bare surname's key: only when exactly one person of the story carries it."""
        if len(self._families.get((story, word), ())) == 1:
            return [(f"FAMILY:{story}:{word}", "surname")]
        return []

    def _start_keys(self, p: PersonName, story: str, pid: str) -> list[tuple[str, str]]:
        """'Warren Steed' / 'Warren S.': a first and a middle name with no surname, when no
        other person of the story has that second word as surname."""
        if p.middle:
            return []
        start = f"{p.first} {p.last}" if len(p.last) > 1 else f"{p.first} {p.last}."
        others = self._families.get((story, p.last), set()) - {pid}
        if len(self._starts.get((story, start), ())) == 1 and not others:
            return [(f"START:{story}:{start}", "first-names")]
        return []

    # ------------------------------------------------------------------ pairs

    def why_together(self, a: ActorFacts, b: ActorFacts) -> list[Reason]:
        """The rules that make ``a`` and ``b`` one actor, each with its evidence; [] if none."""
        mine = dict(self.keys(a))
        reasons = []
        for key, rule in self.keys(b):
            if key in mine:
                rule = stronger(rule, mine[key])
                reasons.append((rule, self.evidence(key, rule, a, b)))
        across = self.across_stories(a, b)
        if across:
            reasons.append(("same-person-across-stories", across))
        return sorted(set(reasons))

    def hard_apart(self, a: ActorFacts, b: ActorFacts) -> list[str]:
        """Reasons no evidence overrides: a person and a non-person (bar a surname read as a
        place), two countries."""
        if (a.type == ActorType.PERSON) != (b.type == ActorType.PERSON):
            if not self.why_together(a, b):
                return [
                    f"types differ ({a.type.value} / {b.type.value}): a person joins a "
                    "non-person only as a one-word place that is the surname of exactly one "
                    "person of its story"
                ]
        elif a.type == b.type == ActorType.STATE and a.country and b.country != a.country:
            return [f"different states ({a.country} / {b.country})"]
        return []

    def why_apart(self, a: ActorFacts, b: ActorFacts) -> list[str]:
        """Why no rule makes ``a`` and ``b`` one actor, in words; [] when a rule does."""
        if self.why_together(a, b):
            return []
        reasons = self.hard_apart(a, b)
        states = [f for f in (a, b) if f.type == ActorType.STATE and f.country]
        if len(states) == 1:
            other = b if states[0] is a else a
            reasons.append(
                f"a state joins by its country code only: '{other.name}' "
                f"({other.type.value}) has none"
            )
        if a.generic or b.generic:
            reasons.append(
                "a generic group nominal stays an actor of its own article (only a story's "
                f"{', '.join(sorted(BODIES))} join across its articles)"
            )
        pa, pb = a.person, b.person
        if pa is not None and pb is not None:
            reasons += self._persons_apart(a, b, pa, pb)
        elif pa is None and pb is None and not (a.generic or b.generic):
            reasons += self._names_apart(a, b)
        return reasons or ["their names differ and no rule joins them"]

    def ambiguous_surname(self, a: ActorFacts, b: ActorFacts) -> int:
        """How many people of a shared story carry the bare surname one of them is (0: none
        is a bare surname of the other)."""
        pa, pb = a.person, b.person
        if pa is None or pb is None:
            return 0
        short, long = sorted((pa, pb), key=lambda p: not p.single)
        if not short.single or long.single or short.last != long.last:
            return 0
        shared = a.stories & b.stories
        return max((len(self._families.get((s, short.last), ())) for s in shared), default=0)

    def _persons_apart(
        self, a: ActorFacts, b: ActorFacts, pa: PersonName, pb: PersonName
    ) -> list[str]:
        reasons = []
        if pa.key == pb.key and _two_middles(pa, pb):
            reasons.append(f"middle names differ ('{a.name}' / '{b.name}')")
        if pa.key == pb.key and not a.stories & b.stories:
            reasons.append(
                "the same name in unrelated stories, with no shared role nor another actor "
                "both stories name"
            )
        carriers = self.ambiguous_surname(a, b)
        if carriers >= 2:
            shown = sorted(self._full_names[(pa if pa.single else pb).last])
            listed = ", ".join(f"'{n}'" for n in shown[:3]) + (
                f" and {len(shown) - 3} more" if len(shown) > 3 else ""
            )
            reasons.append(
                f"{carriers} full names end in '{(a if pa.single else b).name}' ({listed}): a "
                "bare surname joins a full name only when one person of its story carries it"
            )
        elif (pa.single != pb.single) and not a.stories & b.stories:
            reasons.append("a bare surname joins a full name only in its own story")
        elif not pa.single and not pb.single and pa.key != pb.key and _within(pa, pb):
            reasons.append(f"'{a.name}' / '{b.name}': only the same first and last name join")
        return reasons

    def _names_apart(self, a: ActorFacts, b: ActorFacts) -> list[str]:
        for short, long in ((a, b), (b, a)):
            acronym = acronym_of(short.name)
            if acronym and acronym_of(long.name) is None:
                return [
                    f"'{acronym}' is not defined as the acronym of '{long.name}' in any article, "
                    "nor a listed alias: matching initials alone never merge"
                ]
        return []

    def across_stories(self, a: ActorFacts, b: ActorFacts) -> str:
        """The evidence that one person name in two stories is one person, or ''."""
        pa, pb = a.person, b.person
        if pa is None or pb is None or pa.key != pb.key or a.stories & b.stories:
            return ""
        if _two_middles(pa, pb):
            return ""
        roles = sorted(a.roles & b.roles)
        if roles:
            return f"'{a.name}' and '{b.name}' share the role '{roles[0]}'"
        own = f"PERSON:{pa.key}"
        shared = sorted(
            ({k for s in a.stories for k in self.co_actors.get(s, ())} - {own})
            & {k for s in b.stories for k in self.co_actors.get(s, ())}
        )
        if shared:
            return f"both stories also name '{shared[0].split(':', 1)[1]}'"
        return ""

    def evidence(self, key: str, rule: str, a: ActorFacts, b: ActorFacts) -> str:
        """The words for a merge made because ``a`` and ``b`` share ``key`` by ``rule``."""
        value = key.rsplit(":", 1)[-1]
        one, two = clean_name(a.name), clean_name(b.name)
        if rule == "same-state":
            return f"'{one}' and '{two}' both name the state {value}"
        if rule == "same-name":
            if fold(one) == fold(two):
                return f"same name '{two}'"
            return f"'{one}' and '{two}' are one name once normalised ('{value.split('|')[0]}')"
        if rule == "alias":
            return f"'{one}' and '{two}' share the name or alias '{value}'"
        if rule == "listed-alias":
            return f"'{one}' and '{two}' are listed aliases of '{value}'"
        if rule == "acronym":
            short = next((acronym_of(n) for n in (one, two) if acronym_of(n)), value)
            how = "an article defines it" if short in self._definitions else "a listed alias"
            return f"'{one}' and '{two}': {short} is the acronym of '{value}' ({how})"
        if rule == "short-form":
            return f"'{value}' is the short form of one company in the story ('{one}' / '{two}')"
        if rule == "surname":
            return f"'{value}' is the surname of exactly one person in the story: '{one}' / '{two}'"
        if rule == "first-names":
            return f"'{one}' and '{two}': one full name of the story begins with '{value}'"
        if rule == "same-body":
            return f"'{value}' of one story are one body"
        if rule == "mononym":
            return f"same one-word name '{two}', and no full name in the story ends with it"
        return f"'{one}' and '{two}' share '{value}'"


_RANK = ("same-state", "same-name", "alias", "listed-alias", "acronym", "short-form")


def stronger(one: str, two: str) -> str:
    """Of the rules by which two actors share a key, the one that says most."""
    ranked = [r for r in (one, two) if r in _RANK]
    if len(ranked) < 2:
        return one
    return max(ranked, key=_RANK.index)


def _within(a: PersonName, b: PersonName) -> bool:
    """One name's first and last name are words of the other ('Eric Kirkpatrick')."""
    words_a, words_b = {a.first, *a.middle, a.last}, {b.first, *b.middle, b.last}
    return {a.first, a.last} <= words_b or {b.first, b.last} <= words_a


def _two_middles(a: PersonName, b: PersonName) -> bool:
    """Both names write a middle name, and not the same one."""
    return middles_conflict(a, b) or (
        bool(_initials(a) and _initials(b)) and (_initials(a) != _initials(b))
    )


def _initials(p: PersonName) -> tuple[str, ...]:
    return tuple(m[0] for m in p.middle)


def _starts(p: PersonName) -> list[str]:
    """'warren steed jeffs' begins 'warren steed' and 'warren s.'."""
    if p.single or not p.middle:
        return []
    return [f"{p.first} {p.middle[0]}", f"{p.first} {p.middle[0][0]}."]


def pairs_by_key(rules: ActorRules) -> Iterable[tuple[ActorFacts, ActorFacts]]:
    """Every two actors sharing a key (for tests: the pairs the resolver may join)."""
    index: dict[str, list[ActorFacts]] = defaultdict(list)
    for f in rules.facts:
        for key, _ in rules.keys(f):
            index[key].append(f)
    for members in index.values():
        yield from ((x, y) for x, y in product(members, members) if x.ref < y.ref)
