"""Whole predicates: which mention carries each happening, and which mentions only frame it.

A news sentence often spends several event words on one happening: "Mediators were hoping
to reach an agreement" is one (planned) agreement; "has taken a more direct role in aid
distribution" is one distribution; "stopped delivering food" is the stop of deliveries.
Every word stays a TimeML mention (scoring, TimeML export), but only the *carrier* of each
happening becomes a graph event. The others are folded into it (``Event.part_of``) and say
why in ``Event.frame``:

- ``reporting``: say, tell, add: attribution, not a happening;
- ``copula`` / ``state``: be, seem; believe, fear, know, remain;
- ``support``: a light verb whose object carries the event ("held talks", "launched an
  attack", "reach an agreement", "took part in", "move ahead with an operation");
- ``aspectual``: begin, stop, resume, continue of another event ("stopped delivering");
- ``intention``: hope, try, seek, plan, expect to do another event: the other event is the
  happening, planned ("hoping to secure a pause"), done ("managed to escape") or not done
  ("failed to reach");
- ``purpose``: a helper verb serving an infinitive of purpose: "using that time to explore",
  "make it easier to inject": the infinitive is the happening, planned;
- ``content``: what a demand, offer, refusal or threat is about ("demand to allow ...
  return", "requesting Israel's commitment"), or what talks aim at ("talks aimed at securing
  a cease-fire"): it is in that event's headline, it is not a happening of its own; nor is
  anything said inside it;
- ``modifier``: an event noun naming a kind of thing ("aid convoy", "cease-fire talks");
- ``participant``: an event noun standing as another event's doer ("hit by Israeli fire").

``generic`` (an event noun with no participant, time or place of its own: "aid", "the
fighting" as background) is decided later, once participants are known (``is_generic``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..tokens import children_of
from .arguments import COPULAS
from .triggers import REPORTING, Trigger

# Verbs that lend their clause to an event noun: "held talks", "launched an attack".
SUPPORT = frozenset(
    {
        "take", "make", "give", "have", "hold", "reach", "strike", "conduct", "carry",
        "launch", "stage", "mount", "wage", "do", "pay", "undertake", "get", "seal", "secure",
        "achieve", "broker", "hammer", "begin", "start", "resume", "continue", "finalize",
        "complete", "announce", "order", "call", "perform", "commit", "suffer", "sustain",
        "receive", "face", "win", "lose", "play", "host", "attend", "organize", "lead",
        "oversee", "join", "open", "mark", "see", "witness", "experience", "undergo",
    }
)  # fmt: skip
# Nouns a light verb takes before the event's own prepositional phrase: "a role in X".
SUPPORT_NOUNS = frozenset({"role", "part", "step", "steps", "lead", "hand", "stake"})
# Verbs with a preposition that hand over to their object: "move ahead with an operation".
SUPPORT_PREPS = {
    "move": "with", "go": "with", "push": "with", "press": "with", "proceed": "with",
    "carry": "with", "forge": "with", "engage": "in", "participate": "in", "join": "in",
}  # fmt: skip
# Verbs of causing that hand over to their result: "leading to an escalation".
RESULT_PREPS = {"lead": "to", "result": "in", "contribute": "to", "culminate": "in"}
ASPECTUAL = {
    "begin": "begin", "start": "begin", "commence": "begin", "continue": "continue",
    "keep": "continue", "proceed": "continue",
    "resume": "resume", "renew": "resume", "restart": "resume", "stop": "end", "cease": "end",
    "quit": "end", "end": "end", "finish": "end", "complete": "end", "halt": "end",
    "suspend": "end", "discontinue": "end", "conclude": "end", "rekindle": "resume",
    "revive": "resume", "reopen": "resume",
}  # fmt: skip
# Mental or intentional verbs whose complement is the happening, planned or hoped for.
INTENTION = frozenset(
    {
        "hope", "want", "wish", "seek", "try", "attempt", "plan", "intend", "aim", "expect",
        "prepare", "look", "work", "strive", "struggle", "scramble", "need", "mean", "set",
        "hurry", "rush", "race", "vie", "decline", "fail", "manage", "dare", "hesitate",
        "wait", "like", "love", "prefer", "long", "tend", "use", "make", "help", "serve",
        "choose", "opt", "move", "happen", "get", "let", "cause",
    }
)  # fmt: skip
# Of those, the ones whose complement is not merely intended but done ("managed to escape").
REALIZED = frozenset({"manage", "happen", "get", "make", "help", "let", "cause"})
# Negative implicatives: the complement did not happen ("failed to reach", "declined to").
NOT_REALIZED = frozenset({"fail", "decline"})
# Speech acts and decisions whose complement is what they are about, not a happening.
CONTENT_GOVERNORS = frozenset(
    {
        "demand", "ask", "urge", "call", "press", "push", "pressure", "force", "order",
        "tell", "persuade", "request", "appeal", "allow", "permit", "let", "enable",
        "threaten", "promise", "vow", "pledge", "offer", "propose", "refuse", "agree",
        "decide", "vote", "warn", "encourage", "invite", "require", "forbid", "ban",
        "authorize", "approve", "reject", "oppose", "accept", "consider", "discuss",
        "explore", "recommend", "suggest", "insist", "seek", "plan", "proposal", "ensure",
        "deal", "agreement", "bid", "effort", "attempt", "decision", "permission", "right",
        "talk", "negotiation", "accord", "treaty",
        "possibility", "prospect", "chance", "option", "hope", "hopes", "threat",
    }
)  # fmt: skip
# Directives whose object noun is only asked for: "requesting Israel's commitment".
DIRECTIVES = frozenset(
    {"request", "demand", "ask", "seek", "urge", "want", "call", "press", "push", "need",
     "require", "propose", "suggest", "recommend", "offer", "promise", "pledge", "expect"}
)  # fmt: skip
# Verbs that say what their noun is for: "talks aimed at securing a cease-fire".
GOAL_VERBS = frozenset({"aim", "design", "intend", "mean", "seek"})
# Dependencies a content clause does not reach across: a relative or adverbial clause, a
# coordinated clause, a parenthetical tell their own happenings.
# "an agreement for a six-week truce", "talks on a cease-fire": what the noun is about.
ABOUT_PREPS = frozenset({"for", "on", "over", "about", "toward", "towards"})
NO_GOVERNOR = -1  # content of no event in particular ("negotiations ... aimed at achieving")
_OWN_CLAUSE = frozenset({"relcl", "advcl", "parataxis", "conj"})


@dataclass
class Predicate:
    """One happening: its carrier trigger and the framing mentions folded into it."""

    carrier: int  # index into the trigger list
    folded: list[int] = field(default_factory=list)  # framing triggers, innermost first
    phase: str | None = None
    intended: bool = False  # under an intention, purpose or helper frame: planned
    unrealized: bool = False  # under a negative implicative: "failed to reach"
    support: Token | None = None  # the light verb whose subject is the noun's agent


@dataclass
class Assembly:
    """The outcome for a whole article: a predicate per carrier, a frame per other mention."""

    predicates: dict[int, Predicate]
    frames: dict[int, str]
    part_of: dict[int, int]  # framing trigger -> carrier trigger


def assemble(triggers: list[Trigger]) -> Assembly:
    """Fold every framing mention into the happening it serves."""
    by_head = {t.head.i: n for n, t in enumerate(triggers)}
    frames: dict[int, str] = {}
    into: dict[int, int] = {}
    for n, trigger in enumerate(triggers):
        reason, target = _frame(trigger, by_head)
        if reason is not None:
            frames[n] = reason
            if target is not None and target != n:
                into[n] = target
    for n, trigger in enumerate(triggers):
        if n not in frames:
            reason, target = _modifier(trigger, by_head)
            if reason is not None:
                frames[n] = reason
                if target is not None:
                    into[n] = target
    finals = {n: _final(n, into, frames) for n in into}
    part_of = {n: c for n, c in finals.items() if c is not None and c != n}
    predicates = {n: Predicate(carrier=n) for n in range(len(triggers)) if n not in frames}
    for n in sorted(part_of, key=lambda k: abs(triggers[k].head.i - triggers[part_of[k]].head.i)):
        _fold(predicates[part_of[n]], n, triggers[n], frames[n])
    for n, governor in _contents(triggers, by_head, predicates).items():
        del predicates[n]
        frames[n] = "content"
        if governor != NO_GOVERNOR:
            part_of[n] = governor
    return Assembly(predicates=predicates, frames=frames, part_of=part_of)


def _final(n: int, into: dict[int, int], frames: dict[int, str]) -> int | None:
    """Follow folds to the carrier (a framed target folds on), at most a few steps."""
    current = into[n]
    for _ in range(8):
        if current not in frames:
            return current
        if current not in into:
            return None  # folded into a frame with no carrier of its own: stays out
        current = into[current]
    return None


def _fold(predicate: Predicate, n: int, trigger: Trigger, reason: str) -> None:
    predicate.folded.append(n)
    base = trigger.lemma.split(" ")[0]
    if reason == "aspectual":
        predicate.phase = predicate.phase or ASPECTUAL.get(base)
    elif reason == "purpose":
        predicate.intended = True
    elif reason == "intention":
        if base in NOT_REALIZED:
            predicate.unrealized = True
        elif base not in REALIZED:
            predicate.intended = True
    elif reason == "support" and trigger.kind == "verb" and predicate.support is None:
        predicate.support = trigger.head


def _frame(trigger: Trigger, by_head: dict[int, int]) -> tuple[str | None, int | None]:
    """(reason, index of the trigger it frames) for a framing verb; (None, None) otherwise."""
    head = trigger.head
    base = trigger.lemma.split(" ")[0]
    if trigger.kind != "verb":
        return None, None
    if base in REPORTING and trigger.particle is None:
        return "reporting", None
    if base in COPULAS and trigger.particle is None:
        return "copula", _complement(head, by_head, ("attr", "acomp", "xcomp"))
    if base in ASPECTUAL:
        target = _complement(head, by_head, ("xcomp", "dobj", "ccomp"))
        if target is None and not _has(head, "dobj"):
            target = _complement(head, by_head, ("nsubj", "nsubjpass"))  # "the talks began"
        if target is not None:
            return "aspectual", target
    if base in SUPPORT and (target := _support_object(head, base, by_head)) is not None:
        return "support", target
    if base in SUPPORT_PREPS and trigger.particle is not None:
        target = _prep_object(head, SUPPORT_PREPS[base], by_head)
        if target is not None:
            return "support", target  # "move ahead with a military operation"
    if base in RESULT_PREPS and not _has(head, "dobj"):
        target = _prep_object(head, RESULT_PREPS[base], by_head)
        if target is not None:
            return "support", target  # "leading to an escalation of tensions"
    if base in INTENTION:
        target = _complement(head, by_head, ("xcomp",))
        if target is not None:
            return "intention", target
        target = _purpose(head, by_head)
        if target is not None:
            return "purpose", target
    if "state" in trigger.flags or _idiom_state(head, base):
        return "state", None
    return None, None


# Light verb idioms that describe a situation: "put him at odds with", "keep in check".
_STATE_IDIOMS = {"put": "odds", "set": "odds", "keep": "check", "hold": "bay"}
# "has made the issue a top priority": a light verb with an object and its predicate noun.
_PREDICATIVE = frozenset({"make", "consider", "call", "name", "deem", "declare"})


def _idiom_state(head: Token, base: str) -> bool:
    if base in _PREDICATIVE:
        return any(c.dep_ in ("oprd", "ccomp") and c.pos_ == "NOUN" for c in children_of(head))
    word = _STATE_IDIOMS.get(base)
    if word is None:
        return False
    return any(
        g.lower_ == word for c in children_of(head) if c.dep_ == "prep" for g in children_of(c)
    )


def _support_object(head: Token, base: str, by_head: dict[int, int]) -> int | None:
    if base == "take":
        for child in children_of(head):
            if child.dep_ == "dobj" and child.lower_ == "place":
                return _complement(head, by_head, ("nsubj", "nsubjpass"))  # "talks took place"
            if child.dep_ == "dobj" and child.lemma_.lower() in SUPPORT_NOUNS:
                return _prep_object(child, "in", by_head)  # "took a role in distribution"
    target = _complement(head, by_head, ("dobj", "nsubjpass"))
    if target is None and base in ("carry", "hammer"):
        for child in children_of(head):  # "carried out an attack": the particle's object
            if child.dep_ in ("prt", "prep"):
                target = _complement(child, by_head, ("pobj", "dobj"))
    return target


def _complement(head: Token, by_head: dict[int, int], deps: tuple[str, ...]) -> int | None:
    for child in children_of(head):
        if child.dep_ in deps and child.i in by_head and child.i != head.i:
            return by_head[child.i]
    return None


def _prep_object(head: Token, prep: str, by_head: dict[int, int]) -> int | None:
    for child in children_of(head):
        if child.dep_ in ("prep", "prt") and child.lower_ == prep:
            found = _complement(child, by_head, ("pobj",))
            if found is not None:
                return found
        if child.dep_ == "prt":  # "move ahead with": the preposition hangs off the particle
            found = _prep_object(child, prep, by_head)
            if found is not None:
                return found
    return None


def _purpose(head: Token, by_head: dict[int, int]) -> int | None:
    """The infinitive a helper verb serves: "using that time to explore", "make it easier
    to inject"."""
    for child in children_of(head):
        if child.dep_ in ("advcl", "ccomp") and child.i in by_head and _infinitive(child):
            return by_head[child.i]
        if child.dep_ in ("ccomp", "oprd", "acomp") and child.pos_ == "ADJ":
            inner = _purpose(child, by_head)  # "make it easier to inject"
            if inner is not None:
                return inner
    return None


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(verb))


def _has(head: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in children_of(head))


def _modifier(trigger: Trigger, by_head: dict[int, int]) -> tuple[str | None, int | None]:
    """An event noun that names a kind of thing ("aid convoy") or stands as another event's
    doer ("hit by Israeli fire") is not a happening of its own."""
    head = trigger.head
    if trigger.kind != "noun":
        return None, None
    modifying = head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i
    if modifying and head.head.pos_ in ("NOUN", "PROPN"):
        return "modifier", None  # "aid convoy", "cease-fire talks"
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        return "participant", by_head.get(head.head.head.i)  # "hit by Israeli fire"
    return None, None


def _contents(
    triggers: list[Trigger],
    by_head: dict[int, int],
    predicates: dict[int, Predicate],
) -> dict[int, int]:
    """Carriers that only say what another event asks for, offers or refuses: carrier ->
    the event they are the content of. A predicate is content when any of its words sits in
    a content position; so is anything said inside a content clause."""
    found: dict[int, int] = {}
    for n in sorted(predicates):
        words = [n, *predicates[n].folded]
        for k in words:
            governor = _content_governor(triggers[k].head, by_head, predicates, found)
            if governor is not None and governor not in words:
                found[n] = governor
                break
    return found


def _content_governor(
    head: Token, by_head: dict[int, int], predicates: dict[int, Predicate], found: dict[int, int]
) -> int | None:
    current = head
    for _ in range(6):
        own = current.dep_ in _OWN_CLAUSE and not (
            current.dep_ == "conj"
            and (current.head.pos_ in ("NOUN", "PROPN") or current.head.tag_ == "VBG")
        )  # a list of goals ("an end to the fighting, securing aid and ...") stays content
        if own or current.head.i == current.i:
            return None
        dep, governor = current.dep_, current.head
        gov = by_head.get(governor.i)
        if gov is not None:
            lemma = governor.lemma_.lower()
            if gov in found:
                return gov  # inside a content clause: content too
            if gov in predicates and _content_slot(dep, current, lemma):
                return gov
            if lemma in GOAL_VERBS and governor.tag_ == "VBN":
                return by_head.get(governor.head.i, NO_GOVERNOR)  # "talks aimed at securing"
            return None
        if governor.lemma_.lower() in GOAL_VERBS and governor.tag_ == "VBN":
            # "talks aimed at securing a cease-fire": the talks' goal, or no one's
            return by_head.get(governor.head.i, NO_GOVERNOR)
        current = governor
    return None


def _content_slot(dep: str, token: Token, lemma: str) -> bool:
    """Whether ``token``, attached by ``dep`` to a governor with ``lemma``, says what the
    governor is about."""
    if dep in ("xcomp", "ccomp") or (dep == "acl" and _infinitive(token)):
        return lemma in CONTENT_GOVERNORS
    if dep == "pobj" and token.head.lower_ in ABOUT_PREPS:
        return lemma in CONTENT_GOVERNORS and token.head.head.pos_ == "NOUN"
    return dep == "dobj" and lemma in DIRECTIVES


__all__ = ["Assembly", "Predicate", "assemble"]
