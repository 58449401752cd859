"""Places on the map in every export: GeoSPARQL and schema.org in the RDF, lat/lng for Gephi."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg_fixtures import make_kg
from timelinegraph.export.gexf import render_gexf
from timelinegraph.export.graphml import render_graphml
from timelinegraph.export.jsonld import render_jsonld
from timelinegraph.export.report_checks import shacl_check
from timelinegraph.export.turtle import render_turtle
from timelinegraph.models import KnowledgeGraph
from timelinegraph.resolve.places import locate_places

GEO_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    """The hostile fixture with its places resolved: Rafah (a city), Egypt, Israel."""
    fixture = make_kg()
    return fixture.model_copy(update={"actors": locate_places(fixture.actors)})


def test_the_fixture_has_places(kg: KnowledgeGraph) -> None:
    placed = {a.id: a.geo for a in kg.actors if a.geo is not None}
    assert set(placed) == {"place-rafah", "state-egypt", "state-israel"}


def test_turtle_loads_in_oxigraph_and_sparql_finds_the_points(kg: KnowledgeGraph) -> None:
    store = ox.Store()
    store.load(render_turtle(kg).encode(), format=ox.RdfFormat.TURTLE)
    rows = store.query(
        """PREFIX geo: <http://www.opengis.net/ont/geosparql#>
        PREFIX schema: <https://schema.org/>
        SELECT ?place ?wkt ?lat ?lng ?same WHERE {
            ?place a geo:Feature ; geo:hasGeometry ?g ; schema:geo ?c ; schema:sameAs ?same .
            ?g a geo:Geometry ; geo:asWKT ?wkt .
            ?c a schema:GeoCoordinates ; schema:latitude ?lat ; schema:longitude ?lng .
        } ORDER BY ?place"""
    )
    found = {r["place"].value.rsplit("/", 1)[1]: r for r in rows}
    assert set(found) == {"place-rafah", "state-egypt", "state-israel"}
    rafah = found["place-rafah"]
    assert rafah["wkt"].datatype.value == GEO_WKT
    lng, lat = rafah["wkt"].value.removeprefix("POINT(").removesuffix(")").split()
    assert (float(lat), float(lng)) == (float(rafah["lat"].value), float(rafah["lng"].value))
    assert rafah["lat"].datatype.value.endswith("#decimal")
    assert rafah["same"].value == "https://sws.geonames.org/281102/"


def test_geo_facts_are_stated_with_their_types(kg: KnowledgeGraph) -> None:
    store = ox.Store()
    store.load(render_turtle(kg).encode(), format=ox.RdfFormat.TURTLE)
    (row,) = store.query(
        """PREFIX tg: <https://w3id.org/timelinegraph/ns#>
        SELECT ?precision ?country ?sure ?why WHERE {
            <https://w3id.org/timelinegraph/id/actor/state-egypt> tg:geoPrecision ?precision ;
                tg:geoCountry ?country ; tg:geoSure ?sure ; tg:geoEvidence ?why .
        }"""
    )
    assert (row["precision"].value, row["country"].value) == ("country", "EG")
    assert row["sure"].value == "true" and row["sure"].datatype.value.endswith("#boolean")


def test_the_places_conform_to_the_shapes(kg: KnowledgeGraph) -> None:
    check = shacl_check(kg)
    assert check.ran and check.conforms, check.violations


def test_jsonld_says_what_the_turtle_says(kg: KnowledgeGraph) -> None:
    document = render_jsonld(kg)
    assert '"geoCoordinates"' in document and '"asWKT"' in document
    from_jsonld = Graph().parse(data=document, format="json-ld")
    assert isomorphic(from_jsonld, Graph().parse(data=render_turtle(kg), format="turtle"))


@pytest.mark.parametrize(
    "render,read", [(render_graphml, nx.read_graphml), (render_gexf, nx.read_gexf)]
)
def test_network_nodes_carry_lat_lng(kg, render, read, tmp_path) -> None:
    path = tmp_path / "graph"
    path.write_bytes(render(kg))
    graph = read(path)
    rafah = next(d for n, d in graph.nodes(data=True) if str(n).endswith("place-rafah"))
    geo = next(a.geo for a in kg.actors if a.id == "place-rafah")
    assert isinstance(rafah["lat"], float) and isinstance(rafah["lng"], float)
    assert (rafah["lat"], rafah["lng"]) == (geo.latitude, geo.longitude)
    assert int(rafah["geonames_id"]) == geo.geonames_id
    assert rafah["geo_precision"] == "city" and rafah["geo_country"] == "PS"
    hamas = next(d for n, d in graph.nodes(data=True) if str(n).endswith("org-hamas"))
    assert "lat" not in hamas  # an organisation is not on the map


def test_timeline_json_is_unchanged_by_places(kg: KnowledgeGraph) -> None:
    from timelinegraph.export.timeline import render_timeline

    plain = make_kg()
    assert json.loads(render_timeline(kg)) == json.loads(render_timeline(plain))
