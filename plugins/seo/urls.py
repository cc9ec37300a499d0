"""Absolute addresses: the site's base, a page's URL from its output file."""

from urllib.parse import quote, urlsplit

# RFC 3986 path characters that stay as they are; anything else is %-encoded.
PATH_SAFE = "/%:@!$&'()*+,;=~-._"


def absolute_base(siteurl: str, feed_domain: str) -> str:
    """The site's absolute address: SITEURL when absolute, else FEED_DOMAIN."""
    for candidate in (siteurl, feed_domain):
        if candidate and urlsplit(candidate).scheme in ("http", "https"):
            return candidate.rstrip("/")
    return ""


def absolute_url(base: str, path: str) -> str:
    """`path` (root-relative or relative to the root) as an absolute URL."""
    if urlsplit(path).scheme in ("http", "https"):
        return path
    return f"{base}/{quote(path.lstrip('/'), safe=PATH_SAFE)}"


def page_path(output_file: str) -> str:
    """The URL path served for an output file: `2025/x/index.html` → `2025/x/`."""
    if output_file == "index.html" or output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def is_public_url(url: str) -> bool:
    """True for an http(s) address that is not this machine (localhost, 127.x)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    local = host in ("", "localhost", "::1", "0.0.0.0") or host.startswith("127.")
    return parts.scheme in ("http", "https") and not local
