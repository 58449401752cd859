"""Paths the tests share (importable from any test module: pytest puts tests/ on sys.path)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EXPORTS = ROOT / "exports"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SRC = ROOT / "src"


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: this checkout's code first on its path (a git
    worktree sharing another checkout's virtualenv would otherwise import that one's)."""
    import os

    path = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}
