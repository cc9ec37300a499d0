"""Signal glue: attach each post's author profiles once all posts are read."""

import os
from itertools import chain

from markdown_reader.reader import (
    ContentError,
    VigieMarkdownReader,
    decode_source,
    display_path,
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


def load_profiles(
    authors_dir: str, settings
) -> tuple[dict[str, Author], list[ContentError]]:
    """Read every author file of `authors_dir`: the profiles and the bad files."""
    reader = VigieMarkdownReader(settings)
    authors: dict[str, Author] = {}
    errors: list[ContentError] = []
    if not os.path.isdir(authors_dir):
        return authors, errors
    for file_name in sorted(os.listdir(authors_dir)):
        author_id, extension = os.path.splitext(file_name)
        if extension not in (".md", ".markdown"):
            continue
        path = os.path.join(authors_dir, file_name)
        with open(path, "rb") as source:
            text, problems = decode_source(source.read())
        profile = None
        if not problems:
            profile, problems = parse_profile(author_id, text)
        if problems:
            errors.append(ContentError(display_path(path, settings), problems))
            continue
        authors[author_id] = profiled_author(
            profile, reader.render(profile.bio_markdown), settings
        )
    return authors, errors


def attach_profiles(generator):
    """Replace each post's author ids by profiled authors."""
    settings = generator.settings
    authors_dir = os.path.join(generator.path, settings.get("AUTHORS_PATH", "authors"))
    # Bad author files and unknown ids are reported by the validation plugin,
    # which fails the build: here they are only left out.
    profiles, _ = load_profiles(authors_dir, settings)
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
