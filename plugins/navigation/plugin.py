"""Signal glue: previous/next posts, archive sections and breadcrumbs."""

from itertools import chain

from markupsafe import Markup
from pelican import signals

from .breadcrumbs import breadcrumb_list, script_json
from .timeline import archive_sections, neighbours


def timeline_key(post) -> tuple:
    """Where a post stands in time; the path breaks ties between equal dates."""
    return (post.date, post.source_path)


def site_base(settings) -> str:
    """The absolute address of the site, in local and public builds alike."""
    return (settings.get("FEED_DOMAIN") or settings["SITEURL"]).rstrip("/")


def attach_navigation(generator):
    """Previous/next and breadcrumbs on built posts; archive sections."""
    settings = generator.settings
    published = sorted(generator.articles, key=timeline_key)
    timeline = [timeline_key(post) for post in published]
    built = list(chain(generator.articles, generator.hidden_articles))
    if settings.get("PREVIEW_DRAFTS"):
        built += generator.drafts
    base = site_base(settings)
    for post in built:
        older, newer = neighbours(timeline, timeline_key(post))
        post.previous_post = published[older] if older is not None else None
        post.next_post = published[newer] if newer is not None else None
        crumbs = [("Accueil", f"{base}/")]
        if post.category:
            crumbs.append((post.category.name, f"{base}/{post.category.url}"))
        crumbs.append((post.title, f"{base}/{post.url}"))
        post.breadcrumb_jsonld = Markup(script_json(breadcrumb_list(crumbs)))
    generator.context["archive_years"] = archive_sections(
        generator.articles, lambda post: post.date
    )


def register():
    """Connect the plugin to Pelican."""
    signals.article_generator_finalized.connect(attach_navigation)
