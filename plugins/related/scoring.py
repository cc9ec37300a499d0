"""« À lire également »: the posts most related to a post. Pure, no Pelican.

How two posts are compared (a tuple, the higher the more related):

1. the weight of the hashtags they share, each hashtag weighing
   log(1 + N / df), N being the number of published posts and df the number
   of those that carry it: a rare hashtag says more than a common one;
2. the number of authors they share;
3. whether they are in the same category;
4. recency: the newer post first (then the key, so the order is total).

A post's related posts are the best `limit` published posts that share a
hashtag with it. When fewer than `minimum` do, the list is topped up to
`minimum` with posts that share an author, then the category, in the same
order. A post is never related to itself.

Finding them never compares every pair of posts. `RelatedIndex` keeps, newest
first, the published posts of each hashtag and of each pair of hashtags that
appear together, the same per author, and the posts of each author and of
each category; building it is linear in the number of posts (times the
pairs of hashtags of a post). For one post, the candidates that share
exactly the same subset T of its hashtags all have the same hashtag weight
W(T): subsets are visited from the heaviest down, and each one's candidates
are read from the shortest list that holds them (a hashtag's or a pair's,
an author's first), newest first. A walk stops as soon as nothing further
down its list can beat the `limit`-th best post found so far, and the
subsets stop when the next one weighs less than that post. So a post reads
a few dozen list entries (about 55 on a 10,000-post corpus), however many
posts share its commonest hashtag. A post with more than
`max_subset_hashtags` hashtags (2^k subsets) adds up its hashtags' lists
instead, which is exact too.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

# Hashtag weights are rounded so that equal sums compare equal whatever the
# order in which they were added.
WEIGHT_DIGITS = 9
# Subsets are visited in decreasing weight; this margin absorbs the rounding
# of that order's running sums.
_MARGIN = 1e-6


@dataclass(frozen=True)
class PostFeatures:
    """What the scoring knows of a post: plain values only."""

    key: str
    hashtags: frozenset[str]
    authors: frozenset[str]
    category: str
    date: datetime


def hashtag_weights(posts: Iterable[PostFeatures]) -> dict[str, float]:
    """Weight of each hashtag over the given posts: log(1 + N / df)."""
    counts: dict[str, int] = defaultdict(int)
    total = 0
    for post in posts:
        total += 1
        for hashtag in post.hashtags:
            counts[hashtag] += 1
    return {hashtag: math.log1p(total / df) for hashtag, df in counts.items()}


def shared_weight(shared: Iterable[str], weights: dict[str, float]) -> float:
    """The weight of a set of shared hashtags (unknown hashtags weigh nothing)."""
    return round(math.fsum(weights.get(h, 0.0) for h in shared), WEIGHT_DIGITS)


def relatedness(
    post: PostFeatures, other: PostFeatures, weights: dict[str, float]
) -> tuple[float, int, bool]:
    """How related `other` is to `post`: (hashtag weight, authors, category)."""
    return (
        shared_weight(post.hashtags & other.hashtags, weights),
        len(post.authors & other.authors),
        post.category == other.category,
    )


# A candidate's key: (hashtag weight, shared authors, same category, recency
# rank). Ranks are unique, so two keys are equal only for the same post.
_Key = tuple[float, int, int, int]


class _TopPosts:
    """The best keys seen so far, at most `capacity` of them (a min-heap)."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.heap: list[_Key] = []

    def full(self) -> bool:
        return len(self.heap) >= self.capacity

    def cannot_improve(self, bound: _Key) -> bool:
        """True when no key up to `bound` can enter any more."""
        return self.full() and self.heap[0] > bound

    def offer(self, key: _Key) -> None:
        if not self.full():
            heapq.heappush(self.heap, key)
        elif key > self.heap[0]:
            heapq.heapreplace(self.heap, key)

    def ranks(self) -> list[int]:
        """Recency ranks of the kept posts, best first."""
        return [key[3] for key in sorted(self.heap, reverse=True)]


def _subsets_by_weight(
    hashtags: Sequence[str], weights: dict[str, float]
) -> Iterator[frozenset[str]]:
    """Every non-empty subset of `hashtags`, heaviest first.

    Subsets are the complements of removed sets enumerated by increasing
    removed weight: from a removed set whose highest index is i, the next ones
    add i + 1, or put i + 1 in place of i. Each set comes exactly once.
    """
    ordered = sorted(hashtags, key=lambda h: (weights[h], h))
    everything = frozenset(ordered)
    pending: list[tuple[float, tuple[int, ...]]] = [(0.0, ())]
    while pending:
        removed_weight, removed = heapq.heappop(pending)
        if len(removed) < len(ordered):
            yield everything.difference(ordered[i] for i in removed)
        last = removed[-1] if removed else -1
        if last + 1 < len(ordered):
            following = weights[ordered[last + 1]]
            heapq.heappush(pending, (removed_weight + following, (*removed, last + 1)))
            if removed:
                swapped = removed_weight - weights[ordered[last]] + following
                heapq.heappush(pending, (swapped, (*removed[:-1], last + 1)))


def _keys_of(subset: frozenset[str]) -> list[tuple[str, ...]]:
    """The list keys that hold every post carrying `subset`: hashtags or pairs."""
    if len(subset) == 1:
        return [tuple(subset)]
    return list(combinations(sorted(subset), 2))


class RelatedIndex:
    """The published posts, indexed so that related posts are found fast."""

    def __init__(self, posts: Iterable[PostFeatures], max_subset_hashtags: int = 8):
        """Index the candidate posts (the published ones)."""
        self.posts = sorted(posts, key=lambda post: (post.date, post.key))
        self.weights = hashtag_weights(self.posts)
        self.max_subset_hashtags = max_subset_hashtags
        # Lists of ranks, newest first, by hashtag `(h,)` or pair `(h1, h2)`;
        # the same for each author; by author alone; by category.
        self.by_hashtags: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.by_author_hashtags: dict[tuple[str, tuple[str, ...]], list[int]] = (
            defaultdict(list)
        )
        self.by_author: dict[str, list[int]] = defaultdict(list)
        self.by_category: dict[str, list[int]] = defaultdict(list)
        # Ranks grow with recency: filling from the last makes lists newest first.
        for rank in range(len(self.posts) - 1, -1, -1):
            post = self.posts[rank]
            hashtags = sorted(post.hashtags)
            keys = [(h,) for h in hashtags] + list(combinations(hashtags, 2))
            for key in keys:
                self.by_hashtags[key].append(rank)
                for author in post.authors:
                    self.by_author_hashtags[author, key].append(rank)
            for author in post.authors:
                self.by_author[author].append(rank)
            self.by_category[post.category].append(rank)

    def related(
        self, post: PostFeatures, limit: int = 5, minimum: int = 3
    ) -> list[str]:
        """Keys of the posts most related to `post`, best first."""
        hashtags = frozenset(h for h in post.hashtags if h in self.weights)
        top = _TopPosts(limit)
        if len(hashtags) > self.max_subset_hashtags:
            self._add_up_lists(post, hashtags, top)
        else:
            for subset in _subsets_by_weight(list(hashtags), self.weights):
                weight = shared_weight(subset, self.weights)
                if top.cannot_improve((weight + _MARGIN, 0, 0, 0)):
                    break
                self._read_subset(post, hashtags, subset, weight, top)
        if len(top.heap) < minimum:
            top.capacity = minimum
            self._top_up(post, hashtags, top)
        return [self.posts[rank].key for rank in top.ranks()]

    def _walk(self, post, ranks, *, weight, most_authors, accept, top) -> None:
        """Offer the posts of a newest-first list that `accept`, while they can win.

        Every post still to come in `ranks` would have a key of at most
        (weight, most_authors, 1, its rank): once the worst kept key beats
        that, the rest of the list cannot enter.
        """
        heap, capacity, posts = top.heap, top.capacity, self.posts
        for rank in ranks:
            if len(heap) >= capacity and heap[0] > (weight, most_authors, 1, rank):
                return
            other = posts[rank]
            if other.key != post.key and accept(other):
                top.offer(
                    (
                        weight,
                        len(post.authors & other.authors),
                        int(post.category == other.category),
                        rank,
                    )
                )

    def _read_subset(self, post, hashtags, subset, weight, top: _TopPosts) -> None:
        """Offer the posts whose hashtags in common with `post` are `subset`."""
        keys = _keys_of(subset)
        seen: set[int] = set()

        def shares_subset_once(other) -> bool:
            # A post with two of the authors is in both authors' lists.
            if other.hashtags & hashtags != subset or id(other) in seen:
                return False
            seen.add(id(other))
            return True

        # Posts sharing an author first: they rank above the others of the
        # subset, and their lists are short.
        for author in post.authors:
            ranks = min(
                (self.by_author_hashtags.get((author, key), ()) for key in keys),
                key=len,
            )
            self._walk(
                post,
                ranks,
                weight=weight,
                most_authors=len(post.authors),
                accept=shares_subset_once,
                top=top,
            )
        ranks = min((self.by_hashtags.get(key, ()) for key in keys), key=len)
        self._walk(
            post,
            ranks,
            weight=weight,
            most_authors=0,
            accept=lambda other: (
                not other.authors & post.authors and other.hashtags & hashtags == subset
            ),
            top=top,
        )

    def _add_up_lists(self, post, hashtags: frozenset[str], top: _TopPosts) -> None:
        """Offer every post sharing a hashtag, reading each list in full."""
        seen: set[int] = set()
        for hashtag in hashtags:
            for rank in self.by_hashtags[hashtag,]:
                other = self.posts[rank]
                if rank in seen or other.key == post.key:
                    continue
                seen.add(rank)
                weight = shared_weight(post.hashtags & other.hashtags, self.weights)
                top.offer(
                    (
                        weight,
                        len(post.authors & other.authors),
                        int(post.category == other.category),
                        rank,
                    )
                )

    def _top_up(self, post, hashtags: frozenset[str], top: _TopPosts) -> None:
        """Add posts sharing an author, then the category, but no hashtag."""
        seen: set[int] = set()

        def shares_no_hashtag_once(other) -> bool:
            if other.hashtags & hashtags or id(other) in seen:
                return False
            seen.add(id(other))
            return True

        for author in post.authors:
            self._walk(
                post,
                self.by_author[author],
                weight=0.0,
                most_authors=len(post.authors),
                accept=shares_no_hashtag_once,
                top=top,
            )
        self._walk(
            post,
            self.by_category.get(post.category, ()),
            weight=0.0,
            most_authors=0,
            accept=lambda other: (
                not other.hashtags & hashtags and not other.authors & post.authors
            ),
            top=top,
        )


def related_posts(
    posts: Iterable[PostFeatures],
    candidates: Iterable[PostFeatures],
    limit: int = 5,
    minimum: int = 3,
) -> dict[str, list[str]]:
    """For each of `posts`, the keys of its related `candidates`, best first."""
    index = RelatedIndex(candidates)
    return {post.key: index.related(post, limit, minimum) for post in posts}
