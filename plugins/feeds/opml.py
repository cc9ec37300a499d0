"""OPML 2.0 subscription list: the campaign feeds a reader imports in one go."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from .entries import strip_illegal_xml_chars


def opml_document(title: str, feeds: Iterable[tuple[str, str, str | None]]) -> str:
    """Return an OPML 2.0 document listing feeds as (title, xml_url, html_url).

    Outlines keep the given order; there is no `dateCreated`, so equal input
    gives equal text from one build to the next.
    """
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        "  </head>",
        "  <body>",
    ]
    for feed_title, xml_url, html_url in feeds:
        if not xml_url or not strip_illegal_xml_chars(xml_url).strip():
            raise ValueError(f"OPML outline {feed_title!r} has no feed URL")
        attributes = [
            ("type", "rss"),
            ("text", feed_title),
            ("title", feed_title),
            ("xmlUrl", xml_url),
        ]
        if html_url:
            attributes.append(("htmlUrl", html_url))
        rendered = " ".join(f"{name}={_attribute(value)}" for name, value in attributes)
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return escape(strip_illegal_xml_chars(value))


def _attribute(value: str) -> str:
    # quoteattr also writes tab, CR and LF as character references, which
    # attribute-value normalisation would otherwise fold into spaces.
    return quoteattr(strip_illegal_xml_chars(value))
