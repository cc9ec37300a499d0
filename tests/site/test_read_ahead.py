"""Posts parsed ahead on every core give the site and messages of one core."""

import hashlib
import os

import pytest
from markdown_reader.read_ahead import MIN_FILES

from tests.conftest import run_build, write_files

SETTINGS = {"SEARCH_INDEX": False, "INCREMENTAL": False}
SITE = {
    "authors/ana.md": "Name: Ana Duval\n\nAna protège.\n",
    "posts/2025/faux.md": (
        "Title: Faux\nDate: 2025-01-09 10:00\nAuthor: ana\nCouleur: bleue\n"
        "Hashtags: #MotDePasse\n\nUn texte\x0b à revoir, #MotDePase.\n"
    ),
}
for number in range(MIN_FILES + 8):
    SITE[f"posts/2025/billet-{number}.md"] = (
        f"Title: Billet {number}\nDate: 2025-02-{1 + number % 28:02d} 10:00\n"
        f"Author: ana\nHashtags: #MotDePasse\n\n"
        f"Premier paragraphe {number}, *avec* [un lien](https://exemple.fr/).\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\nUne note[^1].\n\n[^1]: La note.\n"
    )


def tree(folder):
    """Every file of a folder with the hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def lines_about(build, name):
    """The lines of a build's log that name a file."""
    return [line for line in build.log.splitlines() if name in line]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_parsing_ahead_changes_nothing(tmp_path):
    content = write_files(tmp_path / "content", SITE)
    parallel = run_build(content, tmp_path / "parallel", overrides=SETTINGS)
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})  # the build inherits one core
    try:
        sequential = run_build(content, tmp_path / "sequential", overrides=SETTINGS)
    finally:
        os.sched_setaffinity(0, cores)
    assert parallel.returncode == sequential.returncode == 0, parallel.log
    assert tree(tmp_path / "parallel") == tree(tmp_path / "sequential")
    warnings = lines_about(parallel, "faux.md")
    assert len(warnings) >= 2  # control characters, unknown key, hashtag typo
    assert warnings == lines_about(sequential, "faux.md")
