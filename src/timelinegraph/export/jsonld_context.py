"""The JSON-LD context of our graphs: prefixes, a term per class and property we write.

``schemas/context.jsonld`` is this context as a file (a test keeps them equal); regenerate it
with ``python -m timelinegraph.export.jsonld_context > schemas/context.jsonld``.

Coercions make the JSON plain to read and exact to read back: object properties are
``"@type": "@id"``, date and decimal properties carry their XSD datatype, so their values are
bare strings that expand to the same typed literals as in the Turtle. Integers are JSON
numbers (JSON-LD reads them as ``xsd:integer``). A property whose values vary in type
(``hasTimeStamp``: date, gYearMonth or gYear) has no coercion; its values are value objects.
"""

from __future__ import annotations

import json
import typing

from ..graph.rdf_terms import PREFIXES
from ..vocab import TG

__all__ = ["CONTEXT", "context_json"]

_ID = "@id"
# (prefix, local name) -> coercion; the term is the local name
_EXTERNAL: dict[tuple[str, str], str | None] = {
    ("dcterms", "identifier"): None,
    ("rdfs", "label"): None,
    ("skos", "altLabel"): None,
    ("skos", "prefLabel"): None,
    ("skos", "notation"): None,
    ("skos", "definition"): None,
    ("skos", "inScheme"): _ID,
    ("sem", "eventType"): _ID,
    ("sem", "hasActor"): _ID,
    ("sem", "hasPlace"): _ID,
    ("sem", "hasTimeStamp"): None,  # date, gYearMonth or gYear
    ("sem", "hasEarliestBeginTimeStamp"): "xsd:date",
    ("sem", "hasLatestBeginTimeStamp"): "xsd:date",
    ("time", "hasTime"): _ID,
    ("time", "hasBeginning"): _ID,
    ("time", "hasEnd"): _ID,
    ("time", "hasDateTimeDescription"): _ID,
    ("time", "before"): _ID,
    ("time", "intervalIn"): _ID,
    ("time", "intervalEquals"): _ID,
    ("time", "unitType"): _ID,
    ("time", "inXSDDate"): "xsd:date",
    ("time", "year"): "xsd:gYear",
    ("time", "month"): "xsd:gMonth",
    ("prov", "used"): _ID,
    ("prov", "wasDerivedFrom"): _ID,
    ("prov", "wasGeneratedBy"): _ID,
    ("schema", "author"): None,
    ("schema", "dateline"): None,
    ("schema", "headline"): None,
    ("schema", "publisher"): None,
    ("schema", "datePublished"): "xsd:date",
    ("schema", "url"): _ID,  # a URL that is not a valid IRI is a plain string value object
    ("schema", "geo"): _ID,
    ("schema", "latitude"): "xsd:decimal",
    ("schema", "longitude"): "xsd:decimal",
    ("schema", "sameAs"): _ID,
    ("geo", "hasGeometry"): _ID,
    ("geo", "asWKT"): "geo:wktLiteral",
}
# Terms not named by their local name: "geo" is the GeoSPARQL prefix, so schema:geo is
# "geoCoordinates" (a term named like a prefix would change how every "geo:" CURIE expands).
_RENAMED = {("schema", "geo"): "geoCoordinates"}
_CLASSES = {
    "sem": ("Actor", "Event", "EventType"),
    "skos": ("Concept", "ConceptScheme"),
    "time": ("DateTimeDescription", "Instant", "Interval"),
    "prov": ("Activity", "Entity"),
    "schema": ("Country", "GeoCoordinates", "NewsArticle", "Organization", "Person", "Place"),
    "geo": ("Feature", "Geometry"),
}
_TG_OBJECT_PROPERTIES = {
    "agent",
    "target",
    "attributedTo",
    "mergedMention",
    "matchedMention",
    "quantity",
    "mention",
    "article",
    "relationType",
    "relationSource",
    "relationTarget",
    "leaderOf",
    "memberOf",
    "atOddsWith",
    "mediatesBetween",
    "locatedIn",
    "linkSource",
    "linkTarget",
}
_TG_DECIMALS = {"quantityValue", "confidence", "linkConfidence"}
_TG_DATES = {"earliest", "latest"}
_TG_BOOLEANS = {"geoSure"}


def _term(prefix: str, local: str, coercion: str | None) -> str | dict[str, str]:
    return (
        f"{prefix}:{local}" if coercion is None else {"@id": f"{prefix}:{local}", "@type": coercion}
    )


def _build_context() -> dict[str, str | dict[str, str]]:
    context: dict[str, str | dict[str, str]] = dict(PREFIXES)
    for prefix, names in _CLASSES.items():
        context.update({name: f"{prefix}:{name}" for name in names})
    for (prefix, local), coercion in _EXTERNAL.items():
        context[_RENAMED.get((prefix, local), local)] = _term(prefix, local, coercion)
    for local in typing.get_type_hints(TG):  # every term of our closed vocabulary
        if local.startswith("_"):
            continue
        if local[0].isupper():
            context[local] = f"tg:{local}"
        elif local in _TG_OBJECT_PROPERTIES:
            context[local] = _term("tg", local, _ID)
        elif local in _TG_DATES:
            context[local] = _term("tg", local, "xsd:date")
        else:
            datatype = "xsd:decimal" if local in _TG_DECIMALS else None
            context[local] = _term(
                "tg", local, "xsd:boolean" if local in _TG_BOOLEANS else datatype
            )
    return dict(sorted(context.items()))


CONTEXT = _build_context()


def context_json() -> str:
    """The context document, as in ``schemas/context.jsonld``."""
    return json.dumps({"@context": CONTEXT}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(context_json(), end="")
