"""Read feeds with Debian's newsboat, a real feed reader, and report what it kept.

newsboat is run the way a subscriber's machine would run it, headless:

    HOME=$d newsboat -q -u $d/urls -c $d/cache.db -C $d/config -x reload

then its cache database is read with sqlite3. Two facts shape this helper:
- newsboat exits 0 even when a feed is missing (404) or unreadable, so its
  exit code proves nothing: we count rows of `rss_item` and keep its error log;
- newsboat matches items by id across all the feeds of one cache (an entry of
  a campaign feed is also in the site feed), so each feed gets its own cache.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SETUP_HINT = "install it with `bash tools/install-program.sh newsboat` (make test does)"
# Proxy settings would send requests for 127.0.0.1 elsewhere.
_PROXY_VARIABLES = frozenset(
    {"http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"}
)


class NewsboatMissingError(RuntimeError):
    """newsboat is not installed: the feed-reader tests cannot run."""


class NewsboatFailedError(RuntimeError):
    """newsboat did not leave a cache database behind."""


@dataclass(frozen=True)
class NewsboatItem:
    """One item as newsboat stored it."""

    guid: str
    title: str
    url: str
    author: str
    pub_date: int
    content: str


@dataclass(frozen=True)
class NewsboatFeed:
    """What newsboat kept of one feed: its items, and the errors it logged."""

    feed_url: str
    title: str | None
    items: tuple[NewsboatItem, ...]
    errors: str

    @property
    def item_count(self) -> int:
        """Return how many rows newsboat stored in `rss_item` for this feed."""
        return len(self.items)


def newsboat_path() -> str:
    """Return the newsboat executable, or fail with what to do about it."""
    found = shutil.which("newsboat")
    if found is None:
        raise NewsboatMissingError(f"newsboat is not on PATH: {SETUP_HINT}")
    return found


def read_feeds(
    feed_urls: Sequence[str], workdir: Path, timeout: float = 60.0
) -> list[NewsboatFeed]:
    """Fetch each feed with newsboat, one cache per feed, all in parallel."""
    executable = newsboat_path()
    runs = []
    for index, feed_url in enumerate(feed_urls):
        home = workdir / f"newsboat-{index}"
        home.mkdir(parents=True)
        (home / "urls").write_text(feed_url + "\n", encoding="utf-8")
        (home / "config").write_text(
            f'error-log "{home / "error.log"}"\n', encoding="utf-8"
        )
        command = [
            executable,
            "-q",
            "-u",
            str(home / "urls"),
            "-c",
            str(home / "cache.db"),
            "-C",
            str(home / "config"),
            "-x",
            "reload",
        ]
        process = subprocess.Popen(
            command,
            env=_environment(home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        runs.append((feed_url, home, process))
    return [
        _collect(feed_url, home, process, timeout) for feed_url, home, process in runs
    ]


def _environment(home: Path) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in _PROXY_VARIABLES
    }
    environment.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        # newsboat converts text to the locale's charset: keep it UTF-8.
        LC_ALL="C.UTF-8",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    return environment


def _collect(
    feed_url: str, home: Path, process: subprocess.Popen[str], timeout: float
) -> NewsboatFeed:
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise NewsboatFailedError(
            f"newsboat took more than {timeout:.0f} s to read {feed_url}"
        ) from None
    error_log = home / "error.log"
    errors = error_log.read_text(encoding="utf-8") if error_log.exists() else ""
    cache = home / "cache.db"
    if not cache.exists():
        raise NewsboatFailedError(
            f"newsboat left no cache for {feed_url} (exit code {process.returncode}): "
            f"{output.strip()} {errors.strip()}"
        )
    with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as database:
        feed_row = database.execute(
            "SELECT title FROM rss_feed WHERE rssurl = ?", (feed_url,)
        ).fetchone()
        rows = database.execute(
            "SELECT guid, title, url, author, pubDate, content FROM rss_item "
            "ORDER BY pubDate DESC, id"
        ).fetchall()
    database.close()
    return NewsboatFeed(
        feed_url=feed_url,
        title=feed_row[0] if feed_row else None,
        items=tuple(NewsboatItem(*row) for row in rows),
        errors=errors,
    )
