"""``timelinegraph view``: one self-contained page; deterministic, escaped, working in Chromium."""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from browser_support import guarded_page, launch_chromium, png_size, serve_folder
from kg_fixtures import make_kg
from tg_paths import EXPORTS, ROOT
from timelinegraph.cli import app
from timelinegraph.errors import TimelineGraphError
from timelinegraph.export.graphml import write_graphml
from timelinegraph.export.timeline import write_timeline
from timelinegraph.models import KnowledgeGraph
from timelinegraph.registry import DEFAULT_FORMATS, EXPORTERS, resolve_formats
from timelinegraph.view import embed_json, render_page, view_data_from_kg, view_exports, write_html

ASSETS = ROOT / "src" / "timelinegraph" / "view" / "assets"
TIMELINEJS_DIST = ROOT / "tests" / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

PWN = "window.__pwned = 1"
PAYLOAD = (
    f'</script><script>{PWN}</script><img src=x onerror="{PWN}"> "quoted" \u2028 '
    "<!-- <svg onload=alert(1)> שלום مرحبا 🎉 & &amp;"
)


def injection_kg() -> KnowledgeGraph:
    """The hostile fixture with a script-running payload in every kind of article text."""
    kg = make_kg()
    actors = [a.model_copy(update={"name": a.name + PAYLOAD}) for a in kg.actors]
    events = []
    for event in kg.events:
        sources = [
            s.model_copy(
                update={
                    "provenance": s.provenance.model_copy(
                        update={"sentence": s.provenance.sentence + PAYLOAD}
                    )
                }
            )
            for s in event.sources
        ]
        merges = [m.model_copy(update={"evidence": m.evidence + PAYLOAD}) for m in event.merges]
        events.append(
            event.model_copy(
                update={"trigger": event.trigger + PAYLOAD, "sources": sources, "merges": merges}
            )
        )
    articles = [a.model_copy(update={"title": PAYLOAD}) for a in kg.articles]
    return kg.model_copy(update={"actors": actors, "events": events, "articles": articles})


def write_exports(kg: KnowledgeGraph, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_timeline(kg, folder / "timeline.json")
    write_graphml(kg, folder / "graph.graphml")
    return folder


# ---------- the page builder ----------


def test_embed_json_cannot_close_the_script_block() -> None:
    data = {"s": PAYLOAD, "t": "\u2029 </SCRIPT >"}
    text = embed_json(data)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == data


def test_same_input_same_bytes_and_same_as_the_build_format(tmp_path: Path) -> None:
    exports = write_exports(make_kg(), tmp_path / "exports")
    first = view_exports(exports).read_bytes()
    second = view_exports(exports, tmp_path / "again.html").read_bytes()
    from_model = write_html(make_kg(), tmp_path / "model.html").read_bytes()
    assert first == second == from_model
    assert (exports / "index.html").is_file()


class _Tags(HTMLParser):
    """Start tags and their attributes, as a browser's tokenizer sees them (script = raw text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained() -> None:
    page = render_page(view_data_from_kg(make_kg()))
    parser = _Tags()
    parser.feed(page)
    names = {tag for tag, _ in parser.tags}
    assert names.isdisjoint({"link", "img", "iframe", "object", "embed", "base", "frame"})
    assert not [attrs for tag, attrs in parser.tags if tag == "script" and "src" in attrs]
    links = [attrs["href"] for tag, attrs in parser.tags if "href" in attrs]
    assert links == ["https://timeline.knightlab.com/"]  # the credit: a link, never fetched
    assert [tag for tag, _ in parser.tags].count("script") == 4  # data, TimelineJS, network, ours
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert "@import" not in css
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", css)
    assert urls and all(url.startswith("data:") for url in urls), urls
    assert "sourceMappingURL" not in page


def test_injection_stays_inside_the_json_block() -> None:
    page = render_page(view_data_from_kg(injection_kg()))
    assert PWN not in page.replace("\\u003c", "<").split('id="tg-data">', 1)[0]
    block = page.split('<script type="application/json" id="tg-data">', 1)[1]
    data_text, rest = block.split("</script>", 1)
    assert PAYLOAD not in data_text and "<" not in data_text
    assert PWN not in rest  # nothing after the data block came from the data
    data = json.loads(data_text)
    assert data["events"][0]["record"]["sources"][0]["sentence"].endswith(PAYLOAD)
    assert "<script>" not in json.dumps([e["slide"] for e in data["events"]])


def test_data_matches_the_exports() -> None:
    timeline = json.loads((EXPORTS / "timeline.json").read_text(encoding="utf-8"))
    page = view_exports_text(EXPORTS)
    data = json.loads(page.split('id="tg-data">', 1)[1].split("</script>", 1)[0])
    assert [e["id"] for e in data["events"]] == [e["unique_id"] for e in timeline["events"]]
    assert [e["record"] for e in data["events"]] == [e["timelinegraph"] for e in timeline["events"]]
    assert data["summary"]["relations"] == len(data["relations"]) > 0
    actor_ids = {a["id"] for a in data["actors"]}
    assert {r["source"] for r in data["relations"]} <= actor_ids


def view_exports_text(exports: Path) -> str:
    from timelinegraph.view.data import view_data_from_exports

    return render_page(view_data_from_exports(exports))


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: None, "timeline.json: not found"),
        (lambda d: (d / "timeline.json").write_text("{", encoding="utf-8"), "cannot read timeline"),
        (lambda d: (d / "timeline.json").write_text("[]", encoding="utf-8"), "not a timelinegraph"),
        (
            lambda d: write_exports(make_kg(), d) and (d / "graph.graphml").write_text("<x"),
            "GraphML",
        ),
    ],
)
def test_bad_exports_are_one_line_errors(tmp_path: Path, setup, message: str) -> None:
    setup(tmp_path)
    with pytest.raises(TimelineGraphError) as info:
        view_exports(tmp_path)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert str(tmp_path) in str(info.value)


def test_cli_writes_the_page_and_fails_in_one_line(tmp_path: Path) -> None:
    exports = write_exports(make_kg(), tmp_path / "exports")
    runner = CliRunner()
    result = runner.invoke(app, ["view", str(exports)])
    assert result.exit_code == 0, result.output
    assert "index.html" in result.output and (exports / "index.html").stat().st_size > 100_000
    missing = runner.invoke(app, ["view", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    assert missing.output.strip().startswith("error:") and "Traceback" not in missing.output
    assert len(missing.output.strip().splitlines()) == 1


def test_registered_as_a_default_build_format() -> None:
    assert resolve_formats(["html"]) == ["html"] and "html" in DEFAULT_FORMATS
    filename, writer = EXPORTERS["html"]
    assert filename == "index.html" and writer.func is write_html


def test_vendored_timelinejs_is_the_tested_one() -> None:
    if not TIMELINEJS_DIST.is_dir():
        pytest.skip("TimelineJS3 not installed (npm ci --prefix tests/js)")
    vendored = ASSETS / "timelinejs"
    for name, original in [
        ("timeline.js", TIMELINEJS_DIST / "js" / "timeline.js"),
        ("timeline.css", TIMELINEJS_DIST / "css" / "timeline.css"),
        ("tl-icons.woff2", TIMELINEJS_DIST / "css" / "icons" / "tl-icons.woff2"),
    ]:
        assert (vendored / name).read_bytes() == original.read_bytes(), name
    assert "Mozilla Public License" in (vendored / "LICENSE").read_text(encoding="utf-8")


def test_vendored_network_and_map_say_what_they_are() -> None:
    """The network bundle and the land outline: their licences and how to rebuild them."""
    network = ASSETS / "network"
    bundle = (network / "network.js").read_text(encoding="utf-8")
    assert bundle.startswith("/*! timelinegraph view network bundle: sigma 3.0.3")
    assert "window.TGNetwork=" in bundle.replace(" ", "")
    licences = (network / "LICENSES.txt").read_text(encoding="utf-8")
    for package in ("sigma 3.0.3", "graphology 0.26.0", "graphology-layout-forceatlas2 0.10.1"):
        assert f"==== {package}" in licences
    assert licences.count("MIT License") + licences.count("The MIT License") >= 5
    assert "esbuild" in (network / "NOTICE.txt").read_text(encoding="utf-8")
    land = (ASSETS / "map" / "land-110m.path").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"(M[0-9. ]+(L[0-9. ]+)*Z)+", land)
    assert "public domain" in (ASSETS / "map" / "NOTICE.txt").read_text(encoding="utf-8")
    page = render_page(view_data_from_kg(make_kg()))
    assert bundle.split("\n", 1)[1].strip()[:200] in page and land[:200] in page


def test_a_page_holds_at_most_page_events(monkeypatch) -> None:
    """More events than a page holds: the most mentioned, in timeline order, and a note."""
    from timelinegraph.view import data as view_data

    full = view_data_from_kg(make_kg())
    monkeypatch.setattr(view_data, "PAGE_EVENTS", 3)
    data = view_data_from_kg(make_kg())
    mentions = sorted((len(e["record"]["sources"]) for e in full["events"]), reverse=True)
    kept = [len(e["record"]["sources"]) for e in data["events"]]
    assert len(kept) == 3 and sorted(kept, reverse=True) == mentions[:3]
    order = [e["id"] for e in full["events"]]
    assert [e["id"] for e in data["events"]] == sorted(
        (e["id"] for e in data["events"]), key=order.index
    )
    summary = data["summary"]
    assert summary["cap"] == summary["page_events"] == 3
    assert {k: summary[k] for k in ("events", "actors", "articles", "relations")} == {
        k: full["summary"][k] for k in ("events", "actors", "articles", "relations")
    }
    assert data["opening"]["start_id"] in {e["id"] for e in data["events"]}
    page = render_page(data)
    assert 'id="tg-cap" class="tg-cap">This page holds the 3 most mentioned of' in page
    assert 'class="tg-cap" hidden>' in render_page(full)


# ---------- in Chromium ----------


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


@contextmanager
def open_page(browser, folder: Path, name: str = "index.html"):
    """Serve ``folder``; the page may load itself and nothing else. Yields (page, log)."""
    with serve_folder(folder) as base:
        url = f"{base}/{name}"
        page, log = guarded_page(browser, lambda u: u == url)
        try:
            page.goto(url)
            page.wait_for_selector(".tl-slide", state="attached", timeout=20_000)
            yield page, log
        finally:
            page.close()


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text.split('id="tg-data">', 1)[1].split("</script>", 1)[0])


# node counts by kind in the page's graphology graph, and how many positions are not finite
NODE_KINDS = """() => { const out = {event: 0, actor: 0, bad: 0};
  window.tgView.graph.forEachNode((k, a) => { out[a.kind]++;
    if (!Number.isFinite(a.x) || !Number.isFinite(a.y)) out.bad++; });
  return out; }"""
# ids of the event nodes the filters leave shown
SHOWN_EVENTS = """() => { const s = window.tgView.sigma, out = [];
  window.tgView.graph.forEachNode((k, a) => {
    if (a.kind === 'event' && !s.getNodeDisplayData(k).hidden) out.push(a.id); });
  return out; }"""


def _placed(event: dict, actors: list[dict]) -> bool:
    location = event["record"].get("location")
    return bool(location) and any(a["id"] == location["id"] and "lat" in a for a in actors)


def wait_slides(page, count: int, seconds: float = 20.0) -> None:
    """Wait until TimelineJS shows ``count`` slides (it builds them asynchronously), polled
    from here: ``wait_for_function`` polls with a string evaluation the page's CSP forbids."""
    deadline = time.monotonic() + seconds
    while page.locator(".tl-slide").count() != count:
        assert time.monotonic() < deadline, f"the timeline never showed {count} slides"
        page.wait_for_timeout(100)


def wait_selected(page, selected: str, seconds: float = 20.0) -> None:
    """Wait until the details panel shows ``selected``, polled from here: the page's content
    security policy forbids the string evaluation ``wait_for_function`` polls with."""
    deadline = time.monotonic() + seconds
    while page.locator("#tg-details").get_attribute("data-selected") != selected:
        assert time.monotonic() < deadline, f"the page never selected {selected}"
        page.wait_for_timeout(100)


@pytest.mark.slow
def test_seed_page_in_chromium(browser, tmp_path: Path) -> None:
    data = page_data(view_exports(EXPORTS, tmp_path / "index.html"))
    events, actors = data["events"], data["actors"]
    shot = tmp_path / "view.png"
    with open_page(browser, tmp_path) as (page, log):
        assert page.locator(".tl-slide").count() == len(events) + 1  # + the title slide
        kinds = page.evaluate(NODE_KINDS)
        assert kinds == {"event": len(events), "actor": len(actors), "bad": 0}
        relation_edges = page.evaluate(
            "() => window.tgView.graph.filterEdges((e, a) => a.role === 'relation').length"
        )
        pairs = {frozenset((r["source"], r["target"])) for r in data["relations"]}
        assert relation_edges == len(pairs)
        assert page.locator(".tg-map-point").count() == len(
            {e["record"]["location"]["id"] for e in events if _placed(e, actors)}
        )

        # a filter by event type reduces both the timeline and the network
        expected = [e["id"] for e in events if e["record"]["type"] == "ASSAULT"]
        page.select_option("#tg-filter-type", "ASSAULT")
        wait_slides(page, len(expected) + 1)
        visible = page.evaluate(SHOWN_EVENTS)
        assert sorted(visible) == sorted(expected) and 0 < len(visible) < len(events)

        # so does one by actor, whatever the actor's role
        page.select_option("#tg-filter-type", "")
        page.select_option("#tg-filter-actor", "state-israel")
        roles = ("agents", "targets", "attributions")
        with_israel = [
            e
            for e in events
            if any(a["id"] == "state-israel" for role in roles for a in e["record"][role])
            or e["record"].get("location", {}).get("id") == "state-israel"
        ]
        wait_slides(page, len(with_israel) + 1)
        assert 0 < len(with_israel) < len(events)
        page.select_option("#tg-filter-actor", "")

        # one by story, and one by place: a click on a map circle filters to its events
        story = data["stories"][0]
        with_story = [e for e in events if story["id"] in e["record"]["stories"]]
        page.select_option("#tg-filter-story", story["id"])
        wait_slides(page, len(with_story) + 1)
        assert 0 < len(with_story) == story["events"]
        page.select_option("#tg-filter-story", "")
        place = page.locator(".tg-map-point").first
        place_id = place.get_attribute("data-id")
        at_place = [e for e in events if e["record"].get("location", {}).get("id") == place_id]
        assert int(place.get_attribute("data-events")) == len(at_place) > 0
        place.click()
        wait_slides(page, len(at_place) + 1)
        assert page.locator("#tg-filter-place").input_value() == place_id
        assert page.locator(".tg-map-point").count() == 1
        page.select_option("#tg-filter-place", "")

        # and one by dates: an event shows when its span overlaps the range
        start, end = "2024-03-01", "2024-03-07"
        in_range = [e for e in events if e["hi"] >= start and e["lo"] <= end]
        page.fill("#tg-filter-from", start)
        page.fill("#tg-filter-to", end)
        wait_slides(page, len(in_range) + 1)
        assert 0 < len(in_range) < len(events)
        page.click("#tg-filter-reset")
        wait_slides(page, len(events) + 1)

        # it opens where most events are, not on the title slide: on the opening's slide
        opening = data["opening"]
        start = next(i for i, e in enumerate(events) if e["id"] == opening["start_id"])
        assert opening["start_at_slide"] == start + 1 > 1
        wait_selected(page, f"event:{opening['start_id']}")  # TimelineJS goes there once loaded
        # the timeline's own navigation selects the event its slide shows
        page.click(".tl-slidenav-next")
        wait_selected(page, f"event:{events[start + 1]['id']}")

        # a real mouse click on an event node shows its source sentence and offsets
        event_id = max(events, key=lambda e: len(e["record"]["sources"]))["id"]
        position = page.evaluate(f"window.tgView.screenPosition('event', '{event_id}')")
        page.mouse.click(position["x"], position["y"])
        wait_selected(page, f"event:{event_id}")
        details = page.locator("#tg-details")
        source = next(e["record"] for e in events if e["id"] == event_id)["sources"][0]
        assert details.locator("blockquote").first.text_content() == source["sentence"]
        where = details.locator(".tg-where").first.text_content()
        assert source["article_id"] in where and f"{source['start']}–{source['end']}" in where
        assert "Merge evidence" in details.text_content()
        page.screenshot(path=str(shot), full_page=True)
    assert log.blocked == [], f"the page fetched: {log.blocked}"
    assert log.console_errors == [] and log.page_errors == [], (log.console_errors, log.page_errors)
    width, _ = png_size(shot)
    assert width == 1400 and shot.stat().st_size > 50_000


@pytest.mark.slow
def test_injection_payload_is_text_in_chromium(browser, tmp_path: Path) -> None:
    write_html(injection_kg(), tmp_path / "index.html")
    with open_page(browser, tmp_path) as (page, log):
        page.evaluate("window.tgView.select('event', 'ev-merged', false)")
        details = page.locator("#tg-details").text_content()
        counts = page.evaluate(
            "() => [document.scripts.length, document.images.length,"
            " document.querySelectorAll('svg svg, [onerror], [onload]').length,"
            " typeof window.__pwned]"
        )
        slide_text = page.locator("#ev-merged").text_content()
        labels = page.evaluate(
            "() => window.tgView.graph.filterNodes((k, a) => a.kind === 'actor')"
            ".map(k => window.tgView.graph.getNodeAttribute(k, 'label'))"
        )
    assert counts == [4, 0, 0, "undefined"]
    assert log.dialogs == [] and log.blocked == [] and log.page_errors == []
    assert details.count(PAYLOAD) >= 3  # trigger, sentence, merge evidence: all as text
    assert "</script><script>window.__pwned = 1</script>" in slide_text  # TimelineJS: text too
    assert labels and all(label.endswith(PAYLOAD) for label in labels)


@pytest.mark.slow
def test_event_details_show_its_order_in_chromium(browser, tmp_path: Path) -> None:
    """ev-none has no date of its own; its link puts it before ev-month (early February)."""
    write_html(make_kg(), tmp_path / "index.html")
    with open_page(browser, tmp_path) as (page, log):
        page.evaluate("window.tgView.select('event', 'ev-none', false)")
        details = page.locator("#tg-details")
        rows = details.locator("dt").all_text_contents()
        assert "Began" in rows and "Before" in rows and "After" not in rows
        text = details.text_content()
        assert "on or before 2024-02-09" in text
        button = details.locator("button[data-event='ev-month']")
        assert "talks" in button.text_content()
        button.click()  # the other event, with its side of the link
        assert details.get_attribute("data-selected") == "event:ev-month"
        rows = details.locator("dt").all_text_contents()
        assert "After" in rows and "Includes" in rows
    assert log.page_errors == [] and log.blocked == []
