"""Hashtags: the pattern, slugs, the Hashtags: header, inline links, spellings."""

import re
import unicodedata

import markdown
import pytest
from bs4 import BeautifulSoup, NavigableString
from campaigns.hashtags import (
    HASHTAG_PATTERN,
    closest_slug,
    dedupe_by_slug,
    display_spellings,
    hashtag_slug,
    link_inline_hashtags,
    parse_hashtags_field,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_reader.headings import CommonMarkHeadingsExtension

SAFE_SEGMENT = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")
WRAPPER = re.compile(r'<a class="hashtag" href="/campagnes/[a-z0-9_-]+/">([^<]*)</a>')


def href(slug):
    return f"/campagnes/{slug}/"


def render(source):
    md = markdown.Markdown(extensions=["extra", CommonMarkHeadingsExtension()])
    return md.convert(source)


def anchor_texts(linked):
    anchors = BeautifulSoup(linked, "html.parser").select("a.hashtag")
    return [unicodedata.normalize("NFC", a.get_text()) for a in anchors]


def strip_accents(text):
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)


# --- HASHTAG_PATTERN on plain text --------------------------------------------


@pytest.mark.parametrize(
    ("text", "spellings"),
    [
        ("#TousCyberVigilants", ["TousCyberVigilants"]),
        ("Bravo #A et #B !", ["A", "B"]),
        ("#SécuritéNumérique", ["SécuritéNumérique"]),
        ("#Безопасность", ["Безопасность"]),
        ("#सुरक्षा", ["सुरक्षा"]),  # vowel signs are marks, not word characters
        ("#CERT_Santé2025", ["CERT_Santé2025"]),
        ("(#Vigilance)", ["Vigilance"]),
        ("«#Vigilance»", ["Vigilance"]),
        ("#Vigilance. #Vigilance, #Vigilance’s", ["Vigilance"] * 3),
        ("#Cyber-Mois", ["Cyber"]),
        ("C# F# page.html#top x.org/#frag", []),
        ("&#Tag ##double a@#b q=#c \\#d", []),
        ("#2025 #_x # #", []),
        ("#A#B", []),
    ],
)
def test_pattern_on_plain_text(text, spellings):
    assert [m.group(1) for m in HASHTAG_PATTERN.finditer(text)] == spellings


def test_pattern_takes_decomposed_accents_whole():
    text = unicodedata.normalize("NFD", "#SécuritéNumérique fin")
    match = HASHTAG_PATTERN.search(text)
    assert unicodedata.normalize("NFC", match.group(1)) == "SécuritéNumérique"


# --- hashtag_slug ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "slug"),
    [
        ("#TousCyberVigilants", "touscybervigilants"),
        ("TOUSCYBERVIGILANTS", "touscybervigilants"),
        ("touscybervigilants", "touscybervigilants"),
        ("#SécuritéNumérique", "securitenumerique"),
        (unicodedata.normalize("NFD", "#SécuritéNumérique"), "securitenumerique"),
        ("CERT_Santé", "cert_sante"),
        ("#Straße", "strasse"),
        ("#Œuvre", "oeuvre"),
        ("#Безопасность", "bezopasnost"),
        ("#БЕЗОПАСНОСТЬ", "bezopasnost"),
        ("#Ж", "zh"),
        ("#ж", "zh"),
        ("#网络安全", "wang-luo-an-quan"),
        # Meitei Mayek: Unidecode knows none of it, code points stand in; its
        # vowel signs are marks, which vanish like accents.
        ("#ꯃꯀ", "uabc3-uabc0"),
        ("#ꯃꯤ", "uabc3"),
        ("#ǀ", "u1c0"),  # a click letter Unidecode spells `|`
        ("#𞤀", "u1e922"),  # Adlam capital: named after its lower case
        ("#𞤢", "u1e922"),
        ("Communiqué", "communique"),  # categories are slugged the same way
        ("Note de veille", "note-de-veille"),
    ],
)
def test_hashtag_slug(spelling, slug):
    assert hashtag_slug(spelling) == slug


@pytest.mark.parametrize("text", ["", "#", "##", "!!!", "🙂", " - "])
def test_hashtag_slug_refuses_text_without_letters(text):
    with pytest.raises(ValueError, match="slug"):
        hashtag_slug(text)


@given(st.text())
def test_hashtag_slug_is_a_safe_segment_or_refused(text):
    try:
        slug = hashtag_slug(text)
    except ValueError:
        return
    assert SAFE_SEGMENT.fullmatch(slug)


@given(st.text())
def test_every_hashtag_found_has_a_safe_slug(text):
    for match in HASHTAG_PATTERN.finditer(text):
        assert SAFE_SEGMENT.fullmatch(hashtag_slug(match.group(1)))


def test_dedupe_by_slug_keeps_first_spelling():
    assert dedupe_by_slug(["TousCyber", "TOUSCYBER", "Santé", "sante", "x"]) == [
        "TousCyber",
        "Santé",
        "x",
    ]


# --- The Hashtags: header --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "spellings", "invalid"),
    [
        ("#TOUSCYBER #TOUSBIENVEILLANTS", ["TOUSCYBER", "TOUSBIENVEILLANTS"], []),
        ("A, B", ["A", "B"], []),
        ("#A,#B", ["A", "B"], []),
        ("  #A ,\t B ,, ", ["A", "B"], []),
        ("#A\n #B", ["A", "B"], []),
        ("# A", ["A"], []),  # a stray `#` is not a hashtag and loses nothing
        ("", [], []),
        ("#TousCyber #TOUSCYBER touscyber", ["TousCyber"], []),
        ("#Sécurité #Securite", ["Sécurité"], []),
        (unicodedata.normalize("NFD", "#Sécurité"), ["Sécurité"], []),
        ("#2025 #A", ["A"], ["#2025"]),
        ("##A", [], ["##A"]),
        ("#Cyber-Mois", [], ["#Cyber-Mois"]),
        ("#A. C# #_x", [], ["#A.", "C#", "#_x"]),
        ("#a-b #a-b", [], ["#a-b"]),
    ],
)
def test_parse_hashtags_field(value, spellings, invalid):
    assert parse_hashtags_field(value) == (spellings, invalid)


# --- Inline hashtags in rendered Markdown --------------------------------------------


@pytest.mark.parametrize(
    ("source", "spellings"),
    [
        ("Un #Mot ici.", ["Mot"]),
        ("#Mot en début de ligne", ["Mot"]),  # a paragraph, not a heading
        ("texte\n#Mot en début de ligne", ["Mot"]),
        ("# Titre", []),
        ("## Bilan #CyberMois", ["CyberMois"]),
        ("# Apprendre le C#", []),
        ("- #Un\n- deux #Deux", ["Un", "Deux"]),
        ("1. #Un", ["Un"]),
        ("> #Cite", ["Cite"]),
        ("| a | #b |\n|---|---|\n| #c | d |", ["b", "c"]),
        ("**#Vigilance** et _#Prudence_", ["Vigilance", "Prudence"]),
        ("#Vigilance. #Vigilance, (#Vigilance) #Vigilance’s", ["Vigilance"] * 4),
        ("#SécuritéNumérique", ["SécuritéNumérique"]),
        (unicodedata.normalize("NFD", "#SécuritéNumérique"), ["SécuritéNumérique"]),
        ("#Жизнь #网络安全", ["Жизнь", "网络安全"]),
        ("`#code` et #Texte", ["Texte"]),
        ("    #include <stdio.h>\n", []),
        ("```\n#include <stdio.h>\n```\n", []),
        ("```c\n// #Commentaire\n```\n", []),
        ("[texte](https://x.org/#frag)", []),
        ("<https://x.org/#auto>", []),
        ('<span title="#x">#y</span>', ["y"]),
        ("<!-- #Cache --> #Visible", ["Visible"]),
        ("&#233; &#x27; &#35;Echappe", []),
        ("&amp;#Tag", []),
        ("&nbsp;#Insecable", ["Insecable"]),
        ("#S&eacute;curit&eacute;", ["Sécurité"]),
        ("C# et F# et page.html#top et https://x.org/#frag", []),
        ("#2025 et #_x et ##double et #", []),
        ("Note[^1]\n\n[^1]: #EnNote", ["EnNote"]),
        ("#Un #Un #un", ["Un", "Un", "un"]),  # every occurrence, in order
    ],
)
def test_link_inline_hashtags_in_markdown(source, spellings):
    rendered = render(source)
    linked, found = link_inline_hashtags(rendered, href)
    assert found == spellings
    assert anchor_texts(linked) == [f"#{s}" for s in spellings]
    anchors = BeautifulSoup(linked, "html.parser").select("a.hashtag")
    assert [a["href"] for a in anchors] == [href(hashtag_slug(s)) for s in spellings]
    assert WRAPPER.sub(r"\1", linked) == rendered


@pytest.mark.parametrize(
    ("raw", "spellings"),
    [
        ("<p>#A</p><pre>#B</pre><p>#C</p>", ["A", "C"]),
        ("<abbr title='#t'>#A</abbr><area>#B", ["A", "B"]),  # `<abbr>` is not `<a>`
        ("<CODE>#A</CODE> <Pre>#B</PRE> #C", ["C"]),
        ("<script>x = '<a>'; #A</script> #B", ["B"]),
        ("<script>x = '<!--'; #A</SCRIPT > #B", ["B"]),
        ("<script>#A never closed", []),
        ("<scripts>#A</scripts>", ["A"]),  # not a script
        ("<codex>#A</codex> #C", ["A", "C"]),  # not a `<code>`
        ("#A <plaintext>#B</plaintext> #C", ["A"]),
        ("<STYLE>#a { color: red }</style >#B", ["B"]),
        ("<textarea><b>#A</b></textarea>#B", ["B"]),
        ("<svg><text>#A</text></svg>#B", ["B"]),
        ("<kbd>#A</kbd><samp>#B</samp><var>#C</var><math>#D</math>", []),
        ("<!-->#A<!--->#B", ["A", "B"]),  # HTML5 empty comments
        ("<!-- #A -- #B --!> #C", ["C"]),
        ("<!-- #A never closed", []),
        ("<!DOCTYPE html>#A<?php #B ?>#C", ["A", "C"]),
        ("<img alt=\"#A\" title='#B' data-x=#C>#D", ["D"]),
        ('<span title="a > #A">#B</span>', ["B"]),
        ('<span title="#A never closed>#B', []),
        ('<x a"b c="d>#A">#B', ["B"]),  # `"` in a name does not open a value
        ("<span title=#A>#B</span>", ["B"]),
        ("a < b #A <3 #B", ["A", "B"]),
        ("</ #A> #B", ["B"]),  # `</` + space: a bogus comment up to `>`
        ("<b>C</b>#A", ["A"]),  # a tag is a word boundary
        ("#A&#160;#B", ["A", "B"]),
        ("#A&amp;B #C&#35;D", ["A", "C"]),
        ("&#x23;A &num;B", []),
        ("&foo;#A", ["A"]),  # not a reference: `;` comes before the `#`
        ("<code>never closed #A", []),
        ("</a></code> #A", ["A"]),  # stray end tags change nothing
    ],
)
def test_link_inline_hashtags_in_raw_html(raw, spellings):
    linked, found = link_inline_hashtags(raw, href)
    assert found == spellings
    # Not BeautifulSoup here: html.parser reads some of these unlike HTML5.
    assert WRAPPER.findall(linked) == [f"#{s}" for s in spellings]
    assert WRAPPER.sub(r"\1", linked) == raw


@pytest.mark.parametrize(
    ("source", "spellings", "linked_spellings"),
    [
        ("[#DansLeLien](https://x.org/) #Dehors", ["DansLeLien", "Dehors"], ["Dehors"]),
        ("<p><a href='#x'>#A <b>#B</b></a> #C</p>", ["A", "B", "C"], ["C"]),
        ("<a/>#A</a> #B", ["A", "B"], ["B"]),  # `<a/>` opens an `a`
        ("<a>never closed #A", ["A"], []),
        ("<button>#A</button><select><option>#B</option></select>", ["A", "B"], []),
        ("[TOC]\n\n## Bilan #CyberMois", ["CyberMois", "CyberMois"], ["CyberMois"]),
    ],
)  # fmt: skip
def test_hashtags_in_links_count_but_are_not_linked(
    source, spellings, linked_spellings
):
    md = markdown.Markdown(extensions=["extra", "toc", CommonMarkHeadingsExtension()])
    rendered = md.convert(source)
    linked, found = link_inline_hashtags(rendered, href)
    assert found == spellings
    assert anchor_texts(linked) == [f"#{s}" for s in linked_spellings]
    assert WRAPPER.sub(r"\1", linked) == rendered


def test_link_keeps_the_writers_spelling_and_escapes_the_href():
    linked, found = link_inline_hashtags(
        "<p>#SÉCURITÉ</p>", lambda slug: f'/c?s={slug}&x="y"'
    )
    assert found == ["SÉCURITÉ"]
    assert linked == (
        '<p><a class="hashtag" href="/c?s=securite&amp;x=&quot;y&quot;">'
        "#SÉCURITÉ</a></p>"
    )
    anchor = BeautifulSoup(linked, "html.parser").a
    assert anchor["href"] == '/c?s=securite&x="y"'


def test_link_without_hashtags_returns_the_same_string():
    rendered = "<p>Rien à lier, sauf <code>#code</code>.</p>"
    linked, found = link_inline_hashtags(rendered, href)
    assert linked is rendered
    assert found == []


def test_link_keeps_references_inside_a_hashtag_raw():
    linked, found = link_inline_hashtags("<p>#S&eacute;cu, &nbsp;#B</p>", href)
    assert found == ["Sécu", "B"]
    assert '"/campagnes/secu/">#S&eacute;cu</a>, &nbsp;<a class' in linked


def test_link_is_idempotent():
    once, found_once = link_inline_hashtags(render("#A et **#B**"), href)
    twice, found_twice = link_inline_hashtags(once, href)
    assert twice == once
    assert found_twice == found_once == ["A", "B"]


# --- Properties ---------------------------------------------------------------------

FRAGMENTS = [
    "#Vigilance",
    "#SécuritéNumérique",
    unicodedata.normalize("NFD", "#Été"),
    "#CERT_Santé",
    "#Жизнь",
    "#Straße",
    "#2025",
    "#_x",
    "C#",
    "page.html#top",
    "`#code`",
    "[lien](https://x.org/#frag)",
    "[#Lien](/x/)",
    "<https://x.org/#auto>",
    "&#233;",
    "&amp;",
    "&nbsp;",
    "**#Gras**",
    "*",
    "_",
    "# ",
    "## ",
    "#",
    "##",
    "\n",
    "\n\n",
    " ",
    "mot",
    "Été",
    ",",
    ".",
    "(",
    ")",
    "’",
    "-",
    "- ",
    "> ",
    "1. ",
    "\n    #include <stdio.h>\n\n",
    "\n```\n#include\n```\n",
    '<span title="#x">#y</span>',
    "<!-- #c -->",
]
markdown_sources = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
HTML_PIECES = ["<a>", "</a>", "<code>", "</code>", "<script>", "</script>", "<svg>"]
HTML_PIECES += ["<!--", "-->", "<b ", "<i x='", '"', "'", "=", ">", "</", "<!", "<"]
HTML_PIECES += ["&amp;", "&#35;", "&#x27;", "&nbsp;", "&NotEqualTilde;", "&"]
HTML_PIECES += ["#Tag", "#é", "#", "é", "e\u0301", " ", "\n", "x"]
html_soup = st.lists(
    st.one_of(st.sampled_from(HTML_PIECES), st.text(max_size=5)), max_size=30
).map("".join)


@given(st.one_of(st.text(), html_soup))
def test_link_never_raises_and_only_adds_wrappers(text):
    linked, found = link_inline_hashtags(text, href)
    assert WRAPPER.sub(r"\1", linked) == text
    assert len(WRAPPER.findall(linked)) <= len(found)
    for spelling in found:
        assert SAFE_SEGMENT.fullmatch(hashtag_slug(spelling))


def oracle_spellings(rendered):
    """Find hashtags the slow, independent way, in a real parser's text nodes.

    Returns (every spelling, the spellings outside links).
    """
    ignored = {"code", "pre", "kbd", "samp", "script", "style", "svg"}
    spellings = []
    linkable = []
    for node in BeautifulSoup(rendered, "html.parser").find_all(string=True):
        if type(node) is not NavigableString:
            continue  # comments, doctypes, CDATA
        parents = {parent.name for parent in node.parents}
        if parents & ignored:
            continue
        for match in HASHTAG_PATTERN.finditer(str(node)):
            spelling = unicodedata.normalize("NFC", match.group(1))
            spellings.append(spelling)
            if "a" not in parents:
                linkable.append(spelling)
    return spellings, linkable


@settings(deadline=None)
@given(markdown_sources)
def test_link_agrees_with_a_real_html_parser(source):
    rendered = render(source)
    linked, found = link_inline_hashtags(rendered, href)
    spellings, linkable = oracle_spellings(rendered)
    assert found == spellings
    assert anchor_texts(linked) == [f"#{s}" for s in linkable]


def slugs_in(source):
    return [hashtag_slug(s) for s in link_inline_hashtags(render(source), href)[1]]


@settings(deadline=None)
@given(markdown_sources)
def test_slugs_do_not_depend_on_case(source):
    slugs = slugs_in(source)
    assert slugs_in(source.upper()) == slugs
    assert slugs_in(source.lower()) == slugs


@settings(deadline=None)
@given(markdown_sources)
def test_slugs_do_not_depend_on_accents(source):
    assert slugs_in(strip_accents(source)) == slugs_in(source)


# --- Display spellings and typos ---------------------------------------------


@pytest.mark.parametrize(
    ("uses", "expected"),
    [
        ([], {}),
        ([(1, "#TousCyber")], {"touscyber": "TousCyber"}),
        (
            [(1, "TousCyber"), (2, "TOUSCYBER"), (3, "TOUSCYBER")],
            {"touscyber": "TOUSCYBER"},
        ),
        # A tie goes to the spelling used first, whatever the order given.
        ([(5, "Sante"), (2, "Santé"), (9, "Santé"), (1, "Sante")], {"sante": "Sante"}),
        ([(2, "Sante"), (1, "Santé")], {"sante": "Santé"}),
        # Same count, same first date: the one met first.
        ([(1, "b"), (1, "B")], {"b": "b"}),
        ([(1, "A"), (1, "b")], {"a": "A", "b": "b"}),
        (
            [(1, unicodedata.normalize("NFD", "Été")), (2, "Été")],
            {"ete": "Été"},
        ),
    ],
)
def test_display_spellings(uses, expected):
    assert display_spellings(uses) == expected


KNOWN = ["touscybervigilants", "touscyberbienveillants", "securitenumerique"]


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("touscybervigilants", None),  # known: no warning
        ("touscybervigilant", "touscybervigilants"),  # deletion
        ("touscybervigilantss", "touscybervigilants"),  # insertion
        ("touscybervigilents", "touscybervigilants"),  # substitution
        ("tuoscybervigilants", "touscybervigilants"),  # transposition
        ("touscybervigilanst", "touscybervigilants"),  # transposition at the end
        ("securitenumeriques", "securitenumerique"),
        ("touscyber", None),  # far from everything
        ("tuoscybervigilanst", None),  # two typos
        ("", None),
    ],
)
def test_closest_slug(slug, expected):
    assert closest_slug(slug, KNOWN) == expected


def test_closest_slug_prefers_the_first_known():
    assert closest_slug("ab", ["xb", "ac"]) == "xb"
    assert closest_slug("ab", ["ac", "xb"]) == "ac"


@given(st.text(alphabet="abc", max_size=6), st.text(alphabet="abc", max_size=6))
def test_closest_slug_matches_edit_distance(first, second):
    def distance(a, b):
        # Optimal string alignment distance, computed the textbook way.
        d = [
            [i + j if i * j == 0 else 0 for j in range(len(b) + 1)]
            for i in range(len(a) + 1)
        ]
        for i in range(1, len(a) + 1):
            for j in range(1, len(b) + 1):
                d[i][j] = min(
                    d[i - 1][j] + 1,
                    d[i][j - 1] + 1,
                    d[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
                )
                if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        return d[len(a)][len(b)]

    found = closest_slug(first, [second])
    assert (found == second) == (distance(first, second) == 1)
