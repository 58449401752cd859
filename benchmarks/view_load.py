"""Load time and JS heap of a build's page (index.html) in headless Chromium.

    python benchmarks/view_load.py EXPORTS/index.html [--runs 3] [--screenshot out.png]

Serves the page's folder on 127.0.0.1 and lets it load itself only (any other request is
aborted and reported). Load time: from navigation until the page says it is ready
(``window.tgView.ready``: the data parsed, the network laid out and drawn, the map drawn and
TimelineJS built) or, for a page without that flag, until TimelineJS has made its slides.
Heap: Chromium's JSHeapUsedSize (DevTools Performance.getMetrics) after a garbage collection.
Uses the system Chromium (/usr/bin/chromium), never a downloaded browser.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser_support import guarded_page, launch_chromium, serve_folder

READY = "() => !!(window.tgView && window.tgView.ready)"
SLIDES = "() => document.querySelectorAll('.tl-slide').length > 0"


def measure(browser, page_path: Path, screenshot: Path | None = None) -> dict[str, float]:
    with serve_folder(page_path.parent) as base:
        url = f"{base}/{page_path.name}"
        page, log = guarded_page(browser, lambda u: u == url)
        try:
            started = time.perf_counter()
            page.goto(url, timeout=120_000)
            while not (page.evaluate(READY) or (page.evaluate(SLIDES) and not _has_ready(page))):
                page.wait_for_timeout(20)
                if time.perf_counter() - started > 300:
                    raise TimeoutError("the page never became ready")
            seconds = time.perf_counter() - started
            session = page.context.new_cdp_session(page)
            session.send("HeapProfiler.collectGarbage")
            session.send("Performance.enable")
            found = session.send("Performance.getMetrics")["metrics"]
            metrics = {m["name"]: m["value"] for m in found}
            if screenshot is not None:
                page.wait_for_timeout(1000)
                page.screenshot(path=str(screenshot), full_page=True)
            return {
                "seconds": seconds,
                "heap_mb": metrics.get("JSHeapUsedSize", 0) / 1e6,
                "nodes": metrics.get("Nodes", 0),
                "blocked": len(log.blocked),
                "errors": len(log.page_errors),
            }
        finally:
            page.close()


def _has_ready(page) -> bool:
    return bool(page.evaluate("() => !!(window.tgView && 'ready' in window.tgView)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    size = args.page.stat().st_size
    with launch_chromium() as browser:
        runs = [
            measure(browser, args.page.resolve(), args.screenshot if i == 0 else None)
            for i in range(args.runs)
        ]
    seconds = [r["seconds"] for r in runs]
    print(
        f"{args.page}: {size / 1e6:.1f} MB; load {statistics.median(seconds):.2f} s median of "
        f"{len(runs)} ({', '.join(f'{s:.2f}' for s in seconds)}); JS heap "
        f"{max(r['heap_mb'] for r in runs):.0f} MB; DOM nodes {runs[-1]['nodes']:.0f}; "
        f"blocked requests {runs[-1]['blocked']}; page errors {runs[-1]['errors']}"
    )


if __name__ == "__main__":
    main()
