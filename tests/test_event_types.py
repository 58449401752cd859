"""Event types and modes: the lexicon's cues separate the senses of one word (real spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, SKOS

from kg_fixtures import make_kg
from test_events import _events, nlp  # noqa: F401  (the module-scoped spaCy fixture)
from timelinegraph.codebook import codebook
from timelinegraph.extract.events.lexicon import load_lexicon
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_rdflib import to_rdflib
from timelinegraph.models import Event, EventType
from timelinegraph.vocab import EVENT_TYPE_SCHEME, TG, event_type_iri, event_type_scheme_iri


def _typed(nlp, text: str, trigger: str) -> tuple[str, str | None]:  # noqa: F811
    events, _ = _events(nlp, text)
    found: list[Event] = [e for e in events if e.trigger.lower() == trigger]
    assert found, f"no {trigger!r} in {[e.trigger for e in events]}"
    return found[0].type.value, found[0].mode


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # strike: a quake, an army, workers
        ("An earthquake struck the island on Monday.", "struck", ("DISASTER", "earthquake")),
        ("Israel struck Rafah overnight.", "struck", ("ASSAULT", None)),
        ("Thousands of workers went on strike.", "strike", ("PROTEST", "strike")),
        ("The union called a strike at the plant.", "strike", ("PROTEST", "strike")),
        # release: people, products, prison
        ("Hamas released 50 hostages.", "released", ("RETREAT", "release")),
        ("Apple released a new iPhone.", "released", ("PRODUCT", "release")),
        ("The band released its third album.", "released", ("PRODUCT", "release")),
        ("He was released from prison in 2009.", "released", ("JUSTICE", "parole")),
        # courts
        ("He was sentenced to 20 years in prison.", "sentenced", ("JUSTICE", "sentence")),
        ("He was charged with murder.", "charged", ("JUSTICE", "charge")),
        ("The jury found him guilty.", "found", ("JUSTICE", "convict")),
        # deaths: illness, violence, accident
        ("She died of cancer at 72.", "died", ("LIFE", "die")),
        ("The suspect was shot dead by police.", "shot", ("ASSAULT", "kill")),
        ("The gunman killed three people.", "killed", ("ASSAULT", "kill")),
        ("The quake killed 300 people.", "killed", ("LIFE", "die")),
        ("Two people were killed in a car crash.", "killed", ("LIFE", "die")),
        # win: award, game, election
        ("She won the Oscar for best actress.", "won", ("CULTURE", "award")),
        ("The Lakers won the game on Sunday.", "game", ("SPORT", "win")),
        ("Obama won the election.", "election", ("ELECTION", "win")),
        # fire: a coach, a gun, a building
        ("The Yankees fired their manager.", "fired", ("PERSONNEL", "fire")),
        ("Troops opened fire on protesters.", "fire", ("ASSAULT", "shooting")),
        ("A fire broke out in the factory.", "broke out", ("ACCIDENT", "fire")),
        ("Rioters set fire to a bank.", "fire", ("ASSAULT", "arson")),
        ("A forest fire destroyed 200 homes.", "fire", ("DISASTER", "wildfire")),
        # launch, sign, shoot, hit
        ("Rebels launched rockets at the city.", "launched", ("ASSAULT", "shelling")),
        ("The company launched a new phone.", "launched", ("PRODUCT", "launch")),
        ("The two countries signed a peace treaty.", "signed", ("AGREE", None)),
        ("The president signed the bill into law.", "signed", ("POLICY", "legislate")),
        ("The director shot the film in Morocco.", "shot", ("CULTURE", "film")),
        ("A car hit a pedestrian.", "hit", ("ACCIDENT", "crash")),
        # the rest of the general-news types
        ("Lindsay Lohan checked into rehab.", "checked", ("HEALTH", "rehab")),
        ("The climber fell to his death.", "fell", ("ACCIDENT", "fall")),
        ("Shares fell 5 percent.", "fell", ("ECONOMY", "fall")),
        ("Police arrested two men.", "arrested", ("COERCE", "arrest")),
        ("Robbers stole jewels worth $2 million.", "stole", ("CRIME", "theft")),
        ("The chief executive resigned on Friday.", "resigned", ("PERSONNEL", "resign")),
        ("GM filed for bankruptcy.", "filed", ("BUSINESS", "bankruptcy")),
        ("Residents fled the town.", "fled", ("MOVEMENT", "flee")),
        ("The minister announced the plan.", "plan", ("STATEMENT", "announce")),  # one event
        ("The Senate repealed the law.", "repealed", ("POLICY", "repeal")),
        ("The couple married in June.", "married", ("LIFE", "marry")),
    ],
)
def test_senses(nlp, text, trigger, expected):  # noqa: F811
    assert _typed(nlp, text, trigger) == expected


def test_every_row_names_a_type_and_a_known_cue():
    # load_lexicon raises on an unknown type, cue or word list: loading is the check
    table = load_lexicon()
    assert len(table) > 900
    assert {e.type for entries in table.values() for e in entries} >= set(EventType) - {
        EventType.OTHER
    }


def test_cued_rows_come_first():
    for entries in load_lexicon().values():
        plain = [n for n, e in enumerate(entries) if not e.cues]
        assert len(plain) <= 1 and (not plain or plain[0] == len(entries) - 1)


# ------------------------------------------------------------------ the codebook

CODEBOOK_DOC = Path(__file__).resolve().parents[1] / "docs" / "event-types.md"


def test_lexicon_modes_are_the_codebook_modes():
    book = codebook()
    for entries in load_lexicon().values():
        for entry in entries:
            if entry.mode is not None and not entry.mode.startswith("@"):
                assert entry.mode in book[entry.type].modes, (entry.lemma, entry.type, entry.mode)


def test_codebook_doc_names_every_type_and_mode():
    doc = CODEBOOK_DOC.read_text(encoding="utf-8")
    for kind, info in codebook().items():
        assert f"### {kind.value}" in doc, kind
        section = doc.split(f"### {kind.value}", 1)[1].split("\n### ", 1)[0]
        for mode in info.modes:
            assert f"`{mode}`" in section, (kind, mode)


def test_event_types_are_skos_concepts_in_their_schemes():
    graph = to_rdflib(build_rdf(make_kg()))
    assault = event_type_iri(EventType.ASSAULT)
    schemes = set(graph.objects(assault, SKOS.inScheme))
    assert schemes == {EVENT_TYPE_SCHEME, event_type_scheme_iri("plover")}
    assert str(graph.value(assault, SKOS.definition)).startswith("Violence")
    assert {str(o) for o in graph.objects(assault, TG.aceEventType)} >= {"Conflict.Attack"}
    assert [str(o) for o in graph.objects(assault, SKOS.notation)] == ["ASSAULT"]
    for scheme in schemes:
        assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
