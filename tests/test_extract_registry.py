"""The extractor registry (extract/registry.py): every field of an extraction is filled by
exactly one extractor, each reads only what ran before it, and ``extract_doc`` runs the
table and nothing else."""

from __future__ import annotations

import inspect
from datetime import date

from timelinegraph.cache.keys import VERSIONED_FOLDERS
from timelinegraph.extract import extract_doc
from timelinegraph.extract.context import ArticleContext, mask_text
from timelinegraph.extract.registry import EXTRACTORS, Extractor, run_extractors
from timelinegraph.models import Article, ArticleExtraction

TEXT = (
    "CAIRO - Hamas pulled out of cease-fire talks on Thursday, Egyptian officials said. "
    "Israel had rejected the offer two days earlier, and mediators will meet again next week."
)


def test_every_extraction_field_has_exactly_one_extractor():
    filled = [extractor.field for extractor in EXTRACTORS]
    assert len(filled) == len(set(filled))
    # article and sentences come from the parsed article itself, not from an extractor
    assert set(filled) == set(ArticleExtraction.model_fields) - {"article", "sentences"}
    names = [extractor.name for extractor in EXTRACTORS]
    assert len(names) == len(set(names))


def test_each_extractor_reads_only_what_ran_before_it():
    done: set[str] = set()
    for extractor in EXTRACTORS:
        assert set(extractor.inputs) <= done, f"{extractor.name} reads a field filled later"
        # called as run(ctx, *inputs): the signature takes exactly that many arguments
        params = inspect.signature(extractor.run).parameters
        assert len(params) == 1 + len(extractor.inputs), extractor.name
        done.add(extractor.field)


def test_extract_doc_is_the_registry_run_by_hand(nlp):
    article = Article(id="reg", text=TEXT, published=date(2024, 3, 7))
    doc = nlp(mask_text(article))
    ctx = ArticleContext(article=article, doc=nlp(mask_text(article)))
    by_hand: dict[str, list] = {}
    for extractor in EXTRACTORS:
        by_hand[extractor.field] = extractor.run(ctx, *(by_hand[n] for n in extractor.inputs))
    got = extract_doc(article, doc)
    expected = ArticleExtraction(article=article, sentences=ctx.sentences, **by_hand)
    assert got.model_dump_json() == expected.model_dump_json()
    assert got.events and got.times and got.actors and got.links  # the text exercises them all


def test_run_extractors_passes_outputs_in_order(make_context):
    ctx = make_context("One sentence.")
    calls: list[tuple[str, tuple]] = []

    def first(ctx):
        calls.append(("first", ()))
        return ["x"]

    def second(ctx, xs):
        calls.append(("second", (xs,)))
        return [*xs, "y"]

    table = (Extractor("first", first, (), "a"), Extractor("second", second, ("a",), "b"))
    assert run_extractors(ctx, table) == {"a": ["x"], "b": ["x", "y"]}
    assert calls == [("first", ()), ("second", (["x"],))]


def test_the_registry_is_part_of_the_cache_key():
    # rewiring the extractors changes extractions, so it must change the cache key
    assert "extract" in VERSIONED_FOLDERS
    assert inspect.getmodule(run_extractors).__name__.startswith("timelinegraph.extract.")
