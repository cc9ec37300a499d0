"""Pure building blocks of a feed entry: stable ids, safe text, absolute links.

Nothing here knows Pelican: the plugin's glue hands in plain strings and gets
plain strings back, so every rule is tested on its own.
"""

from __future__ import annotations

import datetime
import html
import re
import string
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

# RFC 4151 DNSname, restricted to lower case: tags are compared character by
# character, so `Vigie-Sante.fr` and `vigie-sante.fr` would mint different ids.
_DNS_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_AUTHORITY_RE = re.compile(rf"{_DNS_LABEL}(?:\.{_DNS_LABEL})*")
_TAG_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# RFC 4151 `specific` = *( pchar / "/" / "?" ), pchar from RFC 3986.
_SPECIFIC_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?"
)

# Everything XML 1.0 forbids: C0 controls but tab, LF, CR; lone surrogates;
# U+FFFE and U+FFFF.
_ILLEGAL_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster"})
_URL_ATTRIBUTE_HINT_RE = re.compile(r"href|src|poster", re.IGNORECASE)
# A start tag from its `<`: attribute values may hold `>`. Possessive
# quantifiers: a tag that never closes fails in one linear pass.
_START_TAG_RE = re.compile(
    r"""<[A-Za-z][^\s/>]*+(?P<attrs>[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+)>"""
)
# Markup whose content is not tags, with what ends it.
_OPAQUE_MARKUP = (("<!--", "-->"), ("<![CDATA[", "]]>"))
# One attribute; a quoted value is consumed whole, so `href=` written inside
# another attribute's value is never taken for an attribute.
_ATTRIBUTE_RE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)"""
    r"""(?:(?P<eq>\s*=\s*)(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+))?"""
)
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_HTML_SPACE = " \t\n\r\f"
# A tag name starts with an ASCII letter; `<é` or `< 2` is text.
_ASCII_LETTERS = frozenset(string.ascii_letters)


def stable_entry_id(authority: str, date: str, key: str) -> str:
    """Return the RFC 4151 `tag:` URI that identifies a post in every feed."""
    _check_authority(authority)
    _check_tag_date(date)
    normalised_key = unicodedata.normalize("NFC", key).strip()
    if not normalised_key:
        raise ValueError("a feed entry key must not be empty")
    return f"tag:{authority},{date}:{_escape_tag_specific(normalised_key)}"


def default_entry_key(source_path_under_posts: str) -> str:
    """Return a post's default id key: its posix path under posts/, no extension."""
    path = PurePosixPath(str(source_path_under_posts).replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(
            "expected a path relative to content/posts/, "
            f"got {source_path_under_posts!r}"
        )
    if not path.parts or path.stem in {"", "."}:
        raise ValueError(f"no file name in {source_path_under_posts!r}")
    return path.with_suffix("").as_posix()


def post_entry_id(
    authority: str, date: str, metadata: Mapping[str, Any], source_path_under_posts: str
) -> str:
    """Return a post's feed id from its `id` metadata, else its path under posts/.

    Nothing else of the post is read: its title, slug, date, category and
    hashtags can all change without a subscriber seeing the post twice.
    """
    id_header = metadata.get("id")
    key = str(id_header) if id_header else default_entry_key(source_path_under_posts)
    return stable_entry_id(authority, date, key)


def strip_illegal_xml_chars(text: str) -> str:
    """Remove every character XML 1.0 forbids (controls, U+FFFE/F, surrogates)."""
    if _ILLEGAL_XML_RE.search(text) is None:
        return text
    return _ILLEGAL_XML_RE.sub("", text)


def absolutize_html(html_text: str, base_url: str, page_url: str) -> str:
    """Make every href, src, srcset and poster URL in an HTML fragment absolute.

    `base_url` is the site's address (absolute); root-relative links (`/2025/x/`)
    resolve against it. `page_url` is the page the fragment comes from, absolute
    or relative to `base_url`; relative links and `#fragments` resolve against
    it. Absolute URLs (any scheme: `https:`, `mailto:`, `tel:`…) and
    protocol-relative ones (`//host/x`) are left as they are, so the function is
    idempotent. Everything but the rewritten attribute values is kept
    byte for byte.
    """
    site_root = _site_root(base_url)
    if _URL_ATTRIBUTE_HINT_RE.search(html_text) is None:
        return html_text
    page = _resolve_url(page_url, site_root, site_root)

    def resolve(url: str) -> str:
        return _resolve_url(url, site_root, page)

    return _rewrite_start_tags(html_text, resolve)


def feed_categories(hashtags_display: list[str], category: str | None) -> list[str]:
    """Return a feed entry's categories: its hashtags, then its category, once each."""
    categories: list[str] = []
    seen: set[str] = set()
    for name in [*hashtags_display, category or ""]:
        cleaned = strip_illegal_xml_chars(name).strip()
        identity = unicodedata.normalize("NFC", cleaned).casefold()
        if cleaned and identity not in seen:
            seen.add(identity)
            categories.append(cleaned)
    return categories


def _check_authority(authority: str) -> None:
    if not isinstance(authority, str) or not _AUTHORITY_RE.fullmatch(authority):
        raise ValueError(
            f"feed id authority {authority!r} is not a domain name: give the "
            "association's domain alone, in lower case, e.g. 'vigie-sante.fr' "
            "(no scheme, no port, no path)"
        )


def _check_tag_date(date: str) -> None:
    match = _TAG_DATE_RE.fullmatch(date) if isinstance(date, str) else None
    if match is None:
        raise ValueError(
            f"feed id date {date!r} must be written YYYY, YYYY-MM or YYYY-MM-DD, "
            "e.g. '2025-01-01'"
        )
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"feed id date {date!r} is not a real date: {error}") from None


def _escape_tag_specific(key: str) -> str:
    if all(char in _SPECIFIC_SAFE for char in key):
        return key
    return "".join(
        char
        if char in _SPECIFIC_SAFE
        else "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
        for char in key
    )


def _site_root(base_url: str) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(
            f"base URL {base_url!r} must be an absolute http(s) address, "
            "e.g. 'https://vigie-sante.fr'"
        )
    return base_url if base_url.endswith("/") else base_url + "/"


def _resolve_url(url: str, site_root: str, page: str) -> str:
    """Resolve one URL as a reader of the page would, `/` being the site root."""
    bare = url.strip(_HTML_SPACE)
    if _SCHEME_RE.match(bare) or bare.startswith("//"):
        return url
    if bare.startswith("/"):
        return site_root + bare[1:]
    return urljoin(page, bare)


def _rewrite_start_tags(text: str, resolve: Callable[[str], str]) -> str:
    """Rewrite the URL attributes of every start tag, in one pass over the text.

    Like an HTML parser, a comment or a tag left open runs to the end of the
    text: nothing after it is rewritten, and no position is scanned twice.
    """

    def rewrite_attribute(found: re.Match[str]) -> str:
        return _rewrite_attribute(found, resolve)

    pieces: list[str] = []
    copied = position = 0
    while (position := text.find("<", position)) != -1:
        following = text[position + 1 : position + 2]
        if following == "!":
            opaque_end = _opaque_markup_end(text, position)
            if opaque_end == -1:
                break
            position = opaque_end or position + 1
            continue
        if following not in _ASCII_LETTERS:
            position += 1
            continue
        match = _START_TAG_RE.match(text, position)
        if match is None:
            break
        attrs = match.group("attrs")
        if _URL_ATTRIBUTE_HINT_RE.search(attrs):
            new_attrs = _ATTRIBUTE_RE.sub(rewrite_attribute, attrs)
            if new_attrs != attrs:
                start, end = match.span("attrs")
                pieces += [text[copied:start], new_attrs]
                copied = end
        position = match.end()
    pieces.append(text[copied:])
    return "".join(pieces)


def _opaque_markup_end(text: str, position: int) -> int:
    """Return where a comment or CDATA at position ends: -1 never, 0 not one."""
    for opener, closer in _OPAQUE_MARKUP:
        if text.startswith(opener, position):
            end = text.find(closer, position + len(opener))
            return -1 if end == -1 else end + len(closer)
    return 0


def _rewrite_attribute(found: re.Match[str], resolve: Callable[[str], str]) -> str:
    raw_value = found.group("value")
    name = found.group("name").lower()
    if raw_value is None or name not in _URL_ATTRIBUTES:
        return found.group(0)
    quote = raw_value[0] if raw_value[0] in "\"'" else ""
    value = html.unescape(raw_value[1:-1] if quote else raw_value)
    new_value = _resolve_srcset(value, resolve) if name == "srcset" else resolve(value)
    if new_value == value:
        return found.group(0)
    quote = quote or '"'
    escaped = new_value.replace("&", "&amp;").replace(quote, f"&#{ord(quote)};")
    return f"{found.group('name')}{found.group('eq')}{quote}{escaped}{quote}"


def _resolve_srcset(value: str, resolve: Callable[[str], str]) -> str:
    """Resolve each candidate URL of a srcset, keeping separators and descriptors."""
    pieces: list[str] = []
    position, length = 0, len(value)
    while position < length:
        start = position
        while position < length and (
            value[position] in _HTML_SPACE or value[position] == ","
        ):
            position += 1
        pieces.append(value[start:position])
        if position >= length:
            break
        url_start = position
        while position < length and value[position] not in _HTML_SPACE:
            position += 1
        url = value[url_start:position]
        bare = url.rstrip(",")
        pieces.append(resolve(bare) + url[len(bare) :])
        if bare != url:
            continue
        descriptors_end = value.find(",", position)
        descriptors_end = length if descriptors_end == -1 else descriptors_end
        pieces.append(value[position:descriptors_end])
        position = descriptors_end
    return "".join(pieces)
