"""Signal glue: Vigie's Markdown reader replaces Pelican's for .md files."""

from pelican import signals

from .reader import VigieMarkdownReader


def add_reader(readers):
    """Register the reader for every Markdown extension it handles."""
    for extension in VigieMarkdownReader.file_extensions:
        readers.reader_classes[extension] = VigieMarkdownReader


def register():
    """Connect the plugin to Pelican."""
    signals.readers_init.connect(add_reader)
