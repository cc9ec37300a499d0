"""Pelican reader for Vigie's Markdown files: both header formats, one renderer.

The reader never raises for a bad file: it returns what it could read, with
its problems in `metadata["reading"]` (a `Reading`), and the validation plugin
reports them and keeps the file out of the site. Pelican itself would log
"Could not process" and, with `--fatal errors`, die with a traceback.
"""

import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markdown import Markdown
from markupsafe import Markup, escape
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, URLWrapper

from .alignment import AlignmentClassExtension
from .content_cache import ContentCache, code_key
from .headers import HeaderField, ParsedSource, Problem, parse_source
from .headings import CommonMarkHeadingsExtension
from .metadata import as_text, parse_date, split_list
from .read_ahead import file_digest, parse_ahead
from .sanitize import make_sanitizer

logger = logging.getLogger(__name__)

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]
MARKDOWN_CONFIGS = {
    "extra": {"footnotes": {"BACKLINK_TITLE": "Revenir à l'appel de note %d"}},
}
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
DATE_KEYS = ("date", "modified")
LIST_KEYS = ("aliases",)
TEXT_KEYS = ("title", "slug", "status", "image", "id", "summary", "hashtags")
# Metadata the reader computes itself: a header key of the same name is not
# copied over it (the validation plugin names that key as unknown).
INTERNAL_KEYS = frozenset({"header_lines", "author_ids", "reading"})
HERE = Path(__file__).parent
# What turns a body into HTML, and what turns a whole file into the reader's
# result (the body's HTML, the metadata, the header fields and problems).
BODY_PIPELINE = ("headings.py", "alignment.py", "sanitize.py", "reader.py")
FILE_PIPELINE = (*BODY_PIPELINE, "headers.py", "metadata.py")
# Invisible characters that XML feeds cannot carry and writers cannot see;
# a vertical tab or form feed (pasted from a word processor) becomes a space.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
PAGE_BREAKS = re.compile("[\x0b\x0c]")


@dataclass
class Reading:
    """What the reader learnt about one file: its header fields and problems.

    `path` is the path shown to writers, `source_path` the absolute one,
    `digest` the SHA-256 of the file's bytes (empty if it could not be read).
    """

    path: str
    source_path: str
    digest: str = ""
    fields: dict[str, HeaderField] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


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
                "encodage",
            )
        ]
    if not text.strip("\ufeff \t\r\n"):
        return "", [
            Problem(
                1,
                "le fichier est vide : écrivez un en-tête puis le texte.",
                "fichier-vide",
            )
        ]
    return text, []


def remove_control_characters(text: str) -> tuple[str, list[Problem]]:
    """Drop invisible control characters; a warning names the first line."""
    found = CONTROL_CHARACTERS.search(text) or PAGE_BREAKS.search(text)
    if not found:
        return text, []
    line = text.count("\n", 0, found.start()) + 1
    cleaned = CONTROL_CHARACTERS.sub("", PAGE_BREAKS.sub(" ", text))
    return cleaned, [
        Problem(
            line,
            "caractères de contrôle invisibles retirés (souvent collés depuis un "
            "traitement de texte ou un PDF) : vérifiez le texte de cette ligne.",
            "encodage",
            warning=True,
        )
    ]


# Files an editor leaves next to the one being written: never content.
EDITOR_LEFTOVERS = re.compile(r"(^\.|^#.*#$|~$|\.(swp|swo|tmp|bak|orig)$)")
MARKDOWN_FILE_SUFFIXES = (".md", ".markdown")


def read_markdown_folder(folder: str) -> Iterator[tuple[str, str, str, list[Problem]]]:
    """(path, stem, text, decoding problems) of each Markdown file, sorted by name.

    Authors and campaigns are one file each in their folder: the plugins that
    use them and the validation that checks them read the folder this way.
    """
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        stem, extension = os.path.splitext(name)
        if extension not in MARKDOWN_FILE_SUFFIXES or EDITOR_LEFTOVERS.search(name):
            continue
        path = os.path.join(folder, name)
        with open(path, "rb") as source:
            text, problems = decode_source(source.read())
        yield path, stem, text, problems


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
        """A reader for one build (Pelican makes one per generator and build)."""
        super().__init__(settings)
        # The categories and authors made so far, by kind and name.
        self._wrappers: dict[tuple[type[URLWrapper], str], URLWrapper] = {}
        # Results parsed ahead on every core (read_ahead), by file digest.
        self._ahead: dict[str, tuple] = {}

    # Most readers Pelican makes read nothing: the converter and the caches
    # are made on first use.

    @cached_property
    def _markdown(self) -> Markdown:
        """One Markdown converter, reused (and reset) for every file."""
        return Markdown(
            extensions=[
                *MARKDOWN_EXTENSIONS,
                CommonMarkHeadingsExtension(),
                AlignmentClassExtension(),
            ],
            extension_configs=MARKDOWN_CONFIGS,
            output_format="html",
        )

    @cached_property
    def _sanitize(self):
        """The allow-list, with this site's iframe hosts."""
        return make_sanitizer(self.settings.get("SANITIZE_IFRAME_HOSTS", ()))

    def _cache(self, settings_part: str, files, packages) -> ContentCache | None:
        """A cache in CACHE_PATH/markdown/ when INCREMENTAL is on, else None."""
        if not self.settings.get("INCREMENTAL"):
            return None
        iframe_hosts = repr(sorted(self.settings.get("SANITIZE_IFRAME_HOSTS", ())))
        return ContentCache(
            os.path.join(self.settings["CACHE_PATH"], "markdown"),
            code_key(
                f"{iframe_hosts} {settings_part}", [HERE / n for n in files], packages
            ),
        )

    @cached_property
    def _bodies(self) -> ContentCache | None:
        """Rendered bodies, so that a rebuild converts only what was edited."""
        return self._cache("", BODY_PIPELINE, ("markdown", "nh3"))

    @cached_property
    def _files(self) -> ContentCache | None:
        """Whole files read, so that a rebuild reads again only what was edited."""
        return self._cache(
            self.settings["TIMEZONE"],
            FILE_PIPELINE,
            ("markdown", "nh3", "pyyaml", "markupsafe"),
        )

    def render(self, body: str) -> str:
        """Convert a Markdown body to HTML, then keep only allowed HTML."""
        if self._bodies:
            return self._bodies.fetch(body, lambda: self._render(body))
        return self._render(body)

    def _render(self, body: str) -> str:
        """Render a body (no cache)."""
        self._markdown.reset()
        return self._sanitize(self._markdown.convert(body))

    def read_ahead(self, paths: Iterable[str]) -> None:
        """Parse on every core the files whose result is not cached yet.

        `read()` then takes each result from memory (see `read_ahead.py`).
        """
        todo = []
        for path in paths:
            try:
                with open(path, "rb") as source:
                    digest = file_digest(source.read())
            except OSError:
                continue  # read() reports it
            if self._files is None or not self._files.has(digest):
                todo.append(path)
        self._ahead = parse_ahead(todo, lambda raw: self.parse_file(raw, []))

    def read(self, source_path):
        """Return the HTML and the metadata of a file, problems in `reading`."""
        reading = Reading(display_path(source_path, self.settings), source_path)
        try:
            return self._read(source_path, reading)
        except Exception as error:
            # The boundary between content and the build: whatever a file holds,
            # it is named with a message, never a traceback that stops the build.
            logger.debug("Reading %s failed", source_path, exc_info=True)
            reading.problems.append(
                Problem(
                    1,
                    f"ce fichier n'a pas pu être lu ({type(error).__name__}: "
                    f"{error}) : signalez-le à l'équipe du site avec ce message.",
                    "erreurs",
                )
            )
            return "", {"reading": reading}

    def _read(self, source_path, reading: Reading):
        """Read, parse and render one file, recording problems in `reading`."""
        with open(source_path, "rb") as source:
            raw = source.read()
        reading.digest = file_digest(raw)
        ahead = self._ahead.pop(reading.digest, None)

        def parse():
            if ahead is not None:
                return ahead
            return self.parse_file(raw, reading.problems)

        if self._files:
            # Keyed by the file's digest: its bytes are hashed only once.
            html, metadata, fields, problems = self._files.fetch(reading.digest, parse)
        else:
            html, metadata, fields, problems = parse()
        reading.fields, reading.problems = fields, problems
        if metadata is None:
            return "", {"reading": reading}
        if "category" in metadata:
            metadata["category"] = self._named(Category, metadata["category"])
        if "authors" in metadata:
            metadata["authors"] = [
                self._named(Author, author_id) for author_id in metadata["authors"]
            ]
        metadata["reading"] = reading
        return html, metadata

    def _named(self, kind: type[URLWrapper], name: str) -> URLWrapper:
        """One Pelican category or author per name for all the files read.

        Its slug is then worked out once, not once per post.
        """
        key = (kind, name)
        if key not in self._wrappers:
            self._wrappers[key] = kind(name, self.settings)
        return self._wrappers[key]

    def parse_file(self, raw: bytes, problems: list[Problem]):
        """(HTML, metadata or None, header fields, problems) of a file's bytes.

        A pure function of the bytes and settings, hence cached: the category
        and the authors are names here, made Pelican objects by `_read`.
        Problems are added to `problems` as they are found, so that those found
        before a crash are still reported with it.
        """
        text, found = decode_source(raw)
        problems += found
        if found:
            return "", None, {}, problems
        text, found = remove_control_characters(text)
        problems += found
        parsed = parse_source(text)
        html = self.render(parsed.body)
        metadata, metadata_problems = self.build_metadata(parsed, html)
        problems += parsed.problems + metadata_problems
        return html, metadata, dict(parsed.fields), problems

    def build_metadata(self, parsed: ParsedSource, html: str):
        """Map header fields to metadata; return it with any problems.

        Plain values only (the category and authors by name), so it can be cached.
        """
        metadata: dict[str, object] = {}
        problems: list[Problem] = []
        for key, header in parsed.fields.items():
            if key in INTERNAL_KEYS:
                continue
            if key in DATE_KEYS:
                if as_text(header.value) == "":
                    # An empty date is a missing one: the validation rules say so.
                    continue
                try:
                    metadata[key] = parse_date(header.value, self.settings["TIMEZONE"])
                except ValueError as error:
                    problems.append(Problem(header.line, str(error), "dates"))
            elif key in ("author", "authors"):
                metadata["author_ids"] = split_list(header.value)
            elif key == "category":
                metadata[key] = as_text(header.value)
            elif key in LIST_KEYS:
                metadata[key] = split_list(header.value)
            else:
                metadata[key] = as_text(header.value)
        metadata["header_lines"] = {
            key: field.line for key, field in parsed.fields.items()
        }
        if "author_ids" in metadata:
            metadata["authors"] = list(metadata["author_ids"])
        summary = metadata.get("summary")
        metadata["summary"] = (
            escape(summary) if summary else Markup(first_paragraph(html))
        )
        return metadata, problems
