"""Features of one token for the event detector, read off the spaCy parse the rules already have.

Training (``training/train_event_detector.py``) sees :func:`token_features`; inference the
same strings grouped by :func:`feature_keys` and built by :func:`group_features`, so a feature
means the same thing on both sides. Lexical features come in two grains: the word itself
(which memorises the training corpus) and word classes that carry over to words never seen
in training (part of speech, dependency, suffix, the project's own word lists and WordNet's
lexicographer files).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..lemmas import word_lemma
from .classes import ASPECTUAL, I_ACTION, I_STATE, PERCEPTION, STATE
from .classes import REPORTING as REPORTING_CLASS
from .docview import DocView
from .lexicon import EVENT_NOUNS, NON_EVENT_NOUNS, load_lexicon
from .triggers import LIGHT, NAMED_EVENTS, REPORTING, STATES

__all__ = [
    "CANDIDATE_POS",
    "NOT_CANDIDATE_DEPS",
    "NOT_CANDIDATE_ENTS",
    "feature_keys",
    "group_features",
    "is_candidate",
    "lexical_features",
    "token_features",
    "wordnet_files",
]

# Parts of speech a TimeML event can have: in the TempEval-3 training data 99.6% of the
# events sit on a verb, noun, adjective or copula; every other token is never scored, nor are
# the kinds of these that are next to never events (counts in the train and dev parts):
# auxiliaries (15 events in 3,232), attributive adjectives (16 in 5,232), nouns modifying
# nouns (12 in 2,179), possessors (0 in 306) or adverbial (1 in 878), nouns in a date, time,
# amount or number (1 in 1,442) and adjectives in any named entity (0 in 1,130). Fewer
# candidates is less to score: the detector's cost follows their number.
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
NOT_CANDIDATE_DEPS = {
    "AUX": frozenset({"aux", "auxpass"}),
    "ADJ": frozenset({"amod", "compound"}),
    "NOUN": frozenset({"compound", "poss", "npadvmod"}),
}
ANY_ENTITY = "*"
NOT_CANDIDATE_ENTS = {
    "NOUN": frozenset({"DATE", "TIME", "PERCENT", "MONEY", "CARDINAL"}),
    "ADJ": frozenset({ANY_ENTITY}),
}
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
# Dependents whose word itself is telling: "will", "not", "the", "to", "up".
WORD_DEPS = frozenset({"aux", "auxpass", "neg", "det", "mark", "case", "prt"})


def is_candidate(token: Token) -> bool:
    """Whether the detector scores this token at all."""
    pos = token.pos_
    if pos not in CANDIDATE_POS:
        return False
    if token.dep_ in NOT_CANDIDATE_DEPS.get(pos, ()):
        return False
    ents = NOT_CANDIDATE_ENTS.get(pos, ())
    return not token.ent_type_ or (ANY_ENTITY not in ents and token.ent_type_ not in ents)


@lru_cache(maxsize=1)
def wordnet_files() -> dict[str, str]:
    """ "lemma<TAB>n|v" -> "codes<TAB>d": WordNet lexicographer file codes, most frequent sense
    first, comma-separated, and "d" for a deverbal noun (split only when a word needs it)."""
    text = resources.files("timelinegraph.data").joinpath("wordnet_lexnames.tsv").read_text()
    table: dict[str, str] = {}
    for line in text.split("\n"):
        if line and not line.startswith("#"):
            cut = line.index("\t", line.index("\t") + 1)
            table[line[:cut]] = line[cut + 1 :]
    return table


@lru_cache(maxsize=1)
def _plover_lemmas() -> frozenset[tuple[str, str]]:
    return frozenset(load_lexicon())


# A feature group and the attributes it reads, packed into one int: the group's code in the
# low 4 bits, then each attribute (a spaCy hash or symbol id, < 2**64) in 64 bits of its own;
# the hyphenated word's group is the word itself. Ints and strings, unlike tuples, are not
# tracked by the garbage collector, which would otherwise rescan the detector's cache of
# them over and over.
Key = int | str
W, H, R, K, P0, P, N0, N = range(1, 9)
_FIELDS = {W: 7, H: 5, R: 0, K: 3, P0: 1, P: 3, N0: 1, N: 3}
_MASK = (1 << 64) - 1


def feature_keys(
    view: DocView, heads: list[int], chains: list[str | None]
) -> tuple[list[Key], list[int]]:
    """The feature groups of each candidate token ``heads[n]``, with what each group reads,
    end to end, and where each token's groups start; ``chains[n]`` is the hyphenated word
    ("cease-fire") the token heads, if any. The detector caches each group's weights by this
    key, so a group's strings are built once per process, not once per token."""
    lower, lemma, pos, tag, dep = view.lower, view.lemma, view.pos, view.tag, view.dep
    head, space, n = view.head, view.space, len(view.lower)
    kid, kid_start, ent = view.kid, view.kid_start, view.ent
    child_deps = _child_dep_ids(view)
    keys: list[Key] = []
    add = keys.append
    starts: list[int] = []
    for i, chain in zip(heads, chains, strict=True):
        starts.append(len(keys))
        p, d = pos[i], dep[i]
        # the word itself: its form, lemma, tags, entity, capital (not at a sentence start)
        title = 1 if view.title[i] and view.sent_start[i] != 1 else 0
        add(W | lower[i] << 4 | lemma[i] << 68 | tag[i] << 132 | d << 196 | ent[i] << 260
            | title << 324 | p << 388)  # fmt: skip
        if chain is not None:
            add(chain)
        h = head[i]
        if h != i:
            add(H | d << 4 | p << 68 | pos[h] << 132 | lemma[h] << 196 | dep[h] << 260)
        else:
            add(R)
        for j in range(kid_start[i], kid_start[i + 1]):
            k = kid[j]
            if dep[k] in child_deps:
                add(K | dep[k] << 4 | lower[k] << 68 | p << 132)
        # a blank line or the edge of the text reads as "<s>": no whitespace inside a feature
        add(
            P0 | p << 4
            if i == 0 or space[i - 1]
            else P | lower[i - 1] << 4 | tag[i - 1] << 68 | p << 132
        )
        add(
            N0 | p << 4
            if i + 1 == n or space[i + 1]
            else N | lower[i + 1] << 4 | tag[i + 1] << 68 | p << 132
        )
    return keys, starts


def group_features(view: DocView, key: Key) -> list[str]:
    """The feature strings of one group (see :func:`feature_keys`)."""
    if isinstance(key, str):
        return ["hy", f"ch={key}"]
    group = key & 15
    if group == R:
        return ["root"]
    s = [view.text((key >> (4 + 64 * j)) & _MASK) for j in range(_FIELDS[group])]
    if group == W:
        lower, lemma, tag, dep, ent, title, pos = s[0], s[1], s[2], s[3], s[4], key >> 324 & 1, s[6]
        coarse = COARSE.get(pos, "O")
        feats = list(lexical_features(lower, word_lemma(lower, pos, lemma), pos))
        feats += [f"t={tag}", f"d={dep}", f"pd={pos}|{dep}", f"td={tag}|{dep}"]
        if ent:
            feats.append(f"e={ent}|{coarse}")
        if title:
            feats.append(f"title|{coarse}")
        return feats
    coarse = COARSE.get(s[-1], "O")  # the token's own part of speech comes last (but in H)
    if group == H:
        dep, pos, hpos, hlemma, hdep = s
        coarse = COARSE.get(pos, "O")
        return [f"hp={hpos}|{dep}", f"hl={hlemma.lower()}|{dep}", f"hd={hdep}|{coarse}"]
    if group == K:
        kdep, klower = s[0], s[1]
        if kdep in WORD_DEPS:
            return [f"c={kdep}|{coarse}", f"cw={kdep}|{klower}"]
        if kdep in ("prep", "agent"):
            return [f"c={kdep}|{coarse}", f"cp={klower}|{coarse}"]
        return [f"c={kdep}|{coarse}"]
    if group in (P0, N0):
        side = "p" if group == P0 else "n"
        return [f"{side}w=<s>", f"{side}t=<s>|{coarse}"]
    side = "p" if group == P else "n"  # P or N
    return [f"{side}w={s[0]}", f"{side}t={s[1]}|{coarse}"]


def token_features(view: DocView, i: int, chain: str | None) -> list[str]:
    """All the feature strings of candidate token ``i`` (what training sees)."""
    keys, _ = feature_keys(view, [i], [chain])
    return [f for key in keys for f in group_features(view, key)]


_CHILD_DEP_IDS: list[frozenset[int]] = []


def _child_dep_ids(view: DocView) -> frozenset[int]:
    # label ids are spaCy's symbol ids or string hashes: the same for every vocabulary
    if not _CHILD_DEP_IDS:
        _CHILD_DEP_IDS.append(frozenset(view.strings[d] for d in CHILD_DEPS))
    return _CHILD_DEP_IDS[0]


def lexical_features(lower: str, lemma: str, pos: str) -> tuple[str, ...]:
    """The features of the word itself, the same wherever it stands."""
    coarse = COARSE.get(pos, "O")
    feats = [
        "b",
        f"p={pos}",
        f"l={lemma}",
        f"lc={lemma}|{coarse}",
        f"w={lower}",
        f"s3={lower[-3:]}|{coarse}",
        f"s4={lower[-4:]}|{coarse}",
    ]
    for name, words in WORD_LISTS:
        if lemma in words:
            feats.append(f"k={name}|{coarse}")
    if coarse in ("V", "N"):
        feats.extend(_wordnet_features(lemma, "v" if coarse == "V" else "n"))
        if (lemma, coarse) in _plover_lemmas():
            feats.append(f"pl|{coarse}")
    return tuple(feats)


def _wordnet_features(lemma: str, pos: str) -> list[str]:
    found = wordnet_files().get(f"{lemma}\t{pos}")
    if found is None:
        return [f"wn={pos}-"]
    codes, deverbal = found.split("\t")
    files = codes.split(",")
    feats = [f"wn1={pos}{files[0]}"]
    feats += [f"wn={pos}{code}" for code in files]
    if deverbal == "d":
        feats.append("wnd")
    return feats
