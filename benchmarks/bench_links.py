"""Time the temporal relation step (extract/links) against the parse and the other rules.

Not a test. Parses N real articles (``corpus.py``), then for each runs ``extract_doc`` (all
rules, the links included) and, on its own, ``extract_links`` over the events and times just
extracted; prints CPU seconds of the parse, of the rules and of the links, and the links'
share of parse + rules: an upper bound of their share of a build, which also merges and
exports.

    .venv/bin/python benchmarks/bench_links.py --articles 1000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_articles

from timelinegraph.extract import DEFAULT_BATCH_SIZE, extract_doc
from timelinegraph.extract.context import ArticleContext, mask_text
from timelinegraph.extract.links import extract_links
from timelinegraph.extract.nlp import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    articles = corpus_articles(args.articles)
    nlp = load_nlp()
    started = time.process_time()
    docs = list(nlp.pipe((mask_text(a) for a in articles), batch_size=DEFAULT_BATCH_SIZE))
    parse = time.process_time() - started
    extract_doc(articles[0], docs[0])  # load the models before timing
    rules = links = 0.0
    n_links = 0
    for article, doc in zip(articles, docs, strict=True):
        started = time.process_time()
        extraction = extract_doc(article, doc)
        rules += time.process_time() - started
        ctx = ArticleContext(article=article, doc=doc)
        started = time.process_time()
        n_links += len(extract_links(ctx, extraction.events, extraction.times))
        links += time.process_time() - started
    n = len(articles)
    print(f"{n} articles, {n_links} links ({n_links / n:.1f} per article)")
    print(f"parse {parse:.1f} s, rules (links included) {rules:.1f} s, links {links:.1f} s "
          f"({1000 * links / n:.2f} ms/article)")  # fmt: skip
    print(f"links: {100 * links / (parse + rules):.1f}% of parse + rules")


if __name__ == "__main__":
    main()
