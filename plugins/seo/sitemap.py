"""The sitemap and robots.txt, from plain (URL, last change) pairs."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    """One address of the sitemap and, when known, its last change."""

    loc: str
    lastmod: dt.datetime | None = None


def newest(moments: Iterable[dt.datetime | None]) -> dt.datetime | None:
    """The latest of some datetimes (None ignored), or None."""
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def merge_entries(entries: Iterable[SitemapEntry]) -> list[SitemapEntry]:
    """One entry per address (the latest change wins), sorted by address."""
    by_loc: dict[str, SitemapEntry] = {}
    for entry in entries:
        known = by_loc.get(entry.loc)
        lastmod = newest([entry.lastmod, known.lastmod if known else None])
        by_loc[entry.loc] = SitemapEntry(entry.loc, lastmod)
    return [by_loc[loc] for loc in sorted(by_loc)]


def sitemap_xml(entries: Iterable[SitemapEntry]) -> bytes:
    """A sitemaps.org `urlset` document, UTF-8, one `url` per entry."""
    ElementTree.register_namespace("", SITEMAP_NS)
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in merge_entries(entries):
        url = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod is not None:
            lastmod = ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod")
            lastmod.text = entry.lastmod.isoformat(timespec="seconds")
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(sitemap_url: str) -> str:
    """robots.txt: every crawler welcome, and where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
