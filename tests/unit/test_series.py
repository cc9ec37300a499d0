"""Series: grouping by name (case and accents aside), in date order."""

from campaigns.hashtags import hashtag_slug
from series.grouping import group_series, place_in_series


def test_parts_are_grouped_by_slug_and_ordered():
    posts = [
        {"id": "c", "series": "Sécurité au bloc", "order": 3},
        {"id": "a", "series": "Sécurité au bloc", "order": 1},
        {"id": "x", "series": "", "order": 2},
        {"id": "b", "series": "securite AU BLOC", "order": 2},
        {"id": "z", "series": "Autre", "order": 0},
    ]
    series = group_series(
        posts, lambda p: p["series"], hashtag_slug, lambda p: p["order"]
    )
    assert set(series) == {"securite-au-bloc", "autre"}
    bloc = series["securite-au-bloc"]
    assert bloc.name == "Sécurité au bloc"  # as its first part writes it
    assert [p["id"] for p in bloc.parts] == ["a", "b", "c"]


def test_place_of_a_part_and_of_a_post_outside_the_parts():
    posts = [{"n": 1}, {"n": 2}]
    series = group_series(posts, lambda p: "Guide", hashtag_slug, lambda p: p["n"])
    second = place_in_series(posts[1], "guide", series, hashtag_slug)
    assert (second.number, second.total, second.series.name) == (2, 2, "Guide")
    hidden = place_in_series({"n": 9}, "Guide", series, hashtag_slug)
    assert (hidden.number, hidden.total) == (None, 2)
    alone = place_in_series({"n": 9}, "Inconnue", series, hashtag_slug)
    assert (alone.number, alone.total) == (None, 0)
    assert place_in_series(posts[0], "  ", series, hashtag_slug) is None
