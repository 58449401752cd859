"""Agents and targets of a trigger from the dependency parse, mapped to actors."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...models import ActorType
from ..actor_index import ActorIndex
from ..tokens import children_of

TARGET_PREPS = frozenset(
    {"with", "against", "on", "to", "toward", "towards", "from", "at", "between"}
)
PLACE_TYPES = frozenset({ActorType.PLACE, ActorType.STATE})
CLAUSAL = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp", "oprd"})
# Verbs whose object, not subject, does what their complement says: "urged Israel to stop".
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "force", "allow", "press", "push", "tell", "order", "persuade", "pressure",
     "help", "enable", "encourage", "invite", "compel", "require", "permit", "call", "lead",
     "prompt", "cause", "drive", "get", "want", "expect", "need", "warn", "advise", "authorize"}
)  # fmt: skip
# Passive raising verbs: "the cabinet is expected to discuss": the cabinet does the discussing.
RAISING = frozenset(
    {"expect", "schedule", "set", "due", "say", "report", "believe", "think", "know",
     "suppose", "slate", "poise", "likely", "allege", "rumor", "understand", "see", "ask"}
)  # fmt: skip
RELATIVE = frozenset({"which", "who", "that", "whom"})


# Actors are looked up through the shared index (one implementation for all extractors).
ActorLookup = ActorIndex


def resolve_relative(token: Token) -> Token:
    """'the group, which has been leading talks': 'which' stands for 'group'."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject, passive?) of a verb, inherited through xcomp/conj/advcl/acl when absent."""
    seen = 0
    raised = False  # climbed out of the complement of a passive raising verb
    # "Hiller is expected to be arraigned": the raised subject is the arraigned one
    inner_passive = any(c.dep_ == "auxpass" for c in children_of(verb))
    while seen < 6:
        seen += 1
        for child in children_of(verb):
            if child.dep_ in ("nsubj", "csubj"):
                # "Hiller got into an altercation and was taken to the office": Hiller taken
                return resolve_relative(child), inner_passive and seen > 1
            if child.dep_ in ("nsubjpass", "csubjpass"):
                return resolve_relative(child), inner_passive or not raised
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "hardened its position by requesting ..."
            continue
        if verb.dep_ in CLAUSAL and verb.head.i != verb.i:
            governor = verb.head
            if verb.dep_ == "xcomp" and governor.lemma_.lower() in OBJECT_CONTROL:
                controller = _object_control(governor)  # "urged Israel to stop"
                if controller is not None:
                    return controller, False
            raised = verb.dep_ == "xcomp" and governor.lemma_.lower() in RAISING
            verb = governor
            continue
        return None, False
    return None, False


def _object_control(verb: Token) -> Token | None:
    return next((c for c in children_of(verb) if c.dep_ == "dobj"), None)


@dataclass(frozen=True)
class Participant:
    """Who or what takes part: ``role`` agent (Arg0), theme (Arg1) or target (to/with/...);
    ``actor`` is None for things ("the iPhone"); ``start``/``end`` are the naming words."""

    role: str
    actor: str | None
    start: int
    end: int
    via: str | None = None  # "support": taken from the subject of "held (talks)"


def split_roles(found: list[Participant]) -> tuple[list[str], list[str]]:
    """Actor ids as (agents, targets): themes and targets are both acted upon."""
    agents = _unique([p.actor for p in found if p.role == "agent" and p.actor])
    targets = _unique([p.actor for p in found if p.role != "agent" and p.actor])
    return agents, [t for t in targets if t not in agents]


def participants(
    head: Token,
    kind: str,
    lookup: ActorLookup,
    events: frozenset[int] = frozenset(),
    support: Token | None = None,
) -> list[Participant]:
    """Participants of a trigger from the parse; ``events`` are trigger heads, which are
    events themselves and so never participants. ``support`` is the light verb a noun's
    clause is told by ("took a role in distribution"): its subject is the noun's agent."""
    found = _verbal(head, lookup) if kind == "verb" else _nominal(head, lookup, support)
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for role, token, actors_only in found:
        via = None
        if role == "support-agent":
            role, via = "agent", "support"
        p = _participant(role, token, actors_only, lookup, events, via)
        if p is not None and (p.role, p.start, p.end) not in seen:
            seen.add((p.role, p.start, p.end))
            kept.append(p)
            kept.extend(_members(p, token, lookup))
    return kept


def _members(p: Participant, token: Token, lookup: ActorLookup) -> list[Participant]:
    """The other members of a compound group: "Qatari and Egyptian officials" are Qatar's
    and Egypt's, "U.S. and Arab officials" the United States' and the Arab officials'."""
    modifiers = [c for c in children_of(token) if c.dep_ in ("amod", "compound", "nmod")]
    found: list[Participant] = []
    for modifier in modifiers:
        for member in [modifier, *modifier.conjuncts]:
            mention = lookup.mention_at(member)
            if mention is None or mention[2] == p.actor:
                continue
            if lookup.types[mention[2]] is ActorType.PLACE:
                continue
            if all(m.actor != mention[2] for m in found):
                found.append(Participant(p.role, mention[2], mention[0], mention[1], "member"))
    return found


Found = list[tuple[str, Token, bool]]  # (role, phrase head, actors only?)


def _verbal(head: Token, lookup: ActorLookup) -> Found:
    found: Found = []
    subject, passive = subject_of(head)
    if subject is not None:
        role = "theme" if passive or _subject_is_theme(head, subject) else "agent"
        found.extend((role, t, False) for t in _conjoined(subject))
    elif head.dep_ == "acl" and head.tag_ == "VBN":
        found.append(("theme", counted(head.head), False))  # "hostages captured during"
    for child in children_of(head):
        if child.dep_ == "agent":
            objects = [o for o in children_of(child) if o.dep_ == "pobj"]
            found.extend(("agent", t, False) for o in objects for t in _conjoined(o))
        elif child.dep_ in ("dobj", "dative"):
            found.extend(("theme", t, False) for t in _conjoined(child))
        elif child.dep_ in ("prep", "prt"):
            found.extend(("target", t, True) for t in _prep_objects(child, lookup))
    return found


# Nouns that count or measure what they govern: "dozens of hostages" are hostages.
_COUNTING = frozenset(
    {"dozen", "dozens", "hundreds", "thousands", "millions", "number", "scores", "some",
     "many", "most", "all", "none", "group", "handful", "couple"}
)  # fmt: skip


def counted(noun: Token) -> Token:
    if noun.lower_ in _COUNTING or noun.lemma_.lower() in _COUNTING:
        for child in children_of(noun):
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [o for o in children_of(child) if o.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return noun


# Tags a noun's own pre-modifiers have: "the Hamas Oct. 7 attacks", "Israeli air strikes".
_PREMODIFIER_POS = frozenset({"PROPN", "ADJ", "NOUN", "NUM", "PART", "PUNCT"})


def premodifiers(noun: Token) -> list[Token]:
    """The words before an event noun inside its own phrase, read left to the determiner or
    preposition: sturdier than the parse, which often hangs "Hamas" in "the Hamas Oct. 7
    attacks" somewhere else."""
    found: list[Token] = []
    doc = noun.doc
    i = noun.i - 1
    while i >= 0 and noun.i - i <= 6:
        token = doc[i]
        if token.pos_ not in _PREMODIFIER_POS or token.text in (",", ";", ":", "(", ")"):
            break
        if token.is_sent_start:
            found.append(token)
            break
        found.append(token)
        i -= 1
    return found


def _nominal(noun: Token, lookup: ActorLookup, support: Token | None = None) -> Found:
    found: Found = []
    children = children_of(noun)
    for token in premodifiers(noun):
        if token in children:
            continue  # read with the children below
        actor = lookup.at(token)
        if actor is not None and lookup.types[actor] is not ActorType.PLACE:
            found.append(("agent", token, True))
    for child in children_of(noun):
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i
        ):
            actor = lookup.at(child)
            if actor is not None and lookup.types[actor] is not ActorType.PLACE:
                found.append(("agent", child, True))  # "Hamas's attacks", "U.S. pressure"
        elif child.dep_ == "prep" and child.lower_ == "by":
            found.extend(("agent", t, False) for p in children_of(child) if p.dep_ == "pobj"
                         for t in _conjoined(p))  # fmt: skip
        elif child.dep_ == "prep" and child.lower_ == "of":
            found.extend(("theme", t, False) for p in children_of(child) if p.dep_ == "pobj"
                         for t in _conjoined(p))  # fmt: skip
        elif child.dep_ == "prep":
            found.extend(("target", t, True) for t in _prep_objects(child, lookup))
    if support is not None and not any(r == "agent" for r, _, _ in found):
        subject, passive = subject_of(support)  # "Hamas launched attacks", "held talks"
        if subject is not None and not passive:
            found.extend(("support-agent", t, True) for t in _conjoined(subject))
    return found


# Verbs whose intransitive subject undergoes the change (PropBank Arg1): "sales fell",
# "the talks began", "the plant closed".
ERGATIVE = frozenset(
    {
        "rise", "fall", "drop", "increase", "decrease", "grow", "decline", "climb", "jump",
        "surge", "plunge", "slip", "slide", "soar", "tumble", "sink", "gain", "shrink",
        "come", "arrive", "begin", "start", "end", "stop", "close", "open", "change",
        "happen", "occur", "die", "break", "improve", "worsen", "collapse", "fail",
        "expire", "continue", "resume", "finish", "return", "emerge", "appear", "arise",
        "move", "shift", "split", "merge", "float", "sell", "ship", "launch", "debut",
    }
)  # fmt: skip
COPULAS = frozenset({"be", "become", "seem", "remain", "appear", "stay"})


def _subject_is_theme(verb: Token, subject: Token) -> bool:
    """PropBank numbers the subject of a copula or an intransitive ergative verb Arg1."""
    lemma = verb.lemma_.lower()
    if lemma in COPULAS:
        return True
    if lemma not in ERGATIVE or subject.head.i != verb.i:
        return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in children_of(verb))


def _conjoined(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _prep_objects(prep: Token, lookup: ActorLookup) -> list[Token]:
    if prep.lower_ not in TARGET_PREPS:
        return []
    found = []
    for obj in children_of(prep):
        if obj.dep_ != "pobj":
            continue
        for token in _conjoined(obj):
            actor = lookup.at(token) or lookup.from_modifiers(token)
            # a country is a party ("pressure on Israel"); a town is where, not whom
            if actor is not None and (
                lookup.types[actor] is not ActorType.PLACE or prep.lower_ in ("against", "with")
            ):
                found.append(token)
    return found


def _participant(
    role: str,
    token: Token,
    actors_only: bool,
    lookup: ActorLookup,
    events: frozenset[int],
    via: str | None = None,
) -> Participant | None:
    token = resolve_relative(token)
    named = _appositive_person(token, lookup)  # "Hamas's leader in Gaza, Yahya Sinwar"
    if named is not None:
        return Participant(role, named[2], named[0], named[1], via)
    mention = lookup.mention_at(token)
    if mention is not None:
        start, end, actor = mention
        return Participant(role, actor, start, end, via)
    start, end = token.left_edge.idx, token.idx + len(token.text)
    owner = lookup.from_modifiers(token)
    if owner is not None:  # "Israel's security cabinet": Israel acting through a body
        return Participant(role, owner, start, end, via)
    if actors_only or not _is_thing(token, events):
        return None
    return Participant(role, None, start, end, via)


def _appositive_person(token: Token, lookup: ActorLookup) -> tuple[int, int, str] | None:
    """A person named in apposition to a role noun, also past its own modifiers ("leader in
    Gaza, Yahya Sinwar" hangs the name on "Gaza")."""
    own = lookup.at(token)
    if own is not None and lookup.types[own] is ActorType.PERSON:
        return None
    candidates = [c for c in children_of(token) if c.dep_ == "appos"]
    for prep in children_of(token):
        if prep.dep_ == "prep":
            candidates += [
                a for o in children_of(prep) for a in children_of(o) if a.dep_ == "appos"
            ]
    for child in candidates:
        named = lookup.mention_at(child)
        if named is not None and lookup.types[named[2]] is ActorType.PERSON:
            return named
    return None


def _is_thing(token: Token, events: frozenset[int]) -> bool:
    """A noun phrase naming an entity: not an event, not a clause, not 'it' of 'it is'."""
    if token.i in events or token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return False
    return token.dep_ != "expl" and token.lower_ not in ("there", "what", "which", "that")


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))
