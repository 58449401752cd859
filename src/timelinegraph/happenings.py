"""What a mention means for the graph, read from the data model alone: whether it tells of
something real (not planned or hypothetical) and whether it is a graph event at all. The
extraction uses these to skip work for mentions the graph will not show; the merge and the
QA report use them to keep past and planned happenings apart. One home for both rules."""

from __future__ import annotations

from .models import Event, EventType, Modality, Polarity

_IRREALIS = frozenset({Modality.PLANNED, Modality.HYPOTHETICAL})


def realis(modality: Modality) -> bool:
    """Whether a mention tells of something that happened or is happening (ASSERTED or
    REPORTED) rather than something planned or hypothetical."""
    return modality not in _IRREALIS


def belongs_in_graph(event: Event) -> bool:
    """Whether a mention is a graph event: a happening (no ``frame``) the text says happens,
    with a type, or untyped and happening to a known actor. Events the text says did not
    happen, possibilities nobody takes part in, untyped events nobody takes part in
    ("dashed", "fueled") and untyped plans ("may not sleep") stay in the per-article
    extraction (TimeML, eval) but would only be noise on a timeline."""
    if event.frame is not None:
        return False  # "said", "held (talks)", "is": they frame events, they are not events
    if event.polarity is Polarity.NEGATIVE:
        return False  # "hadn't missed a game": what did not happen is no event ("won't
        # accept" is one: the type says REJECT and the polarity stays positive)
    if event.modality is Modality.HYPOTHETICAL and not (event.agents or event.targets):
        return False  # "could have done what they wanted without talking to ...": no one's
    if event.type != EventType.OTHER:
        return True
    return bool(event.agents or event.targets) and realis(event.modality)
