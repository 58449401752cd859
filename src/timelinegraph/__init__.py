"""timelinegraph: news articles in, an explainable event-timeline knowledge graph out."""

__version__ = "0.1.0"

__all__ = ["__version__"]
