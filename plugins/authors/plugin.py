"""Signal glue: attach each post's author profiles once all posts are read."""

import os
from itertools import chain

from markdown_reader.reader import (
    VigieMarkdownReader,
    read_markdown_folder,
)
from markupsafe import Markup
from pelican import signals
from pelican.urlwrappers import Author

from .profiles import AuthorProfile, parse_profile


def profiled_author(profile: AuthorProfile, bio_html: str, settings) -> Author:
    """A Pelican author named from the profile, its URL from the id (file name)."""
    author = Author(profile.name, settings)
    author.slug = profile.author_id
    author.profile = profile
    author.bio = Markup(bio_html)
    return author


def load_profiles(authors_dir: str, settings) -> dict[str, Author]:
    """The profiled authors of `authors_dir`; bad files are left to validation."""
    reader = VigieMarkdownReader(settings)
    authors: dict[str, Author] = {}
    for _, author_id, text, unreadable in read_markdown_folder(authors_dir):
        profile = None if unreadable else parse_profile(author_id, text)[0]
        if profile is not None:
            authors[author_id] = profiled_author(
                profile, reader.render(profile.bio_markdown), settings
            )
    return authors


def attach_profiles(generator):
    """Replace each post's author ids by profiled authors."""
    settings = generator.settings
    authors_dir = os.path.join(generator.path, settings.get("AUTHORS_PATH", "authors"))
    # Bad author files and unknown ids are reported by the validation plugin,
    # which fails the build: here they are only left out.
    profiles = load_profiles(authors_dir, settings)
    generator.context["author_profiles"] = profiles
    for article in chain(
        generator.articles, generator.hidden_articles, generator.drafts
    ):
        authors = []
        for author_id in getattr(article, "author_ids", []):
            if author_id in profiles:
                authors.append(profiles[author_id])
        if authors:
            article.authors = authors
            article.author = authors[0]


def register():
    """Connect the plugin to Pelican."""
    signals.article_generator_pretaxonomy.connect(attach_profiles)
