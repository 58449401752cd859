"""Deterministic "system" timelines made from SemEval-2015 Task 4 gold ones, for the timeline
scorer's tests: each variant edits the gold text with arithmetic picks (no random module)."""

from __future__ import annotations

VARIANTS = ("drop", "swap", "unplace", "redate", "merge", "split", "mixed")


def perturb_timeline(text: str, variant: str) -> str:
    """The gold timeline ``text`` edited as ``variant`` says."""
    head, *lines = [line for line in text.splitlines() if line.strip()]
    rows = [line.split("\t") for line in lines]
    steps = ("drop", "swap", "unplace", "redate") if variant == "mixed" else (variant,)
    for step in steps:
        rows = _EDITS[step](rows)
    return "\n".join([head, *("\t".join(row) for row in rows)]) + "\n"


def _drop(rows: list[list[str]]) -> list[list[str]]:
    return [row for k, row in enumerate(rows, start=1) if k % 4]


def _swap(rows: list[list[str]]) -> list[list[str]]:
    """Orders 3k and 3k+1 trade places."""

    def swapped(order: int) -> int:
        if order and order % 3 == 0:
            return order + 1
        return order - 1 if order > 1 and (order - 1) % 3 == 0 else order

    return [[str(swapped(int(row[0]))), *row[1:]] for row in rows]


def _unplace(rows: list[list[str]]) -> list[list[str]]:
    return [["0", "XXXX-XX-XX", *row[2:]] if k % 5 == 0 else row for k, row in enumerate(rows)]


def _redate(rows: list[list[str]]) -> list[list[str]]:
    out = []
    for k, row in enumerate(rows):
        year = row[1][:4]
        if k % 3 == 1 and year.isdigit():
            row = [row[0], str(int(year) + 1) + row[1][4:], *row[2:]]
        out.append(row)
    return out


def _merge(rows: list[list[str]]) -> list[list[str]]:
    """Every fourth order joins the one before it."""

    def merged(order: int) -> int:
        return order - 1 if order and order % 4 == 0 else order

    return [[str(merged(int(row[0]))), *row[1:]] for row in rows]


def _split(rows: list[list[str]]) -> list[list[str]]:
    """Coreferent mentions listed as separate events of the same order."""
    return [[row[0], row[1], mention] for row in rows for mention in row[2:]]


_EDITS = {
    "drop": _drop,
    "swap": _swap,
    "unplace": _unplace,
    "redate": _redate,
    "merge": _merge,
    "split": _split,
}
