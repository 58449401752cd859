"""Which pairs are worth a relation: every event with the publication date; an event with each
time expression of its sentence; two events of a sentence that the syntax joins closely or
that are told one after the other; the main events of adjacent sentences (the narrative's
spine, which news tells in order less often than one thinks: the classifier decides).

Relating every pair would cost time and precision: annotators (and readers) order what the
text joins, and the closure of those links orders the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from .nodes import EventNode, TimeNode
from .syntax import dependency_link, depth

__all__ = ["MAX_PAIR_PATH", "event_pairs", "timex_pairs"]

MAX_PAIR_PATH = 2  # dependency steps between two events of a sentence that are paired
# Events told later in the same sentence that are looked at for each event: a news sentence
# rarely holds more than a dozen, and a run-on "sentence" of thousands would otherwise cost
# every pair (quadratic: 3,000 events, 4.5 million dependency paths).
PAIR_WINDOW = 16


def timex_pairs(
    events: Sequence[EventNode], times: Sequence[TimeNode]
) -> list[tuple[EventNode, TimeNode]]:
    by_sentence: dict[int, list[TimeNode]] = {}
    for time in times:
        by_sentence.setdefault(time.sentence, []).append(time)
    return [(e, t) for e in events for t in by_sentence.get(e.sentence, ())]


def event_pairs(events: Sequence[EventNode]) -> list[tuple[EventNode, EventNode]]:
    """Pairs in text order (``a`` told before ``b``), each once."""
    ordered = sorted(events, key=lambda e: e.head.i)
    sentences: dict[int, list[EventNode]] = {}
    for event in ordered:
        sentences.setdefault(event.sentence, []).append(event)
    pairs: list[tuple[EventNode, EventNode]] = []
    for members in sentences.values():
        for i, a in enumerate(members):
            for j in range(i + 1, min(len(members), i + 1 + PAIR_WINDOW)):
                b = members[j]
                if b.head.i == a.head.i:
                    continue
                link = dependency_link(a.head, b.head)
                close = link.top is not None and len(link.up) + len(link.down) <= MAX_PAIR_PATH
                if close or j == i + 1:
                    pairs.append((a, b))
    mains = {s: min(members, key=lambda e: depth(e.head)) for s, members in sentences.items()}
    for s, main in mains.items():
        following = mains.get(s + 1)
        if following is not None:
            pairs.append((main, following))
    return pairs
