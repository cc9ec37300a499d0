"""CommonMark ATX headings for Python-Markdown: `# Titre` is a heading, `#Mot` is not.

Python-Markdown reads any line starting with `#` as a heading, so `#Mot` at
the start of a line would become `<h1>Mot</h1>` and lose its hashtag. As in
CommonMark (spec 0.31, "ATX headings"), this extension requires:

- 1 to 6 `#`, then a space, a tab or the end of the line (`#Mot`, `#2025`,
  `##double` and `#######x` stay paragraph text);
- an optional closing run of `#` only after a space (`# Titre ##` →
  `Titre`, but `# Apprendre le C#` keeps its `C#`).

Everything else is Python-Markdown's own `hashheader` processor (same name,
same priority): no indentation allowed, a heading may interrupt a paragraph,
setext headings and `attr_list`'s `# Titre {#ancre}` work as before.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension

# Python-Markdown registers its `hashheader` block processor at this priority.
_HASHHEADER_PRIORITY = 70


class CommonMarkHashHeaderProcessor(HashHeaderProcessor):
    """Python-Markdown's hash header processor, with CommonMark's line rules."""

    # `header` is empty or starts with a space; the closing `#`s need a space
    # before them. The lazy `??` lets `### ###` be an empty heading.
    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:[ \t][^\n]*?)??)"
        r"(?:[ \t]+#+)?[ \t]*(?:\n|$)"
    )


class CommonMarkHeadingsExtension(Extension):
    """Make `#` headings need a space after the `#`s, as in CommonMark."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Replace the built-in `hashheader` block processor in place."""
        md.parser.blockprocessors.register(
            CommonMarkHashHeaderProcessor(md.parser), "hashheader", _HASHHEADER_PRIORITY
        )


def makeExtension(**kwargs: object) -> CommonMarkHeadingsExtension:
    """Return the extension, for `Markdown(extensions=["markdown_reader.headings"])`."""
    return CommonMarkHeadingsExtension(**kwargs)
