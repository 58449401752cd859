"""`timelinegraph explain` and the merge records behind it (PROV in the Turtle, JSON records)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from tg_paths import EXPORTS
from timelinegraph.cli import app
from timelinegraph.explain import explain, load_graph

ARTICLES = {
    "a.txt": "date 2024-03-05\n\nJERUSALEM (AP) — Prime Minister Benjamin Netanyahu said Israel "
    "struck Hamas targets in Rafah on Monday. The United Nations condemned the strike.\n",
    "b.txt": "date 2024-03-06\n\nNetanyahu told reporters that Israel struck Hamas in Rafah on "
    "Monday. The U.N. called for a ceasefire.\n",
}

runner = CliRunner()


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("explain")
    for name, text in ARTICLES.items():
        (root / "in").mkdir(exist_ok=True)
        (root / "in" / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["build", str(root / "in"), "--out", str(root / "out"), "-q"])
    assert result.exit_code == 0, result.output
    return root / "out"


def test_surname_merge_is_explained(build_dir: Path) -> None:
    result = runner.invoke(app, ["explain", "person-benjamin-netanyahu", "-e", str(build_dir)])
    assert result.exit_code == 0, result.output
    assert "built from 2 mentions in 2 articles" in result.output
    assert "b#a1 -> a#" in result.output and "[surname]" in result.output
    assert "Netanyahu told reporters" in result.output  # the source sentence


def test_acronym_merge_is_explained(build_dir: Path) -> None:
    found = explain(load_graph(build_dir), "organization-united-nations")
    assert sorted(m.text for m in found.mentions) == ["U.N.", "United Nations"]
    [merge] = found.merges
    assert merge.rule == "acronym" and "UN" in merge.evidence
    assert {merge.mention, merge.into} == {m.ref for m in found.mentions}


def test_event_merge_across_articles_is_explained(build_dir: Path) -> None:
    graph = load_graph(build_dir)
    timeline = json.loads((build_dir / "timeline.json").read_text(encoding="utf-8"))
    merged = [e["timelinegraph"] for e in timeline["events"] if e["timelinegraph"]["merges"]]
    [record] = [r for r in merged if r["lemma"] == "strike"]
    found = explain(graph, record["id"])
    assert found.kind == "event" and found.articles == ["a", "b"]
    assert {m.ref.split("#")[0] for m in found.mentions if m.text == "struck"} == {"a", "b"}
    [merge] = [m for m in found.merges if m.mention.startswith("b#")]
    assert merge.rule == "same-trigger" and "state-israel" in merge.evidence
    assert [m.mention for m in found.merges] == [m["mention"] for m in record["merges"]]


def test_merges_are_prov_activities_a_triple_store_can_query(build_dir: Path) -> None:
    store = pyoxigraph.Store()
    with open(build_dir / "graph.ttl", "rb") as turtle:
        store.load(turtle, format=pyoxigraph.RdfFormat.TURTLE)
    query = """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX tg: <https://w3id.org/timelinegraph/ns#>
        SELECT ?rule (COUNT(DISTINCT ?used) AS ?n) WHERE {
          ?node prov:wasGeneratedBy ?merge .
          ?merge a prov:Activity, tg:Merge ; tg:mergeRule ?rule ; prov:used ?used .
          ?used a tg:Mention .
        } GROUP BY ?rule ORDER BY ?rule"""
    rows = {str(r["rule"].value): int(r["n"].value) for r in store.query(query)}
    assert rows["acronym"] == rows["surname"] == 2  # each merge used its two mentions
    assert rows["same-trigger"] >= 2


def test_unknown_id_is_one_line_error(build_dir: Path) -> None:
    result = runner.invoke(app, ["explain", "netanyahu", "-e", str(build_dir)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "no actor, event, relation or temporal link" in lines[0]
    assert "person-benjamin-netanyahu" in lines[0]  # suggested


def test_missing_build_is_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["explain", "x", "-e", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "run timelinegraph build" in result.output


def test_control_characters_in_names_and_sentences_are_escaped(tmp_path: Path) -> None:
    """A name or sentence that would clear the screen, retitle the window or reverse the
    text is printed with those characters escaped (the seed build, edited)."""
    hostile = "\\u001B[2J\\u001B]0;pwned\\u0007 \\u202Esamah"
    turtle = (EXPORTS / "graph.ttl").read_text(encoding="utf-8")
    turtle = turtle.replace('rdfs:label "Hamas" ;', f'rdfs:label "Hamas{hostile}" ;')
    turtle = turtle.replace(
        'tg:sentenceText "Hamas has pulled', f'tg:sentenceText "{hostile} Hamas has pulled'
    )
    (tmp_path / "graph.ttl").write_text(turtle, encoding="utf-8")
    result = runner.invoke(app, ["explain", "organization-hamas", "--exports", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.stdout)
    escaped = "\\x1b[2J\\x1b]0;pwned\\x07 \\u202esamah"
    assert result.stdout.startswith(f"actor organization-hamas: Hamas{escaped} (")
    assert f"      {escaped} Hamas has pulled out" in result.stdout
