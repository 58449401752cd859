"""Deterministic "system" TimeML files made from TempEval-3 gold ones, for checking the port of the
temporal-awareness scorer against the original (tests/test_evaluate_tempeval_original.py).

Each variant edits only the TLINK tags of the gold text, with arithmetic picks (no random module,
so the cases are the same on any Python): drop some links, change the type of some, state some
backwards (target, converse type, source), and add links between the document's events and times
with every relation type in turn, consistent or not, so every branch of the timegraph is used.
"""

from __future__ import annotations

import itertools
import re

RELS = (
    "BEFORE AFTER IBEFORE IAFTER INCLUDES IS_INCLUDED BEGINS BEGUN_BY ENDS ENDED_BY "
    "SIMULTANEOUS IDENTITY DURING DURING_INV"
).split()
CONVERSE = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
}
# variant -> (drop every n-th link, retype every n-th, reverse every n-th, links to add per 10)
VARIANTS = {
    "drop": (3, 0, 0, 0),
    "flip": (0, 4, 0, 0),
    "reverse": (0, 0, 2, 0),
    "add": (0, 0, 0, 3),
    "mixed": (5, 3, 4, 5),
    "noisy": (2, 2, 3, 10),
}
_TLINK = re.compile(r"<TLINK\b[^>]*>")


def _attr(tag: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def perturb(text: str, variant: str) -> str:
    """The gold TimeML ``text`` with its TLINKs edited as ``variant`` says."""
    drop, retype, reverse, add_per_10 = VARIANTS[variant]
    seen = itertools.count(1)

    def edit(match: re.Match[str]) -> str:
        k, tag = next(seen), match.group(0)
        if drop and k % drop == 0:
            return ""
        if retype and k % retype == 0:
            rel = _attr(tag, "relType") or ""
            new = RELS[(RELS.index(rel) + k) % len(RELS)] if rel in RELS else "BEFORE"
            tag = tag.replace(f'relType="{rel}"', f'relType="{new}"')
        if reverse and k % reverse == 0:
            tag = _reversed(tag)
        return tag

    n_links = len(_TLINK.findall(text))
    text = _TLINK.sub(edit, text)
    ids = sorted(set(re.findall(r'\b(?:eiid|tid)="([^"]+)"', text)))
    added, i = [], 0
    for j in range(n_links * add_per_10 // 10 if ids else 0):
        i = (i * 31 + 17 + j) % 1009
        a, b = ids[i % len(ids)], ids[(i * 7 + j) % len(ids)]
        added.append(_make_link(f"x{j}", a, b, RELS[(i + j) % len(RELS)]))
    return text.replace("</TimeML>", "".join(link + "\n" for link in added) + "</TimeML>")


def _end(name: str) -> tuple[str, str]:
    return (
        ("timeID", "relatedToTime")
        if name.startswith("t")
        else (
            "eventInstanceID",
            "relatedToEventInstance",
        )
    )


def _make_link(lid: str, a: str, b: str, rel: str) -> str:
    return f'<TLINK lid="{lid}" relType="{rel}" {_end(a)[0]}="{a}" {_end(b)[1]}="{b}" />'


def _reversed(tag: str) -> str:
    source = _attr(tag, "timeID") or _attr(tag, "eventInstanceID")
    target = _attr(tag, "relatedToTime") or _attr(tag, "relatedToEventInstance")
    rel = _attr(tag, "relType")
    if not (source and target and rel):
        return tag
    return _make_link(_attr(tag, "lid") or "r", target, source, CONVERSE.get(rel, rel))


def py2_printed(x: float) -> str:
    """What the original scorer prints for a ratio, Python 2's ``str(100 * round(x, 6))``:
    12 significant digits, with ``.0`` on a whole number."""
    text = f"{100 * round(x, 6):.12g}"
    return text if any(c in text for c in ".en") else text + ".0"
