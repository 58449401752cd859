"""`timelinegraph query` and the shipped example queries, answered on the seed build."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from loopback import Answer, Loopback, Request, loopback
from tg_paths import EXPORTS, ROOT, SEEDS
from timelinegraph.cli import app
from timelinegraph.errors import QueryTimeout, TimelineGraphError
from timelinegraph.store import (
    DEFAULT_GRAPH,
    example_names,
    load_example,
    load_into_store,
    read_query,
    run_query,
)
from timelinegraph.store.examples import apply_params
from timelinegraph.store.results import Results
from timelinegraph.store.sparql_text import uses_service

runner = CliRunner()

SEED_TEXT = (SEEDS / "000_32f6ff0391692678.txt").read_text(encoding="utf-8")
TIMELINE = json.loads((EXPORTS / "timeline.json").read_text(encoding="utf-8"))["events"]
EXPORT = set(ox.parse(path=str(EXPORTS / "graph.ttl"), format=ox.RdfFormat.TURTLE))
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def in_export(kind: str) -> int:
    """How many nodes of a class (a full IRI) the export's Turtle holds, read without the store."""
    return len({t.subject for t in EXPORT if t.predicate == RDF_TYPE and t.object.value == kind})


def overlapping(start: str, end: str) -> set[str]:
    """The events the timeline export dates within [start, end] (ISO days, inclusive): those
    whose span, earliest..latest (one of them alone for "before"/"after"), meets the range."""
    found = set()
    for event in TIMELINE:
        time = event["timelinegraph"]["time"]
        begin = time.get("earliest") or time.get("value") or time.get("latest")
        until = time.get("latest") or time.get("value") or time.get("earliest")
        if begin and until and begin <= end and until >= start:
            found.add(event["unique_id"])
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query") / "store"
    load_into_store(EXPORTS, folder)
    return folder


def answer(store: Path, example: str, *params: str) -> Results:
    return run_query(read_query(example=example, params=params), store=store)


def count(store: Path, where: str) -> int:
    results = run_query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}", store=store)
    return int(results.column("n")[0])


def test_the_six_examples_ship() -> None:
    assert example_names() == [
        "actor-timeline",
        "article-contributions",
        "event-sources",
        "events-before",
        "events-between",
        "negotiations",
    ]
    for name in example_names():
        example = load_example(name)
        assert example.summary and example.text.startswith(f"# {name}: ")
        assert f"timelinegraph query --example {name}" in example.text  # a command to copy


@pytest.mark.parametrize("name", example_names())
def test_every_example_answers_on_the_seed(store: Path, name: str) -> None:
    results = answer(store, name)
    assert results.rows, f"{name} has no answer on the seed build"
    assert all(any(cell is not None for cell in row) for row in results.rows)


def test_actor_timeline_is_in_date_order(store: Path) -> None:
    hamas = answer(store, "actor-timeline").records()
    whens = [row["when"] for row in hamas]
    assert whens == sorted(whens)
    # first "the Hamas Oct. 7 attacks", last "The group may return to Cairo on Sunday"
    first, last = hamas[0], hamas[-1]
    assert (first["when"], first["trigger"], first["role"]) == ("2023-10-07", "attacks", "agent")
    assert first["type"] == "ASSAULT"
    assert (last["when"], last["trigger"]) == ("2024-03-10", "return")
    pulled_out = next(row for row in hamas if row["trigger"] == "pulled out")
    assert pulled_out["type"] == "REJECT" and pulled_out["role"] == "agent"
    assert pulled_out["sentence"].startswith("Hamas has pulled out of talks")
    # the lead sentence comes first on its day, the publication date
    assert next(row for row in hamas if row["when"] == "2024-03-07") == pulled_out
    # the same as asking the graph directly: every event with Hamas as agent or target
    direct = count(
        store, "?x tg:agent|tg:target <https://w3id.org/timelinegraph/id/actor/organization-hamas>"
    )
    assert len({row["event"] for row in hamas}) == direct


def test_actor_timeline_takes_a_name_or_id_in_any_case(store: Path) -> None:
    by_name = answer(store, "actor-timeline", "actor=yahya sinwar").records()
    by_id = answer(store, "actor-timeline", "actor=person-yahya-sinwar").records()
    assert by_name == by_id == answer(store, "actor-timeline", "actor=YAHYA SINWAR").records()
    # "Yahya Sinwar, has been pushing the Islamist group to extract bigger concessions"
    pushing = next(r for r in by_name if r["trigger"] == "pushing")
    assert pushing["role"] == "agent" and "Yahya Sinwar" in pushing["sentence"]


def test_negotiations_pair_the_parties(store: Path) -> None:
    rows = answer(store, "negotiations").records()
    pairs = {(r["party"], r["otherParty"], r.get("mediator", ""), r["how"]) for r in rows}
    assert ("Hamas", "Qatar", "", "consult: talks") in pairs
    assert ("Hamas", "Israel", "United States", "mediation") in pairs
    assert ("Hamas", "Israel", "Arab officials", "mediation") in pairs
    assert all(r["party"] < r["otherParty"] for r in rows)  # each pair once
    # "U.S. and Arab officials ... sought to strike a deal": one side, no pair; nor are the
    # "Qatari and Egyptian officials" Hamas's bureau has been leading talks with
    met = {(r["party"], r["otherParty"]) for r in rows}
    assert not met & {("Arab officials", "United States"), ("Egypt", "Qatar")}


NEGOTIATIONS = """
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix tg: <https://w3id.org/timelinegraph/ns#> .
<urn:t:AGREE> skos:notation "AGREE" .
<urn:t:CONSULT> skos:notation "CONSULT" .
<urn:a:israel> rdfs:label "Israel" .
<urn:a:hamas> rdfs:label "Hamas" .
<urn:a:qatar> rdfs:label "Qatar" .
<urn:a:egypt> rdfs:label "Egypt" .
<urn:e:1> sem:eventType <urn:t:AGREE> ; tg:trigger "agreed" ;
  tg:agent <urn:a:israel>, <urn:a:hamas> ; tg:mention <urn:m:1> .
<urn:m:1> tg:startOffset 0 ; tg:sentenceText "Israel and Hamas agreed on a truce." .
<urn:e:2> sem:eventType <urn:t:CONSULT> ; tg:trigger "talks" ;
  tg:agent <urn:a:hamas> ; tg:target <urn:a:qatar>, <urn:a:egypt> ; tg:mention <urn:m:2> .
<urn:m:2> tg:startOffset 40 ;
  tg:sentenceText "Hamas held talks with Qatari and Egyptian officials." .
<urn:e:3> sem:eventType <urn:t:AGREE> ; tg:trigger "deal" ;
  tg:target <urn:a:israel>, <urn:a:hamas> ; tg:mention <urn:m:3> .
<urn:m:3> tg:startOffset 90 ; tg:sentenceText "A deal between Israel and Hamas was struck." .
"""


def test_negotiations_pair_across_the_table_never_within_one_side(tmp_path: Path) -> None:
    """An agent pairs with each target; two agents, or two targets, pair only when the other
    role is empty: "Israel and Hamas agreed", "a deal between Israel and Hamas was struck"."""
    build = tmp_path / "build"
    build.mkdir()
    (build / "graph.ttl").write_text(NEGOTIATIONS, encoding="utf-8")
    load_into_store(build, build / "store")
    rows = answer(build / "store", "negotiations").records()
    assert sorted((r["party"], r["otherParty"], r["how"]) for r in rows) == [
        ("Egypt", "Hamas", "consult: talks"),
        ("Hamas", "Israel", "agree: agreed"),
        ("Hamas", "Israel", "agree: deal"),
        ("Hamas", "Qatar", "consult: talks"),
    ]


def test_events_between_two_dates(store: Path) -> None:
    default = answer(store, "events-between").records()  # 2023-10-01 to 2024-03-06
    assert {r["event"] for r in default} == overlapping("2023-10-01", "2024-03-06")
    begins = [r["when"].split("..")[0] for r in default]
    assert begins == sorted(begins)
    found = {(r["when"], r["trigger"]): r for r in default}
    assert found.keys() >= {
        ("2023-10-07", "attacks"),  # "the Hamas Oct. 7 attacks"
        ("2023-10-07", "captured"),  # "hostages captured during the Hamas Oct. 7 attacks"
        ("2023-11-01..2023-11-30", "released"),  # "released during a weeklong truce in November"
        ("2024-02-01..2024-02-29", "delivering"),  # "stopped delivering ... in early February"
    }
    # "The U.N. and aid groups have mostly stopped delivering food and other aid"
    delivering = found["2024-02-01..2024-02-29", "delivering"]
    assert set(delivering["actors"].split(", ")) >= {"U.N.", "aid groups"}
    sunday = answer(store, "events-between", "from=2024-03-10", "to=2024-03-10").records()
    [row] = sunday  # "The group may return to Cairo on Sunday"
    assert row["trigger"] == "return" and "Hamas" in row["actors"].split(", ")
    assert answer(store, "events-between", "from=2030-01-01", "to=2030-12-31").rows == []


def test_events_before_by_the_dates_on_the_seed(store: Path) -> None:
    """Before the U.N. and aid groups stopped delivering (early February 2024): the Oct. 7
    attacks and captures, the November truce and releases, sorted by tg:earliest; then, by the
    order the article states, the convoy hit by Israeli fire (no earliest day: undated last)."""
    rows = answer(store, "events-before").records()
    assert [(r.get("earliest"), r.get("latest"), r["how"]) for r in rows] == [
        ("2023-10-07", "2023-10-07", "dates"),
        ("2023-10-07", "2023-10-07", "dates"),
        ("2023-11-01", "2023-11-30", "dates"),
        ("2023-11-01", "2023-11-30", "dates"),
        (None, "2024-02-29", "order"),
    ]
    assert {r["headline"] for r in rows} >= {"Hamas attacks", "Weeklong truce in November"}
    assert "convoy" in rows[-1]["headline"]
    # every event of the seed has a sortable bound: no blank dates to sort first
    assert count(store, "?x a sem:Event FILTER NOT EXISTS { ?x tg:earliest|tg:latest ?d }") == 0
    # nothing happened before the Oct. 7 attacks
    assert answer(store, "events-before", "event=Hamas attacks").rows == []


def test_events_before_by_the_order_of_links(tmp_path: Path) -> None:
    """ev-none has no date of its own; a temporal link puts it before ev-month."""
    from kg_fixtures import make_kg
    from timelinegraph.pipeline import write_exports

    build = tmp_path / "build"
    write_exports(make_kg(), build, ["turtle"])
    load_into_store(build, build / "store")
    rows = answer(build / "store", "events-before", "event=ev-month").records()
    found = {r["id"]: r for r in rows}
    assert found["ev-none"]["how"] == "order" and found["ev-none"]["latest"] == "2024-02-09"
    assert found["ev-year"]["how"] == "dates"  # 2023, before February 2024
    assert list(found) == ["ev-year", "ev-none"]  # sorted by earliest, else latest


def test_article_contributions_are_everything_derived_from_the_article(store: Path) -> None:
    rows = answer(store, "article-contributions").records()
    kinds = [r["kind"] for r in rows]
    sem, tg = "http://semanticweb.cs.vu.nl/2009/11/sem/", "https://w3id.org/timelinegraph/ns#"
    events = in_export(sem + "Event")
    assert kinds.count("event") == count(store, "?x a sem:Event") == events == len(TIMELINE)
    assert kinds.count("actor") == count(store, "?x a sem:Actor") == in_export(sem + "Actor")
    assert kinds.count("relation") == count(store, "?x a tg:Relation") == in_export(tg + "Relation")
    assert "Yahya Sinwar leaderOf Hamas" in {r["label"] for r in rows}
    assert answer(store, "article-contributions", "article=no-such-article").rows == []


def test_event_sources_list_every_mention(store: Path) -> None:
    rows = answer(store, "event-sources").records()  # "Hamas leaves Cairo", read twice
    [event_id] = {r["id"] for r in rows}
    [event] = [e for e in TIMELINE if e["unique_id"] == event_id]
    assert event["timelinegraph"]["headline"] == "Hamas leaves Cairo"
    sources = sorted(event["timelinegraph"]["sources"], key=lambda s: s["start"])
    assert [r["chars"] for r in rows] == [f"{s['start']}-{s['end']}" for s in sources]
    assert len(rows) >= 2
    for row in rows:
        assert row["words"] in row["sentence"] and row["sentence"] in SEED_TEXT
        assert row["article"] == "000_32f6ff0391692678" and row["published"] == "2024-03-07"
        start, end = map(int, row["chars"].split("-"))
        assert end - start == len(row["words"])
    # each mention with the teller its own sentence names: "...left on Thursday ..., Egyptian
    # officials said." and "Hamas Thursday said its delegation was leaving Cairo"
    said = {r["words"]: r["saidBy"] for r in rows}
    assert said["left"] == "Egyptian officials said"
    assert said["leaving"] == "Hamas Thursday said"
    # by its headline in any case, the same rows
    assert answer(store, "event-sources", "event=hamas LEAVES cairo").records() == rows
    # by id, as actor-timeline prints it
    event_id = next(
        r["event"]
        for r in answer(store, "actor-timeline").records()
        if r["trigger"] == "pulled out"
    )
    [row] = answer(store, "event-sources", f"event={event_id}").records()
    assert row["saidBy"] == "Egyptian officials said" and row["author"] == "Jared Malsin"


def test_params_keep_the_kind_of_term() -> None:
    query = 'SELECT * WHERE { VALUES ?d { "2024-01-01"^^xsd:date } VALUES ?s { "x" } }'
    set_ = apply_params(query, {"d": "2024-02-02", "s": 'say "hi"\\'})
    assert 'VALUES ?d { "2024-02-02"^^xsd:date }' in set_
    assert 'VALUES ?s { "say \\"hi\\"\\\\" }' in set_
    with pytest.raises(TimelineGraphError, match=r"--param x: the query has no VALUES \?x"):
        apply_params(query, {"x": "1"}, source="the query")


# ---------------------------------------------------------------- the command line


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_load_then_query(tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    (build / "graph.ttl").write_bytes((EXPORTS / "graph.ttl").read_bytes())
    code, out, _ = cli("load", str(build))
    assert code == 0 and out.startswith(f"Loaded {len(EXPORT):,} triples from ")
    assert len(EXPORT) > 2000 and "store count matches" in out
    store = str(build / "store")
    code, out, _ = cli("query", "--store", store, "--example", "negotiations")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["party", "otherParty", "mediator", "how", "sentence"]
    rows = answer(build / "store", "negotiations").rows
    assert set(lines[1]) <= {"-", " "} and lines[-1] == f"({len(rows)} rows)" and len(rows) >= 3
    assert len(lines) == len(rows) + 3  # header, rule, rows, count


def test_cli_formats(store: Path) -> None:
    base = ("query", "--store", str(store), "--example", "events-between")
    code, out, _ = cli(*base, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["when", "event", "type", "trigger", "actors"]
    assert rows[1][0] == "2023-10-07"  # Oct. 7, the earliest
    assert len(rows) == 1 + len(overlapping("2023-10-01", "2024-03-06"))
    code, out, _ = cli(*base, "-f", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == rows[0]
    first = data["results"]["bindings"][0]
    assert first["when"] == {"type": "literal", "value": "2023-10-07"}
    assert cli(*base, "-f", "json")[1] == out  # deterministic, byte for byte
    code, out, _ = cli("query", "--store", str(store), "ASK { ?e a sem:Event }", "-f", "json")
    assert json.loads(out) == {"head": {}, "boolean": True}


def test_cli_lists_the_examples() -> None:
    code, out, _ = cli("query", "--list-examples")
    assert code == 0
    for name in example_names():
        assert name in out
    assert 'actor="Hamas"' in out


def test_cli_query_from_a_file(store: Path, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?id WHERE { ?a a schema:NewsArticle ; dcterms:identifier ?id }\n")
    code, out, _ = cli("query", "--store", str(store), "--file", str(query), "-f", "csv")
    assert code == 0 and out.splitlines() == ["id", "000_32f6ff0391692678"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("load", "{tmp}/missing"), "missing: no Turtle export here"),
        (("query", "--store", "{store}", "SELECT ?x WHERE { ?x a }"), "query: SPARQL syntax"),
        (("query", "--store", "{tmp}/none", "ASK {}"), "none: no Oxigraph store here"),
        (("query", "--store", "{store}"), "give one query"),
        (("query", "--store", "{store}", "--example", "nope"), "--example nope: no such example"),
        (("query", "--store", "{store}", "ASK {}", "-f", "xml"), "--format xml: unknown format"),
        (("query", "--store", "{store}", "--endpoint", "http://h/s", "ASK {}"), "exclude each"),
        (("query", "--endpoint", "ftp://h/sparql", "ASK {}"), "not an http(s) URL"),
        (("query", "--endpoint", "http://h:port/sparql", "ASK {}"), "not an http(s) URL"),
        (("query", "--store", "{store}", "--graph", "no iri", "ASK {}"), "not an absolute IRI"),
        (("query", "--store", "{store}", "-p", "x", "ASK {}"), "--param x: expected NAME=VALUE"),
    ],
)
def test_cli_errors_are_one_line(store: Path, tmp_path: Path, args: tuple, message: str) -> None:
    filled = [a.replace("{tmp}", str(tmp_path)).replace("{store}", str(store)) for a in args]
    code, out, err = cli(*filled)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_endpoint_without_traceback_or_credentials() -> None:
    """As a user runs it (subprocess): one line, exit 2, and no password anywhere."""
    url = f"http://someone:s3cret-in-url@127.0.0.1:{free_port()}/sparql?key=s3cret-key"
    env = {**os.environ, "TIMELINEGRAPH_ENDPOINT_PASSWORD": "s3cret-env"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "timelinegraph",
            "query",
            "--endpoint",
            url,
            "ASK {}",
            "--password",
            "s3cret-option",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "cannot reach the endpoint" in result.stderr
    assert "s3cret" not in result.stderr and "someone" not in result.stderr


def test_queries_see_the_build_without_a_graph_clause(store: Path) -> None:
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    [union] = run_query(everything, store=store).column("n")
    [only] = run_query(everything, store=store, graph=DEFAULT_GRAPH).column("n")
    [other] = run_query(everything, store=store, graph="urn:timelinegraph:none").column("n")
    assert int(union) == int(only) == len(EXPORT) > 2000 and int(other) == 0


def sparql_answer(request: Request) -> Answer:
    """A SPARQL endpoint answering every query with one row: ?x = "remote"."""
    binding = {"x": {"type": "literal", "value": "remote"}}
    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [binding]}})
    return 200, "application/sparql-results+json", body.encode("utf-8")


def test_service_is_refused_unless_allowed_and_nothing_reaches_the_network(store: Path) -> None:
    with loopback(sparql_answer) as server:
        federated = f"SELECT ?x WHERE {{ SERVICE <{server.url}> {{ ?x ?p ?o }} }}"
        for target in (("--store", str(store)), ("--endpoint", server.url)):
            code, out, err = cli("query", *target, federated)
            assert code == 2 and out == "" and err.count("\n") == 1
            assert "SERVICE" in err and "--allow-service" in err
        assert server.requests == []  # neither the store nor the endpoint was asked
        # the word SERVICE elsewhere than as the keyword is no SERVICE clause
        for query in (
            'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1/> {}" AS ?x) }',
            "SELECT ?service WHERE { BIND(sem:SERVICE AS ?service) } # SERVICE <x> {}",
        ):
            code, out, err = cli("query", "--store", str(store), query, "-f", "csv")
            assert code == 0, err
        assert server.requests == []
        code, out, _ = cli("query", "--store", str(store), federated, "--allow-service")
        assert code == 0 and "remote" in out
        assert [r.method for r in server.requests] == ["POST"]


@pytest.fixture(scope="module")
def sparql_server() -> Iterator[Loopback]:
    with loopback(sparql_answer) as server:
        yield server


SERVICE_CHUNKS = [
    "SERVICE <{url}> {{ }}",
    "service silent <{url}>{{}}",
    "BIND(1 AS ?v{i}).SERVICE<{url}>{{}}",
    "BIND(ex:a\\# AS ?v{i}) SERVICE <{url}> {{ }}",
]
DECOY_CHUNKS = [
    'BIND("SERVICE <{url}> {{}}" AS ?v{i})',
    "BIND('''it's \" SERVICE <{url}> {{}} ''' AS ?v{i})",
    'BIND("a\\" SERVICE <{url}> {{}}" AS ?v{i})',
    "# SERVICE <{url}> {{}}\n",
    "BIND(ex:SERVICE AS ?v{i})",
    "BIND(<{url}#SERVICE> AS ?service{i})",
    'BIND("x"@service AS ?v{i})',
    "OPTIONAL {{ _:SERVICE ?p{i} ?o{i} }}",
]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(SERVICE_CHUNKS + DECOY_CHUNKS), min_size=1, max_size=4))
def test_service_is_found_as_oxigraph_parses_it(sparql_server: Loopback, chunks: list[str]) -> None:
    """Whenever Oxigraph sends a request for a query, uses_service says so; the decoys
    (the word in strings, comments, names, IRIs) never make it say so."""
    sparql_server.requests.clear()
    body = " ".join(c.format(url=sparql_server.url, i=i) for i, c in enumerate(chunks))
    query = f"PREFIX ex: <urn:ex:> SELECT * WHERE {{ {body} }}"
    with contextlib.suppress(SyntaxError, OSError):
        list(ox.Store().query(query))
    contacted = bool(sparql_server.requests)
    assert uses_service(query) == any(c in SERVICE_CHUNKS for c in chunks)
    assert uses_service(query) or not contacted


def cross_join_store(folder: Path) -> Path:
    """3,000 triples: a three-way cross join of them (2.7e10 rows) runs for hours."""
    opened = ox.Store(str(folder))
    p = ox.NamedNode("urn:p")
    opened.extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), p, ox.Literal(i)) for i in range(3000))
    opened.flush()
    del opened
    return folder


FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"


@pytest.mark.slow
def test_a_query_that_would_run_for_hours_stops_at_its_timeout(tmp_path: Path) -> None:
    folder = cross_join_store(tmp_path / "store")
    started = time.monotonic()
    command = [sys.executable, "-m", "timelinegraph", "query", "--store", str(folder)]
    result = subprocess.run(
        [*command, FOREVER, "--timeout", "1.5"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "error: query timed out after 1.5 s\n"
    assert time.monotonic() - started < 20
    # in a library call too, and the process that ran it is gone
    with pytest.raises(QueryTimeout, match=r"^query timed out after 1 s$"):
        run_query(FOREVER, store=folder, timeout=1)
    assert multiprocessing.active_children() == []
    assert run_query("ASK { ?a ?p 2999 }", store=folder, timeout=30).boolean is True


@pytest.mark.slow
def test_an_endpoint_that_does_not_answer_is_given_up_at_the_timeout() -> None:
    release = threading.Event()

    def never(request: Request) -> Answer:
        release.wait(60)
        return sparql_answer(request)

    try:
        with loopback(never) as server:
            started = time.monotonic()
            code, out, err = cli("query", "--endpoint", server.url, "ASK {}", "--timeout", "1")
            assert (code, out, err) == (2, "", "error: query timed out after 1 s\n")
            assert time.monotonic() - started < 20
            assert len(server.requests) == 1
    finally:
        release.set()


HOSTILE_TITLE = "Truce\x1b[2J\x1b]0;pwned\x07 talks \u202eeteled\u202c end\x9b1m\x7f"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_control_characters_in_a_title_are_escaped_in_every_format(tmp_path: Path) -> None:
    """A title that would clear the screen, retitle the window and reverse the text shows
    as escapes in the table and the CSV; the JSON escapes them and reads back exactly."""
    build = tmp_path / "build"
    build.mkdir()
    article = "<https://w3id.org/timelinegraph/id/article/000_32f6ff0391692678>"
    title = HOSTILE_TITLE.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    turtle = (EXPORTS / "graph.ttl").read_text(encoding="utf-8")
    turtle += f'{article} schema:headline "{title}" .\n'
    (build / "graph.ttl").write_text(turtle, encoding="utf-8")
    load_into_store(build, build / "store")
    query = "SELECT ?title WHERE { ?a schema:headline ?title }"
    shown = "Truce\\x1b[2J\\x1b]0;pwned\\x07 talks \\u202eeteled\\u202c end\\x9b1m\\x7f"
    outputs = {}
    for fmt in ("table", "csv", "json"):
        code, out, err = cli("query", "--store", str(build / "store"), query, "-f", fmt)
        assert code == 0, err
        assert not RAW_CONTROL.search(out.replace("\r\n", "\n")), fmt
        outputs[fmt] = out
    assert outputs["table"].splitlines()[2] == shown
    assert list(csv.reader(io.StringIO(outputs["csv"]))) == [["title"], [shown]]
    [binding] = json.loads(outputs["json"])["results"]["bindings"]
    assert binding["title"]["value"] == HOSTILE_TITLE
