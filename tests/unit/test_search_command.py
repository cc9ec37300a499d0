"""How the build calls Pagefind, and how it reads its report."""

import shutil

from search import plugin
from search.pagefind import indexed_pages, pagefind_command


def test_command_indexes_the_folder_it_is_given():
    command = pagefind_command("/bin/pagefind", "/tmp/build-123")
    assert command[0] == "/bin/pagefind"
    assert command[command.index("--site") + 1] == "/tmp/build-123"
    assert command[command.index("--output-subdir") + 1] == "pagefind"


def test_indexed_pages_from_the_report():
    report = "Total:\n  Indexed 1 language\n  Indexed 17 pages\n  Indexed 2400 words\n"
    assert indexed_pages(report) == 17
    assert indexed_pages("Indexed 1 page") == 1
    assert indexed_pages("nothing") is None


class FakePelican:
    def __init__(self, output_path):
        self.settings = {"SEARCH_INDEX": True}
        self.output_path = str(output_path)


def test_a_failing_pagefind_is_a_build_error(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(plugin, "pagefind_executable", lambda: shutil.which("false"))
    plugin.index_site(FakePelican(tmp_path))
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    assert "Pagefind n'a pas pu indexer le site" in caplog.text


def test_a_missing_pagefind_is_a_build_error(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(plugin, "pagefind_executable", lambda: None)
    plugin.index_site(FakePelican(tmp_path))
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    assert "Pagefind est introuvable" in caplog.text


def test_indexing_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setattr(plugin, "pagefind_executable", lambda: "/nonexistent")
    pelican = FakePelican(tmp_path)
    pelican.settings["SEARCH_INDEX"] = False
    plugin.index_site(pelican)
    assert not (tmp_path / "pagefind").exists()


def test_the_pinned_binary_is_installed():
    assert plugin.pagefind_executable()
