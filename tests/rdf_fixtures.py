"""An injection-heavy knowledge graph for the RDF serializers, and helpers to read them back.

``make_hostile_kg()`` is ``make_kg()`` plus articles whose ids are odd file names (spaces,
IRI-forbidden characters, '..', '#', '%', emoji, right-to-left text, a lone surrogate from
an undecodable name) and strings with every character that has broken a writer somewhere.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kg_fixtures import HOSTILE_NAME, HOSTILE_SENTENCE, make_kg, make_source
from timelinegraph.models import ActorType, ArticleInfo, KnowledgeGraph, ResolvedActor

ODD_ARTICLE_IDS = [
    "..",
    ".",
    'a b<c>"d{e}|f^g`h\\i',
    "#frag?q=1&x=%41%zz",
    "emoji 🎉 עברית مرحبا",
    "x\udc80y",  # what os.fsdecode gives for an undecodable byte
    "@prefix ex: <http://x/> .",
]
NASTY_TEXT = (
    HOSTILE_NAME + ' \b\f\x00\x1f\x7f \ufffe\uffff \x85\u2028\u2029 \U0010fffd "\\"'
    " trailing backslash \\"
)
ODD_URLS = [
    "https://example.org/a#b#c",  # two '#': not an IRI
    "http://example.org/a/../b",  # a dot segment Raptor would remove
    "https://example.org/%zz",
    "schema:x",  # reads as a prefixed name in JSON-LD
    "javascript:alert(1)",  # a valid IRI, kept as one
    "http://[::1/x",
]


def make_hostile_kg() -> KnowledgeGraph:
    base = make_kg()
    articles = list(base.articles)
    actors = list(base.actors)
    for index, article_id in enumerate(ODD_ARTICLE_IDS):
        articles.append(
            ArticleInfo(
                id=article_id,
                title=f"{NASTY_TEXT} #{index}",
                published=date(2024, 1, 1 + index),
                url=ODD_URLS[index % len(ODD_URLS)],
                source="]]> <![CDATA[ x ]]>",
                authors=["\u202eevil RTL override", "Name\nWith\rBreaks"],
                dateline="Ramallah — رام الله",
            )
        )
        sentence = f"{HOSTILE_SENTENCE} {NASTY_TEXT}"
        actors.append(
            ResolvedActor(
                id=f"odd-{article_id}",
                name=NASTY_TEXT,
                type=ActorType.PERSON,
                aliases=[f"{NASTY_TEXT} alias"],
                roles=["<role>"],
                sources=[make_source("a1", NASTY_TEXT[:10], article_id, 5, sentence)],
            )
        )
    return base.model_copy(
        update={"articles": articles, "actors": sorted(actors, key=lambda a: a.id)}
    )


def rapper(path: Path, syntax: str) -> tuple[int, list[str]]:
    """Raptor's count of the triples in ``path`` and its error/warning lines."""
    if shutil.which("rapper") is None:
        pytest.skip("rapper not installed (apt install raptor2-utils)")
    done = subprocess.run(
        ["rapper", "--input", syntax, "--count", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    problems = [line for line in done.stderr.splitlines() if "Error" in line or "Warning" in line]
    count = [line for line in done.stderr.splitlines() if "Parsing returned" in line]
    assert done.returncode == 0 or problems, done.stderr
    return (int(count[-1].split()[3]) if count else -1), problems
