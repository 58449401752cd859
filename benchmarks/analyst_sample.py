"""Draw a repeatable random sample of events from a build, for an analyst to judge.

Not a test: it prints (or writes) a Markdown sheet with one block per event, the event as the
graph states it (headline, type, who did what to whom, when, where) beside the sentences it
was read from, and empty judgement boxes for six criteria:

- happening: the node is one real happening (not a state, a generic use, a frame word);
- type: its type (and mode) is right;
- roles: agent and patient are right (missing where the text names one counts as wrong);
- date: the date is right, or an honest bound;
- place: the place is right where the sentence gives one (n/a when it gives none);
- headline: the headline reads as news.

The sample is drawn from ``timeline.json`` (every event's full record rides along there),
sorted by event id first, so the same build and ``--seed`` always give the same sample.

    .venv/bin/timelinegraph build ../shared/eval/ecbplus/ECB+ --out /tmp/ecb \\
        --default-date 2010-01-01
    .venv/bin/python benchmarks/analyst_sample.py /tmp/ecb --n 60 --seed 17 \\
        --out docs/analyst-sample-ecbplus.md
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

CRITERIA = ("happening", "type", "roles", "date", "place", "headline")


def draw(exports: Path, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` event records drawn at random (fixed ``seed``) from a build's timeline."""
    document = json.loads((exports / "timeline.json").read_text(encoding="utf-8"))
    records = sorted(
        (slide["timelinegraph"] for slide in document.get("events", [])), key=lambda r: r["id"]
    )
    return random.Random(seed).sample(records, min(n, len(records)))


def _names(refs: list[dict[str, Any]]) -> str:
    return ", ".join(r["name"] for r in refs) or "—"


def _when(time: dict[str, Any]) -> str:
    shown = time.get("display") or time.get("value") or ""
    bounds = f"[{time.get('earliest') or '…'} .. {time.get('latest') or '…'}]"
    return f"{shown} {bounds} ({time.get('source', '?')})".strip()


def render(records: list[dict[str, Any]], *, title: str) -> str:
    lines = [f"# {title}", "", "Criteria: " + ", ".join(CRITERIA) + " (y / n / n/a).", ""]
    for number, record in enumerate(records, 1):
        place = record.get("location") or {}
        lines += [
            f"## {number}. {record.get('headline') or record.get('trigger')}",
            "",
            f"- id: `{record['id']}`; type: {record['type']}"
            + (f" / {record['mode']}" if record.get("mode") else "")
            + f"; modality {record.get('modality')}, polarity {record.get('polarity')}",
            f"- agents: {_names(record.get('agents', []))};"
            f" patients: {_names(record.get('targets', []))}",
            f"- when: {_when(record.get('time', {}))}",
            f"- where: {place.get('name', '—')} ({record.get('location_source') or '—'})",
        ]
        for source in record.get("sources", [])[:3]:
            sentence = " ".join(source["sentence"].split())
            lines.append(f"- `{source['article_id']}` «{source['text']}»: {sentence}")
        if len(record.get("sources", [])) > 3:
            lines.append(f"- … and {len(record['sources']) - 3} more mentions")
        lines += ["", "| " + " | ".join(CRITERIA) + " |", "|" + "---|" * len(CRITERIA)]
        lines += ["| " + " | ".join(" " for _ in CRITERIA) + " |", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("exports", type=Path, help="a build's --out folder")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, help="write the sheet here (default: stdout)")
    args = parser.parse_args(argv)
    records = draw(args.exports, args.n, args.seed)
    sheet = render(records, title=f"Analyst's sample: {len(records)} events, seed {args.seed}")
    if args.out:
        args.out.write_text(sheet + "\n", encoding="utf-8")
    else:
        sys.stdout.write(sheet + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
