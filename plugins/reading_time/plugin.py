"""Signal glue: the reading time of every built post, for its meta line."""

from itertools import chain

from pelican import signals

from .words import count_words, reading_minutes


def attach_reading_time(generator):
    """Set `reading_time` (minutes) from the post's final HTML."""
    for post in chain(generator.articles, generator.hidden_articles, generator.drafts):
        post.reading_time = reading_minutes(count_words(post._content))


def register():
    """Connect the plugin to Pelican."""
    signals.article_generator_finalized.connect(attach_reading_time)
