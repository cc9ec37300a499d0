import datetime as dt
from urllib.parse import urlencode

import pytest
from campaigns.definitions import parse_campaign
from campaigns.listing import (
    FINISHED,
    RUNNING,
    UPCOMING,
    campaign_status,
    index_order,
)
from campaigns.share import share_links, share_text
from hypothesis import given
from hypothesis import strategies as st

GOOD = (
    "Title: Tous cyber-vigilants\nHashtag: #TOUSCYBERVIGILANTS\nStart: 2025-10-01\n"
    "End: 2025-10-31\nSummary: Un mois.\nShare: Je suis vigilant\n\nDescription.\n"
)


def test_campaign_file_is_read():
    definition, problems = parse_campaign("touscybervigilants", GOOD)
    assert problems == []
    assert definition.hashtag == "TOUSCYBERVIGILANTS"
    assert definition.start == dt.date(2025, 10, 1)
    assert definition.end == dt.date(2025, 10, 31)
    assert definition.share == "Je suis vigilant"
    assert definition.description_markdown == "Description."


def test_hashtag_without_sign_and_other_case_matches_file_name():
    text = "Title: T\nHashtag: TousCyberVigilants\n\n"
    definition, problems = parse_campaign("touscybervigilants", text)
    assert problems == [] and definition.hashtag == "TousCyberVigilants"


@pytest.mark.parametrize(
    ("file_slug", "text", "line", "words"),
    [
        ("autre", GOOD, 2, "renommez le fichier en touscybervigilants.md"),
        ("x", "Hashtag: #X\n\n", 1, "Title"),
        ("x", "Title: X\n\n", 1, "un seul mot-dièse"),
        ("x", "Title: X\nHashtag: #X #Y\n\n", 2, "un seul mot-dièse"),
        ("x", "Title: X\nHashtag: #X\nStart: 01/10/2025\n\n", 3, "AAAA-MM-JJ"),
        (
            "x",
            "Title: X\nHashtag: #X\nStart: 2025-10-02\nEnd: 2025-10-01\n\n",
            4,
            "précède",
        ),
    ],
)
def test_bad_campaign_files(file_slug, text, line, words):
    definition, problems = parse_campaign(file_slug, text)
    assert definition is None
    assert any(p.line == line and words in p.message for p in problems), problems


@pytest.mark.parametrize(
    ("start", "end", "today", "expected"),
    [
        ((2025, 10, 1), (2025, 10, 31), (2025, 10, 1), RUNNING),
        ((2025, 10, 1), (2025, 10, 31), (2025, 10, 31), RUNNING),
        ((2025, 10, 1), (2025, 10, 31), (2025, 9, 30), UPCOMING),
        ((2025, 10, 1), (2025, 10, 31), (2025, 11, 1), FINISHED),
        ((2025, 10, 1), None, (2030, 1, 1), RUNNING),
        (None, (2025, 10, 31), (2025, 1, 1), RUNNING),
        (None, None, (2025, 1, 1), None),
    ],
)
def test_campaign_status(start, end, today, expected):
    start = dt.date(*start) if start else None
    end = dt.date(*end) if end else None
    assert campaign_status(start, end, dt.date(*today)) == expected


def test_index_order_running_upcoming_finished_then_by_posts():
    day = dt.date(2025, 1, 1)
    entries = [
        ("undeclared-few", None, None, 1),
        ("finished", FINISHED, day, 9),
        ("undeclared-many", None, None, 5),
        ("upcoming", UPCOMING, day, 0),
        ("running", RUNNING, day, 2),
    ]
    ordered = sorted(entries, key=lambda e: index_order(e[1], e[2], e[3], e[0]))
    assert [e[0] for e in ordered] == [
        "running",
        "upcoming",
        "finished",
        "undeclared-many",
        "undeclared-few",
    ]


def test_share_text_and_links():
    text = share_text("", "Un titre", ["TOUSCYBERVIGILANTS", "MFA"], "https://x.org/a/")
    assert text == "Un titre #TOUSCYBERVIGILANTS #MFA https://x.org/a/"
    links = dict(share_links(text, "Un titre", "https://x.org/a/"))
    assert set(links) == {"Mastodon", "LinkedIn", "Bluesky", "Courriel"}
    assert "%23TOUSCYBERVIGILANTS" in links["Bluesky"]
    assert links["LinkedIn"].endswith("url=https%3A%2F%2Fx.org%2Fa%2F")
    assert links["Courriel"].startswith("mailto:?subject=Un%20titre&body=")


@given(st.text(), st.text())
def test_share_links_encode_as_urlencode_does(text, url):
    links = dict(share_links(text, "Titre", url))
    assert links["Mastodon"] == "https://s2f.kytta.dev/?" + urlencode({"text": text})
    assert links["Bluesky"] == "https://bsky.app/intent/compose?" + urlencode(
        {"text": text}
    )
    assert links["LinkedIn"] == (
        "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})
    )
