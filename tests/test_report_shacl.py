"""The report's own SHACL check finds exactly what pyshacl, the reference engine, finds: on
graphs that break every constraint of ``schemas/shapes.ttl``, and on graphs that conform."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg_fixtures import make_kg
from rdf_fixtures import make_hostile_kg
from tg_paths import EXPORTS
from timelinegraph.errors import ExportError
from timelinegraph.export.report_checks import shacl_check, shapes_file
from timelinegraph.export.report_shacl import validate_triples
from timelinegraph.export.shacl_shapes import read_shapes
from timelinegraph.graph.rdf import build_rdf
from timelinegraph.graph.rdf_rdflib import from_rdflib, to_rdflib
from timelinegraph.graph.rdf_triples import Triples

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TG = "https://w3id.org/timelinegraph/ns#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SCHEMA = "https://schema.org/"
TYPE = f"<{RDF_NS}type>"
Finding = tuple[str, str, str, str | None]  # focus, path, component, value (N-Triples terms)


def first_of(triples: Triples, cls: str) -> str:
    return next(s for s, pairs in triples.groups() if (TYPE, f"<{cls}>") in pairs)


def without(triples: Triples, subject: str, predicate: str) -> Triples:
    return Triples(t for t in triples if not (t[0] == subject and t[1] == predicate))


def broken() -> Triples:
    """make_kg's triples, broken so that every kind of constraint in the shapes fails once."""
    triples = build_rdf(make_kg())
    event, actor = first_of(triples, f"{SEM}Event"), first_of(triples, f"{SCHEMA}Person")
    mention, article = first_of(triples, f"{TG}Mention"), first_of(triples, f"{SCHEMA}NewsArticle")
    relation = first_of(triples, f"{TG}Relation")
    triples = without(triples, event, f"<{TG}trigger>")  # minCount
    triples = without(triples, actor, TYPE)  # the qualified shape: no schema type left
    triples = without(triples, mention, f"<{TG}confidence>")
    triples = without(triples, article, f"<{SCHEMA}datePublished>")
    triples.add(actor, TYPE, f"<{SEM}Actor>")
    triples.add(actor, "<http://www.w3.org/2000/01/rdf-schema#label>", '"x"@en')
    nobody = "<https://w3id.org/timelinegraph/id/actor/nobody>"
    for predicate, obj in [
        (f"<{TG}agent>", nobody),  # class: no type
        (f"<{TG}target>", '"Hamas"'),  # class: a literal
        (f"<{TG}polarity>", '"MAYBE"'),  # in, maxCount
        (f"<{TG}modality>", "<https://example.org/ASSERTED>"),  # in: an IRI
        (f"<{SEM}hasTimeStamp>", f'"2024-03-01T10:00:00"^^<{XSD}dateTime>'),  # or, pattern
        (f"<{SEM}hasEarliestBeginTimeStamp>", f'"2024-02-30"^^<{XSD}date>'),  # ill-typed
        (f"<{TG}mention>", "_:b1"),  # class, pattern-free blank node
    ]:
        triples.add(event, predicate, obj)
    for predicate, obj in [
        (f"<{TG}sentenceIndex>", f'"-1"^^<{XSD}integer>'),  # minInclusive
        (f"<{TG}confidence>", f'"1.5"^^<{XSD}decimal>'),  # maxInclusive
        (f"<{TG}confidence>", '"high"'),  # datatype, both bounds, maxCount
        (f"<{TG}startOffset>", '"3"'),  # datatype, minInclusive (a string is not a number)
        (f"<{TG}sentenceText>", '"text"@en'),  # datatype: a language-tagged string
    ]:
        triples.add(mention, predicate, obj)
    triples.add(article, f"<{SCHEMA}datePublished>", f'"2024-02-30"^^<{XSD}date>')
    triples.add(relation, f"<{TG}relationType>", f"<{TG}friendOf>")
    sub_event = "<https://w3id.org/timelinegraph/id/event/sub>"
    triples.add("<https://example.org/Strike>", f"<{RDF_NS}subClassOf>", f"<{SEM}Event>")
    triples.add(sub_event, TYPE, "<https://example.org/Strike>")  # an event by subclass only
    return triples


def _term(node: Node | None) -> str | None:
    return None if node is None else node.n3()


def pyshacl_findings(triples: Triples) -> set[Finding]:
    shapes = Graph().parse(shapes_file())
    _, results, _ = validate(to_rdflib(triples), shacl_graph=shapes, inference="none")
    found: set[Finding] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        component = results.value(result, SH.sourceConstraintComponent)
        found.add(
            (
                _term(results.value(result, SH.focusNode)),
                _term(results.value(result, SH.resultPath)),
                "sh:" + str(component).removeprefix(str(SH)),
                _term(results.value(result, SH.value)),
            )
        )  # type: ignore[arg-type]
    return found


def our_findings(triples: Triples) -> set[Finding]:
    shapes = read_shapes(shapes_file())
    return {(r.focus, r.path, r.component, r.value) for r in validate_triples(triples, shapes)}


def test_every_constraint_broken_gives_what_pyshacl_gives() -> None:
    triples = broken()
    expected = pyshacl_findings(triples)
    components = {finding[2] for finding in expected}
    assert components >= {
        f"sh:{name}ConstraintComponent"
        for name in "MinCount MaxCount Class Datatype In Pattern Or MinInclusive MaxInclusive "
        "QualifiedMinCount".split()
    }
    assert our_findings(triples) == expected


@pytest.mark.parametrize("make", [make_kg, make_hostile_kg])
def test_conforming_graphs_conform_in_both(make) -> None:
    triples = build_rdf(make())
    assert our_findings(triples) == set() == pyshacl_findings(triples)


def test_the_seed_export_conforms_in_both() -> None:
    triples = from_rdflib(Graph().parse(EXPORTS / "graph.ttl"))
    assert our_findings(triples) == set() == pyshacl_findings(triples)


def test_the_report_check_runs_on_the_build_triples() -> None:
    check = shacl_check(make_kg())
    assert check.ran and check.conforms and check.violations == []


def test_a_constraint_the_check_does_not_know_is_refused(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        shapes_file().read_text(encoding="utf-8")
        + "\ntgsh:Extra a sh:NodeShape ; sh:targetClass sem:Event ;\n"
        + "    sh:property [ sh:path tg:trigger ; sh:minLength 2 ] .\n",
        encoding="utf-8",
    )
    with pytest.raises(ExportError, match=r"sh:minLength.*not understood"):
        read_shapes(shapes)


def test_an_ill_formed_year_month_fails_here_where_rdflib_lets_it_pass() -> None:
    """rdflib does not check xsd:gYearMonth lexical forms, so pyshacl lets "2024-13" through
    sh:or (the shapes' sh:pattern catches it there); the SHACL datatype check here does."""
    triples = build_rdf(make_kg())
    event = first_of(triples, f"{SEM}Event")
    triples = without(triples, event, f"<{SEM}hasTimeStamp>")
    triples.add(event, f"<{SEM}hasTimeStamp>", f'"2024-13"^^<{XSD}gYearMonth>')
    ours, theirs = our_findings(triples), pyshacl_findings(triples)
    assert {f[2] for f in theirs} == {"sh:PatternConstraintComponent"}
    assert {f[2] for f in ours} == {"sh:PatternConstraintComponent", "sh:OrConstraintComponent"}
