"""Helpers every stage uses and none owns: atomic file writes (``atomic``), fast indented
JSON (``jsontext``), pausing the cycle collector around big allocations (``gc_pause``), the
folded text key names are compared by (``textkey``), and typed SELECT queries on a pyoxigraph
store (``sparql``), and lists of items a fixed number at a time (``batches``)."""
