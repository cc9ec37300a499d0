"""Hostile titles, metadata and bodies come out inert in every built page."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_files

TITLE = '<b>&"x"</b>'
BODY = """\
Avant.

<script>alert("script")</script>

<img src="x" onerror="alert('img')">

[un lien](javascript:alert('lien'))

<a href="https://example.org/" onclick="alert('clic')">ailleurs</a>

<iframe src="https://evil.example/"></iframe>

<svg onload="alert('svg')"><circle r="1"/></svg>

Après #TOUSCYBERVIGILANTS.
"""
FILES = {
    "authors/ana.md": 'Name: Ana <script>alert("nom")</script> "Duval"\n'
    'Role: <img src=x onerror=alert("role")>\n\n'
    "Bio <script>alert('bio')</script>.\n",
    "campaigns/touscybervigilants.md": (
        'Title: Tous "><img src=x onerror=alert("campagne")>\n'
        "Hashtag: #TOUSCYBERVIGILANTS\n"
        "Share: </textarea><script>alert('partage')</script>\n\n"
        "<script>alert('description')</script>Description.\n"
    ),
    "posts/2025/piege.md": (
        f"Title: {TITLE}\nDate: 2025-03-01 10:00\nAuthor: ana\nCategory: Tribune\n"
        f"Hashtags: #TOUSCYBERVIGILANTS\n"
        f'Summary: <i onmouseover="alert(\'summary\')">résumé</i> & "co"\n\n'
        f"{BODY}"
    ),
    "pages/a-propos.md": f"Title: {TITLE}\n\n{BODY}",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    build = build_files(tmp_path_factory.mktemp("xss"), FILES)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def pages(site):
    return {
        path.relative_to(site.output).as_posix(): path.read_text(encoding="utf-8")
        for path in site.output.rglob("*.html")
    }


def test_every_page_is_inert(pages):
    assert "2025/piege/index.html" in pages
    for name, raw in pages.items():
        soup = BeautifulSoup(raw, "lxml")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # A data block, never run: it may quote the title, but escaped.
                assert "<" not in script.get_text(), name
                json.loads(script.get_text())
            else:
                assert "alert" not in script.get_text(), name
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                assert not attribute.lower().startswith("on"), (name, tag)
                text = " ".join(value) if isinstance(value, list) else value
                assert not text.strip().lower().startswith("javascript:"), (name, tag)
        assert soup.find(["iframe", "svg"]) is None, name
        assert TITLE not in raw, name


def test_title_is_shown_as_text(site):
    page = site.html("/2025/piege/")
    assert page.h1.get_text() == TITLE
    assert page.h1.find("b") is None
    assert TITLE in page.title.get_text()
    home = site.html("/")
    assert home.select_one(".card__title").get_text(strip=True) == TITLE


def test_summary_is_text_not_markup(site):
    summary = site.html("/").select_one(".card")
    assert summary.find("i") is None
    assert "<i onmouseover=" in summary.get_text()


def test_body_keeps_its_text_and_safe_links(site):
    body = site.html("/2025/piege/").select_one(".post__body")
    text = body.get_text()
    assert "Avant." in text and "Après" in text
    assert "alert" not in str(body)
    assert body.find("a", string="ailleurs")["href"] == "https://example.org/"
    assert body.find("a", string="un lien").get("href") is None
    assert body.select_one("a.hashtag")["href"] == "/campagnes/touscybervigilants/"


def test_author_and_campaign_metadata_are_text(site):
    author = site.html("/auteurs/ana/")
    assert author.h1.get_text(strip=True) == 'Ana <script>alert("nom")</script> "Duval"'
    campaign = site.html("/campagnes/touscybervigilants/")
    assert campaign.h1.get_text() == 'Tous "><img src=x onerror=alert("campagne")>'
    assert campaign.h1.find("img") is None


@pytest.mark.parametrize(
    "feed", ["feeds/rss.xml", "feeds/atom.xml", "campagnes/touscybervigilants/atom.xml"]
)
def test_feeds_carry_the_same_inert_html(site, feed):
    parsed = feedparser.parse(str(site.output / feed))
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    assert entry.title == TITLE
    html = entry.content[0].value if "content" in entry else entry.summary
    soup = BeautifulSoup(html, "lxml")
    assert soup.find(["script", "iframe", "svg"]) is None
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), tag
            text = " ".join(value) if isinstance(value, list) else value
            assert not text.strip().lower().startswith("javascript:"), tag
    assert "Après" in soup.get_text()
