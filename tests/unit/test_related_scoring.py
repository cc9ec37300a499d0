"""« À lire également »: the scoring, on hand-computed cases and against brute force."""

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from related.scoring import (
    PostFeatures,
    RelatedIndex,
    hashtag_weights,
    related_posts,
    relatedness,
)

PARIS = dt.timezone(dt.timedelta(hours=1))


def post(key, hashtags, authors, category, day):
    return PostFeatures(
        key=key,
        hashtags=frozenset(hashtags.split()),
        authors=frozenset(authors.split()),
        category=category,
        date=dt.datetime(2025, 1, day, 10, 0, tzinfo=PARIS),
    )


# Six published posts: #x on 4 of them, #y on 3, #z on 1.
A = post("A", "x y", "ana", "Tribune", 1)
B = post("B", "x", "ana", "Tribune", 2)
C = post("C", "x y", "bob", "Actualité", 3)
D = post("D", "y", "bob", "Tribune", 4)
E = post("E", "z", "ana", "Tribune", 5)
F = post("F", "x", "bob", "Tribune", 6)
PUBLISHED = [A, B, C, D, E, F]
# Hidden: gets related posts, is never one.
HIDDEN = post("H", "x z", "ana", "Tribune", 7)


def test_rarer_hashtags_weigh_more():
    weights = hashtag_weights(PUBLISHED)
    assert math.isclose(weights["x"], math.log(1 + 6 / 4))
    assert math.isclose(weights["y"], math.log(1 + 6 / 3))
    assert math.isclose(weights["z"], math.log(1 + 6 / 1))
    assert weights["z"] > weights["y"] > weights["x"]


def test_relatedness_compares_hashtags_then_authors_then_category():
    weights = hashtag_weights(PUBLISHED)
    assert relatedness(A, C, weights) == (round(weights["x"] + weights["y"], 9), 0, 0)
    assert relatedness(A, B, weights) == (round(weights["x"], 9), 1, 1)
    assert relatedness(A, E, weights) == (0.0, 1, 1)
    # Two shared hashtags beat one, whatever the authors and the category.
    assert relatedness(A, C, weights) > relatedness(A, D, weights)
    # At equal hashtags, a shared author beats a shared category.
    assert relatedness(B, A, weights) > relatedness(B, F, weights)


# Hand-computed (see the weights above): log(2.5) = 0.92 for #x, log(3) = 1.10
# for #y, log(7) = 1.95 for #z.
EXPECTED = {
    # C shares #x and #y; D shares the rarer #y; B and F share #x, and B
    # also the author. E shares nothing but the author: not needed, 4 >= 3.
    "A": ["C", "D", "B", "F"],
    # Only #x: A (author and category), F (category), C (neither).
    "B": ["A", "F", "C"],
    # #y with C (author) and A (category); topped up to 3 with F, which
    # shares the author and the category but no hashtag.
    "D": ["C", "A", "F"],
    # #z is E's alone: topped up with ana's posts (newest first), then the
    # newest Tribune left.
    "E": ["B", "A", "F"],
    # The hidden post: E shares the rare #z; then #x, ana's posts first.
    "H": ["E", "B", "A", "F", "C"],
}


def test_hand_computed_order():
    related = related_posts([*PUBLISHED, HIDDEN], PUBLISHED, limit=5, minimum=3)
    for key, expected in EXPECTED.items():
        assert related[key] == expected, key


def test_limit_keeps_the_best():
    related = related_posts([HIDDEN], PUBLISHED, limit=3, minimum=3)
    assert related["H"] == ["E", "B", "A"]


def test_never_itself_nor_a_post_that_is_not_a_candidate():
    related = related_posts([*PUBLISHED, HIDDEN], PUBLISHED)
    for key, keys in related.items():
        assert key not in keys
        assert "H" not in keys
        assert len(keys) == len(set(keys))


def test_a_post_with_nothing_in_common_has_no_related_post():
    lonely = post("L", "w", "zoe", "Communiqué", 8)
    assert related_posts([lonely], PUBLISHED) == {"L": []}


def test_empty_site():
    assert related_posts([A], []) == {"A": []}


# --- Exactness against a brute-force reference ---------------------------------


def brute_force(target, candidates, limit, minimum):
    """Compare the target with every candidate: the definition, in O(n)."""
    weights = hashtag_weights(candidates)
    others = [c for c in candidates if c.key != target.key]
    ranked = sorted(
        others,
        key=lambda c: (*relatedness(target, c, weights), c.date, c.key),
        reverse=True,
    )
    sharing = [c for c in ranked if c.hashtags & target.hashtags]
    chosen = sharing[:limit]
    if len(chosen) < minimum:
        chosen += [
            c
            for c in ranked
            if not c.hashtags & target.hashtags
            and (c.authors & target.authors or c.category == target.category)
        ][: minimum - len(chosen)]
    return [c.key for c in chosen]


features = st.builds(
    PostFeatures,
    key=st.uuids().map(str),
    hashtags=st.frozensets(st.sampled_from("abcd"), max_size=3),
    authors=st.frozensets(st.sampled_from(["ana", "bob", "eve"]), min_size=1),
    category=st.sampled_from(["Tribune", "Actualité"]),
    # Few distinct dates, so that ties on the date are common.
    date=st.integers(0, 6).map(lambda day: dt.datetime(2025, 3, 1 + day, tzinfo=PARIS)),
)


@settings(max_examples=300, deadline=None)
@given(
    candidates=st.lists(features, max_size=40, unique_by=lambda p: p.key),
    others=st.lists(features, max_size=3),
    limit=st.integers(1, 6),
    extra=st.integers(0, 3),
    max_subset_hashtags=st.sampled_from([0, 2, 8]),
)
def test_same_result_as_comparing_every_pair(
    candidates, others, limit, extra, max_subset_hashtags
):
    minimum = max(1, limit - extra)
    index = RelatedIndex(candidates, max_subset_hashtags=max_subset_hashtags)
    for target in [*candidates, *others]:
        assert index.related(target, limit, minimum) == brute_force(
            target, candidates, limit, minimum
        )
