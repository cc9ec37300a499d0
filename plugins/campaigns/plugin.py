"""Signal glue: hashtags become campaigns, with pages, links and share links."""

import datetime as dt
import logging
import os
from itertools import chain
from pathlib import Path
from zoneinfo import ZoneInfo

from markdown_reader.content_cache import ContentCache, code_key
from markdown_reader.reader import (
    VigieMarkdownReader,
    display_path,
    read_markdown_folder,
)
from markupsafe import Markup
from pelican import signals
from pelican.urlwrappers import Tag

from . import hashtags
from .definitions import CampaignDefinition, parse_campaign
from .hashtags import (
    closest_slug,
    dedupe_by_slug,
    display_spellings,
    hashtag_slug,
    link_inline_hashtags,
    parse_hashtags_field,
)
from .listing import campaign_status, index_order
from .share import share_links, share_text

logger = logging.getLogger(__name__)


def load_definitions(campaigns_dir: str) -> dict[str, CampaignDefinition]:
    """The campaign definitions by slug; bad files are left to validation."""
    definitions: dict[str, CampaignDefinition] = {}
    for _, file_slug, text, unreadable in read_markdown_folder(campaigns_dir):
        definition = None if unreadable else parse_campaign(file_slug, text)[0]
        if definition is not None:
            definitions[definition.slug] = definition
    return definitions


def source_line_of(path: str, spelling: str) -> int:
    """The first line of a file where `#spelling` is written (1 if not found)."""
    needle = f"#{spelling}".casefold()
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if needle in line.casefold():
                return number
    return 1


class CampaignCollector:
    """Everything the plugin learns during one build (reset at each build)."""

    def __init__(self, generator):
        """Read the campaign files and prepare the per-build state."""
        self.settings = generator.settings
        campaigns_dir = os.path.join(
            generator.path, self.settings.get("CAMPAIGNS_PATH", "campaigns")
        )
        # Bad campaign files are reported by the validation plugin, which fails
        # the build: here they are only left out.
        self.definitions = load_definitions(campaigns_dir)
        self.reader = VigieMarkdownReader(self.settings)
        self.today = dt.datetime.now(ZoneInfo(self.settings["TIMEZONE"])).date()
        # INCREMENTAL builds keep each body's linked HTML and inline hashtags.
        self.linked_bodies = (
            ContentCache(
                os.path.join(self.settings["CACHE_PATH"], "campaigns"),
                code_key(
                    repr([self.settings["SITEURL"], self.settings["TAG_URL"]]),
                    [Path(hashtags.__file__)],
                    ("unidecode",),
                ),
            )
            if self.settings.get("INCREMENTAL")
            else None
        )

    def href(self, slug: str) -> str:
        """The campaign page's URL, as the theme writes links."""
        return (
            f"{self.settings['SITEURL']}/{self.settings['TAG_URL'].format(slug=slug)}"
        )

    def link_hashtags(self, html: str) -> tuple[str, list[str]]:
        """A body with its inline hashtags linked, and their spellings."""
        if self.linked_bodies is None or "#" not in html:
            return link_inline_hashtags(html, self.href)
        return self.linked_bodies.fetch(
            html, lambda: link_inline_hashtags(html, self.href)
        )

    def read_hashtags(self, article) -> list[tuple[str, int]]:
        """Link the post's inline hashtags; return every use (spelling, weight)."""
        header, invalid = parse_hashtags_field(getattr(article, "hashtags", "") or "")
        for token in invalid:
            line = getattr(article, "header_lines", {}).get("hashtags", 1)
            logger.warning(
                "%s:%d: « %s » n'est pas un mot-dièse : il commence par une lettre "
                "(#Cyber2026, pas #2026).",
                display_path(article.source_path, self.settings),
                line,
                token,
            )
        article._content, inline = self.link_hashtags(article._content)
        article.hashtag_spellings = dedupe_by_slug(header + inline)
        return header + inline

    def warn_typos(self, article) -> None:
        """Suggest the declared campaign one edit away from an unknown hashtag."""
        for spelling in article.hashtag_spellings:
            slug = hashtag_slug(spelling)
            if slug in self.definitions:
                continue
            near = closest_slug(slug, self.definitions)
            if near:
                logger.warning(
                    "%s:%d: mot-dièse #%s : vouliez-vous dire #%s ?",
                    display_path(article.source_path, self.settings),
                    source_line_of(article.source_path, spelling),
                    spelling,
                    self.definitions[near].hashtag,
                )

    def campaigns_for(self, posts, published) -> dict[str, Tag]:
        """One campaign per hashtag used, or declared by a file."""
        uses = []
        for post in posts:
            spellings = self.read_hashtags(post)
            if post in published:
                uses.extend((post.date, spelling) for spelling in spellings)
            self.warn_typos(post)
        names = display_spellings(uses)
        for post in posts:
            for spelling in post.hashtag_spellings:
                names.setdefault(hashtag_slug(spelling), spelling)
        for slug, definition in self.definitions.items():
            names[slug] = definition.hashtag
        return {slug: self.make_campaign(slug, name) for slug, name in names.items()}

    def make_campaign(self, slug: str, name: str) -> Tag:
        """A Pelican tag for one hashtag, carrying what its page shows."""
        definition = self.definitions.get(slug)
        tag = Tag(name, self.settings)
        tag.slug = slug
        tag.definition = definition
        tag.title = definition.title if definition else f"#{name}"
        tag.description = Markup(
            self.reader.render(definition.description_markdown) if definition else ""
        )
        tag.status = (
            campaign_status(definition.start, definition.end, self.today)
            if definition
            else None
        )
        return tag


def attach_campaigns(generator):
    """Give every post its campaigns and share links; keep them for the pages."""
    collector = CampaignCollector(generator)
    built = list(chain(generator.articles, generator.hidden_articles))
    if generator.settings.get("PREVIEW_DRAFTS"):
        built += generator.drafts
    published = set(generator.articles)
    campaigns = collector.campaigns_for(built, published)
    base_url = generator.settings.get("FEED_DOMAIN") or generator.settings["SITEURL"]
    for post in built:
        post.campaigns = [campaigns[hashtag_slug(s)] for s in post.hashtag_spellings]
        post.tags = post.campaigns
        url = f"{base_url}/{post.url}"
        share = next((c.definition.share for c in post.campaigns if c.definition), "")
        text = share_text(share, post.title, [c.name for c in post.campaigns], url)
        post.share_links = share_links(text, post.title, url)
    generator.campaigns = campaigns


def add_campaign_pages(generator):
    """Give every campaign a page, even with no post yet; order the index."""
    campaigns = getattr(generator, "campaigns", {})
    for campaign in campaigns.values():
        generator.tags.setdefault(campaign, [])
    generator.context["tags"] = list(generator.tags.items())
    generator.context["campaign_index"] = sorted(
        generator.tags.items(),
        key=lambda item: index_order(
            item[0].status,
            item[0].definition.start if item[0].definition else None,
            len(item[1]),
            item[0].name,
        ),
    )


def register():
    """Connect the plugin to Pelican."""
    signals.article_generator_pretaxonomy.connect(attach_campaigns)
    signals.article_generator_finalized.connect(add_campaign_pages)
