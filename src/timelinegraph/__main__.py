"""``python -m timelinegraph``."""

from .cli import app

app(prog_name="timelinegraph")
