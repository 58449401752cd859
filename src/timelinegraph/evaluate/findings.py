"""Error kinds: what went wrong, counted per layer, with examples a developer can read."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..models import Model

__all__ = ["ErrorExample", "ErrorLog", "shape"]


class ErrorExample(Model):
    """One error as it shows in the text."""

    doc_id: str
    category: str
    kind: str
    gold: str | None = None
    predicted: str | None = None


def shape(value: str) -> str:
    """The form of a TIMEX3 value with digits hidden: '2024-03-07' -> '9999-99-99'."""
    return re.sub(r"\d", "9", value)


class ErrorLog:
    """Collects the error kinds of one document while its layers are scored."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.kinds: dict[str, Counter[str]] = defaultdict(Counter)
        self.examples: list[ErrorExample] = []

    def add(
        self, category: str, kind: str, gold: str | None = None, predicted: str | None = None
    ) -> None:
        self.kinds[category][kind] += 1
        self.examples.append(
            ErrorExample(
                doc_id=self.doc_id, category=category, kind=kind, gold=gold, predicted=predicted
            )
        )
