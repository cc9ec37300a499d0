"""Posts in time: neighbours of a post and archive sections. Pure functions."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


def neighbours(
    timeline: Sequence[tuple[dt.datetime, str]], point: tuple[dt.datetime, str]
) -> tuple[int | None, int | None]:
    """Indexes of the entries just before and just after `point`.

    `timeline` is sorted, oldest first; `point` may be one of its entries (a
    published post) or not (a hidden one, placed by its date among them).
    """
    before = bisect_left(timeline, point) - 1
    after = bisect_right(timeline, point)
    return (
        before if before >= 0 else None,
        after if after < len(timeline) else None,
    )


@dataclass
class MonthSection:
    """The posts of one month, newest first."""

    first_day: dt.date
    posts: list[Any] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The section's id in the page: `mois-2025-06`."""
        return f"mois-{self.first_day:%Y-%m}"


@dataclass
class YearSection:
    """The months of one year that have posts, newest first."""

    year: int
    months: list[MonthSection] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The section's id in the page: `annee-2025`."""
        return f"annee-{self.year}"


def archive_sections(
    items: Iterable[Any], moment: Callable[[Any], dt.datetime]
) -> list[YearSection]:
    """Group items by year, then month, newest first; each item appears once."""
    years: list[YearSection] = []
    for item in sorted(items, key=moment, reverse=True):
        when = moment(item)
        if not years or years[-1].year != when.year:
            years.append(YearSection(when.year))
        months = years[-1].months
        if not months or months[-1].first_day.month != when.month:
            months.append(MonthSection(dt.date(when.year, when.month, 1)))
        months[-1].posts.append(item)
    return years
