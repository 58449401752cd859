"""The merge in parts: what decides across the whole corpus is worked out from small per-article
keys, and the rest runs part by part, each part needing only its own articles' extractions.

1. ``article_keys``: what the corpus-wide steps read of one article (story features, each
   actor's ``ActorFacts``, the acronyms it defines, the (type, day, participant) keys of its
   dated events). Made as each extraction arrives; the extraction itself can then go to disk.
2. ``plan_merge``: stories (``stories.group_docs``) and actors (``actors.link_actors``) over
   those keys, for the whole corpus at once, then the **parts**: stories joined wherever an
   event of one could merge with an event of another. Across stories an event merge needs a
   shared participant, the same day and the same type (``events._linked``), so two stories
   land in one part when they share such a key; no event merge ever crosses parts.
3. ``resolve_part``: events (``events.resolve_events``) and order (``order``) over one part's
   extractions, plus what the join needs of them (each actor's local mentions, relations).
   Parts are independent: they can run in any process, on any machine, in any order.
4. ``join_parts``: the union, sorted as the single merge sorts it, and places put on the map
   (``places.locate_places``, over every actor of the corpus). Every id is made from one
   article or from the corpus-wide steps, so the union is the same bytes however the parts
   were run.

The one rule that reads the part and not the corpus: an event block's window
(``events.BLOCK_WINDOW``, the most later members of a block a mention is paired with) counts
the members of the mention's part. Members of other parts can never merge with it anyway, so
only blocks of more than ``BLOCK_WINDOW`` members corpus-wide can see a difference, and there
the part's window reaches further among the mentions that can merge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from ..common.gc_pause import gc_paused
from ..happenings import belongs_in_graph
from ..models import (
    Actor,
    ArticleExtraction,
    ArticleInfo,
    Contradiction,
    EventType,
    KnowledgeGraph,
    ResolvedActor,
    ResolvedEvent,
    ResolvedLink,
    Source,
    Story,
)
from ..stored import ListWriter, MemoryList, list_writer, stored_mapping
from .actor_rules import ActorFacts, local_facts
from .actors import LocalKey, article_acronyms, combine_acronyms, link_actors, merge_actor
from .events import _DAY, resolve_events, trigger_stem, trusted_time
from .order import resolve_order_keyed
from .places import PLACE_TYPES, add_person_words, located_places
from .relations import RelationKey, relation_sources, resolved_relations
from .stories import StoryDoc, group_docs, story_doc
from .unionfind import UnionFind

__all__ = [
    "ArticleKeys",
    "HeldPart",
    "MergePlan",
    "PartArticles",
    "PartResult",
    "article_keys",
    "join_parts",
    "plan_merge",
    "resolve_part",
]


@dataclass(frozen=True, slots=True)
class ArticleKeys:
    """What the corpus-wide steps read of one article: no text, no mention."""

    info: ArticleInfo  # its metadata, story not set
    story: StoryDoc
    actors: tuple[tuple[str, ActorFacts], ...]  # (local id, facts), story not yet known
    acronyms: tuple[tuple[str, str], ...]  # (acronym, name) it defines
    # one per graph event with a day and a participant: (block, local participant ids),
    # block being the type, or "OTHER stem" for an untyped event (which only merges by word)
    days: tuple[tuple[str, str, tuple[str, ...]], ...]


def article_keys(x: ArticleExtraction, *, all_events: bool = False) -> ArticleKeys:
    """``x``'s keys (see ``ArticleKeys``)."""
    fields = set(ArticleInfo.model_fields) - {"story"}
    days = []
    for event in x.events:
        if not (all_events or belongs_in_graph(event)):
            continue
        time = trusted_time(x, event)
        people = tuple(dict.fromkeys(event.agents + event.targets))
        if time.granularity in _DAY and time.value and people:
            block = event.type.value
            if event.type == EventType.OTHER:
                block = f"{block} {trigger_stem(event.lemma)}"
            days.append((block, time.value[:10], people))
    return ArticleKeys(
        info=ArticleInfo.model_validate(x.article.model_dump(include=fields)),
        story=story_doc(x),
        actors=tuple((a.id, local_facts(a, x.article.id, "")) for a in x.actors),
        acronyms=tuple(article_acronyms(x)),
        days=tuple(days),
    )


@dataclass
class MergePlan:
    """The corpus-wide decisions, and the parts (article ids, each sorted; by first id)."""

    stories: list[Story]
    story_of: dict[str, str]
    actor_ids: dict[LocalKey, str]
    actor_steps: Mapping[str, list]  # actor id -> its MergeSteps
    articles: list[ArticleInfo]  # sorted by id, story set
    parts: list[list[str]]

    def part_stories(self, part: Iterable[str]) -> dict[str, str]:
        return {a: self.story_of[a] for a in part}

    def steps_to_disk(self, folder: Path) -> None:
        """Keep the actors' merge steps in a file in ``folder``, read back as the join asks
        for them: only the join reads them, and they are most of the plan (77 MB of
        MergeSteps at 10,000 articles)."""
        self.actor_steps = stored_mapping(self.actor_steps, folder / "actor-steps.pickles")

    def part_actor_ids(self, part: Iterable[str], keys: Mapping[str, ArticleKeys]) -> dict:
        """The global id of every local actor of ``part``'s articles."""
        ids = self.actor_ids
        return {(a, lid): ids[(a, lid)] for a in part for lid, _ in keys[a].actors}


def plan_merge(
    keys: Iterable[ArticleKeys], *, stories: Mapping[str, str] | None = None
) -> MergePlan:
    """Stories, actors and parts of the corpus whose articles' keys are ``keys``. ``stories``
    (article id -> story id) replaces the story grouping (see ``resolve.resolve``)."""
    ordered = sorted(keys, key=lambda k: k.info.id)
    found, story_of = group_docs(k.story for k in ordered)
    if stories is not None:
        story_of = {k.info.id: stories.get(k.info.id, k.info.id) for k in ordered}
        found = _stories_of(ordered, story_of)
    one_story: dict[str, frozenset[str]] = {}  # one set per story, shared by its actors
    facts = {
        (k.info.id, lid): replace(f, stories=_story_set(one_story, story_of[k.info.id]))
        for k in ordered
        for lid, f in k.actors
    }
    linked = link_actors(facts, combine_acronyms(list(k.acronyms) for k in ordered))
    articles = [k.info.model_copy(update={"story": story_of.get(k.info.id)}) for k in ordered]
    return MergePlan(
        stories=found,
        story_of=story_of,
        actor_ids=linked.ids,
        actor_steps=linked.steps,
        articles=articles,
        parts=_parts(ordered, story_of, linked.ids),
    )


def _story_set(sets: dict[str, frozenset[str]], story: str) -> frozenset[str]:
    found = sets.get(story)
    if found is None:
        found = sets[story] = frozenset({story})
    return found


def _parts(
    ordered: list[ArticleKeys], story_of: Mapping[str, str], actor_ids: Mapping[LocalKey, str]
) -> list[list[str]]:
    """Articles grouped by story, stories joined when an event of each shares a block, a day
    and a global participant (what a merge across stories needs, ``events._linked``)."""
    uf: UnionFind[str] = UnionFind(story_of[k.info.id] for k in ordered)
    first: dict[tuple[str, str, str], str] = {}
    for k in ordered:
        story = story_of[k.info.id]
        for block, day, people in k.days:
            for local in people:
                key = (block, day, actor_ids[(k.info.id, local)])
                uf.union(first.setdefault(key, story), story)
    members: dict[str, list[str]] = defaultdict(list)
    for k in ordered:
        members[uf.find(story_of[k.info.id])].append(k.info.id)
    return sorted(members.values(), key=lambda ids: ids[0])


def _stories_of(ordered: list[ArticleKeys], story_of: Mapping[str, str]) -> list[Story]:
    """Stories from a given grouping, labelled as ``group_stories`` labels them."""
    members: dict[str, list[str]] = {}
    for k in ordered:
        members.setdefault(story_of[k.info.id], []).append(k.info.id)
    titles = {k.info.id: k.info.title for k in ordered}
    return sorted(
        (
            Story(
                id=s,
                label=next((titles[a] for a in ids if titles[a]), None) or ids[0],
                articles=ids,
            )
            for s, ids in members.items()
        ),
        key=lambda st: st.id,
    )


@dataclass
class PartResult:
    """What one part adds to the graph."""

    events: list[ResolvedEvent]
    links: list[ResolvedLink]
    contradictions: list[tuple[str, Contradiction]]  # with the key they are weighed by
    actors: dict[str, list[Actor]] = field(default_factory=dict)  # actor id -> local actors
    relations: dict[RelationKey, list[Source]] = field(default_factory=dict)

    def pieces(self, size: int) -> Iterator[PartResult]:
        """This result cut, in order, into results of at most ``size`` items each (an event,
        a link, a contradiction, an actor's or a relation's entry): joined one after another
        they give the graph this one gives, since ``join_parts`` only appends and sorts
        stably. A large part's result can then travel a piece at a time."""
        items: Iterator[tuple[str, Any]] = chain(
            (("events", event) for event in self.events),
            (("links", link) for link in self.links),
            (("contradictions", found) for found in self.contradictions),
            (("actors", entry) for entry in self.actors.items()),
            (("relations", entry) for entry in self.relations.items()),
        )
        while chunk := list(islice(items, size)):
            piece = PartResult(events=[], links=[], contradictions=[])
            for kind, item in chunk:
                if kind in ("actors", "relations"):
                    key, value = item
                    getattr(piece, kind)[key] = value
                else:
                    getattr(piece, kind).append(item)
            yield piece


class PartArticles(Protocol):
    """A part's extractions, read in two passes by ``resolve_part``: first each article
    without its temporal links (events, actors and relations need the whole part at once),
    then each with them, one at a time, for the order. A part read from disk is then never
    all in memory with its links, nor with its events while the order is worked out."""

    def __len__(self) -> int: ...

    def read(self, n: int, *, links: bool) -> ArticleExtraction:
        """Article ``n``'s extraction; without its temporal links unless ``links``."""
        ...


@dataclass(frozen=True)
class HeldPart:
    """A part's extractions already in memory, read as they are."""

    extractions: Sequence[ArticleExtraction]

    def __len__(self) -> int:
        return len(self.extractions)

    def read(self, n: int, *, links: bool) -> ArticleExtraction:
        return self.extractions[n]


def resolve_part(
    part: PartArticles | Sequence[ArticleExtraction],
    actor_ids: Mapping[LocalKey, str],
    story_of: Mapping[str, str],
    *,
    all_events: bool = False,
) -> PartResult:
    """Events, order, actor mentions and relations of one part (``MergePlan.parts``):
    ``actor_ids`` and ``story_of`` must cover its articles."""
    articles = HeldPart(part) if isinstance(part, Sequence) else part
    ids = dict(actor_ids)
    read = [articles.read(n, links=False) for n in range(len(articles))]
    in_order = sorted(range(len(read)), key=lambda n: read[n].article.id)
    ordered = [read[n] for n in in_order]
    read.clear()
    events = resolve_events(ordered, ids, all_events=all_events, stories=story_of)
    actors = _local_actors(ordered, ids)
    relations = relation_sources(ordered, ids)
    del ordered  # what the result keeps of it is kept; the rest goes before the order
    with gc_paused():  # see order.resolve_order
        events, links, contradictions = resolve_order_keyed(
            (articles.read(n, links=True) for n in in_order), events
        )
    return PartResult(
        events=events,
        links=links,
        contradictions=contradictions,
        actors=actors,
        relations=relations,
    )


def _local_actors(
    extractions: list[ArticleExtraction], ids: Mapping[LocalKey, str]
) -> dict[str, list[Actor]]:
    """Each global actor's local actors, in article order."""
    actors: dict[str, list[Actor]] = defaultdict(list)
    for x in extractions:
        for actor in x.actors:
            actors[ids[(x.article.id, actor.id)]].append(actor)
    return dict(actors)


def join_parts(
    plan: MergePlan, results: Iterable[PartResult], folder: Path | None = None
) -> KnowledgeGraph:
    """The graph: the union of the parts' results (in any order), sorted as one merge sorts.

    With ``folder``, its events, actors and links are written there as the results come in
    and read back on demand (``stored.StoredList``): a build's merged graph is never all in
    memory. Without, they are plain lists. The graph is the same either way."""
    events = list_writer(folder, "events")
    links = list_writer(folder, "links")
    local_actors = list_writer(folder, "local-actors")  # (actor id, its local actors)
    contradictions: list[tuple[str, Contradiction]] = []
    relations: dict[RelationKey, list[Source]] = defaultdict(list)
    for result in results:
        for event in result.events:
            events.add(event, event.id)
        for link in result.links:
            links.add(link, link.id)
        contradictions += result.contradictions
        for actor_id, found in result.actors.items():
            local_actors.add((actor_id, found), actor_id)
        for key, sources in result.relations.items():
            relations[key] += sources
    # one part's contradictions come out in weighing order: keep it within a key (stable)
    contradictions.sort(key=lambda kc: kc[0])
    fields: dict[str, Any] = {
        "articles": plan.articles,
        "actors": merge_actors_of(plan, local_actors.finish(), list_writer(folder, "actors")),
        "events": events.finish(),
        "relations": resolved_relations(relations),
        "stories": plan.stories,
        "links": links.finish(),
        "contradictions": [c for _, c in contradictions],
    }
    # a stored list is not a list: set as it is (its items were made by validated models)
    return KnowledgeGraph(**fields) if folder is None else KnowledgeGraph.model_construct(**fields)


def merge_actors_of(
    plan: MergePlan,
    local_actors: Iterable[tuple[str, list[Actor]]],
    out: ListWriter[ResolvedActor] | MemoryList[ResolvedActor],
) -> Sequence[ResolvedActor]:
    """The global actors from their local actors (``(actor id, local actors)`` in actor id
    order, one part's after another's), places put on the map (``places.located_places``:
    it reads every place of the corpus, so in the join), written to ``out`` and returned."""
    people: dict[str, set[str]] = defaultdict(set)
    places: list[ResolvedActor] = []
    for actor_id, group in groupby(local_actors, key=itemgetter(0)):
        found = [actor for _, locals_ in group for actor in locals_]
        actor = merge_actor(actor_id, found, plan.actor_steps.get(actor_id, []))
        add_person_words(people, actor)
        if actor.type in PLACE_TYPES:
            places.append(actor)  # placed once every person is known
        else:
            out.add(actor, actor.id)
    for actor in located_places(places, people):
        out.add(actor, actor.id)
    return out.finish()
