"""Run the graphology readers in tests/js (node) on an export and return what they read."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).parent / "js"


def read_with_node(script: str, path: Path, node_id: str | None = None) -> dict[str, Any]:
    """``node tests/js/<script> path [node_id]``'s JSON; skips when node or packages are absent."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed (apt install nodejs)")
    package = "graphology-gexf" if "gexf" in script else "graphology-graphml"
    if not (JS / "node_modules" / package).is_dir():
        pytest.skip(f"{package} not installed (npm ci --prefix tests/js)")
    args = [node, str(JS / script), str(path), *([node_id] if node_id is not None else [])]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{script} failed on {path}:\n{done.stderr[-2000:]}"
    return json.loads(done.stdout)
