"""QA report: each section on small graphs, SHACL, safe Markdown, determinism, the seed."""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path

import pytest

from kg_fixtures import (
    ARTICLE_A,
    ARTICLE_B,
    HOSTILE_ID,
    HOSTILE_NAME,
    HOSTILE_SENTENCE,
    make_articles,
    make_empty_kg,
    make_kg,
    make_source,
)
from tg_paths import EXPORTS, ROOT, SEEDS
from timelinegraph.export import report_checks
from timelinegraph.export.report import build_report, md, render_report, write_report
from timelinegraph.export.report_checks import duplicate_actors, duplicate_events, within_one_edit
from timelinegraph.models import (
    ActorType,
    ArticleInfo,
    EventTime,
    EventType,
    Granularity,
    KnowledgeGraph,
    Modality,
    Polarity,
    Quantity,
    ResolvedActor,
    ResolvedEvent,
)
from timelinegraph.registry import ALIASES, DEFAULT_FORMATS, EXPORTERS, resolve_formats

# A name that has broken Markdown tables and HTML renderers somewhere.
EVIL = "Evil | `tick` <b>bold</b>\nnext *em* _u_ [l](http://x) $m$ \\ &amp; ~s~\u2028end"


def actor(actor_id: str, name: str, kind: ActorType, **extra: object) -> ResolvedActor:
    sources = [make_source("a1", name[:20], ARTICLE_A, 10, f"{name} spoke.")]
    fields = {"aliases": [], "roles": [], **extra}
    return ResolvedActor(id=actor_id, name=name, type=kind, sources=sources, **fields)


def event(event_id: str, time: EventTime | None = None, **extra: object) -> ResolvedEvent:
    fields: dict[str, object] = {
        "type": EventType.ASSAULT,
        "trigger": "struck",
        "lemma": "strike",
        "agents": [],
        "targets": [],
        "time": time
        or EventTime(
            value="2024-02-05",
            granularity=Granularity.DAY,
            earliest=date(2024, 2, 5),
            latest=date(2024, 2, 5),
            source="expression",
        ),
        "polarity": Polarity.POSITIVE,
        "modality": Modality.ASSERTED,
        "sources": [make_source("e1", "struck", ARTICLE_A, 120, "Israel struck Rafah.")],
        **extra,
    }
    return ResolvedEvent(id=event_id, **fields)  # type: ignore[arg-type]


def graph(actors=(), events=(), articles=None) -> KnowledgeGraph:  # type: ignore[no-untyped-def]
    return KnowledgeGraph(
        articles=make_articles() if articles is None else articles,
        actors=sorted(actors, key=lambda a: a.id),
        events=sorted(events, key=lambda e: e.id),
        relations=[],
    )


# --------------------------------------------------------------------------- 1. summary


def test_summary_counts_and_date_shares() -> None:
    summary = build_report(make_kg()).summary
    assert summary.articles == 2 and summary.relations == 4
    assert summary.actors_by_type == {
        "GROUP": 1,
        "ORGANIZATION": 1,
        "PERSON": 1,
        "PLACE": 1,
        "STATE": 2,
    }
    assert sum(summary.events_by_type.values()) == 6
    # ev-day is one day; ev-month, ev-year, ev-merged ("around"), ev-between are bounded
    assert (summary.exact_date, summary.bounded_date, summary.no_date) == (1, 4, 1)
    assert summary.fallback_date == 1  # ev-between: bounded by a report
    assert summary.with_actor == 4
    text = render_report(build_report(make_kg()))
    assert "| events with an exact date (one day) | 1 | 16.7% |" in text
    assert "| events with at least one actor (agent or target) | 4 | 66.7% |" in text


def test_empty_graph_renders() -> None:
    text = render_report(build_report(make_empty_kg()))
    assert "| events with no date | 0 | – |" in text
    assert "0 pairs of actors." in text and "conforms to" in text


# --------------------------------------------------------------------------- 2. actors


def test_duplicate_actors_by_rule() -> None:
    actors = [
        actor("person-john-smith", "John Smith", ActorType.PERSON),
        actor("person-jane-smith", "Jane Smith", ActorType.PERSON),
        actor("person-smith", "Smith", ActorType.PERSON),
        actor("person-joe-biden", "Joe Biden", ActorType.PERSON),
        actor("person-president-joe-biden", "President Joe Biden", ActorType.PERSON),
        actor("person-benjamin-netanyahu", "Benjamin Netanyahu", ActorType.PERSON),
        actor("person-benjamin-netanyahou", "Benjamin Netanyahou", ActorType.PERSON),
        actor("organization-idf", "IDF", ActorType.ORGANIZATION),
        actor(
            "organization-israel-defense-forces", "Israel Defense Forces", ActorType.ORGANIZATION
        ),
        actor("state-israel", "Israel", ActorType.STATE, country="IL"),
        actor("place-israel", "Israel", ActorType.PLACE),
        actor("state-gambia", "Gambia", ActorType.STATE, country="GM"),  # one edit from Zambia,
        actor("state-zambia", "Zambia", ActorType.STATE, country="ZM"),  # but two countries
        actor("person-rafah", "Rafah", ActorType.PERSON),  # persons never pair with places
        actor("place-rafah", "Rafah", ActorType.PLACE),
    ]
    pairs = {(p.first.id, p.second.id): p for p in duplicate_actors(actors)}
    assert set(pairs) == {
        ("person-joe-biden", "person-president-joe-biden"),
        ("place-israel", "state-israel"),
        ("person-jane-smith", "person-smith"),
        ("person-john-smith", "person-smith"),
        ("person-benjamin-netanyahou", "person-benjamin-netanyahu"),
        ("organization-idf", "organization-israel-defense-forces"),
    }
    assert pairs[("person-joe-biden", "person-president-joe-biden")].rule == "same-name"
    # the resolver joins these two (titles dropped): two nodes come from two stories
    biden = pairs[("person-joe-biden", "person-president-joe-biden")].why_apart
    assert biden.startswith("the merge rules join them") and "'joe biden'" in biden
    assert "country code" in pairs[("place-israel", "state-israel")].why_apart
    smith = pairs[("person-john-smith", "person-smith")]
    assert smith.rule == "surname" and smith.ambiguous
    assert "2 full names end in 'Smith' ('Jane Smith', 'John Smith')" in smith.why_apart
    idf = pairs[("organization-idf", "organization-israel-defense-forces")].why_apart
    assert "'IDF' is not defined as the acronym" in idf
    assert pairs[("person-benjamin-netanyahou", "person-benjamin-netanyahu")].rule == "spelling"
    assert pairs[("organization-idf", "organization-israel-defense-forces")].rule == "acronym"
    ordered = duplicate_actors(actors)
    assert [p.ambiguous for p in ordered] == sorted(p.ambiguous for p in ordered)  # sure first


def test_duplicate_actor_search_is_linear_and_skips_unnamed_groups() -> None:
    # 200 actors of one name (one per story) would be 19,900 pairs compared all with all;
    # each is compared with the next ACTOR_WINDOW of its block instead
    felts = [actor(f"person-felt-{i:03d}", "Felt", ActorType.PERSON) for i in range(200)]
    police = [actor(f"group-police-{i:03d}", "police", ActorType.GROUP) for i in range(50)]
    pairs = duplicate_actors(felts + police)
    window = report_checks.ACTOR_WINDOW
    assert len(pairs) == sum(min(window, 199 - i) for i in range(200))
    assert all(p.first.name == p.second.name == "Felt" for p in pairs)  # no police pair


def test_subset_name_with_one_carrier_is_not_ambiguous() -> None:
    pairs = duplicate_actors(
        [
            actor("person-eric-kirkpatrick", "Eric Kirkpatrick", ActorType.PERSON),
            actor("person-eric-allen-kirkpatrick", "Eric Allen Kirkpatrick", ActorType.PERSON),
        ]
    )
    assert [(p.rule, p.ambiguous) for p in pairs] == [("surname", False)]
    # middle names are dropped before matching: the resolver would have joined them
    assert pairs[0].why_apart.startswith("the merge rules join them")


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("netanyahu", "netanyahou", True),
        ("gaza", "gazza", True),
        ("abc", "abcd", True),
        ("abcd", "abdc", False),
        ("israel", "israel", True),
        ("hamas", "hezbollah", False),
    ],
)
def test_within_one_edit(a: str, b: str, close: bool) -> None:
    assert within_one_edit(a, b) is close and within_one_edit(b, a) is close


def test_a_name_of_thousands_of_characters_costs_no_more_than_its_length() -> None:
    """Regression (found by the fuzz campaign): the spelling check made one key per letter of
    every name, each as long as the name: a 200,000-character "name" (a run of 'A&' spaCy
    took for one organisation) needed 40 billion characters, and the build was killed."""
    import tracemalloc

    long = "A&" * 10_000
    actors = [
        actor("org-long", long, ActorType.ORGANIZATION),
        actor("org-longer", long + "B", ActorType.ORGANIZATION),
        actor("org-a", "Palestinian Islamic Jihad Movement " * 2 + "x", ActorType.ORGANIZATION),
        actor("org-b", "Palestinian Islamic Jihad Movement " * 2 + "xy", ActorType.ORGANIZATION),
    ]
    tracemalloc.start()
    try:
        pairs = duplicate_actors(actors)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, f"{peak:,} bytes"
    assert [(p.first.id, p.second.id, p.rule) for p in pairs] == [("org-a", "org-b", "spelling")]


def test_duplicate_actors_stay_fast_on_10000_actors() -> None:
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("aeioubdklmnrst") for _ in range(rng.randint(4, 8))).title()

    givens = [word() for _ in range(60)]
    actors = [
        actor(f"person-{i}", f"{rng.choice(givens)} {word()}", ActorType.PERSON)
        for i in range(7000)
    ] + [
        actor(f"org-{i}", f"{word()} {word()} Council", ActorType.ORGANIZATION) for i in range(3000)
    ]
    started = time.perf_counter()
    duplicate_actors(actors)
    assert time.perf_counter() - started < 20  # blocked: well under a second; all pairs: hours


def test_numbers_are_not_spelling_variants() -> None:
    pairs = duplicate_actors(
        [
            actor("group-brigade-5", "Brigade 5", ActorType.GROUP),
            actor("group-brigade-6", "Brigade 6", ActorType.GROUP),
            actor("group-brigade", "Brigade", ActorType.GROUP),
        ]
    )
    assert pairs == []


# --------------------------------------------------------------------------- 3. events


def test_duplicate_events_say_what_kept_them_apart() -> None:
    day6 = EventTime(
        value="2024-02-06",
        granularity=Granularity.DAY,
        earliest=date(2024, 2, 6),
        latest=date(2024, 2, 6),
        source="expression",
    )
    events = [
        event("ev-1", agents=["state-israel"], targets=["place-rafah"]),
        event("ev-2", day6, agents=["state-israel"]),  # another day
        event("ev-3", agents=["state-israel"], polarity=Polarity.NEGATIVE),
        event("ev-4", agents=["state-egypt"]),  # no participant in common with the others
        event("ev-5", agents=["state-israel"], type=EventType.COERCE),  # another type
    ]
    names = {"state-israel": "Israel", "place-rafah": "Rafah"}
    people = {"state-israel", "state-egypt"}
    pairs = {(p.first.id, p.second.id): p for p in duplicate_events(events, names, people)}
    assert set(pairs) == {("ev-1", "ev-2"), ("ev-1", "ev-3"), ("ev-2", "ev-3")}
    assert pairs[("ev-1", "ev-2")].kept_apart_by == ["dates 2024-02-05 / 2024-02-06"]
    assert pairs[("ev-1", "ev-3")].kept_apart_by == ["polarity POS / NEG"]
    assert pairs[("ev-1", "ev-2")].shared == ["Israel"]
    assert len(pairs[("ev-2", "ev-3")].kept_apart_by) == 2


def test_agreeing_events_point_at_their_mentions() -> None:
    pairs = duplicate_events(
        [event("ev-1", agents=["state-israel"]), event("ev-2", agents=["state-israel"])],
        {},
        {"state-israel"},
    )
    assert "a mention of one conflicts" in pairs[0].kept_apart_by[0]


# --------------------------------------------------------------------------- 4, 5. dates, actors


def test_no_date_no_actor_and_fallbacks() -> None:
    report = build_report(make_kg())
    assert [e.id for e in report.undated_events] == ["ev-none"]
    assert [e.id for e in report.actorless_events] == ["ev-between", "ev-none"]
    assert [(f.event.id, f.source) for f in report.date_fallbacks] == [("ev-between", "report")]
    where = report.undated_events[0].where
    assert where is not None and where.article_id == ARTICLE_A  # first by article id
    text = render_report(report)
    assert "1 event with no time value and no bounds." in text
    assert "2 events with no agent and no target." in text


def test_articles_not_dated_by_their_metadata_are_listed_with_how() -> None:
    articles = [
        ArticleInfo(id="art-a", published=date(2024, 3, 7)),
        ArticleInfo(id="art-b", published=date(2024, 3, 8), published_source="default"),
        ArticleInfo(id="art-c", published=date(2024, 3, 1), published_source="body"),
        ArticleInfo(id="art-d", published=date(2024, 3, 6), published_source="url"),
    ]
    report = build_report(graph(articles=articles))
    assert [(a.id, a.published_source) for a in report.inferred_dates] == [
        ("art-b", "default"),
        ("art-c", "body"),
        ("art-d", "url"),
    ]
    assert report.summary.dated == {"metadata": 1, "url": 1, "body": 1, "default": 1}
    text = render_report(report)
    assert "| art-b |  | 2024-03-08 | default |" in text
    assert "| articles not dated by their metadata | 3 |" in text
    section = text[text.index("### How the articles were dated") :]
    rows = [line.split(" | ")[:2] for line in section.splitlines()[4:8]]
    assert rows == [["| metadata", "1"], ["| url", "1"], ["| body", "1"], ["| default", "1"]]
    assert "relative dates (Saturday, last week) are left unresolved" in section


# --------------------------------------------------------------------------- 7. figures


def death_toll_event() -> ResolvedEvent:
    first = "The war has killed 30,000 Palestinians, officials said."
    second = "The war has now killed 31,000 Palestinians, officials said."
    sources = [
        make_source("e1", "killed", ARTICLE_A, 100 + first.index("killed"), first),
        make_source("e2", "killed", ARTICLE_B, 500 + second.index("killed"), second),
    ]
    quantities = [
        Quantity(
            value=30000,
            unit="palestinian",
            text="30,000 Palestinians",
            start=100 + first.index("30,000"),
            end=100 + first.index(" officials") - 1,
        ),
        Quantity(
            value=31000,
            unit="palestinian",
            text="31,000 Palestinians",
            start=500 + second.index("31,000"),
            end=500 + second.index(" officials") - 1,
        ),
        Quantity(value=12, unit="", text="12", start=0, end=2),  # no unit: never compared
    ]
    return event("ev-war", trigger="killed", lemma="kill", sources=sources, quantities=quantities)


def test_conflicting_death_tolls_take_the_latest_source() -> None:
    report = build_report(graph(events=[death_toll_event()]))
    [conflict] = report.quantity_conflicts
    assert conflict.unit == "palestinian"
    assert conflict.current.value == 31000 and conflict.current.article_id == ARTICLE_B
    assert [(f.value, f.article_id, str(f.published)) for f in conflict.figures] == [
        (31000, ARTICLE_B, "2024-03-11"),
        (30000, ARTICLE_A, "2024-02-05"),
    ]
    text = render_report(report)
    assert "| 31,000: “31,000 Palestinians” | yes | art-b (2024-03-11) |" in text
    assert "most recently published source" in text


def test_equal_dates_take_the_largest_and_one_sentence_is_no_conflict() -> None:
    same_day = [
        ArticleInfo(id=ARTICLE_A, published=date(2024, 3, 7)),
        ArticleInfo(id=ARTICLE_B, published=date(2024, 3, 7)),
    ]
    [conflict] = build_report(
        graph(events=[death_toll_event()], articles=same_day)
    ).quantity_conflicts
    assert conflict.current.value == 31000
    sentence = "A total of 288 candidates run, with 37 of the candidates in the capital."
    part_of = event(
        "ev-run",
        sources=[make_source("e1", "run", ARTICLE_A, 10 + sentence.index("run"), sentence)],
        quantities=[
            Quantity(
                value=288,
                unit="candidate",
                text="288 candidates",
                start=10 + sentence.index("288"),
                end=10 + sentence.index(" run"),
            ),
            Quantity(
                value=37,
                unit="candidate",
                text="37 of the candidates",
                start=10 + sentence.index("37"),
                end=10 + sentence.index(" in the"),
            ),
        ],
    )
    assert build_report(graph(events=[part_of])).quantity_conflicts == []


def test_figure_found_in_no_sentence_is_reported_as_such() -> None:
    toll = death_toll_event()
    moved = toll.quantities[0].model_copy(update={"start": 5000, "end": 5019})
    report = build_report(
        graph(events=[toll.model_copy(update={"quantities": [moved, toll.quantities[1]]})])
    )
    [conflict] = report.quantity_conflicts
    assert conflict.figures[-1].article_id is None
    assert "not found in any source sentence" in render_report(report)


# --------------------------------------------------------------------------- 6. SHACL


def test_shapes_are_found_in_the_checkout() -> None:
    found = report_checks.shapes_file()  # the checkout's, or a packaged copy of it
    assert found is not None
    assert found.read_bytes() == (ROOT / "schemas" / "shapes.ttl").read_bytes()


def test_fixture_graph_conforms() -> None:
    shacl = build_report(make_kg()).shacl
    assert shacl.ran and shacl.conforms and shacl.violations == []


def test_dangling_references_are_shacl_violations() -> None:
    # an event derived from an article the graph does not have, with an unknown agent
    orphan = event(
        "ev-orphan",
        agents=["person-nobody"],
        sources=[make_source("e1", "struck", "art-missing", 5, "It struck.")],
    )
    shacl = build_report(graph(events=[orphan])).shacl
    assert shacl.ran and shacl.conforms is False
    found = {(v.focus, v.path) for v in shacl.violations}
    assert ("event/ev-orphan", "prov:wasDerivedFrom") in found
    assert ("event/ev-orphan", "tg:agent") in found
    assert "actor/person-nobody" in {v.value for v in shacl.violations}
    assert all(v.severity == "Violation" for v in shacl.violations)
    text = render_report(build_report(graph(events=[orphan])))
    assert "does not conform to" in text
    assert "An event is derived from at least one article." in text


def test_missing_shapes_are_reported_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_checks, "shapes_file", lambda: None)
    report = build_report(make_kg())
    assert not report.shacl.ran
    assert "Not run: shapes.ttl is missing" in render_report(report)


# --------------------------------------------------------------------------- Markdown


def test_md_escapes_everything_that_could_break_a_cell() -> None:
    cell = md(EVIL)
    assert "\n" not in cell and "\u2028" not in cell and "<" not in cell and ">" not in cell
    assert "\\|" in cell and "\\`" in cell and "\\*em\\*" in cell and "\\_u\\_" in cell
    assert "&amp;amp;" in cell and "\\[l\\](http://x)" in cell
    assert md("publication_date") == "publication_date"  # intraword "_" is literal
    assert md("x" * 300, 10) == "x" * 9 + "…"


def hostile_kg() -> KnowledgeGraph:
    actors = [
        actor("person-evil", EVIL, ActorType.PERSON),
        actor("person-mr-evil", "Mr. " + EVIL, ActorType.PERSON),
        actor(HOSTILE_ID, HOSTILE_NAME, ActorType.PERSON),
    ]
    events = [
        event(
            "ev-evil",
            EventTime(source="publication_date"),
            trigger=EVIL,
            sources=[make_source("e1", EVIL, ARTICLE_A, 3, HOSTILE_SENTENCE + EVIL)],
        ),
        event(
            "ev-evil-2",
            agents=["person-evil"],
            trigger=EVIL,
            sources=[make_source("e1", "x", ARTICLE_B, 3, EVIL)],
        ),
        event(
            "ev-evil-3",
            agents=["person-evil"],
            polarity=Polarity.NEGATIVE,
            sources=[make_source("e1", "x", ARTICLE_B, 9, EVIL)],
        ),
    ]
    return graph(actors=actors, events=events)


def test_hostile_text_keeps_tables_intact_and_injects_no_html() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = render_report(build_report(hostile_kg()))
    assert "<b>" not in text and "<script>" not in text and "Evil | " not in text
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(text)
    assert not [t for t in tokens if t.type.startswith("html")]
    inline_html = [c for t in tokens for c in (t.children or []) if c.type == "html_inline"]
    assert not inline_html
    # every row of every table has exactly the header's number of cells
    tables, cells, header = 0, 0, 0
    for token in tokens:
        if token.type == "table_open":
            tables += 1
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            header = cells if header == 0 else header
            assert cells == header
        elif token.type == "table_close":
            header = 0
    assert tables >= 5
    # the name comes back, as text, whole (line breaks as spaces)
    shown = "".join(c.content for t in tokens for c in (t.children or []) if c.type == "text")
    assert "Evil | `tick` <b>bold</b> next *em* _u_ [l](http://x) $m$ \\ &amp; ~s~ end" in shown


# --------------------------------------------------------------------------- determinism


def test_same_graph_same_bytes(tmp_path: Path) -> None:
    kg = hostile_kg()
    first = write_report(kg, tmp_path / "one" / "report.md").read_bytes()
    second = write_report(
        KnowledgeGraph.model_validate_json(kg.model_dump_json()), tmp_path / "two" / "report.md"
    ).read_bytes()
    assert first == second and first.endswith(b"\n") and not first.endswith(b"\n\n")
    assert str(tmp_path).encode() not in first and b"\r" not in first
    assert render_report(build_report(make_kg())) == render_report(build_report(make_kg()))


def test_lists_are_capped_with_a_count() -> None:
    events = [event(f"ev-{i:03d}", EventTime(source="expression")) for i in range(60)]
    text = render_report(build_report(graph(events=events)), limit=50)
    assert "60 events with no time value and no bounds." in text
    assert "10 more not shown." in text
    assert "ev-049" in text and "ev-050" not in text.split("### No actor")[0]


# --------------------------------------------------------------------------- registry, seed


def test_report_is_a_default_format() -> None:
    assert "report" in resolve_formats(None) and "report" in DEFAULT_FORMATS
    assert resolve_formats(["qa"]) == resolve_formats(["md"]) == ["report"]
    assert ALIASES["qa"] == "report"
    filename, writer = EXPORTERS["report"]
    assert filename == "report.md" and writer.func is write_report


def test_committed_report_is_what_the_seed_builds(tmp_path: Path) -> None:
    from timelinegraph.pipeline import build

    build([SEEDS], tmp_path, formats=["report"])
    assert (tmp_path / "report.md").read_bytes() == (EXPORTS / "report.md").read_bytes(), (
        "exports/report.md is stale: run `timelinegraph build seeds/ --out exports/`"
    )


def test_shapes_come_from_the_installed_schemas_package() -> None:
    # the package's schemas are the repo's schemas/ (one copy, installed through a symlink)
    assert (
        report_checks.shapes_file().read_bytes() == (ROOT / "schemas" / "shapes.ttl").read_bytes()
    )


def test_order_section_lists_the_dropped_link_with_its_sentences() -> None:
    text = render_report(build_report(make_kg()))
    section = text.split("## 10. Order across articles", 1)[1]
    assert "- 3 links between events, 1 between an event and a time" in section
    assert "- 1 event dated more narrowly by the links than by their own words" in section
    assert "1 contradiction (a link dropped)." in section
    [row] = [line for line in section.splitlines() if line.startswith("| cycle")]
    assert "“talks” (ev-month) BEFORE “threatened” (ev-none) (confidence 0.4)" in row
    assert "art-a, sentence 2: “He said" in row and "&lt;script&gt;" in row  # escaped
    assert row.count(" | ") == 4  # five cells: nothing in the sentences broke the table
    assert "| temporal links dropped as contradictions | 1 |" in text
