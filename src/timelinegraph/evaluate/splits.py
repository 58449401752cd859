"""The one document split of the TempEval-3 training data: train / dev / test.

A document's part depends only on its file name: the first byte of the SHA-1 of the name
(``"APW19980807.0261.tml"``) modulo 5 gives 0 -> test, 1 -> dev, anything else -> train, so
about a fifth each for test and dev and three fifths for train, the same on every machine and
for every later tool. The test part is never used to train or tune anything (the event
detector, thresholds, a future relation classifier): it is only scored.

    python -m timelinegraph.evaluate.splits test ../shared/eval/tempeval3-train

prints the test documents' paths (one a line; the counts of each part go to stderr), so
``timelinegraph eval $(python -m timelinegraph.evaluate.splits test DIR)`` scores that part.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

__all__ = ["PARTS", "Part", "part_of", "split_files"]

Part = Literal["train", "dev", "test"]
PARTS: tuple[Part, ...] = ("train", "dev", "test")


def part_of(path: Path | str) -> Part:
    """The part a document belongs to, from its file name alone (not its folder)."""
    digest = hashlib.sha1(Path(path).name.encode("utf-8")).digest()
    bucket = digest[0] % 5
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def split_files(paths: Iterable[Path]) -> dict[Part, list[Path]]:
    """The TimeML files under ``paths`` by part, each list sorted."""
    from ..ingest import find_annotated_files

    parts: dict[Part, list[Path]] = {part: [] for part in PARTS}
    for path in find_annotated_files(paths):
        parts[part_of(path)].append(path)
    return parts


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in PARTS:
        print(f"usage: python -m {__spec__.name if __spec__ else 'splits'} "
              "train|dev|test FOLDER...", file=sys.stderr)  # fmt: skip
        return 2
    parts = split_files([Path(p) for p in argv[1:]])
    counts = Counter({part: len(files) for part, files in parts.items()})
    print(", ".join(f"{part} {counts[part]}" for part in PARTS), file=sys.stderr)
    for path in parts[argv[0]]:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
