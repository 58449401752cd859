"""The published schemas (RDFS/OWL vocabulary, SHACL shapes, JSON Schema, JSON-LD context).

This folder is also installed as the data package ``timelinegraph.schemas`` (through the
symlink ``src/timelinegraph/schemas``), so an installed tool reads the same files.
"""
