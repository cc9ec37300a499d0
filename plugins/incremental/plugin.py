"""Signal glue: skip rendering pages whose data did not change; keep equal files.

A Pelican writer whose templates are wrapped: before a page of a cached
template is rendered, the fingerprint of its own data (the post, the listing
page, the settings, the theme and plugin code, the day) is compared with the
previous build's manifest; when equal, the previous file is reused. At the
end of the build every file that came out identical is replaced by a link to
the previous one, so it keeps its date.
"""

import datetime as dt
import logging
import os
from collections.abc import Callable

from pelican import signals
from pelican.writers import Writer

from .fingerprint import Fingerprinter, is_content
from .pages import keep_identical_files, read_manifest, tree_digest, write_manifest

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
PAGINATION_SUFFIXES = ("_page", "_paginator", "_previous_page", "_next_page")


def global_fingerprint(settings, fingerprinter: Fingerprinter) -> str:
    """What every page depends on: settings, theme, plugin code, today's date."""
    plugin_dirs = [os.path.abspath(path) for path in settings.get("PLUGIN_PATHS", [])]
    kept = {k: v for k, v in settings.items() if k not in VOLATILE_SETTINGS}
    return fingerprinter.of(
        (
            kept,
            tree_digest(settings["THEME"], *plugin_dirs),
            dt.date.today().isoformat(),
        )
    )


class PageCache:
    """One build's view of the previous manifest and the new one."""

    def __init__(self, settings):
        """Read the previous manifest from the output folder the build ends in."""
        self.final_output = settings.get("OUTPUT_PATH_FINAL")
        self.previous = read_manifest(self.final_output)
        self.current: dict[str, str] = {}
        self.fingerprinter = Fingerprinter()
        self.global_fp = global_fingerprint(settings, self.fingerprinter)
        self.reused = 0

    def reuse_or_build(
        self, name: str, data: object, build: Callable[[], str], bodies: bool = True
    ) -> str:
        """A file's text: the previous build's when `data` is unchanged, else build().

        `name` is the file's path in the output folder. Any plugin that writes
        files may call this through `settings["INCREMENTAL_PAGES"]`. With
        `bodies` false, the bodies of the posts in `data` do not count.
        """
        fingerprint = self.fingerprinter.of((name, self.global_fp, data), bodies)
        self.current[name] = fingerprint
        if self.previous.get(name) == fingerprint and self.final_output:
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
        """The page's HTML: the previous file when its data is unchanged."""
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
        return self.reuse_or_build(
            localcontext["output_file"],
            (template.name, data, own_bodies),
            lambda: template.render(localcontext),
            bodies=False,
        )


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
        keys = self.page_keys | {
            key for key in localcontext if key.endswith(PAGINATION_SUFFIXES)
        }
        return self.cache.render(self.template, localcontext, keys)


class IncrementalWriter(Writer):
    """Pelican's writer, reusing unchanged pages of the cached templates."""

    def __init__(self, output_path, settings=None):
        """Start this build's page cache."""
        super().__init__(output_path, settings=settings)
        self.page_cache = PageCache(self.settings)
        # Pelican keeps no reference to its writer: finalized finds the cache here.
        self.settings["INCREMENTAL_PAGES"] = self.page_cache

    def write_file(self, name, template, context, *args, **kwargs):
        """Write a page, through the page cache for the cached templates."""
        if template.name in CACHED_TEMPLATES:
            page_keys = set(kwargs) | {"output_file"}
            template = CachedTemplate(template, self.page_cache, page_keys)
        return super().write_file(name, template, context, *args, **kwargs)


def choose_writer(pelican):
    """Use the incremental writer when INCREMENTAL is on."""
    return IncrementalWriter if pelican.settings.get("INCREMENTAL") else None


def finish(pelican):
    """Save the manifest in the new site; link files that did not change."""
    if not pelican.settings.get("INCREMENTAL"):
        return
    page_cache = pelican.settings.pop("INCREMENTAL_PAGES", None)
    write_manifest(pelican.output_path, page_cache.current if page_cache else {})
    final = pelican.settings.get("OUTPUT_PATH_FINAL")
    if final and os.path.isdir(final):
        kept = keep_identical_files(final, pelican.output_path)
        logger.debug("%d fichiers inchangés gardés tels quels", kept)


def register():
    """Connect the plugin to Pelican."""
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(finish)
