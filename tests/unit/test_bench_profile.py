"""Grouping of a cProfile run by owner (tools/bench/profile.py), on made-up stats."""

from pathlib import Path

import pytest

from tools.bench.profile import label, own_time_by_owner, owner, plugin_entries

REPO = Path("/r/vigie")
SITE = "/r/vigie/.venv/lib/python3.11/site-packages"

SIGNAL = (f"{SITE}/blinker/base.py", 204, "send")
HANDLER = ("/r/vigie/plugins/feeds/plugin.py", 168, "write_feeds")
LIBRARY = (f"{SITE}/feedgenerator/django/utils/feedgenerator.py", 262, "writeString")
CALLBACK = ("/r/vigie/plugins/feeds/writer.py", 141, "write")
JOIN = ("~", 0, "<method 'join' of 'str' objects>")
TEMPLATE = ("/r/vigie/theme/templates/article.html", 4, "root")
FILTER = ("/r/vigie/plugins/french/dates.py", 32, "datetime_fr")

# (primitive calls, calls, own time, cumulative time, {caller: edge}); an
# edge is the same four figures for the calls from that caller.
STATS = {
    SIGNAL: (1, 1, 0.5, 10.0, {}),
    HANDLER: (1, 1, 1.0, 9.5, {SIGNAL: (1, 1, 1.0, 9.5)}),
    LIBRARY: (2, 2, 2.0, 8.5, {HANDLER: (2, 2, 2.0, 8.5)}),
    CALLBACK: (5, 5, 3.0, 6.5, {LIBRARY: (5, 5, 3.0, 6.5)}),
    JOIN: (9, 9, 3.5, 3.5, {CALLBACK: (6, 6, 3.0, 3.0), TEMPLATE: (3, 3, 0.5, 0.5)}),
    TEMPLATE: (1, 1, 0.2, 1.0, {}),
    FILTER: (4, 4, 0.3, 0.3, {TEMPLATE: (4, 4, 0.3, 0.3)}),
}


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("/r/vigie/plugins/campaigns/hashtags.py", "plugin campaigns"),
        ("/r/vigie/theme/templates/partials/post_card.html", "our templates"),
        (f"{SITE}/pelican/contents.py", "pelican"),
        (f"{SITE}/markupsafe/__init__.py", "jinja2"),
        (f"{SITE}/six.py", "six"),
        ("/usr/lib/python3.11/posixpath.py", "stdlib"),
        ("<frozen posixpath>", "stdlib"),
        ("/r/vigie/pelicanconf.py", "ours (other)"),
        ("~", "builtins"),
    ],
)
def test_owner(filename, expected):
    assert owner(filename, REPO) == expected


def test_builtin_time_is_charged_to_its_callers():
    totals = own_time_by_owner(STATS, REPO)
    assert totals["plugin feeds"] == pytest.approx(1.0 + 3.0 + 3.0)
    assert totals["our templates"] == pytest.approx(0.2 + 0.5)
    assert "builtins" not in totals


def test_plugin_time_counts_calls_from_the_build_not_library_callbacks():
    entries = plugin_entries(STATS, REPO)
    assert entries["plugin feeds"] == [
        ("plugins/feeds/plugin.py:168(write_feeds)", 9.5)
    ]
    assert entries["plugin french"] == [
        ("plugins/french/dates.py:32(datetime_fr)", 0.3)
    ]


def test_labels_are_short():
    assert label(LIBRARY, REPO) == (
        "feedgenerator/django/utils/feedgenerator.py:262(writeString)"
    )
    assert label(HANDLER, REPO) == "plugins/feeds/plugin.py:168(write_feeds)"
    assert label(JOIN, REPO) == "<method 'join' of 'str' objects>"
