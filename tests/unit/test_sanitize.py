"""The body sanitiser: Markdown's own HTML stays, anything that runs code goes."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_reader.reader import VigieMarkdownReader
from markdown_reader.sanitize import make_sanitizer, sanitize_html
from pelican.settings import DEFAULT_CONFIG

YOUTUBE = "www.youtube-nocookie.com"


@pytest.fixture(scope="module")
def reader():
    return VigieMarkdownReader({**DEFAULT_CONFIG, "SANITIZE_IFRAME_HOSTS": ()})


def soup(html):
    return BeautifulSoup(html, "html.parser")


def assert_inert(html):
    """No script, no handler, no javascript: URL, no iframe, no style."""
    parsed = soup(html)
    assert parsed.find(["script", "style", "iframe", "svg", "object", "form"]) is None
    for tag in parsed.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            text = " ".join(value) if isinstance(value, list) else value
            assert "javascript:" not in text.lower().replace(" ", ""), tag
            assert "data:" not in text.lower(), tag


MARKDOWN_BODY = """\
## Un titre {#mon-ancre}

Du texte[^1] avec une <abbr title="Agence du numérique en santé">ANS</abbr>.

| gauche | droite |
|:-------|-------:|
| 1      | 2      |

```python
print("bonjour")
```

![Un radar](/images/radar.png "Le radar")

<figure><img src="/images/a.png" alt="A"><figcaption>Légende</figcaption></figure>

[Lien]({filename}/posts/a.md) et [image]({static}/images/a.png "titre").

[^1]: La note.
"""


def test_markdown_output_is_kept(reader):
    body = soup(reader.render(MARKDOWN_BODY))
    assert body.find("h2")["id"] == "mon-ancre"
    assert body.find("abbr")["title"] == "Agence du numérique en santé"
    assert [cell["class"] for cell in body.find_all("th")] == [
        ["align-left"],
        ["align-right"],
    ]
    assert body.find(style=True) is None
    assert body.find("code")["class"] == ["language-python"]
    image = body.find("img")
    assert (image["src"], image["alt"], image["title"]) == (
        "/images/radar.png",
        "Un radar",
        "Le radar",
    )
    assert body.find("figcaption").get_text() == "Légende"
    assert body.select_one("sup a.footnote-ref")["href"] == "#fn:1"
    backref = body.select_one("a.footnote-backref")
    assert backref["title"] == "Revenir à l'appel de note 1"
    links = [a["href"] for a in body.find_all("a", href=True)]
    assert "{filename}/posts/a.md" in links
    assert "{static}/images/a.png" in links


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="x" onerror="alert(1)">',
        "<img src=x onerror=alert(1)//>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        '<a href="  javascript:alert(1)">x</a>',
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        '<iframe src="https://evil.example/"></iframe>',
        '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
        "<svg><script>alert(1)</script></svg>",
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<p onclick="alert(1)">x</p>',
        "<style>body{display:none}</style>",
        '<form action="https://evil.example"><input name="x"></form>',
        '<object data="x.swf"></object>',
        "<a href='x' onmouseover='alert(1)'>x</a>",
        'Paragraphe {: onclick="alert(1)" }',
        "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    ],
)
def test_dangerous_html_is_made_inert(reader, markdown):
    assert_inert(reader.render(markdown))


def test_script_content_is_dropped_not_shown(reader):
    html = reader.render("Avant <script>alert('secret')</script> après")
    assert "alert" not in html
    assert "Avant" in html and "après" in html


def test_iframes_only_from_listed_hosts_over_https():
    clean = make_sanitizer([YOUTUBE])
    kept = clean(f'<iframe src="https://{YOUTUBE}/embed/x" title="Vidéo"></iframe>')
    frame = soup(kept).find("iframe")
    assert frame["src"] == f"https://{YOUTUBE}/embed/x"
    assert frame["title"] == "Vidéo"
    for refused in (
        '<iframe src="https://evil.example/x">repli</iframe>',
        f'<iframe src="http://{YOUTUBE}/embed/x"></iframe>',
        f'<iframe src="https://{YOUTUBE}.evil.example/x"></iframe>',
        f'<iframe src="javascript:alert(1)//{YOUTUBE}"></iframe>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    ):
        html = clean(refused)
        assert "<iframe" not in html, refused
        assert "repli" not in html


def test_iframe_event_handlers_go_even_from_a_listed_host():
    html = sanitize_html(
        f'<iframe src="https://{YOUTUBE}/x" onload="alert(1)"></iframe>', [YOUTUBE]
    )
    assert "onload" not in html and "<iframe" in html


def test_hashtag_links_added_later_are_not_touched(reader):
    html = reader.render("Un #MotDièse et <a class='hashtag' href='/c/x/'>#X</a>")
    assert soup(html).find("a", class_="hashtag")["href"] == "/c/x/"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "script",
                "/",
                "=",
                '"',
                "'",
                "on",
                "error",
                "javascript:",
                "img src=x ",
                "a href=",
                "iframe",
                "&#x",
                "0a;",
                " ",
                "\n",
                "alert(1)",
                "[x](",
                ")",
                "svg",
                "style",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_random_tag_soup_is_always_inert(html):
    assert_inert(sanitize_html(html))
