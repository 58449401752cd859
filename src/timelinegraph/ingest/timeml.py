"""TimeML files (TempEval-3 ``.tml`` / ``.TE3input``, SemEval-2015 TimeLine) as annotated docs.

The article text is the character content of ``<TEXT>`` with the tags removed, whitespace kept
exactly, with one exception: SemEval files wrap sentences in ``<s>`` with nothing between them
(``...2005</s><s id="2">Apple...``), so where an ``<s>`` starts or ends between two
non-whitespace characters a ``"\\n"`` is inserted to keep sentences from gluing together.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from ..errors import InputError
from ..models import Article
from .annotated import (
    AnnotatedDocument,
    EventAnnotation,
    TimexAnnotation,
    TlinkAnnotation,
    document_stem,
    parse_creation_date,
)
from .ids import slugify
from .xmlsafe import local_name, parse_xml

_INSTANCE_FIELDS = ("tense", "aspect", "polarity", "pos")


def parse_timeml(path: Path, text: str) -> AnnotatedDocument:
    """Read one TimeML document; raise ``InputError`` (one line) when it cannot be used."""
    root = parse_xml(path, text)
    if local_name(root.tag).lower() != "timeml":
        raise InputError(str(path), f"root element is <{local_name(root.tag)}>, not <TimeML>")
    body = _first(root, "TEXT")
    if body is None:
        raise InputError(str(path), "no <TEXT> element")
    builder = _TextBuilder()
    timexes: list[TimexAnnotation] = []
    events: list[EventAnnotation] = []
    builder.visit(body, timexes, events)
    article_text = builder.text()
    if not article_text.strip():
        raise InputError(str(path), "empty <TEXT> element")
    for annotation in (*timexes, *events):
        annotation.text = article_text[annotation.start : annotation.end]
    instances = [el for el in root.iter() if local_name(el.tag) == "MAKEINSTANCE"]
    _attach_instances(events, instances)
    title = _element_text(_first(root, "TITLE")) or _element_text(_first(root, "EXTRAINFO"))
    article = Article(
        id=slugify(document_stem(path)),
        text=article_text,
        published=_creation_date(path, root, article_text),
        title=title,
        path=str(path),
    )
    # A file with MAKEINSTANCEs (TempEval-3 gold) annotates time expressions even where it has
    # none; SemEval TimeLine files tag only events and a .TE3input tags nothing at all.
    fully_annotated = bool(instances) or any(local_name(el.tag) == "TLINK" for el in root.iter())
    layers = []
    if timexes or fully_annotated:
        layers.append("timex")
    if events or fully_annotated:
        layers.append("event")
    return AnnotatedDocument(
        article=article,
        format="timeml",
        timexes=timexes,
        events=events,
        instances={
            el.attrib["eiid"]: el.attrib.get("eventID", "")
            for el in instances
            if "eiid" in el.attrib
        },
        tlinks=_tlinks(root),
        layers=layers,
    )


class _TextBuilder:
    """Concatenates the text under ``<TEXT>`` and records where each annotation lands."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._last = ""
        self._pending_break = False
        self._breaks: set[int] = set()

    def text(self) -> str:
        return "".join(self._parts)

    def add(self, piece: str | None) -> None:
        if not piece:
            return
        glued = self._last and not self._last.isspace() and not piece[0].isspace()
        if self._pending_break and glued:
            self._breaks.add(self._length)
            self._append("\n")
        self._pending_break = False
        self._append(piece)

    def visit(
        self, body: Element, timexes: list[TimexAnnotation], events: list[EventAnnotation]
    ) -> None:
        """Walk ``body`` in document order with an explicit stack, not recursion: a file
        nesting elements thousands deep is read like any other, never a RecursionError.
        An annotation is recorded when its element closes, inner ones first."""
        stack = [(body, self._open(body), iter(body))]
        while stack:
            element, start, children = stack[-1]
            child = next(children, None)
            if child is not None:
                stack.append((child, self._open(child), iter(child)))
                continue
            stack.pop()
            self._close(element, start, timexes, events)
            if stack:  # the text after a child belongs to its parent; <TEXT>'s own tail does not
                self.add(element.tail)

    def _open(self, element: Element) -> int:
        """Enter ``element``: add its leading text; returns where it starts."""
        if local_name(element.tag) == "s":
            self._pending_break = True
        start = self._length
        self.add(element.text)
        return start

    def _close(
        self,
        element: Element,
        start: int,
        timexes: list[TimexAnnotation],
        events: list[EventAnnotation],
    ) -> None:
        """Leave ``element`` (its children and their tails added): record it if annotated."""
        tag = local_name(element.tag)
        if tag == "s":
            self._pending_break = True
        if start in self._breaks:  # the inserted newline is not part of the annotation
            start += 1
        end = max(start, self._length)
        attrs = element.attrib
        if tag == "TIMEX3":
            timexes.append(
                TimexAnnotation(
                    id=attrs.get("tid") or f"t{len(timexes) + 1}",
                    start=start,
                    end=end,
                    text="",  # filled in from the finished text
                    type=attrs.get("type", ""),
                    value=attrs.get("value", ""),
                    mod=attrs.get("mod") or None,
                )
            )
        elif tag == "EVENT":
            events.append(
                EventAnnotation(
                    id=attrs.get("eid") or f"e{len(events) + 1}",
                    start=start,
                    end=end,
                    text="",
                    event_class=attrs.get("class") or None,
                    # TimeML 1.1 files (TimeBank) keep these on the EVENT itself
                    **{name: attrs.get(name) or None for name in _INSTANCE_FIELDS},
                )
            )

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)
        self._last = piece[-1]


def _attach_instances(events: list[EventAnnotation], instances: list[Element]) -> None:
    """Copy tense, aspect, polarity and pos from each event's first MAKEINSTANCE."""
    by_id = {event.id: event for event in events}
    seen: set[str] = set()
    for instance in instances:
        event = by_id.get(instance.attrib.get("eventID", ""))
        if event is None or event.id in seen:
            continue
        seen.add(event.id)
        for name in _INSTANCE_FIELDS:
            if instance.attrib.get(name):
                setattr(event, name, instance.attrib[name])


def _tlinks(root: Element) -> list[TlinkAnnotation]:
    """The TLINKs in file order. As the TempEval-3 scorer reads them (get_relations), timeID wins
    over eventInstanceID and relatedToTime over relatedToEventInstance when a link has both, and
    a link missing an end or a relType is left out."""
    links = []
    for el in root.iter():
        if local_name(el.tag) != "TLINK":
            continue
        a = el.attrib
        source = a["timeID"] if "timeID" in a else a.get("eventInstanceID", "")
        target = a["relatedToTime"] if "relatedToTime" in a else a.get("relatedToEventInstance", "")
        rel_type = a.get("relType", "")
        if source and target and rel_type:
            links.append(
                TlinkAnnotation(
                    id=a.get("lid", ""), rel_type=rel_type, source=source, target=target
                )
            )
    return links


def _creation_date(path: Path, root: Element, article_text: str) -> date:
    dct = _first(root, "DCT")
    timex = (
        None
        if dct is None
        else next((el for el in dct.iter() if local_name(el.tag) == "TIMEX3"), None)
    )
    if timex is None or not timex.attrib.get("value"):
        raise InputError(str(path), "no <DCT><TIMEX3 value=...> (document creation time)")
    value = timex.attrib["value"]
    try:
        # the date line near the top of the text settles a day/month order ambiguity
        return parse_creation_date(value, f"{_element_text(timex)}\n{article_text[:300]}")
    except ValueError:
        raise InputError(str(path), f"invalid DCT value {value!r} (expected YYYY-MM-DD)") from None


def _first(root: Element, name: str) -> Element | None:
    return next((el for el in root.iter() if local_name(el.tag) == name), None)


def _element_text(element: Element | None) -> str | None:
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None
