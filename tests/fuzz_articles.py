"""Generated news articles, hostile ones included, for the property tests and the fuzz campaign.

One grammar, two drivers: every generator here takes a ``Picker`` and asks it for choices,
integers and raw text. ``HypothesisPicker`` draws them from Hypothesis (so failures shrink),
``RandomPicker`` from a seeded ``random.Random`` (so ``benchmarks/fuzz_campaign.py`` can make
10,000 articles reproducibly, which Hypothesis's ``.example()`` is not meant for).

Texts mix news-like sentences (named actors, news verbs, dates, places, quotes) with fragments
that have broken writers somewhere: quotes, ``<script>``, ``]]>``, backslashes, ``#``,
``@prefix``, NUL and other controls, lone surrogates, RTL marks, emoji, combining marks,
U+2028, very long tokens.

Beyond the article text, everything else a hostile input controls is generated too:

- file names (``file_name``): any code point, lone surrogates written as the undecodable
  bytes they stand for, newlines and other controls, bidi marks, names up to the 255-byte
  limit, names that differ only by Unicode normalisation or case; ``shown`` is how the
  command line must print one;
- every metadata field (``json_record``): any code point, lone surrogates, huge values,
  ``null`` and values of the wrong JSON type, each with the outcome the reader must give;
- TimeML and CAT XML (``xml_file``): deep (10,000 to 100,000 levels) and wide (100,000
  siblings) trees, huge and numerous attributes, character references, and malformed ones;
- states of ``--out`` (``OUT_STATES``): files, folders, links, FIFOs and hard links planted
  where the exports, the lock, the commit marker and staging folders go, an ``--out`` that
  is a link, a file or inside the input; with ``tree_digest`` to prove that nothing outside
  ``--out`` changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import stat
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar
from xml.sax.saxutils import escape, quoteattr

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
    return p.choice(
        [
            "",
            "",
            "CAIRO — ",
            "WASHINGTON (AP) — ",
            "GAZA CITY, Gaza Strip — ",
            "AL-ARISH, Egypt (A&P) -- ",
            "O'HARE.X — ",
            "\u202eCAIRO — ",
        ]
    )


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


def huge_string(p: Picker) -> str:
    """A metadata value far over every limit (limits.MAX_METADATA_CHARS, MAX_ID_CHARS)."""
    unit = p.choice(["T", "é", "🎉", "\ud800", "<]]>", "\\u0000", "a b ", p.text(8) or "x"])
    return unit * (p.integer(2_000, 200_000) // len(unit))


ABSENT = object()  # a field a JSON object leaves out
# Values of the wrong JSON type for a metadata field (an integer id is not one: it is an id).
WRONG_TYPES: list[Any] = [
    1.5,
    True,
    False,
    [],
    ["a", 1],
    {},
    {"text": "nested"},
    [[["deep"]]],
    0,
    10**30,
]


def accepted(key: str, value: Any) -> bool:
    """Whether the reader must take this value of this JSON field (the documented input:
    ``text`` and ``date`` strings, optional ``id`` (a string or an integer), ``title``,
    ``url``, ``source`` strings and ``authors`` a string or a list of strings; ``null`` is
    a field left out)."""
    if key == "text":
        return isinstance(value, str) and bool(value.strip())
    if key == "date":  # the campaign gives no --default-date: a date is required
        return isinstance(value, str) and _iso_day(value)
    if value is ABSENT:
        return True
    if value is None:
        return True
    if key == "id":
        return isinstance(value, str) or type(value) is int
    if key == "authors":
        return isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        )
    return isinstance(value, str)


def _iso_day(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", text.strip()):
        return False
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


@dataclass
class Record:
    """One article as its generator meant it: the fields a JSON object would carry.

    ``raw`` holds JSON values that override the typed fields when written as JSON: ``null``,
    huge values, values of the wrong type (``ok`` says whether the reader must take it)."""

    text: str
    published: date | None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def json_object(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.published is not None:
            data["date"] = self.published.isoformat()
        for key in ("id", "title", "url", "source"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.authors:
            data["authors"] = self.authors
        for key, value in self.raw.items():
            if value is ABSENT:
                data.pop(key, None)
            else:
                data[key] = value
        return data

    @property
    def ok(self) -> bool:
        return all(accepted(key, value) for key, value in self.raw.items())


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


OPTIONAL_FIELDS = ("id", "title", "url", "source", "authors")


def json_record(p: Picker, odd_rate: int = 8) -> Record:
    """``record`` as a JSON object meets it: now and then (one field in ``odd_rate``) a
    field is ``null``, huge, of the wrong type, or an integer id; rarely the text or date is
    missing or of the wrong type."""
    item = record(p)
    for key in OPTIONAL_FIELDS:
        if p.integer(1, odd_rate) != 1:
            continue
        kind = p.integer(0, 4)
        if kind == 0:
            item.raw[key] = None
        elif kind == 1:
            big = huge_string(p)
            item.raw[key] = [big] * p.integer(1, 3) if key == "authors" else big
        elif kind == 2:
            item.raw[key] = p.choice(WRONG_TYPES)
        elif kind == 3 and key == "id":
            item.raw[key] = p.integer(-(10**12), 10**12)
        elif key == "authors":  # more authors than kept, or a single string
            many = [odd_string(p) for _ in range(p.integer(0, 120))]
            item.raw[key] = many if p.integer(0, 1) else odd_string(p)
        else:
            item.raw[key] = p.text(p.integer(0, 200))
    if p.integer(1, odd_rate * 8) == 1:
        key = p.choice(["text", "date"])
        item.raw[key] = p.choice([ABSENT, None, 5, [item.text], {"v": 1}, "not a date"])
    return item


# --------------------------------------------------------------------------- file names

NAME_MAX = 255  # bytes in one file name (ext4, xfs, btrfs, tmpfs)
# Characters the command line must show escaped in a file name (one_line, terminal.py):
# lone surrogates, C0 and C1 controls and DEL as Python writes them, and these as \uXXXX.
_SHOWN_AS_U = frozenset(
    "\u061c\u200e\u200f\u2028\u2029"
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
)
NAME_HOSTILE = [
    "\n",
    "\r\n",
    "\t",
    "\x1b[2J",
    "\x07",
    "\x7f",
    "\x85",
    "\u2028",
    "\u202e",
    "\u200f",
    "\ufeff",
    ": ",
    ":3: ",
    "[0]: ",
    "\\n",
    " ",
    "~",
    "*?",
    "'\"",
    "$(x)",
    "-",
    "%2F",
    "\udcff",
    "\udce9",
    "\udcc3",
]
# Names that read alike: NFC / NFD / NFKC forms, case, a ligature, the Kelvin and Angstrom signs
COLLIDING = [
    ["caf\u00e9", "cafe\u0301", "CAF\u00c9", "Cafe\u0301"],
    ["\u00c5ngstr\u00f6m", "\u212bngstr\u00f6m", "A\u030angstro\u0308m"],
    ["\ufb01le", "file", "FILE", "\uff46\uff49\uff4c\uff45"],
    ["\u212a", "K", "k"],
    ["\u1e9e", "SS", "\u00df", "ss"],
]


def disk_bytes(text: str) -> bytes:
    """``text`` as the bytes of a file name: UTF-8, a surrogate U+DC80..U+DCFF as the byte
    it stands for (Python's surrogateescape) and any other lone surrogate as its three
    (undecodable) UTF-8 bytes; "/" and NUL, which no name can hold, as U+2215 and U+FFFD."""
    out = bytearray()
    for char in text.replace("/", "\u2215").replace("\x00", "\ufffd"):
        if 0xDC80 <= ord(char) <= 0xDCFF:
            out.append(ord(char) - 0xDC00)
        else:
            out += char.encode("utf-8", "surrogatepass")
    return bytes(out)


def file_name(p: Picker, stem: str, suffix: str) -> str:
    """A file name starting with ``stem`` (so it is not hidden) and ending in ``suffix`` (in
    any case), as Python holds it (``os.fsdecode`` of its bytes): its middle is plain, any
    code points, controls, undecodable bytes, as long as a name can be, or a spelling that
    collides with another after normalisation."""
    kind = p.integer(0, 9)
    if kind <= 2:
        middle = p.choice(["", " space", "-ünï", "#hash", "'q'", "[x]", "🎉", "%41", "a&b", "—"])
    elif kind <= 4:
        middle = p.text(40)  # any code point, lone surrogates included
    elif kind <= 6:
        middle = "".join(p.choice(NAME_HOSTILE) for _ in range(p.integer(1, 4)))
    elif kind == 7:
        middle = "".join(chr(0xDC00 + p.integer(0x80, 0xFF)) for _ in range(p.integer(1, 6)))
    elif kind == 8:
        middle = p.choice(["x", "é", "€", "🎉", "\udce9", "\u0301"]) * NAME_MAX  # cut below
    else:
        middle = p.choice(p.choice(COLLIDING))
    suffix = p.choice([suffix, suffix, suffix.upper(), suffix[:2].upper() + suffix[2:]])
    name = disk_bytes(stem + middle)[: NAME_MAX - len(suffix)]  # may cut a character in two
    return os.fsdecode(name + suffix.encode())


def shown(text: str) -> str:
    """How the command line prints a file name (or a path): an undecodable byte as ``\\xNN``,
    another lone surrogate as ``\\uXXXX``, C0 and C1 controls and DEL as Python's escapes
    (``\\n``, ``\\x1b``), bidi marks and line separators as ``\\uXXXX``; all else as is."""
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF or char in _SHOWN_AS_U:
            out.append(f"\\u{code:04x}")
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(repr(char)[1:-1])
        else:
            out.append(char)
    return "".join(out)


# --------------------------------------------------------------------------- files


@dataclass
class GeneratedFile:
    """A file to write and what reading it must give: how many articles, how many skips."""

    name: str
    data: bytes
    kind: str  # "txt", "json", "jsonl", "timeml", "cat" or the name of the deliberate breakage
    articles: int
    skipped: int
    records: list[Record] = field(default_factory=list)


def txt_bytes(item: Record) -> bytes:
    header = f"date {item.published.isoformat()}\n" if item.published else ""
    return (header + item.text).encode("utf-8", errors="surrogatepass")


# Phrases whose long runs parse into deep or wide trees, or give thousands of triggers,
# dates or places in one sentence: each once made extraction recurse too deep or take
# time quadratic in the run (tests/test_hostile_inputs.py)
RUN_ON = [
    "Al Qaeda ",
    "to help ",
    "in the city of ",
    "on Monday ",
    "A&",
    "said that ",
    "met with ",
    "Biden, Netanyahu, Sisi and ",
    "Hamas's leader's aide's ",
    "the talks in Gaza in Rafah in Cairo ",
    "trying to ",
    "- ",
    "(Hamas) ",
]


def run_on_text(p: Picker, most: int = 3_000) -> str:
    """An article holding a run of up to ``most`` repeats of a ``RUN_ON`` phrase."""
    run = p.choice(RUN_ON) * p.integer(most // 10, most)
    return f"Israel struck Hamas targets in Rafah {run}on Monday, officials said."


def good_file(
    p: Picker, stem: str, *, unique_ids: bool = False, name: Callable[[str], str] | None = None
) -> GeneratedFile:
    """A well-formed article file (txt, json object or list, jsonl) of 1-3 articles.

    Well-formed as the generator writes it: a .txt whose text holds NUL or a lone surrogate
    (not writable as UTF-8), or a JSON file written with raw surrogates, must be refused; so
    must a JSON article with a field of the wrong type (``json_record``), and only it.
    ``unique_ids`` makes every JSON ``id`` unique (prefixed with the file stem). ``name``
    makes the file name from the suffix (default: ``stem`` + suffix)."""
    named = name or (lambda suffix: stem + suffix)
    kind = p.choice(FILE_KINDS)
    if kind == "txt":
        item = record(p)
        item.text = item.text.replace("\r\n", "\n").replace("\r", "\n")
        if p.integer(0, 3):  # mostly a readable file; now and then one that must be refused
            item.text = _UNWRITABLE_IN_TXT.sub("\ufffd", item.text)
        if p.integer(1, 40) == 1:
            item.text, kind = run_on_text(p), "txt-run-on"
        data = txt_bytes(item)
        if b"\x00" in data or not _utf8(item.text):
            return GeneratedFile(named(".txt"), data, "txt-unwritable", 0, 1)
        return GeneratedFile(named(".txt"), data, kind, 1, 0, [item])
    items = [json_record(p) for _ in range(p.integer(1, 3))]
    for i, item in enumerate(items):
        if unique_ids and item.id is not None and "id" not in item.raw:
            item.id = f"{stem}.{i}.id {item.id}"  # in front: slugify cuts ids at 80
    if kind == "json":
        body: Any = items[0].json_object() if len(items) == 1 else [r.json_object() for r in items]
        text = json.dumps(body, ensure_ascii=p.integer(0, 3) > 0)
    else:
        text = "\n".join(json.dumps(r.json_object()) for r in items) + "\n"
    file = named("." + kind)
    if not _utf8(text):  # raw lone surrogates (ensure_ascii=False)
        return GeneratedFile(file, text.encode("utf-8", "surrogatepass"), "json-unwritable", 0, 1)
    good = [item for item in items if item.ok]
    kind = kind if len(good) == len(items) else f"{kind}-wrong-field"
    return GeneratedFile(file, text.encode("utf-8"), kind, len(good), len(items) - len(good), good)


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
    "deep-json": lambda p: (
        p.choice([".json", ".jsonl"]),
        b"[" * p.integer(10_000, 100_000) + b"]",
    ),
    "text-over-limit": lambda p: (
        ".json",
        b'{"date": "2024-01-01", "text": "' + b"Hamas met. " * 90_910 + b'"}',
    ),
}


def broken_file(p: Picker, stem: str, name: Callable[[str], str] | None = None) -> GeneratedFile:
    kind = p.choice(sorted(BROKEN))
    suffix, data = BROKEN[kind](p)
    kept = [Record("Hamas met.", date(2024, 1, 1))] if kind == "jsonl-line" else []
    return GeneratedFile((name or (lambda s: stem + s))(suffix), data, kind, len(kept), 1, kept)


def generated_file(
    p: Picker,
    stem: str,
    broken_rate: int = 10,
    *,
    unique_ids: bool = False,
    xml_rate: int = 0,
    name: Callable[[str], str] | None = None,
) -> GeneratedFile:
    """A good file, or one time in ``broken_rate`` a deliberately broken one, or (with
    ``xml_rate``) one time in that many a TimeML or CAT file, good or malformed. ``name``
    makes the file name from its suffix (default: ``stem`` + suffix)."""
    if xml_rate and p.integer(1, xml_rate) == 1:
        return xml_file(p, stem, name=name)
    if p.integer(1, broken_rate) == 1:
        return broken_file(p, stem, name)
    return good_file(p, stem, unique_ids=unique_ids, name=name)


@st.composite
def records(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Record:
    """Hypothesis strategy: one ``Record`` (article text and hostile metadata)."""
    return record(HypothesisPicker(draw))


@st.composite
def json_records(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Record:
    """Hypothesis strategy: one ``json_record`` (null, huge and wrong-typed fields too)."""
    return json_record(HypothesisPicker(draw), odd_rate=3)


# --------------------------------------------------------------------------- XML

MAX_FILE_BYTES = 20_000_000  # a file over this is refused (--max-article-bytes default)
# Characters XML 1.0 cannot hold, even as a reference
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_SHAPES = ("plain", "deep", "wide", "huge-attribute", "many-attributes", "references")
XML_BREAKAGES = (
    "truncated",
    "unclosed-element",
    "mismatched-tag",
    "undefined-entity",
    "nul-reference",
    "raw-less-than",
    "duplicate-attribute",
    "two-roots",
    "billion-laughs",
    "external-entity",
    "bad-date",
    "no-date",
    "empty-text",
    "wrong-root",
)


def xml_text(text: str) -> str:
    """``text`` with what XML cannot hold replaced (U+FFFD) and one newline convention."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _chars(text: str, references: bool) -> str:
    """``text`` as XML character data: escaped, or (``references``) every character as a
    character reference, the ASCII ones as the predefined entities where there is one."""
    if not references:
        return escape(text)
    named = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
    return "".join(
        named.get(c) or (f"&#{ord(c)};" if ord(c) % 2 else f"&#x{ord(c):X};") for c in text
    )


@dataclass
class _Shape:
    """How a generated XML document is stretched: where the extra markup goes."""

    kind: str
    size: int
    references: bool

    def wrap(self, inner: str, *, tag: str = "x") -> str:
        """``inner`` inside the deep nesting, when this is the deep shape."""
        if self.kind != "deep":
            return inner
        return f"<{tag}>" * self.size + inner + f"</{tag}>" * self.size

    def extra(self) -> str:
        """Markup that adds no text: the siblings, the huge or numerous attributes."""
        if self.kind == "wide":
            return "<y/>" * self.size
        if self.kind == "huge-attribute":  # size characters: 8 MB in UTF-16, under 20 MB
            return f'<y note="{"A&amp;&lt;é" * (self.size // 11)}"/>'
        if self.kind == "many-attributes":
            return "<y " + " ".join(f'a{i}="{i}"' for i in range(self.size)) + "/>"
        return ""


def _shape(p: Picker) -> _Shape:
    kind = p.choice(XML_SHAPES)
    size = {
        "deep": p.integer(10_000, 100_000),
        "wide": p.integer(10_000, 100_000),
        "huge-attribute": p.integer(100_000, 4_000_000),
        "many-attributes": p.integer(1_000, 20_000),
    }.get(kind, 0)
    return _Shape(kind, size, kind == "references" or p.integer(0, 9) == 0)


def _xml_words(p: Picker) -> list[str]:
    """One sentence's words, XML-safe, none of them blank."""
    words = [w for w in xml_text(sentence(p)).split() if w]
    return words or ["Hamas", "met", "Israel."]


def timeml_document(p: Picker, stem: str, shape: _Shape) -> tuple[str, Record]:
    """A TimeML document (DCT, TEXT with EVENT and TIMEX3 tags) and the article it holds."""
    when = published(p)
    parts: list[str] = []
    text = ""
    event = timex = 0
    for s in range(p.integer(1, 4)):
        words = _xml_words(p)
        for i, word in enumerate(words):
            separator = "" if s == 0 and i == 0 else ("\n" if i == 0 else " ")
            text += separator + word
            chars = _chars(word, shape.references)
            roll = p.integer(0, 5)
            if roll == 0:
                event += 1
                chars = f'<EVENT eid="e{event}" class="OCCURRENCE">{chars}</EVENT>'
            elif roll == 1:
                timex += 1
                value = when.isoformat()
                chars = f'<TIMEX3 tid="t{timex}" type="DATE" value="{value}">{chars}</TIMEX3>'
            parts.append(escape(separator) + chars)
    half = p.integer(0, len(parts))
    body = "".join(parts[:half]) + shape.extra() + shape.wrap("".join(parts[half:]))
    title = xml_text(odd_string(p)).strip()
    head = f"<TITLE>{escape(title)}</TITLE>\n" if title and p.integer(0, 1) else ""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n'
        f"<DOCID>{escape(stem)}</DOCID>\n{head}"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{when.isoformat()}" '
        f'functionInDocument="CREATION_TIME">{when.isoformat()}</TIMEX3></DCT>\n'
        f"<TEXT>{body}</TEXT>\n</TimeML>\n"
    )
    return xml, Record(text, when, title=" ".join(title.split()) if head else None)


# tokens whose spacing the CAT reader decides by rule (cat.py): left out of generated text
_CAT_GLUE = frozenset(
    ['"', "...", "''", "”", "'", "’", ";", ":", "!", "?", "%", ")", "]", "}", "(", "[", "{"]
).union(["$", "£", "€", "¥", "``", "“", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m"])


def cat_document(p: Picker, stem: str, shape: _Shape) -> tuple[str, Record]:
    """A MEANTIME-style CAT document (tokens; a headline, a date line, the body; CREATION_TIME
    and an event mention) and the article it holds: sentences one a line, tokens joined by
    spaces, but "." and "," glued to the token before."""
    when = published(p)
    headline = [w for w in _xml_words(p) if w.lower().replace("’", "'") not in _CAT_GLUE]
    sentences = [headline or ["Talks"], [when.isoformat()]]
    for _ in range(p.integer(1, 4)):
        words = [w for w in _xml_words(p) if w.lower().replace("’", "'") not in _CAT_GLUE]
        sentences.append([*(words or ["Hamas", "met", "Israel"]), "."])
    tokens: list[str] = []
    lines: list[str] = []
    t_id = 0
    date_token = event_token = 0
    for number, words in enumerate(sentences):
        line = ""
        for word in words:
            t_id += 1
            line += ("" if not line or word in (".", ",") else " ") + word
            chars = _chars(word, shape.references)
            tokens.append(
                f'<token t_id="{t_id}" sentence="{number}" number="{t_id}">{chars}</token>'
            )
            if number == 1:
                date_token = t_id
            elif number == 2 and not event_token:
                event_token = t_id
        lines.append(line)
    text = lines[0] + "\n\n" + lines[1] + "\n\n" + "\n".join(lines[2:])
    half = p.integer(0, len(tokens))
    doc_name = xml_text(p.choice([stem, odd_string(p), huge_string(p)]))
    markables = (
        f'<Markables><TIMEX3 m_id="1" type="DATE" value="{when.isoformat()}" '
        f'functionInDocument="CREATION_TIME"><token_anchor t_id="{date_token}"/></TIMEX3>'
        f'<EVENT_MENTION m_id="2" pos="VERB"><token_anchor t_id="{event_token}"/>'
        "</EVENT_MENTION></Markables>"
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Document doc_name={quoteattr(doc_name)} '
        f'doc_id="{escape(stem)}">\n'
        + "\n".join(tokens[:half])
        + shape.extra()
        + shape.wrap("", tag="Deep")
        + "\n".join(tokens[half:])
        + f"\n{markables}\n<Relations/>\n</Document>\n"
    )
    return xml, Record(text, when, id=doc_name, title=lines[0])


def break_xml(p: Picker, xml: str, kind: str) -> str:
    """``xml`` broken the way ``kind`` says: every one must be refused in one line."""
    root = "TimeML" if "<TimeML>" in xml else "Document"
    close = f"</{root}>"
    if kind == "truncated":
        return xml[: p.integer(0, xml.rindex(close))]
    if kind == "unclosed-element":
        return xml.replace(close, "<open>" + close, 1)
    if kind == "mismatched-tag":
        return xml.replace(close, f"<a></b>{close}", 1)
    if kind == "undefined-entity":
        return xml.replace(close, f"&nbsp;{close}", 1)
    if kind == "nul-reference":
        return xml.replace(close, f"&#0;{close}", 1)
    if kind == "raw-less-than":
        return xml.replace(close, f"a < b{close}", 1)
    if kind == "duplicate-attribute":
        return xml.replace(f"<{root}", f'<{root} a="1" a="2"', 1)
    if kind == "two-roots":
        return xml + f"<{root}/>"
    if kind == "billion-laughs":
        laughs = '<!ENTITY a "ha">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
        )
        return xml.replace(f"<{root}", f"<!DOCTYPE {root} [{laughs}]>\n<{root}", 1).replace(
            close, f"&j;{close}", 1
        )
    if kind == "external-entity":
        dtd = f'<!DOCTYPE {root} [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        return xml.replace(f"<{root}", dtd + f"<{root}", 1).replace(close, f"&e;{close}", 1)
    if kind == "bad-date":
        return re.sub(r'value="\d{4}-\d\d-\d\d"', 'value="2024-02-30"', xml)
    if kind == "no-date":  # TimeML only: a CAT file without one takes a date from its text
        return re.sub(r'functionInDocument="CREATION_TIME"|<DCT>.*?</DCT>', "", xml, flags=re.S)
    if kind == "empty-text":
        if root == "TimeML":
            return re.sub(r"<TEXT>.*</TEXT>", "<TEXT> \n </TEXT>", xml, flags=re.S)
        return re.sub(r"<token [^>]*>.*?</token>", "", xml)
    return xml.replace(f"<{root}", "<Timeline", 1).replace(close, "</Timeline>")


def xml_file(p: Picker, stem: str, name: Callable[[str], str] | None = None) -> GeneratedFile:
    """A TimeML or CAT XML file, good (shaped as ``XML_SHAPES`` says) or, one time in four,
    malformed (``XML_BREAKAGES``)."""
    kind = p.choice(["timeml", "cat"])
    shape = _shape(p)
    maker = timeml_document if kind == "timeml" else cat_document
    xml, item = maker(p, stem, shape)
    suffix = p.choice([".tml", ".xml", ".TE3input"] if kind == "timeml" else [".xml"])
    file = (name or (lambda s: stem + s))(suffix)
    encoding = p.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16"])
    if p.integer(0, 3) == 0:
        breakage = p.choice([b for b in XML_BREAKAGES if kind == "timeml" or b != "no-date"])
        data = break_xml(p, xml, breakage).encode(encoding)
        return GeneratedFile(file, data, f"{kind}-{breakage}", 0, 1)
    data = xml.encode(encoding)
    if len(data) > MAX_FILE_BYTES:  # never, as sized; should it happen, it must be refused
        return GeneratedFile(file, data, f"{kind}-over-limit", 0, 1)
    return GeneratedFile(file, data, f"{kind}-{shape.kind}", 1, 0, [item])


# --------------------------------------------------------------------------- --out states


def tree_digest(folder: Path, *, leave_out: Sequence[Path] = ()) -> dict[str, tuple[Any, ...]]:
    """What is under ``folder``, never following a link: each entry's type, permission
    bits, size, modification time and content hash (a link: its target), by relative path
    (bytes, so undecodable names compare too). ``leave_out``: paths not looked into."""
    skipped = {os.fsencode(Path(p).absolute()) for p in leave_out}
    found: dict[str, tuple[Any, ...]] = {}
    pending = [os.fsencode(Path(folder).absolute())]
    root = pending[0]
    while pending:
        here = pending.pop()
        for entry in sorted(os.scandir(here), key=lambda e: e.name):
            path = entry.path
            if path in skipped:
                continue
            info = os.lstat(path)
            kind = stat.S_IFMT(info.st_mode)
            mark: Any = None
            if stat.S_ISLNK(info.st_mode):
                mark = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    mark = hashlib.sha256(handle.read()).hexdigest()
            elif stat.S_ISDIR(info.st_mode):
                pending.append(path)
            mtime = None if stat.S_ISDIR(info.st_mode) else info.st_mtime_ns
            found[repr(path[len(root) :])] = (kind, stat.S_IMODE(info.st_mode), mtime, mark)
    return found


def make_sentinel(folder: Path) -> Path:
    """A user's folder a build must never change: files, a sub-folder, a FIFO, a file with
    an export's name. Planted links point into it."""
    folder.mkdir(parents=True)
    (folder / "thesis.txt").write_text("years of work\n", encoding="utf-8")
    (folder / "graph.ttl").write_text("the user's own graph\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "notes.md").write_text("notes\n", encoding="utf-8")
    os.mkfifo(folder / "pipe")
    return folder


EXPORT_NAMES = (
    "graph.ttl",
    "graph.graphml",
    "graph.gexf",
    "timeline.json",
    "report.md",
    "index.html",
    "graph.nt",
    "graph.jsonld",
    "graph.trig",
)
LOCK = ".timelinegraph.lock"
MARKER = ".timelinegraph.commit"


@dataclass(frozen=True)
class OutState:
    """Something planted in (or as) ``--out`` before a build, and what the build must do:
    ``"builds"`` (the exports replace whatever was there), or ``"refused"`` (exit 2, one
    line, naming ``needle``), and in both cases change nothing outside ``--out``.

    ``plant(root, out, sentinel)`` prepares it and returns the ``--out`` to give (``out``
    unless the state is about ``--out`` itself); ``inside`` states are about what is in an
    existing ``--out`` folder and combine with each other."""

    name: str
    plant: Callable[[Path, Path, Path], Path]
    outcome: str
    needle: str = ""
    inside: bool = True


def _in_out(make: Callable[[Path, Path], None]) -> Callable[[Path, Path, Path], Path]:
    def plant(root: Path, out: Path, sentinel: Path) -> Path:
        out.mkdir(exist_ok=True)
        make(out, sentinel)
        return out

    return plant


def _each_export(make: Callable[[Path, Path, str], None]) -> Callable[[Path, Path, Path], Path]:
    return _in_out(lambda out, sentinel: [make(out, sentinel, n) for n in EXPORT_NAMES] and None)


def _read_only_exports(out: Path, sentinel: Path, name: str) -> None:
    (out / name).write_text("old export\n", encoding="utf-8")
    (out / name).chmod(0o444)


def _staging_link(out: Path, sentinel: Path) -> None:
    (out / ".staging-planted").symlink_to(sentinel, target_is_directory=True)
    (out / ".staging-abc_123").symlink_to(sentinel / "thesis.txt")


def _staging_with_links(out: Path, sentinel: Path) -> None:
    staging = out / ".staging-leftover"
    staging.mkdir()
    (staging / "graph.ttl").symlink_to(sentinel / "graph.ttl")
    (staging / "sub").symlink_to(sentinel / "sub", target_is_directory=True)
    (staging / "timeline.json").write_text("half written", encoding="utf-8")


def _marker_temp_links(out: Path, sentinel: Path) -> None:
    (out / f".{MARKER}.abcd1234.tmp").symlink_to(sentinel / "thesis.txt")
    (out / f".{MARKER}.efgh5678.tmp").symlink_to(sentinel / "sub", target_is_directory=True)


def _marker_to_link(out: Path, sentinel: Path) -> None:
    (out / ".staging-evil").symlink_to(sentinel, target_is_directory=True)
    (out / MARKER).write_text(".staging-evil\n", encoding="utf-8")


def _out_is_link(root: Path, out: Path, sentinel: Path) -> Path:
    real = root / "real-out"
    real.mkdir()
    out.symlink_to(real, target_is_directory=True)
    return out


def _out_dangling(root: Path, out: Path, sentinel: Path) -> Path:
    out.symlink_to(sentinel / "new-folder", target_is_directory=True)
    return out


def _out_link_to_file(root: Path, out: Path, sentinel: Path) -> Path:
    out.symlink_to(sentinel / "thesis.txt")
    return out


def _out_is_file(root: Path, out: Path, sentinel: Path) -> Path:
    out.write_text("not a folder\n", encoding="utf-8")
    return out


def _out_in_input(root: Path, out: Path, sentinel: Path) -> Path:
    inner = root / "in" / "exports"
    inner.mkdir(parents=True, exist_ok=True)
    (inner / "timeline.json").write_text('{"events": []}', encoding="utf-8")
    return inner


def _out_is_input(root: Path, out: Path, sentinel: Path) -> Path:
    return root / "in"


OUT_STATES: list[OutState] = [
    OutState(
        "export names as old files",
        _each_export(lambda o, s, n: (o / n).write_text("<old> & stale\n", encoding="utf-8")),
        "builds",
    ),
    OutState("export names as read-only files", _each_export(_read_only_exports), "builds"),
    OutState(
        "export names as links to the user's files",
        _each_export(lambda o, s, n: (o / n).symlink_to(s / "graph.ttl")),
        "builds",
    ),
    OutState(
        "export names as links to the user's folder",
        _each_export(lambda o, s, n: (o / n).symlink_to(s, target_is_directory=True)),
        "builds",
    ),
    OutState(
        "export names as dangling links",
        _each_export(lambda o, s, n: (o / n).symlink_to(s / f"new-{n}")),
        "builds",
    ),
    OutState(
        "export names as hard links to the user's file",
        _each_export(lambda o, s, n: os.link(s / "graph.ttl", o / n)),
        "builds",
    ),
    OutState("export names as FIFOs", _each_export(lambda o, s, n: os.mkfifo(o / n)), "builds"),
    OutState(
        "an export name as a folder",
        _in_out(lambda o, s: (o / "timeline.json").mkdir() or (o / "timeline.json" / "k").touch()),
        "refused",
        "a folder is in the way",
    ),
    OutState(
        "the lock as a link to the user's file",
        _in_out(lambda o, s: (o / LOCK).symlink_to(s / "thesis.txt")),
        "refused",
        "is a symbolic link",
    ),
    OutState(
        "the lock as a dangling link",
        _in_out(lambda o, s: (o / LOCK).symlink_to(s / "created-by-us")),
        "refused",
        "is a symbolic link",
    ),
    OutState(
        "the lock as a hard link to the user's file",
        _in_out(lambda o, s: os.link(s / "thesis.txt", o / LOCK)),
        "refused",
        "has other names",
    ),
    OutState(
        "the lock as a FIFO", _in_out(lambda o, s: os.mkfifo(o / LOCK)), "refused", "not a regular"
    ),
    OutState(
        "the lock as a folder",
        _in_out(lambda o, s: (o / LOCK).mkdir()),
        "refused",
        "lock",
    ),
    OutState(
        "the commit marker as a link to the user's file",
        _in_out(lambda o, s: (o / MARKER).symlink_to(s / "thesis.txt")),
        "refused",
        "is a symbolic link",
    ),
    OutState(
        "the commit marker naming a link to the user's folder",
        _in_out(_marker_to_link),
        "refused",
        "not a folder",
    ),
    OutState(
        "the commit marker naming a folder outside",
        _in_out(lambda o, s: (o / MARKER).write_text("../sentinel\n", encoding="utf-8")),
        "refused",
        "not a staging folder",
    ),
    OutState(
        "the commit marker as a FIFO",
        _in_out(lambda o, s: os.mkfifo(o / MARKER)),
        "refused",
        "not a regular",
    ),
    OutState("staging names as links to the user's files", _in_out(_staging_link), "builds"),
    OutState("a staging folder holding links", _in_out(_staging_with_links), "builds"),
    OutState("commit-marker temp names as links", _in_out(_marker_temp_links), "builds"),
    OutState(
        "the old write-test name as a link",
        _in_out(lambda o, s: (o / ".timelinegraph-write-test").symlink_to(s / "thesis.txt")),
        "builds",
    ),
    OutState("--out a link to a folder", _out_is_link, "builds", inside=False),
    OutState(
        "--out a dangling link", _out_dangling, "refused", "cannot create output", inside=False
    ),
    OutState(
        "--out a link to the user's file",
        _out_link_to_file,
        "refused",
        "cannot create output",
        inside=False,
    ),
    OutState("--out a file", _out_is_file, "refused", "cannot create output", inside=False),
    OutState("--out inside the input", _out_in_input, "builds", inside=False),
    OutState("--out the input folder itself", _out_is_input, "builds", inside=False),
]


def colliding_names(group: int) -> list[str]:
    """Names of one ``COLLIDING`` group: each a different file, all alike once normalised."""
    return list(dict.fromkeys(COLLIDING[group % len(COLLIDING)]))


def normalised(name: str) -> str:
    """How a case-insensitive, normalising file system or id scheme might fold ``name``."""
    return unicodedata.normalize("NFKC", name).casefold()
