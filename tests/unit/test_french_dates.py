import datetime as dt

import pytest
from french.dates import (
    count_fr,
    datetime_fr,
    day_fr,
    day_range_fr,
    iso_datetime,
    month_year_fr,
)

PARIS = dt.timezone(dt.timedelta(hours=2))


def test_datetime_in_french_on_paris_clocks():
    assert datetime_fr(dt.datetime(2025, 6, 4, 11, 10, tzinfo=dt.UTC)) == (
        "4 juin 2025 à 13:10"
    )


def test_winter_time_offset():
    assert datetime_fr(dt.datetime(2025, 1, 4, 12, 0, tzinfo=dt.UTC)) == (
        "4 janvier 2025 à 13:00"
    )


def test_first_of_month_is_premier():
    assert day_fr(dt.date(2025, 10, 1)) == "1er octobre 2025"
    assert day_fr(dt.datetime(2025, 8, 1, 0, 30, tzinfo=PARIS)) == "1er août 2025"


def test_every_month_name_is_french():
    names = [month_year_fr(dt.date(2025, month, 15)) for month in range(1, 13)]
    assert names[1] == "février 2025"
    assert names[7] == "août 2025"
    assert names[11] == "décembre 2025"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2025, 10, 1), (2025, 10, 31), "du 1er au 31 octobre 2025"),
        ((2025, 9, 15), (2025, 10, 31), "du 15 septembre au 31 octobre 2025"),
        ((2025, 9, 1), (2026, 6, 30), "du 1er septembre 2025 au 30 juin 2026"),
        ((2025, 9, 1), None, "à partir du 1er septembre 2025"),
        (None, (2025, 9, 3), "jusqu'au 3 septembre 2025"),
        (None, None, ""),
    ],
)
def test_day_ranges(start, end, expected):
    start = dt.date(*start) if start else None
    end = dt.date(*end) if end else None
    assert day_range_fr(start, end) == expected


def test_iso_and_counts():
    assert iso_datetime(dt.datetime(2025, 6, 4, 11, 10, tzinfo=dt.UTC)) == (
        "2025-06-04T13:10+02:00"
    )
    assert count_fr(0, "article", "articles") == "0 article"
    assert count_fr(1, "article", "articles") == "1 article"
    assert count_fr(2, "article", "articles") == "2 articles"
