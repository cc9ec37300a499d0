"""An allow-list HTML sanitiser for rendered post bodies (nh3, i.e. ammonia).

Posts are Markdown with raw HTML allowed, so their HTML goes through this
list before it reaches a page or a feed: what Markdown itself produces is
kept (headings with their ids, tables with their alignment classes, code
with its language class, footnotes, images with alt and title,
abbreviations, figures), and everything that could run code or break the
site's CSP is dropped: `<script>`, `<style>`, `style=`, `on*=` handlers,
`javascript:` and `data:` URLs, forms, SVG, `<object>`. An `<iframe>` stays
only when its `https` address is on one of the hosts listed in
`SANITIZE_IFRAME_HOSTS` (empty by default); any other is removed with its
content.
"""

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset(
    {
        *("a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite"),
        *("code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div"),
        *("dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5"),
        *("h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre"),
        *("q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub"),
        *("summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead"),
        *("time", "tr", "u", "ul", "var", "wbr"),
    }
)
# Their content goes too: it is code or markup, never text for a reader.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "textarea", "select", "object"}
)
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
IFRAME_ATTRIBUTES = {
    "src",
    "title",
    "width",
    "height",
    "allow",
    "allowfullscreen",
    "loading",
    "referrerpolicy",
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# nh3 writes every attribute as name="value", so this reads its output safely.
_IFRAME = re.compile(r'<iframe((?:\s[^\s=>]+="[^"]*")*)\s*>.*?</iframe>', re.DOTALL)


def _iframe_src_filter(hosts: frozenset[str]):
    """An nh3 attribute filter keeping an iframe's src only on an allowed host."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag != "iframe" or attribute != "src":
            return value
        address = urlsplit(value.strip())
        host = (address.hostname or "").lower()
        return value if address.scheme == "https" and host in hosts else None

    return keep


def _drop_iframes_without_src(html: str) -> str:
    """Remove the iframes whose address the filter refused, with their content."""
    return _IFRAME.sub(
        lambda match: match.group(0) if ' src="' in match.group(1) else "", html
    )


def make_sanitizer(iframe_hosts: Iterable[str] = ()) -> Callable[[str], str]:
    """Return a function that cleans body HTML, allowing iframes from these hosts."""
    hosts = frozenset(host.strip().lower() for host in iframe_hosts if host.strip())
    if not hosts:
        cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROPPED_WITH_CONTENT | {"iframe"}),
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
        )
        return cleaner.clean
    cleaner = nh3.Cleaner(
        tags=set(ALLOWED_TAGS | {"iframe"}),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={**ALLOWED_ATTRIBUTES, "iframe": IFRAME_ATTRIBUTES},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_iframe_src_filter(hosts),
    )
    return lambda html: _drop_iframes_without_src(cleaner.clean(html))


def sanitize_html(html: str, iframe_hosts: Iterable[str] = ()) -> str:
    """Clean body HTML once (see make_sanitizer; build one to clean many)."""
    return make_sanitizer(iframe_hosts)(html)
