"""Signal glue: each post of a series gets its place and the list of parts."""

from itertools import chain

from campaigns.hashtags import hashtag_slug
from pelican import signals

from .grouping import group_series, place_in_series


def series_name(post) -> str:
    """The post's `Series` header, or ''."""
    return str(getattr(post, "series", "") or "")


def attach_series(generator):
    """Set `series_place` on built posts that name a series."""
    series_by_slug = group_series(
        generator.articles,
        series_name,
        hashtag_slug,
        lambda post: (post.date, post.source_path),
    )
    built = chain(generator.articles, generator.hidden_articles, generator.drafts)
    for post in built:
        post.series_place = place_in_series(
            post, series_name(post), series_by_slug, hashtag_slug
        )


def register():
    """Connect the plugin to Pelican."""
    signals.article_generator_finalized.connect(attach_series)
