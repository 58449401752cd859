"""Issue 18's actor cases on a small corpus this test writes and builds itself: one actor
in many nodes, two actors in one node, wrong kinds, and every mention kept."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timelinegraph.cli import app
from timelinegraph.explain import explain, load_graph
from timelinegraph.extract import extract_many
from timelinegraph.ingest import read_articles
from timelinegraph.models import ActorType, ArticleExtraction, KnowledgeGraph
from timelinegraph.resolve import resolve
from timelinegraph.resolve.actor_rules import ActorRules, local_facts, node_facts, story_of
from timelinegraph.resolve.actors import acronym_definitions

ARTICLES = {
    "nichols1": "Brian G. Nichols shot a judge in the Fulton County courthouse on Friday. "
    "Nichols escaped in a stolen car, police said.",
    "nichols2": "Brian Nichols surrendered to police on Saturday after a woman called 911. "
    "Police said Nichols had taken her hostage.",
    "jeffs1": "Warren Steed Jeffs, the leader of a polygamist sect, was arrested in Nevada on "
    "Monday. Jeffs had been on the FBI's most wanted list.",
    "jeffs2": "Warren Jeffs appeared in court in Las Vegas on Tuesday. Prosecutors said Jeffs "
    "arranged marriages for underage girls.",
    "jeffs3": "A lawyer for Jeffs said his client would fight extradition to Utah.",
    "ford1": "Ford Motor Company said on Wednesday that it lost $2.98 billion in the third "
    "quarter. Ford will cut more jobs.",
    "ford2": "Ford Motors will stop production of the Ford Falcon in Australia, the company "
    "said. General Motors Corporation (GM) posted a loss of $2.5 billion on Friday. GM said "
    "its cash was running low.",
    "gm": "He said ``General Motors'' would survive the crisis.",
    "hp": "Hewlett - Packard Co . agreed to buy Electronic Data Systems on Tuesday. Hewlett - "
    "Packard said the deal was worth $13.9 billion. Advanced Micro Devices Inc. ( AMD ) also "
    "reported results, and AMD shares rose.",
    "amd": "AMD cut its forecast on Thursday.",
    "tmobile1": "T - Mobile launched a new phone on Monday.",
    "tmobile2": "Three Musketeers Inc. opened a theatre in London on Monday.",
    "un": "The UN Security Council met in New York on Tuesday. In Salt Lake City, the Utah "
    "Supreme Court ruled on a water case. The U. N. said talks would go on at 9 a.m. UTC on "
    "Wednesday.",
    "smith1": "Matt Smith made his debut as the Doctor in the BBC drama on Saturday. Smith, "
    "27, is the youngest actor to play the role.",
    "smith2": "Matt Smith scored twice as Oldham Athletic beat Leeds United on Sunday. Smith "
    "joined Oldham last summer.",
    "analysts1": "Analysts said Apple would sell more phones this year.",
    "analysts2": "Analysts expect oil prices to fall, Exxon said on Tuesday.",
    "israel": "Israel struck targets in Gaza on Monday. Israel said the strikes hit militants. "
    "Israel also warned Hamas. Hamas accused Israel of killing civilians, and Egypt urged "
    "Israel to stop.",
}
# each example its own story (its articles one happening), but the two Matt Smiths
STORIES = {name: name.rstrip("0123456789") for name in ARTICLES} | {
    "smith1": "doctor-who",
    "smith2": "football",
}

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("actors18") / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(f"date 2010-04-05\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def extractions(corpus: Path, nlp) -> list[ArticleExtraction]:
    return list(extract_many(read_articles([corpus]).articles, nlp))


@pytest.fixture(scope="module")
def kg(extractions: list[ArticleExtraction]) -> KnowledgeGraph:
    return resolve(extractions, stories=STORIES)


def node_of(kg: KnowledgeGraph, article: str, text: str) -> str:
    """The node holding the mention ``text`` of ``article``."""
    found = {
        a.id
        for a in kg.actors
        for s in a.sources
        if s.provenance.article_id == article and s.text == text
    }
    assert len(found) == 1, (article, text, found)
    return found.pop()


def names(kg: KnowledgeGraph) -> set[str]:
    return {a.name for a in kg.actors}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("nichols1", "Brian G. Nichols"), ("nichols2", "Brian Nichols")),
        (("jeffs1", "Warren Steed Jeffs"), ("jeffs2", "Warren Jeffs")),
        (("jeffs1", "Warren Steed Jeffs"), ("jeffs3", "Jeffs")),
        (("ford1", "Ford Motor Company"), ("ford1", "Ford")),
        (("ford1", "Ford Motor Company"), ("ford2", "Ford Motors")),
        (("ford2", "General Motors Corporation"), ("ford2", "GM")),
        (("ford2", "General Motors Corporation"), ("gm", "``General Motors")),
        (("hp", "Hewlett - Packard Co"), ("hp", "Hewlett - Packard")),
        (("hp", "Advanced Micro Devices Inc."), ("amd", "AMD")),
    ],
)
def test_one_actor_is_one_node(kg: KnowledgeGraph, one, other) -> None:
    assert node_of(kg, *one) == node_of(kg, *other)


def test_names_are_shown_normalised(kg: KnowledgeGraph) -> None:
    shown = names(kg)
    assert "Hewlett-Packard Co" in shown and "General Motors Corporation" in shown
    assert not any("``" in n or " - " in n for n in shown)


def test_initials_that_happen_to_match_do_not_merge(kg: KnowledgeGraph) -> None:
    # one story even, and 'TM' the initials of both
    assert node_of(kg, "tmobile1", "T - Mobile") != node_of(kg, "tmobile2", "Three Musketeers Inc.")
    assert node_of(kg, "un", "UN Security Council") != node_of(kg, "un", "Utah Supreme Court")


def test_a_common_name_in_two_unrelated_stories_is_two_people(kg: KnowledgeGraph) -> None:
    doctor, footballer = node_of(kg, "smith1", "Matt Smith"), node_of(kg, "smith2", "Matt Smith")
    assert doctor != footballer


def test_without_stories_the_corpus_is_one_story(extractions) -> None:
    kg = resolve(extractions)
    assert node_of(kg, "smith1", "Matt Smith") == node_of(kg, "smith2", "Matt Smith")


def test_generic_plurals_stay_in_their_article(kg: KnowledgeGraph) -> None:
    assert node_of(kg, "analysts1", "Analysts") != node_of(kg, "analysts2", "Analysts")
    # the police of one story are one body
    assert node_of(kg, "nichols1", "police") == node_of(kg, "nichols2", "police")


def test_kinds(kg: KnowledgeGraph) -> None:
    shown = names(kg)
    assert "Ford Falcon" not in shown  # a car
    assert "UTC" not in shown  # a time zone
    [un] = [a for a in kg.actors if a.name == "U.N."]
    assert un.type == ActorType.ORGANIZATION  # initials are not a person


def test_every_mention_is_kept(kg: KnowledgeGraph) -> None:
    [israel] = [a for a in kg.actors if a.id == "state-israel"]
    assert [s.text for s in israel.sources] == ["Israel"] * 5
    assert len({s.provenance.start for s in israel.sources}) == 5


def test_explain_lists_every_mention(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    found = explain(load_graph(out), "state-israel")
    assert len(found.mentions) == 5 and found.articles == ["israel"]
    result = runner.invoke(app, ["explain", "state-israel", "-e", str(out)])
    assert "built from 5 mentions in 1 article" in result.output
    assert "article israel: 5 mentions" in result.output
    assert result.output.count("israel#a1  [") == 5


def test_resolver_and_rules_agree_on_every_pair(extractions, kg: KnowledgeGraph) -> None:
    """Two nodes: no rule joins them. One merge step: a rule joins its two mentions."""
    rules = ActorRules(
        [node_facts(a, STORIES) for a in kg.actors], acronym_definitions(extractions)
    )
    facts = {f.ref: f for f in rules.facts}
    for a, b in combinations(kg.actors, 2):
        assert not rules.why_together(facts[a.id], facts[b.id]), (a.name, b.name)
        assert rules.why_apart(facts[a.id], facts[b.id])
    local = {
        f"{x.article.id}#{actor.id}": local_facts(
            actor, x.article.id, story_of(x.article.id, STORIES)
        )
        for x in extractions
        for actor in x.actors
    }
    local_rules = ActorRules(list(local.values()), acronym_definitions(extractions))
    steps = [step for a in kg.actors for step in a.merges]
    assert steps
    for step in steps:
        rules_found = [
            r for r, _ in local_rules.why_together(local[step.mention], local[step.into])
        ]
        assert step.rule in rules_found, step
