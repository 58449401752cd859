"""What kind of thing a common noun names (person, artifact, communication), from WordNet.

The data (``timelinegraph/data/noun_classes.txt``) is derived from Princeton WordNet 3.0 by
``tools/noun_classes.py``; nothing here imports WordNet. Read once, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["noun_class"]


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    text = resources.files("timelinegraph.data").joinpath("noun_classes.txt").read_text("utf-8")
    table: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("= "):
            current = line[2:].strip()
        else:
            table[line.strip()] = current
    return table


def noun_class(lemma: str) -> str | None:
    """'person', 'artifact' or 'communication' for a noun whose commonest sense is one; None
    for any other noun or word."""
    return _classes().get(lemma.lower())
