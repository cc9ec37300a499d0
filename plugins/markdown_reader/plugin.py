"""Signal glue: Vigie's Markdown reader replaces Pelican's for .md files."""

import os

from pelican import signals

from .reader import MARKDOWN_FILE_SUFFIXES, VigieMarkdownReader


def add_reader(readers):
    """Register the reader for every Markdown extension it handles."""
    for extension in VigieMarkdownReader.file_extensions:
        readers.reader_classes[extension] = VigieMarkdownReader


def read_posts_ahead(generator):
    """Before posts are read one by one, parse the uncached ones on every core."""
    reader = generator.readers.readers.get(VigieMarkdownReader.file_extensions[0])
    if not isinstance(reader, VigieMarkdownReader):
        return
    settings = generator.settings
    paths = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
    )
    reader.read_ahead(
        os.path.join(generator.path, path)
        for path in sorted(paths)
        if path.endswith(MARKDOWN_FILE_SUFFIXES)
    )


def register():
    """Connect the plugin to Pelican."""
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(read_posts_ahead)
