"""Time expressions: detection, TIMEX3 normalization against the publication date, anchoring."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from timelinegraph.extract.context import ArticleContext, mask_text
from timelinegraph.extract.nlp import load_nlp
from timelinegraph.extract.times import EXTRACTOR, VERSION, extract_times
from timelinegraph.models import Article, Granularity, TimeExpression, TimexType

PUB = date(2024, 3, 7)  # a Thursday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def run(nlp: Language, text: str, published: date = PUB, **kw: object) -> list[TimeExpression]:
    article = Article(id="a", text=text, published=published, **kw)
    return extract_times(ArticleContext(article=article, doc=nlp(mask_text(article))))


def find(times: list[TimeExpression], text: str) -> TimeExpression:
    hits = [t for t in times if t.text == text]
    assert hits, f"{text!r} not found in {[t.text for t in times]}"
    return hits[0]


D, T, DUR, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET

CASES = [
    # weekdays: tense and modality of the governing clause choose the week
    ("Egyptian officials said Thursday that talks had stalled.", "Thursday", D, "2024-03-07", None),
    ("The group may return to Cairo on Sunday for more talks.", "Sunday", D, "2024-03-10", None),
    ("Mediators hope to reach a deal ahead of Ramadan around Sunday.", "around Sunday", D,
     "2024-03-10", "APPROX"),
    ("Officials said the crossing could open as soon as Friday.", "Friday", D, "2024-03-08", None),
    ("Leaders will meet on Monday.", "Monday", D, "2024-03-11", None),
    ("Leaders met on Monday.", "Monday", D, "2024-03-04", None),
    ("Negotiators will meet again later Thursday.", "later Thursday", D, "2024-03-07", None),
    ("The envoy left last Friday.", "last Friday", D, "2024-03-01", None),
    # months and days without a year
    ("Hostages were captured during the Hamas Oct. 7 attacks.", "Oct. 7", D, "2023-10-07", None),
    ("Hostages were released during a truce in November.", "November", D, "2023-11", None),
    ("Israel stopped delivering aid in early February.", "early February", D, "2024-02", "START"),
    ("The deal is expected to close in June.", "June", D, "2024-06", None),
    ("The deal closed in June.", "June", D, "2023-06", None),
    ("Sales were strong at Christmas.", "Christmas", D, "2023-12-25", None),
    # absolute dates
    ("The treaty was signed on March 5, 2021.", "March 5, 2021", D, "2021-03-05", None),
    ("He was born on Feb. 24, 1955.", "Feb. 24, 1955", D, "1955-02-24", None),
    ("The report was released on 2024-02-15.", "2024-02-15", D, "2024-02-15", None),
    ("The deal closed on 3/5/2021.", "3/5/2021", D, "2021-03-05", None),
    ("The law was amended in March 2021.", "March 2021", D, "2021-03", None),
    ("The company was founded in 2019.", "2019", D, "2019", None),
    ("Inflation was high in the 1990s.", "1990s", D, "199", None),
    ("The canal was dug in the 19th century.", "19th century", D, "18", None),
    ("Growth slowed in mid-2023.", "mid-2023", D, "2023", "MID"),
    ("Results for the second half of 2023 were weak.", "second half of 2023", D, "2023-H2", None),
    ("The summit will take place in the spring of 2025.", "spring of 2025", D, "2025-SP", None),
    # deictic and calendar-relative
    ("The minister arrived yesterday.", "yesterday", D, "2024-03-06", None),
    ("Tomorrow the talks resume.", "Tomorrow", D, "2024-03-08", None),
    ("The minister arrived two days ago.", "two days ago", D, "2024-03-05", None),
    ("About 30 years ago, the plant opened.", "About 30 years ago", D, "1994", "APPROX"),
    ("The talks collapsed last week.", "last week", D, "2024-W09", None),
    ("Elections will be held next month.", "next month", D, "2024-04", None),
    ("The company lost money last year.", "last year", D, "2023", None),
    ("Prices rose earlier this year.", "earlier this year", D, "2024", None),
    ("The plant will close by the end of the year.", "end of the year", D, "2024", "END"),
    ("Profits rose in the first quarter.", "first quarter", D, "2024-Q1", None),
    ("Profits rose 5% in the fourth quarter.", "fourth quarter", D, "2023-Q4", None),
    ("Sales will be strong this summer.", "this summer", D, "2024-SU", None),
    ("Over the weekend, the army advanced.", "weekend", D, "2024-W09-WE", None),
    # times of day
    ("The minister spoke this morning.", "this morning", T, "2024-03-07TMO", None),
    ("The vote is scheduled at 3 p.m.", "3 p.m.", T, "2024-03-07T15:00", None),
    ("The vote is due Friday at 3:30 p.m.", "3:30 p.m.", T, "2024-03-08T15:30", None),
    ("Protesters gathered Tuesday night.", "Tuesday night", T, "2024-03-05TNI", None),
    ("Last night, rockets hit the city.", "Last night", T, "2024-03-06TNI", None),
    # durations
    ("They discussed a six-week truce.", "six-week", DUR, "P6W", None),
    ("Officials for weeks have sought a deal.", "weeks", DUR, "PXW", None),
    ("Mediators hoped to agree over the next few days.", "next few days", DUR, "PXD", None),
    ("The area has been cut off for over a month.", "over a month", DUR, "P1M", "MORE_THAN"),
    ("Fighting has intensified in recent weeks.", "recent weeks", DUR, "PXW", None),
    ("Prices have doubled over the past three years.", "past three years", DUR, "P3Y", None),
    ("The strike lasted 2 hours.", "2 hours", DUR, "PT2H", None),
    ("The ceasefire lasted three days.", "three days", DUR, "P3D", None),
    ("The dispute has lasted for decades.", "decades", DUR, "PXDE", None),
    ("The trial took a year and a half.", "a year and a half", DUR, "P18M", None),
    ("Hostages were freed during a weeklong truce.", "weeklong", DUR, "P1W", None),
    ("The project took at least 10 years.", "at least 10 years", DUR, "P10Y", "EQUAL_OR_MORE"),
    # references without a calendar point
    ("A dozen children have died recently.", "recently", D, "PAST_REF", None),
    ("The talks are currently stalled.", "currently", D, "PRESENT_REF", None),
    ("The border is now closed.", "now", D, "PRESENT_REF", None),
    ("Aid will arrive soon.", "soon", D, "FUTURE_REF", None),
    # sets
    ("The magazine is published weekly.", "weekly", SET, "P1W", None),
    ("Trucks cross the border every day.", "every day", SET, "P1D", None),
    ("The council meets every Monday.", "every Monday", SET, "XXXX-WXX-1", None),
    ("The program runs twice a week.", "twice a week", SET, "P1W", None),
    ("Subscriptions cost $10 a month.", "a month", SET, "P1M", None),
    ("The company posted an annual loss.", "annual", SET, "P1Y", None),
    # anaphoric periods and DCT-relative dates without a number
    ("Sales will grow during the year.", "year", D, "2024", None),
    ("Profit rose 5% in the quarter, the company said.", "quarter", D, "2024-Q1", None),
    ("Revenue fell for the third straight quarter.", "third straight quarter", D, "2024-Q1",
     None),
    ("The merger should close by year-end.", "year-end", D, "2024", "END"),
    ("The company had cut 500 jobs by year-end.", "year-end", D, "2023", "END"),
    ("Revenue is expected to rise in the second half.", "second half", D, "2024-H2", None),
    ("At the time, analysts doubted the plan.", "time", D, "PAST_REF", None),
    ("Retailers are bracing for a weak holiday season.", "holiday season", D, "2023-12", None),
    ("More recently, the firm cut prices.", "More recently", D, "PAST_REF", None),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expr", "type_", "value", "mod"), CASES)
def test_normalization(
    nlp: Language, sentence: str, expr: str, type_: TimexType, value: str, mod: str | None
) -> None:
    timex = find(run(nlp, sentence), expr)
    assert (timex.type, timex.value, timex.mod) == (type_, value, mod)


@pytest.mark.parametrize(
    ("sentence", "expr", "granularity"),
    [
        ("The talks collapsed last week.", "last week", Granularity.WEEK),
        ("Inflation was high in the 1990s.", "1990s", Granularity.DECADE),
        ("Profits rose in the first quarter.", "first quarter", Granularity.QUARTER),
        ("Sales will be strong this summer.", "this summer", Granularity.SEASON),
        ("The minister spoke this morning.", "this morning", Granularity.TIME),
        ("The company lost money last year.", "last year", Granularity.YEAR),
        ("They discussed a six-week truce.", "six-week", Granularity.WEEK),
        ("Elections will be held next month.", "next month", Granularity.MONTH),
        ("The minister arrived yesterday.", "yesterday", Granularity.DAY),
        ("A dozen children have died recently.", "recently", Granularity.UNKNOWN),
    ],
)
def test_granularity(nlp: Language, sentence: str, expr: str, granularity: Granularity) -> None:
    assert find(run(nlp, sentence), expr).granularity == granularity


@pytest.mark.parametrize(
    "sentence",
    [
        "The 55-year-old minister resigned.",
        "Gaza's 2.3 million people need aid.",
        "The firm cut 2000 jobs.",
        "You may go, said the guard.",
        "Thousands joined the march to the capital.",
        "Leaves fall from the trees.",
        "The shares rose 12.5 percent.",
    ],
)
def test_not_temporal(nlp: Language, sentence: str) -> None:
    assert run(nlp, sentence) == []


SEED = (
    "Hamas has pulled out of talks aimed at securing a cease-fire in Gaza, Egyptian officials "
    "said Thursday. U.S. and Arab officials for weeks have sought to strike a deal. Mediators "
    "were hoping to reach an agreement for a six-week truce over the next few days, ahead of the "
    "start of the Islamic holy month of Ramadan around Sunday. The group may return to Cairo on "
    "Sunday for more talks, they said. Israel has said its priority is to secure the release of "
    "dozens of hostages captured during the Hamas Oct. 7 attacks. Over 100 hostages were "
    "released during a weeklong truce in November. Israel stopped deliveries in early February, "
    "and the crossing could open as soon as Friday, officials said later Thursday."
)


def test_seed_article(nlp: Language) -> None:
    times = run(nlp, SEED)
    got = {(t.text, t.value, t.mod) for t in times}
    assert ("around Sunday", "2024-03-10", "APPROX") in got
    assert ("Sunday", "2024-03-10", None) in got
    assert ("Oct. 7", "2023-10-07", None) in got
    assert ("November", "2023-11", None) in got
    assert ("early February", "2024-02", "START") in got
    assert ("Friday", "2024-03-08", None) in got
    assert ("later Thursday", "2024-03-07", None) in got
    assert ("six-week", "P6W", None) in got


def test_offsets_ids_and_provenance(nlp: Language) -> None:
    times = run(nlp, SEED)
    assert [t.id for t in times] == [f"t{i}" for i in range(1, len(times) + 1)]
    assert [t.start for t in times] == sorted(t.start for t in times)
    for t in times:
        assert SEED[t.start : t.end] == t.text
        assert t.text == t.text.strip() and not t.text.lower().startswith("the ")
        assert t.text[-1] not in ",;:!?"
        assert (t.provenance.start, t.provenance.end) == (t.start, t.end)
        assert t.provenance.extractor == EXTRACTOR == "timelinegraph.extract.times"
        assert t.provenance.version == VERSION
        assert t.text in t.provenance.sentence
        assert 0.0 < t.provenance.confidence <= 1.0


@pytest.mark.parametrize(
    ("published", "expr", "value"),
    [
        (date(2024, 2, 1), "quarter", "2023-Q4"),  # a quarter just ended: reported weeks later
        (date(2024, 2, 1), "year", "2023"),
        (date(2024, 8, 20), "quarter", "2024-Q3"),
        (date(2024, 8, 20), "year", "2024"),
    ],
)
def test_anaphoric_period_in_past_clause(
    nlp: Language, published: date, expr: str, value: str
) -> None:
    text = f"Profit rose 5% in the {expr}, the company said."
    assert find(run(nlp, text, published), expr).value == value


def test_generic_of_the_year_is_not_a_date(nlp: Language) -> None:
    assert run(nlp, "The phone was named product of the year.") == []
    times = run(nlp, "Sales rose in the first months of the year.", date(2024, 8, 20))
    assert find(times, "year").value == "2024"


def test_spans_exclude_the_and_punctuation(nlp: Language) -> None:
    times = run(nlp, "Prices have doubled over the past three years, analysts said.")
    assert [t.text for t in times] == ["past three years"]


def test_skip_spans_are_not_mined(nlp: Language) -> None:
    text = "CAIRO, March 1 — Officials said Thursday that talks would resume."
    times = run(nlp, text, skip_spans=[(0, 16)])
    assert [t.text for t in times] == ["Thursday"]


def test_empty_article(nlp: Language) -> None:
    assert run(nlp, "") == []
    assert run(nlp, "   \n ") == []


def test_no_times(nlp: Language) -> None:
    assert run(nlp, "Hamas rejected the proposal and Israel responded.") == []
