"""How an article was dated, and what that date may anchor: one home for the rule.

Every ``Article`` says how its publication date was found (``published_source``):

* ``metadata`` — the source states it: a ``date`` header, a JSON ``date``/``published``, a
  TimeML DCT, a CAT creation time;
* ``url`` — a full date in the path of the article's URL (``/2013/05/03/``);
* ``dateline`` — a date line near the top of the text (``May 03 , 2013``);
* ``body`` — a guess: the latest full date written in the story (``ingest/dates.py``);
* ``default`` — ``--default-date``, the date the user gave for articles that state none.

The first three are the article's own date and anchor everything. A ``body`` date is often
not the publication date at all but the date of what the story is about (an ECB+ article on
a sentencing is dated by the crime it names), so a guessed article is kept and shows the
guess as its publication date, marked ``body``, but the guess anchors nothing:

* its relative time expressions ("Saturday", "last week", "yesterday", "March 3") get no
  calendar value: the fields the guess would decide are written ``X`` (TIMEX3
  ``XXXX-XX-XX``, ``XXXX-WXX``, ``XXXX-03-03``), while absolute dates ("March 11, 2005",
  "2009") keep theirs;
* no event is placed or bounded by it: an event with no dated expression has an unknown
  time (``EventTime.source`` ``unknown``), not "before the guessed date";
* when events are merged, its times count as little as those resting on a default date:
  only an expression that names its year.

A ``default`` date is the user's explicit choice, so relative expressions are resolved
against it as asked; the merge still trusts only the expressions that name a year (the
same date given to a whole corpus says nothing about any one story), and a merged event
takes its time from the mentions it trusts whenever one of them says anything.

When an article gives a body guess and ``--default-date`` is also set, the guess is kept:
it is at least about this article (usually within days of it, as the date of the story's
event), while the default is one date for every undated file. Either way nothing relative
is resolved against it in the story, so the choice only decides the date shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .models import PublishedSource

__all__ = [
    "DATED_HOW",
    "DATING_ORDER",
    "EXPLAINED",
    "anchors_events",
    "anchors_relative_times",
    "dating_counts",
    "dating_line",
    "guessed",
]

# Order of the summary line: the article's own date first, then the guess and the stand-in.
DATING_ORDER: tuple[PublishedSource, ...] = ("metadata", "url", "dateline", "body", "default")
_OWN_DATE = frozenset({"metadata", "url", "dateline"})

# How a run's summary line says each way ("dated: 3 from metadata, 2 from a URL").
DATED_HOW: dict[str, str] = {
    "metadata": "from metadata",
    "url": "from a URL",
    "dateline": "from a date line",
    "body": "guessed from the body (relative dates left unresolved)",
    "default": "by --default-date",
}
# What each way is and what the date then anchors, for the QA report.
EXPLAINED: dict[str, str] = {
    "metadata": "the source states it (date header, JSON date, TimeML DCT, CAT creation time)",
    "url": "a full date in the path of the article's URL",
    "dateline": "a date line near the top of the text",
    "body": "a guess, the latest full date written in the story: shown as the publication "
    "date, but its relative dates (Saturday, last week) are left unresolved and no event is "
    "dated from it",
    "default": "--default-date, given for articles that state no date: relative dates are "
    "resolved against it, but only dates naming their year keep events apart",
}


def guessed(source: str) -> bool:
    """Whether the date was guessed from dates written in the story."""
    return source == "body"


def anchors_relative_times(source: str) -> bool:
    """Whether "Saturday", "last week", "March 3" are resolved against the article's date
    and events without a dated expression are bounded by it: not for a body guess."""
    return not guessed(source)


def anchors_events(source: str) -> bool:
    """Whether the merge may keep two mentions apart by times worked out from the date: only
    for the article's own date (metadata, URL, date line), never a guess or a default."""
    return source in _OWN_DATE


def dating_counts(sources: Iterable[str]) -> dict[str, int]:
    """How many articles were dated each way, in ``DATING_ORDER`` (zeros left out)."""
    counts = Counter(sources)
    ordered = {source: counts.pop(source) for source in DATING_ORDER if counts.get(source)}
    return ordered | dict(sorted(counts.items()))


def dating_line(counts: dict[str, int]) -> str:
    """One line for a run's summary: ``dated: 350 from metadata, 100 from a URL, 20 from a
    date line, 280 guessed from the body (relative dates left unresolved), 22 by
    --default-date`` (only the ways that dated some article)."""
    parts = [f"{n} {DATED_HOW.get(source, source)}" for source, n in counts.items() if n]
    return "dated: " + (", ".join(parts) if parts else "no articles")
