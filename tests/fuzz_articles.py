"""Generated news articles, hostile ones included, for the property tests and the fuzz campaign.

One grammar, two drivers: every generator here takes a ``Picker`` and asks it for choices,
integers and raw text. ``HypothesisPicker`` draws them from Hypothesis (so failures shrink),
``RandomPicker`` from a seeded ``random.Random`` (so ``benchmarks/fuzz_campaign.py`` can make
10,000 articles reproducibly, which Hypothesis's ``.example()`` is not meant for).

Texts mix news-like sentences (named actors, news verbs, dates, places, quotes) with fragments
that have broken writers somewhere: quotes, ``<script>``, ``]]>``, backslashes, ``#``,
``@prefix``, NUL and other controls, lone surrogates, RTL marks, emoji, combining marks,
U+2028, very long tokens.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

# Names spaCy tags as people, organisations and places, and names built to break writers.
ACTORS = [
    "Hamas",
    "Israel",
    "Qatar",
    "Egypt",
    "the United Nations",
    "the U.N.",
    "President Joe Biden",
    "Benjamin Netanyahu",
    "Antony Blinken",
    "the European Union",
    "Reuters",
    "the World Health Organization",
    "Emmanuel Macron",
    'Dr. "Quote" O\'Neil',
    "John Back\\Slash",
    "Acme <script>alert(1)</script> Corp",
    "Mary ]]> Smith",
    "Ахмед Саид",
    "בנימין נתניהו",
    "محمود عباس",
    "Zoë Ren\u0301ee",
    "Group #2",
    "@prefix Holdings",
    "Ahmed\u2028Said",
    "Li 🎉 Wei",
    "Ana\u202eMaria",
]
VERBS = [
    "attacked",
    "met",
    "condemned",
    "signed a deal with",
    "negotiated with",
    "accused",
    "released",
    "criticised",
    "visited",
    "warned",
    "praised",
    "sued",
]
PLACES = ["Gaza", "Cairo", "Doha", "Paris", "Washington", "Rafah", "Kyiv", "the West Bank"]
WHEN = [
    "on Monday",
    "last week",
    "on March 3, 2024",
    "in early February",
    "yesterday",
    "on 2024-02-30",
    "in 1999",
    "next month",
    "two days later",
    "",
]
# Fragments that have broken a Turtle, XML, JSON or HTML writer somewhere.
HOSTILE = [
    '"',
    '\\"',
    '"""',
    "'''",
    ">",
    "<",
    "<script>alert(1)</script>",
    "</script>",
    "</SCRIPT >",
    "<!--",
    "]]>",
    "<![CDATA[",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\\",
    "C:\\temp\\",
    "\\u0041",
    "\\n",
    "#",
    "#frag",
    "@prefix ex: <http://x/> .",
    "@base <http://x/> .",
    "^^xsd:date",
    "@en",
    "_:b0",
    "<http://x/a b>",
    "&amp;",
    "&#0;",
    "%zz",
    "${x}",
    "{{x}}",
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udc80",
    "\u202e",
    "\u200f",
    "مرحبا بالعالم",
    "שלום עולם",
    "🎉",
    "👩\u200d👩\u200d👧",
    "🇵🇸🇮🇱",
    "e\u0301\u0308\u0323",
    "\u0301",
    "A" * 3000,
    "x" * 120 + "-" * 50,
]
URLS = [
    "https://example.org/news/a?x=1&y=2#frag",
    "https://example.org/a#b#c",
    "http://example.org/a/../b",
    "https://example.org/%zz",
    "schema:x",
    "javascript:alert(1)",
    "http://[::1/x",
    "not a url <really>",
    "",
]
FILE_KINDS = ("txt", "json", "jsonl")


class Picker(Protocol):
    """Where the generators get their randomness."""

    def choice(self, options: Sequence[T]) -> T: ...

    def integer(self, low: int, high: int) -> int: ...

    def text(self, max_size: int) -> str: ...


class HypothesisPicker:
    """Draws from Hypothesis strategies (inside ``@st.composite`` or with ``st.data()``)."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self.draw = draw

    def choice(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def text(self, max_size: int) -> str:
        # every code point, lone surrogates included (Hypothesis leaves Cs out by default)
        return self.draw(st.text(st.characters(exclude_categories=()), max_size=max_size))


# Raw characters for RandomPicker.text: ASCII mostly, then controls, other scripts, astral
# characters and surrogates, each range picked with this weight.
_RANGES = [
    (40, 0x20, 0x7E),
    (5, 0x00, 0x1F),
    (5, 0x7F, 0x9F),
    (10, 0xA0, 0x2FF),
    (8, 0x300, 0x36F),
    (10, 0x590, 0x6FF),
    (5, 0x2000, 0x206F),
    (5, 0x4E00, 0x4FFF),
    (3, 0xD800, 0xDFFF),
    (3, 0xFFF0, 0xFFFF),
    (6, 0x1F300, 0x1F6FF),
]


class RandomPicker:
    """Draws from a seeded ``random.Random``: the same seed gives the same articles."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def text(self, max_size: int) -> str:
        weights = [w for w, _, _ in _RANGES]
        ranges = self.rng.choices(_RANGES, weights, k=self.rng.randint(0, max_size))
        return "".join(chr(self.rng.randint(lo, hi)) for _, lo, hi in ranges)


# --------------------------------------------------------------------------- articles


def sentence(p: Picker) -> str:
    """One news-like sentence, now and then with a hostile fragment or raw text in it."""
    kind = p.integer(0, 9)
    subject, target = p.choice(ACTORS), p.choice(ACTORS)
    when = p.choice(WHEN)
    if kind <= 3:
        text = f"{subject} {p.choice(VERBS)} {target} in {p.choice(PLACES)} {when}"
    elif kind <= 5:
        text = f'{subject} said "{target} {p.choice(VERBS)} us {p.choice(HOSTILE)}" {when}'
    elif kind == 6:
        text = f"{subject} {p.choice(VERBS)} {target} {p.choice(HOSTILE)} {p.choice(HOSTILE)}"
    elif kind == 7:
        text = f"{p.choice(HOSTILE)}{subject} {p.choice(VERBS)} {p.text(20)} {when}"
    elif kind == 8:
        text = p.text(60)
    else:
        text = f"{subject} {p.choice(VERBS)} {target}, officials said {when}"
    return text.strip(" ") + p.choice([".", ".", ".", "!", "?", "", " —"])


def article_text(p: Picker, max_sentences: int = 6) -> str:
    """Sentences joined by spaces or newlines; never blank (a blank article is refused)."""
    parts = [sentence(p) for _ in range(p.integer(1, max_sentences))]
    text = "".join(part + p.choice([" ", " ", "\n", "\n\n"]) for part in parts)
    return text if text.strip() else "Hamas met Israel in Cairo on Monday."


def dateline(p: Picker) -> str:
    return p.choice(["", "", "CAIRO — ", "WASHINGTON (AP) — ", "GAZA CITY, Gaza Strip — "])


def published(p: Picker) -> date:
    return date(2000, 1, 1) + timedelta(days=p.integer(0, 9000))


def odd_string(p: Picker) -> str:
    """Metadata text: plain, hostile, or raw."""
    kind = p.integer(0, 3)
    if kind == 0:
        return p.choice(["Ceasefire talks resume", "Talks", "Wire Service", "Jane Doe"])
    if kind == 1:
        return p.choice(HOSTILE) + " " + p.choice(ACTORS)
    return p.text(30)


@dataclass
class Record:
    """One article as its generator meant it: the fields a JSON object would carry."""

    text: str
    published: date | None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)

    def json_object(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.published is not None:
            data["date"] = self.published.isoformat()
        for key in ("id", "title", "url", "source"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.authors:
            data["authors"] = self.authors
        return data


def record(p: Picker) -> Record:
    """An article with hostile metadata (any field may be absent)."""
    maybe: Callable[[Callable[[], str]], str | None] = lambda make: (  # noqa: E731
        make() if p.integer(0, 2) else None
    )
    return Record(
        text=dateline(p) + article_text(p),
        published=published(p),
        id=maybe(lambda: odd_string(p)),
        title=maybe(lambda: odd_string(p)),
        url=maybe(lambda: p.choice(URLS) if p.integer(0, 1) else odd_string(p)),
        source=maybe(lambda: odd_string(p)),
        authors=[odd_string(p) for _ in range(p.integer(0, 2))],
    )


# --------------------------------------------------------------------------- files


@dataclass
class GeneratedFile:
    """A file to write and what reading it must give: how many articles, how many skips."""

    name: str
    data: bytes
    kind: str  # "txt", "json", "jsonl" or the name of the deliberate breakage
    articles: int
    skipped: int
    records: list[Record] = field(default_factory=list)


def txt_bytes(item: Record) -> bytes:
    header = f"date {item.published.isoformat()}\n" if item.published else ""
    return (header + item.text).encode("utf-8", errors="surrogatepass")


def good_file(p: Picker, stem: str, *, unique_ids: bool = False) -> GeneratedFile:
    """A well-formed article file (txt, json object or list, jsonl) of 1-3 articles.

    Well-formed as the generator writes it: a .txt whose text holds NUL or a lone surrogate
    (not writable as UTF-8), or a JSON file written with raw surrogates, must be refused.
    ``unique_ids`` makes every JSON ``id`` unique (prefixed with the file stem)."""
    kind = p.choice(FILE_KINDS)
    if kind == "txt":
        item = record(p)
        item.text = item.text.replace("\r\n", "\n").replace("\r", "\n")
        if p.integer(0, 3):  # mostly a readable file; now and then one that must be refused
            item.text = _UNWRITABLE_IN_TXT.sub("\ufffd", item.text)
        data = txt_bytes(item)
        if b"\x00" in data or not _utf8(item.text):
            return GeneratedFile(f"{stem}.txt", data, "txt-unwritable", 0, 1)
        return GeneratedFile(f"{stem}.txt", data, kind, 1, 0, [item])
    items = [record(p) for _ in range(p.integer(1, 3))]
    for i, item in enumerate(items):
        if unique_ids and item.id is not None:
            item.id = f"{stem}.{i}.id {item.id}"  # in front: slugify cuts ids at 80
    if kind == "json":
        body: Any = items[0].json_object() if len(items) == 1 else [r.json_object() for r in items]
        text = json.dumps(body, ensure_ascii=p.integer(0, 3) > 0)
    else:
        text = "\n".join(json.dumps(r.json_object()) for r in items) + "\n"
    name = f"{stem}.{kind}"
    if not _utf8(text):  # raw lone surrogates (ensure_ascii=False)
        return GeneratedFile(name, text.encode("utf-8", "surrogatepass"), "json-unwritable", 0, 1)
    return GeneratedFile(name, text.encode("utf-8"), kind, len(items), 0, items)


_UNWRITABLE_IN_TXT = re.compile("[\x00\ud800-\udfff]")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


BAD_DATES = ["2024-02-30", "2024-13-01", "yesterday", "24-1-1"]
# name -> (suffix, bytes) of a file every reader must refuse in one line
BROKEN: dict[str, Callable[[Picker], tuple[str, bytes]]] = {
    "empty": lambda p: (p.choice([".txt", ".json", ".jsonl"]), p.choice([b"", b"  \n\t"])),
    "binary-nul": lambda p: (".txt", b"date 2024-01-01\nHamas\x00met Israel."),
    "not-utf8": lambda p: (p.choice([".txt", ".json"]), b"date 2024-01-01\n\xff\xfe\xfaabc \xc3("),
    "no-date": lambda p: (".txt", b"Hamas met Israel in Cairo on Monday."),
    "bad-date": lambda p: (
        ".txt",
        f"date {p.choice(BAD_DATES)}\nHamas met.".encode(),
    ),
    "header-only": lambda p: (".txt", b"date 2024-01-01\n\n"),
    "json-syntax": lambda p: (".json", p.choice([b'{"text": "x", ', b"[1, 2", b"{'a': 1}"])),
    "json-not-object": lambda p: (".json", p.choice([b"42", b'"text"', b"null", b"[[]]"])),
    "json-no-text": lambda p: (".json", b'{"date": "2024-01-01", "title": "t"}'),
    "json-text-type": lambda p: (".json", b'{"text": 5, "date": "2024-01-01"}'),
    "json-date-type": lambda p: (".json", b'{"text": "Hamas met.", "date": 20240101}'),
    "json-title-type": lambda p: (
        ".json",
        b'{"text": "Hamas met.", "date": "2024-01-01", "title": []}',
    ),
    "json-authors-type": lambda p: (
        ".json",
        b'{"text": "Hamas met.", "date": "2024-01-01", "authors": [1]}',
    ),
    "jsonl-line": lambda p: (".jsonl", b'{"text": "Hamas met.", "date": "2024-01-01"}\n{broken\n'),
    "utf16-bad": lambda p: (".txt", b"\xff\xfed\x00a\x00\x00\xd8"),
}


def broken_file(p: Picker, stem: str) -> GeneratedFile:
    kind = p.choice(sorted(BROKEN))
    suffix, data = BROKEN[kind](p)
    kept = [Record("Hamas met.", date(2024, 1, 1))] if kind == "jsonl-line" else []
    return GeneratedFile(stem + suffix, data, kind, len(kept), 1, kept)


def generated_file(
    p: Picker, stem: str, broken_rate: int = 10, *, unique_ids: bool = False
) -> GeneratedFile:
    """A good file, or one time in ``broken_rate`` a deliberately broken one."""
    if p.integer(1, broken_rate) == 1:
        return broken_file(p, stem)
    return good_file(p, stem, unique_ids=unique_ids)


@st.composite
def records(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Record:
    """Hypothesis strategy: one ``Record`` (article text and hostile metadata)."""
    return record(HypothesisPicker(draw))
