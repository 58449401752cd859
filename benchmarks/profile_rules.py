"""Profile our code after the parse: the extraction rules and resolve, on N real articles.

Not a test. The spaCy parse runs first, outside the profile, so the table shows only what
we add around the model. Example:

    python benchmarks/profile_rules.py --articles 300 --top 15
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_articles

from timelinegraph.extract import DEFAULT_BATCH_SIZE, extract_doc
from timelinegraph.extract.context import mask_text
from timelinegraph.extract.nlp import load_nlp
from timelinegraph.resolve import resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative)")
    args = parser.parse_args()
    articles = corpus_articles(args.articles)
    nlp = load_nlp()
    docs = list(nlp.pipe((mask_text(a) for a in articles), batch_size=DEFAULT_BATCH_SIZE))
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    extractions = [extract_doc(a, d) for a, d in zip(articles, docs, strict=True)]
    rules = time.perf_counter() - started
    kg = resolve(extractions)
    profile.disable()
    total = time.perf_counter() - started
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(
        f"{len(articles)} articles: rules {rules:.2f} s, resolve {total - rules:.2f} s "
        f"(under cProfile); {len(kg.events)} events, {len(kg.actors)} actors"
    )
    print(out.getvalue())


if __name__ == "__main__":
    main()
