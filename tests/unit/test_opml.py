import pytest
from feeds.entries import strip_illegal_xml_chars
from feeds.opml import opml_document
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

CAMPAIGNS = [
    (
        "Tous cyber-vigilants",
        "https://vigie-sante.fr/campagnes/touscybervigilants/rss.xml",
        "https://vigie-sante.fr/campagnes/touscybervigilants/",
    ),
    (
        "Sécurité numérique",
        "https://vigie-sante.fr/campagnes/securitenumerique/rss.xml",
        "https://vigie-sante.fr/campagnes/securitenumerique/",
    ),
]


def outlines(document):
    tree = etree.fromstring(document.encode("utf-8"))
    assert tree.tag == "opml"
    assert tree.get("version") == "2.0"
    return tree, [dict(outline.attrib) for outline in tree.iterfind("body/outline")]


def test_opml_lists_each_feed_in_order():
    tree, found = outlines(opml_document("Vigie : les campagnes", CAMPAIGNS))
    assert tree.findtext("head/title") == "Vigie : les campagnes"
    assert found == [
        {
            "type": "rss",
            "text": "Tous cyber-vigilants",
            "title": "Tous cyber-vigilants",
            "xmlUrl": "https://vigie-sante.fr/campagnes/touscybervigilants/rss.xml",
            "htmlUrl": "https://vigie-sante.fr/campagnes/touscybervigilants/",
        },
        {
            "type": "rss",
            "text": "Sécurité numérique",
            "title": "Sécurité numérique",
            "xmlUrl": "https://vigie-sante.fr/campagnes/securitenumerique/rss.xml",
            "htmlUrl": "https://vigie-sante.fr/campagnes/securitenumerique/",
        },
    ]


def test_opml_is_deterministic_and_has_no_creation_date():
    first = opml_document("Vigie", CAMPAIGNS)
    assert opml_document("Vigie", CAMPAIGNS) == first
    assert "dateCreated" not in first
    assert first.startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">'
    )


def test_opml_without_html_url_leaves_it_out():
    _, found = outlines(opml_document("Vigie", [("A", "https://v.fr/a.xml", None)]))
    assert found == [
        {"type": "rss", "text": "A", "title": "A", "xmlUrl": "https://v.fr/a.xml"}
    ]


def test_opml_with_no_feed_is_still_valid():
    tree, found = outlines(opml_document("Vigie", []))
    assert found == []
    assert tree.find("body") is not None


@pytest.mark.parametrize("xml_url", ["", None, " ", "\x0b"])
def test_opml_refuses_an_outline_without_feed_url(xml_url):
    with pytest.raises(ValueError, match="no feed URL"):
        opml_document("Vigie", [("A", xml_url, None)])


@pytest.mark.parametrize(
    "title",
    [
        'Les "Vigilants" & <co>',
        "L'été",
        "ligne\nnouvelle\ttab\rcr",
        "contrôle\x0b\x1b\ufffe",
    ],
)
def test_opml_escapes_text_and_attributes(title):
    tree, found = outlines(
        opml_document(title, [(title, "https://v.fr/a.xml?x=1&y=2", "https://v.fr/")])
    )
    expected = strip_illegal_xml_chars(title)
    assert found[0]["text"] == expected
    assert found[0]["title"] == expected
    assert found[0]["xmlUrl"] == "https://v.fr/a.xml?x=1&y=2"
    assert tree.findtext("head/title") == expected.replace("\r", "\n")


@given(
    title=st.text(),
    feeds=st.lists(st.tuples(st.text(), st.text(min_size=1), st.text() | st.none())),
)
def test_any_text_gives_a_well_formed_opml(title, feeds):
    feeds = [feed for feed in feeds if strip_illegal_xml_chars(feed[1]).strip()]
    _, found = outlines(opml_document(title, feeds))
    assert [item["text"] for item in found] == [
        strip_illegal_xml_chars(name) for name, _, _ in feeds
    ]
