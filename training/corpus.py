"""TempEval-3 documents parsed as extraction parses them, with gold EVENT labels on tokens.

Each file is read with the project's TimeML reader, its text masked with ``mask_text`` and
parsed with ``load_nlp()`` exactly as ``extract`` does; a gold EVENT is put on the candidate
unit (see ``detector.candidates``) holding the syntactic root of its characters. Parses are
cached in a DocBin under ``--cache`` so that experiments do not parse again. Documents of the
test part are left out before anything is read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from timelinegraph.evaluate.splits import Part, part_of
from timelinegraph.extract.context import mask_text
from timelinegraph.extract.events.detector import candidates, unit_features
from timelinegraph.extract.events.docview import DocView
from timelinegraph.extract.nlp import load_nlp
from timelinegraph.ingest import find_annotated_files, read_annotated
from timelinegraph.ingest.annotated import AnnotatedDocument

NONE = "O"  # the label of a token that is no event


@dataclass
class Example:
    doc_name: str
    part: Part
    features: list[str]
    label: str  # NONE or a TimeML class
    text: str


@dataclass
class Corpus:
    examples: list[Example]
    unreachable: dict[Part, int]  # gold events on no candidate unit (count as misses)
    gold: dict[Part, int]


def parsed(folder: Path, cache: Path) -> list[tuple[Path, AnnotatedDocument, Doc]]:
    # the test part is never read for training or tuning
    files = [f for f in find_annotated_files([folder]) if part_of(f) != "test"]
    golds = [read_annotated(path) for path in files]
    nlp = load_nlp()
    texts = [mask_text(g.article) for g in golds]
    key = hashlib.sha1("\0".join(texts).encode()).hexdigest()[:12]
    store = cache / f"tempeval3-{key}.spacy"
    if store.exists():
        docs = list(DocBin().from_disk(store).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=32))
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(store)
    return list(zip(files, golds, docs, strict=True))


def build(folder: Path, cache: Path) -> Corpus:
    examples: list[Example] = []
    unreachable: dict[Part, int] = {"train": 0, "dev": 0, "test": 0}
    gold_count: dict[Part, int] = {"train": 0, "dev": 0, "test": 0}
    for path, gold, doc in parsed(folder, cache):
        part = part_of(path)
        tokens = list(doc)
        view = DocView(doc)
        heads, chains = candidates(view, tokens)
        units = [(head, chains.get(head.i) or [head]) for head in heads]
        unit_of = {t.i: head.i for head, chain in units for t in chain}
        labels: dict[int, str] = {}
        for event in gold.events:
            gold_count[part] += 1
            span = doc.char_span(event.start, event.end, alignment_mode="expand")
            head = unit_of.get(span.root.i) if span is not None else None
            if head is None or head in labels:
                unreachable[part] += 1
                continue
            labels[head] = event.event_class or "OCCURRENCE"
        for head, chain in units:
            examples.append(
                Example(
                    path.name,
                    part,
                    unit_features(view, head, chain),
                    labels.get(head.i, NONE),
                    head.text,
                )
            )
    return Corpus(examples, unreachable, gold_count)
