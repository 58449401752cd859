"""Candidate actor mentions: named entities (cleaned and typed), group nominals, anaphors.

A candidate is one stretch of tokens that refers to an actor, before mentions are linked
into actors. Precedence where they overlap: anaphors, then named entities, then groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...common.textkey import fold
from ...models import ActorType
from ...resolve.names import clean_name
from ..gazetteer import city_country, country_named, country_of_demonym
from ..lemmas import plural
from ..tokens import children_of
from .kinds import headline_verb_end, initials_only, is_product, never_an_actor
from .lexicon import (
    ANAPHOR_NOUNS,
    ENTITY_TYPES,
    GROUP_NOUNS,
    PRONOUNS_ORGANIZATION,
    PRONOUNS_PERSON,
)


@dataclass
class Candidate:
    start: int  # token span of the whole mention ("Egyptian officials")
    end: int
    name_start: int  # token span of the name inside it ("Egyptian")
    name_end: int
    type: ActorType
    name: str
    kind: str = "name"  # name | surname | demonym | nominal | pronoun | dateline
    qualifier: str | None = None
    country: str | None = None
    confidence: float = 0.85
    antecedent: ActorType | None = None  # set for anaphors and pronouns: still unresolved
    maybe_place: bool = False  # a one-word PERSON that is also a city: decided when linking
    surface: str = ""  # the name as written, filled in once linked

    def tokens(self) -> range:
        return range(self.start, self.end)


def find_candidates(doc: Doc) -> list[Candidate]:
    """All candidate mentions in ``doc``, sorted by position, non-overlapping."""
    taken: set[int] = set()
    found: list[Candidate] = []
    for finder in (_anaphors, _entities, _groups, _pronouns):
        for cand in finder(doc):
            if not taken.intersection(cand.tokens()):
                found.append(cand)
                taken.update(cand.tokens())
    return sorted(found, key=lambda c: c.start)


def _anaphors(doc: Doc) -> list[Candidate]:
    """'the group', 'the Islamist movement': a definite singular nominal pointing back."""
    found = []
    for token in doc:
        antecedent = ANAPHOR_NOUNS.get(token.lemma_.lower())
        if antecedent is None or token.tag_ != "NN":
            continue
        det = next((c for c in token.lefts if c.dep_ == "det" and c.lower_ == "the"), None)
        if det is None or any(c.ent_type_ in ("ORG", "GPE", "PERSON") for c in token.lefts):
            continue
        cand = Candidate(
            det.i,
            token.i + 1,
            det.i,
            token.i + 1,
            antecedent,
            doc[det.i : token.i + 1].text,
            kind="nominal",
            confidence=0.7,
            antecedent=antecedent,
        )
        found.append(_with_qualifier(doc, cand))
    return found


def _entities(doc: Doc) -> list[Candidate]:
    found = []
    products: set[str] = set()  # model names of the products met so far ('aura')
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        span = _clean(ent)
        if span is None or never_an_actor(span.text):
            continue
        if ent.label_ in ("PERSON", "ORG") and is_product(span, products):
            products.update(fold(span.text).split()[1:] or fold(span.text).split())
            continue
        cand = _norp(span) if ent.label_ == "NORP" else _named(span, ent.label_)
        if cand is not None:
            found.append(_with_qualifier(doc, cand))
    return found


def _clean(ent: Span) -> Span | None:
    """Drop a leading article and trailing possessive/punctuation; reject non-names ("n't")."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    end = headline_verb_end(doc[start:end]) if end > start else end
    span = doc[start:end]
    text = span.text
    if sum(c.isalpha() for c in text) < 2 or not any(c.isupper() for c in text):
        return None
    return span


def _named(span: Span, label: str) -> Candidate | None:
    text = span.text
    kind_type = ENTITY_TYPES[label]
    cand = Candidate(span.start, span.end, span.start, span.end, kind_type, text)
    country = country_named(clean_name(text))
    if label == "PERSON" and initials_only(text):  # 'U. N.': initials name no person
        kind_type = cand.type = ActorType.ORGANIZATION
    if country is not None and label in ("GPE", "LOC", "ORG", "PERSON", "NORP"):
        cand.type, cand.name, cand.country = ActorType.STATE, country.name, country.iso2
    elif label in ("GPE", "LOC", "FAC"):
        cand.country = city_country(text)
    elif label == "PERSON" and kind_type == ActorType.PERSON:
        head = span.root.head
        if span.root.dep_ == "compound" and head.lemma_ in ("administration", "government"):
            # "the Biden administration" is an organisation, named after a person
            cand.end = cand.name_end = head.i + 1
            cand.type, cand.name = ActorType.ORGANIZATION, span.doc[span.start : head.i + 1].text
        elif len(span) == 1 and city_country(text):
            cand.maybe_place, cand.country = True, city_country(text)
    return cand


def _norp(span: Span) -> Candidate | None:
    """'Egyptian officials' -> Egypt (qualifier officials); 'Palestinians' -> a group."""
    country = country_of_demonym(span.text)
    root = span.root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:  # "Qatari and Egyptian officials"
        first = first.head
    noun = first.head if first.dep_ in ("amod", "compound", "nmod") else None
    if noun is not None and noun.i > span.end - 1 and noun.pos_ in ("NOUN", "PROPN"):
        people = noun.lower_ in GROUP_NOUNS
        adjacent = noun.i == span.end
        if country is not None:
            # "Egyptian officials": the state acting through a body; "Israeli fire": just the state
            # ("Qatari and Egyptian officials": "Qatari" alone, so Egypt keeps its own mention)
            last = not any(c.i > root.i for c in root.conjuncts)
            end = noun.i + 1 if people and last else span.end
            return Candidate(
                span.start,
                end,
                span.start,
                span.end,
                ActorType.STATE,
                country.name,
                kind="demonym",
                qualifier=noun.text if people else None,
                country=country.iso2,
                confidence=0.8,
            )
        if people:
            end = noun.i + 1 if adjacent else span.end
            return Candidate(
                span.start,
                end,
                span.start,
                end,
                ActorType.GROUP,
                f"{span.text} {noun.text}",
                kind="nominal",
                confidence=0.7,
            )
        return None
    if root.pos_ in ("NOUN", "PROPN") and root.tag_ in ("NNS", "NNPS"):
        return Candidate(
            span.start,
            span.end,
            span.start,
            span.end,
            ActorType.GROUP,
            span.text,
            country=country.iso2 if country else None,
            confidence=0.75,
        )
    return None


def _with_qualifier(doc: Doc, cand: Candidate) -> Candidate:
    """'Hamas officials', "Israel's security cabinet": the name acts through a body of it."""
    if cand.qualifier is not None or cand.type == ActorType.PERSON:
        return cand
    if cand.kind == "nominal" and cand.antecedent is None:
        return cand
    root = doc[cand.name_start : cand.name_end].root
    head = root.head
    if root.dep_ not in ("compound", "poss", "nmod") or head.i < cand.name_end:
        return cand
    if head.lower_ not in GROUP_NOUNS or head.pos_ != "NOUN":
        return cand
    between = doc[cand.name_end : head.i]
    if any(t.head.i != head.i and t.tag_ != "POS" for t in between):
        return cand
    cand.end = head.i + 1
    cand.qualifier = doc[cand.name_end : head.i + 1].text.lstrip("'’s ").strip()
    return cand


def _groups(doc: Doc) -> list[Candidate]:
    """'mediators', 'aid groups', 'officials familiar with the talks': unnamed collectives."""
    found = []
    for token in doc:
        if token.lower_ not in GROUP_NOUNS or token.pos_ != "NOUN":
            continue
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.lefts):
            continue  # "its delegation": owned by someone we cannot name here
        start = token.i
        while (
            start > 0
            and doc[start - 1].head.i == token.i
            and doc[start - 1].dep_ in ("amod", "compound")
            and not doc[start - 1].ent_type_
            and doc[start - 1].lower_ not in QUANTIFIERS
        ):
            start -= 1
        while start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            start -= 2  # a hyphenated modifier stays whole: "military-age men"
        words = doc[start : token.i + 1]
        lemma = "".join(t.lemma_.lower() + t.whitespace_ for t in words).strip()
        found.append(
            Candidate(
                start,
                token.i + 1,
                start,
                token.i + 1,
                ActorType.GROUP,
                doc[start : token.i + 1].text,
                kind="nominal",
                confidence=0.6,
                qualifier=None,
                country=None,
            )
        )
        found[-1].name = lemma_plural(lemma, token)
    return found


def lemma_plural(lemma: str, head: Token) -> str:
    """Group key in plural form: 'one official' and 'officials' are the same group ('family'
    -> 'families', 'police' stays 'police')."""
    if head.tag_ == "NNS":
        return " ".join([*lemma.split()[:-1], head.lower_])
    *rest, last = lemma.split()
    return " ".join([*rest, plural(last)])


QUANTIFIERS = frozenset("many several few some other more most all both each any".split())


def _pronouns(doc: Doc) -> list[Candidate]:
    found = []
    for t in doc:
        if t.pos_ != "PRON" or t.dep_ == "expl":
            continue
        if t.lower_ in PRONOUNS_PERSON:
            wanted = ActorType.PERSON
        elif t.lower_ in PRONOUNS_ORGANIZATION and not _dummy_it(t):
            wanted = ActorType.ORGANIZATION
        else:
            continue
        found.append(
            Candidate(
                t.i, t.i + 1, t.i, t.i + 1, wanted, t.text,
                kind="pronoun", confidence=0.55, antecedent=wanted,
            )
        )  # fmt: skip
    return found


def _dummy_it(token: Token) -> bool:
    """'it is expected that ...', 'it rained': an 'it' that refers to nothing."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    return verb.lemma_.lower() in ("be", "seem", "appear", "rain", "take") or (
        any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in children_of(verb))
        and verb.lemma_.lower() not in ("say", "announce", "plan", "expect", "want")
    )


def key_of(cand: Candidate) -> str:
    """Clustering key of a named candidate (persons are linked by name parts later)."""
    if cand.type == ActorType.STATE and cand.country:
        return f"STATE:{cand.country}"
    return f"{cand.type.value}:{fold(cand.name)}"
