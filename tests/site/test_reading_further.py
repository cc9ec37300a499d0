"""Reading further on a built fixture site: related posts, previous/next,
archives by month, reading time and breadcrumbs."""

import itertools
import json
import re

import pytest

from tests.conftest import build_files

AUTHORS = {
    "authors/ana.md": "Name: Ana Duval\n\nAna.\n",
    "authors/bob.md": "Name: Bob Martin\n\nBob.\n",
    "authors/eve.md": "Name: Ève Roux\n\nÈve.\n",
}
# Six published posts; #Alpha on 4 of them, #Beta on 3, #Gamma on 1 (+ hidden).
POSTS = {
    "a": ("Article A", "2024-11-05 10:00", "ana", "Tribune", "#Alpha #Beta"),
    "b": ("Article B", "2024-12-10 10:00", "ana", "Tribune", "#Alpha"),
    "c": ("Article C", "2025-01-03 10:00", "bob", "Actualité", "#Alpha #Beta"),
    "d": ("Article D", "2025-01-20 10:00", "bob", "Tribune", "#Beta"),
    "e": ("Article E", "2025-02-14 10:00", "ana", "Tribune", "#Gamma"),
    "f": ("Article F", "2025-02-20 10:00", "bob", "Tribune", "#Alpha"),
}
PUBLISHED = ["xss", "a", "b", "c", "d", "e", "f"]  # oldest first
# Hand-computed: weights log(1 + 7/4) for #Alpha < log(1 + 7/3) for #Beta
# < log(1 + 7/1) for #Gamma; then shared authors, category, recency. Posts
# with fewer than 3 posts sharing a hashtag are topped up to 3 with posts
# sharing an author, then the category.
EXPECTED_RELATED = {
    "a": ["c", "d", "b", "f"],
    "b": ["a", "f", "c"],
    "c": ["a", "d", "f", "b"],
    "d": ["c", "a", "f"],
    "e": ["b", "a", "f"],
    "f": ["c", "b", "a"],
    "cache": ["e", "b", "a", "f", "c"],
}


def post(title, date, author, category, hashtags, *, extra="", body="Un paragraphe."):
    return (
        f"Title: {title}\nDate: {date}\nAuthor: {author}\nCategory: {category}\n"
        f"Hashtags: {hashtags}\nSummary: Résumé de {title}.\n{extra}\n{body}\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = dict(AUTHORS)
    for slug, fields in POSTS.items():
        files[f"posts/{slug}.md"] = post(*fields)
    files["posts/a.md"] = post(*POSTS["a"], body="mot " * 700)
    files["posts/cache.md"] = post(
        "Article caché",
        "2025-02-16 10:00",
        "ana",
        "Tribune",
        "#Alpha #Gamma",
        extra="Status: hidden",
    )
    # Both would be the best match of nearly every post, if they could be.
    files["posts/brouillon.md"] = post(
        "Brouillon",
        "2025-01-10 10:00",
        "ana",
        "Tribune",
        "#Alpha #Beta #Gamma",
        extra="Status: draft",
    )
    files["posts/futur.md"] = post(
        "Programmé", "2099-01-10 10:00", "bob", "Tribune", "#Alpha #Beta #Gamma"
    )
    files["posts/xss.md"] = post(
        "</script><script>alert(1)</script>",
        "2023-05-01 10:00",
        "eve",
        "Communiqué",
        "",
    )
    build = build_files(tmp_path_factory.mktemp("reading"), files)
    assert build.returncode == 0, build.log
    return build


YEARS = {"xss": 2023, "a": 2024, "b": 2024}


def url(slug):
    return f"/{YEARS.get(slug, 2025)}/{slug}/"


def related_links(site, slug):
    return [a["href"] for a in site.html(url(slug)).select(".related__title a")]


def test_related_posts_follow_the_hand_computed_scores(site):
    for slug, expected in EXPECTED_RELATED.items():
        assert related_links(site, slug) == [url(s) for s in expected], slug


def test_related_posts_share_a_hashtag_when_enough_do(site):
    hashtags = {slug: set(fields[4].split()) for slug, fields in POSTS.items()}
    for slug in ["a", "c"]:  # at least 3 other posts share one of their hashtags
        for link in related_links(site, slug):
            other = link.strip("/").split("/")[1]
            assert hashtags[slug] & hashtags[other], (slug, other)


def test_related_posts_are_never_the_post_nor_unpublished(site):
    forbidden = {url("cache"), "/2025/brouillon/", "/2099/futur/"}
    for slug in [*PUBLISHED, "cache"]:
        links = related_links(site, slug)
        assert url(slug) not in links
        assert not forbidden & set(links), slug
        assert len(links) <= 5


def test_related_card_shows_title_date_category_authors_excerpt(site):
    card = site.html(url("b")).select_one(".related__card")
    assert card.select_one(".related__title").get_text() == "Article A"
    assert card.select_one("time").get_text() == "5 novembre 2024 à 10:00"
    assert card.select_one(".meta__category").get_text() == "Tribune"
    assert (
        card.select_one(".meta__authors").get_text(" ", strip=True) == "par Ana Duval"
    )
    assert card.select_one(".related__excerpt").get_text() == "Résumé de Article A."
    heading = site.html(url("b")).select_one(".related h2")
    assert heading.get_text() == "À lire également"


def test_previous_next_chain_is_complete_and_in_date_order(site):
    chain = []
    current = url(PUBLISHED[0])
    while current:
        chain.append(current)
        page = site.html(current)
        following = page.select_one('.post-nav a[rel="next"]')
        current = following["href"] if following else None
        assert len(chain) <= len(PUBLISHED)
    assert chain == [url(slug) for slug in PUBLISHED]
    for older, newer in itertools.pairwise(chain):
        assert site.html(newer).select_one('.post-nav a[rel="prev"]')["href"] == older
    assert not site.html(chain[0]).select_one('.post-nav a[rel="prev"]')


def test_hidden_post_has_neighbours_but_is_nobodys_neighbour(site):
    nav = site.html(url("cache")).select_one(".post-nav")
    assert nav.select_one('a[rel="prev"]')["href"] == url("e")
    assert nav.select_one('a[rel="next"]')["href"] == url("f")
    for slug in PUBLISHED:
        assert url("cache") not in str(site.html(url(slug)).select_one(".post-nav"))


def test_archive_lists_every_published_post_once_by_year_and_month(site):
    page = site.html("/archives/")
    links = [a["href"] for a in page.select(".archive-year li a")]
    assert sorted(links) == sorted(url(slug) for slug in PUBLISHED)
    assert len(links) == len(set(links))
    years = [h.get_text() for h in page.select(".archive-year > h2")]
    assert years == ["2025", "2024", "2023"]
    months = [h.get_text() for h in page.select(".archive-month > h3")]
    assert months == [
        "Février 2025",
        "Janvier 2025",
        "Décembre 2024",
        "Novembre 2024",
        "Mai 2023",
    ]
    february = page.select_one("#mois-2025-02").find_parent("section")
    assert [a["href"] for a in february.select("a")] == [url("f"), url("e")]
    assert page.select_one('.archive-nav a[href="#annee-2024"]')


def test_reading_time_in_the_meta_line(site):
    meta = site.html(url("a")).select_one(".post__header .meta")
    assert (
        meta.select_one(".meta__reading").get_text() == "3 min de lecture"
    )  # 700 words
    short = site.html(url("b")).select_one(".post__header .meta__reading")
    assert short.get_text() == "1 min de lecture"
    # Cards in listings do not carry it.
    assert not site.html("/").select(".card .meta__reading")
    assert not site.html(url("a")).select(".related .meta__reading")


def breadcrumb_json(page):
    scripts = page.find_all("script", type="application/ld+json")
    lists = [json.loads(s.string) for s in scripts]
    return next(d for d in lists if d.get("@type") == "BreadcrumbList")


def test_breadcrumb_json_ld_parses_and_matches_the_visible_trail(site):
    page = site.html(url("c"))
    visible = [li.get_text(strip=True) for li in page.select(".breadcrumb li")]
    assert visible == ["Accueil", "Actualité", "Article C"]
    data = breadcrumb_json(page)
    assert data["@context"] == "https://schema.org"
    items = data["itemListElement"]
    assert [item["name"] for item in items] == visible
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["item"] for item in items] == [
        "http://127.0.0.1:8000/",
        "http://127.0.0.1:8000/rubriques/actualite/",
        "http://127.0.0.1:8000/2025/c/",
    ]


def test_breadcrumb_json_ld_survives_a_hostile_title(site):
    raw = site.page(url("xss")).read_text(encoding="utf-8")
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', raw, re.S
    )
    data = next(
        d for d in map(json.loads, blocks) if d.get("@type") == "BreadcrumbList"
    )
    assert data["itemListElement"][-1]["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert" not in raw


def test_series_box_numbers_the_published_parts_in_date_order(build_site):
    files = dict(AUTHORS)
    for slug, day, status in [
        ("partie-2", "2025-03-10", ""),
        ("partie-1", "2025-03-01", ""),
        ("partie-3", "2025-03-20", ""),
        ("hors-serie", "2025-03-15", "Status: hidden"),
        ("brouillon", "2025-03-16", "Status: draft"),
    ]:
        files[f"posts/{slug}.md"] = post(
            f"Titre {slug}",
            f"{day} 10:00",
            "ana",
            "Tribune",
            "",
            extra=f"Series: Sécurité au bloc\n{status}",
        )
    files["posts/seul.md"] = post("Seul", "2025-03-05 10:00", "ana", "Tribune", "")
    build = build_site(files)
    assert build.returncode == 0, build.log
    box = build.html("/2025/partie-2/").select_one(".series")
    title = box.select_one(".series__title").get_text()
    assert title == "Série « Sécurité au bloc » : partie 2 sur 3"
    items = box.select(".series__parts li")
    assert [li.get_text(strip=True) for li in items] == [
        "Titre partie-1",
        "Titre partie-2",
        "Titre partie-3",
    ]
    assert [a["href"] for a in box.select("a")] == [
        "/2025/partie-1/",
        "/2025/partie-3/",
    ]
    assert items[1].select_one('[aria-current="page"]')
    hidden = build.html("/2025/hors-serie/").select_one(".series")
    assert (
        hidden.select_one(".series__title").get_text() == "Série « Sécurité au bloc »"
    )
    assert len(hidden.select("li")) == 3
    assert not build.html("/2025/seul/").select(".series")
