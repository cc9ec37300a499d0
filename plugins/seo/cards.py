"""Sharing cards (Open Graph, Twitter) and schema.org JSON-LD, from plain values."""

import datetime as dt
import json
from dataclasses import dataclass

# Characters that could end or confuse a <script> element, as JSON escapes.
SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
ELLIPSIS = "…"


@dataclass(frozen=True)
class Site:
    """What every card says about the site itself."""

    name: str
    base: str
    publisher: str
    default_image: str
    default_image_alt: str = ""


@dataclass(frozen=True)
class Person:
    """An author as cards and JSON-LD name them."""

    name: str
    url: str
    role: str = ""
    organization: str = ""


@dataclass(frozen=True)
class Card:
    """Everything `partials/seo.html` writes into a page's head."""

    url: str
    title: str
    description: str
    image: str
    site_name: str
    kind: str = "website"
    image_alt: str = ""
    published: str = ""
    modified: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    section: str = ""
    robots: str = ""
    json_ld: str = ""


def iso(moment: dt.datetime | None) -> str:
    """A datetime as ISO 8601 with seconds and offset, or '' for none."""
    return moment.isoformat(timespec="seconds") if moment else ""


def short_description(text: str, limit: int = 200) -> str:
    """One line of at most `limit` characters, cut on a word with « … »."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - len(ELLIPSIS)].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + ELLIPSIS


def strip_site_name(title: str, site_name: str) -> str:
    """« Archives — Vigie » → « Archives »; the site name alone stays."""
    for separator in (" — ", " - ", " | "):
        suffix = f"{separator}{site_name}"
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)]
    return title


def json_ld_script(data: dict) -> str:
    """Serialise JSON-LD for a <script> element: no `<`, `>` or `&` left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in SCRIPT_UNSAFE.items():
        text = text.replace(raw, escaped)
    return text


def person_json_ld(person: Person) -> dict:
    """schema.org Person, with its organisation as an Organization."""
    data: dict = {"@type": "Person", "name": person.name, "url": person.url}
    if person.role:
        data["jobTitle"] = person.role
    if person.organization:
        data["affiliation"] = {"@type": "Organization", "name": person.organization}
    return data


def article_json_ld(
    site: Site,
    *,
    url: str,
    headline: str,
    description: str,
    image: str,
    published: dt.datetime,
    modified: dt.datetime | None,
    authors: list[Person],
    keywords: list[str],
    section: str = "",
) -> dict:
    """schema.org Article for a post."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "description": description,
        "image": [image],
        "datePublished": iso(published),
        "dateModified": iso(modified or published),
        "author": [person_json_ld(person) for person in authors],
        "keywords": keywords,
        "inLanguage": "fr-FR",
        "publisher": {
            "@type": "Organization",
            "name": site.publisher,
            "url": f"{site.base}/",
            "logo": {"@type": "ImageObject", "url": site.default_image},
        },
    }
    if section:
        data["articleSection"] = section
    return data


def article_card(
    site: Site,
    *,
    url: str,
    title: str,
    summary: str,
    image: str,
    published: dt.datetime,
    modified: dt.datetime | None,
    authors: list[Person],
    hashtags: list[str],
    section: str = "",
    robots: str = "",
) -> Card:
    """The card of a post: og:type article, its dates, authors, hashtags, JSON-LD."""
    description = short_description(summary) or title
    picture = image or site.default_image
    data = article_json_ld(
        site,
        url=url,
        headline=title,
        description=description,
        image=picture,
        published=published,
        modified=modified,
        authors=authors,
        keywords=hashtags,
        section=section,
    )
    return Card(
        url=url,
        title=title,
        description=description,
        image=picture,
        image_alt="" if image else site.default_image_alt,
        site_name=site.name,
        kind="article",
        published=iso(published),
        modified=iso(modified or published),
        authors=tuple(person.url for person in authors),
        tags=tuple(hashtags),
        section=section,
        robots=robots,
        json_ld=json_ld_script(data),
    )


def listing_card(
    site: Site,
    *,
    url: str,
    title: str,
    description: str,
    image: str = "",
    robots: str = "",
) -> Card:
    """The card of any other page: og:type website, its own image or the site's."""
    return Card(
        url=url,
        title=title or site.name,
        description=short_description(description) or site.name,
        image=image or site.default_image,
        image_alt="" if image else site.default_image_alt,
        site_name=site.name,
        robots=robots,
    )
