"""Paths the tests share (importable from any test module: pytest puts tests/ on sys.path)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EXPORTS = ROOT / "exports"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
