"""One node per real actor across articles, by the rules of ``actor_rules`` (one home).

Each article's actors are matched by key (``ActorRules.keys``: never all pairs, so it stays
linear in the corpus), then persons of one name in different stories are joined where other
evidence says they are one (``_link_across_stories``). Every merge is recorded with its rule
and evidence; every mention of every merged actor stays in the node's sources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Actor, ActorType, ArticleExtraction, MergeStep, ResolvedActor, Source
from .actor_rules import ActorFacts, ActorRules, local_facts, story_of, stronger
from .ids import slug, unique_ids
from .names import clean_name, defined_acronyms, is_acronym, org_key
from .unionfind import UnionFind

LocalKey = tuple[str, str]  # (article id, article-local actor id)
Link = tuple[LocalKey, LocalKey, str, str]  # (mention, matched with, rule, evidence)

__all__ = [
    "ActorLinks",
    "acronym_definitions",
    "article_acronyms",
    "combine_acronyms",
    "link_actors",
    "merge_actor",
    "resolve_actors",
]


def resolve_actors(
    extractions: list[ArticleExtraction], *, stories: Mapping[str, str] | None = None
) -> tuple[list[ResolvedActor], dict[LocalKey, str]]:
    """Global actors (sorted by id) and the map from every local actor to its global id.
    ``stories`` maps article id -> story id (``actor_rules.story_of``): persons merge by
    name within a story, across stories only with other evidence; None is one story."""
    local: dict[LocalKey, Actor] = {(x.article.id, a.id): a for x in extractions for a in x.actors}
    facts = {lk: local_facts(actor, lk[0], story_of(lk[0], stories)) for lk, actor in local.items()}
    linked = link_actors(facts, acronym_definitions(extractions))
    members: dict[str, list[Actor]] = defaultdict(list)
    for lk, actor in local.items():
        members[linked.ids[lk]].append(actor)
    resolved = [merge_actor(i, members[i], linked.steps.get(i, [])) for i in sorted(members)]
    return resolved, linked.ids


@dataclass
class ActorLinks:
    """Which global actor each local actor is (``ids``) and the merge steps of each global
    actor: all the merge decides, from ``ActorFacts`` alone (no mention texts)."""

    ids: dict[LocalKey, str]
    steps: dict[str, list[MergeStep]]


def link_actors(facts: Mapping[LocalKey, ActorFacts], definitions: Mapping[str, str]) -> ActorLinks:
    """The actor merge over every local actor's facts (``local_facts``) and the corpus's
    acronym definitions (``acronym_definitions``)."""
    rules = ActorRules(list(facts.values()), definitions)
    uf: UnionFind[LocalKey] = UnionFind(facts)
    links = _link_by_key(rules, dict(facts), uf) + _link_across_stories(rules, dict(facts), uf)
    groups = uf.groups()
    ids = unique_ids([(repr(g[0]), _wanted_id([facts[k] for k in g])) for g in groups])
    group_links: dict[LocalKey, list[Link]] = defaultdict(list)
    for link in links:
        group_links[uf.find(link[0])].append(link)
    mapping: dict[LocalKey, str] = {}
    steps: dict[str, list[MergeStep]] = {}
    for group in groups:
        actor_id = ids[repr(group[0])]
        mapping.update({k: actor_id for k in group})
        found = group_links.get(uf.find(group[0]))
        if found:
            steps[actor_id] = [_step(link) for link in sorted(found)]
    return ActorLinks(mapping, steps)


def _link_by_key(
    rules: ActorRules, facts: dict[LocalKey, ActorFacts], uf: UnionFind[LocalKey]
) -> list[Link]:
    """Join the actors that share a key; the links made, each with its rule and evidence."""
    by_key: dict[str, list[tuple[LocalKey, str]]] = defaultdict(list)
    for lk in sorted(facts):
        for key, rule in rules.keys(facts[lk]):
            by_key[key].append((lk, rule))
    links: list[Link] = []
    for key in sorted(by_key):
        (first, first_rule), *others = by_key[key]
        for other, rule in others:
            if uf.union(first, other):
                rule = stronger(rule, first_rule)
                why = rules.evidence(key, rule, facts[other], facts[first])
                links.append((other, first, rule, why))
    return links


def _link_across_stories(
    rules: ActorRules, facts: dict[LocalKey, ActorFacts], uf: UnionFind[LocalKey]
) -> list[Link]:
    """One person name in several stories: join two stories' bearers when they share a role
    or another named actor (``ActorRules.across_stories`` says the same of two actors)."""
    bearers: dict[str, dict[str, list[LocalKey]]] = defaultdict(lambda: defaultdict(list))
    for lk in sorted(facts):
        person = facts[lk].person
        if person is not None and not person.single:
            for story in facts[lk].stories:
                bearers[rules.person_id(person, story)][story].append(lk)
    links: list[Link] = []
    for pid in sorted(bearers):
        by_story = bearers[pid]
        if len(by_story) < 2:
            continue
        own = f"PERSON:{pid.split('|')[0]}"
        seen: dict[str, LocalKey] = {}  # a role or a co-actor -> the first bearer with it
        for story in sorted(by_story):
            members = by_story[story]
            tokens = {f"ROLE:{r}" for lk in members for r in facts[lk].roles}
            tokens |= rules.co_actors.get(story, set()) - {own}
            for token in sorted(tokens):
                target = seen.setdefault(token, members[0])
                if target[0] != members[0][0] and uf.union(members[0], target):
                    kind, _, value = token.partition(":")
                    a, b = facts[members[0]].name, facts[target].name
                    why = (
                        f"'{a}' and '{b}' share the role '{value}'"
                        if kind == "ROLE"
                        else f"both stories also name '{value}'"
                    )
                    links.append((members[0], target, "same-person-across-stories", why))
    return links


def acronym_definitions(extractions: list[ArticleExtraction]) -> dict[str, str]:
    """Acronyms the articles define ("General Motors Corp. (GM)"), each for the one name
    every definition in the corpus gives it; an acronym defined two ways is left out."""
    return combine_acronyms(article_acronyms(x) for x in extractions)


def article_acronyms(x: ArticleExtraction) -> list[tuple[str, str]]:
    """The (acronym, name) definitions one article gives, in text order."""
    names = sorted(
        {
            n
            for a in x.actors
            if a.type not in (ActorType.PERSON, ActorType.STATE, ActorType.GROUP)
            for n in [a.name, *a.aliases, *(m.text for m in a.mentions if m.kind == "name")]
            if not is_acronym(n)
        }
    )
    if "(" not in x.article.text or not names:
        return []
    return list(defined_acronyms(x.article.text, names).items())


def combine_acronyms(per_article: Iterable[list[tuple[str, str]]]) -> dict[str, str]:
    """``acronym_definitions`` from each article's ``article_acronyms``, in article order."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for definitions in per_article:
        for acronym, name in definitions:
            found[acronym].setdefault(org_key(name), name)
    return {acr: next(iter(names.values())) for acr, names in found.items() if len(names) == 1}


def _step(link: Link) -> MergeStep:
    (mention, into, rule, evidence) = link
    return MergeStep(
        mention=f"{mention[0]}#{mention[1]}",
        into=f"{into[0]}#{into[1]}",
        rule=rule,
        evidence=evidence,
    )


def _wanted_id(actors: list[ActorFacts]) -> str:
    actor_type = _majority_type(actors)
    return f"{actor_type.value.lower()}-{slug(_canonical(actors, actor_type))}"


# On a tie, the more specific type wins: a person read once as a place is a person.
_TYPE_RANK = [
    ActorType.GROUP,
    ActorType.PLACE,
    ActorType.STATE,
    ActorType.ORGANIZATION,
    ActorType.PERSON,
]


def _majority_type(actors: Sequence[Actor | ActorFacts]) -> ActorType:
    counts = Counter(a.type for a in actors)
    return max(counts, key=lambda t: (counts[t], _TYPE_RANK.index(t)))


def _canonical(actors: Sequence[Actor | ActorFacts], actor_type: ActorType) -> str:
    names = Counter(clean_name(a.name) for a in actors if a.type == actor_type) or Counter(
        clean_name(a.name) for a in actors
    )
    if actor_type == ActorType.PERSON:
        return max(names, key=lambda n: (len(n.split()), names[n], len(n), n))
    return max(names, key=lambda n: (names[n], len(n), n))


def merge_actor(actor_id: str, actors: list[Actor], merges: list[MergeStep]) -> ResolvedActor:
    """The global actor ``actor_id`` made of its local ``actors`` (any order: the result is
    sorted) and the steps that merged them (``link_actors``)."""
    actor_type = _majority_type(actors)
    name = _canonical(actors, actor_type)
    aliases = sorted({clean_name(n) for a in actors for n in [a.name, *a.aliases]} - {name, ""})
    roles = sorted({r for a in actors for r in a.roles})
    countries = Counter(a.country for a in actors if a.country)
    sources = [  # every mention, so a reader can trace each one (not one per article)
        Source(local_id=a.id, text=m.text, provenance=m.provenance)
        for a in actors
        for m in a.mentions
    ]
    return ResolvedActor(
        id=actor_id,
        name=name,
        type=actor_type,
        aliases=aliases,
        roles=roles,
        country=min(countries, key=lambda c: (-countries[c], c)) if countries else None,
        sources=sorted(
            sources,
            key=lambda s: (
                s.provenance.article_id,
                s.provenance.start,
                s.provenance.end,
                s.local_id,
            ),
        ),
        merges=merges,
    )
