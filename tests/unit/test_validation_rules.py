"""The validation rules, one bad header at a time."""

import re
from pathlib import Path

import pytest
from markdown_reader.headers import parse_source
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify
from validation import rules
from validation.rules import Claim

REPO = Path(__file__).resolve().parents[2]
AUTHORS = ["claire-fontaine", "mehdi-arnaud", "thomas-guerin"]


def slugify(text):
    return pelican_slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def fields(header):
    """Header fields of a `Key: value` header (a blank line and a body added)."""
    return parse_source(header + "\n\nCorps.\n").fields


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


GOOD_POST = (
    "Title: Un titre\nDate: 2025-06-04 13:10\nAuthor: claire-fontaine\n"
    "Category: Tribune\nHashtags: #TOUSCYBERVIGILANTS\nSummary: Résumé.\n"
    "Status: published\nSlug: un-titre\nAliases: /2024/ancien/, 2023/vieux.html\n"
    "Modified: 2025-06-05\nImage: /images/x.png\nId: 2025/un-titre"
)


def test_a_good_post_passes_every_rule():
    good = fields(GOOD_POST)
    assert rules.check_keys("post", good) == []
    assert rules.check_required("post", good) == []
    assert rules.check_authors(good, AUTHORS, "content/authors") == []
    assert rules.check_category(good, rules.DEFAULT_CATEGORIES, slugify) == []
    assert rules.check_status(good) == []
    assert rules.check_slug(good, slugify) == []
    assert rules.check_aliases(good) == []
    assert rules.check_id(good) == []


# --- Required keys ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "line", "words", "anchor"),
    [
        ("Date: 2025-01-01\nAuthor: a", 1, "il manque le titre", "titre"),
        ("Title: T\nAuthor: a", 1, "il manque la date", "dates"),
        ("Title: T\nDate: 2025-01-01", 1, "il manque l'auteur", "auteurs"),
        ("Title:\nDate: 2025-01-01\nAuthor: a", 1, "le titre est vide", "titre"),
        ("Title: T\nDate: 2025-01-01\nAuthor:", 3, "l'auteur est vide", "auteurs"),
        ("Title: T\nDate:\nAuthor: a", 2, "la date est vide", "dates"),
        ("Title: T\nDate: 2025-01-01\nAuthor: a\nAuthors: b", 4, "tous les deux", ""),
    ],
)
def test_missing_or_empty_required_keys(header, line, words, anchor):
    problem = only(rules.check_required("post", fields(header)))
    assert problem.line == line
    assert words in problem.message
    assert not problem.warning
    assert problem.anchor == (anchor or "auteurs")


def test_a_page_needs_only_a_title():
    assert rules.check_required("page", fields("Title: À propos")) == []
    assert "titre" in only(rules.check_required("page", fields("Slug: x"))).message


def test_a_misspelt_required_key_is_named_once_not_also_missing():
    header = fields("Titel: T\nDate: 2025-01-01\nAuteur: a")
    assert rules.check_required("post", header) == []
    problems = rules.check_keys("post", header)
    assert [(p.line, p.warning) for p in problems] == [(1, False), (3, False)]


# --- Keys -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "key", "suggestion"),
    [
        ("post", "Titel", "Title"),
        ("post", "Titre", "Title"),
        ("post", "TITEL", "Title"),
        ("post", "Auteur", "Author"),
        ("post", "Auteurs", "Authors"),
        ("post", "Catégorie", "Category"),
        ("post", "Rubrique", "Category"),
        ("post", "Tags", "Hashtags"),
        ("post", "Hashtag", "Hashtags"),
        ("post", "Hastags", "Hashtags"),
        ("post", "Résumé", "Summary"),
        ("post", "Summery", "Summary"),
        ("post", "Modifié", "Modified"),
        ("post", "Alias", "Aliases"),
        ("post", "Identifiant", "Id"),
        ("post", "Stauts", "Status"),
        ("page", "Titre", "Title"),
        ("author", "Nom", "Name"),
        ("author", "Photos", "Photo"),
        ("author", "Liens", "Links"),
        ("author", "Organisation", "Organization"),
        ("campaign", "Hashtags", "Hashtag"),
        ("campaign", "Début", "Start"),
        ("campaign", "Partage", "Share"),
    ],
)
def test_misspelt_or_french_keys_get_the_right_one(kind, key, suggestion):
    problem = only(rules.check_keys(kind, fields(f"{key}: x")))
    assert not problem.warning
    assert f"« {key} »" in problem.message
    assert f"« {suggestion} »" in problem.message
    assert problem.anchor == "cles"


def test_statut_brouillon_suggests_the_whole_line():
    problem = only(rules.check_keys("post", fields("Title: T\nStatut: brouillon")))
    assert problem.line == 2
    assert "écrivez « Status: draft »" in problem.message


@pytest.mark.parametrize("key", ["Template", "Save_as", "Url", "Lang", "_content"])
def test_keys_pelican_acts_on_are_errors(key):
    problem = only(rules.check_keys("post", fields(f"{key}: x")))
    assert not problem.warning
    assert "réservée" in problem.message


def test_attributes_of_the_content_object_can_be_reserved_by_the_caller():
    problem = only(rules.check_keys("post", fields("Content: x"), reserved={"content"}))
    assert "réservée" in problem.message


def test_a_key_close_to_nothing_is_a_warning_listing_the_keys():
    problem = only(rules.check_keys("post", fields("Title: T\nCouleur: bleu")))
    assert problem.warning
    assert problem.line == 2
    assert "« Couleur » est inconnue" in problem.message
    assert "Hashtags" in problem.message


def test_extra_keys_from_other_plugins_are_known():
    assert rules.check_keys("post", fields("Description: x"), ["Description"]) == []


def test_yaml_keys_are_checked_with_their_lines():
    parsed = parse_source("---\ntitle: T\ntitel: U\n---\nx").fields
    problem = only(rules.check_keys("post", parsed))
    assert problem.line == 3


# --- Values -----------------------------------------------------------------------


def test_unknown_author_gets_the_closest_id():
    problem = only(
        rules.check_authors(
            fields("Authors: claire-fontaine, claire-fontain"),
            AUTHORS,
            "content/authors",
        )
    )
    assert problem.line == 1
    assert "« claire-fontain »" in problem.message
    assert "vouliez-vous dire « claire-fontaine »" in problem.message
    assert "content/authors/claire-fontain.md" in problem.message


def test_an_author_written_as_a_name_finds_the_id():
    problem = only(
        rules.check_authors(fields("Author: Thomas Guérin"), AUTHORS, "content/authors")
    )
    assert "« thomas-guerin »" in problem.message


def test_an_author_far_from_every_id_lists_them():
    problem = only(
        rules.check_authors(fields("Author: zz"), AUTHORS, "content/authors")
    )
    assert "claire-fontaine, mehdi-arnaud, thomas-guerin" in problem.message


@pytest.mark.parametrize(
    ("category", "words"),
    [
        ("Tribunes", "écrivez « Category: Tribune »"),
        ("actualite", "écrivez « Category: Actualité »"),
        ("Billet", "choisissez-en une"),
        ("", "vide"),
        ("🙂", "vide ou sans lettre"),
    ],
)
def test_unknown_category(category, words):
    problem = only(
        rules.check_category(
            fields(f"Category: {category}"), rules.DEFAULT_CATEGORIES, slugify
        )
    )
    assert words in problem.message
    assert problem.anchor == "rubriques"


def test_any_category_without_a_list():
    assert rules.check_category(fields("Category: Billet"), (), slugify) == []


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("brouillon", "« Status: draft »"),
        ("Draft", "« Status: draft »"),
        ("masqué", "« Status: hidden »"),
        ("publié", "« Status: published »"),
        ("skip", "n'existe pas"),
        ("", "n'existe pas"),
    ],
)
def test_unknown_status(status, words):
    problem = only(rules.check_status(fields(f"Title: T\nStatus: {status}")))
    assert problem.line == 2
    assert words in problem.message


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("../x", "« / »"),
        ("a/b", "« / »"),
        ("/etc/passwd", "adresse complète"),
        ("https://x.org", "adresse complète"),
        ("..", "« .. »"),
        ("", "vide"),
        ("Mon Article", "minuscules"),
        ("x.html", "minuscules"),
        ("-x-", "minuscules"),
        ("é", "minuscules"),
    ],
)
def test_unsafe_slugs(slug, words):
    problem = only(rules.check_slug(fields(f"Title: T\nSlug: {slug}"), slugify))
    assert problem.line == 2
    assert words in problem.message
    assert problem.anchor == "adresses"


def test_an_unsafe_slug_gets_a_safe_suggestion():
    problem = only(rules.check_slug(fields("Slug: Mon Article"), slugify))
    assert "« Slug: mon-article »" in problem.message


@pytest.mark.parametrize("slug", ["x", "mon-article", "2025-bilan", "a_b"])
def test_safe_slugs(slug):
    assert rules.check_slug(fields(f"Slug: {slug}"), slugify) == []


def test_a_file_name_without_letters_needs_a_slug():
    assert rules.check_file_name("content/posts/mon-article.md", slugify) == []
    problem = only(rules.check_file_name("content/posts/🙂.md", slugify))
    assert "ne donne pas d'adresse" in problem.message


@pytest.mark.parametrize(
    "alias",
    [
        "../x/",
        "/a/../b/",
        "/",
        "http://evil.example/",
        "//evil.example/x",
        "a//b",
        "/.git/config",
        "a\\b",
        "/café/",
        "/a b/",
        "/x?y=1",
        "javascript:alert(1)",
    ],
)
def test_unsafe_aliases(alias):
    problem = only(rules.check_aliases(fields(f"Aliases: {alias}")))
    assert "n'est pas sûre" in problem.message


def test_several_aliases_are_checked_one_by_one():
    problems = rules.check_aliases(fields("Aliases: /2024/a/, ../b, /2023/c.html"))
    assert len(problems) == 1 and "../b" in problems[0].message


def test_an_empty_id_is_an_error():
    assert "vide" in only(rules.check_id(fields("Id:"))).message


# --- Pictures and hashtags ------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("/images/x.png", "images/x.png"),
        ("{static}/images/x.png", "images/x.png"),
        ("{static}x.png", "posts/2025/x.png"),
        ("/images/mon%20image.png", "images/mon image.png"),
        ("/images/x.png?v=2#top", "images/x.png"),
        ("images/x.png", ""),
        ("https://example.org/x.png", None),
        ("//cdn.example.org/x.png", None),
        ("", None),
    ],
)
def test_local_image_path(reference, expected):
    assert rules.local_image_path(reference, "posts/2025") == expected


def test_a_missing_picture_is_a_warning():
    problem = only(rules.check_image("/images/non.png", 6, "posts", lambda _: False))
    assert problem.warning and problem.line == 6
    assert "content/images/non.png" in problem.message
    assert rules.check_image("/images/oui.png", 6, "posts", lambda _: True) == []
    relative = only(rules.check_image("images/x.png", 2, "posts", lambda _: True))
    assert "« / » au début" in relative.message


def test_a_post_without_hashtag_is_a_warning():
    assert rules.check_hashtags_present(True, 1) == []
    problem = only(rules.check_hashtags_present(False, 5))
    assert problem.warning and problem.anchor == "mots-dieses"


# --- Several files ----------------------------------------------------------------


def test_two_posts_at_one_url_name_each_other():
    found = rules.find_collisions(
        [
            Claim(
                "2025/x/index.html",
                "content/posts/2025/x.md",
                "content/posts/2025/x.md",
            ),
            Claim(
                "2025/x/index.html",
                "content/posts/old/x.md",
                "content/posts/old/x.md",
                4,
            ),
            Claim(
                "2025/y/index.html",
                "content/posts/2025/y.md",
                "content/posts/2025/y.md",
            ),
        ]
    )
    assert sorted((path, p.line) for path, p in found) == [
        ("content/posts/2025/x.md", 1),
        ("content/posts/old/x.md", 4),
    ]
    message = dict(found)["content/posts/2025/x.md"].message
    assert "/2025/x/" in message and "content/posts/old/x.md" in message


def test_a_page_cannot_take_a_fixed_page_of_the_site():
    found = rules.find_collisions(
        [
            Claim("campagnes/index.html", "la liste des campagnes"),
            Claim("campagnes/index.html", "content/pages/campagnes.md", "p.md"),
        ]
    )
    path, problem = only(found)
    assert path == "p.md"
    assert "la liste des campagnes" in problem.message


def test_an_alias_onto_another_post_or_its_own_address():
    found = rules.find_collisions(
        [
            Claim("2025/a/index.html", "a.md", "a.md"),
            Claim(
                rules.alias_save_as("/2025/a/"),
                "l'ancienne adresse de b.md",
                "b.md",
                6,
                True,
            ),
            Claim(
                rules.alias_save_as("2025/b"),
                "l'ancienne adresse de b.md",
                "b.md",
                6,
                True,
            ),
            Claim("2025/b/index.html", "b.md", "b.md"),
        ]
    )
    messages = [(path, p.message) for path, p in found]
    assert any(
        path == "b.md" and "Aliases" in m and "a.md" in m for path, m in messages
    )
    assert any("ce même fichier" in m for _, m in messages)


def test_output_files_that_are_one_on_a_case_insensitive_disk_collide():
    found = rules.find_collisions(
        [
            Claim("2025/A/index.html", "a.md", "a.md"),
            Claim("2025/a/index.html", "b.md", "b.md"),
        ]
    )
    assert len(found) == 2


def test_only_content_files_are_reported():
    claims = [Claim("index.html", "la page d'accueil"), Claim("index.html", "x")]
    assert rules.find_collisions(claims) == []


def test_of_contracts_like_french():
    assert rules.of(["le flux", "les archives", "la page", "l'auteur", "a.md"]) == (
        "du flux et des archives et de la page et de l'auteur et de a.md"
    )


@pytest.mark.parametrize(
    ("save_as", "url"),
    [
        ("index.html", "/"),
        ("a/b/index.html", "/a/b/"),
        ("feeds/rss.xml", "/feeds/rss.xml"),
    ],
)
def test_url_of(save_as, url):
    assert rules.url_of(save_as) == url


def test_duplicate_ids():
    found = rules.find_duplicate_ids(
        [
            ("a.md", "2025/a", 7, True),
            ("b.md", "2025/a", 1, False),
            ("c.md", "2025/c", 1, False),
        ]
    )
    path, problem = only(found)
    assert (path, problem.line) == ("a.md", 7)
    assert "b.md" in problem.message


# --- The guide ----------------------------------------------------------------------


def test_every_anchor_has_its_section_in_the_guide():
    guide = (REPO / rules.GUIDE).read_text(encoding="utf-8")
    ids = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', guide))
    assert ids >= rules.ANCHORS, rules.ANCHORS - ids
