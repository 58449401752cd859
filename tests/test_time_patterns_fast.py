"""The fast time-expression detection (case-folded text, case-sensitive patterns, literal
pre-checks) finds exactly what the plain IGNORECASE patterns find, on any text.

The reference below is the detection as it was first written: every pattern of ``PATTERNS``
(``re.IGNORECASE``) run over the original text with ``finditer``.
"""

from __future__ import annotations

import random
import re
import string
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tg_paths import SEEDS
from timelinegraph.extract.times import patterns as P
from timelinegraph.extract.times.patterns import Candidate, find_rule_candidates


def _reference_acceptable(kind: str, m: re.Match[str], text: str) -> bool:
    """``_acceptable`` as first written, reading the IGNORECASE match itself."""
    for name in P._CAPITALIZED:
        word = m.groupdict().get(name)
        if word and not word[0].isupper():
            return False
    before = text[max(0, m.start() - 20) : m.start()]
    if kind == "month":
        word = m.group("mon").lower()
        if word in P._AMBIGUOUS_MONTH and not m.group("pmod") and not P._MONTH_CUE.search(before):
            return False
    g = m.groupdict()
    if kind == "anaphor" and not g.get("x") and P._OF_BEFORE.search(before):
        return bool(P._OF_TEMPORAL.search(before))
    bare_season = kind == "season" and not (g["pmod"] or g["rel"] or g["year"])
    if bare_season and not P._SEASON_CUE.search(before):
        return False
    adj = m.groupdict().get("adj")
    return not (kind == "set" and adj and not adj[0].islower())


def reference_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for kind, pattern in P.PATTERNS:
        for m in pattern.finditer(text):
            if not _reference_acceptable(kind, m, text):
                continue
            groups = m.groupdict()
            start, end = m.span("x") if groups.get("x") else m.span()
            found.append(Candidate(start, end, kind, groups))
    return found


def _same(text: str) -> None:
    fast = [(c.start, c.end, c.kind, c.groups) for c in find_rule_candidates(text)]
    slow = [(c.start, c.end, c.kind, c.groups) for c in reference_candidates(text)]
    assert fast == slow, text[:200]


TRICKY = [
    "On Tuesday, May 5, 2015 at 3 PM EST the FY2024 results for Q3 '24 came out.",
    "MAY 5 2015; march 3rd; 5th of March, 2014; Sept. 11; the 1990s and '80s.",
    "It may rain in March. The fall of Rome. Last fall, in the spring of 2019.",
    "10:30 a.m. EST on Monday; noon tomorrow; 23:15 Thursday; 7 pm; 8PM tonight.",
    "two years ago, a year-ago quarter, 30 days earlier, more than six months ago.",
    "twice a week, 3 times per month, every other Tuesday, daily, Daily Telegraph, 2 a day.",
    "the twenty-first century, the 19th century, mid-2023, the end of 2024, early February.",
    "a 33-year-old actress aged 45, five-year-old boy, the past three years, for weeks.",
    "at the time, at a later date, in the near future, these days, right now, soon.",
    "The year of the rat; the year; the month of May; the second half; the third straight year.",
    "year-end 2012, end-of-year, holiday shopping season, 2013 holiday season, Christmas Eve.",
    # letters that IGNORECASE matches to ASCII: dotted/dotless i, long s, Kelvin sign
    "İn March; Tuesday ſeptember 5; \u212aids 3 \u212a; tHİRD quarter; Qİ; ſpring 2014; Monday.",
    "TUES. 5 P.M.; thurs 7 a.m.; WEEKEND; The Weekend; THE WEEKEND; in THE PAST; ANNUAL.",
]


def test_tricky_sentences_match_the_reference() -> None:
    for text in TRICKY:
        _same(text)


def test_seed_article_and_its_case_mutations_match_the_reference() -> None:
    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    _same(text)
    _same(text.upper())
    _same(text.lower())
    rng = random.Random(7)
    specials = ["\u0130", "\u0131", "\u017f", "\u212a", "\u00c9", "\u00df", "\u2014", "\n\n"]
    words = text.split(" ")
    for _ in range(5):
        mutated = []
        for word in words:
            roll = rng.random()
            if roll < 0.2:
                word = word.upper()
            elif roll < 0.3:
                word = word.capitalize()
            elif roll < 0.35:
                k = rng.randrange(len(word) + 1)
                word = word[:k] + rng.choice(specials) + word[k:]
            mutated.append(word)
        _same(" ".join(mutated))


_PIECES = [
    *[w for w in P.MONTHS],
    *[w for w in P.WEEKDAYS],
    "the", "of", "in", "last", "next", "this", "ago", "earlier", "later", "a", "an", "per",
    "year", "years", "month", "quarter", "week", "day", "days", "hours", "season", "holiday",
    "old", "aged", "early", "mid-", "mid", "end", "half", "first", "third", "straight",
    "century", "fiscal", "FY", "Q3", "'24", "1990s", "'80s", "2015", "12/25/2015",
    "2015-03-07", "10:30", "3", "21st", "a.m.", "PM", "noon", "EST", "every", "twice",
    "times", "daily", "Annual", "now", "soon", "past", "future", "time", "at", "that",
    "spring", "fall", "-", ",", ".", "%", "$", "\u0130", "\u0131", "\u017f", "\u212a",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_PIECES),
            st.sampled_from(["lower", "upper", "title"]),
            st.sampled_from([" ", "  ", "\n", "", "-", ", "]),
        ),
        max_size=14,
    )
)
def test_random_word_salad_matches_the_reference(parts: list[tuple[str, str, str]]) -> None:
    text = "".join(getattr(word, case)() + sep for word, case, sep in parts)
    _same(text)


def test_fold_keeps_offsets_and_maps_exactly_the_ignorecase_letters() -> None:
    """Every character that IGNORECASE matches to an ASCII letter folds to that letter, and
    nothing else changes (so offsets and \\w, \\b, \\s, \\d are untouched)."""
    ascii_like = re.compile("[a-z]", re.IGNORECASE)
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        char = chr(cp)
        folded = char.translate(P.FOLD)
        if ascii_like.fullmatch(char):
            assert folded in string.ascii_lowercase, hex(cp)
            assert re.fullmatch(folded, char, re.IGNORECASE), hex(cp)
            assert re.fullmatch(folded.upper(), char, re.IGNORECASE), hex(cp)
        else:
            assert folded == char, hex(cp)


def test_folded_patterns_keep_the_groups() -> None:
    assert len(P._FOLDED) == len(P.PATTERNS)
    for (kind, original), (folded_kind, folded, _) in zip(P.PATTERNS, P._FOLDED, strict=True):
        assert kind == folded_kind
        assert folded.groupindex == original.groupindex
        assert not folded.flags & re.IGNORECASE
        assert not re.search(r"\\[A-Z]", original.pattern), "an upper-case escape would fold"
