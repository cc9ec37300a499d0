"""One build's validation: what it found, gathered from Pelican's objects.

`BuildCheck` is created afresh for every build by `VigiePelican.run` (so a
`make devserver` rebuild starts clean) and reached by the signal handlers
through `settings[CHECK_SETTING]`. Its methods read Pelican's generators and
content objects, hand plain values to the rules, and keep the problems.
"""

import html
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import chain
from pathlib import Path

import markdown_reader
from authors.profiles import parse_profile
from campaigns.definitions import parse_campaign
from markdown_reader.content_cache import ContentCache, code_key
from markdown_reader.headers import Problem, parse_source
from markdown_reader.metadata import as_text
from markdown_reader.reader import (
    EDITOR_LEFTOVERS,
    MARKDOWN_FILE_SUFFIXES,
    display_path,
    read_markdown_folder,
)
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.paginator import Paginator
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify
from schedule.status import DRAFT, HIDDEN, PUBLISHED, SCHEDULED

from . import rules
from .report import Issue, SiteCount

CHECK_SETTING = "VALIDATION_BUILD_CHECK"
IMG_SRC = re.compile(r'<img\s[^>]*?\bsrc="([^"]*)"')
FEED_FILES = ("rss.xml", "atom.xml")
DIRECT_TEMPLATE_NAMES = {
    "index": "la page d'accueil",
    "tags": "la liste des campagnes",
    "authors": "la liste des auteurs",
    "categories": "la liste des rubriques",
    "archives": "les archives",
    "notfound": "la page « introuvable » (404)",
    "search": "la page de recherche",
    "subscribe": "la page d'abonnement",
}


class LogCounter(logging.Handler):
    """Counts the warnings and errors that Pelican or other plugins log."""

    def __init__(self, check: "BuildCheck"):
        """Listen from WARNING up, for one build."""
        super().__init__(logging.WARNING)
        self.check = check

    def emit(self, record: logging.LogRecord) -> None:
        """Count a record, unless it is one of ours (those are Issues already)."""
        if record.name.split(".")[0] == __package__:
            return
        if record.levelno >= logging.ERROR:
            self.check.other_errors.append(record.getMessage())
        else:
            self.check.other_warnings.append(record.getMessage())


class BuildCheck:
    """Everything validation learns during one build."""

    def __init__(self, settings, strict: bool = False):
        """Start a build with no problem found."""
        self.settings = settings
        self.strict = strict or bool(settings.get("VALIDATION_STRICT"))
        self.content_path = settings["PATH"]
        self.issues: list[Issue] = []
        self.failed_sources: set[str] = set()
        self.other_errors: list[str] = []
        self.other_warnings: list[str] = []
        self.count: SiteCount | None = None
        self._author_ids: set[str] | None = None
        self._side_counts = {"authors": 0, "campaigns": 0}
        self.slugify = partial(
            slugify,
            regex_subs=settings.get(
                "SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
            ),
        )
        # The same for every file of a build: found once.
        self._reserved_keys: dict[str, set[str]] = {}
        self._authors_dir: str | None = None
        self._shown: dict[str, str] = {}
        self._header_cache = header_cache(settings)

    # --- What was found -------------------------------------------------------

    @property
    def errors(self) -> list[Issue]:
        """The problems that fail the build (warnings too, with STRICT=1)."""
        return [i for i in self.issues if self.strict or not i.warning]

    @property
    def failed(self) -> bool:
        """Whether this build must not replace output/."""
        return bool(
            self.errors or self.other_errors or (self.strict and self.other_warnings)
        )

    @property
    def warning_count(self) -> int:
        """Warnings that do not fail the build, ours and others'."""
        return sum(i.warning for i in self.issues) + len(self.other_warnings)

    def record(self, path: str, problems: Iterable[Problem], anchor: str = "") -> bool:
        """Keep a file's problems, `anchor` given to those without; True if errors."""
        has_error = False
        for found in problems:
            problem = (
                replace(found, anchor=anchor) if anchor and not found.anchor else found
            )
            self.issues.append(Issue(path, problem))
            has_error = has_error or not problem.warning
        return has_error

    @contextmanager
    def listening(self) -> Iterator[None]:
        """Count what others log during the build."""
        root = logging.getLogger()
        # With `--log-handler plain` the root logger has no handler and Python's
        # last-resort handler prints; adding ours would silence it, so it joins.
        handlers = [LogCounter(self)] + ([] if root.handlers else [logging.lastResort])
        for handler in handlers:
            root.addHandler(handler)
        try:
            yield
        finally:
            for handler in handlers:
                root.removeHandler(handler)

    # --- Paths ----------------------------------------------------------------

    def shown(self, source_path: str) -> str:
        """A path as writers see it: relative to the folder holding content/."""
        if source_path not in self._shown:
            # Asked several times per file, and os.path.relpath is slow.
            self._shown[source_path] = display_path(source_path, self.settings)
        return self._shown[source_path]

    def exists_in_content(self, relative: str) -> bool:
        """Whether a content-relative path is a file of the content folder."""
        path = os.path.normpath(os.path.join(self.content_path, relative))
        return path.startswith(self.content_path + os.sep) and os.path.isfile(path)

    def _side_dir(self, setting: str, default: str) -> str:
        """The folder of author or campaign files."""
        return os.path.join(self.content_path, self.settings.get(setting, default))

    # --- Author and campaign files --------------------------------------------

    def author_ids(self) -> set[str]:
        """The ids of content/authors/ (its files are checked on first use)."""
        if self._author_ids is None:
            self._author_ids = set()
            self._check_side_files()
        return self._author_ids

    def _side_files(self, folder: str) -> Iterator[tuple[str, str, str | None]]:
        """(path, stem, text or None when unreadable) of each Markdown file."""
        for path, stem, text, problems in read_markdown_folder(folder):
            if problems:
                self.record(self.shown(path), problems)
                yield path, stem, None
            else:
                yield path, stem, text

    def _check_side_files(self) -> None:
        """Check every author and campaign file once per build."""
        authors_dir = self._side_dir("AUTHORS_PATH", "authors")
        for path, author_id, text in self._side_files(authors_dir):
            self._author_ids.add(author_id)
            if text is None:
                continue
            fields = parse_source(text).fields
            problems = parse_profile(author_id, text)[1]
            problems += rules.check_keys("author", fields, self._extra_keys("author"))
            if rules.slug_problem(author_id):
                problems.append(
                    Problem(
                        1,
                        f"le nom du fichier « {author_id} » sert d'identifiant et "
                        "d'adresse : renommez-le en minuscules sans accent ni espace, "
                        f"par exemple {self.slugify(author_id) or 'prenom-nom'}.md.",
                        "auteurs",
                    )
                )
            problems += self._picture_problems(fields, "photo", path)
            if not self.record(self.shown(path), problems, "auteurs"):
                self._side_counts["authors"] += 1
        campaigns_dir = self._side_dir("CAMPAIGNS_PATH", "campaigns")
        for path, file_slug, text in self._side_files(campaigns_dir):
            if text is None:
                continue
            fields = parse_source(text).fields
            problems = parse_campaign(file_slug, text)[1]
            problems += rules.check_keys(
                "campaign", fields, self._extra_keys("campaign")
            )
            problems += self._picture_problems(fields, "image", path)
            if not self.record(self.shown(path), problems, "campagnes"):
                self._side_counts["campaigns"] += 1

    def _extra_keys(self, kind: str) -> Iterable[str]:
        """Keys another plugin added for a kind of file (VALIDATION_EXTRA_KEYS)."""
        return (self.settings.get("VALIDATION_EXTRA_KEYS") or {}).get(kind, ())

    def _picture_problems(self, fields, key: str, path: str) -> list[Problem]:
        """A warning when the picture named in a header key does not exist."""
        field = fields.get(key)
        if field is None or not as_text(field.value):
            return []
        source_dir = os.path.relpath(os.path.dirname(path), self.content_path)
        return rules.check_image(
            as_text(field.value), field.line, source_dir, self.exists_in_content
        )

    # --- One post or page, as soon as it is read ------------------------------

    def check_file(self, kind: str, metadata: dict) -> None:
        """Check a file's header; keep it out of the site if it has an error."""
        reading = metadata.pop("reading", None)
        if reading is None:
            # Another Pelican reader (.rst, .html): the file count names it.
            metadata["status"] = "skip"
            return
        problems = list(reading.problems)
        if reading.fields or all(p.warning for p in problems):
            problems += self.header_problems(kind, reading)
        if self.record(reading.path, problems):
            self.failed_sources.add(reading.source_path)
            metadata["status"] = "skip"

    def header_problems(self, kind: str, reading) -> list[Problem]:
        """Every per-file rule for a post or a page.

        The rules but the picture's depend only on the header, the file name
        and, for a post, the author ids: with INCREMENTAL, they are cached by
        these (a picture may appear or vanish without the file changing).
        """
        if self._header_cache is None or not reading.digest:
            problems = self._header_rules(kind, reading)
        else:
            context = [reading.digest, kind, os.path.basename(reading.source_path)]
            if kind == "post":
                context += [self.authors_dir(), *sorted(self.author_ids())]
            problems = self._header_cache.fetch(
                "\n".join(context), lambda: self._header_rules(kind, reading)
            )
        return problems + self._picture_problems(
            reading.fields, "image", reading.source_path
        )

    def authors_dir(self) -> str:
        """The folder of author files, as writers see it."""
        if self._authors_dir is None:
            self._authors_dir = self.shown(self._side_dir("AUTHORS_PATH", "authors"))
        return self._authors_dir

    def _header_rules(self, kind: str, reading) -> list[Problem]:
        """The per-file rules that read the header and the file name only."""
        fields = reading.fields
        problems = rules.check_keys(
            kind, fields, self._extra_keys(kind), self._reserved(kind)
        )
        problems += rules.check_required(kind, fields)
        if kind == "post":
            problems += rules.check_authors(
                fields, self.author_ids(), self.authors_dir()
            )
            problems += rules.check_category(
                fields, self.settings.get("VALIDATION_CATEGORIES") or (), self.slugify
            )
            problems += rules.check_id(fields)
        problems += rules.check_status(fields)
        problems += rules.check_slug(fields, self.slugify)
        if "slug" not in fields:
            problems += rules.check_file_name(reading.source_path, self.slugify)
        problems += rules.check_aliases(fields)
        return problems

    def _reserved(self, kind: str) -> set[str]:
        """Attribute names of Pelican's content class for a kind of file.

        Pelican copies each header key onto the content object: a key named
        like one of its attributes (`Content:`, `Url:`) would break it.
        """
        if kind not in self._reserved_keys:
            content_class = Article if kind == "post" else Page
            self._reserved_keys[kind] = {
                name for name in dir(content_class) if not name.startswith("_")
            }
        return self._reserved_keys[kind]

    # --- The whole site, once everything is read ------------------------------

    def check_site(self, generators) -> None:
        """Cross-file rules, the file count, and what the report will say."""
        self.author_ids()
        articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
        pages = next(g for g in generators if isinstance(g, PagesGenerator))
        built_posts = list(
            chain(
                articles.articles,
                articles.translations,
                articles.hidden_articles,
                articles.hidden_translations,
            )
        )
        built_pages = list(chain(pages.pages, pages.hidden_pages))
        if self.settings.get("DRAFT_SAVE_AS"):
            built_posts += articles.drafts + articles.drafts_translations
        if self.settings.get("DRAFT_PAGE_SAVE_AS"):
            built_pages += pages.draft_pages
        for content in built_posts + built_pages:
            self._check_body_images(content)
        for post in chain(articles.articles, articles.hidden_articles):
            line = getattr(post, "header_lines", {}).get("hashtags", 1)
            self.record(
                self.shown(post.source_path),
                rules.check_hashtags_present(bool(getattr(post, "tags", None)), line),
            )
        for path, problem in rules.find_collisions(
            self._claims(articles, pages, built_posts, built_pages)
        ):
            self.record(path, [problem])
        all_posts = chain(articles.articles, articles.hidden_articles, articles.drafts)
        for path, problem in rules.find_duplicate_ids(self._post_ids(all_posts)):
            self.record(path, [problem])
        self.count = self._count(articles, pages)

    def _check_body_images(self, content) -> None:
        """Warn about each local picture of a body that does not exist."""
        source_dir = os.path.relpath(
            os.path.dirname(content.source_path), self.content_path
        )
        for match in IMG_SRC.finditer(content._content or ""):
            reference = html.unescape(match.group(1))
            problems = rules.check_image(
                reference, 1, source_dir, self.exists_in_content
            )
            if problems:
                line = _line_of(content.source_path, reference)
                self.record(
                    self.shown(content.source_path),
                    [replace(problem, line=line) for problem in problems],
                )

    def _claims(self, articles, pages, built_posts, built_pages):
        """Every output file the build means to write, and who wants it."""
        settings = self.settings
        for content in built_posts + built_pages:
            path = self.shown(content.source_path)
            lines = getattr(content, "header_lines", {})
            if content.save_as:
                yield rules.Claim(content.save_as, path, path, lines.get("slug", 1))
            for alias in getattr(content, "aliases", None) or ():
                yield rules.Claim(
                    rules.alias_save_as(alias),
                    f"l'ancienne adresse (Aliases) de {path}",
                    path,
                    lines.get("aliases", 1),
                    alias=True,
                )
        direct = set()
        for template in settings.get("DIRECT_TEMPLATES", ()):
            save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
            if save_as:
                direct.add(save_as)
                owner = DIRECT_TEMPLATE_NAMES.get(
                    template, f"la page {rules.url_of(save_as)} du site"
                )
                yield rules.Claim(save_as, owner)
                if template in settings.get("PAGINATED_TEMPLATES", {}):
                    yield from self._page_claims(
                        template, save_as, articles.articles, "l'accueil"
                    )
        for url, name in (settings.get("VALIDATION_RESERVED_URLS") or {}).items():
            save_as = url.lstrip("/")
            save_as = save_as + "index.html" if save_as.endswith("/") else save_as
            if (save_as or "index.html") not in direct:
                yield rules.Claim(save_as or "index.html", name)
        taxonomies = (
            ("tag", articles.tags, "la campagne #{}"),
            ("category", articles.categories, "la rubrique {}"),
            ("author", articles.authors, "l'auteur {}"),
        )
        for template, groups, name_format in taxonomies:
            items = groups.items() if isinstance(groups, dict) else groups
            for group, posts in items:
                if not group.save_as:
                    continue
                name = name_format.format(group.name)
                yield rules.Claim(group.save_as, f"la page {rules.of([name])}")
                yield from self._page_claims(template, group.save_as, posts, name)
                base = group.save_as.rsplit("/", 1)[0] if "/" in group.save_as else ""
                for feed in FEED_FILES:
                    save_as = f"{base}/{feed}" if base else feed
                    yield rules.Claim(save_as, f"le flux {rules.of([name])}")

    def _page_claims(self, template: str, save_as: str, posts, name: str):
        """The second and later pages of a paginated listing of `name`."""
        settings = self.settings
        per_page = (settings.get("PAGINATED_TEMPLATES") or {}).get(
            template
        ) or settings.get("DEFAULT_PAGINATION")
        if not per_page or "PAGINATION_PATTERNS" not in settings:
            return
        paginator = Paginator(save_as, "", list(posts), settings, per_page)
        for number in range(2, paginator.num_pages + 1):
            yield rules.Claim(
                paginator.page(number).save_as, f"la page {number} {rules.of([name])}"
            )

    def _post_ids(self, posts) -> Iterator[tuple[str, str, int, bool]]:
        """(path, feed id, line, explicit) of each post, for the duplicate check."""
        for post in posts:
            lines = getattr(post, "header_lines", {})
            explicit = "id" in lines and bool(getattr(post, "id", ""))
            if explicit:
                post_id = post.id
            else:
                relative = os.path.relpath(post.source_path, self.content_path)
                parts = relative.replace(os.sep, "/").split("/", 1)
                post_id = os.path.splitext(parts[-1])[0]
            yield self.shown(post.source_path), post_id, lines.get("id", 1), explicit

    def _count(self, articles, pages) -> SiteCount:
        """Put every file of content/posts/ in one state, or record an error."""
        states: dict[str, str] = {}
        scheduled = []
        for post in chain(articles.articles, articles.translations):
            states[post.source_path] = PUBLISHED
        for post in chain(articles.hidden_articles, articles.hidden_translations):
            states[post.source_path] = HIDDEN
        for post in chain(articles.drafts, articles.drafts_translations):
            if post.metadata.get("status") == "draft":
                states[post.source_path] = DRAFT
            else:
                states[post.source_path] = SCHEDULED
                scheduled.append(post.date)
        read_pages = {
            page.source_path
            for page in chain(pages.pages, pages.hidden_pages, pages.draft_pages)
        }
        counted = Counter()
        for source_path in self._files(articles, "ARTICLE_PATHS", "ARTICLE_EXCLUDES"):
            if source_path in states:
                counted[states[source_path]] += 1
            elif source_path not in self.failed_sources:
                self.record(self.shown(source_path), [_unread_problem(source_path)])
        for source_path in self._files(pages, "PAGE_PATHS", "PAGE_EXCLUDES"):
            if source_path in read_pages:
                counted["pages"] += 1
            elif source_path not in self.failed_sources:
                self.record(self.shown(source_path), [_unread_problem(source_path)])
        return SiteCount(
            states=counted,
            scheduled_dates=scheduled,
            pages=counted["pages"],
            campaigns=self._side_counts["campaigns"],
            authors=self._side_counts["authors"],
        )

    def _files(self, generator, paths_setting: str, excludes_setting: str):
        """Every file Pelican sees under a content folder, editors' leftovers aside."""
        relative_paths = generator.get_files(
            self.settings[paths_setting],
            exclude=self.settings.get(excludes_setting, []),
            extensions=False,
        )
        for relative in sorted(relative_paths):
            if not EDITOR_LEFTOVERS.search(os.path.basename(relative)):
                yield os.path.join(self.content_path, relative)


def header_cache(settings) -> ContentCache | None:
    """The cache of per-file rules' problems (INCREMENTAL only), in CACHE_PATH."""
    if not settings.get("INCREMENTAL"):
        return None
    rule_settings = repr(
        [
            settings.get(key, DEFAULT_CONFIG.get(key))
            for key in (
                "VALIDATION_EXTRA_KEYS",
                "VALIDATION_CATEGORIES",
                "SLUG_REGEX_SUBSTITUTIONS",
            )
        ]
    )
    reader = Path(markdown_reader.__file__).parent
    code = [Path(rules.__file__), Path(__file__)]
    code += [reader / "headers.py", reader / "metadata.py"]
    return ContentCache(
        os.path.join(settings["CACHE_PATH"], "validation"),
        code_key(rule_settings, code, ("pelican", "unidecode")),
    )


def _line_of(path: str, needle: str) -> int:
    """The first line of a file that holds `needle` (1 if none does)."""
    with open(path, encoding="utf-8", errors="replace") as source:
        for number, line in enumerate(source, start=1):
            if needle in line:
                return number
    return 1


def _unread_problem(source_path: str) -> Problem:
    """Why a file of content/posts/ or content/pages/ was not built."""
    if not source_path.endswith(MARKDOWN_FILE_SUFFIXES):
        return Problem(
            1,
            "seuls les fichiers Markdown (.md) sont publiés : renommez ce fichier "
            "en .md s'il s'agit d'un article, sinon rangez-le hors de content/posts/ "
            "et content/pages/ (les images vont dans content/images/).",
            "fichiers",
        )
    return Problem(
        1,
        "ce fichier n'a pas pu être construit : signalez-le à l'équipe du site.",
        "erreurs",
    )
