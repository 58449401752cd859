"""Messy real-world input through the real command line: every bad article gets one line
naming the file and the problem (or is read correctly), the others still build, nothing is
lost on Ctrl-C, and the same articles in another order or hash seed give the same bytes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from export_checks import check_exports
from tg_paths import SEEDS, cli_env

pytestmark = pytest.mark.slow  # builds corpora of hostile articles

BODY = "CAIRO (AP) — Israel struck Hamas targets in Rafah on Monday, officials said.\n"
DATED = "date 2024-03-07\n\n"

# name -> (bytes, expected one-line problem or None when the article must build)
BAD_INPUTS: dict[str, tuple[bytes, str | None]] = {
    "empty.txt": (b"", "empty file"),
    "whitespace.txt": (b"   \n\t\n  ", "empty file"),
    "binary.txt": (bytes(range(256)) * 40, "binary file (contains NUL bytes), not an article"),
    "bad-utf8.txt": (b"date 2024-03-07\n\nIsrael \xff\xfe struck.\n", "not UTF-8 (invalid byte"),
    "utf16-bom.txt": ((DATED + BODY).encode("utf-16"), None),
    "crlf.txt": ((DATED + BODY).replace("\n", "\r\n").encode(), None),
    "impossible-date.txt": (("date 2024-02-30\n\n" + BODY).encode(), "invalid date '2024-02-30'"),
    "malformed-date.txt": (("date 2024-13-99x\n\n" + BODY).encode(), "invalid date"),
    "far-past.txt": (
        (b"date 0001-01-01\n\nIsrael struck Hamas last year, officials said on Monday.\n"),
        None,
    ),
    "far-future.txt": (
        (b"date 9999-12-31\n\nIsrael struck Hamas, and will again next year, on Monday.\n"),
        None,
    ),
    "wrong-types.json": (
        json.dumps({"id": 5, "text": ["a"], "date": 20240307}).encode(),
        "'text' must be a string, got list",
    ),
    "wrong-date-type.json": (
        json.dumps({"text": BODY, "date": 20240307}).encode(),
        "'date' must be an ISO date string, got 20240307",
    ),
    # an id of another type is skipped like a title of another type, not turned into text;
    # an integer is an id (documented)
    "id-object.json": (
        json.dumps({"id": {"a": 1}, "text": BODY, "date": "2024-03-07"}).encode(),
        "'id' must be a string or an integer, got dict",
    ),
    "id-list.json": (
        json.dumps({"id": [None], "text": BODY, "date": "2024-03-07"}).encode(),
        "'id' must be a string or an integer, got list",
    ),
    "id-bool.json": (
        json.dumps({"id": True, "text": BODY, "date": "2024-03-07"}).encode(),
        "'id' must be a string or an integer, got bool",
    ),
    "id-float.json": (
        json.dumps({"id": 1.5, "text": BODY, "date": "2024-03-07"}).encode(),
        "'id' must be a string or an integer, got float",
    ),
    "title-object.json": (
        json.dumps({"title": {"a": 1}, "text": BODY, "date": "2024-03-07"}).encode(),
        "'title' must be a string, got dict",
    ),
    "id-integer.json": (
        json.dumps({"id": 12345, "text": BODY, "date": "2024-03-07"}).encode(),
        None,
    ),
    "html.txt": (
        (
            DATED + "<!DOCTYPE html><html><head><title>Strike on Rafah</title>"
            "<script>alert(1)</script><style>p{}</style></head><body><p>" + BODY + "</p>"
            "<div>Egypt said the talks &amp; the truce would resume.</div></body></html>\n"
        ).encode(),
        None,
    ),
    "controls.txt": (
        (
            DATED + "Israel\x1b[31m struck\x07 Hamas in Rafah\x7f on Monday.\x85 Egypt said.\n"
        ).encode(),
        None,
    ),
    "rtl-emoji.txt": (
        (
            DATED + "Benjamin Netanyahu 🇮🇱 met Mahmoud Abbas 🔥 in Cairo on Monday, officials "
            'said. \u202eevil\u202c Mr. O\'Brien "quoted" <script>x</script> ]]> @prefix # \\ '
            "agreed.\n"
        ).encode(),
        None,
    ),
}


def run_build(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "timelinegraph", "build", *map(str, args), "--no-cache", "-q"]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def battery(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("hostile")
    inputs = folder / "in"
    inputs.mkdir()
    for name, (data, _) in BAD_INPUTS.items():
        (inputs / name).write_bytes(data)
    lines = [
        json.dumps({"id": "first", "text": BODY, "date": "2024-03-07"}),
        "{broken",
        json.dumps({"id": "third", "text": BODY, "date": "2024-03-08"}),
    ]
    (inputs / "one-broken-line.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(inputs, "--out", folder / "out", "--format", "turtle,timeline")
    return folder, result


def test_bad_articles_are_skipped_in_one_line_each_and_the_rest_build(battery) -> None:
    folder, result = battery
    assert result.returncode == 1, result.stderr  # built, some skipped
    assert "Traceback" not in result.stderr
    skipped = {
        line.split(": ", 1)[0].removeprefix("skipped "): line.split(": ", 1)[1]
        for line in result.stderr.splitlines()
    }
    for name, (_, problem) in BAD_INPUTS.items():
        where = str(folder / "in" / name)
        if problem is None:
            assert where not in skipped, f"{name} should build: {skipped.get(where)}"
        else:
            assert problem in skipped[where], (name, skipped.get(where))
    assert all(line.startswith("skipped ") for line in result.stderr.splitlines())
    assert skipped[f"{folder / 'in' / 'one-broken-line.jsonl'}:2"].startswith("invalid JSON")
    assert len(skipped) == sum(p is not None for _, p in BAD_INPUTS.values()) + 1


def test_what_was_built_is_read_correctly(battery) -> None:
    folder, _ = battery
    timeline = json.loads((folder / "out" / "timeline.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for event in timeline["events"]:
        for source in event["timelinegraph"]["sources"]:
            texts[source["article_id"]] = texts.get(source["article_id"], "") + source["sentence"]
    joined = "\n".join(texts.values())
    assert "<" not in texts.get("html", "") and "Israel struck Hamas" in texts["html"]
    assert "\r" not in joined  # CRLF read as LF
    assert {"first", "third", "utf16-bom", "crlf", "12345"} <= set(texts)
    graph = ox.Store()
    graph.load(path=str(folder / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    names = {
        q.object.value
        for q in graph.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None
        )
    }
    assert "Benjamin Netanyahu" in names and "Hamas" in names
    assert not any("\x07" in n or "\x1b" in n or "🇮" in n for n in names)
    titles = {
        q.object.value
        for q in graph.quads_for_pattern(None, ox.NamedNode("https://schema.org/headline"), None)
    }
    assert "Strike on Rafah" in titles  # the page's <title>


def test_a_run_on_sentence_of_100000_characters_builds(tmp_path: Path) -> None:
    sentence = "Israel struck Hamas" + " and Hamas struck Israel" * 4200 + " on Monday."
    assert len(sentence) > 100_000
    (tmp_path / "run-on.txt").write_text(DATED + sentence + "\n", encoding="utf-8")
    result = run_build(tmp_path / "run-on.txt", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    timeline = json.loads((tmp_path / "out" / "timeline.json").read_text(encoding="utf-8"))
    quoted = [s["sentence"] for e in timeline["events"] for s in e["timelinegraph"]["sources"]]
    assert quoted and all(0 < len(q) <= 1000 and q in sentence for q in quoted)


def test_size_and_event_limits(tmp_path: Path) -> None:
    big = DATED + BODY * 200
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    lines = [
        json.dumps({"id": f"a{i}", "text": t, "date": "2024-03-07"})
        for i, t in enumerate([BODY, big, BODY])
    ]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(tmp_path, "--out", tmp_path / "out", "--max-article-bytes", "5000")
    assert result.returncode == 1
    assert (
        f"skipped {tmp_path / 'big.txt'}: file is {len(big.encode()):,} bytes, over the 5,000 limit"
        in result.stderr
    )
    assert (
        f"skipped {tmp_path / 'corpus.jsonl'}:2: line is over the 5,000-byte limit" in result.stderr
    )
    seed = run_build(SEEDS, "--out", tmp_path / "seed", "--max-events-per-article", "10")
    assert seed.returncode == 0, seed.stderr
    assert "events, only the first 10 kept (--max-events-per-article)" in seed.stdout + seed.stderr
    events = json.loads((tmp_path / "seed" / "timeline.json").read_text(encoding="utf-8"))["events"]
    assert 0 < len(events) <= 10


def test_another_order_and_hash_seed_give_the_same_bytes(tmp_path: Path) -> None:
    texts = [
        "Israel struck Hamas in Rafah on Monday, officials said.",
        "Egypt said Hamas and Israel would resume talks in Cairo on Tuesday.",
        "The United States warned Israel against an offensive in Rafah, officials said.",
    ]
    records = [{"id": f"a{i}", "text": t, "date": f"2024-03-0{i + 5}"} for i, t in enumerate(texts)]
    outputs = []
    for seed, order in (("1", records), ("4242", records[::-1])):
        folder = tmp_path / f"in{seed}"
        folder.mkdir()
        (folder / "corpus.jsonl").write_text(
            "\n".join(json.dumps(r) for r in order) + "\n", encoding="utf-8"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = run_build(folder, "--out", tmp_path / f"out{seed}", env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(
            {p.name: p.read_bytes() for p in sorted((tmp_path / f"out{seed}").glob("*.*"))}
        )
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_in_one_line_and_keeps_the_previous_exports(tmp_path: Path, jobs: str) -> None:
    article = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(60):  # long enough to be interrupted mid-extraction
        (inputs / f"a{i:02}.txt").write_text(article, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    command = [sys.executable, "-m", "timelinegraph", "build", str(inputs), "--out", str(out)]
    proc = subprocess.Popen(
        [*command, "--no-cache", "-q", "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would reach
    )
    time.sleep(6)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert stderr.strip() == f"interrupted: the exports in {out} are as they were"
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"


def run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    """The command as a user runs it, its output read as UTF-8 (strictly: an undecodable
    byte printed would fail here)."""
    command = [sys.executable, "-m", "timelinegraph", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def test_lone_surrogates_and_non_utf8_file_names_build_with_the_cache_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(DATED + BODY, encoding="utf-8")
    # JSON escapes Python reads as lone surrogates, in the text and in every metadata field
    record = {
        "id": "lone",
        "title": "Strike \ud800 on Rafah",
        "url": "https://example.com/\udfff",
        "source": "AP \udc00",
        "authors": ["Ann \ud83d"],
        "text": "Israel struck Hamas \ud800 in Rafah on Monday, officials said.",
        "date": "2024-03-07",
    }
    (inputs / "lone.json").write_text(json.dumps(record), encoding="utf-8")
    # two articles sharing an id, with a surrogate: their ids are made unique from their text
    twins = [json.dumps({**record, "id": "twin", "text": f"{t} \ud800"}) for t in (BODY, BODY * 2)]
    (inputs / "twins.jsonl").write_text("\n".join(twins) + "\n", encoding="utf-8")
    # Latin-1 file names, one good and one broken (Python holds the byte as "\udce9")
    latin1 = os.fsdecode(b"caf\xe9.txt")
    (inputs / latin1).write_text(DATED + BODY, encoding="utf-8")
    (inputs / os.fsdecode(b"bad\xe9.json")).write_text("{broken", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    formats = "turtle,graphml,gexf,timeline,report,ntriples,jsonld,trig,html"
    for attempt in ("extracted", "from cache"):
        result = run_cli("build", inputs, "--out", out, "--cache-dir", cache, "-f", formats, "-q")
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.splitlines() == [
            f"skipped {inputs}/bad\\xe9.json: invalid JSON at line 1: Expecting property name "
            "enclosed in double quotes"
        ]
        assert "Built 5 articles (1 skipped)" in result.stdout
        if attempt == "from cache":
            assert "(0 extracted, 5 from cache)" in result.stdout
    readings = check_exports(out)
    timeline = readings.timeline
    sources = [s for e in timeline["events"] for s in e["timelinegraph"]["sources"]]
    assert "Israel struck Hamas \ufffd in Rafah on Monday, officials said." in {
        s["sentence"] for s in sources
    }
    assert {s["article_id"] for s in sources} >= {"lone", "caf", "good"}
    assert len({s["article_id"] for s in sources if s["article_id"].startswith("twin")}) == 2
    assert "Strike \ufffd on Rafah" in {s.get("article_title") for s in sources}
    for name in ("extract-json", "extract-timeml"):
        fmt = name.split("-")[1]
        result = run_cli("extract", inputs, "--out", tmp_path / name, "--format", fmt)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "Extracted 5 articles (1 skipped)" in result.stdout  # the lone surrogate too
    extraction = json.loads((tmp_path / "extract-json" / "lone.json").read_text(encoding="utf-8"))
    assert extraction["article"]["title"] == "Strike \ufffd on Rafah"
    assert extraction["article"]["authors"] == ["Ann \ufffd"]
    recorded = json.loads((tmp_path / "extract-json" / "caf\udce9.json").read_bytes())
    assert recorded["article"]["path"] == "in/caf\\xe9.txt"  # shown safely, read from the real
    explained = run_cli("explain", "state-israel", "--exports", out)
    assert explained.returncode == 0, explained.stderr
    assert "Israel struck Hamas \ufffd in Rafah" in explained.stdout


GOOD_TIMEML = (
    '<?xml version="1.0"?>\n<TimeML><DOCID>{name}</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
    'value="2024-03-07">2024-03-07</TIMEX3></DCT><TEXT>{open}Israel <EVENT eid="e1" '
    'class="OCCURRENCE">struck</EVENT> Hamas targets in Rafah on <TIMEX3 tid="t1" type="DATE" '
    'value="2024-03-04">Monday</TIMEX3>, officials said.{close}</TEXT></TimeML>\n'
)


def test_deeply_nested_timeml_builds_extracts_and_scores_next_to_a_good_file(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, depth in (("good", 0), ("deep1000", 1_000), ("deep100000", 100_000)):
        xml = GOOD_TIMEML.format(name=name, open="<x>" * depth, close="</x>" * depth)
        (inputs / f"{name}.tml").write_text(xml, encoding="utf-8")
    build = run_build(inputs, "--out", tmp_path / "out", "--format", "timeline")
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr
    assert "Built 3 articles (0 skipped)" in build.stdout
    timeline = json.loads((tmp_path / "out" / "timeline.json").read_text(encoding="utf-8"))
    built = {s["article_id"] for e in timeline["events"] for s in e["timelinegraph"]["sources"]}
    assert built == {"good", "deep1000", "deep100000"}
    extract = run_cli("extract", inputs, "--out", tmp_path / "tml")
    assert extract.returncode == 0 and "Traceback" not in extract.stderr, extract.stderr
    assert "Extracted 3 articles (0 skipped)" in extract.stdout
    scored = run_cli("eval", inputs, "--json", tmp_path / "eval.json")
    assert scored.returncode == 0 and "Traceback" not in scored.stderr, scored.stderr
    assert "Scored 3 documents (0 skipped)" in scored.stdout


def test_huge_metadata_is_cut_at_ingest_and_not_copied_into_every_event(tmp_path: Path) -> None:
    places = ["Rafah", "Gaza", "Cairo", "Doha", "Jenin", "Nablus", "Hebron", "Beirut", "Tyre"]
    text = " ".join(
        f"Israel struck Hamas targets in {places[i % 9]} on Monday, officials said, in strike "
        f"number {i + 1}."
        for i in range(100)
    )
    record = {
        "id": "big",
        "title": "T" * 500_000,
        "url": "https://example.com/" + "u" * 500_000,
        "source": "S" * 400_000,
        "authors": [f"Author {i} " + "a" * 10_000 for i in range(60)],
        "text": text,
        "date": "2024-03-07",
    }
    (tmp_path / "big.json").write_text(json.dumps(record), encoding="utf-8")
    assert (tmp_path / "big.json").stat().st_size > 2_000_000
    formats = "turtle,graphml,gexf,timeline,report,ntriples,jsonld,trig,html"
    result = run_build(tmp_path / "big.json", "--out", tmp_path / "out", "--format", formats)
    assert result.returncode == 0, result.stderr
    where = f"{tmp_path / 'big.json'} [big]"
    assert result.stderr.splitlines() == [
        f"note: {where}: title cut to 1,000 characters",
        f"note: {where}: source cut to 200 characters",
        f"note: {where}: url of 500,020 characters left out (over 2,000)",
        f"note: {where}: 60 authors, only the first 50",
        f"note: {where}: authors cut to 200 characters each",
    ]
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "out").glob("*.*")}
    # before the limits: a 200 MB timeline.json and a 100 MB page
    assert all(size < 1_500_000 for size in sizes.values()), sizes
    readings = check_exports(tmp_path / "out")
    sources = [s for e in readings.timeline["events"] for s in e["timelinegraph"]["sources"]]
    assert len(sources) >= 100
    assert {s["article_title"] for s in sources} == {"T" * 1_000}
    headlines = readings.literals("https://schema.org/headline")
    assert [len(t) for titles in headlines.values() for t in titles] == [1_000]
    assert not readings.literals("https://schema.org/url")
    authors = [
        a for names in readings.literals("https://schema.org/author").values() for a in names
    ]
    assert len(authors) == 50 and all(len(a) == 200 for a in authors)


def test_long_punctuation_runs_build_in_seconds_with_true_offsets(tmp_path: Path) -> None:
    # spaCy's tokenizer took quadratic time on these: 40,000 quotes alone over 90 s
    runs = {"quotes": '"' * 40_000, "mixed": "\"(`'$" * 8_000, "suffixes": "'s" * 20_000}
    texts = {}
    for name, run in runs.items():
        texts[name] = (
            f"Israel struck Hamas targets in Rafah on Monday, officials said. {run} "
            'Egypt said "the talks will resume" in Cairo on Tuesday!!!!!!!!!!!!!!!")'
        )
        (tmp_path / f"{name}.txt").write_text(DATED + texts[name], encoding="utf-8")
    started = time.perf_counter()
    result = run_build(tmp_path, "--out", tmp_path / "out", "--format", "timeline")
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert seconds < 90, f"{seconds:.0f} s"
    timeline = json.loads((tmp_path / "out" / "timeline.json").read_text(encoding="utf-8"))
    sources = [s for e in timeline["events"] for s in e["timelinegraph"]["sources"]]
    assert {s["article_id"] for s in sources} == set(runs)
    for source in sources:
        text = texts[source["article_id"]]
        assert text[source["start"] : source["end"]] == source["text"]
        assert source["sentence"] in text


def _limited_memory() -> None:  # in the child: a runaway allocation fails instead of swapping
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_runs_of_names_and_of_symbol_pairs_build_next_to_a_good_article(tmp_path: Path) -> None:
    """Found by the fuzz campaign. 'A&' 100,000 times (a TimeML file of character references)
    is one actor named by 200,000 characters, and the report's spelling check listed every
    one-letter deletion of each name: quadratic, 23 GB, the build was killed. 'Al Qaeda'
    3,000 times parses as a chain of compounds 6,000 deep, which the headline's noun phrase
    walked recursively: RecursionError, the build stopped; so did 'to help' 3,000 times, a
    chain of infinitives whose tense was looked up recursively."""
    (tmp_path / "good.txt").write_text(DATED + BODY, encoding="utf-8")
    lead = DATED + "Israel struck Hamas targets in Rafah "
    (tmp_path / "pairs.txt").write_text(lead + "A&" * 100_000 + " on Monday.", "utf-8")
    (tmp_path / "names.txt").write_text(lead + "Al Qaeda " * 3_000 + "on Monday.", "utf-8")
    (tmp_path / "helps.txt").write_text(lead + "to help " * 3_000 + "on Monday.", "utf-8")
    command = [sys.executable, "-m", "timelinegraph", "build", str(tmp_path), "--no-cache"]
    result = subprocess.run(
        [*command, "-q", "--out", str(tmp_path / "out"), "--format", "report,timeline"],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=_limited_memory,
        env=cli_env(),
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "Built 4 articles (0 skipped)" in result.stdout
    timeline = json.loads((tmp_path / "out" / "timeline.json").read_text(encoding="utf-8"))
    built = {s["article_id"] for e in timeline["events"] for s in e["timelinegraph"]["sources"]}
    assert built == {"good", "pairs", "names", "helps"}


def test_run_on_sentences_of_repeated_phrases_extract_in_linear_time(nlp) -> None:
    """Found by the fuzz campaign: rules that, for each trigger or date, walked the whole
    clause below it, every 'in' of a place, or every date already taken took time quadratic
    in a run-on sentence: 'to help' 3,000 times took 50 s, 'in the city of' 3,000 times 45 s,
    'on Monday' 12,000 times over 30 s; each is a few seconds now."""
    from datetime import date

    from timelinegraph.extract import extract
    from timelinegraph.models import Article

    started = time.perf_counter()
    for phrase, times in (("to help ", 3_000), ("in the city of ", 3_000), ("on Monday ", 12_000)):
        text = "Israel struck Hamas targets in Rafah " + phrase * times + "on Monday."
        extraction = extract(Article(id="run", text=text, published=date(2024, 3, 7)), nlp)
        assert extraction.events
    seconds = time.perf_counter() - started
    assert seconds < 45, f"{seconds:.0f} s"
