"""Previous/next, archive sections and breadcrumb JSON, as pure functions."""

import datetime as dt
import json

import pytest
from navigation.breadcrumbs import breadcrumb_list, script_json
from navigation.timeline import archive_sections, neighbours

PARIS = dt.timezone(dt.timedelta(hours=1))


def at(day, hour=10):
    return dt.datetime(2025, 1, day, hour, tzinfo=PARIS)


TIMELINE = [(at(1), "a.md"), (at(2), "b.md"), (at(2), "c.md"), (at(5), "d.md")]


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        ((at(1), "a.md"), (None, 1)),  # the oldest has no previous post
        ((at(2), "b.md"), (0, 2)),
        ((at(2), "c.md"), (1, 3)),  # same date: the path decides
        ((at(5), "d.md"), (2, None)),  # the newest has no next post
        ((at(3), "hidden.md"), (2, 3)),  # not in the timeline: placed by date
        ((at(9), "late.md"), (3, None)),
        ((at(1, 8), "early.md"), (None, 0)),
    ],
)
def test_neighbours(point, expected):
    assert neighbours(TIMELINE, point) == expected


def test_neighbours_of_an_empty_timeline():
    assert neighbours([], (at(1), "x.md")) == (None, None)


def test_archive_sections_group_by_year_then_month_newest_first():
    dates = [
        dt.datetime(2024, 12, 31, 23, 0, tzinfo=PARIS),
        dt.datetime(2025, 1, 3, tzinfo=PARIS),
        dt.datetime(2025, 6, 4, tzinfo=PARIS),
        dt.datetime(2025, 1, 20, tzinfo=PARIS),
        dt.datetime(2025, 6, 1, tzinfo=PARIS),
    ]
    years = archive_sections(dates, lambda moment: moment)
    assert [year.year for year in years] == [2025, 2024]
    assert [month.first_day for month in years[0].months] == [
        dt.date(2025, 6, 1),
        dt.date(2025, 1, 1),
    ]
    assert years[0].months[0].posts == [dates[2], dates[4]]
    assert years[0].months[1].posts == [dates[3], dates[1]]
    assert years[1].months[0].posts == [dates[0]]
    assert years[0].anchor == "annee-2025"
    assert years[0].months[0].anchor == "mois-2025-06"
    everything = [p for y in years for m in y.months for p in m.posts]
    assert sorted(everything) == sorted(dates)


def test_archive_sections_of_nothing():
    assert archive_sections([], lambda item: item) == []


def test_breadcrumb_list_is_schema_org():
    data = breadcrumb_list(
        [("Accueil", "https://x.fr/"), ("Tribune", "https://x.fr/t/")]
    )
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BreadcrumbList"
    assert data["itemListElement"][1] == {
        "@type": "ListItem",
        "position": 2,
        "name": "Tribune",
        "item": "https://x.fr/t/",
    }


@pytest.mark.parametrize(
    "title",
    [
        "</script><script>alert(1)</script>",
        "<!-- commentaire",
        "A & B > C",
        'Guillemets « » et "doubles"',
    ],
)
def test_script_json_cannot_close_the_script_and_parses_back(title):
    data = breadcrumb_list([(title, "https://x.fr/a/")])
    text = script_json(data)
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert json.loads(text) == data
