"""Campaign pages and inline hashtags, checked on a built fixture site."""

import pytest

from tests.conftest import build_files

AUTHOR = {"authors/ana.md": "Name: Ana Duval\n\nBio.\n"}
CAMPAIGN = {
    "campaigns/touscybervigilants.md": (
        "Title: Tous cyber-vigilants\nHashtag: #TOUSCYBERVIGILANTS\n"
        "Start: 2020-10-01\nEnd: 2099-10-31\nShare: Je suis cyber-vigilant\n\n"
        "La **description**.\n"
    ),
    "campaigns/plustard.md": (
        "Title: Plus tard\nHashtag: #PlusTard\nStart: 2099-01-01\n\nBientôt.\n"
    ),
}


def post(title, date, hashtags="", body="Texte."):
    """A post's text, with an optional Hashtags header."""
    header = f"Hashtags: {hashtags}\n" if hashtags else ""
    return f"Title: {title}\nDate: {date}\nAuthor: ana\n{header}\n{body}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = {**AUTHOR, **CAMPAIGN}
    files["posts/a.md"] = post(
        "Variante A", "2025-01-01", "#TousCyberVigilants", "Voir #touscybervigilants."
    )
    files["posts/b.md"] = post("Variante B", "2025-01-02", "TOUSCYBERVIGILANTS")
    files["posts/c.md"] = post(
        "En ligne seulement",
        "2025-01-03",
        body="#TOUSCYBERVIGILANTS en début de ligne, et #SécuritéNumérique.",
    )
    files["posts/leurres.md"] = post(
        "Leurres",
        "2025-01-04",
        body=(
            "Du C# et du F#, une ancre page.html#top, un &#233;, `#include`,\n"
            "[un lien](https://x.org/#frag), et du code :\n\n"
            "    #define X\n\n"
            "```\n# commentaire #Commentaire\n```\n\n"
            "# Un vrai titre\n"
        ),
    )
    files["posts/faute.md"] = post("Faute", "2025-01-05", "#TOUSCYBERVIGILANT")
    files["posts/masque.md"] = post(
        "Masqué", "2025-01-06", "#TOUSCYBERVIGILANTS #Secret"
    ).replace("Author: ana\n", "Author: ana\nStatus: hidden\n")
    build = build_files(tmp_path_factory.mktemp("campaigns"), files)
    assert build.returncode == 0, build.log
    return build


def campaign_dirs(build):
    return sorted(p.name for p in (build.output / "campagnes").iterdir() if p.is_dir())


def test_case_variants_land_on_one_page_in_declared_spelling(site):
    page = site.html("/campagnes/touscybervigilants/")
    titles = [a.get_text() for a in page.select(".card__title a")]
    assert titles == ["En ligne seulement", "Variante B", "Variante A"]
    assert page.h1.get_text() == "Tous cyber-vigilants"
    assert page.select_one(".campaign__hashtag").get_text() == "#TOUSCYBERVIGILANTS"
    assert page.select_one(".status").get_text() == "En cours"
    assert page.select_one(".campaign__description strong").get_text() == (
        "description"
    )


def test_non_hashtags_create_no_page_and_no_link(site):
    assert campaign_dirs(site) == [
        "plustard",
        "secret",
        "securitenumerique",
        "touscybervigilant",
        "touscybervigilants",
    ]
    page = site.html("/2025/leurres/")
    assert page.select(".post__body a.hashtag") == []
    assert page.select_one(".post__body h1").get_text() == "Un vrai titre"
    assert "C# et du F#" in page.select_one(".post__body").get_text()


def test_inline_hashtags_link_in_the_writers_spelling(site):
    body = site.html("/2025/c/").select_one(".post__body")
    links = [(a.get_text(), a["href"]) for a in body.select("a.hashtag")]
    assert links == [
        ("#TOUSCYBERVIGILANTS", "/campagnes/touscybervigilants/"),
        ("#SécuritéNumérique", "/campagnes/securitenumerique/"),
    ]
    assert body.p.get_text().startswith("#TOUSCYBERVIGILANTS en début de ligne")
    lower = site.html("/2025/a/").select_one(".post__body a.hashtag")
    assert lower.get_text() == "#touscybervigilants"


def test_post_lists_its_hashtags_under_the_title(site):
    header = site.html("/2025/c/").select_one(".post__header")
    assert [a.get_text() for a in header.select(".hashtags a")] == [
        "#TOUSCYBERVIGILANTS",
        "#SécuritéNumérique",
    ]


def test_upcoming_campaign_has_a_page_without_posts(site):
    page = site.html("/campagnes/plustard/")
    assert page.select_one(".status").get_text() == "À venir"
    assert "du 1er janvier 2099" in page.select_one(".campaign__when").get_text()
    assert page.select(".card") == []


def test_hidden_post_is_on_no_campaign_page(site):
    assert site.html("/campagnes/secret/").select(".card") == []
    for path in (site.output / "campagnes").rglob("*.html"):
        assert "/2025/masque/" not in path.read_text(encoding="utf-8")


def test_campaign_index_order_and_counts(site):
    items = site.html("/campagnes/").select(".campaign-list__item")
    names = [item.select_one(".campaign-list__title").get_text() for item in items]
    assert names[:2] == ["Tous cyber-vigilants", "Plus tard"]
    assert set(names[2:]) == {"#SécuritéNumérique", "#TOUSCYBERVIGILANT", "#Secret"}
    assert "3 publications" in items[0].get_text()


def test_typo_warning_names_file_line_and_suggestion(site):
    assert (
        "content/posts/faute.md:4: mot-dièse #TOUSCYBERVIGILANT : "
        "vouliez-vous dire #TOUSCYBERVIGILANTS ?"
    ) in site.log


def test_share_links_carry_the_campaign_text(site):
    share = site.html("/2025/b/").select_one(".share")
    hrefs = [a["href"] for a in share.select(".share__links a")]
    assert any("Je+suis+cyber-vigilant" in href for href in hrefs)
    assert share.select_one(".subscribe a")["href"] == (
        "http://127.0.0.1:8000/campagnes/touscybervigilants/rss.xml"
    )


def test_campaign_pages_paginate(build_site):
    files = dict(AUTHOR)
    for day in range(1, 13):
        files[f"posts/p{day:02d}.md"] = post(
            f"P{day:02d}", f"2025-01-{day:02d}", "#CyberMois"
        )
    build = build_site(files)
    assert build.returncode == 0, build.log
    first = build.html("/campagnes/cybermois/")
    assert "Page 1 sur 2" in first.select_one(".pagination").get_text()
    second = build.html("/campagnes/cybermois/page/2/")
    assert [a.get_text() for a in second.select(".card__title a")] == ["P02", "P01"]
