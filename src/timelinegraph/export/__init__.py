"""Exporters: Turtle (``turtle``), GraphML (``graphml``) and TimelineJS JSON (``timeline``).

Every writer has the shape ``write_x(kg_or_graph, path) -> Path``, writes atomically and
raises ``ExportError`` naming the path when the file cannot be written.
"""
