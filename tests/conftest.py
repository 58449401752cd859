"""Shared fixtures: the real spaCy pipeline (loaded once), paths, and article factories."""

from __future__ import annotations

from datetime import date

import pytest

from timelinegraph.extract.context import ArticleContext, mask_text
from timelinegraph.extract.nlp import load_nlp
from timelinegraph.models import Article


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def make_context(nlp):
    """Parse a snippet as an article published on ``published`` (default 2024-03-07)."""

    def make(text: str, published: date = date(2024, 3, 7), **fields) -> ArticleContext:
        article = Article(id=fields.pop("id", "test"), text=text, published=published, **fields)
        return ArticleContext(article=article, doc=nlp(mask_text(article)))

    return make
