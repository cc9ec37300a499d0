"""The foundation, checked on built sites the way a reader gets them."""

import re

import pytest

from tests.conftest import build_files

AUTHORS = {
    "authors/ana.md": "Name: Ana Duval\nRole: RSSI\nOrganization: CH de Valmont\n\n"
    "Ana **protège** le CH.\n",
    "authors/bob.md": "Name: Bob Martin\n\nBob écrit.\n",
}


def post(title, date, author="ana", extra="", body="Un paragraphe."):
    """A post file's text with a `Key: value` header."""
    return f"Title: {title}\nDate: {date}\nAuthor: {author}\n{extra}\n{body}\n"


def links(soup):
    """Every href of the page's links."""
    return [a["href"] for a in soup.find_all("a", href=True)]


def card_titles(soup):
    """The titles of the cards of a listing, in order."""
    return [h.get_text(strip=True) for h in soup.select(".card__title")]


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    files = dict(AUTHORS)
    for day in range(1, 13):
        files[f"posts/2025/post-{day:02d}.md"] = post(
            f"Article {day:02d}", f"2025-03-{day:02d} 10:00", extra="Category: Tribune"
        )
    files["posts/2024/duo.md"] = post(
        "À deux voix", "2024-12-01 09:05", author="ana, bob"
    )
    files["posts/2024/yaml.md"] = (
        "---\ntitle: En YAML\ndate: 2024-11-02 08:00\nauthors: [bob]\n"
        "category: Communiqué\n---\nCorps YAML.\n"
    )
    files["posts/2025/cache.md"] = post("Masqué", "2025-01-05", extra="Status: hidden")
    files["posts/2025/brouillon.md"] = post(
        "Brouillon", "2025-01-06", extra="Status: draft"
    )
    files["posts/2099/futur.md"] = post("Plus tard", "2099-01-01 10:00")
    files["pages/a-propos.md"] = "Title: À propos\n\nL'association.\n"
    build = build_files(tmp_path_factory.mktemp("small"), files)
    assert build.returncode == 0, build.log
    return build


def test_contract_urls_exist(small_site):
    for url in [
        "/",
        "/page/2/",
        "/2025/post-01/",
        "/2024/yaml/",
        "/a-propos/",
        "/auteurs/",
        "/auteurs/ana/",
        "/auteurs/bob/",
        "/rubriques/tribune/",
        "/rubriques/communique/",
        "/rubriques/actualite/",
        "/archives/",
        "/404.html",
    ]:
        assert small_site.page(url).is_file(), url


def test_home_lists_newest_first_and_paginates_in_french(small_site):
    home = small_site.html("/")
    assert card_titles(home)[:3] == ["Article 12", "Article 11", "Article 10"]
    assert "Page 1 sur 2" in home.select_one(".pagination").get_text()
    assert "/page/2/" in links(home)
    second = small_site.html("/page/2/")
    assert "Page 2 sur 2" in second.get_text()
    assert card_titles(second) == ["Article 02", "Article 01", "À deux voix", "En YAML"]


def test_page_is_french_with_french_dates_under_c_locale(small_site):
    page = small_site.html("/2025/post-03/")
    assert page.html["lang"] == "fr"
    time = page.select_one(".post__header time")
    assert time.get_text() == "3 mars 2025 à 10:00"
    assert time["datetime"] == "2025-03-03T10:00+01:00"
    assert page.select_one(".skip-link")["href"] == "#contenu"


def test_post_has_author_box_linking_the_author_page(small_site):
    box = small_site.html("/2025/post-01/").select_one(".author-box")
    assert box.h2.get_text() == "L'auteur"
    assert box.select_one(".author__name a")["href"] == "/auteurs/ana/"
    assert "RSSI, CH de Valmont" in box.get_text()
    assert box.select_one(".author__bio strong").get_text() == "protège"


def test_multi_author_post(small_site):
    page = small_site.html("/2024/duo/")
    box = page.select_one(".author-box")
    assert box.h2.get_text() == "Les auteurs"
    assert [a.get_text() for a in box.select(".author__name a")] == [
        "Ana Duval",
        "Bob Martin",
    ]
    assert page.select_one(".meta__authors").get_text(" ", strip=True) == (
        "par Ana Duval et Bob Martin"
    )


def test_yaml_post_is_read_like_the_others(small_site):
    page = small_site.html("/2024/yaml/")
    assert page.h1.get_text() == "En YAML"
    assert page.select_one(".meta__category").get_text() == "Communiqué"
    assert "Bob Martin" in page.select_one(".author-box").get_text()


def test_authors_index_counts_and_author_page(small_site):
    index = small_site.html("/auteurs/")
    text = index.select_one("main").get_text(" ", strip=True)
    assert "Ana Duval" in text
    assert "13 publications" in text
    assert "2 publications" in text
    author = small_site.html("/auteurs/ana/")
    assert author.h1.get_text(strip=True) == "Ana Duval"
    assert card_titles(author)[0] == "Article 12"
    assert "Page 1 sur 2" in author.get_text()
    assert small_site.page("/auteurs/ana/page/2/").is_file()


def test_draft_and_scheduled_posts_are_absent(small_site):
    everything = "".join(
        p.read_text(encoding="utf-8") for p in small_site.output.rglob("*.html")
    )
    assert "Brouillon" not in everything
    assert "Plus tard" not in everything
    assert not (small_site.output / "brouillons").exists()
    assert not list(small_site.output.rglob("*brouillon*"))
    assert not list(small_site.output.rglob("*futur*"))


def test_hidden_post_is_built_but_listed_nowhere(small_site):
    assert small_site.html("/2025/cache/").h1.get_text() == "Masqué"
    for path in small_site.output.rglob("*.html"):
        if path.parent.name != "cache":
            assert "/2025/cache/" not in path.read_text(encoding="utf-8"), path


def test_drafts_preview_with_banner(build_site):
    files = dict(AUTHORS)
    files["posts/2025/publie.md"] = post("Publié", "2025-01-01")
    files["posts/2025/brouillon.md"] = post(
        "Brouillon", "2025-01-06", extra="Status: draft"
    )
    files["posts/2099/futur.md"] = post("Plus tard", "2099-01-01 10:00")
    build = build_site(files, env={"VIGIE_DRAFTS": "1"})
    assert build.returncode == 0, build.log
    draft = build.html("/brouillons/brouillon/")
    assert "brouillon non publié" in draft.select_one(".draft-banner").get_text()
    scheduled = build.html("/brouillons/futur/")
    assert "programmé" in scheduled.select_one(".draft-banner").get_text()
    assert "/brouillons/" not in build.page("/").read_text(encoding="utf-8")


def test_slug_is_the_file_name_whatever_the_title(build_site):
    files = dict(AUTHORS)
    files["posts/2025/mon-fichier.md"] = post(
        "Un titre tout à fait autre", "2025-02-02"
    )
    build = build_site(files)
    assert build.page("/2025/mon-fichier/").is_file()


def test_titles_are_escaped(build_site):
    files = dict(AUTHORS)
    files["posts/2025/xss.md"] = post('<b>&"x"</b>', "2025-02-02")
    build = build_site(files)
    page = build.page("/2025/xss/").read_text(encoding="utf-8")
    assert "<b>&" not in page
    assert "&lt;b&gt;&amp;&#34;x&#34;&lt;/b&gt;" in page


def asset_urls(soup):
    """What a browser fetches by itself: sources, stylesheets, icons, preloads."""
    urls = [tag["src"] for tag in soup.find_all(src=True)]
    urls += [tag["srcset"] for tag in soup.find_all(srcset=True)]
    urls += [
        link["href"]
        for link in soup.find_all("link", href=True)
        if not {"alternate", "canonical"} & set(link.get("rel", []))
    ]
    return urls


def test_no_request_leaves_the_site(sample_site):
    pages = list(sample_site.output.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        soup = sample_site.html("/" + str(path.relative_to(sample_site.output)))
        for url in asset_urls(soup):
            assert not re.match(r"^(https?:)?//", url), (path, url)
        # Search is the one page that needs JavaScript (its own, from the site).
        if path.parent.name != "recherche":
            assert not soup.find("script", src=True), path


def test_sample_home_lists_the_newest_posts(sample_site):
    dates = [t["datetime"] for t in sample_site.html("/").select(".card time")]
    assert len(dates) == 10
    assert dates == sorted(dates, reverse=True)
    assert dates[0].startswith("2026-11-20")


def test_every_sample_post_has_its_author_box(sample_site):
    posts = sorted(sample_site.output.glob("20[0-9][0-9]/*/index.html"))
    assert len(posts) == 15  # 14 published and 1 hidden; no draft, no scheduled
    for path in posts:
        soup = sample_site.html("/" + str(path.relative_to(sample_site.output)))
        names = soup.select(".author-box .author__name a")
        assert names, path
        for name in names:
            assert sample_site.page(name["href"]).is_file(), (path, name["href"])


def test_sample_images_are_served(sample_site):
    page = sample_site.html("/2025/lancement-campagne-tous-cyber-vigilants/")
    images = page.select(".post__body img")
    assert images and all(img.get("alt") for img in images)
    for img in images + page.select(".post__image"):
        assert sample_site.page(img["src"]).is_file(), img["src"]
