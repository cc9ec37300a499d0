"""Which feeds the site has: one pair (RSS, Atom) per listing page."""

from dataclasses import dataclass, field

SITE_FEED_DIR = "feeds/"


@dataclass(frozen=True)
class FeedSpec:
    """One feed pair: what it lists, where it lives, which page it belongs to."""

    kind: str
    title: str
    page_path: str
    posts: list = field(default_factory=list, compare=False)

    @property
    def directory(self) -> str:
        """The folder of the feed files: the page's own, or /feeds/ for the site."""
        return SITE_FEED_DIR if self.kind == "site" else self.page_path

    @property
    def rss_path(self) -> str:
        """The RSS 2.0 file, relative to the site root."""
        return f"{self.directory}rss.xml"

    @property
    def atom_path(self) -> str:
        """The Atom 1.0 file, relative to the site root."""
        return f"{self.directory}atom.xml"


def feed_title(site_name: str, what: str = "") -> str:
    """« Vigie — Tous cyber-vigilants », or the site name alone."""
    return f"{site_name} — {what}" if what else site_name


def newest(posts: list, limit: int | None) -> list:
    """The `limit` newest posts (all of them when limit is None or 0)."""
    ordered = sorted(posts, key=lambda post: post.date, reverse=True)
    return ordered[:limit] if limit else ordered
