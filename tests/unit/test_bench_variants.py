"""The benchmark's edits, rebuild command and shared/ lookup (no build is run)."""

from pathlib import Path

import pytest

from tools.bench.variants import (
    ADDED_PARAGRAPH,
    edit_body,
    edit_hashtags,
    our_cold_build,
    our_rebuild,
    pick_post,
)
from tools.bench.workspace import BenchSetupError, shared_dir

POST = (
    "Title: Sauvegardes\n"
    "Date: 2024-03-01 08:00\n"
    "Hashtags: #Rançongiciel, #MotDePasse\n"
    "\n"
    "Premier paragraphe avec #Hameçonnage.\n"
)


def test_edit_body_adds_a_paragraph_and_keeps_the_header():
    edited = edit_body(POST)
    header, body = edited.split("\n\n", 1)
    assert header == POST.split("\n\n", 1)[0]
    assert body.endswith("\n\n" + ADDED_PARAGRAPH)
    assert body.startswith("Premier paragraphe")


def test_edit_hashtags_swaps_the_last_header_hashtag():
    edited = edit_hashtags(POST)
    assert "Hashtags: #Rançongiciel, #Sauvegarde\n" in edited
    assert edited.replace("#Sauvegarde", "#MotDePasse") == POST


def test_edit_hashtags_picks_a_campaign_the_post_lacks():
    post = POST.replace("#MotDePasse", "#sauvegarde")
    assert "Hashtags: #Rançongiciel, #MFA\n" in edit_hashtags(post)


def test_edit_hashtags_ignores_a_hashtags_line_in_the_body():
    post = "Title: T\n\nHashtags: #Phishing\n"
    with pytest.raises(ValueError, match="no Hashtags"):
        edit_hashtags(post)


def test_pick_post_takes_the_middle_post_with_hashtags(tmp_path):
    posts = tmp_path / "posts" / "2024"
    posts.mkdir(parents=True)
    for name in ("a", "b", "c"):
        (posts / f"{name}.md").write_text(POST, encoding="utf-8")
    (posts / "d.md").write_text("Title: D\n\nSans mot-dièse.\n", encoding="utf-8")
    assert pick_post(tmp_path) == posts / "b.md"


def test_our_builds_read_the_content_and_write_the_output():
    content, output = Path("/c/content"), Path("/o/site")
    for command in (
        our_cold_build(content, output),
        our_rebuild(content, output, Path("/s")),
    ):
        assert command.argv[command.argv.index("-o") + 1] == str(output)
        assert str(content) in command.argv


def make_shared(root: Path) -> Path:
    (root / "bench").mkdir(parents=True)
    (root / "bench" / "make_corpus.py").write_text("", encoding="utf-8")
    return root


def test_shared_is_found_beside_the_repo_first(tmp_path):
    beside = make_shared(tmp_path / "shared")
    other = make_shared(tmp_path / "elsewhere")
    found = shared_dir(tmp_path / "repo", {"VIGIE_SHARED": str(other)})
    assert found == beside.resolve()


def test_shared_falls_back_to_the_environment(tmp_path):
    other = make_shared(tmp_path / "elsewhere")
    assert shared_dir(tmp_path / "repo", {"VIGIE_SHARED": str(other)}) == other


def test_missing_shared_says_how_to_point_at_it(tmp_path):
    with pytest.raises(BenchSetupError, match="VIGIE_SHARED"):
        shared_dir(tmp_path / "repo", {})
