"""Incremental rebuilds: the same site as a clean build, unchanged files kept."""

import hashlib
import shutil

import pytest

from tests.conftest import run_build, write_files

NO_SEARCH = {"SEARCH_INDEX": False}
SITE = {
    "authors/ana.md": "Name: Ana Duval\nRole: RSSI\n\nAna protège.\n",
    "authors/bob.md": "Name: Bob Martin\n\nBob écrit.\n",
    "campaigns/touscybervigilants.md": (
        "Title: Tous cyber-vigilants\nHashtag: #TOUSCYBERVIGILANTS\n"
        "Start: 2020-01-01\nEnd: 2099-12-31\n\nLa campagne.\n"
    ),
    "pages/a-propos.md": "Title: À propos\n\nL'association.\n",
}
for number in range(1, 9):
    tags = "#TOUSCYBERVIGILANTS #MotDePasse" if number % 2 else "#Sauvegarde"
    SITE[f"posts/2025/billet-{number}.md"] = (
        f"Title: Billet {number}\nDate: 2025-0{number}-10 10:00\n"
        f"Author: {'ana' if number % 3 else 'bob'}\n"
        f"Category: {'Tribune' if number % 2 else 'Actualité'}\nHashtags: {tags}\n\n"
        f"Premier paragraphe du billet {number}.\n\nSuite du billet {number}.\n"
    )


def tree(folder):
    """Every file of a folder with the hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def edit(path, old, new):
    """Replace text in a content file."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), "utf-8")


EDITS = {
    "body": lambda c: edit(
        c / "posts/2025/billet-3.md", "Suite du billet 3.", "Suite réécrite."
    ),
    "summary": lambda c: edit(
        c / "posts/2025/billet-3.md", "Premier paragraphe", "Premières lignes"
    ),
    "title": lambda c: edit(c / "posts/2025/billet-3.md", "Billet 3\n", "Titre neuf\n"),
    "hashtag-added": lambda c: edit(
        c / "posts/2025/billet-2.md", "#Sauvegarde", "#Sauvegarde #Nouveau"
    ),
    "hashtag-removed": lambda c: edit(c / "posts/2025/billet-1.md", " #MotDePasse", ""),
    "post-added": lambda c: (c / "posts/2025/billet-9.md").write_text(
        "Title: Neuvième\nDate: 2025-09-10 10:00\nAuthor: bob\n"
        "Hashtags: #MotDePasse\n\nNeuf.\n",
        "utf-8",
    ),
    "post-deleted": lambda c: (c / "posts/2025/billet-4.md").unlink(),
    "author-edited": lambda c: edit(c / "authors/ana.md", "RSSI", "DPO"),
    "campaign-edited": lambda c: edit(
        c / "campaigns/touscybervigilants.md", "La campagne.", "Une campagne."
    ),
}


@pytest.mark.parametrize("change", EDITS)
def test_rebuild_equals_a_clean_build(tmp_path, change):
    content = write_files(tmp_path / "content", SITE)
    output = tmp_path / "output"
    first = run_build(content, output, overrides=NO_SEARCH)
    assert first.returncode == 0, first.log
    before = {p: output.joinpath(p).stat().st_ino for p in tree(output)}
    EDITS[change](content)
    rebuilt = run_build(content, output, overrides=NO_SEARCH)
    assert rebuilt.returncode == 0, rebuilt.log
    clean = run_build(
        content, tmp_path / "clean", overrides={**NO_SEARCH, "INCREMENTAL": False}
    )
    assert clean.returncode == 0, clean.log
    rebuilt_tree, clean_tree = tree(output), tree(tmp_path / "clean")
    rebuilt_tree.pop(".vigie-pages.json")
    assert rebuilt_tree == clean_tree
    kept = [
        p for p in rebuilt_tree if output.joinpath(p).stat().st_ino == before.get(p)
    ]
    assert "a-propos/index.html" in kept  # untouched: same file, same date


def test_nothing_changed_rewrites_nothing(tmp_path):
    content = write_files(tmp_path / "content", SITE)
    output = tmp_path / "output"
    assert run_build(content, output, overrides=NO_SEARCH).returncode == 0
    before = {
        p: (output.joinpath(p).stat().st_ino, output.joinpath(p).stat().st_mtime_ns)
        for p in tree(output)
    }
    assert run_build(content, output, overrides=NO_SEARCH).returncode == 0
    after = {
        p: (output.joinpath(p).stat().st_ino, output.joinpath(p).stat().st_mtime_ns)
        for p in tree(output)
    }
    assert after == before


def test_two_clean_builds_are_byte_identical(tmp_path):
    content = write_files(tmp_path / "content", SITE)
    shutil.copytree("content/images", content / "images", dirs_exist_ok=True)
    first = run_build(content, tmp_path / "a", overrides={"INCREMENTAL": False})
    second = run_build(content, tmp_path / "b", overrides={"INCREMENTAL": False})
    assert first.returncode == second.returncode == 0, first.log
    # Pagefind's filter index comes out in a different order on each run (its
    # own hash maps): the search index is the one part not compared.
    trees = [
        {
            p: h
            for p, h in tree(tmp_path / name).items()
            if not p.startswith("pagefind/")
        }
        for name in ("a", "b")
    ]
    assert (tmp_path / "a/pagefind/pagefind-entry.json").is_file()
    assert len(trees[0]) > 50
    assert trees[0] == trees[1]


# Problems that the per-file caches keep (the reader's, validation's header
# rules', and the inline hashtags campaigns warns about): each must be reported
# again on every build, as a build without caches reports it.
FLAWED = {
    **SITE,
    "posts/2025/billet-faux.md": (
        "Title: Faux\nDate: 2025-02-30 10:00\nAuthor: anna\nCouleur: bleue\n"
        "Hashtags: #MotDePasse\n\nUn texte\x0b à revoir.\n"
    ),
    "posts/2025/billet-dieses.md": (
        "Title: Dièses\nDate: 2025-02-10 10:00\nAuthor: ana\nCouleur: verte\n"
        "Hashtags: #2025 #MotDePasse\n\nUn texte\x0c avec #TOUSCYBERVIGILANT.\n"
    ),
}


def file_problems(build):
    """The lines of a build's log that name a content file, in order."""
    return [line for line in build.log.splitlines() if "content/posts/" in line]


def test_problems_of_cached_files_are_reported_on_every_build(tmp_path):
    content = write_files(tmp_path / "content", FLAWED)
    cached = {**NO_SEARCH, "CACHE_PATH": str(tmp_path / "cache")}
    first, second = (
        run_build(content, tmp_path / "output", overrides=cached) for _ in range(2)
    )
    clean = run_build(
        content, tmp_path / "clean", overrides={**NO_SEARCH, "INCREMENTAL": False}
    )
    assert first.returncode == second.returncode == clean.returncode == 1
    assert file_problems(first) == file_problems(second) == file_problems(clean)
    expected = ("30", "anna", "Couleur", "contrôle", "#2025", "#TOUSCYBERVIGILANT")
    for words in expected:
        assert any(words in line for line in file_problems(second)), words
    # The header rules' cache depends on the author files too.
    write_files(content, {"authors/anna.md": "Name: Anna Lévy\n\nAnna écrit.\n"})
    fixed = run_build(content, tmp_path / "output", overrides=cached)
    assert not any("anna" in line for line in file_problems(fixed))
    assert any("30" in line for line in file_problems(fixed))
