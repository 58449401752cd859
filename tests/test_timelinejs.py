"""Our timeline JSON in the real TimelineJS3 (npm @knight-lab/timelinejs), in headless Chromium.

A harness page loads TimelineJS from tests/js/node_modules over a local server and hands it
the URL of the JSON (TimelineJS fetches and parses it itself), with ``script_path`` local and
``font: null``. Every request that is not to that server is blocked and recorded.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from browser_support import guarded_page, launch_chromium, png_size, serve_folder
from kg_fixtures import make_kg
from tg_paths import EXPORTS, ROOT
from timelinegraph.export.timeline import write_timeline

pytestmark = pytest.mark.slow  # starts Chromium

TIMELINEJS = ROOT / "tests" / "js" / "node_modules" / "@knight-lab" / "timelinejs"

HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="dist/css/timeline.css">
<script src="dist/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1200px; height: 650px"></div>
<script>
  window.timeline = new TL.Timeline("timeline", "timeline.json",
    {script_path: new URL("dist/js/", location.href).href, font: null});
  window.timeline.on("ready", function () { window.timelineReady = true; });
</script></body></html>
"""


@pytest.fixture(scope="module")
def browser():
    if not (TIMELINEJS / "dist" / "js" / "timeline.js").is_file():
        pytest.skip("TimelineJS3 not installed (npm ci --prefix tests/js)")
    with launch_chromium() as chromium:
        yield chromium


def _hostile_timeline(path: Path) -> Path:
    return write_timeline(make_kg(), path)


@pytest.mark.parametrize("source", ["seed", "hostile"])
def test_timelinejs_renders_every_event(browser, tmp_path: Path, source: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(HARNESS, encoding="utf-8")
    shutil.copytree(TIMELINEJS / "dist", site / "dist")
    if source == "seed":
        shutil.copyfile(EXPORTS / "timeline.json", site / "timeline.json")
    else:
        _hostile_timeline(site / "timeline.json")
    document = json.loads((site / "timeline.json").read_text(encoding="utf-8"))

    with serve_folder(site) as base:
        page, log = guarded_page(browser, lambda url: url.startswith(base + "/"))
        page.goto(f"{base}/index.html")
        page.wait_for_function("window.timelineReady === true", timeout=20_000)
        shot = tmp_path / f"timelinejs-{source}.png"
        page.screenshot(path=str(shot))
        slides = page.eval_on_selector_all(
            ".tl-slide", "els => els.map(e => [e.id, e.classList.contains('tl-slide-titleslide')])"
        )
        headlines = page.evaluate(
            """ids => ids.map(id => {
                 const slide = document.getElementById(id);
                 const h = slide && slide.querySelector('.tl-headline');
                 return h ? h.textContent : null; })""",
            [e["unique_id"] for e in document["events"]],
        )
        markers = page.evaluate(
            "ids => ids.filter(id => document.getElementById(id + '-marker'))",
            [e["unique_id"] for e in document["events"]],
        )
        messages = page.eval_on_selector_all(
            ".tl-message-full, .tl-message",
            "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)",
        )
        pwned = page.evaluate("typeof window.__pwned")
        page.close()

    assert log.blocked == [], f"TimelineJS tried to fetch from outside: {log.blocked}"
    assert any(url.endswith("/timeline.json") for url in log.allowed)
    assert log.console_errors == [] and log.page_errors == [], (log.console_errors, log.page_errors)
    assert log.dialogs == [] and pwned == "undefined", "a script from the data ran"
    assert messages == [], f"TimelineJS shows a message: {messages}"
    events = document["events"]
    title = 1 if "title" in document else 0
    assert len(slides) == len(events) + title
    assert sum(is_title for _, is_title in slides) == title
    assert {slide_id for slide_id, is_title in slides if not is_title} == {
        e["unique_id"] for e in events
    }
    assert len(markers) == len(events)
    for event, shown in zip(events, headlines, strict=True):
        expected = html.unescape(re.sub(r"<[^>]+>", "", event["text"]["headline"]))
        assert _words(shown) == _words(expected), event["unique_id"]
    width, height = png_size(shot)
    assert (width, height) == (1400, 1200) and shot.stat().st_size > 10_000


def _words(text: str | None) -> str:
    return " ".join((text or "").split())
