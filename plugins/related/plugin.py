"""Signal glue: give every built post its related posts once all are read."""

import logging
import time
from itertools import chain

from pelican import signals

from .scoring import PostFeatures, related_posts

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The most cards under a post, and the fewest when enough posts relate.
    "RELATED_POSTS_MAX": 5,
    "RELATED_POSTS_MIN": 3,
}


class RelatedSettingsError(ValueError):
    """RELATED_POSTS_MIN and RELATED_POSTS_MAX do not make sense together."""


def check_settings(pelican):
    """Fill in the defaults; refuse counts that cannot work."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    low, high = settings["RELATED_POSTS_MIN"], settings["RELATED_POSTS_MAX"]
    if not (isinstance(low, int) and isinstance(high, int) and 0 <= low <= high):
        raise RelatedSettingsError(
            "RELATED_POSTS_MIN and RELATED_POSTS_MAX must be whole numbers with "
            f"0 <= RELATED_POSTS_MIN <= RELATED_POSTS_MAX, not {low!r} and {high!r}"
        )


def post_features(post) -> PostFeatures:
    """The plain values the scoring needs from a Pelican article."""
    return PostFeatures(
        key=post.source_path,
        hashtags=frozenset(c.slug for c in getattr(post, "campaigns", [])),
        authors=frozenset(a.slug for a in getattr(post, "authors", [])),
        category=post.category.slug if post.category else "",
        date=post.date,
    )


def attach_related(generator):
    """Set `related_posts` on every built post: published ones only, never itself."""
    settings = generator.settings
    built = list(chain(generator.articles, generator.hidden_articles))
    if settings.get("PREVIEW_DRAFTS"):
        built += generator.drafts
    by_key = {post.source_path: post for post in built}
    started = time.perf_counter()
    related = related_posts(
        [post_features(post) for post in built],
        [post_features(post) for post in generator.articles],
        limit=settings["RELATED_POSTS_MAX"],
        minimum=settings["RELATED_POSTS_MIN"],
    )
    logger.debug(
        "Related posts of %d posts in %.3f s", len(built), time.perf_counter() - started
    )
    for post in built:
        post.related_posts = [by_key[key] for key in related[post.source_path]]


def register():
    """Connect the plugin to Pelican."""
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_related)
