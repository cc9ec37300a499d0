"""Signal glue: the reading time of every built post, for its meta line."""

import os
from collections.abc import Callable
from itertools import chain
from pathlib import Path

from markdown_reader.content_cache import ContentCache, code_key
from pelican import signals

from . import words
from .words import count_words, reading_minutes


def attach_reading_time(generator):
    """Set `reading_time` (minutes) from the post's final HTML."""
    count = word_counter(generator.settings)
    for post in chain(generator.articles, generator.hidden_articles, generator.drafts):
        post.reading_time = reading_minutes(count(post._content))


def word_counter(settings) -> Callable[[str], int]:
    """count_words, whose results INCREMENTAL builds keep in CACHE_PATH."""
    if not settings.get("INCREMENTAL"):
        return count_words
    counts = ContentCache(
        os.path.join(settings["CACHE_PATH"], "reading_time"),
        code_key("", [Path(words.__file__)]),
    )
    return lambda html: counts.fetch(html, lambda: count_words(html))


def register():
    """Connect the plugin to Pelican."""
    signals.article_generator_finalized.connect(attach_reading_time)
