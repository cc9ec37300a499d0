import re
import time
from urllib.parse import urlsplit

import lxml.html
import pytest
from feeds.entries import (
    absolutize_html,
    default_entry_key,
    feed_categories,
    post_entry_id,
    stable_entry_id,
    strip_illegal_xml_chars,
)
from hypothesis import given
from hypothesis import strategies as st

SITE = "https://vigie-sante.fr"
PAGE = "/2025/hameconnage-nuit/"
PAGE_URL = "https://vigie-sante.fr/2025/hameconnage-nuit/"

# RFC 4151: tag:<DNSname>,<date>:<specific>, specific = *(pchar / "/" / "?").
TAG_URI_RE = re.compile(
    r"tag:[a-z0-9.-]+,\d{4}(?:-\d{2}(?:-\d{2})?)?:"
    r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*"
)


# stable_entry_id -------------------------------------------------------------


@pytest.mark.parametrize(
    ("authority", "date", "key", "expected"),
    [
        (
            "vigie-sante.fr",
            "2025-01-01",
            "2025/hameconnage-nuit",
            "tag:vigie-sante.fr,2025-01-01:2025/hameconnage-nuit",
        ),
        ("vigie-sante.fr", "2025", "abc", "tag:vigie-sante.fr,2025:abc"),
        ("vigie-sante.fr", "2025-06", "abc", "tag:vigie-sante.fr,2025-06:abc"),
        ("vigie.example.org", "2024", "x", "tag:vigie.example.org,2024:x"),
        # Accents, spaces and reserved characters are percent-encoded (UTF-8).
        (
            "vigie-sante.fr",
            "2025",
            "2025/sécurité numérique",
            "tag:vigie-sante.fr,2025:2025/s%C3%A9curit%C3%A9%20num%C3%A9rique",
        ),
        ("vigie-sante.fr", "2025", "a#b%c", "tag:vigie-sante.fr,2025:a%23b%25c"),
        ("vigie-sante.fr", "2025", 'a<b>"c', "tag:vigie-sante.fr,2025:a%3Cb%3E%22c"),
        # Characters `specific` allows are kept as they are.
        (
            "vigie-sante.fr",
            "2025",
            "a:b@c/d?e=f&g;h~i!j$k'l(m)n*o+p,q",
            "tag:vigie-sante.fr,2025:a:b@c/d?e=f&g;h~i!j$k'l(m)n*o+p,q",
        ),
        ("vigie-sante.fr", "2025", "  padded  ", "tag:vigie-sante.fr,2025:padded"),
        ("vigie-sante.fr", "2025", "a\x0bx", "tag:vigie-sante.fr,2025:a%0Bx"),
    ],
)
def test_stable_entry_id(authority, date, key, expected):
    assert stable_entry_id(authority, date, key) == expected
    assert TAG_URI_RE.fullmatch(expected)


def test_stable_entry_id_is_the_same_for_composed_and_decomposed_accents():
    # A file name written on macOS arrives decomposed (NFD).
    composed = stable_entry_id("vigie-sante.fr", "2025", "2025/sécurité")
    decomposed = stable_entry_id("vigie-sante.fr", "2025", "2025/se\u0301curite\u0301")
    assert composed == decomposed


@pytest.mark.parametrize(
    "authority",
    [
        "",
        "https://vigie-sante.fr",
        "vigie-sante.fr/",
        "vigie-sante.fr:443",
        "Vigie-Sante.fr",
        "-vigie.fr",
        "vigie-.fr",
        "vigie..fr",
        "vigie sante.fr",
        "contact@vigie-sante.fr",
        None,
    ],
)
def test_stable_entry_id_refuses_a_bad_authority(authority):
    with pytest.raises(ValueError, match="authority"):
        stable_entry_id(authority, "2025", "key")


@pytest.mark.parametrize(
    "date",
    [
        "",
        "25",
        "2025-1-1",
        "2025/01/01",
        "2025-13",
        "2025-02-30",
        "2025-01-01T00:00",
        None,
    ],
)
def test_stable_entry_id_refuses_a_bad_date(date):
    with pytest.raises(ValueError, match="date"):
        stable_entry_id("vigie-sante.fr", date, "key")


@pytest.mark.parametrize("key", ["", "   ", "\t\n"])
def test_stable_entry_id_refuses_an_empty_key(key):
    with pytest.raises(ValueError, match="key"):
        stable_entry_id("vigie-sante.fr", "2025", key)


@given(st.text())
def test_stable_entry_id_is_always_a_valid_tag_uri(key):
    if not key.strip():
        return
    entry_id = stable_entry_id("vigie-sante.fr", "2025-01-01", key)
    assert TAG_URI_RE.fullmatch(entry_id)
    assert entry_id == stable_entry_id("vigie-sante.fr", "2025-01-01", key)


POST_PATHS = st.from_regex(r"\A20[0-9]{2}/[a-z0-9][a-z0-9-]{0,30}\.md\Z")
METADATA = st.fixed_dictionaries(
    {
        "title": st.text(),
        "slug": st.text(),
        "date": st.datetimes(),
        "modified": st.datetimes(),
        "category": st.text(),
        "hashtags": st.lists(st.text()),
        "summary": st.text(),
    }
)


@given(path=POST_PATHS, before=METADATA, after=METADATA)
def test_post_entry_id_ignores_title_slug_date_category_and_hashtags(
    path, before, after
):
    first = post_entry_id("vigie-sante.fr", "2024-01-01", before, path)
    assert first == post_entry_id("vigie-sante.fr", "2024-01-01", after, path)
    assert first == f"tag:vigie-sante.fr,2024-01-01:{path.removesuffix('.md')}"


@given(path=POST_PATHS, moved_to=POST_PATHS, metadata=METADATA)
def test_post_entry_id_follows_the_id_header_when_the_file_moves(
    path, moved_to, metadata
):
    metadata = {**metadata, "id": "2023/premier-article"}
    assert post_entry_id("vigie-sante.fr", "2024", metadata, path) == post_entry_id(
        "vigie-sante.fr", "2024", metadata, moved_to
    )
    assert post_entry_id("vigie-sante.fr", "2024", metadata, path) == (
        "tag:vigie-sante.fr,2024:2023/premier-article"
    )


@pytest.mark.parametrize("id_header", [None, ""])
def test_post_entry_id_without_id_header_uses_the_path(id_header):
    metadata = {"title": "T", "id": id_header}
    assert post_entry_id("vigie-sante.fr", "2024", metadata, "2025/a.md") == (
        "tag:vigie-sante.fr,2024:2025/a"
    )


# default_entry_key -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("2025/hameconnage-nuit.md", "2025/hameconnage-nuit"),
        ("hameconnage.md", "hameconnage"),
        ("2025/mars/a.b.md", "2025/mars/a.b"),
        ("./2025/x.md", "2025/x"),
        ("2025\\windows.md", "2025/windows"),
        ("2025/sans-extension", "2025/sans-extension"),
        ("2025/Majuscules.MD", "2025/Majuscules"),
    ],
)
def test_default_entry_key(path, expected):
    assert default_entry_key(path) == expected


@pytest.mark.parametrize(
    "path", ["/abs/post.md", "../post.md", "2025/../../x.md", "", "."]
)
def test_default_entry_key_refuses_paths_outside_posts(path):
    with pytest.raises(ValueError):
        default_entry_key(path)


# strip_illegal_xml_chars -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("Bonjour", "Bonjour"),
        ("tab\tLF\nCR\r", "tab\tLF\nCR\r"),
        ("a\x00b\x08c\x0bd\x0ce\x0ef\x1bg\x1fh", "abcdefgh"),
        ("fin\ufffe\uffff", "fin"),
        ("lone \ud800 surrogate \udfff", "lone  surrogate "),
        ("astral 🛡️ kept, \ufffd kept, \x7f and \x85 kept", None),
        ("é\u00a0à", "é\u00a0à"),
    ],
)
def test_strip_illegal_xml_chars(text, expected):
    assert strip_illegal_xml_chars(text) == (text if expected is None else expected)


def test_strip_illegal_xml_chars_returns_the_same_object_when_clean():
    text = "Un texte propre, sans caractère de contrôle." * 100
    assert strip_illegal_xml_chars(text) is text


@given(st.text(alphabet=st.characters(codec=None)))
def test_strip_illegal_xml_chars_leaves_only_xml_characters(text):
    cleaned = strip_illegal_xml_chars(text)
    for char in cleaned:
        code = ord(char)
        assert (
            code in (0x9, 0xA, 0xD)
            or 0x20 <= code <= 0xD7FF
            or (0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF)
        )
    assert strip_illegal_xml_chars(cleaned) == cleaned


# absolutize_html ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # Relative to the page.
        (
            '<img src="../images/x.png" alt="">',
            '<img src="https://vigie-sante.fr/2025/images/x.png" alt="">',
        ),
        (
            '<img src="../../images/x.png">',
            '<img src="https://vigie-sante.fr/images/x.png">',
        ),
        (
            '<a href="annexe.pdf">',
            '<a href="https://vigie-sante.fr/2025/hameconnage-nuit/annexe.pdf">',
        ),
        ('<a href="?page=2">', f'<a href="{PAGE_URL}?page=2">'),
        # Root-relative, against the site.
        ('<a href="/2025/x/">', '<a href="https://vigie-sante.fr/2025/x/">'),
        # Fragment-only: the page's own address.
        ('<a href="#note-1">', f'<a href="{PAGE_URL}#note-1">'),
        # Empty: the page itself.
        ('<a href="">', f'<a href="{PAGE_URL}">'),
        # Left alone: absolute, other schemes, protocol-relative.
        ('<a href="https://anssi.fr/x">', '<a href="https://anssi.fr/x">'),
        ('<a href="HTTP://EXAMPLE.ORG">', '<a href="HTTP://EXAMPLE.ORG">'),
        ('<a href="mailto:contact@vigie-sante.fr">', None),
        ('<a href="tel:+33123456789">', None),
        ('<img src="data:image/png;base64,AAAA">', None),
        ('<img src="//cdn.example.org/x.png">', None),
        # Quoting: single, none, upper-case names, spaces around `=`.
        ("<a href='/x/'>", "<a href='https://vigie-sante.fr/x/'>"),
        ("<a href=/x/>", '<a href="https://vigie-sante.fr/x/">'),
        ('<A HREF = "/x/">', '<A HREF = "https://vigie-sante.fr/x/">'),
        ("<img src=x.png/>", f'<img src="{PAGE_URL}x.png/">'),
        # Video poster and source, audio, iframe.
        (
            '<video poster="/p.jpg"><source src="v.mp4"></video>',
            '<video poster="https://vigie-sante.fr/p.jpg">'
            f'<source src="{PAGE_URL}v.mp4"></video>',
        ),
        # srcset: every candidate, descriptors and separators kept.
        (
            '<img srcset="a.png 1x, /b.png 2x,https://x.org/c.png 3x">',
            f'<img srcset="{PAGE_URL}a.png 1x, https://vigie-sante.fr/b.png 2x,'
            'https://x.org/c.png 3x">',
        ),
        (
            '<img srcset="a.png">',
            f'<img srcset="{PAGE_URL}a.png">',
        ),
        # Entities in the value are read, then written back escaped.
        (
            '<a href="?a=1&amp;b=2">',
            f'<a href="{PAGE_URL}?a=1&amp;b=2">',
        ),
        # Other attributes untouched, even when they contain href=.
        (
            '<a title="voir href=/x/" data-href="/y/" href="/z/">',
            '<a title="voir href=/x/" data-href="/y/" href="https://vigie-sante.fr/z/">',
        ),
        (
            "<a title='a > b' href='/z/'>",
            "<a title='a > b' href='https://vigie-sante.fr/z/'>",
        ),
        # Not tags: text, comments, escaped markup, closing tags.
        ("<p>href=/x/ et src=/y/</p>", None),
        ('<!-- <a href="/x/"> -->', None),
        ('<code>&lt;a href="/x/"&gt;</code>', None),
        ("<p>1 < 2 et 3 > 2</p>", None),
        (
            '<p>a <é b <2 <a href="/x/">',
            '<p>a <é b <2 <a href="https://vigie-sante.fr/x/">',
        ),
        ("x <", None),
        ("", None),
    ],
)
def test_absolutize_html(fragment, expected):
    assert absolutize_html(fragment, SITE, PAGE) == (
        fragment if expected is None else expected
    )


@pytest.mark.parametrize(
    "fragment",
    [
        # Like an HTML parser: an unclosed comment or tag runs to the end.
        '<!-- <a href="/x/">',
        '<a title="jamais fermé <a href="/x/">',
        "<img src='/x.png'",
        '<![CDATA[ <a href="/x/">',
    ],
)
def test_absolutize_html_leaves_unclosed_markup_alone(fragment):
    assert absolutize_html(fragment, SITE, PAGE) == fragment


def test_absolutize_html_rewrites_before_an_unclosed_tag():
    fragment = '<a href="/x/">x</a> <img src="/y.png"'
    assert absolutize_html(fragment, SITE, PAGE) == (
        '<a href="https://vigie-sante.fr/x/">x</a> <img src="/y.png"'
    )


@pytest.mark.parametrize(
    "fragment",
    [
        "<a href " * 30_000,
        '<a href="' * 30_000,
        "<a b='" * 30_000,
        "<!--" * 50_000,
        "<![CDATA[" * 30_000,
        "<" * 200_000,
        "<p>1 < 2</p>" * 20_000,
    ],
)
def test_absolutize_html_stays_linear_on_hostile_markup(fragment):
    # A regex retried at each `<` took minutes on such input (quadratic).
    started = time.perf_counter()
    absolutize_html(fragment, SITE, PAGE)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("base", "page"),
    [
        ("https://vigie-sante.fr", "/2025/hameconnage-nuit/"),
        ("https://vigie-sante.fr/", "2025/hameconnage-nuit/"),
        ("https://vigie-sante.fr", PAGE_URL),
    ],
)
def test_absolutize_html_takes_the_page_url_in_any_form(base, page):
    result = absolutize_html('<img src="../images/x.png">', base, page)
    assert result == '<img src="https://vigie-sante.fr/2025/images/x.png">'


def test_absolutize_html_resolves_root_relative_links_under_a_site_path():
    result = absolutize_html(
        '<a href="/2025/x/">', "https://example.org/vigie", "2025/y/"
    )
    assert result == '<a href="https://example.org/vigie/2025/x/">'


def test_absolutize_html_against_the_local_server():
    result = absolutize_html('<a href="/x/">', "http://127.0.0.1:8000", "/2025/y/")
    assert result == '<a href="http://127.0.0.1:8000/x/">'


@pytest.mark.parametrize("base", ["", "vigie-sante.fr", "/", "ftp://vigie-sante.fr"])
def test_absolutize_html_refuses_a_base_that_is_not_absolute(base):
    with pytest.raises(ValueError, match="base URL"):
        absolutize_html("<p>x</p>", base, "/")


def test_absolutize_html_keeps_a_real_post_intact_but_for_its_urls():
    post = (
        '<p>Lire <a href="../autre/">l&rsquo;autre article</a> et '
        '<a href="https://cyber.gouv.fr/">l’ANSSI</a>.</p>\n'
        '<figure><img alt="Schéma" src="/images/schema.png" width="600">'
        "<figcaption>Le schéma</figcaption></figure>\n"
        '<pre><code class="language-c">#include &lt;stdio.h&gt;\n'
        "if (a &lt; b) { return; }</code></pre>\n"
        '<p>Note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
    )
    result = absolutize_html(post, SITE, PAGE)
    tree = lxml.html.fragment_fromstring(result, create_parent="div")
    urls = [*tree.xpath("//@href"), *tree.xpath("//@src")]
    assert urls == [
        "https://vigie-sante.fr/2025/autre/",
        "https://cyber.gouv.fr/",
        f"{PAGE_URL}#fn:1",
        "https://vigie-sante.fr/images/schema.png",
    ]
    original_tree = lxml.html.fragment_fromstring(post, create_parent="div")
    assert tree.text_content() == original_tree.text_content()
    # Outside the three rewritten values, the text is byte for byte the same.
    pattern = re.compile(r'(?:href|src)="[^"]*"')
    assert pattern.sub("", result) == pattern.sub("", post)


URL_PIECES = st.sampled_from(
    [
        "../images/x.png",
        "/2025/x/",
        "#note",
        "?q=1&amp;r=2",
        "https://anssi.fr/",
        "mailto:a@b.fr",
        "//cdn.example/x",
        "a b.png",
        "",
        "é/à.png",
    ]
)
TAG_NAMES = st.sampled_from(["a", "img", "video", "source", "IMG", "link"])
ATTRIBUTES = st.sampled_from(["href", "src", "srcset", "poster", "title", "data-src"])


@st.composite
def html_fragments(draw):
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        name = draw(TAG_NAMES)
        attributes = []
        for _ in range(draw(st.integers(0, 3))):
            quote = draw(st.sampled_from(['"', "'"]))
            value = draw(URL_PIECES).replace(quote, "")
            attributes.append(f"{draw(ATTRIBUTES)}={quote}{value}{quote}")
        text = draw(st.text(alphabet=st.characters(exclude_characters="<>&")))
        parts.append(f"<{name} {' '.join(attributes)}>{text}</{name}>")
    return "".join(parts)


@given(html_fragments())
def test_absolutize_html_is_idempotent_and_leaves_only_absolute_urls(fragment):
    once = absolutize_html(fragment, SITE, PAGE)
    assert absolutize_html(once, SITE, PAGE) == once
    tree = lxml.html.fragment_fromstring(once, create_parent="div") if once else None
    for url in tree.xpath("//@href | //@src | //@poster") if tree is not None else []:
        parts = urlsplit(url.strip())
        assert parts.scheme or url.strip().startswith("//"), url


@given(st.text())
def test_absolutize_html_is_idempotent_on_any_text(text):
    once = absolutize_html(text, SITE, PAGE)
    assert absolutize_html(once, SITE, PAGE) == once


@given(st.text(alphabet=st.characters(exclude_characters="<")))
def test_absolutize_html_leaves_text_without_tags_alone(text):
    assert absolutize_html(text, SITE, PAGE) == text


# feed_categories ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("hashtags", "category", "expected"),
    [
        (
            ["#TousCyberVigilants", "#SécuritéNumérique"],
            "Tribune",
            ["#TousCyberVigilants", "#SécuritéNumérique", "Tribune"],
        ),
        ([], "Actualité", ["Actualité"]),
        (["#A"], None, ["#A"]),
        (["#A"], "", ["#A"]),
        ([], None, []),
        # Same name twice (any case): once, first spelling kept.
        (["#Cyber", "#CYBER"], "Cyber", ["#Cyber", "Cyber"]),
        (["Tribune"], "tribune", ["Tribune"]),
        # Blank or control characters removed.
        (["  #A  ", "", "\x0b"], "Com\x0cmuniqué", ["#A", "Communiqué"]),
    ],
)
def test_feed_categories(hashtags, category, expected):
    assert feed_categories(hashtags, category) == expected
