"""Features of one token for the event detector, read off the spaCy parse the rules already have.

Training (``training/train_event_detector.py``) and inference call the same
:func:`token_features`, so a feature string means the same thing on both sides. Lexical
features come in two grains: the word itself (which memorises the training corpus) and word
classes that carry over to words never seen in training (part of speech, dependency, suffix,
the project's own word lists and WordNet's lexicographer files).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..tokens import children_of
from .classes import ASPECTUAL, I_ACTION, I_STATE, PERCEPTION, STATE
from .classes import REPORTING as REPORTING_CLASS
from .lexicon import EVENT_NOUNS, NON_EVENT_NOUNS, load_lexicon
from .triggers import LIGHT, NAMED_EVENTS, REPORTING, STATES

__all__ = ["CANDIDATE_POS", "is_candidate", "token_features", "wordnet_files"]

# Parts of speech a TimeML event can have: in the TempEval-3 training data 99.6% of the
# events sit on a verb, noun, adjective or copula; every other token is never scored, nor
# are auxiliaries (15 events in 3,232) and attributive adjectives (16 in 5,232).
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
NOT_CANDIDATE_DEPS = {"AUX": frozenset({"aux", "auxpass"}), "ADJ": frozenset({"amod", "compound"})}
# Dependents whose presence tells verbs from nouns from modifiers, and events from names.
CHILD_DEPS = frozenset(
    {"aux", "auxpass", "neg", "det", "poss", "prep", "dobj", "nsubj", "nsubjpass", "ccomp",
     "xcomp", "advcl", "acomp", "attr", "agent", "compound", "amod", "nummod", "prt", "mark",
     "advmod", "relcl", "acl", "pobj", "dative", "oprd", "expl", "case", "npadvmod"}
)  # fmt: skip
WORD_LISTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("en", EVENT_NOUNS),
    ("ne", NON_EVENT_NOUNS),
    ("rp", REPORTING),
    ("st", STATES),
    ("li", LIGHT),
    ("nm", NAMED_EVENTS),
    ("cR", REPORTING_CLASS),
    ("cP", PERCEPTION),
    ("cS", I_STATE),
    ("cA", I_ACTION),
    ("cX", ASPECTUAL),
    ("cT", STATE),
)
COARSE = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}


def is_candidate(token: Token) -> bool:
    """Whether the detector scores this token at all."""
    pos = token.pos_
    if pos not in CANDIDATE_POS:
        return False
    excluded = NOT_CANDIDATE_DEPS.get(pos)
    return excluded is None or token.dep_ not in excluded


@lru_cache(maxsize=1)
def wordnet_files() -> dict[tuple[str, str], tuple[tuple[str, ...], bool]]:
    """(lemma, "n"|"v") -> (lexicographer file codes, most frequent sense first; deverbal)."""
    text = resources.files("timelinegraph.data").joinpath("wordnet_lexnames.tsv").read_text()
    table: dict[tuple[str, str], tuple[tuple[str, ...], bool]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lemma, pos, codes, deverbal = line.split("\t")
            table[(lemma, pos)] = (tuple(codes.split(",")), deverbal == "d")
    return table


@lru_cache(maxsize=1)
def _plover_lemmas() -> frozenset[tuple[str, str]]:
    return frozenset(load_lexicon())


def token_features(token: Token, tokens: list[Token], lemma: str, chain: str | None) -> list[str]:
    """Feature strings of a candidate token; ``chain`` is its hyphenated word ("cease-fire")
    when it heads one, ``lemma`` the lemma the trigger finder uses."""
    pos, tag, dep, lower = token.pos_, token.tag_, token.dep_, token.lower_
    coarse = COARSE.get(pos, "O")
    head = token.head
    feats = [
        "b",
        f"p={pos}",
        f"t={tag}",
        f"d={dep}",
        f"pd={pos}|{dep}",
        f"td={tag}|{dep}",
        f"l={lemma}",
        f"lc={lemma}|{coarse}",
        f"w={lower}",
        f"s3={lower[-3:]}|{coarse}",
        f"s4={lower[-4:]}|{coarse}",
    ]
    if chain is not None:
        feats += ["hy", f"ch={chain}"]
    if head.i != token.i:
        feats += [
            f"hp={head.pos_}|{dep}",
            f"hl={head.lemma_.lower()}|{dep}",
            f"hd={head.dep_}|{coarse}",
        ]
    else:
        feats.append("root")
    for child in children_of(token):
        cdep = child.dep_
        if cdep in CHILD_DEPS:
            feats.append(f"c={cdep}|{coarse}")
            if cdep in ("aux", "auxpass", "neg", "det", "mark", "case", "prt"):
                feats.append(f"cw={cdep}|{child.lower_}")
            elif cdep in ("prep", "agent"):
                feats.append(f"cp={child.lower_}|{coarse}")
    i = token.i
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    # a blank line or the edge of the text reads as "<s>": no whitespace inside a feature
    if before is None or before.is_space:
        feats += ["pw=<s>", f"pt=<s>|{coarse}"]
    else:
        feats += [f"pw={before.lower_}", f"pt={before.tag_}|{coarse}"]
    if after is None or after.is_space:
        feats += ["nw=<s>", f"nt=<s>|{coarse}"]
    else:
        feats += [f"nw={after.lower_}", f"nt={after.tag_}|{coarse}"]
    if token.ent_type_:
        feats.append(f"e={token.ent_type_}|{coarse}")
    if token.is_title and not token.is_sent_start:
        feats.append(f"title|{coarse}")
    for name, words in WORD_LISTS:
        if lemma in words:
            feats.append(f"k={name}|{coarse}")
    if coarse in ("V", "N"):
        feats.extend(_wordnet_features(lemma, "v" if coarse == "V" else "n"))
        if (lemma, coarse) in _plover_lemmas():
            feats.append(f"pl|{coarse}")
    return feats


def _wordnet_features(lemma: str, pos: str) -> list[str]:
    found = wordnet_files().get((lemma, pos))
    if found is None:
        return [f"wn={pos}-"]
    codes, deverbal = found
    feats = [f"wn1={pos}{codes[0]}"]
    feats += [f"wn={pos}{code}" for code in codes]
    if deverbal:
        feats.append("wnd")
    return feats
