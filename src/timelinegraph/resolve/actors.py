"""One node per real actor across articles: names, aliases, demonyms, acronyms, surnames.

Different people who share a surname stay apart: a bare surname joins a full name only
when exactly one full name in the whole corpus carries it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..extract.gazetteer import fold
from ..models import Actor, ActorType, ArticleExtraction, MergeStep, ResolvedActor, Source
from .ids import slug, unique_ids
from .unionfind import UnionFind

LocalKey = tuple[str, str]  # (article id, article-local actor id)
Link = tuple[LocalKey, LocalKey, str, str]  # (mention, matched with, rule, evidence)


def resolve_actors(
    extractions: list[ArticleExtraction],
) -> tuple[list[ResolvedActor], dict[LocalKey, str]]:
    """Global actors (sorted by id) and the map from every local actor to its global id."""
    local: dict[LocalKey, Actor] = {(x.article.id, a.id): a for x in extractions for a in x.actors}
    uf: UnionFind[LocalKey] = UnionFind(local)
    by_key: dict[str, list[LocalKey]] = defaultdict(list)
    for lk, actor in local.items():
        for key in _match_keys(actor):
            by_key[key].append(lk)
    links: list[Link] = []
    for key in sorted(by_key):
        first, *others = by_key[key]
        for other in others:
            if uf.union(first, other):
                links.append((other, first, *_key_evidence(key, local[other], local[first])))
    links += _link_surnames(local, uf)
    groups = uf.groups()
    ids = unique_ids([(repr(g[0]), _wanted_id([local[k] for k in g])) for g in groups])
    group_links: dict[LocalKey, list[Link]] = defaultdict(list)
    for link in links:
        group_links[uf.find(link[0])].append(link)
    mapping: dict[LocalKey, str] = {}
    resolved = []
    for group in groups:
        actor_id = ids[repr(group[0])]
        mapping.update({k: actor_id for k in group})
        steps = [_step(link) for link in sorted(group_links[uf.find(group[0])])]
        resolved.append(_merged(actor_id, [(k, local[k]) for k in group], steps))
    return sorted(resolved, key=lambda a: a.id), mapping


def _step(link: Link) -> MergeStep:
    (mention, into, rule, evidence) = link
    return MergeStep(
        mention=f"{mention[0]}#{mention[1]}",
        into=f"{into[0]}#{into[1]}",
        rule=rule,
        evidence=evidence,
    )


def _key_evidence(key: str, actor: Actor, other: Actor) -> tuple[str, str]:
    """The rule and the words for a merge made because two actors share ``key``."""
    kind, _, value = key.partition(":")
    if kind == "STATE":
        return "same-state", f"'{actor.name}' and '{other.name}' both name the state {value}"
    if kind == "ACRONYM":
        return "acronym", f"'{actor.name}' and '{other.name}' share the acronym {value}"
    if fold(actor.name) == fold(other.name):
        return "same-name", f"same name '{other.name}'"
    return "alias", f"'{actor.name}' and '{other.name}' share the name or alias '{value}'"


def _match_keys(actor: Actor) -> list[str]:
    """Keys under which two actors are the same: country code, full name, aliases, acronym."""
    if actor.type == ActorType.STATE and actor.country:
        return [f"STATE:{actor.country}"]
    family = "PERSON" if actor.type == ActorType.PERSON else "NONPERSON"
    names = [actor.name] if actor.type == ActorType.PERSON else [actor.name, *actor.aliases]
    keys = [f"{family}:{fold(n)}" for n in names if n]
    if actor.type == ActorType.ORGANIZATION:
        keys += [f"ACRONYM:{a}" for a in {acronym(n) for n in names} if a]
    if actor.type == ActorType.PERSON and " " not in actor.name.strip():
        return []  # a bare surname is linked separately, only when unambiguous
    return keys


def acronym(name: str) -> str | None:
    """'U.N.' and 'United Nations' share 'UN'; one-word names have none."""
    compact = name.replace(".", "").replace(" ", "")
    if compact.isupper() and 2 <= len(compact) <= 6 and compact.isalpha():
        return compact
    words = [w for w in name.split() if w[:1].isupper() and w.lower() not in ("of", "the", "and")]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def _link_surnames(local: dict[LocalKey, Actor], uf: UnionFind[LocalKey]) -> list[Link]:
    """Join bare surnames to the one full name carrying them; the links made."""
    full: dict[str, set[str]] = defaultdict(set)
    owner: dict[str, LocalKey] = {}
    for lk, actor in local.items():
        words = fold(actor.name).split()
        if actor.type == ActorType.PERSON and len(words) >= 2:
            full[words[-1]].add(fold(actor.name))
            owner.setdefault(fold(actor.name), lk)
    mononyms: dict[str, LocalKey] = {}
    links: list[Link] = []
    for lk, actor in sorted(local.items()):
        words = fold(actor.name).split()
        if actor.type != ActorType.PERSON or len(words) != 1:
            continue
        carriers = full.get(words[0], set())
        if len(carriers) == 1:
            target = owner[next(iter(carriers))]
            if uf.union(lk, target):
                why = (
                    f"'{actor.name}' is the surname of exactly one full name in the corpus, "
                    f"'{local[target].name}'"
                )
                links.append((lk, target, "surname", why))
        elif not carriers:  # one-word names ("Madonna") with no full form anywhere
            target = mononyms.setdefault(words[0], lk)
            if uf.union(lk, target):
                why = f"same one-word name '{actor.name}', and no full name ends with it"
                links.append((lk, target, "mononym", why))
    return links


def _wanted_id(actors: list[Actor]) -> str:
    actor_type = _majority_type(actors)
    return f"{actor_type.value.lower()}-{slug(_canonical(actors, actor_type))}"


def _majority_type(actors: list[Actor]) -> ActorType:
    counts = Counter(a.type for a in actors)
    return max(counts, key=lambda t: (counts[t], t.value))


def _canonical(actors: list[Actor], actor_type: ActorType) -> str:
    names = Counter(a.name for a in actors if a.type == actor_type) or Counter(
        a.name for a in actors
    )
    if actor_type == ActorType.PERSON:
        return max(names, key=lambda n: (len(n.split()), names[n], len(n), n))
    return max(names, key=lambda n: (names[n], len(n), n))


def _merged(
    actor_id: str, members: list[tuple[LocalKey, Actor]], merges: list[MergeStep]
) -> ResolvedActor:
    actors = [a for _, a in members]
    actor_type = _majority_type(actors)
    name = _canonical(actors, actor_type)
    aliases = sorted({n for a in actors for n in [a.name, *a.aliases]} - {name})
    roles = sorted({r for a in actors for r in a.roles})
    countries = Counter(a.country for a in actors if a.country)
    sources = [
        Source(local_id=a.id, text=a.mentions[0].text, provenance=a.mentions[0].provenance)
        for (_, _), a in members
        if a.mentions
    ]
    return ResolvedActor(
        id=actor_id,
        name=name,
        type=actor_type,
        aliases=aliases,
        roles=roles,
        country=min(countries, key=lambda c: (-countries[c], c)) if countries else None,
        sources=sorted(sources, key=lambda s: (s.provenance.article_id, s.provenance.start)),
        merges=merges,
    )
