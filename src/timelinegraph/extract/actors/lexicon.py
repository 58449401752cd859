"""Word lists that decide what counts as an actor. General English, not tied to any article."""

from __future__ import annotations

from ...models import ActorType

# Heads of noun phrases that denote people or bodies acting collectively ("mediators said").
GROUP_NOUNS = frozenset(
    """
    official officials mediator mediators negotiator negotiators analyst analysts diplomat
    diplomats militant militants fighter fighters soldier soldiers troops troop police
    protester protesters demonstrator demonstrators rebel rebels insurgent insurgents
    authority authorities government governments military army navy forces force
    ministry cabinet administration parliament lawmakers lawmaker legislators senators
    leaders leader leadership delegation delegations spokesman spokeswoman spokesperson
    investigators prosecutors judge judges court regulators regulator agency agencies
    organization organizations organisations group groups union unions activists
    residents civilians hostages refugees voters workers employees executives
    shareholders investors critics experts observers witnesses officers commanders
    ministers minister envoys envoy inspectors monitors doctors medics journalists
    company companies firm firms bank banks council committee coalition alliance
    people men women children students teachers fans players passengers drivers
    pirates robbers thieves gunmen suspects victims survivors rescuers firefighters
    climbers sailors crew villagers citizens protesters family families relatives
    """.split()
)

# "the group", "the movement": definite nominals that point back to a named actor.
ANAPHOR_NOUNS: dict[str, ActorType] = {
    "group": ActorType.ORGANIZATION,
    "movement": ActorType.ORGANIZATION,
    "organization": ActorType.ORGANIZATION,
    "organisation": ActorType.ORGANIZATION,
    "company": ActorType.ORGANIZATION,
    "firm": ActorType.ORGANIZATION,
    "party": ActorType.ORGANIZATION,
    "militia": ActorType.ORGANIZATION,
    "carmaker": ActorType.ORGANIZATION,
    "automaker": ActorType.ORGANIZATION,
    "country": ActorType.STATE,
    "nation": ActorType.STATE,
    "kingdom": ActorType.STATE,
    "city": ActorType.PLACE,
    "town": ActorType.PLACE,
    # "the actress", "the 33-year-old singer": a person named shortly before
    **dict.fromkeys(
        """
        actor actress singer star rapper musician artist comedian host presenter writer
        author director producer model athlete player boxer champion coach manager
        striker goalkeeper quarterback pitcher climber driver pilot captain sailor
        businessman businesswoman entrepreneur executive billionaire tycoon politician
        lawmaker senator governor mayor minister president premier candidate nominee
        lawyer attorney prosecutor judge defendant suspect victim gunman shooter
        officer detective sheriff soldier doctor surgeon nurse scientist professor
        teacher student spokesman spokeswoman spokesperson publicist
        """.split(),
        ActorType.PERSON,
    ),
}

# Titles written before a name ("Prime Minister Benjamin Netanyahu").
TITLE_WORDS = frozenset(
    """
    president vice prime minister secretary general gen. gen lt. col. sen. rep. gov.
    governor senator representative chancellor king queen prince princess sheikh emir
    ayatollah pope chief ceo chairman chairwoman director judge justice mayor ambassador
    commander spokesman spokeswoman foreign defense defence interior finance deputy
    dr. dr mr. mr mrs. mrs ms. ms sir lord rabbi imam cardinal bishop premier colonel
    general admiral captain major sergeant officer executive founder
    """.split()
)

# Role nouns that make the person a leader of the organisation they are tied to.
LEADER_NOUNS = frozenset(
    """
    leader head chief president chairman chairwoman chair ceo founder commander director
    premier king queen emir chancellor governor mayor boss secretary-general
    """.split()
)

# Role nouns that make the person a member of (or speak for) the organisation.
MEMBER_NOUNS = frozenset(
    """
    member official spokesman spokeswoman spokesperson minister adviser advisor negotiator
    envoy ambassador representative officer deputy aide lawmaker senator diplomat
    fighter militant employee executive analyst founder-member co-founder cofounder
    """.split()
)

ROLE_NOUNS = LEADER_NOUNS | MEMBER_NOUNS

PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her"})
# "it"/"its" point back to an organisation only when one was named just before; otherwise
# (weather, events, things) they stay unresolved and are dropped.
PRONOUNS_ORGANIZATION = frozenset({"it", "its"})

# spaCy entity labels that can be actors, and the type each starts as.
ENTITY_TYPES: dict[str, ActorType] = {
    "PERSON": ActorType.PERSON,
    "ORG": ActorType.ORGANIZATION,
    "GPE": ActorType.PLACE,  # refined to STATE by the gazetteer
    "LOC": ActorType.PLACE,
    "FAC": ActorType.PLACE,
    "NORP": ActorType.GROUP,
}

# Words that are times, units or time zones: never an actor, whatever the model says.
NOT_ACTORS = frozenset(
    """
    utc gmt est edt cst cdt mst mdt pst pdt akst akdt hst bst cet cest eet eest wet ist jst
    aest aedt acst awst nzst nzdt msk hkt zulu am pm noon midnight
    january february march april june july august september october november december
    feb apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday tues thurs
    km kph mph kg lb lbs mg ml cm mm ft mi kw mw gw kwh
    """.split()
)

# Makers of cars and devices: their name followed by a model name is a product, not an actor.
MAKERS = frozenset(
    """
    ford chevrolet saturn pontiac buick cadillac chrysler toyota lexus honda acura nissan
    infiniti mazda subaru mitsubishi suzuki hyundai volkswagen vw audi porsche bmw
    mercedes-benz volvo saab fiat ferrari lamborghini maserati peugeot renault citroen skoda
    samsung nokia motorola blackberry nintendo htc huawei
    """.split()
)

# Words that make a maker's name an organisation, not a product: "Ford Foundation".
ORGANIZATION_WORDS = frozenset(
    """
    foundation center centre institute university group division unit dealership dealers
    dealer plant factory union workers credit financial fund trust research labs store
    stores team racing museum field hospital press news
    """.split()
)

# Nouns of products: a name compounded with or set beside one is that product's name.
PRODUCT_NOUNS = frozenset(
    """
    car cars sedan sedans suv suvs truck trucks pickup coupe hatchback minivan van wagon
    convertible roadster vehicle vehicles motorcycle phone phones smartphone smartphones
    handset handsets laptop laptops tablet tablets console consoles device devices notebook
    netbook
    """.split()
)
