"""Stories: the articles about one real happening (or its direct sequel), grouped before events
are merged, so that "a shooting" in two stories stays two shootings.

Two articles tell one story when they share what is specific to it: the people, bodies and
places they name, the days their events happened on, the figures they give and the words of
their headlines; what every story of a kind shares ("earthquake", "Oscars host") counts for
little, because each feature is weighted by how rare it is in the corpus (tf-idf). Articles
become vectors of such features, and the story grouping is average-link clustering over the
pairs that share a rare feature: two groups join when, on average, their articles are at
least ``JOIN`` alike (cosine). Articles published over a year apart (neither dated by
``--default-date``) never join; the month of publication is itself a feature. Deterministic:
pairs are taken by similarity, then by article ids.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from ..common.textkey import fold
from ..models import ActorType, ArticleExtraction, Story
from .events import trusted_time
from .ids import digest

JOIN = 0.15  # least average cosine at which two groups of articles are one story
MAX_DOC_SHARE = 0.05  # a feature in more than this share of articles links no pair on its own
MIN_DOC_LIMIT = 40  # ... but a feature in up to this many articles always may
# ... and one in more than this many never does, however large the corpus: the pairs a
# feature links grow with the square of its articles, so a share of a 100,000-article
# corpus (5,000 articles, 12.5 million pairs) would make the grouping quadratic. A feature
# that common is no longer specific to one story; the story's rarer features still link it.
MAX_DOC_LIMIT = 500
APART_DAYS = 400  # reliably dated articles this far apart never tell one story
# Publication dates a story grouping may lean on: all but --default-date's, which is made up
# (a date guessed from the body is usually near the story's own time).
DATED = frozenset({"metadata", "url", "dateline", "body"})
# How much each kind of evidence says about a story, before its rarity.
WEIGHTS = {
    ActorType.PERSON: 3.0,
    ActorType.ORGANIZATION: 2.0,
    ActorType.PLACE: 2.0,
    ActorType.STATE: 1.0,
    "day": 2.5,
    "figure": 1.5,
    "event": 1.0,
    "title": 1.0,
    "published": 2.0,
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_STOP = frozenset(
    "that this with from have been were will would after over into about their there they "
    "said says more than what when where which while also just into amid year years week "
    "news report reports update video photos".split()
)

__all__ = [
    "JOIN",
    "Story",
    "StoryDoc",
    "article_features",
    "group_docs",
    "group_stories",
    "story_doc",
]


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """What the grouping reads of an article: small enough to keep for every article of a
    large corpus while the extractions themselves wait on disk."""

    article_id: str
    published: int  # ordinal day
    reliable: bool
    features: dict[str, float]
    title: str | None = None


def group_stories(extractions: Iterable[ArticleExtraction]) -> tuple[list[Story], dict[str, str]]:
    """The stories of a corpus (sorted by id) and each article's story id."""
    return group_docs([story_doc(x) for x in extractions])


def group_docs(found: Iterable[StoryDoc]) -> tuple[list[Story], dict[str, str]]:
    """``group_stories`` over the articles' ``story_doc``s."""
    docs = sorted(found, key=lambda d: d.article_id)
    vectors = _tfidf(docs)
    sims = _similar_pairs(docs, vectors)
    groups = _average_link(len(docs), sims, docs)
    titles = {d.article_id: d.title for d in docs}
    stories: list[Story] = []
    story_of: dict[str, str] = {}
    for members in groups:
        ids = sorted(docs[i].article_id for i in members)
        story_id = f"story-{digest(ids[0])}"
        label = next((titles[a] for a in ids if titles.get(a)), None) or ids[0]
        stories.append(Story(id=story_id, label=label, articles=ids))
        story_of.update((a, story_id) for a in ids)
    return sorted(stories, key=lambda s: s.id), story_of


def article_features(x: ArticleExtraction) -> dict[str, float]:
    """What an article says that tells its story apart, with raw weights (before rarity)."""
    found: defaultdict[str, float] = defaultdict(float)
    for actor in x.actors:
        weight = WEIGHTS.get(actor.type)
        if weight is None:
            continue  # groups ("officials", "residents") belong to every story
        mentions = sum(1 for m in actor.mentions if m.kind != "dateline")
        found[f"actor:{fold(actor.name)}"] += weight * min(mentions, 3) ** 0.5
    for event in x.events:
        time = trusted_time(x, event)  # a day worked out from --default-date says nothing
        if event.frame is None and time.source == "expression" and time.value:
            found[f"day:{time.value[:10]}"] += WEIGHTS["day"] if len(time.value) >= 10 else 1.0
        if event.frame is None and event.type != "OTHER":
            found[f"event:{event.type}:{event.lemma}"] += WEIGHTS["event"]
        for quantity in event.quantities:
            found[f"figure:{quantity.value:g}:{quantity.unit}"] += WEIGHTS["figure"]
    if x.article.published_source in DATED:
        found[f"published:{x.article.published.isoformat()[:7]}"] += WEIGHTS["published"]
    for word in _WORD.findall(x.article.title or ""):
        lowered = word.lower()
        if lowered not in _STOP:
            found[f"title:{lowered}"] += WEIGHTS["title"]
    # one copy of each feature's name however many articles have it: a large corpus keeps
    # every article's features in memory until its stories are grouped
    return {sys.intern(feature): weight for feature, weight in found.items()}


def story_doc(x: ArticleExtraction) -> StoryDoc:
    """What ``group_docs`` needs of one article."""
    article = x.article
    return StoryDoc(
        article_id=article.id,
        published=article.published.toordinal(),
        reliable=article.published_source in DATED,
        features=article_features(x),
        title=article.title,
    )


def _tfidf(docs: list[StoryDoc]) -> list[dict[str, float]]:
    df: Counter[str] = Counter(f for d in docs for f in d.features)
    n = len(docs)
    vectors = []
    for d in docs:
        # smoothed idf (+1): in a corpus of two, what both share still counts
        vector = {f: w * (math.log((1 + n) / (1 + df[f])) + 1) for f, w in d.features.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({f: v / norm for f, v in vector.items() if v > 0})
    return vectors


class _Similarities:
    """The known similarities of a corpus's article pairs (``_similar_pairs``): each pair
    ``(i, j)``, ``i < j``, as the key ``i * n + j``, sorted, beside its cosine; a pair not in
    it counts 0. Two arrays, not a dict of pairs: 16 bytes a pair instead of about 140 (and
    as much again to sort them), and 10,000 articles already have 1.2 million pairs."""

    def __init__(self, n: int, found: dict[int, float]) -> None:
        keys = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
        values = np.fromiter(found.values(), dtype=np.float64, count=len(found))
        order = np.argsort(keys)
        self.n = n
        self.keys = keys[order]
        self.values = values[order]

    def __len__(self) -> int:
        return len(self.keys)

    def strongest(self, least: float) -> Iterator[tuple[int, int, float]]:
        """The pairs at least ``least`` alike as ``(i, j, cosine)``: most alike first, then
        by ``(i, j)``."""
        order = np.lexsort((self.keys, -self.values))
        strong = order[self.values[order] >= least]
        pairs = zip(self.keys[strong].tolist(), self.values[strong].tolist(), strict=True)
        for key, value in pairs:
            i, j = divmod(key, self.n)
            yield i, j, value

    def total(self, a: list[int], b: list[int]) -> float:
        """The sum of the cosines of every pair of an ``a`` and a ``b``, added up in the
        order ``x`` of ``a``, then ``y`` of ``b`` (so the same float every time)."""
        if not len(self.keys):
            return 0.0
        n = self.n
        query = np.array([min(x, y) * n + max(x, y) for x in a for y in b], dtype=np.int64)
        at = np.searchsorted(self.keys, query)
        at[at == len(self.keys)] = 0
        known = np.where(self.keys[at] == query, self.values[at], 0.0)
        return sum(known.tolist())


def _similar_pairs(docs: list[StoryDoc], vectors: list[dict[str, float]]) -> _Similarities:
    """Cosine of every pair of articles that share a feature rare enough to block on."""
    limit = posting_limit(len(docs))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for feature in vector:
            postings[feature].append(i)
    n = len(docs)
    sims: dict[int, float] = {}
    for feature in sorted(postings):
        members = postings[feature]
        if len(members) > limit:
            continue
        for m, i in enumerate(members):
            for j in members[m + 1 :]:
                key = i * n + j
                if key not in sims and not _apart(docs[i], docs[j]):
                    sims[key] = _cosine(vectors[i], vectors[j])
    return _Similarities(n, sims)


def posting_limit(articles: int) -> int:
    """The most articles a feature may be in and still link pairs, in a corpus of
    ``articles``: ``MAX_DOC_SHARE`` of it, within ``MIN_DOC_LIMIT`` and ``MAX_DOC_LIMIT``."""
    return min(MAX_DOC_LIMIT, max(MIN_DOC_LIMIT, int(MAX_DOC_SHARE * articles)))


def _apart(a: StoryDoc, b: StoryDoc) -> bool:
    return a.reliable and b.reliable and abs(a.published - b.published) > APART_DAYS


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[f] for f, v in a.items() if f in b)


def _average_link(n: int, sims: _Similarities, docs: list[StoryDoc]) -> list[list[int]]:
    """Average-link clustering over the known similarities (an unknown pair counts 0)."""
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for i, j, _ in sims.strongest(JOIN):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = members[ci], members[cj]
        if any(_apart(docs[x], docs[y]) for x in a for y in b):
            continue
        if sims.total(a, b) / (len(a) * len(b)) < JOIN:
            continue
        low, high = sorted((ci, cj))
        for k in members[high]:
            cluster_of[k] = low
        members[low] = sorted(members[low] + members.pop(high))
    return [members[k] for k in sorted(members)]
