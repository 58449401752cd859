"""Articles pasted or saved as HTML: read their text, not their markup.

A scraped page saved as ``.txt`` (or an HTML string in a JSON ``text`` field) would
otherwise give actors such as "<div class=" and sentences full of tags. When the text is
plainly an HTML document, its visible text is taken instead: scripts, styles and other
non-content elements dropped, entities decoded, block elements as line breaks and
paragraphs as blank lines (so sentence and headline splitting still work), ``<title>`` kept
as the title. Offsets then refer to this text, which is the article's text from here on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlText", "html_to_text", "looks_like_html"]

# A document, or a fragment with real block structure; a stray "<b>" in prose is not HTML.
_DOCUMENT = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_BLOCK_TAG = re.compile(r"<(p|div|br|h[1-6]|li|article|section|table)[\s/>]", re.I)
_MIN_BLOCK_TAGS = 3

_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
_PARAGRAPH = frozenset(
    {"p", "div", "article", "section", "header", "footer", "blockquote", "table", "ul", "ol"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "main", "aside", "pre"}
)
_LINE = frozenset({"br", "li", "tr", "dt", "dd"})


@dataclass
class HtmlText:
    text: str
    title: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than prose."""
    head = text[:5000]
    return bool(_DOCUMENT.match(head)) or len(_BLOCK_TAG.findall(head)) >= _MIN_BLOCK_TAGS


def html_to_text(text: str) -> HtmlText:
    """The visible text of an HTML document, paragraphs separated by blank lines."""
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    return HtmlText(text=_tidy("".join(parser.parts)), title=_tidy(parser.title) or None)


@dataclass
class _State:
    skipping: int = 0  # depth inside script/style/...
    in_title: bool = False


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.state = _State()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.state.in_title = True
        elif tag in _SKIPPED:
            self.state.skipping += 1
        elif tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _LINE:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINE or tag in _PARAGRAPH:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.state.in_title = False
        elif tag in _SKIPPED:
            self.state.skipping = max(self.state.skipping - 1, 0)
        elif tag in _PARAGRAPH:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.state.in_title:
            self.title += data
        elif not self.state.skipping:
            self.parts.append(data)


def _tidy(text: str) -> str:
    """Spaces collapsed within lines, at most one blank line between paragraphs."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return tidy.strip()
