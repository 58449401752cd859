"""``timelinegraph view``: one self-contained HTML page of a build (timeline + network)."""

from __future__ import annotations

from .data import view_data_from_exports, view_data_from_kg
from .page import embed_json, render_page, view_exports, write_html

__all__ = [
    "embed_json",
    "render_page",
    "view_data_from_exports",
    "view_data_from_kg",
    "view_exports",
    "write_html",
]
