"""One article's full extraction as JSON: ``ArticleExtraction.model_dump(mode="json")``.

Keys are sorted and indented, so the same extraction always gives the same bytes; the file
validates back with ``ArticleExtraction.model_validate(json.load(...))``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..common.atomic import write_text_atomic
from ..common.jsontext import without_surrogates
from ..models import ArticleExtraction

__all__ = ["render_extraction_json", "write_extraction_json"]


def render_extraction_json(extraction: ArticleExtraction) -> str:
    """Sorted, indented JSON of ``extraction``, ending in a newline. The reader leaves no lone
    surrogate (ingest/unicode.py); one in an extraction made in code is written U+FFFD, as
    the other JSON writers do."""
    data = extraction.model_dump(mode="json")
    return without_surrogates(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)) + "\n"


def write_extraction_json(extraction: ArticleExtraction, path: Path) -> Path:
    """Write the extraction JSON to ``path`` atomically (UTF-8); returns ``path``."""
    return write_text_atomic(Path(path), render_extraction_json(extraction))
