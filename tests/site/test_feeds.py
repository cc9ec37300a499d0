"""Feeds as a feed reader gets them: parsed with feedparser and lxml."""

import re

import feedparser
import pytest
from lxml import etree

from tests.conftest import build_files

BASE = "http://127.0.0.1:8000"
FILES = {
    "authors/ana.md": "Name: Ana Duval\n\nBio.\n",
    "authors/bob.md": "Name: Bob Martin\n\nBio.\n",
    "campaigns/touscybervigilants.md": (
        "Title: Tous cyber-vigilants\nHashtag: #TOUSCYBERVIGILANTS\n\nTexte.\n"
    ),
    "posts/2025/un.md": (
        "Title: Premier\nDate: 2025-01-01 10:00\nAuthors: ana, bob\n"
        "Category: Tribune\nHashtags: #touscybervigilants\n\n"
        "Voir [la suite](/2025/deux/), [relatif](../deux/), [ancre](#note), "
        "![une image](/images/x.png) et [externe](https://example.org/).\n\n"
        "Texte avec \x0b tabulation verticale et \x1b échappement, #MotDePasse.\n"
    ),
    "posts/2025/deux.md": (
        "Title: Deuxième \x0c avec <b>balise</b> & esperluette\n"
        "Date: 2025-02-01 10:00\nAuthor: bob\nCategory: Communiqué\n"
        "Modified: 2025-03-01 09:00\n\nCorps deux.\n"
    ),
    "posts/2025/trois.md": (
        "Title: Troisième\nDate: 2025-03-01 10:00\nAuthor: ana\n"
        "Hashtags: #TOUSCYBERVIGILANTS\n\nCorps trois.\n"
    ),
    "posts/2025/masque.md": (
        "Title: Masqué\nDate: 2025-03-02 10:00\nAuthor: ana\nStatus: hidden\n"
        "Hashtags: #TOUSCYBERVIGILANTS\n\nCaché.\n"
    ),
    "posts/2025/brouillon.md": (
        "Title: Brouillon\nDate: 2025-03-03 10:00\nAuthor: ana\nStatus: draft\n"
        "Hashtags: #TOUSCYBERVIGILANTS\n\nPas encore.\n"
    ),
    "images/x.png": "not really a png",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    build = build_files(tmp_path_factory.mktemp("feeds"), FILES)
    assert build.returncode == 0, build.log
    return build


def all_feeds(build):
    return sorted(build.output.rglob("rss.xml")) + sorted(
        build.output.rglob("atom.xml")
    )


def parse(build, path):
    feed = feedparser.parse(str(build.output / path))
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


def test_every_contract_feed_exists_and_parses(site):
    expected = {
        "feeds/rss.xml",
        "feeds/atom.xml",
        "campagnes/touscybervigilants/rss.xml",
        "campagnes/touscybervigilants/atom.xml",
        "campagnes/motdepasse/rss.xml",
        "auteurs/ana/rss.xml",
        "auteurs/bob/atom.xml",
        "rubriques/tribune/rss.xml",
        "rubriques/communique/atom.xml",
        "rubriques/actualite/rss.xml",
    }
    found = {str(p.relative_to(site.output)) for p in all_feeds(site)}
    assert expected <= found
    for path in found:
        feed = parse(site, path)
        assert feed.version in ("rss20", "atom10"), path
        etree.parse(str(site.output / path))  # strict XML parser too


def test_entry_sets_per_feed(site):
    newest_first = [
        "Troisième",
        "Deuxième   avec <b>balise</b> & esperluette",
        "Premier",
    ]
    assert titles(parse(site, "feeds/atom.xml")) == newest_first
    assert titles(parse(site, "feeds/rss.xml")) == newest_first
    campaign = parse(site, "campagnes/touscybervigilants/atom.xml")
    assert titles(campaign) == ["Troisième", "Premier"]
    assert titles(parse(site, "auteurs/bob/rss.xml")) == newest_first[1:]
    assert titles(parse(site, "rubriques/communique/atom.xml")) == [newest_first[1]]


def test_entries_carry_the_contract_fields(site):
    for path in ("feeds/atom.xml", "feeds/rss.xml"):
        entry = parse(site, path).entries[-1]
        assert entry.link == f"{BASE}/2025/un/"
        assert entry.id == "tag:vigie-sante.fr,2025:2025/un"
        assert [a.name for a in entry.authors] == ["Ana Duval", "Bob Martin"]
        assert {t.term for t in entry.tags} == {
            "TOUSCYBERVIGILANTS",
            "MotDePasse",
            "Tribune",
        }
        assert entry.published_parsed[:3] == (2025, 1, 1)
        assert "tabulation verticale" in entry.content[0].value


def test_update_date_from_modified(site):
    entry = parse(site, "feeds/atom.xml").entries[1]
    assert entry.updated.startswith("2025-03-01T09:00")
    assert entry.published.startswith("2025-02-01T10:00")


def test_rss_guid_is_not_a_permalink(site):
    rss = (site.output / "feeds/rss.xml").read_text(encoding="utf-8")
    assert rss.count('<guid isPermaLink="false">tag:vigie-sante.fr,2025:') == 3


def test_links_and_images_in_content_are_absolute(site):
    content = parse(site, "feeds/atom.xml").entries[-1].content[0].value
    urls = re.findall(r'(?:href|src)="([^"]+)"', content)
    assert f"{BASE}/2025/deux/" in urls
    assert f"{BASE}/images/x.png" in urls
    assert f"{BASE}/2025/un/#note" in urls
    assert "https://example.org/" in urls
    assert all(url.startswith(("http://", "https://")) for url in urls), urls


def test_hidden_and_draft_posts_are_in_no_feed(site):
    for path in all_feeds(site):
        text = path.read_text(encoding="utf-8")
        assert "Masqué" not in text and "Brouillon" not in text, path


def test_ids_are_unique_and_feeds_name_themselves(site):
    ids = [entry.id for entry in parse(site, "feeds/atom.xml").entries]
    assert len(ids) == len(set(ids))
    atom = parse(site, "campagnes/touscybervigilants/atom.xml")
    self_links = [link.href for link in atom.feed.links if link.rel == "self"]
    assert self_links == [f"{BASE}/campagnes/touscybervigilants/atom.xml"]
    rss = parse(site, "auteurs/ana/rss.xml")
    assert any(
        link.get("rel") == "self" and link.href == f"{BASE}/auteurs/ana/rss.xml"
        for link in rss.feed.links
    )


def test_feeds_point_to_a_readable_stylesheet(site):
    for path in ("feeds/rss.xml", "feeds/atom.xml"):
        head = (site.output / path).read_text(encoding="utf-8")[:200]
        assert '<?xml-stylesheet type="text/xsl" href="/theme/feeds/feed.xsl"?>' in head
    assert (site.output / "theme/feeds/feed.xsl").is_file()
    transform = etree.XSLT(etree.parse(str(site.output / "theme/feeds/feed.xsl")))
    page = str(transform(etree.parse(str(site.output / "feeds/rss.xml"))))
    assert "flux" in page and "Troisième" in page


def alternates(soup):
    return {
        (link["type"], link["href"]) for link in soup.find_all("link", rel="alternate")
    }


def test_every_page_links_the_site_feeds(site):
    site_links = {
        ("application/rss+xml", f"{BASE}/feeds/rss.xml"),
        ("application/atom+xml", f"{BASE}/feeds/atom.xml"),
    }
    for path in site.output.rglob("*.html"):
        soup = site.html("/" + str(path.relative_to(site.output)))
        assert site_links <= alternates(soup), path


@pytest.mark.parametrize(
    "page", ["/campagnes/touscybervigilants/", "/auteurs/ana/", "/rubriques/tribune/"]
)
def test_listing_pages_link_their_own_feeds(site, page):
    own = {
        ("application/rss+xml", f"{BASE}{page}rss.xml"),
        ("application/atom+xml", f"{BASE}{page}atom.xml"),
    }
    soup = site.html(page)
    assert own <= alternates(soup)
    visible = {a["href"] for a in soup.select(".subscribe a")}
    assert {href for _, href in own} <= visible


def test_subscribe_page_and_opml(site):
    page = site.html("/abonnement/")
    hrefs = {a["href"] for a in page.select("main a")}
    for path in all_feeds(site):
        assert f"{BASE}/{path.relative_to(site.output)}" in hrefs, path
    opml = etree.parse(str(site.output / "abonnement/vigie.opml"))
    urls = {node.get("xmlUrl") for node in opml.iter("outline")}
    assert urls == {
        f"{BASE}/campagnes/touscybervigilants/rss.xml",
        f"{BASE}/campagnes/motdepasse/rss.xml",
    }


def test_item_limits(build_site):
    files = {key: FILES[key] for key in ("authors/ana.md", "authors/bob.md")}
    for day in range(1, 8):
        files[f"posts/p{day}.md"] = (
            f"Title: P{day}\nDate: 2025-01-0{day}\nAuthor: ana\n\nx\n"
        )
    build = build_site(
        files, overrides={"FEEDS_MAX_ITEMS": 2, "FEEDS_SITE_MAX_ITEMS": 5}
    )
    assert build.returncode == 0, build.log
    assert titles(parse(build, "feeds/rss.xml")) == ["P7", "P6", "P5", "P4", "P3"]
    assert titles(parse(build, "auteurs/ana/atom.xml")) == ["P7", "P6"]


def test_id_survives_title_slug_date_category_and_hashtag_changes(tmp_path):
    author = {"authors/ana.md": FILES["authors/ana.md"]}
    before = build_files(
        tmp_path / "a",
        {
            **author,
            "posts/2025/billet.md": "Title: Avant\nDate: 2025-01-01\nAuthor: ana\n"
            "Category: Tribune\nHashtags: #Un\n\nx\n",
        },
    )
    after = build_files(
        tmp_path / "b",
        {
            **author,
            "posts/2025/billet.md": "Title: Après correction\nDate: 2024-12-31\n"
            "Author: ana\nSlug: nouveau-nom\nCategory: Communiqué\n"
            "Hashtags: #Deux\n\nx\n",
        },
    )
    assert before.returncode == after.returncode == 0
    old = parse(before, "feeds/atom.xml").entries[0]
    new = parse(after, "feeds/atom.xml").entries[0]
    assert new.link != old.link
    assert new.id == old.id == "tag:vigie-sante.fr,2025:2025/billet"


def test_explicit_id_header_wins(build_site):
    build = build_site(
        {
            "authors/ana.md": FILES["authors/ana.md"],
            "posts/2030/deplace.md": "Title: T\nDate: 2025-01-01\nAuthor: ana\n"
            "Id: 2025/ancien-nom\n\nx\n",
        }
    )
    assert build.returncode == 0, build.log
    entry = parse(build, "feeds/rss.xml").entries[0]
    assert entry.id == "tag:vigie-sante.fr,2025:2025/ancien-nom"


def test_publish_build_makes_every_feed_url_public(tmp_path):
    build = build_files(
        tmp_path,
        FILES,
        settings="publishconf.py",
        env={"VIGIE_PUBLIC_SITEURL": "https://vigie.example.org"},
    )
    assert build.returncode == 0, build.log
    for path in all_feeds(build):
        text = path.read_text(encoding="utf-8")
        assert "127.0.0.1" not in text, path
        feed = parse(build, path.relative_to(build.output))
        for entry in feed.entries:
            assert entry.link.startswith("https://vigie.example.org/"), path
    home = build.html("/")
    assert ("application/rss+xml", "https://vigie.example.org/feeds/rss.xml") in (
        alternates(home)
    )
