"""``timelinegraph eval --timelines GOLD CORPUS``: SemEval-2015 Task 4 (TimeLine), Track A.

The corpus (the task's raw CAT files) is built like any folder of articles; each target
entity's timeline is then what ``timelinegraph timeline ENTITY --format semeval`` writes from
that build, into one file per entity named as the task names them (``general_motors.txt``),
and the folder is scored against the gold timelines with the task's published procedure
(``timeline_eval``: temporal awareness over the timelines' relations, micro-averaged).

Target entities come from the task's ``list_target_entities*.txt`` next to the corpus or the
gold folder, else from the first line of each gold timeline. An entity is the actors its name
names (``match_entity``: the task's names are not the build's); an entity the build has no
actor for gets an empty timeline, which scores nothing.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..chronicle import actor_timeline, render_semeval
from ..chronicle.read import ActorInfo, actors, find_actor
from ..errors import InputError, TimelineGraphError
from ..explain import load_graph
from ..ingest.cat import CatTokens, read_cat_tokens
from .tempeval import AwarenessScore
from .timeline_eval import read_timelines, score_timeline_folders

__all__ = [
    "TimelineRun",
    "cat_numbering",
    "entity_file",
    "evaluate_timelines",
    "match_entity",
    "normalised_name",
    "render_run",
    "target_entities",
]


@dataclass
class TimelineRun:
    gold: Path
    written: Path
    entities: dict[str, str | None] = field(default_factory=dict)  # entity -> actor id found
    anchored: AwarenessScore = field(default_factory=AwarenessScore)  # ordering and anchors
    ordering: AwarenessScore = field(default_factory=AwarenessScore)  # ordering only
    articles: int = 0


def cat_numbering(paths: Iterable[Path]) -> dict[str, CatTokens]:
    """The CAT numbering of every ``*.xml`` CAT file under ``paths``, by article id."""
    found: dict[str, CatTokens] = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.xml"))
        for path in files:
            try:
                tokens = read_cat_tokens(path, path.read_text(encoding="utf-8"))
            except (InputError, OSError, UnicodeDecodeError):
                continue  # not a CAT file: its mentions cannot be numbered
            found[tokens.article_id] = tokens
    return found


def entity_file(entity: str) -> str:
    """The task's file name for an entity: 'General Motors' -> 'general_motors.txt'."""
    return "_".join(entity.lower().split()) + ".txt"


def target_entities(gold: Path, corpus: Path) -> list[str]:
    """The task's list of target entities, else the gold timelines' first lines."""
    for folder in (corpus.parent, gold.parent, corpus, gold):
        listed = sorted(folder.glob("list_target_entities*.txt"))
        if listed:
            lines = listed[0].read_text(encoding="utf-8").splitlines()
            return [line.strip() for line in lines if line.strip()]
    return [timeline.entity for timeline in read_timelines(gold).values()]


# Words a company's name may carry or not: "General Motors Corporation" is General Motors.
_CORPORATE = frozenset(
    {"corporation", "corp", "inc", "incorporated", "llc", "ltd", "co", "company", "group",
     "plc", "the"}
)  # fmt: skip
CLOSE_NAME = 0.8  # difflib ratio of normalised names: "United Auto(mobile) Workers"


def normalised_name(name: str) -> str:
    """Letters and digits only, corporate words dropped: "``DaimlerChrysler Corporation" and
    "Daimler Chrysler" are both "daimlerchrysler"."""
    words = re.findall(r"[^\W_]+", name.casefold())
    return "".join(w for w in words if w not in _CORPORATE) or "".join(words)


def match_entity(known: list[ActorInfo], entity: str) -> list[ActorInfo]:
    """The actors a target entity names, taken as one: an actor found as ``timeline`` finds
    one, else every actor whose normalised name or alias is the entity's, else the one person
    with its last name and first initial, else the one whose normalised name is closest (at
    least ``CLOSE_NAME``). Leniency for the task only, whose
    entity names are not the build's: "Daimler Chrysler" is the build's "DaimlerChrysler"."""
    try:
        exact = find_actor(known, entity)
    except TimelineGraphError:
        exact = None
    key = normalised_name(entity)
    same = [a for a in known if key in {normalised_name(n) for n in (a.name, *a.aliases)}]
    if exact is not None:
        return [exact, *(a for a in same if a != exact)]
    if same:
        return same
    initials = [a for a in known if _initialled(entity, a.name)]
    if len(initials) == 1:
        return initials
    scored = [
        (difflib.SequenceMatcher(None, key, normalised_name(name)).ratio(), actor.id, actor)
        for actor in known
        for name in (actor.name, *actor.aliases)
    ]
    best = max(scored, default=None, key=lambda found: (found[0], found[1]))
    return [best[2]] if best is not None and best[0] >= CLOSE_NAME else []


def _initialled(entity: str, name: str) -> bool:
    """The same person by another first name: the same last name and first initial
    ("Frederick Henderson", "Fritz Henderson")."""
    mine, theirs = entity.casefold().split(), name.casefold().split()
    return len(mine) == len(theirs) == 2 and mine[1] == theirs[1] and mine[0][0] == theirs[0][0]


def evaluate_timelines(
    gold: Path,
    corpus: Path,
    out: Path,
    *,
    model: str | None = None,
    cache_dir: Path | None = None,
) -> TimelineRun:
    """Build ``corpus``, write each target entity's timeline into ``out`` and score them."""
    from ..pipeline import build  # the NLP stack, only when building

    if not gold.is_dir():
        raise TimelineGraphError(f"{gold}: not a folder of gold timelines")
    out.mkdir(parents=True, exist_ok=True)
    run = TimelineRun(gold=gold, written=out)
    with tempfile.TemporaryDirectory(prefix="tg-timelines-") as folder:
        summary = build(
            [corpus], Path(folder), formats=["turtle"], model=model, cache_dir=cache_dir
        )
        run.articles = summary.articles
        graph = load_graph(Path(folder))
    numbering = cat_numbering([corpus])
    known = actors(graph)
    for entity in target_entities(gold, corpus):
        group = match_entity(known, entity)
        text = entity + "\n"
        if group:
            text = render_semeval(actor_timeline(graph, group), numbering, entity=entity)
        (out / entity_file(entity)).write_text(text, encoding="utf-8")
        run.entities[entity] = ", ".join(a.id for a in group) or None
    run.anchored = score_timeline_folders(gold, out, anchors=True)
    run.ordering = score_timeline_folders(gold, out, anchors=False)
    return run


def render_run(run: TimelineRun) -> str:
    """The scores as the task reports them (micro-averaged), and which entities were found."""
    lines = [f"SemEval-2015 TimeLine, Track A: {run.articles} articles, gold {run.gold}"]
    for name, score in (("ordering and anchors", run.anchored), ("ordering only", run.ordering)):
        lines.append(
            f"  {name:<21} P {score.precision:.4f}  R {score.recall:.4f}  F1 {score.f1:.4f}  "
            f"({score.precision_matched}/{score.system_total} system, "
            f"{score.recall_matched:g}/{score.gold_total} gold relations)"
        )
    found = [e for e, a in run.entities.items() if a is not None]
    lines.append(f"  entities found: {len(found)} of {len(run.entities)}")
    for entity, actor_id in run.entities.items():
        lines.append(f"    {entity}: {actor_id or 'no actor'}")
    lines.append(f"  wrote {run.written}/")
    return "\n".join(lines) + "\n"
