"""A real feed reader, newsboat, reads feeds our writers produce over HTTP."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from feeds.entries import absolutize_html, stable_entry_id
from feeds.writer import VigieAtomFeed, VigieRssFeed

from tests.support.newsboat import NewsboatMissingError, newsboat_path, read_feeds
from tools.quality.server import serve

PARIS = ZoneInfo("Europe/Paris")
SITE = "https://vigie-sante.fr"

POSTS = [
    ("2025/hameconnage-nuit", "Hameçonnage : la nuit, tous les chats sont gris"),
    ("2025/mots-de-passe", "Mots de passe & coffres-forts"),
    ("2025/sauvegardes", "Sauvegardes\x0b : la règle 3-2-1"),
    ("2024/rgpd-sante", "RGPD et données de santé"),
    ("2024/mfa", "La double authentification, « enfin »"),
]
# The campaign holds some of the site's posts: the same ids in two feeds.
CAMPAIGN_KEYS = {"2025/hameconnage-nuit", "2025/sauvegardes", "2024/mfa"}


def write_feed(path, feed_class, posts, feed_url):
    feed = feed_class(
        "Vigie",
        f"{SITE}/",
        "Le site de l'association Vigie",
        feed_url=feed_url,
        stylesheet_href="/theme/feeds/feed.xsl",
        language="fr",
    )
    for day, (key, title) in enumerate(posts, start=1):
        page = f"/{key}/"
        body = f'<p>Corps\x1b de « {title} » <img src="../images/{day}.png"></p>'
        feed.add_item(
            title,
            f"{SITE}{page}",
            f"<p>Résumé {day}</p>",
            content=absolutize_html(body, SITE, page),
            unique_id=stable_entry_id("vigie-sante.fr", "2024-01-01", key),
            pubdate=datetime.datetime(2025, 1, day, 8, 0, tzinfo=PARIS),
            authors=["Alice Martin", "Bruno Durand"],
            categories=["#TousCyberVigilants"],
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(feed.writeString("utf-8").encode("utf-8"))


@pytest.fixture
def served_site(tmp_path):
    root = tmp_path / "output"
    root.mkdir()
    campaign_posts = [post for post in POSTS if post[0] in CAMPAIGN_KEYS]
    with serve(root) as base_url:
        site_feed = f"{base_url}feeds/rss.xml"
        campaign_feed = f"{base_url}campagnes/touscybervigilants/atom.xml"
        write_feed(root / "feeds" / "rss.xml", VigieRssFeed, POSTS, site_feed)
        write_feed(
            root / "campagnes" / "touscybervigilants" / "atom.xml",
            VigieAtomFeed,
            campaign_posts,
            campaign_feed,
        )
        yield base_url, site_feed, campaign_feed


def test_newsboat_reads_every_item_of_each_feed(served_site, tmp_path):
    _, site_feed, campaign_feed = served_site
    site, campaign = read_feeds([site_feed, campaign_feed], tmp_path / "reader")

    assert (site.errors, campaign.errors) == ("", "")
    assert (site.item_count, campaign.item_count) == (5, 3)
    assert site.title == campaign.title == "Vigie"
    assert {item.guid for item in site.items} == {
        f"tag:vigie-sante.fr,2024-01-01:{key}" for key, _ in POSTS
    }
    assert {item.guid for item in campaign.items} == {
        f"tag:vigie-sante.fr,2024-01-01:{key}" for key in CAMPAIGN_KEYS
    }
    newest = site.items[0]
    assert newest.title == "La double authentification, « enfin »"
    assert newest.url == "https://vigie-sante.fr/2024/mfa/"
    # Atom gives newsboat every author; from RSS's several <dc:creator>,
    # newsboat 2.21 keeps one (the last), other readers keep them all.
    assert {item.author for item in campaign.items} == {"Alice Martin, Bruno Durand"}
    assert newest.author in {"Alice Martin, Bruno Durand", "Bruno Durand"}
    assert 'src="https://vigie-sante.fr/2024/images/5.png"' in newest.content
    # The control characters of a title and a body were removed, not fatal.
    assert "Sauvegardes : la règle 3-2-1" in {item.title for item in site.items}


def test_a_missing_feed_shows_in_the_cache_not_the_exit_code(served_site, tmp_path):
    base_url, _, _ = served_site
    (missing,) = read_feeds([f"{base_url}feeds/absent.xml"], tmp_path / "reader")
    assert missing.item_count == 0
    assert missing.title is None
    assert "404" in missing.errors


def test_without_newsboat_the_harness_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(
        NewsboatMissingError, match=r"tools/install-program\.sh newsboat"
    ):
        newsboat_path()
