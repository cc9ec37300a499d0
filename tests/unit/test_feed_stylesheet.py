"""The XSLT page a browser shows for a feed, applied with lxml to real feeds."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from feeds.writer import VigieAtomFeed, VigieRssFeed
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = ROOT / "theme" / "static" / "feeds" / "feed.xsl"
CSS = ROOT / "theme" / "static" / "css" / "feed.css"
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(scope="module")
def transform():
    return etree.XSLT(etree.parse(str(STYLESHEET)))


def feed_with(feed_class, entries):
    feed = feed_class(
        "Campagne #TousCyberVigilants",
        "https://vigie-sante.fr/campagnes/touscybervigilants/",
        "Les articles de la campagne",
        feed_url="https://vigie-sante.fr/campagnes/touscybervigilants/feed.xml",
        stylesheet_href="/theme/feeds/feed.xsl",
        language="fr",
    )
    for number, (title, summary, day) in enumerate(entries, start=1):
        feed.add_item(
            title,
            f"https://vigie-sante.fr/2025/article-{number}/",
            summary,
            content="<p>Contenu complet</p>",
            unique_id=f"tag:vigie-sante.fr,2024:2025/article-{number}",
            pubdate=datetime.datetime(2025, day[0], day[1], 23, 30, tzinfo=PARIS),
            authors=["Alice Martin"],
        )
    return etree.fromstring(feed.writeString("utf-8").encode("utf-8"))


def render(transform, feed_tree):
    return lxml.html.document_fromstring(str(transform(feed_tree)))


ENTRIES = [
    ("Hameçonnage : les bons réflexes", "<p>Un courriel <em>urgent</em> ?</p>", (3, 1)),
    ("Mots de passe & coffres-forts", "<p>L&rsquo;été &amp; la plage</p>", (8, 15)),
    ("<script>alert(1)</script>", "<p>A</p><p>B&nbsp;C</p>", (12, 31)),
]


@pytest.mark.parametrize(
    ("feed_class", "kind"), [(VigieRssFeed, "RSS"), (VigieAtomFeed, "Atom")]
)
def test_page_explains_the_feed_in_french(transform, feed_class, kind):
    page = render(transform, feed_with(feed_class, ENTRIES))
    assert page.get("lang") == "fr"
    text = " ".join(page.text_content().split())
    assert f"Ceci est un flux {kind}" in text
    assert "Un flux permet de suivre les nouvelles publications" in text
    assert "copiez l’adresse de cette page dans votre lecteur de flux" in text
    assert (
        "Adresse du flux : https://vigie-sante.fr/campagnes/touscybervigilants/feed.xml"
        in text
    )
    assert page.findtext(".//h1") == "Campagne #TousCyberVigilants"
    assert page.xpath("//a[@href='/abonnement/']")


@pytest.mark.parametrize("feed_class", [VigieRssFeed, VigieAtomFeed])
def test_page_lists_every_entry_with_link_date_and_summary(transform, feed_class):
    page = render(transform, feed_with(feed_class, ENTRIES))
    items = page.xpath("//li[@class='feed-entry']")
    assert len(items) == len(ENTRIES)
    rows = [
        (
            item.xpath("string(.//h2/a)"),
            item.xpath("string(.//h2/a/@href)"),
            item.xpath("string(.//time)"),
            item.xpath("string(.//time/@datetime)"),
            item.xpath("string(.//p[@class='feed-entry-summary'])"),
        )
        for item in items
    ]
    assert rows == [
        (
            "Hameçonnage : les bons réflexes",
            "https://vigie-sante.fr/2025/article-1/",
            "1er mars 2025",
            "2025-03-01",
            "Un courriel urgent ?",
        ),
        (
            "Mots de passe & coffres-forts",
            "https://vigie-sante.fr/2025/article-2/",
            "15 août 2025",
            "2025-08-15",
            "L’été & la plage",
        ),
        (
            "<script>alert(1)</script>",
            "https://vigie-sante.fr/2025/article-3/",
            "31 décembre 2025",
            "2025-12-31",
            "A B\u00a0C",
        ),
    ]
    # The title is text, never markup.
    assert not page.xpath("//script")


@pytest.mark.parametrize("feed_class", [VigieRssFeed, VigieAtomFeed])
def test_an_empty_feed_says_so(transform, feed_class):
    page = render(transform, feed_with(feed_class, []))
    assert not page.xpath("//li[@class='feed-entry']")
    assert "Aucune publication dans ce flux" in page.text_content()


@pytest.mark.parametrize("feed_class", [VigieRssFeed, VigieAtomFeed])
def test_page_obeys_the_content_security_policy(transform, feed_class):
    """No inline style, no script: the stylesheet is the linked feed.css."""
    page = render(transform, feed_with(feed_class, ENTRIES))
    assert not page.xpath("//style | //script | //*[@style]")
    assert not [name for name in page.xpath("//@*") if name.attrname.startswith("on")]
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["/theme/css/feed.css"]
    assert ".feed-entry" in CSS.read_text(encoding="utf-8")
