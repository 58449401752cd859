"""The shared reading of EventTime: precision, bounds and wording of fuzzy times."""

from __future__ import annotations

from datetime import date

import pytest

from timelinegraph.graph.timespan import TimeSpan, iso_bounds, read_time
from timelinegraph.models import EventTime


def span_of(
    value: str | None = None,
    earliest: date | None = None,
    latest: date | None = None,
    source: str = "expression",
) -> TimeSpan | None:
    return read_time(EventTime(value=value, earliest=earliest, latest=latest, source=source))


@pytest.mark.parametrize(
    ("value", "lexical", "precision"),
    [
        ("2024-03-07", "2024-03-07", "day"),
        ("2024-03-07T10:00", "2024-03-07", "day"),
        ("2023-11", "2023-11", "month"),
        ("2023", "2023", "year"),
    ],
)
def test_value_precision(value: str, lexical: str, precision: str) -> None:
    span = span_of(value)
    assert span is not None and span.lexical() == lexical and span.precision == precision
    assert span.display is None and span.contained


@pytest.mark.parametrize("value", ["P6W", "PAST_REF", "2024-W06", "2023-02-30", "0000", "XXXX-03"])
def test_non_calendar_values_without_bounds_cannot_be_placed(value: str) -> None:
    assert span_of(value) is None


def test_week_value_uses_bounds() -> None:
    span = span_of("2024-W06", date(2024, 2, 5), date(2024, 2, 11))
    assert span is not None and span.display == "between 5 and 11 February 2024"
    assert iso_bounds(span) == ("2024-02-05", "2024-02-11")


@pytest.mark.parametrize(
    ("earliest", "latest", "display"),
    [
        (date(2024, 2, 20), date(2024, 2, 29), "late February 2024"),
        (date(2024, 2, 11), date(2024, 2, 18), "mid February 2024"),
        (date(2024, 2, 3), date(2024, 2, 25), "between 3 and 25 February 2024"),
    ],
)
def test_month_parts(earliest: date, latest: date, display: str) -> None:
    span = span_of("2024-02", earliest, latest)
    assert span is not None and span.display == display and span.lexical() == "2024-02"


def test_open_and_year_spanning_bounds() -> None:
    after = span_of(earliest=date(2024, 2, 5))
    assert after is not None and after.display == "after 5 February 2024" and not after.contained
    before = span_of(latest=date(2024, 2, 5), source="report")
    assert before is not None and before.display == "before 5 February 2024"
    spanning = span_of(earliest=date(2023, 12, 30), latest=date(2024, 1, 2))
    assert spanning is not None and not spanning.contained
    assert spanning.display == "between 30 December 2023 and 2 January 2024"


def test_publication_date_time_says_so() -> None:
    span = span_of(earliest=date(2024, 3, 7), latest=date(2024, 3, 7), source="publication_date")
    assert span is not None and span.display == "reported 7 March 2024"
