"""The page of a real corpus (issue 21, item 3): a 1,000-article build in headless Chromium.

Builds ECB+ and the TempEval-3 training set (1,029 articles, about 14,000 events) from
../shared/eval, with the extraction cache (a minute when it is warm; skipped when the corpora
are absent). The page must load in under 5 seconds, show every node of its network at a
finite position (read from the graphology graph sigma.js draws), put events on the map, say
that it holds only the most mentioned events, and give the counts the build printed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser_support import guarded_page, launch_chromium, serve_folder
from tg_paths import SHARED_EVAL, cli_env
from timelinegraph.view.data import PAGE_EVENTS, view_data_from_exports
from timelinegraph.view.page import render_page

CORPORA = [SHARED_EVAL / "ecbplus" / "ECB+", SHARED_EVAL / "tempeval3-train"]
SUMMARY = re.compile(
    r"Built (\d+) articles? \(\d+ skipped\): (\d+) events, (\d+) actors, (\d+) relations"
)
LOAD_SECONDS = 5.0

# every node of the page's graph: its kind, and whether its position is a finite number
NODES = """() => { const out = {event: 0, actor: 0, bad: 0};
  window.tgView.graph.forEachNode((k, a) => { out[a.kind]++;
    if (!Number.isFinite(a.x) || !Number.isFinite(a.y)) out.bad++; });
  return out; }"""


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    missing = [str(p) for p in CORPORA if not p.is_dir()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not present (../shared/eval is optional)")
    out = tmp_path_factory.mktemp("t1000")
    command = [sys.executable, "-m", "timelinegraph", "build", *map(str, CORPORA)]
    command += ["--out", str(out), "--default-date", "2010-01-01", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, env=cli_env(), check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    found = SUMMARY.search(done.stdout + done.stderr)
    assert found, done.stdout[-2000:]
    names = ("articles", "events", "actors", "relations")
    counts = dict(zip(names, map(int, found.groups()), strict=True))
    return out, counts


@pytest.mark.eval
@pytest.mark.slow
def test_page_counts_agree_with_the_build(build) -> None:
    out, counts = build
    assert counts["articles"] >= 1000 and counts["events"] > PAGE_EVENTS
    page = (out / "index.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="tg-data">', 1)[1].split("</script>", 1)[0])
    summary = data["summary"]
    assert {k: summary[k] for k in counts} == counts
    assert summary["page_events"] == len(data["events"]) == PAGE_EVENTS == summary["cap"]
    # the page the build wrote from its model is the page `view` writes from its exports
    assert render_page(view_data_from_exports(out)) == page


@pytest.mark.eval
@pytest.mark.slow
def test_page_of_1000_articles_in_chromium(build, tmp_path: Path) -> None:
    out, counts = build
    page_path = out / "index.html"
    with launch_chromium() as browser, serve_folder(out) as base:
        url = f"{base}/index.html"
        page, log = guarded_page(browser, lambda u: u == url)
        started = time.perf_counter()
        page.goto(url, timeout=60_000)
        while not page.evaluate("() => !!(window.tgView && window.tgView.ready)"):
            assert time.perf_counter() - started < 60, "the page never became ready"
            page.wait_for_timeout(25)
        seconds = time.perf_counter() - started
        data = page.evaluate("() => window.tgView.data.summary")
        nodes = page.evaluate(NODES)
        points = page.locator(".tg-map-point").count()
        slides = page.locator(".tl-slide").count()
        header = page.locator("#tg-summary").text_content()
        cap = page.locator("#tg-cap")
        cap_shown, cap_text = cap.is_visible(), cap.text_content()
        opened = page.evaluate("() => window.tgView.openedAt()")
        selected = page.locator("#tg-details").get_attribute("data-selected")
        page.screenshot(path=str(tmp_path / "page.png"))
        page.close()
    assert seconds < LOAD_SECONDS, f"{page_path}: ready after {seconds:.1f} s"
    assert nodes == {"event": data["page_events"], "actor": data["page_actors"], "bad": 0}
    assert points > 0
    assert slides == 200 + 1  # the timeline's most mentioned 200, and its title slide
    assert selected == f"event:{opened}"  # it opened on the densest span's first slide
    assert header == (
        f"{counts['events']} events, {counts['actors']} actors, "
        f"{counts['relations']} relations from {counts['articles']} articles"
    )
    assert cap_shown and f"{PAGE_EVENTS:,} most mentioned" in cap_text
    assert log.blocked == [] and log.page_errors == [], (log.blocked, log.page_errors)
