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
first, the published posts of each hashtag, of each pair of hashtags that
appear together, of each (author, hashtag), of each author and of each
category; building it is linear in the number of (post, hashtag) pairs.
For one post, candidates that share exactly the same subset T of its
hashtags all have the same hashtag weight W(T): the subsets are visited from
the heaviest down, and each subset's candidates are read from the shortest
list that holds them, newest first. A walk stops as soon as nothing further
down that list can beat the `limit`-th best post found so far, and the
subsets stop when the next one weighs less than that post. So a post reads a
few dozen list entries, however many posts share its commonest hashtag.
A post with more than `max_subset_hashtags` hashtags (2^k subsets) adds up
its lists instead, which is exact too.
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


class RelatedIndex:
    """The published posts, indexed so that related posts are found fast."""

    def __init__(self, posts: Iterable[PostFeatures], max_subset_hashtags: int = 8):
        """Index the candidate posts (the published ones)."""
        self.posts = sorted(posts, key=lambda post: (post.date, post.key))
        self.weights = hashtag_weights(self.posts)
        self.max_subset_hashtags = max_subset_hashtags
        self.by_hashtag: dict[str, list[int]] = defaultdict(list)
        self.by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_author_hashtag: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_author: dict[str, list[int]] = defaultdict(list)
        self.by_category: dict[str, list[int]] = defaultdict(list)
        # Ranks grow with recency; every list is filled newest first.
        for rank in range(len(self.posts) - 1, -1, -1):
            post = self.posts[rank]
            hashtags = sorted(post.hashtags)
            for hashtag in hashtags:
                self.by_hashtag[hashtag].append(rank)
                for author in post.authors:
                    self.by_author_hashtag[author, hashtag].append(rank)
            for pair in combinations(hashtags, 2):
                self.by_pair[pair].append(rank)
            for author in post.authors:
                self.by_author[author].append(rank)
            self.by_category[post.category].append(rank)

    def related(
        self, post: PostFeatures, limit: int = 5, minimum: int = 3
    ) -> list[str]:
        """Keys of the posts most related to `post`, best first."""
        hashtags = [h for h in post.hashtags if h in self.weights]
        top = _TopPosts(limit)
        if len(hashtags) > self.max_subset_hashtags:
            self._add_up_lists(post, hashtags, top)
        else:
            for subset in _subsets_by_weight(hashtags, self.weights):
                weight = shared_weight(subset, self.weights)
                if top.cannot_improve((weight + _MARGIN, 0, 0, 0)):
                    break
                self._read_subset(post, frozenset(hashtags), subset, weight, top)
        if len(top.heap) < minimum:
            top.capacity = minimum
            self._top_up(post, frozenset(hashtags), top)
        return [self.posts[rank].key for rank in top.ranks()]

    def _key(self, post: PostFeatures, rank: int, weight: float) -> _Key:
        other = self.posts[rank]
        return (
            weight,
            len(post.authors & other.authors),
            int(post.category == other.category),
            rank,
        )

    def _read_subset(self, post, hashtags, subset, weight, top: _TopPosts) -> None:
        """Offer the posts whose hashtags in common with `post` are `subset`."""
        most_authors = len(post.authors)
        seen: set[int] = set()
        # Posts sharing an author first: they rank above the others of the
        # subset, and their lists are short.
        for author in post.authors:
            lists = [self.by_author_hashtag.get((author, h)) for h in subset]
            if not all(lists):
                continue
            for rank in min(lists, key=len):
                if top.cannot_improve((weight, most_authors, 1, rank)):
                    break
                other = self.posts[rank]
                if rank in seen or other.key == post.key:
                    continue
                if other.hashtags & hashtags == subset:
                    seen.add(rank)
                    top.offer(self._key(post, rank, weight))
        for rank in self._shortest_list(subset):
            if top.cannot_improve((weight, 0, 1, rank)):
                break
            other = self.posts[rank]
            if (
                other.key != post.key
                and not other.authors & post.authors
                and other.hashtags & hashtags == subset
            ):
                top.offer(self._key(post, rank, weight))

    def _shortest_list(self, subset: frozenset[str]) -> list[int]:
        """The shortest list of posts that holds every post carrying `subset`."""
        if len(subset) == 1:
            return self.by_hashtag[next(iter(subset))]
        pairs = [self.by_pair.get(pair, []) for pair in combinations(sorted(subset), 2)]
        return min(pairs, key=len)

    def _add_up_lists(self, post, hashtags: list[str], top: _TopPosts) -> None:
        """Offer every post sharing a hashtag, reading each list in full."""
        seen: set[int] = set()
        for hashtag in hashtags:
            for rank in self.by_hashtag[hashtag]:
                other = self.posts[rank]
                if rank in seen or other.key == post.key:
                    continue
                seen.add(rank)
                weight = shared_weight(post.hashtags & other.hashtags, self.weights)
                top.offer(self._key(post, rank, weight))

    def _top_up(self, post, hashtags: frozenset[str], top: _TopPosts) -> None:
        """Add posts sharing an author, then the category, but no hashtag."""
        most_authors = len(post.authors)
        seen: set[int] = set()
        for author in post.authors:
            for rank in self.by_author[author]:
                if top.cannot_improve((0.0, most_authors, 1, rank)):
                    break
                other = self.posts[rank]
                if rank in seen or other.key == post.key or other.hashtags & hashtags:
                    continue
                seen.add(rank)
                top.offer(self._key(post, rank, 0.0))
        for rank in self.by_category.get(post.category, []):
            if top.cannot_improve((0.0, 0, 1, rank)):
                break
            other = self.posts[rank]
            if (
                other.key != post.key
                and not other.hashtags & hashtags
                and not other.authors & post.authors
            ):
                top.offer(self._key(post, rank, 0.0))


def related_posts(
    posts: Iterable[PostFeatures],
    candidates: Iterable[PostFeatures],
    limit: int = 5,
    minimum: int = 3,
) -> dict[str, list[str]]:
    """For each of `posts`, the keys of its related `candidates`, best first."""
    index = RelatedIndex(candidates)
    return {post.key: index.related(post, limit, minimum) for post in posts}
