"""The parsed article every extractor reads: the spaCy Doc plus sentence bookkeeping."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..models import Article, Provenance, Sentence
from .tokens import forget_children
from .truecase import truecase_headlines

MAX_QUOTE = 1000  # characters of a sentence quoted with each fact


# Characters the model was never trained on, which glue themselves to neighbouring names
# ("struck\x07 Hamas", "Netanyahu 🇮"): controls, invisible format marks (bidi overrides,
# zero-width joiners), emoji and other symbols, private use. Only non-ASCII and C0
# candidates are looked at, so ordinary text costs one regex scan.
_CANDIDATES = re.compile(r"[^\t\n\x20-\x7e]")
_UNPARSEABLE = frozenset({"Cc", "Cf", "Co", "Cs", "So", "Sk"})

# spaCy's tokenizer takes prefixes and suffixes off a whitespace-free chunk one at a time,
# copying the rest each time: quadratic in the chunk. 10,000 quotes in a row took 12 s and
# 40,000 over 90 s ('"', '(', "'", '$', '%', '!', ..., and "'s" repeated, a suffix), and the
# article length limit does not bound it. So the parsed copy has no such chunk: a run of more
# than MAX_PUNCT_RUN punctuation characters keeps its first and last PUNCT_RUN_ENDS ones and
# the rest become spaces; a chunk still longer than MAX_CHUNK_CHARS (words and nearly all
# URLs are shorter) gets a space every MAX_CHUNK_CHARS characters. Here, not in limits.py:
# the rules change what is extracted, so they belong to the code the cache key digests.
MAX_PUNCT_RUN = 10
PUNCT_RUN_ENDS = 5
MAX_CHUNK_CHARS = 200
_PUNCT_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_PUNCT_RUN + 1},}}")
_LONG_CHUNK = re.compile(rf"(?<!\S)\S{{{MAX_CHUNK_CHARS + 1},}}")


def mask_text(article: Article) -> str:
    """The text the model parses: metadata spans (dateline, credits) blanked, unparseable
    characters (controls, emoji) as spaces, long punctuation runs and chunks broken with
    spaces (the tokenizer would take quadratic time) and Title Case headlines in sentence
    case (``truecase``); offsets unchanged, since each character stays one character."""
    text = article.text
    for start, end in sorted(article.skip_spans):
        text = text[:start] + " " * (end - start) + text[end:]
    text = _CANDIDATES.sub(_space_if_unparseable, text)
    text = _PUNCT_RUN.sub(_run_ends, text)
    text = _LONG_CHUNK.sub(_broken_chunk, text)
    return truecase_headlines(text)


def _space_if_unparseable(match: re.Match[str]) -> str:
    char = match.group()
    return " " if unicodedata.category(char) in _UNPARSEABLE else char


def _run_ends(match: re.Match[str]) -> str:
    run = match.group()  # the ends kept: a closing '")' after '!!!!!!!!!!!' still closes
    middle = len(run) - 2 * PUNCT_RUN_ENDS
    return run[:PUNCT_RUN_ENDS] + " " * middle + run[-PUNCT_RUN_ENDS:]


def _broken_chunk(match: re.Match[str]) -> str:
    chars = list(match.group())
    every = slice(MAX_CHUNK_CHARS, None, MAX_CHUNK_CHARS + 1)
    chars[every] = " " * len(chars[every])
    return "".join(chars)


@dataclass
class ArticleContext:
    """A parsed article. Offsets of ``doc`` equal offsets into ``article.text``."""

    article: Article
    doc: Doc
    sentences: list[Sentence] = field(init=False)
    sentence_of_token: list[int] = field(init=False, repr=False)  # token index -> sentence
    # The parsed (masked) text, joined once: ``Doc.text`` rebuilds it from every token per call.
    text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self.doc.text
        forget_children(self.doc)
        self.sentences = []
        self.sentence_of_token = [0] * len(self.doc)
        for sent in self.doc.sents:
            start, end = _trimmed(sent, self.text)
            if start >= end:  # whitespace-only "sentence" (blank lines, masked dateline)
                index = max(len(self.sentences) - 1, 0)
            else:
                index = len(self.sentences)
                self.sentences.append(
                    Sentence(index=index, start=start, end=end, text=self.article.text[start:end])
                )
            # the sentence's token indexes, without building a Token object for each
            self.sentence_of_token[sent.start : sent.end] = [index] * (sent.end - sent.start)

    def sentence_index(self, item: Token | Span) -> int:
        """Index (into ``sentences``) of the sentence holding a token or span."""
        i = item.i if isinstance(item, Token) else item.start
        return self.sentence_of_token[i]

    def provenance(
        self, item: Token | Span, *, extractor: str, version: str, confidence: float
    ) -> Provenance:
        """Provenance of a token or span: its offsets and its sentence's text."""
        span = self.doc[item.i : item.i + 1] if isinstance(item, Token) else item
        index = self.sentence_index(span)
        return Provenance(
            article_id=self.article.id,
            sentence_index=index,
            start=span.start_char,
            end=span.end_char,
            sentence=quoted_sentence(self.sentences[index], span) if self.sentences else "",
            extractor=extractor,
            version=version,
            confidence=round(confidence, 3),
        )


def quoted_sentence(sentence: Sentence, span: Span) -> str:
    """The sentence a fact is quoted with: all of it, or for a run-on "sentence" longer than
    ``MAX_QUOTE`` characters the exact text around the fact (every fact would otherwise
    carry its own copy of, say, 100,000 characters into every export)."""
    if len(sentence.text) <= MAX_QUOTE:
        return sentence.text
    margin = (MAX_QUOTE - (span.end_char - span.start_char)) // 2
    lo = max(sentence.start, span.start_char - max(margin, 0))
    hi = min(sentence.end, max(span.end_char, lo + MAX_QUOTE))
    return sentence.text[lo - sentence.start : hi - sentence.start]


def _trimmed(sent: Span, doc_text: str) -> tuple[int, int]:
    # ``sent.text`` from the joined document text: Span.text rebuilds it token by token.
    text = doc_text[sent.start_char : sent.end_char]
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return sent.start_char + lead, sent.end_char - trail
