"""``fold``: the key two spellings of one name share, for places, actors and stories alike."""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower-case, accent-free, 'the'-less key: 'Rafaḩ' -> 'rafah', 'the U.S.' -> 'u.s.'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = " ".join(plain.lower().replace("’", "'").split())
    return key[4:] if key.startswith("the ") else key
