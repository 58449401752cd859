"""--jobs N: extraction in worker processes gives the same bytes as one process."""

from __future__ import annotations

import json

from tg_paths import SEEDS
from timelinegraph.pipeline import build


def test_two_processes_equal_one(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (corpus / "seed.txt").write_text(seed, encoding="utf-8")
    body = seed.split("2024-03-07", 1)[1]
    rows = [{"id": f"copy-{i}", "date": f"2024-03-0{i + 1}", "text": body} for i in range(3)]
    (corpus / "copies.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    one = build([corpus], tmp_path / "one", jobs=1)
    two = build([corpus], tmp_path / "two", jobs=2)
    assert one.articles == two.articles == 4
    for name in ("graph.ttl", "graph.graphml", "timeline.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
