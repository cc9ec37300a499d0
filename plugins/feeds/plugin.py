"""Signal glue: every feed of the contract, written with feedgenerator."""

import logging
import os
from itertools import chain

from pelican import signals
from pelican.utils import sanitised_join

from .catalog import FeedSpec, feed_title, newest
from .entries import absolutize_html, feed_categories, post_entry_id, stable_entry_id
from .opml import opml_document
from .writer import VigieAtomFeed, VigieRssFeed

logger = logging.getLogger(__name__)

DEFAULTS = {
    "FEEDS_MAX_ITEMS": 20,
    "FEEDS_SITE_MAX_ITEMS": 50,
    "FEEDS_ID_AUTHORITY": "vigie-sante.fr",
    "FEEDS_ID_DATE": "2025",
    "FEEDS_STYLESHEET": "/theme/feeds/feed.xsl",
    "FEEDS_OPML_SAVE_AS": "abonnement/vigie.opml",
}


class FeedSettingsError(Exception):
    """A feed setting that would give invalid or unstable feed ids."""


def apply_defaults(pelican):
    """Fill in missing FEEDS_* settings and check the id ones once."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    try:
        stable_entry_id(
            pelican.settings["FEEDS_ID_AUTHORITY"],
            pelican.settings["FEEDS_ID_DATE"],
            "essai",
        )
    except ValueError as error:
        raise FeedSettingsError(
            f"FEEDS_ID_AUTHORITY / FEEDS_ID_DATE: {error}"
        ) from error


def site_base(settings) -> str:
    """The absolute address feeds point to (FEED_DOMAIN, else SITEURL)."""
    return (settings.get("FEED_DOMAIN") or settings["SITEURL"]).rstrip("/")


def build_catalog(generator):
    """List every feed pair once all posts, campaigns and authors are known."""
    settings = generator.settings
    limit, site_limit = settings["FEEDS_MAX_ITEMS"], settings["FEEDS_SITE_MAX_ITEMS"]
    site_name = settings["SITENAME"]
    catalog = {
        "site": [
            FeedSpec(
                "site",
                feed_title(site_name, "toutes les publications"),
                "",
                newest(generator.articles, site_limit),
            )
        ],
        "campaign": [
            FeedSpec(
                "campaign",
                feed_title(site_name, f"{tag.title} (#{tag.name})")
                if tag.definition
                else feed_title(site_name, f"#{tag.name}"),
                tag.url,
                newest(posts, limit),
            )
            for tag, posts in sorted(generator.tags.items())
        ],
        # An author's and a category's feeds are made alike, from their name.
        **{
            kind: [
                FeedSpec(
                    kind,
                    feed_title(site_name, group.name),
                    group.url,
                    newest(posts, limit),
                )
                for group, posts in groups
            ]
            for kind, groups in (
                ("author", generator.authors),
                ("category", generator.categories),
            )
        },
    }
    generator.context["feed_catalog"] = catalog
    generator.feed_catalog = catalog


def entry_fields(post, settings) -> dict:
    """What one post's entry says, the same in every feed it appears in."""
    base = site_base(settings)
    posts_dir = os.path.join(settings["PATH"], settings["ARTICLE_PATHS"][0])
    link = f"{base}/{post.url}"
    return {
        "title": post.title,
        "link": link,
        "description": absolutize_html(str(post.summary), base, link),
        "content": absolutize_html(post.content, base, link),
        "unique_id": post_entry_id(
            settings["FEEDS_ID_AUTHORITY"],
            settings["FEEDS_ID_DATE"],
            post.metadata,
            os.path.relpath(post.source_path, posts_dir),
        ),
        "pubdate": post.date,
        "updateddate": getattr(post, "modified", None) or post.date,
        "authors": [author.name for author in post.authors],
        "categories": feed_categories(
            [campaign.name for campaign in getattr(post, "campaigns", [])],
            post.category.name if post.category else None,
        ),
    }


class FeedWriter:
    """Writes the feeds of one build; each post's entry is computed once."""

    def __init__(self, settings, output_path: str):
        """Keep the settings, the output folder and an empty entry cache."""
        self.settings = settings
        self.output_path = output_path
        self.base = site_base(settings)
        self._entries: dict[str, dict] = {}

    def entry(self, post) -> dict:
        """The post's entry fields, computed on first use."""
        if post.source_path not in self._entries:
            self._entries[post.source_path] = entry_fields(post, self.settings)
        return self._entries[post.source_path]

    def write_pair(self, spec: FeedSpec) -> None:
        """Write the RSS and Atom files of one feed spec.

        With incremental builds on, a feed whose posts and settings did not
        change is taken from the previous build instead of being written again.
        """
        reuse = self.settings.get("INCREMENTAL_PAGES")
        for feed_class, path in (
            (VigieRssFeed, spec.rss_path),
            (VigieAtomFeed, spec.atom_path),
        ):

            def build(feed_class=feed_class, path=path) -> str:
                return self.feed_text(spec, feed_class, path)

            text = reuse.reuse_or_build(path, spec, build) if reuse else build()
            self.write_text(path, text)

    def feed_text(self, spec: FeedSpec, feed_class, path: str) -> str:
        """The XML of one feed of a spec."""
        feed = feed_class(
            title=spec.title,
            link=f"{self.base}/{spec.page_path}",
            description=self.settings.get("SITESUBTITLE", ""),
            feed_url=f"{self.base}/{path}",
            language="fr",
            stylesheet_href=self.settings["FEEDS_STYLESHEET"],
        )
        for post in spec.posts:
            feed.add_item(**self.entry(post))
        return feed.writeString("utf-8")

    def write_text(self, path: str, text: str) -> None:
        """Write a file under the output folder (refusing paths outside it)."""
        target = sanitised_join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(text)


def write_feeds(generator, writer):
    """Write every feed of the catalog, and the OPML of the campaign feeds."""
    settings = generator.settings
    catalog = generator.feed_catalog
    feeds = FeedWriter(settings, writer.output_path)
    for spec in chain.from_iterable(catalog.values()):
        feeds.write_pair(spec)
    opml = opml_document(
        feed_title(settings["SITENAME"], "campagnes"),
        [
            (
                spec.title,
                f"{feeds.base}/{spec.rss_path}",
                f"{feeds.base}/{spec.page_path}",
            )
            for spec in catalog["campaign"]
        ],
    )
    feeds.write_text(settings["FEEDS_OPML_SAVE_AS"], opml)


def register():
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.article_generator_finalized.connect(build_catalog)
    signals.article_writer_finalized.connect(write_feeds)
