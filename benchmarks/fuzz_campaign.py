"""Fuzz campaign: generated articles, hostile ones included, through the real ``timelinegraph
build``, every export read back by independent parsers.

Not a test (it takes minutes). It writes ``--articles`` generated articles (the grammar of
``tests/fuzz_articles.py``: news-like sentences mixed with quotes, ``<script>``, ``]]>``,
backslashes, ``#``, ``@prefix``, controls, lone surrogates, RTL, emoji...; hostile ids,
titles, urls, authors) as .txt / .json / .jsonl files, one file in ``--broken-rate``
deliberately broken, in batches of ``--batch`` articles; runs ``timelinegraph build --no-cache``
on each batch as a subprocess and checks:

- the exit code is 0 or 1 (1 exactly when files were skipped) and stderr has no traceback;
- every stderr line is ``skipped <file>: <problem>`` (one line, naming a file of the batch)
  or a ``note:``; the files skipped are exactly the ones broken on purpose;
- every export parses (pyoxigraph for Turtle / N-Triples / TriG / JSON-LD with the same
  triples; GraphML against its schema and with networkx; GEXF with networkx; timeline.json
  against its JSON Schema; the page's data block), actor labels agree across formats and
  every quoted sentence is a piece of an input text (``tests/export_checks.py``);
- one batch built twice under different ``PYTHONHASHSEED`` gives byte-identical exports;
- probes: single hostile files (deeply nested JSON, a newline or an undecodable byte in the
  file name, a lone BOM, ...) next to one good article, with the same checks.

The same ``--seed`` gives the same files. ``--unique-ids`` gives every JSON article its own
id (by default generated ids may repeat, and the reader makes them unique). Example:

    .venv/bin/python benchmarks/fuzz_campaign.py --articles 10000 --seed 1 --jobs 2
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from export_checks import check_cross_format, check_exports  # noqa: E402
from fuzz_articles import GeneratedFile, RandomPicker, generated_file  # noqa: E402

CLI = Path(sys.executable).parent / "timelinegraph"
FORMATS = "turtle,graphml,gexf,timeline,report,ntriples,jsonld,trig,html"
ODD_STEMS = ["", " space", "-ünï", "#hash", "'q'", "[x]", "🎉", "%41", "a&b", "..dots", "—"]
_SKIP_LINE = re.compile(r"^skipped (?P<rest>.*)$")
_BUILT = re.compile(r"^Built (?P<articles>\d+) articles? \((?P<skipped>\d+) skipped\)", re.M)


@dataclass
class Batch:
    index: int
    folder: Path
    files: list[GeneratedFile]

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.files)

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
    articles: int = 0  # generated articles (records in well-formed files)
    files: int = 0
    broken_files: int = 0
    builds: int = 0
    crashes: list[str] = field(default_factory=list)  # traceback / bad exit code
    failures: list[str] = field(default_factory=list)  # any other check that failed
    skip_reasons: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    build_seconds: float = 0.0
    check_seconds: float = 0.0
    probes: list[tuple[str, str]] = field(default_factory=list)
    deterministic: str = "not run"


# --------------------------------------------------------------------------- generating


def make_batches(
    work: Path, total: int, batch_size: int, seed: int, broken_rate: int, unique_ids: bool
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
        while sum(f.articles for f in files) < min(batch_size, total - made):
            stem = f"a{len(files):04d}{picker.choice(ODD_STEMS)}"
            generated = generated_file(picker, stem, broken_rate, unique_ids=unique_ids)
            (folder / generated.name).write_bytes(generated.data)
            files.append(generated)
        batches.append(Batch(index, folder, files))
        made += sum(f.articles for f in files)
    return batches


# --------------------------------------------------------------------------- running


def run_build(inputs: Path, out: Path, *, jobs: int, hash_seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "COLUMNS": "200"}
    args = [str(CLI), "build", str(inputs), "--out", str(out), "--no-cache", "-q"]
    args += ["--format", FORMATS, "--jobs", str(jobs)]
    return subprocess.run(
        args,
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # an undecodable file name must not stop the campaign
        env=env,
        timeout=3600,
        check=False,
    )


def reason(problem: str) -> str:
    """A skip problem with its values blanked, to count skips by kind."""
    problem = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", problem)
    return re.sub(r"\d[\d,]*", "N", problem)


def spellings(path: Path) -> list[str]:
    """How a skip line may name ``path``: absolute, relative to the input folder's parent, as
    either one with undecodable bytes shown as U+FFFD."""
    shown = [str(path), f"{path.parent.name}/{path.name}"]
    return shown + [os.fsencode(s).decode("utf-8", "replace") for s in shown]


def check_stderr(
    done: subprocess.CompletedProcess, files: list[Path], label: str, tally: Tally
) -> Counter[str]:
    """Crash / one-line checks; returns how many skip lines name each file."""
    named: Counter[str] = Counter()
    owners = {spelling: str(path) for path in files for spelling in spellings(path)}
    names = sorted(owners, key=len, reverse=True)  # "a.jsonl" before its prefix "a.json"
    if "Traceback" in done.stderr or done.returncode not in (0, 1):
        last = done.stderr.strip().splitlines()[-1:] or [""]
        tally.crashes.append(f"{label}: exit {done.returncode}: {last[0][:300]}")
        return named
    for line in done.stderr.splitlines():
        if line.startswith("note: ") or not line.strip():
            continue
        match = _SKIP_LINE.match(line)
        owner = next((n for n in names if match and match["rest"].startswith(n)), None)
        if owner is None:
            tally.failures.append(f"{label}: stderr line names no input file: {line[:200]!r}")
            continue
        rest = match["rest"][len(owner) :] if match else ""
        where = re.match(r"(?::\d+|\[\d+\])?: ", rest)
        if where is None:
            tally.failures.append(f"{label}: skip line is not 'file: problem': {line[:200]!r}")
            continue
        named[owners[owner]] += 1
        tally.skip_reasons[reason(rest[where.end() :])] += 1
    if (done.returncode == 1) != bool(named):
        tally.failures.append(f"{label}: exit {done.returncode} with {sum(named.values())} skips")
    return named


def check_batch(
    batch: Batch, out: Path, done: subprocess.CompletedProcess, schema: object, tally: Tally
) -> None:
    label = f"batch {batch.index}"
    named = check_stderr(done, [batch.folder / f.name for f in batch.files], label, tally)
    if tally.crashes and tally.crashes[-1].startswith(label + ":"):
        return
    for generated in batch.files:
        got = named.get(str(batch.folder / generated.name), 0)
        if got != generated.skipped:
            tally.failures.append(
                f"{label}: {generated.name!r} ({generated.kind}) skipped {got} times, "
                f"expected {generated.skipped}"
            )
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
    tally.check_seconds += time.perf_counter() - started


def same_bytes(first: Path, second: Path) -> str:
    names = sorted(p.name for p in first.iterdir() if p.is_file() and not p.name.startswith("."))
    other = sorted(p.name for p in second.iterdir() if p.is_file() and not p.name.startswith("."))
    if names != other:
        return f"different files: {names} vs {other}"
    differ = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    return f"differ: {', '.join(differ)}" if differ else f"identical ({len(names)} files)"


# --------------------------------------------------------------------------- probes

GOOD = b'{"text": "Hamas and Israel met in Cairo on Monday, officials said.", "date": "2024-03-07"}'
PROBES: dict[str, tuple[bytes, bytes]] = {
    # name: (file name as bytes, content)
    "deeply nested JSON": (b"deep.json", b"[" * 100_000 + b"]" * 100_000),
    "deeply nested JSON line": (b"deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n"),
    "newline in the file name": (b"bad\nname.txt", b"not a date header\nHamas met."),
    "undecodable byte in the file name": (
        b"bad\xffname.txt",
        b"date 2024-03-07\nHamas met Israel.",
    ),
    "lone UTF-16 BOM": (b"bom.jsonl", b"\xfe\xff"),
    "empty JSON list": (b"empty.json", b"[]"),
    "text starting with 'Date'": (b"dates.txt", b"Dates rose 5% in Gaza on Monday."),
    "JSON text starting with 'Date'": (
        b"dates.json",
        b'{"text": "Date palms grew.", "date": "2024-03-07"}',
    ),
    "escaped lone surrogate in JSON": (
        b"surrogate.json",
        b'{"text": "Hamas met Israel \\ud800 in Cairo.", "date": "2024-03-07", "title": "\\udc80"}',
    ),
    "one long line": (b"long.txt", b"date 2024-03-07\n" + b"Hamas met Israel in Cairo. " * 40_000),
    "a 5 MB token": (b"token.txt", b"date 2024-03-07\nHamas " + b"x" * 5_000_000 + b" met."),
    "NUL escaped in JSON": (
        b"nul.json",
        b'{"text": "Hamas\\u0000 met Israel.", "date": "2024-03-07", "id": "\\u0000"}',
    ),
    "huge integer date": (b"bigint.json", b'{"text": "Hamas met.", "date": ' + b"9" * 5000 + b"}"),
    "folder named like an article": (
        b"folder.txt/inner.txt",
        b"date 2024-03-07\nHamas met Israel.",
    ),
}


def run_probes(work: Path, jobs: int, schema: object, tally: Tally) -> None:
    for label, (raw_name, data) in PROBES.items():
        folder = work / "probes" / re.sub(r"\W+", "-", label) / "in"
        folder.mkdir(parents=True)
        (folder / "good.json").write_bytes(GOOD)
        target = Path(os.fsdecode(os.fsencode(folder) + b"/" + raw_name))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        out = folder.parent / "out"
        started = time.perf_counter()
        done = run_build(folder, out, jobs=1, hash_seed="0")
        tally.builds += 1
        tally.build_seconds += time.perf_counter() - started
        before = (len(tally.crashes), len(tally.failures))
        skips = Counter[str]()
        named = check_stderr(done, [folder / "good.json", target], f"probe {label}", tally)
        skips.update(named)
        if not tally.crashes[before[0] :]:
            try:
                check_exports(out, graphml_schema=schema)
            except AssertionError as exc:
                tally.failures.append(f"probe {label}: {str(exc)[:300]}")
        problems = tally.crashes[before[0] :] + tally.failures[before[1] :]
        skipped = [ln for ln in done.stderr.splitlines() if ln.startswith("skipped ")]
        outcome = problems[0] if problems else ("; ".join(skipped) or _BUILT.search(done.stdout)[0])
        tally.probes.append((label, outcome.replace(str(folder) + "/", "")[:160]))


# --------------------------------------------------------------------------- main


def summary(tally: Tally, args: argparse.Namespace, seconds: float) -> str:
    rows = [
        ("articles generated", f"{tally.articles:,}"),
        ("files written", f"{tally.files:,} ({tally.broken_files:,} broken on purpose)"),
        ("builds", f"{tally.builds}"),
        ("crashes (traceback or exit ∉ {0,1})", f"{len(tally.crashes)}"),
        ("other failed checks", f"{len(tally.failures)}"),
        ("determinism (2 hash seeds)", tally.deterministic),
        (
            "time: builds / checks / total",
            f"{tally.build_seconds:.0f} s / {tally.check_seconds:.0f} s / {seconds:.0f} s",
        ),
    ]
    lines = [
        f"fuzz campaign: --articles {args.articles} --seed {args.seed} "
        f"--batch {args.batch} --jobs {args.jobs}",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
        "| skipped by reason | files |",
        "|---|---|",
        *(
            f"| {r} | {n} |"
            for r, n in sorted(tally.skip_reasons.items(), key=lambda x: (-x[1], x[0]))
        ),
        "",
        "| probe | outcome |",
        "|---|---|",
        *(f"| {p} | {o.replace('|', '/')} |" for p, o in tally.probes),
    ]
    for title, items in (("crashes", tally.crashes), ("failed checks", tally.failures)):
        if items:
            lines += ["", f"{title}:", *(f"- {item}" for item in items[:40])]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=500, help="articles per build")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs of each build")
    parser.add_argument("--broken-rate", type=int, default=10, help="1 file in N is broken")
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
    from xml_schemas import graphml_schema

    schema = graphml_schema()[0]
    tally = Tally()
    batches = make_batches(
        work, args.articles, args.batch, args.seed, args.broken_rate, args.unique_ids
    )
    for batch in batches:
        tally.articles += batch.articles
        tally.files += len(batch.files)
        tally.broken_files += sum(1 for f in batch.files if f.skipped)
        tally.kinds.update(f.kind for f in batch.files)
    print(
        f"generated {tally.articles:,} articles in {tally.files:,} files, {len(batches)} batches",
        flush=True,
    )
    for batch in batches:
        out = batch.folder.parent / "out"
        t0 = time.perf_counter()
        done = run_build(batch.folder, out, jobs=args.jobs, hash_seed=str(args.seed + batch.index))
        tally.build_seconds += time.perf_counter() - t0
        tally.builds += 1
        check_batch(batch, out, done, schema, tally)
        if batch.index == 0 and out.is_dir():
            again = batch.folder.parent / "out-again"
            t0 = time.perf_counter()
            run_build(batch.folder, again, jobs=args.jobs, hash_seed=str(args.seed + 1000))
            tally.build_seconds += time.perf_counter() - t0
            tally.builds += 1
            tally.deterministic = same_bytes(out, again)
            if not tally.deterministic.startswith("identical"):
                tally.failures.append(f"batch 0 under two hash seeds: {tally.deterministic}")
        print(
            f"batch {batch.index}: {batch.articles} articles, exit {done.returncode}, "
            f"crashes {len(tally.crashes)}, failures {len(tally.failures)}, "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if not args.work:
            shutil.rmtree(batch.folder.parent, ignore_errors=True)
    if not args.no_probes:
        run_probes(work, args.jobs, schema, tally)
    print(summary(tally, args, time.perf_counter() - started))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if tally.crashes or tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
