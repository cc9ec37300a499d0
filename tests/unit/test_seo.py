import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from seo.cards import (
    Person,
    Site,
    article_card,
    json_ld_script,
    listing_card,
    short_description,
    strip_site_name,
)
from seo.sitemap import SitemapEntry, merge_entries, newest, robots_txt, sitemap_xml
from seo.urls import absolute_base, absolute_url, is_public_url, page_path

PARIS = ZoneInfo("Europe/Paris")
SITE = Site(
    name="Vigie",
    base="https://vigie.example.org",
    publisher="Association Vigie",
    default_image="https://vigie.example.org/theme/images/vigie-partage.png",
    default_image_alt="Vigie",
)
ANA = Person("Ana", "https://vigie.example.org/auteurs/ana/", "RSSI", "CH Valmont")


@pytest.mark.parametrize(
    ("siteurl", "feed_domain", "expected"),
    [
        ("https://vigie.org/", "http://127.0.0.1:8000", "https://vigie.org"),
        ("", "http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("/relatif", "http://localhost:8000/", "http://localhost:8000"),
        ("", "", ""),
    ],
)
def test_absolute_base_prefers_an_absolute_siteurl(siteurl, feed_domain, expected):
    assert absolute_base(siteurl, feed_domain) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/images/a.png", "https://v.org/images/a.png"),
        ("2025/x/", "https://v.org/2025/x/"),
        ("", "https://v.org/"),
        ("/images/été 1.png", "https://v.org/images/%C3%A9t%C3%A9%201.png"),
        ("https://ailleurs.org/x.png", "https://ailleurs.org/x.png"),
    ],
)
def test_absolute_url(path, expected):
    assert absolute_url("https://v.org", path) == expected


@pytest.mark.parametrize(
    ("output_file", "expected"),
    [
        ("index.html", ""),
        ("2025/x/index.html", "2025/x/"),
        ("page/2/index.html", "page/2/"),
        ("404.html", "404.html"),
        ("ancien.html", "ancien.html"),
    ],
)
def test_page_path(output_file, expected):
    assert page_path(output_file) == expected


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://vigie-sante.fr", True),
        ("http://vigie.example.org/sous", True),
        ("http://127.0.0.1:8000", False),
        ("http://localhost", False),
        ("", False),
        ("/relatif", False),
        ("ftp://vigie.org", False),
    ],
)
def test_is_public_url(url, public):
    assert is_public_url(url) is public


def test_short_description_cuts_on_a_word():
    text = "mot " * 100
    short = short_description(text, limit=30)
    assert len(short) <= 30
    assert short.endswith("mot…")
    assert short_description("  court\n texte ") == "court texte"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Archives — Vigie", "Archives"),
        ("Vigie", "Vigie"),
        ("— Vigie", "— Vigie"),
        ("Vigie et la vigilance", "Vigie et la vigilance"),
    ],
)
def test_strip_site_name(title, expected):
    assert strip_site_name(title, "Vigie") == expected


@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3), max_leaves=8))
def test_json_ld_script_round_trips_and_never_opens_a_tag(value):
    text = json_ld_script({"v": value})
    assert "<" not in text
    assert ">" not in text
    assert json.loads(text) == {"v": value}


def test_json_ld_script_survives_a_closing_script_tag_in_html():
    text = json_ld_script({"headline": "</script><script>alert(1)</script>"})
    page = f'<script type="application/ld+json">{text}</script><p>après</p>'
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.find_all("script")) == 1
    assert json.loads(soup.script.string)["headline"].startswith("</script>")


def test_article_card():
    published = dt.datetime(2025, 10, 1, 8, 0, tzinfo=PARIS)
    card = article_card(
        SITE,
        url="https://vigie.example.org/2025/x/",
        title="Titre",
        summary="Le résumé.",
        image="",
        published=published,
        modified=None,
        authors=[ANA],
        hashtags=["TOUSCYBERVIGILANTS"],
        section="Tribune",
    )
    assert card.kind == "article"
    assert card.image == SITE.default_image
    assert card.image_alt == "Vigie"
    assert card.published == card.modified == "2025-10-01T08:00:00+02:00"
    assert card.authors == ("https://vigie.example.org/auteurs/ana/",)
    data = json.loads(card.json_ld)
    assert data["author"][0]["affiliation"] == {
        "@type": "Organization",
        "name": "CH Valmont",
    }
    assert data["author"][0]["jobTitle"] == "RSSI"
    assert data["articleSection"] == "Tribune"
    assert data["publisher"]["name"] == "Association Vigie"
    assert data["dateModified"] == data["datePublished"]


def test_article_card_without_summary_describes_by_title():
    card = article_card(
        SITE,
        url="u",
        title="Titre",
        summary="",
        image="https://vigie.example.org/images/a.png",
        published=dt.datetime(2025, 1, 1, tzinfo=PARIS),
        modified=dt.datetime(2025, 2, 1, tzinfo=PARIS),
        authors=[],
        hashtags=[],
    )
    assert card.description == "Titre"
    assert card.image_alt == ""
    assert card.modified == "2025-02-01T00:00:00+01:00"


def test_listing_card_falls_back_to_the_site():
    card = listing_card(
        SITE, url="https://vigie.example.org/", title="", description=""
    )
    assert (card.kind, card.title, card.description) == ("website", "Vigie", "Vigie")
    assert card.image == SITE.default_image
    assert card.json_ld == ""


def test_sitemap_xml_is_a_valid_urlset():
    day = dt.datetime(2025, 3, 12, 7, 45, tzinfo=PARIS)
    xml = sitemap_xml(
        [
            SitemapEntry("https://v.org/b/", day),
            SitemapEntry("https://v.org/a/"),
            SitemapEntry("https://v.org/b/", None),
        ]
    )
    soup = BeautifulSoup(xml, "xml")
    assert soup.urlset["xmlns"] == "http://www.sitemaps.org/schemas/sitemap/0.9"
    urls = [(u.loc.text, u.lastmod.text if u.lastmod else None) for u in soup("url")]
    assert urls == [
        ("https://v.org/a/", None),
        ("https://v.org/b/", "2025-03-12T07:45:00+01:00"),
    ]


def test_sitemap_escapes_addresses():
    xml = sitemap_xml([SitemapEntry("https://v.org/?a=1&b=2")])
    assert b"&amp;b=2" in xml


def test_merge_keeps_the_latest_change():
    early = dt.datetime(2025, 1, 1, tzinfo=PARIS)
    late = dt.datetime(2025, 6, 1, tzinfo=PARIS)
    merged = merge_entries([SitemapEntry("x", late), SitemapEntry("x", early)])
    assert merged == [SitemapEntry("x", late)]
    assert newest([None, early, late]) == late
    assert newest([]) is None


def test_robots_txt_names_the_sitemap():
    assert robots_txt("https://v.org/sitemap.xml").splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        "Sitemap: https://v.org/sitemap.xml",
    ]
