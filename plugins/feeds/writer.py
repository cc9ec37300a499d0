"""Atom 1.0 and RSS 2.0 writers on top of feedgenerator, fit for any post text.

What the stock feedgenerator classes lack, added here:
- an `<?xml-stylesheet?>` instruction so a browser shows a readable page;
- several authors per entry (Atom `<author>` each, RSS `<dc:creator>` each);
- ids that are never permalinks (`guid isPermaLink="false"`) and always given;
- every text and attribute value cleaned of characters XML 1.0 forbids, at
  the one place where text is written, so no field can break a feed;
- a fixed feed date: the newest entry's date, never "now".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import IO, Any

from feedgenerator import Atom1Feed, Rss201rev2Feed
from feedgenerator.django.utils.feedgenerator import rfc3339_date
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator

from .entries import strip_illegal_xml_chars

DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
# The feed date of a feed with no entry: fixed, so two builds give equal bytes.
EMPTY_FEED_DATE = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# A stylesheet href goes into a processing instruction, where nothing is
# escaped by the XML writer: accept only characters that need no escaping.
_PLAIN_HREF_RE = re.compile(r"[^\s\x00-\x1f\x7f\"'<>&]+")


class _CleanXMLGenerator(SimplerXMLGenerator):
    """The library's XML writer, removing forbidden characters instead of failing."""

    def characters(self, content: str) -> None:
        """Write text content without characters XML 1.0 forbids."""
        super().characters(strip_illegal_xml_chars(content))

    def startElement(self, name: str, attrs: dict[str, Any]) -> None:
        """Open an element whose attribute values are cleaned like text."""
        cleaned = {
            key: strip_illegal_xml_chars(str(value)) for key, value in attrs.items()
        }
        super().startElement(name, cleaned)


class _VigieFeedMixin:
    """Behaviour shared by the Atom and RSS writers (see the module docstring)."""

    feed: dict[str, Any]
    items: list[dict[str, Any]]

    def __init__(
        self,
        title: str,
        link: str,
        description: str,
        *,
        feed_url: str,
        stylesheet_href: str | None = None,
        empty_feed_date: datetime.datetime = EMPTY_FEED_DATE,
        **kwargs: Any,
    ) -> None:
        if not feed_url:
            raise ValueError("a feed needs its own absolute URL (feed_url)")
        _check_aware("empty_feed_date", empty_feed_date)
        if stylesheet_href is not None and not _PLAIN_HREF_RE.fullmatch(
            stylesheet_href
        ):
            raise ValueError(
                f"stylesheet href {stylesheet_href!r} must be a plain URL: no space, "
                "quote, `<`, `>` or `&` (it is written into a processing instruction)"
            )
        super().__init__(title, link, description, feed_url=feed_url, **kwargs)
        self.stylesheet_href = stylesheet_href
        self.empty_feed_date = empty_feed_date

    def add_item(
        self,
        title: str,
        link: str,
        description: str | None,
        *,
        unique_id: str,
        pubdate: datetime.datetime,
        authors: Iterable[str] = (),
        updateddate: datetime.datetime | None = None,
        **kwargs: Any,
    ) -> None:
        """Add an entry; its id, publication date and author list are explicit."""
        if not unique_id:
            raise ValueError(f"feed entry {title!r} has no id")
        _check_aware("pubdate", pubdate)
        if updateddate is not None:
            _check_aware("updateddate", updateddate)
        kwargs.setdefault("unique_id_is_permalink", False)
        super().add_item(
            title,
            link,
            description,
            unique_id=unique_id,
            pubdate=pubdate,
            updateddate=updateddate,
            **kwargs,
        )
        names = [str(name) for name in authors]
        if not names and self.items[-1]["author_name"]:
            names = [self.items[-1]["author_name"]]
        self.items[-1]["authors"] = names

    def latest_post_date(self) -> datetime.datetime:
        """Return the newest entry's update or publication date, never the clock."""
        dates = [
            item[key]
            for item in self.items
            for key in ("updateddate", "pubdate")
            if item.get(key) is not None
        ]
        return max(dates, default=self.empty_feed_date)

    def add_stylesheets(self, handler: SimplerXMLGenerator) -> None:
        """Write the xml-stylesheet instruction that makes browsers render a page."""
        if self.stylesheet_href is None:
            return
        handler.processingInstruction(
            "xml-stylesheet", f'type="text/xsl" href="{self.stylesheet_href}"'
        )
        handler.ignorableWhitespace("\n")

    @staticmethod
    def _without_authors(item: dict[str, Any]) -> dict[str, Any]:
        """Return the item with its single-author fields emptied (we write a list)."""
        return {**item, "author_name": None, "author_email": None, "author_link": None}


class VigieAtomFeed(_VigieFeedMixin, Atom1Feed):
    """Atom 1.0 feed: stylesheet, one `<author>` per author, cleaned text."""

    def write(self, outfile: IO[str], encoding: str) -> None:
        """Write the feed to outfile (feedgenerator's order, plus the stylesheet)."""
        handler = _CleanXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")
        handler.endDocument()

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        """Write an entry's elements, then one `<author>` per author."""
        super().add_item_elements(handler, self._without_authors(item))
        for name in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class VigieRssFeed(_VigieFeedMixin, Rss201rev2Feed):
    """RSS 2.0 feed: stylesheet, one `<dc:creator>` per author, cleaned text.

    The summary goes into `<description>`, the full content into
    `<content:encoded>` (feedgenerator's RSS leaves the content out).
    """

    def write(self, outfile: IO[str], encoding: str) -> None:
        """Write the feed to outfile (feedgenerator's order, with a cleaning writer)."""
        handler = _CleanXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")
        handler.endDocument()

    def rss_attributes(self) -> dict[str, str]:
        """Declare the namespaces of `dc:creator` and `content:encoded` on the root."""
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NAMESPACE,
            "xmlns:dc": DC_NAMESPACE,
        }

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        """Write an item's elements, its content, authors and update date."""
        super().add_item_elements(handler, self._without_authors(item))
        if item["content"] is not None:
            handler.addQuickElement("content:encoded", item["content"])
        for name in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


def _check_aware(name: str, moment: datetime.datetime) -> None:
    """Refuse naive datetimes: feedgenerator would print them as UTC ("Z")."""
    if not isinstance(moment, datetime.datetime) or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")
