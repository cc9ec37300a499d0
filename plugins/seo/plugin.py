"""Signal glue: sharing cards for templates, then sitemap.xml and robots.txt."""

import logging
import os

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from .cards import Card, Person, Site, article_card, listing_card, strip_site_name
from .sitemap import SitemapEntry, newest, robots_txt, sitemap_xml
from .urls import absolute_base, absolute_url, page_path

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The picture of every card that has none of its own (under the output root).
    "SEO_DEFAULT_IMAGE": "theme/images/vigie-partage.png",
    "SEO_DEFAULT_IMAGE_ALT": "Vigie, cybersécurité en santé",
}
# Listing pages that are not worth a place in the sitemap.
UNLISTED_TEMPLATES = ("notfound",)
NOINDEX_STATUSES = ("hidden", "draft")


def plain(html: object) -> str:
    """Text of some (escaped) HTML: tags dropped, entities decoded."""
    return Markup(str(html or "")).striptags()


def site_of(context) -> Site:
    """The site-wide values every card repeats."""
    base = absolute_base(context.get("SITEURL", ""), context.get("FEED_DOMAIN", ""))
    name = context.get("SITENAME", "")
    return Site(
        name=name,
        base=base,
        publisher=context.get("ASSOCIATION") or name,
        default_image=absolute_url(base, context["SEO_DEFAULT_IMAGE"]),
        default_image_alt=context["SEO_DEFAULT_IMAGE_ALT"],
    )


def person_of(author, base: str) -> Person:
    """A Pelican author (with its profile, if any) as a plain Person."""
    profile = getattr(author, "profile", None)
    return Person(
        name=author.name,
        url=absolute_url(base, author.url),
        role=getattr(profile, "role", "") or "",
        organization=getattr(profile, "organization", "") or "",
    )


def robots_of(content) -> str:
    """`noindex` for a hidden post or a draft preview, else nothing."""
    return "noindex" if getattr(content, "status", "") in NOINDEX_STATUSES else ""


def post_card(site: Site, url: str, article) -> Card:
    """The card of a post page."""
    image = getattr(article, "image", "")
    category = getattr(article, "category", None)
    return article_card(
        site,
        url=url,
        title=str(article.title),
        summary=plain(getattr(article, "summary", "")),
        image=absolute_url(site.base, image) if image else "",
        published=article.date,
        modified=getattr(article, "modified", None),
        authors=[person_of(author, site.base) for author in article.authors],
        hashtags=[campaign.name for campaign in getattr(article, "campaigns", [])],
        section=category.name if category else "",
        robots=robots_of(article),
    )


def own_values(context) -> tuple[str, str, str]:
    """A page's, campaign's or author's own (title, description, picture), or ''."""
    page = context.get("page")
    tag = context.get("tag")
    author = context.get("author")
    if page is not None:
        return "", plain(getattr(page, "summary", "")), getattr(page, "image", "")
    if tag is not None and getattr(tag, "definition", None):
        definition = tag.definition
        title = f"{definition.title} (#{definition.hashtag})"
        return title, definition.summary, definition.image
    if tag is not None:
        return f"#{tag.name}", "", ""
    if author is not None and getattr(author, "profile", None):
        profile = author.profile
        role = ", ".join(part for part in (profile.role, profile.organization) if part)
        about = " — ".join(part for part in (role, plain(author.bio)) if part)
        return "", about, profile.photo
    return "", "", ""


@pass_context
def seo_card(context, title_text: str = "", description_text: str = "") -> Card:
    """The card of the page being written: its own for a post, else from blocks."""
    site = site_of(context)
    url = absolute_url(site.base, page_path(context.get("output_file") or ""))
    article = context.get("article")
    if article is not None:
        return post_card(site, url, article)
    title, description, picture = own_values(context)
    return listing_card(
        site,
        url=url,
        title=title or strip_site_name(plain(title_text), site.name),
        description=description or plain(description_text),
        image=absolute_url(site.base, picture) if picture else "",
        robots=robots_of(context.get("page")),
    )


def last_change(content):
    """When a post or page last changed: Modified, else Date, else None."""
    return getattr(content, "modified", None) or getattr(content, "date", None)


def sitemap_entries(context, base: str) -> list[SitemapEntry]:
    """Every published address: home, listings, posts, pages, never a hidden one."""
    posts = context.get("articles", [])
    latest = newest(last_change(post) for post in posts)
    entries = [SitemapEntry(f"{base}/", latest)]
    for name in context.get("DIRECT_TEMPLATES", []):
        save_as = context.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if name not in ("index", *UNLISTED_TEMPLATES) and save_as:
            entries.append(SitemapEntry(absolute_url(base, page_path(save_as)), latest))
    for content in [*posts, *context.get("pages", [])]:
        entries.append(
            SitemapEntry(absolute_url(base, content.url), last_change(content))
        )
    for key in ("tags", "categories", "authors"):
        for group, members in context.get(key, []):
            if members or getattr(group, "definition", None):
                lastmod = newest(last_change(post) for post in members)
                entries.append(SitemapEntry(absolute_url(base, group.url), lastmod))
    return entries


class SitemapGenerator(Generator):
    """Writes sitemap.xml and robots.txt once every page is known."""

    def generate_output(self, writer):
        """Write both files at the root of the output folder."""
        del writer  # written as bytes, not through a template
        base = absolute_base(self.settings["SITEURL"], self.settings["FEED_DOMAIN"])
        sitemap = sitemap_xml(sitemap_entries(self.context, base))
        with open(os.path.join(self.output_path, "sitemap.xml"), "wb") as out:
            out.write(sitemap)
        with open(
            os.path.join(self.output_path, "robots.txt"), "w", encoding="utf-8"
        ) as out:
            out.write(robots_txt(f"{base}/sitemap.xml"))
        logger.info("sitemap.xml et robots.txt écrits")


def add_defaults(pelican):
    """Give every SEO setting its default."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def add_card_function(generator):
    """Let `partials/seo.html` ask for the card of the page being written."""
    generator.env.globals["seo_card"] = seo_card


def sitemap_generator(pelican):
    """Add the generator that writes sitemap.xml and robots.txt."""
    del pelican
    return SitemapGenerator


def register():
    """Connect the plugin to Pelican."""
    signals.initialized.connect(add_defaults)
    signals.generator_init.connect(add_card_function)
    signals.get_generators.connect(sitemap_generator)
