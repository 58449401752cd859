"""Numbers attached to an event: '30,000 Palestinians dead', 'around 130 hostages'."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from spacy.tokens import Doc, Token

from ...models import Quantity
from ..tokens import children_of

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100, "thousand": 1000,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Plural vague numbers: "dozens of hostages" means at least two dozen.
VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2e6, "scores": 40}
MODS = {
    ("more", "than"): "MORE_THAN", ("over",): "MORE_THAN", ("above",): "MORE_THAN",
    ("at", "least"): "EQUAL_OR_MORE", ("less", "than"): "LESS_THAN",
    ("fewer", "than"): "LESS_THAN", ("under",): "LESS_THAN", ("up", "to"): "EQUAL_OR_LESS",
    ("at", "most"): "EQUAL_OR_LESS", ("about",): "APPROX", ("around",): "APPROX",
    ("approximately",): "APPROX", ("roughly",): "APPROX", ("some",): "APPROX",
    ("nearly",): "APPROX", ("almost",): "APPROX", ("estimated",): "APPROX",
    ("an", "estimated"): "APPROX", ("close", "to"): "APPROX",
}  # fmt: skip
MONTHS = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
)
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "appos"})
_NUMBER_WORDS = frozenset(SCALES) | frozenset(WORDS) | frozenset(VAGUE)


def number_value(tokens: list[Token]) -> float | None:
    """Value of a number phrase: '30,000', '2.3 million', 'a dozen', 'six'."""
    value: float | None = None
    for token in tokens:
        word = token.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", word):
            value = float(word)
        elif word in SCALES and value is not None:
            value *= SCALES[word]
        elif word in WORDS:
            value = WORDS[word] if value is None else value * WORDS[word]
        elif word in VAGUE:
            value = VAGUE[word]
        elif word in ("a", "an") and value is None:
            continue
    return value


def unit_of(noun: Token) -> str:
    """Lemma of the counted noun; plural proper nouns lose their -s ('Palestinians')."""
    lemma = noun.lemma_.lower()
    if noun.tag_ == "NNPS" and lemma.endswith("s") and lemma == noun.lower_:
        lemma = lemma[:-1]
    return lemma


def _counts(token: Token) -> bool:
    """Numbers in dates, times, money, percentages and ordinals count nothing here."""
    if token.i > 0 and token.doc[token.i - 1].lower_.rstrip(".")[:3] in MONTHS:
        return False  # "Oct. 7"
    return token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL")


def _number_phrase(noun: Token) -> tuple[list[Token], str | None] | None:
    """The number tokens and mod of a counted noun phrase headed by ``noun``."""
    nums = [
        c
        for c in children_of(noun)
        if (c.dep_ == "nummod" or (c.like_num and c.i < noun.i)) and _counts(c)
    ]
    if not _counts(noun):
        return None
    if noun.like_num or noun.lower_ in VAGUE:
        nums = [noun]
    if not nums and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        head = noun.head.head  # "dozens of hostages", "a dozen of them"
        if head.lower_ in VAGUE or head.like_num:
            nums = [head]
    if not nums:
        return None
    first = nums[0]
    phrase = [
        t
        for n in nums
        for t in children_of(n)
        if (t.like_num or t.lower_ in SCALES) and abs(t.i - n.i) <= 2 and _counts(t)
    ]
    phrase = sorted({t.i: t for t in [first, *phrase]}.values(), key=lambda t: t.i)
    doc = noun.doc
    lo = phrase[0].i
    if lo > 0 and doc[lo - 1].lower_ in ("a", "an"):
        lo -= 1
    mod = None
    for size in (2, 1):
        words = tuple(t.lower_ for t in doc[max(lo - size, 0) : lo])
        if len(words) == size and words in MODS:
            mod = MODS[words]
            lo -= size
            break
    return list(doc[lo : phrase[-1].i + 1]), mod


def numeric_sentences(doc: Doc, sentence_of_token: Sequence[int]) -> set[int] | None:
    """Sentences (indexes as in ``sentence_of_token``) holding a token that can start a
    quantity: a number, a ``nummod`` or a vague plural ("dozens"). ``quantities_for`` finds
    nothing in the others, since it only follows dependency arcs; None when an arc crosses
    sentences, as then the shortcut would not hold."""
    found: set[int] = set()
    for token in doc:
        sentence = sentence_of_token[token.i]
        if sentence_of_token[token.head.i] != sentence:
            return None
        if token.dep_ == "nummod" or token.like_num or token.lower_ in VAGUE:
            found.add(sentence)
    return found


def quantities_for(head: Token, triggers: Set[int], last_unit: list[str]) -> list[Quantity]:
    """Quantities on the trigger's arguments (not entering other triggers' clauses)."""
    found: list[Quantity] = []
    candidates = [head] if head.pos_ == "NOUN" else []
    stack = [c for c in children_of(head) if c.i not in triggers]
    while stack:
        token = stack.pop()
        if token.dep_ in ARGUMENT_DEPS or token.dep_ in ("prep", "nummod", "quantmod"):
            bare_number = token.like_num and token.dep_ not in ("nummod", "quantmod")
            if token.pos_ in ("NOUN", "PROPN") or bare_number or token.lower_ in VAGUE:
                candidates.append(token)
            if token.dep_ in ("prep", "pobj") or token.pos_ != "VERB":
                stack.extend(
                    c for c in children_of(token) if c.i not in triggers and c.dep_ != "relcl"
                )
    for noun in sorted(candidates, key=lambda t: t.i):
        phrase = _number_phrase(noun)
        if phrase is None:
            continue
        tokens, mod = phrase
        value = number_value([t for t in tokens if t.like_num or t.lower_ in _NUMBER_WORDS])
        if value is None:
            continue
        before = tokens[0].i - 1
        if before >= 0 and noun.doc[before].lower_ == "no":  # "no one was hurt": none
            value, tokens = 0.0, [noun.doc[before], *tokens]
        if noun.like_num or noun.lower_ in VAGUE:
            of = [c for c in children_of(noun) if c.dep_ == "prep" and c.lower_ == "of"]
            objects = [o for p in of for o in children_of(p) if o.dep_ == "pobj"]
            unit = unit_of(objects[0]) if objects else (last_unit[0] if last_unit else "")
            end_tok = objects[0] if objects else tokens[-1]
        else:
            unit, end_tok = unit_of(noun), noun
        if mod is None and any(t.lower_ in VAGUE for t in tokens):
            mod = "EQUAL_OR_MORE"  # "dozens of hostages": at least two dozen
        if any(q.start == tokens[0].idx for q in found):
            continue
        span = noun.doc[tokens[0].i : max(end_tok.i, tokens[-1].i) + 1]
        found.append(
            Quantity(
                value=value,
                unit=unit,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                mod=mod,
            )
        )
        if unit:
            last_unit[:] = [unit]
    return found
