"""Values that do not lean on a guessed publication date (``timelinegraph.dating``).

When an article's date is a guess from its body, a relative expression must not get a
calendar value from it: "was sentenced Saturday" would land on the Saturday before the date
of the crime the story names. ``unanchored`` finds which parts of a value the publication date
decides by normalizing the expression again against other dates (a year, a quarter, seven
months and five weeks later, whole weeks so weekdays keep their place): every number that
changes is written ``X``, the TIMEX3 way of saying a field is not known. "Saturday" becomes
``XXXX-XX-XX``, "last week" ``XXXX-WXX``, "March 3" ``XXXX-03-03``, "this spring" ``XXXX-SP``;
"March 3, 2005", "2009", "the 1990s" and "three weeks" are the same whatever the date, and
keep their value. A value with no number left has no calendar meaning downstream
(``extract.events.timing.calendar_value``), so no event is dated from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .resolve import Norm

__all__ = ["unanchored"]

_PROBES = tuple(timedelta(weeks=n) for n in (53, 13, 30, 5))
_PARTS = re.compile(r"\d+|\D+")


def unanchored(norm: Norm, again: Callable[[date], Norm | None], published: date) -> Norm:
    """``norm`` (normalized against ``published``) with every number that ``again(other
    date)`` gives differently written ``X``; all of them when a probe gives no value or a
    value of another shape."""
    parts = _PARTS.findall(norm.value)
    changed = [False] * len(parts)
    for shift in _PROBES:
        try:
            probe = published + shift
        except OverflowError:  # an article dated at the end of year 9999
            probe = published - shift
        other = again(probe)
        other_parts = _PARTS.findall(other.value) if other is not None else []
        if len(other_parts) != len(parts) or any(
            a.isdigit() != b.isdigit() or (not a.isdigit() and a != b)
            for a, b in zip(parts, other_parts, strict=True)
        ):
            changed = [True] * len(parts)
            break
        changed = [c or a != b for c, a, b in zip(changed, parts, other_parts, strict=True)]
    if not any(c and p.isdigit() for c, p in zip(changed, parts, strict=True)):
        return norm
    value = "".join(
        "X" * len(p) if c and p.isdigit() else p for c, p in zip(changed, parts, strict=True)
    )
    return Norm(norm.type, value, norm.granularity, norm.mod, norm.confidence)
