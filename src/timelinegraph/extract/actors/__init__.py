"""Actors: people, organisations, states, places and groups named or referred to in an article."""

from __future__ import annotations

from collections import Counter, defaultdict

from ...models import Actor, ActorType, Mention
from ..context import ArticleContext
from ..gazetteer import city_country, country_named
from ..roles import find_roles
from .candidates import Candidate, find_candidates
from .linking import canonical_name, link

EXTRACTOR = "timelinegraph.extract.actors"
VERSION = "0.1.0"
# When one name was typed differently in different places, the more specific type wins.
_TYPE_RANK = [
    ActorType.PERSON,
    ActorType.ORGANIZATION,
    ActorType.STATE,
    ActorType.PLACE,
    ActorType.GROUP,
]

__all__ = ["EXTRACTOR", "VERSION", "extract_actors"]


def extract_actors(ctx: ArticleContext) -> list[Actor]:
    """Actors of one article, ids a1, a2, ... in order of first mention."""
    doc = ctx.doc
    cands = find_candidates(doc)
    keys = link(doc, cands, ctx.sentence_of_token)
    clusters: dict[str, list[tuple[Candidate, Mention]]] = defaultdict(list)
    for i, cand in enumerate(cands):
        if i in keys:
            cand.surface = doc[cand.name_start : cand.name_end].text
            clusters[keys[i]].append((cand, _mention(ctx, cand)))
    dateline = _dateline_mention(ctx)
    if dateline is not None:
        cand, _ = dateline
        key = next(
            (
                k
                for k, members in clusters.items()
                if any(c.name == cand.name and c.type == cand.type for c, _ in members)
            ),
            f"{cand.type.value}:{cand.name.lower()}",
        )
        clusters[key].insert(0, dateline)
    roles = _roles_by_key(ctx, cands, keys)
    ordered = sorted(clusters.items(), key=lambda kv: min(m.start for _, m in kv[1]))
    return [
        _actor(f"a{n}", members, roles.get(key, []))
        for n, (key, members) in enumerate(ordered, start=1)
    ]


def _mention(ctx: ArticleContext, cand: Candidate) -> Mention:
    span = ctx.doc[cand.start : cand.end]
    return Mention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sentence_index=ctx.sentence_index(span),
        kind=cand.kind,
        qualifier=cand.qualifier,
        provenance=ctx.provenance(
            span, extractor=EXTRACTOR, version=VERSION, confidence=cand.confidence
        ),
    )


def _dateline_mention(ctx: ArticleContext) -> tuple[Candidate, Mention] | None:
    """The dateline ('CAIRO—') names where the article was filed: a place actor."""
    article = ctx.article
    if not article.dateline or not ctx.sentences:
        return None
    start = article.text.upper().find(article.dateline.upper())
    if start < 0:
        return None
    end = start + len(article.dateline)
    country = country_named(article.dateline)
    cand = Candidate(
        0,
        0,
        0,
        0,
        ActorType.PLACE,
        article.dateline,
        kind="dateline",
        country=city_country(article.dateline),
        confidence=0.9,
    )
    if country is not None:
        cand.type, cand.name, cand.country = ActorType.STATE, country.name, country.iso2
    first = ctx.sentences[0]
    mention = Mention(
        text=article.text[start:end],
        start=start,
        end=end,
        sentence_index=0,
        kind="dateline",
        provenance=ctx.provenance(
            ctx.doc[0:0], extractor=EXTRACTOR, version=VERSION, confidence=0.9
        ).model_copy(update={"start": start, "end": end, "sentence": first.text}),
    )
    return cand, mention


def _roles_by_key(
    ctx: ArticleContext, cands: list[Candidate], keys: dict[int, str]
) -> dict[str, list[str]]:
    persons = [
        (i, c)
        for i, c in enumerate(cands)
        if c.type == ActorType.PERSON and c.kind in ("name", "surname") and i in keys
    ]
    spans = [ctx.doc[c.name_start : c.name_end] for _, c in persons]
    key_of_start = {c.name_start: keys[i] for i, c in persons}
    roles: dict[str, list[str]] = defaultdict(list)
    for role in find_roles(ctx.doc, spans):
        key = key_of_start[role.person.start]
        if role.text and role.text not in roles[key]:
            roles[key].append(role.text)
    return roles


def _actor(actor_id: str, members: list[tuple[Candidate, Mention]], roles: list[str]) -> Actor:
    cands = [c for c, _ in members]
    types = Counter(c.type for c in cands if c.antecedent is None) or Counter(c.type for c in cands)
    actor_type = max(types, key=lambda t: (types[t], -_TYPE_RANK.index(t)))
    name = canonical_name(cands)
    aliases = sorted(
        {c.name for c in cands if c.kind in ("name", "surname")}
        | {c.surface for c in cands if c.kind in ("name", "surname", "demonym")} - {name, ""}
    )
    country = next((c.country for c in cands if c.country), None)
    mentions = sorted((m for _, m in members), key=lambda m: (m.start, m.end))
    return Actor(
        id=actor_id,
        name=name,
        type=actor_type,
        aliases=aliases,
        roles=roles,
        country=country,
        mentions=mentions,
    )
