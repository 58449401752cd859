"""Fuzz campaign: generated articles, hostile ones included, through the real ``timelinegraph
build``, every export read back by independent parsers; then probes of single hostile files
and hostile ``--out`` states.

Not a test (it takes minutes). It writes ``--articles`` generated articles (the grammar of
``tests/fuzz_articles.py``: news-like sentences mixed with quotes, ``<script>``, ``]]>``,
backslashes, ``#``, ``@prefix``, controls, lone surrogates, RTL, emoji...; metadata from any
code point, huge, ``null`` or of the wrong type; TimeML and CAT XML deep, wide, with huge or
many attributes, or malformed) as files whose names are drawn from any code point
(undecodable bytes, newlines, controls, bidi marks, 255-byte names, names alike after
normalisation), one file in ``--broken-rate`` deliberately broken, in batches of ``--batch``
articles; runs ``timelinegraph build`` on each batch as a subprocess (this checkout's code:
``src`` first on ``PYTHONPATH``) and checks:

- crashes: a traceback, or an exit code other than 0 or 1 (1 exactly when files were
  skipped);
- every stderr line is ``skipped <file>: <problem>`` (one line, naming a file of the batch as
  the command line must show it, ``fuzz_articles.shown``) or a ``note:``; a skipped file that
  was not broken on purpose, or a broken one not reported, is counted;
- lost good articles: every good article is a ``schema:NewsArticle`` of the graph (counted
  by publication date: each date as many times as the good articles of that date);
- every export parses (pyoxigraph for Turtle / N-Triples / TriG / JSON-LD with the same
  triples; GraphML against its schema and with networkx; GEXF with networkx; timeline.json
  against its JSON Schema; the page's data block), actor labels agree across formats and
  every quoted sentence is a piece of an input text (``tests/export_checks.py``);
- determinism: one batch built twice under different ``PYTHONHASHSEED`` gives byte-identical
  exports; with ``--cache on`` (a fresh ``--cache-dir`` for the campaign) every batch is
  built twice, the second time all from the cache under another hash seed, and must give
  the same bytes;
- probes: one hostile file (deep, wide or huge XML, hostile file names, every metadata field
  huge, lone surrogates or of the wrong type, ...) next to one good article, and every
  ``--out`` state of ``fuzz_articles.OUT_STATES`` (links, hard links, FIFOs, folders where
  the exports, the lock, the commit marker and staging folders go; ``--out`` a link, a file,
  inside the input): the good article builds (or, for an ``--out`` state that must be
  refused, exit 2 with one line), and nothing in the probe's folder outside ``--out``
  changes (``tree_digest`` before and after; planted links point into a folder of it).

The same ``--seed`` gives the same files. ``--unique-ids`` gives every JSON article its own
id (by default generated ids may repeat, and the reader makes them unique). Example:

    .venv/bin/python benchmarks/fuzz_campaign.py --articles 10000 --seed 1 --cache off
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]  # this checkout's code, in here too

from export_checks import check_cross_format, check_exports  # noqa: E402
from fuzz_articles import (  # noqa: E402
    COLLIDING,
    EXPORT_NAMES,
    LOCK,
    OUT_STATES,
    GeneratedFile,
    OutState,
    RandomPicker,
    file_name,
    generated_file,
    make_sentinel,
    shown,
    tree_digest,
)

CLI = Path(sys.executable).parent / "timelinegraph"
FORMATS = "turtle,graphml,gexf,timeline,report,ntriples,jsonld,trig,html"
_SKIP_LINE = re.compile(r"^skipped (?P<rest>.*)$")
_BUILT = re.compile(r"^Built (?P<articles>\d+) articles? \((?P<skipped>\d+) skipped\)", re.M)
_CACHED = re.compile(r"\((?P<extracted>\d+) extracted, (?P<cached>\d+) from cache\)")
# after the file: nothing, ":<line>" (JSON Lines), "[<index>]" (a JSON list) or " [<id>]"
_WHERE = re.compile(r"(?::\d+|\[\d+\]| \[[A-Za-z0-9._-]+\])?: ")
ARTICLE = "https://w3id.org/timelinegraph/id/article/"
DATE_PUBLISHED = "https://schema.org/datePublished"


@dataclass
class Batch:
    index: int
    folder: Path
    files: list[GeneratedFile]

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.files)

    @property
    def dates(self) -> Counter[str]:
        return Counter(r.published.isoformat() for f in self.files for r in f.records)

    @property
    def texts(self) -> list[str]:
        """The article texts as the reader gets them: through JSON (which joins an escaped
        surrogate pair into one character) and with one newline convention."""
        return [
            json.loads(json.dumps(r.text)).replace("\r\n", "\n").replace("\r", "\n")
            for f in self.files
            for r in f.records
        ]


@dataclass
class Tally:
    articles: int = 0  # good articles generated (records in well-formed files)
    inputs: int = 0  # good articles + the items broken on purpose (files, records)
    files: int = 0
    broken_files: int = 0
    builds: int = 0
    crashes: list[str] = field(default_factory=list)  # traceback / bad exit code
    lost: list[str] = field(default_factory=list)  # good articles not in the graph
    unexpected_skips: list[str] = field(default_factory=list)  # skipped, not broken on purpose
    missed_skips: list[str] = field(default_factory=list)  # broken on purpose, not reported
    determinism: list[str] = field(default_factory=list)  # builds that gave other bytes
    failures: list[str] = field(default_factory=list)  # any other check that failed
    lost_count: int = 0
    skip_reasons: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    build_seconds: float = 0.0
    check_seconds: float = 0.0
    probes: list[tuple[str, str, str]] = field(default_factory=list)  # name, verdict, outcome
    deterministic: str = "not run"
    cached_rebuilds: int = 0


# --------------------------------------------------------------------------- generating


def make_batches(
    work: Path,
    total: int,
    batch_size: int,
    seed: int,
    broken_rate: int,
    unique_ids: bool,
    xml_rate: int,
) -> list[Batch]:
    """Write the files: batches of about ``batch_size`` articles, ``total`` in all."""
    picker = RandomPicker(random.Random(seed))
    batches: list[Batch] = []
    made = 0
    while made < total:
        index = len(batches)
        folder = work / f"batch{index:03d}" / "in"
        folder.mkdir(parents=True)
        files: list[GeneratedFile] = []
        used: set[str] = set()
        while sum(f.articles for f in files) < min(batch_size, total - made):
            stem = f"a{len(files):04d}"
            generated = generated_file(
                picker,
                stem,
                broken_rate,
                unique_ids=unique_ids,
                xml_rate=xml_rate,
                name=_namer(picker, stem, used),
            )
            (folder / generated.name).write_bytes(generated.data)
            generated.data = b""  # written: 10,000 articles' bytes need not stay in memory
            used.add(generated.name)
            files.append(generated)
        batches.append(Batch(index, folder, files))
        made += sum(f.articles for f in files)
    return batches


def _namer(picker: RandomPicker, stem: str, used: set[str]) -> Callable[[str], str]:
    """File names for one file: drawn by ``file_name``, or one time in 25 a name of a
    ``COLLIDING`` group with no index in it (alike, after normalisation, to others of the
    batch); one already taken gets the plain indexed name."""

    def name(suffix: str) -> str:
        if picker.integer(1, 25) == 1:
            chosen = "c-" + picker.choice(picker.choice(COLLIDING)) + suffix
        else:
            chosen = file_name(picker, stem, suffix)
        return stem + suffix if chosen in used else chosen

    return name


# --------------------------------------------------------------------------- running


def cli_env(hash_seed: str) -> dict[str, str]:
    """This checkout's code first on the path (a worktree sharing another checkout's
    virtualenv would otherwise run that one's), a fixed hash seed, a wide terminal."""
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "PYTHONHASHSEED": hash_seed, "COLUMNS": "200"}


def run_build(
    inputs: Path, out: Path, *, jobs: int, hash_seed: str, cache: Path | None
) -> subprocess.CompletedProcess:
    args = [str(CLI), "build", str(inputs), "--out", str(out), "-q"]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    args += ["--format", FORMATS, "--jobs", str(jobs)]
    return subprocess.run(
        args,
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # an unescaped undecodable byte must not stop the campaign
        env=cli_env(hash_seed),
        timeout=3600,
        check=False,
    )


def reason(problem: str) -> str:
    """A skip problem with its values blanked, to count skips by kind."""
    problem = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", problem)
    return re.sub(r"\d[\d,]*", "N", problem)


def spellings(path: Path) -> list[str]:
    """How a skip line may name ``path``: absolute, as the command line shows it."""
    return list(dict.fromkeys([shown(str(path)), str(path)]))


def crashed(done: subprocess.CompletedProcess, label: str, tally: Tally, codes=(0, 1)) -> bool:
    if "Traceback" in done.stderr or done.returncode not in codes:
        last = done.stderr.strip().splitlines()[-1:] or [""]
        tally.crashes.append(f"{label}: exit {done.returncode}: {last[0][:300]}")
        return True
    return False


def check_stderr(
    done: subprocess.CompletedProcess, files: list[Path], label: str, tally: Tally
) -> Counter[str]:
    """One-line checks; returns how many skip lines name each file (by ``str(path)``)."""
    named: Counter[str] = Counter()
    owners = {spelling: str(path) for path in files for spelling in spellings(path)}
    names = sorted(owners, key=len, reverse=True)  # "a.jsonl" before its prefix "a.json"
    for line in done.stderr.splitlines():
        if line.startswith("note: ") or not line.strip():
            continue
        match = _SKIP_LINE.match(line)
        rest = match["rest"] if match else ""
        owner = next((n for n in names if rest.startswith(n) and _WHERE.match(rest, len(n))), None)
        if owner is None:
            tally.failures.append(f"{label}: stderr line names no input file: {line[:200]!r}")
            continue
        where = _WHERE.match(rest, len(owner))
        named[owners[owner]] += 1
        tally.skip_reasons[reason(rest[where.end() :])] += 1
    if (done.returncode == 1) != bool(named):
        tally.failures.append(f"{label}: exit {done.returncode} with {sum(named.values())} skips")
    return named


def published_dates(readings) -> Counter[str]:
    """The publication date of each article node of the graph."""
    dates: Counter[str] = Counter()
    for subject, values in readings.literals(DATE_PUBLISHED).items():
        if subject.startswith(ARTICLE):
            dates.update(values)
    return dates


def check_batch(
    batch: Batch, out: Path, done: subprocess.CompletedProcess, schema: object, tally: Tally
) -> None:
    label = f"batch {batch.index}"
    if crashed(done, label, tally):
        tally.lost_count += batch.articles
        return
    named = check_stderr(done, [batch.folder / f.name for f in batch.files], label, tally)
    for generated in batch.files:
        got = named.get(str(batch.folder / generated.name), 0)
        text = f"{label}: {generated.name!r} ({generated.kind}) skipped {got} times, "
        if got > generated.skipped:
            tally.unexpected_skips.append(text + f"expected {generated.skipped}")
        elif got < generated.skipped:
            tally.missed_skips.append(text + f"expected {generated.skipped}")
    built = _BUILT.search(done.stdout)
    if built is None or int(built["articles"]) != batch.articles:
        tally.failures.append(
            f"{label}: built {built and built['articles']}, expected {batch.articles}"
        )
    started = time.perf_counter()
    try:
        readings = check_exports(out, graphml_schema=schema)
        check_cross_format(readings, batch.texts)
    except AssertionError as exc:
        tally.failures.append(f"{label}: {str(exc)[:500]}")
    else:
        found, wanted = published_dates(readings), batch.dates
        lost = sum((wanted - found).values())
        if lost:
            tally.lost_count += lost
            tally.lost.append(f"{label}: {lost} good articles not in the graph")
        if found - wanted:
            tally.failures.append(f"{label}: articles not generated: {dict(found - wanted)}")
    tally.check_seconds += time.perf_counter() - started


def same_bytes(first: Path, second: Path) -> str:
    names = sorted(p.name for p in first.iterdir() if p.is_file() and not p.name.startswith("."))
    other = sorted(p.name for p in second.iterdir() if p.is_file() and not p.name.startswith("."))
    if names != other:
        return f"different files: {names} vs {other}"
    differ = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    return f"differ: {', '.join(differ)}" if differ else f"identical ({len(names)} files)"


def run_batches(batches: list[Batch], args: argparse.Namespace, schema, tally: Tally) -> None:
    started = time.perf_counter()
    for batch in batches:
        out = batch.folder.parent / "out"
        t0 = time.perf_counter()
        seed = str(args.seed + batch.index)
        done = run_build(batch.folder, out, jobs=args.jobs, hash_seed=seed, cache=args.cache_dir)
        tally.build_seconds += time.perf_counter() - t0
        tally.builds += 1
        check_batch(batch, out, done, schema, tally)
        if batch.index == 0 and out.is_dir():
            again = batch.folder.parent / "out-again"
            t0 = time.perf_counter()
            run_build(
                batch.folder, again, jobs=args.jobs, hash_seed=str(args.seed + 1000), cache=None
            )
            tally.build_seconds += time.perf_counter() - t0
            tally.builds += 1
            tally.deterministic = same_bytes(out, again)
            if not tally.deterministic.startswith("identical"):
                tally.determinism.append(f"batch 0 under two hash seeds: {tally.deterministic}")
        if args.cache_dir is not None and out.is_dir():
            rebuild_from_cache(batch, out, args, tally)
        print(
            f"batch {batch.index}: {batch.articles} articles, {len(batch.files)} files, "
            f"exit {done.returncode}, crashes {len(tally.crashes)}, lost {tally.lost_count}, "
            f"unexpected skips {len(tally.unexpected_skips)}, failures {len(tally.failures)}, "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if not args.work:
            shutil.rmtree(batch.folder.parent, ignore_errors=True)


def rebuild_from_cache(batch: Batch, out: Path, args: argparse.Namespace, tally: Tally) -> None:
    """The batch again, every article from the cache, under another hash seed: same bytes."""
    label = f"batch {batch.index} from the cache"
    again = batch.folder.parent / "out-cached"
    t0 = time.perf_counter()
    seed = str(args.seed + 2000 + batch.index)
    done = run_build(batch.folder, again, jobs=args.jobs, hash_seed=seed, cache=args.cache_dir)
    tally.build_seconds += time.perf_counter() - t0
    tally.builds += 1
    tally.cached_rebuilds += 1
    if crashed(done, label, tally):
        return
    cached = _CACHED.search(done.stdout)
    if batch.articles and (cached is None or int(cached["extracted"]) != 0):
        tally.failures.append(f"{label}: not all from the cache: {done.stdout.strip()[:200]}")
    verdict = same_bytes(out, again)
    if not verdict.startswith("identical"):
        tally.determinism.append(f"{label}: {verdict}")


# --------------------------------------------------------------------------- probes

GOOD = json.dumps(
    {"id": "good", "text": "Hamas and Israel met in Cairo on Monday, officials said."}
    | {"date": "2024-03-07"}
).encode()
TIMEML = (
    '<?xml version="1.0"?>\n<TimeML><DOCID>d</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
    'value="2024-03-07">2024-03-07</TIMEX3></DCT><TEXT>{open}Israel <EVENT eid="e1" '
    'class="OCCURRENCE">struck</EVENT> Hamas targets in Rafah{middle} on Monday.{close}</TEXT>'
    "</TimeML>\n"
)
CAT = (
    '<?xml version="1.0"?>\n<Document doc_name="{name}"{attrs}><token t_id="1" sentence="0">'
    'Strike</token><token t_id="2" sentence="1">2024-03-07</token>{tokens}{extra}'
    '<Markables><TIMEX3 m_id="1" type="DATE" value="2024-03-07" '
    'functionInDocument="CREATION_TIME"><token_anchor t_id="2"/></TIMEX3></Markables>'
    "</Document>\n"
)
_CAT_BODY = "".join(
    f'<token t_id="{i}" sentence="2">{w}</token>'
    for i, w in enumerate(["Israel", "struck", "Hamas", "in", "Rafah", "."], start=3)
)


def _timeml(depth: int = 0, middle: str = "") -> bytes:
    return TIMEML.format(open="<x>" * depth, close="</x>" * depth, middle=middle).encode()


def _cat(name: str = "cat", attrs: str = "", tokens: str = _CAT_BODY, extra: str = "") -> bytes:
    return CAT.format(name=name, attrs=attrs, tokens=tokens, extra=extra).encode()


def _record(**fields: object) -> bytes:
    base: dict[str, object] = {
        "text": "Egypt said Israel struck Hamas in Rafah.",
        "date": "2024-03-08",
    }
    return json.dumps({**base, **fields}).encode()


RUN_LEAD = "Israel struck Hamas targets in Rafah "
_LAUGHS = "".join(f'<!ENTITY l{i + 1} "{("&l" + str(i) + ";") * 10}">' for i in range(9))
# probe: the hostile files put next to the good article, each (file name as bytes, content)
PROBES: dict[str, list[tuple[bytes, bytes]]] = {
    "deeply nested JSON": [(b"deep.json", b"[" * 100_000 + b"]" * 100_000)],
    "deeply nested JSON line": [(b"deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n")],
    "newline in the file name": [(b"bad\nname.txt", b"not a date header\nHamas met.")],
    "undecodable byte in the file name": [
        (b"bad\xffname.txt", b"date 2024-03-07\nHamas met Israel.")
    ],
    "controls, ESC and bidi in file names": [
        (b"esc\x1b[2Jname.json", b"{broken"),
        ("rtl\u202eeman\u2028x.json".encode(), b"{broken"),
        (b"bell\x07\x85.txt", b"date 2024-03-07\nIsrael struck Hamas in Rafah."),
    ],
    "': ' and ':3: ' in file names": [
        (b"a: b.json", b"{broken"),
        (b"c:3: d.jsonl", b"{broken\n"),
        (b"e[1]: f.json", b"[1]"),
    ],
    "255-byte file names": [
        ("é".encode() * 124 + b"x.json", b"{broken"),
        (b"y" * 250 + b".txt", b"date 2024-03-07\nIsrael struck Hamas in Rafah."),
        ("🎉".encode() * 61 + b"\xf0\x9f.jsonl", b'{"text": "Egypt met.", "date": "2024-03-08"}'),
    ],
    "file names alike after normalisation": [
        ("caf\u00e9.txt".encode(), b"date 2024-03-07\nIsrael struck Hamas in Rafah."),
        ("cafe\u0301.txt".encode(), b"date 2024-03-08\nEgypt struck Hamas in Rafah."),
        ("CAF\u00c9.TXT".encode(), b"date 2024-03-09\nQatar met Hamas in Doha."),
        ("\ufb01le.json".encode(), _record()),
        (b"file.json", _record()),
    ],
    "lone UTF-16 BOM": [(b"bom.jsonl", b"\xfe\xff")],
    "empty JSON list": [(b"empty.json", b"[]")],
    "text starting with 'Date'": [(b"dates.txt", b"Dates rose 5% in Gaza on Monday.")],
    "JSON text starting with 'Date'": [
        (b"dates.json", b'{"text": "Date palms grew.", "date": "2024-03-07"}')
    ],
    "escaped lone surrogate in JSON": [
        (
            b"surrogate.json",
            b'{"text": "Hamas met Israel \\ud800 in Cairo.", "date": "2024-03-07", '
            b'"title": "\\udc80"}',
        )
    ],
    "lone surrogates in every field": [
        (
            b"surrogates.json",
            _record(
                id="\ud800id\udfff",
                title="\udc80t",
                url="https://x/\ud83d",
                source="\udfff",
                authors=["\ud800", "a\udc00b"],
                text="CAIRO \ud800 — Israel struck Hamas \udfff in Rafah.",
            ),
        )
    ],
    "every field huge": [
        (
            b"huge.json",
            _record(
                id="i" * 1_000_000,
                title="T" * 2_000_000,
                url="https://x/" + "u" * 1_000_000,
                source="S" * 1_000_000,
                authors=["A" * 10_000] * 1_000,
            ),
        )
    ],
    "every field of the wrong type": [
        (f"wrong-{key}.json".encode(), _record(**{key: value}))
        for key, value in [
            ("id", [1]),
            ("id", 1.5),
            ("id", True),
            ("title", {"a": 1}),
            ("url", 5),
            ("source", ["s"]),
            ("authors", [1, 2]),
            ("authors", {"a": "b"}),
            ("date", 20240307),
            ("text", ["Israel struck Hamas."]),
        ]
    ],
    "every optional field null": [
        (b"nulls.json", _record(id=None, title=None, url=None, source=None, authors=None))
    ],
    "an integer id of 4,000 and one of 5,000 digits": [
        (b"bigid.json", _record(id=10**3999)),
        (
            b"hugeid.json",
            b'{"text": "Hamas met.", "date": "2024-03-07", "id": ' + b"9" * 5000 + b"}",
        ),
    ],
    "one long line": [
        (b"long.txt", b"date 2024-03-07\n" + b"Hamas met Israel in Cairo. " * 40_000)
    ],
    "a 5 MB token": [(b"token.txt", b"date 2024-03-07\nHamas " + b"x" * 5_000_000 + b" met.")],
    "NUL escaped in JSON": [
        (
            b"nul.json",
            b'{"text": "Hamas\\u0000 met Israel.", "date": "2024-03-07", "id": "\\u0000"}',
        )
    ],
    "huge integer date": [
        (b"bigint.json", b'{"text": "Hamas met.", "date": ' + b"9" * 5000 + b"}")
    ],
    "text over the model's limit": [(b"over.json", _record(text="Hamas met. " * 91_000))],
    "folder named like an article": [
        (b"folder.txt/inner.txt", b"date 2024-03-07\nHamas met Israel.")
    ],
    **{
        f"a run of {n:,} '{phrase.strip()}'": [
            (
                f"run-{i}.txt".encode(),
                f"date 2024-03-08\n{RUN_LEAD}{phrase * n}on Monday.".encode(),
            )
        ]
        for i, (phrase, n) in enumerate(
            [
                ("Al Qaeda ", 5_000),
                ("to help ", 5_000),
                ("in the city of ", 5_000),
                ("on Monday ", 20_000),
                ("A&", 100_000),
                ("Hamas's leader's aide's ", 5_000),
            ]
        )
    },
    "TimeML 100,000 levels deep": [(b"deep.tml", _timeml(depth=100_000))],
    "TimeML 100,000 siblings": [(b"wide.tml", _timeml(middle="<y/>" * 100_000))],
    "TimeML with a 10 MB attribute": [
        (b"attr.tml", _timeml(middle=f'<y a="{"A" * 10_000_000}"/>'))
    ],
    "TimeML with 100,000 attributes": [
        (b"attrs.tml", _timeml(middle="<y " + " ".join(f'a{i}="1"' for i in range(100_000)) + "/>"))
    ],
    "TimeML with 200,000 character references": [
        (b"refs.tml", _timeml(middle=" " + "&#x41;&amp;" * 100_000))
    ],
    "TimeML billion laughs": [
        (
            b"laughs.tml",
            f"<!DOCTYPE TimeML [<!ENTITY l0 'ha'>{_LAUGHS}]>\n".encode()
            + _timeml(middle="&l9;").split(b"\n", 1)[1],
        )
    ],
    "TimeML external entity": [
        (
            b"xxe.tml",
            b'<!DOCTYPE TimeML [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            + _timeml(middle="&e;").split(b"\n", 1)[1],
        )
    ],
    "TimeML truncated, mismatched, undefined entity": [
        (b"cut.tml", _timeml()[:200]),
        (b"mismatch.tml", _timeml(middle="<a></b>")),
        (b"entity.tml", _timeml(middle="&nbsp;")),
    ],
    "CAT 100,000 levels deep": [
        (b"deep.xml", _cat(extra="<Deep>" * 100_000 + "</Deep>" * 100_000))
    ],
    "CAT 100,000 siblings": [(b"wide.xml", _cat(extra="<y/>" * 100_000))],
    "CAT 20,000 tokens in one sentence": [
        (
            b"tokens.xml",
            _cat(
                tokens="".join(
                    f'<token t_id="{i}" sentence="2">{w}</token>'
                    for i, w in enumerate(["Israel", "struck", "Hamas"] * 6_667, start=3)
                )
            ),
        )
    ],
    "CAT with a huge doc_name and 50,000 attributes": [
        (
            b"attrs.xml",
            _cat(name="n" * 1_000_000, attrs=" " + " ".join(f'a{i}="1"' for i in range(50_000))),
        )
    ],
    "CAT with duplicate token ids": [
        (b"dup.xml", _cat(tokens=_CAT_BODY + '<token t_id="3" sentence="2">x</token>'))
    ],
}


def _probe_root(work: Path, label: str) -> Path:
    root = work / "probes" / re.sub(r"\W+", "-", label).strip("-")
    root.mkdir(parents=True)
    make_sentinel(root / "sentinel")
    return root


def _good_in_graph(out: Path) -> bool:
    graph = out / "graph.nt"
    return graph.is_file() and f"<{ARTICLE}good>".encode() in graph.read_bytes()


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def run_file_probes(work: Path, args: argparse.Namespace, schema: object, tally: Tally) -> None:
    for label, files in PROBES.items():
        root = _probe_root(work, label)
        folder = root / "in"
        folder.mkdir()
        (folder / "good.json").write_bytes(GOOD)
        targets = []
        for raw_name, data in files:
            target = Path(os.fsdecode(os.fsencode(folder) + b"/" + raw_name))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            targets.append(target)
        out = root / "out"
        before = tree_digest(root, leave_out=[out])
        started = time.perf_counter()
        done = run_build(folder, out, jobs=1, hash_seed="0", cache=args.cache_dir)
        seconds = time.perf_counter() - started
        tally.builds += 1
        tally.build_seconds += seconds
        _judge(f"probe {label}", done, out, [folder / "good.json", *targets], schema, tally)
        after = tree_digest(root, leave_out=[out])
        if _changed(before, after):
            tally.failures.append(
                f"probe {label}: changed outside --out: {_changed(before, after)}"
            )
        _record_probe(tally, label, done, [root], "builds", seconds)


def _judge(label, done, out, files, schema, tally: Tally, codes=(0, 1)) -> None:
    if crashed(done, label, tally, codes):
        return
    check_stderr(done, files, label, tally)
    if not _good_in_graph(out):
        tally.lost_count += 1
        tally.lost.append(f"{label}: the good article is not in the graph")
        return
    try:
        check_exports(out, graphml_schema=schema)
    except AssertionError as exc:
        tally.failures.append(f"{label}: {str(exc)[:300]}")


def _record_probe(
    tally: Tally, label: str, done, roots: list[Path], expected: str, seconds: float
) -> None:
    problems = [p for p in (*tally.crashes, *tally.lost, *tally.failures) if f"probe {label}:" in p]
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith(("skipped ", "error: "))]
    built = _BUILT.search(done.stdout)
    outcome = problems[0] if problems else "; ".join(lines) or (built[0] if built else "?")
    for root in roots:
        outcome = outcome.replace(str(root) + "/", "")
    verdict = "FAIL" if problems else f"ok ({expected}, exit {done.returncode}, {seconds:.0f} s)"
    tally.probes.append((label, verdict, outcome[:220]))


def run_out_probes(work: Path, args: argparse.Namespace, schema: object, tally: Tally) -> None:
    for state in OUT_STATES:
        run_out_probe(work, args, schema, tally, state)


def run_out_probe(
    work: Path, args: argparse.Namespace, schema: object, tally: Tally, state: OutState
) -> None:
    label = f"--out: {state.name}"
    root = _probe_root(work, label)
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "good.json").write_bytes(GOOD)
    (inputs / "bad.json").write_bytes(b"{broken")
    out = state.plant(root, root / "out", root / "sentinel")
    if out == inputs:  # the build may write only its own names there
        leave_out = [out / name for name in (*EXPORT_NAMES, LOCK)]
    else:
        leave_out = [root / "out", root / "real-out", out]
    before = tree_digest(root, leave_out=leave_out)
    started = time.perf_counter()
    done = run_build(inputs, out, jobs=1, hash_seed="0", cache=args.cache_dir)
    seconds = time.perf_counter() - started
    tally.builds += 1
    tally.build_seconds += seconds
    name = f"probe {label}"
    if state.outcome == "builds":
        _judge(name, done, out, [inputs / "good.json", inputs / "bad.json"], schema, tally)
        for export in EXPORT_NAMES:
            if os.path.islink(out / export) or not (out / export).is_file():
                tally.failures.append(f"{name}: {export} is not a regular file after the build")
    elif not crashed(done, name, tally, (2,)):
        lines = done.stderr.splitlines()
        if len(lines) != 1 or state.needle not in lines[0] or not lines[0].startswith("error: "):
            tally.failures.append(f"{name}: not refused in one line: {done.stderr[:300]!r}")
    after = tree_digest(root, leave_out=leave_out)
    if _changed(before, after):
        tally.failures.append(f"{name}: changed outside --out: {_changed(before, after)}")
    _record_probe(tally, label, done, [root], state.outcome, seconds)


# --------------------------------------------------------------------------- main


def summary(tally: Tally, args: argparse.Namespace, seconds: float) -> str:
    probes_failed = sum(1 for _, verdict, _ in tally.probes if verdict == "FAIL")
    rows = [
        ("good articles generated", f"{tally.articles:,}"),
        ("inputs (good articles + items broken on purpose)", f"{tally.inputs:,}"),
        ("files written", f"{tally.files:,} ({tally.broken_files:,} with a skip on purpose)"),
        ("builds", f"{tally.builds}"),
        ("crashes (traceback or unexpected exit code)", f"{len(tally.crashes)}"),
        ("lost good articles (not in the graph)", f"{tally.lost_count}"),
        ("skips of items not broken on purpose", f"{len(tally.unexpected_skips)}"),
        ("items broken on purpose not reported", f"{len(tally.missed_skips)}"),
        ("determinism (2 hash seeds, batch 0)", tally.deterministic),
        (
            "determinism failures" + (" (incl. rebuilds from the cache)" if args.cache_dir else ""),
            f"{len(tally.determinism)}"
            + (f" of {tally.cached_rebuilds + 1} compared" if args.cache_dir else " of 1"),
        ),
        ("other failed checks", f"{len(tally.failures)}"),
        ("probes (failed)", f"{len(tally.probes)} ({probes_failed})"),
        (
            "time: builds / checks / total",
            f"{tally.build_seconds:.0f} s / {tally.check_seconds:.0f} s / {seconds:.0f} s",
        ),
    ]
    lines = [
        f"fuzz campaign: --articles {args.articles} --seed {args.seed} --batch {args.batch} "
        f"--jobs {args.jobs} --cache {args.cache} --xml-rate {args.xml_rate}",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
        "| file kind | files |",
        "|---|---|",
        *(f"| {k} | {n} |" for k, n in sorted(tally.kinds.items(), key=lambda x: (-x[1], x[0]))),
        "",
        "| skipped by reason | lines |",
        "|---|---|",
        *(
            f"| {r.replace('|', '/')} | {n} |"
            for r, n in sorted(tally.skip_reasons.items(), key=lambda x: (-x[1], x[0]))
        ),
        "",
        "| probe | verdict | outcome |",
        "|---|---|---|",
        *(f"| {p} | {v} | {shown(o).replace('|', '/')} |" for p, v, o in tally.probes),
    ]
    for title, items in (
        ("crashes", tally.crashes),
        ("lost good articles", tally.lost),
        ("skips of items not broken on purpose", tally.unexpected_skips),
        ("items broken on purpose not reported", tally.missed_skips),
        ("determinism failures", tally.determinism),
        ("failed checks", tally.failures),
    ):
        if items:
            lines += ["", f"{title}:", *(f"- {shown(item)}" for item in items[:40])]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="good articles in all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=500, help="articles per build")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs of each build")
    parser.add_argument("--broken-rate", type=int, default=10, help="1 file in N is broken")
    parser.add_argument("--xml-rate", type=int, default=12, help="1 file in N is TimeML/CAT")
    parser.add_argument(
        "--cache",
        choices=["on", "off"],
        default="off",
        help="on: builds use a fresh --cache-dir, and every batch is built again from it",
    )
    parser.add_argument("--work", type=Path, help="keep the files here (default: a temp dir)")
    parser.add_argument("--no-probes", action="store_true")
    parser.add_argument(
        "--unique-ids",
        action="store_true",
        help="give every JSON article its own id (by default the generated ids may repeat)",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="tg-fuzz-"))
    if args.work and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    args.cache_dir = work / "cache" if args.cache == "on" else None
    from xml_schemas import graphml_schema

    schema = graphml_schema()[0]
    tally = Tally()
    batches = make_batches(
        work,
        args.articles,
        args.batch,
        args.seed,
        args.broken_rate,
        args.unique_ids,
        args.xml_rate,
    )
    for batch in batches:
        tally.articles += batch.articles
        tally.inputs += batch.articles + sum(f.skipped for f in batch.files)
        tally.files += len(batch.files)
        tally.broken_files += sum(1 for f in batch.files if f.skipped)
        tally.kinds.update(f.kind for f in batch.files)
    print(
        f"generated {tally.articles:,} good articles ({tally.inputs:,} inputs) in "
        f"{tally.files:,} files, {len(batches)} batches; cache {args.cache}",
        flush=True,
    )
    run_batches(batches, args, schema, tally)
    if not args.no_probes:
        run_file_probes(work, args, schema, tally)
        run_out_probes(work, args, schema, tally)
    print(summary(tally, args, time.perf_counter() - started))
    if not args.work:
        _remove(work)
    problems = (
        tally.crashes,
        tally.lost,
        tally.unexpected_skips,
        tally.missed_skips,
        tally.determinism,
        tally.failures,
    )
    return 1 if any(problems) else 0


def _remove(folder: Path) -> None:
    """Remove the work folder; the probes left read-only files and FIFOs in it."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o644)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
