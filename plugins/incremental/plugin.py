"""Signal glue: skip rendering pages whose data did not change; keep equal files.

A Pelican writer whose templates are wrapped: before a page of a cached
template is rendered, the fingerprint of its own data (the post, the listing
page, the settings, the theme and plugin code, the day) is compared with the
previous build's manifest; when equal, the previous file is hard-linked
into the new output instead of being rendered and written. At the
end of the build every file that came out identical is replaced by a link to
the previous one, so it keeps its date.
"""

import logging
import os
import shutil
from collections.abc import Callable

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from .cards import CardCache
from .fingerprint import Fingerprinter, is_content
from .pages import (
    file_stamp,
    keep_identical_files,
    read_manifest,
    write_manifest,
)
from .uptodate import site_today, tree_digest

logger = logging.getLogger(__name__)

# Templates that read only the data of their own page (the post, or the
# listing and its page): direct templates such as archives read the whole
# site and are always rendered.
CACHED_TEMPLATES = frozenset(
    {
        "article.html",
        "page.html",
        "tag.html",
        "category.html",
        "author.html",
        "index.html",
    }
)
# Settings that change every build without changing any page.
VOLATILE_SETTINGS = frozenset(
    {"OUTPUT_PATH", "OUTPUT_PATH_FINAL", "VALIDATION_BUILD_CHECK", "INCREMENTAL_PAGES"}
)
# The generator's lists of posts whose URLs freeze_urls() computes once.
POST_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
PAGINATION_SUFFIXES = ("_page", "_paginator", "_previous_page", "_next_page")
# What Pelican paginates when a writer call does not say (Writer.write_file).
DEFAULT_PAGINATED = ("articles", "dates")


def global_fingerprint(settings, fingerprinter: Fingerprinter) -> str:
    """What every page depends on: settings, theme, plugin code, the site's today.

    Today is the site's (TIMEZONE), as campaign statuses count it, not the
    machine's: else a page could miss the day a campaign starts.
    """
    plugin_dirs = [os.path.abspath(path) for path in settings.get("PLUGIN_PATHS", [])]
    kept = {k: v for k, v in settings.items() if k not in VOLATILE_SETTINGS}
    return fingerprinter.of(
        (
            kept,
            tree_digest(settings["THEME"], *plugin_dirs),
            site_today(settings["TIMEZONE"]).isoformat(),
        )
    )


class PageCache:
    """One build's view of the previous manifest and the new one."""

    def __init__(self, settings, output_path: str = ""):
        """Read the previous manifest from the output folder the build ends in."""
        self.final_output = settings.get("OUTPUT_PATH_FINAL")
        self.output_path = output_path
        self.previous = read_manifest(self.final_output)
        self.current: dict[str, str] = {}
        self.fingerprinter = Fingerprinter()
        self.global_fp = global_fingerprint(settings, self.fingerprinter)
        self.reused = 0
        # Pages to link from the previous build, by their path in this one.
        self.to_link: dict[str, str] = {}

    def _unchanged(self, name: str, data: object, bodies: bool) -> bool:
        """Note the fingerprint of file `name`; True if the previous one is equal."""
        fingerprint = self.fingerprinter.of((name, self.global_fp, data), bodies)
        self.current[name] = fingerprint
        if not self.final_output or name not in self.previous:
            return False
        previous_fingerprint, stamp = self.previous[name]
        if previous_fingerprint != fingerprint:
            return False
        return file_stamp(os.path.join(self.final_output, name)) == stamp

    def reuse_or_build(
        self, name: str, data: object, build: Callable[[], str], bodies: bool = True
    ) -> str:
        """A file's text: the previous build's when `data` is unchanged, else build().

        `name` is the file's path in the output folder. Any plugin that writes
        files may call this through `settings["INCREMENTAL_PAGES"]`. With
        `bodies` false, the bodies of the posts in `data` do not count.
        """
        if self._unchanged(name, data, bodies):
            try:
                with open(
                    os.path.join(self.final_output, name), encoding="utf-8"
                ) as previous:
                    text = previous.read()
            except OSError:
                return build()
            self.reused += 1
            return text
        return build()

    def render(self, template, localcontext, page_keys) -> str:
        """The page's HTML, or "" when the previous file is to be linked instead.

        The link shares the previous file's inode: no plugin may rewrite a
        written page in place (write a new file and replace it instead).
        """
        data = {
            key: localcontext[key] for key in sorted(page_keys) if key in localcontext
        }
        # Templates show the body of the page's own post only (article.html,
        # page.html): a listing or a neighbour's body never counts.
        own_bodies = {
            key: getattr(value, "_content", None)
            for key, value in data.items()
            if is_content(value)
        }
        name = localcontext["output_file"]
        if self._unchanged(name, (template.name, data, own_bodies), False):
            # The writer links the previous file instead of writing (_open_w).
            previous = os.path.join(self.final_output, name)
            self.to_link[sanitised_join(self.output_path, name)] = previous
            self.reused += 1
            return ""
        return template.render(localcontext)


class CachedTemplate:
    """A Jinja template whose render() asks the page cache first."""

    def __init__(self, template, cache: PageCache, page_keys: set[str]):
        """Wrap `template`; `page_keys` name the page's own context entries."""
        self.template = template
        self.cache = cache
        self.page_keys = page_keys
        self.name = template.name

    def render(self, localcontext):
        """Render, or reuse the previous page when its data is unchanged."""
        return self.cache.render(self.template, localcontext, self.page_keys)


class IncrementalWriter(Writer):
    """Pelican's writer, reusing unchanged pages of the cached templates."""

    def __init__(self, output_path, settings=None):
        """Start this build's page cache."""
        super().__init__(output_path, settings=settings)
        self.page_cache = PageCache(self.settings, output_path)
        # Pelican keeps no reference to its writer: finalized finds the cache here.
        self.settings["INCREMENTAL_PAGES"] = self.page_cache

    def write_file(self, name, template, context, *args, **kwargs):
        """Write a page, through the page cache for the cached templates."""
        if template.name in CACHED_TEMPLATES:
            # The listing's page (articles_page, …) is added by Pelican for
            # each page of a paginated listing: named here, found in render().
            paginated = [*(kwargs.get("paginated") or ()), *DEFAULT_PAGINATED]
            page_keys = {"output_file", *kwargs} | {
                f"{key}{suffix}" for key in paginated for suffix in PAGINATION_SUFFIXES
            }
            template = CachedTemplate(template, self.page_cache, page_keys)
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        """Open a page to write, or link an unchanged one from the previous build.

        A linked page keeps its inode and date, and costs no read nor write;
        Pelican's record of written files is kept as its own method does.
        """
        previous = self.page_cache.to_link.pop(filename, None)
        if previous is None:
            return super()._open_w(filename, encoding, override)
        if filename in self._written_files:
            # Pelican decides; the page's text is the previous file's.
            handle = super()._open_w(filename, encoding, override)
            with open(previous, encoding=encoding) as text:
                handle.write(text.read())
            return handle
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        try:
            os.link(previous, filename)
        except OSError:
            shutil.copyfile(previous, filename)
        return open(os.devnull, "w", encoding=encoding)


def choose_writer(pelican):
    """Use the incremental writer when INCREMENTAL is on."""
    return IncrementalWriter if pelican.settings.get("INCREMENTAL") else None


def finish(pelican):
    """Save the manifest in the new site; link files that did not change."""
    if not pelican.settings.get("INCREMENTAL"):
        return
    page_cache = pelican.settings.pop("INCREMENTAL_PAGES", None)
    final = pelican.settings.get("OUTPUT_PATH_FINAL")
    if final and os.path.isdir(final):
        kept = keep_identical_files(final, pelican.output_path)
        logger.debug("%d fichiers inchangés gardés tels quels", kept)
    # Last: the stamps are those of the files as they stay.
    write_manifest(pelican.output_path, page_cache.current if page_cache else {})


def freeze_urls(generator):
    """Compute each post's URL and file once: Pelican formats them on every use.

    Runs after every plugin's `article_generator_pretaxonomy` handler, when
    slugs, dates, statuses, categories and authors are final; Pelican reads
    `override_url` and `override_save_as` first (`Content.get_url_setting`).
    """
    for name in POST_LISTS:
        for post in getattr(generator, name, []):
            if not hasattr(post, "override_url"):
                post.override_url = post.url
            if not hasattr(post, "override_save_as"):
                post.override_save_as = post.save_as


def add_card_cache(generator):
    """Give the templates `cached_card`, rendering each post's card once a build."""
    generator.env.globals["cached_card"] = CardCache(generator)


def add_template_cache(generator):
    """Keep compiled templates in CACHE_PATH/jinja/ (with INCREMENTAL).

    Each generator has its own Jinja environment, compiled anew every build;
    Jinja checks each cached template against its source's checksum.
    """
    settings = generator.settings
    if settings.get("INCREMENTAL"):
        folder = os.path.join(settings["CACHE_PATH"], "jinja")
        os.makedirs(folder, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(folder)


def register():
    """Connect the plugin to Pelican."""
    signals.generator_init.connect(add_card_cache)
    signals.generator_init.connect(add_template_cache)
    signals.article_generator_pretaxonomy.connect(freeze_urls)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(finish)
