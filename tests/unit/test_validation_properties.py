"""Whatever a file holds, the reader and the validator answer, never crash."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_reader.headers import parse_source
from markdown_reader.reader import VigieMarkdownReader
from pelican.settings import read_settings
from validation import rules
from validation.collector import BuildCheck

from tests.strategies import ANY_TEXT, header_line, post_text

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site():
    """A content folder with one author, the repo's settings pointing at it."""
    with tempfile.TemporaryDirectory() as root:
        content = Path(root) / "content"
        (content / "authors").mkdir(parents=True)
        (content / "authors" / "ana.md").write_text("Name: Ana\n", encoding="utf-8")
        (content / "posts").mkdir()
        site_settings = read_settings(
            str(REPO / "pelicanconf.py"), override={"PATH": str(content)}
        )
        yield content, site_settings, VigieMarkdownReader(site_settings)


def read_and_check(site, data: bytes):
    """Read a file holding `data` as a post and check it: (issues, metadata)."""
    content, site_settings, reader = site
    path = content / "posts" / "hasard.md"
    path.write_bytes(data)
    html, metadata = reader.read(str(path))
    assert isinstance(html, str)
    check = BuildCheck(site_settings)
    check.check_file("post", metadata)
    return check, metadata


def assert_clear(check):
    """Every problem names the file, a line in it, a guide section, in French."""
    for issue in check.issues:
        assert issue.path == "content/posts/hasard.md"
        assert issue.problem.line >= 1
        assert issue.problem.anchor in rules.ANCHORS, issue
        assert issue.problem.message.strip()
        # The reader's safety net (an unexpected exception) must never be needed.
        assert "n'a pas pu être lu" not in issue.problem.message, issue


RELAXED = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@RELAXED
@given(post_text())
def test_any_post_is_read_and_checked_without_crashing(site, text):
    check, metadata = read_and_check(site, text.encode("utf-8"))
    assert_clear(check)
    if check.errors:
        assert metadata["status"] == "skip"
    else:
        assert metadata.get("title") and metadata.get("date")
        assert metadata.get("authors")


@RELAXED
@given(st.binary(max_size=300))
def test_any_bytes_are_read_and_checked_without_crashing(site, data):
    check, _ = read_and_check(site, data)
    assert_clear(check)


@RELAXED
@given(st.lists(header_line(), max_size=12), ANY_TEXT)
def test_rules_take_any_header(lines, body):
    fields = parse_source("\n".join(lines) + "\n\n" + body).fields
    for kind in rules.KEYS:
        problems = rules.check_keys(kind, fields)
        problems += rules.check_required(kind, fields)
        problems += rules.check_authors(fields, ["ana"], "content/authors")
        problems += rules.check_category(fields, rules.DEFAULT_CATEGORIES, str.strip)
        problems += rules.check_status(fields)
        problems += rules.check_slug(fields, str.strip)
        problems += rules.check_aliases(fields)
        problems += rules.check_id(fields)
        for problem in problems:
            assert problem.line >= 1
            assert problem.anchor in rules.ANCHORS


@pytest.fixture(scope="module")
def cache_settings(site):
    """The site's settings without caches, and with caches in a fresh folder."""
    _, site_settings, _ = site
    with tempfile.TemporaryDirectory() as cache:
        plain = {**site_settings, "INCREMENTAL": False}
        yield plain, {**site_settings, "INCREMENTAL": True, "CACHE_PATH": cache}


def never(*args):
    """Stands for a computation that a cached result must spare."""
    raise AssertionError("computed again")


def read_checked(site, site_settings, data: bytes, *, cached: bool = False):
    """What the reader and validation make of a post, all of it comparable."""
    path = site[0] / "posts" / "hasard.md"
    path.write_bytes(data)
    reader, check = VigieMarkdownReader(site_settings), BuildCheck(site_settings)
    if cached:
        reader.parse_file = check._header_rules = never
    html, metadata = reader.read(str(path))
    reading = metadata["reading"]
    check.check_file("post", metadata)
    return html, metadata, reading.fields, reading.problems, check.issues


@RELAXED
@given(st.one_of(post_text().map(str.encode), st.binary(max_size=300)))
def test_a_cached_reading_and_check_equal_fresh_ones(site, cache_settings, data):
    plain, incremental = cache_settings
    fresh = read_checked(site, plain, data)
    assert read_checked(site, incremental, data) == fresh
    assert read_checked(site, incremental, data, cached=True) == fresh
