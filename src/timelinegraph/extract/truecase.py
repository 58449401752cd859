"""Title Case headlines, read as the sentences they are.

"Lindsay Lohan Checks Into Rehab" is tagged by the model as one long name: every word is
capitalised, so "Checks" looks like a name and the verb is lost. Before parsing, a Title Case
line with no final stop, in an article with other lines, is rewritten in sentence case: a
capitalised word keeps its capital only when the rest of the article writes it capitalised in
mid-sentence (a name: "Lohan", "Betty Ford Center"), or it is an acronym ("SDK", "U.S.").
Only letters change case, so every offset stays the same.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
_SENTENCE_OPENERS = frozenset(".!?:;\"“‘'([—–-")
TITLE_SHARE = 0.8  # of the longer words, how many must be capitalised
MIN_TITLE_WORDS = 3  # longer words (4+ letters) a line needs to count as a title


def truecase_headlines(text: str) -> str:
    """``text`` with its Title Case lines in sentence case (same length, same offsets)."""
    lines = _lines(text)
    titles = [(start, end) for start, end in lines if _is_title(text[start:end])]
    if not titles or len(titles) == len([1 for s, e in lines if text[s:e].strip()]):
        return text  # no headline, or nothing but headlines to learn the names from
    names = _mid_sentence_capitals(text, titles)
    chars = list(text)
    for start, end in titles:
        for n, word in enumerate(_WORD.finditer(text, start, end)):
            token = word.group()
            if n == 0 or not token[0].isupper() or _keeps_capital(token, names):
                continue
            chars[word.start()] = token[0].lower()
    return "".join(chars)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _is_title(line: str) -> bool:
    if line.rstrip().endswith((".", "!", "?", ".”", '."')):
        return False  # a sentence, not a headline: headlines carry no final stop
    longer = [w for w in _WORD.findall(line) if sum(c.isalpha() for c in w) >= 4]
    if len(longer) < MIN_TITLE_WORDS:
        return False
    capitalised = sum(1 for w in longer if w[0].isupper() and not w.isupper())
    return capitalised >= TITLE_SHARE * len(longer)


def _mid_sentence_capitals(text: str, titles: list[tuple[int, int]]) -> set[str]:
    """Words the article writes capitalised where a sentence does not begin: names."""
    names = set()
    for word in _WORD.finditer(text):
        if not word.group()[0].isupper():
            continue
        if any(start <= word.start() < end for start, end in titles):
            continue
        before = _previous_char(text, word.start())
        if before and before != "\n" and before not in _SENTENCE_OPENERS:
            names.add(word.group())
    return names


def _previous_char(text: str, index: int) -> str:
    """The last character before ``index`` that is not a space or tab ('' at the start)."""
    i = index - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return text[i] if i >= 0 else ""


def _keeps_capital(word: str, names: set[str]) -> bool:
    if word in names or word.rstrip("'’s") in names:
        return True
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)  # SDK, U.S.
