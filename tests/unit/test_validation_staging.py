"""Swapping a freshly built site in place of output/."""

import os

from validation.staging import remove_tree, staging_path, start_skeleton, swap_in


def tree(root):
    return {
        str(path.relative_to(root)): path.read_text()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def make(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_staging_sits_beside_the_output(tmp_path):
    staging = staging_path(str(tmp_path / "output"))
    assert os.path.dirname(staging) == str(tmp_path)
    assert os.path.basename(staging).startswith("output-staging-")


def test_swap_replaces_the_whole_site_and_leaves_nothing_behind(tmp_path):
    output = make(tmp_path / "output", {"old.html": "vieux", "a/index.html": "A1"})
    staging = make(tmp_path / "new", {"a/index.html": "A2", "b.html": "B"})
    swap_in(str(staging), str(output))
    assert tree(output) == {"a/index.html": "A2", "b.html": "B"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_swap_into_a_missing_output(tmp_path):
    staging = make(tmp_path / "new", {"index.html": "x"})
    swap_in(str(staging), str(tmp_path / "output"))
    assert tree(tmp_path / "output") == {"index.html": "x"}


def test_output_retention_entries_are_kept(tmp_path):
    output = make(tmp_path / "output", {".git/HEAD": "ref", "CNAME": "x.fr", "o": "1"})
    staging = make(tmp_path / "new", {"index.html": "x"})
    swap_in(str(staging), str(output), [".git", "CNAME", "absent"])
    assert tree(output) == {".git/HEAD": "ref", "CNAME": "x.fr", "index.html": "x"}


def test_a_symlinked_output_keeps_its_link(tmp_path):
    real = make(tmp_path / "real", {"old": "1"})
    (tmp_path / "output").symlink_to(real)
    staging = make(tmp_path / "real-new", {"new": "2"})
    swap_in(str(staging), str(tmp_path / "output"))
    assert (tmp_path / "output").is_symlink()
    assert tree(tmp_path / "output") == {"new": "2"}


def test_remove_tree_is_quiet_when_absent(tmp_path):
    remove_tree(str(tmp_path / "absent"))
    remove_tree(str(make(tmp_path / "x", {"a/b": "c"})))
    assert not (tmp_path / "x").exists()


def test_the_former_folders_are_made_early_and_empty_ones_pruned(tmp_path):
    output = make(
        tmp_path / "output",
        {"a/b/index.html": "1", "gone/x/index.html": "2", ".git/HEAD": "ref"},
    )
    staging = str(tmp_path / "output-staging")
    start_skeleton(staging, str(output), [".git"])
    make(tmp_path / "output-staging", {"a/b/index.html": "new", "c/index.html": "3"})
    swap_in(staging, str(output), [".git"])
    folders = sorted(
        str(p.relative_to(output)) for p in output.rglob("*") if p.is_dir()
    )
    assert folders == [".git", "a", "a/b", "c"]
    assert tree(output) == {
        ".git/HEAD": "ref",
        "a/b/index.html": "new",
        "c/index.html": "3",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_failed_build_removes_the_folders_being_made(tmp_path):
    output = make(
        tmp_path / "output", {f"{n}/{m}/f": "x" for n in range(20) for m in range(20)}
    )
    staging = str(tmp_path / "output-staging")
    start_skeleton(staging, str(output))
    remove_tree(staging)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert len(tree(output)) == 400
