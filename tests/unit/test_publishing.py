import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown import Markdown
from markdown_reader.alignment import AlignmentClassExtension
from publishing.assets import content_digest, fingerprinted_name, plan_fingerprints
from publishing.compress import gzip_bytes, precompress_tree
from publishing.headers import (
    CACHE_IMMUTABLE,
    CACHE_SHORT,
    cache_rules,
    headers_file,
    htaccess_headers,
    meta_policy,
    normalised_policy,
)
from publishing.record import build_marker, build_state, deploy_refusals, state_path
from publishing.redirects import (
    Redirect,
    alias_file,
    alias_path,
    htaccess_redirects,
    redirects_file,
)

POLICY = (
    "default-src 'self';  img-src 'self' data:; frame-ancestors 'none'; report-uri /csp"
)


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("/2019/ancien/", "/2019/ancien/"),
        ("2019/ancien/", "/2019/ancien/"),
        ("/2019/ancien", "/2019/ancien/"),
        ("/ancien.html", "/ancien.html"),
        (" /blog/2019/01/x.php ", "/blog/2019/01/x.php"),
        ("/s%C3%A9curit%C3%A9/", "/sécurité/"),
        ("", None),
        ("/", None),
        ("../etc/passwd", None),
        ("/a/../../b/", None),
        ("/a/./b", None),
        ("/a//b/", None),
        ("https://ailleurs.org/x", None),
        ("javascript:alert(1)", None),
        ("/a b/", None),
        ('/a"b/', None),
        ("/a?x=1", None),
        ("/a#haut", None),
        ("/a\\b", None),
        ("/a%0A/", None),
    ],
)
def test_alias_path(alias, expected):
    assert alias_path(alias) == expected


@given(st.text())
def test_alias_path_never_leaves_the_site(alias):
    path = alias_path(alias)
    if path is not None:
        assert path.startswith("/")
        assert ".." not in path.split("/")
        assert "//" not in path
        assert not any(ch in path for ch in ' "\n\r\t?#\\')


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/2019/ancien/", "2019/ancien/index.html"),
        ("/ancien.html", "ancien.html"),
    ],
)
def test_alias_file(path, expected):
    assert alias_file(path) == expected


REDIRECTS = [
    Redirect("/2019/ancien/", "/2025/nouveau/", "Nouveau"),
    Redirect("/sécurité.html", "/2025/nouveau/", "Nouveau"),
]


def test_redirects_file_encodes_paths():
    lines = redirects_file(REDIRECTS).splitlines()
    assert lines[0].startswith("#")
    assert lines[1:] == [
        "/2019/ancien/ /2025/nouveau/ 301",
        "/s%C3%A9curit%C3%A9.html /2025/nouveau/ 301",
    ]


def test_redirects_file_under_a_path_prefix():
    assert "/vigie/2019/ancien/ /vigie/2025/nouveau/ 301" in redirects_file(
        REDIRECTS, "/vigie"
    )


def test_htaccess_redirects_match_one_path_exactly():
    text = htaccess_redirects(REDIRECTS)
    assert 'RedirectMatch 301 "^/2019/ancien/?$" "/2025/nouveau/"' in text
    assert 'RedirectMatch 301 "^/sécurité\\.html$" "/2025/nouveau/"' in text
    assert text.count("<IfModule mod_alias.c>") == 1


def test_meta_policy_drops_header_only_directives():
    assert meta_policy(POLICY) == "default-src 'self'; img-src 'self' data:"
    assert normalised_policy(POLICY).endswith("frame-ancestors 'none'; report-uri /csp")


def test_cache_rules_give_each_path_one_lifetime():
    files = [
        "index.html",
        "404.html",
        "_headers",
        ".htaccess",
        "2025/x/index.html",
        "2025/y/index.html",
        "theme/css/vigie.0123abcd.css",
        "theme/css/feed.css",
        "theme/images/partage.png",
    ]
    rules = dict(cache_rules(files, {"theme/css/vigie.0123abcd.css"}))
    assert rules == {
        "/": CACHE_SHORT,
        "/index.html": CACHE_SHORT,
        "/404.html": CACHE_SHORT,
        "/2025/*": CACHE_SHORT,
        "/theme/css/vigie.0123abcd.css": CACHE_IMMUTABLE,
        "/theme/css/feed.css": CACHE_SHORT,
        "/theme/images/partage.png": CACHE_SHORT,
    }


def test_headers_file_puts_security_headers_on_every_path():
    text = headers_file(POLICY, [("/", CACHE_SHORT)])
    lines = text.splitlines()
    assert lines[1] == "/*"
    assert f"  Content-Security-Policy: {normalised_policy(POLICY)}" in lines
    assert "  X-Content-Type-Options: nosniff" in lines
    assert lines[-2:] == ["/", f"  Cache-Control: {CACHE_SHORT}"]


def test_htaccess_headers():
    text = htaccess_headers(POLICY, "/vigie")
    assert "ErrorDocument 404 /vigie/404.html" in text
    assert (
        f'Header always set Content-Security-Policy "{normalised_policy(POLICY)}"'
        in (text)
    )
    assert f'Header set Cache-Control "{CACHE_IMMUTABLE}"' in text


def test_fingerprinted_name():
    assert fingerprinted_name("css/vigie.css", "0123abcd") == "css/vigie.0123abcd.css"
    assert fingerprinted_name("app.min.js", "ff") == "app.min.ff.js"


def test_plan_fingerprints_skips_unhashed_and_other_files():
    files = {
        "css/vigie.css": b"body{}",
        "css/feed.css": b"rss{}",
        "js/recherche.js": b"x",
        "images/a.png": b"png",
    }
    plan = plan_fingerprints(files, (".css", ".js"), ("css/feed.css",))
    assert plan == {
        "css/vigie.css": f"css/vigie.{content_digest(b'body{}')}.css",
        "js/recherche.js": f"js/recherche.{content_digest(b'x')}.js",
    }
    assert content_digest(b"body{}") != content_digest(b"body{ }")
    assert len(content_digest(b"")) == 8


def test_gzip_copies_are_reproducible_and_only_when_smaller(tmp_path):
    (tmp_path / "a.html").write_text("<p>texte</p>" * 50)
    (tmp_path / "b.css").write_text("x")
    (tmp_path / "c.png").write_bytes(b"\x89PNG" * 100)
    assert precompress_tree(str(tmp_path)) == 1
    packed = (tmp_path / "a.html.gz").read_bytes()
    assert gzip.decompress(packed) == (tmp_path / "a.html").read_bytes()
    assert gzip_bytes(b"same") == gzip_bytes(b"same")
    assert not (tmp_path / "b.css.gz").exists()
    assert not (tmp_path / "c.png.gz").exists()


def test_state_lives_beside_the_output(tmp_path):
    assert state_path(str(tmp_path / "output")) == str(tmp_path / ".output-build.json")


PUBLISHED = build_marker("publish", "https://vigie.org")


@pytest.mark.parametrize(
    ("is_folder", "marker", "state", "reason"),
    [
        (False, None, None, "n'existe pas"),
        (True, None, None, "construction terminée"),
        (
            True,
            build_marker("local", "http://127.0.0.1:8000"),
            None,
            "make html",
        ),
        (True, build_marker("publish", "http://localhost"), None, "publique"),
        (True, PUBLISHED, build_state("started"), "a échoué"),
    ],
)
def test_deploy_refusals(is_folder, marker, state, reason):
    problems = deploy_refusals("output", is_folder, marker, state)
    assert len(problems) == 1
    assert reason in problems[0]


@pytest.mark.parametrize("state", [None, build_state("complete", "2025-01-01")])
def test_a_finished_publish_build_may_be_deployed(state):
    assert deploy_refusals("output", True, PUBLISHED, state) == []


def test_table_alignment_becomes_a_class():
    md = Markdown(extensions=["extra", AlignmentClassExtension()])
    html = md.convert("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
    assert "style=" not in html
    assert '<td class="align-left">1</td>' in html
    assert '<th class="align-center">b</th>' in html
    assert '<td class="align-right">3</td>' in html
