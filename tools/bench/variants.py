"""What each measured variant runs, and the edits made before a rebuild.

`our_rebuild` is the one place that says how we rebuild after an edit: as
`make html` does, incremental, its cache kept in `state` across the builds of
one round. Our cold build runs with no cache at all. Both leave the search
index (Pagefind) out of the timing: it is measured apart.
"""

import sys
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench.workspace import REPO

# Every variant runs under one UTF-8 locale, whatever the caller's.
LOCALE_ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
# As `make html` (validation fails the build on any error), without search.
PELICAN_FLAGS = ["--log-handler", "plain", "-e", "SEARCH_INDEX=false"]
ADDED_PARAGRAPH = (
    "Mise à jour : ce paragraphe a été ajouté pour mesurer une reconstruction.\n"
)
# The cache folder's records of builds (RECORDS_FOLDER, incremental/uptodate.py).
BUILD_RECORDS = "builds"
# Campaigns the hashtag edit swaps in; the first one the post lacks is used.
SWAP_HASHTAGS = ("#Sauvegarde", "#MFA", "#Phishing")


@dataclass(frozen=True)
class Command:
    """A program to time: its arguments, folder and extra environment."""

    argv: list[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)


def _our_build(content: Path, output: Path, *extra: str) -> list[str]:
    """The pelican command line of our build, as `make html` runs it."""
    argv = [sys.executable, "-m", "pelican", str(content), "-o", str(output)]
    return [*argv, "-s", str(REPO / "pelicanconf.py"), *PELICAN_FLAGS, *extra]


def our_cold_build(content: Path, output: Path) -> Command:
    """Our full build from nothing: every plugin on, no cache of any kind."""
    argv = _our_build(content, output, "INCREMENTAL=false")
    return Command(argv, REPO, dict(LOCALE_ENV))


def our_rebuild(content: Path, output: Path, state: Path) -> Command:
    """Our build after an edit, into the output (and `state`) of the last one.

    `state` is the cache folder kept across the builds of one writing
    session (rendered bodies); the page manifest lives in the output folder.
    """
    env = {**LOCALE_ENV, "VIGIE_CACHE_PATH": str(state)}
    return Command(_our_build(content, output), REPO, env)


def vanilla_pelican(venv: Path, content: Path, settings: Path, output: Path) -> Command:
    """Vanilla Pelican 4.12 with the anchor's settings (default theme, all feeds)."""
    argv = [str(venv / "bin" / "pelican"), str(content), "-s", str(settings)]
    argv += ["-o", str(output), "--log-handler", "plain"]
    return Command(argv, output.parent, dict(LOCALE_ENV))


def hugo(binary: Path, site: Path, output: Path) -> Command:
    """Hugo on the anchor's site folder (same posts in YAML front matter)."""
    argv = [str(binary), "--source", str(site), "--destination", str(output)]
    return Command([*argv, "--quiet"], output.parent, dict(LOCALE_ENV))


def pick_post(content: Path) -> Path:
    """Return the post the rebuild edits: the middle one that has hashtags."""
    posts = sorted((content / "posts").rglob("*.md"))
    with_hashtags = [
        path
        for path in posts
        if _hashtags_line(path.read_text(encoding="utf-8")) is not None
    ]
    if not with_hashtags:
        raise ValueError(f"no post with a Hashtags: header under {content}")
    return with_hashtags[len(with_hashtags) // 2]


def edit_body(text: str) -> str:
    """Return the post with one paragraph added at the end of its body."""
    return text.rstrip("\n") + "\n\n" + ADDED_PARAGRAPH


def edit_hashtags(text: str) -> str:
    """Return the post with its header's last hashtag swapped for another one."""
    lines = text.split("\n")
    index = _hashtags_line(text)
    if index is None:
        raise ValueError("the post has no Hashtags: header")
    name, _, value = lines[index].partition(":")
    hashtags = [tag.strip() for tag in value.split(",") if tag.strip()]
    present = {tag.casefold() for tag in hashtags}
    swap = next(tag for tag in SWAP_HASHTAGS if tag.casefold() not in present)
    lines[index] = f"{name}: " + ", ".join([*hashtags[:-1], swap])
    return "\n".join(lines)


def _hashtags_line(text: str) -> int | None:
    """Return the index of the header's `Hashtags:` line, if any."""
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            return None
        if line.partition(":")[0].strip().casefold() == "hashtags":
            return index
    return None
