"""Group posts into series, in date order. Pure functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Series:
    """A series: its name (as first written) and its published parts, in order."""

    slug: str
    name: str
    parts: tuple[Any, ...]


@dataclass(frozen=True)
class SeriesPlace:
    """Where one post stands in its series.

    `number` is None for a post that is not one of the parts: a hidden post,
    or a previewed draft.
    """

    series: Series
    number: int | None

    @property
    def total(self) -> int:
        """How many published parts the series has."""
        return len(self.series.parts)


def group_series(
    parts: Iterable[Any],
    name_of: Callable[[Any], str],
    slug_of: Callable[[str], str],
    order_of: Callable[[Any], Any],
) -> dict[str, Series]:
    """The series of the given posts, by slug; parts sorted by `order_of`.

    Names that differ only in case or accents (same slug) are one series,
    named as its first part writes it. Posts without a name are left out.
    """
    grouped: dict[str, list[Any]] = {}
    for part in sorted(parts, key=order_of):
        name = name_of(part).strip()
        if name:
            grouped.setdefault(slug_of(name), []).append(part)
    return {
        slug: Series(slug, name_of(members[0]).strip(), tuple(members))
        for slug, members in grouped.items()
    }


def place_in_series(
    post: Any, name: str, series_by_slug: dict[str, Series], slug_of
) -> SeriesPlace | None:
    """The post's place in its series, or None if it names none."""
    name = name.strip()
    if not name:
        return None
    slug = slug_of(name)
    series = series_by_slug.get(slug) or Series(slug, name, ())
    number = next(
        (index for index, part in enumerate(series.parts, start=1) if part is post),
        None,
    )
    return SeriesPlace(series, number)
