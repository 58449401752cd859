"""A headline for every event: a short clause built from its parts, in the style of news.

"Hamas pulls out of cease-fire talks", "Israeli fire hits aid convoy", "Hamas to return to
Cairo for more talks", "Over 100 hostages released during weeklong truce", "Israel rejects
Hamas demand to allow all Palestinians to return". Headline grammar: the present tense for
what happened, "to" for what is planned, "may" for what might happen, the past participle
for a passive whose doer is not named, and "does not" for a negated event. The words come
from the sentence's own parse (subject, verb with its particle, object, one prepositional
phrase, what a demand or refusal is about), trimmed of determiners and clauses; actors are
named by their canonical names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from ...models import Modality, Polarity
from ..lemmas import inflect, lemma_of
from ..tokens import children_of
from .arguments import subject_of

PHRASE_PREPS = frozenset(
    {"to", "with", "against", "on", "from", "into", "of", "for", "over", "in", "at", "behind",
     "out", "off", "toward", "towards", "across", "after", "during", "between", "as"}
)  # fmt: skip
DROP_DETS = frozenset({"a", "an", "the", "this", "that", "these", "those"})
MAX_PHRASE = 7  # words of one noun phrase
MAX_WORDS = 16
_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis"})
NOUN_PREPS = frozenset({"of", "in", "on", "for", "with", "between", "against", "to", "from"})
RELATIVE = frozenset({"which", "who", "that", "whom"})
PRONOUNS = frozenset(
    {"it", "they", "there", "he", "she", "we", "i", "you", "this", "that", "them", "him", "her",
     "us", "me", "one", "who", "which", "what"}
)  # fmt: skip


@dataclass
class Parts:
    """What a headline is made of, as the event extractor found it."""

    verb: Token | None  # the verb whose clause tells the event (None: a noun on its own)
    noun: Token | None  # the event noun (carrier or object of a support verb)
    agents: list[str]  # agent names, or the subject's words when no actor is named
    plural_agent: bool
    modality: Modality
    polarity: Polarity
    rejected: bool = False  # negation expressed by the type: "won't accept" reads "rejects"
    passive: bool = False
    particle: Token | None = None
    content: list[Token] = field(default_factory=list)  # heads of folded content clauses
    names: dict[int, str] = field(default_factory=dict)  # token index -> actor name
    place: str | None = None
    modal: str | None = None  # the modal of a hypothetical: could, may, might, would
    subject: Token | None = None  # the clause's subject, when no actor is the agent
    phase: Token | None = None  # a folded aspectual verb: "stopped (delivering)"
    participle: bool = False  # "hostages captured during ...": a passive without auxiliary


def build_headline(parts: Parts) -> str:
    """The headline of one event mention."""
    if parts.verb is None and parts.noun is not None:
        words = _nominal(parts)
    elif parts.verb is not None:
        words = _verbal(parts)
    else:
        return ""
    if parts.place and parts.place.lower() not in " ".join(words).lower():
        words += ["in", parts.place]
    text = " ".join(w for w in words if w).strip()
    text = " ".join(_no_repeats(text.split())[:MAX_WORDS])
    return text[:1].upper() + text[1:]


def _no_repeats(words: list[str]) -> list[str]:
    """Words said twice in a row go once: "refuses to allow to allow men to move" (the
    sentence's own "to allow men to be allowed to move")."""
    out: list[str] = []
    for word in words:
        out.append(word)
        for size in (3, 2, 1):
            if len(out) >= 2 * size and out[-size:] == out[-2 * size : -size]:
                del out[-size:]
                break
    return out


def _verbal(parts: Parts) -> list[str]:
    verb = parts.verb
    assert verb is not None
    doer = _agent_phrase(verb, parts) if parts.passive else None
    subject = doer or _subject(parts)
    rest = _verb_tail(verb, parts, skip_agent=doer is not None)
    if (parts.passive or parts.participle) and not doer:
        theme = _passive_theme(verb, parts)
        if theme:  # "Over 100 hostages released ...", "Hiller to be arraigned on ..."
            lead = ["to be"] if parts.modality is Modality.PLANNED else []
            if parts.modality is Modality.HYPOTHETICAL:
                lead = [parts.modal or "may", "be"]
            objects = _object_phrase(verb, parts, passive_subject=False)
            return [theme, *lead, _participle(verb), objects, *rest]
    theme = _object_phrase(verb, parts)
    lemma = _lemma(verb)
    if parts.phase is not None:  # "stop delivering food": the aspect verb leads
        lemma = f"{_lemma(parts.phase)} {inflect(lemma, 'VBG')}"
    particle = parts.particle
    if particle is not None and rest and rest[0] == particle.lower_:  # noqa: SIM102
        if not theme or particle.i < _first_object_index(verb):
            lemma, rest = f"{lemma} {rest[0]}", rest[1:]  # "cordons off the centre"
    head = [subject] if subject else []
    return [*head, *_verb_group(lemma, parts), theme, *rest]


def _first_object_index(verb: Token) -> int:
    objects = [c.i for c in children_of(verb) if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    return min(objects, default=verb.i)


def _passive_theme(verb: Token, parts: Parts) -> str:
    if parts.participle and verb.dep_ == "acl":
        return noun_phrase(verb.head, parts.names)  # "(dozens of) hostages captured"
    subjects = [c for c in children_of(verb) if c.dep_ == "nsubjpass"]
    if subjects and (subjects[0].lower_ not in PRONOUNS or subjects[0].head.dep_ == "relcl"):
        return noun_phrase(subjects[0], parts.names)
    if subjects and subjects[0].i in parts.names:
        return parts.names[subjects[0].i]
    if not subjects and parts.participle:  # "Arraigned on Sept. 15, Subryan was held"
        inherited, _ = subject_of(verb)
        if inherited is not None and inherited.lower_ not in PRONOUNS:
            return noun_phrase(inherited, parts.names)
        if inherited is not None:
            return parts.names.get(inherited.i, "")
    return ""


def _subject(parts: Parts) -> str:
    subject = parts.subject
    if subject is not None and parts.agents:
        phrase = noun_phrase(subject, parts.names, limit=6)
        if all(a in phrase for a in parts.agents):  # "more than a million Palestinians"
            return phrase
    if parts.agents:
        named = " and ".join(parts.agents[:2])
        return named + (" and others" if len(parts.agents) > 2 else "")
    if subject is None:
        return ""
    if subject.lower_ in PRONOUNS:  # a pronoun says nothing unless we know who it is
        return parts.names.get(subject.i, "")
    return noun_phrase(subject, parts.names, limit=5)


def _agent_phrase(verb: Token, parts: Parts) -> str | None:
    """The doer of a passive as the text names it ("by Israeli fire" -> "Israeli fire")."""
    for child in children_of(verb):
        if child.dep_ == "agent":
            objects = [o for o in children_of(child) if o.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0], parts.names, limit=5)
    return None


# Verbs whose refusal is a rejection of their object ("won't accept the demand"); any other
# refused act reads "refuses to ..." ("doesn't allow men to move": refuses to allow).
_REJECTED_OBJECT = frozenset({"accept", "approve", "endorse", "recognize", "recognise", "back"})


def _verb_group(lemma: str, parts: Parts) -> list[str]:
    if parts.rejected:
        if lemma.split(" ")[0] in _REJECTED_OBJECT:
            return ["rejects" if not parts.plural_agent else "reject"]
        return ["refuses to" if not parts.plural_agent else "refuse to", lemma]
    negated = parts.polarity is Polarity.NEGATIVE
    if parts.modality is Modality.PLANNED:
        return ["not to" if negated else "to", lemma]
    if parts.modality is Modality.HYPOTHETICAL:
        return [parts.modal or "may", "not" if negated else "", lemma]
    if negated:
        return ["do not" if parts.plural_agent else "does not", lemma]
    return [lemma if parts.plural_agent else third_person(lemma)]


def third_person(lemma: str) -> str:
    """'pull out' -> 'pulls out', 'try' -> 'tries', 'reach' -> 'reaches'."""
    word, _, rest = lemma.partition(" ")
    return f"{inflect(word, 'VBZ')} {rest}".strip()


def _lemma(verb: Token) -> str:
    return lemma_of(verb)


def _participle(verb: Token) -> str:
    return verb.text.lower() if verb.tag_ == "VBN" else inflect(lemma_of(verb), "VBN")


def _object_phrase(verb: Token, parts: Parts, *, passive_subject: bool = True) -> str:
    objects = [c for c in children_of(verb) if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    if parts.passive and passive_subject:
        objects = [c for c in children_of(verb) if c.dep_ in ("nsubjpass",)] + objects
    phrases = []
    for obj in objects[:2]:
        phrase = noun_phrase(obj, parts.names, avoid=parts.agents)
        inner = [c for c in children_of(obj) if c.dep_ == "acl" and c in parts.content]
        inner += [c for c in children_of(obj) if c.dep_ == "acl" and _to_infinitive(c)]
        if inner:  # "Hamas' demand to allow all Palestinians to return"
            phrase = f"{phrase} {_content(inner[0], parts.names)}"
        phrases.append(phrase)
    return " ".join(p for p in phrases if p)


def _to_infinitive(verb: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in children_of(verb))


def _verb_tail(verb: Token, parts: Parts, *, skip_agent: bool = False) -> list[str]:
    """Particle, up to two prepositional phrases, and the content clause."""
    words: list[str] = []
    if parts.particle is not None:
        words.append(parts.particle.lower_)
    preps = [c for c in children_of(verb) if c.dep_ in ("prep", "agent")]
    if parts.particle is not None:
        preps += [c for c in children_of(parts.particle) if c.dep_ == "prep"]
    preps = [p for p in preps if not (skip_agent and p.dep_ == "agent")]
    for prep in sorted(preps, key=lambda t: t.i)[:2]:
        phrase = _prep_phrase(prep, parts.names, parts.agents)
        if phrase and (prep.dep_ != "agent" or not parts.agents or parts.passive):
            words.append(phrase)
    for head in parts.content[:1]:
        if head.dep_ in ("xcomp", "ccomp", "advcl", "pcomp") and head.head.i == verb.i:
            words.append(_content(head, parts.names))
    return [w for w in words if w]


def _prep_phrase(prep: Token, names: dict[int, str], avoid: Iterable[str] = ()) -> str:
    if prep.lower_ not in PHRASE_PREPS and prep.dep_ != "agent":
        return ""
    objects = [c for c in children_of(prep) if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return ""
    phrase = noun_phrase(objects[0], names, avoid=avoid)
    return f"{prep.lower_} {phrase}" if phrase else ""


def _content(head: Token, names: dict[int, str], depth: int = 0) -> str:
    """'to allow all Palestinians to return', 'opening a new crossing', 'to allow whole
    families to go back'."""
    infinitive = _to_infinitive(head) or (head.dep_ == "xcomp" and head.tag_ == "VB")
    verb = "to " + _lemma(head) if infinitive else head.lower_
    subjects = [c for c in children_of(head) if c.dep_ in ("nsubj", "nsubjpass")]
    lead = [noun_phrase(subjects[0], names, limit=5)] if subjects and not infinitive else []
    words = [*lead, verb]
    words += [c.lower_ for c in children_of(head) if c.dep_ == "prt"]
    objects = [c for c in children_of(head) if c.dep_ == "dobj"]
    objects += subjects if infinitive else []
    words += [noun_phrase(o, names, limit=5) for o in objects[:1]]
    for child in children_of(head):
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX") and depth < 2:
            words.append(_content(child, names, depth + 1))
            break
        if child.dep_ == "prep" and child.lower_ in PHRASE_PREPS:
            words.append(_prep_phrase(child, names))
            break
    return " ".join(w for w in words if w)


def noun_phrase(
    head: Token, names: dict[int, str], limit: int = MAX_PHRASE, avoid: Iterable[str] = ()
) -> str:
    """A noun phrase as a headline writes it: no article, no clause, at most ``limit`` words;
    an actor's mention is written as the actor's name, a possessive pronoun stays itself."""
    if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
        head = head.head.head  # "which" -> what it stands for
    tokens = _phrase_tokens(head)
    name = names.get(head.i)
    if avoid and name is not None and name in avoid:  # "Hamas to consult with its leadership"
        names = {}
    # the ``limit`` words nearest the head (of two as near, the later one)
    nearest = sorted(tokens, key=lambda t: (abs(t.i - head.i), -t.i))[:limit]
    tokens = sorted(nearest, key=lambda t: t.i)
    words: list[str] = []
    last: str | None = None
    for token in tokens:
        name = names.get(token.i) if token.pos_ != "PRON" or token.dep_ != "poss" else None
        if name is not None and name == last:
            continue  # one actor named by several words ("Yahya Sinwar") is written once
        last = name
        words.append(name if name is not None else _cased(token))
    return _join(words)


def _cased(token: Token) -> str:
    """A sentence's capital on a common word goes: "Attempts to revise ..." -> "attempts"."""
    if token.is_sent_start and token.tag_ not in ("NNP", "NNPS") and token.text[:1].isupper():
        return token.text[:1].lower() + token.text[1:]
    return token.text


def _phrase_tokens(head: Token) -> list[Token]:
    """The words of the noun phrase under ``head`` (in no particular order). Walked with an
    explicit stack, not recursion: a run of names parses as a chain of compounds thousands
    deep ("Al Qaeda Al Qaeda ..."), which is read like any other, never a RecursionError."""
    found = []
    pending = [(head, 0)]  # a word and how many prepositions lie above it in the phrase
    while pending:
        token, depth = pending.pop()
        found.append(token)
        for child in children_of(token):
            if child.dep_ in _CLAUSE_DEPS or (child.dep_ == "det" and child.lower_ in DROP_DETS):
                continue
            if child.dep_ in ("cc", "conj") and child.pos_ in ("VERB", "AUX"):
                continue  # "Israel and Hamas" stays; a second clause does not
            if child.dep_ == "punct" and child.text not in ("-", "'", "’"):
                continue
            if child.dep_ == "case":
                found.append(child)
                continue
            if child.dep_ == "pobj" and any(
                c.dep_ == "pobj" and c.i < child.i for c in children_of(token)
            ):
                continue  # one object per preposition: the parse sometimes hangs two
            if child.dep_ == "prep" and (
                depth > 0 or child.i < token.i or child.lower_ not in NOUN_PREPS or _timely(child)
            ):
                continue
            pending.append((child, depth + (child.dep_ == "prep")))
    return found


def _timely(prep: Token) -> bool:
    """ "for weeks", "in recent days": a stretch of time, which says nothing of the actor it
    would hang on ("officials for weeks"); a date ("truce in November") stays."""
    return any(
        o.ent_type_ in ("DATE", "TIME") and (prep.lower_ == "for" or o.tag_ == "NNS")
        for o in children_of(prep)
        if o.dep_ == "pobj"
    )


def _join(words: list[str]) -> str:
    text = " ".join(words)
    for glued, joined in ((" 's", "'s"), (" ’s", "’s"), (" '", "'"), (" ’", "’"),
                          (" - ", "-"), (" ,", ","), (" n't", "n't"), ("$ ", "$")):  # fmt: skip
        text = text.replace(glued, joined)
    return text.strip()


def _nominal(parts: Parts) -> list[str]:
    noun = parts.noun
    assert noun is not None
    phrase = noun_phrase(noun, parts.names, limit=9)
    if noun.i in parts.names:  # the noun is part of a name: "the Oct. 7 attacks" of Hamas
        phrase = phrase or noun.text
    agents = [a for a in parts.agents if a.lower() not in phrase.lower()]
    words = [" and ".join(agents[:2])] if agents else []
    if parts.modality is Modality.PLANNED:
        words.insert(0, "planned")
    elif parts.modality is Modality.HYPOTHETICAL:
        words.insert(0, "possible")
    if parts.polarity is Polarity.NEGATIVE:
        words.insert(0, "no")
    words.append(phrase)
    return words


__all__ = ["Parts", "build_headline", "noun_phrase", "third_person"]
