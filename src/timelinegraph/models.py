"""The data model every stage shares: pydantic v2 models, pure data, no behaviour.

Offsets are character offsets into ``Article.text`` (the article body as read, with any
``date YYYY-MM-DD`` header removed). Every extracted fact carries a ``Provenance``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

# Equal field-name sets, shared by every instance that has one (see Model).
_FIELD_SETS: dict[frozenset[str], frozenset[str]] = {}


def _share_fields_set(model: BaseModel, names: set[str] | frozenset[str]) -> None:
    frozen = frozenset(names)
    object.__setattr__(model, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozen, frozen))


class Model(BaseModel):
    """Base for all models: unknown fields are an error, so typos never pass silently.

    Memory: pydantic gives every instance its own ``set`` of the fields it was given, 728
    bytes for eight names, two thirds of a ``Provenance``; a 10,000-article graph holds
    millions of instances. Here equal sets are one shared ``frozenset``, and the two pydantic
    paths that add a name to it (assignment and ``model_copy(update=...)``) share a new one.
    """

    model_config = ConfigDict(extra="forbid")

    def model_post_init(self, context: Any, /) -> None:
        _share_fields_set(self, self.__pydantic_fields_set__)

    def __setattr__(self, name: str, value: Any) -> None:
        names = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", set(names))
        try:
            super().__setattr__(name, value)
        finally:
            _share_fields_set(self, self.__pydantic_fields_set__)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(deep=deep)
        if update:
            copied.__dict__.update(update)
            _share_fields_set(copied, copied.__pydantic_fields_set__ | update.keys())
        return copied


# --------------------------------------------------------------------------- ingest

# How an article's publication date was found; what each may anchor: timelinegraph.dating.
PublishedSource = Literal["metadata", "url", "dateline", "body", "default"]


class Article(Model):
    """One news article as read from disk, before any NLP."""

    id: str = Field(description="Stable id: file stem or the JSON `id`, made safe for IRIs.")
    text: str = Field(description="Article body; all offsets point into this string.")
    published: date = Field(description="Publication date: the anchor for relative times.")
    published_source: PublishedSource = Field(
        default="metadata",
        description="How the publication date was found: metadata (a date header, JSON date, "
        "TimeML DCT, CAT creation time), url (a date in the article's URL), dateline (a date "
        "line near the top), body (a guess from dates in the story: relative times are left "
        "unresolved and no event is dated from it) or default (--default-date). See "
        "timelinegraph.dating.",
    )
    title: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = Field(default_factory=list)
    path: str | None = Field(default=None, description="File the article was read from.")
    dateline: str | None = Field(default=None, description="Dateline place, e.g. 'Cairo'.")
    skip_spans: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Spans that are metadata, not story (dateline, credit lines): never mined.",
    )


# --------------------------------------------------------------------------- extract


class Provenance(Model):
    """Where a fact came from, precisely enough to show the sentence to a reader."""

    article_id: str
    sentence_index: int
    start: int = Field(description="Start character offset in the article text.")
    end: int = Field(description="End character offset (exclusive).")
    sentence: str = Field(description="Text of the sentence the fact was read from.")
    extractor: str = Field(description="Extractor name, e.g. 'timelinegraph.extract.events'.")
    version: str = Field(description="Extractor version.")
    confidence: float = Field(ge=0.0, le=1.0)

    def model_post_init(self, context: Any, /) -> None:
        super().model_post_init(context)
        # one string per sentence (and per article id), however many facts quote it
        d = self.__dict__
        d["sentence"] = sys.intern(d["sentence"])
        d["article_id"] = sys.intern(d["article_id"])
        d["extractor"] = sys.intern(d["extractor"])
        d["version"] = sys.intern(d["version"])


class Sentence(Model):
    index: int
    start: int
    end: int
    text: str


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(StrEnum):
    """Precision of a normalized time value."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    TIME = "time"
    UNKNOWN = "unknown"


class TimeExpression(Model):
    """A TimeML TIMEX3: a time expression normalized against the publication date."""

    id: str = Field(description="Article-local id: t1, t2, ... in text order.")
    text: str
    start: int
    end: int
    sentence_index: int
    type: TimexType
    value: str = Field(description="TIMEX3 value: 2024-03-07, 2023-11, P6W, PAST_REF, ...")
    granularity: Granularity
    mod: str | None = Field(
        default=None, description="TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, ..."
    )
    provenance: Provenance


class ActorType(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    STATE = "STATE"  # a country or polity
    PLACE = "PLACE"  # a city, region or other location
    GROUP = "GROUP"  # people described collectively: 'mediators', 'Palestinians'


class Mention(Model):
    """One place in the text where an actor is named or referred to."""

    text: str
    start: int
    end: int
    sentence_index: int
    kind: str = Field(
        default="name",
        description="name | surname | demonym | pronoun | nominal (how the actor is referred to)",
    )
    qualifier: str | None = Field(
        default=None, description="Who, within the actor: 'officials' in 'Egyptian officials'."
    )
    provenance: Provenance


class Actor(Model):
    """An actor as one article knows it (article-local id)."""

    id: str = Field(description="Article-local id: a1, a2, ...")
    name: str = Field(description="Canonical name: the fullest form used in the article.")
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(
        default_factory=list, description="Titles and roles: 'Prime Minister', 'leader in Gaza'."
    )
    country: str | None = Field(default=None, description="ISO 3166 alpha-2, when known.")
    mentions: list[Mention]


class EventType(StrEnum):
    """Event types: PLOVER's 16 political types, then general-news types after ACE 2005/ERE
    with disasters added; OTHER for what fits none. The codebook is docs/event-types.md."""

    # PLOVER (Political Language Ontology for Verifiable Event Records)
    AGREE = "AGREE"  # agree to, sign or accept an arrangement
    CONSULT = "CONSULT"  # meet, talk, negotiate, visit, host, mediate
    SUPPORT = "SUPPORT"  # verbal or political backing
    CONCEDE = "CONCEDE"  # yield, allow, apologise, compromise
    COOPERATE = "COOPERATE"  # joint action, partnership, alliance
    AID = "AID"  # economic, military, humanitarian aid; peacekeeping; asylum
    RETREAT = "RETREAT"  # release, return, ease, allow access, cease fire, withdraw, disarm
    REQUEST = "REQUEST"  # demand, ask, appeal, urge
    ACCUSE = "ACCUSE"  # investigate, disapprove, accuse, sue
    REJECT = "REJECT"  # reject, refuse, deny, veto
    THREATEN = "THREATEN"  # threaten, warn, issue an ultimatum
    PROTEST = "PROTEST"  # demonstrate, hunger-strike, strike or boycott, obstruct, riot
    SANCTION = "SANCTION"  # withdraw, discontinue, expel, embargo
    MOBILIZE = "MOBILIZE"  # deploy or mass police or troops
    COERCE = "COERCE"  # arrest, deport, seize, ban, restrict, curfew, martial law
    ASSAULT = "ASSAULT"  # violence: kill, shoot, bomb, abduct, beat, torture, arson
    # General news (ACE 2005 / ERE types and natural disasters)
    DISASTER = "DISASTER"  # natural hazards: earthquake, storm, flood, wildfire, epidemic
    ACCIDENT = "ACCIDENT"  # unintended harm: crash, explosion, fire, collapse, sinking, fall
    CRIME = "CRIME"  # crime for gain or evasion: robbery, theft, fraud, escape, smuggling
    JUSTICE = "JUSTICE"  # courts: charge, trial, plead, convict, sentence, appeal, parole
    LIFE = "LIFE"  # life events: born, marry, divorce, die, injure
    HEALTH = "HEALTH"  # illness, hospital, treatment, surgery, rehab, recovery, overdose
    PERSONNEL = "PERSONNEL"  # hire, appoint, nominate, promote, resign, fire, retire
    ELECTION = "ELECTION"  # vote, campaign, candidacy, election won or lost, referendum
    POLICY = "POLICY"  # laws and rules: legislate, regulate, repeal, decree
    BUSINESS = "BUSINESS"  # merge, acquire, sell, invest, found, close, bankruptcy, layoffs
    PRODUCT = "PRODUCT"  # launch, release, unveil, update or recall a product or work
    ECONOMY = "ECONOMY"  # market and economic figures rise or fall
    MOVEMENT = "MOVEMENT"  # travel, arrive, depart, return, flee, evacuate, transport
    SPORT = "SPORT"  # play, win, lose, score, sign, trade, draft, roster moves
    CULTURE = "CULTURE"  # awards, ceremonies, performances, premieres, films, publications
    STATEMENT = "STATEMENT"  # announcements, speeches, interviews, press conferences
    OTHER = "OTHER"  # a happening no type above fits


class Modality(StrEnum):
    ASSERTED = "ASSERTED"  # the text states it happened / is happening
    REPORTED = "REPORTED"  # stated by a source the text attributes it to
    PLANNED = "PLANNED"  # future, intended, expected, scheduled
    HYPOTHETICAL = "HYPOTHETICAL"  # may, could, would, if, whether


class Polarity(StrEnum):
    POSITIVE = "POS"
    NEGATIVE = "NEG"


class EventClass(StrEnum):
    """TimeML event classes (ISO-TimeML / TempEval-3)."""

    OCCURRENCE = "OCCURRENCE"  # something happens: attack, release, named
    REPORTING = "REPORTING"  # someone tells of an event: say, announce, report
    STATE = "STATE"  # a circumstance holds: be in control, ceasefire in force
    I_ACTION = "I_ACTION"  # an intended action over another event: try, propose, demand
    I_STATE = "I_STATE"  # a mental state over another event: want, believe, expect
    ASPECTUAL = "ASPECTUAL"  # a phase of another event: begin, continue, end
    PERCEPTION = "PERCEPTION"  # a perception of another event: see, hear, watch


class EventArgument(Model):
    """One participant of an event, anchored on the words that name it in the sentence."""

    role: str = Field(
        description="agent (PropBank Arg0) | theme (Arg1) | target (to/with/against...)"
    )
    actor: str | None = Field(
        default=None, description="Actor id (article-local); None for things ('the iPhone')."
    )
    text: str
    start: int
    end: int
    via: str | None = Field(
        default=None,
        description="'support' when taken from the support verb's subject ('Hamas held talks'); "
        "'member' for a member of a compound group beside the phrase's own actor ('Qatari and "
        "Egyptian officials': Qatar beside Egypt).",
    )


class EventTime(Model):
    """When an event happened, at the precision the text supports."""

    value: str | None = Field(
        default=None, description="TIMEX3 value of the attached expression, if any."
    )
    timex_id: str | None = None
    granularity: Granularity | None = None
    mod: str | None = Field(default=None, description="TIMEX3 mod of the attached expression.")
    earliest: date | None = Field(default=None, description="Earliest possible day.")
    latest: date | None = Field(default=None, description="Latest possible day.")
    source: str = Field(
        description="expression | publication_date | report (bounded by the reporting "
        "statement) | unknown (no dated expression, and the publication date is a guess)"
    )


class Quantity(Model):
    """A number the text gives about an event: '30,000 Palestinians dead'."""

    value: float
    unit: str = Field(description="What is counted, lemmatized: 'palestinian', 'hostage'.")
    text: str
    start: int
    end: int
    mod: str | None = Field(default=None, description="APPROX, MORE_THAN, LESS_THAN, ...")


# Particles of phrasal verbs ("pulled out", "called off"): part of a trigger, not its head.
PARTICLES = frozenset(
    {"out", "off", "up", "down", "back", "away", "in", "on", "over", "through", "ahead"}
)


class Event(Model):
    """A typed event as one article reports it (article-local id)."""

    id: str = Field(description="Article-local id: e1, e2, ...")
    trigger: str = Field(description="Trigger words as in the text: 'pulled out', 'truce'.")
    lemma: str = Field(description="Lemma of the trigger: 'pull out', 'truce'.")
    start: int
    end: int
    sentence_index: int
    type: EventType
    agents: list[str] = Field(default_factory=list, description="Actor ids (article-local).")
    targets: list[str] = Field(default_factory=list, description="Actor ids (article-local).")
    location: str | None = Field(default=None, description="Actor id of the place.")
    location_source: str | None = Field(default=None, description="text | dateline")
    time: EventTime
    polarity: Polarity = Polarity.POSITIVE
    modality: Modality = Modality.ASSERTED
    attribution: str | None = Field(default=None, description="Actor id of who says so.")
    attribution_text: str | None = Field(
        default=None, description="The attributing words: 'Egyptian officials said'."
    )
    quantities: list[Quantity] = Field(default_factory=list)
    event_class: EventClass = Field(
        default=EventClass.OCCURRENCE, description="TimeML class of the trigger."
    )
    tense: str = Field(
        default="NONE", description="TimeML tense: PAST, PRESENT, FUTURE, INFINITIVE, ..."
    )
    aspect: str = Field(default="NONE", description="TimeML aspect: PROGRESSIVE, PERFECTIVE, ...")
    pos: str = Field(default="VERB", description="VERB | NOUN | ADJECTIVE | OTHER")
    arguments: list[EventArgument] = Field(
        default_factory=list, description="Agents and targets with the words naming them."
    )
    frame: str | None = Field(
        default=None,
        description="Why this mention is not a happening of its own, or None when it is one "
        "(see extract/events/predicates.py): reporting ('said'), copula ('is'), state "
        "('believes'), support ('held' talks), aspectual ('stopped' delivering), intention "
        "('hoping' to secure), content (what a demand or refusal is about), modifier ('aid' "
        "convoy), generic ('aid', 'the fighting' as background). Framed mentions stay TimeML "
        "mentions but never become graph events.",
    )
    part_of: str | None = Field(
        default=None,
        description="Local id of the event this framing word is folded into: 'held' in 'held "
        "talks' is part of the talks.",
    )
    mode: str | None = Field(
        default=None, description="Sub-type: the PLOVER mode or general-news sub-type ('arrest')."
    )
    phase: str | None = Field(
        default=None, description="begin | continue | end | resume: from a folded aspectual verb."
    )
    headline: str = Field(
        default="", description="A short clause built from the event's parts: who, what, whom."
    )
    timeml: bool = Field(
        default=True,
        description="A TimeML EVENT mention (found by the trained detector); false for a "
        "mention only the word-list rules find (copulas, 'sales'), which MEANTIME annotates "
        "and TimeML does not.",
    )
    provenance: Provenance

    @property
    def head_span(self) -> tuple[int, int]:
        """The offsets of the head word, the one token TimeML marks: a phrasal verb's adjacent
        particle ("went off", lemma "go off") is left out; the graph keeps the lemma."""
        head, _, last = self.trigger.rpartition(" ")
        if head and self.pos == "VERB" and last.lower() in PARTICLES and self.lemma.endswith(last):
            return self.start, self.start + self.trigger.index(" ")
        return self.start, self.end


class RelationType(StrEnum):
    LEADER_OF = "LEADER_OF"
    MEMBER_OF = "MEMBER_OF"
    AT_ODDS_WITH = "AT_ODDS_WITH"
    MEDIATES_BETWEEN = "MEDIATES_BETWEEN"  # source mediates; one relation per party
    LOCATED_IN = "LOCATED_IN"


class Relation(Model):
    """A directed, typed relation between two actors, stated in the text."""

    type: RelationType
    source: str = Field(description="Actor id (article-local).")
    target: str = Field(description="Actor id (article-local).")
    provenance: Provenance


class TemporalRelation(StrEnum):
    """The TimeML TLINK relation types timelinegraph states (docs/temporal.md says why these)."""

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    INCLUDES = "INCLUDES"
    IS_INCLUDED = "IS_INCLUDED"
    SIMULTANEOUS = "SIMULTANEOUS"


class TemporalLink(Model):
    """How two things of one article are ordered in time: two of its events, an event and a
    time expression, or an event and the publication date."""

    source: str = Field(description="Local event id: e3.")
    target: str = Field(
        description="Local event id (e7), time expression id (t2) or 'dct' (publication date)."
    )
    relation: TemporalRelation = Field(description="source RELATION target.")
    rule: str = Field(
        description="What found it: signal (after, during...), syntax, tense, news (a news "
        "convention), model (the trained classifier)."
    )
    evidence: str = Field(description="The words or features that decided it, in words.")
    confidence: float = Field(ge=0.0, le=1.0)
    provenance: Provenance


class ArticleExtraction(Model):
    """Everything extracted from one article."""

    article: Article
    sentences: list[Sentence]
    actors: list[Actor]
    times: list[TimeExpression]
    events: list[Event]
    relations: list[Relation]
    links: list[TemporalLink] = Field(
        default_factory=list, description="Temporal relations (TLINKs), in text order."
    )


# --------------------------------------------------------------------------- resolve


class Source(Model):
    """One article-level mention behind a merged node."""

    local_id: str = Field(description="The article-local id (a3, e7) in that article.")
    text: str
    provenance: Provenance


class MergeStep(Model):
    """One mention joined to a node, and why: the graph's record of a merge decision."""

    mention: str = Field(description="The mention merged in: 'article-id#local-id'.")
    into: str = Field(description="The mention it was matched with: 'article-id#local-id'.")
    rule: str = Field(
        description="Which rule matched: same-state, same-name, alias, acronym, surname, "
        "mononym (actors); same-trigger, same-day (events)."
    )
    evidence: str = Field(description="The evidence, in words.")


class LinkSource(Model):
    """One article's statement of a temporal link, as the extraction gave it."""

    source: str = Field(description="The stating mention: 'article-id#e3'.")
    target: str = Field(description="'article-id#e7', 'article-id#t2' or 'article-id#dct'.")
    relation: TemporalRelation = Field(description="source RELATION target, as stated.")
    rule: str
    evidence: str
    provenance: Provenance


class EventBounds(Model):
    """The days an event can have begun on, given its own time and every temporal link
    (resolve/order.py). ``*_from`` says where each bound comes from: 'time' (the event's own
    time), another event's id (its time, reached through links), a link id (a link to a time
    expression or the publication date), or a mention outside the graph ('article-id#e5')
    that the links reached."""

    earliest: date | None = None
    latest: date | None = None
    earliest_from: str | None = None
    latest_from: str | None = None


class GeoPrecision(StrEnum):
    """What a place's point stands for."""

    CITY = "city"  # a city or town (GeoNames, pop. > 15,000)
    REGION = "region"  # a first-level division: a state, province, governorate
    COUNTRY = "country"
    CONTINENT = "continent"


class Geo(Model):
    """Where a place is: the gazetteer entry it was resolved to (timelinegraph.resolve.places)."""

    name: str = Field(description="The gazetteer's name of the place: 'Paris', 'Texas'.")
    latitude: float = Field(ge=-90, le=90, description="WGS 84 degrees north.")
    longitude: float = Field(ge=-180, le=180, description="WGS 84 degrees east.")
    country: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 of the country it lies in; None for a "
        "continent. May differ from the actor's `country` when context read a country's name "
        "as a region ('Georgia' the US state).",
    )
    region: str | None = Field(
        default=None, description="GeoNames admin-1 code of its region, 'US.TX' (cities, regions)."
    )
    geonames_id: int = Field(description="GeoNames feature id: https://sws.geonames.org/ID/.")
    precision: GeoPrecision
    sure: bool = Field(
        description="False when another place of the name is as likely and the text did not "
        "say which (the QA report lists these)."
    )
    evidence: str = Field(description="Why this place, in words; and what else it could be.")


class ResolvedActor(Model):
    id: str = Field(description="Global, stable id, e.g. 'state-israel'.")
    name: str
    type: ActorType
    aliases: list[str]
    roles: list[str]
    country: str | None = None
    sources: list[Source]
    merges: list[MergeStep] = Field(
        default_factory=list, description="How the sources were merged, one step per mention."
    )
    geo: Geo | None = Field(
        default=None,
        description="Where a STATE or PLACE actor is, when the gazetteer knows the name "
        "(timelinegraph.resolve.places); None otherwise.",
    )


class ResolvedEvent(Model):
    id: str = Field(description="Global, stable id derived from its earliest mention.")
    type: EventType
    mode: str | None = None
    headline: str = Field(default="", description="The headline of its fullest mention.")
    trigger: str
    lemma: str
    agents: list[str] = Field(description="Global actor ids.")
    targets: list[str] = Field(description="Global actor ids.")
    location: str | None = None
    location_source: str | None = None
    time: EventTime
    polarity: Polarity
    modality: Modality
    attributions: list[str] = Field(default_factory=list, description="Global actor ids.")
    attribution_texts: list[str] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    sources: list[Source] = Field(description="Every article mention merged into this event.")
    merges: list[MergeStep] = Field(
        default_factory=list, description="Why the mentions were merged, one step per mention."
    )
    stories: list[str] = Field(
        default_factory=list, description="Ids of the stories its mentions come from."
    )
    bounds: EventBounds | None = Field(
        default=None,
        description="When it can have begun: its own time narrowed by the temporal links "
        "(resolve/order.py); None when that step has not run (its time's bounds hold).",
    )


class ResolvedLink(Model):
    """How a graph event lies in time against another graph event or a time, across the
    articles that say so (resolve/order.py). Between two events the relation is BEFORE,
    INCLUDES or SIMULTANEOUS (AFTER and IS_INCLUDED are turned round)."""

    id: str = Field(description="Global, stable id: 'link-…'.")
    source: str = Field(description="Global event id.")
    target: str = Field(
        description="Global event id, or a time: its TIMEX3 value ('2024-02'), or the "
        "publication date ('2024-03-07') for a link to it."
    )
    target_kind: str = Field(description="event | time")
    target_earliest: date | None = Field(default=None, description="A time's first day.")
    target_latest: date | None = Field(default=None, description="A time's last day.")
    relation: TemporalRelation
    confidence: float = Field(ge=0.0, le=1.0, description="Its most confident statement's.")
    rule: str = Field(description="The rule of its most confident statement.")
    sources: list[LinkSource] = Field(description="Every statement of it, in article order.")


class Contradiction(Model):
    """Temporal links that cannot all hold; the weakest was dropped (resolve/order.py)."""

    kind: str = Field(description="cycle (a loop of order) | dates (against known dates)")
    dropped: str = Field(description="The dropped link, in words.")
    dropped_confidence: float
    dropped_sources: list[LinkSource]
    kept: list[str] = Field(description="The links it contradicts, in words.")
    kept_sources: list[LinkSource]
    dates: list[str] = Field(default_factory=list, description="The dates involved, in words.")


class ResolvedRelation(Model):
    id: str
    type: RelationType
    source: str = Field(description="Global actor id.")
    target: str = Field(description="Global actor id.")
    sources: list[Source]


class ArticleInfo(Model):
    """Article metadata as it appears in the graph (no body text)."""

    id: str
    title: str | None = None
    published: date
    published_source: PublishedSource = Field(
        default="metadata",
        description="metadata | url | dateline | body (a guess) | default (see Article).",
    )
    url: str | None = None
    source: str | None = None
    authors: list[str] = Field(default_factory=list)
    path: str | None = None
    dateline: str | None = None
    story: str | None = Field(default=None, description="Id of the story it tells.")


class Story(Model):
    """The articles that tell one real happening or its direct sequel (resolve/stories.py)."""

    id: str = Field(description="Global, stable id from its first article: 'story-…'.")
    label: str = Field(description="The title of its first article that has one.")
    articles: list[str] = Field(description="Article ids, sorted.")


class KnowledgeGraph(Model):
    """The resolved, cross-article model that every exporter reads. Lists are sorted by id."""

    articles: list[ArticleInfo]
    actors: list[ResolvedActor]
    events: list[ResolvedEvent]
    relations: list[ResolvedRelation]
    stories: list[Story] = Field(default_factory=list)
    links: list[ResolvedLink] = Field(
        default_factory=list, description="Temporal links between events and to times."
    )
    contradictions: list[Contradiction] = Field(
        default_factory=list, description="Links dropped because they contradict others."
    )
