"""Pelican reader for Vigie's Markdown files: both header formats, one renderer."""

import logging
import os
import re

from markdown import Markdown
from markupsafe import Markup, escape
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category

from .alignment import AlignmentClassExtension
from .headers import ParsedSource, Problem, parse_source
from .headings import CommonMarkHeadingsExtension
from .metadata import as_text, parse_date, split_list

logger = logging.getLogger(__name__)

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
DATE_KEYS = ("date", "modified")
LIST_KEYS = ("aliases",)
TEXT_KEYS = ("title", "slug", "status", "image", "id", "summary", "hashtags")


class ContentError(Exception):
    """A content file that cannot be built; carries its French problems."""

    def __init__(self, path: str, problems: list[Problem]):
        """Keep the file's path and its problems, sorted by line."""
        self.path = path
        self.problems = sorted(problems, key=lambda problem: problem.line)
        super().__init__(
            "\n".join(f"{path}:{p.line}: {p.message}" for p in self.problems)
        )


def decode_source(raw: bytes) -> tuple[str, list[Problem]]:
    """Decode a file as UTF-8; an undecodable or empty file is a problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", [
            Problem(
                line,
                f"le fichier n'est pas en UTF-8 (octet 0x{raw[error.start]:02x} "
                f"à la position {error.start}) : réenregistrez-le en UTF-8.",
            )
        ]
    if not text.strip("\ufeff \t\r\n"):
        return "", [
            Problem(1, "le fichier est vide : écrivez un en-tête puis le texte.")
        ]
    return text, []


def first_paragraph(html: str) -> str:
    """Return the inner HTML of the first paragraph that has text, or ''."""
    for match in FIRST_PARAGRAPH.finditer(html):
        if TAG.sub("", match.group(1)).strip():
            return match.group(1).strip()
    return ""


def display_path(source_path: str, settings) -> str:
    """The path shown to writers: relative to the folder holding content/."""
    return os.path.relpath(source_path, os.path.dirname(settings["PATH"]))


class VigieMarkdownReader(BaseReader):
    """Read a Markdown file with a `Key: value` or YAML header."""

    enabled = True
    file_extensions = ["md", "markdown"]

    def __init__(self, settings):
        """Build one Markdown converter, reused (and reset) for every file."""
        super().__init__(settings)
        self._markdown = Markdown(
            extensions=[
                *MARKDOWN_EXTENSIONS,
                CommonMarkHeadingsExtension(),
                AlignmentClassExtension(),
            ],
            output_format="html",
        )

    def render(self, body: str) -> str:
        """Convert a Markdown body to HTML."""
        self._markdown.reset()
        return self._markdown.convert(body)

    def read(self, source_path):
        """Return the HTML and the metadata of a file, or raise ContentError."""
        path = display_path(source_path, self.settings)
        with open(source_path, "rb") as source:
            text, problems = decode_source(source.read())
        if problems:
            raise ContentError(path, problems)
        parsed = parse_source(text)
        html = self.render(parsed.body)
        metadata, problems = self.build_metadata(parsed, html)
        problems = parsed.problems + problems
        if problems:
            raise ContentError(path, problems)
        return html, metadata

    def build_metadata(self, parsed: ParsedSource, html: str):
        """Map header fields to Pelican metadata; return it with any problems."""
        metadata: dict[str, object] = {
            "header_lines": {key: field.line for key, field in parsed.fields.items()}
        }
        problems: list[Problem] = []
        for key, header in parsed.fields.items():
            if key in DATE_KEYS:
                try:
                    metadata[key] = parse_date(header.value, self.settings["TIMEZONE"])
                except ValueError as error:
                    problems.append(Problem(header.line, str(error)))
            elif key in ("author", "authors"):
                metadata["author_ids"] = split_list(header.value)
            elif key == "category":
                metadata[key] = Category(as_text(header.value), self.settings)
            elif key in LIST_KEYS:
                metadata[key] = split_list(header.value)
            else:
                metadata[key] = as_text(header.value)
        if "author_ids" in metadata:
            metadata["authors"] = [
                Author(author_id, self.settings) for author_id in metadata["author_ids"]
            ]
        summary = metadata.get("summary")
        metadata["summary"] = (
            escape(summary) if summary else Markup(first_paragraph(html))
        )
        return metadata, problems
