import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from feeds.entries import strip_illegal_xml_chars
from feeds.writer import EMPTY_FEED_DATE, VigieAtomFeed, VigieRssFeed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

PARIS = ZoneInfo("Europe/Paris")
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
FEED_CLASSES = [VigieAtomFeed, VigieRssFeed]
NASTY = "\x00\x0b\x0c\x1b\ufffe\uffff\ud800"


def new_feed(feed_class, **overrides):
    arguments = {
        "title": "Vigie",
        "link": "https://vigie-sante.fr/",
        "description": "Le site de l'association Vigie",
        "feed_url": "https://vigie-sante.fr/feeds/feed.xml",
        "stylesheet_href": "/theme/feeds/feed.xsl",
        "language": "fr",
    }
    arguments.update(overrides)
    return feed_class(
        arguments.pop("title"),
        arguments.pop("link"),
        arguments.pop("description"),
        **arguments,
    )


def add_entry(feed, number=1, **overrides):
    arguments = {
        "title": f"Article {number}",
        "link": f"https://vigie-sante.fr/2025/article-{number}/",
        "description": f"<p>Résumé {number}</p>",
        "content": f"<p>Contenu {number}</p>",
        "unique_id": f"tag:vigie-sante.fr,2024:2025/article-{number}",
        "pubdate": datetime.datetime(2025, 3, number, 9, 30, tzinfo=PARIS),
        "authors": ["Alice Martin", "Bruno Durand"],
        "categories": ["#TousCyberVigilants", "Tribune"],
    }
    arguments.update(overrides)
    feed.add_item(
        arguments.pop("title"),
        arguments.pop("link"),
        arguments.pop("description"),
        **arguments,
    )


def written(feed) -> bytes:
    return feed.writeString("utf-8").encode("utf-8")


def parse(feed):
    data = written(feed)
    tree = etree.fromstring(data)
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return tree, parsed


# The stylesheet instruction ----------------------------------------------------


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_stylesheet_instruction_follows_the_xml_declaration(feed_class):
    feed = new_feed(feed_class)
    add_entry(feed)
    lines = written(feed).split(b"\n")
    assert lines[0] == b'<?xml version="1.0" encoding="utf-8"?>'
    assert (
        lines[1] == b'<?xml-stylesheet type="text/xsl" href="/theme/feeds/feed.xsl"?>'
    )
    tree = etree.fromstring(written(feed))
    instruction = tree.getprevious()
    assert instruction.target == "xml-stylesheet"
    assert instruction.get("href") == "/theme/feeds/feed.xsl"
    assert instruction.get("type") == "text/xsl"


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_no_stylesheet_instruction_without_href(feed_class):
    feed = new_feed(feed_class, stylesheet_href=None)
    assert b"xml-stylesheet" not in written(feed)


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
@pytest.mark.parametrize(
    "href", ['/x.xsl"?><x', "/x.xsl?a=1&b=2", "/feed xsl", "/f<.xsl", "", "/f\x0b.xsl"]
)
def test_a_stylesheet_href_that_needs_escaping_is_refused(feed_class, href):
    with pytest.raises(ValueError, match="stylesheet href"):
        new_feed(feed_class, stylesheet_href=href)


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_an_absolute_stylesheet_href_is_kept(feed_class):
    href = "https://vigie-sante.fr/theme/feeds/feed.xsl?v=2"
    tree = etree.fromstring(written(new_feed(feed_class, stylesheet_href=href)))
    assert tree.getprevious().get("href") == href


# Ids, links, authors, dates: Atom ----------------------------------------------


def test_atom_entry_carries_everything_the_contract_lists():
    feed = new_feed(VigieAtomFeed)
    add_entry(
        feed,
        updateddate=datetime.datetime(2025, 4, 2, 8, 0, tzinfo=PARIS),
    )
    tree, parsed = parse(feed)
    self_links = tree.findall(f"{ATOM}link[@rel='self']")
    assert [link.get("href") for link in self_links] == [
        "https://vigie-sante.fr/feeds/feed.xml"
    ]
    (entry,) = tree.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == "tag:vigie-sante.fr,2024:2025/article-1"
    assert entry.find(f"{ATOM}link").get("href") == (
        "https://vigie-sante.fr/2025/article-1/"
    )
    assert [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")] == [
        "Alice Martin",
        "Bruno Durand",
    ]
    assert entry.findtext(f"{ATOM}published") == "2025-03-01T09:30:00+01:00"
    assert entry.findtext(f"{ATOM}updated") == "2025-04-02T08:00:00+02:00"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "#TousCyberVigilants",
        "Tribune",
    ]
    assert entry.findtext(f"{ATOM}summary") == "<p>Résumé 1</p>"
    assert entry.findtext(f"{ATOM}content") == "<p>Contenu 1</p>"

    (item,) = parsed.entries
    assert item.id == "tag:vigie-sante.fr,2024:2025/article-1"
    assert [author.name for author in item.authors] == ["Alice Martin", "Bruno Durand"]
    assert item.content[0].value == "<p>Contenu 1</p>"


def test_atom_feed_updated_is_the_newest_entry_date():
    feed = new_feed(VigieAtomFeed)
    add_entry(feed, 3)
    add_entry(feed, 1, updateddate=datetime.datetime(2025, 5, 1, 12, 0, tzinfo=PARIS))
    add_entry(feed, 2)
    tree, _ = parse(feed)
    assert tree.findtext(f"{ATOM}updated") == "2025-05-01T12:00:00+02:00"


# Ids, links, authors, dates: RSS -----------------------------------------------


def test_rss_item_carries_everything_the_contract_lists():
    feed = new_feed(VigieRssFeed)
    add_entry(
        feed,
        updateddate=datetime.datetime(2025, 4, 2, 8, 0, tzinfo=PARIS),
    )
    tree, parsed = parse(feed)
    assert tree.nsmap["dc"] == "http://purl.org/dc/elements/1.1/"
    channel = tree.find("channel")
    self_link = channel.find(f"{ATOM}link")
    assert (self_link.get("rel"), self_link.get("href")) == (
        "self",
        "https://vigie-sante.fr/feeds/feed.xml",
    )
    (item,) = channel.findall("item")
    guid = item.find("guid")
    assert guid.text == "tag:vigie-sante.fr,2024:2025/article-1"
    assert guid.get("isPermaLink") == "false"
    assert item.findtext("link") == "https://vigie-sante.fr/2025/article-1/"
    assert [c.text for c in item.findall(f"{DC}creator")] == [
        "Alice Martin",
        "Bruno Durand",
    ]
    # RSS <author> must hold an e-mail address: not used.
    assert item.find("author") is None
    assert item.findtext("pubDate") == "Sat, 01 Mar 2025 09:30:00 +0100"
    assert item.findtext(f"{ATOM}updated") == "2025-04-02T08:00:00+02:00"
    assert [c.text for c in item.findall("category")] == [
        "#TousCyberVigilants",
        "Tribune",
    ]
    assert item.findtext("description") == "<p>Résumé 1</p>"
    assert item.findtext(f"{CONTENT}encoded") == "<p>Contenu 1</p>"

    (entry,) = parsed.entries
    assert entry.id == "tag:vigie-sante.fr,2024:2025/article-1"
    assert not entry.guidislink
    assert entry.content[0].value == "<p>Contenu 1</p>"
    assert entry.summary == "<p>Résumé 1</p>"


def test_rss_last_build_date_is_the_newest_entry_date():
    feed = new_feed(VigieRssFeed)
    add_entry(feed, 2)
    add_entry(feed, 5)
    tree, _ = parse(feed)
    assert tree.findtext("channel/lastBuildDate") == "Wed, 05 Mar 2025 09:30:00 +0100"


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_single_author_name_is_kept(feed_class):
    feed = new_feed(feed_class)
    add_entry(feed, authors=(), author_name="Claire Petit")
    _, parsed = parse(feed)
    assert [author.name for author in parsed.entries[0].authors] == ["Claire Petit"]


# Determinism -------------------------------------------------------------------


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_same_input_gives_same_bytes(feed_class):
    def build():
        feed = new_feed(feed_class)
        for number in (3, 2, 1):
            add_entry(feed, number)
        return written(feed)

    first = build()
    assert build() == first


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_empty_feed_has_a_fixed_date(feed_class):
    default = written(new_feed(feed_class))
    assert written(new_feed(feed_class)) == default
    tree = etree.fromstring(default)
    date_text = tree.findtext(f"{ATOM}updated") or tree.findtext(
        "channel/lastBuildDate"
    )
    assert date_text.startswith(("1970-01-01T00:00:00", "Thu, 01 Jan 1970"))

    chosen = datetime.datetime(2024, 9, 1, tzinfo=PARIS)
    tree = etree.fromstring(written(new_feed(feed_class, empty_feed_date=chosen)))
    date_text = tree.findtext(f"{ATOM}updated") or tree.findtext(
        "channel/lastBuildDate"
    )
    assert date_text in ("2024-09-01T00:00:00+02:00", "Sun, 01 Sep 2024 00:00:00 +0200")
    assert EMPTY_FEED_DATE.year == 1970


def feed_date(data: bytes) -> str:
    tree = etree.fromstring(data)
    return tree.findtext(f"{ATOM}updated") or tree.findtext("channel/lastBuildDate")


# Refused input -----------------------------------------------------------------


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_naive_dates_are_refused(feed_class):
    feed = new_feed(feed_class)
    with pytest.raises(ValueError, match="pubdate"):
        add_entry(feed, pubdate=datetime.datetime(2025, 3, 1, 9, 30))
    with pytest.raises(ValueError, match="updateddate"):
        add_entry(feed, updateddate=datetime.datetime(2025, 3, 1, 9, 30))
    with pytest.raises(ValueError, match="empty_feed_date"):
        new_feed(feed_class, empty_feed_date=datetime.datetime(2025, 1, 1))


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_an_entry_without_id_is_refused(feed_class):
    feed = new_feed(feed_class)
    with pytest.raises(ValueError, match="no id"):
        add_entry(feed, unique_id="")


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
def test_a_feed_without_its_own_url_is_refused(feed_class):
    with pytest.raises(ValueError, match="feed_url"):
        new_feed(feed_class, feed_url=None)


# Characters XML forbids --------------------------------------------------------


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
@pytest.mark.parametrize("bad", ["\x0b", "\x0c", "\x1b", "\x00", "\ufffe", NASTY])
def test_forbidden_characters_in_every_field_are_removed(feed_class, bad):
    feed = new_feed(
        feed_class,
        title=f"Vi{bad}gie",
        description=f"Le{bad} site",
    )
    add_entry(
        feed,
        title=f"Ti{bad}tre",
        description=f"<p>Ré{bad}sumé</p>",
        content=f"<p>Con{bad}tenu</p>",
        authors=[f"Ali{bad}ce", f"Bru{bad}no"],
        categories=[f"#Tous{bad}Cyber", f"Tri{bad}bune"],
        unique_id=f"tag:vigie-sante.fr,2024:a{bad}b",
    )
    _, parsed = parse(feed)
    assert parsed.feed.title == "Vigie"
    entry = parsed.entries[0]
    assert entry.title == "Titre"
    assert entry.summary == "<p>Résumé</p>"
    assert entry.content[0].value == "<p>Contenu</p>"
    assert [author.name for author in entry.authors] == ["Alice", "Bruno"]
    assert [tag.term for tag in entry.tags] == ["#TousCyber", "Tribune"]
    assert entry.id == "tag:vigie-sante.fr,2024:ab"


FIELD_TEXT = st.text(alphabet=st.characters(codec=None), max_size=60)


@pytest.mark.parametrize("feed_class", FEED_CLASSES)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=FIELD_TEXT,
    summary=FIELD_TEXT,
    content=FIELD_TEXT,
    author=FIELD_TEXT,
    category=FIELD_TEXT,
    feed_title=FIELD_TEXT,
)
def test_any_text_in_any_field_gives_a_well_formed_feed(  # noqa: PLR0917
    feed_class, title, summary, content, author, category, feed_title
):
    feed = new_feed(feed_class, title=feed_title, description=summary)
    add_entry(
        feed,
        title=title,
        description=summary,
        content=content,
        authors=[author],
        categories=[category],
    )
    tree, parsed = parse(feed)
    assert len(parsed.entries) == 1
    # What an XML parser reads back is the text minus the forbidden characters
    # (and a CR in element text read as LF, as XML requires).
    title_element = tree.find(f"{ATOM}entry/{ATOM}title")
    if title_element is None:
        title_element = tree.find("channel/item/title")
    expected = strip_illegal_xml_chars(title).replace("\r\n", "\n").replace("\r", "\n")
    assert (title_element.text or "") == expected
