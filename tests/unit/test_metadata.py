import datetime as dt

import pytest
from markdown_reader.metadata import as_text, parse_date, split_list

PARIS = "Europe/Paris"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-04 13:10", (2025, 6, 4, 13, 10)),
        ("2025-06-04", (2025, 6, 4, 0, 0)),
        ("2025-06-04T13:10", (2025, 6, 4, 13, 10)),
        ("2025-06-04 13:10:30", (2025, 6, 4, 13, 10)),
        (" 2025-06-04 13:10 ", (2025, 6, 4, 13, 10)),
    ],
)
def test_accepted_dates_are_paris_time(text, expected):
    parsed = parse_date(text, PARIS)
    assert (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute) == (
        expected
    )
    assert parsed.utcoffset() == dt.timedelta(hours=2)


@pytest.mark.parametrize(
    "text", ["02/03/2025", "4 juin 2025", "2025-13-01", "2025-02-30", "", "demain"]
)
def test_ambiguous_or_wrong_dates_are_refused_in_french(text):
    with pytest.raises(ValueError, match="AAAA-MM-JJ"):
        parse_date(text, PARIS)


def test_yaml_date_objects():
    assert parse_date(dt.date(2025, 1, 5), PARIS).utcoffset() == dt.timedelta(hours=1)
    aware = dt.datetime(2025, 1, 5, 10, 0, tzinfo=dt.UTC)
    assert parse_date(aware, PARIS) == aware


def test_split_list_and_as_text():
    assert split_list("a, b ,,c") == ["a", "b", "c"]
    assert split_list(["a", " b "]) == ["a", "b"]
    assert split_list(None) == []
    assert as_text(["#A", "#B"]) == "#A #B"
    assert as_text(None) == ""
