"""Table column alignment as classes, not `style=`: the CSP forbids inline styles.

Python-Markdown's tables write `<td style="text-align: right;">` for `---:`
columns; a Content-Security-Policy without 'unsafe-inline' ignores that
attribute. This extension turns it into `class="align-right"` (the theme
styles `.align-left`, `.align-center`, `.align-right`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALIGNMENT = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
# Late, once every table cell exists.
_PRIORITY = 5


class AlignmentClassProcessor(Treeprocessor):
    """Replace a cell's `text-align` style by an `align-…` class."""

    def run(self, root: etree.Element) -> None:
        """Rewrite every aligned table cell of the document."""
        for cell in root.iter():
            if cell.tag not in ("th", "td"):
                continue
            match = ALIGNMENT.match(cell.get("style", ""))
            if match:
                del cell.attrib["style"]
                classes = cell.get("class", "").split()
                cell.set("class", " ".join([*classes, f"align-{match.group(1)}"]))


class AlignmentClassExtension(Extension):
    """Register the alignment-class tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processor to `md`."""
        md.treeprocessors.register(
            AlignmentClassProcessor(md), "alignment_class", _PRIORITY
        )
