"""Former addresses (Aliases) as redirects: pages, `_redirects`, `.htaccess`."""

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

# What a path may not hold: controls, spaces, quotes, brackets, query, fragment.
UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f\"'<>\\^`{|}?#]")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
PATH_SAFE = "/%:@!$&()*+,;=~-._"


@dataclass(frozen=True)
class Redirect:
    """One former address of a post, and where the post now is."""

    source: str
    target: str
    title: str


def alias_path(alias: str) -> str | None:
    """A former address as a clean URL path (`/2019/x/`, `/x.html`), or None.

    A last segment without a dot is a folder. None means unsafe: empty, a
    scheme, `.` or `..`, an empty segment, a space, a quote, `?` or `#`.
    """
    path = unquote(alias.strip())
    if not path.strip("/") or SCHEME.match(path) or UNSAFE_CHARACTERS.search(path):
        return None
    segments = path.strip("/").split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    folder = path.endswith("/") or "." not in segments[-1]
    return "/" + "/".join(segments) + ("/" if folder else "")


def alias_file(path: str) -> str:
    """The output file for a clean alias path: a folder gets an index.html."""
    relative = path.lstrip("/")
    return relative + "index.html" if relative.endswith("/") else relative


def redirects_file(redirects: list[Redirect], prefix: str = "") -> str:
    """Netlify / Cloudflare `_redirects`: one permanent (301) redirect a line."""
    lines = ["# Anciennes adresses des articles (Aliases) : redirections permanentes."]
    for redirect in redirects:
        source = quote(prefix + redirect.source, safe=PATH_SAFE)
        target = quote(prefix + redirect.target, safe=PATH_SAFE)
        lines.append(f"{source} {target} 301")
    return "\n".join(lines) + "\n"


def htaccess_redirects(redirects: list[Redirect], prefix: str = "") -> str:
    """Apache `RedirectMatch 301` lines, each for exactly one former path."""
    lines = [
        "# Anciennes adresses des articles (Aliases) : redirections permanentes.",
        "<IfModule mod_alias.c>",
    ]
    for redirect in redirects:
        source = re.escape(prefix + redirect.source.rstrip("/"))
        slash = "/?" if redirect.source.endswith("/") else ""
        target = quote(prefix + redirect.target, safe=PATH_SAFE)
        lines.append(f'  RedirectMatch 301 "^{source}{slash}$" "{target}"')
    lines.append("</IfModule>")
    return "\n".join(lines) + "\n"
