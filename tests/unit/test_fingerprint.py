import datetime as dt
from dataclasses import dataclass

from incremental.fingerprint import Fingerprinter
from markupsafe import Markup
from pelican.paginator import Paginator


class Post:
    """A stand-in for a Pelican post: source_path and metadata."""

    def __init__(self, path, title, **extra):
        self.source_path = path
        self.metadata = {"title": title}
        self.title = title
        self.settings = {"ignored": object()}
        self.__dict__.update(extra)


@dataclass(frozen=True)
class Profile:
    name: str


def fp(value):
    return Fingerprinter().of(value)


def test_same_data_same_fingerprint_across_instances():
    assert fp(Post("a.md", "A")) == fp(Post("a.md", "A"))
    assert fp({"b": [1, "x"], "a": (None, True)}) == fp(
        {"a": (None, True), "b": [1, "x"]}
    )


def test_every_kind_of_change_is_seen():
    base = fp(Post("a.md", "A", date=dt.datetime(2025, 1, 1)))
    assert fp(Post("a.md", "B", date=dt.datetime(2025, 1, 1))) != base
    assert fp(Post("a.md", "A", date=dt.datetime(2025, 1, 2))) != base
    assert fp(Post("b.md", "A", date=dt.datetime(2025, 1, 1))) != base


def test_strings_lists_and_markup_are_not_confused():
    assert fp(["ab", "c"]) != fp(["a", "bc"])
    assert fp("1") != fp(1)
    assert fp(Markup("<b>x</b>")) == fp("<b>x</b>")
    assert fp((1, 2)) != fp([1, 2])


def test_a_neighbours_change_changes_the_page():
    neighbour = Post("b.md", "Voisin")
    page = Post("a.md", "A", related=[neighbour])
    before = fp(page)
    neighbour.title = "Voisin renommé"
    assert Fingerprinter().of(page) != before


def test_cycles_end():
    first, second = Post("a.md", "A"), Post("b.md", "B")
    first.next_post, second.previous_post = second, first
    assert len(fp(first)) == 64


def test_settings_and_addresses_do_not_make_fingerprints_unstable():
    assert fp(Post("a.md", "A", helper=object())) == fp(
        Post("a.md", "A", helper=object())
    )
    assert fp({"f": len, "g": fp}) == fp({"f": len, "g": fp})


def test_dataclasses_and_sets():
    assert fp(Profile("Ana")) != fp(Profile("Bob"))
    assert fp({"x", "y"}) == fp({"y", "x"})


def test_memory_is_per_build_and_keeps_values_alive():
    fingerprinter = Fingerprinter()
    items = [Post("a.md", "A")]
    first = fingerprinter.of(items)
    items[0].title = "changé"
    assert fingerprinter.of(items) == first  # one build: lists are fixed
    assert Fingerprinter().of(items) != first


def test_bodies_count_unless_left_out():
    neighbour = Post("b.md", "Voisin", _content="<p>Corps</p>")
    page = Post("a.md", "A", _content="<p>Texte</p>", related=[neighbour])
    page.metadata["summary"] = "Résumé"
    with_bodies, without = fp([page]), Fingerprinter().of([page], bodies=False)
    neighbour._content = "<p>Corps réécrit</p>"
    assert fp([page]) == with_bodies  # a neighbour's body is never shown
    page._content = "<p>Texte réécrit</p>"
    assert fp([page]) != with_bodies  # a feed shows each post's body
    assert Fingerprinter().of([page], bodies=False) == without  # a listing does not
    page.title = "Nouveau titre"
    assert Fingerprinter().of([page], bodies=False) != without


def test_each_post_is_encoded_once_per_build():
    posts = [Post(f"{n}.md", str(n)) for n in range(3)]
    for post in posts:
        post.related = [other for other in posts if other is not post]
    fingerprinter = Fingerprinter()
    fingerprinter.of(posts)
    encoded = [key for key in fingerprinter._memo if key[1] == "inside"]
    assert len(encoded) == len({id(post) for post in posts}) + len(posts)


def test_a_listing_page_is_encoded_once_whatever_its_copies():
    settings = {
        "DEFAULT_ORPHANS": 0,
        "PAGINATION_PATTERNS": [(1, "{url}", "{save_as}")],
    }
    posts = [Post(f"{n}.md", str(n)) for n in range(5)]
    paginator = Paginator("index.html", "", posts, settings, 2)
    fingerprinter = Fingerprinter()
    first = fingerprinter.of(paginator.page(2))
    assert fingerprinter.of(paginator.page(2)) == first == fp(paginator.page(2))
    assert fingerprinter.of(paginator.page(3)) != first
    pages = [key for key in fingerprinter._memo if len(key) == 3]
    assert len(pages) == 2


def test_a_body_counts_in_listings_when_it_gives_the_summary():
    post = Post("a.md", "A", _content="<p>Texte</p>")
    listing = Fingerprinter().of([post], bodies=False)
    post._content = "<p>Texte réécrit</p>"
    assert Fingerprinter().of([post], bodies=False) != listing
    post.metadata["summary"] = "Résumé"
    summarised = Fingerprinter().of([post], bodies=False)
    post._content = "<p>Encore</p>"
    assert Fingerprinter().of([post], bodies=False) == summarised
