"""Search on a built fixture site: the Pagefind index, and the page in Chromium
under the strict Content-Security-Policy the site is meant to be served with."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_files
from tests.site.chromium import Chromium
from tools.quality.server import serve

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self'; object-src 'none'"
)
AUTHORS = {
    "authors/ana.md": "Name: Ana Duval\n\nAna.\n",
    "authors/bob.md": "Name: Bob Martin\n\nBob.\n",
}


def post(title, date, author, body, extra=""):
    return f"Title: {title}\nDate: {date}\nAuthor: {author}\n{extra}\n{body}\n"


FILES = {
    **AUTHORS,
    "posts/postes.md": post(
        "Télémaintenance des équipements",
        "2025-03-01 10:00",
        "ana",
        "La télémaintenance des scanners passe par une passerelle. Chaque accès de "
        "télémaintenance est ouvert à la demande. #Fournisseurs",
        "Category: Tribune",
    ),
    "posts/sauvegardes.md": post(
        "Sauvegardes hors ligne",
        "2025-03-02 10:00",
        "bob",
        "La sécurité des sauvegardes se vérifie par une restauration.\n\n"
        + "Un exercice par trimestre. " * 30
        + "\n\nUne seule mention de télémaintenance ici.",
        "Hashtags: #Sauvegarde",
    ),
    "posts/mots.md": post(
        "Mots de passe",
        "2025-03-03 10:00",
        "ana",
        "Sécurité d'abord : une phrase de passe vaut mieux qu'un mot compliqué.",
        "Category: Tribune\nHashtags: #MotDePasse",
    ),
    "posts/rien.md": post(
        "Exercice de crise", "2025-03-04 10:00", "bob", "Le mode dégradé se prépare."
    ),
    "posts/cache.md": post(
        "Caché",
        "2025-03-05 10:00",
        "ana",
        "Sécurité clandestine, mot introuvable : zygomorphe.",
        "Status: hidden",
    ),
    "pages/a-propos.md": "Title: À propos\n\nVigie parle de sécurité numérique.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    build = build_files(tmp_path_factory.mktemp("search"), FILES)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def browse(site, tmp_path_factory):
    """Open a URL path of the site in headless Chromium; return the final DOM."""

    with serve(site.output, csp=CSP) as base:
        browser = Chromium(tmp_path_factory.mktemp("chromium-profile"))

        def open_page(path):
            html = browser.page_html(
                base + path.lstrip("/"),
                # The page marks its results busy while it searches.
                ready="document.querySelector('.search__results')"
                ".getAttribute('aria-busy') === 'false'",
            )
            return BeautifulSoup(html, "lxml")

        yield open_page
        browser.close()


def result_links(page):
    return [a["href"] for a in page.select(".search-result__title a")]


def test_index_is_written_into_the_output(site):
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert list(bundle.glob("wasm.fr.pagefind")), "French index expected"
    assert list(bundle.glob("fragment/*"))


def test_only_published_posts_and_pages_are_marked_for_indexing(site):
    assert site.html("/2025/postes/").select_one(".post__body[data-pagefind-body]")
    assert site.html("/a-propos/").select_one("[data-pagefind-body]")
    for listing in ["/", "/archives/", "/auteurs/ana/", "/recherche/"]:
        assert not site.html(listing).select("[data-pagefind-body]"), listing
    assert not site.html("/2025/cache/").select("[data-pagefind-body]")


def test_search_page_needs_no_inline_script_or_style(site):
    page = site.html("/recherche/")
    for script in page.find_all("script"):
        assert script.get("src", "").startswith("/"), script
        assert not script.string
    assert not page.find("style")
    assert not page.select("[style]")
    assert page.select_one('link[rel="stylesheet"]')["href"].startswith("/")


def test_search_page_says_it_needs_javascript_and_offers_indexes(site):
    page = site.html("/recherche/")
    help_text = page.select_one(".search__help")
    assert "JavaScript" in help_text.get_text()
    hrefs = {a["href"] for a in help_text.select("a")}
    assert {"/campagnes/", "/auteurs/"} <= hrefs
    noscript = page.find("noscript")
    assert "JavaScript est désactivé" in noscript.get_text()


def test_every_page_has_the_search_box(site):
    for path in ["/", "/2025/postes/", "/a-propos/", "/archives/"]:
        form = site.html(path).select_one("header form.site-search")
        assert form["action"] == "/recherche/"
        assert form["method"] == "get"
        field = form.select_one("input[name=q]")
        assert form.select_one(f'label[for="{field["id"]}"]')


def test_a_word_from_one_post_finds_that_post_first(browse):
    page = browse("/recherche/?q=" + quote("télémaintenance"))
    links = result_links(page)
    assert links[0] == "/2025/postes/"
    assert "/2025/sauvegardes/" in links
    first = page.select_one(".search-result")
    assert first.select_one(".meta").get_text().startswith("1er mars 2025 à 10:00")
    assert "télémaintenance" in first.select_one("mark").get_text().lower()
    status = page.select_one(".search__status").get_text()
    assert status == "2 résultats pour « télémaintenance »."


def test_a_query_without_accents_finds_words_with_accents(browse):
    page = browse("/recherche/?q=securite")
    links = result_links(page)
    assert set(links) == {"/2025/sauvegardes/", "/2025/mots/", "/a-propos/"}
    for result in page.select(".search-result"):
        assert "sécurité" in result.select_one("mark").get_text().lower()


def test_hidden_posts_and_listings_are_not_found(browse):
    assert not result_links(browse("/recherche/?q=zygomorphe"))
    page = browse("/recherche/?q=" + quote("sécurité"))
    links = result_links(page)
    assert "/2025/cache/" not in links
    assert not [link for link in links if link in {"/", "/archives/"}]


def test_filters_by_campaign_author_and_category(browse):
    page = browse("/recherche/?q=securite&campagne=" + quote("#MotDePasse"))
    assert result_links(page) == ["/2025/mots/"]
    boxes = {
        (box["name"], box["value"]) for box in page.select(".search__filter input")
    }
    assert {
        ("campagne", "#MotDePasse"),
        ("campagne", "#Sauvegarde"),
        ("auteur", "Ana Duval"),
        ("rubrique", "Tribune"),
    } <= boxes
    checked = page.select_one('.search__filter input[value="#MotDePasse"]')
    assert checked.has_attr("checked")
    by_author = browse("/recherche/?auteur=" + quote("Bob Martin"))
    assert result_links(by_author) == ["/2025/rien/", "/2025/sauvegardes/"]
    by_category = browse("/recherche/?rubrique=Tribune")
    assert result_links(by_category) == ["/2025/mots/", "/2025/postes/"]
