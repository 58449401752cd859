"""How a build's events spread over the event types: the share of OTHER and the distribution.

Not a test: it reads a build's ``timeline.json`` (every slide carries its event's record,
``timelinegraph.type`` and ``timelinegraph.mode``) and prints one line per type, most
frequent first, with its share and its commonest modes and lemmas. Compare two builds by
passing both.

    .venv/bin/timelinegraph build ECB_TOPICS --out /tmp/ecb --default-date 2010-01-01
    .venv/bin/python benchmarks/event_types.py /tmp/ecb [/tmp/ecb-before]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

TOP = 4  # modes and lemmas shown per type


def records(exports: Path) -> list[dict[str, Any]]:
    """Every event record of a build, from its timeline."""
    document = json.loads((exports / "timeline.json").read_text(encoding="utf-8"))
    return [slide["timelinegraph"] for slide in document.get("events", [])]


def summary(found: list[dict[str, Any]]) -> str:
    """Total, OTHER share and one line per type."""
    types = Counter(r["type"] for r in found)
    total = len(found) or 1
    lines = [
        f"{len(found)} events, OTHER {types['OTHER']} ({100 * types['OTHER'] / total:.1f}%)",
    ]
    for kind, n in types.most_common():
        of_type = [r for r in found if r["type"] == kind]
        modes = Counter(r.get("mode") or "-" for r in of_type).most_common(TOP)
        lemmas = Counter(r["lemma"] for r in of_type).most_common(TOP)
        lines.append(
            f"  {kind:<11} {n:>5} {100 * n / total:5.1f}%  "
            f"modes {', '.join(f'{m} {c}' for m, c in modes)}; "
            f"lemmas {', '.join(f'{m} {c}' for m, c in lemmas)}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("exports", type=Path, nargs="+", help="build folders (timeline.json)")
    args = parser.parse_args()
    for exports in args.exports:
        print(f"== {exports}")
        print(summary(records(exports)))


if __name__ == "__main__":
    main()
