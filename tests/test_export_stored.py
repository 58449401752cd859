"""The network, timeline and table writers read a stored graph item by item.

A build hands the writers a graph whose events, actors and links are ``stored.StoredList``s
(resolve/parts.py ``join_parts``): each item is read back from a file when it is asked for.
These writers write the same bytes from it as from the graph held in memory, and hold only
small keys per item (ids, indices, sort keys, headlines), never every event, actor or link:
what they hold stays a small part of what is stored.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from kg_fixtures import (
    ARTICLE_A,
    ARTICLE_B,
    link_source,
    make_empty_kg,
    make_kg,
    make_provenance,
    make_source,
    stored_kg,
)
from test_export_writers import hostile_kg
from timelinegraph.export.gexf import write_gexf
from timelinegraph.export.graphml import write_graphml
from timelinegraph.export.table import (
    write_events_csv,
    write_events_parquet,
    write_mentions_csv,
    write_mentions_parquet,
)
from timelinegraph.export.timeline import order_records, write_timeline
from timelinegraph.graph.network import network_rows
from timelinegraph.models import (
    ActorType,
    EventBounds,
    EventTime,
    KnowledgeGraph,
    ResolvedActor,
    ResolvedLink,
    TemporalRelation,
)

Writer = Callable[[KnowledgeGraph, Path], Path]
WRITERS = [
    write_graphml,
    write_gexf,
    write_timeline,
    write_events_csv,
    write_events_parquet,
    write_mentions_csv,
    write_mentions_parquet,
]


def repeated_kg() -> KnowledgeGraph:
    """make_kg() with an event, an actor and a link listed twice under one id (the second
    different), and an event placed by another's date: every item of an id adds its edges,
    the last one gives the node and the slide."""
    kg = make_kg()
    day = next(event for event in kg.events if event.id == "ev-day")
    again = day.model_copy(
        update={"headline": "struck again", "targets": ["state-egypt"], "location": None}
    )
    after = day.model_copy(
        update={
            "id": "ev-later",
            "time": EventTime(source="expression"),
            "bounds": EventBounds(earliest=None, latest=None, earliest_from="ev-month"),
        }
    )
    hamas = next(actor for actor in kg.actors if actor.id == "org-hamas")
    renamed = hamas.model_copy(update={"name": "Hamas (again)", "sources": []})
    link = kg.links[0].model_copy(update={"confidence": 0.3, "rule": "again"})

    def by_id(items: list) -> list:
        return sorted(items, key=lambda item: item.id)  # stable: the second stays second

    return kg.model_copy(
        update={
            "events": by_id([*kg.events, again, after]),
            "actors": by_id([*kg.actors, renamed]),
            "links": by_id([*kg.links, link]),
        }
    )


KGS = {"fixture": make_kg, "hostile": hostile_kg, "repeated": repeated_kg, "empty": make_empty_kg}


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize("name", KGS)
def test_a_stored_graph_writes_the_bytes_of_the_graph_in_memory(
    write: Writer, name: str, tmp_path: Path
) -> None:
    kg = KGS[name]()
    (tmp_path / "store").mkdir()
    stored = stored_kg(kg, tmp_path / "store")
    in_memory = write(kg, tmp_path / "memory").read_bytes()
    assert write(stored, tmp_path / "stored").read_bytes() == in_memory


@pytest.mark.parametrize("name", KGS)
def test_a_stored_graph_gives_the_same_network_and_order_records(name: str, tmp_path: Path) -> None:
    kg = KGS[name]()
    stored = stored_kg(kg, tmp_path)
    assert repr(network_rows(stored)) == repr(network_rows(kg))
    assert order_records(stored) == order_records(kg)


# ---------- what a writer holds of a stored graph ----------

SENTENCE = "A long sentence, told once about one thing only. " * 80  # 4,000 characters


def distinct_kg(count: int = 1500) -> KnowledgeGraph:
    """make_kg() with ``count`` more events, each with three actors of its own (agent, target,
    attribution) and a link to the event before it; every event, actor and link told by long
    sentences no other item has, so each stored item is large (about 24 KB an event, 4 KB
    an actor or a link, 65 MB in all)."""
    kg = make_kg()
    day = next(event for event in kg.events if event.id == "ev-day")
    events, actors, links = [], [], []
    for n in range(count):
        told = [
            make_source(f"e{k}", "hit", article, 100 * k, f"{n}.{k}: {SENTENCE}")
            for k, article in enumerate([ARTICLE_A, ARTICLE_B] * 3)
        ]
        roles = {role: f"actor-{n:04d}-{role}" for role in ("agent", "target", "said")}
        events.append(
            day.model_copy(
                update={
                    "id": f"ev-{n:04d}",
                    "headline": f"event {n}",
                    "sources": told,
                    "agents": [roles["agent"]],
                    "targets": [roles["target"]],
                    "attributions": [roles["said"]],
                }
            )
        )
        actors.extend(
            ResolvedActor(
                id=actor_id,
                name=f"Actor {n} {role}",
                type=ActorType.PERSON,
                aliases=[],
                roles=[],
                sources=[make_source("a1", "Actor", ARTICLE_A, 10, f"{actor_id}: {SENTENCE}")],
            )
            for role, actor_id in roles.items()
        )
        if n:
            links.append(_link(n, f"ev-{n:04d}", f"ev-{n - 1:04d}"))
    return kg.model_copy(
        update={
            "events": sorted([*kg.events, *events], key=lambda e: e.id),
            "actors": sorted([*kg.actors, *actors], key=lambda a: a.id),
            "links": sorted([*kg.links, *links], key=lambda link: link.id),
        }
    )


def _link(n: int, source: str, target: str) -> ResolvedLink:
    stated = link_source(source, TemporalRelation.AFTER, target, 0)
    stated = stated.model_copy(
        update={"provenance": make_provenance(ARTICLE_A, 0, 5, f"link {n}: {SENTENCE}")}
    )
    return ResolvedLink(
        id=f"link-{n:04d}",
        source=source,
        target=target,
        target_kind="event",
        relation=TemporalRelation.AFTER,
        confidence=0.8,
        rule="signal",
        sources=[stated],
    )


@pytest.fixture(scope="module")
def distinct_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, int]:
    """``distinct_kg()`` stored, and the size of its stored lists."""
    folder = tmp_path_factory.mktemp("store")
    kg = stored_kg(distinct_kg(), folder)
    return kg, sum(path.stat().st_size for path in folder.iterdir())


@pytest.mark.parametrize("write", [write_graphml, write_gexf, write_timeline, write_events_csv])
def test_a_writer_holds_a_small_part_of_a_stored_graph(
    write: Writer, distinct_store: tuple[KnowledgeGraph, int], tmp_path: Path
) -> None:
    kg, stored = distinct_store
    tracemalloc.start()
    try:
        write(kg, tmp_path / "out")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert stored > 60_000_000
    # Held, of 65 MB stored: GraphML and GEXF 3.6 MB, the timeline 9.0 MB and the events
    # table 4.7 MB, of which 4.2 MB are the actors ``by_id`` keeps (``stored.RECENT``) and, in
    # the timeline, about 4 MB its text in pieces. Before: 38 MB (the table: every actor),
    # 111 MB (the timeline), 165 MB (GraphML, GEXF).
    assert peak < stored / 4, f"{peak:,} bytes held of a graph of {stored:,} stored"
