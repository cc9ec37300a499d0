"""Incremental rebuilds: the same site as a clean build, unchanged files kept."""

import hashlib
import json
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


def stamps(folder):
    """Every file's inode and modification time: what a rewrite would change."""
    return {
        p: (folder.joinpath(p).stat().st_ino, folder.joinpath(p).stat().st_mtime_ns)
        for p in tree(folder)
    }


def built_site(tmp_path, site=SITE):
    """A site built once, as `make html` does: its content and output folders."""
    content = write_files(tmp_path / "content", site)
    output = tmp_path / "output"
    first = run_build(content, output, overrides=NO_SEARCH)
    assert first.returncode == 0, first.log
    return content, output


def test_nothing_changed_skips_the_whole_build(tmp_path):
    content, output = built_site(tmp_path)
    before = stamps(output)
    again = run_build(content, output, overrides=NO_SEARCH)
    assert again.returncode == 0, again.log
    assert "Rien n'a changé depuis la dernière construction" in again.log
    assert "est à jour" in again.log and "8 articles publiés" in again.log
    assert "Site construit" not in again.log
    assert stamps(output) == before


def test_without_the_build_record_unchanged_pages_are_still_kept(tmp_path):
    content, output = built_site(tmp_path)
    before = stamps(output)
    fresh_cache = {"VIGIE_CACHE_PATH": str(tmp_path / "other-cache")}
    again = run_build(content, output, overrides=NO_SEARCH, env=fresh_cache)
    assert again.returncode == 0, again.log
    assert "Site construit" in again.log  # a real build, page by page
    after = stamps(output)
    changed = [p for p in after if after[p] != before.get(p)]
    # Only the files every build writes anew (build marker, headers) differ.
    assert set(changed) <= {".vigie-pages.json", ".vigie-build.json", "_headers"}
    assert "index.html" not in changed and "a-propos/index.html" not in changed


# Hand-made changes to a built output folder.
TOUCHES = {
    "file-deleted": lambda out: (out / "a-propos/index.html").unlink(),
    "file-edited": lambda out: (out / "index.html").write_text("vide", "utf-8"),
    "file-added": lambda out: (out / "intrus.html").write_text("x", "utf-8"),
}


@pytest.mark.parametrize("touch", TOUCHES)
def test_a_touched_output_is_rebuilt(tmp_path, touch):
    content, output = built_site(tmp_path)
    expected = tree(output)
    TOUCHES[touch](output)
    again = run_build(content, output, overrides=NO_SEARCH)
    assert again.returncode == 0, again.log
    assert "Site construit" in again.log
    rebuilt = tree(output)
    # The page manifest holds the files' stamps: new files, new stamps.
    assert rebuilt.pop(".vigie-pages.json") and expected.pop(".vigie-pages.json")
    assert rebuilt == expected


def test_other_settings_rebuild(tmp_path):
    content, output = built_site(tmp_path)
    renamed = run_build(content, output, overrides={**NO_SEARCH, "SITENAME": "Vigie 2"})
    assert "Site construit" in renamed.log
    assert "Vigie 2" in (output / "index.html").read_text(encoding="utf-8")
    drafts = run_build(content, output, overrides=NO_SEARCH, env={"VIGIE_DRAFTS": "1"})
    assert "Site construit" in drafts.log


def test_a_skipped_build_repeats_the_warnings_and_strict_still_fails(tmp_path):
    site = {
        **SITE,
        "posts/2025/sans.md": (
            "Title: Sans dièse\nDate: 2025-01-02 10:00\nAuthor: ana\n\nRien.\n"
        ),
    }
    content = write_files(tmp_path / "content", site)
    output = tmp_path / "output"
    first = run_build(content, output, overrides=NO_SEARCH)
    warning = "posts/2025/sans.md:1: attention : l'article n'a aucun mot-dièse"
    assert first.returncode == 0 and warning in first.log, first.log
    again = run_build(content, output, overrides=NO_SEARCH)
    assert "Rien n'a changé" in again.log
    assert warning in again.log and "1 avertissement (voir plus haut)" in again.log
    strict = run_build(content, output, overrides=NO_SEARCH, env={"VIGIE_STRICT": "1"})
    assert strict.returncode == 1, strict.log
    fatal = run_build(
        content, output, overrides=NO_SEARCH, args=("--fatal", "warnings")
    )
    assert fatal.returncode == 1, fatal.log


def test_the_record_expires_when_a_scheduled_post_is_due(tmp_path):
    site = {
        **SITE,
        "posts/2025/futur.md": (
            "Title: Futur\nDate: 2098-01-01 10:00\nAuthor: ana\n"
            "Hashtags: #Sauvegarde\n\nPlus tard.\n"
        ),
    }
    content = write_files(tmp_path / "content", site)
    output = tmp_path / "output"
    cache = tmp_path / "cache"
    env = {"VIGIE_CACHE_PATH": str(cache)}
    assert run_build(content, output, overrides=NO_SEARCH, env=env).returncode == 0
    [record_file] = (cache / "builds").glob("*.json")
    record = json.loads(record_file.read_text(encoding="utf-8"))
    assert record["expires"].startswith("2098-01-01T")
    assert (
        "Rien n'a changé"
        in run_build(content, output, overrides=NO_SEARCH, env=env).log
    )
    # As if the date had come: the next build is a real one.
    record["expires"] = "2000-01-01T00:00:00+00:00"
    record_file.write_text(json.dumps(record), encoding="utf-8")
    due = run_build(content, output, overrides=NO_SEARCH, env=env)
    assert "Site construit" in due.log


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


def test_clean_builds_and_checks_never_skip(tmp_path):
    content, output = built_site(tmp_path)
    clean = run_build(content, output, overrides={**NO_SEARCH, "INCREMENTAL": False})
    assert "Site construit" in clean.log, clean.log
    check = run_build(
        content, output, overrides={**NO_SEARCH, "VALIDATION_CHECK_ONLY": True}
    )
    assert "Aucune erreur (vérification seule)" in check.log, check.log
